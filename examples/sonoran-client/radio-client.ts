/**
 * A Sonoran Radio client shaped like the official JavaScript SDK (Sonoran.js) as far as a test double
 * is concerned: it starts with a readiness probe (`GET /v2/servers/:id/channels`), judges v1 answers
 * the SDK's way (a 400/401/404 JSON object is a "successful" call whose result is the body) and v2
 * answers by `response.ok`, and adds `roomId` to every v2 body. Point `radioApiUrl` at perm-mock.
 */
export interface RadioClientOptions {
  /** `https://api.sonoranradio.com` in production; the mock's URL in tests. */
  readonly radioApiUrl: string;
  readonly communityId: string;
  readonly apiKey: string;
  /** The room (multi-server) id v2 room-scoped calls use. */
  readonly radioRoomId?: number;
}

export type V1Result = { success: true; result: unknown } | { success: false; reason: unknown };
export type V2Result<T = unknown> = { success: true; data: T } | { success: false; reason: unknown };

export class RadioSetupError extends Error {
  constructor(readonly reason: unknown) {
    super(`radio setup unsuccessful: ${typeof reason === 'string' ? reason : JSON.stringify(reason)}`);
    this.name = 'RadioSetupError';
  }
}

async function readBody(res: Response, problemToo: boolean): Promise<unknown> {
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('application/json') || (problemToo && type.startsWith('application/problem+json'))) {
    return res.json();
  }
  return res.text();
}

export function createRadioClient({ radioApiUrl, communityId, apiKey, radioRoomId = 1 }: RadioClientOptions) {
  const base = radioApiUrl.replace(/\/+$/, '');
  const id = encodeURIComponent(communityId);
  const key = encodeURIComponent(apiKey);

  /** A v1 call, judged as the SDK's REST handler judges it. */
  async function v1(method: 'GET' | 'POST', path: string, body?: unknown): Promise<V1Result> {
    const res = await fetch(`${base}/${path}`, {
      method,
      headers: { Accept: 'application/json', ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const parsed = await readBody(res, false);
    if (res.ok) {
      const result = (parsed as { result?: unknown } | null)?.result ?? parsed;
      return { success: true, result };
    }
    if ([400, 401, 404].includes(res.status)) {
      const object = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
      if (object && (parsed as { authorized?: unknown }).authorized !== true) {
        return { success: true, result: (parsed as { result?: unknown }).result ?? parsed };
      }
      return { success: false, reason: parsed };
    }
    if (res.status >= 500) throw new Error(`Sonoran Radio answered ${res.status}`);
    return { success: true, result: null };
  }

  /** A v2 call: Bearer key, roomId in every body, success by response.ok. */
  async function v2<T = unknown>(
    method: string,
    path: string,
    options: { body?: object; query?: Record<string, unknown>; open?: boolean } = {},
  ): Promise<V2Result<T>> {
    const url = new URL(`${base}/${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.append(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.open !== true) headers.Authorization = `Bearer ${apiKey}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      ...(options.body !== undefined && { body: JSON.stringify({ ...options.body, roomId: radioRoomId }) }),
    });
    const parsed = await readBody(res, true);
    return res.ok ? { success: true, data: parsed as T } : { success: false, reason: parsed };
  }

  const server = `v2/servers/${id}`;
  const room = `${server}/rooms/${radioRoomId}`;

  const client = {
    getCommunityChannelsV2: () =>
      v2<{ groups: unknown[]; channels: { id: number; name: string; private: boolean }[] }>(
        'GET',
        `${server}/channels`,
      ),
    getMembersV2: (query: Record<string, string | number | boolean | undefined> = {}) =>
      v2<{
        members: {
          accId: string;
          displayName: string;
          permission: number;
          approved: boolean;
          pending: boolean;
          banned: boolean;
          profilePerms: { profileId: number; canJoin: boolean }[];
        }[];
        pagination: { total: number };
      }>('GET', `${server}/members`, { query }),
    setMemberPermissionsV2: (userPerms: unknown[]) =>
      v2('PATCH', `${server}/members/permissions`, { body: { userPerms } }),
    approveMembersV2: (accIds: string[]) => v2('POST', `${server}/members/approve`, { body: { accIds } }),
    kickMembersV2: (accIds: string[]) => v2('POST', `${server}/members/kick`, { body: { accIds } }),
    banMembersV2: (accIds: string[]) => v2('POST', `${server}/members/ban`, { body: { accIds } }),
    unbanMembersV2: (accIds: string[]) => v2('POST', `${server}/members/unban`, { body: { accIds } }),
    setMemberDisplayNamesV2: (accNicknames: { accId: string; nickname: string }[]) =>
      v2('PATCH', `${server}/members/display-names`, { body: { accNicknames } }),
    getConnectedUsersV2: () =>
      v2<{ connectedUsers: { identity: string; name: string; roomId: number; metadata: string }[] }>(
        'GET',
        `${server}/connected-users`,
      ),
    getConnectedUserV2: (identity: string) =>
      v2<{ identity: string; name: string; state: string }>('GET', `${room}/users/${encodeURIComponent(identity)}`),
    setUserChannelsV2: (identity: string, options: { transmit?: number[]; scan?: number[] }) =>
      v2('PATCH', `${room}/users/${encodeURIComponent(identity)}/channels`, { body: options }),
    setUserDisplayNameV2: (accId: string, displayName: string) =>
      v2('PATCH', `${server}/users/display-name`, { body: { accId, displayName } }),
    getTransmissionsV2: (query: { page?: number; perPage?: number } = {}) =>
      v2('GET', `${server}/transmissions`, { query }),
    getZonesV2: () =>
      v2<{ roomId: number; geoZones: { options: { name: string } }[]; degradeZones: unknown[] }>(
        'GET',
        `${room}/zones`,
      ),
    createZoneV2: (type: 'geo' | 'degrade', zone: object) => v2('POST', `${room}/zones/${type}`, { body: { zone } }),
    updateZoneV2: (type: 'geo' | 'degrade', name: string, zone: object) =>
      v2('PATCH', `${room}/zones/${type}/${encodeURIComponent(name)}`, { body: { zone } }),
    deleteZoneV2: (type: 'geo' | 'degrade', name: string) =>
      v2('DELETE', `${room}/zones/${type}/${encodeURIComponent(name)}`),
    playToneV2: (tones: unknown[], playTo: unknown[]) =>
      v2('POST', `${server}/tones/play`, { body: { tones, playTo } }),
    setInGameSpeakerLocationsV2: (locations: { label: string; id: string }[]) =>
      v2('PUT', `${server}/speakers`, { body: { locations } }),
    setServerIpV2: (data: { serverPort: number; pushUrl?: string; nickname?: string }) =>
      v2('POST', `${server}/server-ip`, { body: data }),
    getServerSubscriptionFromIpV2: () => v2('GET', 'v2/server-subscriptions/by-ip', { open: true }),

    getCommunityChannels: () => v1('GET', `api/radio/get-community-channels/${id}/${key}`),
    getConnectedUsers: () => v1('GET', `api/radio/get-connected-users/${id}/${key}`),
    getConnectedUser: (roomId: number, identity: string) =>
      v1('GET', `api/radio/get-connected-user/${id}/${key}/${roomId}/${encodeURIComponent(identity)}`),
    setUserChannels: (roomId: number, identity: string, options: { transmit?: number | number[]; scan?: number[] }) => {
      const transmit =
        options.transmit === undefined || Array.isArray(options.transmit) ? options.transmit : [options.transmit];
      return v1('POST', `api/radio/set-user-channels/${id}/${key}/${roomId}/${encodeURIComponent(identity)}`, {
        ...(transmit !== undefined && { transmit }),
        ...(options.scan !== undefined && { scan: options.scan }),
      });
    },
    setUserDisplayName: (accId: string, displayName: string) =>
      v1('POST', 'api/set-user-display-name', { id: communityId, key: apiKey, accId, displayName }),
    approveMembers: (accIds: string[]) => v1('POST', `api/servers/${id}/members/approve`, { apiKey, accIds }),
    kickMembers: (accIds: string[]) => v1('POST', `api/servers/${id}/members/kick`, { apiKey, accIds }),
    banMembers: (accIds: string[]) => v1('POST', `api/servers/${id}/members/ban`, { apiKey, accIds }),
    setMemberDisplayNames: (accNicknames: { accId: string; nickname: string }[]) =>
      v1('POST', `api/servers/${id}/members/nicknames`, { apiKey, accNicknames }),
    setMemberPermissions: (userPerms: unknown[]) =>
      v1('POST', `api/servers/${id}/members/permissions`, { apiKey, userPerms }),
    setServerIp: (pushUrl: string) => v1('POST', 'radio/set-server-ip', { id: communityId, key: apiKey, pushUrl }),
    setInGameSpeakerLocations: (locations: { label: string; id: string }[]) =>
      v1('POST', 'radio/set-server-speakers', { id: communityId, key: apiKey, locations }),
    playTone: (roomId: number, tones: unknown[], playTo: unknown[]) =>
      v1('POST', 'api/play-tone', { id: communityId, key: apiKey, roomId, tones, playTo }),
    getServerSubscriptionFromIp: () => v1('GET', 'radio/check-server-subscription'),
  };

  /** What constructing the SDK's RadioManager does: probe the channels; a failure rejects. */
  const ready = (async () => {
    const probe = await client.getCommunityChannelsV2();
    if (!probe.success) throw new RadioSetupError(probe.reason);
    return true as const;
  })();
  // Unlike the SDK, a failed probe is only reported to whoever awaits `ready` (no unhandled rejection).
  ready.catch(() => undefined);

  return { ...client, ready };
}

export type RadioClient = ReturnType<typeof createRadioClient>;

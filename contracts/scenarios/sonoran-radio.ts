/**
 * Safe scenarios for Sonoran Radio, v1 and v2: each one changes nothing on a real community (reads,
 * no-op writes, and requests the API must refuse). Every operation of the table has at least one;
 * an act that would kick, ban, rename, move, sound a tone or register a server is only ever sent
 * with a key that is nobody's (and a body that would change nothing even if it were accepted).
 */
import type { ScenarioRequest, SonoranScenario, SonoranTarget } from './types';

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

/** A key that belongs to nobody. */
const WRONG_KEY = 'perm-mock-not-a-valid-key';
/** An account no community has, so no connected user either. */
const NO_SUCH_USER = 'perm-mock-no-such-user-5c1e';
/** A zone name no room has. */
const NO_SUCH_ZONE = 'perm-mock-no-such-zone-5c1e';
/** v1's documented refusal of an unknown community or a wrong key. */
const INVALID_KEY = { result: 'bad', error: 'Invalid community ID or API key' };

/** `<community id>/<key>`, as v1 paths carry them. */
function creds(target: SonoranTarget, key = target.apiKey): string {
  return `${encodeURIComponent(target.communityId)}/${encodeURIComponent(key)}`;
}

/** A v1 call: the path as given (credentials already in it, or none), a JSON body or none. */
function v1Call(
  target: SonoranTarget,
  method: ScenarioRequest['method'],
  path: string,
  body?: unknown,
): ScenarioRequest {
  return {
    method,
    url: `${target.baseUrl}${path}`,
    headers: body === undefined ? { Accept: 'application/json' } : JSON_HEADERS,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  };
}

/** A v1 call to a `/api/servers/:id/members/…` route with a key that is nobody's. */
function v1MembersWrongKey(target: SonoranTarget, act: string, body: Record<string, unknown>): ScenarioRequest {
  return v1Call(target, 'POST', `/api/servers/${encodeURIComponent(target.communityId)}/members/${act}`, {
    apiKey: WRONG_KEY,
    ...body,
  });
}

/** A v1 read with the community id and key in the path. */
function v1Read(target: SonoranTarget, route: string, key = target.apiKey): ScenarioRequest {
  return v1Call(target, 'GET', `/api/radio/${route}/${creds(target, key)}`);
}

/** A v2 call with the community's Bearer key (or the given Authorization header; null sends none). */
function v2(
  target: SonoranTarget,
  method: ScenarioRequest['method'],
  path: string,
  body?: unknown,
  authorization: string | null = `Bearer ${target.apiKey}`,
): ScenarioRequest {
  return {
    method,
    url: `${target.baseUrl}/v2/servers/${encodeURIComponent(target.communityId)}${path}`,
    headers: {
      ...(body === undefined ? { Accept: 'application/json' } : JSON_HEADERS),
      ...(authorization !== null && { Authorization: authorization }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  };
}

function hasKeys(...keys: string[]): (body: unknown) => string[] {
  return (body) => {
    if (typeof body !== 'object' || body === null) return [`body must be an object (got ${JSON.stringify(body)})`];
    return keys.filter((k) => !Object.hasOwn(body, k)).map((k) => `body must have ${k}`);
  };
}

function problemWith(status: number): (body: unknown) => string[] {
  return (body) =>
    (body as { status?: unknown } | null)?.status === status
      ? []
      : [`body.status must be ${status} (got ${JSON.stringify(body)})`];
}

function post(target: SonoranTarget, body: string, communityId = target.communityId): ScenarioRequest {
  return {
    method: 'POST',
    url: `${target.baseUrl}/api/servers/${encodeURIComponent(communityId)}/members/permissions`,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body,
  };
}

function bodyEquals(expected: unknown): (body: unknown) => string[] {
  return (body) =>
    JSON.stringify(body) === JSON.stringify(expected)
      ? []
      : [`body must be ${JSON.stringify(expected)} (got ${JSON.stringify(body)})`];
}

export const SONORAN_SCENARIOS: readonly SonoranScenario[] = [
  {
    id: 'sonoran.reapply-current',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: "re-apply a member's current permission mask",
    safety: 'sends the mask the member already holds and no channel rows, so channel access is untouched',
    expectStatus: 200,
    expectBody: bodyEquals({ result: 'ok' }),
    cannotRun: (t) =>
      t.perm === undefined
        ? "needs the member's current mask (PERM_MOCK_LIVE_SONORAN_PERM): Sonoran's v1 API cannot read it, and a guess would change it"
        : undefined,
    build: (t) => post(t, JSON.stringify({ apiKey: t.apiKey, userPerms: [{ accId: t.accId, perm: t.perm }] })),
  },
  {
    id: 'sonoran.empty-userperms',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: 'send userPerms [] (a no-op)',
    safety: 'names no member',
    expectStatus: 200,
    expectBody: bodyEquals({ result: 'ok' }),
    build: (t) => post(t, JSON.stringify({ apiKey: t.apiKey, userPerms: [] })),
  },
  {
    id: 'sonoran.wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: 'use an API key that is not the community key',
    safety: 'the key belongs to nobody',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) => post(t, JSON.stringify({ apiKey: WRONG_KEY, userPerms: [] })),
  },
  {
    id: 'sonoran.unknown-community',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: 'target a community that does not exist',
    safety: 'the community does not exist',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) => post(t, JSON.stringify({ apiKey: t.apiKey, userPerms: [] }), 'perm-mock-no-such-community-5c1e'),
  },
  {
    id: 'sonoran.malformed-json',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: 'send a body that is not JSON',
    safety: 'cannot be parsed, so it cannot change anything',
    expectStatus: 400,
    expectBody: bodyEquals({ error: 'Invalid request' }),
    build: (t) => post(t, `{"apiKey": ${JSON.stringify(t.apiKey)}, "userPerms": [`),
  },
  {
    id: 'sonoran.missing-userperms',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: 'leave out userPerms',
    safety: 'names no member',
    expectStatus: 400,
    expectBody: bodyEquals({ error: 'Invalid request' }),
    build: (t) => post(t, JSON.stringify({ apiKey: t.apiKey })),
  },
  {
    id: 'sonoran.v1-channels',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannels',
    title: 'read the channel groups and channels (v1)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('result', 'groups', 'channels'),
    build: (t) => v1Read(t, 'get-community-channels'),
  },
  {
    id: 'sonoran.v1-connected-users',
    api: 'sonoran',
    operation: 'sonoran.getConnectedUsers',
    title: 'read the connected users (v1, GET as Sonoran.js sends it)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('result', 'connectedUsers'),
    build: (t) => v1Read(t, 'get-connected-users'),
  },
  {
    id: 'sonoran.v1-channels-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannels',
    title: 'read the channels with a key that is not the community key (v1)',
    safety: 'the key belongs to nobody',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) => v1Read(t, 'get-community-channels', WRONG_KEY),
  },
  {
    id: 'sonoran.v2-channels',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannelsV2',
    title: "read the channels with the Bearer key (v2; Sonoran.js's readiness probe)",
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('groups', 'channels'),
    build: (t) => v2(t, 'GET', '/channels'),
  },
  {
    id: 'sonoran.v2-members-page',
    api: 'sonoran',
    operation: 'sonoran.getMembersV2',
    title: 'read one member, the first page of one (v2)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('members', 'pagination'),
    build: (t) => v2(t, 'GET', '/members?page=1&perPage=1'),
  },
  {
    id: 'sonoran.v2-connected-users',
    api: 'sonoran',
    operation: 'sonoran.getConnectedUsersV2',
    title: 'read the connected users (v2)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('connectedUsers'),
    build: (t) => v2(t, 'GET', '/connected-users'),
  },
  {
    id: 'sonoran.v2-transmissions',
    api: 'sonoran',
    operation: 'sonoran.getTransmissionsV2',
    title: 'read the first page of transmissions (v2)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('transmissions', 'pagination'),
    build: (t) => v2(t, 'GET', '/transmissions?page=1&perPage=1'),
  },
  {
    id: 'sonoran.v2-empty-userperms',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissionsV2',
    title: 'PATCH userPerms [] (a no-op, v2)',
    safety: 'names no member',
    expectStatus: 200,
    expectBody: bodyEquals({ updatedAccIds: [] }),
    build: (t) => v2(t, 'PATCH', '/members/permissions', { userPerms: [] }),
  },
  {
    id: 'sonoran.v2-approve-none',
    api: 'sonoran',
    operation: 'sonoran.approveMembersV2',
    title: 'approve accIds [] (a no-op, v2)',
    safety: 'names no member',
    expectStatus: 200,
    expectBody: bodyEquals({ approvedAccIds: [] }),
    build: (t) => v2(t, 'POST', '/members/approve', { accIds: [] }),
  },
  {
    id: 'sonoran.v2-missing-auth',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannelsV2',
    title: 'read the channels without an Authorization header (v2)',
    safety: 'refused before anything is read',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'GET', '/channels', undefined, null),
  },
  {
    id: 'sonoran.v2-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannelsV2',
    title: "read the channels with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'GET', '/channels', undefined, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-invalid-body',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissionsV2',
    title: 'PATCH permissions without userPerms (v2)',
    safety: 'refused: names no member',
    expectStatus: 400,
    expectBody: problemWith(400),
    build: (t) => v2(t, 'PATCH', '/members/permissions', {}),
  },
  // ---- v1: the remaining routes ----
  {
    id: 'sonoran.approve-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.approveMembers',
    title: 'approve members with a key that is not the community key (v1)',
    safety: 'the key belongs to nobody, and accIds is empty',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) => v1MembersWrongKey(t, 'approve', { accIds: [] }),
  },
  {
    id: 'sonoran.kick-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.kickMembers',
    title: 'kick members with a key that is not the community key (v1)',
    safety: 'the key belongs to nobody, and accIds is empty',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) => v1MembersWrongKey(t, 'kick', { accIds: [] }),
  },
  {
    id: 'sonoran.ban-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.banMembers',
    title: 'ban members with a key that is not the community key (v1)',
    safety: 'the key belongs to nobody, and accIds is empty',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) => v1MembersWrongKey(t, 'ban', { accIds: [] }),
  },
  {
    id: 'sonoran.nicknames-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setMemberDisplayNames',
    title: "set members' member-list names with a key that is not the community key (v1)",
    safety: 'the key belongs to nobody, and accNicknames is empty',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) => v1MembersWrongKey(t, 'nicknames', { accNicknames: [] }),
  },
  {
    id: 'sonoran.emplace-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.emplaceMembers',
    title: 'emplace members with a key that is not the community key (v1)',
    safety: 'the key belongs to nobody, and accIds is empty',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) => v1MembersWrongKey(t, 'emplace', { accIds: [] }),
  },
  {
    id: 'sonoran.v1-channels-legacy',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannelsLegacy',
    title: "read the channel groups and channels (v1, the legacy page's POST /radio/… spelling)",
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('result', 'groups', 'channels'),
    build: (t) => v1Call(t, 'POST', `/radio/get-community-channels/${creds(t)}`),
  },
  {
    id: 'sonoran.v1-connected-users-post',
    api: 'sonoran',
    operation: 'sonoran.getConnectedUsersPost',
    title: 'read the connected users (v1, POST as the docs show it)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('result', 'connectedUsers'),
    build: (t) => v1Call(t, 'POST', `/api/radio/get-connected-users/${creds(t)}`),
  },
  {
    id: 'sonoran.v1-unknown-connected-user',
    api: 'sonoran',
    operation: 'sonoran.getConnectedUser',
    title: 'read a connected user that is not connected, in room 1 (v1)',
    safety: 'a read of nothing',
    expectStatus: 404,
    expectBody: bodyEquals({ result: 'bad', error: 'User not found' }),
    build: (t) => v1Call(t, 'GET', `/api/radio/get-connected-user/${creds(t)}/1/${NO_SUCH_USER}`),
  },
  {
    id: 'sonoran.v1-user-channels-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setUserChannels',
    title: "set a user's channels in room 1 with a key that is not the community key (v1)",
    safety: 'the key belongs to nobody, the user is nobody, and the body names no channel list (both are kept)',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) => v1Call(t, 'POST', `/api/radio/set-user-channels/${creds(t, WRONG_KEY)}/1/${NO_SUCH_USER}`, {}),
  },
  {
    id: 'sonoran.v1-user-channels-no-room-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setUserChannelsNoRoom',
    title: "set a user's channels with a key that is not the community key (v1, the docs' path without a room)",
    safety: 'the key belongs to nobody, the user is nobody, and the body names no channel list (both are kept)',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) => v1Call(t, 'POST', `/api/radio/set-user-channels/${creds(t, WRONG_KEY)}/${NO_SUCH_USER}`, {}),
  },
  {
    id: 'sonoran.v1-display-name-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setUserDisplayName',
    title: "set a user's display name with a key that is not the community key (v1, {id, key, accId})",
    safety: 'the key belongs to nobody, and the account is nobody',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) =>
      v1Call(t, 'POST', '/api/set-user-display-name', {
        id: t.communityId,
        key: WRONG_KEY,
        accId: NO_SUCH_USER,
        displayName: 'perm-mock probe',
      }),
  },
  {
    id: 'sonoran.v1-display-name-radio-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setUserDisplayNameRadio',
    title: "set a user's display name with a key that is not the community key (v1, {id, key, identity})",
    safety: 'the key belongs to nobody, and the account is nobody',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) =>
      v1Call(t, 'POST', '/radio/set-user-display-name', {
        id: t.communityId,
        key: WRONG_KEY,
        identity: NO_SUCH_USER,
        displayName: 'perm-mock probe',
      }),
  },
  {
    id: 'sonoran.v1-display-name-in-path-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setUserDisplayNameInPath',
    title: "set a user's display name with a key that is not the community key (v1, the URL-parameter form)",
    safety: 'the key belongs to nobody, and the account is nobody',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) =>
      v1Call(t, 'POST', `/radio/set-user-display-name/${creds(t, WRONG_KEY)}/${NO_SUCH_USER}`, {
        displayName: 'perm-mock probe',
      }),
  },
  {
    id: 'sonoran.v1-subscription-unregistered',
    api: 'sonoran',
    operation: 'sonoran.getServerSubscriptionFromIp',
    title: 'read the subscription of the caller, from an address no game server registered from (v1)',
    safety: 'a read, with no credentials at all; run it from a machine that is not a game server',
    expectStatus: 400,
    expectBody: bodyEquals({ error: 'Invalid request' }),
    build: (t) => v1Call(t, 'GET', '/radio/check-server-subscription'),
  },
  {
    id: 'sonoran.v1-server-ip-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setServerIp',
    title: "register the caller's address as the game server with a key that is not the community key (v1)",
    safety: 'the key belongs to nobody; the push URL is empty, so even the community key would be refused',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) =>
      v1Call(t, 'POST', '/radio/set-server-ip', {
        id: t.communityId,
        key: WRONG_KEY,
        pushUrl: '',
      }),
  },
  {
    id: 'sonoran.v1-speakers-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setInGameSpeakerLocations',
    title: 'replace the in-game speakers with a key that is not the community key (v1)',
    safety:
      'the key belongs to nobody; locations is not a list, so even the community key would be refused rather than clear the speakers',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) =>
      v1Call(t, 'POST', '/radio/set-server-speakers', { id: t.communityId, key: WRONG_KEY, locations: 'none' }),
  },
  {
    id: 'sonoran.v1-play-tone-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.playTone',
    title: 'play a tone with a key that is not the community key (v1)',
    safety: 'the key belongs to nobody, and the tone and target lists are empty (refused even with the community key)',
    expectStatus: 404,
    expectBody: bodyEquals(INVALID_KEY),
    build: (t) =>
      v1Call(t, 'POST', '/api/play-tone', { id: t.communityId, key: WRONG_KEY, roomId: 1, tones: [], playTo: [] }),
  },
  // ---- v2: the remaining routes ----
  {
    id: 'sonoran.v2-kick-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.kickMembersV2',
    title: "kick members with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody, and accIds is empty',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'POST', '/members/kick', { accIds: [] }, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-ban-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.banMembersV2',
    title: "ban members with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody, and accIds is empty',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'POST', '/members/ban', { accIds: [] }, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-unban-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.unbanMembersV2',
    title: "unban members with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody, and accIds is empty',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'POST', '/members/unban', { accIds: [] }, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-display-names-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setMemberDisplayNamesV2',
    title: "set members' member-list names with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody, and accNicknames is empty',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'PATCH', '/members/display-names', { accNicknames: [] }, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-unknown-connected-user',
    api: 'sonoran',
    operation: 'sonoran.getConnectedUserV2',
    title: 'read a connected user that is not connected, in room 1 (v2)',
    safety: 'a read of nothing',
    expectStatus: 404,
    expectBody: problemWith(404),
    build: (t) => v2(t, 'GET', `/rooms/1/users/${NO_SUCH_USER}`),
  },
  {
    id: 'sonoran.v2-user-channels-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setUserChannelsV2',
    title: "set a user's channels in room 1 with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody, the user is nobody, and the body names no channel list (both are kept)',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'PATCH', `/rooms/1/users/${NO_SUCH_USER}/channels`, {}, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-display-name-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setUserDisplayNameV2',
    title: "set a user's display name with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody, and the account is nobody',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) =>
      v2(
        t,
        'PATCH',
        '/users/display-name',
        { accId: NO_SUCH_USER, displayName: 'perm-mock probe' },
        `Bearer ${WRONG_KEY}`,
      ),
  },
  {
    id: 'sonoran.v2-zones',
    api: 'sonoran',
    operation: 'sonoran.getZonesV2',
    title: "read room 1's GEO and degradation zones (v2)",
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('roomId', 'geoZones', 'degradeZones'),
    build: (t) => v2(t, 'GET', '/rooms/1/zones'),
  },
  {
    id: 'sonoran.v2-create-zone-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.createZoneV2',
    title: "create a GEO zone in room 1 with a Bearer key that is nobody's (v2)",
    safety:
      'the key belongs to nobody; the zone has neither points nor a centre, so even the community key would be refused',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) =>
      v2(t, 'POST', '/rooms/1/zones/geo', { zone: { options: { name: NO_SUCH_ZONE } } }, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-update-zone-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.updateZoneV2',
    title: "replace a zone that does not exist with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody, the zone does not exist, and the body is not a valid zone',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) =>
      v2(
        t,
        'PATCH',
        `/rooms/1/zones/geo/${NO_SUCH_ZONE}`,
        { zone: { options: { name: NO_SUCH_ZONE } } },
        `Bearer ${WRONG_KEY}`,
      ),
  },
  {
    id: 'sonoran.v2-delete-zone-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.deleteZoneV2',
    title: "delete a zone that does not exist with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody, and the zone does not exist',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'DELETE', `/rooms/1/zones/geo/${NO_SUCH_ZONE}`, undefined, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-play-tone-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.playToneV2',
    title: "play a tone with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody, and the tone and target lists are empty (refused even with the community key)',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'POST', '/tones/play', { roomId: 1, tones: [], playTo: [] }, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-speakers-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setInGameSpeakerLocationsV2',
    title: "replace the in-game speakers with a Bearer key that is nobody's (v2)",
    safety:
      'the key belongs to nobody; locations is not a list, so even the community key would be refused rather than clear the speakers',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'PUT', '/speakers', { locations: 'none' }, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-server-ip-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setServerIpV2',
    title: "register the caller's address as room 1's game server with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody; serverPort 0 is out of range, so even the community key would be refused',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'POST', '/server-ip', { roomId: 1, serverPort: 0 }, `Bearer ${WRONG_KEY}`),
  },
  {
    id: 'sonoran.v2-subscription-unregistered',
    api: 'sonoran',
    operation: 'sonoran.getServerSubscriptionFromIpV2',
    title: 'read the subscription of the caller, from an address no game server registered from (v2)',
    safety: 'a read, with no credentials at all; run it from a machine that is not a game server',
    expectStatus: 404,
    expectBody: problemWith(404),
    build: (t) => ({
      method: 'GET',
      url: `${t.baseUrl}/v2/server-subscriptions/by-ip`,
      headers: { Accept: 'application/json' },
    }),
  },
];

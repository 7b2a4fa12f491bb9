/**
 * A small Sonoran Radio client: it grants and revokes community permissions by name and manages
 * private-channel access. Its test (client.test.ts) verifies it against perm-mock.
 */
export const PERMISSIONS = {
  ADMIN: 1,
  COMM_KICK: 2,
  COMM_BAN: 4,
  RADIO_MOVE_CLIENT: 8,
  RADIO_KICK: 16,
  COMM_APPROVE: 32,
  SET_DISPLAYNAME: 64,
  COMM_SET_DISPLAYNAME: 128,
  RADIO_PLAY_TONES: 256,
  RADIO_TALKOVER_OVERRIDE: 512,
} as const;

export type Permission = keyof typeof PERMISSIONS;

export interface SonoranClientOptions {
  /** `https://api.sonoranradio.com` in production; the mock's URL in tests. */
  readonly baseUrl: string;
  readonly communityId: string;
  readonly apiKey: string;
}

export class SonoranApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`Sonoran Radio answered ${status}: ${JSON.stringify(body)}`);
    this.name = 'SonoranApiError';
  }
}

export function createSonoranClient({ baseUrl, communityId, apiKey }: SonoranClientOptions) {
  async function send(userPerms: unknown[]): Promise<void> {
    const res = await fetch(`${baseUrl}/api/servers/${encodeURIComponent(communityId)}/members/permissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ apiKey, userPerms }),
    });
    const body = (await res.json()) as { result?: string };
    if (res.status !== 200 || body.result !== 'ok') throw new SonoranApiError(res.status, body);
  }

  return {
    /** The member ends up with exactly these permissions (the mask is replaced, not merged). */
    setPermissions: (accId: string, permissions: readonly Permission[], channels: Record<number, boolean> = {}) =>
      send([
        {
          accId,
          perm: permissions.reduce((mask, name) => mask | PERMISSIONS[name], 0),
          profilePerms: Object.entries(channels).map(([profileId, canJoin]) => ({
            profileId: Number(profileId),
            canJoin,
          })),
        },
      ]),
    /** Every bit off; channel access untouched. */
    revokeAll: (accId: string) => send([{ accId, perm: 0 }]),
  };
}

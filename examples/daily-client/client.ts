/**
 * A small Daily client, the kind an application writes: it mutes, hides and locks down participants
 * through update-permissions. Its test (client.test.ts) verifies it against perm-mock.
 */
export class DailyApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly info: string | undefined,
  ) {
    super(`Daily answered ${status} ${type}${info === undefined ? '' : `: ${info}`}`);
    this.name = 'DailyApiError';
  }
}

export interface DailyClientOptions {
  /** `https://api.daily.co/v1` in production; the mock's URL + `/v1` in tests. */
  readonly baseUrl: string;
  readonly apiKey: string;
}

type Update = Record<string, unknown>;

export function createDailyClient({ baseUrl, apiKey }: DailyClientOptions) {
  async function updatePermissions(room: string, data: Record<string, Update>): Promise<void> {
    const res = await fetch(`${baseUrl}/rooms/${encodeURIComponent(room)}/update-permissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data }),
    });
    if (res.ok) return;
    const body = (await res.json().catch(() => ({}))) as { error?: string; info?: string };
    throw new DailyApiError(res.status, body.error ?? 'unknown', body.info);
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const answer = (await res.json().catch(() => ({}))) as { error?: string; info?: string };
    if (!res.ok) throw new DailyApiError(res.status, answer.error ?? 'unknown', answer.info);
    return answer as T;
  }

  return {
    updatePermissions,
    /** A meeting token for a room, with initial permissions. */
    meetingToken: async (room: string, userId: string, permissions: Update) =>
      (
        await call<{ token: string }>('POST', '/meeting-tokens', {
          properties: { room_name: room, user_id: userId, permissions },
        })
      ).token,
    /** The session ids of a user in a room's call, from presence. */
    sessionsOf: async (room: string, userId: string) =>
      (
        await call<{ data: { id: string }[] }>(
          'GET',
          `/rooms/${encodeURIComponent(room)}/presence?userId=${encodeURIComponent(userId)}`,
        )
      ).data.map((entry) => entry.id),
    /** Keep the camera, block the microphone. */
    muteMicrophone: (room: string, sessionId: string) =>
      updatePermissions(room, { [sessionId]: { canSend: ['video'] } }),
    /** Take a participant out of everyone's view. */
    hide: (room: string, sessionId: string) => updatePermissions(room, { [sessionId]: { hasPresence: false } }),
    /** Only the presenter may send; everyone else is blocked. */
    presenterOnly: (room: string, presenterId: string) =>
      updatePermissions(room, { [presenterId]: { canSend: true }, '*': { canSend: false } }),
  };
}

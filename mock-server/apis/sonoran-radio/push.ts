/**
 * Push events to a room's game server (FACT: `user_connected` is sent to the push URL set with
 * set-server-ip when a user connects). Delivered for real over HTTP, in the background: a request
 * that triggers one never waits for it. Each attempt is recorded in the store's push log (a runtime
 * record, not state) and its outcome filled in when the receiver answers, fails or times out.
 */
import type { SonoranStore } from './store';
import type { Community, PushAttempt } from './types';

/** How long a receiver has to answer (real time: it is network I/O, not mock time). */
export const PUSH_TIMEOUT_MS = 5000;

/** The `user_connected` event as the push-events page shows it. */
export function userConnectedEvent(community: Community, identity: string): PushAttempt['event'] {
  return { id: community.id, key: community.apiKey, type: 'user_connected', payload: { identity } };
}

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Send an event to a push URL in the background; returns the attempt, whose outcome is filled in later. */
export function deliverPush(
  store: SonoranStore,
  target: { readonly url: string; readonly roomId: number; readonly time: string },
  event: PushAttempt['event'],
  timeoutMs = PUSH_TIMEOUT_MS,
): PushAttempt {
  const attempt = store.recordPush({ ...target, event, state: 'pending', status: null, error: null });
  const url = httpUrl(target.url);
  if (url === undefined) {
    attempt.state = 'failed';
    attempt.error = `${target.url} is not an http(s) URL`;
    return attempt;
  }
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'perm-mock (Sonoran Radio push event)' },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(timeoutMs),
  })
    .then(async (res) => {
      await res.arrayBuffer().catch(() => undefined);
      attempt.status = res.status;
      attempt.state = res.ok ? 'delivered' : 'failed';
      if (!res.ok) attempt.error = `the receiver answered ${res.status}`;
    })
    .catch((error: unknown) => {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      attempt.state = 'failed';
      attempt.error =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : `${(error as Error).message}${cause === undefined ? '' : ` (${cause})`}`;
    });
  return attempt;
}

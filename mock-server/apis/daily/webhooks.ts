/**
 * Webhooks as pure functions: the events Daily sends (envelope and payloads), the signature over
 * the exact bytes sent, what an attempt's outcome does to the webhook (failedCount, FAILED), when
 * a failed message is tried again, and the checks of a webhook's settings. Sending is deliverer.ts's.
 */
import { createHmac } from 'node:crypto';

import type { DailyEvent, Participant, Room, Session, Webhook, WebhookRetryType } from './types';

/** Event types Daily documents; the mock sends the meeting and participant ones. */
export const EVENT_TYPES = [
  'meeting.started',
  'meeting.ended',
  'participant.joined',
  'participant.left',
  'waiting-participant.joined',
  'waiting-participant.left',
  'recording.started',
  'recording.ready-to-download',
  'recording.error',
  'transcript.started',
  'transcript.ready-to-download',
  'transcript.error',
  'streaming.started',
  'streaming.updated',
  'streaming.ended',
  'streaming.error',
  'batch-processor.job-finished',
  'batch-processor.error',
  'dialout.connected',
  'dialout.answered',
  'dialout.stopped',
  'dialout.error',
  'dialout.warning',
  'dialin.ready',
  'dialin.connected',
  'dialin.stopped',
  'dialin.error',
  'dialin.warning',
] as const;

/** The event types the mock emits, in the order a call produces them. */
export const SENT_EVENT_TYPES = ['meeting.started', 'participant.joined', 'participant.left', 'meeting.ended'] as const;

export const RETRY_TYPES: readonly WebhookRetryType[] = ['circuit-breaker', 'exponential'];

const seconds = (ms: number): number => ms / 1000;

function envelope(type: string, id: string, payload: Record<string, unknown>, nowMs: number): DailyEvent {
  return { version: '1.0.0', type, id, payload, event_ts: seconds(nowMs) };
}

function participantPayload(room: Room, p: Participant): Record<string, unknown> {
  return {
    room: room.name,
    user_id: p.userId,
    user_name: p.userName,
    session_id: p.id,
    joined_at: seconds(Date.parse(p.joinTime)),
    will_eject_at: p.willEjectAt ?? null,
    owner: p.owner,
    permissions: p.permissions,
  };
}

export function participantJoined(room: Room, p: Participant, nowMs: number): DailyEvent {
  return envelope('participant.joined', `ptcpt-join-${p.userId ?? p.id}-${nowMs}`, participantPayload(room, p), nowMs);
}

export function participantLeft(room: Room, p: Participant, nowMs: number): DailyEvent {
  const duration = seconds(Math.max(0, nowMs - Date.parse(p.joinTime)));
  return envelope(
    'participant.left',
    `ptcpt-left-${p.userId ?? p.id}-${nowMs}`,
    { ...participantPayload(room, p), duration },
    nowMs,
  );
}

export function meetingStarted(room: Room, session: Session, nowMs: number): DailyEvent {
  return envelope(
    'meeting.started',
    `met-sta-${session.meetingId}-${nowMs}`,
    { start_ts: seconds(session.startedAt), meeting_id: session.meetingId, room: room.name },
    nowMs,
  );
}

export function meetingEnded(room: Room, session: Session, endedMs: number, nowMs: number): DailyEvent {
  return envelope(
    'meeting.ended',
    `met-end-${session.meetingId}-${endedMs}`,
    {
      start_ts: seconds(session.startedAt),
      end_ts: seconds(endedMs),
      meeting_id: session.meetingId,
      room: room.name,
    },
    nowMs,
  );
}

/**
 * Daily's signature: HMAC-SHA256 keyed with the base-64-decoded secret over
 * `<X-Webhook-Timestamp>.<body>`, base-64. `body` is the exact text sent.
 */
export function signature(hmac: string, timestamp: string, body: string): string {
  return createHmac('sha256', Buffer.from(hmac, 'base64')).update(`${timestamp}.${body}`).digest('base64');
}

/** The headers of a delivery (or of the verification request) at `nowMs`. */
export function deliveryHeaders(
  webhook: Pick<Webhook, 'hmac' | 'basicAuth'>,
  body: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'Content-Type': 'application/json',
    'X-Webhook-Timestamp': timestamp,
    'X-Webhook-Signature': signature(webhook.hmac, timestamp, body),
    ...(webhook.basicAuth !== null && { Authorization: `Basic ${webhook.basicAuth}` }),
  };
}

/** The body of the request that checks a URL when a webhook is made or changed. */
export const VERIFICATION_BODY = '{"test":"test"}';

/** Failures in a row after which a circuit-breaker webhook goes FAILED. */
export const CIRCUIT_BREAKER_THRESHOLD = 3;
/** Attempts an exponential webhook makes at one message before dropping it. */
export const EXPONENTIAL_MAX_ATTEMPTS = 5;
/** The longest wait between two attempts of an exponential webhook. */
export const EXPONENTIAL_MAX_DELAY_MS = 15 * 60 * 1000;
const EXPONENTIAL_FIRST_DELAY_MS = 30 * 1000;

/**
 * How long after failed attempt `attempt` (1-based) a message is tried again, or undefined when it
 * is not: circuit-breaker webhooks do not retry a message; exponential ones wait 30 s, 2, 8, then
 * 15 min (four times longer each time, at most 15 min) and give up after the fifth attempt.
 */
export function retryDelayMs(retryType: WebhookRetryType, attempt: number): number | undefined {
  if (retryType !== 'exponential' || attempt >= EXPONENTIAL_MAX_ATTEMPTS) return undefined;
  return Math.min(EXPONENTIAL_FIRST_DELAY_MS * 4 ** (attempt - 1), EXPONENTIAL_MAX_DELAY_MS);
}

/** The webhook after an attempt: a success resets failedCount; a failure counts, and trips a circuit breaker at 3. */
export function afterAttempt(webhook: Webhook, ok: boolean, nowIso: string): Webhook {
  if (ok) return { ...webhook, failedCount: 0, lastMomentPushed: nowIso };
  const failedCount = webhook.failedCount + 1;
  const trips = webhook.retryType === 'circuit-breaker' && failedCount >= CIRCUIT_BREAKER_THRESHOLD;
  return { ...webhook, failedCount, state: trips ? 'FAILED' : webhook.state };
}

/** Does this webhook take this event now? */
export function wants(webhook: Webhook, type: string): boolean {
  return webhook.state === 'ACTIVE' && webhook.eventTypes.includes(type);
}

/** A webhook's settings as a create or update request gives them (already shaped by the request schema). */
export interface WebhookSettings {
  readonly url?: string;
  readonly eventTypes?: readonly string[];
  readonly hmac?: string;
  readonly basicAuth?: string | null;
  readonly retryType?: WebhookRetryType;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Daily's refusal of a webhook's settings, or undefined. */
export function settingsProblem(settings: WebhookSettings): string | undefined {
  if (settings.url !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(settings.url);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return `url was '${settings.url}' but should be an http or https URL`;
    }
  }
  for (const type of settings.eventTypes ?? []) {
    if (!(EVENT_TYPES as readonly string[]).includes(type)) {
      return `eventTypes holds '${type}', which is not a Daily event type`;
    }
  }
  if (settings.hmac !== undefined && (settings.hmac === '' || !BASE64.test(settings.hmac))) {
    return 'hmac should be a base-64 string';
  }
  return undefined;
}

/** What every Daily store of a mock shares: randomness, the way out to webhook URLs, and the timings. */
import { randomBytes } from 'node:crypto';

import { createHttpTransport, type WebhookTransport } from './deliverer';

export interface DailyServices {
  /** Random bytes for session, meeting, room and webhook ids and secrets (seeded in tests). */
  readonly randomBytes: (size: number) => Buffer;
  readonly transport: WebhookTransport;
  /** How long one webhook request (delivery or verification) may take, in ms. */
  readonly webhookTimeoutMs: number;
  /** How long after the last participant leaves `meeting.ended` is sent, in ms (Daily: up to 20 s). */
  readonly meetingEndedDelayMs: number;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;
export const DEFAULT_MEETING_ENDED_DELAY_SECONDS = 10;

export function createDailyServices(settings: Partial<DailyServices> = {}): DailyServices {
  return {
    randomBytes: settings.randomBytes ?? ((size) => randomBytes(size)),
    transport: settings.transport ?? createHttpTransport(),
    webhookTimeoutMs: settings.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    meetingEndedDelayMs: settings.meetingEndedDelayMs ?? DEFAULT_MEETING_ENDED_DELAY_SECONDS * 1000,
  };
}

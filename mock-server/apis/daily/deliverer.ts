/**
 * Delivering webhooks for real: the store records events as values; the deliverer, one per
 * namespace state, takes them, POSTs each to the registered URL with Daily's signature, counts the
 * outcome on the webhook and tries again by its retry policy on the namespace's clock. Requests are
 * bounded in time (a timeout) and in number (one in flight per webhook, a bounded queue), never block
 * a request to the mock, and never keep the process alive: a dead or slow URL costs nothing else.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';

import type { DailyStore } from './store';
import type { DailyClock, DailyEvent, Webhook } from './types';
import { deliveryHeaders, retryDelayMs, VERIFICATION_BODY, wants } from './webhooks';

/** What one POST gave: the status, or why there was none. */
export interface HttpOutcome {
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** How the mock reaches webhook URLs (tests may give their own). */
export interface WebhookTransport {
  post(url: string, body: string, headers: Readonly<Record<string, string>>, timeoutMs: number): Promise<HttpOutcome>;
}

/** The most bytes of an answer the mock reads before it stops listening (it only needs the status). */
const ANSWER_READ_LIMIT = 64 * 1024;

/**
 * POST with node:http(s): a fresh connection each time (no pool left behind), sockets that never
 * keep the process alive, a timeout over the whole exchange, the answer's body discarded.
 */
export function createHttpTransport(): WebhookTransport {
  return {
    post(url, body, headers, timeoutMs) {
      const started = performance.now();
      const took = (): number => Math.round((performance.now() - started) * 1000) / 1000;
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return Promise.resolve({ status: null, error: 'the URL cannot be parsed', durationMs: took() });
      }
      const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : undefined;
      if (send === undefined) {
        return Promise.resolve({ status: null, error: `unsupported protocol ${target.protocol}`, durationMs: took() });
      }
      return new Promise<HttpOutcome>((resolve) => {
        let settled = false;
        const finish = (status: number | null, error: string | null): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status, error, durationMs: took() });
        };
        const timer = setTimeout(() => {
          finish(null, `no answer within ${timeoutMs} ms`);
          req.destroy();
        }, timeoutMs);
        timer.unref();
        const req = send(
          target,
          { method: 'POST', agent: false, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } },
          (res) => {
            let read = 0;
            res.on('data', (chunk: Buffer) => {
              read += chunk.length;
              if (read > ANSWER_READ_LIMIT) res.destroy();
            });
            res.on('error', () => undefined);
            res.on('end', () => finish(res.statusCode ?? null, null));
            res.on('close', () => finish(res.statusCode ?? null, null));
          },
        );
        req.on('socket', (socket) => socket.unref());
        req.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code ?? error.message));
        req.end(body);
      });
    },
  };
}

/** Daily counts only a 200 as delivered. */
export function delivered(outcome: HttpOutcome): boolean {
  return outcome.status === 200;
}

export interface DelivererDeps {
  readonly transport: WebhookTransport;
  readonly clock: DailyClock;
  /** Per attempt, in ms. */
  readonly timeoutMs: number;
  /** Called after an attempt changed a webhook (failedCount, state), so the change can be made durable. */
  readonly changed: () => void;
}

interface Message {
  readonly event: DailyEvent;
  /** The exact bytes sent, and signed: serialised once. */
  readonly body: string;
  readonly attempt: number;
}

/** Messages waiting per webhook; beyond this the oldest waiting one is dropped (and recorded). */
export const QUEUE_LIMIT = 10_000;

const iso = (ms: number): string => new Date(ms).toISOString();

/** The verification request Daily sends when a webhook is made or changed: a POST of `{"test":"test"}`. */
export async function verifyWebhookUrl(
  transport: WebhookTransport,
  settings: Pick<Webhook, 'url' | 'hmac' | 'basicAuth'>,
  nowMs: number,
  timeoutMs: number,
): Promise<HttpOutcome> {
  return transport.post(
    settings.url,
    VERIFICATION_BODY,
    deliveryHeaders(settings, VERIFICATION_BODY, nowMs),
    timeoutMs,
  );
}

export class WebhookDeliverer {
  private store: DailyStore | undefined;
  private readonly queues = new Map<string, Message[]>();
  private readonly busy = new Set<string>();

  constructor(private readonly deps: DelivererDeps) {}

  /** Take the events of this store from now on (a new store after a reset or a scenario replaces the old). */
  attach(store: DailyStore): void {
    this.store?.onEvents(undefined);
    this.store = store;
    this.queues.clear();
    this.busy.clear();
    store.onEvents((event) => this.accept(store, event));
  }

  /** Messages waiting to be sent, over every webhook. */
  get pending(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.length;
    return n + this.busy.size;
  }

  private accept(store: DailyStore, event: DailyEvent): void {
    const body = JSON.stringify(event);
    for (const webhook of store.webhooks()) {
      if (wants(webhook, event.type)) this.enqueue(store, webhook.uuid, { event, body, attempt: 1 });
    }
  }

  private enqueue(store: DailyStore, uuid: string, message: Message): void {
    if (store !== this.store) return;
    let queue = this.queues.get(uuid);
    if (queue === undefined) this.queues.set(uuid, (queue = []));
    queue.push(message);
    if (queue.length > QUEUE_LIMIT) {
      const dropped = queue.shift() as Message;
      const webhook = store.getWebhook(uuid);
      store.recordAttempt({
        at: iso(this.deps.clock.nowMs()),
        webhook: uuid,
        kind: 'event',
        eventId: dropped.event.id,
        eventType: dropped.event.type,
        attempt: dropped.attempt,
        url: webhook?.url ?? '',
        status: null,
        ok: false,
        error: `dropped: more than ${QUEUE_LIMIT} messages were waiting for this webhook`,
        durationMs: 0,
        nextAttemptAt: null,
      });
    }
    // Never inside the request or timer that made the event: the request answers first.
    setImmediate(() => this.pump(store, uuid));
  }

  private pump(store: DailyStore, uuid: string): void {
    if (store !== this.store || this.busy.has(uuid)) return;
    const message = this.queues.get(uuid)?.shift();
    if (message === undefined) return;
    this.busy.add(uuid);
    void this.send(store, uuid, message).finally(() => {
      if (store !== this.store) return;
      this.busy.delete(uuid);
      this.pump(store, uuid);
    });
  }

  private async send(store: DailyStore, uuid: string, message: Message): Promise<void> {
    const webhook = store.getWebhook(uuid);
    if (webhook === undefined || webhook.state !== 'ACTIVE') {
      this.queues.delete(uuid); // deleted or FAILED: what waits for it is not sent
      return;
    }
    const { clock, transport, timeoutMs } = this.deps;
    const sentAt = clock.nowMs();
    const outcome = await transport.post(
      webhook.url,
      message.body,
      deliveryHeaders(webhook, message.body, sentAt),
      timeoutMs,
    );
    if (store !== this.store) return;
    const ok = delivered(outcome);
    const after = store.webhookAttempted(uuid, ok);
    this.deps.changed();
    const delay = ok ? undefined : retryDelayMs(webhook.retryType, message.attempt);
    const now = clock.nowMs();
    store.recordAttempt({
      at: iso(sentAt),
      webhook: uuid,
      kind: 'event',
      eventId: message.event.id,
      eventType: message.event.type,
      attempt: message.attempt,
      url: webhook.url,
      status: outcome.status,
      ok,
      error: outcome.error ?? (ok ? null : `answered ${outcome.status ?? 'nothing'}, not 200`),
      durationMs: outcome.durationMs,
      nextAttemptAt: delay === undefined ? null : iso(now + delay),
    });
    if (delay !== undefined) {
      clock.at(now + delay, () => this.enqueue(store, uuid, { ...message, attempt: message.attempt + 1 }));
    }
    if (after?.state === 'FAILED') this.queues.delete(uuid);
  }
}

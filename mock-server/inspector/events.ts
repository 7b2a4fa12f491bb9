/**
 * The event stream behind `GET /__admin/events`: Server-Sent Events to any number of clients (the
 * inspector page, scripts, tests), never slowing the requests that cause them. Publishing is
 * synchronous and cheap: each event is serialised once, then appended to the buffer of each client
 * whose filter it passes; the buffers are written out once per turn of the event loop, and a
 * client's is written again only when its socket has drained. A client that reads too slowly for
 * its buffer (`--events-buffer` bytes) is dropped — closed, counted, logged — never waited for.
 * With no client connected nothing is built at all.
 *
 * Resuming: the last events (up to `replayBytes`) are kept, so a client that reconnects with
 * `Last-Event-ID` gets what it missed when those are all still kept; otherwise its `ready` event
 * says `resumed: false` and it should read the state again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export const EVENT_KINDS = ['request', 'state', 'namespace', 'fault'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** How much a client may have waiting to be sent before it is dropped. */
export const DEFAULT_EVENTS_BUFFER_BYTES = 1024 * 1024;
/** How much of the latest events is kept for clients that reconnect with Last-Event-ID. */
export const DEFAULT_REPLAY_BYTES = 1024 * 1024;
/** A comment line this often keeps proxies and browsers from closing an idle stream. */
export const DEFAULT_HEARTBEAT_MS = 15_000;
/**
 * Buffers are written out at most this often: under load, a client gets one write with many events
 * rather than one per event (fewer system calls for the server, fewer reads for the client).
 */
export const FLUSH_EVERY_MS = 10;
/** …or as soon as this much is waiting for a client whose socket has drained. */
export const FLUSH_BYTES = 64 * 1024;

export interface EventsSettings {
  readonly bufferBytes: number;
  readonly replayBytes?: number;
  readonly heartbeatMs?: number;
  readonly logger: Logger;
}

/** What a client asked for. */
export interface Subscription {
  /** One namespace's events, or every namespace's (`null`). Namespace events go to every client. */
  readonly namespace: string | null;
  readonly kinds: ReadonlySet<EventKind>;
  /** The Last-Event-ID it reconnects with. */
  readonly lastEventId?: number | undefined;
}

/** A connected client, as `GET /__admin/events/clients` shows it. */
export interface EventClientView {
  readonly id: string;
  readonly namespace: string | null;
  readonly kinds: readonly EventKind[];
  readonly connectedAt: string;
  readonly events: number;
  /** Bytes waiting to be sent now: in perm-mock's buffer plus the socket's. */
  readonly bufferedBytes: number;
  /** The most that was ever waiting. */
  readonly maxBufferedBytes: number;
}

export interface EventStreamsView {
  readonly bufferBytes: number;
  readonly heartbeatSeconds: number;
  readonly clients: readonly EventClientView[];
  /** Clients connected since the start. */
  readonly connected: number;
  /** Clients dropped because they read too slowly for their buffer. */
  readonly dropped: number;
  /** The id of the latest event. */
  readonly lastEventId: string;
}

interface Stored {
  readonly id: number;
  readonly kind: EventKind;
  readonly namespace: string | null;
  readonly text: string;
  readonly bytes: number;
}

class Client {
  readonly connectedAt = new Date().toISOString();
  pending: string[] = [];
  pendingBytes = 0;
  waitingForDrain = false;
  events = 0;
  maxBuffered = 0;
  closed = false;

  constructor(
    readonly id: string,
    readonly subscription: Subscription,
    readonly res: ServerResponse,
  ) {}

  wants(kind: EventKind, namespace: string | null): boolean {
    if (!this.subscription.kinds.has(kind)) return false;
    return kind === 'namespace' || this.subscription.namespace === null || this.subscription.namespace === namespace;
  }

  get buffered(): number {
    return this.pendingBytes + this.res.writableLength;
  }

  view(): EventClientView {
    return {
      id: this.id,
      namespace: this.subscription.namespace,
      kinds: EVENT_KINDS.filter((kind) => this.subscription.kinds.has(kind)),
      connectedAt: this.connectedAt,
      events: this.events,
      bufferedBytes: this.buffered,
      maxBufferedBytes: this.maxBuffered,
    };
  }
}

export class EventHub {
  private readonly clients = new Set<Client>();
  /** Clients per namespace they watch (`null`: every namespace). */
  private readonly watchers = new Map<string | null, number>();
  private readonly bufferBytes: number;
  private readonly replayBytes: number;
  private readonly heartbeatMs: number;
  private readonly logger: Logger;
  private sequence = 0;
  /** Events before this id were not kept (nobody was connected): a resume from before it is not possible. */
  private gapAt = 0;
  private replay: Stored[] = [];
  private replayHead = 0;
  private replayed = 0;
  private dirty = new Set<Client>();
  private flushScheduled = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private clientCount = 0;
  private droppedCount = 0;
  private closed = false;

  constructor(settings: EventsSettings) {
    this.bufferBytes = settings.bufferBytes;
    this.replayBytes = settings.replayBytes ?? DEFAULT_REPLAY_BYTES;
    this.heartbeatMs = settings.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.logger = settings.logger;
  }

  /** Is any client connected? */
  get active(): boolean {
    return this.clients.size > 0;
  }

  /** Does any client watch this namespace? */
  watches(namespace: string): boolean {
    return (this.watchers.get(null) ?? 0) > 0 || (this.watchers.get(namespace) ?? 0) > 0;
  }

  /**
   * Send an event to every client that wants it. `data` is built by the caller only when `active`;
   * call `skip()` instead when it is not, so that a resume across the gap is refused.
   */
  publish(kind: EventKind, namespace: string | null, data: unknown): void {
    if (!this.active) return this.skip();
    this.sequence += 1;
    const text = `id: ${this.sequence}\nevent: ${kind}\ndata: ${JSON.stringify(data)}\n\n`;
    const bytes = Buffer.byteLength(text);
    this.keep({ id: this.sequence, kind, namespace, text, bytes });
    for (const client of this.clients) if (client.wants(kind, namespace)) this.enqueue(client, text, bytes, true);
  }

  /** An event happened while nobody was connected: it is not kept, so no resume may span it. */
  skip(): void {
    if (this.gapAt === this.sequence && this.replayHead === this.replay.length) return;
    this.sequence += 1;
    this.gapAt = this.sequence;
    this.replay = [];
    this.replayHead = 0;
    this.replayed = 0;
  }

  /** Start streaming to a client: the headers, a `ready` event, and what it missed if it resumes. */
  attach(req: IncomingMessage, res: ServerResponse, subscription: Subscription, headers: readonly string[]): void {
    this.clientCount += 1;
    const client = new Client(String(this.clientCount), subscription, res);
    res.writeHead(200, [
      ...headers,
      'Content-Type',
      'text/event-stream; charset=utf-8',
      'Cache-Control',
      'no-store',
      'X-Accel-Buffering',
      'no',
    ]);
    res.flushHeaders();
    const onGone = (): void => this.detach(client);
    res.on('close', onGone);
    req.on('close', onGone);
    const resumed = this.canResume(subscription.lastEventId);
    const ready = {
      client: client.id,
      namespace: subscription.namespace,
      kinds: EVENT_KINDS.filter((kind) => subscription.kinds.has(kind)),
      resumed,
      lastEventId: String(this.sequence),
      bufferBytes: this.bufferBytes,
      heartbeatSeconds: this.heartbeatMs / 1000,
    };
    if (this.closed) {
      res.end(`retry: 2000\nevent: ready\ndata: ${JSON.stringify(ready)}\n\n`);
      return;
    }
    this.clients.add(client);
    this.watchers.set(subscription.namespace, (this.watchers.get(subscription.namespace) ?? 0) + 1);
    // `ready` carries no id: a client's Last-Event-ID stays the last real event it saw.
    const hello = `retry: 2000\nevent: ready\ndata: ${JSON.stringify(ready)}\n\n`;
    this.enqueue(client, hello, Buffer.byteLength(hello), false);
    if (resumed && subscription.lastEventId !== undefined) {
      for (let i = this.replayHead; i < this.replay.length; i += 1) {
        const stored = this.replay[i];
        if (stored !== undefined && stored.id > subscription.lastEventId && client.wants(stored.kind, stored.namespace))
          this.enqueue(client, stored.text, stored.bytes, true);
      }
    }
    this.startHeartbeat();
  }

  view(): EventStreamsView {
    return {
      bufferBytes: this.bufferBytes,
      heartbeatSeconds: this.heartbeatMs / 1000,
      clients: [...this.clients].map((client) => client.view()),
      connected: this.clientCount,
      dropped: this.droppedCount,
      lastEventId: String(this.sequence),
    };
  }

  /** End every stream (the server is shutting down) and accept no more. */
  close(): void {
    this.closed = true;
    for (const client of [...this.clients]) {
      const rest = client.pending.join('');
      this.detach(client);
      client.res.end(rest);
    }
    this.stopHeartbeat();
  }

  private canResume(lastEventId: number | undefined): boolean {
    if (lastEventId === undefined) return false;
    if (lastEventId < this.gapAt || lastEventId > this.sequence) return false;
    if (lastEventId === this.sequence) return true;
    const first = this.replay[this.replayHead];
    return first !== undefined && first.id <= lastEventId + 1;
  }

  private keep(stored: Stored): void {
    this.replay.push(stored);
    this.replayed += stored.bytes;
    while (this.replayed > this.replayBytes && this.replayHead < this.replay.length - 1) {
      this.replayed -= this.replay[this.replayHead]?.bytes ?? 0;
      this.replayHead += 1;
    }
    if (this.replayHead > 1024 && this.replayHead * 2 > this.replay.length) {
      this.replay = this.replay.slice(this.replayHead);
      this.replayHead = 0;
    }
  }

  private enqueue(client: Client, text: string, bytes: number, counted: boolean): void {
    if (client.closed) return;
    const buffered = client.buffered + bytes;
    if (buffered > this.bufferBytes) return this.drop(client, bytes);
    client.pending.push(text);
    client.pendingBytes += bytes;
    if (counted) client.events += 1;
    if (buffered > client.maxBuffered) client.maxBuffered = buffered;
    if (client.pendingBytes >= FLUSH_BYTES) return this.flush(client);
    this.dirty.add(client);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setTimeout(() => this.flushAll(), FLUSH_EVERY_MS).unref();
    }
  }

  private flushAll(): void {
    this.flushScheduled = false;
    const dirty = this.dirty;
    this.dirty = new Set();
    for (const client of dirty) this.flush(client);
  }

  /** Hand a client's pending events to its socket, unless the socket has not drained yet. */
  private flush(client: Client): void {
    if (client.closed || client.waitingForDrain || client.pending.length === 0) return;
    const chunk = client.pending.length === 1 ? (client.pending[0] ?? '') : client.pending.join('');
    client.pending = [];
    client.pendingBytes = 0;
    if (!client.res.write(chunk)) {
      client.waitingForDrain = true;
      client.res.once('drain', () => {
        client.waitingForDrain = false;
        this.flush(client);
      });
    }
  }

  private drop(client: Client, bytes: number): void {
    const buffered = client.buffered;
    this.droppedCount += 1;
    this.detach(client);
    client.pending = [];
    client.pendingBytes = 0;
    client.res.destroy();
    this.logger.warn(
      { client: client.id, namespace: client.subscription.namespace, bufferedBytes: buffered, eventBytes: bytes },
      `event stream client ${client.id} dropped: it reads too slowly for its ${this.bufferBytes}-byte buffer (${buffered} bytes waiting)`,
    );
  }

  private detach(client: Client): void {
    if (client.closed) return;
    client.closed = true;
    this.clients.delete(client);
    this.dirty.delete(client);
    const left = (this.watchers.get(client.subscription.namespace) ?? 1) - 1;
    if (left <= 0) this.watchers.delete(client.subscription.namespace);
    else this.watchers.set(client.subscription.namespace, left);
    if (this.clients.size === 0) this.stopHeartbeat();
  }

  private startHeartbeat(): void {
    if (this.heartbeat !== undefined || this.heartbeatMs <= 0) return;
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) this.enqueue(client, ': heartbeat\n\n', 13, false);
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat === undefined) return;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}

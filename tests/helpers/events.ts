/**
 * A client of `GET /__admin/events` for tests: it reads the stream over a real socket, parses each
 * Server-Sent Event and checks its data against its kind's schema (urn:perm-mock:admin:events) as
 * it arrives, so no test can forget to; a violation fails the next wait. The answer itself
 * (status, content type) is checked against the operation's contract like every other answer.
 */
import { checkAnswer } from '../../contracts/exchange';
import { getContractRegistry } from '../../contracts/registry';

export interface ReceivedEvent {
  readonly id: string | undefined;
  readonly kind: string;
  readonly data: Record<string, unknown>;
}

export interface EventReader {
  /** Every event received so far (the `ready` event first). */
  readonly events: ReceivedEvent[];
  /** Comment lines received (heartbeats). */
  readonly comments: string[];
  /** Resolves with the first event received (or to come) that passes `match`, after index `from`. */
  next(match: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export interface OpenOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** The query string, without `?`. */
  readonly query?: string;
}

function parseBlock(block: string): { id?: string; kind?: string; data?: string; comments: string[] } {
  const out: { id?: string; kind?: string; data?: string; comments: string[] } = { comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) out.comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) out.id = line.slice(4);
    else if (line.startsWith('event: ')) out.kind = line.slice(7);
    else if (line.startsWith('data: ')) out.data = (out.data === undefined ? '' : `${out.data}\n`) + line.slice(6);
  }
  return out;
}

/** Open an event stream; rejects when the answer is not a 200 stream (with its status and body). */
export async function openEvents(baseUrl: string, options: OpenOptions = {}): Promise<EventReader> {
  const controller = new AbortController();
  const path = `/__admin/events${options.query === undefined ? '' : `?${options.query}`}`;
  const res = await fetch(`${baseUrl}${path}`, { headers: options.headers ?? {}, signal: controller.signal });
  if (res.status !== 200) {
    const text = await res.text();
    throw Object.assign(new Error(`GET ${path} answered ${res.status}: ${text}`), { status: res.status, text });
  }
  const { violations: answer } = checkAnswer('GET', path, {
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: '',
  });
  if (answer.length > 0)
    throw new Error(`the event stream breaks its contract: ${answer.map((v) => v.text).join('; ')}`);

  const registry = getContractRegistry();
  const events: ReceivedEvent[] = [];
  const comments: string[] = [];
  const problems: string[] = [];
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  const body = res.body;
  if (body === null) throw new Error('the event stream has no body');
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let done = false;
  const ended = (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = parseBlock(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          comments.push(...block.comments);
          if (block.kind !== undefined && block.data !== undefined) {
            const data = JSON.parse(block.data) as Record<string, unknown>;
            const found = registry.validate(`urn:perm-mock:admin:events#/$defs/${block.kind}`, data, block.kind);
            for (const v of found) problems.push(`${block.kind} event ${block.id ?? ''}: ${v.text}`);
            events.push({ id: block.id, kind: block.kind, data });
          }
          end = buffer.indexOf('\n\n');
        }
        wake();
      }
    } catch {
      // aborted by close(), or the server dropped the connection
    } finally {
      done = true;
      wake();
    }
  })();

  const next: EventReader['next'] = (match, timeoutMs = 5000) =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (problems.length > 0) {
          reject(new Error(`events broke their schema:\n  ${problems.join('\n  ')}`));
          return true;
        }
        const found = events.find(match);
        if (found !== undefined) {
          resolve(found);
          return true;
        }
        if (done) {
          reject(new Error(`the stream ended before a matching event; got: ${events.map((e) => e.kind).join(', ')}`));
          return true;
        }
        return false;
      };
      if (check()) return;
      const waiter = (): void => {
        if (!check()) return;
        waiters.delete(waiter);
        clearTimeout(timer);
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching event within ${timeoutMs} ms; got: ${JSON.stringify(events)}`));
      }, timeoutMs);
      waiters.add(waiter);
    });

  await next((event) => event.kind === 'ready');
  return { events, comments, next, ended, close: () => controller.abort() };
}

/** The events of one kind received so far, after the `ready` event. */
export function ofKind(reader: EventReader, kind: string): ReceivedEvent[] {
  return reader.events.filter((event) => event.kind === kind);
}

/**
 * The page's only way to the mock: the control API, with the admin token (kept in this tab's
 * sessionStorage, sent as a Bearer header) and the namespace (the X-Perm-Mock-Namespace header).
 * The event stream is read with fetch rather than EventSource, which cannot send headers: the
 * token never goes into a URL. It reconnects with Last-Event-ID after a break.
 */

const TOKEN_KEY = 'perm-mock-admin-token';
const NAMESPACE_KEY = 'perm-mock-namespace';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token === null || token === '') sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

export function getNamespace(): string {
  return sessionStorage.getItem(NAMESPACE_KEY) ?? 'default';
}

export function setNamespace(name: string): void {
  sessionStorage.setItem(NAMESPACE_KEY, name);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { Accept: 'application/json', ...extra };
  const token = getToken();
  if (token !== null) out.Authorization = `Bearer ${token}`;
  const namespace = getNamespace();
  if (namespace !== 'default') out['X-Perm-Mock-Namespace'] = namespace;
  return out;
}

/** One control-API call; a refusal throws an ApiError with the problem's code and detail. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...(body !== undefined && { body: JSON.stringify(body) }),
    cache: 'no-store',
  });
  const text = await res.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  if (!res.ok) {
    const problem = (parsed ?? {}) as { code?: string; detail?: string };
    throw new ApiError(
      res.status,
      problem.code ?? 'HTTP',
      problem.detail ?? `${method} ${path} answered ${res.status}`,
    );
  }
  return parsed as T;
}

export interface StreamEvent {
  readonly id: string | undefined;
  readonly kind: string;
  readonly data: Record<string, unknown>;
}

export interface StreamHandlers {
  onEvent(event: StreamEvent): void;
  /** `live`, `connecting`, or a refusal (the token is missing or wrong). */
  onStatus(status: 'live' | 'connecting' | ApiError): void;
}

/** Read GET /__admin/events until stopped; returns the stop function. */
export function streamEvents(handlers: StreamHandlers): () => void {
  let stopped = false;
  let lastEventId: string | undefined;
  let controller: AbortController | undefined;
  let delay = 500;

  const run = async (): Promise<void> => {
    while (!stopped) {
      handlers.onStatus('connecting');
      controller = new AbortController();
      try {
        const res = await fetch('/__admin/events', {
          headers: headers(lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId }),
          signal: controller.signal,
          cache: 'no-store',
        });
        if (!res.ok || res.body === null) {
          const problem = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
          const error = new ApiError(res.status, problem.code ?? 'HTTP', problem.detail ?? `events: ${res.status}`);
          handlers.onStatus(error);
          if (res.status === 401 || res.status === 403) return; // waits for a token: started again then
        } else {
          delay = 500;
          await read(res.body, (event) => {
            if (event.id !== undefined) lastEventId = event.id;
            if (event.kind === 'ready') handlers.onStatus('live');
            handlers.onEvent(event);
          });
        }
      } catch {
        // the connection broke (or was stopped): try again below
      }
      if (stopped) return;
      handlers.onStatus('connecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 8000);
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

async function read(body: ReadableStream<Uint8Array>, onEvent: (event: StreamEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id: string | undefined;
      let kind: string | undefined;
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('event: ')) kind = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (kind !== undefined && data !== '') onEvent({ id, kind, data: JSON.parse(data) as Record<string, unknown> });
      end = buffer.indexOf('\n\n');
    }
  }
}

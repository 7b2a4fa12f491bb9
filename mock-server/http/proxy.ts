/**
 * The validating proxy (`--proxy daily=<base URL>`, `--proxy sonoran=<base URL>`): that API's
 * requests go to the real upstream instead of the local state. The request is checked against its
 * contract as always; the upstream's answer is checked against the same contracts, marked with a
 * diagnostic header when it breaks them, journaled with both verdicts, and optionally recorded
 * (redacted: API keys and tokens are never written). One attempt per request, never retried; an
 * upstream that cannot be reached, or is too slow, is answered with the API's own 5xx body.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';

import { checkAnswer, mediaType } from '../../contracts/exchange';
import { OPENAPI_APIS } from '../../contracts/openapi';
import type { Recording } from '../../contracts/scenarios/recordings';
import type { ContractRegistry } from '../../contracts/registry';
import type { JournalApi } from './journal';

export const PROXY_UPSTREAM_HEADER = 'X-Perm-Mock-Upstream-Contract';

export interface ProxySettings {
  /** Per API, the upstream's base URL (as a client would configure it, e.g. https://api.daily.co/v1). */
  readonly upstreams: ReadonlyMap<JournalApi, URL>;
  readonly timeoutMs: number;
  /** Write each exchange here as a redacted recording. */
  readonly recordDir?: string | undefined;
  /** Answers up to this size are checked; larger ones are passed on as they come, unchecked. */
  readonly maxCheckedBytes: number;
}

export const DEFAULT_PROXY_TIMEOUT_MS = 30_000;
export const DEFAULT_PROXY_CHECKED_BYTES = 16 * 1024 * 1024;

/** What the upstream answered, and what its contract says of it. */
export interface UpstreamVerdict {
  readonly url: string;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body as received (undefined when it was too large to hold). */
  readonly body: Buffer | undefined;
  readonly violations: readonly string[];
  readonly ms: number;
}

/** Hop-by-hop and perm-mock's own headers: neither is forwarded. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'x-perm-mock-namespace',
  'x-perm-mock-admin-token',
]);

/** The upstream URL of a local path: the part of the path the base URL already holds is not repeated. */
export function upstreamUrl(base: URL, api: JournalApi, pathAndQuery: string): URL {
  const prefix = OPENAPI_APIS[api].prefix;
  const basePath = base.pathname.replace(/\/+$/, '');
  const local =
    prefix !== '' && basePath.endsWith(prefix) && pathAndQuery.startsWith(prefix)
      ? pathAndQuery.slice(prefix.length)
      : pathAndQuery;
  return new URL(`${base.origin}${basePath}${local}`);
}

export function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    out[name] = value;
  }
  return out;
}

export type UpstreamOutcome =
  | { readonly ok: true; readonly verdict: UpstreamVerdict; readonly response: IncomingMessage; readonly rest: boolean }
  | { readonly ok: false; readonly why: string; readonly code: 'MOCK_UPSTREAM_UNREACHABLE' | 'MOCK_UPSTREAM_TIMEOUT' };

/**
 * Send one request upstream and read its answer (up to `maxCheckedBytes`; `rest` says more is still
 * to come from `response`). Never retried.
 */
export function callUpstream(
  settings: ProxySettings,
  registry: ContractRegistry,
  api: JournalApi,
  method: string,
  localPath: string,
  pathAndQuery: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<UpstreamOutcome> {
  const base = settings.upstreams.get(api);
  if (base === undefined)
    return Promise.resolve({ ok: false, why: `no upstream for ${api}`, code: 'MOCK_UPSTREAM_UNREACHABLE' });
  const url = upstreamUrl(base, api, pathAndQuery);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: UpstreamOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(url, {
      method,
      headers: { ...forwardedHeaders(headers), ...(body.length > 0 && { 'content-length': String(body.length) }) },
      timeout: settings.timeoutMs,
    });
    outgoing.on('timeout', () => {
      outgoing.destroy();
      settle({
        ok: false,
        code: 'MOCK_UPSTREAM_TIMEOUT',
        why: `the upstream ${url.origin} did not answer within ${settings.timeoutMs} ms`,
      });
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      settle({
        ok: false,
        code: 'MOCK_UPSTREAM_UNREACHABLE',
        why: `the upstream ${url.origin} could not be reached (${error.code ?? error.message})`,
      });
    });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (rest: boolean): void => {
        const held = rest ? undefined : Buffer.concat(chunks);
        const contentType = response.headers['content-type'] ?? null;
        let violations: string[] = [];
        if (!rest && held !== undefined) {
          let parsed: unknown = held.length === 0 ? undefined : held.toString('utf8');
          const type = mediaType(contentType);
          if (held.length > 0 && type !== null && (type === 'application/json' || type.endsWith('+json'))) {
            try {
              parsed = JSON.parse(held.toString('utf8')) as unknown;
            } catch {
              parsed = held.toString('utf8');
            }
          }
          violations = checkAnswer(
            method,
            localPath,
            { status: response.statusCode ?? 0, contentType, body: parsed },
            registry,
          ).violations.map((v) => v.text);
        }
        settle({
          ok: true,
          rest,
          response,
          verdict: {
            url: url.toString(),
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: rest ? Buffer.concat(chunks) : held,
            violations,
            ms: Math.round((performance.now() - started) * 1000) / 1000,
          },
        });
      };
      const onData = (chunk: Buffer): void => {
        chunks.push(chunk);
        size += chunk.length;
        if (size > settings.maxCheckedBytes) {
          response.off('data', onData);
          response.pause();
          finish(true);
        }
      };
      response.on('data', onData);
      response.on('end', () => finish(false));
      response.on('error', () =>
        settle({
          ok: false,
          code: 'MOCK_UPSTREAM_UNREACHABLE',
          why: `the upstream ${url.origin} broke off its answer`,
        }),
      );
    });
    outgoing.end(body);
  });
}

const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/g;

/** The secrets a request carries: its bearer key, a body's apiKey or key, a path's key segment. */
function secretsOf(headers: IncomingHttpHeaders, body: unknown, path: string): string[] {
  const out: string[] = [];
  const bearer = /^Bearer\s+(\S+)/i.exec(headers.authorization ?? '')?.[1];
  if (bearer !== undefined) out.push(bearer);
  if (typeof body === 'object' && body !== null) {
    for (const name of ['apiKey', 'key']) {
      const value = (body as Record<string, unknown>)[name];
      if (typeof value === 'string') out.push(value);
    }
  }
  // Sonoran v1 puts id and key in paths: /api/radio/get-connected-users/:id/:key/…, /radio/…/:id/:key/…
  const keyInPath = /\/radio\/[a-z-]+\/[^/]+\/([^/?]+)/.exec(path)?.[1];
  if (keyInPath !== undefined) out.push(decodeURIComponent(keyInPath));
  return out.filter((secret) => secret.length >= 6).sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('<api-key>');
  return out.replace(JWT, '<token>');
}

/** A proxied exchange as a recording in fixtures/recordings' format, every secret replaced. */
export function proxyRecording(
  api: JournalApi,
  operation: string | null,
  sequence: number,
  method: string,
  path: string,
  requestHeaders: IncomingHttpHeaders,
  requestBody: Buffer,
  verdict: UpstreamVerdict,
  now: Date,
): Recording {
  const text = requestBody.toString('utf8');
  let parsedRequest: unknown;
  try {
    parsedRequest = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    parsedRequest = undefined;
  }
  const secrets = secretsOf(requestHeaders, parsedRequest, path);
  const responseText = redact(verdict.body?.toString('utf8') ?? '', secrets);
  let responseBody: unknown;
  try {
    responseBody = responseText === '' ? null : (JSON.parse(responseText) as unknown);
  } catch {
    responseBody = responseText;
  }
  const name = (operation ?? `${api}.unknown`).split('.')[1] ?? 'unknown';
  const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const keep = ['content-type', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining'];
  const headers: Record<string, string> = {};
  for (const key of keep) {
    const value = verdict.headers[key];
    if (typeof value === 'string') headers[key] = value;
  }
  return {
    scenario: `${api}.proxy-${kebab}-${String(sequence).padStart(4, '0')}`,
    operation: operation ?? `${api}.unknown`,
    provenance: {
      kind: 'recording',
      source: new URL(verdict.url).origin,
      recordedAt: now.toISOString(),
      tool: 'perm-mock --proxy',
    },
    request: { method, path: redact(path, secrets), ...(text !== '' && { body: redact(text, secrets) }) },
    response: { status: verdict.status, headers, body: responseBody },
  };
}

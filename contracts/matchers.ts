/**
 * Jest matchers over the contracts. Register once (e.g. in a setupFilesAfterEach file):
 *   import { contractMatchers } from 'perm-mock';  expect.extend(contractMatchers);
 * then `expect(res).toMatchContract('daily.updatePermissions')`.
 *
 * They take the responses users hold: a fetch `Response` (read from a clone, so the caller's body is
 * left unread; the matcher is then async: `await expect(res).toMatchContract(…)`), a supertest
 * response, an axios response, or a plain `{status, headers, body}`.
 */
import { checkRequest, checkResponse, mediaType, type RequestExchange, type ResponseExchange } from './exchange';
import type { Violation } from './messages';
import { PROBLEM_TYPE } from './operations';
import { getContractRegistry } from './registry';

/** Anything with a status, headers and a parsed body: a supertest response, or a plain object. */
export interface ResponseLike {
  readonly status: number;
  readonly headers?: Readonly<Record<string, unknown>> | Headers;
  readonly body?: unknown;
  readonly contentType?: string | null;
}

/** An axios response: the parsed body is `data`. */
export interface AxiosResponseLike {
  readonly status: number;
  readonly headers?: Readonly<Record<string, unknown>> | { get?: unknown };
  readonly data?: unknown;
  readonly config?: unknown;
}

/** What the matchers accept. */
export type AnyResponse = Response | ResponseLike | AxiosResponseLike;

function isFetchResponse(value: unknown): value is Response {
  if (typeof Response !== 'undefined' && value instanceof Response) return true;
  const candidate = value as Partial<Response> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.clone === 'function' &&
    typeof candidate.text === 'function' &&
    'bodyUsed' in candidate
  );
}

function isAxiosResponse(value: object): value is AxiosResponseLike {
  return 'data' in value && 'config' in value && !('body' in value);
}

function headerOf(headers: unknown, name: string): string | null {
  if (headers === undefined || headers === null) return null;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === 'function') {
    const value: unknown = (getter as (n: string) => unknown).call(headers, name);
    return typeof value === 'string' ? value : null;
  }
  const record = headers as Record<string, unknown>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : null;
  return typeof value === 'string' ? value : null;
}

function isJsonType(contentType: string | null): boolean {
  const type = mediaType(contentType);
  return type !== null && (type === 'application/json' || type.endsWith('+json'));
}

/** Text of a JSON content type is parsed; anything else stays text (the check then names the type). */
function parseText(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (!isJsonType(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A supertest response holds the raw text beside a body that is `{}` for text and empty answers. */
function bodyOfPlain(res: ResponseLike, contentType: string | null): unknown {
  const text = (res as { text?: unknown }).text;
  if (typeof text === 'string') return parseText(text, contentType);
  return res.body;
}

/** The exchange a matcher checks, from any response shape (a fetch Response is read from a clone). */
export function toExchange(received: AnyResponse): ResponseExchange | Promise<ResponseExchange> {
  if (isFetchResponse(received)) {
    const contentType = received.headers.get('content-type');
    return received
      .clone()
      .text()
      .then((text) => ({ status: received.status, contentType, body: parseText(text, contentType) }));
  }
  if (typeof received !== 'object' || received === null || typeof received.status !== 'number') {
    throw new TypeError(
      'expected a response: a fetch Response, a supertest or axios response, or {status, headers, body}',
    );
  }
  if (isAxiosResponse(received)) {
    const contentType = headerOf(received.headers, 'content-type');
    const data = received.data;
    return {
      status: received.status,
      contentType,
      body: typeof data === 'string' ? parseText(data, contentType) : data,
    };
  }
  const plain: ResponseLike = received;
  const contentType = plain.contentType ?? headerOf(plain.headers, 'content-type');
  return { status: plain.status, contentType, body: bodyOfPlain(plain, contentType) };
}

/** A request: `{headers?, contentType?, body}`, or a journal entry `{request: {headers, body}}`. */
export type RequestLike = RequestExchange | { readonly request: RequestExchange };

export function toRequestExchange(received: RequestLike): RequestExchange {
  return 'request' in received && typeof received.request === 'object' && received.request !== null
    ? received.request
    : (received as RequestExchange);
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function listed(violations: readonly { text: string }[] | readonly string[]): string {
  return violations.map((v) => `  - ${typeof v === 'string' ? v : v.text}`).join('\n');
}

/** Run a check on the exchange, at once or once a fetch body has been read. */
function withExchange(
  received: AnyResponse,
  check: (exchange: ResponseExchange) => MatcherResult,
): MatcherResult | Promise<MatcherResult> {
  const exchange = toExchange(received);
  // Duck-typed: a Promise from another realm (Jest's sandbox) is not `instanceof Promise`.
  return isPromise(exchange) ? exchange.then(check) : check(exchange);
}

function contractResult(operationId: string, exchange: ResponseExchange, violations: Violation[]): MatcherResult {
  const pass = violations.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected the ${exchange.status} response not to match the contract of ${operationId}, but it does`
        : `expected the ${exchange.status} response to match the contract of ${operationId}:\n` +
          listed(violations) +
          `\nbody: ${JSON.stringify(exchange.body)}`,
  };
}

function problemResult(exchange: ResponseExchange, code: string | undefined): MatcherResult {
  const problems = getContractRegistry()
    .validate('urn:perm-mock:admin:problem', exchange.body)
    .map((v) => v.text);
  const type = mediaType(exchange.contentType);
  if (type !== PROBLEM_TYPE) problems.push(`content-type must be ${PROBLEM_TYPE} (got ${type ?? 'none'})`);
  const got = (exchange.body as { code?: unknown } | undefined)?.code;
  if (code !== undefined && got !== code) problems.push(`code must be ${code} (got ${String(got)})`);
  if (exchange.status < 400) problems.push(`the HTTP status must be an error (4xx or 5xx; got ${exchange.status})`);
  const said = (exchange.body as { status?: unknown } | undefined)?.status;
  if (typeof said === 'number' && said !== exchange.status)
    problems.push(`the body's status (${said}) must be the HTTP status (${exchange.status})`);
  const pass = problems.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected the ${exchange.status} response not to be a ${code ?? 'perm-mock'} problem`
        : `expected the ${exchange.status} response to be a ${code ?? 'perm-mock'} problem:\n` +
          listed(problems) +
          `\nbody: ${JSON.stringify(exchange.body)}`,
  };
}

export const contractMatchers = {
  /** The response's status, content type and body match the operation's contract. */
  toMatchContract(received: AnyResponse, operationId: string): MatcherResult | Promise<MatcherResult> {
    return withExchange(received, (exchange) =>
      contractResult(operationId, exchange, checkResponse(operationId, exchange)),
    );
  },

  /** A request (or a journal entry holding one) meets the operation's request contract. */
  toMatchRequestContract(received: RequestLike, operationId: string): MatcherResult {
    const request = toRequestExchange(received);
    const violations = checkRequest(operationId, request);
    const pass = violations.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? `expected the request not to match the request contract of ${operationId}, but it does`
          : `expected the request to match the request contract of ${operationId}:\n` +
            listed(violations) +
            `\nbody: ${JSON.stringify(request.body)}`,
    };
  },

  /** A perm-mock problem (application/problem+json, the problem schema), optionally with this code. */
  toBeProblem(received: AnyResponse, code?: string): MatcherResult | Promise<MatcherResult> {
    return withExchange(received, (exchange) => problemResult(exchange, code));
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * The response's status, content type and body match the operation's contract. Async for a
       * fetch Response: `await expect(res).toMatchContract(…)`.
       */
      toMatchContract(operationId: string): R;
      /** The response is an application/problem+json perm-mock problem (with this code, if given). */
      toBeProblem(code?: string): R;
      /** A request, or a journal entry, meets the operation's request contract (headers and body). */
      toMatchRequestContract(operationId: string): R;
    }
  }
}

/**
 * Jest matchers over the contracts. Register once (e.g. in a setupFilesAfterEach file):
 *   import { contractMatchers } from 'perm-mock';  expect.extend(contractMatchers);
 * then `expect(res).toMatchContract('daily.updatePermissions')`.
 */
import { checkRequest, checkResponse, mediaType, type RequestExchange, type ResponseExchange } from './exchange';
import { PROBLEM_TYPE } from './operations';
import { getContractRegistry } from './registry';

/** Anything with a status, headers and a parsed body: a supertest response, or a plain object. */
export interface ResponseLike {
  readonly status: number;
  readonly headers?: Readonly<Record<string, unknown>> | Headers;
  readonly body?: unknown;
  readonly contentType?: string | null;
}

function headerOf(res: ResponseLike, name: string): string | null {
  const headers = res.headers;
  if (headers === undefined) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

export function toExchange(res: ResponseLike): ResponseExchange {
  return { status: res.status, contentType: res.contentType ?? headerOf(res, 'content-type'), body: res.body };
}

/** A request: `{headers?, contentType?, body}`, or a journal entry `{request: {headers, body}}`. */
export type RequestLike = RequestExchange | { readonly request: RequestExchange };

export function toRequestExchange(received: RequestLike): RequestExchange {
  return 'request' in received && typeof received.request === 'object' && received.request !== null
    ? received.request
    : (received as RequestExchange);
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

export const contractMatchers = {
  toMatchContract(received: ResponseLike, operationId: string): MatcherResult {
    const violations = checkResponse(operationId, toExchange(received));
    const pass = violations.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? `expected the ${received.status} response not to match the contract of ${operationId}, but it does`
          : `expected the ${received.status} response to match the contract of ${operationId}:\n` +
            violations.map((v) => `  - ${v.text}`).join('\n') +
            `\nbody: ${JSON.stringify(received.body)}`,
    };
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
            violations.map((v) => `  - ${v.text}`).join('\n') +
            `\nbody: ${JSON.stringify(request.body)}`,
    };
  },

  /** A perm-mock problem (application/problem+json, the problem schema), optionally with this code. */
  toBeProblem(received: ResponseLike, code?: string): MatcherResult {
    const exchange = toExchange(received);
    const problems = getContractRegistry()
      .validate('urn:perm-mock:admin:problem', exchange.body)
      .map((v) => v.text);
    const type = mediaType(exchange.contentType);
    if (type !== PROBLEM_TYPE) problems.push(`content-type must be ${PROBLEM_TYPE} (got ${type ?? 'none'})`);
    const got = (exchange.body as { code?: unknown } | undefined)?.code;
    if (code !== undefined && got !== code) problems.push(`code must be ${code} (got ${String(got)})`);
    const pass = problems.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? `expected the ${received.status} response not to be a ${code ?? 'perm-mock'} problem`
          : `expected the ${received.status} response to be a ${code ?? 'perm-mock'} problem:\n` +
            problems.map((p) => `  - ${p}`).join('\n') +
            `\nbody: ${JSON.stringify(received.body)}`,
    };
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The response's status, content type and body match the operation's contract. */
      toMatchContract(operationId: string): R;
      /** The response is an application/problem+json perm-mock problem (with this code, if given). */
      toBeProblem(code?: string): R;
      /** A request, or a journal entry, meets the operation's request contract (headers and body). */
      toMatchRequestContract(operationId: string): R;
    }
  }
}

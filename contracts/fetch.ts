/**
 * `contractFetch`: fetch, and fail when the answer breaks its contract. The answer is matched to its
 * operation by method and path (or to its API's not-found and method-not-allowed answers) and
 * checked on a clone, so the body is still unread for the caller. For tests that call perm-mock, or
 * the real APIs, directly.
 */
import { checkAnswer, mediaType } from './exchange';

export class ContractViolationError extends Error {
  constructor(
    readonly status: number,
    readonly violations: readonly string[],
    what: string,
  ) {
    super(`the ${status} answer to ${what} breaks its contract:\n${violations.map((v) => `  - ${v}`).join('\n')}`);
    this.name = 'ContractViolationError';
  }
}

export async function contractFetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, init);
  const text = await res.clone().text();
  const contentType = res.headers.get('content-type');
  const type = mediaType(contentType);
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && type !== null && (type === 'application/json' || type.endsWith('+json'))) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  const target = new URL(url);
  const method = (init.method ?? 'GET').toUpperCase();
  const { operationId, violations } = checkAnswer(method, `${target.pathname}${target.search}`, {
    status: res.status,
    contentType,
    body,
  });
  if (violations.length > 0) {
    throw new ContractViolationError(
      res.status,
      violations.map((v) => v.text),
      `${method} ${target.pathname} (${operationId ?? 'its surface'})`,
    );
  }
  return res;
}

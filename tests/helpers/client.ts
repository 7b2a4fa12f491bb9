/**
 * The HTTP clients every test uses. Each response is matched to its operation by method and path
 * (or to its surface's not-found and method-not-allowed answers) and checked against the contract
 * before the test sees it, so no test can forget to: a response that breaks its contract fails
 * the test that received it.
 */
import request from 'supertest';

import { checkAnswer } from '../../contracts/exchange';
import { mediaType } from '../../contracts/exchange';
import type { PermMockApp } from '../../mock-server/app';

export type { Response, Test } from 'supertest';

function assertAnswer(method: string, url: string, status: number, contentType: string | null, body: unknown): void {
  const { operationId, violations } = checkAnswer(method, url, { status, contentType, body });
  if (violations.length === 0) return;
  const what = operationId ?? 'its surface';
  throw new Error(
    `the ${status} answer to ${method} ${url} breaks the contract of ${what}:\n` +
      violations.map((v) => `  - ${v.text}`).join('\n') +
      `\nbody: ${JSON.stringify(body)}`,
  );
}

/** supertest's body is `{}` for an empty answer and for text; the contract wants what was sent. */
function bodyOf(res: request.Response): unknown {
  if (res.text === '' || res.text === undefined) return undefined;
  const type = mediaType(res.headers['content-type']);
  return type !== null && (type === 'application/json' || type.endsWith('+json')) ? res.body : res.text;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

export interface CheckedClient {
  get(url: string): request.Test;
  post(url: string): request.Test;
  put(url: string): request.Test;
  patch(url: string): request.Test;
  delete(url: string): request.Test;
  head(url: string): request.Test;
  options(url: string): request.Test;
}

/** supertest, in-process against the app's own handler (or against a URL), every answer contract-checked. */
export function http(app: PermMockApp | string): CheckedClient {
  const agent = request(app);
  const verb =
    (method: Method) =>
    (url: string): request.Test =>
      agent[method](url).expect((res: request.Response) => {
        assertAnswer(
          method.toUpperCase(),
          url,
          res.status,
          (res.headers['content-type'] as string) ?? null,
          bodyOf(res),
        );
      });
  return {
    get: verb('get'),
    post: verb('post'),
    put: verb('put'),
    patch: verb('patch'),
    delete: verb('delete'),
    head: verb('head'),
    options: verb('options'),
  };
}

/** fetch against a running perm-mock; the answer is contract-checked (the library's contractFetch). */
export { contractFetch as checkedFetch } from '../../contracts/fetch';

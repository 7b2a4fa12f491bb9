/** Routing fallbacks: wrong method, unknown path, and the last-resort error handler. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

import { isBodyReadError } from './body';
import { httpProblem } from './errors';
import { MockProblem, sendProblem } from './problem';

const MOCKED_ROUTES = ['POST /v1/rooms/{name}/update-permissions (Daily)'];

/** The path part of a request URL, without the query. */
export function pathOf(url: string): string {
  const end = url.indexOf('?');
  return end === -1 ? url : url.slice(0, end);
}

export function methodNotAllowed(allowed: readonly string[]): RequestHandler {
  const allow = allowed.join(', ');
  return (req, res) => {
    const problem = httpProblem(
      'MOCK_METHOD_NOT_ALLOWED',
      `${req.method} is not served at ${pathOf(req.originalUrl)}; this path accepts ${allow}`,
      { headers: { Allow: allow } },
    );
    sendProblem(res, problem, req.originalUrl);
  };
}

export const routeNotFound: RequestHandler = (req, res) => {
  const detail =
    `no route matches ${req.method} ${pathOf(req.originalUrl)}. perm-mock serves ${MOCKED_ROUTES.join(', ')} ` +
    'and its control API under /__admin (see the README, "Control API")';
  sendProblem(res, httpProblem('MOCK_ROUTE_NOT_FOUND', detail), req.originalUrl);
};

/** Turn a body-reading error into the matching problem. */
export function bodyProblem(error: { type: string; message: string }, limit: number): MockProblem {
  if (error.type === 'entity.too.large') {
    return httpProblem('MOCK_BODY_TOO_LARGE', `the request body is larger than the ${limit}-byte limit`);
  }
  return httpProblem('MOCK_BAD_REQUEST', `the request body could not be read: ${error.message}`);
}

/** Anything no router answered: a problem the handler raised, a client error, or a fault (500). */
export function finalErrorHandler(logger: Logger, bodyLimit: number): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof MockProblem) return void sendProblem(res, error, req.originalUrl);
    if (isBodyReadError(error)) return void sendProblem(res, bodyProblem(error, bodyLimit), req.originalUrl);
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = error instanceof Error ? error.message : String(error);
      return void sendProblem(res, httpProblem('MOCK_BAD_REQUEST', message), req.originalUrl);
    }
    logger.error(
      { err: error, method: req.method, path: req.originalUrl },
      'unexpected fault while handling a request',
    );
    const detail =
      'perm-mock hit an unexpected fault; the log has the stack trace. Please report it with the request that caused it';
    sendProblem(res, httpProblem('MOCK_INTERNAL_ERROR', detail), req.originalUrl);
  };
}

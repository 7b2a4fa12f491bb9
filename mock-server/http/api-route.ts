/**
 * The shape every mocked-API route shares: give the call a request id, read the raw body within the
 * limit, let the API's handler decide the answer, then answer, journal and log it. A body that
 * cannot be read (too large, aborted) is answered in the API's own error format too.
 */
import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';

import type { MockState } from '../state';
import { isBodyReadError, readRawBody, type BodyReadError } from './body';
import { beginCall, callOf, finishCall, type CallOutcome, type CallRecord } from './call';
import type { RouteDeps } from './deps';
import type { JournalApi } from './journal';
import { methodNotAllowed } from './routing';

export type ApiAnswer = CallOutcome;

export interface ApiRouteSpec {
  readonly api: JournalApi;
  /** Contract operation id, e.g. `daily.updatePermissions`. */
  readonly operation: string;
  /** Express path, relative to where the router is mounted. */
  readonly path: string;
  /** Decide the answer. It may record the parsed body and the contract violations on `call`. */
  handle(req: Request, call: CallRecord, state: MockState): ApiAnswer;
  /** The answer to a body that could not be read at all. */
  onBodyError(error: BodyReadError): ApiAnswer;
  /** The answer to a path that is not valid percent-encoding. */
  onMalformedPath(): ApiAnswer;
  /** The answer when a change could not be stored (the state file could not be written). */
  onStorageError(error: Error): ApiAnswer;
}

/** A router serving one POST operation of a mocked API (other methods get a 405 problem). */
export function createApiRouter(deps: RouteDeps, spec: ApiRouteSpec): Router {
  const { config, logger } = deps;

  const begin: RequestHandler = (req, res, next) => {
    beginCall(res, deps.stateFor(req).journal, spec.api, spec.operation, config.clock());
    next();
  };

  const handle: RequestHandler = (req, res) => {
    const state = deps.stateFor(req);
    const call = callOf(res) as CallRecord;
    const answer = spec.handle(req, call, state);
    if (answer.changed !== true) return finishCall(req, res, state.journal, logger, call, answer);
    state.commit((error) => {
      finishCall(req, res, state.journal, logger, call, error === undefined ? answer : spec.onStorageError(error));
    });
  };

  const onError: ErrorRequestHandler = (error: unknown, req, res, next) => {
    const call = callOf(res);
    if (call === undefined || res.headersSent || !isBodyReadError(error)) return next(error);
    call.violations = [`body: ${error.message}`];
    finishCall(req, res, deps.stateFor(req).journal, logger, call, spec.onBodyError(error));
  };

  // Express would refuse a path it cannot percent-decode with its own error; answer in the API's format.
  const checkPath: RequestHandler = (req, res, next) => {
    try {
      decodeURIComponent(req.path);
      next();
    } catch {
      const call = beginCall(res, deps.stateFor(req).journal, spec.api, spec.operation, config.clock());
      call.violations = ['path: not valid percent-encoding'];
      finishCall(req, res, deps.stateFor(req).journal, logger, call, spec.onMalformedPath());
    }
  };

  const router = Router();
  router.use(checkPath);
  router
    .route(spec.path)
    .post(begin, readRawBody(config.bodyLimit), handle)
    .all(methodNotAllowed(['POST']));
  router.use(onError);
  return router;
}

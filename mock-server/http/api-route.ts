/**
 * The mocked APIs' routes: plain node:http handlers, matched by path before Express sees the
 * request. Express mounts the same handler as its first middleware (so `createApp` and supertest
 * behave exactly like the server), while the server's dispatcher calls it directly and skips
 * Express's per-request work for the two hot endpoints. One code path, two entry points.
 *
 * For each call: give it a request id, read the raw body within the limit, let the API decide the
 * answer, make a change durable when there is a state file, then answer, journal and log it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';

import { getOperation } from '../../contracts/operations';
import type { MockState } from '../state';
import { isBodyReadError, type BodyReadError } from './body';
import { httpProblem } from './errors';
import { MockProblem, sendProblem } from './problem';
import { beginCall, dropCall, finishCall, type CallOutcome, type CallRecord } from './call';
import type { RouteDeps } from './deps';
import type { JournalApi } from './journal';
import { readJsonRequest } from './json-request';
import { resolveNamespace } from './namespace';

export type ApiAnswer = CallOutcome;

/** What a route handler sees of the request. */
export interface ApiRequest {
  readonly headers: IncomingMessage['headers'];
  /** Path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The raw body (empty when none was sent). */
  readonly body: Buffer;
}

export interface ApiRouteSpec {
  readonly api: JournalApi;
  /** Contract operation id, e.g. `daily.updatePermissions`: its method and path template are used. */
  readonly operation: string;
  /** Decide the answer. It may record the parsed body and the contract violations on `call`. */
  handle(req: ApiRequest, call: CallRecord, state: MockState): ApiAnswer;
  /** The answer to a body that could not be read at all. */
  onBodyError(error: BodyReadError): ApiAnswer;
  /** The answer to a path that is not valid percent-encoding. */
  onMalformedPath(): ApiAnswer;
  /** The answer when a change could not be stored (the state file could not be written). */
  onStorageError(error: Error): ApiAnswer;
  /** The API's own answer for an injected status (one of `faultStatuses`). */
  onFault(status: number, retryAfter: number | undefined, why: string): ApiAnswer;
  /** The statuses a fault may inject: those the operation's contract documents. */
  readonly faultStatuses: readonly number[];
  /** The API's own 429, when a rate limit in force is exceeded. */
  onRateLimited(retryAfter: number, why: string): ApiAnswer;
}

/** Tries to serve a request; false when no mocked-API route takes it (Express then does). */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

interface CompiledRoute {
  readonly spec: ApiRouteSpec;
  readonly requestSchema: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(spec: ApiRouteSpec): CompiledRoute {
  const op = getOperation(spec.operation);
  const names: string[] = [];
  const source = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return {
    spec,
    requestSchema: op.request?.schema ?? '',
    method: op.method,
    pattern: new RegExp(`^${source}$`),
    names,
  };
}

function decodeParams(route: CompiledRoute, match: RegExpExecArray): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] ?? '');
    });
  } catch {
    return undefined;
  }
  return params;
}

/** Shaped like body-parser's errors (`type`, `status`), so one mapping serves both. */
class UnsupportedEncodingError extends Error implements BodyReadError {
  readonly type = 'encoding.unsupported';
  readonly status = 415;
  constructor(encoding: string) {
    super(`Content-Encoding ${encoding} is not supported; send the body uncompressed`);
  }
}

/** Everything one call needs on its way through faults, rate limits and the API. */
interface Call {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly state: MockState;
  readonly record: CallRecord;
  readonly route: CompiledRoute;
  readonly path: string;
}

export function createApiHandler(deps: RouteDeps, specs: readonly ApiRouteSpec[]): ApiHandler {
  const { config, logger } = deps;
  const routes = specs.map(compile);

  /** Answer; a change is made durable first (a state file), and a failed write answers as such. */
  const answer = (call: Call, outcome: ApiAnswer): void => {
    const { req, res, state, record } = call;
    if (outcome.changed !== true) return finishCall(req, res, state.journal, logger, record, outcome);
    state.commit((error) => {
      const final = error === undefined ? outcome : call.route.spec.onStorageError(error);
      finishCall(req, res, state.journal, logger, record, final);
    });
  };

  /** A bug in the mock: logged, and answered as a problem rather than left hanging. */
  const fail = (res: ServerResponse, error: unknown): void => {
    logger.error({ err: error }, 'unexpected fault while handling a mocked-API request');
    if (res.headersSent) return void res.destroy();
    const detail =
      'perm-mock hit an unexpected fault; the log has the stack trace. Please report it with the request that caused it';
    sendProblem(res, httpProblem('MOCK_INTERNAL_ERROR', detail));
  };

  /** Calls a fault or a rate limit answers still record what the client sent, and its contract check. */
  const inspect = (call: Call, request: ApiRequest): void => {
    readJsonRequest(request, call.record, deps.registry, call.route.requestSchema);
  };

  /** Past faults: a rate limit in force may answer; otherwise the API decides. */
  const decide = (call: Call, request: ApiRequest): void => {
    const limiter = call.state.rateLimits[call.route.spec.api];
    const admitted = limiter === null ? undefined : limiter.admit(config.clock().getTime());
    if (admitted !== undefined && !admitted.ok) {
      inspect(call, request);
      const why = `the rate limit switched on for this namespace is exceeded; retry after ${admitted.retryAfter} s`;
      return answer(call, call.route.spec.onRateLimited(admitted.retryAfter, why));
    }
    answer(call, call.route.spec.handle(request, call.record, call.state));
  };

  /** An armed fault may delay, drop or answer this call instead of the API. */
  const serve = (call: Call, request: ApiRequest): void => {
    const fired = call.state.faults.take(call.route.spec.api, call.route.spec.operation, call.path);
    if (fired === undefined) return decide(call, request);
    const { fault, delayMs } = fired;
    const act = (): void => {
      try {
        if (fault.drop === true) {
          inspect(call, request);
          return dropCall(
            call.req,
            call.res,
            call.state.journal,
            logger,
            call.record,
            `fault ${fault.id} injected: connection dropped`,
          );
        }
        if (fault.status !== undefined) {
          inspect(call, request);
          const why = `fault ${fault.id} injected: status ${fault.status}`;
          return answer(call, call.route.spec.onFault(fault.status, fault.retryAfter, why));
        }
        decide(call, request);
      } catch (error) {
        fail(call.res, error);
      }
    };
    if (delayMs > 0) setTimeout(act, delayMs);
    else act();
  };

  return (req, res) => {
    if (req.method !== 'POST') return false;
    resolveNamespace(req);
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    let route: CompiledRoute | undefined;
    let match: RegExpExecArray | null = null;
    for (const candidate of routes) {
      match = candidate.pattern.exec(path);
      if (match !== null) {
        route = candidate;
        break;
      }
    }
    if (route === undefined || match === null) return false;
    const { spec } = route;

    try {
      const state = deps.stateFor(req);
      const call: Call = {
        req,
        res,
        state,
        route,
        path,
        record: beginCall(state.journal, spec.api, spec.operation, config.clock()),
      };
      const params = decodeParams(route, match);
      if (params === undefined) {
        call.record.violations = ['path: not valid percent-encoding'];
        answer(call, spec.onMalformedPath());
        return true;
      }
      const encoding = req.headers['content-encoding'];
      const body =
        encoding !== undefined && encoding.toLowerCase() !== 'identity'
          ? Promise.reject(new UnsupportedEncodingError(encoding))
          : getRawBody(req, { length: req.headers['content-length'], limit: config.bodyLimit });
      body.then(
        (raw) => {
          try {
            serve(call, { headers: req.headers, params, body: raw });
          } catch (error) {
            fail(res, error);
          }
        },
        (error: unknown) => {
          if (!isBodyReadError(error)) return fail(res, error);
          if (error.type === 'request.aborted') return; // the client went away: nobody to answer
          call.record.violations = [`body: ${error.message}`];
          req.resume(); // drain what is left, so the answer can be read
          answer(call, spec.onBodyError(error));
        },
      );
    } catch (error) {
      if (error instanceof MockProblem) {
        req.resume();
        sendProblem(res, error, req.url);
        return true;
      }
      fail(res, error);
    }
    return true;
  };
}

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
import { beginCall, finishCall, type CallOutcome, type CallRecord } from './call';
import type { RouteDeps } from './deps';
import type { JournalApi } from './journal';

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
}

/** Tries to serve a request; false when no mocked-API route takes it (Express then does). */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

interface CompiledRoute {
  readonly spec: ApiRouteSpec;
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
  return { spec, method: op.method, pattern: new RegExp(`^${source}$`), names };
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

export function createApiHandler(deps: RouteDeps, specs: readonly ApiRouteSpec[]): ApiHandler {
  const { config, logger } = deps;
  const routes = specs.map(compile);

  const answer = (
    req: IncomingMessage,
    res: ServerResponse,
    state: MockState,
    call: CallRecord,
    outcome: ApiAnswer,
  ): void => {
    if (outcome.changed !== true) return finishCall(req, res, state.journal, logger, call, outcome);
    state.commit((error) => {
      const final = error === undefined ? outcome : routeOf(call).spec.onStorageError(error);
      finishCall(req, res, state.journal, logger, call, final);
    });
  };

  const byOperation = new Map(routes.map((r) => [r.spec.operation, r]));
  const routeOf = (call: CallRecord): CompiledRoute => byOperation.get(call.operation) as CompiledRoute;

  const fault = (res: ServerResponse, error: unknown): void => {
    logger.error({ err: error }, 'unexpected fault while handling a mocked-API request');
    if (res.headersSent) return void res.destroy();
    const body = {
      type: 'urn:perm-mock:error:MOCK_INTERNAL_ERROR',
      title: 'perm-mock failed while handling the request',
      status: 500,
      detail:
        'perm-mock hit an unexpected fault; the log has the stack trace. Please report it with the request that caused it',
      code: 'MOCK_INTERNAL_ERROR',
    };
    const text = JSON.stringify(body);
    res.statusCode = 500;
    res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    res.end(text);
  };

  return (req, res) => {
    if (req.method !== 'POST') return false;
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
      const call = beginCall(state.journal, spec.api, spec.operation, config.clock());
      const params = decodeParams(route, match);
      if (params === undefined) {
        call.violations = ['path: not valid percent-encoding'];
        answer(req, res, state, call, spec.onMalformedPath());
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
            answer(req, res, state, call, spec.handle({ headers: req.headers, params, body: raw }, call, state));
          } catch (error) {
            fault(res, error);
          }
        },
        (error: unknown) => {
          if (!isBodyReadError(error)) return fault(res, error);
          if (error.type === 'request.aborted') return; // the client went away: nobody to answer
          call.violations = [`body: ${error.message}`];
          req.resume(); // drain what is left, so the answer can be read
          answer(req, res, state, call, spec.onBodyError(error));
        },
      );
    } catch (error) {
      fault(res, error);
    }
    return true;
  };
}

/**
 * The one request path. Every request, to a mocked API or to the control API, goes through
 * `createDispatcher`'s handler, driven by the operation table in contracts/: the path is matched
 * once (one router built from the templates), the namespace is resolved once and passed on as a
 * value, the body is read and checked against its contract once, and the operation's handler is
 * called with a read-only request. Its result is answered in the surface's own format, journaled and
 * logged here. `createApp()` returns this handler; the server and supertest both call it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

import { checkAnswer, checkRequest } from '../../contracts/exchange';
import type { Violation } from '../../contracts/messages';
import {
  getSurface,
  OPERATIONS,
  operationsOf,
  PROBLEM_TYPE,
  ROUTER,
  surfaceOf,
  type OperationContract,
  type RouteMatch,
  type SurfaceContract,
} from '../../contracts/operations';
import type { ContractRegistry } from '../../contracts/registry';
import { adminTokenProblem } from '../admin/auth';
import type { AdminContext, AdminHandler, AdminRequest, AdminResult } from '../admin/types';
import {
  isRefusal,
  type ApiRequest,
  type ApiResult,
  type JsonRead,
  type MockedApi,
  type PlumbingReason,
  type WireAnswer,
} from '../apis/seam';
import { FAULT_REASONS } from '../faults';
import type { Namespaces } from '../namespaces';
import type { ResolvedOptions } from '../options';
import type { MockState } from '../state';
import type { Scenario } from '../world';
import { decodeJson, isJsonContentType, readBody, type BodyReadError } from './body';
import { httpProblem } from './errors';
import type { JournalApi } from './journal';
import { resolveNamespace, type ResolvedNamespace } from './namespace';
import { MockProblem, problemBody } from './problem';
import { JSON_UTF8, send, type Outgoing } from './respond';

const BODY_TEXT_LIMIT = 4096;

/** A mocked API bound to its store in each namespace's state and to its options. */
export interface MountedApi {
  readonly api: JournalApi;
  readonly operations: ReadonlySet<string>;
  handle(operationId: string, req: ApiRequest, state: MockState): ApiResult;
  render: MockedApi<unknown, unknown>['render'];
  readonly plumbing: MockedApi<unknown, unknown>['plumbing'];
  faultCode(status: number): string;
  rateKey(req: ApiRequest): string;
}

/** Bind an API's handlers to the store they act on and to their options. */
export function mountApi<Store, Options>(
  api: MockedApi<Store, Options>,
  storeOf: (state: MockState) => Store,
  options: Options,
): MountedApi {
  return {
    api: api.api,
    operations: new Set(Object.keys(api.handlers)),
    handle(operationId, req, state) {
      const handler = api.handlers[operationId];
      if (handler === undefined) throw new Error(`no handler for ${operationId}`);
      return handler(req, { store: storeOf(state), options });
    },
    render: (code, detail, at) => api.render(code, detail, at),
    plumbing: api.plumbing,
    faultCode: (status) => api.faultCode(status),
    rateKey: (req) => api.rateKey?.(req) ?? '',
  };
}

export interface DispatcherDeps {
  readonly config: ResolvedOptions;
  readonly registry: ContractRegistry;
  readonly namespaces: Namespaces;
  readonly apis: readonly MountedApi[];
  readonly admin: Readonly<Record<string, AdminHandler>>;
  readonly scenarios: readonly Scenario[];
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Every operation of the table has a handler and every handler an operation, or the app does not boot. */
function checkHandlers(deps: DispatcherDeps): void {
  const problems: string[] = [];
  const served = new Map<string, string>();
  for (const api of deps.apis) for (const id of api.operations) served.set(id, api.api);
  for (const id of Object.keys(deps.admin)) served.set(id, 'admin');
  for (const op of OPERATIONS.values()) {
    const by = served.get(op.id);
    if (by === undefined) problems.push(`${op.id} (${op.method} ${op.path}) has no handler`);
    else if (by !== op.api) problems.push(`${op.id} is an operation of ${op.api} but ${by} handles it`);
    served.delete(op.id);
  }
  for (const id of served.keys()) problems.push(`handler ${id} serves no operation of the table`);
  if (problems.length > 0)
    throw new Error(`the operation table and the handlers disagree:\n  ${problems.join('\n  ')}`);
}

/** A served path asked for with a small mistake: say what the client probably meant. */
function nearMiss(method: string, path: string): string {
  const candidates = [path.replace(/\/+$/, '') || '/', `${path}/`, path.toLowerCase()];
  for (const candidate of candidates) {
    if (candidate === path) continue;
    const match = ROUTER.match(method, candidate);
    if (match.kind === 'operation') return `; did you mean ${method} ${candidate}? (paths match exactly)`;
  }
  return '';
}

/** What a surface serves, as help text generated from the table. */
export function servedList(surface: SurfaceContract | undefined): string {
  const ops =
    surface === undefined ? [...OPERATIONS.values()].filter((op) => op.api !== 'admin') : operationsOf(surface.id);
  const list = ops.map((op) => `${op.method} ${op.path}`).join(', ');
  return surface === undefined
    ? `perm-mock serves ${list}, and its control API under /__admin (GET /__admin/openapi.json lists every operation)`
    : `${surface.title} operations served: ${list}`;
}

/** Shared by every request without a query string (handlers only read it). */
const NO_QUERY = new URLSearchParams();

function queryOf(url: string, at: number): URLSearchParams {
  return at === -1 || at === url.length - 1 ? NO_QUERY : new URLSearchParams(url.slice(at + 1));
}

function decodeParams(raw: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    for (const [name, value] of Object.entries(raw)) {
      params[name] = value.includes('%') ? decodeURIComponent(value) : value;
    }
  } catch {
    return undefined;
  }
  return params;
}

const unreadable: BodyReadError = { type: 'body.unreadable', status: 400, message: 'the body could not be read' };

const texts = (violations: readonly Violation[]): string[] => violations.map((v) => v.text);

export function createDispatcher(deps: DispatcherDeps): RequestHandler {
  checkHandlers(deps);
  const { config, namespaces, registry } = deps;
  const { logger } = config;
  const mounted = new Map<string, MountedApi>(deps.apis.map((api) => [api.api, api]));
  const internalDetail =
    'perm-mock hit an unexpected fault; the log has the stack trace. Please report it with the request that caused it';

  /** With --self-check, an answer that breaks its own contract is replaced by a loud 500 and logged. */
  const selfChecked = (method: string, path: string, answer: Outgoing): Outgoing => {
    if (!config.selfCheck) return answer;
    const { violations } = checkAnswer(
      method,
      path,
      { status: answer.status, contentType: answer.body === undefined ? null : answer.contentType, body: answer.body },
      registry,
    );
    if (violations.length === 0) return answer;
    const list = texts(violations);
    logger.error({ method, path, status: answer.status, violations: list }, 'self-check: an answer broke its contract');
    const problem = httpProblem(
      'MOCK_SELF_CHECK_FAILED',
      `the ${answer.status} answer to ${method} ${path} broke its contract: ${list.join('; ')}`,
      { errors: list },
    );
    return { status: 500, body: problemBody(problem, path), contentType: `${PROBLEM_TYPE}; charset=utf-8` };
  };

  // ---- mocked APIs -------------------------------------------------------------------------

  interface MockedCall {
    readonly req: IncomingMessage;
    readonly res: ServerResponse;
    readonly api: MountedApi;
    readonly surface: SurfaceContract;
    readonly ns: ResolvedNamespace;
    /** The path as received, namespace prefix removed, query kept: what the journal shows. */
    readonly shown: string;
    readonly started: number;
    readonly operation: OperationContract | undefined;
    state?: MockState;
    id: string;
    /** When it arrived, on the mock's clock. */
    now: Date;
    body?: unknown;
    bodyText?: string;
    violations: readonly string[];
  }

  const finishMocked = (
    call: MockedCall,
    wire: WireAnswer,
    outcome: { reason?: { code: string; message: string }; warnings?: readonly string[] },
  ): void => {
    const method = call.req.method ?? 'GET';
    const answer = selfChecked(method, call.ns.path, wire);
    const reasonText = outcome.reason === undefined ? undefined : `${outcome.reason.code}: ${outcome.reason.message}`;
    send(call.res, answer, { requestId: call.id, reason: reasonText, warnings: outcome.warnings });
    record(call, answer.status, answer.body, outcome.reason ?? null, outcome.warnings ?? [], reasonText);
  };

  const record = (
    call: MockedCall,
    status: number,
    body: unknown,
    reason: { code: string; message: string } | null,
    warnings: readonly string[],
    reasonText: string | undefined,
  ): void => {
    const durationMs = Math.round((performance.now() - call.started) * 1000) / 1000;
    const method = call.req.method ?? 'GET';
    call.state?.journal.record({
      id: call.id,
      time: call.now.toISOString(),
      api: call.api.api,
      operation: call.operation?.id ?? null,
      method,
      path: call.shown,
      status,
      request: {
        headers: call.req.headers,
        ...(call.body !== undefined && { body: call.body }),
        ...(call.bodyText !== undefined && { bodyText: call.bodyText }),
      },
      response: { body },
      reason,
      contract: { valid: call.violations.length === 0, violations: call.violations },
      warnings,
      durationMs,
    });
    if (logger.isLevelEnabled('info')) {
      logger.info(
        {
          requestId: call.id,
          api: call.api.api,
          ...(call.ns.name !== 'default' && { namespace: call.ns.name }),
          status,
          ms: durationMs,
          ...(reasonText !== undefined && { reason: reasonText }),
          ...(warnings.length > 0 && { warnings }),
        },
        `${method} ${call.shown} -> ${status}`,
      );
    }
  };

  /** Answer with the API's body for one of the plumbing's own refusals. */
  const refuseMocked = (
    call: MockedCall,
    reason: PlumbingReason,
    info: string,
    why: string = info,
    extra: { headers?: Record<string, string>; reasonCode?: string; renderAs?: string } = {},
  ): void => {
    const code = extra.renderAs ?? call.api.plumbing[reason];
    const wire = call.api.render(code, info, { surface: call.surface.id, path: call.ns.path, requestId: call.id });
    finishMocked(
      call,
      { ...wire, headers: { ...wire.headers, ...extra.headers } },
      { reason: { code: extra.reasonCode ?? code, message: why } },
    );
  };

  const answerResult = (call: MockedCall, result: ApiResult): void => {
    if (!isRefusal(result)) {
      const wire: WireAnswer = {
        status: result.status,
        body: result.body,
        contentType: JSON_UTF8,
        ...(result.headers !== undefined && { headers: result.headers }),
      };
      return finishMocked(call, wire, { ...(result.warnings !== undefined && { warnings: result.warnings }) });
    }
    const wire = call.api.render(result.refuse, result.info ?? result.why, {
      surface: call.surface.id,
      path: call.ns.path,
      requestId: call.id,
    });
    finishMocked(
      call,
      { ...wire, headers: { ...wire.headers, ...result.headers } },
      {
        reason: { code: result.refuse, message: result.why },
        ...(result.warnings !== undefined && { warnings: result.warnings }),
      },
    );
  };

  const bodyRefusal = (call: MockedCall, error: BodyReadError): void => {
    call.violations = [`body: ${error.message}`];
    if (error.type === 'entity.too.large') {
      return refuseMocked(call, 'bodyTooLarge', `request body is larger than the ${config.bodyLimit}-byte limit`);
    }
    refuseMocked(call, 'bodyUnreadable', `the request body could not be read: ${error.message}`);
  };

  /** Decode and check the body against the operation's contract: the request the handler reads. */
  const parse = (
    call: MockedCall,
    op: OperationContract,
    params: Record<string, string>,
    raw: Buffer,
    json: JsonRead,
    query: URLSearchParams,
  ): ApiRequest => {
    const { req } = call;
    const contentType = req.headers['content-type'];
    const all: string[] = [];
    let bodyViolations: string[] = [];
    if (json.ok) {
      const checked = texts(checkRequest(op.id, { headers: req.headers, contentType, body: json.value }, registry));
      all.push(...checked);
      bodyViolations = checked.filter((text) => !text.startsWith('headers.') && !text.startsWith('content-type'));
    } else {
      const checked = texts(checkRequest(op.id, { headers: req.headers, contentType, body: undefined }, registry));
      const empty = json.problem === 'empty';
      const optional = op.request === undefined || op.request.optional === true;
      all.push(...checked.filter((text) => !text.startsWith('body')));
      if (!(empty && optional)) all.push(`body: ${json.detail}`);
    }
    call.violations = all;
    return {
      method: req.method ?? 'GET',
      path: call.ns.path,
      params,
      query,
      headers: req.headers,
      body: { raw, contentType, jsonType: isJsonContentType(contentType), json },
      contract: { all, body: bodyViolations },
      now: call.now,
      namespace: call.ns.name,
      remoteAddress: req.socket.remoteAddress ?? '',
    };
  };

  /** Past faults: a rate limit in force may answer; otherwise the operation's handler decides. */
  const decide = (call: MockedCall, op: OperationContract, request: ApiRequest, state: MockState): void => {
    const admitted = state.rateLimits.admit(op, call.api.rateKey(request), call.now.getTime());
    if (!admitted.ok) {
      const why = `the rate limit switched on for this namespace is exceeded; retry after ${admitted.retryAfter} s`;
      return refuseMocked(call, 'rateLimited', 'rate limit exceeded', why, {
        headers: { 'Retry-After': String(admitted.retryAfter) },
      });
    }
    const before = state.revision;
    const result = call.api.handle(op.id, request, state);
    if (state.revision === before) return answerResult(call, result);
    // A change is durable (a state file) before it is acknowledged; a failed write says so.
    state.commit((error) => {
      if (error === undefined) return answerResult(call, result);
      refuseMocked(
        call,
        'storageFailed',
        'the mock could not store the change',
        `the state file could not be written: ${error.message}`,
      );
    });
  };

  const serveMocked = async (call: MockedCall, route: RouteMatch, query: URLSearchParams): Promise<void> => {
    const { req, res } = call;
    const method = req.method ?? 'GET';
    let state: MockState;
    try {
      state = namespaces.state(call.ns.name);
    } catch (error) {
      if (!(error instanceof MockProblem)) throw error;
      req.resume();
      return refuseMocked(call, 'namespace', error.detail, error.detail, { reasonCode: error.code });
    }
    call.state = state;
    call.id = state.journal.nextId();

    const read = await readBody(req, config.bodyLimit);
    if (!read.ok && read.error.type === 'request.aborted') return; // the client went away: nobody to answer
    const json = read.ok ? decodeJson(read.raw) : undefined;
    if (json?.ok === true) call.body = json.value;
    else if (read.ok && read.raw.length > 0) call.bodyText = read.raw.subarray(0, BODY_TEXT_LIMIT).toString('utf8');

    if (route.kind === 'none') {
      const why = `no ${call.surface.title} operation matches ${method} ${call.ns.path}${nearMiss(method, call.ns.path)}. ${servedList(call.surface)}`;
      call.violations = [`path: ${method} ${call.ns.path} is not an operation of ${call.surface.title}`];
      return refuseMocked(
        call,
        'notFound',
        `${method} ${call.ns.path} is not served by perm-mock; see the X-Perm-Mock-Reason header`,
        why,
      );
    }
    if (route.kind === 'method') {
      const allow = route.allowed.join(', ');
      call.violations = [`method: ${method} is not served at ${route.template}`];
      return refuseMocked(
        call,
        'methodNotAllowed',
        `${method} is not served at ${call.ns.path}; this path accepts ${allow}`,
        undefined,
        {
          headers: { Allow: allow },
        },
      );
    }
    const op = route.operation;
    const params = decodeParams(route.rawParams);
    if (params === undefined) {
      call.violations = ['path: not valid percent-encoding'];
      return refuseMocked(call, 'malformedPath', 'the path is not valid percent-encoding');
    }
    if (!read.ok || json === undefined) return bodyRefusal(call, read.ok ? unreadable : read.error);
    const request = parse(call, op, params, read.raw, json, query);

    const fired = state.faults.take(call.api.api, op.id, call.ns.path);
    if (fired === undefined) return decide(call, op, request, state);
    const { fault, delayMs } = fired;
    if (delayMs > 0) await new Promise<void>((resolve) => config.schedule(delayMs, resolve));
    if (fault.drop === true) {
      res.destroy();
      const why = `fault ${fault.id} injected: connection dropped`;
      return record(
        call,
        0,
        null,
        { code: FAULT_REASONS.dropped, message: why },
        [],
        `${FAULT_REASONS.dropped}: ${why}`,
      );
    }
    if (fault.status !== undefined) {
      const retryAfter = fault.retryAfter;
      return refuseMocked(
        call,
        'internal',
        fault.status === 429 ? 'rate limit exceeded' : 'injected by perm-mock',
        `fault ${fault.id} injected: status ${fault.status}`,
        {
          renderAs: call.api.faultCode(fault.status),
          reasonCode: FAULT_REASONS.injected,
          ...(retryAfter !== undefined && { headers: { 'Retry-After': String(retryAfter) } }),
        },
      );
    }
    decide(call, op, request, state);
  };

  // ---- the control API and paths outside every API -----------------------------------------

  const sendProblem = (
    res: ServerResponse,
    method: string,
    path: string,
    problem: MockProblem,
    instance: string,
  ): void => {
    const answer = selfChecked(method, path, {
      status: problem.definition.status,
      body: problemBody(problem, instance),
      contentType: `${PROBLEM_TYPE}; charset=utf-8`,
      headers: problem.extras.headers,
    });
    send(res, answer);
  };

  const adminBody = (op: OperationContract, raw: Buffer, contentType: string | undefined): unknown => {
    if (op.request === undefined) return undefined;
    if (raw.length === 0 && op.request.optional === true) return undefined;
    if (!isJsonContentType(contentType)) {
      throw httpProblem(
        'MOCK_UNSUPPORTED_MEDIA_TYPE',
        `send the body as JSON with 'Content-Type: application/json' (got ${contentType ?? 'no Content-Type'})`,
      );
    }
    const read = decodeJson(raw);
    if (!read.ok) throw httpProblem(read.problem === 'depth' ? 'MOCK_INVALID_BODY' : 'MOCK_INVALID_JSON', read.detail);
    const violations = texts(registry.validate(op.request.schema, read.value));
    if (violations.length > 0) throw httpProblem('MOCK_INVALID_BODY', violations.join('; '), { errors: violations });
    return read.value;
  };

  const serveAdmin = async (
    req: IncomingMessage,
    res: ServerResponse,
    ns: ResolvedNamespace,
    route: RouteMatch,
    query: URLSearchParams,
    surface: SurfaceContract | undefined,
  ): Promise<void> => {
    const method = req.method ?? 'GET';
    const instance = req.url ?? '/';
    const fail = (problem: MockProblem): void => sendProblem(res, method, ns.path, problem, instance);
    const open = route.kind === 'operation' && route.operation.open === true;
    if (surface !== undefined && config.adminToken !== undefined && !open) {
      const denied = adminTokenProblem(config.adminToken, req.headers);
      if (denied !== undefined) {
        req.resume();
        return fail(denied);
      }
    }
    if (route.kind === 'none') {
      req.resume();
      const detail = `no route matches ${method} ${ns.path}${nearMiss(method, ns.path)}. ${servedList(undefined)}`;
      return fail(httpProblem('MOCK_ROUTE_NOT_FOUND', detail));
    }
    if (route.kind === 'method') {
      req.resume();
      const allow = route.allowed.join(', ');
      return fail(
        httpProblem('MOCK_METHOD_NOT_ALLOWED', `${method} is not served at ${ns.path}; this path accepts ${allow}`, {
          headers: { Allow: allow },
        }),
      );
    }
    const op = route.operation;
    const params = decodeParams(route.rawParams);
    if (params === undefined) {
      req.resume();
      return fail(httpProblem('MOCK_BAD_REQUEST', `the path ${ns.path} is not valid percent-encoding`));
    }
    const read = await readBody(req, config.bodyLimit);
    if (!read.ok) {
      if (read.error.type === 'request.aborted') return;
      return fail(
        read.error.type === 'entity.too.large'
          ? httpProblem('MOCK_BODY_TOO_LARGE', `the request body is larger than the ${config.bodyLimit}-byte limit`)
          : httpProblem('MOCK_BAD_REQUEST', `the request body could not be read: ${read.error.message}`),
      );
    }
    let touched: MockState | undefined;
    const ctx: AdminContext = {
      state: () => (touched ??= namespaces.state(ns.name)),
      namespaces,
      config,
      registry,
      logger,
      scenarios: deps.scenarios,
    };
    const request: AdminRequest = {
      method,
      path: ns.path,
      params,
      query,
      headers: req.headers,
      body: adminBody(op, read.raw, req.headers['content-type']),
      namespace: ns.name,
    };
    const handler = deps.admin[op.id];
    if (handler === undefined) throw new Error(`no handler for ${op.id}`);
    const before = touched?.revision;
    const result: AdminResult = handler(request, ctx);
    const answer = (): void =>
      send(
        res,
        selfChecked(method, ns.path, {
          status: result.status,
          body: result.body,
          contentType: JSON_UTF8,
          headers: result.headers,
        }),
      );
    const state: MockState | undefined = touched;
    if (state === undefined || state.revision === before) return answer();
    state.commit((error) => {
      if (error === undefined) return answer();
      fail(
        httpProblem(
          'MOCK_STATE_FILE_WRITE_FAILED',
          `the change is in memory but the state file could not be written: ${error.message}`,
        ),
      );
    });
  };

  // ---- the dispatcher ----------------------------------------------------------------------

  /** A bug in the mock: logged, and answered in the surface's format rather than left hanging. */
  const lastResort = (
    res: ServerResponse,
    req: IncomingMessage,
    error: unknown,
    api: MountedApi | undefined,
    path: string,
    surface: SurfaceContract | undefined,
  ): void => {
    logger.error({ err: error, method: req.method, path: req.url }, 'unexpected fault while handling a request');
    if (res.headersSent) return void res.destroy();
    if (api !== undefined && surface !== undefined) {
      const wire = api.render(api.plumbing.internal, 'the mock hit an unexpected fault', {
        surface: surface.id,
        path,
        requestId: '0',
      });
      return send(res, wire, { reason: `MOCK_INTERNAL_ERROR: ${internalDetail}` });
    }
    send(res, {
      status: 500,
      body: problemBody(httpProblem('MOCK_INTERNAL_ERROR', internalDetail), req.url),
      contentType: `${PROBLEM_TYPE}; charset=utf-8`,
    });
  };

  return (req, res) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const ns = resolveNamespace(rawPath, req.headers);
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const route = ROUTER.match(method, ns.path);
    const surface = route.kind === 'operation' ? getSurface(route.operation.surface) : surfaceOf(ns.path);
    const api = surface === undefined || surface.api === 'admin' ? undefined : mounted.get(surface.api);
    const query = queryOf(url, queryAt);
    const served =
      api === undefined || surface === undefined
        ? serveAdmin(req, res, ns, route, query, surface)
        : serveMocked(
            {
              req,
              res,
              api,
              surface,
              ns,
              shown: queryAt === -1 ? ns.path : `${ns.path}${url.slice(queryAt)}`,
              started,
              operation: route.kind === 'operation' ? route.operation : undefined,
              id: '0',
              now: config.clock(),
              violations: [],
            },
            route,
            query,
          );
    served.catch((error: unknown) => {
      if (error instanceof MockProblem && api === undefined) {
        return sendProblem(res, req.method ?? 'GET', ns.path, error, url);
      }
      lastResort(res, req, error, api, ns.path, surface);
    });
  };
}

/**
 * Serving the control API (and any path outside every API): the admin token, routing, the body
 * checked against its contract, the handler, durability, and the answer (problems for misuse).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import {
  PROBLEM_TYPE,
  type OperationContract,
  type RouteMatch,
  type SurfaceContract,
} from '../../contracts/operations';
import type { ContractRegistry } from '../../contracts/registry';
import { adminTokenProblem } from '../admin/auth';
import { browserGuardProblem } from '../admin/guard';
import { mediaType } from '../../contracts/exchange';
import type { AdminContext, AdminHandler, AdminRequest, AdminResult } from '../admin/types';
import { mayGrow, type Namespaces } from '../namespaces';
import type { Verdicts } from '../report/verdicts';
import type { ResolvedOptions } from '../options';
import type { MockState } from '../state';
import type { Scenario } from '../world';
import { decodeJson, readBody } from './body';
import { httpProblem } from './errors';
import { nearMiss, servedList } from './help';
import type { ResolvedNamespace } from './namespace';
import { problemBody, type MockProblem } from './problem';
import { decodeParams, texts } from './request-parts';
import { JSON_UTF8, send, sendStream } from './respond';
import type { SelfCheck } from './self-check';
import type { EventHub } from '../inspector/events';
import type { Observer, StateProbe } from './observe';

/**
 * What an inspector file may load: only this server's scripts, styles and API (no other site, no
 * inline code, no frames); sent with every file of the page.
 */
export const INSPECTOR_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ASSET_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': INSPECTOR_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export interface AdminServerDeps {
  readonly config: ResolvedOptions;
  readonly registry: ContractRegistry;
  readonly namespaces: Namespaces;
  readonly selfChecked: SelfCheck;
  readonly admin: Readonly<Record<string, AdminHandler>>;
  readonly scenarios: readonly Scenario[];
  readonly verdicts: Verdicts;
  readonly observer: Observer;
  readonly events: EventHub;
}

export function createAdminServer(deps: AdminServerDeps) {
  const { config, registry, namespaces, selfChecked } = deps;
  const { logger } = config;
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
    // Exactly application/json: a form or a text/plain body is what a cross-site page can send without asking.
    if (mediaType(contentType) !== 'application/json') {
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
    targetProblem?: string,
  ): Promise<void> => {
    const method = req.method ?? 'GET';
    const instance = req.url ?? '/';
    const fail = (problem: MockProblem): void => sendProblem(res, method, ns.path, problem, instance);
    const open = route.kind === 'operation' && route.operation.open === true;
    const page = route.kind === 'operation' && route.operation.page === true;
    if (surface !== undefined && !open) {
      const guarded = browserGuardProblem(req.headers, {
        allowedHosts: config.allowedHosts,
        boundHost: config.boundHost,
        hasToken: config.adminToken !== undefined,
      });
      if (guarded !== undefined) {
        req.resume();
        return fail(guarded);
      }
    }
    if (surface !== undefined && config.adminToken !== undefined && !open && !page) {
      const denied = adminTokenProblem(config.adminToken, req.headers);
      if (denied !== undefined) {
        req.resume();
        return fail(denied);
      }
    }
    if (targetProblem !== undefined) {
      req.resume();
      return fail(httpProblem('MOCK_BAD_REQUEST', targetProblem));
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
    const body = adminBody(op, read.raw, req.headers['content-type']);
    let touched: MockState | undefined;
    let before: number | undefined;
    let probe: StateProbe | undefined;
    const ctx: AdminContext = {
      state: () => {
        if (touched === undefined) {
          touched = namespaces.state(ns.name, true, mayGrow(method, op.id));
          before = touched.revision;
          probe = deps.observer.probe(ns.name, touched, { operation: op, params, body });
        }
        return touched;
      },
      namespaces,
      config,
      registry,
      logger,
      scenarios: deps.scenarios,
      verdicts: deps.verdicts,
      eventStreams: () => deps.events.view(),
    };
    const request: AdminRequest = {
      method,
      path: ns.path,
      params,
      query,
      headers: req.headers,
      body,
      namespace: ns.name,
    };
    const handler = deps.admin[op.id];
    if (handler === undefined) throw new Error(`no handler for ${op.id}`);
    const pending = handler(request, ctx);
    const result: AdminResult = pending instanceof Promise ? await pending : pending;
    const answer = (): void => {
      const headers = result.asset === true ? { ...ASSET_HEADERS, ...result.headers } : result.headers;
      const outgoing = selfChecked(method, ns.path, {
        status: result.status,
        body: result.events !== undefined ? '' : (result.text?.content ?? result.body),
        contentType: result.events !== undefined ? 'text/event-stream' : (result.text?.contentType ?? JSON_UTF8),
        headers,
        ...((result.text !== undefined || result.events !== undefined) && { raw: true }),
      });
      if (result.events !== undefined && outgoing.status === result.status) {
        const flat: string[] = [];
        for (const [name, value] of Object.entries(headers ?? {})) flat.push(name, value);
        return deps.events.attach(req, res, result.events, flat);
      }
      // The whole state can be larger than one string may be: it goes out piece by piece.
      if (result.stream === true && outgoing.status === result.status) void sendStream(res, outgoing);
      else void send(res, outgoing);
    };
    const state: MockState | undefined = touched;
    if (state !== undefined && result.faults !== undefined)
      deps.observer.faults(ns.name, state, result.faults.action, result.faults.ids);
    if (state === undefined || state.revision === before) return answer();
    const changes = probe?.finish(state);
    state.commit((error) => {
      if (error === undefined) {
        answer();
        return deps.observer.changed(ns.name, state, { kind: 'control', operation: op.id }, changes);
      }
      fail(
        httpProblem(
          'MOCK_STATE_FILE_WRITE_FAILED',
          `the change could not be written to the state file, so it was undone: ${error.message}`,
        ),
      );
    });
  };
  return { serveAdmin, sendProblem };
}

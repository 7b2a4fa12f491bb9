/**
 * The one request path. Every request, to a mocked API or to the control API, goes through
 * `createDispatcher`'s handler, driven by the operation table in contracts/: the path is matched
 * once (one router built from the templates), the namespace is resolved once and passed on as a
 * value, the body is read and checked against its contract once (serve-mocked.ts, serve-admin.ts),
 * and the operation's handler is called with a read-only request. Its result is answered in the
 * surface's own format, journaled and logged. `createApp()` returns this handler; the server and
 * supertest both call it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

import {
  getSurface,
  OPERATIONS,
  PROBLEM_TYPE,
  ROUTER,
  surfaceOf,
  type SurfaceContract,
} from '../../contracts/operations';
import type { ContractRegistry } from '../../contracts/registry';
import type { AdminHandler } from '../admin/types';
import type { Namespaces } from '../namespaces';
import type { ResolvedOptions } from '../options';
import type { Verdicts } from '../report/verdicts';
import type { Scenario } from '../world';
import type { EventHub } from '../inspector/events';
import type { Observer } from './observe';
import { httpProblem } from './errors';
import type { MountedApi } from './mount';
import { resolveNamespace } from './namespace';
import { MockProblem, problemBody } from './problem';
import { queryOf } from './request-parts';
import { send } from './respond';
import { createSelfCheck } from './self-check';
import { createAdminServer } from './serve-admin';
import { createMockedServer } from './serve-mocked';

export { mountApi } from './mount';
export type { MountedApi } from './mount';

export interface DispatcherDeps {
  readonly config: ResolvedOptions;
  readonly registry: ContractRegistry;
  readonly namespaces: Namespaces;
  readonly apis: readonly MountedApi[];
  readonly admin: Readonly<Record<string, AdminHandler>>;
  readonly scenarios: readonly Scenario[];
  readonly verdicts: Verdicts;
  /** Told of each journaled request, state change and fault (the inspector's event stream). */
  readonly observer: Observer;
  /** Where `GET /__admin/events` streams go. */
  readonly events: EventHub;
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

/**
 * The request target as a path and query. An absolute-form target (`POST http://host/v1/…`, as a
 * proxy would send it) is served by its path, as HTTP/1.1 servers must; a fragment (`#…`), which
 * clients must not send, is a malformed target.
 */
export function requestTarget(raw: string): { url: string; problem?: string } {
  let url = raw;
  if (!url.startsWith('/')) {
    try {
      const parsed = new URL(url);
      url = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    } catch {
      return { url: '/', problem: `the request target "${raw.slice(0, 100)}" is neither a path nor an absolute URL` };
    }
  }
  const hash = url.indexOf('#');
  if (hash === -1) return { url };
  return { url: url.slice(0, hash), problem: 'the request target holds a fragment (#…), which clients must not send' };
}

export function createDispatcher(deps: DispatcherDeps): RequestHandler {
  checkHandlers(deps);
  const { config, namespaces, registry } = deps;
  const { logger } = config;
  const mounted = new Map<string, MountedApi>(deps.apis.map((api) => [api.api, api]));
  const internalDetail =
    'perm-mock hit an unexpected fault; the log has the stack trace. Please report it with the request that caused it';
  const selfChecked = createSelfCheck(config, registry);
  const serveMocked = createMockedServer({
    config,
    registry,
    namespaces,
    selfChecked,
    verdicts: deps.verdicts,
    observer: deps.observer,
  });
  const { serveAdmin, sendProblem } = createAdminServer({ ...deps, selfChecked });

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
      send(res, wire, { reason: `MOCK_INTERNAL_ERROR: ${internalDetail}` });
      return;
    }
    send(res, {
      status: 500,
      body: problemBody(httpProblem('MOCK_INTERNAL_ERROR', internalDetail), req.url),
      contentType: `${PROBLEM_TYPE}; charset=utf-8`,
    });
  };

  return (req, res) => {
    const started = performance.now();
    const { url, problem: targetProblem } = requestTarget(req.url ?? '/');
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
        ? serveAdmin(req, res, ns, route, query, surface, targetProblem)
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
              ...(targetProblem !== undefined && { targetProblem }),
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

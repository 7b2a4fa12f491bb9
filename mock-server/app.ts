/**
 * createApp builds the Express app for both mocked APIs and the control API. It never listens: the
 * CLI, startServer and tests each decide how to run it (supertest calls it in-process).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import express, { type Express } from 'express';

import { OPERATIONS } from '../contracts/operations';
import { getContractRegistry } from '../contracts/registry';
import { createAdminRouter } from './admin/routes';
import { dailyRoute } from './apis/daily/routes';
import { sonoranRoute } from './apis/sonoran-radio/routes';
import { createApiHandler } from './http/api-route';
import type { RouteDeps } from './http/deps';
import type { JournalEntry, JournalFilter } from './http/journal';
import { finalErrorHandler, methodNotAllowed, routeNotFound } from './http/routing';
import { resolveWithWorld, type MockOptions, type ResolvedOptions, type World } from './options';
import { requireAdminToken } from './admin/auth';
import { worldLimitProblems } from './limits';
import { collectGarbage, LARGE_WORLD_BYTES } from './memory';
import { readStateFile, StateFile, StateFileError } from './persistence';
import { MockState } from './state';

/** Programmatic control of a running mock, for tests that embed it. */
export interface MockControl {
  readonly config: ResolvedOptions;
  /** The whole state, as `GET /__admin/state` shows it. */
  state(): World;
  /** Back to the startup world (the request journal is kept). */
  reset(): void;
  /** Journal entries, oldest first; filter by api, path (exact, or a prefix ending in `*`) and contract validity. */
  requests(filter?: JournalFilter): JournalEntry[];
  clearRequests(): void;
  /** Write any change not yet in the state file (a no-op without one). */
  flush(): void;
}

export type PermMockApp = Express & {
  readonly mock: MockControl;
  /**
   * A request listener for node:http: the mocked APIs' routes first, Express for everything else.
   * `http.createServer(app.dispatch)` serves exactly what `app` serves, without Express's
   * per-request work on the two hot endpoints.
   */
  readonly dispatch: (req: IncomingMessage, res: ServerResponse) => void;
};

export function createApp(options: MockOptions = {}): PermMockApp {
  const { config, world } = resolveWithWorld(options);
  const initial = config.stateFile === undefined ? undefined : readStateFile(config.stateFile);
  if (initial !== undefined) {
    const problems = worldLimitProblems(initial, config);
    if (problems.length > 0)
      throw new StateFileError(`the state file ${config.stateFile} breaks a limit: ${problems.join('; ')}`);
  }
  const state = new MockState(config, () => config.clock().toISOString(), config.journalLimit, initial ?? world);
  // A large world leaves its text and parsed copy behind as garbage: give that memory back now.
  if (config.packedWorldBytes >= LARGE_WORLD_BYTES) setImmediate(collectGarbage);
  if (config.stateFile !== undefined) {
    const file = new StateFile(config.stateFile, () => state.snapshot(), config.logger);
    state.attachDurability(file);
    config.logger.info(
      initial === undefined
        ? `state file ${config.stateFile} will be created at the first change`
        : `state loaded from ${config.stateFile}`,
    );
  }
  const deps: RouteDeps = {
    config,
    registry: getContractRegistry(),
    logger: config.logger,
    stateFor: () => state,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const api = createApiHandler(deps, [dailyRoute(deps), sonoranRoute(deps)]);
  app.use((req, res, next) => {
    if (!api(req, res)) next();
  });
  for (const op of OPERATIONS.values()) {
    if (op.api !== 'admin') app.all(op.path.replace(/\{(\w+)\}/g, ':$1'), methodNotAllowed([op.method]));
  }
  if (config.adminToken !== undefined) app.use('/__admin', requireAdminToken(config.adminToken));
  app.use('/__admin', createAdminRouter(deps));
  app.use(routeNotFound);
  app.use(finalErrorHandler(config.logger, config.bodyLimit));

  const mock: MockControl = {
    config,
    state: () => state.snapshot(),
    reset: () => state.reset(),
    requests: (filter) => state.journal.entries(filter),
    clearRequests: () => state.journal.clear(),
    flush: () => state.flush(),
  };
  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    if (!api(req, res)) app(req, res);
  };
  return Object.assign(app, { mock, dispatch });
}

/**
 * createApp builds the Express app for both mocked APIs and the control API. It never listens: the
 * CLI, startServer and tests each decide how to run it (supertest calls it in-process).
 */
import express, { type Express } from 'express';

import { getContractRegistry } from '../contracts/registry';
import { createAdminRouter } from './admin/routes';
import { createDailyRouter } from './apis/daily/routes';
import { createSonoranRouter } from './apis/sonoran-radio/routes';
import type { RouteDeps } from './http/deps';
import type { JournalEntry, JournalFilter } from './http/journal';
import { finalErrorHandler, routeNotFound } from './http/routing';
import { resolveOptions, type MockOptions, type ResolvedOptions, type World } from './options';
import { requireAdminToken } from './admin/auth';
import { worldLimitProblems } from './limits';
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

export type PermMockApp = Express & { readonly mock: MockControl };

export function createApp(options: MockOptions = {}): PermMockApp {
  const config = resolveOptions(options);
  const initial = config.stateFile === undefined ? undefined : readStateFile(config.stateFile);
  if (initial !== undefined) {
    const problems = worldLimitProblems(initial, config);
    if (problems.length > 0)
      throw new StateFileError(`the state file ${config.stateFile} breaks a limit: ${problems.join('; ')}`);
  }
  const state = new MockState(
    config.world,
    () => config.clock().toISOString(),
    config.journalLimit,
    initial ?? config.world,
  );
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
  if (config.adminToken !== undefined) app.use('/__admin', requireAdminToken(config.adminToken));
  app.use('/__admin', createAdminRouter(deps));
  app.use('/v1', createDailyRouter(deps));
  app.use('/api', createSonoranRouter(deps));
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
  return Object.assign(app, { mock });
}

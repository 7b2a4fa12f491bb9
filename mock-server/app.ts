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
}

export type PermMockApp = Express & { readonly mock: MockControl };

export function createApp(options: MockOptions = {}): PermMockApp {
  const config = resolveOptions(options);
  const state = new MockState(config.world, () => config.clock().toISOString(), config.journalLimit);
  const deps: RouteDeps = {
    config,
    registry: getContractRegistry(),
    logger: config.logger,
    stateFor: () => state,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
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
  };
  return Object.assign(app, { mock });
}

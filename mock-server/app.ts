/**
 * createApp builds the Express app for both mocked APIs and the control API. It never listens: the
 * CLI, startServer and tests each decide how to run it (supertest calls it in-process).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deflateRawSync } from 'node:zlib';

import express, { type Express } from 'express';

import { OPERATIONS } from '../contracts/operations';
import { getContractRegistry, type ContractRegistry } from '../contracts/registry';
import { createAdminRouter } from './admin/routes';
import { dailyRoute } from './apis/daily/routes';
import { sonoranRoute } from './apis/sonoran-radio/routes';
import { createApiHandler } from './http/api-route';
import type { RouteDeps } from './http/deps';
import type { JournalEntry, JournalFilter } from './http/journal';
import { finalErrorHandler, methodNotAllowed, routeNotFound } from './http/routing';
import { resolveWithWorld, startupWorld, type MockOptions, type ResolvedOptions, type World } from './options';
import { requireAdminToken } from './admin/auth';
import { worldLimitProblems } from './limits';
import { collectGarbage, LARGE_WORLD_BYTES } from './memory';
import { readStateFile, StateFile, StateFileError } from './persistence';
import { MockState, type StartLimits } from './state';
import { Namespaces } from './namespaces';
import { resolveNamespace } from './http/namespace';
import { DAILY_WINDOWS, SONORAN_WINDOWS } from './rate-limit';
import { SCENARIOS, type Scenario } from '../fixtures/scenarios';

/** Programmatic control of one namespace. */
export interface NamespaceControl {
  /** The whole state, as `GET /__admin/state` shows it. */
  state(): World;
  /** Back to the startup world, with no faults and the startup rate limits (the journal is kept). */
  reset(): void;
  /** Journal entries, oldest first; filter by api, path (exact, or a prefix ending in `*`) and contract validity. */
  requests(filter?: JournalFilter): JournalEntry[];
  clearRequests(): void;
}

/** Programmatic control of a running mock, for tests that embed it (the default namespace). */
export interface MockControl extends NamespaceControl {
  readonly config: ResolvedOptions;
  /** Another namespace, created on first use. */
  namespace(name: string): NamespaceControl;
  /** Delete namespaces idle longer than the TTL; returns their names. */
  sweepNamespaces(): string[];
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

function control(state: MockState): NamespaceControl {
  return {
    state: () => state.snapshot(),
    reset: () => state.reset(),
    requests: (filter) => state.journal.entries(filter),
    clearRequests: () => state.journal.clear(),
  };
}

/** The scenarios under fixtures/scenarios, each checked against its schema (a bad one stops the start). */
function loadScenarios(registry: ContractRegistry): Scenario[] {
  return SCENARIOS.map((data) => {
    const violations = registry.validate('urn:perm-mock:admin:scenarios#/$defs/scenario', data, 'scenario');
    if (violations.length > 0)
      throw new Error(`scenario ${(data as { name?: string }).name ?? '?'} is invalid: ${violations[0]?.text ?? ''}`);
    return data as Scenario;
  });
}

export function createApp(options: MockOptions = {}): PermMockApp {
  const { config, world } = resolveWithWorld(options);
  const initial = config.stateFile === undefined ? undefined : readStateFile(config.stateFile);
  if (initial !== undefined) {
    const problems = worldLimitProblems(initial, config);
    if (problems.length > 0)
      throw new StateFileError(`the state file ${config.stateFile} breaks a limit: ${problems.join('; ')}`);
  }
  const now = (): string => config.clock().toISOString();
  const startLimits: StartLimits = {
    daily: config.dailyRateLimit ? DAILY_WINDOWS : null,
    sonoran: config.sonoranRateLimit ? SONORAN_WINDOWS : null,
  };
  const state = new MockState(config, now, config.journalLimit, initial ?? world, startLimits);
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

  let emptyStart: { packedWorld: Buffer } | undefined;
  const emptyWorld = (): { packedWorld: Buffer } => {
    emptyStart ??= {
      packedWorld: deflateRawSync(
        JSON.stringify({ daily: { apiKeys: state.daily.apiKeys, rooms: [] }, sonoran: { communities: [] } }),
      ),
    };
    return emptyStart;
  };
  const namespaces = new Namespaces(
    { ttlSeconds: config.namespaceTtlSeconds, max: config.maxNamespaces, start: config.namespaceStart },
    () => config.clock().getTime(),
    state,
    (start) => {
      const startup = start === 'empty' ? emptyWorld() : config;
      return new MockState(startup, now, config.journalLimit, startupWorld(startup), startLimits);
    },
  );

  const registry = getContractRegistry();
  const deps: RouteDeps = {
    config,
    registry,
    logger: config.logger,
    stateFor: (req) => namespaces.state(resolveNamespace(req)),
    scenarios: loadScenarios(registry),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const api = createApiHandler(deps, [dailyRoute(deps), sonoranRoute(deps)]);
  app.use((req, res, next) => {
    resolveNamespace(req); // strips a /ns/<name> prefix before any route sees the path
    if (!api(req, res)) next();
  });
  for (const op of OPERATIONS.values()) {
    if (op.api !== 'admin') app.all(op.path.replace(/\{(\w+)\}/g, ':$1'), methodNotAllowed([op.method]));
  }
  if (config.adminToken !== undefined) app.use('/__admin', requireAdminToken(config.adminToken));
  app.use('/__admin', createAdminRouter(deps, namespaces));
  app.use(routeNotFound);
  app.use(finalErrorHandler(config.logger, config.bodyLimit));

  const mock: MockControl = {
    ...control(state),
    config,
    namespace: (name) => control(namespaces.state(name)),
    sweepNamespaces: () => namespaces.sweep(),
    flush: () => state.flush(),
  };
  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    if (!api(req, res)) app(req, res);
  };
  return Object.assign(app, { mock, dispatch });
}

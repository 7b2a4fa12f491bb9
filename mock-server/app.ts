/**
 * createApp builds perm-mock: the one request handler for both mocked APIs and the control API
 * (mock-server/http/dispatch.ts), with its state. It never listens: the CLI and startServer pass it
 * to `http.createServer`, and tests hand the same function to supertest.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { getContractRegistry, type ContractRegistry } from '../contracts/registry';
import { SCENARIOS } from '../fixtures/scenarios';
import { ADMIN_HANDLERS } from './admin/routes';
import { DAILY_API } from './apis/daily/routes';
import { createDailyServices } from './apis/daily/services';
import { SONORAN_API } from './apis/sonoran-radio/routes';
import { createDispatcher, mountApi } from './http/dispatch';
import type { JournalEntry, JournalFilter } from './http/journal';
import { worldLimitProblems } from './limits';
import { collectGarbage, LARGE_WORLD_BYTES } from './memory';
import { Namespaces } from './namespaces';
import { resolveWithWorld, type MockOptions, type ResolvedOptions } from './options';
import { prepareStateFile, readStateFile, StateFile, StateFileError } from './persistence';
import { MockState, StartupWorld, type StartLimits } from './state';
import { Verdicts, type Report } from './report/verdicts';
import { EventHub, type EventStreamsView } from './inspector/events';
import { Inspector } from './inspector/inspector';
import type { Scenario, World } from './world';

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
  /** The verdicts of the run so far, over every namespace (GET /__admin/report). */
  report(): Report;
  /** The clients of GET /__admin/events and the bytes waiting for each (GET /__admin/events/clients). */
  eventStreams(): EventStreamsView;
  /** End every event stream, and accept no more (the server does this when it closes). */
  closeEventStreams(): void;
}

/** A node:http request listener, with programmatic control of the mock it serves. */
export type PermMockApp = ((req: IncomingMessage, res: ServerResponse) => void) & { readonly mock: MockControl };

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

/** Build the default namespace's state; a state file that cannot be built is refused, never replaced. */
function loadState(build: () => MockState, stateFile: string | undefined): MockState {
  if (stateFile === undefined) return build();
  try {
    return build();
  } catch (error) {
    if (error instanceof StateFileError) throw error;
    throw new StateFileError(
      `the state file ${stateFile} cannot be loaded (${(error as Error).message}); perm-mock will not overwrite it: repair it, move it away, or choose another --state-file`,
    );
  }
}

export function createApp(options: MockOptions = {}): PermMockApp {
  const { config, world } = resolveWithWorld(options);
  if (config.stateFile !== undefined) prepareStateFile(config.stateFile, config.stateFileSystem);
  const initial = config.stateFile === undefined ? undefined : readStateFile(config.stateFile, config.stateFileSystem);
  if (initial !== undefined) {
    const problems = worldLimitProblems(initial.world, config);
    if (problems.length > 0)
      throw new StateFileError(`the state file ${config.stateFile} breaks a limit: ${problems.join('; ')}`);
  }
  const startLimits: StartLimits = {
    daily: config.dailyRateLimit ? 'documented' : null,
    sonoran: config.sonoranRateLimit ? 'documented' : null,
  };
  // Built once: the default namespace, every other one and every reset share it (copy on write).
  const startup = StartupWorld.build(world, config.clock());
  const journalBounds = { limit: config.journalLimit, maxBytes: config.journalMaxBytes };
  const dailyServices = createDailyServices({
    ...(config.dailyRandomBytes !== undefined && { randomBytes: config.dailyRandomBytes }),
    webhookTimeoutMs: config.dailyWebhookTimeoutMs,
    meetingEndedDelayMs: config.dailyMeetingEndedDelaySeconds * 1000,
  });
  const state = loadState(() => {
    const built = new MockState(
      startup,
      config.clock,
      journalBounds,
      initial?.world ?? startup,
      startLimits,
      dailyServices,
    );
    if (initial !== undefined) built.replay(initial.changes);
    return built;
  }, config.stateFile);
  // A large world leaves its text and parsed copy behind as garbage: give that memory back now.
  if (config.packedWorldBytes >= LARGE_WORLD_BYTES) setImmediate(collectGarbage);
  if (config.stateFile !== undefined) {
    const file = new StateFile(
      config.stateFile,
      state,
      config.logger,
      config.stateFileSystem,
      config.stateFileCompactBytes,
    );
    state.attachDurability(file);
    config.logger.info(
      initial === undefined
        ? `state file ${config.stateFile} will be created at the first change`
        : `state loaded from ${config.stateFile}`,
    );
  }

  let emptyStart: Buffer | undefined;
  const emptyWorld = (): World => {
    emptyStart ??= deflateRawSync(
      JSON.stringify({
        daily: { apiKeys: state.daily.apiKeys, domain: state.daily.domain, rooms: [], webhooks: [] },
        sonoran: { communities: [] },
      }),
    );
    return JSON.parse(inflateRawSync(emptyStart).toString('utf8')) as World;
  };
  const events = new EventHub({
    bufferBytes: config.eventsBufferBytes,
    heartbeatMs: config.eventsHeartbeatMs,
    logger: config.logger,
  });
  const inspector = new Inspector(events);
  inspector.watch('default', state, false);
  const namespaces = new Namespaces(
    {
      ttlSeconds: config.namespaceTtlSeconds,
      max: config.maxNamespaces,
      start: config.namespaceStart,
      budgetBytes: config.namespaceMemoryBytes,
      startupWorldBytes: startup.bytes,
      onEvict: (name, bytes) =>
        config.logger.warn({ namespace: name, bytes }, `namespace ${name} evicted to keep within --namespace-memory`),
    },
    () => config.clock().getTime(),
    state,
    (start, name) => {
      const made =
        start === 'empty'
          ? new MockState(emptyWorld, config.clock, journalBounds, emptyWorld(), startLimits, dailyServices)
          : new MockState(startup, config.clock, journalBounds, startup, startLimits, dailyServices);
      inspector.watch(name, made, true);
      return made;
    },
  );

  const registry = getContractRegistry();
  const verdicts = new Verdicts(config.clock);
  const dispatch = createDispatcher({
    verdicts,
    config,
    registry,
    namespaces,
    apis: [
      mountApi(DAILY_API, (s) => s.daily, {
        strict: config.strict,
        successBody: config.dailySuccessBody,
        presenceIncludesHidden: config.dailyPresenceHidden,
        tokenValidate: config.dailyTokenValidate,
        transport: dailyServices.transport,
        webhookTimeoutMs: dailyServices.webhookTimeoutMs,
        maxAmplificationBytes: config.maxAmplificationBytes,
      }),
      mountApi(SONORAN_API, (s) => s.sonoran, { strict: config.strict, maxMembers: config.maxMembersPerCommunity }),
    ],
    admin: ADMIN_HANDLERS,
    scenarios: loadScenarios(registry),
    observer: inspector,
    events,
  });

  const mock: MockControl = {
    ...control(state),
    config,
    namespace: (name) => control(namespaces.state(name)),
    sweepNamespaces: () => namespaces.sweep(),
    flush: () => state.flush(),
    report: () => verdicts.report(),
    eventStreams: () => events.view(),
    closeEventStreams: () => events.close(),
  };
  return Object.assign(dispatch, { mock });
}

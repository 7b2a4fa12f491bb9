/**
 * `setupPermMock`: one call per test file, in the spirit of msw's `setupServer`. It wires a perm-mock
 * (started here, or a shared one at `url`), a namespace of its own, an optional scenario and resets
 * into Jest's `beforeAll` / `afterEach` / `afterAll` (Vitest with `globals: true` works too).
 *
 *   const mock = setupPermMock({ scenario: 'hidden-observer' });
 *   it('mutes', async () => { await myClient(mock.dailyBaseUrl).mute('observer-session'); … });
 */
import type { JournalEntry, JournalFilter } from './http/journal';
import { NAMESPACE_HEADER } from './http/namespace';
import type { FaultSpec, Fault } from './faults';
import type { World } from './world';
import { startServer, type RunningMock, type ServerOptions } from './server';

export interface SetupOptions extends ServerOptions {
  /** A running perm-mock to share (e.g. started in Jest's globalSetup). Default: PERM_MOCK_URL, else a new one per file. */
  readonly url?: string;
  /** This file's namespace. Default: a fresh `jest-<worker>-<random>` name. */
  readonly namespace?: string;
  /** What the namespace starts from. Default `world`. */
  readonly start?: 'world' | 'empty';
  /** A named scenario (GET /__admin/scenarios) loaded at the start and after every reset. */
  readonly scenario?: string;
  /** Keep the journal between tests (default: cleared after each test). */
  readonly keepJournal?: boolean;
}

export interface PermMockHandle {
  /** The server's base URL. */
  readonly url: string;
  readonly namespace: string;
  /** Daily's base URL inside this namespace (`…/ns/<name>/v1`): swap it for `https://api.daily.co/v1`. */
  readonly dailyBaseUrl: string;
  /** Sonoran Radio's base URL inside this namespace: swap it for `https://api.sonoranradio.com`. */
  readonly sonoranBaseUrl: string;
  /** For clients that can add a header instead: `{ 'X-Perm-Mock-Namespace': <name> }`. */
  readonly headers: Readonly<Record<string, string>>;
  state(): Promise<World>;
  requests(filter?: JournalFilter): Promise<JournalEntry[]>;
  /** Back to the start (and the scenario): state, faults and rate limits. */
  reset(): Promise<void>;
  loadScenario(name: string): Promise<void>;
  fault(spec: FaultSpec): Promise<Fault>;
  clearFaults(): Promise<void>;
  /** Switch rate limits on (`true`: the documented ones) or off. */
  rateLimits(setting: { daily?: boolean; sonoran?: boolean }): Promise<void>;
}

type Hook = (fn: () => Promise<void>, timeout?: number) => void;
interface Hooks {
  beforeAll: Hook;
  afterEach: Hook;
  afterAll: Hook;
}

function hooks(): Hooks {
  const g = globalThis as unknown as Partial<Hooks>;
  if (typeof g.beforeAll !== 'function' || typeof g.afterEach !== 'function' || typeof g.afterAll !== 'function') {
    throw new Error(
      'setupPermMock needs the global beforeAll, afterEach and afterAll of Jest (or of Vitest with globals: true)',
    );
  }
  return g as Hooks;
}

export function setupPermMock(options: SetupOptions = {}): PermMockHandle {
  const {
    url: sharedUrl = process.env.PERM_MOCK_URL,
    namespace: chosen,
    start,
    scenario,
    keepJournal,
    ...serverOptions
  } = options;
  const namespace = chosen ?? `jest-${process.env.JEST_WORKER_ID ?? '0'}-${Math.random().toString(36).slice(2, 10)}`;
  const token = options.adminToken ?? process.env.PERM_MOCK_ADMIN_TOKEN;
  let server: RunningMock | undefined;
  let base: string | undefined;

  const url = (): string => {
    if (base === undefined)
      throw new Error('the perm-mock is not set up yet: use it inside tests or hooks, after beforeAll');
    return base;
  };
  const admin = async (method: string, path: string, body?: unknown, inNamespace = true): Promise<unknown> => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const prefix = inNamespace ? `/ns/${encodeURIComponent(namespace)}` : '';
    const res = await fetch(`${url()}${prefix}/__admin${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`perm-mock: ${method} /__admin${path} answered ${res.status}: ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  };

  const handle: PermMockHandle = {
    get url() {
      return url();
    },
    namespace,
    get dailyBaseUrl() {
      return `${url()}/ns/${encodeURIComponent(namespace)}/v1`;
    },
    get sonoranBaseUrl() {
      return `${url()}/ns/${encodeURIComponent(namespace)}`;
    },
    headers: { [NAMESPACE_HEADER]: namespace },
    state: async () => (await admin('GET', '/state')) as World,
    requests: async (filter = {}) => {
      const query = new URLSearchParams();
      if (filter.api !== undefined) query.set('api', filter.api);
      if (filter.path !== undefined) query.set('path', filter.path);
      if (filter.valid !== undefined) query.set('valid', String(filter.valid));
      const suffix = query.size > 0 ? `?${query.toString()}` : '';
      return ((await admin('GET', `/requests${suffix}`)) as { requests: JournalEntry[] }).requests;
    },
    reset: async () => {
      await admin('POST', '/reset');
      if (scenario !== undefined) await admin('POST', `/scenarios/${encodeURIComponent(scenario)}`);
    },
    loadScenario: async (name) => {
      await admin('POST', `/scenarios/${encodeURIComponent(name)}`);
    },
    fault: async (spec) => (await admin('POST', '/faults', spec)) as Fault,
    clearFaults: async () => {
      await admin('DELETE', '/faults');
    },
    rateLimits: async (setting) => {
      await admin('PUT', '/rate-limits', setting);
    },
  };

  const { beforeAll, afterEach, afterAll } = hooks();
  beforeAll(async () => {
    if (sharedUrl === undefined) {
      server = await startServer({ port: 0, ...serverOptions });
      base = server.url;
    } else {
      base = sharedUrl.replace(/\/$/, '');
    }
    await admin('PUT', `/namespaces/${encodeURIComponent(namespace)}`, { start: start ?? 'world' }, false);
    if (scenario !== undefined) await handle.loadScenario(scenario);
  });
  afterEach(async () => {
    await handle.reset();
    if (keepJournal !== true) await admin('DELETE', '/requests');
  });
  afterAll(async () => {
    if (base !== undefined)
      await admin('DELETE', `/namespaces/${encodeURIComponent(namespace)}`, undefined, false).catch(() => undefined);
    await server?.close();
  });
  return handle;
}

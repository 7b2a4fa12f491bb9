/**
 * `setupPermMock`: one call per test file, in the spirit of msw's `setupServer`. It wires a perm-mock
 * (started here, or a shared one at `url`), a namespace of its own, an optional scenario and resets
 * into Jest's `beforeAll` / `afterEach` / `afterAll` (Vitest with `globals: true` works too).
 *
 *   const mock = setupPermMock({ scenario: 'hidden-observer' });
 *   it('mutes', async () => { await myClient(mock.dailyBaseUrl).mute('observer-session'); … });
 */
import { createControlClient, type ControlClient } from './control';
import { NAMESPACE_HEADER } from './http/namespace';
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

/**
 * What a test file holds: the control API's vocabulary (the same methods, async, as startServer's
 * handle; see mock-server/control.ts), acting on this file's own namespace, and the URLs to give
 * the client under test.
 */
export interface PermMockHandle extends ControlClient {
  /** The server's base URL. */
  readonly url: string;
  readonly namespace: string;
  /** Daily's base URL inside this namespace (`…/ns/<name>/v1`): swap it for `https://api.daily.co/v1`. */
  readonly dailyBaseUrl: string;
  /** Sonoran Radio's base URL inside this namespace: swap it for `https://api.sonoranradio.com`. */
  readonly sonoranBaseUrl: string;
  /** For clients that can add a header instead: `{ 'X-Perm-Mock-Namespace': <name> }`. */
  readonly headers: Readonly<Record<string, string>>;
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
  const inNamespace = createControlClient({ baseUrl: url, namespace, adminToken: token });
  const outside = createControlClient({ baseUrl: url, adminToken: token });

  const handle: PermMockHandle = {
    ...inNamespace,
    reset: async () => {
      const state = await inNamespace.reset();
      return scenario === undefined ? state : inNamespace.loadScenario(scenario);
    },
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
  };

  const { beforeAll, afterEach, afterAll } = hooks();
  beforeAll(async () => {
    if (sharedUrl === undefined) {
      server = await startServer({ port: 0, ...serverOptions });
      base = server.url;
    } else {
      base = sharedUrl.replace(/\/$/, '');
    }
    await outside.call('admin.putNamespace', { params: { name: namespace }, body: { start: start ?? 'world' } });
    if (scenario !== undefined) await handle.loadScenario(scenario);
  });
  afterEach(async () => {
    await handle.reset();
    if (keepJournal !== true) await handle.clearRequests();
  });
  afterAll(async () => {
    if (base !== undefined)
      await outside.call('admin.deleteNamespace', { params: { name: namespace } }).catch(() => undefined);
    await server?.close();
  });
  return handle;
}

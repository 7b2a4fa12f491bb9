/**
 * Namespaces: isolated copies of the state, journal, faults and rate limits, so that many test
 * workers can share one mock. A namespace is created on first use (from the startup world, or
 * empty), can be reset or deleted through the control API, and expires after an idle time.
 * `default` is the namespace of requests that name none; it never expires.
 *
 * Memory: each namespace shares the startup world and counts what it made (its state's bytes and
 * its journal's, approximate; see mock-server/apis/sizes.ts). The namespaces besides `default`
 * share one budget (`--namespace-memory`): a namespace is not created past it, and a request that
 * may grow one (POST, PUT, PATCH but a reset) is refused once the total has reached it, unless
 * namespaces idle for a minute or more can be evicted, least recently used first, to make room.
 * The request that crosses the line is served: the total passes the budget by at most one request.
 */
import { adminProblem } from './admin/errors';
import { DEFAULT_NAMESPACE } from './http/namespace';
import type { MockState } from './state';

export type NamespaceStart = 'world' | 'empty';
export const NAMESPACE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export interface NamespaceInfo {
  readonly name: string;
  readonly start: NamespaceStart;
  readonly createdAt: string;
  readonly lastUsedAt: string;
  /** Requests in its journal. */
  readonly requests: number;
  /** About how many bytes its journal holds. */
  readonly journalBytes: number;
  /** About how many bytes of state it made (what it shares with the startup world is free). */
  readonly stateBytes: number;
  /** stateBytes + journalBytes: what counts against the budget. */
  readonly bytes: number;
  /** Faults armed in it. */
  readonly faults: number;
}

/** A namespace's memory, as GET /__admin/memory lists it. */
export interface NamespaceMemory {
  readonly name: string;
  readonly stateBytes: number;
  readonly journalBytes: number;
  readonly bytes: number;
  readonly lastUsedAt: string;
}

/** GET /__admin/memory: what the namespaces hold, against the budget. */
export interface MemoryView {
  /** The budget of the namespaces besides default (`--namespace-memory`). */
  readonly budgetBytes: number;
  /** What they hold now, together. */
  readonly usedBytes: number;
  /** The startup world, built once and shared by every namespace (default included). */
  readonly startupWorldBytes: number;
  /** The default namespace (not counted against the budget). */
  readonly default: NamespaceMemory;
  /** Every other namespace, most bytes first. */
  readonly namespaces: readonly NamespaceMemory[];
  /** Namespaces evicted to make room since the mock started. */
  readonly evicted: number;
}

/**
 * Does a request count as growing its namespace (refused once the budget is spent)? POST, PUT and
 * PATCH; never GET, HEAD or DELETE, nor a reset: what frees memory must stay possible.
 */
export function mayGrow(method: string, operationId?: string): boolean {
  return (method === 'POST' || method === 'PUT' || method === 'PATCH') && operationId !== 'admin.reset';
}

/** Only namespaces idle this long may be evicted to make room. */
export const EVICT_IDLE_SECONDS = 60;

interface Entry {
  readonly state: MockState;
  readonly start: NamespaceStart;
  readonly createdAt: number;
  lastUsed: number;
}

export interface NamespaceSettings {
  /** Idle time after which a namespace is deleted, in seconds; 0 keeps them forever. */
  readonly ttlSeconds: number;
  readonly max: number;
  readonly start: NamespaceStart;
  /** Bytes the namespaces besides default may hold together. Default: no bound. */
  readonly budgetBytes?: number;
  /** The startup world's bytes, for the memory report. */
  readonly startupWorldBytes?: number;
  /** Told of each namespace evicted to make room. */
  readonly onEvict?: (name: string, bytes: number) => void;
}

export class Namespaces {
  private readonly entries = new Map<string, Entry>();
  private lastSweep = 0;
  private evictions = 0;

  constructor(
    private readonly settings: NamespaceSettings,
    private readonly now: () => number,
    private readonly defaultState: MockState,
    private readonly makeState: (start: NamespaceStart, name: string) => MockState,
  ) {}

  static check(name: string): void {
    if (!NAMESPACE_NAME.test(name)) {
      throw adminProblem(
        'MOCK_INVALID_NAMESPACE',
        `"${name.slice(0, 80)}" is not a namespace name: use 1 to 64 letters, digits, '.', '-' or '_'`,
      );
    }
  }

  /**
   * The state of a namespace, created on first use unless `mayCreate` is false (a mocked-API request
   * without the admin token, when one is set: only the control API's users may make namespaces).
   * With `growing` (the request may change it), the namespaces' budget must not be spent.
   */
  state(name: string, mayCreate = true, growing = false): MockState {
    if (name === DEFAULT_NAMESPACE) return this.defaultState;
    const now = this.now();
    this.sweepNow(now);
    const entry = this.entries.get(name);
    if (entry !== undefined) {
      if (growing) this.ensureRoom(name, 0, now);
      entry.lastUsed = now;
      return entry.state;
    }
    if (!mayCreate) {
      Namespaces.check(name);
      throw adminProblem(
        'MOCK_NAMESPACE_NOT_FOUND',
        `there is no namespace ${name}, and with an admin token set only the control API makes them: ` +
          `PUT /__admin/namespaces/${name} first (or send the token in X-Perm-Mock-Admin-Token)`,
      );
    }
    return this.create(name, this.settings.start).state;
  }

  /** Create (or start again) a namespace. */
  create(name: string, start: NamespaceStart): { state: MockState; created: boolean } {
    Namespaces.check(name);
    if (name === DEFAULT_NAMESPACE) {
      throw adminProblem(
        'MOCK_DEFAULT_NAMESPACE',
        'the default namespace always exists; reset it with POST /__admin/reset',
      );
    }
    const existed = this.drop(name);
    if (!existed && this.entries.size >= this.settings.max) {
      throw adminProblem(
        'MOCK_LIMIT_EXCEEDED',
        `there are already ${this.settings.max} namespaces; delete unused ones (DELETE /__admin/namespaces/{name}) or raise --max-namespaces`,
      );
    }
    const now = this.now();
    const state = this.makeState(start, name);
    try {
      this.ensureRoom(name, state.memoryBytes, now);
    } catch (error) {
      state.dispose();
      throw error;
    }
    const entry: Entry = { state, start, createdAt: now, lastUsed: now };
    this.entries.set(name, entry);
    return { state: entry.state, created: !existed };
  }

  /** Bytes the namespaces besides default hold together. */
  usedBytes(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.state.memoryBytes;
    return total;
  }

  /**
   * Make sure `more` bytes fit in the budget besides what is held (with `more` 0: that the budget is
   * not spent), evicting namespaces idle for EVICT_IDLE_SECONDS or more, least recently used first,
   * never `keep`; a MOCK_NAMESPACE_BUDGET problem when that is not enough.
   */
  private ensureRoom(keep: string, more: number, now: number): void {
    const budget = this.settings.budgetBytes;
    if (budget === undefined) return;
    const fits = (used: number): boolean => (more === 0 ? used < budget : used + more <= budget);
    let used = this.usedBytes();
    if (fits(used)) return;
    const idle = [...this.entries]
      .filter(([name, entry]) => name !== keep && now - entry.lastUsed >= EVICT_IDLE_SECONDS * 1000)
      .sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [name, entry] of idle) {
      if (fits(used)) break;
      const bytes = entry.state.memoryBytes;
      this.drop(name);
      this.evictions += 1;
      used -= bytes;
      this.settings.onEvict?.(name, bytes);
    }
    if (fits(used)) return;
    const what =
      more === 0 ? `namespace ${keep} may not grow` : `namespace ${keep} (${more} bytes to start) does not fit`;
    throw adminProblem(
      'MOCK_NAMESPACE_BUDGET',
      `${what}: the namespaces besides default hold ${used} bytes of the ${budget}-byte budget (--namespace-memory), ` +
        `and none is idle enough (${EVICT_IDLE_SECONDS} s) to evict; delete namespaces (DELETE /__admin/namespaces/{name}), ` +
        'empty their journals (DELETE /__admin/requests), reset them, or raise --namespace-memory (GET /__admin/memory shows what each holds)',
    );
  }

  /** What every namespace holds, against the budget. */
  memory(): MemoryView {
    this.sweepNow(this.now(), true);
    const iso = (ms: number): string => new Date(ms).toISOString();
    const view = (name: string, state: MockState, lastUsed: number): NamespaceMemory => {
      const stateBytes = state.stateBytes;
      const journalBytes = state.journal.bytes;
      return { name, stateBytes, journalBytes, bytes: stateBytes + journalBytes, lastUsedAt: iso(lastUsed) };
    };
    const namespaces = [...this.entries]
      .map(([name, entry]) => view(name, entry.state, entry.lastUsed))
      .sort((a, b) => b.bytes - a.bytes);
    return {
      budgetBytes: this.settings.budgetBytes ?? Number.MAX_SAFE_INTEGER,
      usedBytes: namespaces.reduce((sum, n) => sum + n.bytes, 0),
      startupWorldBytes: this.settings.startupWorldBytes ?? 0,
      default: view(DEFAULT_NAMESPACE, this.defaultState, this.now()),
      namespaces,
      evicted: this.evictions,
    };
  }

  delete(name: string): boolean {
    if (name === DEFAULT_NAMESPACE) {
      throw adminProblem(
        'MOCK_DEFAULT_NAMESPACE',
        'the default namespace cannot be deleted; reset it with POST /__admin/reset',
      );
    }
    return this.drop(name);
  }

  /** Forget a namespace, stopping what its state still had scheduled (timers, webhook retries). */
  private drop(name: string): boolean {
    const entry = this.entries.get(name);
    if (entry === undefined) return false;
    entry.state.dispose();
    return this.entries.delete(name);
  }

  has(name: string): boolean {
    return name === DEFAULT_NAMESPACE || this.entries.has(name);
  }

  list(): NamespaceInfo[] {
    this.sweepNow(this.now(), true);
    const iso = (ms: number): string => new Date(ms).toISOString();
    const info = (name: string, entry: Entry): NamespaceInfo => ({
      name,
      start: entry.start,
      createdAt: iso(entry.createdAt),
      lastUsedAt: iso(entry.lastUsed),
      requests: entry.state.journal.count,
      journalBytes: entry.state.journal.bytes,
      stateBytes: entry.state.stateBytes,
      bytes: entry.state.memoryBytes,
      faults: entry.state.faults.size,
    });
    return [...this.entries].map(([name, entry]) => info(name, entry));
  }

  /** Delete namespaces idle longer than the TTL; returns their names. */
  sweep(): string[] {
    return this.sweepNow(this.now(), true);
  }

  private sweepNow(now: number, always = false): string[] {
    if (this.settings.ttlSeconds <= 0) return [];
    if (!always && now - this.lastSweep < 1000) return [];
    this.lastSweep = now;
    const expired: string[] = [];
    for (const [name, entry] of this.entries) {
      if (now - entry.lastUsed > this.settings.ttlSeconds * 1000) expired.push(name);
    }
    for (const name of expired) this.drop(name);
    return expired;
  }
}

/**
 * Namespaces: isolated copies of the state, journal, faults and rate limits, so that many test
 * workers can share one mock. A namespace is created on first use (from the startup world, or
 * empty), can be reset or deleted through the control API, and expires after an idle time.
 * `default` is the namespace of requests that name none; it never expires.
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
  /** Faults armed in it. */
  readonly faults: number;
}

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
}

export class Namespaces {
  private readonly entries = new Map<string, Entry>();
  private lastSweep = 0;

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

  /** The state of a namespace, created on first use. */
  /**
   * The state of a namespace, created on first use unless `mayCreate` is false (a mocked-API request
   * without the admin token, when one is set: only the control API's users may make namespaces).
   */
  state(name: string, mayCreate = true): MockState {
    if (name === DEFAULT_NAMESPACE) return this.defaultState;
    const now = this.now();
    this.sweepNow(now);
    const entry = this.entries.get(name);
    if (entry !== undefined) {
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
    const entry: Entry = { state: this.makeState(start, name), start, createdAt: now, lastUsed: now };
    this.entries.set(name, entry);
    return { state: entry.state, created: !existed };
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

/**
 * Injected faults: the next N matching requests (or a seeded share of them) get a given status with
 * the API's own error body, a delay, or a dropped connection. Scoped to a namespace (each has its
 * own set) and to an API, an operation or a path.
 */
import { faultStatuses, OPERATIONS } from '../contracts/operations';
import type { JournalApi } from './http/journal';

/** Reason codes of calls a fault answered (X-Perm-Mock-Reason, journal). */
export const FAULT_REASONS = {
  injected: 'MOCK_FAULT_INJECTED',
  dropped: 'MOCK_FAULT_DROPPED',
} as const;

export interface FaultSpec {
  /** Only this API's requests (default: both). */
  readonly api?: JournalApi;
  /** Only this operation (e.g. `daily.updatePermissions`). */
  readonly operation?: string;
  /** Only this path: exact, or a prefix ending in `*` (e.g. `/v1/rooms/standup/*`). */
  readonly path?: string;
  /** How many matching requests it hits; without `probability` the default is 1. */
  readonly times?: number;
  /** The share of matching requests it hits, 0..1, drawn from a PRNG seeded with `seed`. */
  readonly probability?: number;
  readonly seed?: number;
  /** Answer with this status and the API's own error body for it. */
  readonly status?: number;
  /** With a 429: the Retry-After header, in seconds. */
  readonly retryAfter?: number;
  /** Wait this long before answering (or, with `delayMaxMs`, a random time between the two). */
  readonly delayMs?: number;
  readonly delayMaxMs?: number;
  /** Close the connection without an answer. */
  readonly drop?: boolean;
}

export interface Fault extends FaultSpec {
  readonly id: string;
  /** Hits left; null when only `probability` limits it. */
  readonly remaining: number | null;
  /** Requests it has hit so far. */
  readonly hits: number;
}

/** mulberry32: small, seeded, good enough to decide which requests a fault hits. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Armed {
  readonly spec: FaultSpec;
  readonly id: string;
  remaining: number | null;
  hits: number;
  readonly random: () => number;
}

function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

export class FaultSet {
  private armed: Armed[] = [];
  private sequence = 0;

  add(spec: FaultSpec): Fault {
    this.sequence += 1;
    const armed: Armed = {
      spec,
      id: `fault-${this.sequence}`,
      remaining: spec.times ?? (spec.probability === undefined ? 1 : null),
      hits: 0,
      random: seededRandom(spec.seed ?? this.sequence),
    };
    this.armed.push(armed);
    return view(armed);
  }

  list(): Fault[] {
    return this.armed.map(view);
  }

  remove(id: string): boolean {
    const before = this.armed.length;
    this.armed = this.armed.filter((f) => f.id !== id);
    return this.armed.length < before;
  }

  clear(): void {
    this.armed = [];
  }

  get size(): number {
    return this.armed.length;
  }

  /**
   * The first fault that hits this request, with one use consumed (spent faults are removed), and
   * the delay it imposes (drawn from the fault's own seeded PRNG).
   */
  take(api: JournalApi, operation: string, path: string): { fault: Fault; delayMs: number } | undefined {
    if (this.armed.length === 0) return undefined;
    for (const fault of this.armed) {
      const { spec } = fault;
      if (spec.api !== undefined && spec.api !== api) continue;
      if (spec.operation !== undefined && spec.operation !== operation) continue;
      if (spec.path !== undefined && !pathMatches(spec.path, path)) continue;
      // A status fault passes over an operation whose contract does not document that status.
      if (spec.status !== undefined && !documents(operation, spec.status)) continue;
      if (spec.probability !== undefined && fault.random() >= spec.probability) continue;
      fault.hits += 1;
      if (fault.remaining !== null) fault.remaining -= 1;
      if (fault.remaining === 0) this.armed = this.armed.filter((f) => f !== fault);
      return { fault: view(fault), delayMs: faultDelay(spec, fault.random) };
    }
    return undefined;
  }
}

function documents(operation: string, status: number): boolean {
  const op = OPERATIONS.get(operation);
  return op === undefined || faultStatuses(op).includes(status);
}

function view(fault: Armed): Fault {
  return { ...fault.spec, id: fault.id, remaining: fault.remaining, hits: fault.hits };
}

/** The delay a fault imposes on one request, in ms. */
export function faultDelay(fault: FaultSpec, random: () => number): number {
  const min = fault.delayMs ?? 0;
  const max = fault.delayMaxMs ?? min;
  return max > min ? min + Math.floor(random() * (max - min + 1)) : min;
}

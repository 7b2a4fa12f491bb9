/**
 * Rate limits, off by default and switched on per namespace and API. Switched on as documented,
 * each operation counts against the bucket the operation table names for it (Daily: 20 a second
 * and 100 per 5 seconds for most endpoints; Sonoran v2: per key and endpoint); switched on with
 * custom windows, every operation of the API shares one bucket. Over a limit: 429 with Retry-After.
 */
import { createHash } from 'node:crypto';

import { OPERATIONS, RATE_BUCKETS, type OperationContract, type RateWindow } from '../contracts/operations';

export type { RateWindow } from '../contracts/operations';

/** Sliding windows over the times of accepted requests. */
export class RateLimiter {
  private readonly times: number[] = [];
  private readonly keep: number;

  constructor(readonly windows: readonly RateWindow[]) {
    this.keep = Math.max(...windows.map((w) => w.limit));
  }

  /** Accept a request at `now` (ms), or say in how many whole seconds one would be accepted. */
  admit(now: number): { ok: true } | { ok: false; retryAfter: number } {
    let wait = 0;
    for (const window of this.windows) {
      const since = now - window.seconds * 1000;
      let recent = 0;
      let nth = now;
      for (let i = this.times.length - 1; i >= 0; i -= 1) {
        const t = this.times[i] ?? 0;
        if (t <= since) break;
        recent += 1;
        if (recent === window.limit) nth = t;
      }
      if (recent >= window.limit) wait = Math.max(wait, nth + window.seconds * 1000 - now);
    }
    if (wait > 0) return { ok: false, retryAfter: Math.max(1, Math.ceil(wait / 1000)) };
    this.times.push(now);
    if (this.times.length > this.keep) this.times.splice(0, this.times.length - this.keep);
    return { ok: true };
  }
}

export type RateApi = 'daily' | 'sonoran';

/** How an API's limits are switched on: as documented, or one bucket of custom windows. */
export type RateSetting = 'documented' | { readonly windows: readonly RateWindow[] };

export interface BucketView {
  readonly id: string;
  readonly windows: readonly RateWindow[];
  readonly per: 'namespace' | 'key';
  readonly operations: readonly string[];
}

export type RateLimitsView = Readonly<Record<RateApi, { readonly buckets: readonly BucketView[] } | null>>;

/** Every bucket an API's operations count against when switched on as documented. */
function documentedBuckets(api: RateApi): BucketView[] {
  const ops = [...OPERATIONS.values()].filter((op) => op.api === api && op.rateLimit !== undefined);
  return [...RATE_BUCKETS.values()]
    .filter((bucket) => bucket.api === api)
    .map((bucket) => ({
      id: bucket.id,
      windows: bucket.windows,
      per: bucket.per,
      operations: ops.filter((op) => op.rateLimit === bucket.id).map((op) => op.id),
    }));
}

/**
 * Per-key buckets a namespace keeps at most (the least recently used goes first): a client cycling
 * through endless keys costs bounded memory. Keys longer than `KEY_KEPT_CHARS` are kept as a hash.
 */
export const MAX_RATE_LIMITERS = 10_000;
const KEY_KEPT_CHARS = 128;

export class RateLimits {
  private readonly settings: Record<RateApi, RateSetting | null>;
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(start: Readonly<Record<RateApi, RateSetting | null>>) {
    this.settings = { ...start };
  }

  set(api: RateApi, setting: RateSetting | null): void {
    this.settings[api] = setting;
    for (const key of [...this.limiters.keys()]) if (key.startsWith(`${api}|`)) this.limiters.delete(key);
  }

  /** Count a request of this operation at `now` (ms); `key` is the API key for per-key buckets. */
  admit(operation: OperationContract, key: string, now: number): { ok: true } | { ok: false; retryAfter: number } {
    if (operation.api === 'admin') return { ok: true };
    const setting = this.settings[operation.api];
    if (setting === null) return { ok: true };
    let id: string;
    let windows: readonly RateWindow[];
    let per: 'namespace' | 'key' = 'namespace';
    if (setting === 'documented') {
      const bucket = operation.rateLimit === undefined ? undefined : RATE_BUCKETS.get(operation.rateLimit);
      if (bucket === undefined) return { ok: true };
      ({ id, windows, per } = bucket);
    } else {
      id = `${operation.api}.custom`;
      windows = setting.windows;
    }
    const kept =
      per !== 'key' ? '' : key.length <= KEY_KEPT_CHARS ? key : createHash('sha256').update(key).digest('hex');
    const limiterKey = `${operation.api}|${id}|${kept}`;
    let limiter = this.limiters.get(limiterKey);
    if (limiter === undefined) {
      limiter = new RateLimiter(windows);
      if (this.limiters.size >= MAX_RATE_LIMITERS) {
        const oldest = this.limiters.keys().next();
        if (oldest.done !== true) this.limiters.delete(oldest.value);
      }
    } else {
      this.limiters.delete(limiterKey); // re-inserted below: the Map's order is the order of last use
    }
    this.limiters.set(limiterKey, limiter);
    return limiter.admit(now);
  }

  /** How many buckets are kept (per-key buckets count one each). */
  get size(): number {
    return this.limiters.size;
  }

  view(): RateLimitsView {
    const one = (api: RateApi): { buckets: BucketView[] } | null => {
      const setting = this.settings[api];
      if (setting === null) return null;
      if (setting === 'documented') return { buckets: documentedBuckets(api) };
      const operations = [...OPERATIONS.values()].filter((op) => op.api === api).map((op) => op.id);
      return { buckets: [{ id: `${api}.custom`, windows: setting.windows, per: 'namespace', operations }] };
    };
    return { daily: one('daily'), sonoran: one('sonoran') };
  }
}

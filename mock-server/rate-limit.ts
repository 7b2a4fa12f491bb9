/**
 * Rate limits, off by default and switched on per namespace. Daily documents 20 requests a second
 * and 100 per 5 seconds for this endpoint's bucket; Sonoran documents none for v1 (4 a minute for
 * v2, used when Sonoran's limit is switched on without windows). Over a limit: 429 with Retry-After.
 */
export interface RateWindow {
  readonly limit: number;
  readonly seconds: number;
}

export const DAILY_WINDOWS: readonly RateWindow[] = [
  { limit: 20, seconds: 1 },
  { limit: 100, seconds: 5 },
];
export const SONORAN_WINDOWS: readonly RateWindow[] = [{ limit: 4, seconds: 60 }];

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
      const recent = this.times.filter((t) => t > since);
      if (recent.length >= window.limit) {
        const oldest = recent[recent.length - window.limit] ?? now;
        wait = Math.max(wait, oldest + window.seconds * 1000 - now);
      }
    }
    if (wait > 0) return { ok: false, retryAfter: Math.max(1, Math.ceil(wait / 1000)) };
    this.times.push(now);
    if (this.times.length > this.keep) this.times.splice(0, this.times.length - this.keep);
    return { ok: true };
  }
}

/** Per API, the limiter in force (or none). */
export interface RateLimits {
  daily: RateLimiter | null;
  sonoran: RateLimiter | null;
}

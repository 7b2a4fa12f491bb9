/**
 * A namespace's clock: the mock's clock (the `clock` option, the system clock by default) plus an
 * offset that tests move forward through the control API (`POST /__admin/clock`). Timers set on it
 * (token and room expiry, webhook retries) fire when their time comes, whether real time reaches it
 * or the clock is advanced past it, in time order and never twice.
 */
export interface ClockTimer {
  /** Stop it from firing (a no-op once it has fired). */
  cancel(): void;
}

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void;
  cancelled: boolean;
}

/** How long a real timer may wait before it looks again (setTimeout's own limit is about 24.8 days). */
const MAX_WAIT_MS = 2 ** 31 - 1;

export class NamespaceClock {
  private offset = 0;
  private pending: Pending[] = [];
  private seq = 0;
  private real: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly base: () => Date) {}

  /** Now, in milliseconds since the epoch. */
  nowMs(): number {
    return this.base().getTime() + this.offset;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** How far ahead of the mock's own clock this one runs, in ms. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Move forward by `ms` (≥ 0), firing every timer that comes due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`a clock only moves forward (got ${ms} ms)`);
    this.offset += ms;
    this.fireDue();
  }

  /** Call `fire` at `atMs` on this clock (at once, on the next turn, if that time has passed). */
  at(atMs: number, fire: () => void): ClockTimer {
    const entry: Pending = { at: atMs, seq: (this.seq += 1), fire, cancelled: false };
    // Kept in time order (then in the order set) by a binary search: many timers (an eject timer a
    // participant) cost a search each, not a sort each.
    let low = 0;
    let high = this.pending.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.pending[mid]?.at ?? Infinity) <= atMs) low = mid + 1;
      else high = mid;
    }
    this.pending.splice(low, 0, entry);
    this.arm();
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Timers still to fire. */
  get size(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }

  /** Forget every timer (a reset, a namespace deleted). */
  clear(): void {
    for (const entry of this.pending) entry.cancelled = true;
    this.pending = [];
    if (this.real !== undefined) clearTimeout(this.real);
    this.real = undefined;
  }

  /** Back to the mock's own time, with no timers. */
  reset(): void {
    this.clear();
    this.offset = 0;
  }

  private fireDue(): void {
    const now = this.nowMs();
    while (this.pending.length > 0 && (this.pending[0]?.at ?? Infinity) <= now) {
      const next = this.pending.shift() as Pending;
      if (!next.cancelled) next.fire();
    }
    this.arm();
  }

  /** One real timer for the earliest pending one, so real time fires timers too. */
  private arm(): void {
    if (this.real !== undefined) clearTimeout(this.real);
    this.real = undefined;
    const first = this.pending.find((p) => !p.cancelled);
    if (first === undefined) return;
    const wait = Math.min(Math.max(first.at - this.nowMs(), 0), MAX_WAIT_MS);
    this.real = setTimeout(() => {
      this.real = undefined;
      this.fireDue();
    }, wait);
    this.real.unref();
  }
}

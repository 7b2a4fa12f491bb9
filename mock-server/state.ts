/** The mutable state behind one mock (or one namespace): every API's store, the journal, faults and rate limits. */
import { DailyStore } from './apis/daily/store';
import { SonoranStore } from './apis/sonoran-radio/store';
import { Journal } from './http/journal';
import { startupWorld, type ResolvedOptions, type World, type WorldInput } from './options';
import { FaultSet } from './faults';
import type { Durability } from './persistence';
import { RateLimiter, type RateLimits, type RateWindow } from './rate-limit';

/** Rate limits a state starts with, and returns to on reset. */
export interface StartLimits {
  readonly daily: readonly RateWindow[] | null;
  readonly sonoran: readonly RateWindow[] | null;
}

function limiters(start: StartLimits): RateLimits {
  return {
    daily: start.daily === null ? null : new RateLimiter(start.daily),
    sonoran: start.sonoran === null ? null : new RateLimiter(start.sonoran),
  };
}

export class MockState {
  daily: DailyStore;
  sonoran: SonoranStore;
  readonly journal: Journal;
  readonly faults = new FaultSet();
  rateLimits: RateLimits;
  private durability: Durability | undefined;

  /**
   * @param startup the startup world (packed), which reset() returns to
   * @param initial the state to begin with (the startup world, or a state file's)
   */
  constructor(
    private readonly startup: Pick<ResolvedOptions, 'packedWorld'>,
    private readonly now: () => string,
    journalLimit: number,
    initial: World | WorldInput,
    private readonly startLimits: StartLimits = { daily: null, sonoran: null },
  ) {
    this.daily = DailyStore.fromSnapshot(initial.daily, now());
    this.sonoran = SonoranStore.fromSnapshot(initial.sonoran);
    this.journal = new Journal(journalLimit);
    this.rateLimits = limiters(startLimits);
  }

  /** Make changes durable (a state file) before they are acknowledged. */
  attachDurability(durability: Durability): void {
    this.durability = durability;
  }

  /** After a change: call `done` once it is durable (at once without a state file). */
  commit(done: (error?: Error) => void): void {
    if (this.durability === undefined) done();
    else this.durability.commit(done);
  }

  /** Write any change not yet stored (at shutdown). */
  flush(): void {
    this.durability?.flush();
  }

  /**
   * Back to the startup world, with no faults and the startup rate limits; the journal is kept
   * (clear it with DELETE /__admin/requests).
   */
  reset(): void {
    this.load(startupWorld(this.startup));
    this.faults.clear();
    this.rateLimits = limiters(this.startLimits);
  }

  /** Replace every room and community (a scenario, an empty namespace). */
  load(world: World | WorldInput): void {
    this.daily = DailyStore.fromSnapshot(world.daily, this.now());
    this.sonoran = SonoranStore.fromSnapshot(world.sonoran);
  }

  snapshot(): World {
    return { daily: this.daily.snapshot(), sonoran: this.sonoran.snapshot() };
  }
}

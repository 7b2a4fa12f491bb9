/** The mutable state behind one mock: every API's store and the request journal. */
import { DailyStore } from './apis/daily/store';
import { SonoranStore } from './apis/sonoran-radio/store';
import { Journal } from './http/journal';
import { startupWorld, type ResolvedOptions, type World } from './options';
import type { Durability } from './persistence';

export class MockState {
  daily: DailyStore;
  sonoran: SonoranStore;
  readonly journal: Journal;
  private durability: Durability | undefined;

  /**
   * @param startup the startup world (packed), which reset() returns to
   * @param initial the state to begin with (the startup world, or a state file's)
   */
  constructor(
    private readonly startup: Pick<ResolvedOptions, 'packedWorld'>,
    private readonly now: () => string,
    journalLimit: number,
    initial: World,
  ) {
    this.daily = DailyStore.fromSnapshot(initial.daily, now());
    this.sonoran = SonoranStore.fromSnapshot(initial.sonoran);
    this.journal = new Journal(journalLimit);
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

  /** Back to the startup world; the journal is kept (clear it with DELETE /__admin/requests). */
  reset(): void {
    const world = startupWorld(this.startup);
    this.daily = DailyStore.fromSnapshot(world.daily, this.now());
    this.sonoran = SonoranStore.fromSnapshot(world.sonoran);
  }

  snapshot(): World {
    return { daily: this.daily.snapshot(), sonoran: this.sonoran.snapshot() };
  }
}

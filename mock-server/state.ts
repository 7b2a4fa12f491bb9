/** The mutable state behind one mock: every API's store and the request journal. */
import { DailyStore } from './apis/daily/store';
import { SonoranStore } from './apis/sonoran-radio/store';
import { Journal } from './http/journal';
import type { World } from './options';

export class MockState {
  daily: DailyStore;
  sonoran: SonoranStore;
  readonly journal: Journal;

  constructor(
    private readonly world: World,
    private readonly now: () => string,
    journalLimit: number,
  ) {
    this.daily = DailyStore.fromSnapshot(world.daily, now());
    this.sonoran = SonoranStore.fromSnapshot(world.sonoran);
    this.journal = new Journal(journalLimit);
  }

  /** Back to the startup world; the journal is kept (clear it with DELETE /__admin/requests). */
  reset(): void {
    this.daily = DailyStore.fromSnapshot(this.world.daily, this.now());
    this.sonoran = SonoranStore.fromSnapshot(this.world.sonoran);
  }

  snapshot(): World {
    return { daily: this.daily.snapshot(), sonoran: this.sonoran.snapshot() };
  }
}

/** The mutable state behind one mock (or one namespace): every API's store, the journal, faults and rate limits. */
import { WebhookDeliverer } from './apis/daily/deliverer';
import { createDailyServices, type DailyServices } from './apis/daily/services';
import { DailyStore, type DailySnapshotInput } from './apis/daily/store';
import { SonoranStore } from './apis/sonoran-radio/store';
import { Journal } from './http/journal';
import { NamespaceClock } from './clock';
import { FaultSet } from './faults';
import type { Durability } from './persistence';
import { RateLimits, type RateApi, type RateSetting } from './rate-limit';
import type { World, WorldInput } from './world';

/** Rate limits a state starts with, and returns to on reset. */
export type StartLimits = Readonly<Record<RateApi, RateSetting | null>>;

export const NO_LIMITS: StartLimits = { daily: null, sonoran: null };

export class MockState {
  daily: DailyStore;
  sonoran: SonoranStore;
  readonly journal: Journal;
  readonly faults = new FaultSet();
  /** The namespace's clock: the mock's, plus what tests advanced it by; timers run on it. */
  readonly clock: NamespaceClock;
  rateLimits: RateLimits;
  /** Daily's webhook deliverer: wired once, it takes the events of whichever Daily store the state holds. */
  readonly dailyDeliverer: WebhookDeliverer;
  private durability: Durability | undefined;
  /** Revisions of stores replaced so far (load, reset), so `revision` only ever grows. */
  private replaced = 0;

  /**
   * @param startup returns a fresh copy of the startup world, which reset() returns to
   * @param initial the state to begin with (the startup world, or a state file's)
   */
  constructor(
    private readonly startup: () => World,
    baseClock: () => Date,
    journalLimit: number,
    initial: World | WorldInput,
    private readonly startLimits: StartLimits = NO_LIMITS,
    private readonly dailyServices: DailyServices = createDailyServices(),
  ) {
    this.clock = new NamespaceClock(baseClock);
    this.dailyDeliverer = new WebhookDeliverer({
      transport: dailyServices.transport,
      clock: this.clock,
      timeoutMs: dailyServices.webhookTimeoutMs,
      changed: () => this.changedOutsideRequest(),
    });
    this.daily = this.buildDaily(initial.daily);
    this.sonoran = SonoranStore.fromSnapshot(initial.sonoran);
    this.journal = new Journal(journalLimit);
    this.rateLimits = new RateLimits(startLimits);
  }

  /** Grows with every change to the rooms and communities: compare it before and after to know if a request changed anything. */
  get revision(): number {
    return this.replaced + this.daily.revision + this.sonoran.revision;
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
   * Back to the startup world and time, with no faults, timers or changed rate limits; the journal is kept
   * (clear it with DELETE /__admin/requests).
   */
  reset(): void {
    this.clock.reset();
    this.load(this.startup());
    this.faults.clear();
    this.rateLimits = new RateLimits(this.startLimits);
  }

  /** Stop everything scheduled (timers, webhook deliveries to come): the namespace is gone. */
  dispose(): void {
    this.clock.clear();
    this.daily.dispose();
  }

  /** Replace every room and community (a scenario, an empty namespace). */
  load(world: World | WorldInput): void {
    const previous = this.daily;
    const daily = this.buildDaily(world.daily);
    const sonoran = SonoranStore.fromSnapshot(world.sonoran);
    this.replaced = this.revision + 1;
    previous.dispose();
    this.daily = daily;
    this.sonoran = sonoran;
  }

  /** A Daily store on this namespace's clock, its events going to the namespace's deliverer. */
  private buildDaily(snapshot: DailySnapshotInput): DailyStore {
    const store = DailyStore.fromSnapshot(snapshot, {
      clock: this.clock,
      randomBytes: this.dailyServices.randomBytes,
      meetingEndedDelayMs: this.dailyServices.meetingEndedDelayMs,
      changed: () => this.changedOutsideRequest(),
    });
    this.dailyDeliverer.attach(store);
    return store;
  }

  /** A timer or a webhook delivery changed the state: make it durable like a request's change. */
  private changedOutsideRequest(): void {
    this.commit(() => undefined);
  }

  snapshot(): World {
    return { daily: this.daily.snapshot(), sonoran: this.sonoran.snapshot() };
  }
}

/** The mutable state behind one mock (or one namespace): every API's store, the journal, faults and rate limits. */
import { WebhookDeliverer } from './apis/daily/deliverer';
import { createDailyServices, type DailyServices } from './apis/daily/services';
import { DailyStore } from './apis/daily/store';
import type { DailyRuntime } from './apis/daily/types';
import { SonoranStore } from './apis/sonoran-radio/store';
import { Journal } from './http/journal';
import { NamespaceClock } from './clock';
import { FaultSet } from './faults';
import type { ChangeRecord } from './apis/seam';
import type { Durability, DurableState } from './persistence';
import { RateLimits, type RateApi, type RateSetting } from './rate-limit';
import type { World, WorldInput } from './world';

/** Rate limits a state starts with, and returns to on reset. */
export type StartLimits = Readonly<Record<RateApi, RateSetting | null>>;

export const NO_LIMITS: StartLimits = { daily: null, sonoran: null };

/** Told what happens to a state outside the requests that change it (the inspector's event stream). */
export interface StateWatcher {
  /** A timer or a webhook delivery changed it. */
  changedOutside(): void;
  /** The namespace is gone. */
  disposed(): void;
}

/**
 * The startup world as stores, built once at start and never served: the default namespace, every
 * other namespace and every reset fork it (copy on write), so a namespace costs what it changes,
 * not a copy of the world. Its rooms, participants, communities and members are frozen.
 */
export class StartupWorld {
  private constructor(
    readonly daily: DailyStore,
    readonly sonoran: SonoranStore,
  ) {}

  static build(world: World | WorldInput, now: Date): StartupWorld {
    const daily = DailyStore.startup(world.daily, now.getTime());
    const sonoran = SonoranStore.fromSnapshot(world.sonoran, now.toISOString());
    daily.freeze();
    sonoran.freeze();
    return new StartupWorld(daily, sonoran);
  }

  /** About how many bytes the startup world holds (once, shared by every namespace). */
  get bytes(): number {
    return this.daily.ownedBytes + this.sonoran.ownedBytes;
  }
}

/** What a state starts from (and a reset returns to): the shared startup world, or a world of its own. */
export type StateStart = StartupWorld | World | WorldInput;

/**
 * What a state costs besides its stores and journal (its clock, deliverer, rate limits, fault set):
 * a fixed figure, so that even namespaces that change nothing count against the budget.
 */
export const STATE_OVERHEAD_BYTES = 8 * 1024;

export class MockState implements DurableState {
  daily: DailyStore;
  sonoran: SonoranStore;
  readonly journal: Journal;
  readonly faults = new FaultSet();
  /** The namespace's clock: the mock's, plus what tests advanced it by; timers run on it. */
  readonly clock: NamespaceClock;
  rateLimits: RateLimits;
  /** Daily's webhook deliverer: wired once, it takes the events of whichever Daily store the state holds. */
  readonly dailyDeliverer: WebhookDeliverer;
  /** Told of changes outside requests and of the end of the namespace. */
  watcher: StateWatcher | undefined;
  private durability: Durability | undefined;
  /** Revisions of stores replaced so far (load, reset), so `revision` only ever grows. */
  private replaced = 0;
  /** The revision last written to the state file, and the records made since. */
  private writtenRevision = 0;
  private recordedSinceWrite = 0;

  /**
   * @param startup what reset() returns to: the shared startup world, or a function giving a fresh world
   * @param initial the state to begin with (the startup world, or a state file's)
   */
  constructor(
    private readonly startup: StartupWorld | (() => World | WorldInput),
    baseClock: () => Date,
    journal: { readonly limit: number; readonly maxBytes: number },
    initial: StateStart,
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
    this.daily = this.buildDaily(initial);
    this.sonoran = this.buildSonoran(initial);
    this.journal = new Journal(journal.limit, journal.maxBytes);
    this.rateLimits = new RateLimits(startLimits);
  }

  /** Grows with every change to the rooms and communities: compare it before and after to know if a request changed anything. */
  get revision(): number {
    return this.replaced + this.daily.revision + this.sonoran.revision;
  }

  /** Make changes durable (a state file) before they are acknowledged; the stores record each change for it. */
  attachDurability(durability: Durability): void {
    this.durability = durability;
    this.writtenRevision = this.revision;
    this.recordedSinceWrite = 0;
    this.attachRecorders();
  }

  private attachRecorders(): void {
    const durability = this.durability;
    if (durability === undefined) return;
    const recorder = (change: ChangeRecord): void => {
      this.recordedSinceWrite += 1;
      durability.record(change);
    };
    this.daily.recorder = recorder;
    this.sonoran.recorder = recorder;
  }

  /** True when every change since the last write has a record (else the next write is a snapshot). */
  coveredSinceWrite(): boolean {
    return this.revision - this.writtenRevision === this.recordedSinceWrite;
  }

  markWritten(): void {
    this.writtenRevision = this.revision;
    this.recordedSinceWrite = 0;
  }

  /** Make recorded changes again, in order (a state file's log at start, or after a failed write). */
  replay(changes: readonly ChangeRecord[]): void {
    for (const change of changes) {
      if (change.api === 'daily') this.daily.replay(change);
      else this.sonoran.replay(change);
    }
  }

  /** Go back to what the state file holds: its snapshot and its log (after a failed write). */
  reload(world: World, changes: readonly ChangeRecord[]): void {
    this.load(world);
    this.replay(changes);
    this.markWritten();
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
    this.load(this.startup instanceof StartupWorld ? this.startup : this.startup());
    this.faults.clear();
    this.rateLimits = new RateLimits(this.startLimits);
  }

  /** Stop everything scheduled (timers, webhook deliveries to come): the namespace is gone. */
  dispose(): void {
    this.clock.clear();
    this.daily.dispose();
    this.watcher?.disposed();
  }

  /** Replace every room and community (a scenario, an empty namespace, the startup world). */
  load(world: StateStart): void {
    const previous = this.daily;
    const daily = this.buildDaily(world);
    const sonoran = this.buildSonoran(world);
    this.replaced = this.revision + 1;
    previous.dispose();
    this.daily = daily;
    this.sonoran = sonoran;
    this.attachRecorders();
  }

  /** A Daily store on this namespace's clock, its events going to the namespace's deliverer. */
  private buildDaily(from: StateStart): DailyStore {
    const runtime: DailyRuntime = {
      clock: this.clock,
      randomBytes: this.dailyServices.randomBytes,
      meetingEndedDelayMs: this.dailyServices.meetingEndedDelayMs,
      changed: () => this.changedOutsideRequest(),
    };
    const store =
      from instanceof StartupWorld ? from.daily.fork(runtime) : DailyStore.fromSnapshot(from.daily, runtime);
    this.dailyDeliverer.attach(store);
    return store;
  }

  private buildSonoran(from: StateStart): SonoranStore {
    return from instanceof StartupWorld ? from.sonoran.fork() : SonoranStore.fromSnapshot(from.sonoran, this.now());
  }

  /** About how many bytes of state this namespace made (what it shares with the startup world is free). */
  get stateBytes(): number {
    return STATE_OVERHEAD_BYTES + this.daily.ownedBytes + this.sonoran.ownedBytes;
  }

  /** What this namespace costs: its state's bytes and its journal's. */
  get memoryBytes(): number {
    return this.stateBytes + this.journal.bytes;
  }

  /** A timer or a webhook delivery changed the state: make it durable like a request's change. */
  private changedOutsideRequest(): void {
    this.commit(() => undefined);
    this.watcher?.changedOutside();
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  snapshot(): World {
    return { daily: this.daily.snapshot(), sonoran: this.sonoran.snapshot() };
  }
}

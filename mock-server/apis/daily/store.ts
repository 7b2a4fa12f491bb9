/**
 * Daily's in-memory data: the accepted API keys, the domain, the rooms with their live calls, and
 * the webhook. Every change goes through a method here (and bumps `revision`). What a change means
 * for the outside is recorded as events (participant.joined, participant.left, meeting.started,
 * meeting.ended) in an outbox that a listener drains; the store sends nothing itself. Timers for
 * ejections and for meeting.ended run on the runtime's clock (the namespace's), never on Date.now.
 *
 * Copy on write: a store forked from the startup world's (`fork`) starts with the startup rooms
 * themselves. Rooms, participants and permission values are immutable values replaced on change;
 * only a room's participant map changes in place, and a forked store copies it the first time it
 * changes that room. `ownedBytes` is what the store made since (sizes.ts), not what it shares.
 */
import type { ChangeRecord, ChangeRecorder } from '../seam';
import { derivedUuid, randomUuid } from './ids';
import { ENTRY_BYTES, jsonBytes, OBJECT_BYTES, SharedValues, textBytes, type Measured } from '../sizes';
import { buildRoom, PermissionInterner, viewRoom, viewSession } from './semantics';
import type {
  AppMessage,
  CanReceive,
  DailyEvent,
  DailyRuntime,
  DailySnapshot,
  Domain,
  Participant,
  Permissions,
  Properties,
  Room,
  RoomInput,
  RoomPrivacy,
  Session,
  Webhook,
} from './types';
import { meetingEnded, meetingStarted, participantJoined, participantLeft, afterAttempt } from './webhooks';
import { APP_MESSAGES_KEPT } from './calls';

/** One HTTP request the mock made to a webhook URL (or the verification of one), as the control API lists it. */
export interface DeliveryAttempt {
  readonly seq: number;
  /** ISO 8601 on the namespace's clock. */
  readonly at: string;
  readonly webhook: string;
  readonly kind: 'verification' | 'event';
  readonly eventId: string | null;
  readonly eventType: string | null;
  /** 1 for the first try of a message. */
  readonly attempt: number;
  readonly url: string;
  /** The HTTP status answered, or null when none came (refused, timed out, bad URL). */
  readonly status: number | null;
  readonly ok: boolean;
  readonly error: string | null;
  /** Real time the attempt took. */
  readonly durationMs: number;
  /** When the message will be tried again (ISO 8601), or null. */
  readonly nextAttemptAt: string | null;
}

/** Daily's part of a snapshot as input: worlds written before domains and webhooks existed leave them out. */
export type DailySnapshotInput =
  | DailySnapshot
  | {
      readonly apiKeys: readonly string[];
      readonly domain?: Domain;
      readonly rooms: readonly (RoomInput & { readonly name: string })[];
      readonly webhooks?: readonly Webhook[];
    };

export const DEFAULT_DOMAIN_NAME = 'perm-mock';

/** The domain of a world that names none. */
export function defaultDomain(): Domain {
  return { name: DEFAULT_DOMAIN_NAME, id: derivedUuid(`domain:${DEFAULT_DOMAIN_NAME}`), config: {} };
}

/** Events kept while nobody drains them (a store without a deliverer). */
const BACKLOG_LIMIT = 1000;
/** Delivery attempts the control API keeps listing (the oldest go first). */
export const ATTEMPTS_KEPT = 1000;

type Timer = { cancel(): void };

/** A participant's own fields (its permissions are shared values, counted apart). */
function participantBytes(p: Participant): number {
  return OBJECT_BYTES + textBytes(p.id) + textBytes(p.userId) + textBytes(p.userName) + textBytes(p.joinTime);
}

/** A room without its participants: its fields, properties and session. */
function shellBytes(room: Room): number {
  const session = room.session;
  const sessionBytes =
    session === null ? 0 : OBJECT_BYTES + jsonBytes(viewSession(session)) + session.banned.size * ENTRY_BYTES;
  return OBJECT_BYTES + textBytes(room.name) + textBytes(room.id) + jsonBytes(room.config) + sessionBytes;
}

const rulesMeasure = (rules: object): Measured => ({ own: jsonBytes(rules), parts: [] });

function canReceiveMeasure(value: object): Measured {
  const canReceive = value as CanReceive;
  const parts: [object, (v: object) => Measured][] = [];
  if (canReceive.byUserId !== undefined) parts.push([canReceive.byUserId, rulesMeasure]);
  if (canReceive.byParticipantId !== undefined) parts.push([canReceive.byParticipantId, rulesMeasure]);
  return { own: OBJECT_BYTES + (typeof canReceive.base === 'object' ? jsonBytes(canReceive.base) : 0), parts };
}

/** A permissions value: its lists, and its `canReceive` (itself often shared, and its rule maps with it). */
function permissionsMeasure(value: object): Measured {
  const p = value as Permissions;
  const lists =
    (Array.isArray(p.canSend) ? jsonBytes(p.canSend) : 0) + (Array.isArray(p.canAdmin) ? jsonBytes(p.canAdmin) : 0);
  return { own: OBJECT_BYTES + lists, parts: [[p.canReceive, canReceiveMeasure]] };
}

/** A clock whose timers never fire: the startup store's (it is never served, only forked). */
function stillClock(nowMs: number): DailyRuntime['clock'] {
  return { nowMs: () => nowMs, at: () => ({ cancel: () => undefined }) };
}

export class DailyStore {
  /** Counts changes: the dispatcher compares it before and after a handler to know if anything changed. */
  revision = 0;
  /** Told of each change it can describe, as a record `replay` can make again (the state file's change log). */
  recorder: ChangeRecorder | undefined;
  /** Equal permission values share one frozen object (loaded, joined or updated alike). */
  readonly interner: PermissionInterner;
  private readonly keys: Set<string>;
  private currentDomain: Domain;
  private readonly byName = new Map<string, Room>();
  private readonly hooks = new Map<string, Webhook>();
  /** Rooms whose participant map is still the startup store's: copied before their first change. */
  private readonly sharedMaps = new Set<string>();
  /** Bytes of the room objects this store made (participants apart), by room name. */
  private readonly shells = new Map<string, number>();
  private shellTotal = 0;
  /** Slots of the participant maps this store owns, and the participants it made. */
  private ownedEntries = 0;
  private participantTotal = 0;
  /** The permission values held by the participants this store made. */
  private readonly values: SharedValues;
  /** Eject timers by room, then session id. */
  private readonly ejections = new Map<string, Map<string, Timer>>();
  private readonly pendingEnds = new Set<Timer>();
  private listener: ((event: DailyEvent) => void) | undefined;
  private backlog: DailyEvent[] = [];
  private log: DeliveryAttempt[] = [];
  private attemptSeq = 0;
  private disposed = false;

  private constructor(
    apiKeys: readonly string[],
    domain: Domain,
    readonly runtime: DailyRuntime,
    /** The startup store this one was forked from: it shares its rooms until it changes them. */
    private readonly base?: DailyStore,
  ) {
    this.keys = new Set(apiKeys);
    this.currentDomain = domain;
    this.interner = base?.interner ?? new PermissionInterner();
    this.values = new SharedValues(base === undefined ? undefined : (value) => base.values.has(value));
  }

  /** A store holding a snapshot's keys, domain, rooms and webhook. Throws on a snapshot that repeats a session id. */
  static fromSnapshot(snapshot: DailySnapshotInput, runtime: DailyRuntime): DailyStore {
    const store = new DailyStore(snapshot.apiKeys, snapshot.domain ?? defaultDomain(), runtime);
    const now = new Date(runtime.clock.nowMs()).toISOString();
    for (const view of snapshot.rooms) {
      const built = buildRoom(view.name, view, now, store.interner);
      if (!built.ok) throw new Error(`room ${view.name} lists participant ${built.duplicate} twice`);
      store.place(built.room); // buildRoom made a fresh Map the store now owns
      store.ownedEntries += built.room.participants.size;
      for (const participant of built.room.participants.values()) store.charge(participant);
      store.armEjections(built.room);
    }
    for (const webhook of snapshot.webhooks ?? []) store.hooks.set(webhook.uuid, webhook);
    return store;
  }

  /**
   * The startup world's store: built once at start and never served (its timers never fire); every
   * namespace, and every reset, forks it.
   */
  static startup(snapshot: DailySnapshotInput, nowMs: number): DailyStore {
    return DailyStore.fromSnapshot(snapshot, {
      clock: stillClock(nowMs),
      randomBytes: (size) => Buffer.alloc(size),
      meetingEndedDelayMs: 0,
    });
  }

  /**
   * A store on `runtime` that starts as this one is, sharing its rooms, participants and permission
   * values (copy on write): it costs a map of room names, however large the rooms are.
   */
  fork(runtime: DailyRuntime): DailyStore {
    const store = new DailyStore([...this.keys], this.currentDomain, runtime, this);
    for (const [name, room] of this.byName) {
      store.byName.set(name, room);
      store.sharedMaps.add(name);
    }
    for (const [uuid, webhook] of this.hooks) store.hooks.set(uuid, webhook);
    for (const [name, participant] of this.ejectable()) store.armEjection(name, participant);
    return store;
  }

  private ejectableCache: [string, Participant][] | undefined;

  /** The participants with an eject time (a fork arms their timers on its own clock). */
  private ejectable(): [string, Participant][] {
    if (this.ejectableCache !== undefined) return this.ejectableCache;
    const found: [string, Participant][] = [];
    for (const room of this.byName.values()) {
      for (const p of room.participants.values()) if (p.willEjectAt !== undefined) found.push([room.name, p]);
    }
    return (this.ejectableCache = found);
  }

  /**
   * About how many bytes this store made and holds (sizes.ts): rooms it created or changed, the
   * participant maps it copied, the participants it made and their permission values (each shared
   * value once), its domain, webhooks and delivery log. What it shares with the startup store is free.
   */
  get ownedBytes(): number {
    const domain =
      this.base !== undefined && this.currentDomain === this.base.currentDomain ? 0 : jsonBytes(this.currentDomain);
    return (
      (this.byName.size + this.hooks.size + this.keys.size) * ENTRY_BYTES +
      this.shellTotal +
      this.ownedEntries * ENTRY_BYTES +
      this.participantTotal +
      this.values.bytes +
      domain +
      this.hooks.size * 4 * OBJECT_BYTES +
      (this.log.length + this.backlog.length) * 2 * OBJECT_BYTES
    );
  }

  private frozen = false;

  /** Freeze every room and participant (the startup store): a fork that changed one in place would throw. */
  freeze(): void {
    this.frozen = true;
    for (const room of this.byName.values()) {
      for (const participant of room.participants.values()) Object.freeze(participant);
      if (room.session !== null) Object.freeze(room.session);
      Object.freeze(room);
    }
    Object.freeze(this.currentDomain);
  }

  private writable(): void {
    if (this.frozen) throw new Error('the startup world is shared by every namespace and never changes; fork it');
  }

  /** `ownedBytes` counted again from scratch, from what the store holds now (a check of the running count). */
  recountBytes(): number {
    const base = this.base;
    const values = new SharedValues(base === undefined ? undefined : (value) => base.values.has(value));
    let shells = 0;
    let entries = 0;
    let participants = 0;
    for (const [name, room] of this.byName) {
      const baseRoom = base?.byName.get(name);
      if (room !== baseRoom) shells += shellBytes(room);
      if (room.participants === baseRoom?.participants) continue;
      entries += room.participants.size;
      for (const p of room.participants.values()) {
        if (baseRoom?.participants.get(p.id) === p) continue;
        participants += participantBytes(p);
        values.hold(p.permissions, permissionsMeasure);
      }
    }
    return (
      this.ownedBytes -
      this.shellTotal -
      this.ownedEntries * ENTRY_BYTES -
      this.participantTotal -
      this.values.bytes +
      shells +
      entries * ENTRY_BYTES +
      participants +
      values.bytes
    );
  }

  /** Put a room object this store made in place, counting its bytes. */
  private place(room: Room): void {
    this.writable();
    this.byName.set(room.name, room);
    const bytes = shellBytes(room);
    this.shellTotal += bytes - (this.shells.get(room.name) ?? 0);
    this.shells.set(room.name, bytes);
  }

  /** Take a room out, giving back what it cost. */
  private unplace(name: string): void {
    this.release(name);
    this.byName.delete(name);
  }

  /** Give back what a room cost (its call has ended, or it is about to be replaced where it stands). */
  private release(name: string): void {
    this.writable();
    const room = this.byName.get(name);
    if (room === undefined) return;
    if (this.sharedMaps.delete(name) === false) {
      this.ownedEntries -= room.participants.size;
      for (const participant of room.participants.values()) this.discharge(name, participant);
    }
    this.shellTotal -= this.shells.get(name) ?? 0;
    this.shells.delete(name);
  }

  /** A room's participant map, to change in place: a map shared with the startup store is copied first. */
  private participantsOf(name: string): Map<string, Participant> {
    this.writable();
    const room = this.requireRoom(name);
    if (!this.sharedMaps.has(name)) return room.participants as Map<string, Participant>;
    const copy = new Map(room.participants);
    this.sharedMaps.delete(name);
    this.ownedEntries += copy.size;
    this.place({ ...room, participants: copy });
    return copy;
  }

  private putParticipant(name: string, participants: Map<string, Participant>, participant: Participant): void {
    const old = participants.get(participant.id);
    if (old === undefined) this.ownedEntries += 1;
    else this.discharge(name, old);
    participants.set(participant.id, participant);
    this.charge(participant);
  }

  private charge(participant: Participant): void {
    this.participantTotal += participantBytes(participant);
    this.values.hold(participant.permissions, permissionsMeasure);
  }

  /** Give back what a participant cost, unless it is the startup store's (it cost nothing). */
  private discharge(name: string, participant: Participant): void {
    if (this.base?.byName.get(name)?.participants.get(participant.id) === participant) return;
    this.participantTotal -= participantBytes(participant);
    this.values.release(participant.permissions);
  }

  private nowMs(): number {
    return this.runtime.clock.nowMs();
  }

  acceptsKey(key: string): boolean {
    return this.keys.has(key);
  }

  get apiKeys(): readonly string[] {
    return [...this.keys];
  }

  get domain(): Domain {
    return this.currentDomain;
  }

  setDomainConfig(config: Properties): void {
    this.writable();
    this.revision += 1;
    this.currentDomain = { ...this.currentDomain, config };
  }

  getRoom(name: string): Room | undefined {
    return this.byName.get(name);
  }

  rooms(): IterableIterator<Room> {
    return this.byName.values();
  }

  /** Place a room as given (the control API's PUT, no events): any live call of the room it replaces stops silently. */
  setRoom(room: Room): void {
    this.revision += 1;
    this.disarmRoom(room.name);
    this.release(room.name);
    this.placeNew(room);
    this.armEjections(this.requireRoom(room.name));
  }

  /** A room this store owns whole: a fresh participant map, every participant counted. */
  private placeNew(room: Room): void {
    const participants = new Map<string, Participant>();
    for (const [id, p] of room.participants) {
      const permissions = this.interner.intern(p.permissions);
      participants.set(id, permissions === p.permissions ? p : { ...p, permissions });
    }
    this.place({ ...room, participants });
    this.ownedEntries += participants.size;
    for (const participant of participants.values()) this.charge(participant);
  }

  /** A new room (POST /rooms). A room of the same name that had expired is replaced; its call ends. */
  createRoom(room: Room): void {
    const old = this.byName.get(room.name);
    if (old !== undefined) this.endCall(old);
    this.revision += 1;
    this.release(room.name);
    this.placeNew(room);
  }

  updateRoom(name: string, change: { readonly privacy?: RoomPrivacy; readonly config?: Properties }): Room {
    const room = this.requireRoom(name);
    this.revision += 1;
    const next: Room = { ...room, ...change };
    this.place(next);
    return next;
  }

  /** Delete a room: its call ends (every participant leaves, then the meeting ends). */
  deleteRoom(name: string): boolean {
    const room = this.byName.get(name);
    if (room === undefined) return false;
    this.endCall(room);
    this.revision += 1;
    this.disarmRoom(name);
    this.unplace(name);
    return true;
  }

  /** Everyone leaves the room's call (participant.left each, then meeting.ended). */
  private endCall(room: Room): void {
    for (const id of [...room.participants.keys()]) this.leave(room.name, id);
  }

  /**
   * A participant joins (the join was decided already): participants it replaces leave first, a
   * meeting starts if none was going on, and the participant's eject timer is set.
   */
  join(name: string, joining: Participant, replaced: readonly string[] = []): void {
    const participant = { ...joining, permissions: this.interner.intern(joining.permissions) };
    for (const id of replaced) this.leave(name, id);
    const participants = this.participantsOf(name);
    let room = this.requireRoom(name);
    this.revision += 1;
    const now = this.nowMs();
    if (room.session === null) {
      const session: Session = {
        meetingId: this.uuid(),
        startedAt: now,
        data: {},
        banned: new Set(),
        appMessages: [],
      };
      room = { ...room, session };
      this.place(room);
      this.emit(meetingStarted(room, session, now));
    }
    this.putParticipant(name, participants, participant);
    this.armEjection(room.name, participant);
    this.emit(participantJoined(room, participant, now));
  }

  /** A participant leaves (or is ejected); the last one out ends the meeting. False when not in the room. */
  leave(name: string, id: string): boolean {
    const room = this.byName.get(name);
    const participant = room?.participants.get(id);
    if (room === undefined || participant === undefined) return false;
    this.revision += 1;
    const now = this.nowMs();
    const participants = this.participantsOf(name);
    participants.delete(id);
    this.ownedEntries -= 1;
    this.discharge(name, participant);
    this.ejections.get(name)?.get(id)?.cancel();
    this.ejections.get(name)?.delete(id);
    this.emit(participantLeft(room, participant, now));
    if (participants.size === 0 && room.session !== null) {
      const session = room.session;
      this.place({ ...this.requireRoom(name), session: null });
      this.scheduleMeetingEnded(room, session, now);
    }
    return true;
  }

  /** Eject these session ids; with `banUserIds`, refuse those user ids until the meeting ends. */
  eject(name: string, ids: readonly string[], banUserIds: readonly string[] = []): string[] {
    const room = this.requireRoom(name);
    if (banUserIds.length > 0 && room.session !== null) {
      this.revision += 1;
      const banned = new Set(room.session.banned);
      for (const userId of banUserIds) banned.add(userId);
      this.place({ ...room, session: { ...room.session, banned } });
    }
    return ids.filter((id) => this.leave(name, id));
  }

  /**
   * Apply an update's changed participants in place: the cost follows the participants touched,
   * not the size of the room. The update was checked whole before, so nothing here can fail halfway.
   */
  patchParticipants(name: string, changes: ReadonlyMap<string, Participant>): void {
    // A participant handed back as it was (an update that set what was already set) is no change:
    // a request that changes nothing leaves the revision, the fork and the state file alone.
    const current = this.requireRoom(name).participants;
    const changed = [...changes.values()].filter((participant) => current.get(participant.id) !== participant);
    if (changed.length === 0) return;
    this.revision += 1;
    const participants = this.participantsOf(name);
    for (const participant of changed) this.putParticipant(name, participants, participant);
    this.recorder?.({ api: 'daily', op: 'patchParticipants', args: { room: name, participants: changed } });
  }

  /**
   * Make a recorded change again (reading the state file's log). Only the hot path (an update's
   * participants) is recorded; every other change is written as a whole snapshot. A change to a room
   * or participant no longer there is skipped.
   */
  replay(change: ChangeRecord): void {
    if (change.op !== 'patchParticipants') throw new Error(`unknown Daily change ${change.op}`);
    const { room, participants } = change.args as { room: string; participants: Participant[] };
    const current = this.byName.get(room);
    if (current === undefined) return;
    const recorder = this.recorder;
    this.recorder = undefined;
    try {
      const present = participants.filter((p) => current.participants.has(p.id));
      this.patchParticipants(room, new Map(present.map((p) => [p.id, p])));
    } finally {
      this.recorder = recorder;
    }
  }

  setSessionData(name: string, data: Readonly<Record<string, unknown>>): void {
    this.updateSession(name, (session) => ({ ...session, data }));
  }

  addAppMessage(name: string, message: AppMessage): void {
    this.updateSession(name, (session) => ({
      ...session,
      appMessages: [...session.appMessages, message].slice(-APP_MESSAGES_KEPT),
    }));
  }

  private updateSession(name: string, change: (session: Session) => Session): void {
    const room = this.requireRoom(name);
    if (room.session === null) throw new Error(`room ${name} has no call`);
    this.revision += 1;
    this.place({ ...room, session: change(room.session) });
  }

  webhooks(): Webhook[] {
    return [...this.hooks.values()];
  }

  getWebhook(uuid: string): Webhook | undefined {
    return this.hooks.get(uuid);
  }

  putWebhook(webhook: Webhook): void {
    this.writable();
    this.revision += 1;
    this.hooks.set(webhook.uuid, webhook);
  }

  deleteWebhook(uuid: string): boolean {
    this.writable();
    const deleted = this.hooks.delete(uuid);
    if (deleted) this.revision += 1;
    return deleted;
  }

  /** Count an attempt's outcome on its webhook (failedCount, FAILED, lastMomentPushed). */
  webhookAttempted(uuid: string, ok: boolean): Webhook | undefined {
    const webhook = this.hooks.get(uuid);
    if (webhook === undefined) return undefined;
    const next = afterAttempt(webhook, ok, new Date(this.nowMs()).toISOString());
    this.putWebhook(next);
    return next;
  }

  /** Keep a delivery attempt for the control API (not part of the state: no revision). */
  recordAttempt(attempt: Omit<DeliveryAttempt, 'seq'>): DeliveryAttempt {
    this.attemptSeq += 1;
    const recorded = { seq: this.attemptSeq, ...attempt };
    this.log.push(recorded);
    if (this.log.length > ATTEMPTS_KEPT) this.log.splice(0, this.log.length - ATTEMPTS_KEPT);
    return recorded;
  }

  attempts(): readonly DeliveryAttempt[] {
    return this.log;
  }

  clearAttempts(): void {
    this.log = [];
  }

  /** Receive every event from now on (and those waiting); one listener, the namespace's deliverer. */
  onEvents(listener: ((event: DailyEvent) => void) | undefined): void {
    this.listener = listener;
    if (listener === undefined) return;
    const waiting = this.backlog;
    this.backlog = [];
    for (const event of waiting) listener(event);
  }

  private emit(event: DailyEvent): void {
    if (this.disposed) return;
    if (this.listener !== undefined) return this.listener(event);
    this.backlog.push(event);
    if (this.backlog.length > BACKLOG_LIMIT) this.backlog.shift();
  }

  /** A fresh UUID from the runtime's randomness. */
  uuid(): string {
    return randomUuid(this.runtime.randomBytes);
  }

  private scheduleMeetingEnded(room: Room, session: Session, endedMs: number): void {
    const delay = this.runtime.meetingEndedDelayMs;
    if (delay <= 0) return this.emit(meetingEnded(room, session, endedMs, endedMs));
    const timer = this.runtime.clock.at(endedMs + delay, () => {
      this.pendingEnds.delete(timer);
      this.emit(meetingEnded(room, session, endedMs, this.nowMs()));
    });
    this.pendingEnds.add(timer);
  }

  private armEjections(room: Room): void {
    for (const participant of room.participants.values()) this.armEjection(room.name, participant);
  }

  private armEjection(name: string, participant: Participant): void {
    if (participant.willEjectAt === undefined) return;
    let timers = this.ejections.get(name);
    if (timers === undefined) this.ejections.set(name, (timers = new Map<string, Timer>()));
    timers.get(participant.id)?.cancel();
    const timer = this.runtime.clock.at(participant.willEjectAt * 1000, () => {
      const current = this.byName.get(name)?.participants.get(participant.id);
      if (this.disposed || current?.willEjectAt !== participant.willEjectAt) return;
      this.ejections.get(name)?.delete(participant.id);
      this.leave(name, participant.id);
      this.runtime.changed?.();
    });
    timers.set(participant.id, timer);
  }

  private disarmRoom(name: string): void {
    for (const timer of this.ejections.get(name)?.values() ?? []) timer.cancel();
    this.ejections.delete(name);
  }

  private requireRoom(name: string): Room {
    const room = this.byName.get(name);
    if (room === undefined) throw new Error(`no room ${name}`);
    return room;
  }

  /** Stop every timer and stop emitting (the store is being replaced: a reset, a scenario). */
  dispose(): void {
    this.disposed = true;
    for (const name of [...this.ejections.keys()]) this.disarmRoom(name);
    for (const timer of this.pendingEnds) timer.cancel();
    this.pendingEnds.clear();
    this.listener = undefined;
  }

  /** What a scenario or an empty namespace keeps of this store: the keys, the domain and its webhook. */
  domainPart(): Pick<DailySnapshot, 'apiKeys' | 'domain' | 'webhooks'> {
    return { apiKeys: this.apiKeys, domain: this.currentDomain, webhooks: this.webhooks() };
  }

  snapshot(): DailySnapshot {
    return {
      apiKeys: this.apiKeys,
      domain: this.currentDomain,
      rooms: [...this.byName.values()].map(viewRoom),
      webhooks: this.webhooks(),
    };
  }
}

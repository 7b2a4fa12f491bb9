/**
 * Daily's in-memory data: the accepted API keys, the domain, the rooms with their live calls, and
 * the webhook. Every change goes through a method here (and bumps `revision`). What a change means
 * for the outside is recorded as events (participant.joined, participant.left, meeting.started,
 * meeting.ended) in an outbox that a listener drains; the store sends nothing itself. Timers for
 * ejections and for meeting.ended run on the runtime's clock (the namespace's), never on Date.now.
 */
import type { ChangeRecord, ChangeRecorder } from '../seam';
import { derivedUuid, randomUuid } from './ids';
import { buildRoom, PermissionInterner, viewRoom } from './semantics';
import type {
  AppMessage,
  DailyEvent,
  DailyRuntime,
  DailySnapshot,
  Domain,
  Participant,
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

export class DailyStore {
  /** Counts changes: the dispatcher compares it before and after a handler to know if anything changed. */
  revision = 0;
  /** Told of each change it can describe, as a record `replay` can make again (the state file's change log). */
  recorder: ChangeRecorder | undefined;
  /** Equal permission values share one frozen object (loaded, joined or updated alike). */
  readonly interner = new PermissionInterner();
  private readonly keys: Set<string>;
  private currentDomain: Domain;
  private readonly byName = new Map<string, Room>();
  private readonly hooks = new Map<string, Webhook>();
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
  ) {
    this.keys = new Set(apiKeys);
    this.currentDomain = domain;
  }

  /** A store holding a snapshot's keys, domain, rooms and webhook. Throws on a snapshot that repeats a session id. */
  static fromSnapshot(snapshot: DailySnapshotInput, runtime: DailyRuntime): DailyStore {
    const store = new DailyStore(snapshot.apiKeys, snapshot.domain ?? defaultDomain(), runtime);
    const now = new Date(runtime.clock.nowMs()).toISOString();
    for (const view of snapshot.rooms) {
      const built = buildRoom(view.name, view, now, store.interner);
      if (!built.ok) throw new Error(`room ${view.name} lists participant ${built.duplicate} twice`);
      store.byName.set(view.name, built.room); // buildRoom made a fresh Map the store now owns
      store.armEjections(built.room);
    }
    for (const webhook of snapshot.webhooks ?? []) store.hooks.set(webhook.uuid, webhook);
    return store;
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
    const placed = { ...room, participants: new Map(room.participants) };
    this.byName.set(room.name, placed);
    this.armEjections(placed);
  }

  /** A new room (POST /rooms). A room of the same name that had expired is replaced; its call ends. */
  createRoom(room: Room): void {
    const old = this.byName.get(room.name);
    if (old !== undefined) this.endCall(old);
    this.revision += 1;
    this.byName.set(room.name, { ...room, participants: new Map(room.participants) });
  }

  updateRoom(name: string, change: { readonly privacy?: RoomPrivacy; readonly config?: Properties }): Room {
    const room = this.requireRoom(name);
    this.revision += 1;
    const next: Room = { ...room, ...change };
    this.byName.set(name, next);
    return next;
  }

  /** Delete a room: its call ends (every participant leaves, then the meeting ends). */
  deleteRoom(name: string): boolean {
    const room = this.byName.get(name);
    if (room === undefined) return false;
    this.endCall(room);
    this.revision += 1;
    this.disarmRoom(name);
    this.byName.delete(name);
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
      this.byName.set(name, room);
      this.emit(meetingStarted(room, session, now));
    }
    (room.participants as Map<string, Participant>).set(participant.id, participant);
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
    (room.participants as Map<string, Participant>).delete(id);
    this.ejections.get(name)?.get(id)?.cancel();
    this.ejections.get(name)?.delete(id);
    this.emit(participantLeft(room, participant, now));
    if (room.participants.size === 0 && room.session !== null) {
      const session = room.session;
      this.byName.set(name, { ...room, session: null });
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
      this.byName.set(name, { ...room, session: { ...room.session, banned } });
    }
    return ids.filter((id) => this.leave(name, id));
  }

  /**
   * Apply an update's changed participants in place: the cost follows the participants touched,
   * not the size of the room. The update was checked whole before, so nothing here can fail halfway.
   */
  patchParticipants(name: string, changes: ReadonlyMap<string, Participant>): void {
    this.revision += 1;
    const room = this.requireRoom(name);
    const participants = room.participants as Map<string, Participant>;
    for (const [id, participant] of changes) participants.set(id, participant);
    this.recorder?.({
      api: 'daily',
      op: 'patchParticipants',
      args: { room: name, participants: [...changes.values()] },
    });
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
    this.byName.set(name, { ...room, session: change(room.session) });
  }

  webhooks(): Webhook[] {
    return [...this.hooks.values()];
  }

  getWebhook(uuid: string): Webhook | undefined {
    return this.hooks.get(uuid);
  }

  putWebhook(webhook: Webhook): void {
    this.revision += 1;
    this.hooks.set(webhook.uuid, webhook);
  }

  deleteWebhook(uuid: string): boolean {
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

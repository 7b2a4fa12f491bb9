/**
 * The rules of Daily's permissions as pure functions: no Express, no I/O, no clock. The
 * update-permissions endpoint (a body that already passed its contract in, the next room or the
 * reason it is refused out), the initial permissions a joining participant gets, and rooms and
 * participants built from control-API input. Nothing here mutates its arguments. Rooms, calls and
 * tokens have their own files (rooms.ts, calls.ts, tokens.ts).
 */
import {
  CAN_ADMIN_VALUES,
  CAN_SEND_VALUES,
  EVERYONE_ELSE,
  type CanReceive,
  type Participant,
  type ParticipantInput,
  type ParticipantView,
  type PermissionUpdate,
  type Permissions,
  type Room,
  type RoomInput,
  type RoomView,
  type Session,
  type SessionView,
} from './types';
import type { DailyErrorCode } from './errors';
import { derivedUuid } from './ids';
import { jsonBytes } from '../sizes';

// Permission values are never mutated (an update builds new objects), so common ones are shared:
// a large room then holds one `{base: true}`, not one per participant.
const RECEIVE_ALL: CanReceive = Object.freeze({ base: true });
const RECEIVE_NONE: CanReceive = Object.freeze({ base: false });
const DEFAULTS: Readonly<Record<'owner' | 'guest', Permissions>> = {
  owner: Object.freeze({ hasPresence: true, canSend: true, canReceive: RECEIVE_ALL, canAdmin: true }),
  guest: Object.freeze({ hasPresence: true, canSend: true, canReceive: RECEIVE_ALL, canAdmin: false }),
};

/** Permissions of a participant who joins without explicit ones (owners may also administer). */
export function defaultPermissions(owner: boolean): Permissions {
  return owner ? DEFAULTS.owner : DEFAULTS.guest;
}

/** The permission keys, in the order Daily's docs list them. */
export const PERMISSION_KEYS = ['hasPresence', 'canSend', 'canReceive', 'canAdmin'] as const;

/** Where a joining participant's initial permissions come from, highest precedence first. */
export interface PermissionSources {
  /** The meeting token's `permissions` (claim `p`). */
  readonly token?: PermissionUpdate;
  /** The room's `permissions` property. */
  readonly room?: PermissionUpdate;
  /** The domain's `permissions` property. */
  readonly domain?: PermissionUpdate;
  /** The room has `enable_hidden_participants`: non-owners join hidden unless the token says otherwise. */
  readonly hiddenByDefault?: boolean;
}

/**
 * A joining participant's initial permissions. Owners get every right and ignore every setting
 * (the settings describe non-owners). For anyone else each key comes from the token, else the
 * room, else the domain, else Daily's default; a room with hidden participants starts them with
 * `hasPresence: false` unless the token sets it.
 */
export function initialPermissions(owner: boolean, sources: PermissionSources): Permissions {
  if (owner) return DEFAULTS.owner;
  const { token, room, domain } = sources;
  const hasPresence =
    token?.hasPresence ?? (sources.hiddenByDefault === true ? false : (room?.hasPresence ?? domain?.hasPresence));
  const update: PermissionUpdate = {
    ...(hasPresence !== undefined && { hasPresence }),
    ...pick('canSend', token, room, domain),
    ...pick('canReceive', token, room, domain),
    ...pick('canAdmin', token, room, domain),
  };
  return applyUpdate(DEFAULTS.guest, update);
}

function pick<K extends 'canSend' | 'canReceive' | 'canAdmin'>(
  key: K,
  ...levels: readonly (PermissionUpdate | undefined)[]
): Pick<PermissionUpdate, K> | Record<string, never> {
  for (const level of levels) {
    if (level !== undefined && level[key] !== undefined) return { [key]: level[key] } as Pick<PermissionUpdate, K>;
  }
  return {};
}

/** A boolean stays; a list keeps each allowed value once, in the documented order. */
export function normaliseList<T extends string>(
  value: boolean | readonly T[],
  order: readonly T[],
): boolean | readonly T[] {
  if (typeof value === 'boolean') return value;
  return order.filter((item) => value.includes(item));
}

/** `canReceive`: each sub-field given replaces the previous one whole; the others are kept. */
export function mergeCanReceive(previous: CanReceive, update: Partial<CanReceive>): CanReceive {
  const base = Object.hasOwn(update, 'base') && update.base !== undefined ? update.base : previous.base;
  const byUserId = Object.hasOwn(update, 'byUserId') ? update.byUserId : previous.byUserId;
  const byParticipantId = Object.hasOwn(update, 'byParticipantId') ? update.byParticipantId : previous.byParticipantId;
  if (byUserId === undefined && byParticipantId === undefined && typeof base === 'boolean') {
    return base ? RECEIVE_ALL : RECEIVE_NONE;
  }
  return {
    base,
    ...(byUserId !== undefined && { byUserId }),
    ...(byParticipantId !== undefined && { byParticipantId }),
  };
}

/** An update with its lists in canonical form: done once per request, not once per participant. */
export function normaliseUpdate(update: PermissionUpdate): PermissionUpdate {
  if (update.canSend === undefined && update.canAdmin === undefined) return update;
  return {
    ...update,
    ...(update.canSend !== undefined && { canSend: normaliseList(update.canSend, CAN_SEND_VALUES) }),
    ...(update.canAdmin !== undefined && { canAdmin: normaliseList(update.canAdmin, CAN_ADMIN_VALUES) }),
  };
}

/** Apply an already normalised update: each field given replaces the old value whole. */
function applyNormalised(previous: Permissions, update: PermissionUpdate): Permissions {
  return {
    hasPresence: update.hasPresence ?? previous.hasPresence,
    canSend: update.canSend ?? previous.canSend,
    canReceive:
      update.canReceive === undefined ? previous.canReceive : mergeCanReceive(previous.canReceive, update.canReceive),
    canAdmin: update.canAdmin ?? previous.canAdmin,
  };
}

/** Apply one update to one participant's permissions: each field given replaces the old value whole. */
export function applyUpdate(previous: Permissions, update: PermissionUpdate): Permissions {
  return applyNormalised(previous, normaliseUpdate(update));
}

export interface UpdateOptions {
  /** Reject (404) a request that names a participant not in the call, instead of ignoring it. */
  readonly strict: boolean;
  /**
   * The most one request may amplify: participants `"*"` reaches × the serialised size of its
   * value, in bytes. Past it the request is refused before anything changes. Absent: no bound.
   */
  readonly maxAmplificationBytes?: number;
  /** Where equal permission values are shared (the store's); absent: shared within the request only. */
  readonly interner?: PermissionInterner;
}

export interface UpdateRejection {
  readonly ok: false;
  readonly code: DailyErrorCode;
  /** The upstream `info` text. */
  readonly info: string;
  /** The precise reason, when it says more than `info`. */
  readonly why?: string;
}

export interface UpdateSuccess {
  readonly ok: true;
  /**
   * The participants the request reached, with their new permissions: with `"*"` in join order,
   * otherwise in the order the request names them. Computing them costs what the request touches.
   */
  readonly changes: ReadonlyMap<string, Participant>;
  /** What a client author should know although the request succeeded (e.g. ignored ids). */
  readonly warnings: readonly string[];
}

export type UpdateOutcome = UpdateSuccess | UpdateRejection;

/** Explain a `data` key that is not a live session id: most often a user id used by mistake. */
function describeUnknownKey(room: Room, key: string): string {
  for (const participant of room.participants.values()) {
    if (participant.userId === key) {
      return (
        `data key "${key}" is the userId of participant ${participant.id}, not a session id; ` +
        'update-permissions is keyed by participant (session) id'
      );
    }
  }
  return `participant "${key}" is not in the call in room ${room.name}`;
}

/**
 * Apply an update-permissions body to a room, all or nothing. The room must be hosting a call; a
 * named participant not in the call is ignored with a warning, or refused in strict mode; `"*"`
 * reaches every participant not named in the same request.
 */
export function applyPermissionsUpdate(
  room: Room,
  data: Readonly<Record<string, PermissionUpdate>>,
  options: UpdateOptions,
): UpdateOutcome {
  if (room.participants.size === 0) {
    return { ok: false, code: 'DAILY_ROOM_NOT_HOSTING', info: `room ${room.name} is not hosting a call` };
  }
  const named = Object.keys(data).filter((key) => key !== EVERYONE_ELSE);
  const unknown = named.filter((key) => !room.participants.has(key));
  const warnings = unknown.map((key) => describeUnknownKey(room, key));
  if (unknown.length > 0 && options.strict) {
    const which = unknown.length === 1 ? `participant ${unknown[0]}` : `participants ${unknown.join(', ')}`;
    return { ok: false, code: 'DAILY_PARTICIPANT_NOT_FOUND', info: `${which} not found in room ${room.name}` };
  }

  const everyoneElse = Object.hasOwn(data, EVERYONE_ELSE) ? data[EVERYONE_ELSE] : undefined;
  if (everyoneElse !== undefined && options.maxAmplificationBytes !== undefined) {
    const refused = amplificationRefusal(
      room,
      named.length - unknown.length,
      everyoneElse,
      options.maxAmplificationBytes,
    );
    if (refused !== undefined) return refused;
  }
  const interner = options.interner ?? new PermissionInterner();
  const changes = new Map<string, Participant>();
  const updates = new Map<string, PermissionUpdate>();
  for (const id of named) {
    const update = data[id];
    if (update !== undefined) updates.set(id, normaliseUpdate(update));
  }
  if (everyoneElse === undefined) {
    // Only the named participants: the cost follows the size of the request, not of the room.
    for (const [id, update] of updates) {
      const participant = room.participants.get(id);
      if (participant !== undefined) {
        changes.set(
          id,
          withPermissions(participant, interner.intern(applyNormalised(participant.permissions, update)), interner),
        );
      }
    }
  } else {
    const others = normaliseUpdate(everyoneElse);
    // Everyone who had the same permissions object gets the same new one: a room of 60,000 holds
    // as many permission objects as it had distinct values, not one per participant.
    const shared = new Map<Permissions, Permissions>();
    for (const [id, participant] of room.participants) {
      const own = updates.get(id);
      let permissions: Permissions;
      if (own !== undefined) {
        permissions = interner.intern(applyNormalised(participant.permissions, own));
      } else {
        const known = shared.get(participant.permissions);
        permissions = known ?? interner.intern(applyNormalised(participant.permissions, others), shared.size < 64);
        if (known === undefined) shared.set(participant.permissions, permissions);
      }
      changes.set(id, withPermissions(participant, permissions, interner));
    }
  }
  return { ok: true, changes, warnings: warnings.map((w) => `${w}; its update was ignored`) };
}

/** Deep equality of plain JSON values (permission values are small: a few keys, short lists). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]));
}

/** Do two permission values grant the same? (Key order aside: lists are kept in the documented order.) */
export function samePermissions(a: Permissions, b: Permissions): boolean {
  return (
    a === b ||
    (a.hasPresence === b.hasPresence &&
      sameValue(a.canSend, b.canSend) &&
      sameValue(a.canAdmin, b.canAdmin) &&
      sameValue(a.canReceive, b.canReceive))
  );
}

/**
 * The participant with its new permissions. An update that changes nothing leaves the participant as
 * it is; the first that changes something keeps what it joined with (`joinPermissions`), which goes
 * again once the permissions are back to it.
 */
function withPermissions(
  participant: Participant,
  permissions: Permissions,
  interner: PermissionInterner,
): Participant {
  if (interner.same(permissions, participant.permissions)) return participant;
  const joined = participant.joinPermissions ?? participant.permissions;
  if (interner.same(permissions, joined)) {
    const { joinPermissions: _joined, ...rest } = participant;
    return { ...rest, permissions };
  }
  return { ...participant, permissions, joinPermissions: joined };
}

/**
 * `"*"` copies its value to every participant not named: refuse a request whose copies would add
 * more than `max` bytes to the state (participants reached × the value's size as JSON).
 */
function amplificationRefusal(
  room: Room,
  namedPresent: number,
  value: PermissionUpdate,
  max: number,
): UpdateRejection | undefined {
  const reached = room.participants.size - namedPresent;
  if (reached <= 0) return undefined;
  const size = jsonBytes(value);
  const total = reached * size;
  if (total <= max) return undefined;
  return {
    ok: false,
    code: 'DAILY_AMPLIFICATION_LIMIT',
    info: `"*" would copy a ${size}-byte permissions value to ${reached} participants in room ${room.name}, more than one request may change`,
    why:
      `"*" would copy a ${size}-byte value to ${reached} participants (${total} bytes); one request may amplify at most ` +
      `${max} bytes (raise it with --max-amplification or PERM_MOCK_MAX_AMPLIFICATION, or name fewer participants with a smaller value)`,
  };
}

/** Freeze a permissions value and everything in it: shared values must never change under anyone. */
function freezeDeep<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) freezeDeep(inner);
  return Object.freeze(value);
}

/** `canReceive` values longer than this as JSON are frozen but not looked up (comparing them would cost more than sharing saves). */
const INTERN_MAX_KEY = 1024;
/** Distinct values a table keeps; past it, new values are frozen but not kept (the table never grows without end). */
const INTERN_MAX_ENTRIES = 4096;

/**
 * A `canSend` or `canAdmin` value as part of a key: `T`, `F`, or a list of documented names (in
 * their documented order) as a bit mask of their positions; undefined for any other list.
 */
function listKey(value: boolean | readonly string[], names: readonly string[]): string | undefined {
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  let mask = 0;
  let last = -1;
  for (const item of value) {
    const at = names.indexOf(item);
    if (at <= last) return undefined;
    mask |= 1 << at;
    last = at;
  }
  return mask.toString(36);
}

/** A key equal for equal permission values (given their `canReceive`'s id) and different otherwise. */
function permissionsKey(permissions: Permissions, receiveId: number): string {
  const send = listKey(permissions.canSend, CAN_SEND_VALUES);
  const admin = listKey(permissions.canAdmin, CAN_ADMIN_VALUES);
  const presence = permissions.hasPresence ? '1' : '0';
  if (send !== undefined && admin !== undefined) return `${presence}${send}|${admin}|${receiveId}`;
  return `J${presence}${JSON.stringify([permissions.canSend, permissions.canAdmin])}|${receiveId}`;
}

/**
 * A small intern table of permission values: equal values come back as one frozen object. Stores
 * keep one, so the permissions of a large room loaded from a world, joined with the same settings
 * or updated with `"*"` are a handful of objects, not one per participant. `canReceive` (the only
 * part that may be large) is interned first and known by identity afterwards, so an update that
 * leaves it alone costs a short key, not its JSON.
 */
export class PermissionInterner {
  private readonly table = new Map<string, Permissions>();
  private readonly receives = new Map<string, number>();
  /** The shared `canReceive` values and their ids in keys. */
  private readonly receiveIds = new WeakMap<CanReceive, number>();
  private readonly receiveById: CanReceive[] = [];
  /** Every value the table holds: two different ones never grant the same. */
  private readonly shared = new WeakSet<Permissions>();

  /** The shared object equal to `permissions` (frozen); with `lookUp` false, `permissions` frozen. */
  intern(permissions: Permissions, lookUp = true): Permissions {
    if (this.shared.has(permissions)) return permissions;
    if (!lookUp) return freezeDeep(permissions);
    const receiveId = this.receiveId(permissions.canReceive);
    if (receiveId === undefined) return freezeDeep(permissions);
    const key = permissionsKey(permissions, receiveId);
    const known = this.table.get(key);
    if (known !== undefined) return known;
    const canReceive = this.receiveById[receiveId] as CanReceive;
    const frozen = freezeDeep(canReceive === permissions.canReceive ? permissions : { ...permissions, canReceive });
    if (this.table.size < INTERN_MAX_ENTRIES) {
      this.table.set(key, frozen);
      this.shared.add(frozen);
    }
    return frozen;
  }

  /**
   * Do two values grant the same? Two shared values with one `canReceive` object differ in their
   * presence or lists (kept in the documented order, so their keys are exact); otherwise compare
   * (a `canReceive` written with its keys in another order is the same value).
   */
  same(a: Permissions, b: Permissions): boolean {
    if (a === b) return true;
    if (a.canReceive === b.canReceive && this.shared.has(a) && this.shared.has(b)) return false;
    return samePermissions(a, b);
  }

  private receiveId(canReceive: CanReceive): number | undefined {
    const id = this.receiveIds.get(canReceive);
    if (id !== undefined) return id;
    const key = JSON.stringify(canReceive);
    if (key.length > INTERN_MAX_KEY) return undefined;
    const known = this.receives.get(key);
    if (known !== undefined) return known;
    if (this.receives.size >= INTERN_MAX_ENTRIES) return undefined;
    const next = this.receiveById.length;
    const frozen = freezeDeep(canReceive);
    this.receives.set(key, next);
    this.receiveIds.set(frozen, next);
    this.receiveById.push(frozen);
    return next;
  }

  /** Distinct values kept. */
  get size(): number {
    return this.table.size;
  }
}

/** A room with changed participants, as a new room (the store applies changes in place instead). */
export function withParticipants(room: Room, changes: ReadonlyMap<string, Participant>): Room {
  const participants = new Map(room.participants);
  for (const [id, participant] of changes) participants.set(id, participant);
  return { ...room, participants };
}

/** A participant from control-API input: defaults filled in, partial permissions completed. */
export function buildParticipant(
  input: ParticipantInput,
  now: string,
  interner: PermissionInterner = new PermissionInterner(),
): Participant {
  const owner = input.owner ?? false;
  return {
    id: input.id,
    userId: input.userId === undefined ? input.id : input.userId,
    userName: input.userName ?? null,
    owner,
    joinTime: input.joinTime ?? now,
    permissions: interner.intern(applyUpdate(defaultPermissions(owner), input.permissions ?? {})),
    ...(input.joinPermissions !== undefined && {
      joinPermissions: interner.intern(applyUpdate(defaultPermissions(owner), input.joinPermissions)),
    }),
    ...(typeof input.willEjectAt === 'number' && { willEjectAt: input.willEjectAt }),
  };
}

export type RoomBuildOutcome = { ok: true; room: Room } | { ok: false; duplicate: string };

/** A session from its view, or a new one for a room that has participants but no session given. */
function sessionOf(
  roomId: string,
  view: SessionView | null | undefined,
  participants: ReadonlyMap<string, Participant>,
): Session | null {
  if (participants.size === 0) return null;
  if (view !== null && view !== undefined) {
    return {
      meetingId: view.meetingId,
      startedAt: Date.parse(view.startedAt),
      data: view.data,
      banned: new Set(view.banned),
      appMessages: view.appMessages,
    };
  }
  let startedAt = Infinity;
  for (const p of participants.values()) startedAt = Math.min(startedAt, Date.parse(p.joinTime));
  if (!Number.isFinite(startedAt)) startedAt = 0;
  return {
    meetingId: derivedUuid(`meeting:${roomId}:${startedAt}`),
    startedAt,
    data: {},
    banned: new Set(),
    appMessages: [],
  };
}

/**
 * A room from control-API or world input; refuses two participants with the same session id. What
 * the input leaves out gets its default: an id derived from the name and creation time (so the
 * same world always loads alike), no properties, and a session for a room with participants.
 */
export function buildRoom(
  name: string,
  input: RoomInput,
  now: string,
  interner: PermissionInterner = new PermissionInterner(),
): RoomBuildOutcome {
  const participants = new Map<string, Participant>();
  for (const entry of input.participants ?? []) {
    if (participants.has(entry.id)) return { ok: false, duplicate: entry.id };
    participants.set(entry.id, buildParticipant(entry, now, interner));
  }
  const createdAt = input.createdAt ?? now;
  const id = input.id ?? derivedUuid(`room:${name}:${createdAt}`);
  return {
    ok: true,
    room: {
      id,
      name,
      apiCreated: input.apiCreated ?? false,
      privacy: input.privacy ?? 'public',
      createdAt,
      config: input.config ?? {},
      participants,
      session: sessionOf(id, input.session, participants),
    },
  };
}

/** The plain-JSON form of a session. */
export function viewSession(session: Session): SessionView {
  return {
    meetingId: session.meetingId,
    startedAt: new Date(session.startedAt).toISOString(),
    data: session.data,
    banned: [...session.banned],
    appMessages: session.appMessages,
  };
}

/** The plain-JSON view of a room (control API, snapshots). */
export function viewRoom(room: Room): RoomView {
  const participants: ParticipantView[] = [];
  for (const p of room.participants.values()) participants.push(p);
  return {
    name: room.name,
    id: room.id,
    apiCreated: room.apiCreated,
    privacy: room.privacy,
    createdAt: room.createdAt,
    config: room.config,
    participants,
    session: room.session === null ? null : viewSession(room.session),
  };
}

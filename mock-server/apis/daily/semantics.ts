/**
 * The rules of Daily's update-permissions endpoint as pure functions: no Express, no I/O, no clock.
 * Input is a body that already passed its contract (contracts/schemas/daily); output is the next room
 * or the reason the request is refused. Nothing here mutates its arguments.
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
} from './types';
import type { DailyErrorCode } from './errors';

/** Permissions of a participant who joins without explicit ones (owners may also administer). */
export function defaultPermissions(owner: boolean): Permissions {
  return { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: owner };
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
  return {
    base,
    ...(byUserId !== undefined && { byUserId }),
    ...(byParticipantId !== undefined && { byParticipantId }),
  };
}

/** Apply one update to one participant's permissions: each field given replaces the old value whole. */
export function applyUpdate(previous: Permissions, update: PermissionUpdate): Permissions {
  return {
    hasPresence: update.hasPresence ?? previous.hasPresence,
    canSend: update.canSend === undefined ? previous.canSend : normaliseList(update.canSend, CAN_SEND_VALUES),
    canReceive:
      update.canReceive === undefined ? previous.canReceive : mergeCanReceive(previous.canReceive, update.canReceive),
    canAdmin: update.canAdmin === undefined ? previous.canAdmin : normaliseList(update.canAdmin, CAN_ADMIN_VALUES),
  };
}

export interface UpdateOptions {
  /** Reject (404) a request that names a participant not in the call, instead of ignoring it. */
  readonly strict: boolean;
}

export interface UpdateRejection {
  readonly ok: false;
  readonly code: DailyErrorCode;
  /** The upstream `info` text. */
  readonly info: string;
}

export interface UpdateSuccess {
  readonly ok: true;
  readonly room: Room;
  /** Session ids whose permissions the request reached, in join order. */
  readonly updated: readonly string[];
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
  const participants = new Map<string, Participant>();
  const updated: string[] = [];
  for (const [id, participant] of room.participants) {
    const update = Object.hasOwn(data, id) ? data[id] : everyoneElse;
    if (update === undefined) {
      participants.set(id, participant);
      continue;
    }
    participants.set(id, { ...participant, permissions: applyUpdate(participant.permissions, update) });
    updated.push(id);
  }
  return {
    ok: true,
    room: { ...room, participants },
    updated,
    warnings: warnings.map((w) => `${w}; its update was ignored`),
  };
}

/** A participant from control-API input: defaults filled in, partial permissions completed. */
export function buildParticipant(input: ParticipantInput, now: string): Participant {
  const owner = input.owner ?? false;
  return {
    id: input.id,
    userId: input.userId === undefined ? input.id : input.userId,
    userName: input.userName ?? null,
    owner,
    joinTime: input.joinTime ?? now,
    permissions: applyUpdate(defaultPermissions(owner), input.permissions ?? {}),
  };
}

export type RoomBuildOutcome = { ok: true; room: Room } | { ok: false; duplicate: string };

/** A room from control-API input; refuses two participants with the same session id. */
export function buildRoom(name: string, input: RoomInput, now: string): RoomBuildOutcome {
  const participants = new Map<string, Participant>();
  for (const entry of input.participants ?? []) {
    if (participants.has(entry.id)) return { ok: false, duplicate: entry.id };
    participants.set(entry.id, buildParticipant(entry, now));
  }
  return {
    ok: true,
    room: { name, privacy: input.privacy ?? 'public', createdAt: input.createdAt ?? now, participants },
  };
}

/** The plain-JSON view of a room (control API, snapshots). */
export function viewRoom(room: Room): RoomView {
  const participants: ParticipantView[] = [];
  for (const p of room.participants.values()) participants.push(p);
  return { name: room.name, privacy: room.privacy, createdAt: room.createdAt, participants };
}

/**
 * Calls as pure functions: who may join a room and with what (privacy, `nbf`/`exp`, the token,
 * `max_participants`, the ban list, `enforce_unique_user_ids`, the precedence of initial
 * permissions), when a participant is ejected, what presence shows, whom an eject reaches, and how
 * session data merges. "Now" is an argument; the store schedules what these functions decide.
 */
import { flag, isExpired, maxParticipants, notYetOpen, property } from './rooms';
import { applyUpdate, initialPermissions } from './semantics';
import type { TokenProperties } from './tokens';
import type { Domain, Participant, PermissionUpdate, Room } from './types';

/** A join as the control API asks for it (a client opening the room URL, in Daily). */
export interface JoinRequest {
  /** The new session id (fresh per join unless a test fixes it). */
  readonly sessionId: string;
  /** The checked meeting token's properties, or null for a join without a token. */
  readonly token: TokenProperties | null;
  /** Display name for a join whose token sets none. */
  readonly userName?: string | null;
  /** Without a token only: a user id, an owner flag and permissions applied on top (test shortcuts). */
  readonly userId?: string | null;
  readonly owner?: boolean;
  readonly permissions?: PermissionUpdate;
  /** ISO 8601; default now. */
  readonly joinTime?: string;
}

/** Why a join is refused; each is a stable reason the control API reports. */
export type JoinRefusal =
  | 'room-expired'
  | 'room-not-open'
  | 'token-other-room'
  | 'private-room'
  | 'knocking'
  | 'banned'
  | 'session-exists'
  | 'room-full';

export type JoinDecision =
  | {
      readonly ok: true;
      readonly participant: Participant;
      /** Session ids of earlier participants with the same user id, ejected by `enforce_unique_user_ids`. */
      readonly replaced: readonly string[];
    }
  | { readonly ok: false; readonly reason: JoinRefusal; readonly detail: string };

function refused(reason: JoinRefusal, detail: string): JoinDecision {
  return { ok: false, reason, detail };
}

function permissionsProperty(config: Readonly<Record<string, unknown>>): PermissionUpdate | undefined {
  const value = property(config, 'permissions');
  return typeof value === 'object' && value !== null ? value : undefined;
}

/**
 * When the mock ejects a participant who joined at `joinMs`, in ms, or undefined for never. The
 * token's rules (`eject_at_token_exp`, `eject_after_elapsed`) win: if it sets either, the room's
 * (`eject_at_room_exp`, `eject_after_elapsed`) are ignored for this participant.
 */
export function ejectAtMs(joinMs: number, token: TokenProperties | null, room: Room): number | undefined {
  const times: number[] = [];
  const tokenRules =
    token !== null && (token.eject_at_token_exp !== undefined || token.eject_after_elapsed !== undefined);
  if (tokenRules) {
    if (token.eject_at_token_exp === true && typeof token.exp === 'number') times.push(token.exp * 1000);
    if (typeof token.eject_after_elapsed === 'number') times.push(joinMs + token.eject_after_elapsed * 1000);
  } else {
    const exp = property(room.config, 'exp');
    const elapsed = property(room.config, 'eject_after_elapsed');
    if (property(room.config, 'eject_at_room_exp') === true && typeof exp === 'number') times.push(exp * 1000);
    if (typeof elapsed === 'number') times.push(joinMs + elapsed * 1000);
  }
  return times.length === 0 ? undefined : Math.min(...times);
}

/**
 * Decide a join: the room is open (not before `nbf`, not expired), the token is for this room, a
 * private room needs a token, a token that must knock cannot (the mock has no lobby), a banned user
 * id is refused, the room has a place. The token sets owner, user id and name; initial permissions
 * follow token > room > domain > default. With `enforce_unique_user_ids` (room or domain) an
 * earlier participant with the same user id is ejected.
 */
export function decideJoin(room: Room, domain: Domain, request: JoinRequest, nowMs: number): JoinDecision {
  const { token } = request;
  if (isExpired(room, nowMs)) return refused('room-expired', `room ${room.name} has expired (its exp has passed)`);
  if (notYetOpen(room, nowMs)) return refused('room-not-open', `room ${room.name} cannot be joined before its nbf`);
  if (token !== null && token.room_name !== undefined && token.room_name !== room.name) {
    return refused('token-other-room', `the meeting token is for room ${String(token.room_name)}, not ${room.name}`);
  }
  if (room.privacy === 'private' && token === null) {
    const knock = flag(room, domain, 'enable_knocking')
      ? ' (the room allows knocking, but perm-mock has no lobby: join with a token)'
      : '';
    return refused('private-room', `room ${room.name} is private: join with a meeting token${knock}`);
  }
  if (token?.knocking === true && flag(room, domain, 'enable_knocking')) {
    return refused('knocking', 'the meeting token must knock (knocking: true), and perm-mock has no lobby to admit it');
  }
  if (room.participants.has(request.sessionId)) {
    return refused('session-exists', `participant ${request.sessionId} is already in room ${room.name}`);
  }

  const owner = token === null ? (request.owner ?? false) : token.is_owner === true;
  const userId = token === null ? (request.userId ?? null) : (token.user_id ?? null);
  const userName = token?.user_name ?? request.userName ?? null;
  if (userId !== null && room.session?.banned.has(userId) === true) {
    return refused('banned', `user ${userId} was ejected from room ${room.name} with ban: true`);
  }
  const replaced: string[] = [];
  if (userId !== null && flag(room, domain, 'enforce_unique_user_ids')) {
    for (const p of room.participants.values()) if (p.userId === userId) replaced.push(p.id);
  }
  const max = maxParticipants(room);
  if (room.participants.size - replaced.length >= max) {
    return refused('room-full', `room ${room.name} is full (max_participants ${max})`);
  }

  const joinTime = request.joinTime ?? new Date(nowMs).toISOString();
  const permissions = applyUpdate(
    initialPermissions(owner, {
      ...(token?.permissions !== undefined && { token: token.permissions }),
      ...optional('room', permissionsProperty(room.config)),
      ...optional('domain', permissionsProperty(domain.config)),
      hiddenByDefault: flag(room, domain, 'enable_hidden_participants'),
    }),
    token === null ? (request.permissions ?? {}) : {},
  );
  const ejectMs = ejectAtMs(Date.parse(joinTime), token, room);
  return {
    ok: true,
    participant: {
      id: request.sessionId,
      userId,
      userName,
      owner,
      joinTime,
      permissions,
      ...(ejectMs !== undefined && { willEjectAt: ejectMs / 1000 }),
    },
    replaced,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** One participant as Daily's presence endpoints show it. */
export interface PresenceEntry {
  readonly room: string;
  readonly id: string;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly mtgSessionId: string;
  /** ISO 8601, seconds granularity. */
  readonly joinTime: string;
  /** Seconds in the call. */
  readonly duration: number;
}

export interface PresenceFilter {
  readonly userId?: string;
  readonly userName?: string;
  /** Also list participants with `hasPresence: false` (a test switch; Daily hides them). */
  readonly includeHidden?: boolean;
}

/** The room's live participants as presence lists them, in join order. */
export function presenceOf(room: Room, nowMs: number, filter: PresenceFilter = {}): PresenceEntry[] {
  const entries: PresenceEntry[] = [];
  if (room.session === null) return entries;
  for (const p of room.participants.values()) {
    if (!p.permissions.hasPresence && filter.includeHidden !== true) continue;
    if (filter.userId !== undefined && p.userId !== filter.userId) continue;
    if (filter.userName !== undefined && p.userName !== filter.userName) continue;
    const joined = Date.parse(p.joinTime);
    entries.push({
      room: room.name,
      id: p.id,
      userId: p.userId,
      userName: p.userName,
      mtgSessionId: room.session.meetingId,
      joinTime: new Date(Math.floor(joined / 1000) * 1000).toISOString(),
      duration: Math.max(0, Math.floor((nowMs - joined) / 1000)),
    });
  }
  return entries;
}

/** The session ids an eject reaches, in join order: those named in `ids`, and those whose user id is in `user_ids`. */
export function ejectTargets(room: Room, ids: readonly string[], userIds: readonly string[]): string[] {
  const byId = new Set(ids);
  const byUser = new Set(userIds);
  const targets: string[] = [];
  for (const p of room.participants.values()) {
    if (byId.has(p.id) || (p.userId !== null && byUser.has(p.userId))) targets.push(p.id);
  }
  return targets;
}

export type MergeStrategy = 'replace' | 'shallow-merge';

/** Session data after set-session-data: replaced whole, or merged one level deep with `keysToDelete` removed. */
export function mergeSessionData(
  current: Readonly<Record<string, unknown>>,
  data: Readonly<Record<string, unknown>>,
  strategy: MergeStrategy,
  keysToDelete: readonly string[],
): Readonly<Record<string, unknown>> {
  if (strategy === 'replace') return Object.fromEntries(Object.entries(data));
  const merged = new Map<string, unknown>(Object.entries(current));
  for (const [key, value] of Object.entries(data)) merged.set(key, value);
  for (const key of keysToDelete) merged.delete(key);
  return Object.fromEntries(merged);
}

/** The most bytes an app message's `data` may take serialized (Daily's documented 4 kB). */
export const APP_MESSAGE_MAX_BYTES = 4096;
/** App messages kept per session for tests to read (the oldest go first). */
export const APP_MESSAGES_KEPT = 100;

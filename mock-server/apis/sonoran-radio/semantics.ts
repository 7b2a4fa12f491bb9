/**
 * Sonoran Radio's rules as pure functions: no HTTP, no I/O. One rule per act, called by both API
 * versions (they differ only in auth, body shape, success body and error rendering). A rule reads a
 * community and returns a patch (what changes) and a result (what the versions report), or a
 * refusal code; it never changes the community itself, so a refused request changes nothing.
 *
 * Result lists (`updatedAccIds`, `approvedAccIds`, …) name each account that exists and, after the
 * request, is in the state the act asks for — already there or moved there. An account the
 * community does not have is skipped with a warning, or (strict) refuses the whole request.
 */
import { buildRadioUser, connectProblem, DEFAULT_METADATA } from './build';
import type { SonoranErrorCode } from './errors';
import {
  TONE_LOG_LIMIT,
  type Channel,
  type Community,
  type Member,
  type NicknameUpdate,
  type PlayTarget,
  type ProfileAccess,
  type ProfilePerm,
  type RadioUser,
  type RadioUserInput,
  type Room,
  type SpeakerLocation,
  type SubscriptionLevel,
  type Tone,
  type TonePlay,
  type Transmission,
  type UserPermUpdate,
  type Zone,
  type ZoneInput,
  type ZoneType,
} from './types';

export {
  buildCommunity,
  buildMember,
  describeMask,
  maskToNames,
  namesToMask,
  viewCommunity,
  viewMember,
  viewRoom,
} from './build';

export interface UpdateOptions {
  /** Refuse unknown members, channels and targets instead of skipping them. */
  readonly strict: boolean;
}

/** What a rule changes in a community. */
export interface CommunityPatch {
  /** Members changed (the new member) or removed (null), in the order first touched. */
  readonly members?: ReadonlyMap<string, Member | null>;
  /** Rooms replaced whole. */
  readonly rooms?: ReadonlyMap<number, Room>;
  readonly speakers?: readonly SpeakerLocation[];
  /** A tone play to append to the log. */
  readonly tone?: TonePlay;
  readonly transmissions?: readonly Transmission[];
  readonly nextAccessId?: number;
}

export interface Refusal {
  readonly ok: false;
  readonly code: SonoranErrorCode;
  readonly why: string;
}

export type RuleOutcome<R> =
  | { readonly ok: true; readonly patch: CommunityPatch; readonly result: R; readonly warnings: readonly string[] }
  | Refusal;

const refusal = (code: SonoranErrorCode, why: string): Refusal => ({ ok: false, code, why });

/** True when a patch changes nothing (the store is then left alone, so nothing is written). */
export function isEmptyPatch(patch: CommunityPatch): boolean {
  return (
    (patch.members === undefined || patch.members.size === 0) &&
    (patch.rooms === undefined || patch.rooms.size === 0) &&
    patch.speakers === undefined &&
    patch.tone === undefined &&
    patch.transmissions === undefined
  );
}

/** A patch applied to a copy of the community (the store applies patches in place instead). */
export function applyPatch(community: Community, patch: CommunityPatch): Community {
  const members = new Map(community.members);
  for (const [accId, member] of patch.members ?? []) {
    if (member === null) members.delete(accId);
    else members.set(accId, member);
  }
  const rooms = new Map(community.rooms);
  for (const [id, room] of patch.rooms ?? []) rooms.set(id, room);
  return {
    ...community,
    members,
    rooms,
    speakers: patch.speakers ?? community.speakers,
    tones: patch.tone === undefined ? community.tones : [...community.tones, patch.tone].slice(-TONE_LOG_LIMIT),
    transmissions: patch.transmissions ?? community.transmissions,
    nextAccessId: patch.nextAccessId ?? community.nextAccessId,
  };
}

function unknownMember(community: Community, accId: string, at: string): string {
  const lower = accId.toLowerCase();
  const near = [...community.members.keys()].find((id) => id.toLowerCase() === lower);
  const hint = near === undefined ? '' : ` (did you mean ${near}? account ids are matched exactly)`;
  return `${at} "${accId}" is not a member of community ${community.id}${hint}`;
}

function channelList(community: Community): string {
  return [...community.channels.keys()].join(', ') || 'none';
}

function unknownChannel(community: Community, id: number, at: string): string {
  return `${at} ${id} is not a channel of community ${community.id} (its channels: ${channelList(community)})`;
}

// ---- set member permissions (v1 POST …/members/permissions, v2 PATCH …/members/permissions) ----

function rowsOf(update: UserPermUpdate): readonly ProfilePerm[] {
  const rows = update.profilePerms;
  return rows !== undefined && Array.isArray(rows) ? (rows as readonly ProfilePerm[]) : [];
}

const ENTRY_FIELDS = new Set(['accId', 'perm', 'profilePerms']);
const ROW_FIELDS = new Set(['profileId', 'canJoin']);

/** Fields the endpoint does not know inside an entry: ignored, but a client author wants to hear of a typo. */
function unknownFieldWarnings(userPerms: readonly UserPermUpdate[]): string[] {
  const warnings: string[] = [];
  userPerms.forEach((entry, i) => {
    for (const key of Object.keys(entry)) {
      if (!ENTRY_FIELDS.has(key))
        warnings.push(`userPerms[${i}].${key} is not a field of this endpoint and was ignored`);
    }
    rowsOf(entry).forEach((row, j) => {
      for (const key of Object.keys(row)) {
        if (!ROW_FIELDS.has(key)) {
          warnings.push(`userPerms[${i}].profilePerms[${j}].${key} is not a field of this endpoint and was ignored`);
        }
      }
    });
  });
  return warnings;
}

/**
 * `perm` replaces a member's whole mask; `profilePerms` rows are upserted per channel (a new row gets
 * the next row id, an existing one keeps its id); entries apply in order, the last one for an account
 * winning. Unknown members and channels are skipped with a warning, or (strict) refuse the whole
 * request: 404 Member not found, 400 Invalid request. Result: the accounts updated, once each.
 */
export function applyMemberPermissions(
  community: Community,
  userPerms: readonly UserPermUpdate[],
  options: UpdateOptions,
): RuleOutcome<{ readonly updatedAccIds: readonly string[] }> {
  const warnings = unknownFieldWarnings(userPerms);
  for (const [i, entry] of userPerms.entries()) {
    const at = `userPerms[${i}]`;
    if (!community.members.has(entry.accId)) {
      const why = unknownMember(community, entry.accId, `${at}.accId`);
      if (options.strict) return refusal('SONORAN_MEMBER_NOT_FOUND', why);
      warnings.push(`${why}; the entry was skipped`);
      continue;
    }
    for (const [j, row] of rowsOf(entry).entries()) {
      if (community.channels.has(row.profileId)) continue;
      const why = unknownChannel(community, row.profileId, `${at}.profilePerms[${j}].profileId`);
      if (options.strict) return refusal('SONORAN_CHANNEL_NOT_FOUND', why);
      warnings.push(`${why}; the row was skipped`);
    }
  }

  // Only the members named: the cost follows the size of the request, not of the community.
  const changes = new Map<string, Member>();
  let nextAccessId = community.nextAccessId;
  for (const entry of userPerms) {
    const member = changes.get(entry.accId) ?? community.members.get(entry.accId);
    if (member === undefined) continue;
    const rows = rowsOf(entry);
    let profilePerms = member.profilePerms;
    let rowsChanged = false;
    if (rows.length > 0) {
      const next = new Map<number, ProfileAccess>(member.profilePerms);
      for (const row of rows) {
        if (!community.channels.has(row.profileId)) continue;
        const old = next.get(row.profileId);
        if (old?.canJoin === row.canJoin) continue;
        next.set(row.profileId, { id: old?.id ?? nextAccessId++, canJoin: row.canJoin });
        rowsChanged = true;
      }
      if (rowsChanged) profilePerms = next;
    }
    // Setting what is already set hands the member back as it was: the store sees no change.
    const same = entry.perm === member.permission && !rowsChanged;
    changes.set(entry.accId, same ? member : { ...member, permission: entry.perm, profilePerms });
  }
  return {
    ok: true,
    patch: { members: changes, ...(nextAccessId !== community.nextAccessId && { nextAccessId }) },
    result: { updatedAccIds: [...changes.keys()] },
    warnings,
  };
}

// ---- approve, kick, ban, unban, emplace ----

type MemberAct = 'approve' | 'kick' | 'ban' | 'unban' | 'emplace';

/** The accIds a list names, once each, in order; unknown ones warned about or (strict) refused. */
function knownAccIds(
  community: Community,
  accIds: readonly string[],
  options: UpdateOptions,
  warnings: string[],
): { ok: true; known: string[] } | Refusal {
  const known: string[] = [];
  const seen = new Set<string>();
  for (const [i, accId] of accIds.entries()) {
    if (seen.has(accId)) continue;
    seen.add(accId);
    if (!community.members.has(accId)) {
      const why = unknownMember(community, accId, `accIds[${i}]`);
      if (options.strict) return refusal('SONORAN_MEMBER_NOT_FOUND', why);
      warnings.push(`${why}; it was skipped`);
      continue;
    }
    known.push(accId);
  }
  return { ok: true, known };
}

/** Every room with the sessions of these accounts removed (only rooms that held one). */
function disconnect(community: Community, identities: ReadonlySet<string>): Map<number, Room> {
  const rooms = new Map<number, Room>();
  if (identities.size === 0) return rooms;
  for (const room of community.rooms.values()) {
    if (![...identities].some((identity) => room.users.has(identity))) continue;
    const users = new Map(room.users);
    for (const identity of identities) users.delete(identity);
    rooms.set(room.id, { ...room, users });
  }
  return rooms;
}

function connectedIn(community: Community, identity: string): number[] {
  return [...community.rooms.values()].filter((room) => room.users.has(identity)).map((room) => room.id);
}

export interface MemberActResult {
  /** The accounts in the state the act asks for (approved, kicked, banned, unbanned). */
  readonly accIds: readonly string[];
  /** Sessions ended by the act, as `identity@room`. */
  readonly disconnected: readonly string[];
}

/**
 * Approve (FACT: "members who are already in your community"): pending members become approved;
 * approved ones are listed as they are; banned ones are not approved (a warning: unban them first).
 */
export function approveMembers(
  community: Community,
  accIds: readonly string[],
  options: UpdateOptions,
): RuleOutcome<MemberActResult> {
  return memberAct(community, accIds, options, 'approve');
}

/** Kick: the member leaves the community and every room it is connected to (it may join again later, as pending). */
export function kickMembers(
  community: Community,
  accIds: readonly string[],
  options: UpdateOptions,
): RuleOutcome<MemberActResult> {
  return memberAct(community, accIds, options, 'kick');
}

/** Ban: the member stays listed as banned (not approved, not pending) and is disconnected; it cannot connect until unbanned. */
export function banMembers(
  community: Community,
  accIds: readonly string[],
  options: UpdateOptions,
): RuleOutcome<MemberActResult> {
  return memberAct(community, accIds, options, 'ban');
}

/** Unban: a banned member goes back to pending (it may "rejoin the community": approve it again). */
export function unbanMembers(
  community: Community,
  accIds: readonly string[],
  options: UpdateOptions,
): RuleOutcome<MemberActResult> {
  return memberAct(community, accIds, options, 'unban');
}

/**
 * Emplace (v1 only, seen in the official FiveM plugin's "authorize radio user"): an account not in
 * the community joins it as an approved member; a pending one is approved; a banned one stays banned.
 * `room` is the most members a community may hold.
 */
export function emplaceMembers(
  community: Community,
  accIds: readonly string[],
  maxMembers: number,
): RuleOutcome<MemberActResult> {
  const warnings: string[] = [];
  const changes = new Map<string, Member>();
  for (const accId of accIds) {
    if (changes.has(accId)) continue;
    const member = community.members.get(accId);
    if (member === undefined) {
      changes.set(accId, {
        accId,
        username: accId,
        displayName: accId,
        permission: 0,
        profilePerms: new Map(),
        approved: true,
        pending: false,
        banned: false,
      });
    } else if (member.banned) {
      warnings.push(`member ${accId} is banned from community ${community.id} and stays banned; unban them first`);
    } else if (!member.approved || member.pending) {
      changes.set(accId, { ...member, approved: true, pending: false });
    }
  }
  const added = [...changes.keys()].filter((accId) => !community.members.has(accId)).length;
  if (community.members.size + added > maxMembers) {
    return refusal(
      'SONORAN_INVALID_REQUEST',
      `community ${community.id} would have ${community.members.size + added} members; the limit is ${maxMembers} (--max-members)`,
    );
  }
  const listed = [...new Set(accIds)].filter((accId) => {
    const after = changes.get(accId) ?? community.members.get(accId);
    return after !== undefined && after.approved && !after.banned;
  });
  return { ok: true, patch: { members: changes }, result: { accIds: listed, disconnected: [] }, warnings };
}

function memberAct(
  community: Community,
  accIds: readonly string[],
  options: UpdateOptions,
  act: Exclude<MemberAct, 'emplace'>,
): RuleOutcome<MemberActResult> {
  const warnings: string[] = [];
  const known = knownAccIds(community, accIds, options, warnings);
  if (!known.ok) return known;
  const changes = new Map<string, Member | null>();
  const listed: string[] = [];
  const leaving = new Set<string>();
  for (const accId of known.known) {
    const member = community.members.get(accId);
    if (member === undefined) continue;
    if (act === 'approve') {
      if (member.banned) {
        warnings.push(`member ${accId} is banned and was not approved; unban them first`);
        continue;
      }
      if (!member.approved || member.pending) changes.set(accId, { ...member, approved: true, pending: false });
    } else if (act === 'kick') {
      changes.set(accId, null);
      leaving.add(accId);
    } else if (act === 'ban') {
      if (!member.banned || member.approved || member.pending) {
        changes.set(accId, { ...member, banned: true, approved: false, pending: false });
      }
      leaving.add(accId);
    } else if (member.banned) {
      changes.set(accId, { ...member, banned: false, approved: false, pending: true });
    }
    listed.push(accId);
  }
  const rooms = disconnect(community, leaving);
  const disconnected = [...leaving].flatMap((identity) =>
    connectedIn(community, identity).map((room) => `${identity}@${room}`),
  );
  return { ok: true, patch: { members: changes, rooms }, result: { accIds: listed, disconnected }, warnings };
}

// ---- display names ----

/** The member-list name (v1 nicknames, v2 display-names). It does not touch a live session's name. */
export function setMemberNicknames(
  community: Community,
  accNicknames: readonly NicknameUpdate[],
  options: UpdateOptions,
): RuleOutcome<{ readonly updatedAccIds: readonly string[] }> {
  const warnings: string[] = [];
  const changes = new Map<string, Member>();
  for (const [i, entry] of accNicknames.entries()) {
    const member = changes.get(entry.accId) ?? community.members.get(entry.accId);
    if (member === undefined) {
      const why = unknownMember(community, entry.accId, `accNicknames[${i}].accId`);
      if (options.strict) return refusal('SONORAN_MEMBER_NOT_FOUND', why);
      warnings.push(`${why}; the entry was skipped`);
      continue;
    }
    changes.set(entry.accId, { ...member, displayName: entry.nickname });
  }
  return { ok: true, patch: { members: changes }, result: { updatedAccIds: [...changes.keys()] }, warnings };
}

/**
 * A user's display name (v1 set-user-display-name, v2 users/display-name): the member's name and
 * every connected session's live name. v1 acts on a connected user only (the reference: 404 "User
 * not found" otherwise); v2 renames a member who is not connected too (its docs: it "updates a single
 * member display name and propagates that update to connected sessions"), and is refused (404) only
 * when the account is neither a member nor connected.
 */
export function renameUser(
  community: Community,
  identity: string,
  displayName: string,
  options: { readonly connectedOnly: boolean },
): RuleOutcome<{ readonly accId: string; readonly displayName: string; readonly sessions: readonly number[] }> {
  const member = community.members.get(identity);
  const rooms = new Map<number, Room>();
  for (const room of community.rooms.values()) {
    const user = room.users.get(identity);
    if (user === undefined) continue;
    const users = new Map(room.users);
    users.set(identity, { ...user, name: displayName });
    rooms.set(room.id, { ...room, users });
  }
  if (options.connectedOnly && rooms.size === 0) {
    return refusal(
      'SONORAN_USER_NOT_FOUND',
      `${identity} is not connected to a room of community ${community.id}: v1 set-user-display-name renames a connected user ` +
        '(for the member-list name use members/nicknames)',
    );
  }
  if (member === undefined && rooms.size === 0) {
    return refusal(
      'SONORAN_USER_NOT_FOUND',
      `${identity} is neither a member of community ${community.id} nor connected to one of its rooms`,
    );
  }
  const members = new Map<string, Member>();
  if (member !== undefined) members.set(identity, { ...member, displayName });
  return {
    ok: true,
    patch: { members, rooms },
    result: { accId: identity, displayName, sessions: [...rooms.keys()] },
    warnings: [],
  };
}

// ---- connected users and their channels ----

export interface ChannelChoice {
  readonly transmit?: readonly number[];
  readonly scan?: readonly number[];
}

/** A room of the community, or the refusal naming the rooms it has. */
export function findRoom(community: Community, roomId: number): { ok: true; room: Room } | Refusal {
  const room = community.rooms.get(roomId);
  if (room !== undefined) return { ok: true, room };
  const ids = [...community.rooms.keys()].join(', ');
  return refusal('SONORAN_ROOM_NOT_FOUND', `community ${community.id} has no room ${roomId} (its rooms: ${ids})`);
}

/**
 * The channels a member may be put on: each must be a channel of the community (400 otherwise, in
 * both modes); a private channel the member has no `canJoin: true` row for is allowed with a warning
 * (API key actions are admin-level), or (strict) refused.
 */
export function checkChannels(
  community: Community,
  identity: string,
  choice: ChannelChoice,
  options: UpdateOptions,
  warnings: string[],
): Refusal | undefined {
  const member = community.members.get(identity);
  for (const field of ['transmit', 'scan'] as const) {
    for (const id of choice[field] ?? []) {
      const channel: Channel | undefined = community.channels.get(id);
      if (channel === undefined) return refusal('SONORAN_CHANNEL_NOT_FOUND', unknownChannel(community, id, field));
      if (!channel.private || member?.profilePerms.get(id)?.canJoin === true) continue;
      const why = `${field} channel ${id} (${channel.name}) is private and ${identity} has no canJoin access to it`;
      if (options.strict) return refusal('SONORAN_PRIVATE_CHANNEL', why);
      warnings.push(`${why}; allowed, as API key actions are admin-level (--strict refuses it)`);
    }
  }
  return undefined;
}

/** A user's channels after a choice: each list replaced when given; scan never repeats a transmit channel. */
export function chooseChannels(user: RadioUser, choice: ChannelChoice): { transmit: number[]; scan: number[] } {
  const transmit = [...new Set(choice.transmit ?? user.transmit)];
  const scan = [...new Set(choice.scan ?? user.scan)].filter((id) => !transmit.includes(id));
  return { transmit, scan };
}

/** Set a connected user's transmit and scan channels in one room. */
export function setUserChannels(
  community: Community,
  roomId: number,
  identity: string,
  choice: ChannelChoice,
  options: UpdateOptions,
): RuleOutcome<{
  readonly identity: string;
  readonly roomId: number;
  readonly transmit: number[];
  readonly scan: number[];
}> {
  const found = findRoom(community, roomId);
  if (!found.ok) return found;
  const user = found.room.users.get(identity);
  if (user === undefined) {
    return refusal(
      'SONORAN_USER_NOT_FOUND',
      `${identity} is not connected to room ${roomId} of community ${community.id}`,
    );
  }
  const warnings: string[] = [];
  const refused = checkChannels(community, identity, choice, options, warnings);
  if (refused !== undefined) return refused;
  const { transmit, scan } = chooseChannels(user, choice);
  const users = new Map(found.room.users);
  users.set(identity, { ...user, transmit, scan });
  return {
    ok: true,
    patch: { rooms: new Map([[roomId, { ...found.room, users }]]) },
    result: { identity, roomId, transmit, scan },
    warnings,
  };
}

/**
 * A radio user connects (the control API stands in for the radio client): only an approved member
 * that is not banned, once per room.
 */
export function connectUser(
  community: Community,
  roomId: number,
  input: RadioUserInput,
  options: UpdateOptions,
  now: string,
): RuleOutcome<{ readonly user: RadioUser; readonly roomId: number }> {
  const found = findRoom(community, roomId);
  if (!found.ok) return found;
  const member = community.members.get(input.identity);
  const problem = connectProblem(member, input.identity, community.id);
  if (problem !== undefined || member === undefined) return refusal('SONORAN_USER_NOT_FOUND', problem ?? '');
  if (found.room.users.has(input.identity)) {
    return refusal('SONORAN_INVALID_REQUEST', `${input.identity} is already connected to room ${roomId}`);
  }
  const warnings: string[] = [];
  const refused = checkChannels(community, input.identity, input, options, warnings);
  if (refused !== undefined) return refused;
  const user = buildRadioUser({ ...input, connectedAt: now }, member, now);
  const users = new Map(found.room.users);
  users.set(user.identity, user);
  return {
    ok: true,
    patch: { rooms: new Map([[roomId, { ...found.room, users }]]) },
    result: { user, roomId },
    warnings,
  };
}

/** A radio user disconnects from one room. */
export function disconnectUser(
  community: Community,
  roomId: number,
  identity: string,
): RuleOutcome<{ readonly roomId: number }> {
  const found = findRoom(community, roomId);
  if (!found.ok) return found;
  if (!found.room.users.has(identity)) {
    return refusal(
      'SONORAN_USER_NOT_FOUND',
      `${identity} is not connected to room ${roomId} of community ${community.id}`,
    );
  }
  const users = new Map(found.room.users);
  users.delete(identity);
  return {
    ok: true,
    patch: { rooms: new Map([[roomId, { ...found.room, users }]]) },
    result: { roomId },
    warnings: [],
  };
}

/** Every connected user of the community, room by room, in the order they connected. */
export function connectedUsers(community: Community): { roomId: number; user: RadioUser }[] {
  return [...community.rooms.values()].flatMap((room) =>
    [...room.users.values()].map((user) => ({ roomId: room.id, user })),
  );
}

/**
 * A connected user's `metadata`: what the client reported, with its channels as the docs' data
 * structure shows them (`state.primaryChId`, `state.scannedChIds`) when it is on any.
 */
export function userMetadata(user: RadioUser): Record<string, unknown> {
  const base = { ...DEFAULT_METADATA, ...user.metadata };
  if (user.transmit.length === 0 && user.scan.length === 0) return base;
  const previous = typeof base.state === 'object' && base.state !== null ? (base.state as Record<string, unknown>) : {};
  return {
    ...base,
    state: {
      scanLists: [],
      spec: 2,
      ...previous,
      ...(user.transmit[0] !== undefined && { primaryChId: user.transmit[0] }),
      scannedChIds: [...user.scan],
    },
  };
}

// ---- zones ----

export interface ZoneSnapshot {
  readonly roomId: number;
  readonly geoZones: readonly Zone[];
  readonly degradeZones: readonly Zone[];
}

export function zoneSnapshot(room: Room): ZoneSnapshot {
  return { roomId: room.id, geoZones: [...room.geoZones.values()], degradeZones: [...room.degradeZones.values()] };
}

/** What is wrong with a zone of this type (the schema has checked the types of its fields), or undefined. */
function zoneProblem(
  community: Community,
  type: ZoneType,
  zone: ZoneInput,
  options: UpdateOptions,
  warnings: string[],
): Refusal | undefined {
  const { options: o } = zone;
  if (o.zoneType !== undefined && o.zoneType !== type) {
    return refusal('SONORAN_INVALID_REQUEST', `zone.options.zoneType is "${o.zoneType}" but the path says ${type}`);
  }
  const hasPoints = zone.points !== undefined;
  const hasCircle = zone.center !== undefined || zone.radius !== undefined;
  if (hasPoints === hasCircle || (hasCircle && (zone.center === undefined || zone.radius === undefined))) {
    return refusal('SONORAN_INVALID_REQUEST', 'a zone has either points (3 or more) or a center with a radius');
  }
  if (zone.points !== undefined && zone.points.length < 3) {
    return refusal(
      'SONORAN_INVALID_REQUEST',
      `zone.points has ${zone.points.length} points; a polygon needs 3 or more`,
    );
  }
  if (o.minZ > o.maxZ) return refusal('SONORAN_INVALID_REQUEST', `zone.options.minZ ${o.minZ} is above maxZ ${o.maxZ}`);
  if (type === 'degrade') {
    if (o.degradeStrength === undefined) {
      return refusal('SONORAN_INVALID_REQUEST', 'a degrade zone needs options.degradeStrength');
    }
    return undefined;
  }
  for (const field of ['transmitChannels', 'scanChannels'] as const) {
    for (const id of o[field] ?? []) {
      if (community.channels.has(id)) continue;
      const why = unknownChannel(community, id, `zone.options.${field}`);
      if (options.strict) return refusal('SONORAN_CHANNEL_NOT_FOUND', why);
      warnings.push(`${why}; kept as given`);
    }
  }
  return undefined;
}

function zonesOf(room: Room, type: ZoneType): ReadonlyMap<string, Zone> {
  return type === 'geo' ? room.geoZones : room.degradeZones;
}

function withZones(room: Room, type: ZoneType, zones: ReadonlyMap<string, Zone>): Room {
  return type === 'geo' ? { ...room, geoZones: zones } : { ...room, degradeZones: zones };
}

function storedZone(type: ZoneType, zone: ZoneInput): Zone {
  return { ...zone, options: { ...zone.options, zoneType: type } };
}

/** POST …/zones/:zoneType: create or replace a zone by `options.name`. `created` tells which. */
export function upsertZone(
  community: Community,
  roomId: number,
  type: ZoneType,
  zone: ZoneInput,
  options: UpdateOptions,
): RuleOutcome<{ readonly snapshot: ZoneSnapshot; readonly created: boolean }> {
  const found = findRoom(community, roomId);
  if (!found.ok) return found;
  const warnings: string[] = [];
  const problem = zoneProblem(community, type, zone, options, warnings);
  if (problem !== undefined) return problem;
  const zones = new Map(zonesOf(found.room, type));
  const created = !zones.has(zone.options.name);
  zones.set(zone.options.name, storedZone(type, zone));
  const room = withZones(found.room, type, zones);
  return {
    ok: true,
    patch: { rooms: new Map([[roomId, room]]) },
    result: { snapshot: zoneSnapshot(room), created },
    warnings,
  };
}

function missingZone(room: Room, type: ZoneType, name: string): Refusal {
  const names = [...zonesOf(room, type).keys()].map((n) => JSON.stringify(n)).join(', ') || 'none';
  return refusal(
    'SONORAN_ZONE_NOT_FOUND',
    `room ${room.id} has no ${type} zone named ${JSON.stringify(name)} (its ${type} zones: ${names})`,
  );
}

/** PATCH …/zones/:zoneType/:zoneName: replace an existing zone; a different `options.name` renames it. */
export function replaceZone(
  community: Community,
  roomId: number,
  type: ZoneType,
  name: string,
  zone: ZoneInput,
  options: UpdateOptions,
): RuleOutcome<{ readonly snapshot: ZoneSnapshot }> {
  const found = findRoom(community, roomId);
  if (!found.ok) return found;
  const current = zonesOf(found.room, type);
  if (!current.has(name)) return missingZone(found.room, type, name);
  const warnings: string[] = [];
  const problem = zoneProblem(community, type, zone, options, warnings);
  if (problem !== undefined) return problem;
  const rename = zone.options.name !== name;
  if (rename && current.has(zone.options.name)) {
    return refusal(
      'SONORAN_INVALID_REQUEST',
      `renaming ${type} zone ${JSON.stringify(name)} to ${JSON.stringify(zone.options.name)} would replace another zone of that name`,
    );
  }
  // The zone keeps its place in the list, under its (new) name.
  const zones = new Map<string, Zone>();
  for (const [key, value] of current) {
    if (key === name) zones.set(zone.options.name, storedZone(type, zone));
    else zones.set(key, value);
  }
  const room = withZones(found.room, type, zones);
  return { ok: true, patch: { rooms: new Map([[roomId, room]]) }, result: { snapshot: zoneSnapshot(room) }, warnings };
}

/** DELETE …/zones/:zoneType/:zoneName. */
export function deleteZone(
  community: Community,
  roomId: number,
  type: ZoneType,
  name: string,
): RuleOutcome<{ readonly snapshot: ZoneSnapshot }> {
  const found = findRoom(community, roomId);
  if (!found.ok) return found;
  if (!zonesOf(found.room, type).has(name)) return missingZone(found.room, type, name);
  const zones = new Map(zonesOf(found.room, type));
  zones.delete(name);
  const room = withZones(found.room, type, zones);
  return {
    ok: true,
    patch: { rooms: new Map([[roomId, room]]) },
    result: { snapshot: zoneSnapshot(room) },
    warnings: [],
  };
}

// ---- tones, speakers, server ---

/**
 * Play tones: recorded for tests to read back (`played: true` always). A target must name a channel,
 * a group, or (type `game`) a stored speaker of the community; an unknown one is kept with a
 * warning, or (strict) refused.
 */
export function playTone(
  community: Community,
  roomId: number,
  tones: readonly (number | Tone)[],
  playTo: readonly PlayTarget[],
  via: 'v1' | 'v2',
  options: UpdateOptions,
  now: string,
): RuleOutcome<{ readonly roomId: number; readonly played: true }> {
  const found = findRoom(community, roomId);
  if (!found.ok) return found;
  const warnings: string[] = [];
  for (const [i, tone] of tones.entries()) {
    if (typeof tone !== 'number' && tone.id === -1 && (tone.src === undefined || tone.src === '')) {
      return refusal('SONORAN_INVALID_REQUEST', `tones[${i}] is a custom tone (id -1) without a src URL`);
    }
  }
  for (const [i, target] of playTo.entries()) {
    const known =
      target.type === 'channel'
        ? typeof target.value === 'number' && community.channels.has(target.value)
        : target.type === 'group'
          ? typeof target.value === 'number' && community.groups.has(target.value)
          : community.speakers.some((s) => s.id === target.value);
    if (known) continue;
    const list =
      target.type === 'channel'
        ? channelList(community)
        : target.type === 'group'
          ? [...community.groups.keys()].join(', ')
          : community.speakers.map((s) => s.id).join(', ') || 'none set';
    const why = `playTo[${i}] names ${target.type} ${JSON.stringify(target.value)}, which community ${community.id} does not have (its ${target.type === 'game' ? 'speakers' : `${target.type}s`}: ${list})`;
    if (options.strict) return refusal('SONORAN_TARGET_NOT_FOUND', why);
    warnings.push(`${why}; played anyway`);
  }
  return {
    ok: true,
    patch: { tone: { time: now, roomId, tones: [...tones], playTo: [...playTo], via } },
    result: { roomId, played: true },
    warnings,
  };
}

/** Replace the in-game speaker list (the targets of `game` tones). A repeated id is kept, with a warning. */
export function setSpeakers(
  community: Community,
  locations: readonly SpeakerLocation[],
): RuleOutcome<{ readonly locationsCount: number }> {
  const seen = new Set<string>();
  const warnings: string[] = [];
  for (const location of locations) {
    if (seen.has(location.id)) warnings.push(`speaker id ${JSON.stringify(location.id)} is listed twice`);
    seen.add(location.id);
  }
  const speakers = locations.map((l) => ({ label: l.label, id: l.id }));
  return { ok: true, patch: { speakers }, result: { locationsCount: speakers.length }, warnings };
}

export interface ServerIpUpdate {
  readonly ip: string;
  readonly port?: number;
  /** Where push events go; absent keeps the room's current one. */
  readonly pushUrl?: string;
  readonly nickname?: string;
}

/** Register a room's game server: the caller's address (for subscription-by-IP) and its push URL. */
export function setServerIp(
  community: Community,
  roomId: number,
  update: ServerIpUpdate,
  now: string,
): RuleOutcome<{ readonly roomId: number; readonly pushUrl: string | null }> {
  const found = findRoom(community, roomId);
  if (!found.ok) return found;
  const before = found.room.server;
  const server = {
    ip: update.ip,
    port: update.port ?? before?.port ?? null,
    pushUrl: update.pushUrl ?? before?.pushUrl ?? null,
    nickname: update.nickname ?? before?.nickname ?? null,
    updatedAt: now,
  };
  return {
    ok: true,
    patch: { rooms: new Map([[roomId, { ...found.room, server }]]) },
    result: { roomId, pushUrl: server.pushUrl },
    warnings: [],
  };
}

/** `::ffff:127.0.0.1` → `127.0.0.1`; every loopback address reads as `loopback`. */
export function normalizeAddress(address: string): string {
  const bare = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return bare === '::1' || bare.startsWith('127.') ? 'loopback' : bare;
}

/** The highest subscription level of the communities whose game server registered from this address. */
export function subscriptionFor(communities: Iterable<Community>, address: string): SubscriptionLevel | undefined {
  const caller = normalizeAddress(address);
  let best: SubscriptionLevel | undefined;
  for (const community of communities) {
    for (const room of community.rooms.values()) {
      if (room.server === null || normalizeAddress(room.server.ip) !== caller) continue;
      if (best === undefined || community.subscription > best) best = community.subscription;
    }
  }
  return best;
}

// ---- listings (v2) ----

export const MEMBER_SORT_FIELDS = [
  'username',
  'displayName',
  'approved',
  'pending',
  'permission',
  'banned',
  'accId',
] as const;
export type MemberSortField = (typeof MEMBER_SORT_FIELDS)[number];
export const MEMBER_STATUSES = ['pending', 'approved', 'banned'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export interface Paging {
  readonly page: number;
  readonly perPage: number;
}

export interface MembersQuery extends Paging {
  readonly status?: MemberStatus;
  readonly sortBy?: MemberSortField;
  readonly descending: boolean;
  readonly search?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly pagination: {
    readonly page: number;
    readonly perPage: number;
    readonly total: number;
    readonly totalPages: number;
  };
}

export function pageOf<T>(all: readonly T[], { page, perPage }: Paging): Page<T> {
  const start = (page - 1) * perPage;
  return {
    items: all.slice(start, start + perPage),
    pagination: { page, perPage, total: all.length, totalPages: Math.ceil(all.length / perPage) },
  };
}

function statusOf(member: Member, status: MemberStatus): boolean {
  return status === 'banned'
    ? member.banned
    : status === 'pending'
      ? member.pending && !member.banned
      : member.approved && !member.banned;
}

function compareMembers(field: MemberSortField): (a: Member, b: Member) => number {
  return (a, b) => {
    const x = a[field];
    const y = b[field];
    if (typeof x === 'string' && typeof y === 'string') {
      const lx = x.toLowerCase();
      const ly = y.toLowerCase();
      return lx < ly ? -1 : lx > ly ? 1 : 0;
    }
    return Number(x) - Number(y);
  };
}

/**
 * GET /v2/servers/:id/members: filter by status, search (case-insensitive, in username, display
 * name and account id), sort (stable; community order without sortBy), then one page.
 */
export function listMembers(community: Community, query: MembersQuery): Page<Member> {
  const needle = query.search?.toLowerCase();
  let members = [...community.members.values()].filter(
    (m) =>
      (query.status === undefined || statusOf(m, query.status)) &&
      (needle === undefined ||
        needle === '' ||
        m.username.toLowerCase().includes(needle) ||
        m.displayName.toLowerCase().includes(needle) ||
        m.accId.toLowerCase().includes(needle)),
  );
  if (query.sortBy !== undefined) {
    const compare = compareMembers(query.sortBy);
    members = members.sort(query.descending ? (a, b) => compare(b, a) : compare);
  } else if (query.descending) {
    members.reverse();
  }
  return pageOf(members, query);
}

/** GET /v2/servers/:id/transmissions: the most recent first. */
export function listTransmissions(community: Community, paging: Paging): Page<Transmission> {
  return pageOf([...community.transmissions].reverse(), paging);
}

/** Seed transmissions (control API): ids handed out after the highest numeric one, repeated ids refused. */
export function addTransmissions(
  community: Community,
  rows: readonly (Omit<Transmission, 'id'> & { readonly id?: string })[],
): RuleOutcome<{ readonly transmissions: readonly Transmission[] }> {
  const ids = new Set(community.transmissions.map((t) => t.id));
  let next = Math.max(0, ...community.transmissions.map((t) => Number(t.id)).filter(Number.isInteger)) + 1;
  const added: Transmission[] = [];
  for (const row of rows) {
    const id = row.id ?? String(next++);
    if (ids.has(id)) return refusal('SONORAN_INVALID_REQUEST', `transmission ${id} is already logged`);
    ids.add(id);
    added.push({ ...row, id });
  }
  const transmissions = [...community.transmissions, ...added];
  return { ok: true, patch: { transmissions }, result: { transmissions: added }, warnings: [] };
}

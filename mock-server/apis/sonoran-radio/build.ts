/**
 * Communities from input (control API, world and state files) and back to plain JSON. Input may be
 * as old as the first version of this mock (channels `{id, name, private}`, no rooms): every field
 * added since has a default, so old world files keep loading.
 */
import {
  PERMISSION_BITS,
  PERMISSION_NAMES,
  TONE_LOG_LIMIT,
  type Channel,
  type ChannelGroup,
  type Community,
  type CommunityInput,
  type CommunityView,
  type Member,
  type MemberInput,
  type MemberView,
  type PermissionName,
  type ProfileAccess,
  type RadioUser,
  type RadioUserInput,
  type RadioUserView,
  type Room,
  type RoomInput,
  type RoomView,
  type Transmission,
  type TransmissionInput,
  type Zone,
  type ZoneInput,
  type ZoneType,
} from './types';

/** 34 → ['COMM_KICK', 'COMM_APPROVE'] (bit order). */
export function maskToNames(mask: number): PermissionName[] {
  return PERMISSION_NAMES.filter((name) => (mask & PERMISSION_BITS[name]) !== 0);
}

/** ['COMM_APPROVE', 'COMM_KICK'] → 34. Repeated names count once. */
export function namesToMask(names: readonly PermissionName[]): number {
  return names.reduce((mask, name) => mask | PERMISSION_BITS[name], 0);
}

/** 34 → `34 (COMM_KICK + COMM_APPROVE)`; 0 → `0 (no permissions)`. */
export function describeMask(mask: number): string {
  const names = maskToNames(mask);
  return `${mask} (${names.length === 0 ? 'no permissions' : names.join(' + ')})`;
}

/** The group a community has when its input names none (id 0, as the docs' example shows). */
export const DEFAULT_GROUP: ChannelGroup = { id: 0, name: 'Default', orderIndex: 0 };

/** `{"sonrad":true}`: what a radio client reports when nothing else is given (the docs' v2 examples). */
export const DEFAULT_METADATA: Readonly<Record<string, unknown>> = Object.freeze({ sonrad: true });

/** Shared by every member without channel rows (never mutated: updates copy before they write). */
const NO_ACCESS: ReadonlyMap<number, ProfileAccess> = new Map();

type Built<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

/** A member from control-API input, defaults filled in; access rows without an id get one from `nextId`. */
export function buildMember(
  input: MemberInput,
  nextId: () => number = counter(1),
): { ok: true; member: Member } | { ok: false; problem: string } {
  let permission = input.permission ?? 0;
  if (input.permissionNames !== undefined) {
    const fromNames = namesToMask(input.permissionNames);
    if (input.permission !== undefined && input.permission !== fromNames) {
      return fail(
        `member ${input.accId}: permission ${input.permission} and permissionNames (${describeMask(fromNames)}) disagree`,
      );
    }
    permission = fromNames;
  }
  let profilePerms = NO_ACCESS;
  if (input.profilePerms !== undefined && input.profilePerms.length > 0) {
    const rows = new Map<number, ProfileAccess>();
    for (const row of input.profilePerms) rows.set(row.profileId, { id: row.id ?? nextId(), canJoin: row.canJoin });
    profilePerms = rows;
  }
  const username = input.username ?? input.accId;
  const banned = input.banned ?? false;
  return {
    ok: true,
    member: {
      accId: input.accId,
      username,
      displayName: input.displayName ?? username,
      permission,
      profilePerms,
      approved: input.approved ?? !banned,
      pending: input.pending ?? false,
      banned,
    },
  };
}

function counter(start: number): () => number {
  let next = start;
  return () => next++;
}

function buildZone(input: ZoneInput, type: ZoneType): Zone {
  return { ...input, options: { ...input.options, zoneType: type } };
}

/** A connected user: scan never repeats a transmit channel (the docs' example drops it). */
export function buildRadioUser(input: RadioUserInput, member: Member, now: string): RadioUser {
  const transmit = [...new Set(input.transmit ?? [])];
  return {
    identity: input.identity,
    name: input.name ?? member.displayName,
    metadata: input.metadata ?? DEFAULT_METADATA,
    transmit,
    scan: [...new Set(input.scan ?? [])].filter((id) => !transmit.includes(id)),
    connectedAt: input.connectedAt ?? now,
  };
}

/** Why a member may not be connected to the radio, or undefined when it may. */
export function connectProblem(member: Member | undefined, identity: string, communityId: string): string | undefined {
  if (member === undefined) return `${identity} is not a member of community ${communityId}`;
  if (member.banned) return `member ${identity} is banned from community ${communityId}; unban them first`;
  if (!member.approved) return `member ${identity} is pending in community ${communityId}; approve them first`;
  return undefined;
}

function buildRoom(
  input: RoomInput,
  channels: ReadonlyMap<number, Channel>,
  members: ReadonlyMap<string, Member>,
  communityId: string,
  now: string,
): Built<Room> {
  const users = new Map<string, RadioUser>();
  for (const user of input.users ?? []) {
    if (users.has(user.identity)) return fail(`room ${input.id}: user ${user.identity} is connected twice`);
    const member = members.get(user.identity);
    const problem = connectProblem(member, user.identity, communityId);
    if (problem !== undefined || member === undefined) return fail(`room ${input.id}: ${problem ?? ''}`);
    const unknown = [...(user.transmit ?? []), ...(user.scan ?? [])].find((id) => !channels.has(id));
    if (unknown !== undefined)
      return fail(
        `room ${input.id}: user ${user.identity} is on channel ${unknown}, which the community does not list`,
      );
    users.set(user.identity, buildRadioUser(user, member, now));
  }
  const zones = (list: readonly ZoneInput[] | undefined, type: ZoneType): Built<Map<string, Zone>> => {
    const out = new Map<string, Zone>();
    for (const zone of list ?? []) {
      if (out.has(zone.options.name))
        return fail(`room ${input.id}: ${type} zone "${zone.options.name}" is listed twice`);
      if (zone.options.zoneType !== undefined && zone.options.zoneType !== type) {
        return fail(
          `room ${input.id}: zone "${zone.options.name}" is a ${zone.options.zoneType} zone listed as ${type}`,
        );
      }
      out.set(zone.options.name, buildZone(zone, type));
    }
    return { ok: true, value: out };
  };
  const geo = zones(input.geoZones, 'geo');
  if (!geo.ok) return geo;
  const degrade = zones(input.degradeZones, 'degrade');
  if (!degrade.ok) return degrade;
  const server =
    input.server === undefined || input.server === null
      ? null
      : {
          ip: input.server.ip,
          port: input.server.port ?? null,
          pushUrl: input.server.pushUrl ?? null,
          nickname: input.server.nickname ?? null,
          updatedAt: input.server.updatedAt ?? now,
        };
  return { ok: true, value: { id: input.id, users, geoZones: geo.value, degradeZones: degrade.value, server } };
}

export function buildTransmission(input: TransmissionInput, id: string, now: string): Transmission {
  return {
    id: input.id ?? id,
    serverId: input.serverId ?? 1,
    account: input.account,
    channelId: input.channelId,
    time: input.time ?? now,
    audioUrl: input.audioUrl ?? '',
    transcript: input.transcript ?? '',
  };
}

export type CommunityBuildOutcome =
  { readonly ok: true; readonly community: Community } | { readonly ok: false; readonly problem: string };

/**
 * A community from control-API input. Refuses repeated ids (channels, groups, members, rooms, access
 * rows, zones, transmissions), references to what the community does not list, and connected users
 * who may not connect.
 */
export function buildCommunity(
  id: string,
  input: CommunityInput,
  now = new Date(0).toISOString(),
): CommunityBuildOutcome {
  const groups = new Map<number, ChannelGroup>();
  for (const [i, group] of (input.groups ?? [DEFAULT_GROUP]).entries()) {
    if (groups.has(group.id)) return fail(`group ${group.id} is listed twice`);
    groups.set(group.id, { id: group.id, name: group.name, orderIndex: group.orderIndex ?? i });
  }
  const firstGroup = groups.keys().next();
  const channels = new Map<number, Channel>();
  for (const [i, channel] of (input.channels ?? []).entries()) {
    if (channels.has(channel.id)) return fail(`channel ${channel.id} is listed twice`);
    const groupId = channel.groupId ?? (firstGroup.done === true ? 0 : firstGroup.value);
    if (!groups.has(groupId))
      return fail(`channel ${channel.id} is in group ${groupId}, which the community does not list`);
    channels.set(channel.id, {
      id: channel.id,
      name: channel.name,
      private: channel.private ?? false,
      groupId,
      recvFreqMajor: channel.recvFreqMajor ?? 0,
      recvFreqMinor: channel.recvFreqMinor ?? 0,
      xmitFreqMajor: channel.xmitFreqMajor ?? 0,
      xmitFreqMinor: channel.xmitFreqMinor ?? 0,
      repeatsXmit: channel.repeatsXmit ?? false,
      status: channel.status ?? true,
      orderIndex: channel.orderIndex ?? i,
      talkoverProtection: channel.talkoverProtection ?? false,
    });
  }

  const rowIds = new Set<number>();
  let maxRowId = 0;
  for (const memberInput of input.members ?? []) {
    for (const row of memberInput.profilePerms ?? []) {
      if (row.id === undefined) continue;
      if (rowIds.has(row.id)) return fail(`access row id ${row.id} is used twice`);
      rowIds.add(row.id);
      maxRowId = Math.max(maxRowId, row.id);
    }
  }
  const nextRowId = counter(maxRowId + 1);
  const members = new Map<string, Member>();
  for (const memberInput of input.members ?? []) {
    if (members.has(memberInput.accId)) return fail(`member ${memberInput.accId} is listed twice`);
    const unknown = (memberInput.profilePerms ?? []).find((row) => !channels.has(row.profileId));
    if (unknown !== undefined) {
      return fail(
        `member ${memberInput.accId} has access to channel ${unknown.profileId}, which the community does not list`,
      );
    }
    const built = buildMember(memberInput, nextRowId);
    if (!built.ok) return built;
    members.set(memberInput.accId, built.member);
  }

  const rooms = new Map<number, Room>();
  const roomInputs = input.rooms ?? [{ id: 1 }];
  if (roomInputs.length === 0) return fail('a community has at least one room (room ids start at 1)');
  for (const roomInput of roomInputs) {
    if (rooms.has(roomInput.id)) return fail(`room ${roomInput.id} is listed twice`);
    const room = buildRoom(roomInput, channels, members, id, now);
    if (!room.ok) return room;
    rooms.set(roomInput.id, room.value);
  }
  const connected = new Set<string>();
  for (const room of rooms.values()) for (const identity of room.users.keys()) connected.add(identity);

  const transmissions: Transmission[] = [];
  const transmissionIds = new Set<string>();
  for (const [i, row] of (input.transmissions ?? []).entries()) {
    const transmission = buildTransmission(row, String(i + 1), now);
    if (transmissionIds.has(transmission.id)) return fail(`transmission ${transmission.id} is listed twice`);
    transmissionIds.add(transmission.id);
    transmissions.push(transmission);
  }

  return {
    ok: true,
    community: {
      id,
      apiKey: input.apiKey,
      name: input.name ?? id,
      subscription: input.subscription ?? 0,
      metadataFormat: { v1: input.metadataFormat?.v1 ?? 'object', v2: input.metadataFormat?.v2 ?? 'string' },
      groups,
      channels,
      members,
      rooms,
      speakers: [...(input.speakers ?? [])],
      tones: [...(input.tones ?? [])].slice(-TONE_LOG_LIMIT),
      transmissions,
      nextAccessId: nextRowId(),
    },
  };
}

export function viewMember(member: Member): MemberView {
  return {
    accId: member.accId,
    username: member.username,
    displayName: member.displayName,
    permission: member.permission,
    permissionNames: maskToNames(member.permission),
    profilePerms: [...member.profilePerms]
      .sort(([a], [b]) => a - b)
      .map(([profileId, row]) => ({ id: row.id, profileId, canJoin: row.canJoin })),
    approved: member.approved,
    pending: member.pending,
    banned: member.banned,
  };
}

export function viewRadioUser(user: RadioUser): RadioUserView {
  return {
    identity: user.identity,
    name: user.name,
    metadata: user.metadata,
    transmit: user.transmit,
    scan: user.scan,
    connectedAt: user.connectedAt,
  };
}

export function viewRoom(room: Room): RoomView {
  return {
    id: room.id,
    users: [...room.users.values()].map(viewRadioUser),
    geoZones: [...room.geoZones.values()],
    degradeZones: [...room.degradeZones.values()],
    server: room.server,
  };
}

export function viewCommunity(community: Community): Required<CommunityView> {
  return {
    id: community.id,
    apiKey: community.apiKey,
    name: community.name,
    subscription: community.subscription,
    metadataFormat: community.metadataFormat,
    groups: [...community.groups.values()],
    channels: [...community.channels.values()],
    members: [...community.members.values()].map(viewMember),
    rooms: [...community.rooms.values()].map(viewRoom),
    speakers: community.speakers,
    tones: community.tones,
    transmissions: community.transmissions,
  };
}

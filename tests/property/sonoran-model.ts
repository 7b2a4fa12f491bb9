/**
 * An independent model of a Sonoran Radio community for the property tests, written apart from
 * mock-server/ (plain objects and mutation), from the reference's rules: members with a mask, access
 * rows and a status; rooms with connected users and zones; one method per act, answering what each
 * version should say (status, and v2's result list or zone snapshot) and changing the model only on
 * success.
 */
type Status = 200 | 201 | 400 | 404;

export interface Expected {
  readonly status: Status;
  /** v2's result list (updatedAccIds, approvedAccIds, …), on success. */
  readonly list?: string[];
  /** v2 set-user-channels' answer, on success. */
  readonly channels?: { transmit: number[]; scan: number[] };
  /** A zone call's answer, on success: the room's whole snapshot. */
  readonly snapshot?: ZoneSnapshot;
}

/** A zone as a v2 body carries it (the reference's types, from Sonoran.js). */
export interface ZoneBody {
  readonly points?: readonly { readonly x: number; readonly y: number }[];
  readonly center?: { readonly x: number; readonly y: number };
  readonly radius?: number;
  readonly options: {
    readonly name: string;
    readonly minZ: number;
    readonly maxZ: number;
    readonly zoneType?: string;
    readonly transmitChannels?: readonly number[];
    readonly scanChannels?: readonly number[];
    readonly acePerms?: readonly string[];
    readonly degradeStrength?: number;
  };
}

export interface ZoneSnapshot {
  roomId: number;
  geoZones: ZoneBody[];
  degradeZones: ZoneBody[];
}

type ZoneKind = 'geo' | 'degrade';
/** A room's zones of each kind, by name, in the order they were first stored. */
type RoomZones = Record<ZoneKind, Map<string, ZoneBody>>;

interface Member {
  accId: string;
  displayName: string;
  permission: number;
  access: Map<number, { id: number; canJoin: boolean }>;
  approved: boolean;
  pending: boolean;
  banned: boolean;
}

interface Session {
  identity: string;
  name: string;
  transmit: number[];
  scan: number[];
}

export interface CommunityInput {
  readonly channels: readonly { id: number; private?: boolean }[];
  readonly members: readonly {
    accId: string;
    displayName: string;
    permission: number;
    profilePerms: readonly { id?: number; profileId: number; canJoin: boolean }[];
    approved: boolean;
    pending: boolean;
    banned: boolean;
  }[];
  readonly rooms?: readonly {
    id: number;
    users: readonly { identity: string; name: string; transmit: readonly number[]; scan: readonly number[] }[];
    geoZones?: readonly ZoneBody[];
    degradeZones?: readonly ZoneBody[];
  }[];
}

const unique = <T>(list: readonly T[]): T[] => list.filter((v, i) => list.indexOf(v) === i);

/** As stored: `options.zoneType` filled in from the path when left out (the docs). */
const stored = (kind: ZoneKind, zone: ZoneBody): ZoneBody => {
  const copy = structuredClone(zone);
  return { ...copy, options: { ...copy.options, zoneType: kind } };
};

const isKind = (kind: string): kind is ZoneKind => kind === 'geo' || kind === 'degrade';

export class CommunityModel {
  private members: Member[];
  private readonly rooms: Map<number, Session[]>;
  private readonly channels: Map<number, boolean>;
  private readonly zones: Map<number, RoomZones>;
  private nextRowId: number;

  constructor(
    community: CommunityInput,
    private readonly strict: boolean,
  ) {
    this.channels = new Map(community.channels.map((c) => [c.id, c.private === true]));
    let highest = 0;
    this.members = community.members.map((m) => ({
      accId: m.accId,
      displayName: m.displayName,
      permission: m.permission,
      access: new Map(
        m.profilePerms.map((row) => {
          highest = Math.max(highest, row.id ?? 0);
          return [row.profileId, { id: row.id ?? 0, canJoin: row.canJoin }];
        }),
      ),
      approved: m.approved,
      pending: m.pending,
      banned: m.banned,
    }));
    this.nextRowId = highest + 1;
    this.rooms = new Map(
      (community.rooms ?? [{ id: 1, users: [] }]).map((r) => [
        r.id,
        r.users.map((u) => ({ identity: u.identity, name: u.name, transmit: [...u.transmit], scan: [...u.scan] })),
      ]),
    );
    this.zones = new Map(
      (community.rooms ?? [{ id: 1, users: [] }]).map((r) => [
        r.id,
        {
          geo: new Map((r.geoZones ?? []).map((z) => [z.options.name, stored('geo', z)])),
          degrade: new Map((r.degradeZones ?? []).map((z) => [z.options.name, stored('degrade', z)])),
        },
      ]),
    );
  }

  private find(accId: string): Member | undefined {
    return this.members.find((m) => m.accId === accId);
  }

  private unknownInStrict(accIds: readonly string[]): boolean {
    return this.strict && accIds.some((id) => this.find(id) === undefined);
  }

  private leave(identity: string): void {
    for (const [id, users] of this.rooms)
      this.rooms.set(
        id,
        users.filter((u) => u.identity !== identity),
      );
  }

  permissions(userPerms: readonly { accId: string; perm: number; profilePerms?: unknown }[]): Expected {
    const rows = (e: { profilePerms?: unknown }) =>
      Array.isArray(e.profilePerms) ? (e.profilePerms as { profileId: number; canJoin: boolean }[]) : [];
    // Strict mode: the first entry that names an unknown member (404) or channel (400) decides.
    for (const entry of this.strict ? userPerms : []) {
      if (this.find(entry.accId) === undefined) return { status: 404 };
      if (rows(entry).some((r) => !this.channels.has(r.profileId))) return { status: 400 };
    }
    const updated: string[] = [];
    for (const entry of userPerms) {
      const member = this.find(entry.accId);
      if (member === undefined) continue;
      member.permission = entry.perm;
      for (const row of rows(entry)) {
        if (!this.channels.has(row.profileId)) continue;
        member.access.set(row.profileId, {
          id: member.access.get(row.profileId)?.id ?? this.nextRowId++,
          canJoin: row.canJoin,
        });
      }
      updated.push(entry.accId);
    }
    return { status: 200, list: unique(updated) };
  }

  approve(accIds: readonly string[]): Expected {
    if (this.unknownInStrict(accIds)) return { status: 404 };
    const listed: string[] = [];
    for (const accId of unique(accIds)) {
      const member = this.find(accId);
      if (member === undefined || member.banned) continue;
      member.approved = true;
      member.pending = false;
      listed.push(accId);
    }
    return { status: 200, list: listed };
  }

  kick(accIds: readonly string[]): Expected {
    if (this.unknownInStrict(accIds)) return { status: 404 };
    const listed = unique(accIds).filter((accId) => this.find(accId) !== undefined);
    this.members = this.members.filter((m) => !listed.includes(m.accId));
    for (const accId of listed) this.leave(accId);
    return { status: 200, list: listed };
  }

  ban(accIds: readonly string[]): Expected {
    if (this.unknownInStrict(accIds)) return { status: 404 };
    const listed: string[] = [];
    for (const accId of unique(accIds)) {
      const member = this.find(accId);
      if (member === undefined) continue;
      Object.assign(member, { banned: true, approved: false, pending: false });
      this.leave(accId);
      listed.push(accId);
    }
    return { status: 200, list: listed };
  }

  unban(accIds: readonly string[]): Expected {
    if (this.unknownInStrict(accIds)) return { status: 404 };
    const listed: string[] = [];
    for (const accId of unique(accIds)) {
      const member = this.find(accId);
      if (member === undefined) continue;
      if (member.banned) Object.assign(member, { banned: false, approved: false, pending: true });
      listed.push(accId);
    }
    return { status: 200, list: listed };
  }

  nicknames(entries: readonly { accId: string; nickname: string }[]): Expected {
    if (this.unknownInStrict(entries.map((e) => e.accId))) return { status: 404 };
    const updated: string[] = [];
    for (const entry of entries) {
      const member = this.find(entry.accId);
      if (member === undefined) continue;
      member.displayName = entry.nickname;
      updated.push(entry.accId);
    }
    return { status: 200, list: unique(updated) };
  }

  /** v1 renames a connected user only (the reference); v2 a member who is not connected too (its docs). */
  rename(identity: string, name: string, v2: boolean): Expected {
    const member = this.find(identity);
    const connected = [...this.rooms.values()].some((users) => users.some((u) => u.identity === identity));
    if (!connected && (!v2 || member === undefined)) return { status: 404 };
    if (member !== undefined) member.displayName = name;
    for (const users of this.rooms.values()) for (const u of users) if (u.identity === identity) u.name = name;
    return { status: 200 };
  }

  setChannels(roomId: number, identity: string, choice: { transmit?: number[]; scan?: number[] }): Expected {
    const user = this.rooms.get(roomId)?.find((u) => u.identity === identity);
    if (user === undefined) return { status: 404 };
    const asked = [...(choice.transmit ?? []), ...(choice.scan ?? [])];
    if (asked.some((id) => !this.channels.has(id))) return { status: 400 };
    const canJoin = (id: number) => this.find(identity)?.access.get(id)?.canJoin === true;
    if (this.strict && asked.some((id) => this.channels.get(id) === true && !canJoin(id))) return { status: 400 };
    const transmit = unique(choice.transmit ?? user.transmit);
    const scan = unique(choice.scan ?? user.scan).filter((id) => !transmit.includes(id));
    user.transmit = transmit;
    user.scan = scan;
    return { status: 200, channels: { transmit, scan } };
  }

  /** A radio user connects (the control API): an approved member, not banned, once per room; 201 or 404/409/400. */
  connect(roomId: number, identity: string, transmit: number[]): { status: 201 | 400 | 404 | 409 } {
    const users = this.rooms.get(roomId);
    const member = this.find(identity);
    if (users === undefined || member === undefined) return { status: 404 };
    if (member.banned || !member.approved || users.some((u) => u.identity === identity)) return { status: 409 };
    if (transmit.some((id) => !this.channels.has(id))) return { status: 400 };
    if (
      this.strict &&
      transmit.some((id) => this.channels.get(id) === true && member.access.get(id)?.canJoin !== true)
    ) {
      return { status: 400 };
    }
    users.push({ identity, name: member.displayName, transmit: unique(transmit), scan: [] });
    return { status: 201 };
  }

  private snapshot(roomId: number): ZoneSnapshot {
    const zones = this.zones.get(roomId);
    return {
      roomId,
      geoZones: [...(zones?.geo.values() ?? [])].map((z) => structuredClone(z)),
      degradeZones: [...(zones?.degrade.values() ?? [])].map((z) => structuredClone(z)),
    };
  }

  /**
   * Whether a zone body is refused (400) for this kind: `options.zoneType` other than the path's;
   * not exactly one of `points` (3 or more) and `center` with `radius`; `minZ` above `maxZ`; a degrade
   * zone without `degradeStrength`; in strict mode, a GEO zone naming a channel the community lacks.
   */
  private badZone(kind: ZoneKind, zone: ZoneBody): boolean {
    const o = zone.options;
    if (o.zoneType !== undefined && o.zoneType !== kind) return true;
    const polygon = zone.points !== undefined;
    const circle = zone.center !== undefined || zone.radius !== undefined;
    if (polygon === circle) return true;
    if (polygon && (zone.points?.length ?? 0) < 3) return true;
    if (circle && (zone.center === undefined || zone.radius === undefined)) return true;
    if (o.minZ > o.maxZ) return true;
    if (kind === 'degrade') return o.degradeStrength === undefined;
    const named = [...(o.transmitChannels ?? []), ...(o.scanChannels ?? [])];
    return this.strict && named.some((id) => !this.channels.has(id));
  }

  /**
   * The checks every zone call shares, in the documented precedence: the path's zone type (400)
   * before the rule, whose first question is the room (404).
   */
  private roomZones(
    roomId: number,
    kind: string,
  ): { status: 400 | 404 } | { zones: Map<string, ZoneBody>; kind: ZoneKind } {
    if (!isKind(kind)) return { status: 400 };
    const room = this.zones.get(roomId);
    if (room === undefined) return { status: 404 };
    return { zones: room[kind], kind };
  }

  /** The names of a room's zones of a type, in order (none for an unknown room or type). */
  zoneNames(roomId: number, kind: string): string[] {
    const zones = isKind(kind) ? this.zones.get(roomId)?.[kind] : undefined;
    return [...(zones?.keys() ?? [])];
  }

  /** GET …/rooms/:roomId/zones: the room's snapshot; an unknown room 404. */
  readZones(roomId: number): Expected {
    if (!this.zones.has(roomId)) return { status: 404 };
    return { status: 200, snapshot: this.snapshot(roomId) };
  }

  /** POST …/zones/:zoneType: create, or replace the zone of that name in its place; 201 either way. */
  upsertZone(roomId: number, kind: string, zone: ZoneBody): Expected {
    const found = this.roomZones(roomId, kind);
    if ('status' in found) return found;
    if (this.badZone(found.kind, zone)) return { status: 400 };
    found.zones.set(zone.options.name, stored(found.kind, zone));
    return { status: 201, snapshot: this.snapshot(roomId) };
  }

  /**
   * PATCH …/zones/:zoneType/:zoneName: replace an existing zone (404 when there is none of that type
   * and name); a different `options.name` renames it in place, 400 when another zone has that name.
   */
  updateZone(roomId: number, kind: string, name: string, zone: ZoneBody): Expected {
    const found = this.roomZones(roomId, kind);
    if ('status' in found) return found;
    if (!found.zones.has(name)) return { status: 404 };
    if (this.badZone(found.kind, zone)) return { status: 400 };
    const renamed = zone.options.name;
    if (renamed !== name && found.zones.has(renamed)) return { status: 400 };
    const entries = [...found.zones];
    found.zones.clear();
    for (const [key, value] of entries) {
      if (key === name) found.zones.set(renamed, stored(found.kind, zone));
      else found.zones.set(key, value);
    }
    return { status: 200, snapshot: this.snapshot(roomId) };
  }

  /** DELETE …/zones/:zoneType/:zoneName: remove an existing zone (404 when there is none). */
  deleteZone(roomId: number, kind: string, name: string): Expected {
    const found = this.roomZones(roomId, kind);
    if ('status' in found) return found;
    if (!found.zones.delete(name)) return { status: 404 };
    return { status: 200, snapshot: this.snapshot(roomId) };
  }

  /** Members, sessions and zones in the shape the mock's state shows them. */
  view(): {
    members: {
      accId: string;
      displayName: string;
      permission: number;
      profilePerms: { id: number; profileId: number; canJoin: boolean }[];
      approved: boolean;
      pending: boolean;
      banned: boolean;
    }[];
    rooms: { id: number; users: Session[]; geoZones: ZoneBody[]; degradeZones: ZoneBody[] }[];
  } {
    return {
      members: this.members.map((m) => ({
        accId: m.accId,
        displayName: m.displayName,
        permission: m.permission,
        profilePerms: [...m.access]
          .sort(([a], [b]) => a - b)
          .map(([profileId, row]) => ({ id: row.id, profileId, canJoin: row.canJoin })),
        approved: m.approved,
        pending: m.pending,
        banned: m.banned,
      })),
      rooms: [...this.rooms].map(([id, users]) => {
        const { geoZones, degradeZones } = this.snapshot(id);
        return { id, users: users.map((u) => ({ ...u })), geoZones, degradeZones };
      }),
    };
  }
}

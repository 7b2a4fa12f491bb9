/**
 * A small reference model of both APIs, written apart from mock-server/ (plain objects, mutation,
 * JSON copies) so that the property tests compare two independent readings of the reference.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const SEND_ORDER = ['video', 'audio', 'screenVideo', 'screenAudio', 'customVideo', 'customAudio'];
const ADMIN_ORDER = ['participants', 'streaming', 'transcription'];

function canonical(value: Json, order: string[]): Json {
  if (!Array.isArray(value)) return value;
  const present = new Set(value as string[]);
  return order.filter((name) => present.has(name));
}

export interface ModelParticipant {
  id: string;
  userId: string | null;
  permissions: Obj;
}

export class DailyModel {
  constructor(
    public participants: ModelParticipant[],
    private readonly strict: boolean,
  ) {}

  static fromRoom(
    room: { participants: readonly { id: string; userId: string | null; permissions: unknown }[] },
    strict = false,
  ): DailyModel {
    return new DailyModel(
      room.participants.map((p) => ({ id: p.id, userId: p.userId, permissions: copy(p.permissions) as Obj })),
      strict,
    );
  }

  /** Returns the status the API should answer (200 or 404) and updates the model on 200. */
  apply(data: Obj): 200 | 404 {
    if (this.participants.length === 0) return 404;
    const ids = this.participants.map((p) => p.id);
    const named = Object.keys(data).filter((key) => key !== '*');
    if (this.strict && named.some((key) => !ids.includes(key))) return 404;
    for (const p of this.participants) {
      const update = (Object.keys(data).includes(p.id) ? data[p.id] : data['*']) as Obj | undefined;
      if (update === undefined) continue;
      if ('hasPresence' in update) p.permissions.hasPresence = update.hasPresence ?? null;
      if ('canSend' in update) p.permissions.canSend = canonical(update.canSend ?? null, SEND_ORDER);
      if ('canAdmin' in update) p.permissions.canAdmin = canonical(update.canAdmin ?? null, ADMIN_ORDER);
      if ('canReceive' in update) {
        const receive = update.canReceive as Obj;
        const current = p.permissions.canReceive as Obj;
        for (const sub of ['base', 'byUserId', 'byParticipantId']) {
          if (sub in receive) current[sub] = copy(receive[sub] ?? null);
        }
      }
    }
    return 200;
  }

  view(): { id: string; permissions: Obj }[] {
    return this.participants.map((p) => ({ id: p.id, permissions: p.permissions }));
  }
}

export interface ModelMember {
  accId: string;
  permission: number;
  /** Channel id (as text) → its access row: the row keeps its id once handed out. */
  access: Record<string, { id: number; canJoin: boolean }>;
}

export class SonoranModel {
  constructor(
    public members: ModelMember[],
    private readonly channels: number[],
    private readonly strict: boolean,
    /** The id the next new access row gets: one past the highest ever seen. */
    private nextRowId = 1,
  ) {}

  static fromCommunity(
    community: {
      channels: readonly { id: number }[];
      members: readonly {
        accId: string;
        permission: number;
        profilePerms: readonly { id?: number; profileId: number; canJoin: boolean }[];
      }[];
    },
    strict = false,
  ): SonoranModel {
    let highest = 0;
    for (const m of community.members) for (const row of m.profilePerms) highest = Math.max(highest, row.id ?? 0);
    return new SonoranModel(
      community.members.map((m) => ({
        accId: m.accId,
        permission: m.permission,
        access: Object.fromEntries(
          m.profilePerms.map((row) => [String(row.profileId), { id: row.id ?? 0, canJoin: row.canJoin }]),
        ),
      })),
      community.channels.map((c) => c.id),
      strict,
      highest + 1,
    );
  }

  /** Returns the status the API should answer and updates the model on 200. */
  apply(userPerms: { accId: string; perm: number; profilePerms?: unknown }[]): 200 | 400 | 404 {
    const rows = (entry: { profilePerms?: unknown }) =>
      Array.isArray(entry.profilePerms) ? (entry.profilePerms as { profileId: number; canJoin: boolean }[]) : [];
    if (this.strict) {
      for (const entry of userPerms) {
        if (!this.members.some((m) => m.accId === entry.accId)) return 404;
        if (rows(entry).some((row) => !this.channels.includes(row.profileId))) return 400;
      }
    }
    for (const entry of userPerms) {
      const member = this.members.find((m) => m.accId === entry.accId);
      if (member === undefined) continue;
      member.permission = entry.perm;
      for (const row of rows(entry)) {
        if (!this.channels.includes(row.profileId)) continue;
        const key = String(row.profileId);
        const existing = member.access[key];
        member.access[key] = { id: existing?.id ?? this.nextRowId++, canJoin: row.canJoin };
      }
    }
    return 200;
  }

  view(): {
    accId: string;
    permission: number;
    profilePerms: { id: number; profileId: number; canJoin: boolean }[];
  }[] {
    return this.members.map((m) => ({
      accId: m.accId,
      permission: m.permission,
      profilePerms: Object.entries(m.access)
        .map(([profileId, row]) => ({ id: row.id, profileId: Number(profileId), canJoin: row.canJoin }))
        .sort((a, b) => a.profileId - b.profileId),
    }));
  }
}

/**
 * A Daily room's call as a client-side reading of the docs: joins (initial permissions from the
 * room's `permissions` over Daily's default, a refusal past `max_participants`), leaves, ejects by
 * session id and user id (in join order), and updates (DailyModel's rules on the same list).
 */
export class DailyCallModel {
  readonly participants: ModelParticipant[] = [];
  private readonly updates: DailyModel;

  constructor(
    private readonly roomPermissions: Obj,
    private readonly maxParticipants: number,
  ) {
    this.updates = new DailyModel(this.participants, false);
  }

  private initial(): Obj {
    const p = copy(this.roomPermissions);
    return {
      hasPresence: 'hasPresence' in p ? (p.hasPresence ?? null) : true,
      canSend: 'canSend' in p ? canonical(p.canSend ?? null, SEND_ORDER) : true,
      canReceive: 'canReceive' in p ? { base: true, ...(p.canReceive as Obj) } : { base: true },
      canAdmin: 'canAdmin' in p ? canonical(p.canAdmin ?? null, ADMIN_ORDER) : false,
    };
  }

  join(id: string, userId: string | null): 201 | 403 | 409 {
    if (this.participants.some((p) => p.id === id)) return 409;
    if (this.participants.length >= this.maxParticipants) return 403;
    this.participants.push({ id, userId, permissions: this.initial() });
    return 201;
  }

  leave(id: string): 200 | 404 {
    const at = this.participants.findIndex((p) => p.id === id);
    if (at === -1) return 404;
    this.participants.splice(at, 1);
    return 200;
  }

  eject(ids: string[], userIds: string[]): string[] {
    const out = this.participants
      .filter((p) => ids.includes(p.id) || (p.userId !== null && userIds.includes(p.userId)))
      .map((p) => p.id);
    for (const id of out) this.leave(id);
    return out;
  }

  apply(data: Obj): 200 | 404 {
    return this.updates.apply(data);
  }

  view(): { id: string; userId: string | null; permissions: Obj }[] {
    return this.participants.map((p) => ({ id: p.id, userId: p.userId, permissions: p.permissions }));
  }
}

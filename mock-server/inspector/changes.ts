/**
 * What a request changed, entity by entity: the before and after of each Daily participant and
 * Sonoran member or connected radio user it touched (and of rooms and communities that came, went
 * or changed their settings). Taken only while someone watches the namespace. The probe narrows
 * what it copies to the room or community the operation names (`{name}` for Daily, `{id}` or a v1
 * body's `id` for Sonoran), copying references only (participants and members are never mutated,
 * only replaced), so its cost is one pass over that room or community; an operation naming none
 * copies the rooms and communities themselves, not their participants and members. The permission
 * updates, which change only the participants or members their body names, are narrowed to those:
 * watching a 100,000-participant room costs a one-participant update what it touches, not the room.
 */
import { viewMember, viewRadioUser } from '../apis/sonoran-radio/build';
import type { Community, Member, RadioUser } from '../apis/sonoran-radio/types';
import { EVERYONE_ELSE, type Participant, type Room } from '../apis/daily/types';
import type { ChangedEntity, StateChanges } from '../http/journal';
import type { ProbeTarget, StateProbe } from '../http/observe';
import type { MockState } from '../state';

/** Entities listed per request; more are only counted. */
export const CHANGES_KEPT = 100;
/** About how many bytes of entities are listed per request; more are only counted. */
export const CHANGES_MAX_BYTES = 64 * 1024;
/** An operation that names no room or community is narrowed to rooms and communities only up to this many. */
const SHALLOW_LIMIT = 10_000;

interface DailyCopy {
  readonly name: string;
  readonly room: Room | undefined;
  readonly participants: ReadonlyMap<string, Participant>;
  /** The only participants the operation can change (all of them when absent). */
  readonly only?: readonly string[];
}

interface SonoranCopy {
  readonly id: string;
  readonly community: Community | undefined;
  readonly members: ReadonlyMap<string, Member>;
  readonly users: ReadonlyMap<number, ReadonlyMap<string, RadioUser>>;
  /** The only members the operation can change (and no radio user); everything when absent. */
  readonly only?: readonly string[];
}

/** The entries of `map` under `keys` (those it has). */
function pick<V>(map: ReadonlyMap<string, V> | undefined, keys: readonly string[]): Map<string, V> {
  const out = new Map<string, V>();
  for (const key of keys) {
    const value = map?.get(key);
    if (value !== undefined) out.set(key, value);
  }
  return out;
}

class Collector {
  readonly entities: ChangedEntity[] = [];
  omitted = 0;
  private bytes = 0;

  add(entity: ChangedEntity): void {
    if (this.entities.length >= CHANGES_KEPT || this.bytes > CHANGES_MAX_BYTES) {
      this.omitted += 1;
      return;
    }
    this.bytes += JSON.stringify(entity).length;
    this.entities.push(entity);
  }

  result(): StateChanges {
    return { entities: this.entities, omitted: this.omitted };
  }
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function roomSummary(room: Room): Record<string, unknown> {
  return {
    name: room.name,
    id: room.id,
    privacy: room.privacy,
    config: room.config,
    participants: room.participants.size,
    meetingId: room.session?.meetingId ?? null,
  };
}

function communitySummary(community: Community): Record<string, unknown> {
  return {
    id: community.id,
    name: community.name,
    subscription: community.subscription,
    channels: [...community.channels.values()].map((channel) => channel.id),
    members: community.members.size,
    rooms: [...community.rooms.keys()],
  };
}

function copyDaily(name: string, room: Room | undefined, only: readonly string[] | undefined): DailyCopy {
  if (only !== undefined) return { name, room, participants: pick(room?.participants, only), only };
  return { name, room, participants: new Map(room?.participants ?? []) };
}

function copySonoran(id: string, community: Community | undefined, only: readonly string[] | undefined): SonoranCopy {
  if (only !== undefined) return { id, community, members: pick(community?.members, only), users: new Map(), only };
  const users = new Map<number, ReadonlyMap<string, RadioUser>>();
  for (const [roomId, room] of community?.rooms ?? []) users.set(roomId, new Map(room.users));
  return { id, community, members: new Map(community?.members ?? []), users };
}

function diffRoom(before: Room | undefined, after: Room | undefined, name: string, out: Collector): void {
  if (before === after) return;
  const b = before === undefined ? null : roomSummary(before);
  const a = after === undefined ? null : roomSummary(after);
  if (b !== null && a !== null && same({ ...b, participants: 0 }, { ...a, participants: 0 })) return;
  out.add({ api: 'daily', kind: 'room', id: name, before: b, after: a });
}

function diffDaily(copy: DailyCopy, state: MockState, out: Collector): void {
  const after = state.daily.getRoom(copy.name);
  diffRoom(copy.room, after, copy.name, out);
  const now =
    copy.only === undefined
      ? (after?.participants ?? new Map<string, Participant>())
      : pick(after?.participants, copy.only);
  for (const [id, was] of copy.participants) {
    const is = now.get(id);
    if (!same(was, is))
      out.add({ api: 'daily', kind: 'participant', room: copy.name, id, before: was, after: is ?? null });
  }
  for (const [id, is] of now) {
    if (!copy.participants.has(id))
      out.add({ api: 'daily', kind: 'participant', room: copy.name, id, before: null, after: is });
  }
}

function diffCommunity(before: Community | undefined, after: Community | undefined, id: string, out: Collector): void {
  if (before === after) return;
  const b = before === undefined ? null : communitySummary(before);
  const a = after === undefined ? null : communitySummary(after);
  if (b !== null && a !== null && same({ ...b, members: 0 }, { ...a, members: 0 })) return;
  out.add({ api: 'sonoran', kind: 'community', id, before: b, after: a });
}

function diffSonoran(copy: SonoranCopy, state: MockState, out: Collector): void {
  const after = state.sonoran.getCommunity(copy.id);
  diffCommunity(copy.community, after, copy.id, out);
  const community = copy.id;
  const members =
    copy.only === undefined ? (after?.members ?? new Map<string, Member>()) : pick(after?.members, copy.only);
  for (const [accId, was] of copy.members) {
    const is = members.get(accId);
    if (was === is) continue;
    const b = viewMember(was);
    const a = is === undefined ? null : viewMember(is);
    if (!same(b, a)) out.add({ api: 'sonoran', kind: 'member', community, id: accId, before: b, after: a });
  }
  for (const [accId, is] of members) {
    if (!copy.members.has(accId))
      out.add({ api: 'sonoran', kind: 'member', community, id: accId, before: null, after: viewMember(is) });
  }
  if (copy.only !== undefined) return; // a permission update changes no radio user
  const roomIds = new Set([...copy.users.keys(), ...(after?.rooms.keys() ?? [])]);
  for (const radioRoom of roomIds) {
    const was = copy.users.get(radioRoom) ?? new Map<string, RadioUser>();
    const is = after?.rooms.get(radioRoom)?.users ?? new Map<string, RadioUser>();
    for (const identity of new Set([...was.keys(), ...is.keys()])) {
      const b = was.get(identity);
      const a = is.get(identity);
      if (b === a) continue;
      const bv = b === undefined ? null : viewRadioUser(b);
      const av = a === undefined ? null : viewRadioUser(a);
      if (!same(bv, av))
        out.add({ api: 'sonoran', kind: 'radioUser', community, radioRoom, id: identity, before: bv, after: av });
    }
  }
}

/** Operations that change only the members their body's `userPerms` name. */
const MEMBER_PERMISSION_OPERATIONS = new Set(['sonoran.setMemberPermissions', 'sonoran.setMemberPermissionsV2']);

/** The participants an update-permissions body names, when it can change no other (no `"*"`). */
function namedParticipants(body: unknown): string[] | undefined {
  const data = (body as { data?: unknown } | null | undefined)?.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.hasOwn(data, EVERYONE_ELSE))
    return undefined;
  return Object.keys(data);
}

/** The members a set-member-permissions body names (undefined for a body the operation will refuse). */
function namedMembers(body: unknown): string[] | undefined {
  const userPerms = (body as { userPerms?: unknown } | null | undefined)?.userPerms;
  if (!Array.isArray(userPerms)) return undefined;
  const ids: string[] = [];
  for (const entry of userPerms) {
    const accId = (entry as { accId?: unknown } | null)?.accId;
    if (typeof accId !== 'string') return undefined;
    ids.push(accId);
  }
  return ids;
}

interface Scope {
  readonly daily?: string;
  readonly sonoran?: string;
  /** The only participants or members the operation can change. */
  readonly only?: readonly string[];
}

/** The room or community an operation names, read from its path parameters (or a Sonoran v1 body's `id`). */
function namedScope(target: ProbeTarget): Scope {
  const { operation, params, body } = target;
  const daily = operation.api === 'daily' || operation.path.startsWith('/__admin/daily/rooms/{name}');
  const sonoran = operation.api === 'sonoran' || operation.path.startsWith('/__admin/sonoran/communities/{id}');
  if (daily && params.name !== undefined) {
    const only = operation.id === 'daily.updatePermissions' ? namedParticipants(body) : undefined;
    return { daily: params.name, ...(only !== undefined && { only }) };
  }
  if (sonoran) {
    const only = MEMBER_PERMISSION_OPERATIONS.has(operation.id) ? namedMembers(body) : undefined;
    const scope = only === undefined ? {} : { only };
    if (params.id !== undefined) return { sonoran: params.id, ...scope };
    const id = (body as { id?: unknown } | null | undefined)?.id;
    if (typeof body === 'object' && body !== null && typeof id === 'string') return { sonoran: id, ...scope };
  }
  return {};
}

/** A probe of what the operation may change in this state. */
export function createProbe(state: MockState, target: ProbeTarget): StateProbe {
  const scope = namedScope(target);
  if (scope.daily !== undefined) {
    const copy = copyDaily(scope.daily, state.daily.getRoom(scope.daily), scope.only);
    return { finish: (after) => collect((out) => diffDaily(copy, after, out)) };
  }
  if (scope.sonoran !== undefined) {
    const copy = copySonoran(scope.sonoran, state.sonoran.getCommunity(scope.sonoran), scope.only);
    return { finish: (after) => collect((out) => diffSonoran(copy, after, out)) };
  }
  const rooms = new Map<string, Room>();
  const communities = new Map<string, Community>();
  for (const room of state.daily.rooms()) {
    if (rooms.size >= SHALLOW_LIMIT) return { finish: () => undefined };
    rooms.set(room.name, room);
  }
  for (const community of state.sonoran.communities()) {
    if (communities.size >= SHALLOW_LIMIT) return { finish: () => undefined };
    communities.set(community.id, community);
  }
  return {
    finish: (after) =>
      collect((out) => {
        const nowRooms = new Map([...after.daily.rooms()].map((room) => [room.name, room]));
        for (const name of new Set([...rooms.keys(), ...nowRooms.keys()]))
          diffRoom(rooms.get(name), nowRooms.get(name), name, out);
        const nowCommunities = new Map([...after.sonoran.communities()].map((c) => [c.id, c]));
        for (const id of new Set([...communities.keys(), ...nowCommunities.keys()]))
          diffCommunity(communities.get(id), nowCommunities.get(id), id, out);
      }),
  };
}

function collect(fill: (out: Collector) => void): StateChanges {
  const out = new Collector();
  fill(out);
  return out.result();
}

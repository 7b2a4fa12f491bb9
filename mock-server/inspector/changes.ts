/**
 * What a request changed, entity by entity: the before and after of each Daily participant and
 * Sonoran member or connected radio user it touched (and of rooms and communities that came, went
 * or changed their settings). Taken only while someone watches the namespace. The probe narrows
 * what it copies to the room or community the operation names (`{name}` for Daily, `{id}` or a v1
 * body's `id` for Sonoran), copying references only (participants and members are never mutated,
 * only replaced), so its cost is one pass over that room or community; an operation naming none
 * copies the rooms and communities themselves, not their participants and members.
 */
import { viewMember, viewRadioUser } from '../apis/sonoran-radio/build';
import type { Community, Member, RadioUser } from '../apis/sonoran-radio/types';
import type { Participant, Room } from '../apis/daily/types';
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
}

interface SonoranCopy {
  readonly id: string;
  readonly community: Community | undefined;
  readonly members: ReadonlyMap<string, Member>;
  readonly users: ReadonlyMap<number, ReadonlyMap<string, RadioUser>>;
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

function copyDaily(name: string, room: Room | undefined): DailyCopy {
  return { name, room, participants: new Map(room?.participants ?? []) };
}

function copySonoran(id: string, community: Community | undefined): SonoranCopy {
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
  const now = after?.participants ?? new Map<string, Participant>();
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
  const members = after?.members ?? new Map<string, Member>();
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

/** The room or community an operation names, read from its path parameters (or a Sonoran v1 body's `id`). */
function namedScope(target: ProbeTarget): { daily?: string; sonoran?: string } {
  const { operation, params, body } = target;
  const daily = operation.api === 'daily' || operation.path.startsWith('/__admin/daily/rooms/{name}');
  const sonoran = operation.api === 'sonoran' || operation.path.startsWith('/__admin/sonoran/communities/{id}');
  if (daily && params.name !== undefined) return { daily: params.name };
  if (sonoran) {
    if (params.id !== undefined) return { sonoran: params.id };
    const id = (body as { id?: unknown } | null | undefined)?.id;
    if (typeof body === 'object' && body !== null && typeof id === 'string') return { sonoran: id };
  }
  return {};
}

/** A probe of what the operation may change in this state. */
export function createProbe(state: MockState, target: ProbeTarget): StateProbe {
  const scope = namedScope(target);
  if (scope.daily !== undefined) {
    const copy = copyDaily(scope.daily, state.daily.getRoom(scope.daily));
    return { finish: (after) => collect((out) => diffDaily(copy, after, out)) };
  }
  if (scope.sonoran !== undefined) {
    const copy = copySonoran(scope.sonoran, state.sonoran.getCommunity(scope.sonoran));
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

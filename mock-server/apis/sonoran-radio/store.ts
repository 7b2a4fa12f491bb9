/**
 * Sonoran Radio's in-memory data: communities (key, channels, members, rooms, speakers, tones,
 * transmissions) by id, and the log of push deliveries. Every change goes through a method that
 * bumps `revision`; the push log is a runtime record, not state (it is not in snapshots).
 *
 * Copy on write: a store forked from the startup world's (`fork`) starts with the startup
 * communities themselves. Communities and members are immutable values replaced on change; only a
 * community's member map changes in place, and a forked store copies it the first time it changes
 * that community. `ownedBytes` is what the store made since (sizes.ts), not what it shares.
 */
import type { ChangeRecord, ChangeRecorder } from '../seam';
import { ENTRY_BYTES, frozenBytes, itemsBytes, jsonBytes, OBJECT_BYTES, textBytes } from '../sizes';
import { buildCommunity, buildMember, viewCommunity, viewMember, viewRoom } from './build';
import type { CommunityPatch } from './semantics';
import {
  TONE_LOG_LIMIT,
  type Community,
  type CommunityInput,
  type Member,
  type MemberView,
  type CommunityView,
  type PushAttempt,
  type Room,
  type SonoranSnapshot,
} from './types';

/** How many push attempts a store remembers (per namespace), oldest dropped first. */
export const PUSH_LOG_LIMIT = 200;

function memberBytes(member: Member): number {
  return (
    OBJECT_BYTES +
    textBytes(member.accId) +
    textBytes(member.username) +
    textBytes(member.displayName) +
    member.profilePerms.size * ENTRY_BYTES
  );
}

/** A community without its members: channels, groups, rooms (their users and zones), speakers, tones, transmissions. */
function shellBytes(community: Community): number {
  let rooms = 0;
  for (const room of community.rooms.values())
    rooms += ENTRY_BYTES + frozenBytes(room, (r) => jsonBytes(viewRoom(r as Room)));
  return (
    OBJECT_BYTES +
    textBytes(community.id) +
    textBytes(community.apiKey) +
    textBytes(community.name) +
    (community.channels.size + community.groups.size) * (ENTRY_BYTES + OBJECT_BYTES) +
    rooms +
    itemsBytes(community.speakers) +
    itemsBytes(community.tones) +
    itemsBytes(community.transmissions)
  );
}

/** Only the members differ: the rest of the community is the same objects (the hot path's case). */
function sameShell(a: Community, b: Community): boolean {
  return (
    a.name === b.name &&
    a.apiKey === b.apiKey &&
    a.channels === b.channels &&
    a.groups === b.groups &&
    a.rooms === b.rooms &&
    a.speakers === b.speakers &&
    a.tones === b.tones &&
    a.transmissions === b.transmissions
  );
}

export class SonoranStore {
  /** Counts changes: the dispatcher compares it before and after a handler to know if anything changed. */
  revision = 0;
  /** Told of each change, as a record `replay` can make again (the state file's change log). */
  recorder: ChangeRecorder | undefined;
  private readonly byId = new Map<string, Community>();
  private readonly pushes: PushAttempt[] = [];
  private pushCount = 0;
  /** Communities whose member map is still the startup store's: copied before their first change. */
  private readonly sharedMaps = new Set<string>();
  /** Bytes of the community objects this store made (members apart), by id. */
  private readonly shells = new Map<string, number>();
  private shellTotal = 0;
  /** Slots of the member maps this store owns, and the members it made. */
  private ownedEntries = 0;
  private memberTotal = 0;

  /** @param base the startup store this one was forked from: it shares its communities until it changes them */
  private constructor(private readonly base?: SonoranStore) {}

  /** A store holding a snapshot's communities. Throws on an inconsistent snapshot. */
  static fromSnapshot(
    snapshot: SonoranSnapshot | { readonly communities: readonly (CommunityInput & { readonly id: string })[] },
    now?: string,
  ): SonoranStore {
    const store = new SonoranStore();
    for (const view of snapshot.communities) {
      if (store.byId.has(view.id)) throw new Error(`community ${view.id} is listed twice`);
      const built = buildCommunity(view.id, view, now);
      if (!built.ok) throw new Error(`community ${view.id}: ${built.problem}`);
      store.placeNew(built.community);
    }
    return store;
  }

  /**
   * A store that starts as this one is, sharing its communities and members (copy on write): it
   * costs a map of community ids, however large the communities are.
   */
  fork(): SonoranStore {
    const store = new SonoranStore(this);
    for (const [id, community] of this.byId) {
      store.byId.set(id, community);
      store.sharedMaps.add(id);
    }
    return store;
  }

  /**
   * About how many bytes this store made and holds (sizes.ts): communities it created or changed,
   * the member maps it copied, the members it made, its push log. What it shares with the startup
   * store is free.
   */
  get ownedBytes(): number {
    return (
      this.byId.size * ENTRY_BYTES +
      this.shellTotal +
      this.ownedEntries * ENTRY_BYTES +
      this.memberTotal +
      this.pushes.length * 4 * OBJECT_BYTES
    );
  }

  private frozen = false;

  /** Freeze every community and member (the startup store): a fork that changed one in place would throw. */
  freeze(): void {
    this.frozen = true;
    for (const community of this.byId.values()) {
      for (const member of community.members.values()) Object.freeze(member);
      Object.freeze(community);
    }
  }

  private writable(): void {
    if (this.frozen) throw new Error('the startup world is shared by every namespace and never changes; fork it');
  }

  /** `ownedBytes` counted again from scratch, from what the store holds now (a check of the running count). */
  recountBytes(): number {
    let shells = 0;
    let entries = 0;
    let members = 0;
    for (const [id, community] of this.byId) {
      const baseCommunity = this.base?.byId.get(id);
      if (community !== baseCommunity) shells += shellBytes(community);
      if (community.members === baseCommunity?.members) continue;
      entries += community.members.size;
      for (const member of community.members.values()) {
        if (baseCommunity?.members.get(member.accId) !== member) members += memberBytes(member);
      }
    }
    return (
      this.ownedBytes -
      this.shellTotal -
      this.ownedEntries * ENTRY_BYTES -
      this.memberTotal +
      shells +
      entries * ENTRY_BYTES +
      members
    );
  }

  /** Put a community object this store made in place, counting its bytes (unchanged parts are not measured again). */
  private place(community: Community): void {
    this.writable();
    const previous = this.shells.has(community.id) ? this.byId.get(community.id) : undefined;
    this.byId.set(community.id, community);
    if (previous !== undefined && sameShell(previous, community)) return;
    const bytes = shellBytes(community);
    this.shellTotal += bytes - (this.shells.get(community.id) ?? 0);
    this.shells.set(community.id, bytes);
  }

  /** A community this store owns whole: its member map and every member counted. */
  private placeNew(community: Community): void {
    this.place(community);
    this.ownedEntries += community.members.size;
    for (const member of community.members.values()) this.memberTotal += memberBytes(member);
  }

  /** Take a community out, giving back what it cost. */
  private unplace(id: string): void {
    this.release(id);
    this.byId.delete(id);
  }

  /** Give back what a community cost (it is deleted, or about to be replaced where it stands). */
  private release(id: string): void {
    this.writable();
    const community = this.byId.get(id);
    if (community === undefined) return;
    if (this.sharedMaps.delete(id) === false) {
      this.ownedEntries -= community.members.size;
      for (const member of community.members.values()) this.discharge(id, member);
    }
    this.shellTotal -= this.shells.get(id) ?? 0;
    this.shells.delete(id);
  }

  /** A community's member map, to change in place: a map shared with the startup store is copied first. */
  private membersOf(community: Community): Map<string, Member> {
    this.writable();
    if (!this.sharedMaps.has(community.id)) return community.members as Map<string, Member>;
    const copy = new Map(community.members);
    this.sharedMaps.delete(community.id);
    this.ownedEntries += copy.size;
    return copy;
  }

  /** Give back what a member cost, unless it is the startup store's (it cost nothing). */
  private discharge(id: string, member: Member): void {
    if (this.base?.byId.get(id)?.members.get(member.accId) === member) return;
    this.memberTotal -= memberBytes(member);
  }

  getCommunity(id: string): Community | undefined {
    return this.byId.get(id);
  }

  /** The community whose API key this is (v2 Bearer auth), if any. */
  communityOfKey(apiKey: string): Community | undefined {
    for (const community of this.byId.values()) if (community.apiKey === apiKey) return community;
    return undefined;
  }

  setCommunity(community: Community): void {
    this.revision += 1;
    this.release(community.id);
    this.placeNew({ ...community, members: new Map(community.members) });
    this.recorder?.({ api: 'sonoran', op: 'setCommunity', args: viewCommunity(community) });
  }

  /**
   * Apply a rule's patch. Members change in place: the cost follows the members touched, not the
   * size of the community. The rule checked the whole request before, so nothing here can fail halfway.
   */
  apply(id: string, patch: CommunityPatch): void {
    const community = this.byId.get(id);
    if (community === undefined) throw new Error(`no community ${id} to patch`);
    // A member handed back as it was (a rule setting what is already set) is no change.
    const memberChanges = [...(patch.members ?? [])].filter(
      ([accId, member]) => community.members.get(accId) !== (member ?? undefined),
    );
    const onlyMembers =
      patch.rooms === undefined &&
      patch.speakers === undefined &&
      patch.tone === undefined &&
      patch.transmissions === undefined;
    if (
      onlyMembers &&
      memberChanges.length === 0 &&
      (patch.nextAccessId ?? community.nextAccessId) === community.nextAccessId
    )
      return;
    this.revision += 1;
    const members = memberChanges.length > 0 ? this.membersOf(community) : community.members;
    for (const [accId, member] of memberChanges) {
      const old = members.get(accId);
      if (old !== undefined) this.discharge(id, old);
      if (member === null) {
        if (old !== undefined) this.ownedEntries -= 1;
        (members as Map<string, Member>).delete(accId);
      } else {
        if (old === undefined) this.ownedEntries += 1;
        (members as Map<string, Member>).set(accId, member);
        this.memberTotal += memberBytes(member);
      }
    }
    let rooms = community.rooms;
    if (patch.rooms !== undefined && patch.rooms.size > 0) {
      const next = new Map<number, Room>(community.rooms);
      for (const [roomId, room] of patch.rooms) next.set(roomId, room);
      rooms = next;
    }
    this.place({
      ...community,
      members,
      rooms,
      speakers: patch.speakers ?? community.speakers,
      tones: patch.tone === undefined ? community.tones : [...community.tones, patch.tone].slice(-TONE_LOG_LIMIT),
      transmissions: patch.transmissions ?? community.transmissions,
      nextAccessId: patch.nextAccessId ?? community.nextAccessId,
    });
    if (this.recorder === undefined) return;
    if (onlyMembers) {
      const changed: MemberView[] = [];
      const removed: string[] = [];
      for (const [accId, member] of memberChanges) {
        if (member === null) removed.push(accId);
        else changed.push(viewMember(member));
      }
      this.recorder({
        api: 'sonoran',
        op: 'patchMembers',
        args: { community: id, members: changed, removed, nextAccessId: patch.nextAccessId },
      });
    } else {
      // Rooms, speakers, tones and transmissions are small beside the members: the community whole.
      this.recorder({ api: 'sonoran', op: 'setCommunity', args: viewCommunity(this.byId.get(id) as Community) });
    }
  }

  /** Apply only member changes (set-member-permissions' fast path). */
  patchMembers(id: string, changes: ReadonlyMap<string, Member>): void {
    this.apply(id, { members: changes });
  }

  deleteCommunity(id: string): boolean {
    const deleted = this.byId.has(id);
    this.unplace(id);
    if (deleted) {
      this.revision += 1;
      this.recorder?.({ api: 'sonoran', op: 'deleteCommunity', args: { id } });
    }
    return deleted;
  }

  /** Make a recorded change again (reading the state file's log). A change to a community no longer there is skipped. */
  replay(change: ChangeRecord): void {
    const recorder = this.recorder;
    this.recorder = undefined;
    try {
      if (change.op === 'setCommunity') {
        const view = change.args as CommunityView & { id: string };
        const built = buildCommunity(view.id, view);
        if (built.ok) this.setCommunity(built.community);
      } else if (change.op === 'patchMembers') {
        const { community, members, removed, nextAccessId } = change.args as {
          community: string;
          members: MemberView[];
          removed?: string[];
          nextAccessId?: number;
        };
        if (this.byId.has(community)) {
          const changes = new Map<string, Member | null>();
          for (const view of members) {
            const built = buildMember(view);
            if (built.ok) changes.set(view.accId, built.member);
          }
          for (const accId of removed ?? []) changes.set(accId, null);
          this.apply(community, { members: changes, ...(nextAccessId !== undefined && { nextAccessId }) });
        }
      } else if (change.op === 'deleteCommunity') {
        this.deleteCommunity((change.args as { id: string }).id);
      } else {
        throw new Error(`unknown Sonoran change ${change.op}`);
      }
    } finally {
      this.recorder = recorder;
    }
  }

  communities(): IterableIterator<Community> {
    return this.byId.values();
  }

  snapshot(): SonoranSnapshot {
    return { communities: [...this.byId.values()].map(viewCommunity) };
  }

  /** Record a push attempt (its outcome is filled in when the receiver answers); returns it. */
  recordPush(attempt: Omit<PushAttempt, 'id'>): PushAttempt {
    this.pushCount += 1;
    const entry: PushAttempt = { ...attempt, id: this.pushCount };
    this.pushes.push(entry);
    if (this.pushes.length > PUSH_LOG_LIMIT) this.pushes.splice(0, this.pushes.length - PUSH_LOG_LIMIT);
    return entry;
  }

  /** Push attempts for one community, oldest first. */
  pushAttempts(communityId: string): PushAttempt[] {
    return this.pushes.filter((p) => p.event.id === communityId);
  }
}

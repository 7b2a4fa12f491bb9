/**
 * Sonoran Radio's in-memory data: communities (key, channels, members, rooms, speakers, tones,
 * transmissions) by id, and the log of push deliveries. Every change goes through a method that
 * bumps `revision`; the push log is a runtime record, not state (it is not in snapshots).
 */
import { buildCommunity, viewCommunity } from './build';
import type { CommunityPatch } from './semantics';
import {
  TONE_LOG_LIMIT,
  type Community,
  type CommunityInput,
  type Member,
  type PushAttempt,
  type Room,
  type SonoranSnapshot,
} from './types';

/** How many push attempts a store remembers (per namespace), oldest dropped first. */
export const PUSH_LOG_LIMIT = 200;

export class SonoranStore {
  /** Counts changes: the dispatcher compares it before and after a handler to know if anything changed. */
  revision = 0;
  private readonly byId = new Map<string, Community>();
  private readonly pushes: PushAttempt[] = [];
  private pushCount = 0;

  /** A store holding a snapshot's communities. Throws on an inconsistent snapshot. */
  static fromSnapshot(
    snapshot: SonoranSnapshot | { readonly communities: readonly (CommunityInput & { readonly id: string })[] },
    now?: string,
  ): SonoranStore {
    const store = new SonoranStore();
    for (const view of snapshot.communities) {
      const built = buildCommunity(view.id, view, now);
      if (!built.ok) throw new Error(`community ${view.id}: ${built.problem}`);
      store.byId.set(view.id, built.community);
    }
    return store;
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
    this.byId.set(community.id, { ...community, members: new Map(community.members) });
  }

  /**
   * Apply a rule's patch. Members change in place: the cost follows the members touched, not the
   * size of the community. The rule checked the whole request before, so nothing here can fail halfway.
   */
  apply(id: string, patch: CommunityPatch): void {
    const community = this.byId.get(id);
    if (community === undefined) throw new Error(`no community ${id} to patch`);
    this.revision += 1;
    const members = community.members as Map<string, Member>;
    for (const [accId, member] of patch.members ?? []) {
      if (member === null) members.delete(accId);
      else members.set(accId, member);
    }
    let rooms = community.rooms;
    if (patch.rooms !== undefined && patch.rooms.size > 0) {
      const next = new Map<number, Room>(community.rooms);
      for (const [roomId, room] of patch.rooms) next.set(roomId, room);
      rooms = next;
    }
    this.byId.set(id, {
      ...community,
      rooms,
      speakers: patch.speakers ?? community.speakers,
      tones: patch.tone === undefined ? community.tones : [...community.tones, patch.tone].slice(-TONE_LOG_LIMIT),
      transmissions: patch.transmissions ?? community.transmissions,
      nextAccessId: patch.nextAccessId ?? community.nextAccessId,
    });
  }

  /** Apply only member changes (set-member-permissions' fast path). */
  patchMembers(id: string, changes: ReadonlyMap<string, Member>): void {
    this.apply(id, { members: changes });
  }

  deleteCommunity(id: string): boolean {
    const deleted = this.byId.delete(id);
    if (deleted) this.revision += 1;
    return deleted;
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

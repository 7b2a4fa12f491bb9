/**
 * Sonoran Radio's in-memory data: communities (key, channels, members, rooms, speakers, tones,
 * transmissions) by id, and the log of push deliveries. Every change goes through a method that
 * bumps `revision`; the push log is a runtime record, not state (it is not in snapshots).
 */
import type { ChangeRecord, ChangeRecorder } from '../seam';
import { buildCommunity, buildMember, viewCommunity, viewMember } from './build';
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

export class SonoranStore {
  /** Counts changes: the dispatcher compares it before and after a handler to know if anything changed. */
  revision = 0;
  /** Told of each change, as a record `replay` can make again (the state file's change log). */
  recorder: ChangeRecorder | undefined;
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
      if (store.byId.has(view.id)) throw new Error(`community ${view.id} is listed twice`);
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
    this.recorder?.({ api: 'sonoran', op: 'setCommunity', args: viewCommunity(community) });
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
    if (this.recorder === undefined) return;
    const onlyMembers =
      patch.rooms === undefined &&
      patch.speakers === undefined &&
      patch.tone === undefined &&
      patch.transmissions === undefined;
    if (onlyMembers) {
      const changed: MemberView[] = [];
      const removed: string[] = [];
      for (const [accId, member] of patch.members ?? []) {
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
    const deleted = this.byId.delete(id);
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

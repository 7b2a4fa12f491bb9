/** Sonoran Radio's in-memory data: communities with their API key, channels and members. */
import type { ChangeRecord, ChangeRecorder } from '../seam';
import { buildCommunity, buildMember, viewCommunity, viewMember } from './semantics';
import type { Community, CommunityInput, CommunityView, Member, MemberView, SonoranSnapshot } from './types';

export class SonoranStore {
  /** Counts changes: the dispatcher compares it before and after a handler to know if anything changed. */
  revision = 0;
  /** Told of each change, as a record `replay` can make again (the state file's change log). */
  recorder: ChangeRecorder | undefined;
  private readonly byId = new Map<string, Community>();

  /** A store holding a snapshot's communities. Throws on an inconsistent snapshot. */
  static fromSnapshot(
    snapshot: SonoranSnapshot | { readonly communities: readonly (CommunityInput & { readonly id: string })[] },
  ): SonoranStore {
    const store = new SonoranStore();
    for (const view of snapshot.communities) {
      if (store.byId.has(view.id)) throw new Error(`community ${view.id} is listed twice`);
      const built = buildCommunity(view.id, view);
      if (!built.ok) throw new Error(`community ${view.id}: ${built.problem}`);
      store.byId.set(view.id, built.community);
    }
    return store;
  }

  getCommunity(id: string): Community | undefined {
    return this.byId.get(id);
  }

  setCommunity(community: Community): void {
    this.revision += 1;
    this.byId.set(community.id, { ...community, members: new Map(community.members) });
    this.recorder?.({ api: 'sonoran', op: 'setCommunity', args: viewCommunity(community) });
  }

  /**
   * Apply an update's changed members in place: the cost follows the members touched, not the size
   * of the community. The update was checked whole before, so nothing here can fail halfway.
   */
  patchMembers(id: string, changes: ReadonlyMap<string, Member>): void {
    this.revision += 1;
    const community = this.byId.get(id);
    if (community === undefined) throw new Error(`no community ${id} to patch`);
    const members = community.members as Map<string, Member>;
    for (const [accId, member] of changes) members.set(accId, member);
    this.recorder?.({
      api: 'sonoran',
      op: 'patchMembers',
      args: { community: id, members: [...changes.values()].map(viewMember) },
    });
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
        const view = change.args as CommunityView;
        const built = buildCommunity(view.id, view);
        if (built.ok) this.setCommunity(built.community);
      } else if (change.op === 'patchMembers') {
        const { community, members } = change.args as { community: string; members: MemberView[] };
        if (this.byId.has(community)) {
          const changes = new Map<string, Member>();
          for (const view of members) {
            const built = buildMember(view);
            if (built.ok) changes.set(view.accId, built.member);
          }
          this.patchMembers(community, changes);
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
}

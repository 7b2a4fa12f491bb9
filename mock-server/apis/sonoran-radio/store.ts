/** Sonoran Radio's in-memory data: communities with their API key, channels and members. */
import { buildCommunity, viewCommunity } from './semantics';
import type { Community, CommunityInput, Member, SonoranSnapshot } from './types';

export class SonoranStore {
  /** Counts changes: the dispatcher compares it before and after a handler to know if anything changed. */
  revision = 0;
  private readonly byId = new Map<string, Community>();

  /** A store holding a snapshot's communities. Throws on an inconsistent snapshot. */
  static fromSnapshot(
    snapshot: SonoranSnapshot | { readonly communities: readonly (CommunityInput & { readonly id: string })[] },
  ): SonoranStore {
    const store = new SonoranStore();
    for (const view of snapshot.communities) {
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
}

/** Sonoran Radio's in-memory data: communities with their API key, channels and members. */
import { buildCommunity, viewCommunity } from './semantics';
import type { Community, SonoranSnapshot } from './types';

export class SonoranStore {
  private readonly byId = new Map<string, Community>();

  /** A store holding a snapshot's communities. Throws on an inconsistent snapshot. */
  static fromSnapshot(snapshot: SonoranSnapshot): SonoranStore {
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
    this.byId.set(community.id, community);
  }

  deleteCommunity(id: string): boolean {
    return this.byId.delete(id);
  }

  communities(): IterableIterator<Community> {
    return this.byId.values();
  }

  snapshot(): SonoranSnapshot {
    return { communities: [...this.byId.values()].map(viewCommunity) };
  }
}

/** Daily's in-memory data: the accepted API keys and the rooms with their live participants. */
import { buildRoom, viewRoom } from './semantics';
import type { DailySnapshot, Room } from './types';

export class DailyStore {
  private readonly keys: Set<string>;
  private readonly byName = new Map<string, Room>();

  private constructor(apiKeys: readonly string[]) {
    this.keys = new Set(apiKeys);
  }

  /** A store holding a snapshot's keys and rooms. Throws on a snapshot that repeats a session id. */
  static fromSnapshot(snapshot: DailySnapshot, now: string): DailyStore {
    const store = new DailyStore(snapshot.apiKeys);
    for (const view of snapshot.rooms) {
      const built = buildRoom(view.name, view, now);
      if (!built.ok) throw new Error(`room ${view.name} lists participant ${built.duplicate} twice`);
      store.byName.set(view.name, built.room);
    }
    return store;
  }

  acceptsKey(key: string): boolean {
    return this.keys.has(key);
  }

  get apiKeys(): readonly string[] {
    return [...this.keys];
  }

  getRoom(name: string): Room | undefined {
    return this.byName.get(name);
  }

  setRoom(room: Room): void {
    this.byName.set(room.name, room);
  }

  deleteRoom(name: string): boolean {
    return this.byName.delete(name);
  }

  rooms(): IterableIterator<Room> {
    return this.byName.values();
  }

  snapshot(): DailySnapshot {
    return { apiKeys: this.apiKeys, rooms: [...this.byName.values()].map(viewRoom) };
  }
}

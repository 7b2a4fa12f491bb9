/** Daily's in-memory data: the accepted API keys and the rooms with their live participants. */
import type { ChangeRecord, ChangeRecorder } from '../seam';
import { buildParticipant, buildRoom, viewRoom } from './semantics';
import type { DailySnapshot, Participant, ParticipantView, Room, RoomInput, RoomView } from './types';

export class DailyStore {
  /** Counts changes: the dispatcher compares it before and after a handler to know if anything changed. */
  revision = 0;
  /** Told of each change, as a record `replay` can make again (the state file's change log). */
  recorder: ChangeRecorder | undefined;
  private readonly keys: Set<string>;
  private readonly byName = new Map<string, Room>();

  private constructor(apiKeys: readonly string[]) {
    this.keys = new Set(apiKeys);
  }

  /** A store holding a snapshot's keys and rooms. Throws on a snapshot that repeats a session id. */
  static fromSnapshot(
    snapshot:
      | DailySnapshot
      | { readonly apiKeys: readonly string[]; readonly rooms: readonly (RoomInput & { readonly name: string })[] },
    now: string,
  ): DailyStore {
    const store = new DailyStore(snapshot.apiKeys);
    for (const view of snapshot.rooms) {
      if (store.byName.has(view.name)) throw new Error(`room ${view.name} is listed twice`);
      const built = buildRoom(view.name, view, now);
      if (!built.ok) throw new Error(`room ${view.name} lists participant ${built.duplicate} twice`);
      store.byName.set(view.name, built.room); // buildRoom made a fresh Map the store now owns
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
    this.revision += 1;
    this.byName.set(room.name, { ...room, participants: new Map(room.participants) });
    this.recorder?.({ api: 'daily', op: 'setRoom', args: viewRoom(room) });
  }

  /**
   * Apply an update's changed participants in place: the cost follows the participants touched,
   * not the size of the room. The update was checked whole before, so nothing here can fail halfway.
   */
  patchParticipants(name: string, changes: ReadonlyMap<string, Participant>): void {
    this.revision += 1;
    const room = this.byName.get(name);
    if (room === undefined) throw new Error(`no room ${name} to patch`);
    const participants = room.participants as Map<string, Participant>;
    for (const [id, participant] of changes) participants.set(id, participant);
    this.recorder?.({
      api: 'daily',
      op: 'patchParticipants',
      args: { room: name, participants: [...changes.values()] },
    });
  }

  deleteRoom(name: string): boolean {
    const deleted = this.byName.delete(name);
    if (deleted) {
      this.revision += 1;
      this.recorder?.({ api: 'daily', op: 'deleteRoom', args: { name } });
    }
    return deleted;
  }

  /** Make a recorded change again (reading the state file's log). A change to a room no longer there is skipped. */
  replay(change: ChangeRecord, now: string): void {
    const recorder = this.recorder;
    this.recorder = undefined;
    try {
      if (change.op === 'setRoom') {
        const view = change.args as RoomView;
        const built = buildRoom(view.name, view, now);
        if (built.ok) this.setRoom(built.room);
      } else if (change.op === 'patchParticipants') {
        const { room, participants } = change.args as { room: string; participants: ParticipantView[] };
        if (this.byName.has(room)) {
          this.patchParticipants(room, new Map(participants.map((p) => [p.id, buildParticipant(p, now)])));
        }
      } else if (change.op === 'deleteRoom') {
        this.deleteRoom((change.args as { name: string }).name);
      } else {
        throw new Error(`unknown Daily change ${change.op}`);
      }
    } finally {
      this.recorder = recorder;
    }
  }

  rooms(): IterableIterator<Room> {
    return this.byName.values();
  }

  snapshot(): DailySnapshot {
    return { apiKeys: this.apiKeys, rooms: [...this.byName.values()].map(viewRoom) };
  }
}

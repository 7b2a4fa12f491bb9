/**
 * The state probe behind a watched request's `changes`: it lists exactly what the request changed,
 * and for the permission updates it reads only the participants or members the body names, so that
 * watching a large room does not make every one-participant update cost the whole room.
 */
import { getOperation } from '../../contracts/operations';
import { createProbe } from '../../mock-server/inspector/changes';
import type { MockState } from '../../mock-server/state';

/** A Map that counts how often it is walked whole (iterated, spread, copied). */
class CountingMap<K, V> extends Map<K, V> {
  walks = 0;
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.walks += 1;
    return super[Symbol.iterator]();
  }
  override entries(): MapIterator<[K, V]> {
    this.walks += 1;
    return super.entries();
  }
  override values(): MapIterator<V> {
    this.walks += 1;
    return super.values();
  }
  override keys(): MapIterator<K> {
    this.walks += 1;
    return super.keys();
  }
  override forEach(each: (value: V, key: K, map: Map<K, V>) => void): void {
    this.walks += 1;
    super.forEach(each);
  }
}

const permissions = (canSend: unknown) => ({ hasPresence: true, canSend, canReceive: { base: true }, canAdmin: false });
const participant = (id: string, canSend: unknown = true) => ({
  id,
  userId: id,
  userName: null,
  owner: false,
  joinTime: '2026-01-01T00:00:00.000Z',
  permissions: permissions(canSend),
});
const member = (accId: string, permission: number) => ({
  accId,
  username: accId,
  displayName: accId,
  permission,
  profilePerms: new Map(),
  approved: true,
  pending: false,
  banned: false,
});

/** A state holding one room of `size` participants and one community of `size` members. */
function world(size: number) {
  const participants = new CountingMap(
    Array.from({ length: size }, (_, i) => [`p${i}`, participant(`p${i}`)] as [string, unknown]),
  );
  const members = new CountingMap(
    Array.from({ length: size }, (_, i) => [`a${i}`, member(`a${i}`, 0)] as [string, unknown]),
  );
  const room = { name: 'big', id: 'room-id', privacy: 'public', config: {}, participants, session: null };
  const community = { id: 'c', name: 'C', subscription: 2, channels: new Map(), members, rooms: new Map() };
  const state = {
    daily: { getRoom: (name: string) => (name === 'big' ? room : undefined) },
    sonoran: { getCommunity: (id: string) => (id === 'c' ? community : undefined) },
  };
  return { state: state as unknown as MockState, room, participants, community, members };
}

describe('a watched Daily update-permissions', () => {
  const op = getOperation('daily.updatePermissions');

  it('reads only the participants it names, and lists the one it changed', () => {
    const w = world(1000);
    const probe = createProbe(w.state, {
      operation: op,
      params: { name: 'big' },
      body: { data: { p5: {}, nobody: {} } },
    });
    w.participants.set('p5', participant('p5', ['audio']));
    const changes = probe.finish(w.state);
    expect(w.participants.walks).toBe(0);
    expect(changes?.entities).toEqual([
      expect.objectContaining({
        kind: 'participant',
        room: 'big',
        id: 'p5',
        after: expect.objectContaining({ id: 'p5' }),
      }),
    ]);
    expect(changes?.omitted).toBe(0);
  });

  it('walks the room for "*", which reaches every participant', () => {
    const w = world(3);
    const probe = createProbe(w.state, {
      operation: op,
      params: { name: 'big' },
      body: { data: { '*': { canSend: false } } },
    });
    for (const id of ['p0', 'p1', 'p2']) w.participants.set(id, participant(id, false));
    const changes = probe.finish(w.state);
    expect(w.participants.walks).toBeGreaterThan(0);
    expect(changes?.entities.map((e) => e.id)).toEqual(['p0', 'p1', 'p2']);
  });

  it('walks the room for other operations on it (an eject may reach anyone)', () => {
    const w = world(3);
    const probe = createProbe(w.state, {
      operation: getOperation('daily.eject'),
      params: { name: 'big' },
      body: { ids: ['p1'] },
    });
    w.participants.delete('p1');
    expect(probe.finish(w.state)?.entities).toEqual([expect.objectContaining({ id: 'p1', after: null })]);
    expect(w.participants.walks).toBeGreaterThan(0);
  });
});

describe.each(['sonoran.setMemberPermissions', 'sonoran.setMemberPermissionsV2'])('a watched %s', (id) => {
  it('reads only the members it names, and lists the one it changed', () => {
    const w = world(1000);
    const body = {
      apiKey: 'k',
      userPerms: [
        { accId: 'a7', perm: 3 },
        { accId: 'ghost', perm: 1 },
      ],
    };
    const probe = createProbe(w.state, { operation: getOperation(id), params: { id: 'c' }, body });
    w.members.set('a7', member('a7', 3));
    const changes = probe.finish(w.state);
    expect(w.members.walks).toBe(0);
    expect(changes?.entities).toEqual([
      expect.objectContaining({ api: 'sonoran', kind: 'member', community: 'c', id: 'a7' }),
    ]);
  });

  it('falls back to the whole community for a body it cannot read', () => {
    const w = world(2);
    const probe = createProbe(w.state, { operation: getOperation(id), params: { id: 'c' }, body: { userPerms: 'no' } });
    probe.finish(w.state);
    expect(w.members.walks).toBeGreaterThan(0);
  });
});

/**
 * Namespaces fork the startup world's stores (copy on write). Random sequences of the changes each
 * store makes (joins, leaves, updates with and without "*", ejects, room replacement and deletion,
 * session data; member patches, community replacement and deletion, tones) on a fork must:
 * - never reach the startup world or another fork (their snapshots stay as they were);
 * - end in the state a store built from a deep copy reaches with the same changes;
 * - keep the running byte count equal to a count from scratch (`recountBytes`), at every step.
 */
import fc from 'fast-check';

import { DailyStore } from '../../mock-server/apis/daily/store';
import { applyPermissionsUpdate } from '../../mock-server/apis/daily/semantics';
import type { DailyRuntime, Participant, PermissionUpdate } from '../../mock-server/apis/daily/types';
import { buildCommunity } from '../../mock-server/apis/sonoran-radio/build';
import { SonoranStore } from '../../mock-server/apis/sonoran-radio/store';
import type { Member } from '../../mock-server/apis/sonoran-radio/types';
import { seededBytes } from '../helpers/daily';
import { assertProperty } from '../helpers/fc';
import { COMMUNITY, EMPTY_ROOM, NOW, ROOM, TEST_WORLD } from '../helpers/world';

const runtime = (): DailyRuntime => ({
  clock: { nowMs: () => NOW.getTime(), at: () => ({ cancel: () => undefined }) },
  randomBytes: seededBytes(7),
  meetingEndedDelayMs: 0,
});

const ROOMS = [ROOM, EMPTY_ROOM, 'made-here'] as const;
const SESSIONS = ['p-owner', 'p-guest', 'p-observer', 's-1', 's-2'] as const;

const permissionUpdate: fc.Arbitrary<PermissionUpdate> = fc.record(
  {
    hasPresence: fc.boolean(),
    canSend: fc.oneof(fc.boolean(), fc.constantFrom(['audio'], ['video', 'audio'])),
    canReceive: fc.record({ byUserId: fc.dictionary(fc.constantFrom('u-owner', 'u-guest', 'x'), fc.boolean()) }),
  },
  { requiredKeys: [] },
);

type DailyAct =
  | { kind: 'join'; room: string; id: string; userId: string }
  | { kind: 'leave'; room: string; id: string }
  | { kind: 'update'; room: string; data: Record<string, PermissionUpdate> }
  | { kind: 'eject'; room: string; ids: string[] }
  | { kind: 'delete'; room: string }
  | { kind: 'create'; room: string }
  | { kind: 'config'; room: string; value: number }
  | { kind: 'sessionData'; room: string; value: string };

const dailyAct: fc.Arbitrary<DailyAct> = fc.oneof(
  fc.record({
    kind: fc.constant('join' as const),
    room: fc.constantFrom(...ROOMS),
    id: fc.constantFrom(...SESSIONS),
    userId: fc.constantFrom('u-1', 'u-2'),
  }),
  fc.record({ kind: fc.constant('leave' as const), room: fc.constantFrom(...ROOMS), id: fc.constantFrom(...SESSIONS) }),
  fc.record({
    kind: fc.constant('update' as const),
    room: fc.constantFrom(...ROOMS),
    data: fc.dictionary(fc.constantFrom('*', ...SESSIONS), permissionUpdate, { maxKeys: 3 }),
  }),
  fc.record({
    kind: fc.constant('eject' as const),
    room: fc.constantFrom(...ROOMS),
    ids: fc.subarray([...SESSIONS]),
  }),
  fc.record({ kind: fc.constant('delete' as const), room: fc.constantFrom(...ROOMS) }),
  fc.record({ kind: fc.constant('create' as const), room: fc.constantFrom(...ROOMS) }),
  fc.record({
    kind: fc.constant('config' as const),
    room: fc.constantFrom(...ROOMS),
    value: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({ kind: fc.constant('sessionData' as const), room: fc.constantFrom(...ROOMS), value: fc.string() }),
);

function actOnDaily(store: DailyStore, act: DailyAct): void {
  const room = store.getRoom(act.room);
  if (act.kind === 'create') {
    if (room !== undefined) return;
    store.createRoom({
      id: `id-${act.room}`,
      name: act.room,
      apiCreated: true,
      privacy: 'public',
      createdAt: NOW.toISOString(),
      config: {},
      participants: new Map(),
      session: null,
    });
    return;
  }
  if (room === undefined) return;
  switch (act.kind) {
    case 'join': {
      if (room.participants.has(act.id)) return;
      const participant: Participant = {
        id: act.id,
        userId: act.userId,
        userName: null,
        owner: false,
        joinTime: NOW.toISOString(),
        permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false },
      };
      return store.join(act.room, participant);
    }
    case 'leave':
      return void store.leave(act.room, act.id);
    case 'update': {
      const outcome = applyPermissionsUpdate(room, act.data, { strict: false, interner: store.interner });
      if (outcome.ok && outcome.changes.size > 0) store.patchParticipants(act.room, outcome.changes);
      return;
    }
    case 'eject':
      return void store.eject(
        act.room,
        act.ids.filter((id) => room.participants.has(id)),
        ['u-1'],
      );
    case 'delete':
      return void store.deleteRoom(act.room);
    case 'config':
      return void store.updateRoom(act.room, { config: { max_participants: act.value } });
    case 'sessionData':
      if (room.session !== null) store.setSessionData(act.room, { note: act.value });
  }
}

type SonoranAct =
  | { kind: 'perm'; accId: string; perm: number }
  | { kind: 'remove'; accId: string }
  | { kind: 'replace' }
  | { kind: 'delete' }
  | { kind: 'tone' };

const ACCS = ['acc-admin', 'acc-officer', 'acc-new'] as const;
const sonoranAct: fc.Arbitrary<SonoranAct> = fc.oneof(
  fc.record({
    kind: fc.constant('perm' as const),
    accId: fc.constantFrom(...ACCS),
    perm: fc.integer({ min: 0, max: 1023 }),
  }),
  fc.record({ kind: fc.constant('remove' as const), accId: fc.constantFrom(...ACCS) }),
  fc.record({ kind: fc.constant('replace' as const) }),
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({ kind: fc.constant('tone' as const) }),
);

function actOnSonoran(store: SonoranStore, act: SonoranAct): void {
  const community = store.getCommunity(COMMUNITY);
  if (act.kind === 'replace') {
    const built = buildCommunity(COMMUNITY, { apiKey: 'k', name: 'Again', members: [{ accId: 'acc-new' }] });
    if (built.ok) store.setCommunity(built.community);
    return;
  }
  if (community === undefined) return;
  switch (act.kind) {
    case 'perm': {
      const member: Member = community.members.get(act.accId) ?? {
        accId: act.accId,
        username: act.accId,
        displayName: act.accId,
        permission: 0,
        profilePerms: new Map(),
        approved: true,
        pending: false,
        banned: false,
      };
      return store.patchMembers(COMMUNITY, new Map([[act.accId, { ...member, permission: act.perm }]]));
    }
    case 'remove':
      if (community.members.has(act.accId)) store.apply(COMMUNITY, { members: new Map([[act.accId, null]]) });
      return;
    case 'delete':
      return void store.deleteCommunity(COMMUNITY);
    case 'tone':
      return store.apply(COMMUNITY, {
        tone: { time: NOW.toISOString(), roomId: 1, tones: [1], playTo: [], via: 'v1' },
      });
  }
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

it('keeps each Daily fork apart from the startup world and from other forks, and counts its bytes exactly', async () => {
  await assertProperty(
    fc.property(fc.array(dailyAct, { maxLength: 40 }), (acts) => {
      const base = DailyStore.startup(TEST_WORLD.daily, NOW.getTime());
      base.freeze();
      const before = JSON.stringify(base.snapshot());
      const fork = base.fork(runtime());
      const other = base.fork(runtime());
      const plain = DailyStore.fromSnapshot(copy(TEST_WORLD.daily), runtime());
      expect(fork.ownedBytes).toBe(fork.recountBytes());
      for (const act of acts) {
        actOnDaily(fork, act);
        actOnDaily(plain, act);
        expect(fork.ownedBytes).toBe(fork.recountBytes());
        expect(plain.ownedBytes).toBe(plain.recountBytes());
      }
      expect(JSON.stringify(fork.snapshot())).toBe(JSON.stringify(plain.snapshot()));
      expect(JSON.stringify(base.snapshot())).toBe(before);
      expect(JSON.stringify(other.snapshot())).toBe(before);
      expect(other.ownedBytes).toBe(other.recountBytes());
    }),
    200,
  );
});

it('keeps each Sonoran fork apart from the startup world and from other forks, and counts its bytes exactly', async () => {
  await assertProperty(
    fc.property(fc.array(sonoranAct, { maxLength: 30 }), (acts) => {
      const base = SonoranStore.fromSnapshot(TEST_WORLD.sonoran);
      base.freeze();
      const before = JSON.stringify(base.snapshot());
      const fork = base.fork();
      const other = base.fork();
      const plain = SonoranStore.fromSnapshot(copy(TEST_WORLD.sonoran));
      for (const act of acts) {
        actOnSonoran(fork, act);
        actOnSonoran(plain, act);
        expect(fork.ownedBytes).toBe(fork.recountBytes());
        expect(plain.ownedBytes).toBe(plain.recountBytes());
      }
      expect(JSON.stringify(fork.snapshot())).toBe(JSON.stringify(plain.snapshot()));
      expect(JSON.stringify(base.snapshot())).toBe(before);
      expect(JSON.stringify(other.snapshot())).toBe(before);
    }),
    200,
  );
});

it('refuses to change the startup store itself', () => {
  const base = DailyStore.startup(TEST_WORLD.daily, NOW.getTime());
  base.freeze();
  expect(() => base.deleteRoom(ROOM)).toThrow(/startup world/);
  const sonoran = SonoranStore.fromSnapshot(TEST_WORLD.sonoran);
  sonoran.freeze();
  expect(() => sonoran.deleteCommunity(COMMUNITY)).toThrow(/startup world/);
});

it('costs a fork nothing but its map of names until it changes something, then what it changed', () => {
  const base = DailyStore.startup(TEST_WORLD.daily, NOW.getTime());
  base.freeze();
  const fork = base.fork(runtime());
  const idle = fork.ownedBytes;
  expect(idle).toBeLessThan(1024);
  expect(base.ownedBytes).toBeGreaterThan(idle + 1000);
  const room = fork.getRoom(ROOM);
  if (room === undefined) throw new Error('no room');
  const outcome = applyPermissionsUpdate(room, { 'p-guest': { canSend: false } }, { strict: false });
  if (!outcome.ok) throw new Error('refused');
  fork.patchParticipants(ROOM, outcome.changes);
  // The room's map (3 slots), its object, one participant and its new permissions value.
  const grown = fork.ownedBytes - idle;
  expect(grown).toBeGreaterThan(300);
  expect(grown).toBeLessThan(1500);
  expect(fork.ownedBytes).toBe(fork.recountBytes());
});

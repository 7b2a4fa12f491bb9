/**
 * Sonoran Radio's shared rules over HTTP against the independent model (sonoran-model.ts): random
 * sequences of acts (permissions, approve, kick, ban, unban, nicknames, rename, user channels, radio
 * users connecting, and v2's zones: upsert, update, delete, read), each sent through v1 or v2 at
 * random, answer what the model says in that version's terms and end in the state the model
 * predicts; a refused act changes nothing.
 */
import fc from 'fast-check';

import { startServer, type RunningMock } from '../../mock-server/server';
import { checkedFetch } from '../helpers/client';
import { assertProperty } from '../helpers/fc';
import {
  ADMIN,
  BANNED,
  DISPATCH,
  OFFICER,
  PENDING,
  RC,
  RC_KEY,
  SONORAN_WORLD,
  SUPERVISOR,
} from '../helpers/sonoran-world';
import { CommunityModel, type Expected, type ZoneBody } from './sonoran-model';

let lenient: RunningMock;
let strict: RunningMock;
beforeAll(async () => {
  [lenient, strict] = await Promise.all([
    startServer({ port: 0, world: SONORAN_WORLD }),
    startServer({ port: 0, world: SONORAN_WORLD, strict: true }),
  ]);
});
afterAll(() => Promise.all([lenient.close(), strict.close()]));

const account = fc.constantFrom(ADMIN, SUPERVISOR, OFFICER, DISPATCH, PENDING, BANNED, 'acc-stranger');
const channel = fc.constantFrom(1, 2, 3, 12, 13, 99);
const version = fc.constantFrom('v1' as const, 'v2' as const);
const entry = fc.record(
  {
    accId: account,
    perm: fc.integer({ min: 0, max: 1023 }),
    profilePerms: fc.array(fc.record({ profileId: fc.constantFrom(1, 12, 13, 99), canJoin: fc.boolean() }), {
      maxLength: 2,
    }),
  },
  { requiredKeys: ['accId', 'perm'] },
);

/** Zones: names from a small pool (the world's room 1 has a GEO zone "Downtown"; two need URL-encoding). */
const zoneName = fc.constantFrom<string>('Downtown', 'Old Town', 'Bay/Pier');
/**
 * The name an update or delete names: from the pool, or (undefined) one the model holds for that room
 * and type when it holds any, so that zones stored earlier in a sequence get updated and deleted too.
 */
const zoneTarget = fc.option(zoneName, { nil: undefined, freq: 2 });
/** Room 1 mostly, so calls meet the zones earlier ones stored; room 2 (no zones); now and then the unknown room 3. */
const zoneRoom = fc.oneof(
  { weight: 5, arbitrary: fc.constant(1) },
  { weight: 3, arbitrary: fc.constant(2) },
  { weight: 1, arbitrary: fc.constant(3) },
);
/** The path's zone type: geo or degrade, now and then one the docs do not serve. */
const zoneType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('geo') },
  { weight: 3, arbitrary: fc.constant('degrade') },
  { weight: 1, arbitrary: fc.constant('emergency') },
);
const zoneChannel = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(1, 2, 3, 12, 13) },
  { weight: 1, arbitrary: fc.constant(99) },
);
/** A zone's ingredients; perform() builds the body for the path's type, with at most one fault. */
const zone = fc.record({
  name: zoneName,
  circle: fc.boolean(),
  height: fc.constantFrom({ minZ: 0, maxZ: 50 }, { minZ: 10, maxZ: 10 }),
  typed: fc.boolean(),
  transmitChannels: fc.array(zoneChannel, { maxLength: 1 }),
  scanChannels: fc.array(zoneChannel, { maxLength: 1 }),
  acePerms: fc.array(fc.constantFrom('police', 'fire'), { maxLength: 1 }),
  degradeStrength: fc.constantFrom(0, 0.5, 3),
  fault: fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'two points' as const,
        'both shapes' as const,
        'minZ above maxZ' as const,
        'other options.zoneType' as const,
        'no degradeStrength' as const,
      ),
    },
  ),
});
const zoneAct = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('zone-upsert' as const), roomId: zoneRoom, zoneType, zone }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('zone-update' as const),
      roomId: zoneRoom,
      zoneType,
      name: zoneTarget,
      zone,
      /** Whether the body keeps the path's name (else it carries its own: a rename, unless equal). */
      keepName: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('zone-delete' as const), roomId: zoneRoom, zoneType, name: zoneTarget }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('zone-read' as const), roomId: zoneRoom }) },
);

const act = fc.oneof(
  fc.record({ kind: fc.constant('permissions' as const), version, userPerms: fc.array(entry, { maxLength: 3 }) }),
  fc.record({
    kind: fc.constantFrom('approve' as const, 'kick' as const, 'ban' as const, 'unban' as const),
    version,
    accIds: fc.array(account, { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('nicknames' as const),
    version,
    entries: fc.array(fc.record({ accId: account, nickname: fc.constantFrom('Unit 1', 'Unit 2') }), { maxLength: 2 }),
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    version,
    identity: account,
    name: fc.constantFrom('Chief', 'Sgt'),
  }),
  fc.record(
    {
      kind: fc.constant('channels' as const),
      version,
      roomId: fc.constantFrom(1, 2, 3),
      identity: account,
      transmit: fc.array(channel, { maxLength: 1 }),
      scan: fc.array(channel, { maxLength: 3 }),
    },
    { requiredKeys: ['kind', 'version', 'roomId', 'identity'] },
  ),
  fc.record({
    kind: fc.constant('connect' as const),
    roomId: fc.constantFrom(1, 2, 3),
    identity: account,
    transmit: fc.array(fc.constantFrom(1, 2, 12), { maxLength: 1 }),
  }),
  // Zone calls come in runs of one to three, so that one meets what another stored.
  { weight: 2, arbitrary: fc.array(zoneAct, { minLength: 1, maxLength: 3 }) },
);
type ZoneAct = typeof zoneAct extends fc.Arbitrary<infer T> ? T : never;
type Act = Exclude<typeof act extends fc.Arbitrary<infer T> ? T : never, readonly unknown[]> | ZoneAct;
/** A sequence of acts, the runs of zone calls laid out in it. */
const acts = fc
  .array(act, { minLength: 1, maxLength: 10 })
  .map((list) => list.flatMap((a): Act[] => (Array.isArray(a) ? a : [a])));
type ZoneParts = typeof zone extends fc.Arbitrary<infer T> ? T : never;

/** The zone body for a path's type: GEO options for geo (and a bad type), degradeStrength for degrade. */
function zoneBody(kind: string, z: ZoneParts): ZoneBody {
  const triangle = [
    { x: 0, y: 0 },
    { x: 0, y: 20 },
    { x: 20, y: 0 },
  ];
  const circle = { center: { x: 5, y: 5 }, radius: 25 };
  const shape =
    z.fault === 'two points'
      ? { points: triangle.slice(0, 2) }
      : z.fault === 'both shapes'
        ? { points: triangle, ...circle }
        : z.circle
          ? circle
          : { points: triangle };
  const height = z.fault === 'minZ above maxZ' ? { minZ: 60, maxZ: 20 } : z.height;
  const typed =
    z.fault === 'other options.zoneType'
      ? { zoneType: kind === 'geo' ? 'degrade' : 'geo' }
      : z.typed && (kind === 'geo' || kind === 'degrade')
        ? { zoneType: kind }
        : {};
  const extra =
    kind === 'degrade'
      ? z.fault === 'no degradeStrength'
        ? {}
        : { degradeStrength: z.degradeStrength }
      : { transmitChannels: z.transmitChannels, scanChannels: z.scanChannels, acePerms: z.acePerms };
  return { ...shape, options: { name: z.name, ...height, ...typed, ...extra } };
}

async function call(mock: RunningMock, method: string, path: string, body: unknown, v2: boolean) {
  const res = await checkedFetch(`${mock.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...(v2 && { Authorization: `Bearer ${RC_KEY}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Send one act through its version; the model's answer for it, and the mock's. */
async function perform(mock: RunningMock, model: CommunityModel, a: Act) {
  const S = `/v2/servers/${RC}`;
  const v2 = 'version' in a && a.version === 'v2';
  switch (a.kind) {
    case 'permissions':
      return {
        expected: model.permissions(a.userPerms),
        got: v2
          ? await call(mock, 'PATCH', `${S}/members/permissions`, { roomId: 1, userPerms: a.userPerms }, true)
          : await call(
              mock,
              'POST',
              `/api/servers/${RC}/members/permissions`,
              { apiKey: RC_KEY, userPerms: a.userPerms },
              false,
            ),
        key: 'updatedAccIds',
      };
    case 'approve':
    case 'kick':
    case 'ban':
    case 'unban': {
      const expected = model[a.kind](a.accIds);
      if (!v2 && a.kind === 'unban')
        return {
          expected,
          got: await call(mock, 'POST', `${S}/members/unban`, { accIds: a.accIds }, true),
          key: 'unbannedAccIds',
        };
      return {
        expected,
        got: v2
          ? await call(mock, 'POST', `${S}/members/${a.kind}`, { roomId: 1, accIds: a.accIds }, true)
          : await call(
              mock,
              'POST',
              `/api/servers/${RC}/members/${a.kind}`,
              { apiKey: RC_KEY, accIds: a.accIds },
              false,
            ),
        key: `${a.kind === 'ban' ? 'bann' : a.kind === 'unban' ? 'unbann' : a.kind === 'kick' ? 'kick' : 'approv'}edAccIds`,
      };
    }
    case 'nicknames':
      return {
        expected: model.nicknames(a.entries),
        got: v2
          ? await call(mock, 'PATCH', `${S}/members/display-names`, { accNicknames: a.entries }, true)
          : await call(
              mock,
              'POST',
              `/api/servers/${RC}/members/nicknames`,
              { apiKey: RC_KEY, accNicknames: a.entries },
              false,
            ),
        key: 'updatedAccIds',
      };
    case 'rename':
      return {
        expected: model.rename(a.identity, a.name, v2),
        got: v2
          ? await call(mock, 'PATCH', `${S}/users/display-name`, { accId: a.identity, displayName: a.name }, true)
          : await call(
              mock,
              'POST',
              '/api/set-user-display-name',
              { id: RC, key: RC_KEY, accId: a.identity, displayName: a.name },
              false,
            ),
      };
    case 'channels': {
      const choice = {
        ...(a.transmit !== undefined && { transmit: a.transmit }),
        ...(a.scan !== undefined && { scan: a.scan }),
      };
      const v1Body = a.transmit?.length === 1 ? { ...choice, transmit: a.transmit[0] } : choice;
      return {
        expected: model.setChannels(a.roomId, a.identity, choice),
        got: v2
          ? await call(mock, 'PATCH', `${S}/rooms/${a.roomId}/users/${a.identity}/channels`, choice, true)
          : await call(
              mock,
              'POST',
              `/api/radio/set-user-channels/${RC}/${RC_KEY}/${a.roomId}/${a.identity}`,
              v1Body,
              false,
            ),
      };
    }
    case 'zone-read':
      return {
        expected: model.readZones(a.roomId),
        got: await call(mock, 'GET', `${S}/rooms/${a.roomId}/zones`, undefined, true),
      };
    case 'zone-upsert': {
      // Sonoran.js adds the instance's roomId to every body; where the path names the room it is ignored.
      const body = zoneBody(a.zoneType, a.zone);
      return {
        expected: model.upsertZone(a.roomId, a.zoneType, body),
        got: await call(mock, 'POST', `${S}/rooms/${a.roomId}/zones/${a.zoneType}`, { roomId: 1, zone: body }, true),
      };
    }
    case 'zone-update': {
      const name = a.name ?? model.zoneNames(a.roomId, a.zoneType)[0] ?? 'Old Town';
      const body = zoneBody(a.zoneType, a.keepName ? { ...a.zone, name } : a.zone);
      const path = `${S}/rooms/${a.roomId}/zones/${a.zoneType}/${encodeURIComponent(name)}`;
      return {
        expected: model.updateZone(a.roomId, a.zoneType, name, body),
        got: await call(mock, 'PATCH', path, { roomId: 1, zone: body }, true),
      };
    }
    case 'zone-delete': {
      const name = a.name ?? model.zoneNames(a.roomId, a.zoneType).at(-1) ?? 'Bay/Pier';
      const path = `${S}/rooms/${a.roomId}/zones/${a.zoneType}/${encodeURIComponent(name)}`;
      return {
        expected: model.deleteZone(a.roomId, a.zoneType, name),
        got: await call(mock, 'DELETE', path, undefined, true),
      };
    }
    case 'connect':
      return {
        expected: model.connect(a.roomId, a.identity, a.transmit) as Expected | { status: number },
        got: await call(
          mock,
          'POST',
          `/__admin/sonoran/communities/${RC}/rooms/${a.roomId}/users`,
          { identity: a.identity, transmit: a.transmit },
          false,
        ),
      };
  }
}

async function stateOf(mock: RunningMock) {
  const community = (await mock.state()).sonoran.communities.find((c) => c.id === RC);
  if (community === undefined) throw new Error('no community');
  return {
    members: community.members.map((m) => ({
      accId: m.accId,
      displayName: m.displayName,
      permission: m.permission,
      profilePerms: m.profilePerms,
      approved: m.approved,
      pending: m.pending,
      banned: m.banned,
    })),
    rooms: (community.rooms ?? []).map((r) => ({
      id: r.id,
      users: r.users.map((u) => ({ identity: u.identity, name: u.name, transmit: u.transmit, scan: u.scan })),
      geoZones: r.geoZones,
      degradeZones: r.degradeZones,
    })),
  };
}

describe.each([
  ['lenient', false],
  ['strict', true],
])('%s', (_mode, isStrict) => {
  it('random acts through random versions answer and end as the model says; refusals change nothing', async () => {
    const mock = isStrict ? strict : lenient;
    await assertProperty(
      fc.asyncProperty(acts, async (sequence) => {
        await mock.reset();
        const start = SONORAN_WORLD.sonoran.communities.find((c) => c.id === RC);
        if (start === undefined) throw new Error('no community');
        const model = new CommunityModel(start, isStrict);
        for (const a of sequence) {
          const before = JSON.stringify(await mock.state());
          const { expected, got, key } = { key: undefined, ...(await perform(mock, model, a)) };
          expect([a, got.status]).toEqual([a, expected.status]);
          if (got.status >= 400) expect(JSON.stringify(await mock.state())).toBe(before);
          const v2 = 'version' in a && (a.version === 'v2' || a.kind === 'unban');
          if (v2 && key !== undefined && 'list' in expected) expect(got.body[key]).toEqual(expected.list);
          if (v2 && a.kind === 'channels' && 'channels' in expected && expected.channels !== undefined) {
            expect(got.body).toMatchObject(expected.channels);
          }
          if (got.status < 400 && 'snapshot' in expected && expected.snapshot !== undefined)
            expect([a, got.body]).toEqual([a, expected.snapshot]);
        }
        expect(await stateOf(mock)).toEqual(model.view());
      }),
      50,
    );
  });
});

/**
 * Sonoran Radio's shared rules over HTTP against the independent model (sonoran-model.ts): random
 * sequences of acts (permissions, approve, kick, ban, unban, nicknames, rename, user channels, and
 * radio users connecting), each sent through v1 or v2 at random, answer what the model says in that
 * version's terms and end in the state the model predicts; a refused act changes nothing.
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
import { CommunityModel, type Expected } from './sonoran-model';

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
);
type Act = typeof act extends fc.Arbitrary<infer T> ? T : never;

async function call(mock: RunningMock, method: string, path: string, body: unknown, v2: boolean) {
  const res = await checkedFetch(`${mock.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(v2 && { Authorization: `Bearer ${RC_KEY}` }) },
    body: JSON.stringify(body),
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
      fc.asyncProperty(fc.array(act, { minLength: 1, maxLength: 10 }), async (acts) => {
        await mock.reset();
        const start = SONORAN_WORLD.sonoran.communities.find((c) => c.id === RC);
        if (start === undefined) throw new Error('no community');
        const model = new CommunityModel(start, isStrict);
        for (const a of acts) {
          const before = JSON.stringify(await mock.state());
          const { expected, got, key } = { key: undefined, ...(await perform(mock, model, a)) };
          expect([a, got.status]).toEqual([a, expected.status]);
          if (got.status >= 400) expect(JSON.stringify(await mock.state())).toBe(before);
          const v2 = 'version' in a && (a.version === 'v2' || a.kind === 'unban');
          if (v2 && key !== undefined && 'list' in expected) expect(got.body[key]).toEqual(expected.list);
          if (v2 && a.kind === 'channels' && 'channels' in expected && expected.channels !== undefined) {
            expect(got.body).toMatchObject(expected.channels);
          }
        }
        expect(await stateOf(mock)).toEqual(model.view());
      }),
      50,
    );
  });
});

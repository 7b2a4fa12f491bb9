/**
 * Daily's calls over HTTP against the reference model: random sequences of joins (with the room's
 * initial permissions and its max_participants), leaves, ejects and updates end in the state the
 * model predicts, each answer as predicted; ejecting twice ejects nobody the second time.
 */
import fc from 'fast-check';

import { startServer, type RunningMock } from '../../mock-server/server';
import { checkedFetch } from '../helpers/client';
import { assertProperty } from '../helpers/fc';
import { API_KEY, TEST_WORLD } from '../helpers/world';
import { dailyUpdate } from './arbitraries';
import { DailyCallModel } from './model';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startServer({ port: 0, world: TEST_WORLD });
});
afterAll(() => mock.close());

const ROOM = 'prop-room';
const IDS = ['s1', 's2', 's3', 's4', '__proto__', 'constructor'] as const;
const USERS = ['u1', 'u2', '__proto__'] as const;

async function send(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await checkedFetch(`${mock.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const command = fc.oneof(
  fc.record({
    kind: fc.constant('join' as const),
    id: fc.constantFrom(...IDS),
    userId: fc.constantFrom<string | null>(...USERS, null),
  }),
  fc.record({ kind: fc.constant('leave' as const), id: fc.constantFrom(...IDS) }),
  fc.record({
    kind: fc.constant('eject' as const),
    ids: fc.subarray([...IDS, 'ghost']),
    userIds: fc.subarray([...USERS, 'u3']),
  }),
  fc.record({
    kind: fc.constant('update' as const),
    data: fc.dictionary(fc.constantFrom(...IDS, '*'), dailyUpdate, { maxKeys: 3 }),
  }),
);

async function roomView() {
  const room = (await mock.state()).daily.rooms.find((r) => r.name === ROOM);
  if (room === undefined) throw new Error('no room');
  return room.participants.map((p) => ({ id: p.id, userId: p.userId, permissions: p.permissions }));
}

it('a random sequence of joins, leaves, ejects and updates ends in the state the model predicts', async () => {
  await assertProperty(
    fc.asyncProperty(
      dailyUpdate,
      fc.integer({ min: 1, max: 5 }),
      fc.array(command, { minLength: 1, maxLength: 12 }),
      async (roomPermissions, max, commands) => {
        await mock.reset();
        const made = await send('POST', '/v1/rooms', {
          name: ROOM,
          properties: { permissions: roomPermissions, max_participants: max },
        });
        expect(made.status).toBe(200);
        const model = new DailyCallModel(JSON.parse(JSON.stringify(roomPermissions)) as never, max);
        for (const c of commands) {
          if (c.kind === 'join') {
            const body = { id: c.id, ...(c.userId !== null && { userId: c.userId }) };
            expect((await send('POST', `/__admin/daily/rooms/${ROOM}/participants`, body)).status).toBe(
              model.join(c.id, c.userId),
            );
          } else if (c.kind === 'leave') {
            const res = await send('DELETE', `/__admin/daily/rooms/${ROOM}/participants/${encodeURIComponent(c.id)}`);
            expect(res.status).toBe(model.leave(c.id));
          } else if (c.kind === 'eject') {
            const res = await send('POST', `/v1/rooms/${ROOM}/eject`, { ids: c.ids, user_ids: c.userIds });
            expect(res).toEqual({ status: 200, body: { ejectedIds: model.eject(c.ids, c.userIds) } });
          } else {
            const res = await send('POST', `/v1/rooms/${ROOM}/update-permissions`, { data: c.data });
            expect(res.status).toBe(model.apply(JSON.parse(JSON.stringify(c.data)) as never));
          }
        }
        expect(await roomView()).toEqual(model.view());
      },
    ),
    60,
  );
});

it('ejecting the same ids twice ejects nobody the second time and changes nothing', async () => {
  await assertProperty(
    fc.asyncProperty(fc.subarray([...IDS]), fc.subarray([...IDS]), async (present, targets) => {
      await mock.reset();
      await send('POST', '/v1/rooms', { name: ROOM });
      for (const id of present) await send('POST', `/__admin/daily/rooms/${ROOM}/participants`, { id });
      const first = await send('POST', `/v1/rooms/${ROOM}/eject`, { ids: targets });
      expect(first.body).toEqual({ ejectedIds: present.filter((id) => targets.includes(id)) });
      const before = JSON.stringify((await mock.state()).daily.rooms);
      const second = await send('POST', `/v1/rooms/${ROOM}/eject`, { ids: targets });
      expect(second.body).toEqual({ ejectedIds: [] });
      expect(JSON.stringify((await mock.state()).daily.rooms)).toBe(before);
    }),
    40,
  );
});

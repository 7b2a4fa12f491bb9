/** Size limits: clear control-API errors, a refusing start, and nothing changed. */
import { http } from '../helpers/client';

import { createApp } from '../../mock-server/app';
import { buildTestApp, stateText } from '../helpers/app';
import { OBSERVER, ROOM, TEST_WORLD } from '../helpers/world';

const participants = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}` }));
const members = (n: number) => Array.from({ length: n }, (_, i) => ({ accId: `a${i}` }));

it('refuses a room with more participants than the limit, naming the flag', async () => {
  const app = buildTestApp({ maxParticipantsPerRoom: 3 });
  const before = await stateText(app);
  const res = await http(app)
    .put('/__admin/daily/rooms/big')
    .send({ participants: participants(4) });
  expect(res).toMatchContract('admin.putDailyRoom');
  expect(res).toBeProblem('MOCK_LIMIT_EXCEEDED');
  expect(res.body.detail).toBe(
    'room big would have 4 participants; the limit is 3 (raise it with --max-participants or PERM_MOCK_MAX_PARTICIPANTS)',
  );
  expect(await stateText(app)).toBe(before);
  expect(
    (
      await http(app)
        .put('/__admin/daily/rooms/big')
        .send({ participants: participants(3) })
    ).status,
  ).toBe(200);
});

it('refuses a participant joining a full room', async () => {
  const app = buildTestApp({ maxParticipantsPerRoom: 3 });
  const res = await http(app).post(`/__admin/daily/rooms/${ROOM}/participants`).send({ id: 'one-too-many' });
  expect(res).toMatchContract('admin.joinDailyParticipant');
  expect(res).toBeProblem('MOCK_LIMIT_EXCEEDED');
  expect((await http(app).delete(`/__admin/daily/rooms/${ROOM}/participants/${OBSERVER}`)).status).toBe(200);
  expect((await http(app).post(`/__admin/daily/rooms/${ROOM}/participants`).send({ id: 'fits' })).status).toBe(201);
});

it('refuses a community with more members than the limit', async () => {
  const app = buildTestApp({ maxMembersPerCommunity: 5 });
  const res = await http(app)
    .put('/__admin/sonoran/communities/big')
    .send({ apiKey: 'k', members: members(6) });
  expect(res).toMatchContract('admin.putSonoranCommunity');
  expect(res).toBeProblem('MOCK_LIMIT_EXCEEDED');
  expect(res.body.detail).toContain('--max-members');
});

it('refuses to start from a world that breaks a limit', () => {
  expect(() => createApp({ world: TEST_WORLD, maxMembersPerCommunity: 4 })).toThrow(
    'the startup world breaks a limit: community test-community would have 5 members; the limit is 4',
  );
});

/** Named scenarios: data in fixtures/scenarios, loaded into a namespace by name. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { http } from '../helpers/client';

import { getContractRegistry } from '../../contracts/registry';
import { SCENARIOS } from '../../fixtures/scenarios';
import { buildTestApp, postDailyUpdate, postSonoranUpdate } from '../helpers/app';
import { API_KEY, TEST_WORLD } from '../helpers/world';

it('lists every scenario file, each valid against its schema', async () => {
  const files = readdirSync(join(__dirname, '..', '..', 'fixtures', 'scenarios')).filter((f) => f.endsWith('.json'));
  const names = (SCENARIOS as { name: string }[]).map((s) => s.name);
  expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...names].sort());
  for (const scenario of SCENARIOS) {
    expect(getContractRegistry().validate('urn:perm-mock:admin:scenarios#/$defs/scenario', scenario)).toEqual([]);
  }
  const res = await http(buildTestApp()).get('/__admin/scenarios');
  expect(res).toMatchContract('admin.listScenarios');
  expect(res.body.scenarios.map((s: { name: string }) => s.name)).toEqual(names);
});

it('loads hidden-observer: a call with a hidden observer, keeping the Daily API keys', async () => {
  const app = buildTestApp();
  const res = await http(app).post('/ns/s1/__admin/scenarios/hidden-observer');
  expect(res).toMatchContract('admin.loadScenario');
  expect(res.body.daily.apiKeys).toEqual([API_KEY]);
  expect(res.body.sonoran.communities).toEqual([]);
  const [room] = res.body.daily.rooms;
  expect(room.name).toBe('briefing');
  expect(room.participants.find((p: { id: string }) => p.id === 'observer-session').permissions).toMatchObject({
    hasPresence: false,
    canSend: false,
  });
  expect(room.participants.find((p: { id: string }) => p.id === 'host-session')).toMatchObject({
    owner: true,
    permissions: { canAdmin: true },
  });
  expect(app.mock.state()).toEqual(TEST_WORLD);
});

it('loads admin-lost-every-bit: the former admin holds mask 0 and a deny', async () => {
  const app = buildTestApp();
  await http(app).post('/__admin/scenarios/admin-lost-every-bit');
  const member = await http(app).get(
    '/__admin/sonoran/communities/riverside-rp/members/0b7e7a9c-5a0e-4d1c-9a37-6d0f2a1b3c4d',
  );
  expect(member.body).toMatchObject({
    permission: 0,
    permissionNames: [],
    profilePerms: [{ profileId: 12, canJoin: false }],
  });
  const restored = await postSonoranUpdate(app, 'riverside-rp', {
    apiKey: 'riverside-key',
    userPerms: [
      { accId: '0b7e7a9c-5a0e-4d1c-9a37-6d0f2a1b3c4d', perm: 1023, profilePerms: [{ profileId: 12, canJoin: true }] },
    ],
  });
  expect(restored.status).toBe(200);
});

it('loads no-call: every Daily update is refused as not hosting a call', async () => {
  const app = buildTestApp();
  await http(app).post('/__admin/scenarios/no-call');
  const res = await postDailyUpdate(app, 'quiet-room', { data: {} });
  expect(res.status).toBe(404);
  expect(res.body.info).toBe('room quiet-room is not hosting a call');
});

it('answers an unknown scenario with the list of known ones', async () => {
  const res = await http(buildTestApp()).post('/__admin/scenarios/nope');
  expect(res).toMatchContract('admin.loadScenario');
  expect(res).toBeProblem('MOCK_SCENARIO_NOT_FOUND');
  expect(res.body.detail).toContain('hidden-observer');
});

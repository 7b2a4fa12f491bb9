/**
 * One handle vocabulary: startServer() and setupPermMock() give the same async methods, each a
 * control-API call, and `call()` reaches every other operation of the table by its id.
 */
import { OPERATIONS } from '../../contracts/operations';
import { ControlApiError } from '../../mock-server/control';
import { startServer, type RunningMock } from '../../mock-server/server';
import { setupPermMock } from '../../mock-server/testing';
import { checkedFetch } from '../helpers/client';
import { COMMUNITY, GUEST, ROOM, TEST_WORLD } from '../helpers/world';

const handle = setupPermMock({ world: TEST_WORLD });
let mock: RunningMock;
beforeAll(async () => {
  mock = await startServer({ port: 0, world: TEST_WORLD });
});
afterAll(() => mock.close());

const methods = (value: object): string[] =>
  Object.keys(value)
    .filter((key) => typeof (value as Record<string, unknown>)[key] === 'function')
    .sort();

it('gives both handles the same control methods', () => {
  const control = [
    'advanceClock',
    'call',
    'clearFaults',
    'clearRequests',
    'clock',
    'fault',
    'faults',
    'loadScenario',
    'rateLimits',
    'report',
    'requests',
    'reset',
    'state',
  ];
  expect(methods(handle)).toEqual(control);
  expect(methods(mock).filter((m) => !['app', 'close', 'namespace'].includes(m))).toEqual(control);
  expect(methods(mock.namespace('other'))).toEqual(control);
});

it('acts on the handle namespace only, one control-API call per method', async () => {
  const other = mock.namespace('control-client');
  await other.call('admin.putDailyRoom', { params: { name: 'solo' }, body: { participants: [{ id: 'p1' }] } });
  expect((await other.state()).daily.rooms.map((r) => r.name)).toEqual(['standup', 'quiet-room', 'solo']);
  expect((await mock.state()).daily.rooms.map((r) => r.name)).toEqual(['standup', 'quiet-room']);
  await other.fault({ api: 'daily', status: 500 });
  expect(await other.faults()).toHaveLength(1);
  expect(await mock.faults()).toEqual([]);
  expect((await other.advanceClock(60)).offsetSeconds).toBe(60);
  expect((await mock.clock()).offsetSeconds).toBe(0);
  const limits = await other.rateLimits({ daily: true });
  expect(limits.daily?.buckets[0]?.id).toBe('daily.default');
  expect((await other.reset()).daily.rooms.map((r) => r.name)).toEqual(['standup', 'quiet-room']);
  expect((await other.rateLimits()).daily).toBeNull();
});

it('reaches every control-API operation of the table through call()', async () => {
  const admin = [...OPERATIONS.values()].filter((op) => op.api === 'admin');
  expect(admin.length).toBeGreaterThan(10);
  const room = await mock.call('admin.getDailyRoom', { params: { name: ROOM } });
  expect(room).toMatchObject({ name: ROOM });
  const member = await handle.call('admin.listSonoranCommunities');
  expect(member).toMatchObject({ communities: [{ id: COMMUNITY }] });
  await expect(mock.call('daily.updatePermissions')).rejects.toThrow(/not a control-API operation/);
});

it('rejects a refused call with the status and the problem, saying why', async () => {
  const refused = handle.call('admin.getDailyRoom', { params: { name: 'nope' } });
  await expect(refused).rejects.toBeInstanceOf(ControlApiError);
  await expect(refused).rejects.toMatchObject({ status: 404, problem: { code: 'MOCK_ROOM_NOT_FOUND' } });
  await expect(refused).rejects.toThrow(/GET \/__admin\/daily\/rooms\/nope answered 404: no room named nope/);
});

it('reads the journal of the namespace with a filter', async () => {
  await checkedFetch(`${handle.dailyBaseUrl}/rooms/${ROOM}/update-permissions`, {
    method: 'POST',
    headers: { Authorization: 'Bearer test-daily-key', 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { [GUEST]: { canSend: false } } }),
  });
  expect(await handle.requests({ api: 'daily', valid: true })).toHaveLength(1);
  expect(await handle.requests({ api: 'sonoran' })).toEqual([]);
  expect(await mock.requests()).toEqual([]);
});

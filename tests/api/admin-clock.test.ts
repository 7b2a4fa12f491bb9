/** The control API moves a namespace's clock: journal times follow it, other namespaces keep theirs, reset restores it. */
import { buildTestApp, postDailyUpdate } from '../helpers/app';
import { http } from '../helpers/client';
import { GUEST, NOW, ROOM } from '../helpers/world';

it('reads and advances the clock of the request namespace only', async () => {
  const app = buildTestApp();
  const before = await http(app).get('/__admin/clock');
  expect(before).toMatchContract('admin.getClock');
  expect(before.body).toEqual({ now: NOW.toISOString(), offsetSeconds: 0, timers: 0 });

  const moved = await http(app).post('/__admin/clock').send({ advanceSeconds: 3600.5 });
  expect(moved).toMatchContract('admin.advanceClock');
  expect(moved.body.now).toBe('2026-01-01T13:00:00.500Z');
  expect(moved.body.offsetSeconds).toBe(3600.5);

  await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: false } } });
  expect(app.mock.requests().at(-1)?.time).toBe('2026-01-01T13:00:00.500Z');
  expect((await http(app).get('/ns/other/__admin/clock')).body.offsetSeconds).toBe(0);

  await http(app).post('/__admin/reset');
  expect((await http(app).get('/__admin/clock')).body.now).toBe(NOW.toISOString());
});

it('refuses to move backwards or by something that is not a number', async () => {
  const app = buildTestApp();
  for (const body of [{ advanceSeconds: -1 }, { advanceSeconds: '10' }, {}]) {
    const res = await http(app).post('/__admin/clock').send(body);
    expect(res).toBeProblem('MOCK_INVALID_BODY');
  }
});

/** Rate limits: off by default; Daily's documented windows (20/s, 100 per 5 s) switched on per namespace. */
import { http } from '../helpers/client';

import { buildTestApp, postDailyUpdate, postSonoranUpdate } from '../helpers/app';
import { API_KEY, COMMUNITY, GUEST, OFFICER_ACC, ROOM, SONORAN_KEY } from '../helpers/world';

const body = { data: { [GUEST]: { canSend: ['audio'] } } };

/** Daily's three documented buckets, as the operation table holds them: each operation names one. */
const DAILY_DOCUMENTED = [
  {
    id: 'daily.default',
    windows: [
      { limit: 20, seconds: 1 },
      { limit: 100, seconds: 5 },
    ],
    per: 'namespace',
    operations: [
      'daily.updatePermissions',
      'daily.getDomain',
      'daily.setDomain',
      'daily.createRoom',
      'daily.listRooms',
      'daily.getRoom',
      'daily.updateRoom',
      'daily.createMeetingToken',
      'daily.validateMeetingToken',
      'daily.getRoomPresence',
      'daily.getPresence',
      'daily.eject',
      'daily.getSessionData',
      'daily.setSessionData',
      'daily.sendAppMessage',
      'daily.createWebhook',
      'daily.listWebhooks',
      'daily.getWebhook',
      'daily.updateWebhook',
      'daily.deleteWebhook',
    ],
  },
  {
    id: 'daily.delete',
    windows: [
      { limit: 2, seconds: 1 },
      { limit: 50, seconds: 30 },
    ],
    per: 'namespace',
    operations: ['daily.deleteRoom'],
  },
  {
    id: 'daily.media',
    windows: [
      { limit: 1, seconds: 1 },
      { limit: 5, seconds: 5 },
    ],
    per: 'namespace',
    operations: [],
  },
];

function clocked() {
  let now = Date.parse('2026-01-01T12:00:00.000Z');
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

it('is off by default', async () => {
  const app = buildTestApp();
  for (let i = 0; i < 30; i += 1) expect((await postDailyUpdate(app, ROOM, body)).status).toBe(200);
  const view = await http(app).get('/__admin/rate-limits');
  expect(view).toMatchContract('admin.getRateLimits');
  expect(view.body).toEqual({ daily: null, sonoran: null });
});

it("answers the 21st Daily request within a second with Daily's 429 and Retry-After", async () => {
  const { clock, advance } = clocked();
  const app = buildTestApp({ clock });
  const on = await http(app).put('/__admin/rate-limits').send({ daily: true });
  expect(on).toMatchContract('admin.putRateLimits');
  expect(on.body.daily).toEqual({ buckets: DAILY_DOCUMENTED });
  for (let i = 0; i < 20; i += 1) expect((await postDailyUpdate(app, ROOM, body)).status).toBe(200);
  const limited = await postDailyUpdate(app, ROOM, body);
  expect(limited.status).toBe(429);
  expect(limited.body).toEqual({ error: 'rate-limit-error', info: 'rate limit exceeded' });
  expect(limited.headers['retry-after']).toBe('1');
  expect(limited.headers['x-perm-mock-reason']).toMatch(/^DAILY_RATE_LIMITED: /);
  advance(1001);
  expect((await postDailyUpdate(app, ROOM, body)).status).toBe(200);
});

it('enforces 100 per 5 seconds even when each second stays under 20', async () => {
  const { clock, advance } = clocked();
  const app = buildTestApp({ clock, dailyRateLimit: true });
  for (let second = 0; second < 5; second += 1) {
    for (let i = 0; i < 20; i += 1) expect((await postDailyUpdate(app, ROOM, body)).status).toBe(200);
    advance(1000);
  }
  advance(-1); // 4.999 s after the first request
  const limited = await postDailyUpdate(app, ROOM, body);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
});

it('limits only the namespace it is switched on in', async () => {
  const app = buildTestApp();
  await http(app)
    .put('/ns/limited/__admin/rate-limits')
    .send({ daily: { windows: [{ limit: 1, seconds: 60 }] } });
  const post = (prefix: string) =>
    http(app)
      .post(`${prefix}/v1/rooms/${ROOM}/update-permissions`)
      .set({ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' })
      .send(body);
  expect((await post('/ns/limited')).status).toBe(200);
  const second = await post('/ns/limited');
  expect(second).toMatchContract('daily.updatePermissions');
  expect(second.status).toBe(429);
  expect((await post('')).status).toBe(200);
  expect((await post('')).status).toBe(200);
});

it("answers Sonoran's limit with 429 and switches off again", async () => {
  const app = buildTestApp();
  const on = await http(app).put('/__admin/rate-limits').send({ sonoran: true });
  expect(on.body.sonoran.buckets[0]).toEqual({
    id: 'sonoran.v1',
    windows: [{ limit: 4, seconds: 60 }],
    per: 'namespace',
    operations: ['sonoran.setMemberPermissions'],
  });
  expect(on.body.sonoran.buckets).toContainEqual({
    id: 'sonoran.v2.permissions',
    windows: [{ limit: 4, seconds: 60 }],
    per: 'key',
    operations: ['sonoran.setMemberPermissionsV2'],
  });
  const update = { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 1 }] };
  for (let i = 0; i < 4; i += 1) expect((await postSonoranUpdate(app, COMMUNITY, update)).status).toBe(200);
  const limited = await postSonoranUpdate(app, COMMUNITY, update);
  expect(limited.status).toBe(429);
  expect(limited.body).toEqual({ error: 'Too many requests' });
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  await http(app).put('/__admin/rate-limits').send({ sonoran: false });
  expect((await postSonoranUpdate(app, COMMUNITY, update)).status).toBe(200);
});

it('returns to the startup setting on reset', async () => {
  const app = buildTestApp({ dailyRateLimit: true });
  await http(app).put('/__admin/rate-limits').send({ daily: false });
  await http(app).post('/__admin/reset');
  expect((await http(app).get('/__admin/rate-limits')).body.daily).toEqual({ buckets: DAILY_DOCUMENTED });
});

/** Injected faults: statuses with each API's own body, delays and dropped connections, scoped as asked. */
import { checkedFetch, http, type Response } from '../helpers/client';

import { seededRandom } from '../../mock-server/faults';
import { REASON_HEADER } from '../../mock-server/http/diagnostics';
import { startServer } from '../../mock-server/server';
import { buildTestApp, postDailyUpdate, postSonoranUpdate, stateText } from '../helpers/app';
import { API_KEY, COMMUNITY, GUEST, OFFICER_ACC, ROOM, SONORAN_KEY, TEST_WORLD } from '../helpers/world';

type App = ReturnType<typeof buildTestApp>;

async function arm(app: App, spec: Record<string, unknown>, namespace = ''): Promise<Response> {
  const res = await http(app)
    .post(`${namespace}/__admin/faults`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(spec));
  expect(res).toMatchContract('admin.addFault');
  return res;
}

const dailyBody = { data: { [GUEST]: { canSend: false } } };
const sonoranBody = { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 7 }] };

describe('status faults answer with the API own body, then stop', () => {
  it.each([
    [429, { error: 'rate-limit-error', info: 'rate limit exceeded' }],
    [500, { error: 'server-error', info: 'injected by perm-mock' }],
    [401, { error: 'authentication-error' }],
    [404, { error: 'not-found', info: 'injected by perm-mock' }],
    [400, { error: 'invalid-request-error', info: 'injected by perm-mock' }],
  ])('Daily %i', async (status, body) => {
    const app = buildTestApp();
    const armed = await arm(app, { api: 'daily', status, times: 2, ...(status === 429 && { retryAfter: 3 }) });
    expect(armed.body).toMatchObject({ id: 'fault-1', remaining: 2, hits: 0, status });
    const before = await stateText(app);
    for (let i = 0; i < 2; i += 1) {
      const res = await postDailyUpdate(app, ROOM, dailyBody);
      expect(res.status).toBe(status);
      expect(res.body).toEqual(body);
      expect(res.headers[REASON_HEADER.toLowerCase()]).toMatch(/^MOCK_FAULT_INJECTED: fault fault-1 injected/);
      if (status === 429) expect(res.headers['retry-after']).toBe('3');
    }
    expect(await stateText(app)).toBe(before);
    expect((await postDailyUpdate(app, ROOM, dailyBody)).status).toBe(200);
    expect(app.mock.requests().map((r) => r.status)).toEqual([status, status, 200]);
    expect(app.mock.requests()[0]?.request.body).toEqual(dailyBody);
  });

  it.each([
    [429, { error: 'Too many requests' }],
    [500, { error: 'Internal server error' }],
    [404, { result: 'bad', error: 'Invalid community ID or API key' }],
    [400, { error: 'Invalid request' }],
  ])('Sonoran %i', async (status, body) => {
    const app = buildTestApp();
    await arm(app, { api: 'sonoran', status });
    const res = await postSonoranUpdate(app, COMMUNITY, sonoranBody);
    expect(res.status).toBe(status);
    expect(res.body).toEqual(body);
    expect((await postSonoranUpdate(app, COMMUNITY, sonoranBody)).status).toBe(200);
  });
});

describe('scope', () => {
  it('hits only the API, operation or path it names', async () => {
    const app = buildTestApp();
    await arm(app, { operation: 'sonoran.setMemberPermissions', status: 500, times: 5 });
    expect((await postDailyUpdate(app, ROOM, dailyBody)).status).toBe(200);
    expect((await postSonoranUpdate(app, COMMUNITY, sonoranBody)).status).toBe(500);

    await http(app).delete('/__admin/faults');
    await arm(app, { path: '/v1/rooms/quiet-*', status: 429 });
    expect((await postDailyUpdate(app, ROOM, dailyBody)).status).toBe(200);
    expect((await postDailyUpdate(app, 'quiet-room', dailyBody)).status).toBe(429);
  });

  it("hits only its own namespace's requests", async () => {
    const app = buildTestApp();
    await arm(app, { status: 500, times: 10 }, '/ns/chaos');
    expect((await postDailyUpdate(app, ROOM, dailyBody)).status).toBe(200);
    const res = await http(app)
      .post(`/ns/chaos/v1/rooms/${ROOM}/update-permissions`)
      .set({ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' })
      .send(dailyBody);
    expect(res).toMatchContract('daily.updatePermissions');
    expect(res.status).toBe(500);
  });

  it('hits a seeded share of requests, the same share for the same seed', async () => {
    const app = buildTestApp();
    await arm(app, { api: 'daily', probability: 0.5, seed: 42, status: 500 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await postDailyUpdate(app, ROOM, dailyBody)).status);
    const draw = seededRandom(42);
    expect(statuses).toEqual(Array.from({ length: 20 }, () => (draw() < 0.5 ? 500 : 200)));
    expect(statuses).toContain(500);
    expect(statuses).toContain(200);
    const [fault] = (await http(app).get('/__admin/faults')).body.faults;
    expect(fault).toMatchObject({ remaining: null, hits: statuses.filter((s) => s === 500).length });
  });
});

describe('delays and dropped connections', () => {
  /** A scheduler the test fires by hand: delays are asserted without waiting for them. */
  function manualTimers() {
    const pending: { ms: number; fire: () => void }[] = [];
    return {
      pending,
      schedule: (ms: number, fire: () => void) => void pending.push({ ms, fire }),
      /** Resolves once the mock has scheduled a delay (the request has reached the fault). */
      async scheduled(): Promise<{ ms: number; fire: () => void }> {
        while (pending.length === 0) await new Promise((resolve) => setImmediate(resolve));
        return pending.shift() as { ms: number; fire: () => void };
      },
    };
  }

  it('delays an answer until the delay has passed, then serves it normally', async () => {
    const timers = manualTimers();
    const app = buildTestApp({ schedule: timers.schedule });
    await arm(app, { api: 'daily', delayMs: 300 });
    let answered = false;
    const sent = postDailyUpdate(app, ROOM, dailyBody).then((res) => {
      answered = true;
      return res;
    });
    const delay = await timers.scheduled();
    expect(delay.ms).toBe(300);
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    expect(app.mock.state()).toEqual(TEST_WORLD);
    delay.fire();
    const res = await sent;
    expect(res.status).toBe(200);
    expect(app.mock.state()).not.toEqual(TEST_WORLD);
  });

  it('delays a seeded random time between delayMs and delayMaxMs, then answers with the status', async () => {
    const timers = manualTimers();
    const app = buildTestApp({ schedule: timers.schedule });
    await arm(app, { api: 'sonoran', delayMs: 100, delayMaxMs: 200, status: 500 });
    const sent = postSonoranUpdate(app, COMMUNITY, sonoranBody);
    const delay = await timers.scheduled();
    // The fault's PRNG is seeded with its sequence number (1) unless a seed is given.
    expect(delay.ms).toBe(100 + Math.floor(seededRandom(1)() * 101));
    delay.fire();
    expect((await sent).status).toBe(500);
  });

  it('drops the connection without an answer, journals it, and changes nothing', async () => {
    const mock = await startServer({ port: 0, world: TEST_WORLD });
    try {
      await checkedFetch(`${mock.url}/__admin/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ drop: true }),
      });
      const attempt = checkedFetch(`${mock.url}/api/servers/${COMMUNITY}/members/permissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(sonoranBody),
      });
      await expect(attempt).rejects.toThrow();
      expect(await mock.state()).toEqual(TEST_WORLD);
      expect((await mock.requests())[0]).toMatchObject({
        status: 0,
        reason: { code: 'MOCK_FAULT_DROPPED' },
        request: { body: sonoranBody },
      });
      const next = await checkedFetch(`${mock.url}/api/servers/${COMMUNITY}/members/permissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(sonoranBody),
      });
      expect(next.status).toBe(200);
    } finally {
      await mock.close();
    }
  });
});

describe('managing faults', () => {
  it('lists, disarms one, disarms all, and reset disarms too', async () => {
    const app = buildTestApp();
    await arm(app, { status: 500 });
    await arm(app, { delayMs: 10, times: 3 });
    const list = await http(app).get('/__admin/faults');
    expect(list).toMatchContract('admin.listFaults');
    expect(list.body.faults.map((f: { id: string }) => f.id)).toEqual(['fault-1', 'fault-2']);
    const one = await http(app).delete('/__admin/faults/fault-1');
    expect(one).toMatchContract('admin.deleteFault');
    expect(await http(app).delete('/__admin/faults/fault-1')).toBeProblem('MOCK_FAULT_NOT_FOUND');
    await http(app).post('/__admin/reset');
    expect((await http(app).get('/__admin/faults')).body.faults).toEqual([]);
    await arm(app, { status: 500 });
    const all = await http(app).delete('/__admin/faults');
    expect(all).toMatchContract('admin.clearFaults');
    expect((await postDailyUpdate(app, ROOM, dailyBody)).status).toBe(200);
  });

  it.each([
    ['nothing to inject', { api: 'daily' }, /say what to inject/],
    [
      'a status the operation does not document',
      { api: 'sonoran', operation: 'sonoran.setMemberPermissions', status: 401 },
      /status 401 is not an answer the contract of sonoran.setMemberPermissions documents; use one of 400, 404, 429, 500/,
    ],
    [
      '401 on a route that takes no key',
      { operation: 'sonoran.getServerSubscriptionFromIpV2', status: 401 },
      /use one of 400, 404, 429, 500/,
    ],
    ['a drop with a status', { drop: true, status: 500 }, /give drop or status, not both/],
    ['delayMaxMs below delayMs', { delayMs: 50, delayMaxMs: 10 }, /delayMaxMs must be at least delayMs/],
    [
      'an operation of the other API',
      { api: 'daily', operation: 'sonoran.setMemberPermissions', status: 500 },
      /is not an operation of daily/,
    ],
  ])('refuses %s', async (_name, spec, detail) => {
    const res = await arm(buildTestApp(), spec);
    expect(res).toBeProblem('MOCK_INVALID_FAULT');
    expect(res.body.detail).toMatch(detail);
  });

  it('refuses a status outside the contract at the schema level', async () => {
    const res = await arm(buildTestApp(), { status: 503 });
    expect(res).toBeProblem('MOCK_INVALID_BODY');
  });
});

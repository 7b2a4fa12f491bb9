/**
 * What namespaces cost and the budget they share (`--namespace-memory`). Namespaces fork the
 * startup world: one costs its fixed overhead and what it changed, and reports it (GET
 * /__admin/namespaces, GET /__admin/memory). Past the budget, creating or growing a namespace is
 * refused (MOCK_NAMESPACE_BUDGET: a problem on the control API, the API's own 400 on mocked
 * paths) unless idle namespaces can be evicted. Every figure is the mock's own byte count, not RSS.
 */
import { http } from '../helpers/client';

import { NAMESPACE_HEADER } from '../../mock-server/http/namespace';
import { REASON_HEADER } from '../../mock-server/http/diagnostics';
import { EVICT_IDLE_SECONDS } from '../../mock-server/namespaces';
import type { MockOptions } from '../../mock-server/options';
import { STATE_OVERHEAD_BYTES } from '../../mock-server/state';
import { buildTestApp } from '../helpers/app';
import { API_KEY, COMMUNITY, GUEST, OFFICER_ACC, NOW, ROOM, SONORAN_KEY } from '../helpers/world';

type App = ReturnType<typeof buildTestApp>;
const REASON = REASON_HEADER.toLowerCase();
const DAILY = `/v1/rooms/${ROOM}/update-permissions`;

interface Memory {
  budgetBytes: number;
  usedBytes: number;
  startupWorldBytes: number;
  default: { stateBytes: number; journalBytes: number; bytes: number };
  namespaces: { name: string; stateBytes: number; journalBytes: number; bytes: number }[];
  evicted: number;
}

async function memory(app: App): Promise<Memory> {
  const res = await http(app).get('/__admin/memory');
  expect(res).toMatchContract('admin.getMemory');
  return res.body as Memory;
}

function update(app: App, namespace: string, data: unknown = { [GUEST]: { canSend: false } }) {
  return http(app)
    .post(`/ns/${namespace}${DAILY}`)
    .set({ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' })
    .send(JSON.stringify({ data }));
}

function put(app: App, name: string) {
  return http(app).put(`/__admin/namespaces/${name}`);
}

/** A fresh namespace's bytes in an app built with these options (the figure is deterministic). */
async function freshBytes(options: MockOptions = {}): Promise<number> {
  const probe = buildTestApp(options);
  await put(probe, 'probe');
  return (await memory(probe)).namespaces[0]?.bytes ?? NaN;
}

describe('what a namespace costs', () => {
  it('costs a fresh namespace its overhead and a map of names, not a copy of the world', async () => {
    const app = buildTestApp();
    const created = await put(app, 'fresh');
    expect(created).toMatchContract('admin.putNamespace');
    expect(created.body.stateBytes).toBeGreaterThanOrEqual(STATE_OVERHEAD_BYTES);
    expect(created.body.stateBytes).toBeLessThan(STATE_OVERHEAD_BYTES + 1024);
    expect(created.body.journalBytes).toBe(0);
    expect(created.body.bytes).toBe(created.body.stateBytes);
    const report = await memory(app);
    // The world itself is counted once, shared by default and every other namespace.
    expect(report.startupWorldBytes).toBeGreaterThan(2000);
    expect(report.default.stateBytes).toBeLessThan(STATE_OVERHEAD_BYTES + 1024);
  });

  it('grows by what one update changed: one room map, one participant, its journal entry', async () => {
    const app = buildTestApp();
    await put(app, 'touched');
    const before = (await memory(app)).namespaces[0];
    expect((await update(app, 'touched')).status).toBe(200);
    const after = (await memory(app)).namespaces[0];
    if (before === undefined || after === undefined) throw new Error('no namespace');
    const grown = after.stateBytes - before.stateBytes;
    expect(grown).toBeGreaterThan(300);
    expect(grown).toBeLessThan(1500);
    expect(after.journalBytes).toBeGreaterThan(500);
    expect(after.bytes).toBe(after.stateBytes + after.journalBytes);
    const listed = await http(app).get('/__admin/namespaces');
    expect(listed).toMatchContract('admin.listNamespaces');
    expect(listed.body.namespaces[0]).toMatchObject({
      name: 'touched',
      stateBytes: after.stateBytes,
      bytes: after.bytes,
    });
  });

  it('counts 100 namespaces of the world, each touched by one request, at about 20 KiB each', async () => {
    const app = buildTestApp();
    for (let i = 0; i < 100; i += 1) expect((await update(app, `worker-${i}`)).status).toBe(200);
    const report = await memory(app);
    expect(report.namespaces).toHaveLength(100);
    expect(report.usedBytes).toBe(report.namespaces.reduce((sum, n) => sum + n.bytes, 0));
    expect(report.usedBytes).toBeLessThan(100 * 20 * 1024);
    expect(report.usedBytes).toBeGreaterThan(100 * STATE_OVERHEAD_BYTES);
  });

  it('gives back what a deleted room cost, and a reset goes back to sharing everything', async () => {
    const app = buildTestApp();
    await put(app, 'shrinks');
    const fresh = (await memory(app)).namespaces[0]?.stateBytes ?? NaN;
    await update(app, 'shrinks');
    const deleted = await http(app).delete(`/ns/shrinks/__admin/daily/rooms/${ROOM}`);
    expect(deleted.status).toBe(204);
    const afterDelete = (await memory(app)).namespaces[0]?.stateBytes ?? NaN;
    expect(afterDelete).toBeLessThan(fresh + 200);
    await update(app, 'shrinks', {});
    expect((await http(app).post('/ns/shrinks/__admin/reset')).status).toBe(200);
    expect((await memory(app)).namespaces[0]?.stateBytes).toBe(fresh);
  });
});

describe('the budget', () => {
  it("refuses a namespace past the budget: a problem on the control API, Daily's own 400 on a mocked path", async () => {
    const each = await freshBytes();
    const app = buildTestApp({ namespaceMemoryBytes: 2 * each + 10 });
    expect((await put(app, 'one')).status).toBe(201);
    expect((await put(app, 'two')).status).toBe(201);
    const refused = await put(app, 'three');
    expect(refused).toMatchContract('admin.putNamespace');
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('MOCK_NAMESPACE_BUDGET');
    expect(refused.body.detail).toContain('--namespace-memory');

    const mocked = await update(app, 'four');
    expect(mocked).toMatchContract('daily.updatePermissions');
    expect(mocked.status).toBe(400);
    expect(mocked.body).toEqual({ error: 'invalid-request-error', info: expect.stringContaining('budget') });
    expect(mocked.headers[REASON]).toMatch(/^MOCK_NAMESPACE_BUDGET: /);
    const sonoran = await http(app)
      .post(`/ns/five/api/servers/${COMMUNITY}/members/permissions`)
      .set('Content-Type', 'application/json')
      .send({ apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 3 }] });
    expect(sonoran).toMatchContract('sonoran.setMemberPermissions');
    expect(sonoran.status).toBe(400);
    expect(sonoran.headers[REASON]).toMatch(/^MOCK_NAMESPACE_BUDGET: /);
    expect((await memory(app)).namespaces.map((n) => n.name).sort()).toEqual(['one', 'two']);

    // The default namespace is not counted and never refused; deleting a namespace makes room.
    expect((await update(app, 'default')).status).toBe(200);
    expect((await http(app).delete('/__admin/namespaces/one')).status).toBe(204);
    expect((await put(app, 'three')).status).toBe(201);
  });

  it('refuses to grow a namespace once the budget is spent, but still serves reads, deletes and resets', async () => {
    const each = await freshBytes();
    const app = buildTestApp({ namespaceMemoryBytes: each + 600 });
    expect((await put(app, 'busy')).status).toBe(201);
    // Growing past the budget: the request that crosses it is served, the next one is not.
    expect((await update(app, 'busy')).status).toBe(200);
    const report = await memory(app);
    expect(report.usedBytes).toBeGreaterThan(report.budgetBytes);
    const refused = await update(app, 'busy', { [GUEST]: { canSend: true } });
    expect(refused.status).toBe(400);
    expect(refused.headers[REASON]).toMatch(/^MOCK_NAMESPACE_BUDGET: namespace busy may not grow/);
    const room = await http(app)
      .post(`/ns/busy/__admin/daily/rooms/other/participants`)
      .set('Content-Type', 'application/json')
      .send({ id: 's' });
    expect(room.status).toBe(400);
    expect(room.body.code).toBe('MOCK_NAMESPACE_BUDGET');
    // Reads, emptying the journal and a reset still work, and free the budget again.
    expect((await http(app).get('/ns/busy/__admin/state')).status).toBe(200);
    expect((await http(app).delete('/ns/busy/__admin/requests')).status).toBe(204);
    expect((await http(app).post('/ns/busy/__admin/reset')).status).toBe(200);
    expect((await update(app, 'busy')).status).toBe(200);
  });

  it('evicts namespaces idle for a minute, least recently used first, to make room', async () => {
    let now = NOW.getTime();
    const clock = (): Date => new Date(now);
    const each = await freshBytes({ clock });
    const app = buildTestApp({ clock, namespaceMemoryBytes: 3 * each + 10, namespaceTtlSeconds: 0 });
    await put(app, 'oldest');
    now += 1000;
    await put(app, 'older');
    now += 1000;
    await put(app, 'recent');
    now += (EVICT_IDLE_SECONDS - 3) * 1000; // the oldest has been idle 59 s
    const tooSoon = await put(app, 'newcomer');
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.code).toBe('MOCK_NAMESPACE_BUDGET');
    expect((await memory(app)).evicted).toBe(0);
    now += 1000; // 60 s: the oldest may go, the others have been idle 59 and 58 s
    const created = await put(app, 'newcomer');
    expect(created.status).toBe(201);
    const report = await memory(app);
    expect(report.namespaces.map((n) => n.name).sort()).toEqual(['newcomer', 'older', 'recent']);
    expect(report.evicted).toBe(1);
    // The evicted namespace is gone; a request naming it makes it again, from the startup world, if it fits.
    const again = await http(app).get('/ns/oldest/__admin/requests');
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('MOCK_NAMESPACE_BUDGET');
  });

  it('reports the budget, and names the namespaces of a worker by header too', async () => {
    const app = buildTestApp({ namespaceMemoryBytes: 50 * 1024 * 1024 });
    await http(app)
      .post(DAILY)
      .set({ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json', [NAMESPACE_HEADER]: 'by-header' })
      .send('{"data":{}}');
    const report = await memory(app);
    expect(report.budgetBytes).toBe(50 * 1024 * 1024);
    expect(report.namespaces.map((n) => n.name)).toEqual(['by-header']);
  });
});

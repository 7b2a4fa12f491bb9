/** Namespaces: isolated state and journal per name, by header or path prefix; created, reset, deleted, expired. */
import { http } from '../helpers/client';

import { NAMESPACE_HEADER } from '../../mock-server/http/namespace';
import { buildTestApp, stateText } from '../helpers/app';
import { API_KEY, COMMUNITY, GUEST, OFFICER_ACC, ROOM, SONORAN_KEY, TEST_WORLD } from '../helpers/world';

type App = ReturnType<typeof buildTestApp>;
const DAILY = `/v1/rooms/${ROOM}/update-permissions`;

function dailyUpdate(app: App, path: string, data: unknown, headers: Record<string, string> = {}) {
  return http(app)
    .post(path)
    .set({ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json', ...headers })
    .send(JSON.stringify({ data }));
}

function guestCanSend(world: typeof TEST_WORLD): unknown {
  return world.daily.rooms.find((r) => r.name === ROOM)?.participants.find((p) => p.id === GUEST)?.permissions.canSend;
}

describe('isolation', () => {
  it('keeps state and journal apart by X-Perm-Mock-Namespace', async () => {
    const app = buildTestApp();
    const res = await dailyUpdate(app, DAILY, { [GUEST]: { canSend: ['audio'] } }, { [NAMESPACE_HEADER]: 'alpha' });
    expect(res).toMatchContract('daily.updatePermissions');
    expect(res.status).toBe(200);
    expect(guestCanSend(app.mock.namespace('alpha').state())).toEqual(['audio']);
    expect(guestCanSend(app.mock.state())).toBe(true);
    expect(guestCanSend(app.mock.namespace('beta').state())).toBe(true);
    expect(app.mock.namespace('alpha').requests()).toHaveLength(1);
    expect(app.mock.requests()).toHaveLength(0);
  });

  it('takes the namespace from a /ns/<name> prefix, for mocked and control routes alike', async () => {
    const app = buildTestApp();
    const res = await dailyUpdate(app, `/ns/gamma${DAILY}`, { [GUEST]: { canSend: false } });
    expect(res.status).toBe(200);
    const sonoran = await http(app)
      .post(`/ns/gamma/api/servers/${COMMUNITY}/members/permissions`)
      .set('Content-Type', 'application/json')
      .send({ apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 3 }] });
    expect(sonoran).toMatchContract('sonoran.setMemberPermissions');
    expect(sonoran.status).toBe(200);
    const state = await http(app).get('/ns/gamma/__admin/state');
    expect(state).toMatchContract('admin.getState');
    expect(guestCanSend(state.body)).toBe(false);
    const journal = await http(app).get('/ns/gamma/__admin/requests');
    expect(journal.body.requests.map((r: { path: string }) => r.path)).toEqual([
      DAILY,
      `/api/servers/${COMMUNITY}/members/permissions`,
    ]);
    expect(JSON.parse(await stateText(app))).toEqual(TEST_WORLD);
  });

  it('resets one namespace without touching the others', async () => {
    const app = buildTestApp();
    await dailyUpdate(app, `/ns/one${DAILY}`, { [GUEST]: { canSend: false } });
    await dailyUpdate(app, `/ns/two${DAILY}`, { [GUEST]: { canSend: false } });
    const reset = await http(app).post('/ns/one/__admin/reset');
    expect(reset).toMatchContract('admin.reset');
    expect(guestCanSend(app.mock.namespace('one').state())).toBe(true);
    expect(guestCanSend(app.mock.namespace('two').state())).toBe(false);
  });
});

describe('lifecycle', () => {
  it('creates a namespace from the startup world on first use, or empty by option', () => {
    expect(buildTestApp().mock.namespace('fresh').state()).toEqual(TEST_WORLD);
    const empty = buildTestApp({ namespaceStart: 'empty' }).mock.namespace('fresh').state();
    expect(empty).toEqual({
      daily: { apiKeys: TEST_WORLD.daily.apiKeys, domain: TEST_WORLD.daily.domain, rooms: [], webhooks: [] },
      sonoran: { communities: [] },
    });
  });

  it('creates, lists, starts again and deletes namespaces through the control API', async () => {
    const app = buildTestApp();
    const created = await http(app).put('/__admin/namespaces/worker-1').send({ start: 'empty' });
    expect(created).toMatchContract('admin.putNamespace');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'worker-1', start: 'empty', requests: 0, faults: 0 });
    expect(app.mock.namespace('worker-1').state().daily.rooms).toEqual([]);

    await http(app)
      .put(`/ns/worker-1/__admin/daily/rooms/r1`)
      .send({ participants: [{ id: 'p' }] });
    const again = await http(app).put('/__admin/namespaces/worker-1').send({});
    expect(again.status).toBe(200);
    expect(again.body.start).toBe('world');
    expect(app.mock.namespace('worker-1').state()).toEqual(TEST_WORLD);

    const list = await http(app).get('/__admin/namespaces');
    expect(list).toMatchContract('admin.listNamespaces');
    expect(list.body.namespaces.map((n: { name: string }) => n.name)).toEqual(['worker-1']);

    const deleted = await http(app).delete('/__admin/namespaces/worker-1');
    expect(deleted).toMatchContract('admin.deleteNamespace');
    expect(deleted.status).toBe(204);
    expect((await http(app).get('/__admin/namespaces')).body.namespaces).toEqual([]);
    const gone = await http(app).delete('/__admin/namespaces/worker-1');
    expect(gone).toBeProblem('MOCK_NAMESPACE_NOT_FOUND');
  });

  it('returns an empty-start namespace to empty on reset', async () => {
    const app = buildTestApp();
    await http(app).put('/__admin/namespaces/blank').send({ start: 'empty' });
    await http(app)
      .put('/ns/blank/__admin/daily/rooms/r1')
      .send({ participants: [{ id: 'p' }] });
    await http(app).post('/ns/blank/__admin/reset');
    expect(app.mock.namespace('blank').state().daily.rooms).toEqual([]);
  });

  it('expires a namespace after its idle time', async () => {
    let now = Date.parse('2026-01-01T12:00:00.000Z');
    const app = buildTestApp({ clock: () => new Date(now), namespaceTtlSeconds: 60 });
    await dailyUpdate(app, `/ns/idle${DAILY}`, { [GUEST]: { canSend: false } });
    await dailyUpdate(app, `/ns/busy${DAILY}`, { [GUEST]: { canSend: false } });
    now += 45_000;
    await http(app).get('/ns/busy/__admin/state');
    now += 30_000; // idle has been idle 75 s, busy 30 s
    const list = await http(app).get('/__admin/namespaces');
    expect(list.body.namespaces.map((n: { name: string }) => n.name)).toEqual(['busy']);
    expect(guestCanSend(app.mock.namespace('idle').state())).toBe(true);
  });

  it('keeps namespaces forever with a TTL of 0', () => {
    let now = 0;
    const app = buildTestApp({ clock: () => new Date(now), namespaceTtlSeconds: 0 });
    app.mock.namespace('kept');
    now += 10 * 365 * 24 * 3600 * 1000;
    expect(app.mock.sweepNamespaces()).toEqual([]);
  });
});

describe('misuse', () => {
  it.each([
    ['a name with a space, by header', { [NAMESPACE_HEADER]: 'bad name' }, DAILY],
    ['a name of 65 characters, by prefix', {}, `/ns/${'n'.repeat(65)}${DAILY}`],
  ])("refuses %s in the API's own format, the reason naming the namespace rule", async (_name, headers, path) => {
    const res = await dailyUpdate(buildTestApp(), path, {}, headers);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid-request-error');
    expect(res.headers['x-perm-mock-reason']).toMatch(/^MOCK_INVALID_NAMESPACE: .* is not a namespace name/);
  });

  it('refuses to create or delete the default namespace', async () => {
    const app = buildTestApp();
    expect(await http(app).put('/__admin/namespaces/default').send({})).toBeProblem('MOCK_DEFAULT_NAMESPACE');
    expect(await http(app).delete('/__admin/namespaces/default')).toBeProblem('MOCK_DEFAULT_NAMESPACE');
  });

  it('refuses a namespace past the limit, saying how to make room', async () => {
    const app = buildTestApp({ maxNamespaces: 2 });
    await http(app).get('/ns/a/__admin/state');
    await http(app).get('/ns/b/__admin/state');
    const res = await http(app).get('/ns/c/__admin/state');
    expect(res).toBeProblem('MOCK_LIMIT_EXCEEDED');
    expect(res.body.detail).toContain('--max-namespaces');
    const api = await dailyUpdate(app, `/ns/c${DAILY}`, {});
    expect(api.status).toBe(400);
    expect(api.body.error).toBe('invalid-request-error');
    expect(api.headers['x-perm-mock-reason']).toMatch(/^MOCK_LIMIT_EXCEEDED: .*--max-namespaces/);
  });
});

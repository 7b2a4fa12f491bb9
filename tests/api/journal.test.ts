/** The request journal: what each client sent, what the mock answered, whether it met its contract. */
import { checkedFetch, http, type Response } from '../helpers/client';

import { REQUEST_ID_HEADER } from '../../mock-server/http/diagnostics';
import { startServer } from '../../mock-server/server';
import { buildTestApp, postDailyUpdate, postSonoranUpdate } from '../helpers/app';
import { COMMUNITY, GUEST, OFFICER_ACC, ROOM, SONORAN_KEY, TEST_WORLD } from '../helpers/world';

type App = ReturnType<typeof buildTestApp>;

async function journal(app: App, query = ''): Promise<Response> {
  const res = await http(app).get(`/__admin/requests${query}`);
  expect(res).toMatchContract('admin.listRequests');
  return res;
}

async function traffic(app: App): Promise<void> {
  await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } });
  await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: 'audio' } } });
  await postSonoranUpdate(app, COMMUNITY, { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 2 }] });
  await postSonoranUpdate(app, COMMUNITY, { apiKey: SONORAN_KEY, userPerms: [{ accId: 'acc-nobody', perm: 2 }] });
}

describe('GET /__admin/requests', () => {
  it('lists every request to a mocked API, newest last, with request, answer, contract and warnings', async () => {
    const app = buildTestApp();
    await traffic(app);
    const { body } = await journal(app);
    expect(body.requests.map((r: { api: string; status: number }) => `${r.api} ${r.status}`)).toEqual([
      'daily 200',
      'daily 400',
      'sonoran 200',
      'sonoran 200',
    ]);
    const [ok, bad, , skipped] = body.requests;
    expect(ok).toMatchObject({
      method: 'POST',
      path: `/v1/rooms/${ROOM}/update-permissions`,
      operation: 'daily.updatePermissions',
      request: {
        body: { data: { [GUEST]: { canSend: ['audio'] } } },
        headers: { authorization: 'Bearer test-daily-key' },
      },
      response: { body: {} },
      contract: { valid: true, violations: [] },
      reason: null,
      warnings: [],
    });
    expect(bad).toMatchObject({
      contract: { valid: false, violations: ['data.p-guest.canSend must be a boolean or an array (got "audio")'] },
      reason: { code: 'DAILY_REQUEST_INVALID' },
    });
    expect(skipped.warnings).toEqual([expect.stringContaining('"acc-nobody" is not a member')]);
    expect(ok).toMatchRequestContract('daily.updatePermissions');
  });

  it('gives each entry the id sent in X-Perm-Mock-Request-Id', async () => {
    const app = buildTestApp();
    const res = await postDailyUpdate(app, ROOM, { data: {} });
    const { body } = await journal(app);
    expect(body.requests[0].id).toBe(res.headers[REQUEST_ID_HEADER.toLowerCase()]);
  });

  it.each([
    ['?api=sonoran', ['sonoran 200', 'sonoran 200']],
    ['?api=daily&valid=false', ['daily 400']],
    ['?valid=true', ['daily 200', 'sonoran 200', 'sonoran 200']],
    [`?path=/v1/rooms/${ROOM}/update-permissions`, ['daily 200', 'daily 400']],
    ['?path=/api/*', ['sonoran 200', 'sonoran 200']],
    ['?path=/v1/rooms/other/update-permissions', []],
  ])('filters with %s', async (query, expected) => {
    const app = buildTestApp();
    await traffic(app);
    const { body } = await journal(app, query);
    expect(body.requests.map((r: { api: string; status: number }) => `${r.api} ${r.status}`)).toEqual(expected);
  });

  it.each([['?api=zoom'], ['?valid=yes'], ['?api=daily&api=sonoran']])(
    'refuses the filter %s with a problem',
    async (query) => {
      const res = await http(buildTestApp()).get(`/__admin/requests${query}`);
      expect(res).toMatchContract('admin.listRequests');
      expect(res).toBeProblem('MOCK_INVALID_QUERY');
    },
  );

  it('keeps the text of a body that was not JSON', async () => {
    const app = buildTestApp();
    await postSonoranUpdate(app, COMMUNITY, 'apiKey=k&perm=3', 'application/x-www-form-urlencoded');
    const { body } = await journal(app);
    expect(body.requests[0].request).toMatchObject({ bodyText: 'apiKey=k&perm=3' });
    expect(body.requests[0].request.body).toBeUndefined();
  });

  it('does not journal control-API calls', async () => {
    const app = buildTestApp();
    await http(app).get('/__admin/state');
    await http(app).put(`/__admin/daily/rooms/x`).send({});
    expect((await journal(app)).body.requests).toEqual([]);
  });
});

describe('bounds and clearing', () => {
  it('drops the oldest entries past the limit', async () => {
    const app = buildTestApp({ journalLimit: 3 });
    for (let i = 0; i < 5; i += 1) await postDailyUpdate(app, ROOM, { data: {} });
    const { body } = await journal(app);
    expect(body.requests.map((r: { id: string }) => r.id)).toEqual(['3', '4', '5']);
  });

  it('keeps nothing with a limit of 0, but still numbers requests', async () => {
    const app = buildTestApp({ journalLimit: 0 });
    const res = await postDailyUpdate(app, ROOM, { data: {} });
    expect(res.headers[REQUEST_ID_HEADER.toLowerCase()]).toBe('1');
    expect((await journal(app)).body.requests).toEqual([]);
  });

  it('empties the journal on DELETE, and keeps it on reset', async () => {
    const app = buildTestApp();
    await traffic(app);
    await http(app).post('/__admin/reset');
    expect((await journal(app)).body.requests).toHaveLength(4);
    const res = await http(app).delete('/__admin/requests');
    expect(res).toMatchContract('admin.clearRequests');
    expect(res.status).toBe(204);
    expect((await journal(app)).body.requests).toEqual([]);
  });
});

describe('startServer helpers', () => {
  it('lets a test read what its client sent, filtered, and reset the state', async () => {
    const mock = await startServer({ port: 0, world: TEST_WORLD });
    try {
      await checkedFetch(`${mock.url}/api/servers/${COMMUNITY}/members/permissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 512 }] }),
      });
      const [sent] = await mock.requests({ api: 'sonoran', valid: true });
      expect(sent).toMatchRequestContract('sonoran.setMemberPermissions');
      expect(sent?.request.body).toEqual({ apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 512 }] });
      expect((await mock.state()).sonoran).not.toEqual(TEST_WORLD.sonoran);
      await mock.reset();
      expect((await mock.state()).sonoran).toEqual(TEST_WORLD.sonoran);
      await mock.clearRequests();
      expect(await mock.requests()).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});

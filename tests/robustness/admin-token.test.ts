/** The control API's token: required beyond loopback, checked on every control call but health. */
import { checkedFetch, http } from '../helpers/client';

import { isLoopback } from '../../mock-server/admin/auth';
import { AdminTokenRequiredError, startServer } from '../../mock-server/server';
import { buildTestApp, postDailyUpdate } from '../helpers/app';
import { runCli } from '../helpers/process';
import { ROOM } from '../helpers/world';

const TOKEN = 's3cret-admin-token';

describe('binding', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', 'localhost', '::ffff:127.0.0.1', '[::1]'])(
    'treats %s as loopback',
    (host) => {
      expect(isLoopback(host)).toBe(true);
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.test'])('treats %s as reachable from the network', (host) => {
    expect(isLoopback(host)).toBe(false);
  });

  it('refuses to bind beyond loopback without a token, saying why', async () => {
    await expect(startServer({ port: 0, host: '0.0.0.0' })).rejects.toThrow(AdminTokenRequiredError);
    await expect(startServer({ port: 0, host: '0.0.0.0' })).rejects.toThrow(
      /exposes the control API .* --admin-token or PERM_MOCK_ADMIN_TOKEN/,
    );
  });

  it('binds beyond loopback with a token', async () => {
    const mock = await startServer({ port: 0, host: '0.0.0.0', adminToken: TOKEN });
    try {
      const res = await checkedFetch(`http://127.0.0.1:${mock.port}/__admin/state`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it('the command exits 2 with the reason', async () => {
    const cli = runCli(['--host', '0.0.0.0', '--port', '0']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain('binding to 0.0.0.0 exposes the control API (/__admin) to the network');
  });
});

describe('with a token', () => {
  const app = buildTestApp({ adminToken: TOKEN });

  it.each([
    ['no token', {}],
    ['a wrong bearer token', { Authorization: 'Bearer nope' }],
    ['a wrong token header', { 'X-Perm-Mock-Admin-Token': 'nope' }],
  ])('answers %s with a 401 problem', async (_name, headers) => {
    const res = await http(app).get('/__admin/state').set(headers);
    expect(res.status).toBe(401);
    expect(res).toBeProblem('MOCK_ADMIN_UNAUTHORIZED');
    expect(res.headers['www-authenticate']).toContain('Bearer');
  });

  it.each([
    ['Authorization: Bearer', { Authorization: `Bearer ${TOKEN}` }],
    ['X-Perm-Mock-Admin-Token', { 'X-Perm-Mock-Admin-Token': TOKEN }],
  ])('accepts the token as %s', async (_name, headers) => {
    const res = await http(app).post('/__admin/reset').set(headers);
    expect(res).toMatchContract('admin.reset');
    expect(res.status).toBe(200);
  });

  it('keeps /__admin/health open for readiness probes', async () => {
    const res = await http(app).get('/__admin/health');
    expect(res).toMatchContract('admin.health');
  });

  it('leaves the mocked APIs alone', async () => {
    expect((await postDailyUpdate(app, ROOM, { data: {} })).status).toBe(200);
  });
});

describe('namespaces with an admin token', () => {
  const app = buildTestApp({ adminToken: TOKEN });
  const update = (path: string, headers: Record<string, string> = {}) =>
    http(app)
      .post(`${path}/v1/rooms/${ROOM}/update-permissions`)
      .set({ Authorization: 'Bearer test-daily-key', 'Content-Type': 'application/json', ...headers })
      .send('{"data":{}}');

  it('are not created by a mocked-API request without the token, which says how to make one', async () => {
    const res = await update('/ns/uninvited');
    expect(res.status).toBe(400);
    expect(res.headers['x-perm-mock-reason']).toMatch(
      /^MOCK_NAMESPACE_NOT_FOUND: .*PUT \/__admin\/namespaces\/uninvited first/,
    );
    const list = await http(app).get('/__admin/namespaces').set('Authorization', `Bearer ${TOKEN}`);
    expect(list.body.namespaces.map((n: { name: string }) => n.name)).not.toContain('uninvited');
  });

  it('are served once the control API made them, and made by a request carrying the token', async () => {
    await http(app).put('/__admin/namespaces/invited').set('Authorization', `Bearer ${TOKEN}`).send({});
    expect((await update('/ns/invited')).status).toBe(200);
    expect((await update('/ns/carried', { 'X-Perm-Mock-Admin-Token': TOKEN })).status).toBe(200);
  });
});

/**
 * Web pages cannot drive a mock on loopback: cross-site requests, DNS-rebinding Host names and
 * form-encoded bodies are refused on the control API, while tools, tests and the mocked APIs work.
 */
import { startServer, AdminTokenTooShortError } from '../../mock-server/server';
import { buildTestApp, postDailyUpdate, stateText } from '../helpers/app';
import { http } from '../helpers/client';
import { runCli } from '../helpers/process';
import { GUEST, ROOM } from '../helpers/world';

const TOKEN = 'guard-admin-token-0123456789';

describe('without an admin token', () => {
  it.each([
    ['a DNS-rebinding Host', { Host: 'rebind.evil.example' }, 'MOCK_FOREIGN_HOST'],
    ['a cross-site Origin', { Origin: 'https://evil.example' }, 'MOCK_CROSS_ORIGIN'],
    ['Origin: null (a sandboxed page)', { Origin: 'null' }, 'MOCK_CROSS_ORIGIN'],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }, 'MOCK_CROSS_ORIGIN'],
    ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }, 'MOCK_CROSS_ORIGIN'],
  ])('refuses a state read with %s and says why', async (_name, headers, code) => {
    const res = await http(buildTestApp()).get('/__admin/state').set(headers);
    expect(res.status).toBe(403);
    expect(res).toBeProblem(code);
  });

  it('refuses a cross-site form reset and changes nothing', async () => {
    const app = buildTestApp();
    await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: false } } });
    const before = await stateText(app);
    const res = await http(app)
      .post('/__admin/reset')
      .set({ Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' })
      .send('x=1');
    expect(res).toBeProblem('MOCK_CROSS_ORIGIN');
    expect(await stateText(app)).toBe(before);
  });

  it.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/merge-patch+json',
  ])('takes a control-API body only as application/json, not %s', async (type) => {
    const app = buildTestApp();
    const before = await stateText(app);
    const res = await http(app).post('/__admin/faults').set('Content-Type', type).send('{"status":500}');
    expect(res).toBeProblem('MOCK_UNSUPPORTED_MEDIA_TYPE');
    expect((await http(app).get('/__admin/faults')).body.faults).toEqual([]);
    expect(await stateText(app)).toBe(before);
  });

  it('answers the same origin (the inspector page), loopback names and allowed hosts', async () => {
    const app = buildTestApp({ allowedHosts: ['mock.internal'] });
    for (const headers of [
      { Host: 'localhost:4400', Origin: 'http://localhost:4400', 'Sec-Fetch-Site': 'same-origin' },
      { Host: '127.0.0.1:4400' },
      { Host: '[::1]:4400' },
      { Host: 'perm-mock.localhost' },
      { Host: 'mock.internal:4400' },
    ]) {
      expect((await http(app).get('/__admin/state').set(headers)).status).toBe(200);
    }
  });

  it('keeps the mocked APIs open to any client, whatever its Host or Origin', async () => {
    const res = await postDailyUpdate(buildTestApp(), ROOM, { data: {} }, {});
    expect(res.status).toBe(200);
    const app = buildTestApp();
    const cross = await http(app)
      .post(`/v1/rooms/${ROOM}/update-permissions`)
      .set({ Host: 'rebind.evil.example', Origin: 'https://evil.example', Authorization: 'Bearer test-daily-key' })
      .set('Content-Type', 'application/json')
      .send('{"data":{}}');
    expect(cross.status).toBe(200);
  });

  it('keeps the health check open', async () => {
    expect((await http(buildTestApp()).get('/__admin/health').set({ Host: 'rebind.evil.example' })).status).toBe(200);
  });
});

describe('with an admin token', () => {
  it('does not check the Host (a page cannot know the token) but still refuses other origins', async () => {
    const app = buildTestApp({ adminToken: TOKEN });
    const auth = { Authorization: `Bearer ${TOKEN}` };
    expect(
      (
        await http(app)
          .get('/__admin/state')
          .set({ ...auth, Host: 'mock.lan:4400' })
      ).status,
    ).toBe(200);
    expect(
      await http(app)
        .get('/__admin/state')
        .set({ ...auth, Origin: 'https://evil.example' }),
    ).toBeProblem('MOCK_CROSS_ORIGIN');
  });

  it('is refused at start when shorter than 16 characters', async () => {
    await expect(startServer({ port: 0, adminToken: 'short' })).rejects.toThrow(AdminTokenTooShortError);
    await expect(startServer({ port: 0, adminToken: 'short' })).rejects.toThrow(/has 5 characters; use at least 16/);
    const cli = runCli(['--port', '0', '--admin-token', 'x']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain('--admin-token must be at least 16 characters');
  });
});

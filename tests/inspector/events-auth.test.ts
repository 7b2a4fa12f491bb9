/**
 * The event stream is a control-API call like any other: with an admin token it needs the token
 * (as a Bearer or the X-Perm-Mock-Admin-Token header), and web pages of other sites are refused.
 */
import { startServer, type RunningMock } from '../../mock-server/server';
import { openEvents } from '../helpers/events';
import { TEST_WORLD } from '../helpers/world';

const TOKEN = 'a-test-admin-token-0123456789';
let mock: RunningMock;

beforeAll(async () => {
  mock = await startServer({ port: 0, world: TEST_WORLD, adminToken: TOKEN });
});
afterAll(() => mock.close());

async function refusal(headers: Record<string, string>): Promise<{ status: number; code: string }> {
  try {
    const reader = await openEvents(mock.url, { headers });
    reader.close();
  } catch (error) {
    const { status, text } = error as { status: number; text: string };
    return { status, code: (JSON.parse(text) as { code: string }).code };
  }
  throw new Error('the stream was opened');
}

it('refuses a client without the admin token', async () => {
  expect(await refusal({})).toEqual({ status: 401, code: 'MOCK_ADMIN_UNAUTHORIZED' });
});

it('refuses a wrong admin token', async () => {
  expect(await refusal({ Authorization: 'Bearer not-the-token-at-all' })).toEqual({
    status: 401,
    code: 'MOCK_ADMIN_UNAUTHORIZED',
  });
});

it.each([
  ['Authorization', `Bearer ${TOKEN}`],
  ['X-Perm-Mock-Admin-Token', TOKEN],
])('streams to a client that sends the token as %s', async (name, value) => {
  const reader = await openEvents(mock.url, { headers: { [name]: value } });
  expect(reader.events[0]?.kind).toBe('ready');
  reader.close();
});

it('refuses a page of another site, even with the token', async () => {
  expect(await refusal({ Authorization: `Bearer ${TOKEN}`, Origin: 'https://evil.example' })).toEqual({
    status: 403,
    code: 'MOCK_CROSS_ORIGIN',
  });
  expect(await refusal({ Authorization: `Bearer ${TOKEN}`, 'Sec-Fetch-Site': 'cross-site' })).toEqual({
    status: 403,
    code: 'MOCK_CROSS_ORIGIN',
  });
});

it('refuses a foreign Host without a token set (DNS rebinding)', async () => {
  const open = await startServer({ port: 0, world: TEST_WORLD });
  try {
    const { port } = new URL(open.url);
    const answer = await new Promise<number>((resolve, reject) => {
      // fetch will not send a Host of our choosing: a raw request does.
      void import('node:http').then(({ request }) => {
        const req = request(
          { host: '127.0.0.1', port: Number(port), path: '/__admin/events', headers: { Host: 'evil.example' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    });
    expect(answer).toBe(403);
  } finally {
    await open.close();
  }
});

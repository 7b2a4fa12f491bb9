/**
 * The Jest helper, used as a client's test file would use it (this is the README's example): its own
 * perm-mock on a free port, its own namespace, a scenario, and a reset after every test.
 */
import { contractFetch, contractMatchers, setupPermMock } from 'perm-mock';

expect.extend(contractMatchers);

const mock = setupPermMock({ scenario: 'hidden-observer' });

async function reveal(baseUrl: string, apiKey: string, sessionId: string): Promise<Response> {
  return contractFetch(`${baseUrl}/rooms/briefing/update-permissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { [sessionId]: { hasPresence: true } } }),
  });
}

async function observer() {
  const room = (await mock.state()).daily.rooms.find((r) => r.name === 'briefing');
  return room?.participants.find((p) => p.id === 'observer-session');
}

async function apiKey(): Promise<string> {
  return (await mock.state()).daily.apiKeys[0] ?? '';
}

it('starts every test from the scenario', async () => {
  expect((await observer())?.permissions.hasPresence).toBe(false);
  await reveal(mock.dailyBaseUrl, await apiKey(), 'observer-session');
  expect((await observer())?.permissions.hasPresence).toBe(true);
});

it('starts this test from the scenario too, whatever ran before', async () => {
  expect((await observer())?.permissions.hasPresence).toBe(false);
  expect(await mock.requests()).toEqual([]);
});

it('shows what the client sent, and checks it against the contract', async () => {
  await reveal(mock.dailyBaseUrl, await apiKey(), 'observer-session');
  const [sent] = await mock.requests({ api: 'daily' });
  expect(sent).toMatchRequestContract('daily.updatePermissions');
  expect(sent?.warnings).toEqual([]);
});

it('rehearses a rate limit and a server error', async () => {
  await mock.fault({ api: 'daily', status: 429, retryAfter: 2 });
  await mock.fault({ api: 'daily', status: 500 });
  const limited = await reveal(mock.dailyBaseUrl, await apiKey(), 'observer-session');
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('2');
  expect((await reveal(mock.dailyBaseUrl, await apiKey(), 'observer-session')).status).toBe(500);
  expect((await reveal(mock.dailyBaseUrl, await apiKey(), 'observer-session')).status).toBe(200);
});

it('works with the namespace header instead of the path prefix', async () => {
  const res = await contractFetch(`${mock.url}/v1/rooms/briefing/update-permissions`, {
    method: 'POST',
    headers: { ...mock.headers, Authorization: `Bearer ${await apiKey()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { 'observer-session': { canSend: ['audio'] } } }),
  });
  expect(res.status).toBe(200);
  expect((await observer())?.permissions.canSend).toEqual(['audio']);
});

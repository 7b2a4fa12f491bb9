/**
 * Verifying a client with perm-mock: run the mock on a free port, point the client at it, then
 * assert on what the client sent (the request journal) and on the state it left behind.
 */
import { contractMatchers, startServer, type RunningMock } from 'perm-mock';

import { createDailyClient, DailyApiError } from './client';

expect.extend(contractMatchers);

const API_KEY = 'example-key';
const ROOM = 'weekly-sync';

let mock: RunningMock;

beforeAll(async () => {
  mock = await startServer({
    port: 0,
    dailyApiKeys: [API_KEY],
    world: {
      daily: {
        apiKeys: [API_KEY],
        rooms: [
          {
            name: ROOM,
            privacy: 'public',
            createdAt: '2026-01-01T09:00:00.000Z',
            participants: [
              {
                id: 'host-session',
                userId: 'host',
                userName: 'Host',
                owner: true,
                joinTime: '2026-01-01T10:00:00.000Z',
                permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: true },
              },
              {
                id: 'guest-session',
                userId: 'guest',
                userName: 'Guest',
                owner: false,
                joinTime: '2026-01-01T10:01:00.000Z',
                permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false },
              },
            ],
          },
        ],
      },
      sonoran: { communities: [] },
    },
  });
});
afterEach(async () => {
  await mock.reset();
  await mock.clearRequests();
});
afterAll(() => mock.close());

const client = () => createDailyClient({ baseUrl: `${mock.url}/v1`, apiKey: API_KEY });
const permissionsOf = async (id: string) =>
  (await mock.state()).daily.rooms[0]?.participants.find((p) => p.id === id)?.permissions;

it("mutes the microphone with a request that meets Daily's contract", async () => {
  await client().muteMicrophone(ROOM, 'guest-session');

  const [sent] = await mock.requests({ api: 'daily' });
  expect(sent).toMatchRequestContract('daily.updatePermissions');
  expect(sent?.request.body).toEqual({ data: { 'guest-session': { canSend: ['video'] } } });
  expect(sent?.warnings).toEqual([]);
  expect((await permissionsOf('guest-session'))?.canSend).toEqual(['video']);
});

it('locks a call down to its presenter with "*"', async () => {
  await client().presenterOnly(ROOM, 'host-session');
  expect((await permissionsOf('host-session'))?.canSend).toBe(true);
  expect((await permissionsOf('guest-session'))?.canSend).toBe(false);
});

it('is caught keying data by user id instead of session id', async () => {
  await client().hide(ROOM, 'guest'); // a bug: 'guest' is the userId
  const [sent] = await mock.requests();
  expect(sent?.warnings[0]).toContain('is the userId of participant guest-session, not a session id');
  expect((await permissionsOf('guest-session'))?.hasPresence).toBe(true);
});

it("surfaces Daily's error type when the key is wrong", async () => {
  const wrong = createDailyClient({ baseUrl: `${mock.url}/v1`, apiKey: 'nope' });
  await expect(wrong.hide(ROOM, 'guest-session')).rejects.toMatchObject({ status: 401, type: 'authentication-error' });
  await expect(wrong.hide(ROOM, 'guest-session')).rejects.toBeInstanceOf(DailyApiError);
});

it('mutes a user it finds through presence after the user joined with its token', async () => {
  const daily = client();
  const token = await daily.meetingToken(ROOM, 'speaker', { canSend: true });
  // The control API plays the Daily client that opens the room with the token.
  const joined = await fetch(`${mock.url}/__admin/daily/rooms/${ROOM}/participants`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(joined.status).toBe(201);

  const [session] = await daily.sessionsOf(ROOM, 'speaker');
  await daily.muteMicrophone(ROOM, session ?? '');
  expect((await permissionsOf(session ?? ''))?.canSend).toEqual(['video']);
});

/**
 * Daily's domain and /rooms endpoints over HTTP, in-process: success and every documented error in
 * Daily's {error, info} bodies, the precise reason in the header and the journal, nothing changed
 * by a refusal; config holding only what differs from the defaults; expired ("zombie") rooms.
 */
import { http } from '../helpers/client';

import { OPERATIONS } from '../../contracts/operations';
import { REASON_HEADER, WARNINGS_HEADER } from '../../mock-server/http/diagnostics';
import { buildTestApp, stateText } from '../helpers/app';
import { advance, daily, join, seededBytes } from '../helpers/daily';
import {
  API_KEY,
  DOMAIN_ID,
  DOMAIN_NAME,
  EMPTY_ROOM,
  EMPTY_ROOM_ID,
  GUEST,
  NOW,
  ROOM,
  ROOM_ID,
} from '../helpers/world';

const NOW_S = NOW.getTime() / 1000;
const app = () => buildTestApp({ dailyRandomBytes: seededBytes(7) });
const reason = (res: { headers: Record<string, string> }) => res.headers[REASON_HEADER.toLowerCase()];

describe('the domain', () => {
  it('answers GET / with its name, id and config (set properties over the defaults)', async () => {
    const res = await daily(app(), 'get', '/');
    expect(res).toMatchContract('daily.getDomain');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      domain_name: DOMAIN_NAME,
      domain_id: DOMAIN_ID,
      config: expect.objectContaining({ hide_daily_branding: false, hipaa: false, lang: 'en' }),
    });
  });

  it('sets properties with POST /, and null returns one to its default', async () => {
    const a = app();
    const permissions = { canSend: ['audio'], hasPresence: false };
    const set = await daily(a, 'post', '/', { properties: { lang: 'fr', permissions, enforce_unique_user_ids: true } });
    expect(set).toMatchContract('daily.setDomain');
    expect(set.status).toBe(200);
    expect(set.body.config).toMatchObject({ lang: 'fr', permissions, enforce_unique_user_ids: true });
    const reset = await daily(a, 'post', '/', { properties: { lang: null } });
    expect(reset.body.config).toMatchObject({ lang: 'en', permissions });
    expect((await daily(a, 'get', '/')).body).toEqual(reset.body);
  });

  it.each([
    [
      'a property of the wrong type',
      { properties: { hipaa: 'yes' } },
      'DAILY_PROPERTY_INVALID',
      "hipaa was 'yes' but should be true or false",
    ],
    ['no properties', {}, 'DAILY_REQUEST_INVALID', 'properties is required'],
    [
      'permissions that are not permissions',
      { properties: { permissions: { canSend: ['smell'] } } },
      'DAILY_REQUEST_INVALID',
      /^properties\.permissions/,
    ],
  ])('refuses %s with 400 and changes nothing', async (_name, body, code, info) => {
    const a = app();
    const before = await stateText(a);
    const res = await daily(a, 'post', '/', body);
    expect(res).toMatchContract('daily.setDomain');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid-request-error',
      info: typeof info === 'string' ? info : expect.stringMatching(info),
    });
    expect(reason(res)).toMatch(new RegExp(`^${code}: `));
    expect(await stateText(a)).toBe(before);
  });
});

describe('POST /rooms', () => {
  it('makes a room with a random 20-character name when given nothing', async () => {
    const res = await daily(app(), 'post', '/rooms');
    expect(res).toMatchContract('daily.createRoom');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      name: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
      api_created: true,
      privacy: 'public',
      url: `https://${DOMAIN_NAME}.daily.co/${res.body.name as string}`,
      created_at: NOW.toISOString(),
      config: {},
    });
  });

  it('keeps in config only the properties that differ from the defaults', async () => {
    const res = await daily(app(), 'post', '/rooms', {
      name: 'board',
      privacy: 'private',
      properties: { max_participants: 200, enable_chat: true, enable_screenshare: true, exp: NOW_S + 3600, nbf: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'board',
      privacy: 'private',
      config: { enable_chat: true, exp: NOW_S + 3600 },
    });
    expect(Object.keys(res.body.config as object).sort()).toEqual(['enable_chat', 'exp']);
  });

  it('keeps a property it does not know, with a warning', async () => {
    const res = await daily(app(), 'post', '/rooms', { name: 'flags', properties: { enable_shiny_ui: true } });
    expect(res.status).toBe(200);
    expect(res.body.config).toEqual({ enable_shiny_ui: true });
    expect(res.headers[WARNINGS_HEADER.toLowerCase()]).toContain('properties.enable_shiny_ui is not a room property');
  });

  const refusals: [string, unknown, string, string | RegExp][] = [
    ['a name that exists', { name: ROOM }, 'DAILY_ROOM_EXISTS', `a room named ${ROOM} already exists`],
    [
      'a name with bad characters',
      { name: 'a b' },
      'DAILY_ROOM_NAME_INVALID',
      "a b contains invalid characters (room names can contain A-Z, a-z, 0-9, '-', and '_')",
    ],
    [
      'a name over 128 characters',
      { name: 'n'.repeat(129) },
      'DAILY_ROOM_NAME_INVALID',
      /is 129 characters long; the most is 128$/,
    ],
    [
      'an unknown privacy',
      { privacy: 'secret' },
      'DAILY_PROPERTY_INVALID',
      "privacy was 'secret' but should be 'public' or 'private'",
    ],
    [
      'an exp in the past',
      { properties: { exp: NOW_S - 60 } },
      'DAILY_PROPERTY_INVALID',
      `exp was '${NOW_S - 60}', which is in the past rather than in the future`,
    ],
    [
      'an exp that is not a number',
      { properties: { exp: 'not an int' } },
      'DAILY_PROPERTY_INVALID',
      "exp was 'not an int' but should be a number of seconds since the unix epoch",
    ],
    [
      'max_participants of 0',
      { properties: { max_participants: 0 } },
      'DAILY_PROPERTY_INVALID',
      "max_participants was '0' but should be at least 1",
    ],
    [
      'a meeting_join_hook over 255 characters',
      { properties: { meeting_join_hook: 'h'.repeat(256) } },
      'DAILY_PROPERTY_INVALID',
      /the most is 255$/,
    ],
    [
      'room permissions that are not permissions',
      { properties: { permissions: { canAdmin: 'all' } } },
      'DAILY_REQUEST_INVALID',
      /^properties\.permissions/,
    ],
    ['an unknown top-level field', { name: 'x', perm_mock_probe: true }, 'DAILY_REQUEST_INVALID', /perm_mock_probe/],
    ['a body that is not JSON', '{"name":', 'DAILY_JSON_INVALID', /not valid JSON/],
  ];

  it.each(refusals)('refuses %s with 400 and changes nothing', async (_name, body, code, info) => {
    const a = app();
    const before = await stateText(a);
    const res = await daily(a, 'post', '/rooms', body);
    expect(res).toMatchContract('daily.createRoom');
    expect(res.status).toBe(400);
    expect(res.body.info).toEqual(typeof info === 'string' ? info : expect.stringMatching(info));
    expect(res.body.error).toBe(code === 'DAILY_JSON_INVALID' ? 'json-parsing-error' : 'invalid-request-error');
    expect(reason(res)).toMatch(new RegExp(`^${code}: `));
    expect(a.mock.requests().at(-1)?.reason?.code).toBe(code);
    expect(await stateText(a)).toBe(before);
  });
});

describe('GET /rooms', () => {
  async function withRooms(count: number) {
    const a = app();
    for (let i = 0; i < count; i += 1) {
      await daily(a, 'post', '/rooms', { name: `r${i}` });
      await advance(a, 1); // one second apart: Daily orders by created_at at one-second granularity
    }
    return a;
  }

  it('lists every room, newest first (then by id), with the total count', async () => {
    const a = await withRooms(3);
    const res = await daily(a, 'get', '/rooms');
    expect(res).toMatchContract('daily.listRooms');
    expect(res.body.total_count).toBe(5);
    expect(res.body.data.map((r: { name: string }) => r.name)).toEqual(['r2', 'r1', 'r0', EMPTY_ROOM, ROOM]);
    expect(EMPTY_ROOM_ID < ROOM_ID).toBe(true); // the two world rooms were made the same second
  });

  it('pages with limit, starting_after and ending_before (OLDEST is the last page)', async () => {
    const a = await withRooms(3);
    const names = async (query: string) =>
      ((await daily(a, 'get', `/rooms${query}`)).body.data as { name: string; id: string }[]).map((r) => r.name);
    const first = (await daily(a, 'get', '/rooms?limit=2')).body;
    expect(first.total_count).toBe(5);
    expect(first.data.map((r: { name: string }) => r.name)).toEqual(['r2', 'r1']);
    expect(await names(`?limit=2&starting_after=${first.data[1].id as string}`)).toEqual(['r0', EMPTY_ROOM]);
    const r0 = (await daily(a, 'get', '/rooms/r0')).body.id as string;
    expect(await names(`?limit=2&ending_before=${r0}`)).toEqual(['r2', 'r1']);
    expect(await names('?limit=2&ending_before=OLDEST')).toEqual([EMPTY_ROOM, ROOM]);
  });

  it.each([
    ['limit=0', "limit was '0' but should be an integer from 1 to 100"],
    ['limit=101', "limit was '101' but should be an integer from 1 to 100"],
    ['starting_after=nope', "starting_after 'nope' is not the id of a room"],
    [`starting_after=${ROOM_ID}&ending_before=OLDEST`, 'give starting_after or ending_before, not both'],
  ])('refuses %s with 400', async (query, info) => {
    const res = await daily(app(), 'get', `/rooms?${query}`);
    expect(res).toMatchContract('daily.listRooms');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid-request-error', info });
  });
});

describe('GET, POST and DELETE /rooms/:name', () => {
  it('reads a room', async () => {
    const res = await daily(app(), 'get', `/rooms/${ROOM}`);
    expect(res).toMatchContract('daily.getRoom');
    expect(res.body).toEqual({
      id: ROOM_ID,
      name: ROOM,
      api_created: false,
      privacy: 'public',
      url: `https://${DOMAIN_NAME}.daily.co/${ROOM}`,
      created_at: '2025-12-31T09:00:00.000Z',
      config: {},
    });
  });

  it('merges properties, null resets one, and unnamed ones keep their values', async () => {
    const a = app();
    await daily(a, 'post', '/rooms', { name: 'm', properties: { enable_chat: true, max_participants: 4 } });
    const res = await daily(a, 'post', '/rooms/m', {
      privacy: 'private',
      properties: { max_participants: null, start_video_off: true },
    });
    expect(res).toMatchContract('daily.updateRoom');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ privacy: 'private', config: { enable_chat: true, start_video_off: true } });
    expect(res.body.config).not.toHaveProperty('max_participants');
    expect((await daily(a, 'get', '/rooms/m')).body).toEqual(res.body);
  });

  it('refuses to change enable_screenshare while the room hosts a call', async () => {
    const a = app();
    const res = await daily(a, 'post', `/rooms/${ROOM}`, { properties: { enable_screenshare: false } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid-request-error',
      info: `enable_screenshare cannot change while room ${ROOM} hosts a call`,
    });
    expect((await daily(a, 'post', `/rooms/${EMPTY_ROOM}`, { properties: { enable_screenshare: false } })).status).toBe(
      200,
    );
  });

  it('deletes a room, ending its call; the name can be used again', async () => {
    const a = app();
    const res = await daily(a, 'delete', `/rooms/${ROOM}`);
    expect(res).toMatchContract('daily.deleteRoom');
    expect(res.body).toEqual({ deleted: true, name: ROOM });
    expect((await http(a).get(`/__admin/daily/rooms/${ROOM}`)).status).toBe(404);
    expect((await daily(a, 'post', '/rooms', { name: ROOM })).status).toBe(200);
  });

  it.each([
    ['get', undefined, 'daily.getRoom'],
    ['post', { privacy: 'public' }, 'daily.updateRoom'],
    ['delete', undefined, 'daily.deleteRoom'],
  ] as const)('answers %s of a room that does not exist with 404 room <name> not found', async (method, body, op) => {
    const res = await daily(app(), method, '/rooms/no-such-room', body);
    expect(res).toMatchContract(op);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not-found', info: 'room no-such-room not found' });
    expect(reason(res)).toMatch(/^DAILY_ROOM_NOT_FOUND: /);
  });
});

describe('expired rooms ("zombies")', () => {
  async function expiring() {
    const a = app();
    await daily(a, 'post', '/rooms', { name: 'brief', properties: { exp: NOW_S + 60 } });
    expect((await join(a, 'brief', { id: 'still-here' })).status).toBe(201);
    await advance(a, 61);
    return a;
  }

  it('vanish from the API once exp passes, while the call in them goes on', async () => {
    const a = await expiring();
    const get = await daily(a, 'get', '/rooms/brief');
    expect(get.status).toBe(404);
    expect(get.body).toEqual({ error: 'not-found', info: 'room brief not found' });
    expect(reason(get)).toMatch(/^DAILY_ROOM_EXPIRED: room brief expired .*the call in it goes on/);
    expect((await daily(a, 'get', '/rooms')).body.data.map((r: { name: string }) => r.name)).not.toContain('brief');
    expect((await daily(a, 'get', '/rooms/brief/presence')).status).toBe(404);
    expect((await daily(a, 'get', '/presence')).body).not.toHaveProperty('brief');
    const held = (await http(a).get('/__admin/daily/rooms/brief')).body;
    expect(held.participants.map((p: { id: string }) => p.id)).toEqual(['still-here']);
  });

  it('refuse new joins', async () => {
    const res = await join(await expiring(), 'brief', { id: 'late' });
    expect(res).toBeProblem('MOCK_DAILY_JOIN_REFUSED');
    expect(res.body.detail).toMatch(/^room-expired: /);
  });

  it('answer DELETE with 404 and deleted: true, and are deleted', async () => {
    const a = await expiring();
    const res = await daily(a, 'delete', '/rooms/brief');
    expect(res).toMatchContract('daily.deleteRoom');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not-found', info: 'room brief not found', deleted: true });
    expect((await http(a).get('/__admin/daily/rooms/brief')).status).toBe(404);
  });

  it('give their name to a new room, which ends the old call', async () => {
    const a = await expiring();
    const res = await daily(a, 'post', '/rooms', { name: 'brief' });
    expect(res.status).toBe(200);
    expect(res.headers[WARNINGS_HEADER.toLowerCase()]).toContain('room brief had expired');
    expect((await http(a).get('/__admin/daily/rooms/brief')).body.participants).toEqual([]);
  });
});

describe('every Daily route', () => {
  const daily_ = [...OPERATIONS.values()].filter((op) => op.api === 'daily');
  const concrete = (path: string) =>
    path.replace('{name}', ROOM).replace('{token}', 'x.y.z').replace('{uuid}', 'u').replace(/^\/v1/, '');

  it.each(daily_.map((op) => [op.id, op] as const))(
    '%s refuses a request without a Bearer header (400)',
    async (id, op) => {
      const res = await daily(app(), op.method.toLowerCase() as 'get', concrete(op.path), op.request && {}, {
        key: null,
      });
      expect(res).toMatchContract(id);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('authorization-header-error');
    },
  );

  it.each(daily_.map((op) => [op.id, op] as const))(
    '%s refuses a key it does not accept (401, no info)',
    async (id, op) => {
      const a = app();
      const before = await stateText(a);
      const res = await daily(a, op.method.toLowerCase() as 'get', concrete(op.path), op.request && {}, {
        key: 'nope',
      });
      expect(res).toMatchContract(id);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'authentication-error' });
      expect(await stateText(a)).toBe(before);
    },
  );

  it('answers 403 forbidden-error only when a fault injects it', async () => {
    const a = app();
    await http(a).post('/__admin/faults').send({ api: 'daily', operation: 'daily.getRoom', status: 403, times: 1 });
    const res = await daily(a, 'get', `/rooms/${ROOM}`);
    expect(res).toMatchContract('daily.getRoom');
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden-error');
    expect((await daily(a, 'get', `/rooms/${ROOM}`)).status).toBe(200);
  });

  it("counts DELETE /rooms/:name in Daily's slower bucket when rate limits are on", async () => {
    const a = buildTestApp({ dailyRateLimit: true });
    for (const name of ['d1', 'd2', 'd3']) await daily(a, 'post', '/rooms', { name });
    expect((await daily(a, 'delete', '/rooms/d1')).status).toBe(200);
    expect((await daily(a, 'delete', '/rooms/d2')).status).toBe(200);
    const third = await daily(a, 'delete', '/rooms/d3');
    expect(third).toMatchContract('daily.deleteRoom');
    expect(third.status).toBe(429);
    expect((await daily(a, 'get', `/rooms/${ROOM}`)).status).toBe(200); // the default bucket is another
  });

  it('keeps the key of the Authorization header checked before the body and the room', async () => {
    const res = await daily(app(), 'post', '/rooms/no-such-room', 'not json', { key: 'wrong' });
    expect(res.status).toBe(401);
    expect((await daily(app(), 'post', '/rooms/no-such-room', 'not json', { key: API_KEY })).body.error).toBe(
      'json-parsing-error',
    );
  });

  it('uses session ids that join presence answers (a smoke check of the seeded randomness)', async () => {
    const a = app();
    const first = (await join(a, ROOM)).body.participant.id as string;
    const b = app();
    expect((await join(b, ROOM)).body.participant.id).toBe(first);
    expect(first).not.toBe(GUEST);
  });
});

/**
 * Cases of shared/reference/sonoran-radio-surface.md and sonoran-radio.md that no other test
 * exercised: v1's 404 on the routes the route tables left out, accId/identity on both body forms,
 * empty tone lists, the members and transmissions queries' remaining values, the path's room over
 * the injected body roomId, unknown rooms on zone mutations, the documented 401 example, every
 * v2 endpoint's published rate limit (zone mutations sharing one bucket), subscription levels,
 * switchable metadata, unknown top-level fields in strict mode, a kicked member coming back, a
 * numeric community id. Every answer is contract-checked by the shared client.
 */
import { http } from '../helpers/client';

import type { PermMockApp } from '../../mock-server/app';
import { REASON_HEADER } from '../../mock-server/http/diagnostics';
import { stateText } from '../helpers/app';
import {
  ADMIN,
  BANNED,
  bearer,
  buildRadioApp,
  CH,
  community,
  DISPATCH,
  memberOf,
  OFFICER,
  OTHER,
  OTHER_KEY,
  PENDING,
  RC,
  RC_KEY,
  send,
  SUPERVISOR,
  usersOf,
  v2,
  type Call,
} from '../helpers/sonoran-world';

const S = `/v2/servers/${RC}`;
const BAD_KEY = { result: 'bad', error: 'Invalid community ID or API key' };
const INVALID = { error: 'Invalid request' };
const ZONE = {
  points: [
    { x: 1, y: 1 },
    { x: 1, y: 5 },
    { x: 5, y: 5 },
  ],
  options: { name: 'Harbor', minZ: 0, maxZ: 20, transmitChannels: [CH.fire], scanChannels: [], acePerms: [] },
};

function expectProblem(res: { status: number; body: Record<string, unknown>; headers: Record<string, unknown> }) {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `https://httpstatuses.com/${res.status}`, status: res.status });
}

function reasonOf(res: { headers: Record<string, unknown> }): string {
  return String(res.headers[REASON_HEADER.toLowerCase()]);
}

describe('§4.8: v1 answers 404 Invalid community ID or API key on every route', () => {
  const wrong = 'not-the-key';
  const rows: [string, string, Call][] = [
    ['ban', `/api/servers/${RC}/members/ban`, { body: { apiKey: wrong, accIds: [OFFICER] } }],
    [
      'nicknames',
      `/api/servers/${RC}/members/nicknames`,
      { body: { apiKey: wrong, accNicknames: [{ accId: OFFICER, nickname: 'x' }] } },
    ],
    ['get-connected-user', `/api/radio/get-connected-user/${RC}/${wrong}/1/${OFFICER}`, {}],
    ['get-community-channels (legacy POST)', `/radio/get-community-channels/${RC}/${wrong}`, { method: 'POST' }],
    ['get-connected-users (POST)', `/api/radio/get-connected-users/${RC}/${wrong}`, { method: 'POST' }],
    ["set-user-channels (the docs' path)", `/api/radio/set-user-channels/${RC}/${wrong}/${OFFICER}`, { body: {} }],
    [
      'set-user-display-name (/radio, body)',
      '/radio/set-user-display-name',
      { body: { id: RC, key: wrong, identity: OFFICER, displayName: 'x' } },
    ],
    [
      'set-user-display-name (/radio, path)',
      `/radio/set-user-display-name/${RC}/${wrong}/${OFFICER}`,
      { body: { displayName: 'x' } },
    ],
    ['an unknown community on the path form', `/radio/set-user-display-name/nope/${RC_KEY}/${OFFICER}`, { body: {} }],
  ];

  it.each(rows)('%s', async (_name, path, call) => {
    const app = buildRadioApp();
    const before = await stateText(app);
    const res = await send(app, path, call);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(BAD_KEY);
    expect(reasonOf(res)).toMatch(/^SONORAN_INVALID_KEY: /);
    expect(await stateText(app)).toBe(before);
  });
});

describe('§4.10: accId and identity name the same account on both v1 body forms', () => {
  it.each([
    ['/api/set-user-display-name with identity', '/api/set-user-display-name', 'identity'],
    ['/radio/set-user-display-name with accId', '/radio/set-user-display-name', 'accId'],
  ])('%s', async (_name, path, field) => {
    const app = buildRadioApp();
    const res = await send(app, path, { body: { id: RC, key: RC_KEY, [field]: OFFICER, displayName: 'Lt Dan' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: 'ok' });
    expect((await memberOf(app, OFFICER))?.displayName).toBe('Lt Dan');
    expect((await usersOf(app)).find((u) => u.identity === OFFICER)?.name).toBe('Lt Dan');
  });
});

describe('play-tone: the SDK refuses empty tones and playTo, and so does the mock (400)', () => {
  it('v1: an empty playTo', async () => {
    const app = buildRadioApp();
    const res = await send(app, '/api/play-tone', {
      body: { id: RC, key: RC_KEY, roomId: 1, tones: [1], playTo: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(INVALID);
    expect((await community(app)).tones).toEqual([]);
  });

  it('v2: an empty tones list', async () => {
    const app = buildRadioApp();
    const res = await v2(app, `${S}/tones/play`, {
      body: { roomId: 1, tones: [], playTo: [{ type: 'channel', value: 1 }] },
    });
    expect(res.status).toBe(400);
    expectProblem(res);
    expect((await community(app)).tones).toEqual([]);
  });
});

describe('§2 members query: the sortBy values and search fields not covered elsewhere', () => {
  const ids = async (app: PermMockApp, query: string) => {
    const res = await v2(app, `${S}/members${query}`);
    expect(res.status).toBe(200);
    return (res.body.members as { accId: string }[]).map((m) => m.accId);
  };

  it('sortBy=displayName sorts by the display name, not the username; search finds a display name', async () => {
    const app = buildRadioApp();
    const renamed = await v2(app, `${S}/members/display-names`, {
      method: 'PATCH',
      body: { accNicknames: [{ accId: OFFICER, nickname: 'Aardvark' }] },
    });
    expect(renamed.status).toBe(200);
    expect(await ids(app, '?sortBy=displayName')).toEqual([OFFICER, ADMIN, BANNED, DISPATCH, PENDING, SUPERVISOR]);
    expect(await ids(app, '?search=aardVARK')).toEqual([OFFICER]);
  });

  it('sortBy=approved puts false before true, ties in community order', async () => {
    expect(await ids(buildRadioApp(), '?sortBy=approved')).toEqual([
      PENDING,
      BANNED,
      ADMIN,
      SUPERVISOR,
      OFFICER,
      DISPATCH,
    ]);
  });

  it('sortBy=banned&descending=true puts the banned member first', async () => {
    expect(await ids(buildRadioApp(), '?sortBy=banned&descending=true')).toEqual([
      BANNED,
      ADMIN,
      SUPERVISOR,
      OFFICER,
      DISPATCH,
      PENDING,
    ]);
  });
});

describe('§2 transmissions: perPage defaults to 25, at most 100', () => {
  it('accepts perPage=100', async () => {
    const res = await v2(buildRadioApp(), `${S}/transmissions?perPage=100`);
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual({ page: 1, perPage: 100, total: 0, totalPages: 0 });
  });

  it.each(['?perPage=101', '?perPage=0', '?page=0'])('%s → 400 problem', async (query) => {
    const res = await v2(buildRadioApp(), `${S}/transmissions${query}`);
    expect(res.status).toBe(400);
    expectProblem(res);
    expect(reasonOf(res)).toMatch(/^SONORAN_INVALID_REQUEST: /);
  });
});

describe('§4.9: the injected body roomId is ignored where the path names the room', () => {
  it('set user channels acts on the path room (the user is not in the body room)', async () => {
    const app = buildRadioApp();
    const res = await v2(app, `${S}/rooms/1/users/${OFFICER}/channels`, {
      method: 'PATCH',
      body: { roomId: 2, transmit: [CH.fire] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ identity: OFFICER, roomId: 1, transmit: [CH.fire], scan: [] });
  });

  it("create zone stores the zone in the path's room", async () => {
    const app = buildRadioApp();
    const res = await v2(app, `${S}/rooms/2/zones/geo`, { body: { roomId: 1, zone: ZONE } });
    expect(res.status).toBe(201);
    expect(res.body.roomId).toBe(2);
    const rooms = (await community(app)).rooms;
    expect(rooms.find((r) => r.id === 1)?.geoZones.map((z) => z.options.name)).toEqual(['Downtown']);
    expect(rooms.find((r) => r.id === 2)?.geoZones.map((z) => z.options.name)).toEqual(['Harbor']);
  });
});

describe('§4.9 and §4.13: zone mutations on an unknown room or zone type', () => {
  it.each([
    ['POST, an unknown room', `${S}/rooms/9/zones/geo`, { body: { zone: ZONE } }, 404, 'SONORAN_ROOM_NOT_FOUND'],
    [
      'PATCH, an unknown room',
      `${S}/rooms/9/zones/geo/Downtown`,
      { method: 'PATCH', body: { zone: ZONE } },
      404,
      'SONORAN_ROOM_NOT_FOUND',
    ],
    ['DELETE, an unknown room', `${S}/rooms/9/zones/geo/Downtown`, { method: 'DELETE' }, 404, 'SONORAN_ROOM_NOT_FOUND'],
    [
      'PATCH, a zone type other than geo or degrade',
      `${S}/rooms/1/zones/emergency/Downtown`,
      { method: 'PATCH', body: { zone: ZONE } },
      400,
      'SONORAN_INVALID_REQUEST',
    ],
  ] as [string, string, Call, number, string][])('%s → %i %s', async (_name, path, call, status, reason) => {
    const app = buildRadioApp();
    const before = await stateText(app);
    const res = await v2(app, path, call);
    expect(res.status).toBe(status);
    expectProblem(res);
    expect(res.body.instance).toBe(path);
    expect(reasonOf(res)).toMatch(new RegExp(`^${reason}: `));
    expect(await stateText(app)).toBe(before);
  });
});

describe("§2: the docs' 401 example", () => {
  it('GET /v2/servers/1/channels without Authorization answers the documented problem', async () => {
    const res = await send(buildRadioApp(), '/v2/servers/1/channels');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'https://httpstatuses.com/401',
      title: 'Unauthorized',
      status: 401,
      detail: 'Missing Authorization header.',
      instance: '/v2/servers/1/channels',
      traceId: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/),
    });
  });

  it('a validation failure is a 400 problem titled Bad Request', async () => {
    const res = await v2(buildRadioApp(), `${S}/members?perPage=101`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ title: 'Bad Request', status: 400 });
  });
});

describe('§2 and §4.15: every v2 endpoint is limited per key with its published figure', () => {
  const zone = { roomId: 1, zone: ZONE };
  const rows: [string, number, string, Call][] = [
    ['channels', 6, `${S}/channels`, {}],
    ['members', 15, `${S}/members`, {}],
    [
      'set permissions',
      4,
      `${S}/members/permissions`,
      { method: 'PATCH', body: { userPerms: [{ accId: OFFICER, perm: 2 }] } },
    ],
    ['approve', 12, `${S}/members/approve`, { body: { accIds: [PENDING] } }],
    ['kick', 4, `${S}/members/kick`, { body: { accIds: ['acc-ghost'] } }],
    ['ban', 4, `${S}/members/ban`, { body: { accIds: [BANNED] } }],
    ['unban', 4, `${S}/members/unban`, { body: { accIds: [DISPATCH] } }],
    [
      'member display names',
      4,
      `${S}/members/display-names`,
      { method: 'PATCH', body: { accNicknames: [{ accId: OFFICER, nickname: 'U' }] } },
    ],
    ['connected users', 6, `${S}/connected-users`, {}],
    ['connected user', 12, `${S}/rooms/1/users/${OFFICER}`, {}],
    ['set user channels', 6, `${S}/rooms/1/users/${OFFICER}/channels`, { method: 'PATCH', body: { scan: [CH.ems] } }],
    [
      'user display name',
      12,
      `${S}/users/display-name`,
      { method: 'PATCH', body: { accId: OFFICER, displayName: 'U' } },
    ],
    ['transmissions', 12, `${S}/transmissions`, {}],
    ['zone reads', 12, `${S}/rooms/1/zones`, {}],
    ['zone create', 30, `${S}/rooms/1/zones/geo`, { body: zone }],
    ['play tone', 12, `${S}/tones/play`, { body: { roomId: 1, tones: [1], playTo: [{ type: 'channel', value: 1 }] } }],
    ['speakers', 2, `${S}/speakers`, { method: 'PUT', body: { locations: [] } }],
    ['server ip', 2, `${S}/server-ip`, { body: { serverPort: 30120 } }],
  ];

  it.each(rows)('%s: %i a minute, then a 429 problem with Retry-After', async (_name, limit, path, call) => {
    const app = buildRadioApp({ sonoranRateLimit: true });
    for (let i = 0; i < limit; i += 1) expect((await v2(app, path, call)).status).not.toBe(429);
    const limited = await v2(app, path, call);
    expect(limited.status).toBe(429);
    expectProblem(limited);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The other community's key has a bucket of its own on the same endpoint.
    const other = await send(app, path.replace(S, `/v2/servers/${OTHER}`), { ...call, headers: bearer(OTHER_KEY) });
    expect(other.status).not.toBe(429);
  });

  it('zone mutations (POST, PATCH, DELETE) share one bucket of 30; zone reads have their own', async () => {
    const app = buildRadioApp({ sonoranRateLimit: true });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      statuses.push((await v2(app, `${S}/rooms/1/zones/geo`, { body: zone })).status);
      statuses.push(
        (await v2(app, `${S}/rooms/1/zones/geo/Harbor`, { method: 'PATCH', body: zone })).status,
        (await v2(app, `${S}/rooms/1/zones/geo/Harbor`, { method: 'DELETE' })).status,
      );
    }
    expect(statuses).toEqual(Array.from({ length: 10 }, () => [201, 200, 200]).flat());
    expect((await v2(app, `${S}/rooms/1/zones/geo/Downtown`, { method: 'DELETE' })).status).toBe(429);
    expect((await v2(app, `${S}/rooms/1/zones/geo`, { body: zone })).status).toBe(429);
    expect((await v2(app, `${S}/rooms/1/zones`)).status).toBe(200);
  });

  it('v1 routes other than set-member-permissions are never limited', async () => {
    const app = buildRadioApp({ sonoranRateLimit: true });
    for (let i = 0; i < 40; i += 1) {
      const res = await send(app, `/api/radio/get-connected-user/${RC}/${RC_KEY}/1/${OFFICER}`);
      expect(res.status).toBe(200);
    }
  });
});

describe('§1 and §4.11: subscription levels 0 (Free) and 2 (Pro) by IP', () => {
  it("answers 0 for a Free community's registered server, on v1 and v2", async () => {
    const app = buildRadioApp();
    const reg = await send(app, '/radio/set-server-ip', { body: { id: OTHER, key: OTHER_KEY, pushUrl: 'http://x/y' } });
    expect(reg.status).toBe(200);
    expect((await send(app, '/radio/check-server-subscription')).body).toEqual({ result: 'ok', subscription: 0 });
    expect((await send(app, '/v2/server-subscriptions/by-ip')).body).toEqual({ subscription: 0 });
  });

  it("answers 2 for a Pro community's registered server", async () => {
    const app = buildRadioApp();
    const put = await http(app)
      .put('/__admin/sonoran/communities/pro-rp')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ apiKey: 'pro-key', subscription: 2 }));
    expect(put.status).toBe(200);
    const reg = await send(app, '/v2/servers/pro-rp/server-ip', {
      body: { serverPort: 1 },
      headers: bearer('pro-key'),
    });
    expect(reg.status).toBe(200);
    expect((await send(app, '/radio/check-server-subscription')).body).toEqual({ result: 'ok', subscription: 2 });
    expect((await send(app, '/v2/server-subscriptions/by-ip')).body).toEqual({ subscription: 2 });
  });
});

describe('§3: connected-user metadata is switchable per version', () => {
  it('v1 a JSON string and v2 an object once metadataFormat says so', async () => {
    const app = buildRadioApp();
    const view = (await http(app).get(`/__admin/sonoran/communities/${RC}`)).body as Record<string, unknown>;
    const put = await http(app)
      .put(`/__admin/sonoran/communities/${RC}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...view, metadataFormat: { v1: 'string', v2: 'object' } }));
    expect(put.status).toBe(200);
    const metadata = { sonrad: true, state: { primaryChId: CH.dispatch, scannedChIds: [], scanLists: [], spec: 2 } };
    const one = await send(app, `/api/radio/get-connected-user/${RC}/${RC_KEY}/1/${OFFICER}`);
    expect(typeof one.body.data.metadata).toBe('string');
    expect(JSON.parse(one.body.data.metadata as string)).toEqual(metadata);
    const two = await v2(app, `${S}/rooms/1/users/${OFFICER}`);
    expect(two.body.metadata).toEqual(metadata);
  });
});

describe('sonoran-radio.md: unknown top-level fields are ignored in every mode (strict too)', () => {
  it('v1 set-member-permissions with roomId, strict', async () => {
    const app = buildRadioApp({ strict: true });
    const res = await send(app, `/api/servers/${RC}/members/permissions`, {
      body: { apiKey: RC_KEY, roomId: 1, serverId: 7, userPerms: [{ accId: OFFICER, perm: 34 }] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: 'ok' });
    expect((await memberOf(app, OFFICER))?.permission).toBe(34);
  });

  it('v2 set-member-permissions with roomId, strict', async () => {
    const app = buildRadioApp({ strict: true });
    const res = await v2(app, `${S}/members/permissions`, {
      method: 'PATCH',
      body: { roomId: 1, userPerms: [{ accId: OFFICER, perm: 34 }] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updatedAccIds: [OFFICER] });
  });
});

describe('§4.2: a kicked member is not banned and may come back', () => {
  it('after a kick, emplace re-adds it and it can connect again', async () => {
    const app = buildRadioApp();
    await send(app, `/api/servers/${RC}/members/kick`, { body: { apiKey: RC_KEY, accIds: [SUPERVISOR] } });
    expect(await memberOf(app, SUPERVISOR)).toBeUndefined();
    const back = await send(app, `/api/servers/${RC}/members/emplace`, {
      body: { apiKey: RC_KEY, accIds: [SUPERVISOR] },
    });
    expect(back.status).toBe(200);
    expect(await memberOf(app, SUPERVISOR)).toMatchObject({ banned: false });
    const connect = await send(app, `/__admin/sonoran/communities/${RC}/rooms/1/users`, {
      body: { identity: SUPERVISOR },
    });
    expect(connect.status).toBe(201);
  });
});

describe('§2: a numeric community id in the path is the community id string', () => {
  it('serves v1 and v2 for a community whose id is digits', async () => {
    const app = buildRadioApp();
    const put = await http(app)
      .put('/__admin/sonoran/communities/12345')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ apiKey: 'num-key', channels: [{ id: 101, name: 'Law Dispatch', private: false }] }));
    expect(put.status).toBe(200);
    const two = await send(app, '/v2/servers/12345/channels', { headers: bearer('num-key') });
    expect(two.status).toBe(200);
    expect(two.body.channels).toEqual([expect.objectContaining({ id: 101, name: 'Law Dispatch' })]);
    const one = await send(app, '/api/radio/get-community-channels/12345/num-key');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ result: 'ok', groups: [{ id: 0, name: 'Default', orderIndex: 0 }] });
  });
});

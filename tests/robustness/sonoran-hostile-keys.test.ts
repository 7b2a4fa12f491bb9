/**
 * Names of Object.prototype's machinery in every id position of Sonoran Radio, both versions: the
 * community id and key, account ids and identities, zone names, speaker ids, transmission ids, query
 * values and names, body fields. Each is plain data (or a 4xx) and never reaches a prototype.
 */
import { http } from '../helpers/client';

import { createApp, type PermMockApp } from '../../mock-server/app';
import { NOW } from '../helpers/world';
import { send, SONORAN_WORLD } from '../helpers/sonoran-world';

const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const;
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  const probe = {} as Record<string, unknown>;
  for (const name of ['polluted', 'permission', 'transmit', 'users', 'apiKey']) expect(probe[name]).toBeUndefined();
  expect(typeof Object.prototype.toString).toBe('function');
});

/** A community whose id, key, member, identity, speaker and zone are all the hostile name. */
async function hostileApp(key: string): Promise<PermMockApp> {
  const app = createApp({ world: SONORAN_WORLD, clock: () => NOW });
  const put = await http(app)
    .put(`/__admin/sonoran/communities/${key}`)
    .set('Content-Type', 'application/json')
    .send(
      JSON.stringify({
        apiKey: key,
        channels: [
          { id: 1, name: key, private: false },
          { id: 2, name: 'Private', private: true },
        ],
        members: [{ accId: key, profilePerms: [{ profileId: 2, canJoin: true }] }, { accId: 'other' }],
        rooms: [{ id: 1, users: [{ identity: key, transmit: [1] }] }],
        speakers: [{ label: key, id: key }],
      }),
    );
  expect(put).toMatchContract('admin.putSonoranCommunity');
  expect(put.status).toBe(200);
  return app;
}

describe.each(HOSTILE)('the key %s', (key) => {
  const S = `/v2/servers/${key}`;
  const auth = { Authorization: `Bearer ${key}` };

  it('works as community id, API key and account id through v1', async () => {
    const app = await hostileApp(key);
    const perms = await send(app, `/api/servers/${key}/members/permissions`, {
      body: { apiKey: key, userPerms: [{ accId: key, perm: 7, profilePerms: [{ profileId: 2, canJoin: false }] }] },
    });
    expect(perms.status).toBe(200);
    expect((await send(app, `/api/radio/get-connected-user/${key}/${key}/1/${key}`)).body.data.identity).toBe(key);
    expect(
      (await send(app, `/api/radio/set-user-channels/${key}/${key}/1/${key}`, { body: { scan: [2] } })).status,
    ).toBe(200);
    expect(
      (await send(app, `/api/radio/set-user-channels/${key}/${key}/${key}`, { body: { transmit: 1 } })).status,
    ).toBe(200);
    expect(
      (await send(app, '/api/set-user-display-name', { body: { id: key, key, accId: key, displayName: key } })).status,
    ).toBe(200);
    expect(
      (await send(app, `/radio/set-user-display-name/${key}/${key}/${key}`, { body: { displayName: key } })).status,
    ).toBe(200);
    expect(
      (
        await send(app, `/api/servers/${key}/members/nicknames`, {
          body: { apiKey: key, accNicknames: [{ accId: key, nickname: key }] },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await send(app, '/api/play-tone', {
          body: { id: key, key, roomId: 1, tones: [1], playTo: [{ type: 'game', value: key }] },
        })
      ).headers['x-perm-mock-warnings'],
    ).toBeUndefined();
    expect(
      (await send(app, `/api/servers/${key}/members/emplace`, { body: { apiKey: key, accIds: [key, 'fresh'] } }))
        .status,
    ).toBe(200);
    expect((await send(app, `/api/servers/${key}/members/ban`, { body: { apiKey: key, accIds: [key] } })).status).toBe(
      200,
    );
    const state = app.mock.state().sonoran.communities.find((c) => c.id === key);
    expect(state?.members.find((m) => m.accId === key)).toMatchObject({
      permission: 7,
      displayName: key,
      banned: true,
    });
    expect(state?.rooms?.[0]?.users).toEqual([]);
  });

  it('works as community id, Bearer key, account id, identity, zone name and speaker id through v2', async () => {
    const app = await hostileApp(key);
    const v2 = (path: string, call: Parameters<typeof send>[2] = {}) => send(app, path, { ...call, headers: auth });
    expect((await v2(`${S}/channels`)).status).toBe(200);
    expect(
      (await v2(`${S}/members/permissions`, { method: 'PATCH', body: { userPerms: [{ accId: key, perm: 3 }] } })).body,
    ).toEqual({ updatedAccIds: [key] });
    expect(
      (await v2(`${S}/members?search=${key}&sortBy=accId`)).body.members.map((m: { accId: string }) => m.accId),
    ).toEqual([key]);
    expect((await v2(`${S}/rooms/1/users/${key}`)).body.identity).toBe(key);
    expect((await v2(`${S}/rooms/1/users/${key}/channels`, { method: 'PATCH', body: { transmit: [2] } })).status).toBe(
      200,
    );
    expect(
      (await v2(`${S}/users/display-name`, { method: 'PATCH', body: { accId: key, displayName: key } })).status,
    ).toBe(200);
    const zone = { center: { x: 0, y: 0 }, radius: 1, options: { name: key, minZ: 0, maxZ: 1, transmitChannels: [1] } };
    expect((await v2(`${S}/rooms/1/zones/geo`, { body: { zone } })).status).toBe(201);
    expect((await v2(`${S}/rooms/1/zones/geo/${key}`, { method: 'PATCH', body: { zone } })).status).toBe(200);
    expect((await v2(`${S}/rooms/1/zones/degrade/${key}`, { method: 'DELETE' })).status).toBe(404);
    expect((await v2(`${S}/rooms/1/zones/geo/${key}`, { method: 'DELETE' })).body.geoZones).toEqual([]);
    expect((await v2(`${S}/tones/play`, { body: { tones: [1], playTo: [{ type: 'game', value: key }] } })).status).toBe(
      200,
    );
    expect((await v2(`${S}/speakers`, { method: 'PUT', body: { locations: [{ label: key, id: key }] } })).body).toEqual(
      { locationsCount: 1 },
    );
    expect(
      (await v2(`${S}/server-ip`, { body: { serverPort: 1, nickname: key, pushUrl: `http://127.0.0.1:9/${key}` } }))
        .status,
    ).toBe(200);
    expect((await v2(`${S}/members/kick`, { body: { accIds: [key, key] } })).body).toEqual({ kickedAccIds: [key] });
    expect((await v2(`${S}/connected-users`)).body).toEqual({ connectedUsers: [] });
  });

  it('is refused, not obeyed, where it names nothing', async () => {
    const app = createApp({ world: SONORAN_WORLD, clock: () => NOW, strict: true });
    expect((await send(app, `/v2/servers/${key}/channels`, { headers: auth })).status).toBe(401);
    expect((await send(app, `/v2/servers/radio-rp/channels`, { headers: auth })).status).toBe(401);
    expect((await send(app, `/api/radio/get-community-channels/${key}/${key}`)).status).toBe(404);
    expect((await send(app, `/api/radio/get-community-channels/radio-rp/${key}`)).status).toBe(404);
    const rc = { Authorization: 'Bearer radio-key-1' };
    expect((await send(app, `/v2/servers/radio-rp/rooms/1/users/${key}`, { headers: rc })).status).toBe(404);
    expect(
      (await send(app, `/v2/servers/radio-rp/rooms/1/zones/geo/${key}`, { method: 'DELETE', headers: rc })).status,
    ).toBe(404);
    expect((await send(app, `/v2/servers/radio-rp/rooms/${key}/zones`, { headers: rc })).status).toBe(400);
    expect(
      (await send(app, `/v2/servers/radio-rp/members/approve`, { body: { accIds: [key] }, headers: rc })).status,
    ).toBe(404);
    expect((await send(app, `/v2/servers/radio-rp/members?status=${key}`, { headers: rc })).status).toBe(400);
    expect((await send(app, `/v2/servers/radio-rp/members?sortBy=${key}`, { headers: rc })).status).toBe(400);
    expect((await send(app, `/v2/servers/radio-rp/members?${key}=1`, { headers: rc })).status).toBe(200);
    expect(
      (
        await send(app, `/v2/servers/radio-rp/tones/play`, {
          body: { tones: [1], playTo: [{ type: 'game', value: key }] },
          headers: rc,
        })
      ).status,
    ).toBe(400);
    expect(
      (await send(app, `/__admin/sonoran/communities/radio-rp/rooms/1/users`, { body: { identity: key } })).status,
    ).toBe(404);
    expect((await http(app).delete(`/__admin/sonoran/communities/radio-rp/rooms/1/users/${key}`)).status).toBe(404);
  });

  it('is plain data as a body field, metadata key, transmission id and zone option', async () => {
    const app = createApp({ world: SONORAN_WORLD, clock: () => NOW });
    const rc = { Authorization: 'Bearer radio-key-1' };
    const top = JSON.parse(`{"accIds":["acc-pending"],"${key}":{"polluted":true}}`) as unknown;
    expect((await send(app, '/v2/servers/radio-rp/members/approve', { body: top, headers: rc })).body).toEqual({
      approvedAccIds: ['acc-pending'],
    });
    const metadata = JSON.parse(`{"sonrad":true,"${key}":{"polluted":true}}`) as Record<string, unknown>;
    const connected = await send(app, '/__admin/sonoran/communities/radio-rp/rooms/2/users', {
      body: { identity: 'acc-dispatch', metadata },
    });
    expect(connected.status).toBe(201);
    const user = await send(app, '/v2/servers/radio-rp/rooms/2/users/acc-dispatch', { headers: rc });
    expect(JSON.parse(user.body.metadata as string)).toEqual(JSON.parse(JSON.stringify({ ...metadata })));
    const seeded = await send(app, '/__admin/sonoran/communities/radio-rp/transmissions', {
      body: { transmissions: [{ id: key, account: key, channelId: 1, transcript: key }] },
    });
    expect(seeded.status).toBe(201);
    expect(
      (await send(app, '/v2/servers/radio-rp/transmissions', { headers: rc })).body.transmissions[0],
    ).toMatchObject({ id: key, account: key });
    const options = JSON.parse(`{"name":"z","minZ":0,"maxZ":1,"${key}":{"polluted":true}}`) as unknown;
    const zone = await send(app, '/v2/servers/radio-rp/rooms/1/zones/geo', {
      body: { zone: { center: { x: 0, y: 0 }, radius: 1, options } },
      headers: rc,
    });
    expect(zone.status).toBe(201);
  });
});

/**
 * Ids and names that are also names of Object.prototype's machinery: each is stored as plain data
 * (or refused with a 4xx) and never reaches a prototype.
 */
import { http } from '../helpers/client';

import { buildTestApp, getMember, getRoom, postDailyUpdate, postSonoranUpdate } from '../helpers/app';
import { daily, join, makeToken } from '../helpers/daily';

const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString'] as const;
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

function expectPrototypesUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  const probe = {} as Record<string, unknown>;
  for (const name of ['canSend', 'hasPresence', 'permission', 'profilePerms', 'polluted'])
    expect(probe[name]).toBeUndefined();
  expect(typeof Object.prototype.toString).toBe('function');
}

afterEach(expectPrototypesUntouched);

describe.each(HOSTILE)('the key %s', (key) => {
  it('works as a Daily room name, session id and user id', async () => {
    const app = buildTestApp();
    const put = await http(app)
      .put(`/__admin/daily/rooms/${key}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ participants: [{ id: key, userId: key }, { id: 'other' }] }));
    expect(put).toMatchContract('admin.putDailyRoom');
    expect(put.status).toBe(200);
    const res = await postDailyUpdate(app, key, JSON.parse(`{"data":{"${key}":{"canSend":false}}}`));
    expect(res.status).toBe(200);
    const room = (await getRoom(app, key)).body;
    expect(
      room.participants.map((p: { id: string; permissions: { canSend: unknown } }) => [p.id, p.permissions.canSend]),
    ).toEqual([
      [key, false],
      ['other', true],
    ]);
  });

  it('works as a custom track name and as a byUserId / byParticipantId key', async () => {
    const app = buildTestApp();
    const canReceive = JSON.parse(
      `{"base":{"video":true,"audio":true,"screenVideo":true,"screenAudio":true,"customVideo":{"*":true,"${key}":false},"customAudio":{"*":true}},` +
        `"byUserId":{"${key}":{"customAudio":{"${key}":true}}},"byParticipantId":{"${key}":false}}`,
    ) as unknown;
    const res = await postDailyUpdate(app, 'standup', { data: { 'p-guest': { canReceive } } });
    expect(res.status).toBe(200);
    const guest = (await getRoom(app, 'standup')).body.participants.find((p: { id: string }) => p.id === 'p-guest');
    expect(JSON.stringify(guest.permissions.canReceive)).toBe(JSON.stringify(canReceive));
  });

  it('works as a Sonoran community id and account id', async () => {
    const app = buildTestApp();
    const put = await http(app)
      .put(`/__admin/sonoran/communities/${key}`)
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({ apiKey: 'k', channels: [{ id: 1, name: key, private: true }], members: [{ accId: key }] }),
      );
    expect(put).toMatchContract('admin.putSonoranCommunity');
    const res = await postSonoranUpdate(app, key, {
      apiKey: 'k',
      userPerms: [{ accId: key, perm: 7, profilePerms: [{ profileId: 1, canJoin: true }] }],
    });
    expect(res.status).toBe(200);
    expect((await getMember(app, key, key)).body).toMatchObject({
      accId: key,
      permission: 7,
      profilePerms: [{ profileId: 1, canJoin: true }],
    });
  });

  it('is refused, not obeyed, as an unknown top-level field or update field', async () => {
    const app = buildTestApp();
    const top = await postDailyUpdate(app, 'standup', JSON.parse(`{"data":{},"${key}":{"canSend":true}}`));
    expect(top.status).toBe(400);
    const inner = await postDailyUpdate(
      app,
      'standup',
      JSON.parse(`{"data":{"p-guest":{"${key}":{"polluted":true}}}}`),
    );
    expect(inner.status).toBe(400);
    const sonoran = await postSonoranUpdate(
      app,
      'test-community',
      JSON.parse(`{"apiKey":"test-sonoran-key","userPerms":[],"${key}":{"polluted":true}}`),
    );
    expect(sonoran.status).toBe(200);
  });

  it("works in every id position of Daily's call model: room, property, token claim, user id, session id, session data, eject", async () => {
    const app = buildTestApp();
    const made = await daily(app, 'post', '/rooms', {
      name: key,
      properties: JSON.parse(`{"${key}":{"polluted":true},"permissions":{"canReceive":{"byUserId":{"${key}":false}}}}`),
    });
    expect(made.status).toBe(200);
    expect(JSON.stringify(made.body.config)).toBe(
      `{"${key}":{"polluted":true},"permissions":{"canReceive":{"byUserId":{"${key}":false}}}}`,
    );
    expect((await daily(app, 'post', '/', { properties: JSON.parse(`{"${key}":1}`) })).body.config[key]).toBe(1);
    const token = await makeToken(
      app,
      JSON.parse(`{"room_name":"${key}","user_id":"${key}","${key}":{"polluted":true}}`),
    );
    const validated = await daily(app, 'get', `/meeting-tokens/${token}`);
    expect(Object.hasOwn(validated.body, key)).toBe(true);
    const joined = await join(app, key, { token, id: key });
    expect(joined.status).toBe(201);
    expect(joined.body.participant).toMatchObject({ id: key, userId: key });
    expect((await daily(app, 'get', `/rooms/${key}/presence?userId=${key}`)).body.data).toHaveLength(1);
    expect(Object.keys((await daily(app, 'get', '/presence')).body)).toContain(key);
    await daily(app, 'post', `/rooms/${key}/set-session-data`, { data: JSON.parse(`{"${key}":{"polluted":true}}`) });
    await daily(app, 'post', `/rooms/${key}/set-session-data`, {
      data: JSON.parse(`{"${key}":2}`),
      mergeStrategy: 'shallow-merge',
      keysToDelete: [key],
    });
    expect((await daily(app, 'get', `/rooms/${key}/get-session-data`)).body).toEqual({ data: {} });
    expect((await daily(app, 'post', `/rooms/${key}/send-app-message`, { data: {}, recipient: key })).status).toBe(200);
    expect((await daily(app, 'get', `/webhooks/${key}`)).status).toBe(404);
    expect((await join(app, key, { id: 'keeps-the-meeting-going' })).status).toBe(201);
    const ejected = await daily(app, 'post', `/rooms/${key}/eject`, { user_ids: [key], ban: true });
    expect(ejected.body).toEqual({ ejectedIds: [key] });
    expect((await join(app, key, { token })).body.detail).toMatch(/^banned: /);
    expect((await daily(app, 'delete', `/rooms/${key}`)).body).toEqual({ deleted: true, name: key });
  });

  it('is harmless as a journal query parameter', async () => {
    const app = buildTestApp();
    const named = await http(app).get(`/__admin/requests?${key}=1`);
    expect(named).toMatchContract('admin.listRequests');
    expect(named.status).toBe(200);
    const value = await http(app).get(`/__admin/requests?api=${key}`);
    expect(value).toBeProblem('MOCK_INVALID_QUERY');
  });
});

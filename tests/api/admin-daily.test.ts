/** The control API for Daily rooms, health, state and reset: every route and every misuse. */
import { http, type Test } from '../helpers/client';

import { buildTestApp, getRoom, postDailyUpdate, stateText } from '../helpers/app';
import { EMPTY_ROOM, GUEST, NOW, ROOM, TEST_WORLD } from '../helpers/world';

const put = (app: ReturnType<typeof buildTestApp>, name: string, body: unknown) =>
  http(app).put(`/__admin/daily/rooms/${name}`).set('Content-Type', 'application/json').send(JSON.stringify(body));

describe('health, state, reset', () => {
  it('reports health', async () => {
    const res = await http(buildTestApp()).get('/__admin/health');
    expect(res).toMatchContract('admin.health');
    expect(res.body).toMatchObject({ status: 'ok' });
  });

  it('shows the whole state, which is the startup world at first', async () => {
    const app = buildTestApp();
    expect(JSON.parse(await stateText(app))).toEqual(TEST_WORLD);
  });

  it('returns to the startup world on reset', async () => {
    const app = buildTestApp();
    const before = await stateText(app);
    await postDailyUpdate(app, ROOM, { data: { '*': { canSend: false } } });
    await http(app).delete(`/__admin/daily/rooms/${EMPTY_ROOM}`);
    expect(await stateText(app)).not.toBe(before);
    const res = await http(app).post('/__admin/reset');
    expect(res).toMatchContract('admin.reset');
    expect(JSON.stringify(res.body)).toBe(before);
    expect(await stateText(app)).toBe(before);
  });

  it('gives each app its own state', async () => {
    const a = buildTestApp();
    const b = buildTestApp();
    await postDailyUpdate(a, ROOM, { data: { '*': { canSend: false } } });
    expect(await stateText(b)).toBe(JSON.stringify(TEST_WORLD));
  });
});

describe('rooms', () => {
  it('creates a room whose participants get defaults for what is not given', async () => {
    const app = buildTestApp();
    const res = await put(app, 'new-room', {
      participants: [
        { id: 's1', owner: true },
        {
          id: 's2',
          userId: 'u2',
          userName: 'Ann',
          permissions: { canSend: ['audio', 'video'], canReceive: { byUserId: { u1: false } } },
        },
      ],
    });
    expect(res).toMatchContract('admin.putDailyRoom');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'new-room',
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      apiCreated: false,
      privacy: 'public',
      createdAt: NOW.toISOString(),
      config: {},
      session: {
        meetingId: expect.any(String),
        startedAt: NOW.toISOString(),
        data: {},
        banned: [],
        appMessages: [],
      },
      participants: [
        {
          id: 's1',
          userId: 's1',
          userName: null,
          owner: true,
          joinTime: NOW.toISOString(),
          permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: true },
        },
        {
          id: 's2',
          userId: 'u2',
          userName: 'Ann',
          owner: false,
          joinTime: NOW.toISOString(),
          permissions: {
            hasPresence: true,
            canSend: ['video', 'audio'],
            canReceive: { base: true, byUserId: { u1: false } },
            canAdmin: false,
          },
        },
      ],
    });
    expect((await getRoom(app, 'new-room')).body).toEqual(res.body);
  });

  it('replaces an existing room whole', async () => {
    const app = buildTestApp();
    await put(app, ROOM, { privacy: 'private', participants: [{ id: 'only' }] });
    const res = await getRoom(app, ROOM);
    expect(res.body.privacy).toBe('private');
    expect(res.body.participants.map((p: { id: string }) => p.id)).toEqual(['only']);
  });

  it('lists rooms', async () => {
    const res = await http(buildTestApp()).get('/__admin/daily/rooms');
    expect(res).toMatchContract('admin.listDailyRooms');
    expect(res.body.rooms.map((r: { name: string }) => r.name)).toEqual([ROOM, EMPTY_ROOM]);
  });

  it('deletes a room', async () => {
    const app = buildTestApp();
    const res = await http(app).delete(`/__admin/daily/rooms/${ROOM}`);
    expect(res).toMatchContract('admin.deleteDailyRoom');
    expect(res.status).toBe(204);
    const after = await postDailyUpdate(app, ROOM, { data: {} });
    expect(after.status).toBe(404);
  });

  it('lets participants join and leave (a join without a token needs a public room)', async () => {
    const app = buildTestApp();
    await put(app, 'open-room', {});
    const joined = await http(app)
      .post('/__admin/daily/rooms/open-room/participants')
      .set('Content-Type', 'application/json')
      .send({ id: 'late', permissions: { hasPresence: false } });
    expect(joined).toMatchContract('admin.joinDailyParticipant');
    expect(joined.status).toBe(201);
    expect(joined.body).toEqual({
      room: 'open-room',
      participant: expect.objectContaining({
        id: 'late',
        userId: null,
        permissions: expect.objectContaining({ hasPresence: false }),
      }),
      replaced: [],
    });
    expect((await getRoom(app, 'open-room')).body.participants).toEqual([joined.body.participant]);
    expect((await postDailyUpdate(app, 'open-room', { data: { late: { hasPresence: true } } })).status).toBe(200);

    const left = await http(app).delete('/__admin/daily/rooms/open-room/participants/late');
    expect(left).toMatchContract('admin.leaveDailyParticipant');
    expect(left.body.participants).toEqual([]);
    expect(left.body.session).toBeNull();
    expect((await postDailyUpdate(app, 'open-room', { data: {} })).status).toBe(404);
  });

  it('refuses a join to a private room without a token, and changes nothing', async () => {
    const app = buildTestApp();
    const before = await stateText(app);
    const res = await http(app).post(`/__admin/daily/rooms/${EMPTY_ROOM}/participants`).send({ id: 'late' });
    expect(res).toMatchContract('admin.joinDailyParticipant');
    expect(res).toBeProblem('MOCK_DAILY_JOIN_REFUSED');
    expect(res.body.detail).toBe(`private-room: room ${EMPTY_ROOM} is private: join with a meeting token`);
    expect(await stateText(app)).toBe(before);
  });
});

describe('misuse gets a problem with a stable code, and changes nothing', () => {
  const rows: {
    name: string;
    send: (app: ReturnType<typeof buildTestApp>) => Test;
    op?: string;
    status: number;
    code: string;
    detail?: RegExp;
  }[] = [
    {
      name: 'an invalid room name',
      send: (app) => put(app, 'bad%20name', {}),
      op: 'admin.putDailyRoom',
      status: 400,
      code: 'MOCK_INVALID_ROOM_NAME',
    },
    {
      name: 'a room name over 128 characters',
      send: (app) => put(app, 'a'.repeat(129), {}),
      op: 'admin.putDailyRoom',
      status: 400,
      code: 'MOCK_INVALID_ROOM_NAME',
    },
    {
      name: 'a body that breaks the contract',
      send: (app) => put(app, 'r', { participants: [{ userId: 'x' }] }),
      op: 'admin.putDailyRoom',
      status: 400,
      code: 'MOCK_INVALID_BODY',
      detail: /participants\[0\]\.id is required/,
    },
    {
      name: 'invalid permissions in a participant',
      send: (app) => put(app, 'r', { participants: [{ id: 'a', permissions: { canSend: ['smell'] } }] }),
      op: 'admin.putDailyRoom',
      status: 400,
      code: 'MOCK_INVALID_BODY',
      detail: /participants\[0\]\.permissions\.canSend\[0\] must be one of/,
    },
    {
      name: 'a body that is not JSON',
      send: (app) => http(app).put('/__admin/daily/rooms/r').set('Content-Type', 'application/json').send('{'),
      op: 'admin.putDailyRoom',
      status: 400,
      code: 'MOCK_INVALID_JSON',
    },
    {
      name: 'a body that is not declared as JSON',
      send: (app) => http(app).put('/__admin/daily/rooms/r').set('Content-Type', 'text/plain').send('{}'),
      op: 'admin.putDailyRoom',
      status: 415,
      code: 'MOCK_UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'the same participant twice',
      send: (app) => put(app, 'r', { participants: [{ id: 'a' }, { id: 'a' }] }),
      op: 'admin.putDailyRoom',
      status: 400,
      code: 'MOCK_DUPLICATE_PARTICIPANT',
    },
    {
      name: 'reading a room that does not exist',
      send: (app) => http(app).get('/__admin/daily/rooms/nope'),
      op: 'admin.getDailyRoom',
      status: 404,
      code: 'MOCK_ROOM_NOT_FOUND',
      detail: /PUT \/__admin\/daily\/rooms\/nope/,
    },
    {
      name: 'joining a room that does not exist',
      send: (app) => http(app).post('/__admin/daily/rooms/nope/participants').send({ id: 'a' }),
      op: 'admin.joinDailyParticipant',
      status: 404,
      code: 'MOCK_ROOM_NOT_FOUND',
    },
    {
      name: 'joining with an id already in the room',
      send: (app) => http(app).post(`/__admin/daily/rooms/${ROOM}/participants`).send({ id: GUEST }),
      op: 'admin.joinDailyParticipant',
      status: 409,
      code: 'MOCK_PARTICIPANT_EXISTS',
    },
    {
      name: 'a participant leaving who is not there',
      send: (app) => http(app).delete(`/__admin/daily/rooms/${ROOM}/participants/ghost`),
      op: 'admin.leaveDailyParticipant',
      status: 404,
      code: 'MOCK_PARTICIPANT_NOT_FOUND',
    },
    {
      name: 'deleting a room that does not exist',
      send: (app) => http(app).delete('/__admin/daily/rooms/nope'),
      op: 'admin.deleteDailyRoom',
      status: 404,
      code: 'MOCK_ROOM_NOT_FOUND',
    },
    {
      name: 'a wrong method on an admin route',
      send: (app) => http(app).post('/__admin/state'),
      op: 'admin.getState',
      status: 405,
      code: 'MOCK_METHOD_NOT_ALLOWED',
    },
    {
      name: 'an unknown admin route',
      send: (app) => http(app).get('/__admin/nothing-here'),
      status: 404,
      code: 'MOCK_ROUTE_NOT_FOUND',
    },
  ];

  it.each(rows)('$name → $status $code', async (row) => {
    const app = buildTestApp();
    const before = await stateText(app);
    const res = await row.send(app);
    expect(res.status).toBe(row.status);
    expect(res).toBeProblem(row.code);
    if (row.op !== undefined) expect(res).toMatchContract(row.op);
    if (row.detail !== undefined) expect(res.body.detail).toMatch(row.detail);
    expect(await stateText(app)).toBe(before);
  });
});

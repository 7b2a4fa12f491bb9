/**
 * The control API for what only a radio client does: connecting and disconnecting users (and the
 * user_connected push event that follows), seeding transmissions, and reading back rooms, tones,
 * speakers and push attempts.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

import { http } from '../helpers/client';

import type { PermMockApp } from '../../mock-server/app';
import { stateText } from '../helpers/app';
import {
  BANNED,
  buildRadioApp,
  CH,
  DISPATCH,
  OFFICER,
  PENDING,
  RC,
  RC_KEY,
  send,
  usersOf,
  v2,
} from '../helpers/sonoran-world';

const ROOM = `/__admin/sonoran/communities/${RC}/rooms`;
const S = `/v2/servers/${RC}`;

const connect = (app: PermMockApp, body: unknown, room = 1) => send(app, `${ROOM}/${room}/users`, { body });

describe('connecting radio users', () => {
  it('connects an approved member with its channels; v1 and v2 list it', async () => {
    const app = buildRadioApp();
    const res = await connect(app, { identity: DISPATCH, transmit: [CH.dispatch], scan: [CH.dispatch, CH.ems] }, 2);
    expect(res).toMatchContract('admin.connectSonoranUser');
    expect(res.status).toBe(201);
    expect(res.body.users).toEqual([
      {
        identity: DISPATCH,
        name: 'DISPATCH',
        metadata: { sonrad: true },
        transmit: [CH.dispatch],
        scan: [CH.ems],
        connectedAt: '2026-01-01T12:00:00.000Z',
      },
    ]);
    expect((await v2(app, `${S}/rooms/2/users/${DISPATCH}`)).body).toMatchObject({
      identity: DISPATCH,
      state: 'ACTIVE',
    });
    const v1 = await send(app, `/api/radio/get-connected-user/${RC}/${RC_KEY}/2/${DISPATCH}`);
    expect(v1.body.data.metadata).toEqual({
      sonrad: true,
      state: { primaryChId: CH.dispatch, scannedChIds: [CH.ems], scanLists: [], spec: 2 },
    });
  });

  it('keeps a name and metadata the client gives', async () => {
    const app = buildRadioApp();
    const res = await connect(app, { identity: DISPATCH, name: 'Dispatch 1', metadata: { sonrad: true, ver: 3 } });
    expect(res.body.users.at(-1)).toMatchObject({ name: 'Dispatch 1', metadata: { sonrad: true, ver: 3 } });
  });

  it.each([
    ['a pending member', { identity: PENDING }, 409, 'MOCK_RADIO_CONNECT_REFUSED', /pending \(approve it first\)/],
    ['a banned member', { identity: BANNED }, 409, 'MOCK_RADIO_CONNECT_REFUSED', /banned \(unban it first\)/],
    [
      'a member already connected to the room',
      { identity: OFFICER },
      409,
      'MOCK_RADIO_CONNECT_REFUSED',
      /already connected/,
    ],
    ['an account that is not a member', { identity: 'acc-ghost' }, 404, 'MOCK_MEMBER_NOT_FOUND', /no member acc-ghost/],
    [
      'a channel the community does not list',
      { identity: DISPATCH, transmit: [99] },
      400,
      'MOCK_INVALID_RADIO_CHANNELS',
      /99 is not a channel/,
    ],
    ['a body without identity', { name: 'x' }, 400, 'MOCK_INVALID_BODY', /identity/],
  ])('refuses %s, changing nothing', async (_name, body, status, code, detail) => {
    const app = buildRadioApp();
    const before = await stateText(app);
    const res = await connect(app, body);
    expect(res.status).toBe(status);
    expect(res).toBeProblem(code);
    expect(res.body.detail).toMatch(detail);
    expect(await stateText(app)).toBe(before);
  });

  it('refuses a room the community does not have', async () => {
    const res = await connect(buildRadioApp(), { identity: DISPATCH }, 7);
    expect(res).toBeProblem('MOCK_SONORAN_ROOM_NOT_FOUND');
  });

  it('refuses a private channel without canJoin in strict mode only', async () => {
    const body = { identity: OFFICER, transmit: [CH.tactical] };
    expect((await connect(buildRadioApp(), body, 2)).status).toBe(201);
    expect(await connect(buildRadioApp({ strict: true }), body, 2)).toBeProblem('MOCK_INVALID_RADIO_CHANNELS');
  });

  it('lets a banned member connect again once unbanned and approved', async () => {
    const app = buildRadioApp();
    await v2(app, `${S}/members/unban`, { body: { accIds: [BANNED] } });
    expect((await connect(app, { identity: BANNED })).status).toBe(409);
    await v2(app, `${S}/members/approve`, { body: { accIds: [BANNED] } });
    expect((await connect(app, { identity: BANNED })).status).toBe(201);
  });

  it('disconnects a user; a second disconnect is a 404', async () => {
    const app = buildRadioApp();
    const res = await http(app).delete(`${ROOM}/1/users/${OFFICER}`);
    expect(res).toMatchContract('admin.disconnectSonoranUser');
    expect(res.status).toBe(200);
    expect((await usersOf(app)).map((u) => u.identity)).not.toContain(OFFICER);
    expect(await http(app).delete(`${ROOM}/1/users/${OFFICER}`)).toBeProblem('MOCK_RADIO_USER_NOT_FOUND');
  });

  it('reads one room', async () => {
    const res = await http(buildRadioApp()).get(`${ROOM}/1`);
    expect(res).toMatchContract('admin.getSonoranRoom');
    expect(res.body.users.map((u: { identity: string }) => u.identity)).toHaveLength(2);
    expect(await http(buildRadioApp()).get(`${ROOM}/x`)).toBeProblem('MOCK_SONORAN_ROOM_NOT_FOUND');
  });
});

describe('push events', () => {
  let receiver: Server;
  let url: string;
  const received: { body: unknown; headers: IncomingMessage['headers'] }[] = [];
  let answer = 200;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ body: JSON.parse(text) as unknown, headers: req.headers });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/sonoranradio`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    answer = 200;
  });

  interface Attempt {
    state: string;
    status: number | null;
    error: string | null;
  }

  async function pushes(app: PermMockApp, settled = true): Promise<Attempt[]> {
    for (let i = 0; i < 200; i += 1) {
      const res = await http(app).get(`/__admin/sonoran/communities/${RC}/push-events`);
      expect(res).toMatchContract('admin.listSonoranPushEvents');
      const list = res.body.pushes as Attempt[];
      if (!settled || list.every((p) => p.state !== 'pending')) return list;
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('push attempts never settled');
  }

  it("sends user_connected to the room's push URL when a user connects, and records the attempt", async () => {
    const app = buildRadioApp();
    await send(app, '/radio/set-server-ip', { body: { id: RC, key: RC_KEY, pushUrl: url } });
    expect((await connect(app, { identity: DISPATCH })).status).toBe(201);
    const [attempt] = await pushes(app);
    expect(attempt).toMatchObject({
      roomId: 1,
      url,
      state: 'delivered',
      status: 200,
      error: null,
      event: { id: RC, key: RC_KEY, type: 'user_connected', payload: { identity: DISPATCH } },
    });
    expect(received.map((r) => r.body)).toEqual([
      { id: RC, key: RC_KEY, type: 'user_connected', payload: { identity: DISPATCH } },
    ]);
    expect(received[0]?.headers['content-type']).toBe('application/json');
  });

  it('records a receiver that answers an error, and one nobody listens on', async () => {
    const app = buildRadioApp();
    answer = 500;
    await v2(app, `${S}/server-ip`, { body: { serverPort: 1, pushUrl: url } });
    await connect(app, { identity: DISPATCH });
    await v2(app, `${S}/server-ip`, { body: { roomId: 2, serverPort: 1, pushUrl: 'http://127.0.0.1:9/closed' } });
    await connect(app, { identity: DISPATCH }, 2);
    const list = await pushes(app);
    expect(list.map((p) => [p.state, p.status])).toEqual([
      ['failed', 500],
      ['failed', null],
    ]);
    expect(list[1]?.error).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it('sends nothing when the room has no push URL, and refuses a push URL that is not http(s) without sending', async () => {
    const app = buildRadioApp();
    await connect(app, { identity: DISPATCH });
    expect(await pushes(app)).toEqual([]);
    await v2(app, `${S}/server-ip`, { body: { roomId: 2, serverPort: 1, pushUrl: 'ftp://example.com/x' } });
    await connect(app, { identity: DISPATCH }, 2);
    expect(await pushes(app)).toEqual([
      expect.objectContaining({ state: 'failed', error: 'ftp://example.com/x is not an http(s) URL' }),
    ]);
    expect(received).toEqual([]);
  });
});

describe('transmissions, tones and speakers', () => {
  it('seeds transmissions that v2 pages through, most recent first', async () => {
    const app = buildRadioApp();
    const rows = Array.from({ length: 30 }, (_, i) => ({
      account: OFFICER,
      channelId: CH.dispatch,
      time: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString(),
      transcript: `call ${i + 1}`,
    }));
    const res = await send(app, `/__admin/sonoran/communities/${RC}/transmissions`, { body: { transmissions: rows } });
    expect(res).toMatchContract('admin.addSonoranTransmissions');
    expect(res.status).toBe(201);
    expect(res.body.transmissions[0]).toEqual({
      id: '1',
      serverId: 1,
      account: OFFICER,
      channelId: CH.dispatch,
      time: '2026-01-01T10:00:00.000Z',
      audioUrl: '',
      transcript: 'call 1',
    });
    const first = await v2(app, `${S}/transmissions`);
    expect(first.body.pagination).toEqual({ page: 1, perPage: 25, total: 30, totalPages: 2 });
    expect(first.body.transmissions[0].transcript).toBe('call 30');
    const second = await v2(app, `${S}/transmissions?page=2&perPage=25`);
    expect(second.body.transmissions.map((t: { id: string }) => t.id)).toEqual(['5', '4', '3', '2', '1']);
    const again = await send(app, `/__admin/sonoran/communities/${RC}/transmissions`, {
      body: { transmissions: [{ id: '3', account: OFFICER, channelId: 1 }] },
    });
    expect(again).toBeProblem('MOCK_INVALID_TRANSMISSION');
    const list = await http(app).get(`/__admin/sonoran/communities/${RC}/transmissions`);
    expect(list).toMatchContract('admin.listSonoranTransmissions');
    expect(list.body.transmissions).toHaveLength(30);
  });

  it('reads back the tones played and the speakers set', async () => {
    const app = buildRadioApp();
    await v2(app, `${S}/speakers`, { method: 'PUT', body: { locations: [{ label: 'Pier', id: 'PIER' }] } });
    await v2(app, `${S}/tones/play`, { body: { roomId: 1, tones: [7], playTo: [{ type: 'game', value: 'PIER' }] } });
    const tones = await http(app).get(`/__admin/sonoran/communities/${RC}/tones`);
    expect(tones).toMatchContract('admin.listSonoranTones');
    expect(tones.body.tones).toEqual([
      { time: '2026-01-01T12:00:00.000Z', roomId: 1, tones: [7], playTo: [{ type: 'game', value: 'PIER' }], via: 'v2' },
    ]);
    const speakers = await http(app).get(`/__admin/sonoran/communities/${RC}/speakers`);
    expect(speakers).toMatchContract('admin.getSonoranSpeakers');
    expect(speakers.body).toEqual({ locations: [{ label: 'Pier', id: 'PIER' }] });
  });
});

describe('asking to join (what a radio client does for an account outside the community)', () => {
  const JOIN = `/__admin/sonoran/communities/${RC}/join-requests`;
  const ask = (app: PermMockApp, body: unknown) => send(app, JOIN, { body });

  it('brings a kicked member back as pending; approved, it may connect again', async () => {
    const app = buildRadioApp();
    const kicked = await v2(app, `${S}/members/kick`, { body: { accIds: [OFFICER] } });
    expect(kicked.status).toBe(200);
    const res = await ask(app, { accId: OFFICER, username: 'officer', displayName: 'Unit 7' });
    expect(res).toMatchContract('admin.requestSonoranMembership');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      accId: OFFICER,
      username: 'officer',
      displayName: 'Unit 7',
      permission: 0,
      approved: false,
      pending: true,
      banned: false,
    });
    const pending = await v2(app, `${S}/members?status=pending`);
    expect(pending.body.members.map((m: { accId: string }) => m.accId)).toContain(OFFICER);
    const refused = await connect(app, { identity: OFFICER });
    expect(refused).toBeProblem('MOCK_RADIO_CONNECT_REFUSED');
    expect((await v2(app, `${S}/members/approve`, { body: { accIds: [OFFICER] } })).status).toBe(200);
    expect((await connect(app, { identity: OFFICER })).status).toBe(201);
  });

  it('names the account when no username is given', async () => {
    const app = buildRadioApp();
    const res = await ask(app, { accId: 'acc-newcomer' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ accId: 'acc-newcomer', username: 'acc-newcomer', displayName: 'acc-newcomer' });
  });

  it.each([
    ['a banned account (unban it first)', { accId: BANNED }, 'MOCK_JOIN_REQUEST_REFUSED', /banned .*unban it first/],
    ['a pending member', { accId: PENDING }, 'MOCK_JOIN_REQUEST_REFUSED', /already a pending member/],
    ['an approved member', { accId: OFFICER }, 'MOCK_JOIN_REQUEST_REFUSED', /already an approved member/],
    ['a body without accId', { username: 'x' }, 'MOCK_INVALID_BODY', /accId/],
  ])('refuses %s and changes nothing', async (_what, body, code, detail) => {
    const app = buildRadioApp();
    const before = await stateText(app);
    const res = await ask(app, body);
    expect(res).toBeProblem(code);
    expect(res.body.detail).toMatch(detail);
    expect(await stateText(app)).toBe(before);
  });

  it('is a 404 for a community that does not exist', async () => {
    const res = await send(buildRadioApp(), '/__admin/sonoran/communities/nowhere/join-requests', {
      body: { accId: 'a' },
    });
    expect(res).toBeProblem('MOCK_COMMUNITY_NOT_FOUND');
  });
});

/**
 * Daily's in-call endpoints over HTTP: presence (a room's, the domain's), eject, session data and
 * app messages; success and every documented error, in Daily's bodies, nothing changed by a refusal.
 */
import { http } from '../helpers/client';

import { REASON_HEADER, WARNINGS_HEADER } from '../../mock-server/http/diagnostics';
import { buildTestApp, stateText } from '../helpers/app';
import { daily, join } from '../helpers/daily';
import { EMPTY_ROOM, GUEST, MEETING_ID, OBSERVER, OWNER, ROOM } from '../helpers/world';

const reason = (res: { headers: Record<string, string> }) => res.headers[REASON_HEADER.toLowerCase()];
const warnings = (res: { headers: Record<string, string> }) => res.headers[WARNINGS_HEADER.toLowerCase()] ?? '';

const OWNER_ENTRY = {
  room: ROOM,
  id: OWNER,
  userId: 'u-owner',
  userName: 'Olive Owner',
  mtgSessionId: MEETING_ID,
  joinTime: '2026-01-01T10:00:00.000Z',
  duration: 7200,
};

describe('GET /rooms/:name/presence', () => {
  it('lists the participants in the call, hidden ones left out', async () => {
    const res = await daily(buildTestApp(), 'get', `/rooms/${ROOM}/presence`);
    expect(res).toMatchContract('daily.getRoomPresence');
    expect(res.status).toBe(200);
    expect(res.body.total_count).toBe(2);
    expect(res.body.data[0]).toEqual(OWNER_ENTRY);
    expect(res.body.data.map((e: { id: string }) => e.id)).toEqual([OWNER, GUEST]);
  });

  it('filters by userId and userName, and cuts the list at limit', async () => {
    const a = buildTestApp();
    const ids = async (query: string) =>
      ((await daily(a, 'get', `/rooms/${ROOM}/presence${query}`)).body.data as { id: string }[]).map((e) => e.id);
    expect(await ids('?userId=u-guest')).toEqual([GUEST]);
    expect(await ids('?userName=Olive%20Owner')).toEqual([OWNER]);
    expect(await ids('?userId=nobody')).toEqual([]);
    const limited = await daily(a, 'get', `/rooms/${ROOM}/presence?limit=1`);
    expect(limited.body).toMatchObject({ total_count: 2, data: [OWNER_ENTRY] });
  });

  it('lists hidden participants too when the mock is started with --daily-presence-hidden', async () => {
    const res = await daily(buildTestApp({ dailyPresenceHidden: true }), 'get', `/rooms/${ROOM}/presence`);
    expect(res.body.data.map((e: { id: string }) => e.id)).toEqual([OWNER, GUEST, OBSERVER]);
  });

  it('answers an empty list for a room with no call, and shows a participant the moment it joins', async () => {
    const a = buildTestApp();
    expect((await daily(a, 'get', `/rooms/${EMPTY_ROOM}/presence`)).body).toEqual({ total_count: 0, data: [] });
    await daily(a, 'post', '/rooms', { name: 'live' });
    const joined = (await join(a, 'live', { userName: 'New' })).body.participant;
    const res = await daily(a, 'get', '/rooms/live/presence');
    expect(res.body.data).toEqual([
      expect.objectContaining({ id: joined.id, userId: null, userName: 'New', duration: 0 }),
    ]);
  });

  it.each([
    ['a room that does not exist', '/rooms/nope/presence', 404, 'not-found', 'room nope not found'],
    [
      'a limit that is not a positive integer',
      `/rooms/${ROOM}/presence?limit=0`,
      400,
      'invalid-request-error',
      "limit was '0' but should be a positive integer",
    ],
  ])('refuses %s', async (_name, path, status, error, info) => {
    const res = await daily(buildTestApp(), 'get', path);
    expect(res).toMatchContract('daily.getRoomPresence');
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error, info });
  });
});

describe('GET /presence', () => {
  it('maps each room with visible participants to them; rooms with none are left out', async () => {
    const res = await daily(buildTestApp(), 'get', '/presence');
    expect(res).toMatchContract('daily.getPresence');
    expect(Object.keys(res.body)).toEqual([ROOM]);
    expect(res.body[ROOM][0]).toEqual(OWNER_ENTRY);
  });
});

describe('POST /rooms/:name/eject', () => {
  it('ejects by session id and by user id, answering the session ids ejected', async () => {
    const a = buildTestApp();
    const res = await daily(a, 'post', `/rooms/${ROOM}/eject`, { ids: [GUEST], user_ids: ['u-observer'] });
    expect(res).toMatchContract('daily.eject');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ejectedIds: [GUEST, OBSERVER] });
    const left = (await http(a).get(`/__admin/daily/rooms/${ROOM}`)).body.participants;
    expect(left.map((p: { id: string }) => p.id)).toEqual([OWNER]);
    expect((await daily(a, 'get', `/rooms/${ROOM}/presence`)).body.total_count).toBe(1);
  });

  it('ignores ids not in the call, with a warning', async () => {
    const a = buildTestApp();
    const res = await daily(a, 'post', `/rooms/${ROOM}/eject`, { ids: ['ghost', GUEST] });
    expect(res.body).toEqual({ ejectedIds: [GUEST] });
    expect(warnings(res)).toContain('participant ghost is not in the call; ignored');
  });

  it('answers an empty list for a room with no call', async () => {
    const res = await daily(buildTestApp(), 'post', `/rooms/${EMPTY_ROOM}/eject`, { ids: ['x'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ejectedIds: [] });
  });

  it('bans the user ids given with ban: true for the rest of the meeting', async () => {
    const a = buildTestApp();
    await daily(a, 'post', `/rooms/${ROOM}/eject`, { user_ids: ['u-guest'], ban: true });
    expect((await http(a).get(`/__admin/daily/rooms/${ROOM}`)).body.session.banned).toEqual(['u-guest']);
  });

  it.each([
    [
      'more than 100 ids',
      { ids: Array.from({ length: 101 }, (_, i) => `p${i}`) },
      /ids must NOT have more than 100 items/,
    ],
    ['an unknown field', { ids: [GUEST], everyone: true }, /everyone/],
    ['ids that are not strings', { ids: [1] }, /ids\[0\] must be a string/],
  ])('refuses %s with 400 and ejects nobody', async (_name, body, info) => {
    const a = buildTestApp();
    const before = await stateText(a);
    const res = await daily(a, 'post', `/rooms/${ROOM}/eject`, body);
    expect(res).toMatchContract('daily.eject');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid-request-error', info: expect.stringMatching(info) });
    expect(await stateText(a)).toBe(before);
  });

  it('answers 404 for a room that does not exist', async () => {
    const res = await daily(buildTestApp(), 'post', '/rooms/nope/eject', { ids: [GUEST] });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not-found', info: 'room nope not found' });
  });
});

describe('session data', () => {
  it('starts empty, is replaced whole by default, and shallow-merges with keysToDelete', async () => {
    const a = buildTestApp();
    const read = async () => {
      const res = await daily(a, 'get', `/rooms/${ROOM}/get-session-data`);
      expect(res).toMatchContract('daily.getSessionData');
      return res.body as unknown;
    };
    expect(await read()).toEqual({ data: {} });
    const set = await daily(a, 'post', `/rooms/${ROOM}/set-session-data`, { data: { topic: 'q3', mood: 'ok' } });
    expect(set).toMatchContract('daily.setSessionData');
    expect(set.body).toEqual({});
    await daily(a, 'post', `/rooms/${ROOM}/set-session-data`, { data: { topic: 'q4' } });
    expect(await read()).toEqual({ data: { topic: 'q4' } });
    await daily(a, 'post', `/rooms/${ROOM}/set-session-data`, {
      data: { agenda: [1, 2], nested: { a: 1 } },
      mergeStrategy: 'shallow-merge',
    });
    await daily(a, 'post', `/rooms/${ROOM}/set-session-data`, {
      data: { nested: { b: 2 } },
      mergeStrategy: 'shallow-merge',
      keysToDelete: ['topic'],
    });
    expect(await read()).toEqual({ data: { agenda: [1, 2], nested: { b: 2 } } });
  });

  it('ignores keysToDelete with the replace strategy, with a warning', async () => {
    const a = buildTestApp();
    const res = await daily(a, 'post', `/rooms/${ROOM}/set-session-data`, { data: { a: 1 }, keysToDelete: ['a'] });
    expect(warnings(res)).toContain('with "replace" it is ignored');
    expect((await daily(a, 'get', `/rooms/${ROOM}/get-session-data`)).body).toEqual({ data: { a: 1 } });
  });

  it('ends with the meeting', async () => {
    const a = buildTestApp();
    await daily(a, 'post', '/rooms', { name: 'short' });
    const id = (await join(a, 'short')).body.participant.id as string;
    await daily(a, 'post', '/rooms/short/set-session-data', { data: { kept: false } });
    await http(a).delete(`/__admin/daily/rooms/short/participants/${id}`);
    await join(a, 'short');
    expect((await daily(a, 'get', '/rooms/short/get-session-data')).body).toEqual({ data: {} });
  });

  it.each([
    ['get', `/rooms/${EMPTY_ROOM}/get-session-data`, undefined, 404, 'DAILY_ROOM_NOT_HOSTING'],
    ['post', `/rooms/${EMPTY_ROOM}/set-session-data`, { data: {} }, 404, 'DAILY_ROOM_NOT_HOSTING'],
    ['get', '/rooms/nope/get-session-data', undefined, 404, 'DAILY_ROOM_NOT_FOUND'],
    ['post', `/rooms/${ROOM}/set-session-data`, { mergeStrategy: 'deep' }, 400, 'DAILY_REQUEST_INVALID'],
    ['post', `/rooms/${ROOM}/set-session-data`, { data: [1] }, 400, 'DAILY_REQUEST_INVALID'],
  ] as const)('%s %s refuses (%#)', async (method, path, body, status, code) => {
    const a = buildTestApp();
    const before = await stateText(a);
    const res = await daily(a, method, path, body);
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(status === 404 ? 'not-found' : 'invalid-request-error');
    if (code === 'DAILY_ROOM_NOT_HOSTING') expect(res.body.info).toBe(`room ${EMPTY_ROOM} is not hosting a call`);
    expect(reason(res)).toMatch(new RegExp(`^${code}: `));
    expect(await stateText(a)).toBe(before);
  });
});

describe('POST /rooms/:name/send-app-message', () => {
  it('answers {} and keeps the message for tests to read', async () => {
    const a = buildTestApp();
    const res = await daily(a, 'post', `/rooms/${ROOM}/send-app-message`, { data: { kind: 'poll' }, recipient: GUEST });
    expect(res).toMatchContract('daily.sendAppMessage');
    expect(res.body).toEqual({});
    await daily(a, 'post', `/rooms/${ROOM}/send-app-message`, { data: { kind: 'all' } });
    const session = (await http(a).get(`/__admin/daily/rooms/${ROOM}`)).body.session;
    expect(session.appMessages).toEqual([
      { at: expect.any(String), data: { kind: 'poll' }, recipient: GUEST },
      { at: expect.any(String), data: { kind: 'all' }, recipient: '*' },
    ]);
  });

  it('warns about a recipient not in the call', async () => {
    const res = await daily(buildTestApp(), 'post', `/rooms/${ROOM}/send-app-message`, {
      data: {},
      recipient: 'ghost',
    });
    expect(res.status).toBe(200);
    expect(warnings(res)).toContain('recipient ghost is not in the call');
  });

  it.each([
    [
      'data over 4096 bytes',
      `/rooms/${ROOM}/send-app-message`,
      { data: { pad: 'x'.repeat(4100) } },
      400,
      'DAILY_APP_MESSAGE_TOO_LARGE',
    ],
    ['no data', `/rooms/${ROOM}/send-app-message`, { recipient: '*' }, 400, 'DAILY_REQUEST_INVALID'],
    ['a room with no call', `/rooms/${EMPTY_ROOM}/send-app-message`, { data: {} }, 404, 'DAILY_ROOM_NOT_HOSTING'],
    ['a room that does not exist', '/rooms/nope/send-app-message', { data: {} }, 404, 'DAILY_ROOM_NOT_FOUND'],
  ])('refuses %s', async (_name, path, body, status, code) => {
    const a = buildTestApp();
    const before = await stateText(a);
    const res = await daily(a, 'post', path, body);
    expect(res).toMatchContract('daily.sendAppMessage');
    expect(res.status).toBe(status);
    expect(reason(res)).toMatch(new RegExp(`^${code}: `));
    expect(await stateText(a)).toBe(before);
  });
});

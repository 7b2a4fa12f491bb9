/**
 * Meeting tokens: POST /meeting-tokens makes an HS256 JWT signed with the domain's API key and
 * Daily's abbreviated claims; GET /meeting-tokens/:token validates one the mock made and one the
 * test signed itself, and refuses alg none, other keys and domains, expired and not-yet-valid ones.
 */
import { jwtVerify } from 'jose';

import { REASON_HEADER, WARNINGS_HEADER } from '../../mock-server/http/diagnostics';
import { http } from '../helpers/client';
import { buildTestApp, stateText } from '../helpers/app';
import { advance, daily, join, makeToken, seededBytes, selfSign, unsigned } from '../helpers/daily';
import { API_KEY, DOMAIN_ID, EMPTY_ROOM, NOW, ROOM } from '../helpers/world';

const NOW_S = NOW.getTime() / 1000;
const app = () => buildTestApp({ dailyRandomBytes: seededBytes(3) });
const key = new TextEncoder().encode(API_KEY);
const part = (token: string, i: number) =>
  JSON.parse(Buffer.from(token.split('.')[i] ?? '', 'base64url').toString()) as unknown;

const validate = (a: ReturnType<typeof app>, token: string, query = '') =>
  daily(a, 'get', `/meeting-tokens/${token}${query}`);

describe('POST /meeting-tokens', () => {
  it("makes an HS256 JWT signed with the API key, carrying Daily's abbreviated claims", async () => {
    const res = await daily(app(), 'post', '/meeting-tokens', {
      properties: {
        room_name: EMPTY_ROOM,
        is_owner: false,
        user_id: 'u-ada',
        user_name: 'Ada',
        nbf: NOW_S - 10,
        exp: NOW_S + 3600,
        eject_at_token_exp: true,
        eject_after_elapsed: 600,
        enable_screenshare: false,
        permissions: {
          hasPresence: false,
          canSend: ['video', 'audio'],
          canAdmin: ['participants', 'transcription'],
          canReceive: { base: false, byUserId: { 'u-host': { audio: true, screenVideo: true } } },
        },
      },
    });
    expect(res).toMatchContract('daily.createMeetingToken');
    expect(res.status).toBe(200);
    const { token } = res.body as { token: string };
    expect(part(token, 0)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: NOW });
    expect(payload).toEqual({
      r: EMPTY_ROOM,
      o: false,
      ud: 'u-ada',
      u: 'Ada',
      nbf: NOW_S - 10,
      exp: NOW_S + 3600,
      ejt: true,
      eje: 600,
      ss: false,
      p: { hp: false, cs: 'v,a', ca: 'p,t', cr: { b: false, u: { 'u-host': { a: true, sv: true } } } },
      d: DOMAIN_ID,
      iat: NOW_S,
    });
  });

  it('makes a token with no body at all: valid in every room of the domain', async () => {
    const res = await daily(app(), 'post', '/meeting-tokens');
    expect(res.status).toBe(200);
    expect(part(res.body.token as string, 1)).toEqual({ d: DOMAIN_ID, iat: NOW_S });
  });

  it('warns when room_name names no room', async () => {
    const res = await daily(app(), 'post', '/meeting-tokens', { properties: { room_name: 'later' } });
    expect(res.status).toBe(200);
    expect(res.headers[WARNINGS_HEADER.toLowerCase()]).toContain('room_name later is not a room (yet)');
  });

  it.each([
    [
      'a user_id over 36 characters',
      { user_id: 'u'.repeat(37) },
      'DAILY_PROPERTY_INVALID',
      'user_id is 37 characters long; the most is 36',
    ],
    [
      'an exp that is not a number',
      { exp: 'soon' },
      'DAILY_PROPERTY_INVALID',
      "exp was 'soon' but should be a number of seconds since the unix epoch",
    ],
    [
      'is_owner that is not a boolean',
      { is_owner: 'yes' },
      'DAILY_PROPERTY_INVALID',
      "is_owner was 'yes' but should be true or false",
    ],
    [
      'permissions that are not permissions',
      { permissions: { canSend: 'all' } },
      'DAILY_REQUEST_INVALID',
      /^properties\.permissions\.canSend/,
    ],
  ])('refuses %s with 400 invalid-request-error', async (_name, properties, code, info) => {
    const a = app();
    const before = await stateText(a);
    const res = await daily(a, 'post', '/meeting-tokens', { properties });
    expect(res).toMatchContract('daily.createMeetingToken');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid-request-error',
      info: typeof info === 'string' ? info : expect.stringMatching(info),
    });
    expect(res.headers[REASON_HEADER.toLowerCase()]).toMatch(new RegExp(`^${code}: `));
    expect(await stateText(a)).toBe(before);
  });

  it('refuses a top-level field besides properties', async () => {
    const res = await daily(app(), 'post', '/meeting-tokens', { room_name: ROOM });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid-request-error');
  });
});

describe('GET /meeting-tokens/:token', () => {
  it('answers a token the mock made with its properties by their long names', async () => {
    const a = app();
    const token = await makeToken(a, {
      room_name: ROOM,
      is_owner: true,
      user_name: 'Olive',
      exp: NOW_S + 60,
      permissions: { canSend: ['screenVideo'], canAdmin: true },
    });
    const res = await validate(a, token);
    expect(res).toMatchContract('daily.validateMeetingToken');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      room_name: ROOM,
      is_owner: true,
      user_name: 'Olive',
      exp: NOW_S + 60,
      permissions: { canSend: ['screenVideo'], canAdmin: true },
      domain_id: DOMAIN_ID,
      iat: NOW_S,
    });
  });

  it('answers a token the client signed itself with the API key, as the self-signing guide describes', async () => {
    const token = await selfSign({
      r: ROOM,
      d: DOMAIN_ID,
      iat: NOW_S,
      ud: 'u-self',
      p: { cs: 'a', cr: { u: { 'u-owner': false } } },
    });
    const res = await validate(app(), token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      room_name: ROOM,
      domain_id: DOMAIN_ID,
      iat: NOW_S,
      user_id: 'u-self',
      permissions: { canSend: ['audio'], canReceive: { byUserId: { 'u-owner': false } } },
    });
  });

  it('accepts a token signed with any key the domain accepts', async () => {
    const a = buildTestApp({ dailyApiKeys: ['k1', 'k2'] });
    const token = await selfSign({ r: ROOM, d: DOMAIN_ID, iat: NOW_S }, 'k2');
    expect((await daily(a, 'get', `/meeting-tokens/${token}`, undefined, { key: 'k1' })).status).toBe(200);
  });

  it('refuses an expired token, once the clock passes its exp', async () => {
    const a = app();
    const token = await makeToken(a, { room_name: ROOM, exp: NOW_S + 30 });
    expect((await validate(a, token)).status).toBe(200);
    await advance(a, 30);
    const res = await validate(a, token);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid-request-error',
      info: `the meeting token expired at ${new Date((NOW_S + 30) * 1000).toISOString()}`,
    });
    expect(res.headers[REASON_HEADER.toLowerCase()]).toMatch(/^DAILY_TOKEN_EXPIRED: /);
  });

  it('refuses a token whose nbf is ahead, unless ignoreNbf=true', async () => {
    const a = app();
    const token = await makeToken(a, { room_name: ROOM, nbf: NOW_S + 300 });
    const early = await validate(a, token);
    expect(early.status).toBe(400);
    expect(early.headers[REASON_HEADER.toLowerCase()]).toMatch(/^DAILY_TOKEN_NOT_YET_VALID: /);
    expect(early.body.info).toContain('ignoreNbf=true');
    const ignoring = await validate(a, token, '?ignoreNbf=true');
    expect(ignoring.status).toBe(200);
    expect(ignoring.body.nbf).toBe(NOW_S + 300);
    expect((await validate(a, token, '?ignoreNbf=false')).status).toBe(400);
    expect((await validate(a, token, '?ignoreNbf=yes')).body.info).toBe(
      "ignoreNbf was 'yes' but should be true or false",
    );
    await advance(a, 300);
    expect((await validate(a, token)).status).toBe(200);
  });

  const invalid: [string, () => Promise<string> | string, RegExp][] = [
    ['an unsigned token (alg none)', () => unsigned({ r: ROOM, d: DOMAIN_ID, iat: NOW_S }), /not signed \(alg none\)/],
    [
      'a token signed with another algorithm',
      () => selfSign({ r: ROOM, d: DOMAIN_ID }, API_KEY, { alg: 'HS512', typ: 'JWT' }),
      /signed with HS512/,
    ],
    [
      'a token signed with another key',
      () => selfSign({ r: ROOM, d: DOMAIN_ID }, 'someone-elses-key'),
      /signature does not match/,
    ],
    ['a token of another domain', () => selfSign({ r: ROOM, d: 'another-domain-id' }), /for another domain/],
    ['a token that names no domain', () => selfSign({ r: ROOM }), /names no domain/],
    [
      'a token whose permissions no token of Daily holds',
      () => selfSign({ r: ROOM, d: DOMAIN_ID, iat: NOW_S, p: { cs: 'v,smell' } }),
      /p\.cs holds 'smell'/,
    ],
    [
      'a self-signed token without iat (Daily: it must carry r, iat and d)',
      () => selfSign({ r: ROOM, d: DOMAIN_ID }),
      /has no iat/,
    ],
    [
      'a token whose exp is not a number',
      () => selfSign({ r: ROOM, d: DOMAIN_ID, exp: 'never' }),
      /exp is not a number/,
    ],
    ['three parts that are not a JWT', () => 'x.y.z', /no readable JWT header/],
    ['something that is not a JWT at all', () => 'not-a-token', /not a JWT/],
  ];

  it.each(invalid)('refuses %s with 400 invalid-request-error', async (_name, make, info) => {
    const res = await validate(app(), await make());
    expect(res).toMatchContract('daily.validateMeetingToken');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid-request-error', info: expect.stringMatching(info) });
    expect(res.headers[REASON_HEADER.toLowerCase()]).toMatch(/^DAILY_TOKEN_INVALID: /);
  });
});

describe('joining with a token', () => {
  it('lets a token the mock made and one the test signed both join, with what they carry', async () => {
    const a = app();
    const made = await makeToken(a, { room_name: EMPTY_ROOM, user_id: 'u-made', user_name: 'Made', is_owner: true });
    const signed = await selfSign({
      r: EMPTY_ROOM,
      d: DOMAIN_ID,
      iat: NOW_S,
      ud: 'u-signed',
      u: 'Signed',
      p: { cs: 'a' },
    });
    const first = await join(a, EMPTY_ROOM, { token: made });
    const second = await join(a, EMPTY_ROOM, { token: signed });
    expect(first).toMatchContract('admin.joinDailyParticipant');
    expect(first.status).toBe(201);
    expect(first.body.participant).toMatchObject({ userId: 'u-made', userName: 'Made', owner: true });
    expect(first.body.participant.permissions).toEqual({
      hasPresence: true,
      canSend: true,
      canReceive: { base: true },
      canAdmin: true,
    });
    expect(second.status).toBe(201);
    expect(second.body.participant).toMatchObject({
      userId: 'u-signed',
      userName: 'Signed',
      owner: false,
      permissions: { canSend: ['audio'], canAdmin: false },
    });
  });

  it.each([
    [
      'an expired token',
      async (a: ReturnType<typeof app>) => makeToken(a, { room_name: EMPTY_ROOM, exp: NOW_S + 1 }),
      5,
      /expired/,
    ],
    [
      'a token not valid yet',
      async (a: ReturnType<typeof app>) => makeToken(a, { room_name: EMPTY_ROOM, nbf: NOW_S + 60 }),
      0,
      /not valid before/,
    ],
    ['an unsigned token', () => Promise.resolve(unsigned({ r: EMPTY_ROOM, d: DOMAIN_ID })), 0, /alg none/],
  ])('refuses a join with %s and changes nothing', async (_name, make, wait, detail) => {
    const a = app();
    const token = await make(a);
    if (wait > 0) await advance(a, wait);
    const before = await stateText(a);
    const res = await join(a, EMPTY_ROOM, { token });
    expect(res).toMatchContract('admin.joinDailyParticipant');
    expect(res).toBeProblem('MOCK_DAILY_TOKEN_INVALID');
    expect(res.body.detail).toMatch(detail);
    expect(await stateText(a)).toBe(before);
  });

  it('refuses a token for another room, and one that mixes in userId, owner or permissions', async () => {
    const a = app();
    const other = await join(a, EMPTY_ROOM, { token: await makeToken(a, { room_name: ROOM }) });
    expect(other).toBeProblem('MOCK_DAILY_JOIN_REFUSED');
    expect(other.body.detail).toBe(`token-other-room: the meeting token is for room ${ROOM}, not ${EMPTY_ROOM}`);
    const mixed = await join(a, EMPTY_ROOM, { token: await makeToken(a, {}), owner: true });
    expect(mixed).toMatchContract('admin.joinDailyParticipant');
    expect(mixed).toBeProblem('MOCK_DAILY_JOIN_INVALID');
  });

  it('lets a token without a room name join any room of the domain, private ones too', async () => {
    const a = app();
    const token = await makeToken(a, {});
    expect((await join(a, EMPTY_ROOM, { token })).status).toBe(201);
    expect((await join(a, ROOM, { token })).status).toBe(201);
  });
});

describe('validate, configured (Daily records neither its answer nor its error status)', () => {
  const claimsApp = () => buildTestApp({ dailyRandomBytes: seededBytes(3), dailyTokenValidate: 'claims' });

  it('answers the payload as signed with --daily-token-validate claims, for a made and a self-signed token', async () => {
    const a = claimsApp();
    const made = await makeToken(a, { room_name: ROOM, is_owner: true, user_name: 'Ada' });
    const res = await validate(a, made);
    expect(res).toMatchContract('daily.validateMeetingToken');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(part(made, 1));
    expect(res.body).toMatchObject({ r: ROOM, o: true, u: 'Ada', d: DOMAIN_ID });
    expect(res.body).not.toHaveProperty('room_name');
    const signed = await selfSign({ r: ROOM, d: DOMAIN_ID, iat: NOW_S, p: { cs: 'a' } });
    const own = await validate(a, signed);
    expect(own.body).toEqual({ r: ROOM, d: DOMAIN_ID, iat: NOW_S, p: { cs: 'a' } });
  });

  it('answers the long names by default', async () => {
    const a = app();
    const res = await validate(a, await makeToken(a, { room_name: ROOM }));
    expect(res.body).toMatchObject({ room_name: ROOM, domain_id: DOMAIN_ID });
    expect(res.body).not.toHaveProperty('r');
  });

  it.each([
    [401, { error: 'authentication-error' }],
    [404, { error: 'not-found', info: 'injected by perm-mock' }],
  ])('answers %i in Daily’s envelope when a fault on the operation asks for it', async (status, body) => {
    const a = app();
    const token = await makeToken(a, { room_name: ROOM });
    const armed = await http(a)
      .post('/__admin/faults')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ api: 'daily', operation: 'daily.validateMeetingToken', status, times: 1 }));
    expect(armed).toMatchContract('admin.addFault');
    expect(armed.status).toBe(201);
    const refused = await validate(a, token);
    expect(refused.status).toBe(status);
    expect(refused.body).toEqual(body);
    expect((await validate(a, token)).status).toBe(200);
  });
});

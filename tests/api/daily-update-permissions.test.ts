/**
 * Daily's POST /v1/rooms/:name/update-permissions over HTTP, in-process: every status path, every
 * response checked against its contract, state unchanged after every refusal.
 */
import { http } from '../helpers/client';

import { REASON_HEADER, REQUEST_ID_HEADER, WARNINGS_HEADER } from '../../mock-server/http/diagnostics';
import { buildTestApp, getRoom, postDailyUpdate, stateText } from '../helpers/app';
import { EMPTY_ROOM, GUEST, OBSERVER, OWNER, ROOM } from '../helpers/world';

interface Participant {
  id: string;
  permissions: Record<string, unknown>;
}

async function permissionsOf(app: ReturnType<typeof buildTestApp>, id: string): Promise<Record<string, unknown>> {
  const res = await getRoom(app, ROOM);
  const found = (res.body as { participants: Participant[] }).participants.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no participant ${id}`);
  return found.permissions;
}

describe('successful updates', () => {
  it("answers 200 {} to the docs' example and applies it", async () => {
    const app = buildTestApp();
    const res = await postDailyUpdate(app, ROOM, { data: { [OBSERVER]: { hasPresence: true } } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(await permissionsOf(app, OBSERVER)).toMatchObject({ hasPresence: true, canSend: false });
  });

  it('replaces canSend whole and leaves other participants alone', async () => {
    const app = buildTestApp();
    await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: ['video'] } } });
    await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } });
    expect(await permissionsOf(app, GUEST)).toEqual({
      hasPresence: true,
      canSend: ['audio'],
      canReceive: { base: true },
      canAdmin: false,
    });
    expect(await permissionsOf(app, OWNER)).toMatchObject({ canSend: true, canAdmin: true });
  });

  it('replaces each canReceive sub-field on its own', async () => {
    const app = buildTestApp();
    await postDailyUpdate(app, ROOM, {
      data: { [GUEST]: { canReceive: { byUserId: { 'u-owner': false, 'u-observer': true } } } },
    });
    await postDailyUpdate(app, ROOM, {
      data: { [GUEST]: { canReceive: { byUserId: { 'u-owner': { audio: false } } } } },
    });
    await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canReceive: { byParticipantId: { [OWNER]: true } } } } });
    expect(await permissionsOf(app, GUEST)).toMatchObject({
      canReceive: { base: true, byUserId: { 'u-owner': { audio: false } }, byParticipantId: { [OWNER]: true } },
    });
  });

  it('applies "*" to everyone not named, owners included', async () => {
    const app = buildTestApp();
    await postDailyUpdate(app, ROOM, { data: { '*': { canSend: false }, [GUEST]: { canAdmin: ['participants'] } } });
    expect(await permissionsOf(app, OWNER)).toMatchObject({ canSend: false, canAdmin: true });
    expect(await permissionsOf(app, OBSERVER)).toMatchObject({ canSend: false });
    expect(await permissionsOf(app, GUEST)).toMatchObject({ canSend: true, canAdmin: ['participants'] });
  });

  it('answers 200 to data {} and changes nothing', async () => {
    const app = buildTestApp();
    const before = await stateText(app);
    const res = await postDailyUpdate(app, ROOM, { data: {} });
    expect(res.status).toBe(200);
    expect(await stateText(app)).toBe(before);
  });

  it('accepts application/json with a charset', async () => {
    const app = buildTestApp();
    const res = await postDailyUpdate(app, ROOM, { data: {} }, { contentType: 'application/json; charset=utf-8' });
    expect(res.status).toBe(200);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ["curl's default type for -d", 'application/x-www-form-urlencoded'],
  ])(
    'reads a JSON body sent as %s, as Daily does, applies it and warns (this replaces the earlier 400)',
    async (_name, contentType) => {
      const app = buildTestApp();
      const res = await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } }, { contentType });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({});
      expect(res.headers[WARNINGS_HEADER.toLowerCase()]).toContain("send 'Content-Type: application/json'");
      expect(app.mock.requests().at(-1)?.warnings).toEqual([expect.stringContaining(`Content-Type is ${contentType}`)]);
      expect(await permissionsOf(app, GUEST)).toMatchObject({ canSend: ['audio'] });
    },
  );

  it('answers with the configured success body', async () => {
    const app = buildTestApp({ dailySuccessBody: { updated: true } });
    const res = await postDailyUpdate(app, ROOM, { data: {} });
    expect(res.body).toEqual({ updated: true });
  });

  it('ignores an unknown participant when lenient, and says so in a header and the journal', async () => {
    const app = buildTestApp();
    const res = await postDailyUpdate(app, ROOM, {
      data: { ghost: { hasPresence: false }, [GUEST]: { hasPresence: false } },
    });
    expect(res.status).toBe(200);
    expect(res.headers[WARNINGS_HEADER.toLowerCase()]).toContain('participant "ghost" is not in the call');
    expect(await permissionsOf(app, GUEST)).toMatchObject({ hasPresence: false });
    const [entry] = app.mock.requests();
    expect(entry?.warnings).toEqual([expect.stringContaining('"ghost"')]);
    expect(entry?.id).toBe(res.headers[REQUEST_ID_HEADER.toLowerCase()]);
  });

  it('warns when the client keys data by userId instead of session id', async () => {
    const app = buildTestApp();
    const res = await postDailyUpdate(app, ROOM, { data: { 'u-guest': { canSend: false } } });
    expect(res.status).toBe(200);
    expect(res.headers[WARNINGS_HEADER.toLowerCase()]).toContain(`"u-guest" is the userId of participant ${GUEST}`);
    expect(await permissionsOf(app, GUEST)).toMatchObject({ canSend: true });
  });
});

interface RefusalRow {
  name: string;
  room?: string;
  body: unknown;
  key?: string | null;
  header?: string;
  contentType?: string | null;
  strict?: boolean;
  status: number;
  error: string;
  info?: string | RegExp;
  reason: string;
}

describe('refusals: Daily status and body, precise reason, nothing changed', () => {
  const rows: RefusalRow[] = [
    {
      name: 'no Authorization header',
      body: { data: {} },
      key: null,
      status: 400,
      error: 'authorization-header-error',
      info: /Authorization: Bearer <API key>/,
      reason: 'DAILY_AUTH_HEADER_MISSING',
    },
    {
      name: 'an Authorization header that is not Bearer',
      body: { data: {} },
      header: 'Basic dXNlcjpwYXNz',
      status: 400,
      error: 'authorization-header-error',
      reason: 'DAILY_AUTH_HEADER_MISSING',
    },
    {
      name: 'a Bearer with no key',
      body: { data: {} },
      header: 'Bearer ',
      status: 400,
      error: 'authorization-header-error',
      reason: 'DAILY_AUTH_HEADER_MISSING',
    },
    {
      name: 'a key the mock does not accept',
      body: { data: {} },
      key: 'nope',
      status: 401,
      error: 'authentication-error',
      reason: 'DAILY_API_KEY_INVALID',
    },
    {
      name: 'a body that is not JSON',
      body: '{"data": {',
      status: 400,
      error: 'json-parsing-error',
      info: /^the request body is not valid JSON/,
      reason: 'DAILY_JSON_INVALID',
    },
    {
      name: 'an empty body',
      body: '',
      status: 400,
      error: 'invalid-request-error',
      info: /empty/,
      reason: 'DAILY_REQUEST_INVALID',
    },
    {
      name: 'a body sent as text/plain that is not JSON',
      body: 'data=1',
      contentType: 'text/plain',
      status: 400,
      error: 'json-parsing-error',
      reason: 'DAILY_JSON_INVALID',
    },
    {
      name: 'a body without data',
      body: {},
      status: 400,
      error: 'invalid-request-error',
      info: 'data is required',
      reason: 'DAILY_REQUEST_INVALID',
    },
    {
      name: 'an unknown canSend value (valid updates in the same body are not applied)',
      body: { data: { [GUEST]: { hasPresence: false }, [OWNER]: { canSend: ['video', 'smell'] } } },
      status: 400,
      error: 'invalid-request-error',
      info: new RegExp(`^data\\.${OWNER}\\.canSend\\[1\\] must be one of`),
      reason: 'DAILY_REQUEST_INVALID',
    },
    {
      name: 'a JSON array as the body',
      body: [],
      status: 400,
      error: 'invalid-request-error',
      info: /^body must be an object/,
      reason: 'DAILY_REQUEST_INVALID',
    },
    {
      name: 'a room that does not exist',
      room: 'no-such-room',
      body: { data: {} },
      status: 404,
      error: 'not-found',
      info: 'room no-such-room not found',
      reason: 'DAILY_ROOM_NOT_FOUND',
    },
    {
      name: 'a room that is not hosting a call',
      room: EMPTY_ROOM,
      body: { data: {} },
      status: 404,
      error: 'not-found',
      info: `room ${EMPTY_ROOM} is not hosting a call`,
      reason: 'DAILY_ROOM_NOT_HOSTING',
    },
    {
      name: 'an unknown participant in strict mode (the known one is not updated either)',
      body: { data: { [GUEST]: { hasPresence: false }, ghost: { hasPresence: false } } },
      strict: true,
      status: 404,
      error: 'not-found',
      info: `participant ghost not found in room ${ROOM}`,
      reason: 'DAILY_PARTICIPANT_NOT_FOUND',
    },
  ];

  it.each(rows)('$name → $status $error', async (row) => {
    const app = buildTestApp({ strict: row.strict ?? false });
    const before = await stateText(app);
    let res;
    if (row.header === undefined) {
      res = await postDailyUpdate(app, row.room ?? ROOM, row.body, { key: row.key, contentType: row.contentType });
    } else {
      res = await http(app)
        .post(`/v1/rooms/${row.room ?? ROOM}/update-permissions`)
        .set('Authorization', row.header)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(row.body));
      expect(res).toMatchContract('daily.updatePermissions');
    }
    expect(res.status).toBe(row.status);
    expect(res.body.error).toBe(row.error);
    if (row.info !== undefined)
      expect(res.body.info).toEqual(typeof row.info === 'string' ? row.info : expect.stringMatching(row.info));
    expect(res.headers[REASON_HEADER.toLowerCase()]).toMatch(new RegExp(`^${row.reason}: `));
    expect(app.mock.requests().at(-1)?.reason?.code).toBe(row.reason);
    expect(await stateText(app)).toBe(before);
  });

  it('answers a wrong key with no info, as the live API does, but keeps the reason in the header', async () => {
    const app = buildTestApp();
    const res = await postDailyUpdate(app, ROOM, { data: {} }, { key: 'wrong' });
    expect(res.body).toEqual({ error: 'authentication-error' });
    expect(res.headers[REASON_HEADER.toLowerCase()]).toContain('--daily-api-key');
  });

  it('checks the Authorization header before the body', async () => {
    const app = buildTestApp();
    const res = await postDailyUpdate(app, ROOM, 'not json', { key: null });
    expect(res.body.error).toBe('authorization-header-error');
  });

  it('checks the body before the room', async () => {
    const app = buildTestApp();
    const res = await postDailyUpdate(app, 'no-such-room', { nope: true });
    expect(res.body.error).toBe('invalid-request-error');
  });

  it('accepts any key given with dailyApiKeys and no other', async () => {
    const app = buildTestApp({ dailyApiKeys: ['k1', 'k2'] });
    expect((await postDailyUpdate(app, ROOM, { data: {} }, { key: 'k2' })).status).toBe(200);
    expect((await postDailyUpdate(app, ROOM, { data: {} }, { key: 'test-daily-key' })).status).toBe(401);
  });

  it("answers a body over the limit with 413 in Daily's format", async () => {
    const app = buildTestApp({ bodyLimit: 64 });
    const before = await stateText(app);
    const res = await postDailyUpdate(app, ROOM, {
      data: { [GUEST]: { canSend: ['video', 'audio', 'screenVideo', 'screenAudio'] } },
    });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: 'invalid-request-error', info: 'request body is larger than the 64-byte limit' });
    expect(await stateText(app)).toBe(before);
  });

  it('records the request, the answer and every contract violation in the journal', async () => {
    const app = buildTestApp();
    await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: 'all', hasPresence: 'no' } } });
    const entry = app.mock.requests().at(-1);
    expect(entry).toMatchObject({
      api: 'daily',
      operation: 'daily.updatePermissions',
      method: 'POST',
      path: `/v1/rooms/${ROOM}/update-permissions`,
      status: 400,
      request: { body: { data: { [GUEST]: { canSend: 'all', hasPresence: 'no' } } } },
      response: { body: { error: 'invalid-request-error' } },
      contract: { valid: false },
    });
    expect(entry?.contract.violations).toHaveLength(2);
  });
});

describe('routing', () => {
  it("answers another method on the endpoint with a 405 in Daily's envelope and an Allow header", async () => {
    const res = await http(buildTestApp()).get(`/v1/rooms/${ROOM}/update-permissions`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body).toEqual({
      error: 'invalid-request-error',
      info: `GET is not served at /v1/rooms/${ROOM}/update-permissions; this path accepts POST`,
    });
    expect(res.headers[REASON_HEADER.toLowerCase()]).toMatch(/^DAILY_METHOD_NOT_ALLOWED: /);
  });

  it("answers an unknown path under /v1 with Daily's not-found, the reason listing what is served", async () => {
    const app = buildTestApp();
    const res = await http(app).post('/v1/rooms/x/update-permission');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not-found');
    const reason = res.headers[REASON_HEADER.toLowerCase()];
    expect(reason).toMatch(
      /^DAILY_ROUTE_NOT_FOUND: no Daily REST API operation matches POST \/v1\/rooms\/x\/update-permission/,
    );
    expect(reason).toContain('POST /v1/rooms/{name}/update-permissions');
    expect(app.mock.requests().at(-1)).toMatchObject({
      operation: null,
      status: 404,
      reason: { code: 'DAILY_ROUTE_NOT_FOUND' },
    });
  });
});

/**
 * Cases of the call-model reference (shared/reference/daily-call.md) no other test exercised:
 * boundaries of the documented limits, the expired-room rule on every room route, claims and
 * event ids the reference spells out, the default page size, the DELETE bucket's 30 s window,
 * JSON read under any Content-Type on every route, and webhook updates and deletes.
 */
import { http } from '../helpers/client';

import { OPERATIONS } from '../../contracts/operations';
import { REASON_HEADER, WARNINGS_HEADER } from '../../mock-server/http/diagnostics';
import { buildTestApp, postDailyUpdate, stateText } from '../helpers/app';
import {
  advance,
  daily,
  eventually,
  join,
  makeToken,
  seededBytes,
  selfSign,
  startReceiver,
  typeOf,
  verifyDailySignature,
  type Receiver,
} from '../helpers/daily';
import { DOMAIN_ID, EMPTY_ROOM, GUEST, NOW, OBSERVER, OWNER, ROOM } from '../helpers/world';

const NOW_S = NOW.getTime() / 1000;
type App = ReturnType<typeof buildTestApp>;
const app = (options: Parameters<typeof buildTestApp>[0] = {}) =>
  buildTestApp({ dailyRandomBytes: seededBytes(5), ...options });
const reason = (res: { headers: Record<string, string> }) => res.headers[REASON_HEADER.toLowerCase()];
const warnings = (res: { headers: Record<string, string> }) => res.headers[WARNINGS_HEADER.toLowerCase()] ?? '';
const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

async function participantIds(a: App, name: string): Promise<string[]> {
  const res = await http(a).get(`/__admin/daily/rooms/${name}`);
  expect(res).toMatchContract('admin.getDailyRoom');
  return (res.body.participants as { id: string }[]).map((p) => p.id);
}

describe('§1 the domain', () => {
  it('shows the documented defaults in GET / config, and null resets redirect_on_meeting_exit', async () => {
    const a = app();
    const res = await daily(a, 'get', '/');
    expect(res).toMatchContract('daily.getDomain');
    expect(res.body.config).toMatchObject({
      hide_daily_branding: false,
      hipaa: false,
      intercom_auto_record: false,
      lang: 'en',
      enforce_unique_user_ids: false,
    });
    const set = await daily(a, 'post', '/', { properties: { redirect_on_meeting_exit: 'https://d.test/vid-exit' } });
    expect(set.body.config.redirect_on_meeting_exit).toBe('https://d.test/vid-exit');
    const reset = await daily(a, 'post', '/', { properties: { redirect_on_meeting_exit: null } });
    expect(reset).toMatchContract('daily.setDomain');
    expect(reset.status).toBe(200);
    expect(reset.body.config).not.toHaveProperty('redirect_on_meeting_exit');
  });
});

describe('§2 rooms: limits at their boundary', () => {
  it('accepts a room name of exactly 128 characters', async () => {
    const name = 'n'.repeat(128);
    const res = await daily(app(), 'post', '/rooms', { name });
    expect(res).toMatchContract('daily.createRoom');
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(name);
  });

  it('accepts a meeting_join_hook of exactly 255 characters', async () => {
    const res = await daily(app(), 'post', '/rooms', { properties: { meeting_join_hook: 'h'.repeat(255) } });
    expect(res.status).toBe(200);
    expect(res.body.config.meeting_join_hook).toHaveLength(255);
  });

  it('takes 200 participants by default (max_participants 200) and refuses the 201st', async () => {
    const a = app();
    const placed = await http(a)
      .put('/__admin/daily/rooms/big')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ participants: Array.from({ length: 199 }, (_, i) => ({ id: `p${i}` })) }));
    expect(placed.status).toBe(200);
    expect((await join(a, 'big', { id: 'p199' })).status).toBe(201);
    const full = await join(a, 'big', { id: 'p200' });
    expect(full).toMatchContract('admin.joinDailyParticipant');
    expect(full).toBeProblem('MOCK_DAILY_JOIN_REFUSED');
    expect(full.body.detail).toBe('room-full: room big is full (max_participants 200)');
  });
});

describe('§2 POST /rooms/:name', () => {
  it('resets streaming_endpoints with null', async () => {
    const a = app();
    const endpoints = [{ endpoint_name: 'rtmp-main', type: 'rtmp' }];
    const made = await daily(a, 'post', '/rooms', { name: 's', properties: { streaming_endpoints: endpoints } });
    expect(made.body.config).toEqual({ streaming_endpoints: endpoints });
    const reset = await daily(a, 'post', '/rooms/s', { properties: { streaming_endpoints: null } });
    expect(reset).toMatchContract('daily.updateRoom');
    expect(reset.status).toBe(200);
    expect(reset.body.config).toEqual({});
  });

  it('stores owner_only_broadcast and leaves canSend alone (a Prebuilt UI flag only)', async () => {
    const a = app();
    const made = await daily(a, 'post', '/rooms', { name: 'bcast', properties: { owner_only_broadcast: true } });
    expect(made.body.config).toEqual({ owner_only_broadcast: true });
    expect((await daily(a, 'get', '/rooms/bcast')).body.config).toEqual({ owner_only_broadcast: true });
    const guest = await join(a, 'bcast');
    expect(guest.body.participant.permissions).toEqual({
      hasPresence: true,
      canSend: true,
      canReceive: { base: true },
      canAdmin: false,
    });
  });
});

describe('§2 GET /rooms', () => {
  it('answers 100 rooms by default (limit default 100), total_count counting them all', async () => {
    const a = app();
    for (let i = 0; i < 101; i += 1) expect((await daily(a, 'post', '/rooms', { name: `r${i}` })).status).toBe(200);
    const res = await daily(a, 'get', '/rooms');
    expect(res).toMatchContract('daily.listRooms');
    expect(res.body.total_count).toBe(103);
    expect(res.body.data).toHaveLength(100);
  });

  it('leaves expired rooms out of total_count too', async () => {
    const a = app();
    await daily(a, 'post', '/rooms', { name: 'brief', properties: { exp: NOW_S + 60 } });
    expect((await daily(a, 'get', '/rooms')).body.total_count).toBe(3);
    await advance(a, 60);
    const res = await daily(a, 'get', '/rooms');
    expect(res.body.total_count).toBe(2);
    expect(res.body.data.map((r: { name: string }) => r.name)).toEqual([EMPTY_ROOM, ROOM]);
  });
});

describe('§9 expired rooms answer 404 room <name> not found on every room route', () => {
  async function zombie() {
    const a = app();
    await daily(a, 'post', '/rooms', { name: 'brief', properties: { exp: NOW_S + 60 } });
    expect((await join(a, 'brief', { id: 'still-here' })).status).toBe(201);
    await advance(a, 60);
    return a;
  }

  it.each([
    ['post', '/rooms/brief', { privacy: 'private' }, 'daily.updateRoom'],
    ['post', '/rooms/brief/eject', { ids: ['still-here'] }, 'daily.eject'],
    ['get', '/rooms/brief/get-session-data', undefined, 'daily.getSessionData'],
    ['post', '/rooms/brief/set-session-data', { data: { a: 1 } }, 'daily.setSessionData'],
    ['post', '/rooms/brief/send-app-message', { data: { a: 1 } }, 'daily.sendAppMessage'],
  ] as const)('%s %s', async (method, path, body, op) => {
    const a = await zombie();
    const before = await stateText(a);
    const res = await daily(a, method, path, body);
    expect(res).toMatchContract(op);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not-found', info: 'room brief not found' });
    expect(reason(res)).toMatch(/^DAILY_ROOM_EXPIRED: /);
    expect(await stateText(a)).toBe(before);
  });

  it('POST update-permissions', async () => {
    const a = await zombie();
    const res = await postDailyUpdate(a, 'brief', { data: { 'still-here': { canSend: false } } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not-found', info: 'room brief not found' });
  });
});

describe('§3 meeting tokens', () => {
  it('accepts a user_id of exactly 36 characters', async () => {
    const a = app();
    const token = await makeToken(a, { user_id: 'u'.repeat(36) });
    expect(claims(token).ud).toBe('u'.repeat(36));
  });

  it('abbreviates every claim the reference lists, and validate answers them by their long names', async () => {
    const a = app();
    const properties = {
      room_name: ROOM,
      knocking: true,
      close_tab_on_exit: true,
      redirect_on_meeting_exit: 'https://d.test/bye',
      intercom_join_alert: true,
      start_cloud_recording: true,
      start_cloud_recording_opts: { layout: { preset: 'single-participant' } },
      auto_start_transcription: true,
      enable_recording: 'cloud',
      start_video_off: true,
      start_audio_off: true,
      meeting_join_hook: 'https://d.test/hook',
      lang: 'fr',
      enable_recording_ui: false,
      permissions: {
        canSend: false,
        canReceive: { byParticipantId: { [GUEST]: { video: false, screenAudio: true } } },
        canAdmin: ['streaming', 'participants'],
      },
    };
    const token = await makeToken(a, properties);
    expect(claims(token)).toEqual({
      r: ROOM,
      k: true,
      ctoe: true,
      rome: 'https://d.test/bye',
      ij: true,
      sr: true,
      sro: { layout: { preset: 'single-participant' } },
      ast: true,
      er: 'cloud',
      vo: true,
      ao: true,
      mjh: 'https://d.test/hook',
      uil: 'fr',
      erui: false,
      p: { cs: false, cr: { p: { [GUEST]: { v: false, sa: true } } }, ca: 's,p' },
      d: DOMAIN_ID,
      iat: NOW_S,
    });
    const res = await daily(a, 'get', `/meeting-tokens/${token}`);
    expect(res).toMatchContract('daily.validateMeetingToken');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...properties, domain_id: DOMAIN_ID, iat: NOW_S });
  });

  it('keeps a token without exp valid forever: validate and join years later', async () => {
    const a = app();
    const token = await makeToken(a, { room_name: EMPTY_ROOM });
    await advance(a, 10 * 365 * 24 * 3600);
    const res = await daily(a, 'get', `/meeting-tokens/${token}`);
    expect(res.status).toBe(200);
    expect((await join(a, EMPTY_ROOM, { token })).status).toBe(201);
  });

  it.each([
    ['another domain (d)', () => selfSign({ r: EMPTY_ROOM, d: 'another-domain-id', iat: NOW_S })],
    ["another domain's key", () => selfSign({ r: EMPTY_ROOM, d: DOMAIN_ID, iat: NOW_S }, 'another-domains-key')],
  ])('never lets a token of %s join, and changes nothing', async (_name, make) => {
    const a = app();
    const before = await stateText(a);
    const res = await join(a, EMPTY_ROOM, { token: await make() });
    expect(res).toMatchContract('admin.joinDailyParticipant');
    expect(res).toBeProblem('MOCK_DAILY_TOKEN_INVALID');
    expect(await stateText(a)).toBe(before);
  });

  it("ignores the room's eject_at_room_exp when the token sets an eject rule", async () => {
    const a = app();
    await daily(a, 'post', '/rooms', { name: 'x', properties: { exp: NOW_S + 90, eject_at_room_exp: true } });
    await join(a, 'x', { id: 'room-rule' });
    await join(a, 'x', { id: 'token-rule', token: await makeToken(a, { eject_after_elapsed: 600 }) });
    await advance(a, 90);
    expect(await participantIds(a, 'x')).toEqual(['token-rule']);
    await advance(a, 510);
    expect(await participantIds(a, 'x')).toEqual([]);
  });
});

describe('§5 presence', () => {
  it('shows userId and userName null for a participant no token named', async () => {
    const a = app();
    await daily(a, 'post', '/rooms', { name: 'anon' });
    const id = (await join(a, 'anon')).body.participant.id as string;
    const res = await daily(a, 'get', '/rooms/anon/presence');
    expect(res).toMatchContract('daily.getRoomPresence');
    expect(res.body.data).toEqual([expect.objectContaining({ id, userId: null, userName: null })]);
  });

  it('leaves hidden participants out of GET /presence', async () => {
    const res = await daily(app(), 'get', '/presence');
    expect(res).toMatchContract('daily.getPresence');
    expect(res.body[ROOM].map((e: { id: string }) => e.id)).toEqual([OWNER, GUEST]);
    expect(res.body[ROOM].map((e: { id: string }) => e.id)).not.toContain(OBSERVER);
  });
});

describe('§6 eject', () => {
  it('refuses more than 100 user_ids with 400 and ejects nobody', async () => {
    const a = app();
    const before = await stateText(a);
    const res = await daily(a, 'post', `/rooms/${ROOM}/eject`, {
      user_ids: Array.from({ length: 101 }, (_, i) => `u${i}`),
    });
    expect(res).toMatchContract('daily.eject');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid-request-error',
      info: expect.stringMatching(/user_ids must NOT have more than 100 items/),
    });
    expect(await stateText(a)).toBe(before);
  });

  it('takes exactly 100 ids', async () => {
    const ids = [GUEST, ...Array.from({ length: 99 }, (_, i) => `ghost${i}`)];
    const res = await daily(app(), 'post', `/rooms/${ROOM}/eject`, { ids });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ejectedIds: [GUEST] });
  });

  it('bans only the user_ids given: ban with ids alone bans nobody, with a warning', async () => {
    const a = app();
    const res = await daily(a, 'post', `/rooms/${ROOM}/eject`, { ids: [GUEST], ban: true });
    expect(res.body).toEqual({ ejectedIds: [GUEST] });
    expect(warnings(res)).toContain('nobody is banned');
    const back = await join(a, ROOM, { userId: 'u-guest' });
    expect(back.status).toBe(201);
  });
});

describe('§7 session data and app messages', () => {
  it('replaces the session data with {} when set-session-data gives no data (data defaults to {})', async () => {
    const a = app();
    await daily(a, 'post', `/rooms/${ROOM}/set-session-data`, { data: { topic: 'q3' } });
    const res = await daily(a, 'post', `/rooms/${ROOM}/set-session-data`, {});
    expect(res).toMatchContract('daily.setSessionData');
    expect(res.status).toBe(200);
    expect((await daily(a, 'get', `/rooms/${ROOM}/get-session-data`)).body).toEqual({ data: {} });
  });

  it('accepts data of exactly 4096 bytes serialized', async () => {
    const pad = 'x'.repeat(4096 - JSON.stringify({ pad: '' }).length);
    expect(Buffer.byteLength(JSON.stringify({ pad }))).toBe(4096);
    const res = await daily(app(), 'post', `/rooms/${ROOM}/send-app-message`, { data: { pad } });
    expect(res).toMatchContract('daily.sendAppMessage');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });
});

describe('§0/§9 every Daily route', () => {
  const withBody = [...OPERATIONS.values()].filter((op) => op.api === 'daily' && op.request !== undefined);
  const concrete = (path: string) => path.replace('{name}', ROOM).replace('{uuid}', 'u').replace(/^\/v1/, '');

  it.each(withBody.map((op) => [op.id, op] as const))(
    '%s answers a body that is not JSON with 400 json-parsing-error',
    async (id, op) => {
      const a = app();
      const before = await stateText(a);
      const res = await daily(a, op.method.toLowerCase() as 'post', concrete(op.path), '{"data":');
      expect(res).toMatchContract(id);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('json-parsing-error');
      expect(await stateText(a)).toBe(before);
    },
  );

  it.each([
    ['a Basic header', 'Basic dXNlcjpwYXNz'],
    ['Bearer without a key', 'Bearer'],
    ['a key without Bearer', 'test-daily-key'],
  ])('refuses %s with 400 authorization-header-error', async (_name, header) => {
    const res = await http(app()).get(`/v1/rooms/${ROOM}`).set('Authorization', header);
    expect(res).toMatchContract('daily.getRoom');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('authorization-header-error');
  });

  it.each([
    ['POST /rooms', 'text/plain', '/rooms', { name: 'plain' }, 'daily.createRoom'],
    [
      'POST /meeting-tokens',
      'application/x-www-form-urlencoded',
      '/meeting-tokens',
      { properties: {} },
      'daily.createMeetingToken',
    ],
    ['POST /rooms/:name/eject', 'text/plain', `/rooms/${ROOM}/eject`, { ids: [GUEST] }, 'daily.eject'],
    ['POST /', 'text/plain', '/', { properties: { lang: 'de' } }, 'daily.setDomain'],
  ] as const)('%s reads a JSON body sent as %s, and warns', async (_name, contentType, path, body, op) => {
    const res = await daily(app(), 'post', path, body, { contentType });
    expect(res).toMatchContract(op);
    expect(res.status).toBe(200);
    expect(warnings(res)).toContain("send 'Content-Type: application/json'");
  });

  it('counts DELETE /rooms/:name at 50 per 30 s as well as 2 per second when rate limits are on', async () => {
    let now = NOW.getTime();
    const a = app({ clock: () => new Date(now) });
    for (let i = 0; i < 51; i += 1) await daily(a, 'post', '/rooms', { name: `d${i}` });
    await http(a).put('/__admin/rate-limits').send({ daily: true });
    for (let second = 0; second < 25; second += 1) {
      for (const i of [2 * second, 2 * second + 1]) expect((await daily(a, 'delete', `/rooms/d${i}`)).status).toBe(200);
      now += 1000;
    }
    const limited = await daily(a, 'delete', '/rooms/d50');
    expect(limited).toMatchContract('daily.deleteRoom');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate-limit-error');
    now = NOW.getTime() + 30_001;
    expect((await daily(a, 'delete', '/rooms/d50')).status).toBe(200);
  });
});

describe('§8 webhooks', () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  async function register(a: App, url = receiver.url, hmac = receiver.secret) {
    const res = await daily(a, 'post', '/webhooks', { url, hmac });
    if (res.status !== 200) throw new Error(`webhook: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { uuid: string };
  }

  it("accepts a create sent as text/plain, as in Daily's own example", async () => {
    const a = app();
    const res = await daily(
      a,
      'post',
      '/webhooks',
      { url: receiver.url, hmac: receiver.secret },
      {
        contentType: 'text/plain',
      },
    );
    expect(res).toMatchContract('daily.createWebhook');
    expect(res.status).toBe(200);
    expect(warnings(res)).toContain("send 'Content-Type: application/json'");
  });

  it("uses Daily's ids and payloads: ptcpt-join-<user_id>, met-sta-, ptcpt-left-, met-end-; owner: true for an owner", async () => {
    const a = app();
    await register(a);
    await daily(a, 'post', '/rooms', { name: 'call' });
    const token = await makeToken(a, { user_id: 'u-ada', user_name: 'Ada', is_owner: true, eject_after_elapsed: 60 });
    const id = (await join(a, 'call', { token })).body.participant.id as string;
    const started = await receiver.next((r) => typeOf(r) === 'meeting.started');
    const meetingId = (started.body as { payload: { meeting_id: string } }).payload.meeting_id;
    expect(started.body).toEqual({
      version: '1.0.0',
      type: 'meeting.started',
      id: `met-sta-${meetingId}-${NOW.getTime()}`,
      payload: { start_ts: NOW_S, meeting_id: meetingId, room: 'call' },
      event_ts: NOW_S,
    });
    const joined = await receiver.next((r) => typeOf(r) === 'participant.joined');
    expect(joined.body).toMatchObject({
      id: `ptcpt-join-u-ada-${NOW.getTime()}`,
      payload: {
        session_id: id,
        user_id: 'u-ada',
        user_name: 'Ada',
        owner: true,
        will_eject_at: NOW_S + 60,
        permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: true },
      },
    });
    await advance(a, 60); // the eject timer
    const left = await receiver.next((r) => typeOf(r) === 'participant.left');
    expect(left.body).toMatchObject({
      id: `ptcpt-left-u-ada-${NOW.getTime() + 60_000}`,
      payload: { session_id: id, duration: 60 },
    });
    await advance(a, 10);
    const ended = await receiver.next((r) => typeOf(r) === 'meeting.ended');
    expect(ended.body).toMatchObject({
      id: `met-end-${meetingId}-${NOW.getTime() + 60_000}`,
      payload: { meeting_id: meetingId, room: 'call', start_ts: NOW_S, end_ts: NOW_S + 60 },
    });
  });

  it('signs with the new hmac and sends the new basicAuth after POST /webhooks/:uuid', async () => {
    const a = app();
    const { uuid } = await register(a);
    const secret = Buffer.from('another webhook secret, 32 bytes').toString('base64');
    const res = await daily(a, 'post', `/webhooks/${uuid}`, { hmac: secret, basicAuth: 'bmV3OnBhc3M=' });
    expect(res).toMatchContract('daily.updateWebhook');
    expect(res.body).toMatchObject({ hmac: secret, basicAuth: 'bmV3OnBhc3M=' });
    const ping = receiver.received[1];
    expect(ping?.raw).toBe('{"test":"test"}');
    expect(verifyDailySignature(secret, ping?.headers ?? {}, ping?.raw ?? '')).toBe(true);
    await join(a, ROOM, { id: 'late' });
    const event = await receiver.next((r) => typeOf(r) === 'participant.joined');
    expect(event.signed).toBe(false); // not with the old secret
    expect(verifyDailySignature(secret, event.headers, event.raw)).toBe(true);
    expect(event.headers.authorization).toBe('Basic bmV3OnBhc3M=');
  });

  it('sends nothing more to a webhook once it is deleted', async () => {
    const a = app();
    const old = await register(a);
    expect((await daily(a, 'delete', `/webhooks/${old.uuid}`)).status).toBe(200);
    const second = await startReceiver();
    try {
      const next = await register(a, second.url, second.secret);
      const id = (await join(a, EMPTY_ROOM, { token: await makeToken(a, {}) })).body.participant.id as string;
      await http(a).delete(`/__admin/daily/rooms/${EMPTY_ROOM}/participants/${id}`);
      await advance(a, 10);
      await second.next((r) => typeOf(r) === 'meeting.ended');
      const deliveries = async () => {
        const res = await http(a).get('/__admin/daily/webhook-deliveries');
        return res.body.deliveries as { webhook: string; kind: string }[];
      };
      await eventually(async () => (await deliveries()).filter((d) => d.kind === 'event').length === 4);
      expect((await deliveries()).filter((d) => d.webhook === old.uuid && d.kind === 'event')).toEqual([]);
      expect((await deliveries()).filter((d) => d.webhook === next.uuid && d.kind === 'event')).toHaveLength(4);
      expect(receiver.received).toHaveLength(1); // its verification only
    } finally {
      await second.close();
    }
  });
});

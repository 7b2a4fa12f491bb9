/**
 * Sonoran Radio's POST /api/servers/:id/members/permissions over HTTP, in-process: every status path,
 * every response checked against its contract, state unchanged after every refusal.
 */
import { http } from '../helpers/client';

import { REASON_HEADER, WARNINGS_HEADER } from '../../mock-server/http/diagnostics';
import { buildTestApp, getMember, postDailyUpdate, postSonoranUpdate, stateText } from '../helpers/app';
import {
  ADMIN_ACC,
  BANNED_ACC,
  COMMAND_CHANNEL,
  COMMUNITY,
  OFFICER_ACC,
  PENDING_ACC,
  ROOM,
  SONORAN_KEY,
  SUPERVISOR_ACC,
  TACTICAL_CHANNEL,
} from '../helpers/world';

const body = (userPerms: unknown[], extra: Record<string, unknown> = {}) => ({
  apiKey: SONORAN_KEY,
  userPerms,
  ...extra,
});

describe('successful updates', () => {
  it('answers 200 {"result":"ok"} as JSON to the docs\' example and applies it', async () => {
    const app = buildTestApp();
    const res = await postSonoranUpdate(
      app,
      COMMUNITY,
      body([{ accId: OFFICER_ACC, perm: 34, profilePerms: [{ profileId: COMMAND_CHANNEL, canJoin: true }] }]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: 'ok' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const member = await getMember(app, COMMUNITY, OFFICER_ACC);
    expect(member.body).toMatchObject({
      permission: 34,
      permissionNames: ['COMM_KICK', 'COMM_APPROVE'],
      profilePerms: [
        { profileId: COMMAND_CHANNEL, canJoin: true },
        { profileId: TACTICAL_CHANNEL, canJoin: false },
      ],
    });
  });

  it('replaces the mask, so 0 revokes everything', async () => {
    const app = buildTestApp();
    await postSonoranUpdate(app, COMMUNITY, body([{ accId: ADMIN_ACC, perm: 0 }]));
    expect((await getMember(app, COMMUNITY, ADMIN_ACC)).body).toMatchObject({ permission: 0, permissionNames: [] });
  });

  it('upserts channel access and keeps what is not listed', async () => {
    const app = buildTestApp();
    await postSonoranUpdate(
      app,
      COMMUNITY,
      body([{ accId: SUPERVISOR_ACC, perm: 34, profilePerms: [{ profileId: TACTICAL_CHANNEL, canJoin: false }] }]),
    );
    expect((await getMember(app, COMMUNITY, SUPERVISOR_ACC)).body.profilePerms).toEqual([
      { id: 1, profileId: COMMAND_CHANNEL, canJoin: true },
      { id: 3, profileId: TACTICAL_CHANNEL, canJoin: false },
    ]);
  });

  it('updates pending and banned members like any other', async () => {
    const app = buildTestApp();
    await postSonoranUpdate(
      app,
      COMMUNITY,
      body([
        { accId: PENDING_ACC, perm: 32 },
        { accId: BANNED_ACC, perm: 64 },
      ]),
    );
    expect((await getMember(app, COMMUNITY, PENDING_ACC)).body).toMatchObject({ permission: 32, pending: true });
    expect((await getMember(app, COMMUNITY, BANNED_ACC)).body).toMatchObject({ permission: 64, banned: true });
  });

  it('answers 200 to userPerms [] and changes nothing', async () => {
    const app = buildTestApp();
    const before = await stateText(app);
    expect((await postSonoranUpdate(app, COMMUNITY, body([]))).status).toBe(200);
    expect(await stateText(app)).toBe(before);
  });

  it('ignores unknown top-level fields such as roomId, without a warning', async () => {
    const app = buildTestApp();
    const res = await postSonoranUpdate(app, COMMUNITY, body([{ accId: OFFICER_ACC, perm: 2 }], { roomId: 1 }));
    expect(res.status).toBe(200);
    expect(res.headers[WARNINGS_HEADER.toLowerCase()]).toBeUndefined();
  });

  it('accepts what Sonoran.js sends (Accept and Content-Type headers)', async () => {
    const res = await http(buildTestApp())
      .post(`/api/servers/${COMMUNITY}/members/permissions`)
      .set('Accept', 'application/json')
      .set('Content-Type', 'application/json')
      .send(body([{ accId: OFFICER_ACC, perm: 8 }]));
    expect(res).toMatchContract('sonoran.setMemberPermissions');
    expect(res.status).toBe(200);
  });

  it('skips an unknown member when lenient and says so in a header and the journal', async () => {
    const app = buildTestApp();
    const res = await postSonoranUpdate(
      app,
      COMMUNITY,
      body([
        { accId: 'acc-ghost', perm: 1 },
        { accId: OFFICER_ACC, perm: 2 },
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.headers[WARNINGS_HEADER.toLowerCase()]).toContain('"acc-ghost" is not a member');
    expect((await getMember(app, COMMUNITY, OFFICER_ACC)).body.permission).toBe(2);
    expect(app.mock.requests().at(-1)).toMatchObject({
      api: 'sonoran',
      warnings: [expect.stringContaining('acc-ghost')],
    });
  });

  it('skips access rows for unknown channels when lenient and applies the rest', async () => {
    const app = buildTestApp();
    const res = await postSonoranUpdate(
      app,
      COMMUNITY,
      body([{ accId: OFFICER_ACC, perm: 2, profilePerms: [{ profileId: 77, canJoin: true }] }]),
    );
    expect(res.status).toBe(200);
    expect(res.headers[WARNINGS_HEADER.toLowerCase()]).toContain('profileId 77 is not a channel');
    expect((await getMember(app, COMMUNITY, OFFICER_ACC)).body.permission).toBe(2);
  });

  it('serves both APIs side by side from one app, each with its own state', async () => {
    const app = buildTestApp();
    expect((await postSonoranUpdate(app, COMMUNITY, body([{ accId: OFFICER_ACC, perm: 2 }]))).status).toBe(200);
    expect((await postDailyUpdate(app, ROOM, { data: { '*': { canSend: false } } })).status).toBe(200);
    const state = JSON.parse(await stateText(app));
    expect(
      state.sonoran.communities[0].members.find((m: { accId: string }) => m.accId === OFFICER_ACC).permission,
    ).toBe(2);
    expect(
      state.daily.rooms[0].participants.every(
        (p: { permissions: { canSend: unknown } }) => p.permissions.canSend === false,
      ),
    ).toBe(true);
  });
});

interface Refusal {
  name: string;
  community?: string;
  body: unknown;
  contentType?: string | null;
  strict?: boolean;
  status: number;
  reason: string;
  why?: RegExp;
}

const INVALID = { error: 'Invalid request' };
const BAD_KEY = { result: 'bad', error: 'Invalid community ID or API key' };

describe('refusals: Sonoran status and body, precise reason in the header, nothing changed', () => {
  const rows: Refusal[] = [
    {
      name: 'an unknown community',
      community: 'nope',
      body: body([]),
      status: 404,
      reason: 'SONORAN_INVALID_KEY',
      why: /no community has the id "nope"/,
    },
    {
      name: 'a wrong apiKey',
      body: { apiKey: 'wrong', userPerms: [] },
      status: 404,
      reason: 'SONORAN_INVALID_KEY',
      why: /apiKey is not the API key of community/,
    },
    { name: 'no apiKey', body: { userPerms: [] }, status: 404, reason: 'SONORAN_INVALID_KEY', why: /no apiKey string/ },
    {
      name: 'an apiKey that is not a string',
      body: { apiKey: 5, userPerms: [] },
      status: 404,
      reason: 'SONORAN_INVALID_KEY',
    },
    {
      name: 'a body that is not JSON',
      body: '{"apiKey":',
      status: 400,
      reason: 'SONORAN_INVALID_JSON',
      why: /not valid JSON/,
    },
    { name: 'an empty body', body: '', status: 400, reason: 'SONORAN_INVALID_REQUEST', why: /empty/ },
    {
      name: 'a JSON array as the body',
      body: [],
      status: 400,
      reason: 'SONORAN_INVALID_REQUEST',
      why: /body must be an object/,
    },
    { name: 'a JSON string as the body', body: '"hello"', status: 400, reason: 'SONORAN_INVALID_REQUEST' },
    {
      name: 'no Content-Type',
      body: body([]),
      contentType: null,
      status: 400,
      reason: 'SONORAN_INVALID_REQUEST',
      why: /Content-Type must be application\/json/,
    },
    {
      name: 'a form Content-Type',
      body: body([]),
      contentType: 'application/x-www-form-urlencoded',
      status: 400,
      reason: 'SONORAN_INVALID_REQUEST',
    },
    {
      name: 'userPerms missing',
      body: { apiKey: SONORAN_KEY },
      status: 400,
      reason: 'SONORAN_INVALID_REQUEST',
      why: /userPerms is required/,
    },
    {
      name: 'userPerms not an array',
      body: { apiKey: SONORAN_KEY, userPerms: 'x' },
      status: 400,
      reason: 'SONORAN_INVALID_REQUEST',
    },
    {
      name: 'perm out of range (the valid entry before it is not applied)',
      body: body([
        { accId: OFFICER_ACC, perm: 2 },
        { accId: ADMIN_ACC, perm: 1024 },
      ]),
      status: 400,
      reason: 'SONORAN_INVALID_REQUEST',
      why: /userPerms\[1\]\.perm must be <= 1023/,
    },
    {
      name: 'perm missing',
      body: body([{ accId: OFFICER_ACC }]),
      status: 400,
      reason: 'SONORAN_INVALID_REQUEST',
      why: /userPerms\[0\]\.perm is required/,
    },
    {
      name: 'perm not an integer',
      body: body([{ accId: OFFICER_ACC, perm: 1.5 }]),
      status: 400,
      reason: 'SONORAN_INVALID_REQUEST',
    },
    { name: 'an empty accId', body: body([{ accId: '', perm: 1 }]), status: 400, reason: 'SONORAN_INVALID_REQUEST' },
    {
      name: 'a negative profileId',
      body: body([{ accId: OFFICER_ACC, perm: 1, profilePerms: [{ profileId: -3, canJoin: true }] }]),
      status: 400,
      reason: 'SONORAN_INVALID_REQUEST',
    },
    {
      name: 'canJoin not a boolean',
      body: body([{ accId: OFFICER_ACC, perm: 1, profilePerms: [{ profileId: 12, canJoin: 1 }] }]),
      status: 400,
      reason: 'SONORAN_INVALID_REQUEST',
    },
    {
      name: 'an unknown member in strict mode (the known one is not updated either)',
      body: body([
        { accId: OFFICER_ACC, perm: 2 },
        { accId: 'acc-ghost', perm: 1 },
      ]),
      strict: true,
      status: 404,
      reason: 'SONORAN_MEMBER_NOT_FOUND',
      why: /userPerms\[1\]\.accId "acc-ghost" is not a member/,
    },
    {
      name: 'an unknown channel in strict mode',
      body: body([{ accId: OFFICER_ACC, perm: 2, profilePerms: [{ profileId: 77, canJoin: true }] }]),
      strict: true,
      status: 400,
      reason: 'SONORAN_CHANNEL_NOT_FOUND',
      why: /profileId 77 is not a channel/,
    },
  ];

  it.each(rows)('$name → $status $reason', async (row) => {
    const app = buildTestApp({ strict: row.strict ?? false });
    const before = await stateText(app);
    const res = await postSonoranUpdate(
      app,
      row.community ?? COMMUNITY,
      row.body,
      row.contentType === undefined ? 'application/json' : row.contentType,
    );
    expect(res.status).toBe(row.status);
    const expected =
      row.reason === 'SONORAN_INVALID_KEY'
        ? BAD_KEY
        : row.reason === 'SONORAN_MEMBER_NOT_FOUND'
          ? { result: 'bad', error: 'Member not found' }
          : INVALID;
    expect(res.body).toEqual(expected);
    const reason = String(res.headers[REASON_HEADER.toLowerCase()]);
    expect(reason).toMatch(new RegExp(`^${row.reason}: `));
    if (row.why !== undefined) expect(reason).toMatch(row.why);
    expect(app.mock.requests().at(-1)?.reason?.code).toBe(row.reason);
    expect(await stateText(app)).toBe(before);
  });

  it('checks the community and key before the rest of the body', async () => {
    const res = await postSonoranUpdate(buildTestApp(), COMMUNITY, { apiKey: 'wrong', userPerms: 'garbage' });
    expect(res.status).toBe(404);
  });

  it("answers a body over the limit with 413 and Sonoran's body", async () => {
    const app = buildTestApp({ bodyLimit: 100 });
    const res = await postSonoranUpdate(
      app,
      COMMUNITY,
      body(Array.from({ length: 10 }, () => ({ accId: OFFICER_ACC, perm: 1 }))),
    );
    expect(res.status).toBe(413);
    expect(res.body).toEqual(INVALID);
    expect(res.headers[REASON_HEADER.toLowerCase()]).toMatch(/^SONORAN_BODY_TOO_LARGE: /);
  });

  it("answers another method with a 405 in Sonoran's v1 shape and an Allow header", async () => {
    const res = await http(buildTestApp()).get(`/api/servers/${COMMUNITY}/members/permissions`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body).toEqual({ result: 'bad', error: 'Method not allowed' });
    expect(res.headers[REASON_HEADER.toLowerCase()]).toMatch(/^SONORAN_METHOD_NOT_ALLOWED: /);
  });
});

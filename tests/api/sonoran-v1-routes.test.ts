/**
 * Every Sonoran Radio v1 route, table-driven: each documented success with its body and the state it
 * leaves, and each refusal with v1's own terse body, the precise reason in X-Perm-Mock-Reason and the
 * journal, and nothing changed. (set-member-permissions has its own file.)
 */
import { getOperation, operationsOf } from '../../contracts/operations';
import { REASON_HEADER, WARNINGS_HEADER } from '../../mock-server/http/diagnostics';
import type { PermMockApp } from '../../mock-server/app';
import { stateText } from '../helpers/app';
import {
  ADMIN,
  BANNED,
  buildRadioApp,
  CH,
  community,
  DISPATCH,
  memberOf,
  OFFICER,
  OTHER_KEY,
  PENDING,
  RC,
  RC_KEY,
  send,
  SUPERVISOR,
  usersOf,
  type Call,
} from '../helpers/sonoran-world';

const OK = { result: 'ok' };
const INVALID = { error: 'Invalid request' };
const BAD_KEY = { result: 'bad', error: 'Invalid community ID or API key' };
const NOT_FOUND_USER = { result: 'bad', error: 'User not found' };
const NOT_FOUND_MEMBER = { result: 'bad', error: 'Member not found' };

interface Row extends Call {
  readonly name: string;
  readonly path: string;
  readonly strict?: boolean;
  readonly status: number;
  /** The exact body expected. */
  readonly response?: unknown;
  /** The reason code (refusals) expected in X-Perm-Mock-Reason. */
  readonly reason?: string;
  /** A warning expected in X-Perm-Mock-Warnings. */
  readonly warning?: RegExp;
  /** Checks of the state after a success. */
  readonly after?: (app: PermMockApp) => Promise<void>;
}

const members = (action: string) => `/api/servers/${RC}/members/${action}`;
const withKey = (extra: Record<string, unknown>) => ({ apiKey: RC_KEY, ...extra });
const radio = (route: string, ...rest: string[]) =>
  `/api/radio/${route}/${RC}/${RC_KEY}${rest.map((r) => `/${r}`).join('')}`;

const SUCCESSES: Row[] = [
  {
    name: 'approve: a pending member becomes approved',
    path: members('approve'),
    body: withKey({ accIds: [PENDING] }),
    status: 200,
    response: OK,
    after: async (app) => expect(await memberOf(app, PENDING)).toMatchObject({ approved: true, pending: false }),
  },
  {
    name: 'approve: a banned member is not approved, with a warning',
    path: members('approve'),
    body: withKey({ accIds: [BANNED] }),
    status: 200,
    response: OK,
    warning: /is banned and was not approved/,
    after: async (app) => expect(await memberOf(app, BANNED)).toMatchObject({ banned: true, approved: false }),
  },
  {
    name: 'approve: an unknown account is skipped with a warning (lenient)',
    path: members('approve'),
    body: withKey({ accIds: ['acc-ghost', PENDING] }),
    status: 200,
    response: OK,
    warning: /"acc-ghost" is not a member/,
  },
  {
    name: 'kick: the member leaves the community and its radio session ends',
    path: members('kick'),
    body: withKey({ accIds: [OFFICER] }),
    status: 200,
    response: { result: 'ok', data: 'All users live kicked from radio.' },
    after: async (app) => {
      expect(await memberOf(app, OFFICER)).toBeUndefined();
      expect((await usersOf(app)).map((u) => u.identity)).toEqual([SUPERVISOR]);
    },
  },
  {
    name: 'ban: the member stays listed as banned and is disconnected',
    path: members('ban'),
    body: withKey({ accIds: [SUPERVISOR] }),
    status: 200,
    response: OK,
    after: async (app) => {
      expect(await memberOf(app, SUPERVISOR)).toMatchObject({ banned: true, approved: false, pending: false });
      expect((await usersOf(app)).map((u) => u.identity)).toEqual([OFFICER]);
    },
  },
  {
    name: "nicknames: the member-list name changes, a live session's name does not",
    path: members('nicknames'),
    body: withKey({ accNicknames: [{ accId: OFFICER, nickname: 'Unit 12' }] }),
    status: 200,
    response: OK,
    after: async (app) => {
      expect((await memberOf(app, OFFICER))?.displayName).toBe('Unit 12');
      expect((await usersOf(app)).find((u) => u.identity === OFFICER)?.name).toBe('OFFICER');
    },
  },
  {
    name: 'emplace: a new account joins approved, a pending one is approved, a banned one stays banned',
    path: members('emplace'),
    body: withKey({ accIds: ['acc-new', PENDING, BANNED] }),
    status: 200,
    response: OK,
    warning: /banned .* stays banned/,
    after: async (app) => {
      expect(await memberOf(app, 'acc-new')).toMatchObject({ approved: true, pending: false, permission: 0 });
      expect(await memberOf(app, PENDING)).toMatchObject({ approved: true, pending: false });
      expect(await memberOf(app, BANNED)).toMatchObject({ banned: true });
    },
  },
  {
    name: 'get-community-channels (GET): groups and every v1 channel field',
    path: radio('get-community-channels'),
    status: 200,
  },
  {
    name: "get-community-channels (POST, the legacy page's spelling)",
    path: `/radio/get-community-channels/${RC}/${RC_KEY}`,
    method: 'POST',
    status: 200,
  },
  {
    name: 'get-connected-users (GET, as Sonoran.js sends it): metadata is an object',
    path: radio('get-connected-users'),
    status: 200,
    response: {
      result: 'ok',
      connectedUsers: [
        {
          identity: SUPERVISOR,
          name: 'SUPER',
          roomId: 1,
          metadata: {
            sonrad: true,
            state: { primaryChId: CH.dispatch, scannedChIds: [CH.fire, CH.command], scanLists: [], spec: 2 },
          },
        },
        {
          identity: OFFICER,
          name: 'OFFICER',
          roomId: 1,
          metadata: { sonrad: true, state: { primaryChId: CH.dispatch, scannedChIds: [], scanLists: [], spec: 2 } },
        },
      ],
    },
  },
  {
    name: 'get-connected-users (POST, as the docs show it)',
    path: radio('get-connected-users'),
    method: 'POST',
    status: 200,
  },
  {
    name: 'get-connected-user: one user of a room',
    path: radio('get-connected-user', '1', OFFICER),
    status: 200,
    response: {
      result: 'ok',
      data: {
        identity: OFFICER,
        name: 'OFFICER',
        metadata: { sonrad: true, state: { primaryChId: CH.dispatch, scannedChIds: [], scanLists: [], spec: 2 } },
      },
    },
  },
  {
    name: 'set-user-channels (with the room): transmit as a one-element array, scan never repeats it',
    path: radio('set-user-channels', '1', OFFICER),
    body: { transmit: [CH.fire], scan: [CH.fire, CH.ems] },
    status: 200,
    response: OK,
    after: async (app) =>
      expect((await usersOf(app)).find((u) => u.identity === OFFICER)).toMatchObject({
        transmit: [CH.fire],
        scan: [CH.ems],
      }),
  },
  {
    name: "set-user-channels: transmit as one number (the docs' type)",
    path: radio('set-user-channels', '1', OFFICER),
    body: { transmit: CH.ems },
    status: 200,
    response: OK,
    after: async (app) =>
      expect((await usersOf(app)).find((u) => u.identity === OFFICER)).toMatchObject({ transmit: [CH.ems], scan: [] }),
  },
  {
    name: 'set-user-channels: a private channel without canJoin is allowed with a warning (lenient)',
    path: radio('set-user-channels', '1', OFFICER),
    body: { scan: [CH.tactical] },
    status: 200,
    response: OK,
    warning: /private and acc-officer has no canJoin access/,
  },
  {
    name: "set-user-channels (the docs' path, no room): set in the room the user is in",
    path: radio('set-user-channels', SUPERVISOR),
    body: { transmit: [CH.command] },
    status: 200,
    response: OK,
    after: async (app) =>
      expect((await usersOf(app)).find((u) => u.identity === SUPERVISOR)).toMatchObject({
        transmit: [CH.command],
        scan: [CH.fire],
      }),
  },
  ...(
    [
      ['/api/set-user-display-name', { id: RC, key: RC_KEY, accId: OFFICER, displayName: 'Sgt Stone' }],
      ['/radio/set-user-display-name', { id: RC, key: RC_KEY, identity: OFFICER, displayName: 'Sgt Stone' }],
      [`/radio/set-user-display-name/${RC}/${RC_KEY}/${OFFICER}`, { displayName: 'Sgt Stone' }],
    ] as const
  ).map(([path, body]): Row => ({
    name: `set-user-display-name ${path.split('/').slice(0, 3).join('/')}${path.includes(RC) ? '/:id/:key/:identity' : ''}: member and live session renamed`,
    path,
    body,
    status: 200,
    response: OK,
    after: async (app) => {
      expect((await memberOf(app, OFFICER))?.displayName).toBe('Sgt Stone');
      expect((await usersOf(app)).find((u) => u.identity === OFFICER)?.name).toBe('Sgt Stone');
    },
  })),
  {
    name: "set-server-ip: the caller's address and push URL are stored for room 1",
    path: '/radio/set-server-ip',
    body: { id: RC, key: RC_KEY, pushUrl: 'http://127.0.0.1:30120/sonoranradio' },
    status: 200,
    response: OK,
    after: async (app) =>
      expect((await community(app)).rooms[0]?.server).toMatchObject({
        pushUrl: 'http://127.0.0.1:30120/sonoranradio',
        ip: expect.stringMatching(/127\.0\.0\.1|::1/),
      }),
  },
  {
    name: 'set-server-speakers: the list is replaced (Sonoran.js also sends a Bearer header)',
    path: '/radio/set-server-speakers',
    body: { id: RC, key: RC_KEY, locations: [{ label: 'Fire Station 9', id: 'STATION_9' }] },
    headers: { Authorization: `Bearer ${RC_KEY}` },
    status: 200,
    response: OK,
    after: async (app) =>
      expect((await community(app)).speakers).toEqual([{ label: 'Fire Station 9', id: 'STATION_9' }]),
  },
  {
    name: 'set-server-speakers: without the Bearer header, a warning',
    path: '/radio/set-server-speakers',
    body: { id: RC, key: RC_KEY, locations: [] },
    status: 200,
    response: OK,
    warning: /does not need it/,
  },
  {
    name: 'play-tone: recorded with its room and targets',
    path: '/api/play-tone',
    body: {
      id: RC,
      key: RC_KEY,
      roomId: 1,
      tones: [12, { id: -1, src: 'https://example.com/t.mp3', label: 'Custom' }],
      playTo: [
        { type: 'channel', value: CH.dispatch },
        { type: 'group', value: 2 },
        { type: 'game', value: 'STATION_1' },
      ],
    },
    status: 200,
    response: { result: 'ok', code: 200 },
    after: async (app) =>
      expect((await community(app)).tones).toEqual([
        expect.objectContaining({ roomId: 1, via: 'v1', tones: [12, expect.objectContaining({ id: -1 })] }),
      ]),
  },
  {
    name: 'play-tone: an unknown target is played anyway, with a warning (lenient)',
    path: '/api/play-tone',
    body: { id: RC, key: RC_KEY, roomId: 1, tones: [1], playTo: [{ type: 'game', value: 'NOWHERE' }] },
    status: 200,
    response: { result: 'ok', code: 200 },
    warning: /names game "NOWHERE"/,
  },
];

async function check(row: Row): Promise<void> {
  const app = buildRadioApp({ strict: row.strict ?? false });
  const before = await stateText(app);
  const res = await send(app, row.path, row);
  expect(res.status).toBe(row.status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  if (row.response !== undefined) expect(res.body).toEqual(row.response);
  const warnings: unknown = res.headers[WARNINGS_HEADER.toLowerCase()];
  if (row.warning !== undefined) expect(warnings).toMatch(row.warning);
  if (row.reason !== undefined) {
    expect(String(res.headers[REASON_HEADER.toLowerCase()])).toMatch(new RegExp(`^${row.reason}: `));
    expect(app.mock.requests().at(-1)?.reason?.code).toBe(row.reason);
    expect(await stateText(app)).toBe(before);
  }
  await row.after?.(app);
}

describe('v1 successes', () => {
  it.each(SUCCESSES)('$name', check);

  it('lists channels with every documented field, groups by orderIndex', async () => {
    const res = await send(buildRadioApp(), radio('get-community-channels'));
    expect(res.body.groups).toEqual([
      { id: 1, name: 'Law', orderIndex: 0 },
      { id: 2, name: 'Fire', orderIndex: 1 },
      { id: 3, name: 'Command', orderIndex: 2 },
    ]);
    expect(res.body.channels[0]).toEqual({
      id: CH.dispatch,
      groupId: 1,
      displayName: 'Dispatch',
      recvFreqMajor: 154,
      recvFreqMinor: 430,
      xmitFreqMajor: 0,
      xmitFreqMinor: 0,
      repeatsXmit: false,
      status: true,
      orderIndex: 0,
      talkoverProtection: false,
    });
    expect(res.body.channels.map((c: { id: number }) => c.id)).toEqual([1, 2, 3, 12, 13]);
  });

  it("answers subscription-by-IP once the caller's server is registered, and not before", async () => {
    const app = buildRadioApp();
    const before = await send(app, '/radio/check-server-subscription');
    expect(before.status).toBe(400);
    expect(before.body).toEqual(INVALID);
    expect(String(before.headers[REASON_HEADER.toLowerCase()])).toMatch(/^SONORAN_NO_SUBSCRIPTION: /);
    await send(app, '/radio/set-server-ip', { body: { id: RC, key: RC_KEY, pushUrl: 'http://127.0.0.1:1/x' } });
    const after = await send(app, '/radio/check-server-subscription');
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ result: 'ok', subscription: 1 });
  });
});

const REFUSALS: Row[] = [
  {
    name: 'approve: a wrong apiKey',
    path: members('approve'),
    body: { apiKey: 'x', accIds: [] },
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'approve: no apiKey',
    path: members('approve'),
    body: { accIds: [] },
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: "approve: another community's key",
    path: members('approve'),
    body: { apiKey: OTHER_KEY, accIds: [] },
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'approve: an unknown community',
    path: '/api/servers/nope/members/approve',
    body: withKey({ accIds: [] }),
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'approve: accIds not an array',
    path: members('approve'),
    body: withKey({ accIds: PENDING }),
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'approve: an empty accId',
    path: members('approve'),
    body: withKey({ accIds: [''] }),
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'approve: a body that is not JSON',
    path: members('approve'),
    body: '{"apiKey":',
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_JSON',
  },
  {
    name: 'approve: a form Content-Type',
    path: members('approve'),
    body: withKey({ accIds: [] }),
    contentType: 'application/x-www-form-urlencoded',
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'approve: an unknown account in strict mode (the known one is not approved either)',
    path: members('approve'),
    body: withKey({ accIds: [PENDING, 'acc-ghost'] }),
    strict: true,
    status: 404,
    response: NOT_FOUND_MEMBER,
    reason: 'SONORAN_MEMBER_NOT_FOUND',
  },
  {
    name: 'kick: an unknown account in strict mode',
    path: members('kick'),
    body: withKey({ accIds: ['acc-ghost'] }),
    strict: true,
    status: 404,
    response: NOT_FOUND_MEMBER,
    reason: 'SONORAN_MEMBER_NOT_FOUND',
  },
  {
    name: 'kick: a wrong apiKey',
    path: members('kick'),
    body: { apiKey: 'x', accIds: [OFFICER] },
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'ban: accIds missing',
    path: members('ban'),
    body: withKey({}),
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'ban: an unknown account in strict mode',
    path: members('ban'),
    body: withKey({ accIds: ['acc-ghost'] }),
    strict: true,
    status: 404,
    response: NOT_FOUND_MEMBER,
    reason: 'SONORAN_MEMBER_NOT_FOUND',
  },
  {
    name: 'nicknames: an empty nickname',
    path: members('nicknames'),
    body: withKey({ accNicknames: [{ accId: OFFICER, nickname: '' }] }),
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'nicknames: an unknown account in strict mode',
    path: members('nicknames'),
    body: withKey({ accNicknames: [{ accId: 'acc-ghost', nickname: 'x' }] }),
    strict: true,
    status: 404,
    response: NOT_FOUND_MEMBER,
    reason: 'SONORAN_MEMBER_NOT_FOUND',
  },
  {
    name: 'emplace: a wrong apiKey',
    path: members('emplace'),
    body: { apiKey: 'x', accIds: ['acc-new'] },
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'get-community-channels: a wrong key in the path',
    path: `/api/radio/get-community-channels/${RC}/wrong`,
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'get-community-channels: an unknown community',
    path: `/api/radio/get-community-channels/nope/${RC_KEY}`,
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'get-connected-users: a wrong key in the path',
    path: `/api/radio/get-connected-users/${RC}/${OTHER_KEY}`,
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'get-connected-user: a user not connected to the room',
    path: radio('get-connected-user', '1', DISPATCH),
    status: 404,
    response: NOT_FOUND_USER,
    reason: 'SONORAN_USER_NOT_FOUND',
  },
  {
    name: 'get-connected-user: a user connected to another room',
    path: radio('get-connected-user', '2', OFFICER),
    status: 404,
    response: NOT_FOUND_USER,
    reason: 'SONORAN_USER_NOT_FOUND',
  },
  {
    name: 'get-connected-user: a room the community does not have',
    path: radio('get-connected-user', '9', OFFICER),
    status: 404,
    response: NOT_FOUND_USER,
    reason: 'SONORAN_ROOM_NOT_FOUND',
  },
  {
    name: 'get-connected-user: a room id that is not a number',
    path: radio('get-connected-user', 'one', OFFICER),
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'set-user-channels: a channel the community does not have',
    path: radio('set-user-channels', '1', OFFICER),
    body: { scan: [77] },
    status: 400,
    response: INVALID,
    reason: 'SONORAN_CHANNEL_NOT_FOUND',
  },
  {
    name: 'set-user-channels: a private channel without canJoin in strict mode',
    path: radio('set-user-channels', '1', OFFICER),
    body: { transmit: [CH.tactical] },
    strict: true,
    status: 400,
    response: INVALID,
    reason: 'SONORAN_PRIVATE_CHANNEL',
  },
  {
    name: 'set-user-channels: two transmit channels',
    path: radio('set-user-channels', '1', OFFICER),
    body: { transmit: [1, 2] },
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'set-user-channels: a user not connected',
    path: radio('set-user-channels', '1', DISPATCH),
    body: { transmit: [1] },
    status: 404,
    response: NOT_FOUND_USER,
    reason: 'SONORAN_USER_NOT_FOUND',
  },
  {
    name: 'set-user-channels: a wrong key',
    path: `/api/radio/set-user-channels/${RC}/wrong/1/${OFFICER}`,
    body: { transmit: [1] },
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: "set-user-channels (docs' path): a user not connected anywhere",
    path: radio('set-user-channels', DISPATCH),
    body: { transmit: [1] },
    status: 404,
    response: NOT_FOUND_USER,
    reason: 'SONORAN_USER_NOT_FOUND',
  },
  {
    name: 'set-user-display-name: an account neither a member nor connected',
    path: '/api/set-user-display-name',
    body: { id: RC, key: RC_KEY, accId: 'acc-ghost', displayName: 'x' },
    status: 404,
    response: NOT_FOUND_USER,
    reason: 'SONORAN_USER_NOT_FOUND',
  },
  {
    name: 'set-user-display-name: a member not connected (v1 renames a connected user; the reference)',
    path: '/api/set-user-display-name',
    body: { id: RC, key: RC_KEY, accId: ADMIN, displayName: 'x' },
    status: 404,
    response: NOT_FOUND_USER,
    reason: 'SONORAN_USER_NOT_FOUND',
  },
  {
    name: "set-user-display-name (docs' path): a member not connected",
    path: `/radio/set-user-display-name/${RC}/${RC_KEY}/${ADMIN}`,
    body: { displayName: 'x' },
    status: 404,
    response: NOT_FOUND_USER,
    reason: 'SONORAN_USER_NOT_FOUND',
  },
  {
    name: 'set-user-display-name: a wrong key in the body',
    path: '/api/set-user-display-name',
    body: { id: RC, key: 'x', accId: OFFICER, displayName: 'x' },
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'set-user-display-name: neither accId nor identity',
    path: '/radio/set-user-display-name',
    body: { id: RC, key: RC_KEY, displayName: 'x' },
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'set-user-display-name (in the path): no displayName',
    path: `/radio/set-user-display-name/${RC}/${RC_KEY}/${OFFICER}`,
    body: {},
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'set-server-ip: a wrong key (the documented 404)',
    path: '/radio/set-server-ip',
    body: { id: RC, key: 'x', pushUrl: 'http://x' },
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'set-server-ip: no pushUrl',
    path: '/radio/set-server-ip',
    body: { id: RC, key: RC_KEY },
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'set-server-speakers: locations not an array (the documented 400)',
    path: '/radio/set-server-speakers',
    body: { id: RC, key: RC_KEY, locations: 'x' },
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'set-server-speakers: a wrong key',
    path: '/radio/set-server-speakers',
    body: { id: RC, key: 'x', locations: [] },
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'play-tone: no tones',
    path: '/api/play-tone',
    body: { id: RC, key: RC_KEY, roomId: 1, tones: [], playTo: [{ type: 'channel', value: 1 }] },
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'play-tone: a room the community does not have',
    path: '/api/play-tone',
    body: { id: RC, key: RC_KEY, roomId: 9, tones: [1], playTo: [{ type: 'channel', value: 1 }] },
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'play-tone: a custom tone without src',
    path: '/api/play-tone',
    body: { id: RC, key: RC_KEY, roomId: 1, tones: [{ id: -1 }], playTo: [{ type: 'channel', value: 1 }] },
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'play-tone: an unknown target in strict mode',
    path: '/api/play-tone',
    body: { id: RC, key: RC_KEY, roomId: 1, tones: [1], playTo: [{ type: 'channel', value: 99 }] },
    strict: true,
    status: 400,
    response: INVALID,
    reason: 'SONORAN_TARGET_NOT_FOUND',
  },
  {
    name: 'play-tone: a bad target type',
    path: '/api/play-tone',
    body: { id: RC, key: RC_KEY, roomId: 1, tones: [1], playTo: [{ type: 'radio', value: 1 }] },
    status: 400,
    response: INVALID,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'play-tone: a wrong key',
    path: '/api/play-tone',
    body: { id: RC, key: 'x', roomId: 1, tones: [1], playTo: [{ type: 'channel', value: 1 }] },
    status: 404,
    response: BAD_KEY,
    reason: 'SONORAN_INVALID_KEY',
  },
];

describe('v1 refusals: v1 status and body, precise reason, nothing changed', () => {
  it.each(REFUSALS)('$name → $status $reason', check);
});

describe('every v1 route', () => {
  const ids = operationsOf('sonoran-v1').map((op) => op.id);
  const covered = new Set(
    [...SUCCESSES, ...REFUSALS].map((row) => {
      const method = row.method ?? (row.body === undefined ? 'GET' : 'POST');
      return ids.find((id) => {
        const op = getOperation(id);
        const pattern = new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`);
        return op.method === method && pattern.test(row.path);
      });
    }),
  );

  it.each(ids.filter((id) => id !== 'sonoran.setMemberPermissions' && id !== 'sonoran.getServerSubscriptionFromIp'))(
    '%s has success and refusal rows here',
    (id) => expect(covered.has(id)).toBe(true),
  );

  it('checks the credentials before the rest of the body', async () => {
    const res = await send(buildRadioApp(), members('kick'), { body: { apiKey: 'x', accIds: 'garbage' } });
    expect(res.status).toBe(404);
    const ok = await send(buildRadioApp(), members('kick'), { body: { apiKey: RC_KEY, accIds: [ADMIN] } });
    expect(ok.status).toBe(200);
  });
});

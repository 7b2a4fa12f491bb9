/**
 * Every Sonoran Radio v2 route, table-driven: Bearer auth on each (401 missing, not Bearer, unknown
 * key; 404 a community not the key's), each documented success with its body and the state it
 * leaves, each refusal as application/problem+json with a traceId, the precise reason in
 * X-Perm-Mock-Reason, and nothing changed.
 */
import { operationsOf } from '../../contracts/operations';
import type { PermMockApp } from '../../mock-server/app';
import { REASON_HEADER, WARNINGS_HEADER } from '../../mock-server/http/diagnostics';
import { stateText } from '../helpers/app';
import {
  ADMIN,
  BANNED,
  bearer,
  buildRadioApp,
  CH,
  community,
  DISPATCH,
  memberOf,
  OFFICER,
  OTHER,
  OTHER_KEY,
  PENDING,
  RC,
  send,
  SUPERVISOR,
  usersOf,
  v2,
  type Call,
} from '../helpers/sonoran-world';

const S = `/v2/servers/${RC}`;
const ZONE = {
  points: [
    { x: 1, y: 1 },
    { x: 1, y: 5 },
    { x: 5, y: 5 },
  ],
  options: {
    name: 'Harbor',
    minZ: 0,
    maxZ: 20,
    transmitChannels: [CH.fire],
    scanChannels: [CH.ems],
    acePerms: ['police'],
  },
};
const DEGRADE = {
  center: { x: 0, y: 0 },
  radius: 50,
  options: { name: 'Tunnel', minZ: -10, maxZ: 5, degradeStrength: 0.7 },
};

/** A call each v2 operation accepts, with Sonoran.js's injected roomId in every body. */
const VALID: Readonly<Record<string, { path: string } & Call>> = {
  'sonoran.getCommunityChannelsV2': { path: `${S}/channels` },
  'sonoran.getMembersV2': { path: `${S}/members` },
  'sonoran.setMemberPermissionsV2': {
    path: `${S}/members/permissions`,
    method: 'PATCH',
    body: { roomId: 1, userPerms: [{ accId: OFFICER, perm: 2 }] },
  },
  'sonoran.approveMembersV2': { path: `${S}/members/approve`, body: { roomId: 1, accIds: [PENDING] } },
  'sonoran.kickMembersV2': { path: `${S}/members/kick`, body: { roomId: 1, accIds: [OFFICER] } },
  'sonoran.banMembersV2': { path: `${S}/members/ban`, body: { roomId: 1, accIds: [OFFICER] } },
  'sonoran.unbanMembersV2': { path: `${S}/members/unban`, body: { roomId: 1, accIds: [BANNED] } },
  'sonoran.setMemberDisplayNamesV2': {
    path: `${S}/members/display-names`,
    method: 'PATCH',
    body: { roomId: 1, accNicknames: [{ accId: OFFICER, nickname: 'Unit 7' }] },
  },
  'sonoran.getConnectedUsersV2': { path: `${S}/connected-users` },
  'sonoran.getConnectedUserV2': { path: `${S}/rooms/1/users/${OFFICER}` },
  'sonoran.setUserChannelsV2': {
    path: `${S}/rooms/1/users/${OFFICER}/channels`,
    method: 'PATCH',
    body: { roomId: 1, transmit: [CH.fire], scan: [CH.fire, CH.ems] },
  },
  'sonoran.setUserDisplayNameV2': {
    path: `${S}/users/display-name`,
    method: 'PATCH',
    body: { roomId: 1, accId: OFFICER, displayName: 'Chief Miller' },
  },
  'sonoran.getTransmissionsV2': { path: `${S}/transmissions` },
  'sonoran.getZonesV2': { path: `${S}/rooms/1/zones` },
  'sonoran.createZoneV2': { path: `${S}/rooms/1/zones/geo`, body: { roomId: 1, zone: ZONE } },
  'sonoran.updateZoneV2': {
    path: `${S}/rooms/1/zones/geo/Downtown`,
    method: 'PATCH',
    body: { roomId: 1, zone: { ...ZONE, options: { ...ZONE.options, name: 'Downtown' } } },
  },
  'sonoran.deleteZoneV2': { path: `${S}/rooms/1/zones/geo/Downtown`, method: 'DELETE' },
  'sonoran.playToneV2': {
    path: `${S}/tones/play`,
    body: { roomId: 1, tones: [12], playTo: [{ type: 'channel', value: CH.dispatch }] },
  },
  'sonoran.setInGameSpeakerLocationsV2': {
    path: `${S}/speakers`,
    method: 'PUT',
    body: { roomId: 1, locations: [{ label: 'Fire Station 123', id: 'STATION_123' }] },
  },
  'sonoran.setServerIpV2': {
    path: `${S}/server-ip`,
    body: { roomId: 1, serverPort: 30120, pushUrl: 'http://127.0.0.1:30120/sonoranradio', nickname: 'Patrol' },
  },
};

function expectProblem(
  res: { status: number; body: Record<string, unknown>; headers: Record<string, unknown> },
  status: number,
  path: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `https://httpstatuses.com/${status}`, status, instance: path });
  expect(res.body.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-9a-f]$/);
}

describe('v2 authentication, on every authenticated route', () => {
  const rows = Object.entries(VALID);

  it('covers every v2 operation but subscription-by-IP (which takes no key)', () => {
    expect(rows.map(([id]) => id).sort()).toEqual(
      operationsOf('sonoran-v2')
        .map((op) => op.id)
        .filter((id) => id !== 'sonoran.getServerSubscriptionFromIpV2')
        .sort(),
    );
  });

  const cases: [string, Record<string, string>, number, string, string | RegExp][] = [
    ['no Authorization header', {}, 401, 'SONORAN_MISSING_AUTH', 'Missing Authorization header.'],
    [
      'a Basic header',
      { Authorization: 'Basic cmFkaW86a2V5' },
      401,
      'SONORAN_MISSING_AUTH',
      'Authorization header is not using the Bearer scheme.',
    ],
    ['a key no community has', bearer('not-a-key'), 401, 'SONORAN_INVALID_KEY', 'API key is invalid.'],
    ["another community's key", bearer(OTHER_KEY), 404, 'SONORAN_COMMUNITY_NOT_FOUND', /not available to this API key/],
  ];

  describe.each(cases)('%s', (_name, headers, status, reason, detail) => {
    it.each(rows)('%s → refused, nothing changed', async (_id, call) => {
      const app = buildRadioApp();
      const before = await stateText(app);
      const res = await send(app, call.path, { ...call, headers });
      expectProblem(res, status, call.path);
      if (typeof detail === 'string') expect(res.body.detail).toBe(detail);
      else expect(res.body.detail).toMatch(detail);
      expect(String(res.headers[REASON_HEADER.toLowerCase()])).toMatch(new RegExp(`^${reason}: `));
      expect(app.mock.requests().at(-1)?.reason?.code).toBe(reason);
      expect(await stateText(app)).toBe(before);
    });
  });

  it('answers 404 for a community that does not exist, with a valid key', async () => {
    const res = await v2(buildRadioApp(), '/v2/servers/nope/channels');
    expectProblem(res, 404, '/v2/servers/nope/channels');
  });

  it('answers the valid call with a 2xx JSON body, on every route', async () => {
    for (const [id, call] of rows) {
      const res = await v2(buildRadioApp(), call.path, call);
      expect([id, res.status]).toEqual([id, id === 'sonoran.createZoneV2' ? 201 : 200]);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });
});

interface Row extends Call {
  readonly name: string;
  readonly path: string;
  readonly strict?: boolean;
  readonly status: number;
  readonly response?: unknown;
  readonly reason?: string;
  readonly warning?: RegExp;
  readonly after?: (app: PermMockApp) => Promise<void>;
}

const SUCCESSES: Row[] = [
  {
    name: 'channels: groups, and each channel with name, the v1 fields and private',
    path: `${S}/channels`,
    status: 200,
    after: async (app) => {
      const res = await v2(app, `${S}/channels`);
      expect(res.body.groups.map((g: { id: number }) => g.id)).toEqual([1, 2, 3]);
      expect(res.body.channels.find((c: { id: number }) => c.id === CH.command)).toMatchObject({
        id: CH.command,
        name: 'Command',
        displayName: 'Command',
        groupId: 3,
        private: true,
      });
    },
  },
  {
    name: 'set member permissions: the mask replaced, rows upserted (a new row gets the next id)',
    path: `${S}/members/permissions`,
    method: 'PATCH',
    body: {
      userPerms: [
        { accId: OFFICER, perm: 34, profilePerms: [{ profileId: CH.command, canJoin: true }] },
        { accId: 'acc-ghost', perm: 1 },
      ],
    },
    status: 200,
    response: { updatedAccIds: [OFFICER] },
    warning: /"acc-ghost" is not a member/,
    after: async (app) =>
      expect(await memberOf(app, OFFICER)).toMatchObject({
        permission: 34,
        profilePerms: [
          { id: 5, profileId: CH.command, canJoin: true },
          { id: 4, profileId: CH.tactical, canJoin: false },
        ],
      }),
  },
  {
    name: 'approve: only pending members already in the community; banned and unknown ones left out',
    path: `${S}/members/approve`,
    body: { accIds: [PENDING, ADMIN, BANNED, 'acc-ghost'] },
    status: 200,
    response: { approvedAccIds: [PENDING, ADMIN] },
    after: async (app) => expect(await memberOf(app, PENDING)).toMatchObject({ approved: true, pending: false }),
  },
  {
    name: 'kick: removed and disconnected from live radio sessions',
    path: `${S}/members/kick`,
    body: { accIds: [OFFICER, SUPERVISOR, 'acc-ghost'] },
    status: 200,
    response: { kickedAccIds: [OFFICER, SUPERVISOR] },
    after: async (app) => {
      expect(await memberOf(app, OFFICER)).toBeUndefined();
      expect(await usersOf(app)).toEqual([]);
    },
  },
  {
    name: 'ban: banned, not approved, disconnected',
    path: `${S}/members/ban`,
    body: { accIds: [OFFICER] },
    status: 200,
    response: { bannedAccIds: [OFFICER] },
    after: async (app) => {
      expect(await memberOf(app, OFFICER)).toMatchObject({ banned: true, approved: false, pending: false });
      expect((await usersOf(app)).map((u) => u.identity)).toEqual([SUPERVISOR]);
    },
  },
  {
    name: 'unban: back to pending; a member not banned is listed as it is',
    path: `${S}/members/unban`,
    body: { accIds: [BANNED, ADMIN] },
    status: 200,
    response: { unbannedAccIds: [BANNED, ADMIN] },
    after: async (app) => {
      expect(await memberOf(app, BANNED)).toMatchObject({ banned: false, approved: false, pending: true });
      expect(await memberOf(app, ADMIN)).toMatchObject({ banned: false, approved: true, pending: false });
    },
  },
  {
    name: 'display names: member-list names',
    path: `${S}/members/display-names`,
    method: 'PATCH',
    body: { accNicknames: [{ accId: OFFICER, nickname: 'Unit 7' }] },
    status: 200,
    response: { updatedAccIds: [OFFICER] },
    after: async (app) => expect((await memberOf(app, OFFICER))?.displayName).toBe('Unit 7'),
  },
  {
    name: 'connected users: metadata as a JSON string, as the v2 examples show',
    path: `${S}/connected-users`,
    status: 200,
    response: {
      connectedUsers: [
        {
          identity: SUPERVISOR,
          name: 'SUPER',
          roomId: 1,
          metadata: JSON.stringify({
            sonrad: true,
            state: { scanLists: [], spec: 2, primaryChId: 1, scannedChIds: [2, 12] },
          }),
        },
        {
          identity: OFFICER,
          name: 'OFFICER',
          roomId: 1,
          metadata: JSON.stringify({
            sonrad: true,
            state: { scanLists: [], spec: 2, primaryChId: 1, scannedChIds: [] },
          }),
        },
      ],
    },
  },
  {
    name: 'connected user: with state ACTIVE',
    path: `${S}/rooms/1/users/${OFFICER}`,
    status: 200,
    response: {
      identity: OFFICER,
      name: 'OFFICER',
      metadata: JSON.stringify({ sonrad: true, state: { scanLists: [], spec: 2, primaryChId: 1, scannedChIds: [] } }),
      state: 'ACTIVE',
    },
  },
  {
    name: "set user channels: the docs' example (scan drops the transmit channel)",
    path: `${S}/rooms/1/users/${SUPERVISOR}/channels`,
    method: 'PATCH',
    body: { roomId: 1, transmit: [CH.dispatch], scan: [CH.dispatch, CH.fire, CH.ems] },
    status: 200,
    response: { identity: SUPERVISOR, roomId: 1, transmit: [CH.dispatch], scan: [CH.fire, CH.ems] },
  },
  {
    name: 'set user channels: only scan given keeps transmit',
    path: `${S}/rooms/1/users/${SUPERVISOR}/channels`,
    method: 'PATCH',
    body: { scan: [CH.command] },
    status: 200,
    response: { identity: SUPERVISOR, roomId: 1, transmit: [CH.dispatch], scan: [CH.command] },
  },
  {
    name: 'set user channels: a private channel without canJoin, allowed with a warning (lenient)',
    path: `${S}/rooms/1/users/${OFFICER}/channels`,
    method: 'PATCH',
    body: { transmit: [CH.tactical] },
    status: 200,
    response: { identity: OFFICER, roomId: 1, transmit: [CH.tactical], scan: [] },
    warning: /is private/,
  },
  {
    name: 'set user display name: the member and its connected session',
    path: `${S}/users/display-name`,
    method: 'PATCH',
    body: { accId: OFFICER, displayName: 'Chief Miller' },
    status: 200,
    response: { accId: OFFICER, displayName: 'Chief Miller' },
    after: async (app) => {
      expect((await memberOf(app, OFFICER))?.displayName).toBe('Chief Miller');
      expect((await usersOf(app)).find((u) => u.identity === OFFICER)?.name).toBe('Chief Miller');
    },
  },
  {
    name: 'set user display name: a member not connected is renamed too',
    path: `${S}/users/display-name`,
    method: 'PATCH',
    body: { accId: DISPATCH, displayName: 'Dispatch 1' },
    status: 200,
    response: { accId: DISPATCH, displayName: 'Dispatch 1' },
  },
  {
    name: 'transmissions: empty until seeded',
    path: `${S}/transmissions`,
    status: 200,
    response: { transmissions: [], pagination: { page: 1, perPage: 25, total: 0, totalPages: 0 } },
  },
  {
    name: "zones: the room's snapshot",
    path: `${S}/rooms/1/zones`,
    status: 200,
    after: async (app) => {
      const res = await v2(app, `${S}/rooms/1/zones`);
      expect(res.body).toMatchObject({
        roomId: 1,
        geoZones: [{ options: { name: 'Downtown', zoneType: 'geo' } }],
        degradeZones: [],
      });
    },
  },
  {
    name: 'create zone: a new GEO zone, 201 with the snapshot',
    path: `${S}/rooms/1/zones/geo`,
    body: { roomId: 1, zone: ZONE },
    status: 201,
    after: async (app) =>
      expect((await community(app)).rooms[0]?.geoZones.map((z) => z.options.name)).toEqual(['Downtown', 'Harbor']),
  },
  {
    name: 'create zone: a degradation zone with a center and radius',
    path: `${S}/rooms/2/zones/degrade`,
    body: { zone: DEGRADE },
    status: 201,
    response: {
      roomId: 2,
      geoZones: [],
      degradeZones: [{ ...DEGRADE, options: { ...DEGRADE.options, zoneType: 'degrade' } }],
    },
  },
  {
    name: 'create zone: the same name replaces the zone (create or replace)',
    path: `${S}/rooms/1/zones/geo`,
    body: { zone: { ...ZONE, options: { ...ZONE.options, name: 'Downtown' } } },
    status: 201,
    after: async (app) => expect((await community(app)).rooms[0]?.geoZones).toHaveLength(1),
  },
  {
    name: 'update zone: replaced; a new options.name renames it in place',
    path: `${S}/rooms/1/zones/geo/Downtown`,
    method: 'PATCH',
    body: { zone: ZONE },
    status: 200,
    after: async (app) =>
      expect((await community(app)).rooms[0]?.geoZones.map((z) => z.options.name)).toEqual(['Harbor']),
  },
  {
    name: 'delete zone',
    path: `${S}/rooms/1/zones/geo/Downtown`,
    method: 'DELETE',
    status: 200,
    response: { roomId: 1, geoZones: [], degradeZones: [] },
  },
  {
    name: "play tone: recorded for the body's room",
    path: `${S}/tones/play`,
    body: {
      roomId: 2,
      tones: [12, { id: -1, src: 'https://example.com/a.mp3' }],
      playTo: [{ type: 'group', value: 3 }],
    },
    status: 200,
    response: { roomId: 2, played: true },
    after: async (app) =>
      expect((await community(app)).tones).toEqual([expect.objectContaining({ roomId: 2, via: 'v2' })]),
  },
  {
    name: 'play tone: room 1 when the body names none',
    path: `${S}/tones/play`,
    body: { tones: [1], playTo: [{ type: 'game', value: 'STATION_1' }] },
    status: 200,
    response: { roomId: 1, played: true },
  },
  {
    name: 'speakers: replaced, counted',
    path: `${S}/speakers`,
    method: 'PUT',
    body: {
      locations: [
        { label: 'A', id: 'A' },
        { label: 'B', id: 'B' },
      ],
    },
    status: 200,
    response: { locationsCount: 2 },
    after: async (app) => expect((await community(app)).speakers.map((s) => s.id)).toEqual(['A', 'B']),
  },
  {
    name: 'server ip: the room, the port, the push URL',
    path: `${S}/server-ip`,
    body: { roomId: 2, serverPort: 30120, pushUrl: 'http://127.0.0.1:30120/sonoranradio', nickname: 'Patrol' },
    status: 200,
    response: { roomId: 2, pushUrl: 'http://127.0.0.1:30120/sonoranradio' },
    after: async (app) =>
      expect((await community(app)).rooms[1]?.server).toMatchObject({
        port: 30120,
        pushUrl: 'http://127.0.0.1:30120/sonoranradio',
      }),
  },
  {
    name: 'server ip: overridePushUrl wins over pushUrl',
    path: `${S}/server-ip`,
    body: { serverPort: 30120, pushUrl: 'http://a/x', overridePushUrl: 'http://b/y' },
    status: 200,
    response: { roomId: 1, pushUrl: 'http://b/y' },
  },
  {
    name: 'server ip: no push URL given and none before',
    path: `${S}/server-ip`,
    body: { serverPort: 30120 },
    status: 200,
    response: { roomId: 1, pushUrl: null },
  },
];

const REFUSALS: Row[] = [
  {
    name: 'set member permissions: a perm over 1023',
    path: `${S}/members/permissions`,
    method: 'PATCH',
    body: { userPerms: [{ accId: OFFICER, perm: 1024 }] },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'set member permissions: no userPerms',
    path: `${S}/members/permissions`,
    method: 'PATCH',
    body: {},
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'set member permissions: a body that is not JSON',
    path: `${S}/members/permissions`,
    method: 'PATCH',
    body: '{"userPerms":',
    status: 400,
    reason: 'SONORAN_INVALID_JSON',
  },
  {
    name: 'set member permissions: no Content-Type',
    path: `${S}/members/permissions`,
    method: 'PATCH',
    body: { userPerms: [] },
    contentType: null,
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'set member permissions: an unknown member in strict mode',
    path: `${S}/members/permissions`,
    method: 'PATCH',
    body: {
      userPerms: [
        { accId: OFFICER, perm: 1 },
        { accId: 'acc-ghost', perm: 1 },
      ],
    },
    strict: true,
    status: 404,
    reason: 'SONORAN_MEMBER_NOT_FOUND',
  },
  {
    name: 'set member permissions: an unknown channel in strict mode',
    path: `${S}/members/permissions`,
    method: 'PATCH',
    body: { userPerms: [{ accId: OFFICER, perm: 1, profilePerms: [{ profileId: 77, canJoin: true }] }] },
    strict: true,
    status: 400,
    reason: 'SONORAN_CHANNEL_NOT_FOUND',
  },
  {
    name: 'approve: an unknown member in strict mode',
    path: `${S}/members/approve`,
    body: { accIds: ['acc-ghost'] },
    strict: true,
    status: 404,
    reason: 'SONORAN_MEMBER_NOT_FOUND',
  },
  {
    name: 'kick: accIds not an array',
    path: `${S}/members/kick`,
    body: { accIds: OFFICER },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'ban: a JSON array as the body',
    path: `${S}/members/ban`,
    body: [OFFICER],
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'unban: an unknown member in strict mode',
    path: `${S}/members/unban`,
    body: { accIds: ['acc-ghost'] },
    strict: true,
    status: 404,
    reason: 'SONORAN_MEMBER_NOT_FOUND',
  },
  {
    name: 'display names: a nickname that is not a string',
    path: `${S}/members/display-names`,
    method: 'PATCH',
    body: { accNicknames: [{ accId: OFFICER, nickname: 7 }] },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'connected user: a room the community does not have',
    path: `${S}/rooms/9/users/${OFFICER}`,
    status: 404,
    reason: 'SONORAN_ROOM_NOT_FOUND',
  },
  {
    name: 'connected user: a room id that is not a number',
    path: `${S}/rooms/one/users/${OFFICER}`,
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'connected user: not connected to the room',
    path: `${S}/rooms/2/users/${OFFICER}`,
    status: 404,
    reason: 'SONORAN_USER_NOT_FOUND',
  },
  {
    name: 'set user channels: a channel the community does not have (in both modes)',
    path: `${S}/rooms/1/users/${OFFICER}/channels`,
    method: 'PATCH',
    body: { transmit: [99] },
    status: 400,
    reason: 'SONORAN_CHANNEL_NOT_FOUND',
  },
  {
    name: 'set user channels: a private channel without canJoin in strict mode',
    path: `${S}/rooms/1/users/${OFFICER}/channels`,
    method: 'PATCH',
    body: { scan: [CH.command] },
    strict: true,
    status: 400,
    reason: 'SONORAN_PRIVATE_CHANNEL',
  },
  {
    name: 'set user channels: transmit as a number (v2 takes arrays)',
    path: `${S}/rooms/1/users/${OFFICER}/channels`,
    method: 'PATCH',
    body: { transmit: 1 },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'set user channels: a user not connected',
    path: `${S}/rooms/1/users/${DISPATCH}/channels`,
    method: 'PATCH',
    body: { transmit: [1] },
    status: 404,
    reason: 'SONORAN_USER_NOT_FOUND',
  },
  {
    name: 'set user channels: an unknown room',
    path: `${S}/rooms/3/users/${OFFICER}/channels`,
    method: 'PATCH',
    body: { transmit: [1] },
    status: 404,
    reason: 'SONORAN_ROOM_NOT_FOUND',
  },
  {
    name: 'set user display name: an account neither a member nor connected',
    path: `${S}/users/display-name`,
    method: 'PATCH',
    body: { accId: 'acc-ghost', displayName: 'x' },
    status: 404,
    reason: 'SONORAN_USER_NOT_FOUND',
  },
  {
    name: 'set user display name: no displayName',
    path: `${S}/users/display-name`,
    method: 'PATCH',
    body: { accId: OFFICER },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  { name: 'zones: an unknown room', path: `${S}/rooms/5/zones`, status: 404, reason: 'SONORAN_ROOM_NOT_FOUND' },
  {
    name: 'create zone: a zone type other than geo or degrade',
    path: `${S}/rooms/1/zones/emergency`,
    body: { zone: ZONE },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'create zone: no zone',
    path: `${S}/rooms/1/zones/geo`,
    body: { roomId: 1 },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'create zone: two points',
    path: `${S}/rooms/1/zones/geo`,
    body: { zone: { ...ZONE, points: ZONE.points.slice(0, 2) } },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'create zone: both points and a circle',
    path: `${S}/rooms/1/zones/geo`,
    body: { zone: { ...ZONE, center: { x: 0, y: 0 }, radius: 3 } },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'create zone: options.zoneType unlike the path',
    path: `${S}/rooms/1/zones/geo`,
    body: { zone: { ...DEGRADE, options: { ...DEGRADE.options, zoneType: 'degrade' } } },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'create zone: a degrade zone without degradeStrength',
    path: `${S}/rooms/1/zones/degrade`,
    body: { zone: { ...DEGRADE, options: { name: 'T', minZ: 0, maxZ: 1 } } },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'create zone: minZ above maxZ',
    path: `${S}/rooms/1/zones/geo`,
    body: { zone: { ...ZONE, options: { ...ZONE.options, minZ: 9, maxZ: 1 } } },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'create zone: an unknown channel in strict mode',
    path: `${S}/rooms/1/zones/geo`,
    body: { zone: { ...ZONE, options: { ...ZONE.options, transmitChannels: [143504] } } },
    strict: true,
    status: 400,
    reason: 'SONORAN_CHANNEL_NOT_FOUND',
  },
  {
    name: 'update zone: a zone the room does not have',
    path: `${S}/rooms/1/zones/geo/Nowhere`,
    method: 'PATCH',
    body: { zone: ZONE },
    status: 404,
    reason: 'SONORAN_ZONE_NOT_FOUND',
  },
  {
    name: 'update zone: a GEO zone asked for as degrade',
    path: `${S}/rooms/1/zones/degrade/Downtown`,
    method: 'PATCH',
    body: { zone: DEGRADE },
    status: 404,
    reason: 'SONORAN_ZONE_NOT_FOUND',
  },
  {
    name: 'delete zone: a zone the room does not have',
    path: `${S}/rooms/2/zones/geo/Downtown`,
    method: 'DELETE',
    status: 404,
    reason: 'SONORAN_ZONE_NOT_FOUND',
  },
  {
    name: 'delete zone: an unknown zone type',
    path: `${S}/rooms/1/zones/panic/Downtown`,
    method: 'DELETE',
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'play tone: an empty playTo',
    path: `${S}/tones/play`,
    body: { tones: [1], playTo: [] },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'play tone: an unknown room',
    path: `${S}/tones/play`,
    body: { roomId: 4, tones: [1], playTo: [{ type: 'channel', value: 1 }] },
    status: 404,
    reason: 'SONORAN_ROOM_NOT_FOUND',
  },
  {
    name: 'play tone: an unknown speaker in strict mode',
    path: `${S}/tones/play`,
    body: { tones: [1], playTo: [{ type: 'game', value: 'NOWHERE' }] },
    strict: true,
    status: 400,
    reason: 'SONORAN_TARGET_NOT_FOUND',
  },
  {
    name: 'speakers: a location without an id',
    path: `${S}/speakers`,
    method: 'PUT',
    body: { locations: [{ label: 'A' }] },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'server ip: no serverPort',
    path: `${S}/server-ip`,
    body: { pushUrl: 'http://a/b' },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'server ip: port 0',
    path: `${S}/server-ip`,
    body: { serverPort: 0 },
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'server ip: an unknown room',
    path: `${S}/server-ip`,
    body: { roomId: 7, serverPort: 1 },
    status: 404,
    reason: 'SONORAN_ROOM_NOT_FOUND',
  },
];

async function check(row: Row): Promise<void> {
  const app = buildRadioApp({ strict: row.strict ?? false });
  const before = await stateText(app);
  const res = await v2(app, row.path, row);
  expect(res.status).toBe(row.status);
  if (row.response !== undefined) expect(res.body).toEqual(row.response);
  if (row.warning !== undefined) expect(res.headers[WARNINGS_HEADER.toLowerCase()]).toMatch(row.warning);
  if (row.status >= 400) {
    expectProblem(res, row.status, row.path);
    expect(String(res.headers[REASON_HEADER.toLowerCase()])).toMatch(new RegExp(`^${row.reason ?? ''}: `));
    expect(app.mock.requests().at(-1)?.reason?.code).toBe(row.reason);
    expect(await stateText(app)).toBe(before);
  } else {
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  }
  await row.after?.(app);
}

describe('v2 successes', () => {
  it.each(SUCCESSES)('$name', check);
});

describe('v2 refusals: problem+json, precise reason, nothing changed', () => {
  it.each(REFUSALS)('$name → $status $reason', check);
});

describe('zone names in the path', () => {
  it('are URL-decoded: a zone named with a space and a slash is replaced and deleted by its encoded name', async () => {
    const app = buildRadioApp();
    const name = 'Down town/East';
    const zone = { ...ZONE, options: { ...ZONE.options, name } };
    expect((await v2(app, `${S}/rooms/1/zones/geo`, { body: { zone } })).status).toBe(201);
    const path = `${S}/rooms/1/zones/geo/${encodeURIComponent(name)}`;
    const replaced = await v2(app, path, { method: 'PATCH', body: { zone: { ...zone, radius: undefined } } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.geoZones.map((z: { options: { name: string } }) => z.options.name)).toEqual([
      'Downtown',
      name,
    ]);
    const deleted = await v2(app, path, { method: 'DELETE' });
    expect(deleted.body.geoZones.map((z: { options: { name: string } }) => z.options.name)).toEqual(['Downtown']);
  });
});

describe('get members', () => {
  const names = async (query: string) => {
    const res = await v2(buildRadioApp(), `${S}/members${query}`);
    expect(res.status).toBe(200);
    return res.body as { members: { accId: string }[]; pagination: Record<string, number> };
  };

  it('lists every member with its access rows, 25 a page by default', async () => {
    const page = await names('');
    expect(page.pagination).toEqual({ page: 1, perPage: 25, total: 6, totalPages: 1 });
    expect(page.members[0]).toEqual({
      accId: ADMIN,
      username: 'admin',
      displayName: 'ADMIN',
      permission: 1023,
      profilePerms: [
        { id: 1, profileId: CH.command, canJoin: true },
        { id: 2, profileId: CH.tactical, canJoin: true },
      ],
      approved: true,
      pending: false,
      banned: false,
    });
  });

  it.each([
    ['?status=pending', [PENDING]],
    ['?status=banned', [BANNED]],
    ['?status=approved', [ADMIN, SUPERVISOR, OFFICER, DISPATCH]],
    ['?sortBy=username', [ADMIN, BANNED, DISPATCH, OFFICER, PENDING, SUPERVISOR]],
    ['?sortBy=permission&descending=true', [ADMIN, DISPATCH, SUPERVISOR, OFFICER, PENDING, BANNED]],
    ['?sortBy=pending&descending=true', [PENDING, ADMIN, SUPERVISOR, OFFICER, DISPATCH, BANNED]],
    ['?search=OFF', [OFFICER]],
    ['?search=super', [SUPERVISOR]],
    ['?search=acc-', [ADMIN, SUPERVISOR, OFFICER, DISPATCH, PENDING, BANNED]],
    ['?status=approved&sortBy=accId&descending=true&search=i', [OFFICER, DISPATCH, ADMIN]],
  ])('%s', async (query, expected) => {
    expect((await names(query)).members.map((m) => m.accId)).toEqual(expected);
  });

  it('pages: page 2 of 3 per page, and a page past the end is empty', async () => {
    const second = await names('?page=2&perPage=3');
    expect(second.members.map((m) => m.accId)).toEqual([DISPATCH, PENDING, BANNED]);
    expect(second.pagination).toEqual({ page: 2, perPage: 3, total: 6, totalPages: 2 });
    expect((await names('?page=9&perPage=100')).members).toEqual([]);
  });

  it.each([
    '?perPage=101',
    '?perPage=0',
    '?page=0',
    '?page=x',
    '?status=active',
    '?sortBy=name',
    '?descending=yes',
    '?page=1&page=2',
  ])('%s → 400 problem, naming the value', async (query) => {
    const res = await v2(buildRadioApp(), `${S}/members${query}`);
    expectProblem(res, 400, `${S}/members`);
    expect(String(res.headers[REASON_HEADER.toLowerCase()])).toMatch(/^SONORAN_INVALID_REQUEST: /);
  });
});

describe('subscription by IP (no auth)', () => {
  it("answers 404 until the caller's server is registered, then the community's level", async () => {
    const app = buildRadioApp();
    const before = await send(app, '/v2/server-subscriptions/by-ip');
    expectProblem(before, 404, '/v2/server-subscriptions/by-ip');
    await v2(app, `${S}/server-ip`, { body: { serverPort: 30120 } });
    const after = await send(app, '/v2/server-subscriptions/by-ip');
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ subscription: 1 });
  });

  it('answers the highest level among the communities registered from the address', async () => {
    const app = buildRadioApp();
    await v2(app, `${S}/server-ip`, { body: { serverPort: 1 } });
    await send(app, `/v2/servers/${OTHER}/server-ip`, { body: { serverPort: 2 }, headers: bearer(OTHER_KEY) });
    expect((await send(app, '/v2/server-subscriptions/by-ip')).body).toEqual({ subscription: 1 });
  });
});

describe('routing under /v2', () => {
  it('answers another method with a 405 problem and an Allow header', async () => {
    const res = await v2(buildRadioApp(), `${S}/members/permissions`, { method: 'POST', body: { userPerms: [] } });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('PATCH');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers an unknown v2 path with a 404 problem', async () => {
    const res = await v2(buildRadioApp(), `${S}/nothing-here`);
    expectProblem(res, 404, `${S}/nothing-here`);
  });
});

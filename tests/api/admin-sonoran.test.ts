/** The control API for Sonoran Radio communities. */
import { http } from '../helpers/client';

import { buildTestApp, getMember, postSonoranUpdate, stateText } from '../helpers/app';
import { COMMAND_CHANNEL, COMMUNITY, OFFICER_ACC, SONORAN_KEY, TEST_WORLD } from '../helpers/world';

type App = ReturnType<typeof buildTestApp>;
const put = (app: App, id: string, body: unknown) =>
  http(app)
    .put(`/__admin/sonoran/communities/${id}`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body));

describe('communities', () => {
  it('creates a community, filling member defaults, and reads it back', async () => {
    const app = buildTestApp();
    const res = await put(app, 'new-rp', {
      apiKey: 'new-key',
      name: 'New RP',
      channels: [
        { id: 12, name: 'Command', private: true },
        { id: 1, name: 'Dispatch', private: false },
      ],
      members: [
        {
          accId: 'm1',
          permissionNames: ['COMM_KICK', 'COMM_APPROVE'],
          profilePerms: [{ profileId: 12, canJoin: true }],
        },
        { accId: 'm2', username: 'sam', permission: 0, pending: true, approved: false },
      ],
    });
    expect(res).toMatchContract('admin.putSonoranCommunity');
    const defaults = {
      groupId: 0,
      recvFreqMajor: 0,
      recvFreqMinor: 0,
      xmitFreqMajor: 0,
      xmitFreqMinor: 0,
      repeatsXmit: false,
      status: true,
      talkoverProtection: false,
    };
    expect(res.body).toEqual({
      id: 'new-rp',
      apiKey: 'new-key',
      name: 'New RP',
      subscription: 0,
      metadataFormat: { v1: 'object', v2: 'string' },
      groups: [{ id: 0, name: 'Default', orderIndex: 0 }],
      channels: [
        { id: 12, name: 'Command', private: true, ...defaults, orderIndex: 0 },
        { id: 1, name: 'Dispatch', private: false, ...defaults, orderIndex: 1 },
      ],
      rooms: [{ id: 1, users: [], geoZones: [], degradeZones: [], server: null }],
      speakers: [],
      tones: [],
      transmissions: [],
      members: [
        {
          accId: 'm1',
          username: 'm1',
          displayName: 'm1',
          permission: 34,
          permissionNames: ['COMM_KICK', 'COMM_APPROVE'],
          profilePerms: [{ id: 1, profileId: 12, canJoin: true }],
          approved: true,
          pending: false,
          banned: false,
        },
        {
          accId: 'm2',
          username: 'sam',
          displayName: 'sam',
          permission: 0,
          permissionNames: [],
          profilePerms: [],
          approved: false,
          pending: true,
          banned: false,
        },
      ],
    });
    const read = await http(app).get('/__admin/sonoran/communities/new-rp');
    expect(read).toMatchContract('admin.getSonoranCommunity');
    expect(read.body).toEqual(res.body);
    expect(
      (await postSonoranUpdate(app, 'new-rp', { apiKey: 'new-key', userPerms: [{ accId: 'm2', perm: 2 }] })).status,
    ).toBe(200);
  });

  it('accepts a community view back as input (GET then PUT round-trips)', async () => {
    const app = buildTestApp();
    const view = (await http(app).get(`/__admin/sonoran/communities/${COMMUNITY}`)).body;
    const res = await put(app, COMMUNITY, view);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(view);
  });

  it('shows a member with bit names beside the mask and channel access sorted by profileId', async () => {
    const app = buildTestApp();
    await postSonoranUpdate(app, COMMUNITY, {
      apiKey: SONORAN_KEY,
      userPerms: [{ accId: OFFICER_ACC, perm: 34, profilePerms: [{ profileId: COMMAND_CHANNEL, canJoin: true }] }],
    });
    const res = await getMember(app, COMMUNITY, OFFICER_ACC);
    expect(res.body).toEqual({
      accId: OFFICER_ACC,
      username: 'officer',
      displayName: 'OFFICER',
      permission: 34,
      permissionNames: ['COMM_KICK', 'COMM_APPROVE'],
      profilePerms: [
        { id: 3, profileId: 12, canJoin: true },
        { id: 2, profileId: 13, canJoin: false },
      ],
      approved: true,
      pending: false,
      banned: false,
    });
  });

  it('lists and deletes communities', async () => {
    const app = buildTestApp();
    const list = await http(app).get('/__admin/sonoran/communities');
    expect(list).toMatchContract('admin.listSonoranCommunities');
    expect(list.body.communities.map((c: { id: string }) => c.id)).toEqual([COMMUNITY]);
    const del = await http(app).delete(`/__admin/sonoran/communities/${COMMUNITY}`);
    expect(del).toMatchContract('admin.deleteSonoranCommunity');
    expect(del.status).toBe(204);
    expect((await postSonoranUpdate(app, COMMUNITY, { apiKey: SONORAN_KEY, userPerms: [] })).status).toBe(404);
  });

  it('includes communities in the state and restores them on reset', async () => {
    const app = buildTestApp();
    await postSonoranUpdate(app, COMMUNITY, { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 512 }] });
    expect(JSON.parse(await stateText(app)).sonoran).not.toEqual(TEST_WORLD.sonoran);
    await http(app).post('/__admin/reset');
    expect(JSON.parse(await stateText(app)).sonoran).toEqual(TEST_WORLD.sonoran);
  });
});

describe('misuse gets a problem with a stable code, and changes nothing', () => {
  it.each([
    [
      'an invalid community id',
      (app: App) => put(app, 'bad%20id', { apiKey: 'k' }),
      'admin.putSonoranCommunity',
      400,
      'MOCK_INVALID_COMMUNITY_ID',
    ],
    [
      'a body without apiKey',
      (app: App) => put(app, 'c', { name: 'x' }),
      'admin.putSonoranCommunity',
      400,
      'MOCK_INVALID_BODY',
    ],
    [
      'a permission over 1023',
      (app: App) => put(app, 'c', { apiKey: 'k', members: [{ accId: 'm', permission: 2048 }] }),
      'admin.putSonoranCommunity',
      400,
      'MOCK_INVALID_BODY',
    ],
    [
      'an unknown bit name',
      (app: App) => put(app, 'c', { apiKey: 'k', members: [{ accId: 'm', permissionNames: ['ROOT'] }] }),
      'admin.putSonoranCommunity',
      400,
      'MOCK_INVALID_BODY',
    ],
    [
      'permission and names that disagree',
      (app: App) =>
        put(app, 'c', { apiKey: 'k', members: [{ accId: 'm', permission: 1, permissionNames: ['COMM_KICK'] }] }),
      'admin.putSonoranCommunity',
      400,
      'MOCK_INCONSISTENT_COMMUNITY',
    ],
    [
      'a channel listed twice',
      (app: App) =>
        put(app, 'c', {
          apiKey: 'k',
          channels: [
            { id: 1, name: 'a', private: false },
            { id: 1, name: 'b', private: false },
          ],
        }),
      'admin.putSonoranCommunity',
      400,
      'MOCK_INCONSISTENT_COMMUNITY',
    ],
    [
      'a member listed twice',
      (app: App) => put(app, 'c', { apiKey: 'k', members: [{ accId: 'm' }, { accId: 'm' }] }),
      'admin.putSonoranCommunity',
      400,
      'MOCK_INCONSISTENT_COMMUNITY',
    ],
    [
      'access to a channel the community lacks',
      (app: App) =>
        put(app, 'c', { apiKey: 'k', members: [{ accId: 'm', profilePerms: [{ profileId: 9, canJoin: true }] }] }),
      'admin.putSonoranCommunity',
      400,
      'MOCK_INCONSISTENT_COMMUNITY',
    ],
    [
      'a body id that differs from the path',
      (app: App) => put(app, 'c', { id: 'd', apiKey: 'k' }),
      'admin.putSonoranCommunity',
      400,
      'MOCK_INCONSISTENT_COMMUNITY',
    ],
    [
      'reading a community that does not exist',
      (app: App) => http(app).get('/__admin/sonoran/communities/nope'),
      'admin.getSonoranCommunity',
      404,
      'MOCK_COMMUNITY_NOT_FOUND',
    ],
    [
      'deleting a community that does not exist',
      (app: App) => http(app).delete('/__admin/sonoran/communities/nope'),
      'admin.deleteSonoranCommunity',
      404,
      'MOCK_COMMUNITY_NOT_FOUND',
    ],
    [
      'reading a member that does not exist',
      (app: App) => http(app).get(`/__admin/sonoran/communities/${COMMUNITY}/members/nobody`),
      'admin.getSonoranMember',
      404,
      'MOCK_MEMBER_NOT_FOUND',
    ],
  ] as const)('%s → %i %s', async (_name, send, op, status, code) => {
    const app = buildTestApp();
    const before = await stateText(app);
    const res = await send(app);
    expect(res.status).toBe(status);
    expect(res).toBeProblem(code);
    expect(res).toMatchContract(op);
    expect(await stateText(app)).toBe(before);
  });
});

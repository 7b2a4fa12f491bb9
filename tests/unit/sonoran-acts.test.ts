/**
 * The rules both Sonoran Radio versions call, as pure functions: one row per rule or decision of
 * shared/reference/sonoran-radio-surface.md §4 (approve, kick, ban, unban, emplace, names, channels,
 * zones, tones, speakers, the server, listings). A refused rule changes nothing (it never touches
 * its input), which every refusal here checks.
 */
import {
  applyPatch,
  approveMembers,
  banMembers,
  buildCommunity,
  chooseChannels,
  connectUser,
  deleteZone,
  disconnectUser,
  emplaceMembers,
  kickMembers,
  listMembers,
  listTransmissions,
  normalizeAddress,
  playTone,
  renameUser,
  replaceZone,
  setMemberNicknames,
  setServerIp,
  setSpeakers,
  setUserChannels,
  subscriptionFor,
  unbanMembers,
  upsertZone,
  userMetadata,
  viewCommunity,
  type RuleOutcome,
} from '../../mock-server/apis/sonoran-radio/semantics';
import type { Community, RadioUser } from '../../mock-server/apis/sonoran-radio/types';

const NOW = '2026-01-01T12:00:00.000Z';
const lenient = { strict: false };
const strict = { strict: true };

function base(): Community {
  const built = buildCommunity(
    'c1',
    {
      apiKey: 'k',
      subscription: 2,
      groups: [
        { id: 1, name: 'Law' },
        { id: 2, name: 'Fire' },
      ],
      channels: [
        { id: 1, name: 'Dispatch', groupId: 1 },
        { id: 2, name: 'Fire', groupId: 2 },
        { id: 12, name: 'Command', private: true },
      ],
      members: [
        { accId: 'a', permission: 1023, profilePerms: [{ profileId: 12, canJoin: true }] },
        { accId: 'b' },
        { accId: 'p', pending: true, approved: false },
        { accId: 'x', banned: true },
      ],
      rooms: [
        { id: 1, users: [{ identity: 'a', transmit: [1], scan: [2] }, { identity: 'b' }] },
        { id: 2, users: [{ identity: 'a' }] },
      ],
      speakers: [{ label: 'S', id: 'S1' }],
    },
    NOW,
  );
  if (!built.ok) throw new Error(built.problem);
  return built.community;
}

function applied<R>(
  outcome: RuleOutcome<R>,
  community: Community = base(),
): { community: Community; result: R; warnings: readonly string[] } {
  if (!outcome.ok) throw new Error(outcome.why);
  return { community: applyPatch(community, outcome.patch), result: outcome.result, warnings: outcome.warnings };
}

const flags = (c: Community, accId: string) => {
  const m = c.members.get(accId);
  return m === undefined ? undefined : { approved: m.approved, pending: m.pending, banned: m.banned };
};
const sessions = (c: Community) => [...c.rooms.values()].map((r) => [r.id, [...r.users.keys()]]);

/** A refusal leaves the community it was given as it was. */
function refused<R>(rule: (c: Community) => RuleOutcome<R>, code: string): void {
  const c = base();
  const before = JSON.stringify(viewCommunity(c));
  const outcome = rule(c);
  expect(outcome).toMatchObject({ ok: false, code });
  expect(JSON.stringify(viewCommunity(c))).toBe(before);
}

describe('building a community', () => {
  it('fills the v1 channel fields, a default group, room 1 and ids for access rows', () => {
    const built = buildCommunity('c', {
      apiKey: 'k',
      channels: [{ id: 5, name: 'Only', private: true }],
      members: [{ accId: 'm', profilePerms: [{ profileId: 5, canJoin: true }] }],
    });
    if (!built.ok) throw new Error(built.problem);
    const view = viewCommunity(built.community);
    expect(view.groups).toEqual([{ id: 0, name: 'Default', orderIndex: 0 }]);
    expect(view.channels).toEqual([
      {
        id: 5,
        name: 'Only',
        private: true,
        groupId: 0,
        recvFreqMajor: 0,
        recvFreqMinor: 0,
        xmitFreqMajor: 0,
        xmitFreqMinor: 0,
        repeatsXmit: false,
        status: true,
        orderIndex: 0,
        talkoverProtection: false,
      },
    ]);
    expect(view.rooms).toEqual([{ id: 1, users: [], geoZones: [], degradeZones: [], server: null }]);
    expect(view.members[0]?.profilePerms).toEqual([{ id: 1, profileId: 5, canJoin: true }]);
    expect(built.community.nextAccessId).toBe(2);
  });

  it.each([
    ['a channel in a group it does not list', { apiKey: 'k', channels: [{ id: 1, name: 'x', groupId: 9 }] }, 'group 9'],
    ['no room', { apiKey: 'k', rooms: [] }, 'at least one room'],
    ['a room twice', { apiKey: 'k', rooms: [{ id: 1 }, { id: 1 }] }, 'room 1 is listed twice'],
    [
      'a pending member connected',
      {
        apiKey: 'k',
        members: [{ accId: 'p', pending: true, approved: false }],
        rooms: [{ id: 1, users: [{ identity: 'p' }] }],
      },
      'pending',
    ],
    ['a stranger connected', { apiKey: 'k', rooms: [{ id: 1, users: [{ identity: 'nobody' }] }] }, 'not a member'],
    [
      'a connected user on an unknown channel',
      { apiKey: 'k', members: [{ accId: 'a' }], rooms: [{ id: 1, users: [{ identity: 'a', transmit: [4] }] }] },
      'channel 4',
    ],
    [
      'an access row id used twice',
      {
        apiKey: 'k',
        channels: [{ id: 1, name: 'x' }],
        members: [
          { accId: 'a', profilePerms: [{ id: 3, profileId: 1, canJoin: true }] },
          { accId: 'b', profilePerms: [{ id: 3, profileId: 1, canJoin: true }] },
        ],
      },
      'row id 3',
    ],
    [
      'a zone listed under the other type',
      {
        apiKey: 'k',
        rooms: [
          {
            id: 1,
            geoZones: [
              {
                center: { x: 0, y: 0 },
                radius: 1,
                options: { name: 'z', minZ: 0, maxZ: 1, zoneType: 'degrade' as const },
              },
            ],
          },
        ],
      },
      'degrade zone listed as geo',
    ],
  ])('refuses %s', (_name, input, problem) => {
    expect(buildCommunity('c', input)).toEqual({ ok: false, problem: expect.stringContaining(problem) });
  });
});

describe('approve', () => {
  it('approves pending members, lists approved ones as they are, leaves banned and unknown ones out', () => {
    const out = applied(approveMembers(base(), ['p', 'a', 'x', 'ghost', 'p'], lenient));
    expect(out.result.accIds).toEqual(['p', 'a']);
    expect(flags(out.community, 'p')).toEqual({ approved: true, pending: false, banned: false });
    expect(flags(out.community, 'x')).toMatchObject({ banned: true });
    expect(out.warnings).toEqual([
      expect.stringContaining('"ghost" is not a member'),
      'member x is banned and was not approved; unban them first',
    ]);
  });

  it('refuses an unknown account in strict mode', () =>
    refused((c) => approveMembers(c, ['p', 'ghost'], strict), 'SONORAN_MEMBER_NOT_FOUND'));
});

describe('kick and ban', () => {
  it('kick removes the member and every session of it, in every room', () => {
    const out = applied(kickMembers(base(), ['a'], lenient));
    expect(out.community.members.has('a')).toBe(false);
    expect(sessions(out.community)).toEqual([
      [1, ['b']],
      [2, []],
    ]);
    expect(out.result).toEqual({ accIds: ['a'], disconnected: ['a@1', 'a@2'] });
  });

  it('ban keeps the member, banned and neither approved nor pending, and disconnects it', () => {
    const out = applied(banMembers(base(), ['a', 'p'], lenient));
    expect(flags(out.community, 'a')).toEqual({ approved: false, pending: false, banned: true });
    expect(flags(out.community, 'p')).toEqual({ approved: false, pending: false, banned: true });
    expect(sessions(out.community)).toEqual([
      [1, ['b']],
      [2, []],
    ]);
  });

  it('ban of a banned member lists it and changes nothing', () => {
    const outcome = banMembers(base(), ['x'], lenient);
    if (!outcome.ok) throw new Error(outcome.why);
    expect(outcome.result.accIds).toEqual(['x']);
    expect(outcome.patch.members?.size).toBe(0);
  });

  it.each([
    ['kick', kickMembers],
    ['ban', banMembers],
    ['unban', unbanMembers],
  ])('%s refuses an unknown account in strict mode', (_name, rule) =>
    refused((c) => rule(c, ['ghost'], strict), 'SONORAN_MEMBER_NOT_FOUND'),
  );
});

describe('unban', () => {
  it('a banned member becomes pending (not approved); others are listed and left alone', () => {
    const out = applied(unbanMembers(base(), ['x', 'a'], lenient));
    expect(flags(out.community, 'x')).toEqual({ approved: false, pending: true, banned: false });
    expect(flags(out.community, 'a')).toEqual({ approved: true, pending: false, banned: false });
    expect(out.result.accIds).toEqual(['x', 'a']);
  });
});

describe('emplace', () => {
  it('adds unknown accounts approved, approves pending ones, keeps banned ones banned', () => {
    const out = applied(emplaceMembers(base(), ['new', 'p', 'x'], 100));
    expect(out.community.members.get('new')).toMatchObject({
      approved: true,
      pending: false,
      permission: 0,
      displayName: 'new',
    });
    expect(flags(out.community, 'p')).toEqual({ approved: true, pending: false, banned: false });
    expect(flags(out.community, 'x')).toMatchObject({ banned: true });
    expect(out.result.accIds).toEqual(['new', 'p']);
  });

  it('refuses to grow the community past the member limit', () =>
    refused((c) => emplaceMembers(c, ['n1', 'n2'], 5), 'SONORAN_INVALID_REQUEST'));
});

describe('names', () => {
  it('nicknames set the member-list name only', () => {
    const out = applied(
      setMemberNicknames(
        base(),
        [
          { accId: 'a', nickname: 'A1' },
          { accId: 'a', nickname: 'A2' },
        ],
        lenient,
      ),
    );
    expect(out.community.members.get('a')?.displayName).toBe('A2');
    expect(out.community.rooms.get(1)?.users.get('a')?.name).toBe('a');
    expect(out.result.updatedAccIds).toEqual(['a']);
  });

  it.each([true, false])('renaming a user sets the member name and every live session (v1: %s)', (connectedOnly) => {
    const out = applied(renameUser(base(), 'a', 'Chief', { connectedOnly }));
    expect(out.community.members.get('a')?.displayName).toBe('Chief');
    expect([1, 2].map((room) => out.community.rooms.get(room)?.users.get('a')?.name)).toEqual(['Chief', 'Chief']);
    expect(out.result.sessions).toEqual([1, 2]);
  });

  it('renames a member that is not connected through v2 (its docs), and refuses it through v1 (the reference)', () => {
    expect(
      applied(renameUser(base(), 'p', 'P', { connectedOnly: false })).community.members.get('p')?.displayName,
    ).toBe('P');
    refused((c) => renameUser(c, 'p', 'P', { connectedOnly: true }), 'SONORAN_USER_NOT_FOUND');
  });

  it.each([true, false])('refuses an account neither a member nor connected (v1: %s)', (connectedOnly) =>
    refused((c) => renameUser(c, 'ghost', 'x', { connectedOnly }), 'SONORAN_USER_NOT_FOUND'),
  );
});

describe('user channels', () => {
  it('replaces each list given; scan never repeats a transmit channel', () => {
    const out = applied(setUserChannels(base(), 1, 'a', { transmit: [2], scan: [1, 2, 12] }, lenient));
    expect(out.result).toEqual({ identity: 'a', roomId: 1, transmit: [2], scan: [1, 12] });
  });

  it('keeps the list not given', () => {
    const user = base().rooms.get(1)?.users.get('a') as RadioUser;
    expect(chooseChannels(user, { scan: [12] })).toEqual({ transmit: [1], scan: [12] });
    expect(chooseChannels(user, { transmit: [2] })).toEqual({ transmit: [2], scan: [] });
  });

  it('allows a private channel without canJoin with a warning, refuses it in strict mode', () => {
    const out = applied(setUserChannels(base(), 1, 'b', { scan: [12] }, lenient));
    expect(out.warnings).toEqual([expect.stringContaining('private and b has no canJoin access')]);
    refused((c) => setUserChannels(c, 1, 'b', { scan: [12] }, strict), 'SONORAN_PRIVATE_CHANNEL');
    expect(applied(setUserChannels(base(), 1, 'a', { transmit: [12] }, strict)).warnings).toEqual([]);
  });

  it.each([
    [
      'an unknown channel',
      (c: Community) => setUserChannels(c, 1, 'a', { transmit: [99] }, lenient),
      'SONORAN_CHANNEL_NOT_FOUND',
    ],
    [
      'an unknown room',
      (c: Community) => setUserChannels(c, 3, 'a', { transmit: [1] }, lenient),
      'SONORAN_ROOM_NOT_FOUND',
    ],
    [
      'a user not in the room',
      (c: Community) => setUserChannels(c, 2, 'b', { transmit: [1] }, lenient),
      'SONORAN_USER_NOT_FOUND',
    ],
  ])('refuses %s', (_name, rule, code) => refused(rule, code));

  it("shows the channels in metadata as the docs' data structure does", () => {
    const user = base().rooms.get(1)?.users.get('a') as RadioUser;
    expect(userMetadata(user)).toEqual({
      sonrad: true,
      state: { primaryChId: 1, scannedChIds: [2], scanLists: [], spec: 2 },
    });
    const idle = base().rooms.get(1)?.users.get('b') as RadioUser;
    expect(userMetadata(idle)).toEqual({ sonrad: true });
  });
});

describe('connecting and disconnecting', () => {
  it('connects an approved member once per room', () => {
    const out = applied(connectUser(base(), 2, { identity: 'b', transmit: [1] }, lenient, NOW));
    expect([...(out.community.rooms.get(2)?.users.keys() ?? [])]).toEqual(['a', 'b']);
    refused((c) => connectUser(c, 1, { identity: 'b' }, lenient, NOW), 'SONORAN_INVALID_REQUEST');
  });

  it.each(['p', 'x', 'ghost'])('refuses %s (pending, banned, not a member)', (identity) =>
    refused((c) => connectUser(c, 2, { identity }, lenient, NOW), 'SONORAN_USER_NOT_FOUND'),
  );

  it('disconnects', () => {
    expect(sessions(applied(disconnectUser(base(), 2, 'a')).community)).toEqual([
      [1, ['a', 'b']],
      [2, []],
    ]);
    refused((c) => disconnectUser(c, 2, 'b'), 'SONORAN_USER_NOT_FOUND');
  });
});

describe('zones', () => {
  const geo = {
    points: [
      { x: 0, y: 0 },
      { x: 0, y: 1 },
      { x: 1, y: 1 },
    ],
    options: { name: 'Z', minZ: 0, maxZ: 1, transmitChannels: [1] },
  };
  const degrade = { center: { x: 0, y: 0 }, radius: 2, options: { name: 'D', minZ: 0, maxZ: 1, degradeStrength: 0.5 } };

  it('POST creates, then replaces by name; the type is filled in', () => {
    const first = applied(upsertZone(base(), 1, 'geo', geo, lenient));
    expect(first.result.created).toBe(true);
    expect(first.result.snapshot.geoZones).toEqual([{ ...geo, options: { ...geo.options, zoneType: 'geo' } }]);
    const second = applied(
      upsertZone(first.community, 1, 'geo', { ...geo, options: { ...geo.options, maxZ: 9 } }, lenient),
      first.community,
    );
    expect(second.result.created).toBe(false);
    expect(second.result.snapshot.geoZones).toHaveLength(1);
  });

  it('PATCH replaces an existing zone and may rename it in place; DELETE removes it', () => {
    const one = applied(upsertZone(base(), 1, 'geo', geo, lenient));
    const two = applied(
      upsertZone(one.community, 1, 'geo', { ...geo, options: { ...geo.options, name: 'Y' } }, lenient),
      one.community,
    );
    const renamed = applied(
      replaceZone(two.community, 1, 'geo', 'Z', { ...geo, options: { ...geo.options, name: 'W' } }, lenient),
      two.community,
    );
    expect(renamed.result.snapshot.geoZones.map((z) => z.options.name)).toEqual(['W', 'Y']);
    const deleted = applied(deleteZone(renamed.community, 1, 'geo', 'W'), renamed.community);
    expect(deleted.result.snapshot.geoZones.map((z) => z.options.name)).toEqual(['Y']);
  });

  it('keeps degrade and GEO zones apart', () => {
    const out = applied(upsertZone(base(), 2, 'degrade', degrade, lenient));
    expect(out.result.snapshot).toEqual({
      roomId: 2,
      geoZones: [],
      degradeZones: [{ ...degrade, options: { ...degrade.options, zoneType: 'degrade' } }],
    });
    refused((c) => deleteZone(c, 2, 'geo', 'D'), 'SONORAN_ZONE_NOT_FOUND');
  });

  it('warns about an unknown channel in a GEO zone, or (strict) refuses it', () => {
    const unknown = { ...geo, options: { ...geo.options, scanChannels: [77] } };
    expect(applied(upsertZone(base(), 1, 'geo', unknown, lenient)).warnings).toEqual([
      expect.stringContaining('77 is not a channel'),
    ]);
    refused((c) => upsertZone(c, 1, 'geo', unknown, strict), 'SONORAN_CHANNEL_NOT_FOUND');
  });

  it.each([
    ['no shape', { options: geo.options }],
    ['both shapes', { ...geo, center: { x: 0, y: 0 }, radius: 1 }],
    ['a center without a radius', { center: { x: 0, y: 0 }, options: geo.options }],
    ['two points', { ...geo, points: geo.points.slice(0, 2) }],
    ['minZ over maxZ', { ...geo, options: { ...geo.options, minZ: 2 } }],
    ['zoneType against the path', { ...geo, options: { ...geo.options, zoneType: 'degrade' as const } }],
  ])('refuses a GEO zone with %s', (_name, zone) =>
    refused((c) => upsertZone(c, 1, 'geo', zone, lenient), 'SONORAN_INVALID_REQUEST'),
  );

  it('refuses a degrade zone without a strength, a rename onto another zone, a missing zone', () => {
    refused(
      (c) => upsertZone(c, 1, 'degrade', { ...degrade, options: { name: 'D', minZ: 0, maxZ: 1 } }, lenient),
      'SONORAN_INVALID_REQUEST',
    );
    refused((c) => replaceZone(c, 1, 'geo', 'nope', geo, lenient), 'SONORAN_ZONE_NOT_FOUND');
    const two = applied(
      upsertZone(
        applied(upsertZone(base(), 1, 'geo', geo, lenient)).community,
        1,
        'geo',
        { ...geo, options: { ...geo.options, name: 'Y' } },
        lenient,
      ),
    );
    const outcome = replaceZone(
      two.community,
      1,
      'geo',
      'Z',
      { ...geo, options: { ...geo.options, name: 'Y' } },
      lenient,
    );
    expect(outcome).toMatchObject({ ok: false, code: 'SONORAN_INVALID_REQUEST' });
  });
});

describe('tones, speakers, the server', () => {
  it('records a tone play; unknown targets are played with a warning, refused in strict mode', () => {
    const out = applied(
      playTone(
        base(),
        1,
        [5],
        [
          { type: 'channel', value: 1 },
          { type: 'group', value: 2 },
          { type: 'game', value: 'S1' },
        ],
        'v2',
        lenient,
        NOW,
      ),
    );
    expect(out.community.tones).toEqual([
      {
        time: NOW,
        roomId: 1,
        tones: [5],
        playTo: [
          { type: 'channel', value: 1 },
          { type: 'group', value: 2 },
          { type: 'game', value: 'S1' },
        ],
        via: 'v2',
      },
    ]);
    expect(out.warnings).toEqual([]);
    for (const target of [
      { type: 'channel' as const, value: 8 },
      { type: 'group' as const, value: '1' },
      { type: 'game' as const, value: 'S2' },
    ]) {
      expect(applied(playTone(base(), 1, [5], [target], 'v1', lenient, NOW)).warnings).toHaveLength(1);
      refused((c) => playTone(c, 1, [5], [target], 'v1', strict, NOW), 'SONORAN_TARGET_NOT_FOUND');
    }
    refused(
      (c) => playTone(c, 1, [{ id: -1 }], [{ type: 'channel', value: 1 }], 'v1', lenient, NOW),
      'SONORAN_INVALID_REQUEST',
    );
  });

  it('replaces the speakers, warning about a repeated id', () => {
    const out = applied(
      setSpeakers(base(), [
        { label: 'A', id: 'A' },
        { label: 'B', id: 'A' },
      ]),
    );
    expect(out.result).toEqual({ locationsCount: 2 });
    expect(out.warnings).toEqual(['speaker id "A" is listed twice']);
  });

  it("registers a room's server, keeping the push URL when a later call names none", () => {
    const one = applied(setServerIp(base(), 2, { ip: '10.0.0.5', port: 30120, pushUrl: 'http://x/push' }, NOW));
    const two = applied(setServerIp(one.community, 2, { ip: '10.0.0.6' }, NOW), one.community);
    expect(two.community.rooms.get(2)?.server).toEqual({
      ip: '10.0.0.6',
      port: 30120,
      pushUrl: 'http://x/push',
      nickname: null,
      updatedAt: NOW,
    });
    expect(subscriptionFor([two.community], '::ffff:10.0.0.6')).toBe(2);
    expect(subscriptionFor([two.community], '10.0.0.5')).toBeUndefined();
  });

  it('reads every loopback address as one', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.1.2.3'].map(normalizeAddress)).toEqual([
      'loopback',
      'loopback',
      'loopback',
      'loopback',
    ]);
  });
});

describe('listings', () => {
  it('filters, searches, sorts stably and pages members', () => {
    const c = base();
    const ids = (q: Parameters<typeof listMembers>[1]) => listMembers(c, q).items.map((m) => m.accId);
    const page = { page: 1, perPage: 25, descending: false };
    expect(ids({ ...page, status: 'approved' })).toEqual(['a', 'b']);
    expect(ids({ ...page, status: 'pending' })).toEqual(['p']);
    expect(ids({ ...page, sortBy: 'permission', descending: true })).toEqual(['a', 'b', 'p', 'x']);
    expect(ids({ ...page, sortBy: 'banned' })).toEqual(['a', 'b', 'p', 'x']);
    expect(ids({ ...page, search: 'X' })).toEqual(['x']);
    expect(listMembers(c, { page: 2, perPage: 3, descending: false }).pagination).toEqual({
      page: 2,
      perPage: 3,
      total: 4,
      totalPages: 2,
    });
    expect(listTransmissions(c, { page: 1, perPage: 25 }).pagination).toEqual({
      page: 1,
      perPage: 25,
      total: 0,
      totalPages: 0,
    });
  });
});

/**
 * Sonoran Radio's update rules, as pure functions: one row per rule or decision in
 * shared/reference/sonoran-radio.md ("Update semantics" and "DECISIONS on what the doc leaves open").
 */
import {
  applyMemberPermissions,
  buildCommunity,
  buildMember,
  describeMask,
  maskToNames,
  namesToMask,
  viewMember,
  applyPatch,
} from '../../mock-server/apis/sonoran-radio/semantics';
import {
  PERMISSION_BITS,
  PERMISSION_NAMES,
  type Community,
  type UserPermUpdate,
} from '../../mock-server/apis/sonoran-radio/types';

describe('permission bits', () => {
  it('names the ten documented bits with their values', () => {
    expect(PERMISSION_BITS).toEqual({
      ADMIN: 1,
      COMM_KICK: 2,
      COMM_BAN: 4,
      RADIO_MOVE_CLIENT: 8,
      RADIO_KICK: 16,
      COMM_APPROVE: 32,
      SET_DISPLAYNAME: 64,
      COMM_SET_DISPLAYNAME: 128,
      RADIO_PLAY_TONES: 256,
      RADIO_TALKOVER_OVERRIDE: 512,
    });
  });

  it("reads the docs' example: 34 is COMM_KICK + COMM_APPROVE", () => {
    expect(maskToNames(34)).toEqual(['COMM_KICK', 'COMM_APPROVE']);
    expect(namesToMask(['COMM_APPROVE', 'COMM_KICK'])).toBe(34);
    expect(describeMask(34)).toBe('34 (COMM_KICK + COMM_APPROVE)');
    expect(describeMask(0)).toBe('0 (no permissions)');
  });

  it('turns every mask from 0 to 1023 into names and back', () => {
    for (let mask = 0; mask <= 1023; mask += 1) expect(namesToMask(maskToNames(mask))).toBe(mask);
    expect(maskToNames(1023)).toEqual(PERMISSION_NAMES);
  });

  it('counts a repeated name once', () => {
    expect(namesToMask(['ADMIN', 'ADMIN'])).toBe(1);
  });
});

function community(): Community {
  const built = buildCommunity('c1', {
    apiKey: 'k',
    channels: [
      { id: 1, name: 'Dispatch', private: false },
      { id: 12, name: 'Command', private: true },
      { id: 13, name: 'Tactical', private: true },
    ],
    members: [
      { accId: 'a', permission: 34, profilePerms: [{ profileId: 12, canJoin: true }] },
      { accId: 'b', permission: 1023 },
      { accId: 'p', pending: true, approved: false },
      { accId: 'x', banned: true, permission: 2 },
    ],
  });
  if (!built.ok) throw new Error(built.problem);
  return built.community;
}

function view(c: Community, accId: string) {
  const m = c.members.get(accId);
  if (m === undefined) throw new Error(`no member ${accId}`);
  return viewMember(m);
}

const lenient = { strict: false };
const strict = { strict: true };

function applied(userPerms: UserPermUpdate[] | unknown[], options = lenient) {
  const base = community();
  const out = applyMemberPermissions(base, userPerms as UserPermUpdate[], options);
  if (!out.ok) throw new Error(out.why);
  return { ...out, community: applyPatch(base, out.patch) };
}

describe('applyMemberPermissions', () => {
  const rows: {
    rule: string;
    userPerms: unknown[];
    accId: string;
    permission: number;
    profilePerms: { profileId: number; canJoin: boolean }[];
  }[] = [
    {
      rule: 'perm replaces the whole mask (no OR with the old one)',
      userPerms: [{ accId: 'a', perm: 2 }],
      accId: 'a',
      permission: 2,
      profilePerms: [{ profileId: 12, canJoin: true }],
    },
    {
      rule: 'perm 0 revokes every bit',
      userPerms: [{ accId: 'b', perm: 0 }],
      accId: 'b',
      permission: 0,
      profilePerms: [],
    },
    {
      rule: 'the ADMIN bit is stored as it is and implies nothing else',
      userPerms: [{ accId: 'a', perm: 1 }],
      accId: 'a',
      permission: 1,
      profilePerms: [{ profileId: 12, canJoin: true }],
    },
    {
      rule: 'profilePerms upserts per channel: listed channels set, others kept',
      userPerms: [{ accId: 'a', perm: 34, profilePerms: [{ profileId: 13, canJoin: true }] }],
      accId: 'a',
      permission: 34,
      profilePerms: [
        { profileId: 12, canJoin: true },
        { profileId: 13, canJoin: true },
      ],
    },
    {
      rule: 'canJoin false is kept as an explicit deny',
      userPerms: [{ accId: 'a', perm: 34, profilePerms: [{ profileId: 12, canJoin: false }] }],
      accId: 'a',
      permission: 34,
      profilePerms: [{ profileId: 12, canJoin: false }],
    },
    {
      rule: 'profilePerms omitted changes no channel',
      userPerms: [{ accId: 'a', perm: 0 }],
      accId: 'a',
      permission: 0,
      profilePerms: [{ profileId: 12, canJoin: true }],
    },
    {
      rule: 'profilePerms [] changes no channel',
      userPerms: [{ accId: 'a', perm: 0, profilePerms: [] }],
      accId: 'a',
      permission: 0,
      profilePerms: [{ profileId: 12, canJoin: true }],
    },
    {
      rule: 'profilePerms {} (an empty Lua table) changes no channel',
      userPerms: [{ accId: 'a', perm: 0, profilePerms: {} }],
      accId: 'a',
      permission: 0,
      profilePerms: [{ profileId: 12, canJoin: true }],
    },
    {
      rule: 'the same accId twice applies in order: the last perm wins, rows accumulate',
      userPerms: [
        { accId: 'a', perm: 8, profilePerms: [{ profileId: 13, canJoin: true }] },
        { accId: 'a', perm: 16, profilePerms: [{ profileId: 12, canJoin: false }] },
      ],
      accId: 'a',
      permission: 16,
      profilePerms: [
        { profileId: 12, canJoin: false },
        { profileId: 13, canJoin: true },
      ],
    },
    {
      rule: 'the same profileId twice applies in order: the last wins',
      userPerms: [
        {
          accId: 'a',
          perm: 34,
          profilePerms: [
            { profileId: 13, canJoin: true },
            { profileId: 13, canJoin: false },
          ],
        },
      ],
      accId: 'a',
      permission: 34,
      profilePerms: [
        { profileId: 12, canJoin: true },
        { profileId: 13, canJoin: false },
      ],
    },
    {
      rule: 'a pending member is updated like any member',
      userPerms: [{ accId: 'p', perm: 32 }],
      accId: 'p',
      permission: 32,
      profilePerms: [],
    },
    {
      rule: 'a banned member is updated like any member',
      userPerms: [{ accId: 'x', perm: 0, profilePerms: [{ profileId: 12, canJoin: true }] }],
      accId: 'x',
      permission: 0,
      profilePerms: [{ profileId: 12, canJoin: true }],
    },
  ];

  it.each(rows)('$rule', ({ userPerms, accId, permission, profilePerms }) => {
    const out = applied(userPerms);
    expect(view(out.community, accId)).toMatchObject({ permission, profilePerms });
    expect(out.warnings).toEqual([]);
  });

  it('leaves members not listed alone', () => {
    const out = applied([{ accId: 'a', perm: 0 }]);
    expect(view(out.community, 'b')).toEqual(view(community(), 'b'));
    expect([...(out.patch.members?.keys() ?? [])]).toEqual(['a']);
  });

  it('treats userPerms [] as a valid no-op', () => {
    const out = applied([]);
    expect([...out.community.members.values()].map(viewMember)).toEqual(
      [...community().members.values()].map(viewMember),
    );
  });

  it('keeps pending and banned flags when the mask changes', () => {
    const out = applied([
      { accId: 'p', perm: 1 },
      { accId: 'x', perm: 1 },
    ]);
    expect(view(out.community, 'p')).toMatchObject({ pending: true, approved: false });
    expect(view(out.community, 'x')).toMatchObject({ banned: true });
  });

  it('skips an unknown member when lenient, applies the rest, and warns', () => {
    const out = applied([
      { accId: 'ghost', perm: 1 },
      { accId: 'a', perm: 4 },
    ]);
    expect(view(out.community, 'a').permission).toBe(4);
    expect(out.warnings).toEqual(['userPerms[0].accId "ghost" is not a member of community c1; the entry was skipped']);
  });

  it('hints at a case mismatch in an account id', () => {
    const out = applied([{ accId: 'A', perm: 1 }]);
    expect(out.warnings[0]).toContain('did you mean a?');
  });

  it('refuses an unknown member in strict mode with Member not found, changing nothing', () => {
    const c = community();
    const before = [...c.members.values()].map(viewMember);
    const out = applyMemberPermissions(
      c,
      [
        { accId: 'a', perm: 0 },
        { accId: 'ghost', perm: 1 },
      ],
      strict,
    );
    expect(out).toEqual({
      ok: false,
      code: 'SONORAN_MEMBER_NOT_FOUND',
      why: 'userPerms[1].accId "ghost" is not a member of community c1',
    });
    expect([...c.members.values()].map(viewMember)).toEqual(before);
  });

  it('skips a row for a channel the community does not have when lenient, and warns', () => {
    const out = applied([
      {
        accId: 'a',
        perm: 2,
        profilePerms: [
          { profileId: 99, canJoin: true },
          { profileId: 13, canJoin: true },
        ],
      },
    ]);
    expect(view(out.community, 'a')).toMatchObject({
      permission: 2,
      profilePerms: [
        { profileId: 12, canJoin: true },
        { profileId: 13, canJoin: true },
      ],
    });
    expect(out.warnings).toEqual([
      'userPerms[0].profilePerms[0].profileId 99 is not a channel of community c1 (its channels: 1, 12, 13); the row was skipped',
    ]);
  });

  it('refuses a row for an unknown channel in strict mode (400 Invalid request)', () => {
    const out = applyMemberPermissions(
      community(),
      [{ accId: 'a', perm: 2, profilePerms: [{ profileId: 99, canJoin: true }] }],
      strict,
    );
    expect(out).toMatchObject({ ok: false, code: 'SONORAN_CHANNEL_NOT_FOUND' });
  });

  it('warns about fields the endpoint does not know inside an entry', () => {
    const out = applied([
      { accId: 'a', perm: 2, permission: 2, profilePerms: [{ profileId: 12, canJoin: true, allow: true }] },
    ]);
    expect(out.warnings).toEqual([
      'userPerms[0].permission is not a field of this endpoint and was ignored',
      'userPerms[0].profilePerms[0].allow is not a field of this endpoint and was ignored',
    ]);
  });

  it('stores hostile account ids as plain data', () => {
    const built = buildCommunity('c', { apiKey: 'k', members: [{ accId: '__proto__' }, { accId: 'constructor' }] });
    if (!built.ok) throw new Error(built.problem);
    const out = applyMemberPermissions(
      built.community,
      [
        { accId: '__proto__', perm: 5 },
        { accId: 'toString', perm: 1 },
      ],
      lenient,
    );
    if (!out.ok) throw new Error(out.why);
    expect(applyPatch(built.community, out.patch).members.get('__proto__')?.permission).toBe(5);
    expect(out.warnings).toHaveLength(1);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('permission');
    expect(Object.prototype.toString.call({})).toBe('[object Object]');
  });
});

describe('building communities and members', () => {
  it('fills member defaults', () => {
    const built = buildMember({ accId: 'z' });
    expect(built.ok && viewMember(built.member)).toEqual({
      accId: 'z',
      username: 'z',
      displayName: 'z',
      permission: 0,
      permissionNames: [],
      profilePerms: [],
      approved: true,
      pending: false,
      banned: false,
    });
  });

  it('accepts permissionNames in place of permission', () => {
    const built = buildMember({ accId: 'z', permissionNames: ['COMM_KICK', 'COMM_APPROVE'] });
    expect(built.ok && built.member.permission).toBe(34);
  });

  it('refuses permission and permissionNames that disagree', () => {
    expect(buildMember({ accId: 'z', permission: 3, permissionNames: ['ADMIN'] })).toMatchObject({ ok: false });
  });

  it.each([
    [
      'a channel twice',
      {
        apiKey: 'k',
        channels: [
          { id: 1, name: 'a', private: false },
          { id: 1, name: 'b', private: true },
        ],
      },
      'channel 1 is listed twice',
    ],
    ['a member twice', { apiKey: 'k', members: [{ accId: 'm' }, { accId: 'm' }] }, 'member m is listed twice'],
    [
      'access to an unlisted channel',
      { apiKey: 'k', members: [{ accId: 'm', profilePerms: [{ profileId: 5, canJoin: true }] }] },
      'channel 5',
    ],
  ])('refuses %s', (_name, input, problem) => {
    expect(buildCommunity('c', input)).toEqual({ ok: false, problem: expect.stringContaining(problem) });
  });

  it("sorts a member view's channel access by profileId", () => {
    const built = buildMember({
      accId: 'z',
      profilePerms: [
        { profileId: 13, canJoin: true },
        { profileId: 2, canJoin: false },
      ],
    });
    expect(built.ok && viewMember(built.member).profilePerms.map((p) => p.profileId)).toEqual([2, 13]);
  });
});

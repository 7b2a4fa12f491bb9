/**
 * Daily's update rules, as pure functions, one table row per rule or decision in
 * shared/reference/daily.md ("Update semantics" and "DECISIONS on what the docs leave open").
 */
import {
  applyPermissionsUpdate,
  applyUpdate,
  withParticipants,
  buildParticipant,
  buildRoom,
  defaultPermissions,
  normaliseList,
  PermissionInterner,
  samePermissions,
} from '../../mock-server/apis/daily/semantics';
import {
  CAN_SEND_VALUES,
  type Permissions,
  type PermissionUpdate,
  type Room,
} from '../../mock-server/apis/daily/types';

const NOW = '2026-01-01T12:00:00.000Z';

const FULL_BASE = {
  video: true,
  audio: false,
  screenVideo: true,
  screenAudio: false,
  customVideo: { '*': false, whiteboard: true },
  customAudio: { '*': true },
};

const START: Permissions = {
  hasPresence: true,
  canSend: ['video', 'audio'],
  canReceive: { base: true, byUserId: { alice: false, bob: { audio: false } }, byParticipantId: { p9: true } },
  canAdmin: ['participants'],
};

describe('applyUpdate: one participant', () => {
  const rows: { rule: string; update: PermissionUpdate; expected: Permissions }[] = [
    { rule: 'an empty update changes nothing', update: {}, expected: START },
    {
      rule: 'hasPresence replaces the old value',
      update: { hasPresence: false },
      expected: { ...START, hasPresence: false },
    },
    { rule: 'canSend true replaces a list', update: { canSend: true }, expected: { ...START, canSend: true } },
    {
      rule: 'canSend false revokes every media type',
      update: { canSend: false },
      expected: { ...START, canSend: false },
    },
    {
      rule: 'canSend [] blocks everything but stays a list',
      update: { canSend: [] },
      expected: { ...START, canSend: [] },
    },
    {
      rule: 'canSend list replaces the old list whole (no union)',
      update: { canSend: ['screenVideo'] },
      expected: { ...START, canSend: ['screenVideo'] },
    },
    {
      rule: 'canSend duplicates are stored once, in the documented order',
      update: { canSend: ['audio', 'video', 'audio'] },
      expected: { ...START, canSend: ['video', 'audio'] },
    },
    { rule: 'canAdmin true replaces a list', update: { canAdmin: true }, expected: { ...START, canAdmin: true } },
    {
      rule: 'canAdmin list replaces the old list whole',
      update: { canAdmin: ['transcription', 'streaming'] },
      expected: { ...START, canAdmin: ['streaming', 'transcription'] },
    },
    {
      rule: 'canReceive {} keeps every sub-field',
      update: { canReceive: {} },
      expected: START,
    },
    {
      rule: 'canReceive.base replaces base and keeps byUserId and byParticipantId',
      update: { canReceive: { base: FULL_BASE } },
      expected: { ...START, canReceive: { ...START.canReceive, base: FULL_BASE } },
    },
    {
      rule: 'canReceive.byUserId replaces the whole map (no deep merge)',
      update: { canReceive: { byUserId: { carol: true } } },
      expected: { ...START, canReceive: { ...START.canReceive, byUserId: { carol: true } } },
    },
    {
      rule: 'canReceive.byParticipantId replaces the whole map and keeps base',
      update: { canReceive: { byParticipantId: {} } },
      expected: { ...START, canReceive: { ...START.canReceive, byParticipantId: {} } },
    },
    {
      rule: 'several fields at once each replace their own value',
      update: { hasPresence: false, canSend: false, canAdmin: false, canReceive: { base: false } },
      expected: {
        hasPresence: false,
        canSend: false,
        canAdmin: false,
        canReceive: { ...START.canReceive, base: false },
      },
    },
  ];

  it.each(rows)('$rule', ({ update, expected }) => {
    const before = JSON.stringify(START);
    expect(applyUpdate(START, update)).toEqual(expected);
    expect(JSON.stringify(START)).toBe(before);
  });
});

describe('normaliseList', () => {
  it('keeps a boolean as it is', () => {
    expect(normaliseList(true, CAN_SEND_VALUES)).toBe(true);
    expect(normaliseList(false, CAN_SEND_VALUES)).toBe(false);
  });

  it('orders every value as the reference lists them, each once', () => {
    expect(normaliseList(['customAudio', 'video', 'customAudio', 'screenAudio'], CAN_SEND_VALUES)).toEqual([
      'video',
      'screenAudio',
      'customAudio',
    ]);
  });
});

describe('defaults', () => {
  it('gives a guest presence, sending, receiving and no admin', () => {
    expect(defaultPermissions(false)).toEqual({
      hasPresence: true,
      canSend: true,
      canReceive: { base: true },
      canAdmin: false,
    });
  });

  it('gives an owner canAdmin true', () => {
    expect(defaultPermissions(true).canAdmin).toBe(true);
  });

  it('completes partial permissions from the defaults', () => {
    const p = buildParticipant({ id: 's1', permissions: { canSend: ['audio'] } }, NOW);
    expect(p).toEqual({
      id: 's1',
      userId: 's1',
      userName: null,
      owner: false,
      joinTime: NOW,
      permissions: { hasPresence: true, canSend: ['audio'], canReceive: { base: true }, canAdmin: false },
    });
  });

  it('refuses a room that lists the same session id twice', () => {
    expect(buildRoom('r', { participants: [{ id: 'a' }, { id: 'a' }] }, NOW)).toEqual({ ok: false, duplicate: 'a' });
  });
});

function room(...ids: { id: string; userId?: string; owner?: boolean }[]): Room {
  const built = buildRoom('standup', { participants: ids }, NOW);
  if (!built.ok) throw new Error('bad fixture');
  return built.room;
}

function permsOf(r: Room, id: string): Permissions | undefined {
  return r.participants.get(id)?.permissions;
}

describe('applyPermissionsUpdate: a room', () => {
  const three = room({ id: 'a', userId: 'user-a', owner: true }, { id: 'b' }, { id: 'c' });
  const lenient = { strict: false };
  const strict = { strict: true };

  it('updates only the named participants', () => {
    const out = applyPermissionsUpdate(three, { b: { hasPresence: false } }, lenient);
    if (!out.ok) throw new Error(out.info);
    expect(permsOf(withParticipants(three, out.changes), 'b')?.hasPresence).toBe(false);
    expect(permsOf(withParticipants(three, out.changes), 'a')).toEqual(permsOf(three, 'a'));
    expect(permsOf(withParticipants(three, out.changes), 'c')).toEqual(permsOf(three, 'c'));
    expect([...out.changes.keys()]).toEqual(['b']);
    expect(out.warnings).toEqual([]);
  });

  it('keeps what a participant joined with while an update has changed it, and forgets it once back', () => {
    const joined = three.participants.get('b')?.permissions;
    const first = applyPermissionsUpdate(three, { b: { canSend: ['audio'] } }, lenient);
    if (!first.ok) throw new Error(first.info);
    expect(first.changes.get('b')?.joinPermissions).toBe(joined);
    const after = withParticipants(three, first.changes);
    const second = applyPermissionsUpdate(after, { b: { canSend: false } }, lenient);
    if (!second.ok) throw new Error(second.info);
    expect(second.changes.get('b')?.joinPermissions).toBe(joined);
    expect(second.changes.get('b')?.permissions.canSend).toBe(false);
    const back = applyPermissionsUpdate(after, { b: { canSend: true } }, lenient);
    if (!back.ok) throw new Error(back.info);
    expect(back.changes.get('b')).not.toHaveProperty('joinPermissions');
    expect(back.changes.get('b')?.permissions).toEqual(joined);
  });

  it('leaves a participant as it is when the update changes nothing (no marker, the same object)', () => {
    const out = applyPermissionsUpdate(three, { '*': { canSend: true, hasPresence: true } }, lenient);
    if (!out.ok) throw new Error(out.info);
    for (const [id, participant] of out.changes) expect(participant).toBe(three.participants.get(id));
  });

  it('builds a participant with the permissions it joined with, completed from the defaults', () => {
    const built = buildParticipant({ id: 'x', joinPermissions: { canSend: ['video'] } }, NOW);
    expect(built.joinPermissions).toEqual({ ...defaultPermissions(false), canSend: ['video'] });
    expect(buildParticipant({ id: 'y' }, NOW).joinPermissions).toBeUndefined();
  });

  it('"*" reaches every participant, owners included, when nobody is named', () => {
    const out = applyPermissionsUpdate(three, { '*': { canSend: false } }, lenient);
    if (!out.ok) throw new Error(out.info);
    expect([...out.changes.keys()]).toEqual(['a', 'b', 'c']);
    for (const id of ['a', 'b', 'c']) expect(permsOf(withParticipants(three, out.changes), id)?.canSend).toBe(false);
  });

  it('"*" skips a participant named in the same request, who gets only their own update', () => {
    const out = applyPermissionsUpdate(
      three,
      { '*': { canSend: false, hasPresence: false }, b: { canSend: ['audio'] } },
      lenient,
    );
    if (!out.ok) throw new Error(out.info);
    expect(permsOf(withParticipants(three, out.changes), 'b')).toEqual({ ...permsOf(three, 'b'), canSend: ['audio'] });
    expect(permsOf(withParticipants(three, out.changes), 'a')).toMatchObject({ canSend: false, hasPresence: false });
    expect(permsOf(withParticipants(three, out.changes), 'c')).toMatchObject({ canSend: false, hasPresence: false });
  });

  it('treats data {} as a valid no-op', () => {
    const out = applyPermissionsUpdate(three, {}, strict);
    if (!out.ok) throw new Error(out.info);
    expect([...out.changes.keys()]).toEqual([]);
    expect([...withParticipants(three, out.changes).participants.values()]).toEqual([...three.participants.values()]);
  });

  it('keeps participants in join order, and lists the named ones in the order of the request', () => {
    const out = applyPermissionsUpdate(three, { c: { hasPresence: false }, a: { hasPresence: false } }, lenient);
    if (!out.ok) throw new Error(out.info);
    expect([...withParticipants(three, out.changes).participants.keys()]).toEqual(['a', 'b', 'c']);
    expect([...out.changes.keys()]).toEqual(['c', 'a']);
  });

  it('touches only the named participants when there is no "*"', () => {
    const out = applyPermissionsUpdate(three, { b: { hasPresence: false } }, lenient);
    if (!out.ok) throw new Error(out.info);
    expect([...out.changes.keys()]).toEqual(['b']);
  });

  it('ignores an unknown participant id when lenient, with a warning naming it', () => {
    const out = applyPermissionsUpdate(three, { ghost: { hasPresence: false }, b: { hasPresence: false } }, lenient);
    if (!out.ok) throw new Error(out.info);
    expect([...out.changes.keys()]).toEqual(['b']);
    expect(out.warnings).toEqual([expect.stringContaining('participant "ghost" is not in the call in room standup')]);
  });

  it('says when an unknown key is a userId rather than a session id', () => {
    const out = applyPermissionsUpdate(three, { 'user-a': { canSend: false } }, lenient);
    if (!out.ok) throw new Error(out.info);
    expect([...out.changes.keys()]).toEqual([]);
    expect(out.warnings).toEqual([
      expect.stringContaining('"user-a" is the userId of participant a, not a session id'),
    ]);
  });

  it('refuses an unknown participant id in strict mode, naming it, and changes nothing', () => {
    const before = JSON.stringify([...three.participants.values()]);
    const out = applyPermissionsUpdate(three, { b: { hasPresence: false }, ghost: {} }, strict);
    expect(out).toEqual({
      ok: false,
      code: 'DAILY_PARTICIPANT_NOT_FOUND',
      info: 'participant ghost not found in room standup',
    });
    expect(JSON.stringify([...three.participants.values()])).toBe(before);
  });

  it('names every unknown participant in strict mode', () => {
    const out = applyPermissionsUpdate(three, { x: {}, y: {} }, strict);
    expect(out).toMatchObject({ ok: false, info: 'participants x, y not found in room standup' });
  });

  it('refuses a room with nobody in it: it is not hosting a call', () => {
    const out = applyPermissionsUpdate(room(), { '*': { hasPresence: true } }, lenient);
    expect(out).toEqual({ ok: false, code: 'DAILY_ROOM_NOT_HOSTING', info: 'room standup is not hosting a call' });
  });

  it('leaves the input room untouched (the store swaps rooms only on success)', () => {
    const before = JSON.stringify([...three.participants.values()]);
    applyPermissionsUpdate(three, { '*': { canSend: false, canReceive: { base: false } } }, lenient);
    expect(JSON.stringify([...three.participants.values()])).toBe(before);
  });

  it('stores hostile keys as plain data without touching any prototype', () => {
    const data = JSON.parse('{"b": {"canReceive": {"byUserId": {"__proto__": false, "constructor": true}}}}') as Record<
      string,
      PermissionUpdate
    >;
    const out = applyPermissionsUpdate(three, data, lenient);
    if (!out.ok) throw new Error(out.info);
    const byUserId = permsOf(withParticipants(three, out.changes), 'b')?.canReceive.byUserId ?? {};
    expect(Object.keys(byUserId)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(byUserId)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });
});

describe('PermissionInterner: equal values shared, different ones told apart', () => {
  const perms = (over: Partial<Permissions> = {}): Permissions => ({ ...START, ...over });

  it('hands back one frozen object for equal values, however they were built', () => {
    const interner = new PermissionInterner();
    const one = interner.intern(perms());
    const two = interner.intern(JSON.parse(JSON.stringify(perms())) as Permissions);
    expect(two).toBe(one);
    expect(Object.isFrozen(one)).toBe(true);
    expect(Object.isFrozen(one.canReceive.byUserId)).toBe(true);
    expect(interner.intern(one)).toBe(one);
    expect(interner.size).toBe(1);
  });

  it.each<[string, Partial<Permissions>]>([
    ['hasPresence', { hasPresence: false }],
    ['a canSend list', { canSend: ['video'] }],
    ['canSend true', { canSend: true }],
    ['canAdmin false', { canAdmin: false }],
    ['canReceive', { canReceive: { base: false } }],
    ['a canReceive rule deep inside', { canReceive: { ...START.canReceive, byUserId: { alice: true } } }],
  ])('keeps values apart that differ in %s', (_what, over) => {
    const interner = new PermissionInterner();
    const a = interner.intern(perms());
    const b = interner.intern(perms(over));
    expect(b).not.toBe(a);
    expect(interner.same(a, b)).toBe(false);
    expect(samePermissions(a, b)).toBe(false);
  });

  it('tells lists that are not documented names apart exactly (no key collisions)', () => {
    const interner = new PermissionInterner();
    const odd = (canSend: readonly string[]): Permissions => perms({ canSend: canSend as Permissions['canSend'] });
    const a = interner.intern(odd(['a,b']));
    const b = interner.intern(odd(['a', 'b']));
    const c = interner.intern(odd(['audio', 'video'])); // not in the documented order
    const d = interner.intern(perms({ canSend: ['video', 'audio'] }));
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(a.canSend).toEqual(['a,b']);
    expect(b.canSend).toEqual(['a', 'b']);
  });

  it('calls two values the same when only the key order of a canReceive rule differs', () => {
    const interner = new PermissionInterner();
    const a = interner.intern(perms({ canReceive: { base: { ...FULL_BASE } } }));
    const reordered = Object.fromEntries(Object.entries(FULL_BASE).reverse()) as typeof FULL_BASE;
    const b = interner.intern(perms({ canReceive: { base: reordered } }));
    expect(interner.same(a, b)).toBe(true);
  });

  it('freezes a value too large to look up without sharing it', () => {
    const interner = new PermissionInterner();
    const byUserId = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`user-${i}`, true]));
    const big = (): Permissions => perms({ canReceive: { base: true, byUserId } });
    const a = interner.intern(big());
    const b = interner.intern(big());
    expect(Object.isFrozen(a)).toBe(true);
    expect(b).not.toBe(a);
    expect(interner.same(a, b)).toBe(true);
  });
});

/**
 * Joins through the control API, as a Daily client joining a room: the room's rules, fresh session
 * ids, the precedence of initial permissions (token > room > domain > Daily's default, owners
 * apart), and the eject timers of tokens and rooms on the namespace's clock (advanced, never slept).
 */
import { http } from '../helpers/client';

import { buildTestApp, postDailyUpdate, stateText } from '../helpers/app';
import { advance, daily, join, makeToken } from '../helpers/daily';
import { EMPTY_ROOM, GUEST, NOW, OWNER, ROOM } from '../helpers/world';

const NOW_S = NOW.getTime() / 1000;
type App = ReturnType<typeof buildTestApp>;
const DEFAULT = { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false };

async function room(a: App, name: string, properties: Record<string, unknown> = {}, privacy = 'public') {
  const res = await daily(a, 'post', '/rooms', { name, privacy, properties });
  if (res.status !== 200) throw new Error(`room: ${JSON.stringify(res.body)}`);
}

async function participants(a: App, name: string): Promise<{ id: string; userId: string | null }[]> {
  return (await http(a).get(`/__admin/daily/rooms/${name}`)).body.participants as {
    id: string;
    userId: string | null;
  }[];
}

describe('joining', () => {
  it('gives each join a fresh UUID session id, a rejoin another one', async () => {
    const a = buildTestApp();
    await room(a, 'r');
    const first = await join(a, 'r', { userName: 'Ann' });
    expect(first).toMatchContract('admin.joinDailyParticipant');
    expect(first.body.participant).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      userId: null,
      userName: 'Ann',
      owner: false,
      joinTime: NOW.toISOString(),
      permissions: DEFAULT,
    });
    await http(a).delete(`/__admin/daily/rooms/r/participants/${first.body.participant.id as string}`);
    const again = await join(a, 'r', { userName: 'Ann' });
    expect(again.body.participant.id).not.toBe(first.body.participant.id);
  });

  it('keeps a session id given as id, and refuses it twice', async () => {
    const a = buildTestApp();
    expect((await join(a, ROOM, { id: 'fixed' })).body.participant.id).toBe('fixed');
    const twice = await join(a, ROOM, { id: 'fixed' });
    expect(twice).toMatchContract('admin.joinDailyParticipant');
    expect(twice).toBeProblem('MOCK_PARTICIPANT_EXISTS');
  });

  it("refuses a join before the room's nbf, and takes it once the clock gets there", async () => {
    const a = buildTestApp();
    await room(a, 'later', { nbf: NOW_S + 120 });
    const early = await join(a, 'later');
    expect(early).toBeProblem('MOCK_DAILY_JOIN_REFUSED');
    expect(early.body.detail).toBe('room-not-open: room later cannot be joined before its nbf');
    await advance(a, 120);
    expect((await join(a, 'later')).status).toBe(201);
  });

  it('refuses a join past max_participants', async () => {
    const a = buildTestApp();
    await room(a, 'small', { max_participants: 2 });
    expect((await join(a, 'small')).status).toBe(201);
    expect((await join(a, 'small')).status).toBe(201);
    const before = await stateText(a);
    const full = await join(a, 'small');
    expect(full).toBeProblem('MOCK_DAILY_JOIN_REFUSED');
    expect(full.body.detail).toBe('room-full: room small is full (max_participants 2)');
    expect(await stateText(a)).toBe(before);
  });

  it('refuses a token that must knock in a room with knocking (the mock has no lobby)', async () => {
    const a = buildTestApp();
    await room(a, 'lobby', { enable_knocking: true }, 'private');
    const res = await join(a, 'lobby', { token: await makeToken(a, { room_name: 'lobby', knocking: true }) });
    expect(res).toBeProblem('MOCK_DAILY_JOIN_REFUSED');
    expect(res.body.detail).toMatch(/^knocking: /);
    const knockless = await join(a, 'lobby');
    expect(knockless.body.detail).toContain('the room allows knocking, but perm-mock has no lobby');
  });

  it.each([
    ['the room', 'room'],
    ['the domain', 'domain'],
  ])('ejects the earlier participant with the same user id when %s enforces unique user ids', async (_n, level) => {
    const a = buildTestApp();
    if (level === 'room') await room(a, 'u', { enforce_unique_user_ids: true });
    else {
      await daily(a, 'post', '/', { properties: { enforce_unique_user_ids: true } });
      await room(a, 'u');
    }
    const token = await makeToken(a, { user_id: 'same-user' });
    const first = (await join(a, 'u', { token })).body.participant.id as string;
    const second = await join(a, 'u', { token });
    expect(second.status).toBe(201);
    expect(second.body.replaced).toEqual([first]);
    expect((await participants(a, 'u')).map((p) => p.id)).toEqual([second.body.participant.id]);
  });

  it('lets two participants share a user id when nothing enforces unique ones', async () => {
    const a = buildTestApp();
    await room(a, 'u');
    const token = await makeToken(a, { user_id: 'same-user' });
    await join(a, 'u', { token });
    expect((await join(a, 'u', { token })).body.replaced).toEqual([]);
    expect(await participants(a, 'u')).toHaveLength(2);
  });

  it('keeps a user id ejected with ban: true out until the meeting ends', async () => {
    const a = buildTestApp();
    await room(a, 'b');
    const token = await makeToken(a, { user_id: 'troll' });
    const host = (await join(a, 'b', { userName: 'Host' })).body.participant.id as string;
    await join(a, 'b', { token });
    const ejected = await daily(a, 'post', '/rooms/b/eject', { user_ids: ['troll'], ban: true });
    expect(ejected.body.ejectedIds).toHaveLength(1);
    const back = await join(a, 'b', { token });
    expect(back).toBeProblem('MOCK_DAILY_JOIN_REFUSED');
    expect(back.body.detail).toBe('banned: user troll was ejected from room b with ban: true');
    await http(a).delete(`/__admin/daily/rooms/b/participants/${host}`); // the meeting ends
    expect((await join(a, 'b', { token })).status).toBe(201);
  });
});

describe('initial permissions: token > room > domain > default', () => {
  const VALUES = {
    hasPresence: { domain: false, room: true, token: false },
    canSend: { domain: ['video'], room: ['audio'], token: ['screenVideo'] },
    canReceive: { domain: { base: false }, room: { byUserId: { x: false } }, token: { byParticipantId: { y: true } } },
    canAdmin: { domain: ['streaming'], room: ['transcription'], token: ['participants'] },
  } as const;
  const EXPECTED = {
    canReceive: {
      domain: { base: false },
      room: { base: true, byUserId: { x: false } },
      token: { base: true, byParticipantId: { y: true } },
    },
  } as const;
  type Key = keyof typeof VALUES;
  type Level = 'domain' | 'room' | 'token';
  const LEVELS: readonly Level[][] = [
    ['domain'],
    ['room'],
    ['token'],
    ['domain', 'room'],
    ['domain', 'token'],
    ['room', 'token'],
    ['domain', 'room', 'token'],
  ];
  const cases = (Object.keys(VALUES) as Key[]).flatMap((key) =>
    LEVELS.map((levels) => [key, levels.join(' + '), levels] as const),
  );

  async function joinWith(levels: readonly Level[], key: Key, owner = false) {
    const a = buildTestApp();
    const setting = (level: Level) => ({ [key]: VALUES[key][level] });
    if (levels.includes('domain')) await daily(a, 'post', '/', { properties: { permissions: setting('domain') } });
    await room(a, 'p', levels.includes('room') ? { permissions: setting('room') } : {});
    const token = await makeToken(a, {
      is_owner: owner,
      ...(levels.includes('token') && { permissions: setting('token') }),
    });
    const res = await join(a, 'p', { token });
    return res.body.participant.permissions as Record<string, unknown>;
  }

  it.each(cases)(
    '%s set by %s: the highest level wins, the other keys keep the default',
    async (key, _label, levels) => {
      const top = levels[levels.length - 1] as Level;
      const expected = key === 'canReceive' ? EXPECTED.canReceive[top] : VALUES[key][top];
      expect(await joinWith(levels, key)).toEqual({ ...DEFAULT, [key]: expected });
    },
  );

  it.each(Object.keys(VALUES) as Key[])('an owner ignores %s set at every level and gets every right', async (key) => {
    expect(await joinWith(['domain', 'room', 'token'], key, true)).toEqual({ ...DEFAULT, canAdmin: true });
  });

  it('starts non-owners hidden in a room with hidden participants, unless the token says otherwise', async () => {
    const a = buildTestApp();
    await room(a, 'h', { enable_hidden_participants: true, permissions: { hasPresence: true } });
    const hidden = (await join(a, 'h')).body.participant.permissions;
    expect(hidden).toEqual({ ...DEFAULT, hasPresence: false });
    const shown = await join(a, 'h', { token: await makeToken(a, { permissions: { hasPresence: true } }) });
    expect(shown.body.participant.permissions.hasPresence).toBe(true);
    const owner = await join(a, 'h', { token: await makeToken(a, { is_owner: true }) });
    expect(owner.body.participant.permissions.hasPresence).toBe(true);
  });

  it('applies the permissions of a join without a token on top, as a test shortcut', async () => {
    const a = buildTestApp();
    await room(a, 's', { permissions: { canSend: ['audio'] } });
    const res = await join(a, 's', { permissions: { canAdmin: ['participants'] } });
    expect(res.body.participant.permissions).toEqual({ ...DEFAULT, canSend: ['audio'], canAdmin: ['participants'] });
  });
});

describe('eject timers on the namespace clock', () => {
  async function present(a: App, name: string, id: string): Promise<boolean> {
    return (await participants(a, name)).some((p) => p.id === id);
  }

  it("ejects at the token's exp with eject_at_token_exp", async () => {
    const a = buildTestApp();
    await room(a, 't');
    const token = await makeToken(a, { exp: NOW_S + 300, eject_at_token_exp: true });
    const joined = await join(a, 't', { token, id: 'p' });
    expect(joined.body.participant.willEjectAt).toBe(NOW_S + 300);
    expect((await http(a).get('/__admin/clock')).body.timers).toBe(1);
    await advance(a, 299);
    expect(await present(a, 't', 'p')).toBe(true);
    await advance(a, 1);
    expect(await present(a, 't', 'p')).toBe(false);
    expect((await http(a).get('/__admin/clock')).body.timers).toBe(1); // meeting.ended, 10 s later
  });

  it("ejects eject_after_elapsed seconds after the join, the token's rule over the room's", async () => {
    const a = buildTestApp();
    await room(a, 'e', { eject_after_elapsed: 60 });
    await join(a, 'e', { id: 'room-rule' });
    await join(a, 'e', { id: 'token-rule', token: await makeToken(a, { eject_after_elapsed: 600 }) });
    await join(a, 'e', { id: 'token-off', token: await makeToken(a, { eject_at_token_exp: false }) });
    await advance(a, 60);
    expect((await participants(a, 'e')).map((p) => p.id)).toEqual(['token-rule', 'token-off']);
    await advance(a, 540);
    expect((await participants(a, 'e')).map((p) => p.id)).toEqual(['token-off']);
  });

  it("ejects everyone, owners too, at the room's exp with eject_at_room_exp", async () => {
    const a = buildTestApp();
    await room(a, 'x', { exp: NOW_S + 90, eject_at_room_exp: true });
    await join(a, 'x', { id: 'owner', token: await makeToken(a, { is_owner: true }) });
    await join(a, 'x', { id: 'guest' });
    await advance(a, 90);
    expect(await participants(a, 'x')).toEqual([]);
  });

  it('keeps a participant in the room past its exp without eject_at_room_exp (the room is a zombie)', async () => {
    const a = buildTestApp();
    await room(a, 'z', { exp: NOW_S + 90 });
    await join(a, 'z', { id: 'stays' });
    await advance(a, 3600);
    expect((await participants(a, 'z')).map((p) => p.id)).toEqual(['stays']);
  });

  it('still ejects a participant whose permissions were updated meanwhile', async () => {
    const a = buildTestApp();
    await join(a, ROOM, { id: 'timed', token: await makeToken(a, { eject_after_elapsed: 30 }) });
    expect((await postDailyUpdate(a, ROOM, { data: { timed: { canSend: false } } })).status).toBe(200);
    await advance(a, 30);
    expect(await present(a, ROOM, 'timed')).toBe(false);
    expect(await present(a, ROOM, GUEST)).toBe(true);
  });

  it('forgets every timer on reset', async () => {
    const a = buildTestApp();
    await join(a, ROOM, { id: 'timed', token: await makeToken(a, { eject_after_elapsed: 30 }) });
    await http(a).post('/__admin/reset');
    expect((await http(a).get('/__admin/clock')).body.timers).toBe(0);
    await join(a, EMPTY_ROOM, { id: 'later', token: await makeToken(a, {}) });
    await advance(a, 60);
    expect(await present(a, EMPTY_ROOM, 'later')).toBe(true);
    expect(await present(a, ROOM, OWNER)).toBe(true);
  });

  it('runs per namespace: advancing one clock ejects nobody in another', async () => {
    const a = buildTestApp();
    const token = await makeToken(a, { eject_after_elapsed: 30 });
    await http(a).post(`/ns/one/__admin/daily/rooms/${ROOM}/participants`).send({ id: 'timed', token });
    await http(a).post(`/ns/two/__admin/daily/rooms/${ROOM}/participants`).send({ id: 'timed', token });
    await advance(a, 30, '/ns/one');
    const inOne = (await http(a).get(`/ns/one/__admin/daily/rooms/${ROOM}`)).body.participants;
    const inTwo = (await http(a).get(`/ns/two/__admin/daily/rooms/${ROOM}`)).body.participants;
    expect(inOne.map((p: { id: string }) => p.id)).not.toContain('timed');
    expect(inTwo.map((p: { id: string }) => p.id)).toContain('timed');
  });
});

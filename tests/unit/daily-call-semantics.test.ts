/** The pure rules of Daily's call model: properties, pages, eject times, joins, tokens' claims, signatures, retries. */
import { createHmac } from 'node:crypto';

import { decideJoin, ejectAtMs, mergeSessionData, presenceOf } from '../../mock-server/apis/daily/calls';
import { derivedUuid, randomRoomName, randomUuid } from '../../mock-server/apis/daily/ids';
import {
  checkProperties,
  isExpired,
  listOrder,
  mergeProperties,
  pageOf,
  ROOM_PROPERTIES,
} from '../../mock-server/apis/daily/rooms';
import { buildRoom, initialPermissions } from '../../mock-server/apis/daily/semantics';
import { decodeClaims, encodeClaims } from '../../mock-server/apis/daily/tokens';
import type { Domain, Room } from '../../mock-server/apis/daily/types';
import { afterAttempt, retryDelayMs, signature } from '../../mock-server/apis/daily/webhooks';
import { seededBytes } from '../helpers/daily';

const NOW_MS = Date.parse('2026-01-01T12:00:00.000Z');
const DOMAIN: Domain = { name: 'd', id: 'domain-id', config: {} };

function room(config: Record<string, unknown> = {}, participants: { id: string; userId?: string }[] = []): Room {
  const built = buildRoom(
    'r',
    { config, participants, createdAt: '2026-01-01T00:00:00.000Z' },
    '2026-01-01T11:00:00.000Z',
  );
  if (!built.ok) throw new Error('duplicate');
  return built.room;
}

describe('properties', () => {
  it('keep only what differs from the defaults, reset with null, and keep unnamed ones', () => {
    const first = mergeProperties(ROOM_PROPERTIES, {}, { max_participants: 200, enable_chat: true, exp: 5 });
    expect(first).toEqual({ enable_chat: true, exp: 5 });
    expect(mergeProperties(ROOM_PROPERTIES, first, { exp: null, start_video_off: true })).toEqual({
      enable_chat: true,
      start_video_off: true,
    });
  });

  it.each([
    [{ exp: 1.5 }, "exp was '1.5' but should be a number of seconds since the unix epoch"],
    [
      { enable_recording: 'tape' },
      "enable_recording was 'tape' but should be one of 'cloud', 'local', 'raw-tracks', 'output-byte-stream'",
    ],
    [{ streaming_endpoints: {} }, "streaming_endpoints was '{}' but should be an array"],
    [{ sfu_switchover: 'x' }, "sfu_switchover was 'x' but should be a number"],
    [{ exp: NOW_MS / 1000 }, `exp was '${NOW_MS / 1000}', which is in the past rather than in the future`],
  ])('refuse %j with Daily-style text', (properties, info) => {
    expect(checkProperties(ROOM_PROPERTIES, properties, NOW_MS)).toEqual({ ok: false, info });
  });

  it('accept null for any property, and unknown names with a warning', () => {
    expect(checkProperties(ROOM_PROPERTIES, { exp: null, odd: 1 }, NOW_MS)).toEqual({
      ok: true,
      warnings: ['properties.odd is not a room property perm-mock knows; it is kept as given'],
    });
  });

  it('make a room expired exactly at its exp', () => {
    expect(isExpired(room({ exp: NOW_MS / 1000 }), NOW_MS - 1)).toBe(false);
    expect(isExpired(room({ exp: NOW_MS / 1000 }), NOW_MS)).toBe(true);
    expect(isExpired(room(), NOW_MS)).toBe(false);
  });
});

describe('pages of rooms', () => {
  const rooms = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({
    ...room(),
    id,
    createdAt: new Date(NOW_MS - i * 1000).toISOString(),
  }));

  it('order newest first, by id within a second', () => {
    const sameSecond = [
      { ...room(), id: 'z' },
      { ...room(), id: 'y' },
    ];
    expect([...sameSecond].sort(listOrder).map((r) => r.id)).toEqual(['y', 'z']);
  });

  it.each([
    [{ limit: '2', startingAfter: null, endingBefore: null }, ['a', 'b']],
    [{ limit: '2', startingAfter: 'b', endingBefore: null }, ['c', 'd']],
    [{ limit: '2', startingAfter: 'e', endingBefore: null }, []],
    [{ limit: '2', startingAfter: null, endingBefore: 'd' }, ['b', 'c']],
    [{ limit: '2', startingAfter: null, endingBefore: 'OLDEST' }, ['d', 'e']],
    [{ limit: null, startingAfter: null, endingBefore: null }, ['a', 'b', 'c', 'd', 'e']],
  ])('page %j', (query, ids) => {
    const page = pageOf(rooms, query);
    expect(page.ok && page.data.map((r) => r.id)).toEqual(ids);
    expect(page.ok && page.totalCount).toBe(5);
  });
});

describe('eject times', () => {
  const join = NOW_MS;
  it.each([
    ['no rules', null, {}, undefined],
    ['the token exp with eject_at_token_exp', { exp: 100, eject_at_token_exp: true }, {}, 100_000],
    ['the token exp without it', { exp: 100 }, {}, undefined],
    ['eject_after_elapsed of the token', { eject_after_elapsed: 60 }, {}, join + 60_000],
    [
      'the earlier of the two token rules',
      { exp: NOW_MS / 1000 + 30, eject_at_token_exp: true, eject_after_elapsed: 60 },
      {},
      join + 30_000,
    ],
    ['the room exp with eject_at_room_exp', null, { exp: 200, eject_at_room_exp: true }, 200_000],
    ['the room eject_after_elapsed', null, { eject_after_elapsed: 5 }, join + 5_000],
    ['the token rules over the room rules', { eject_after_elapsed: 60 }, { eject_after_elapsed: 5 }, join + 60_000],
    [
      'a token rule set false: the room rules are ignored still',
      { eject_at_token_exp: false },
      { eject_after_elapsed: 5 },
      undefined,
    ],
  ])('%s', (_name, token, config, expected) => {
    expect(ejectAtMs(join, token, room(config))).toBe(expected);
  });
});

describe('joins', () => {
  it('check the room before the token and the token before the ban and the size', () => {
    const expired = room({ exp: 1, max_participants: 1 });
    expect(
      decideJoin({ ...expired, privacy: 'private' }, DOMAIN, { sessionId: 's', token: null }, NOW_MS),
    ).toMatchObject({
      ok: false,
      reason: 'room-expired',
    });
    const full = room({ max_participants: 1 }, [{ id: 'a' }]);
    expect(decideJoin(full, DOMAIN, { sessionId: 's', token: { room_name: 'other' } }, NOW_MS)).toMatchObject({
      reason: 'token-other-room',
    });
    expect(decideJoin(full, DOMAIN, { sessionId: 's', token: {} }, NOW_MS)).toMatchObject({ reason: 'room-full' });
  });

  it('count the participant a unique user id replaces out of the room size', () => {
    const full = room({ max_participants: 1, enforce_unique_user_ids: true }, [{ id: 'a', userId: 'u' }]);
    expect(decideJoin(full, DOMAIN, { sessionId: 'b', token: { user_id: 'u' } }, NOW_MS)).toMatchObject({
      ok: true,
      replaced: ['a'],
    });
  });

  it('give initial permissions per key, token over room over domain', () => {
    expect(
      initialPermissions(false, {
        token: { canSend: ['audio'] },
        room: { canSend: false, canAdmin: ['streaming'] },
        domain: { canAdmin: true, hasPresence: false },
      }),
    ).toEqual({ hasPresence: false, canSend: ['audio'], canReceive: { base: true }, canAdmin: ['streaming'] });
  });

  it('show presence in join order with whole-second join times and durations', () => {
    const r = room({}, [{ id: 'a' }, { id: 'b' }]);
    expect(presenceOf(r, Date.parse('2026-01-01T11:00:02.500Z')).map((e) => [e.id, e.duration, e.joinTime])).toEqual([
      ['a', 2, '2026-01-01T11:00:00.000Z'],
      ['b', 2, '2026-01-01T11:00:00.000Z'],
    ]);
  });

  it('merge session data shallowly, deleting keys last', () => {
    expect(mergeSessionData({ a: { x: 1 }, b: 1 }, { a: { y: 2 }, c: 3 }, 'shallow-merge', ['b', 'c'])).toEqual({
      a: { y: 2 },
    });
    expect(mergeSessionData({ a: 1 }, { b: 2 }, 'replace', ['b'])).toEqual({ b: 2 });
  });
});

describe('token claims', () => {
  it('abbreviate the properties and read them back', () => {
    const properties = {
      room_name: 'r',
      is_owner: true,
      user_id: 'u',
      user_name: 'n',
      exp: 10,
      eject_after_elapsed: 5,
      enable_prejoin_ui: false,
      permissions: {
        hasPresence: true,
        canSend: ['video', 'customAudio'],
        canReceive: {
          base: {
            video: true,
            audio: false,
            screenVideo: true,
            screenAudio: true,
            customVideo: { '*': true },
            customAudio: { '*': false },
          },
        },
        canAdmin: false,
      },
    };
    const claims = encodeClaims(properties, 'dom', 7);
    expect(claims).toEqual({
      r: 'r',
      o: true,
      ud: 'u',
      u: 'n',
      exp: 10,
      eje: 5,
      enable_prejoin_ui: false,
      p: {
        hp: true,
        cs: 'v,ca',
        cr: { b: { v: true, a: false, sv: true, sa: true, cv: { '*': true }, ca: { '*': false } } },
        ca: false,
      },
      d: 'dom',
      iat: 7,
    });
    expect(decodeClaims(claims)).toEqual({ ...properties, domain_id: 'dom', iat: 7 });
  });
});

describe('webhook signatures and retries', () => {
  it("sign as Daily's docs say: HMAC-SHA256 of `<timestamp>.<body>` with the base-64-decoded secret, base-64", () => {
    const secret = Buffer.from('s3cret').toString('base64');
    const expected = createHmac('sha256', 's3cret').update('1700000000.{"a":1}').digest('base64');
    expect(signature(secret, '1700000000', '{"a":1}')).toBe(expected);
  });

  it.each([
    ['circuit-breaker', 1, undefined],
    ['exponential', 1, 30_000],
    ['exponential', 2, 120_000],
    ['exponential', 3, 480_000],
    ['exponential', 4, 900_000],
    ['exponential', 5, undefined],
  ] as const)('%s after failed attempt %i waits %p ms', (type, attempt, delay) => {
    expect(retryDelayMs(type, attempt)).toBe(delay);
  });

  it('count failures, reset on success, and trip a circuit breaker at three', () => {
    const base = {
      uuid: 'w',
      url: 'u',
      hmac: 'aA==',
      basicAuth: null,
      eventTypes: [],
      retryType: 'circuit-breaker' as const,
      state: 'ACTIVE' as const,
      failedCount: 0,
      domainId: 'd',
      createdAt: '',
      updatedAt: '',
      lastMomentPushed: null,
    };
    const twice = afterAttempt(afterAttempt(base, false, 't'), false, 't');
    expect(twice).toMatchObject({ failedCount: 2, state: 'ACTIVE' });
    expect(afterAttempt(twice, false, 't')).toMatchObject({ failedCount: 3, state: 'FAILED' });
    expect(afterAttempt(twice, true, 't')).toMatchObject({ failedCount: 0, lastMomentPushed: 't' });
    const exponential = { ...twice, retryType: 'exponential' as const };
    expect(afterAttempt(exponential, false, 't')).toMatchObject({ failedCount: 3, state: 'ACTIVE' });
  });
});

describe('ids', () => {
  it('derive the same UUID from the same text, and random ones from the bytes', () => {
    expect(derivedUuid('room:x')).toBe(derivedUuid('room:x'));
    expect(derivedUuid('room:x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomUuid(seededBytes(1))).toBe(randomUuid(seededBytes(1)));
    expect(randomUuid(seededBytes(1))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomRoomName(seededBytes(2))).toMatch(/^[A-Za-z0-9]{20}$/);
  });
});

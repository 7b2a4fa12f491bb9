/**
 * One Daily update's `"*"` copies its value to every participant not named: the case (a
 * 60,000-participant room, one 11.8 KB `"*"` with a 550-key `canReceive.byUserId`) would have made
 * the state too large for one JSON string. What one request may amplify is bounded
 * (`--max-amplification`, participants reached × the value's size as JSON), refused in Daily's own
 * 400 before anything changes; below the bound, equal permission values are shared, not copied.
 * Figures are byte counts and object counts, never RSS or time.
 */
import { REASON_HEADER } from '../../mock-server/http/diagnostics';
import type { PermMockApp } from '../../mock-server/app';
import type { World } from '../../mock-server/world';
import { buildTestApp, postDailyUpdate } from '../helpers/app';
import { http } from '../helpers/client';
import { API_KEY } from '../helpers/world';

const BIG_ROOM = 'town-hall';
const REASON = REASON_HEADER.toLowerCase();
const JOINED = '2026-01-01T10:00:00.000Z';

function bigWorld(participants: number): World {
  return {
    daily: {
      apiKeys: [API_KEY],
      rooms: [
        {
          name: BIG_ROOM,
          privacy: 'public',
          createdAt: JOINED,
          participants: Array.from({ length: participants }, (_, i) => ({
            id: `s-${i}`,
            userId: `u-${i}`,
            userName: null,
            owner: i === 0,
            joinTime: JOINED,
            permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: i === 0 },
          })),
        },
      ],
    },
    sonoran: { communities: [] },
  };
}

/** The value: a 550-key byUserId map, about 12 KB as JSON. */
function byUserIdValue(): { canReceive: { byUserId: Record<string, { audio: boolean }> } } {
  const byUserId: Record<string, { audio: boolean }> = {};
  for (let i = 0; i < 550; i += 1) byUserId[`u${i}`] = { audio: i % 2 === 0 };
  return { canReceive: { byUserId } };
}

function participantsOf(app: PermMockApp): { id: string; permissions: object }[] {
  const room = app.mock.state().daily.rooms.find((r) => r.name === BIG_ROOM);
  if (room === undefined) throw new Error('no big room');
  return room.participants as unknown as { id: string; permissions: object }[];
}

const distinctPermissionObjects = (app: PermMockApp): number =>
  new Set(participantsOf(app).map((p) => p.permissions)).size;

describe('the amplification limit', () => {
  const world = bigWorld(60_000);
  const value = byUserIdValue();
  const size = Buffer.byteLength(JSON.stringify(value));

  it('refuses the issue\'s 60,000 × 11.8 KB "*" in Daily\'s own 400, changing nothing', async () => {
    expect(size).toBeGreaterThan(11_000);
    expect(size).toBeLessThan(13_000);
    const app = buildTestApp({ world });
    const before = participantsOf(app).map((p) => p.permissions);
    const res = await postDailyUpdate(app, BIG_ROOM, { data: { '*': value } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid-request-error', info: expect.stringContaining('60000 participants') });
    expect(res.headers[REASON]).toMatch(/^DAILY_AMPLIFICATION_LIMIT: /);
    expect(res.headers[REASON]).toContain(`${60_000 * size} bytes`);
    const [entry] = app.mock.requests();
    expect(entry?.reason?.code).toBe('DAILY_AMPLIFICATION_LIMIT');
    // Nothing changed: every participant still holds the very object it held.
    const after = participantsOf(app).map((p) => p.permissions);
    expect(after.every((p, i) => p === before[i])).toBe(true);
  });

  it('shares the one new value among all 60,000 when the limit allows it', async () => {
    const app = buildTestApp({ world, maxAmplificationBytes: 2 * 1024 * 1024 * 1024 });
    // Loaded from a world, equal values already share one frozen object per distinct value.
    expect(distinctPermissionObjects(app)).toBe(2);
    const stateBytes = async (): Promise<number> =>
      ((await http(app).get('/__admin/memory')).body as { default: { stateBytes: number } }).default.stateBytes;
    const before = await stateBytes();
    const res = await postDailyUpdate(app, BIG_ROOM, { data: { '*': value } });
    expect(res.headers[REASON]).toBeUndefined();
    expect(res.status).toBe(200);
    const participants = participantsOf(app);
    // The owner and the guests had different permissions: two new objects, not 60,000.
    expect(distinctPermissionObjects(app)).toBe(2);
    const shared = participants[1]?.permissions as { canReceive: { byUserId: object } };
    expect(Object.isFrozen(shared)).toBe(true);
    expect(Object.isFrozen(shared.canReceive.byUserId)).toBe(true);
    expect(Object.keys(shared.canReceive.byUserId)).toHaveLength(550);
    // What the update made: the room's map copied, 60,000 participant records, and the value once
    // (about 14 MB), where copies of the ~12 KB value alone would be about 700 MB.
    const grown = (await stateBytes()) - before;
    expect(grown).toBeGreaterThan(60_000 * 100);
    expect(grown).toBeLessThan(60_000 * 250 + 2 * size);
  });

  it('counts only the participants "*" reaches, and accepts exactly the limit', async () => {
    const small = bigWorld(10);
    const star = { canSend: ['audio'] };
    const bytes = Buffer.byteLength(JSON.stringify(star));
    // Two named participants: "*" reaches 8.
    const data = { '*': star, 's-1': { canSend: false }, 's-2': { canSend: false } };
    const exact = buildTestApp({ world: small, maxAmplificationBytes: 8 * bytes });
    expect((await postDailyUpdate(exact, BIG_ROOM, { data })).status).toBe(200);
    const under = buildTestApp({ world: small, maxAmplificationBytes: 8 * bytes - 1 });
    const refused = await postDailyUpdate(under, BIG_ROOM, { data });
    expect(refused.status).toBe(400);
    expect(refused.headers[REASON]).toMatch(/^DAILY_AMPLIFICATION_LIMIT: /);
    // A named unknown participant does not shrink the count (it is not in the room).
    const unknown = buildTestApp({ world: small, maxAmplificationBytes: 10 * bytes - 1 });
    const res = await postDailyUpdate(unknown, BIG_ROOM, { data: { '*': star, 'not-here': { canSend: false } } });
    expect(res.status).toBe(400);
  });

  it('leaves updates without "*" alone, however large', async () => {
    const app = buildTestApp({ world: bigWorld(10), maxAmplificationBytes: 1 });
    const res = await postDailyUpdate(app, BIG_ROOM, { data: { 's-3': value } });
    expect(res.status).toBe(200);
  });

  it('answers a room that is not hosting a call with 404 first, as before', async () => {
    const app = buildTestApp({ world: bigWorld(0), maxAmplificationBytes: 1 });
    const res = await postDailyUpdate(app, BIG_ROOM, { data: { '*': value } });
    expect(res.status).toBe(404);
  });
});

describe('shared permission values', () => {
  it('gives participants updated alike one object, and keeps a frozen value from changing', async () => {
    const app = buildTestApp({ world: bigWorld(50) });
    const data = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`s-${i + 1}`, { canSend: ['video'] }]));
    expect((await postDailyUpdate(app, BIG_ROOM, { data })).status).toBe(200);
    const updated = participantsOf(app).slice(1, 21);
    expect(new Set(updated.map((p) => p.permissions)).size).toBe(1);
    const permissions = updated[0]?.permissions as { canSend: string[] };
    expect(() => permissions.canSend.push('audio')).toThrow(TypeError);
  });

  it('gives participants who join with the same settings one object', async () => {
    const app = buildTestApp({ world: bigWorld(1) });
    for (const id of ['j-1', 'j-2', 'j-3']) {
      const res = await http(app)
        .post(`/__admin/daily/rooms/${BIG_ROOM}/participants`)
        .set('Content-Type', 'application/json')
        .send({ id });
      expect(res.status).toBe(201);
    }
    const joined = participantsOf(app).filter((p) => p.id.startsWith('j-'));
    expect(new Set(joined.map((p) => p.permissions)).size).toBe(1);
  });
});

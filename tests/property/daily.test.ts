/**
 * Daily over HTTP against a reference model: random sequences of valid updates end in the state the
 * model predicts; random invalid bodies get Daily's own 4xx and change nothing.
 */
import fc from 'fast-check';

import { checkResponse } from '../../contracts/exchange';
import { startServer, type RunningMock } from '../../mock-server/server';
import { assertProperty } from '../helpers/fc';
import { API_KEY, GUEST, OWNER, ROOM, TEST_WORLD } from '../helpers/world';
import { dailyData, dailyUpdate, deepNesting, notBoolean } from './arbitraries';
import { DailyModel } from './model';
import { checkedFetch } from '../helpers/client';

let lenient: RunningMock;
let strict: RunningMock;
beforeAll(async () => {
  [lenient, strict] = await Promise.all([
    startServer({ port: 0, world: TEST_WORLD }),
    startServer({ port: 0, world: TEST_WORLD, strict: true }),
  ]);
});
afterAll(() => Promise.all([lenient.close(), strict.close()]));

async function post(mock: RunningMock, body: string): Promise<{ status: number; body: unknown }> {
  const res = await checkedFetch(`${mock.url}/v1/rooms/${ROOM}/update-permissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
    body,
  });
  const answer = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: await res.json(),
  };
  expect(checkResponse('daily.updatePermissions', answer).map((v) => v.text)).toEqual([]);
  return answer;
}

function roomView(mock: RunningMock) {
  const room = mock.app.mock.state().daily.rooms.find((r) => r.name === ROOM);
  if (room === undefined) throw new Error('no room');
  return room.participants.map((p) => ({ id: p.id, permissions: p.permissions }));
}

const startRoom = () => {
  const room = TEST_WORLD.daily.rooms.find((r) => r.name === ROOM);
  if (room === undefined) throw new Error('no room');
  return room;
};

describe('valid updates', () => {
  it.each([
    ['lenient', false],
    ['strict', true],
  ])('a random sequence ends in the state the model predicts (%s)', async (_mode, isStrict) => {
    const mock = isStrict ? strict : lenient;
    await assertProperty(
      fc.asyncProperty(fc.array(dailyData, { minLength: 1, maxLength: 8 }), async (bodies) => {
        mock.app.mock.reset();
        const model = DailyModel.fromRoom(startRoom(), isStrict);
        for (const data of bodies) {
          const expected = model.apply(JSON.parse(JSON.stringify(data)) as never);
          const answer = await post(mock, JSON.stringify({ data }));
          expect(answer.status).toBe(expected);
        }
        expect(roomView(mock)).toEqual(model.view());
      }),
      60,
    );
  });

  it('applying the same body twice leaves the same state as applying it once', async () => {
    await assertProperty(
      fc.asyncProperty(dailyData, async (data) => {
        lenient.app.mock.reset();
        await post(lenient, JSON.stringify({ data }));
        const once = JSON.stringify(roomView(lenient));
        await post(lenient, JSON.stringify({ data }));
        expect(JSON.stringify(roomView(lenient))).toBe(once);
      }),
      60,
    );
  });

  it('"*" never touches a participant named in the same request', async () => {
    await assertProperty(
      fc.asyncProperty(dailyUpdate, dailyUpdate, async (own, everyone) => {
        lenient.app.mock.reset();
        await post(lenient, JSON.stringify({ data: { [GUEST]: own } }));
        const alone = roomView(lenient).find((p) => p.id === GUEST);
        lenient.app.mock.reset();
        await post(lenient, JSON.stringify({ data: { [GUEST]: own, '*': everyone } }));
        expect(roomView(lenient).find((p) => p.id === GUEST)).toEqual(alone);
      }),
      60,
    );
  });
});

/** One way to break a valid body; each yields the body text to send. */
const corruption = fc.oneof(
  fc.oneof(fc.constant([]), fc.string(), fc.integer(), fc.constant(null), fc.boolean()).map((body) => ({ body })),
  notBoolean.map((data) => ({ body: { data } })),
  fc
    .string({ minLength: 1 })
    .filter((k) => k !== 'data')
    .map((k) => ({ body: { data: {}, [k]: true } })),
  notBoolean.map((value) => ({ body: { data: { [GUEST]: value } } })),
  fc
    .constantFrom('canSnd', 'permissions', '__proto__', 'constructor')
    .map((k) => ({ body: { data: { [GUEST]: { [k]: true } } } })),
  notBoolean.map((v) => ({ body: { data: { [OWNER]: { hasPresence: v } } } })),
  fc
    .string()
    .filter((s) => !['video', 'audio', 'screenVideo', 'screenAudio', 'customVideo', 'customAudio'].includes(s))
    .map((s) => ({ body: { data: { [GUEST]: { canSend: ['audio', s] } } } })),
  fc.string().map((s) => ({ body: { data: { '*': { canAdmin: s } } } })),
  fc.constantFrom('video', 'audio', 'screenVideo', 'screenAudio', 'customVideo', 'customAudio').map((missing) => {
    const base: Record<string, unknown> = {
      video: true,
      audio: true,
      screenVideo: true,
      screenAudio: true,
      customVideo: { '*': true },
      customAudio: { '*': true },
    };
    delete base[missing];
    return { body: { data: { [GUEST]: { canReceive: { base } } } } };
  }),
  fc.constant({
    body: {
      data: {
        [GUEST]: {
          canReceive: {
            base: {
              video: true,
              audio: true,
              screenVideo: true,
              screenAudio: true,
              customVideo: { slides: true },
              customAudio: { '*': true },
            },
          },
        },
      },
    },
  }),
  deepNesting.map((deep) => ({ body: { data: { [GUEST]: { canReceive: { byUserId: { u: deep } } } } } })),
  fc
    .integer({ min: 1000, max: 20000 })
    .map((n) => ({ body: { data: { [GUEST]: { canSend: [...Array.from({ length: n }, () => 'audio'), 'smell'] } } } })),
  fc
    .tuple(dailyData, notBoolean)
    .map(([data, bad]) => ({ body: { data: { ...data, [GUEST]: { hasPresence: bad } } } })),
);

describe('invalid bodies', () => {
  it("always get Daily's own 4xx body and change nothing", async () => {
    await assertProperty(
      fc.asyncProperty(corruption, async ({ body }) => {
        strict.app.mock.reset();
        const before = JSON.stringify(strict.app.mock.state());
        const answer = await post(strict, JSON.stringify(body));
        expect(answer.status).toBe(400);
        expect((answer.body as { error: string }).error).toBe('invalid-request-error');
        expect(JSON.stringify(strict.app.mock.state())).toBe(before);
      }),
      150,
    );
  });

  it('random bytes as the body never get a 5xx and change nothing', async () => {
    await assertProperty(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
        const before = JSON.stringify(lenient.app.mock.state());
        const res = await checkedFetch(`${lenient.url}/v1/rooms/${ROOM}/update-permissions`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
          body: bytes,
        });
        const answer = {
          status: res.status,
          contentType: res.headers.get('content-type'),
          body: await res.json(),
        };
        expect(checkResponse('daily.updatePermissions', answer)).toEqual([]);
        expect(answer.status).toBeLessThan(500);
        if (answer.status !== 200) expect(JSON.stringify(lenient.app.mock.state())).toBe(before);
      }),
      150,
    );
  });
});

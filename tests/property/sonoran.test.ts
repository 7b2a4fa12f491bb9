/**
 * Sonoran Radio over HTTP against a reference model: random sequences of valid updates end in the
 * state the model predicts; random invalid bodies get Sonoran's own 4xx and change nothing.
 */
import fc from 'fast-check';

import { checkResponse } from '../../contracts/exchange';
import { startServer, type RunningMock } from '../../mock-server/server';
import { assertProperty } from '../helpers/fc';
import { COMMUNITY, OFFICER_ACC, SONORAN_KEY, TEST_WORLD } from '../helpers/world';
import { deepNesting, notBoolean, sonoranEntry, sonoranUserPerms } from './arbitraries';
import { SonoranModel } from './model';
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

async function post(mock: RunningMock, body: string | Uint8Array): Promise<{ status: number; body: unknown }> {
  const res = await checkedFetch(`${mock.url}/api/servers/${COMMUNITY}/members/permissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  const answer = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: await res.json(),
  };
  expect(checkResponse('sonoran.setMemberPermissions', answer).map((v) => v.text)).toEqual([]);
  return answer;
}

const startCommunity = () => {
  const community = TEST_WORLD.sonoran.communities[0];
  if (community === undefined) throw new Error('no community');
  return community;
};

function membersView(mock: RunningMock) {
  const community = mock.app.mock.state().sonoran.communities.find((c) => c.id === COMMUNITY);
  if (community === undefined) throw new Error('no community');
  return community.members.map((m) => ({ accId: m.accId, permission: m.permission, profilePerms: m.profilePerms }));
}

describe('valid updates', () => {
  it.each([
    ['lenient', false],
    ['strict', true],
  ])('a random sequence ends in the state the model predicts (%s)', async (_mode, isStrict) => {
    const mock = isStrict ? strict : lenient;
    await assertProperty(
      fc.asyncProperty(fc.array(sonoranUserPerms, { minLength: 1, maxLength: 8 }), async (requests) => {
        mock.app.mock.reset();
        const model = SonoranModel.fromCommunity(startCommunity(), isStrict);
        for (const userPerms of requests) {
          const expected = model.apply(userPerms);
          const answer = await post(mock, JSON.stringify({ apiKey: SONORAN_KEY, userPerms }));
          expect(answer.status).toBe(expected);
        }
        expect(membersView(mock)).toEqual(model.view());
      }),
      60,
    );
  });

  it('applying the same request twice leaves the same state as applying it once', async () => {
    await assertProperty(
      fc.asyncProperty(sonoranUserPerms, async (userPerms) => {
        lenient.app.mock.reset();
        await post(lenient, JSON.stringify({ apiKey: SONORAN_KEY, userPerms }));
        const once = JSON.stringify(membersView(lenient));
        await post(lenient, JSON.stringify({ apiKey: SONORAN_KEY, userPerms }));
        expect(JSON.stringify(membersView(lenient))).toBe(once);
      }),
      60,
    );
  });
});

const entry = (extra: Record<string, unknown>) => ({ accId: OFFICER_ACC, perm: 1, ...extra });

const corruption = fc.oneof(
  fc.oneof(fc.constant([]), fc.string(), fc.integer(), fc.constant(null)).map((body) => ({ body, status: 400 })),
  notBoolean
    .filter((v) => !Array.isArray(v))
    .map((userPerms) => ({ body: { apiKey: SONORAN_KEY, userPerms }, status: 400 })),
  fc.constant({ body: { apiKey: SONORAN_KEY }, status: 400 }),
  fc
    .oneof(fc.integer({ min: 1024 }), fc.integer({ max: -1 }), fc.double({ noNaN: true, noInteger: true }), fc.string())
    .map((perm) => ({
      body: { apiKey: SONORAN_KEY, userPerms: [entry({ perm })] },
      status: 400,
    })),
  fc
    .oneof(fc.constant(''), fc.integer(), fc.constant(null))
    .map((accId) => ({ body: { apiKey: SONORAN_KEY, userPerms: [entry({ accId })] }, status: 400 })),
  fc.oneof(fc.integer({ max: -1 }), fc.string(), fc.double({ noNaN: true, noInteger: true })).map((profileId) => ({
    body: { apiKey: SONORAN_KEY, userPerms: [entry({ profilePerms: [{ profileId, canJoin: true }] })] },
    status: 400,
  })),
  notBoolean.map((canJoin) => ({
    body: { apiKey: SONORAN_KEY, userPerms: [entry({ profilePerms: [{ profileId: 12, canJoin }] })] },
    status: 400,
  })),
  fc
    .oneof(fc.string(), fc.constant({ 12: true }))
    .map((profilePerms) => ({ body: { apiKey: SONORAN_KEY, userPerms: [entry({ profilePerms })] }, status: 400 })),
  deepNesting.map((deep) => ({
    body: { apiKey: SONORAN_KEY, userPerms: [entry({ profilePerms: deep })] },
    status: 400,
  })),
  fc.integer({ min: 1000, max: 15000 }).map((n) => ({
    body: { apiKey: SONORAN_KEY, userPerms: [...Array.from({ length: n }, () => entry({})), entry({ perm: 5000 })] },
    status: 400,
  })),
  fc.tuple(sonoranUserPerms, fc.integer({ min: 1024 })).map(([userPerms, perm]) => ({
    body: { apiKey: SONORAN_KEY, userPerms: [...userPerms, entry({ perm })] },
    status: 400,
  })),
  fc
    .tuple(sonoranUserPerms, fc.string())
    .filter(([, key]) => key !== SONORAN_KEY)
    .map(([userPerms, apiKey]) => ({ body: { apiKey, userPerms }, status: 404 })),
  sonoranEntry.map((e) => ({ body: { userPerms: [e] }, status: 404 })),
);

describe('invalid bodies', () => {
  it("always get Sonoran's own 4xx body and change nothing", async () => {
    await assertProperty(
      fc.asyncProperty(corruption, async ({ body, status }) => {
        lenient.app.mock.reset();
        const before = JSON.stringify(lenient.app.mock.state());
        const answer = await post(lenient, JSON.stringify(body));
        expect(answer.status).toBe(status);
        expect(JSON.stringify(lenient.app.mock.state())).toBe(before);
      }),
      150,
    );
  });

  it('random bytes as the body never get a 5xx and change nothing', async () => {
    await assertProperty(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
        const before = JSON.stringify(lenient.app.mock.state());
        const answer = await post(lenient, bytes);
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(JSON.stringify(lenient.app.mock.state())).toBe(before);
      }),
      150,
    );
  });
});

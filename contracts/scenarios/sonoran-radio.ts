/** Safe scenarios for Sonoran Radio's set-member-permissions: each one changes nothing on a real community. */
import type { ScenarioRequest, SonoranScenario, SonoranTarget } from './types';

function post(target: SonoranTarget, body: string, communityId = target.communityId): ScenarioRequest {
  return {
    method: 'POST',
    url: `${target.baseUrl}/api/servers/${encodeURIComponent(communityId)}/members/permissions`,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body,
  };
}

function bodyEquals(expected: unknown): (body: unknown) => string[] {
  return (body) =>
    JSON.stringify(body) === JSON.stringify(expected)
      ? []
      : [`body must be ${JSON.stringify(expected)} (got ${JSON.stringify(body)})`];
}

export const SONORAN_SCENARIOS: readonly SonoranScenario[] = [
  {
    id: 'sonoran.reapply-current',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: "re-apply a member's current permission mask",
    safety: 'sends the mask the member already holds and no channel rows, so channel access is untouched',
    expectStatus: 200,
    expectBody: bodyEquals({ result: 'ok' }),
    cannotRun: (t) =>
      t.perm === undefined
        ? "needs the member's current mask (PERM_MOCK_LIVE_SONORAN_PERM): Sonoran's v1 API cannot read it, and a guess would change it"
        : undefined,
    build: (t) => post(t, JSON.stringify({ apiKey: t.apiKey, userPerms: [{ accId: t.accId, perm: t.perm }] })),
  },
  {
    id: 'sonoran.empty-userperms',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: 'send userPerms [] (a no-op)',
    safety: 'names no member',
    expectStatus: 200,
    expectBody: bodyEquals({ result: 'ok' }),
    build: (t) => post(t, JSON.stringify({ apiKey: t.apiKey, userPerms: [] })),
  },
  {
    id: 'sonoran.wrong-key',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: 'use an API key that is not the community key',
    safety: 'the key belongs to nobody',
    expectStatus: 404,
    expectBody: bodyEquals({ result: 'bad', error: 'Invalid community ID or API key' }),
    build: (t) => post(t, JSON.stringify({ apiKey: 'perm-mock-not-a-valid-key', userPerms: [] })),
  },
  {
    id: 'sonoran.unknown-community',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: 'target a community that does not exist',
    safety: 'the community does not exist',
    expectStatus: 404,
    expectBody: bodyEquals({ result: 'bad', error: 'Invalid community ID or API key' }),
    build: (t) => post(t, JSON.stringify({ apiKey: t.apiKey, userPerms: [] }), 'perm-mock-no-such-community-5c1e'),
  },
  {
    id: 'sonoran.malformed-json',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: 'send a body that is not JSON',
    safety: 'cannot be parsed, so it cannot change anything',
    expectStatus: 400,
    expectBody: bodyEquals({ error: 'Invalid request' }),
    build: (t) => post(t, `{"apiKey": ${JSON.stringify(t.apiKey)}, "userPerms": [`),
  },
  {
    id: 'sonoran.missing-userperms',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',
    title: 'leave out userPerms',
    safety: 'names no member',
    expectStatus: 400,
    expectBody: bodyEquals({ error: 'Invalid request' }),
    build: (t) => post(t, JSON.stringify({ apiKey: t.apiKey })),
  },
];

/**
 * Safe scenarios for Sonoran Radio, v1 and v2: each one changes nothing on a real community (reads,
 * no-op writes, and requests the API must refuse).
 */
import type { ScenarioRequest, SonoranScenario, SonoranTarget } from './types';

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

/** A v1 read with the community id and key in the path. */
function v1Read(target: SonoranTarget, route: string, key = target.apiKey): ScenarioRequest {
  return {
    method: 'GET',
    url: `${target.baseUrl}/api/radio/${route}/${encodeURIComponent(target.communityId)}/${encodeURIComponent(key)}`,
    headers: { Accept: 'application/json' },
  };
}

/** A v2 call with the community's Bearer key (or the given Authorization header; null sends none). */
function v2(
  target: SonoranTarget,
  method: ScenarioRequest['method'],
  path: string,
  body?: unknown,
  authorization: string | null = `Bearer ${target.apiKey}`,
): ScenarioRequest {
  return {
    method,
    url: `${target.baseUrl}/v2/servers/${encodeURIComponent(target.communityId)}${path}`,
    headers: {
      ...(body === undefined ? { Accept: 'application/json' } : JSON_HEADERS),
      ...(authorization !== null && { Authorization: authorization }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  };
}

function hasKeys(...keys: string[]): (body: unknown) => string[] {
  return (body) => {
    if (typeof body !== 'object' || body === null) return [`body must be an object (got ${JSON.stringify(body)})`];
    return keys.filter((k) => !Object.hasOwn(body, k)).map((k) => `body must have ${k}`);
  };
}

function problemWith(status: number): (body: unknown) => string[] {
  return (body) =>
    (body as { status?: unknown } | null)?.status === status
      ? []
      : [`body.status must be ${status} (got ${JSON.stringify(body)})`];
}

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
  {
    id: 'sonoran.v1-channels',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannels',
    title: 'read the channel groups and channels (v1)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('result', 'groups', 'channels'),
    build: (t) => v1Read(t, 'get-community-channels'),
  },
  {
    id: 'sonoran.v1-connected-users',
    api: 'sonoran',
    operation: 'sonoran.getConnectedUsers',
    title: 'read the connected users (v1, GET as Sonoran.js sends it)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('result', 'connectedUsers'),
    build: (t) => v1Read(t, 'get-connected-users'),
  },
  {
    id: 'sonoran.v1-channels-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannels',
    title: 'read the channels with a key that is not the community key (v1)',
    safety: 'the key belongs to nobody',
    expectStatus: 404,
    expectBody: bodyEquals({ result: 'bad', error: 'Invalid community ID or API key' }),
    build: (t) => v1Read(t, 'get-community-channels', 'perm-mock-not-a-valid-key'),
  },
  {
    id: 'sonoran.v2-channels',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannelsV2',
    title: "read the channels with the Bearer key (v2; Sonoran.js's readiness probe)",
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('groups', 'channels'),
    build: (t) => v2(t, 'GET', '/channels'),
  },
  {
    id: 'sonoran.v2-members-page',
    api: 'sonoran',
    operation: 'sonoran.getMembersV2',
    title: 'read one member, the first page of one (v2)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('members', 'pagination'),
    build: (t) => v2(t, 'GET', '/members?page=1&perPage=1'),
  },
  {
    id: 'sonoran.v2-connected-users',
    api: 'sonoran',
    operation: 'sonoran.getConnectedUsersV2',
    title: 'read the connected users (v2)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('connectedUsers'),
    build: (t) => v2(t, 'GET', '/connected-users'),
  },
  {
    id: 'sonoran.v2-transmissions',
    api: 'sonoran',
    operation: 'sonoran.getTransmissionsV2',
    title: 'read the first page of transmissions (v2)',
    safety: 'a read',
    expectStatus: 200,
    expectBody: hasKeys('transmissions', 'pagination'),
    build: (t) => v2(t, 'GET', '/transmissions?page=1&perPage=1'),
  },
  {
    id: 'sonoran.v2-empty-userperms',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissionsV2',
    title: 'PATCH userPerms [] (a no-op, v2)',
    safety: 'names no member',
    expectStatus: 200,
    expectBody: bodyEquals({ updatedAccIds: [] }),
    build: (t) => v2(t, 'PATCH', '/members/permissions', { userPerms: [] }),
  },
  {
    id: 'sonoran.v2-approve-none',
    api: 'sonoran',
    operation: 'sonoran.approveMembersV2',
    title: 'approve accIds [] (a no-op, v2)',
    safety: 'names no member',
    expectStatus: 200,
    expectBody: bodyEquals({ approvedAccIds: [] }),
    build: (t) => v2(t, 'POST', '/members/approve', { accIds: [] }),
  },
  {
    id: 'sonoran.v2-missing-auth',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannelsV2',
    title: 'read the channels without an Authorization header (v2)',
    safety: 'refused before anything is read',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'GET', '/channels', undefined, null),
  },
  {
    id: 'sonoran.v2-wrong-key',
    api: 'sonoran',
    operation: 'sonoran.getCommunityChannelsV2',
    title: "read the channels with a Bearer key that is nobody's (v2)",
    safety: 'the key belongs to nobody',
    expectStatus: 401,
    expectBody: problemWith(401),
    build: (t) => v2(t, 'GET', '/channels', undefined, 'Bearer perm-mock-not-a-valid-key'),
  },
  {
    id: 'sonoran.v2-invalid-body',
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissionsV2',
    title: 'PATCH permissions without userPerms (v2)',
    safety: 'refused: names no member',
    expectStatus: 400,
    expectBody: problemWith(400),
    build: (t) => v2(t, 'PATCH', '/members/permissions', {}),
  },
];

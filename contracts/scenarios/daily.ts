/** Safe scenarios for Daily's update-permissions: each one changes nothing on a real account. */
import type { DailyScenario, DailyTarget, ScenarioRequest } from './types';

function post(
  target: DailyTarget,
  body: string,
  headers: Record<string, string> = {},
  room = target.room,
): ScenarioRequest {
  return {
    method: 'POST',
    url: `${target.baseUrl}/rooms/${encodeURIComponent(room)}/update-permissions`,
    headers: { Authorization: `Bearer ${target.apiKey}`, 'Content-Type': 'application/json', ...headers },
    body,
  };
}

function errorType(expected: string): (body: unknown) => string[] {
  return (body) => {
    const got = (body as { error?: unknown } | null)?.error;
    return got === expected ? [] : [`body.error must be "${expected}" (got ${JSON.stringify(got)})`];
  };
}

export const DAILY_SCENARIOS: readonly DailyScenario[] = [
  {
    id: 'daily.reapply-current',
    api: 'daily',
    operation: 'daily.updatePermissions',
    title: "re-apply a participant's current permissions",
    safety: 'sends the permissions the participant already holds (or an update with no fields, which changes nothing)',
    expectStatus: 200,
    build: (t) => post(t, JSON.stringify({ data: { [t.participantId]: t.permissions ?? {} } })),
  },
  {
    id: 'daily.empty-data',
    api: 'daily',
    operation: 'daily.updatePermissions',
    title: 'send data {} (a no-op)',
    safety: 'names no participant',
    expectStatus: 200,
    build: (t) => post(t, '{"data":{}}'),
  },
  {
    id: 'daily.missing-auth',
    api: 'daily',
    operation: 'daily.updatePermissions',
    title: 'omit the Authorization header',
    safety: 'unauthenticated: refused before anything is read',
    expectStatus: 400,
    expectBody: errorType('authorization-header-error'),
    build: (t) => {
      const request = post(t, '{"data":{}}');
      const { Authorization: _dropped, ...headers } = request.headers;
      return { ...request, headers };
    },
  },
  {
    id: 'daily.wrong-key',
    api: 'daily',
    operation: 'daily.updatePermissions',
    title: 'use an API key that is not valid',
    safety: 'the key belongs to nobody',
    expectStatus: 401,
    expectBody: errorType('authentication-error'),
    build: (t) => post(t, '{"data":{}}', { Authorization: 'Bearer perm-mock-not-a-valid-key' }),
  },
  {
    id: 'daily.malformed-json',
    api: 'daily',
    operation: 'daily.updatePermissions',
    title: 'send a body that is not JSON',
    safety: 'cannot be parsed, so it cannot change anything',
    expectStatus: 400,
    expectBody: errorType('json-parsing-error'),
    build: (t) => post(t, '{"data": {'),
  },
  {
    id: 'daily.unknown-field',
    api: 'daily',
    operation: 'daily.updatePermissions',
    title: 'send a top-level field besides data',
    safety: 'data is empty, so even a lenient server changes nothing',
    expectStatus: 400,
    expectBody: errorType('invalid-request-error'),
    build: (t) => post(t, '{"data":{},"perm_mock_probe":true}'),
  },
  {
    id: 'daily.unknown-room',
    api: 'daily',
    operation: 'daily.updatePermissions',
    title: 'target a room that does not exist',
    safety: 'the room does not exist',
    expectStatus: 404,
    expectBody: errorType('not-found'),
    build: (t) => post(t, '{"data":{}}', {}, 'perm-mock-no-such-room-5c1e'),
  },
];

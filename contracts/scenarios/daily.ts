/** Safe scenarios for Daily: each one changes nothing on a real account (update-permissions, and reads around it). */
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

function get(target: DailyTarget, path: string, headers: Record<string, string> = {}): ScenarioRequest {
  return {
    method: 'GET',
    url: `${target.baseUrl}${path}`,
    headers: { Authorization: `Bearer ${target.apiKey}`, ...headers },
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
    id: 'daily.domain',
    api: 'daily',
    operation: 'daily.getDomain',
    title: "read the domain's configuration",
    safety: 'a read',
    expectStatus: 200,
    build: (t) => get(t, '/'),
  },
  {
    id: 'daily.list-rooms',
    api: 'daily',
    operation: 'daily.listRooms',
    title: 'list the first room',
    safety: 'a read',
    expectStatus: 200,
    build: (t) => get(t, '/rooms?limit=1'),
  },
  {
    id: 'daily.get-unknown-room',
    api: 'daily',
    operation: 'daily.getRoom',
    title: 'read a room that does not exist',
    safety: 'a read of nothing',
    expectStatus: 404,
    expectBody: errorType('not-found'),
    build: (t) => get(t, '/rooms/perm-mock-no-such-room-5c1e'),
  },
  {
    id: 'daily.room-presence',
    api: 'daily',
    operation: 'daily.getRoomPresence',
    title: "read the presence of the target's room",
    safety: 'a read',
    expectStatus: 200,
    build: (t) => get(t, `/rooms/${encodeURIComponent(t.room)}/presence`),
  },
  {
    id: 'daily.presence',
    api: 'daily',
    operation: 'daily.getPresence',
    title: 'read the presence of every room',
    safety: 'a read',
    expectStatus: 200,
    build: (t) => get(t, '/presence'),
  },
  {
    id: 'daily.validate-garbage-token',
    api: 'daily',
    operation: 'daily.validateMeetingToken',
    title: 'validate a meeting token that is not one',
    safety: 'a read; tokens are not server resources',
    expectStatus: 400,
    expectBody: errorType('invalid-request-error'),
    build: (t) => get(t, '/meeting-tokens/perm-mock.not-a.token'),
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

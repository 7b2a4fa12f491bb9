/**
 * Safe scenarios for Daily: each one changes nothing on a real account. Every operation of the
 * table has at least one: reads, no-op updates, a meeting token (a stateless JWT), and writes that
 * are refused before anything changes (a key that is nobody's, a room or webhook that does not
 * exist), each with a body that would change nothing even if it were accepted.
 */
import type { DailyScenario, DailyTarget, ScenarioRequest } from './types';

/** A key that belongs to nobody. */
const WRONG_KEY = 'perm-mock-not-a-valid-key';
/** A room name no account has (the same one every scenario uses). */
const NO_SUCH_ROOM = 'perm-mock-no-such-room-5c1e';
/** A webhook uuid no domain has: well-formed, so only its absence is tested. */
const NO_SUCH_WEBHOOK = '00000000-5c1e-4000-8000-000000000000';

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

/** Any Daily call with a JSON body (or none), with the target's key unless `key` says otherwise. */
function call(
  target: DailyTarget,
  method: ScenarioRequest['method'],
  path: string,
  body?: unknown,
  key = target.apiKey,
): ScenarioRequest {
  return {
    method,
    url: `${target.baseUrl}${path}`,
    headers: {
      Authorization: `Bearer ${key}`,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  };
}

function room(name: string, rest = ''): string {
  return `/rooms/${encodeURIComponent(name)}${rest}`;
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
    build: (t) => post(t, '{"data":{}}', { Authorization: `Bearer ${WRONG_KEY}` }),
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
    build: (t) => get(t, room(NO_SUCH_ROOM)),
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
    build: (t) => post(t, '{"data":{}}', {}, NO_SUCH_ROOM),
  },
  {
    id: 'daily.set-domain-wrong-key',
    api: 'daily',
    operation: 'daily.setDomain',
    title: "set the domain's properties with an API key that is not valid",
    safety: 'the key belongs to nobody, and the body sets no property',
    expectStatus: 401,
    expectBody: errorType('authentication-error'),
    build: (t) => call(t, 'POST', '/', { properties: {} }, WRONG_KEY),
  },
  {
    id: 'daily.create-room-wrong-key',
    api: 'daily',
    operation: 'daily.createRoom',
    title: 'create a room with an API key that is not valid',
    safety: 'the key belongs to nobody, and the privacy is not a valid value, so the room would be refused anyway',
    expectStatus: 401,
    expectBody: errorType('authentication-error'),
    build: (t) => call(t, 'POST', '/rooms', { name: NO_SUCH_ROOM, privacy: 'perm-mock-not-a-privacy' }, WRONG_KEY),
  },
  {
    id: 'daily.update-unknown-room',
    api: 'daily',
    operation: 'daily.updateRoom',
    title: 'change a room that does not exist',
    safety: 'the room does not exist, and the body names no property to change',
    expectStatus: 404,
    expectBody: errorType('not-found'),
    build: (t) => call(t, 'POST', room(NO_SUCH_ROOM), { properties: {} }),
  },
  {
    id: 'daily.delete-room-wrong-key',
    api: 'daily',
    operation: 'daily.deleteRoom',
    title: 'delete a room that does not exist, with an API key that is not valid',
    safety: 'the key belongs to nobody, and the room does not exist',
    expectStatus: 401,
    expectBody: errorType('authentication-error'),
    build: (t) => call(t, 'DELETE', room(NO_SUCH_ROOM), undefined, WRONG_KEY),
  },
  {
    id: 'daily.create-meeting-token',
    api: 'daily',
    operation: 'daily.createMeetingToken',
    title: "make a non-owner meeting token for the target's room, valid for a minute",
    safety:
      'a meeting token is a stateless JWT signed with the API key: Daily stores nothing and keeps no list of tokens; this one grants no owner rights and expires a minute later',
    expectStatus: 200,
    build: (t) =>
      call(t, 'POST', '/meeting-tokens', {
        properties: { room_name: t.room, is_owner: false, exp: Math.floor(Date.now() / 1000) + 60 },
      }),
  },
  {
    id: 'daily.eject-unknown-room',
    api: 'daily',
    operation: 'daily.eject',
    title: 'eject nobody from a room that does not exist',
    safety: 'the room does not exist, and the body names no participant (ids [])',
    expectStatus: 404,
    expectBody: errorType('not-found'),
    build: (t) => call(t, 'POST', room(NO_SUCH_ROOM, '/eject'), { ids: [] }),
  },
  {
    id: 'daily.session-data',
    api: 'daily',
    operation: 'daily.getSessionData',
    title: "read the session data of the target's call",
    safety: 'a read',
    expectStatus: 200,
    build: (t) => call(t, 'GET', room(t.room, '/get-session-data')),
  },
  {
    id: 'daily.set-session-data-unknown-room',
    api: 'daily',
    operation: 'daily.setSessionData',
    title: 'merge nothing into the session data of a room that does not exist',
    safety: 'the room does not exist, and a shallow merge of {} with no keysToDelete changes nothing',
    expectStatus: 404,
    expectBody: errorType('not-found'),
    build: (t) =>
      call(t, 'POST', room(NO_SUCH_ROOM, '/set-session-data'), { data: {}, mergeStrategy: 'shallow-merge' }),
  },
  {
    id: 'daily.app-message-unknown-room',
    api: 'daily',
    operation: 'daily.sendAppMessage',
    title: 'send an app message to a room that does not exist',
    safety: 'the room does not exist, so nobody receives it',
    expectStatus: 404,
    expectBody: errorType('not-found'),
    build: (t) => call(t, 'POST', room(NO_SUCH_ROOM, '/send-app-message'), { data: {}, recipient: '*' }),
  },
  {
    id: 'daily.create-webhook-wrong-key',
    api: 'daily',
    operation: 'daily.createWebhook',
    title: 'register a webhook with an API key that is not valid',
    safety:
      'the key belongs to nobody; the URL is on a reserved domain (.invalid) that cannot answer the verification, so even a valid key would be refused',
    expectStatus: 401,
    expectBody: errorType('authentication-error'),
    build: (t) => call(t, 'POST', '/webhooks', { url: 'https://perm-mock.invalid/webhook' }, WRONG_KEY),
  },
  {
    id: 'daily.list-webhooks',
    api: 'daily',
    operation: 'daily.listWebhooks',
    title: "list the domain's webhooks",
    safety: 'a read',
    expectStatus: 200,
    build: (t) => call(t, 'GET', '/webhooks'),
  },
  {
    id: 'daily.get-unknown-webhook',
    api: 'daily',
    operation: 'daily.getWebhook',
    title: 'read a webhook that does not exist',
    safety: 'a read of nothing',
    expectStatus: 404,
    expectBody: errorType('not-found'),
    build: (t) => call(t, 'GET', `/webhooks/${NO_SUCH_WEBHOOK}`),
  },
  {
    id: 'daily.update-unknown-webhook',
    api: 'daily',
    operation: 'daily.updateWebhook',
    title: 'change a webhook that does not exist',
    safety: 'the webhook does not exist, and the body names no setting to change',
    expectStatus: 404,
    expectBody: errorType('not-found'),
    build: (t) => call(t, 'POST', `/webhooks/${NO_SUCH_WEBHOOK}`, {}),
  },
  {
    id: 'daily.delete-webhook-wrong-key',
    api: 'daily',
    operation: 'daily.deleteWebhook',
    title: 'delete a webhook that does not exist, with an API key that is not valid',
    safety: 'the key belongs to nobody, and the webhook does not exist',
    expectStatus: 401,
    expectBody: errorType('authentication-error'),
    build: (t) => call(t, 'DELETE', `/webhooks/${NO_SUCH_WEBHOOK}`, undefined, WRONG_KEY),
  },
];

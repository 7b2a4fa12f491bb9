/** Daily's rows of the operation table: the surface under /v1 and the operations served there. */
import {
  json,
  type HttpMethod,
  type OperationContract,
  type RateBucket,
  type RequestContract,
  type ResponseContract,
  type SurfaceContract,
} from './types';

const ERRORS = 'urn:perm-mock:daily:errors#/$defs';
const ROOMS = 'urn:perm-mock:daily:rooms#/$defs';
const TOKENS = 'urn:perm-mock:daily:meeting-tokens#/$defs';
const CALLS = 'urn:perm-mock:daily:calls#/$defs';
const HOOKS = 'urn:perm-mock:daily:webhooks#/$defs';

export const DAILY_SURFACE: SurfaceContract = {
  id: 'daily',
  api: 'daily',
  title: 'Daily REST API',
  prefixes: ['/v1/', '/v1'],
  responses: {
    404: json("No Daily operation at this path (the mock answers in Daily's not-found envelope)", `${ERRORS}/notFound`),
    405: json('The path is served, but not for this method (Allow lists the methods)', `${ERRORS}/methodNotAllowed`, {
      mockOnly: true,
    }),
    500: json('Server error', `${ERRORS}/serverError`),
  },
};

const DEFAULT_BUCKET = 'daily.default';
const DELETE_BUCKET = 'daily.delete';

/** Daily's three documented buckets (its REST reference, "Rate limits"). */
export const DAILY_RATE_BUCKETS: readonly RateBucket[] = [
  {
    id: DEFAULT_BUCKET,
    api: 'daily',
    windows: [
      { limit: 20, seconds: 1 },
      { limit: 100, seconds: 5 },
    ],
    per: 'namespace',
    source: "Daily's REST reference: most endpoints, 20 requests a second or 100 per 5-second window",
  },
  {
    id: DELETE_BUCKET,
    api: 'daily',
    windows: [
      { limit: 2, seconds: 1 },
      { limit: 50, seconds: 30 },
    ],
    per: 'namespace',
    source:
      "Daily's REST reference: DELETE /rooms/:name and GET /recordings, about 2 a second or 50 per 30-second window",
  },
  {
    id: 'daily.media',
    api: 'daily',
    windows: [
      { limit: 1, seconds: 1 },
      { limit: 5, seconds: 5 },
    ],
    per: 'namespace',
    source:
      "Daily's REST reference: starting a recording, live stream, PSTN or SIP call, about 1 a second or 5 per 5-second window (the mock serves none of these yet)",
  },
];

/** Answers every Daily operation may give. */
const COMMON: Readonly<Record<number, ResponseContract>> = {
  400: json('Missing Authorization header, unparseable JSON or an invalid request', `${ERRORS}/badRequest`),
  401: json('The API key is not valid', `${ERRORS}/unauthorized`),
  403: json(
    'The key is valid but the resource is forbidden (Daily does not say when; the mock answers it only when a fault injects it)',
    `${ERRORS}/forbidden`,
  ),
  429: json('Rate limited', `${ERRORS}/rateLimited`),
  500: json('Server error', `${ERRORS}/serverError`),
};
const TOO_LARGE = json('The body is larger than the configured limit (a mock decision)', `${ERRORS}/payloadTooLarge`, {
  mockOnly: true,
});
const NOT_FOUND_ROOM = json('No such room, or its exp has passed', `${ERRORS}/notFound`);

interface Row {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  /** The request body's schema; absent for an operation without one. */
  readonly body?: { readonly schema: string; readonly optional?: boolean };
  readonly ok: ResponseContract;
  readonly notFound?: ResponseContract;
  readonly bucket?: string;
}

function operation(row: Row): OperationContract {
  const request: RequestContract | undefined =
    row.body === undefined
      ? undefined
      : {
          schema: row.body.schema,
          contentType: 'application/json',
          auth: 'bearer',
          ...(row.body.optional === true && { optional: true }),
        };
  return {
    id: row.id,
    api: 'daily',
    surface: 'daily',
    method: row.method,
    path: row.path,
    summary: row.summary,
    ...(request === undefined ? { auth: 'bearer' as const } : { request }),
    rateLimit: row.bucket ?? DEFAULT_BUCKET,
    responses: Object.fromEntries(
      [
        [200, row.ok] as const,
        ...Object.entries(COMMON),
        ...(row.notFound === undefined ? [] : [[404, row.notFound] as const]),
        ...(request === undefined ? [] : [[413, TOO_LARGE] as const]),
      ].sort(([a], [b]) => Number(a) - Number(b)),
    ),
  };
}

const ROWS: readonly Row[] = [
  {
    id: 'daily.updatePermissions',
    method: 'POST',
    path: '/v1/rooms/{name}/update-permissions',
    summary: "Update participants' permissions in an ongoing Daily meeting",
    body: { schema: 'urn:perm-mock:daily:update-permissions-request' },
    ok: json(
      'Permissions updated (the body is undocumented upstream; {} by default)',
      'urn:perm-mock:daily:update-permissions-response',
    ),
    notFound: json(
      'No such room, the room is not hosting a call, or (strict mode) an unknown participant',
      `${ERRORS}/notFound`,
    ),
  },
  {
    id: 'daily.getDomain',
    method: 'GET',
    path: '/v1/',
    summary: "The domain's configuration (the simplest call: a check of the Authorization header)",
    ok: json('The domain: its name, id and config', `${ROOMS}/domain`),
  },
  {
    id: 'daily.setDomain',
    method: 'POST',
    path: '/v1/',
    summary: "Set the domain's properties (permissions among them); null returns a property to its default",
    body: { schema: `${ROOMS}/setDomainRequest` },
    ok: json('The domain after the change', `${ROOMS}/domain`),
  },
  {
    id: 'daily.createRoom',
    method: 'POST',
    path: '/v1/rooms',
    summary: 'Create a room (name, privacy and properties all optional)',
    body: { schema: `${ROOMS}/createRequest`, optional: true },
    ok: json('The room', `${ROOMS}/room`),
  },
  {
    id: 'daily.listRooms',
    method: 'GET',
    path: '/v1/rooms',
    summary: 'List rooms, newest first; query: limit (1–100), starting_after, ending_before (an id, or OLDEST)',
    ok: json('A page of rooms and the total count', `${ROOMS}/roomList`),
  },
  {
    id: 'daily.getRoom',
    method: 'GET',
    path: '/v1/rooms/{name}',
    summary: 'Read a room',
    ok: json('The room', `${ROOMS}/room`),
    notFound: NOT_FOUND_ROOM,
  },
  {
    id: 'daily.updateRoom',
    method: 'POST',
    path: '/v1/rooms/{name}',
    summary: "Set a room's privacy and properties (unnamed ones keep their values; null resets one)",
    body: { schema: `${ROOMS}/updateRequest` },
    ok: json('The room after the change', `${ROOMS}/room`),
    notFound: NOT_FOUND_ROOM,
  },
  {
    id: 'daily.deleteRoom',
    method: 'DELETE',
    path: '/v1/rooms/{name}',
    summary: 'Delete a room, ending its call',
    ok: json('Deleted', `${ROOMS}/deleted`),
    notFound: json(
      'No such room (deleted: true as well when the room had expired, and is now deleted)',
      `${ERRORS}/notFoundDeleted`,
    ),
    bucket: DELETE_BUCKET,
  },
  {
    id: 'daily.createMeetingToken',
    method: 'POST',
    path: '/v1/meeting-tokens',
    summary: "Make a meeting token: an HS256 JWT signed with the domain's API key, with Daily's abbreviated claims",
    body: { schema: `${TOKENS}/createRequest`, optional: true },
    ok: json('The token', `${TOKENS}/createResponse`),
  },
  {
    id: 'daily.validateMeetingToken',
    method: 'GET',
    path: '/v1/meeting-tokens/{token}',
    summary: 'Validate a meeting token (made here or self-signed); query: ignoreNbf (true|false)',
    ok: json(
      "The token's properties, by their long names (or its claims as signed, with --daily-token-validate claims)",
      `${TOKENS}/validateResponse`,
    ),
    // Daily does not record how it refuses a token: the mock answers 400, and a fault may ask for 404.
    notFound: json(
      'A token Daily does not know, if it answers so (not recorded; injected by a fault)',
      `${ERRORS}/notFound`,
    ),
  },
  {
    id: 'daily.getRoomPresence',
    method: 'GET',
    path: '/v1/rooms/{name}/presence',
    summary: "Who is in the room's call now; query: limit, userId, userName",
    ok: json('The participants in the call', `${CALLS}/roomPresence`),
    notFound: NOT_FOUND_ROOM,
  },
  {
    id: 'daily.getPresence',
    method: 'GET',
    path: '/v1/presence',
    summary: 'Who is in a call now, in every room of the domain',
    ok: json('Room name to its participants', `${CALLS}/presence`),
  },
  {
    id: 'daily.eject',
    method: 'POST',
    path: '/v1/rooms/{name}/eject',
    summary:
      'Eject participants by session id (ids) or user id (user_ids); ban keeps those user ids out of this meeting',
    body: { schema: `${CALLS}/ejectRequest` },
    ok: json('The session ids ejected', `${CALLS}/ejectResponse`),
    notFound: NOT_FOUND_ROOM,
  },
  {
    id: 'daily.getSessionData',
    method: 'GET',
    path: '/v1/rooms/{name}/get-session-data',
    summary: "The session data of the room's meeting",
    ok: json('The session data', `${CALLS}/sessionData`),
    notFound: json('No such room, or the room is not hosting a call', `${ERRORS}/notFound`),
  },
  {
    id: 'daily.setSessionData',
    method: 'POST',
    path: '/v1/rooms/{name}/set-session-data',
    summary: "Set the session data of the room's meeting: replace, or shallow-merge with keysToDelete",
    body: { schema: `${CALLS}/setSessionDataRequest` },
    ok: json('Set (the body is undocumented upstream; {})', `${CALLS}/empty`),
    notFound: json('No such room, or the room is not hosting a call', `${ERRORS}/notFound`),
  },
  {
    id: 'daily.sendAppMessage',
    method: 'POST',
    path: '/v1/rooms/{name}/send-app-message',
    summary: 'Send an app message to the participants in the call (the mock keeps it for tests to read)',
    body: { schema: `${CALLS}/appMessageRequest` },
    ok: json('Sent (the body is undocumented upstream; {})', `${CALLS}/empty`),
    notFound: json('No such room, or the room is not hosting a call', `${ERRORS}/notFound`),
  },
  {
    id: 'daily.createWebhook',
    method: 'POST',
    path: '/v1/webhooks',
    summary: "Register the domain's webhook; the URL must answer a verification request with 200 first",
    body: { schema: `${HOOKS}/createRequest` },
    ok: json('The webhook', `${HOOKS}/webhook`),
  },
  {
    id: 'daily.listWebhooks',
    method: 'GET',
    path: '/v1/webhooks',
    summary: "The domain's webhooks (a domain has at most one)",
    ok: json('The webhooks', `${HOOKS}/webhookList`),
  },
  {
    id: 'daily.getWebhook',
    method: 'GET',
    path: '/v1/webhooks/{uuid}',
    summary: 'Read a webhook',
    ok: json('The webhook', `${HOOKS}/webhook`),
    notFound: json('No such webhook', `${ERRORS}/notFound`),
  },
  {
    id: 'daily.updateWebhook',
    method: 'POST',
    path: '/v1/webhooks/{uuid}',
    summary: 'Change a webhook (the URL is verified again) and make a FAILED one ACTIVE',
    body: { schema: `${HOOKS}/updateRequest` },
    ok: json('The webhook after the change', `${HOOKS}/webhook`),
    notFound: json('No such webhook', `${ERRORS}/notFound`),
  },
  {
    id: 'daily.deleteWebhook',
    method: 'DELETE',
    path: '/v1/webhooks/{uuid}',
    summary: 'Delete a webhook: nothing more is sent to it',
    ok: json('Deleted (the body is undocumented upstream)', `${HOOKS}/deleted`),
    notFound: json('No such webhook', `${ERRORS}/notFound`),
  },
];

export const DAILY_OPERATIONS: readonly OperationContract[] = ROWS.map(operation);

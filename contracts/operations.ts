/**
 * The operation catalogue: for every HTTP operation perm-mock serves (the mocked APIs and the control
 * API), which schema its request body and each of its responses must satisfy. The routes, the tests,
 * the harness and the OpenAPI documents all read this one table.
 */
export type ApiName = 'daily' | 'sonoran' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export const JSON_TYPE = 'application/json';
export const PROBLEM_TYPE = 'application/problem+json';

export interface ResponseContract {
  readonly description: string;
  /** Schema id of the body; absent for a response without a body (204). */
  readonly schema?: string;
  readonly contentType?: string;
}

export interface OperationContract {
  readonly id: string;
  readonly api: ApiName;
  readonly method: HttpMethod;
  /** OpenAPI-style path template, e.g. `/v1/rooms/{name}/update-permissions`. */
  readonly path: string;
  readonly summary: string;
  readonly request?: {
    readonly schema: string;
    readonly contentType: string;
    /** `bearer`: the request must carry `Authorization: Bearer <key>`. */
    readonly auth?: 'bearer';
  };
  readonly responses: Readonly<Record<number, ResponseContract>>;
}

const DAILY_ERRORS = 'urn:perm-mock:daily:errors#/$defs';
const SONORAN = 'urn:perm-mock:sonoran-radio:responses#/$defs';
const PROBLEM = 'urn:perm-mock:admin:problem';
const ADMIN_DAILY = 'urn:perm-mock:admin:daily#/$defs';
const ADMIN_SONORAN = 'urn:perm-mock:admin:sonoran-radio#/$defs';
const ADMIN_NS = 'urn:perm-mock:admin:namespaces#/$defs';

const problem = (description: string): ResponseContract => ({
  description,
  schema: PROBLEM,
  contentType: PROBLEM_TYPE,
});
const json = (description: string, schema: string): ResponseContract => ({
  description,
  schema,
  contentType: JSON_TYPE,
});

const OPERATION_LIST: readonly OperationContract[] = [
  {
    id: 'daily.updatePermissions',
    api: 'daily',
    method: 'POST',
    path: '/v1/rooms/{name}/update-permissions',
    summary: "Update participants' permissions in an ongoing Daily meeting",
    request: { schema: 'urn:perm-mock:daily:update-permissions-request', contentType: JSON_TYPE, auth: 'bearer' },
    responses: {
      200: json(
        'Permissions updated (the body is undocumented upstream; {} by default)',
        'urn:perm-mock:daily:update-permissions-response',
      ),
      400: json('Missing Authorization header, unparseable JSON or an invalid body', `${DAILY_ERRORS}/badRequest`),
      401: json('The API key is not valid', `${DAILY_ERRORS}/unauthorized`),
      404: json(
        'No such room, the room is not hosting a call, or (strict mode) an unknown participant',
        `${DAILY_ERRORS}/notFound`,
      ),
      413: json('The body is larger than the configured limit (a mock decision)', `${DAILY_ERRORS}/payloadTooLarge`),
      429: json('Rate limited', `${DAILY_ERRORS}/rateLimited`),
      500: json('Server error', `${DAILY_ERRORS}/serverError`),
    },
  },
  {
    id: 'sonoran.setMemberPermissions',
    api: 'sonoran',
    method: 'POST',
    path: '/api/servers/{id}/members/permissions',
    summary: "Replace members' permission masks and upsert their private-channel access in a Sonoran Radio community",
    request: { schema: 'urn:perm-mock:sonoran-radio:set-member-permissions-request', contentType: JSON_TYPE },
    responses: {
      200: json('Applied', `${SONORAN}/ok`),
      400: json('Malformed request (the body is always {"error":"Invalid request"})', `${SONORAN}/invalidRequest`),
      404: json('Unknown community or wrong apiKey, or (strict mode) an unknown member', `${SONORAN}/bad`),
      413: json('The body is larger than the configured limit (a mock decision)', `${SONORAN}/invalidRequest`),
      429: json('Rate limited (body undocumented upstream)', `${SONORAN}/error`),
      500: json('Server error (body undocumented upstream)', `${SONORAN}/error`),
    },
  },
  {
    id: 'admin.health',
    api: 'admin',
    method: 'GET',
    path: '/__admin/health',
    summary: 'Liveness check',
    responses: { 200: json('The mock is up', 'urn:perm-mock:admin:health') },
  },
  {
    id: 'admin.getState',
    api: 'admin',
    method: 'GET',
    path: '/__admin/state',
    summary: 'The whole mock state',
    responses: { 200: json('Every room (and later, community)', 'urn:perm-mock:admin:state') },
  },
  {
    id: 'admin.reset',
    api: 'admin',
    method: 'POST',
    path: '/__admin/reset',
    summary: 'Restore the startup world',
    responses: { 200: json('The restored state', 'urn:perm-mock:admin:state') },
  },
  {
    id: 'admin.openApiIndex',
    api: 'admin',
    method: 'GET',
    path: '/__admin/openapi.json',
    summary: 'Links to the OpenAPI 3.1 document of each mocked API and of the control API',
    responses: { 200: json('The index', 'urn:perm-mock:admin:openapi#/$defs/index') },
  },
  {
    id: 'admin.openApiDocument',
    api: 'admin',
    method: 'GET',
    path: '/__admin/openapi/{document}',
    summary: 'One OpenAPI 3.1 document: daily.json, sonoran-radio.json or admin.json',
    responses: {
      200: json('The document', 'urn:perm-mock:admin:openapi#/$defs/document'),
      404: problem('No such document'),
    },
  },
  {
    id: 'admin.listRequests',
    api: 'admin',
    method: 'GET',
    path: '/__admin/requests',
    summary:
      'The request journal, oldest first; query: api (daily|sonoran), path (exact or prefix*), valid (true|false)',
    responses: {
      200: json('Journal entries', 'urn:perm-mock:admin:journal#/$defs/list'),
      400: problem('A query value is not valid'),
    },
  },
  {
    id: 'admin.clearRequests',
    api: 'admin',
    method: 'DELETE',
    path: '/__admin/requests',
    summary: 'Empty the request journal',
    responses: { 204: { description: 'Emptied' } },
  },
  {
    id: 'admin.listDailyRooms',
    api: 'admin',
    method: 'GET',
    path: '/__admin/daily/rooms',
    summary: 'List Daily rooms',
    responses: { 200: json('Every room', `${ADMIN_DAILY}/roomList`) },
  },
  {
    id: 'admin.putDailyRoom',
    api: 'admin',
    method: 'PUT',
    path: '/__admin/daily/rooms/{name}',
    summary: 'Create or replace a Daily room and its live participants',
    request: { schema: `${ADMIN_DAILY}/roomInput`, contentType: JSON_TYPE },
    responses: {
      200: json('The room as stored', `${ADMIN_DAILY}/room`),
      400: problem('Invalid room name or body'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.getDailyRoom',
    api: 'admin',
    method: 'GET',
    path: '/__admin/daily/rooms/{name}',
    summary: 'Read a Daily room and its participants',
    responses: { 200: json('The room', `${ADMIN_DAILY}/room`), 404: problem('No such room') },
  },
  {
    id: 'admin.deleteDailyRoom',
    api: 'admin',
    method: 'DELETE',
    path: '/__admin/daily/rooms/{name}',
    summary: 'Delete a Daily room',
    responses: { 204: { description: 'Deleted' }, 404: problem('No such room') },
  },
  {
    id: 'admin.joinDailyParticipant',
    api: 'admin',
    method: 'POST',
    path: '/__admin/daily/rooms/{name}/participants',
    summary: 'A participant joins a Daily room',
    request: { schema: `${ADMIN_DAILY}/participantInput`, contentType: JSON_TYPE },
    responses: {
      201: json('The room after the join', `${ADMIN_DAILY}/room`),
      400: problem('Invalid body'),
      404: problem('No such room'),
      409: problem('A participant with this id is already in the room'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.leaveDailyParticipant',
    api: 'admin',
    method: 'DELETE',
    path: '/__admin/daily/rooms/{name}/participants/{id}',
    summary: 'A participant leaves a Daily room',
    responses: {
      200: json('The room after the leave', `${ADMIN_DAILY}/room`),
      404: problem('No such room or participant'),
    },
  },
  {
    id: 'admin.listSonoranCommunities',
    api: 'admin',
    method: 'GET',
    path: '/__admin/sonoran/communities',
    summary: 'List Sonoran Radio communities',
    responses: { 200: json('Every community', `${ADMIN_SONORAN}/communityList`) },
  },
  {
    id: 'admin.putSonoranCommunity',
    api: 'admin',
    method: 'PUT',
    path: '/__admin/sonoran/communities/{id}',
    summary: 'Create or replace a Sonoran Radio community with its key, channels and members',
    request: { schema: `${ADMIN_SONORAN}/communityInput`, contentType: JSON_TYPE },
    responses: {
      200: json('The community as stored', `${ADMIN_SONORAN}/community`),
      400: problem('Invalid community id or body'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.getSonoranCommunity',
    api: 'admin',
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}',
    summary: 'Read a Sonoran Radio community',
    responses: { 200: json('The community', `${ADMIN_SONORAN}/community`), 404: problem('No such community') },
  },
  {
    id: 'admin.deleteSonoranCommunity',
    api: 'admin',
    method: 'DELETE',
    path: '/__admin/sonoran/communities/{id}',
    summary: 'Delete a Sonoran Radio community',
    responses: { 204: { description: 'Deleted' }, 404: problem('No such community') },
  },
  {
    id: 'admin.getSonoranMember',
    api: 'admin',
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}/members/{accId}',
    summary: 'Read one member: mask, bit names and channel access',
    responses: { 200: json('The member', `${ADMIN_SONORAN}/member`), 404: problem('No such community or member') },
  },
  {
    id: 'admin.listNamespaces',
    api: 'admin',
    method: 'GET',
    path: '/__admin/namespaces',
    summary: 'Namespaces besides default, with their use (idle ones past the TTL are removed first)',
    responses: { 200: json('The namespaces', `${ADMIN_NS}/namespaceList`) },
  },
  {
    id: 'admin.putNamespace',
    api: 'admin',
    method: 'PUT',
    path: '/__admin/namespaces/{name}',
    summary: 'Create a namespace, or start it again, from the startup world or empty',
    request: { schema: `${ADMIN_NS}/namespaceInput`, contentType: JSON_TYPE },
    responses: {
      200: json('Started again', `${ADMIN_NS}/namespace`),
      201: json('Created', `${ADMIN_NS}/namespace`),
      400: problem('Invalid name or body, the default namespace, or too many namespaces'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.deleteNamespace',
    api: 'admin',
    method: 'DELETE',
    path: '/__admin/namespaces/{name}',
    summary: 'Delete a namespace: its state, journal, faults and rate limits',
    responses: {
      204: { description: 'Deleted' },
      400: problem('The default namespace'),
      404: problem('No such namespace'),
    },
  },
  {
    id: 'admin.listFaults',
    api: 'admin',
    method: 'GET',
    path: '/__admin/faults',
    summary: "The faults armed in the request's namespace",
    responses: { 200: json('The faults', `${ADMIN_NS}/faultList`) },
  },
  {
    id: 'admin.addFault',
    api: 'admin',
    method: 'POST',
    path: '/__admin/faults',
    summary: "Arm a fault in the request's namespace: a status, a delay or a dropped connection",
    request: { schema: `${ADMIN_NS}/faultInput`, contentType: JSON_TYPE },
    responses: {
      201: json('Armed', `${ADMIN_NS}/fault`),
      400: problem('A fault that cannot be injected as described'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.clearFaults',
    api: 'admin',
    method: 'DELETE',
    path: '/__admin/faults',
    summary: "Disarm every fault of the request's namespace",
    responses: { 204: { description: 'Disarmed' } },
  },
  {
    id: 'admin.deleteFault',
    api: 'admin',
    method: 'DELETE',
    path: '/__admin/faults/{id}',
    summary: 'Disarm one fault',
    responses: { 204: { description: 'Disarmed' }, 404: problem('No such fault') },
  },
  {
    id: 'admin.getRateLimits',
    api: 'admin',
    method: 'GET',
    path: '/__admin/rate-limits',
    summary: "The rate limits in force in the request's namespace",
    responses: { 200: json('The rate limits', `${ADMIN_NS}/rateLimits`) },
  },
  {
    id: 'admin.putRateLimits',
    api: 'admin',
    method: 'PUT',
    path: '/__admin/rate-limits',
    summary: "Switch rate limits on or off in the request's namespace",
    request: { schema: `${ADMIN_NS}/rateLimitsInput`, contentType: JSON_TYPE },
    responses: {
      200: json('The rate limits now in force', `${ADMIN_NS}/rateLimits`),
      400: problem('Invalid body'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
  {
    id: 'admin.listScenarios',
    api: 'admin',
    method: 'GET',
    path: '/__admin/scenarios',
    summary: 'The named scenarios that can be loaded',
    responses: { 200: json('The scenarios', 'urn:perm-mock:admin:scenarios#/$defs/list') },
  },
  {
    id: 'admin.loadScenario',
    api: 'admin',
    method: 'POST',
    path: '/__admin/scenarios/{name}',
    summary: "Load a scenario into the request's namespace (its rooms and communities replace the namespace's)",
    responses: { 200: json('The state after loading', 'urn:perm-mock:admin:state'), 404: problem('No such scenario') },
  },
];

export const OPERATIONS: ReadonlyMap<string, OperationContract> = new Map(OPERATION_LIST.map((op) => [op.id, op]));

/** Failures every route may answer with, whatever its own table says. */
export const COMMON_RESPONSES: Readonly<Record<number, ResponseContract>> = {
  404: problem('No route matches (MOCK_ROUTE_NOT_FOUND)'),
  405: problem('The path exists but not for this method (MOCK_METHOD_NOT_ALLOWED)'),
  500: problem('A fault in the mock itself (MOCK_INTERNAL_ERROR)'),
};

export function getOperation(id: string): OperationContract {
  const op = OPERATIONS.get(id);
  if (op === undefined) {
    throw new Error(`unknown operation "${id}"; known operations: ${[...OPERATIONS.keys()].join(', ')}`);
  }
  return op;
}

interface CompiledPath {
  readonly op: OperationContract;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const COMPILED: readonly CompiledPath[] = OPERATION_LIST.map((op) => {
  const names: string[] = [];
  const source = op.path
    .split('/')
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part);
      if (param === null) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1] ?? '');
      return '([^/]+)';
    })
    .join('/');
  return { op, pattern: new RegExp(`^${source}$`), names };
});

export interface OperationMatch {
  readonly operation: OperationContract;
  /** Path parameters, percent-decoded where possible. */
  readonly params: Readonly<Record<string, string>>;
}

/** Which operation a method and URL path (query ignored) belong to, if any. */
export function matchOperation(method: string, url: string): OperationMatch | undefined {
  const path = url.split('?', 1)[0] ?? '';
  for (const { op, pattern, names } of COMPILED) {
    if (op.method !== method.toUpperCase()) continue;
    const match = pattern.exec(path);
    if (match === null) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      const raw = match[i + 1] ?? '';
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    return { operation: op, params };
  }
  return undefined;
}

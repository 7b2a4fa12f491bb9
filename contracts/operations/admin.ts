/** The control API's rows of the operation table: everything under /__admin. */
import { empty, json, problem, type OperationContract, type SurfaceContract } from './types';

const ADMIN_DAILY = 'urn:perm-mock:admin:daily#/$defs';
const ADMIN_SONORAN = 'urn:perm-mock:admin:sonoran-radio#/$defs';
const ADMIN_NS = 'urn:perm-mock:admin:namespaces#/$defs';
const JSON_TYPE = 'application/json';

export const ADMIN_SURFACE: SurfaceContract = {
  id: 'admin',
  api: 'admin',
  title: 'perm-mock control API',
  prefixes: ['/__admin/', '/__admin'],
  responses: {
    400: problem('A request the control API cannot read (a namespace name, a malformed path)'),
    401: problem('The admin token is missing or wrong (MOCK_ADMIN_UNAUTHORIZED)'),
    404: problem('No control-API route matches (MOCK_ROUTE_NOT_FOUND)'),
    405: problem('The path exists but not for this method (MOCK_METHOD_NOT_ALLOWED)'),
    500: problem('A fault in the mock itself (MOCK_INTERNAL_ERROR)'),
  },
};

type Row = Omit<OperationContract, 'api' | 'surface'>;

const ROWS: readonly Row[] = [
  {
    id: 'admin.health',
    method: 'GET',
    path: '/__admin/health',
    summary: 'Liveness check (served without the admin token, for readiness probes)',
    open: true,
    responses: { 200: json('The mock is up', 'urn:perm-mock:admin:health') },
  },
  {
    id: 'admin.getState',
    method: 'GET',
    path: '/__admin/state',
    summary: 'The whole mock state',
    responses: { 200: json('Every room (and later, community)', 'urn:perm-mock:admin:state') },
  },
  {
    id: 'admin.reset',
    method: 'POST',
    path: '/__admin/reset',
    summary: 'Restore the startup world',
    responses: { 200: json('The restored state', 'urn:perm-mock:admin:state') },
  },
  {
    id: 'admin.openApiIndex',
    method: 'GET',
    path: '/__admin/openapi.json',
    summary: 'Links to the OpenAPI 3.1 document of each mocked API and of the control API',
    responses: { 200: json('The index', 'urn:perm-mock:admin:openapi#/$defs/index') },
  },
  {
    id: 'admin.openApiDocument',
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
    method: 'DELETE',
    path: '/__admin/requests',
    summary: 'Empty the request journal',
    responses: { 204: empty('Emptied') },
  },
  {
    id: 'admin.listDailyRooms',
    method: 'GET',
    path: '/__admin/daily/rooms',
    summary: 'List Daily rooms',
    responses: { 200: json('Every room', `${ADMIN_DAILY}/roomList`) },
  },
  {
    id: 'admin.putDailyRoom',
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
    method: 'GET',
    path: '/__admin/daily/rooms/{name}',
    summary: 'Read a Daily room and its participants',
    responses: { 200: json('The room', `${ADMIN_DAILY}/room`), 404: problem('No such room') },
  },
  {
    id: 'admin.deleteDailyRoom',
    method: 'DELETE',
    path: '/__admin/daily/rooms/{name}',
    summary: 'Delete a Daily room',
    responses: { 204: empty('Deleted'), 404: problem('No such room') },
  },
  {
    id: 'admin.joinDailyParticipant',
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
    method: 'GET',
    path: '/__admin/sonoran/communities',
    summary: 'List Sonoran Radio communities',
    responses: { 200: json('Every community', `${ADMIN_SONORAN}/communityList`) },
  },
  {
    id: 'admin.putSonoranCommunity',
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
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}',
    summary: 'Read a Sonoran Radio community',
    responses: { 200: json('The community', `${ADMIN_SONORAN}/community`), 404: problem('No such community') },
  },
  {
    id: 'admin.deleteSonoranCommunity',
    method: 'DELETE',
    path: '/__admin/sonoran/communities/{id}',
    summary: 'Delete a Sonoran Radio community',
    responses: { 204: empty('Deleted'), 404: problem('No such community') },
  },
  {
    id: 'admin.getSonoranMember',
    method: 'GET',
    path: '/__admin/sonoran/communities/{id}/members/{accId}',
    summary: 'Read one member: mask, bit names and channel access',
    responses: { 200: json('The member', `${ADMIN_SONORAN}/member`), 404: problem('No such community or member') },
  },
  {
    id: 'admin.listNamespaces',
    method: 'GET',
    path: '/__admin/namespaces',
    summary: 'Namespaces besides default, with their use (idle ones past the TTL are removed first)',
    responses: { 200: json('The namespaces', `${ADMIN_NS}/namespaceList`) },
  },
  {
    id: 'admin.putNamespace',
    method: 'PUT',
    path: '/__admin/namespaces/{name}',
    summary: 'Create a namespace, or start it again, from the startup world or empty',
    request: { schema: `${ADMIN_NS}/namespaceInput`, contentType: JSON_TYPE, optional: true },
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
    method: 'DELETE',
    path: '/__admin/namespaces/{name}',
    summary: 'Delete a namespace: its state, journal, faults and rate limits',
    responses: {
      204: empty('Deleted'),
      400: problem('The default namespace'),
      404: problem('No such namespace'),
    },
  },
  {
    id: 'admin.listFaults',
    method: 'GET',
    path: '/__admin/faults',
    summary: "The faults armed in the request's namespace",
    responses: { 200: json('The faults', `${ADMIN_NS}/faultList`) },
  },
  {
    id: 'admin.addFault',
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
    method: 'DELETE',
    path: '/__admin/faults',
    summary: "Disarm every fault of the request's namespace",
    responses: { 204: empty('Disarmed') },
  },
  {
    id: 'admin.deleteFault',
    method: 'DELETE',
    path: '/__admin/faults/{id}',
    summary: 'Disarm one fault',
    responses: { 204: empty('Disarmed'), 404: problem('No such fault') },
  },
  {
    id: 'admin.getRateLimits',
    method: 'GET',
    path: '/__admin/rate-limits',
    summary: "The rate limits in force in the request's namespace",
    responses: { 200: json('The rate limits', `${ADMIN_NS}/rateLimits`) },
  },
  {
    id: 'admin.putRateLimits',
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
    method: 'GET',
    path: '/__admin/scenarios',
    summary: 'The named scenarios that can be loaded',
    responses: { 200: json('The scenarios', 'urn:perm-mock:admin:scenarios#/$defs/list') },
  },
  {
    id: 'admin.loadScenario',
    method: 'POST',
    path: '/__admin/scenarios/{name}',
    summary: "Load a scenario into the request's namespace (its rooms and communities replace the namespace's)",
    responses: { 200: json('The state after loading', 'urn:perm-mock:admin:state'), 404: problem('No such scenario') },
  },
];

export const ADMIN_OPERATIONS: readonly OperationContract[] = ROWS.map((row) => ({
  ...row,
  api: 'admin',
  surface: 'admin',
}));

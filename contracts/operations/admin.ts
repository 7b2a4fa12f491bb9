/** The control API's rows of the operation table: the surface under /__admin and its core operations. */
import { empty, json, problem, type OperationContract, type SurfaceContract } from './types';

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
    403: problem(
      'A web page of another origin, or a Host that is not a name of this machine (MOCK_CROSS_ORIGIN, MOCK_FOREIGN_HOST)',
    ),
    404: problem('No control-API route matches (MOCK_ROUTE_NOT_FOUND)'),
    405: problem('The path exists but not for this method (MOCK_METHOD_NOT_ALLOWED)'),
    500: problem('A fault in the mock itself (MOCK_INTERNAL_ERROR)'),
  },
};

/** A control-API row: its api and surface are always `admin`. */
export type AdminRow = Omit<OperationContract, 'api' | 'surface'>;

/** The rows as operations of the control API. */
export function adminOperations(rows: readonly AdminRow[]): OperationContract[] {
  return rows.map((row) => ({ ...row, api: 'admin', surface: 'admin' }));
}

const ROWS: readonly AdminRow[] = [
  {
    id: 'admin.getReport',
    method: 'GET',
    path: '/__admin/report',
    summary:
      'The verdicts of the run so far, per namespace and operation: requests, contract violations and warnings by kind, answers received and never received, injected failures survived',
    responses: { 200: json('The report', 'urn:perm-mock:admin:report') },
  },
  {
    id: 'admin.getReportJunit',
    method: 'GET',
    path: '/__admin/report.xml',
    summary: 'The same verdicts as JUnit XML: one test case per operation, a failure per kind of violation',
    responses: { 200: { description: 'JUnit XML', contentType: 'application/xml' } },
  },
  {
    id: 'admin.getReportMarkdown',
    method: 'GET',
    path: '/__admin/report.md',
    summary: 'The same verdicts as Markdown (a job summary, a pull-request comment)',
    responses: { 200: { description: 'Markdown', contentType: 'text/markdown' } },
  },
  {
    id: 'admin.getClock',
    method: 'GET',
    path: '/__admin/clock',
    summary: "The request's namespace's clock: now, how far it was advanced, and the timers still to fire",
    responses: { 200: json('The clock', 'urn:perm-mock:admin:clock#/$defs/clock') },
  },
  {
    id: 'admin.advanceClock',
    method: 'POST',
    path: '/__admin/clock',
    summary: "Move the request's namespace's clock forward; every timer that comes due on the way fires, in order",
    request: { schema: 'urn:perm-mock:admin:clock#/$defs/advance', contentType: JSON_TYPE },
    responses: {
      200: json('The clock after the move', 'urn:perm-mock:admin:clock#/$defs/clock'),
      400: problem('Invalid body'),
      413: problem('Body too large'),
      415: problem('Body not sent as JSON'),
    },
  },
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
    id: 'admin.getRequest',
    method: 'GET',
    path: '/__admin/requests/{id}',
    summary:
      'One journal entry by its id (the X-Perm-Mock-Request-Id header, a request event): the whole exchange, and what it changed while an inspector watched',
    responses: {
      200: json('The entry', 'urn:perm-mock:admin:journal#/$defs/entry'),
      404: problem('No entry has this id in the namespace (never, or dropped from the journal since)'),
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
    id: 'admin.events',
    method: 'GET',
    path: '/__admin/events',
    summary:
      "Server-Sent Events of the request's namespace (all=true: every namespace): request, state, namespace and fault events, each with an id for Last-Event-ID; query: all (true|false), kinds (comma-separated)",
    query: [
      {
        name: 'all',
        description: "true: the events of every namespace, not only the request's",
        schema: { enum: ['true', 'false'] },
      },
      {
        name: 'kinds',
        description: 'The kinds of event wanted, comma-separated (default all): request, state, namespace, fault',
        schema: { type: 'string', pattern: '^(request|state|namespace|fault)(,(request|state|namespace|fault))*$' },
      },
      {
        name: 'lastEventId',
        description: 'Resume after this event id (as the Last-Event-ID header does, for clients that cannot send it)',
        schema: { type: 'string', pattern: '^[0-9]{1,15}$' },
      },
    ],
    responses: {
      200: {
        description:
          "An event stream: `ready` first, then events named by their kind, each event's data matching its kind's schema in perm-mock's contracts/schemas/admin/events.json",
        contentType: 'text/event-stream',
      },
      400: problem('A query value is not valid'),
    },
  },
  {
    id: 'admin.listEventClients',
    method: 'GET',
    path: '/__admin/events/clients',
    summary:
      'The event-stream clients connected now, with the bytes waiting for each, and how many were dropped for reading too slowly',
    responses: { 200: json('The clients', 'urn:perm-mock:admin:events#/$defs/clients') },
  },
  {
    id: 'admin.inspector',
    method: 'GET',
    path: '/__admin/ui',
    summary:
      'The inspector: a page showing rooms, participants, communities and members live, the journal as requests arrive, and the controls (served without the admin token: it is entered on the page)',
    page: true,
    responses: { 200: { description: 'The page', contentType: 'text/html' } },
  },
  {
    id: 'admin.inspectorStyle',
    method: 'GET',
    path: '/__admin/ui/inspector.css',
    summary: "The inspector's style sheet",
    page: true,
    responses: { 200: { description: 'CSS', contentType: 'text/css' } },
  },
  {
    id: 'admin.inspectorScript',
    method: 'GET',
    path: '/__admin/ui/js/{file}',
    summary: "One of the inspector's script modules",
    page: true,
    responses: {
      200: { description: 'A JavaScript module', contentType: 'text/javascript' },
      404: problem('No script of the inspector has this name'),
    },
  },
  {
    id: 'admin.listNamespaces',
    method: 'GET',
    path: '/__admin/namespaces',
    summary: 'Namespaces besides default, with their use (idle ones past the TTL are removed first)',
    responses: { 200: json('The namespaces', `${ADMIN_NS}/namespaceList`) },
  },
  {
    id: 'admin.getMemory',
    method: 'GET',
    path: '/__admin/memory',
    summary:
      'What each namespace holds (state it made, journal), in approximate bytes, against the budget of the namespaces besides default (--namespace-memory)',
    responses: { 200: json('The memory report', `${ADMIN_NS}/memory`) },
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
      400: problem('Invalid name or body, the default namespace, too many namespaces, or the memory budget spent'),
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
    id: 'admin.armCoverage',
    method: 'POST',
    path: '/__admin/faults/coverage',
    summary:
      "Arm every documented failure in turn: for each operation named (or each of an API's), one fault per error status its contract documents, so a client's handling of each is exercised; the report shows which it survived",
    request: { schema: `${ADMIN_NS}/coverageInput`, contentType: JSON_TYPE },
    responses: {
      201: json('The faults armed, in the order they will fire', `${ADMIN_NS}/faultList`),
      400: problem('Neither a known mocked operation nor an API'),
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

/** The control API's own operations (Daily's and Sonoran's are in admin-daily.ts, admin-sonoran-radio.ts). */
export const ADMIN_CORE_OPERATIONS: readonly OperationContract[] = adminOperations(ROWS);

/** Problems the control API raises when it is misused. */
import { MockProblem, type ProblemDefinition, type ProblemExtras } from '../http/problem';

export const ADMIN_PROBLEMS = {
  MOCK_DOCUMENT_NOT_FOUND: {
    status: 404,
    title: 'No OpenAPI document has this name',
    when: 'an OpenAPI document name other than `daily.json`, `sonoran-radio.json`, `admin.json`',
  },
  MOCK_LIMIT_EXCEEDED: {
    status: 400,
    title: 'The change would break a size limit',
    when: 'a room or community would grow past `--max-participants` / `--max-members`',
  },
  MOCK_NAMESPACE_BUDGET: {
    status: 400,
    title: "The namespaces' memory budget is spent",
    when: "creating a namespace, or a request that may grow one (POST, PUT, PATCH; not a reset), once the namespaces besides default hold `--namespace-memory` bytes and none idle for 60 s can be evicted; on a mocked path, answered in the API's own 400 body",
  },
  MOCK_FOREIGN_HOST: {
    status: 403,
    title: 'The control API answers only to names of this machine',
    when: 'without an admin token, a control-API request whose `Host` is not a loopback name, the bound address or one of `--allowed-hosts` (DNS rebinding)',
  },
  MOCK_CROSS_ORIGIN: {
    status: 403,
    title: 'Web pages on other sites may not use the control API',
    when: 'a control-API request from a browser page of another origin (`Origin`, or `Sec-Fetch-Site: cross-site`/`same-site`)',
  },
  MOCK_ADMIN_UNAUTHORIZED: {
    status: 401,
    title: 'The control API needs the admin token',
    when: 'a control-API call without the admin token, or with a wrong one',
  },
  MOCK_INVALID_NAMESPACE: {
    status: 400,
    title: 'The namespace name is not valid',
    when: 'a namespace name that is not 1–64 letters, digits, `.`, `-` or `_`',
  },
  MOCK_DEFAULT_NAMESPACE: {
    status: 400,
    title: 'The default namespace cannot be created or deleted',
    when: 'an attempt to create or delete the `default` namespace (reset it instead)',
  },
  MOCK_NAMESPACE_NOT_FOUND: {
    status: 404,
    title: 'No namespace has this name',
    when: 'deleting a namespace that does not exist',
  },
  MOCK_FAULT_NOT_FOUND: {
    status: 404,
    title: 'No fault has this id',
    when: 'disarming a fault id that is not armed in the namespace',
  },
  MOCK_INVALID_FAULT: {
    status: 400,
    title: 'The fault cannot be injected as described',
    when: 'a fault that cannot be injected as described; `errors` lists why',
  },
  MOCK_SCENARIO_NOT_FOUND: {
    status: 404,
    title: 'No scenario has this name',
    when: 'a scenario name that is not in `fixtures/scenarios/`; the detail lists them',
  },
  MOCK_INVALID_QUERY: {
    status: 400,
    title: 'A query parameter has a value the route does not accept',
    when: 'a journal filter with a value it does not accept (the detail lists what is allowed)',
  },
  MOCK_REQUEST_NOT_FOUND: {
    status: 404,
    title: 'The journal has no request with this id',
    when: 'a journal entry id the namespace never gave, or whose entry the journal has dropped since (it keeps `--journal-limit` entries)',
  },
  MOCK_ASSET_NOT_FOUND: {
    status: 404,
    title: 'The inspector has no file with this name',
    when: 'a script of the inspector page that does not exist',
  },
  MOCK_INVALID_ROOM_NAME: {
    status: 400,
    title: 'The room name is not a valid Daily room name',
    when: 'a room name that is not 1–128 letters, digits, `-` or `_`',
  },
  MOCK_ROOM_NOT_FOUND: {
    status: 404,
    title: 'The mock has no room with this name',
    when: 'the control API was asked for a room that does not exist',
  },
  MOCK_DUPLICATE_PARTICIPANT: {
    status: 400,
    title: 'The same participant id appears twice',
    when: 'a room body lists the same session id twice',
  },
  MOCK_PARTICIPANT_EXISTS: {
    status: 409,
    title: 'A participant with this id is already in the room',
    when: 'a join with a session id already in the room',
  },
  MOCK_DAILY_JOIN_REFUSED: {
    status: 403,
    title: "The room's rules refuse this join",
    when: 'a join to a Daily room that is private (no token), expired or not open yet, full, banning the user id, or a token for another room or that must knock; the detail says which',
  },
  MOCK_DAILY_JOIN_INVALID: {
    status: 400,
    title: 'The join body contradicts itself',
    when: 'a join with a meeting token that also gives `userId`, `owner` or `permissions` (with a token, those come from it)',
  },
  MOCK_DAILY_TOKEN_INVALID: {
    status: 400,
    title: 'The meeting token does not check out',
    when: "a join with a meeting token that is not the domain's (signature, alg, `d`), has expired, or is not valid yet",
  },
  MOCK_PARTICIPANT_NOT_FOUND: {
    status: 404,
    title: 'The room has no participant with this id',
    when: 'a leave for a session id not in the room',
  },
  MOCK_INVALID_COMMUNITY_ID: {
    status: 400,
    title: 'The community id is not valid',
    when: 'a community id that is not 1–128 letters, digits, `-` or `_`',
  },
  MOCK_COMMUNITY_NOT_FOUND: {
    status: 404,
    title: 'The mock has no community with this id',
    when: 'the control API was asked for a community that does not exist',
  },
  MOCK_INCONSISTENT_COMMUNITY: {
    status: 400,
    title: 'The community body contradicts itself',
    when: "a community body that repeats a channel or member, grants access to an unlisted channel, gives `permission` and `permissionNames` that disagree, or an `id` unlike the path's",
  },
  MOCK_MEMBER_NOT_FOUND: {
    status: 404,
    title: 'The community has no member with this account id',
    when: 'the control API was asked for a member the community does not have',
  },
  MOCK_SONORAN_ROOM_NOT_FOUND: {
    status: 404,
    title: 'The community has no room with this id',
    when: 'a Sonoran room id the community does not have (rooms are numbered from 1)',
  },
  MOCK_RADIO_USER_NOT_FOUND: {
    status: 404,
    title: 'The user is not connected to this room',
    when: 'disconnecting a radio user who is not connected to the room',
  },
  MOCK_JOIN_REQUEST_REFUSED: {
    status: 409,
    title: 'The account may not ask to join',
    when: 'asking to join for an account already a member of the community (pending or approved), or banned from it (unban it first)',
  },
  MOCK_RADIO_CONNECT_REFUSED: {
    status: 409,
    title: 'The member may not connect to the radio',
    when: 'connecting a pending or banned member (approve or unban it first), or one already connected to the room',
  },
  MOCK_INVALID_RADIO_CHANNELS: {
    status: 400,
    title: 'The member cannot be put on these channels',
    when: 'connecting a radio user on a channel the community does not list, or (strict mode) on a private one it has no access to',
  },
  MOCK_INVALID_TRANSMISSION: {
    status: 400,
    title: 'The transmission cannot be logged',
    when: 'seeding a transmission with an id already logged',
  },
} as const satisfies Record<string, ProblemDefinition>;

export type AdminProblemCode = keyof typeof ADMIN_PROBLEMS;

export function adminProblem(code: AdminProblemCode, detail: string, extras?: ProblemExtras): MockProblem {
  return new MockProblem(code, ADMIN_PROBLEMS[code], detail, extras);
}

/**
 * Sonoran Radio's rows of the operation table: the v1 and v2 surfaces, every route Sonoran.js and
 * the docs call (each spelling its own row where the docs and the SDK differ), and v2's per-key,
 * per-endpoint rate limits.
 */
import {
  json,
  PROBLEM_TYPE,
  type OperationContract,
  type RateBucket,
  type QueryParameter,
  type RequestContract,
  type ResponseContract,
  type SurfaceContract,
} from './types';

const V1 = 'urn:perm-mock:sonoran-radio:responses#/$defs';
const V1_REQ = 'urn:perm-mock:sonoran-radio:v1-requests#/$defs';
const V2 = 'urn:perm-mock:sonoran-radio:v2-responses#/$defs';
const V2_REQ = 'urn:perm-mock:sonoran-radio:v2-requests#/$defs';
const V2_PROBLEM = 'urn:perm-mock:sonoran-radio:v2-problem';
const JSON_TYPE = 'application/json';

export const SONORAN_V1_SURFACE: SurfaceContract = {
  id: 'sonoran-v1',
  api: 'sonoran',
  title: 'Sonoran Radio API v1',
  prefixes: ['/api/', '/radio/'],
  responses: {
    404: json('No Sonoran Radio v1 operation at this path', `${V1}/bad`),
    405: json('The path is served, but not for this method (Allow lists the methods)', `${V1}/bad`, {
      mockOnly: true,
    }),
    500: json('Server error (body undocumented upstream)', `${V1}/error`),
  },
};

const v2Problem = (description: string, mockOnly = false): ResponseContract => ({
  description,
  schema: V2_PROBLEM,
  contentType: PROBLEM_TYPE,
  ...(mockOnly && { mockOnly }),
});

export const SONORAN_V2_SURFACE: SurfaceContract = {
  id: 'sonoran-v2',
  api: 'sonoran',
  title: 'Sonoran Radio API v2',
  prefixes: ['/v2/'],
  responses: {
    404: v2Problem('No Sonoran Radio v2 operation at this path'),
    405: v2Problem('The path is served, but not for this method (Allow lists the methods)', true),
    500: v2Problem('Server error'),
  },
};

const V2_SOURCE = "Sonoran Radio's v2 docs: per API key, per endpoint, a minute";

function v2Bucket(id: string, limit: number, what: string): RateBucket {
  return {
    id: `sonoran.v2.${id}`,
    api: 'sonoran',
    windows: [{ limit, seconds: 60 }],
    per: 'key',
    source: `${V2_SOURCE} (${what})`,
  };
}

export const SONORAN_RATE_BUCKETS: readonly RateBucket[] = [
  {
    id: 'sonoran.v1',
    api: 'sonoran',
    windows: [{ limit: 4, seconds: 60 }],
    per: 'namespace',
    source: 'none documented for v1; the figure v2 documents for the same act (4 a minute)',
  },
  v2Bucket('channels', 6, 'get community channels'),
  v2Bucket('members', 15, 'get members'),
  v2Bucket('permissions', 4, 'set member permissions'),
  v2Bucket('approve', 12, 'approve members'),
  v2Bucket('kick', 4, 'kick members'),
  v2Bucket('ban', 4, 'ban members'),
  v2Bucket('unban', 4, 'unban members'),
  v2Bucket('displayNames', 4, 'set member display names'),
  v2Bucket('connectedUsers', 6, 'get connected users'),
  v2Bucket('connectedUser', 12, 'get connected user'),
  v2Bucket('userChannels', 6, 'set user channels'),
  v2Bucket('userDisplayName', 12, 'set user display name'),
  v2Bucket('transmissions', 12, 'get transmissions'),
  v2Bucket('zonesRead', 12, 'zone reads'),
  v2Bucket('zonesWrite', 30, 'zone mutations: create, replace and delete share it'),
  v2Bucket('tones', 12, 'play tone'),
  v2Bucket('speakers', 2, 'set in-game speaker locations'),
  v2Bucket('serverIp', 2, 'set server IP'),
  {
    id: 'sonoran.v2.subscription',
    api: 'sonoran',
    windows: [{ limit: 2, seconds: 60 }],
    per: 'key',
    source: "Sonoran Radio's v2 docs: 2 a minute; the route takes no key, so the mock counts per caller address",
  },
];

// ---- v1 ----

const V1_ANSWERS: Readonly<Record<number, ResponseContract>> = {
  400: json('Malformed request (the body is always {"error":"Invalid request"})', `${V1}/invalidRequest`),
  404: json('Unknown community or wrong key (the documented body of a v1 endpoint)', `${V1}/bad`),
  413: json('The body is larger than the configured limit (a mock decision)', `${V1}/invalidRequest`, {
    mockOnly: true,
  }),
  429: json('Rate limited (body undocumented upstream)', `${V1}/error`),
  500: json('Server error (body undocumented upstream)', `${V1}/error`),
};

interface V1Row {
  readonly id: string;
  readonly method: OperationContract['method'];
  readonly path: string;
  readonly summary: string;
  readonly request?: RequestContract;
  readonly ok: ResponseContract;
  readonly notFound?: string;
  readonly rateLimit?: string;
  /** The route reads no body and checks no body (its 400 is only a malformed path). */
  readonly bodiless?: boolean;
}

function v1(row: V1Row): OperationContract {
  const { ok, notFound, bodiless, ...rest } = row;
  const responses: Record<number, ResponseContract> = { 200: ok, ...V1_ANSWERS };
  if (bodiless === true) {
    responses[400] = json(
      'A path value that is not valid (percent-encoding, a room id that is not a number)',
      `${V1}/invalidRequest`,
      {
        mockOnly: true,
      },
    );
  }
  if (notFound !== undefined) responses[404] = json(notFound, `${V1}/bad`);
  return { ...rest, api: 'sonoran', surface: 'sonoran-v1', responses };
}

const v1Body = (def: string, optional = false): RequestContract => ({
  schema: `${V1_REQ}/${def}`,
  contentType: JSON_TYPE,
  ...(optional && { optional }),
});

const OK = json('Applied: {"result":"ok"}', `${V1}/ok`);
const MEMBER_LIST = v1Body('memberList');

const V1_OPERATIONS: readonly OperationContract[] = [
  v1({
    id: 'sonoran.approveMembers',
    method: 'POST',
    path: '/api/servers/{id}/members/approve',
    summary: 'Approve pending members already in the community (v1)',
    request: MEMBER_LIST,
    ok: OK,
    notFound: 'Unknown community or wrong apiKey, or (strict mode) an unknown member',
  }),
  v1({
    id: 'sonoran.kickMembers',
    method: 'POST',
    path: '/api/servers/{id}/members/kick',
    summary: 'Remove members from the community and disconnect them from the radio (v1)',
    request: MEMBER_LIST,
    ok: json('Applied: {"result":"ok","data":"All users live kicked from radio."}', `${V1}/kicked`),
    notFound: 'Unknown community or wrong apiKey, or (strict mode) an unknown member',
  }),
  v1({
    id: 'sonoran.banMembers',
    method: 'POST',
    path: '/api/servers/{id}/members/ban',
    summary: 'Ban members from the community and disconnect them (v1)',
    request: MEMBER_LIST,
    ok: OK,
    notFound: 'Unknown community or wrong apiKey, or (strict mode) an unknown member',
  }),
  v1({
    id: 'sonoran.setMemberDisplayNames',
    method: 'POST',
    path: '/api/servers/{id}/members/nicknames',
    summary: "Set members' member-list names (v1)",
    request: v1Body('nicknames'),
    ok: OK,
    notFound: 'Unknown community or wrong apiKey, or (strict mode) an unknown member',
  }),
  v1({
    id: 'sonoran.setMemberPermissions',
    method: 'POST',
    path: '/api/servers/{id}/members/permissions',
    summary: "Replace members' permission masks and upsert their private-channel access in a Sonoran Radio community",
    request: { schema: 'urn:perm-mock:sonoran-radio:set-member-permissions-request', contentType: JSON_TYPE },
    rateLimit: 'sonoran.v1',
    ok: json('Applied', `${V1}/ok`),
    notFound: 'Unknown community or wrong apiKey, or (strict mode) an unknown member',
  }),
  v1({
    id: 'sonoran.emplaceMembers',
    method: 'POST',
    path: '/api/servers/{id}/members/emplace',
    summary: 'Place accounts in the community as approved members (seen in the official FiveM plugin; undocumented)',
    request: MEMBER_LIST,
    ok: json('Applied (the body is undocumented upstream; {"result":"ok"})', `${V1}/ok`),
  }),
  v1({
    id: 'sonoran.getCommunityChannels',
    method: 'GET',
    path: '/api/radio/get-community-channels/{id}/{key}',
    summary: 'Channel groups and channels, every v1 channel field (v1, as the docs and Sonoran.js send it)',
    bodiless: true,
    ok: json('The groups and channels', `${V1}/channels`),
  }),
  v1({
    id: 'sonoran.getCommunityChannelsLegacy',
    method: 'POST',
    path: '/radio/get-community-channels/{id}/{key}',
    summary: "Channel groups and channels (v1, the legacy docs page's spelling)",
    bodiless: true,
    ok: json('The groups and channels', `${V1}/channels`),
  }),
  v1({
    id: 'sonoran.getConnectedUsers',
    method: 'GET',
    path: '/api/radio/get-connected-users/{id}/{key}',
    summary: 'Every user connected to a room of the community (v1, GET as Sonoran.js sends it)',
    bodiless: true,
    ok: json('The connected users', `${V1}/connectedUsers`),
  }),
  v1({
    id: 'sonoran.getConnectedUsersPost',
    method: 'POST',
    path: '/api/radio/get-connected-users/{id}/{key}',
    summary: 'Every user connected to a room of the community (v1, POST as the docs show it)',
    bodiless: true,
    ok: json('The connected users', `${V1}/connectedUsers`),
  }),
  v1({
    id: 'sonoran.getConnectedUser',
    method: 'GET',
    path: '/api/radio/get-connected-user/{id}/{key}/{roomId}/{identity}',
    summary: 'One connected user of a room (v1)',
    bodiless: true,
    ok: json('The user', `${V1}/connectedUserOne`),
    notFound:
      'Unknown community or wrong key; or the user is not connected to that room ({"result":"bad","error":"User not found"})',
  }),
  v1({
    id: 'sonoran.setUserChannels',
    method: 'POST',
    path: '/api/radio/set-user-channels/{id}/{key}/{roomId}/{identity}',
    summary: "Set a connected user's transmit and scan channels (v1, with the room, as Sonoran.js sends it)",
    request: v1Body('userChannels', true),
    ok: OK,
    notFound: 'Unknown community or wrong key; or the user is not connected to that room',
  }),
  v1({
    id: 'sonoran.setUserChannelsNoRoom',
    method: 'POST',
    path: '/api/radio/set-user-channels/{id}/{key}/{identity}',
    summary: "Set a connected user's transmit and scan channels (v1, the docs' path: the room the user is in)",
    request: v1Body('userChannels', true),
    ok: OK,
    notFound: 'Unknown community or wrong key; or the user is not connected',
  }),
  v1({
    id: 'sonoran.setUserDisplayName',
    method: 'POST',
    path: '/api/set-user-display-name',
    summary:
      "Set a user's display name and its live name in connected sessions (v1, {id, key, accId} as Sonoran.js sends it)",
    request: v1Body('userDisplayName'),
    ok: OK,
    notFound: 'Unknown community or wrong key; or the account is neither a member nor connected',
  }),
  v1({
    id: 'sonoran.setUserDisplayNameRadio',
    method: 'POST',
    path: '/radio/set-user-display-name',
    summary: "Set a user's display name and live name (v1, {id, key, identity} as the docs show it)",
    request: v1Body('userDisplayName'),
    ok: OK,
    notFound: 'Unknown community or wrong key; or the account is neither a member nor connected',
  }),
  v1({
    id: 'sonoran.setUserDisplayNameInPath',
    method: 'POST',
    path: '/radio/set-user-display-name/{id}/{key}/{identity}',
    summary: "Set a user's display name and live name (v1, the docs' URL-parameter form)",
    request: v1Body('userDisplayNameInPath'),
    ok: OK,
    notFound: 'Unknown community or wrong key; or the account is neither a member nor connected',
  }),
  {
    id: 'sonoran.getServerSubscriptionFromIp',
    api: 'sonoran',
    surface: 'sonoran-v1',
    method: 'GET',
    path: '/radio/check-server-subscription',
    summary:
      "The subscription level of the community whose game server registered from the caller's address (v1, no auth)",
    responses: {
      200: json('{"result":"ok","subscription":0|1|2}', `${V1}/subscription`),
      400: json(
        'No community registered a server from this address ({"error":"Invalid request"})',
        `${V1}/invalidRequest`,
      ),
      413: V1_ANSWERS[413] as ResponseContract,
      429: V1_ANSWERS[429] as ResponseContract,
      500: V1_ANSWERS[500] as ResponseContract,
    },
  },
  v1({
    id: 'sonoran.setServerIp',
    method: 'POST',
    path: '/radio/set-server-ip',
    summary: "Register the caller's address as the community's game server (room 1) and its push URL (v1)",
    request: v1Body('serverIp'),
    ok: OK,
  }),
  v1({
    id: 'sonoran.setInGameSpeakerLocations',
    method: 'POST',
    path: '/radio/set-server-speakers',
    summary: 'Replace the in-game speaker locations, the targets of game tones (v1)',
    request: v1Body('speakers'),
    ok: OK,
  }),
  v1({
    id: 'sonoran.playTone',
    method: 'POST',
    path: '/api/play-tone',
    summary: 'Play tones to channels, groups or in-game speakers of a room (v1; recorded)',
    request: v1Body('playTone'),
    ok: json('Played: {"result":"ok","code":200}', `${V1}/toneOk`),
  }),
];

// ---- v2 ----

const PAGING: readonly QueryParameter[] = [
  { name: 'page', description: '1-based page number, default 1', schema: { type: 'integer', minimum: 1, default: 1 } },
  {
    name: 'perPage',
    description: 'page size, default 25, at most 100',
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
  },
];

const MEMBERS_QUERY: readonly QueryParameter[] = [
  ...PAGING,
  { name: 'status', description: 'pending, approved or banned', schema: { enum: ['pending', 'approved', 'banned'] } },
  {
    name: 'sortBy',
    description: 'username, displayName, approved, pending, permission, banned or accId',
    schema: { enum: ['username', 'displayName', 'approved', 'pending', 'permission', 'banned', 'accId'] },
  },
  { name: 'descending', description: 'true to sort descending', schema: { type: 'boolean' } },
  { name: 'search', description: 'across username, display name and account id', schema: { type: 'string' } },
];

interface V2Row {
  readonly id: string;
  readonly method: OperationContract['method'];
  readonly path: string;
  readonly summary: string;
  readonly body?: string;
  readonly ok: ResponseContract;
  readonly okStatus?: number;
  readonly notFound: string;
  readonly rateLimit: string;
  /** No Authorization needed (subscription by IP). */
  readonly open?: boolean;
  readonly query?: readonly QueryParameter[];
}

function v2Responses(
  row: V2Row,
  okStatus: number,
  ok: ResponseContract,
  bodiless: boolean,
  open: boolean,
  notFound: string,
): Record<number, ResponseContract> {
  const responses: Record<number, ResponseContract> = {
    [okStatus]: ok,
    400: v2Problem(
      bodiless
        ? 'A path or query value that is not valid (room id, zone type, paging, filters)'
        : 'Validation failed for one or more request values',
    ),
  };
  if (!open) responses[401] = v2Problem('Missing Authorization header, not the Bearer scheme, or an invalid API key');
  responses[404] = v2Problem(notFound);
  if (!bodiless) responses[413] = v2Problem('The body is larger than the configured limit (a mock decision)', true);
  responses[429] = v2Problem(
    `Rate limit exceeded for the endpoint (${row.rateLimit}); Retry-After says when to try again`,
  );
  responses[500] = v2Problem('Server error');
  return responses;
}

function v2(row: V2Row): OperationContract {
  const { body, ok, okStatus, notFound, open, ...rest } = row;
  const request: RequestContract | undefined =
    body === undefined
      ? undefined
      : { schema: `${V2_REQ}/${body}`, contentType: JSON_TYPE, ...(open !== true && { auth: 'bearer' as const }) };
  return {
    ...rest,
    api: 'sonoran',
    surface: 'sonoran-v2',
    ...(request !== undefined && { request }),
    ...(request === undefined && open !== true && { auth: 'bearer' as const }),
    rateLimit: `sonoran.v2.${row.rateLimit}`,
    responses: v2Responses(row, okStatus ?? 200, ok, body === undefined, open === true, notFound),
  };
}

const NOT_KEYS = 'The community is not available to the API key';
const MEMBER_404 = `${NOT_KEYS}; or (strict mode) an unknown member`;
const ROOM_404 = `${NOT_KEYS}, or the room does not exist`;

const V2_OPERATIONS: readonly OperationContract[] = [
  v2({
    id: 'sonoran.getCommunityChannelsV2',
    method: 'GET',
    path: '/v2/servers/{id}/channels',
    summary: "Channel groups and channels (v2; Sonoran.js's readiness probe)",
    ok: json('The groups and channels', `${V2}/channels`),
    notFound: NOT_KEYS,
    rateLimit: 'channels',
  }),
  v2({
    id: 'sonoran.getMembersV2',
    method: 'GET',
    path: '/v2/servers/{id}/members',
    summary: 'Members, a page at a time: page, perPage (≤ 100), status, sortBy, descending, search (v2)',
    ok: json('One page of members', `${V2}/members`),
    query: MEMBERS_QUERY,
    notFound: NOT_KEYS,
    rateLimit: 'members',
  }),
  v2({
    id: 'sonoran.setMemberPermissionsV2',
    method: 'PATCH',
    path: '/v2/servers/{id}/members/permissions',
    summary: "Replace members' permission masks and upsert their private-channel access (v2)",
    body: 'userPerms',
    ok: json('The accounts updated', `${V2}/updatedAccIds`),
    notFound: MEMBER_404,
    rateLimit: 'permissions',
  }),
  v2({
    id: 'sonoran.approveMembersV2',
    method: 'POST',
    path: '/v2/servers/{id}/members/approve',
    summary: 'Approve pending members already in the community (v2)',
    body: 'accIds',
    ok: json('The accounts now approved', `${V2}/approvedAccIds`),
    notFound: MEMBER_404,
    rateLimit: 'approve',
  }),
  v2({
    id: 'sonoran.kickMembersV2',
    method: 'POST',
    path: '/v2/servers/{id}/members/kick',
    summary: 'Remove members and disconnect them from live radio sessions (v2)',
    body: 'accIds',
    ok: json('The accounts removed', `${V2}/kickedAccIds`),
    notFound: MEMBER_404,
    rateLimit: 'kick',
  }),
  v2({
    id: 'sonoran.banMembersV2',
    method: 'POST',
    path: '/v2/servers/{id}/members/ban',
    summary: 'Ban members and disconnect them from live radio sessions (v2)',
    body: 'accIds',
    ok: json('The accounts now banned', `${V2}/bannedAccIds`),
    notFound: MEMBER_404,
    rateLimit: 'ban',
  }),
  v2({
    id: 'sonoran.unbanMembersV2',
    method: 'POST',
    path: '/v2/servers/{id}/members/unban',
    summary: 'Unban members so they can rejoin the community (v2; they become pending)',
    body: 'accIds',
    ok: json('The accounts now not banned', `${V2}/unbannedAccIds`),
    notFound: MEMBER_404,
    rateLimit: 'unban',
  }),
  v2({
    id: 'sonoran.setMemberDisplayNamesV2',
    method: 'PATCH',
    path: '/v2/servers/{id}/members/display-names',
    summary: "Set members' member-list names (v2)",
    body: 'accNicknames',
    ok: json('The accounts updated', `${V2}/updatedAccIds`),
    notFound: MEMBER_404,
    rateLimit: 'displayNames',
  }),
  v2({
    id: 'sonoran.getConnectedUsersV2',
    method: 'GET',
    path: '/v2/servers/{id}/connected-users',
    summary: 'Every user connected to a room of the community (v2)',
    ok: json('The connected users', `${V2}/connectedUsers`),
    notFound: NOT_KEYS,
    rateLimit: 'connectedUsers',
  }),
  v2({
    id: 'sonoran.getConnectedUserV2',
    method: 'GET',
    path: '/v2/servers/{id}/rooms/{roomId}/users/{identity}',
    summary: 'One connected user of a room (v2)',
    ok: json('The user, with state ACTIVE', `${V2}/connectedUser`),
    notFound: `${ROOM_404}, or the user is not connected to it`,
    rateLimit: 'connectedUser',
  }),
  v2({
    id: 'sonoran.setUserChannelsV2',
    method: 'PATCH',
    path: '/v2/servers/{id}/rooms/{roomId}/users/{identity}/channels',
    summary: "Set a connected user's transmit and scan channels (v2)",
    body: 'userChannels',
    ok: json("The user's channels now (scan never repeats a transmit channel)", `${V2}/userChannels`),
    notFound: `${ROOM_404}, or the user is not connected to it`,
    rateLimit: 'userChannels',
  }),
  v2({
    id: 'sonoran.setUserDisplayNameV2',
    method: 'PATCH',
    path: '/v2/servers/{id}/users/display-name',
    summary: "Set a member's display name and propagate it to connected sessions (v2)",
    body: 'userDisplayName',
    ok: json('The name set', `${V2}/userDisplayName`),
    notFound: `${NOT_KEYS}, or the account is neither a member nor connected`,
    rateLimit: 'userDisplayName',
  }),
  v2({
    id: 'sonoran.getTransmissionsV2',
    method: 'GET',
    path: '/v2/servers/{id}/transmissions',
    summary: 'Transmission log rows, most recent first, a page at a time (v2; seeded through the control API)',
    ok: json('One page of transmissions', `${V2}/transmissions`),
    query: PAGING,
    notFound: 'Community not found for this API key',
    rateLimit: 'transmissions',
  }),
  v2({
    id: 'sonoran.getZonesV2',
    method: 'GET',
    path: '/v2/servers/{id}/rooms/{roomId}/zones',
    summary: "A room's GEO and degradation zones (v2)",
    ok: json("The room's zone snapshot", 'urn:perm-mock:sonoran-radio:model#/$defs/zoneSnapshot'),
    notFound: ROOM_404,
    rateLimit: 'zonesRead',
  }),
  v2({
    id: 'sonoran.createZoneV2',
    method: 'POST',
    path: '/v2/servers/{id}/rooms/{roomId}/zones/{zoneType}',
    summary: 'Create or replace a zone by options.name (v2; zoneType geo or degrade)',
    body: 'zone',
    okStatus: 201,
    ok: json("The room's zone snapshot", 'urn:perm-mock:sonoran-radio:model#/$defs/zoneSnapshot'),
    notFound: ROOM_404,
    rateLimit: 'zonesWrite',
  }),
  v2({
    id: 'sonoran.updateZoneV2',
    method: 'PATCH',
    path: '/v2/servers/{id}/rooms/{roomId}/zones/{zoneType}/{zoneName}',
    summary: 'Replace an existing zone (v2; the name URL-encoded)',
    body: 'zone',
    ok: json("The room's zone snapshot", 'urn:perm-mock:sonoran-radio:model#/$defs/zoneSnapshot'),
    notFound: `${ROOM_404}, or the room has no such zone`,
    rateLimit: 'zonesWrite',
  }),
  v2({
    id: 'sonoran.deleteZoneV2',
    method: 'DELETE',
    path: '/v2/servers/{id}/rooms/{roomId}/zones/{zoneType}/{zoneName}',
    summary: 'Delete an existing zone (v2)',
    ok: json("The room's zone snapshot", 'urn:perm-mock:sonoran-radio:model#/$defs/zoneSnapshot'),
    notFound: `${ROOM_404}, or the room has no such zone`,
    rateLimit: 'zonesWrite',
  }),
  v2({
    id: 'sonoran.playToneV2',
    method: 'POST',
    path: '/v2/servers/{id}/tones/play',
    summary: "Play tones to channels, groups or in-game speakers of the body's room (v2; recorded)",
    body: 'playTone',
    ok: json('{"roomId":…,"played":true}', `${V2}/played`),
    notFound: ROOM_404,
    rateLimit: 'tones',
  }),
  v2({
    id: 'sonoran.setInGameSpeakerLocationsV2',
    method: 'PUT',
    path: '/v2/servers/{id}/speakers',
    summary: 'Replace the in-game speaker locations (v2)',
    body: 'speakers',
    ok: json('How many locations are stored', `${V2}/locationsCount`),
    notFound: NOT_KEYS,
    rateLimit: 'speakers',
  }),
  v2({
    id: 'sonoran.setServerIpV2',
    method: 'POST',
    path: '/v2/servers/{id}/server-ip',
    summary: "Register the caller's address as a room's game server, with its port and push URL (v2)",
    body: 'serverIp',
    ok: json('The room and its push URL', `${V2}/serverIp`),
    notFound: ROOM_404,
    rateLimit: 'serverIp',
  }),
  v2({
    id: 'sonoran.getServerSubscriptionFromIpV2',
    method: 'GET',
    path: '/v2/server-subscriptions/by-ip',
    summary:
      "The highest subscription level of the communities whose game server registered from the caller's address (v2, no auth)",
    ok: json('{"subscription":0|1|2}', `${V2}/subscription`),
    notFound: 'No community registered a server from this address',
    rateLimit: 'subscription',
    open: true,
  }),
];

export const SONORAN_OPERATIONS: readonly OperationContract[] = [...V1_OPERATIONS, ...V2_OPERATIONS];

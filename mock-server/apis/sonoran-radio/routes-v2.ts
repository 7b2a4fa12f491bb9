/**
 * Sonoran Radio v2: `Authorization: Bearer <community API key>`, JSON success bodies, failures as
 * `application/problem+json` with a `traceId`. Every route refuses in this precedence: the
 * Authorization header and the key (401), the path's community against the key (404), the body or
 * query (400), then path values (room 400/404, zone type 400) and the rule (404 room, user, zone,
 * member in strict mode; 400 channels). Unknown top-level body fields (Sonoran.js's `roomId`) are
 * ignored where the path names the room.
 */
import type { ApiRefusal, ApiRequest } from '../seam';
import {
  answer,
  contractRefusal,
  isRefusal,
  jsonObject,
  pagingOf,
  queryValue,
  refuse,
  roomParam,
  v2Community,
  type Body,
  type Handler,
} from './requests';
import {
  applyMemberPermissions,
  approveMembers,
  banMembers,
  connectedUsers,
  deleteZone,
  findRoom,
  kickMembers,
  listMembers,
  listTransmissions,
  MEMBER_SORT_FIELDS,
  MEMBER_STATUSES,
  playTone,
  renameUser,
  replaceZone,
  setMemberNicknames,
  setServerIp,
  setSpeakers,
  setUserChannels,
  subscriptionFor,
  unbanMembers,
  upsertZone,
  zoneSnapshot,
  type MemberActResult,
  type MembersQuery,
  type MemberSortField,
  type MemberStatus,
} from './semantics';
import type { SonoranStore } from './store';
import {
  ZONE_TYPES,
  type Community,
  type NicknameUpdate,
  type PlayTarget,
  type SpeakerLocation,
  type Tone,
  type UserPermUpdate,
  type ZoneInput,
  type ZoneType,
} from './types';
import { channelsOf, connectedUserOf, memberV2 } from './wire';

/** The key (401), the community (404). */
function authorized(req: ApiRequest, store: SonoranStore): Community | ApiRefusal {
  return v2Community(req, store);
}

/** The key (401), the community (404), then the body (400). */
function withBody(req: ApiRequest, store: SonoranStore): { community: Community; body: Body } | ApiRefusal {
  const community = v2Community(req, store);
  if (isRefusal(community)) return community;
  const body = jsonObject(req);
  if (isRefusal(body)) return body;
  return contractRefusal(req) ?? { community, body };
}

/** The room the path names: a positive whole number (400) the community has (404). */
function pathRoom(req: ApiRequest, community: Community): number | ApiRefusal {
  const roomId = roomParam(req.params.roomId);
  if (isRefusal(roomId)) return roomId;
  const found = findRoom(community, roomId);
  return found.ok ? roomId : refuse(found.code, found.why);
}

/** The room a body names (Sonoran.js adds `roomId` to every body), room 1 when it names none. */
function bodyRoom(body: Body, community: Community): number | ApiRefusal {
  const roomId = typeof body.roomId === 'number' ? body.roomId : 1;
  const found = findRoom(community, roomId);
  return found.ok ? roomId : refuse(found.code, found.why);
}

function zoneType(req: ApiRequest): ZoneType | ApiRefusal {
  const type = req.params.zoneType ?? '';
  return (ZONE_TYPES as readonly string[]).includes(type)
    ? (type as ZoneType)
    : refuse('SONORAN_INVALID_REQUEST', `zoneType must be geo or degrade (got "${type.slice(0, 64)}")`);
}

const getChannels: Handler = (req, { store }) => {
  const community = authorized(req, store);
  if (isRefusal(community)) return community;
  return { status: 200, body: channelsOf(community, 'v2') };
};

function oneOf<T extends string>(req: ApiRequest, name: string, allowed: readonly T[]): T | undefined | ApiRefusal {
  const value = queryValue(req.query, name);
  if (value === undefined || isRefusal(value)) return value;
  return (allowed as readonly string[]).includes(value)
    ? (value as T)
    : refuse('SONORAN_INVALID_REQUEST', `${name} must be one of ${allowed.join(', ')} (got "${value.slice(0, 64)}")`);
}

/** page, perPage (≤ 100), status, sortBy, descending, search: as the get-members page documents them. */
function membersQuery(req: ApiRequest): MembersQuery | ApiRefusal {
  const paging = pagingOf(req.query);
  if (isRefusal(paging)) return paging;
  const status = oneOf<MemberStatus>(req, 'status', MEMBER_STATUSES);
  if (isRefusal(status)) return status;
  const sortBy = oneOf<MemberSortField>(req, 'sortBy', MEMBER_SORT_FIELDS);
  if (isRefusal(sortBy)) return sortBy;
  const descending = oneOf(req, 'descending', ['true', 'false'] as const);
  if (isRefusal(descending)) return descending;
  const search = queryValue(req.query, 'search');
  if (isRefusal(search)) return search;
  return {
    ...paging,
    ...(status !== undefined && { status }),
    ...(sortBy !== undefined && { sortBy }),
    descending: descending === 'true',
    ...(search !== undefined && { search }),
  };
}

const getMembers: Handler = (req, { store }) => {
  const community = authorized(req, store);
  if (isRefusal(community)) return community;
  const query = membersQuery(req);
  if (isRefusal(query)) return query;
  const page = listMembers(community, query);
  return { status: 200, body: { members: page.items.map(memberV2), pagination: page.pagination } };
};

const setMemberPermissions: Handler = (req, { store, options }) => {
  const got = withBody(req, store);
  if (isRefusal(got)) return got;
  const outcome = applyMemberPermissions(got.community, got.body.userPerms as readonly UserPermUpdate[], options);
  return answer(store, got.community, outcome, (r) => ({ updatedAccIds: r.updatedAccIds }));
};

const memberAct =
  (rule: typeof approveMembers, key: string): Handler =>
  (req, { store, options }) => {
    const got = withBody(req, store);
    if (isRefusal(got)) return got;
    const outcome = rule(got.community, got.body.accIds as readonly string[], { strict: options.strict });
    return answer(store, got.community, outcome, (r: MemberActResult) => ({ [key]: r.accIds }));
  };

const setDisplayNames: Handler = (req, { store, options }) => {
  const got = withBody(req, store);
  if (isRefusal(got)) return got;
  const outcome = setMemberNicknames(got.community, got.body.accNicknames as readonly NicknameUpdate[], options);
  return answer(store, got.community, outcome, (r) => ({ updatedAccIds: r.updatedAccIds }));
};

const getConnectedUsers: Handler = (req, { store }) => {
  const community = authorized(req, store);
  if (isRefusal(community)) return community;
  const users = connectedUsers(community).map(({ roomId, user }) => connectedUserOf(community, user, 'v2', roomId));
  return { status: 200, body: { connectedUsers: users } };
};

const getConnectedUser: Handler = (req, { store }) => {
  const community = authorized(req, store);
  if (isRefusal(community)) return community;
  const roomId = pathRoom(req, community);
  if (isRefusal(roomId)) return roomId;
  const identity = req.params.identity ?? '';
  const user = community.rooms.get(roomId)?.users.get(identity);
  if (user === undefined) {
    return refuse(
      'SONORAN_USER_NOT_FOUND',
      `${identity} is not connected to room ${roomId} of community ${community.id}`,
    );
  }
  return { status: 200, body: { ...connectedUserOf(community, user, 'v2'), state: 'ACTIVE' } };
};

const setUserChannelsV2: Handler = (req, { store, options }) => {
  const got = withBody(req, store);
  if (isRefusal(got)) return got;
  const roomId = roomParam(req.params.roomId);
  if (isRefusal(roomId)) return roomId;
  const choice = {
    ...(got.body.transmit !== undefined && { transmit: got.body.transmit as number[] }),
    ...(got.body.scan !== undefined && { scan: got.body.scan as number[] }),
  };
  const outcome = setUserChannels(got.community, roomId, req.params.identity ?? '', choice, options);
  return answer(store, got.community, outcome, (r) => r);
};

const setUserDisplayName: Handler = (req, { store }) => {
  const got = withBody(req, store);
  if (isRefusal(got)) return got;
  const outcome = renameUser(got.community, got.body.accId as string, got.body.displayName as string, {
    connectedOnly: false,
  });
  return answer(store, got.community, outcome, (r) => ({ accId: r.accId, displayName: r.displayName }));
};

const getTransmissions: Handler = (req, { store }) => {
  const community = authorized(req, store);
  if (isRefusal(community)) return community;
  const paging = pagingOf(req.query);
  if (isRefusal(paging)) return paging;
  const page = listTransmissions(community, paging);
  return { status: 200, body: { transmissions: page.items, pagination: page.pagination } };
};

const getZones: Handler = (req, { store }) => {
  const community = authorized(req, store);
  if (isRefusal(community)) return community;
  const roomId = pathRoom(req, community);
  if (isRefusal(roomId)) return roomId;
  const room = community.rooms.get(roomId);
  return room === undefined
    ? refuse('SONORAN_ROOM_NOT_FOUND', `no room ${roomId}`)
    : { status: 200, body: zoneSnapshot(room) };
};

/** The key, the community, the body, then the room and zone type from the path. */
function zoneCall(
  req: ApiRequest,
  store: SonoranStore,
  body: boolean,
): { community: Community; body: Body; roomId: number; type: ZoneType } | ApiRefusal {
  let community: Community;
  let read: Body = {};
  if (body) {
    const got = withBody(req, store);
    if (isRefusal(got)) return got;
    ({ community, body: read } = got);
  } else {
    const got = authorized(req, store);
    if (isRefusal(got)) return got;
    community = got;
  }
  const type = zoneType(req);
  if (isRefusal(type)) return type;
  const roomId = roomParam(req.params.roomId);
  if (isRefusal(roomId)) return roomId;
  return { community, body: read, roomId, type };
}

const createZone: Handler = (req, { store, options }) => {
  const got = zoneCall(req, store, true);
  if (isRefusal(got)) return got;
  const outcome = upsertZone(got.community, got.roomId, got.type, got.body.zone as ZoneInput, options);
  return answer(store, got.community, outcome, (r) => r.snapshot, 201);
};

const updateZone: Handler = (req, { store, options }) => {
  const got = zoneCall(req, store, true);
  if (isRefusal(got)) return got;
  const outcome = replaceZone(
    got.community,
    got.roomId,
    got.type,
    req.params.zoneName ?? '',
    got.body.zone as ZoneInput,
    options,
  );
  return answer(store, got.community, outcome, (r) => r.snapshot);
};

const removeZone: Handler = (req, { store }) => {
  const got = zoneCall(req, store, false);
  if (isRefusal(got)) return got;
  const outcome = deleteZone(got.community, got.roomId, got.type, req.params.zoneName ?? '');
  return answer(store, got.community, outcome, (r) => r.snapshot);
};

const playToneV2: Handler = (req, { store, options }) => {
  const got = withBody(req, store);
  if (isRefusal(got)) return got;
  const roomId = bodyRoom(got.body, got.community);
  if (isRefusal(roomId)) return roomId;
  const outcome = playTone(
    got.community,
    roomId,
    got.body.tones as readonly (number | Tone)[],
    got.body.playTo as readonly PlayTarget[],
    'v2',
    options,
    req.now.toISOString(),
  );
  return answer(store, got.community, outcome, (r) => r);
};

const setSpeakersV2: Handler = (req, { store }) => {
  const got = withBody(req, store);
  if (isRefusal(got)) return got;
  return answer(
    store,
    got.community,
    setSpeakers(got.community, got.body.locations as readonly SpeakerLocation[]),
    (r) => r,
  );
};

/** The push URL: `overridePushUrl`, else `pushUrl`, else the room's current one. */
const setServerIpV2: Handler = (req, { store }) => {
  const got = withBody(req, store);
  if (isRefusal(got)) return got;
  const roomId = bodyRoom(got.body, got.community);
  if (isRefusal(roomId)) return roomId;
  const pushUrl = (got.body.overridePushUrl ?? got.body.pushUrl) as string | undefined;
  const outcome = setServerIp(
    got.community,
    roomId,
    {
      ip: req.remoteAddress,
      port: got.body.serverPort as number,
      ...(pushUrl !== undefined && { pushUrl }),
      ...(typeof got.body.nickname === 'string' && { nickname: got.body.nickname }),
    },
    req.now.toISOString(),
  );
  return answer(store, got.community, outcome, (r) => r);
};

const getSubscription: Handler = (req, { store }) => {
  const level = subscriptionFor(store.communities(), req.remoteAddress);
  if (level === undefined) {
    return refuse(
      'SONORAN_NO_SUBSCRIPTION',
      `no community registered a game server from ${req.remoteAddress || 'this address'}; call server-ip from it first`,
      'No server is registered for this address.',
    );
  }
  return { status: 200, body: { subscription: level } };
};

export const V2_HANDLERS: Readonly<Record<string, Handler>> = {
  'sonoran.getCommunityChannelsV2': getChannels,
  'sonoran.getMembersV2': getMembers,
  'sonoran.setMemberPermissionsV2': setMemberPermissions,
  'sonoran.approveMembersV2': memberAct(approveMembers, 'approvedAccIds'),
  'sonoran.kickMembersV2': memberAct(kickMembers, 'kickedAccIds'),
  'sonoran.banMembersV2': memberAct(banMembers, 'bannedAccIds'),
  'sonoran.unbanMembersV2': memberAct(unbanMembers, 'unbannedAccIds'),
  'sonoran.setMemberDisplayNamesV2': setDisplayNames,
  'sonoran.getConnectedUsersV2': getConnectedUsers,
  'sonoran.getConnectedUserV2': getConnectedUser,
  'sonoran.setUserChannelsV2': setUserChannelsV2,
  'sonoran.setUserDisplayNameV2': setUserDisplayName,
  'sonoran.getTransmissionsV2': getTransmissions,
  'sonoran.getZonesV2': getZones,
  'sonoran.createZoneV2': createZone,
  'sonoran.updateZoneV2': updateZone,
  'sonoran.deleteZoneV2': removeZone,
  'sonoran.playToneV2': playToneV2,
  'sonoran.setInGameSpeakerLocationsV2': setSpeakersV2,
  'sonoran.setServerIpV2': setServerIpV2,
  'sonoran.getServerSubscriptionFromIpV2': getSubscription,
};

/**
 * Sonoran Radio v1: credentials in the path (`/:id/:key`) or the body (`apiKey`, or `id` and `key`),
 * terse bodies (`{"result":"ok"}`, `{"error":"Invalid request"}`, `{"result":"bad","error":…}`).
 * Every route refuses in this precedence: Content-Type and JSON (400), then the community and key
 * (404), then the rest of the body (400), then the rule (strict mode, users not connected). A 400's
 * body is always `{"error":"Invalid request"}`: the precise reason goes to the diagnostics only.
 */
import type { ApiRefusal, ApiRequest, ApiResult } from '../seam';
import {
  answer,
  contractRefusal,
  isRefusal,
  jsonObject,
  refuse,
  roomParam,
  v1Community,
  v1CommunityByApiKey,
  type Body,
  type Handler,
} from './requests';
import {
  applyMemberPermissions,
  applyPatch,
  approveMembers,
  banMembers,
  connectedUsers,
  emplaceMembers,
  findRoom,
  kickMembers,
  playTone,
  renameUser,
  setMemberNicknames,
  setServerIp,
  setSpeakers,
  setUserChannels,
  subscriptionFor,
  type MemberActResult,
  type RuleOutcome,
} from './semantics';
import type { SonoranStore } from './store';
import type { Community, NicknameUpdate, PlayTarget, Room, SpeakerLocation, Tone, UserPermUpdate } from './types';
import { channelsOf, connectedUserOf } from './wire';

const OK = { result: 'ok' } as const;

/** Body first (400), then the id in the path and `apiKey` in the body (404), then the body's contract (400). */
function byApiKey(
  req: ApiRequest,
  store: SonoranStore,
  hint: string,
): { community: Community; body: Body } | ApiRefusal {
  const body = jsonObject(req, { hint });
  if (isRefusal(body)) return body;
  const community = v1CommunityByApiKey(req, store, body);
  if (isRefusal(community)) return community;
  return contractRefusal(req) ?? { community, body };
}

/** Body first (400), then `id` and `key` in the body (404), then the body's contract (400). */
function byBodyIdKey(
  req: ApiRequest,
  store: SonoranStore,
  hint: string,
): { community: Community; body: Body } | ApiRefusal {
  const body = jsonObject(req, { hint });
  if (isRefusal(body)) return body;
  const community = v1Community(store, body.id, body.key, 'body');
  if (isRefusal(community)) return community;
  return contractRefusal(req) ?? { community, body };
}

/** The id and key in the path (404); a body, when the route reads one, first (400) and its contract after (400). */
function byPath(
  req: ApiRequest,
  store: SonoranStore,
  withBody: false | { optional: boolean },
): { community: Community; body: Body } | ApiRefusal {
  let body: Body = {};
  if (withBody !== false) {
    const read = jsonObject(req, { optional: withBody.optional });
    if (isRefusal(read)) return read;
    body = read;
  }
  const community = v1Community(store, req.params.id, req.params.key, 'path');
  if (isRefusal(community)) return community;
  return (withBody === false ? undefined : contractRefusal(req)) ?? { community, body };
}

const memberAct =
  (rule: typeof approveMembers, ok: (result: MemberActResult) => unknown = () => OK): Handler =>
  (req, { store, options }) => {
    const got = byApiKey(req, store, '; send {"apiKey": …, "accIds": […]}');
    if (isRefusal(got)) return got;
    const outcome = rule(got.community, got.body.accIds as readonly string[], { strict: options.strict });
    return answer(store, got.community, outcome, ok);
  };

const setMemberPermissions: Handler = (req, { store, options }) => {
  const got = byApiKey(req, store, '; send {"apiKey": …, "userPerms": […]}');
  if (isRefusal(got)) return got;
  const outcome = applyMemberPermissions(got.community, got.body.userPerms as readonly UserPermUpdate[], options);
  return answer(store, got.community, outcome, () => OK);
};

const setMemberNicknamesV1: Handler = (req, { store, options }) => {
  const got = byApiKey(req, store, '; send {"apiKey": …, "accNicknames": […]}');
  if (isRefusal(got)) return got;
  const outcome = setMemberNicknames(got.community, got.body.accNicknames as readonly NicknameUpdate[], options);
  return answer(store, got.community, outcome, () => OK);
};

const emplace: Handler = (req, { store, options }) => {
  const got = byApiKey(req, store, '; send {"apiKey": …, "accIds": […]}');
  if (isRefusal(got)) return got;
  const outcome = emplaceMembers(got.community, got.body.accIds as readonly string[], options.maxMembers);
  return answer(store, got.community, outcome, () => OK);
};

const getChannels: Handler = (req, { store }) => {
  const got = byPath(req, store, false);
  if (isRefusal(got)) return got;
  return { status: 200, body: { result: 'ok', ...channelsOf(got.community, 'v1') } };
};

const getConnectedUsers: Handler = (req, { store }) => {
  const got = byPath(req, store, false);
  if (isRefusal(got)) return got;
  const users = connectedUsers(got.community).map(({ roomId, user }) =>
    connectedUserOf(got.community, user, 'v1', roomId),
  );
  return { status: 200, body: { result: 'ok', connectedUsers: users } };
};

const getConnectedUser: Handler = (req, { store }) => {
  const got = byPath(req, store, false);
  if (isRefusal(got)) return got;
  const roomId = roomParam(req.params.roomId);
  if (isRefusal(roomId)) return roomId;
  const found = findRoom(got.community, roomId);
  if (!found.ok) return refuse(found.code, found.why);
  const identity = req.params.identity ?? '';
  const user = found.room.users.get(identity);
  if (user === undefined) {
    return refuse(
      'SONORAN_USER_NOT_FOUND',
      `${identity} is not connected to room ${roomId} of community ${got.community.id}`,
    );
  }
  return { status: 200, body: { result: 'ok', data: connectedUserOf(got.community, user, 'v1') } };
};

/** v1's transmit: one channel id (the docs) or a one-element array (Sonoran.js). */
function channelChoice(body: Body): { transmit?: number[]; scan?: number[] } {
  const transmit = body.transmit;
  return {
    ...(transmit !== undefined && {
      transmit: Array.isArray(transmit) ? (transmit as number[]) : [transmit as number],
    }),
    ...(body.scan !== undefined && { scan: body.scan as number[] }),
  };
}

const setUserChannelsInRoom: Handler = (req, { store, options }) => {
  const got = byPath(req, store, { optional: true });
  if (isRefusal(got)) return got;
  const roomId = roomParam(req.params.roomId);
  if (isRefusal(roomId)) return roomId;
  const outcome = setUserChannels(got.community, roomId, req.params.identity ?? '', channelChoice(got.body), options);
  return answer(store, got.community, outcome, () => OK);
};

/** The docs' path names no room: the user's channels are set in every room it is connected to. */
const setUserChannelsAnyRoom: Handler = (req, { store, options }) => {
  const got = byPath(req, store, { optional: true });
  if (isRefusal(got)) return got;
  const identity = req.params.identity ?? '';
  const rooms = [...got.community.rooms.values()].filter((room) => room.users.has(identity)).map((room) => room.id);
  if (rooms.length === 0) {
    return refuse(
      'SONORAN_USER_NOT_FOUND',
      `${identity} is not connected to any room of community ${got.community.id}`,
    );
  }
  const choice = channelChoice(got.body);
  let community = got.community;
  const merged = new Map<number, Room>();
  const warnings: string[] = [];
  for (const roomId of rooms) {
    const outcome = setUserChannels(community, roomId, identity, choice, options);
    if (!outcome.ok) return refuse(outcome.code, outcome.why);
    warnings.push(...outcome.warnings);
    for (const [id, room] of outcome.patch.rooms ?? []) merged.set(id, room);
    community = applyPatch(community, outcome.patch);
  }
  const combined: RuleOutcome<null> = {
    ok: true,
    patch: { rooms: merged },
    result: null,
    warnings: [...new Set(warnings)],
  };
  return answer(store, got.community, combined, () => OK);
};

function rename(store: SonoranStore, community: Community, identity: string, displayName: string): ApiResult {
  return answer(store, community, renameUser(community, identity, displayName, { connectedOnly: true }), () => OK);
}

/** `/api/set-user-display-name` and `/radio/set-user-display-name`: `accId` and `identity` name the same account. */
const setUserDisplayNameInBody: Handler = (req, { store }) => {
  const body = jsonObject(req, { hint: '; send {"id": …, "key": …, "accId": …, "displayName": …}' });
  if (isRefusal(body)) return body;
  const community = v1Community(store, body.id, body.key, 'body');
  if (isRefusal(community)) return community;
  const refused = contractRefusal(req);
  if (refused !== undefined) return refused;
  const identity = (typeof body.accId === 'string' ? body.accId : body.identity) as string;
  return rename(store, community, identity, body.displayName as string);
};

const setUserDisplayNameInPath: Handler = (req, { store }) => {
  const got = byPath(req, store, { optional: false });
  if (isRefusal(got)) return got;
  return rename(store, got.community, req.params.identity ?? '', got.body.displayName as string);
};

const getSubscription: Handler = (req, { store }) => {
  const level = subscriptionFor(store.communities(), req.remoteAddress);
  if (level === undefined) {
    return refuse(
      'SONORAN_NO_SUBSCRIPTION',
      `no community registered a game server from ${req.remoteAddress || 'this address'}; call set-server-ip from it first`,
    );
  }
  return { status: 200, body: { result: 'ok', subscription: level } };
};

/** The room v1 server routes act on: room 1, or the community's first room when it has no room 1. */
function firstRoom(community: Community): number {
  return community.rooms.has(1) ? 1 : (community.rooms.keys().next().value ?? 1);
}

const setServerIpV1: Handler = (req, { store }) => {
  const got = byBodyIdKey(req, store, '; send {"id": …, "key": …, "pushUrl": …}');
  if (isRefusal(got)) return got;
  const outcome = setServerIp(
    got.community,
    firstRoom(got.community),
    { ip: req.remoteAddress, pushUrl: got.body.pushUrl as string },
    req.now.toISOString(),
  );
  return answer(store, got.community, outcome, () => OK);
};

const setSpeakersV1: Handler = (req, { store }) => {
  const got = byBodyIdKey(req, store, '; send {"id": …, "key": …, "locations": […]}');
  if (isRefusal(got)) return got;
  const warnings =
    req.headers.authorization === undefined
      ? ['Sonoran.js also sends Authorization: Bearer <token>; the mock does not need it (the body authenticates)']
      : [];
  const outcome = setSpeakers(got.community, got.body.locations as readonly SpeakerLocation[]);
  return answer(store, got.community, outcome, () => OK, 200, warnings);
};

const playToneV1: Handler = (req, { store, options }) => {
  const got = byBodyIdKey(req, store, '; send {"id": …, "key": …, "roomId": 1, "tones": […], "playTo": […]}');
  if (isRefusal(got)) return got;
  const roomId = got.body.roomId as number;
  const found = findRoom(got.community, roomId);
  if (!found.ok) return refuse('SONORAN_INVALID_REQUEST', found.why);
  const outcome = playTone(
    got.community,
    roomId,
    got.body.tones as readonly (number | Tone)[],
    got.body.playTo as readonly PlayTarget[],
    'v1',
    options,
    req.now.toISOString(),
  );
  return answer(store, got.community, outcome, () => ({ result: 'ok', code: 200 }));
};

export const V1_HANDLERS: Readonly<Record<string, Handler>> = {
  'sonoran.approveMembers': memberAct(approveMembers),
  'sonoran.kickMembers': memberAct(kickMembers, () => ({ result: 'ok', data: 'All users live kicked from radio.' })),
  'sonoran.banMembers': memberAct(banMembers),
  'sonoran.setMemberDisplayNames': setMemberNicknamesV1,
  'sonoran.setMemberPermissions': setMemberPermissions,
  'sonoran.emplaceMembers': emplace,
  'sonoran.getCommunityChannels': getChannels,
  'sonoran.getCommunityChannelsLegacy': getChannels,
  'sonoran.getConnectedUsers': getConnectedUsers,
  'sonoran.getConnectedUsersPost': getConnectedUsers,
  'sonoran.getConnectedUser': getConnectedUser,
  'sonoran.setUserChannels': setUserChannelsInRoom,
  'sonoran.setUserChannelsNoRoom': setUserChannelsAnyRoom,
  'sonoran.setUserDisplayName': setUserDisplayNameInBody,
  'sonoran.setUserDisplayNameRadio': setUserDisplayNameInBody,
  'sonoran.setUserDisplayNameInPath': setUserDisplayNameInPath,
  'sonoran.getServerSubscriptionFromIp': getSubscription,
  'sonoran.setServerIp': setServerIpV1,
  'sonoran.setInGameSpeakerLocations': setSpeakersV1,
  'sonoran.playTone': playToneV1,
};

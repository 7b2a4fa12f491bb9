/** Daily's /rooms endpoints: create, list (paged), read, change and delete. */
import { randomRoomName } from './ids';
import {
  authenticate,
  contractRefusal,
  field,
  isRecord,
  isRefused,
  readJson,
  refuse,
  shortName,
  visibleRoom,
  type DailyHandler,
} from './requests';
import {
  checkProperties,
  isExpired,
  isoSeconds,
  listOrder,
  mergeProperties,
  pageOf,
  privacyProblem,
  property,
  ROOM_PROPERTIES,
  roomJson,
  roomNameProblem,
} from './rooms';
import type { Room, RoomPrivacy } from './types';

/** The properties of a body, checked (Daily's wording first, then the schema's). */
function checkedProperties(
  value: unknown,
  nowMs: number,
):
  | { ok: true; properties: Readonly<Record<string, unknown>>; warnings: readonly string[] }
  | { ok: false; info: string } {
  const properties = field(value, 'properties');
  if (!isRecord(properties)) return { ok: true, properties: {}, warnings: [] };
  const checked = checkProperties(ROOM_PROPERTIES, properties, nowMs, 'room');
  return checked.ok ? { ok: true, properties, warnings: checked.warnings } : checked;
}

const createRoom: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const read = readJson(req, { hint: 'send {"name"?, "privacy"?, "properties"?} or no body', optional: true });
  if (isRefused(read)) return read;
  const nowMs = req.now.getTime();
  const given = field(read.value, 'name');
  if (typeof given === 'string') {
    const problem = roomNameProblem(given);
    if (problem !== undefined) return refuse('DAILY_ROOM_NAME_INVALID', problem, problem, read.warnings);
  }
  const privacy = field(read.value, 'privacy');
  const badPrivacy = privacyProblem(privacy);
  if (badPrivacy !== undefined) return refuse('DAILY_PROPERTY_INVALID', badPrivacy, badPrivacy, read.warnings);
  const checked = checkedProperties(read.value, nowMs);
  if (!checked.ok) return refuse('DAILY_PROPERTY_INVALID', checked.info, checked.info, read.warnings);
  const broken = contractRefusal(read);
  if (broken !== undefined) return broken;

  let name = typeof given === 'string' ? given : randomRoomName(store.runtime.randomBytes);
  const existing = store.getRoom(name);
  if (existing !== undefined && !isExpired(existing, nowMs)) {
    if (typeof given === 'string') {
      const info = `a room named ${name} already exists`;
      return refuse('DAILY_ROOM_EXISTS', info, info, read.warnings);
    }
    while (store.getRoom(name) !== undefined) name = randomRoomName(store.runtime.randomBytes);
  }
  const room: Room = {
    id: store.uuid(),
    name,
    apiCreated: true,
    privacy: (privacy as RoomPrivacy | undefined) ?? 'public',
    createdAt: isoSeconds(nowMs),
    config: mergeProperties(ROOM_PROPERTIES, {}, checked.properties),
    participants: new Map(),
    session: null,
  };
  store.createRoom(room);
  const replaced = existing === undefined ? [] : [`room ${name} had expired; it is replaced (its call, if any, ended)`];
  return {
    status: 200,
    body: roomJson(room, store.domain),
    warnings: [...read.warnings, ...checked.warnings, ...replaced],
  };
};

const listRooms: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const nowMs = req.now.getTime();
  const rooms = [...store.rooms()].filter((room) => !isExpired(room, nowMs)).sort(listOrder);
  const page = pageOf(rooms, {
    limit: req.query.get('limit'),
    startingAfter: req.query.get('starting_after'),
    endingBefore: req.query.get('ending_before'),
  });
  if (!page.ok) return refuse('DAILY_REQUEST_INVALID', page.info);
  return {
    status: 200,
    body: { total_count: page.totalCount, data: page.data.map((room) => roomJson(room, store.domain)) },
  };
};

const getRoom: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const room = visibleRoom(store, req.params.name ?? '', req.now.getTime());
  if (isRefused(room)) return room;
  return { status: 200, body: roomJson(room, store.domain) };
};

const updateRoom: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const read = readJson(req, { hint: 'send {"privacy"?, "properties"?}' });
  if (isRefused(read)) return read;
  const nowMs = req.now.getTime();
  const room = visibleRoom(store, req.params.name ?? '', nowMs);
  if (isRefused(room)) return { ...room, warnings: read.warnings };
  const privacy = field(read.value, 'privacy');
  const badPrivacy = privacyProblem(privacy);
  if (badPrivacy !== undefined) return refuse('DAILY_PROPERTY_INVALID', badPrivacy, badPrivacy, read.warnings);
  const checked = checkedProperties(read.value, nowMs);
  if (!checked.ok) return refuse('DAILY_PROPERTY_INVALID', checked.info, checked.info, read.warnings);
  const broken = contractRefusal(read);
  if (broken !== undefined) return broken;
  if (
    room.session !== null &&
    Object.hasOwn(checked.properties, 'enable_screenshare') &&
    (checked.properties.enable_screenshare ?? true) !== (property(room.config, 'enable_screenshare') ?? true)
  ) {
    const info = `enable_screenshare cannot change while room ${room.name} hosts a call`;
    return refuse('DAILY_PROPERTY_INVALID', info, info, read.warnings);
  }
  const next = store.updateRoom(room.name, {
    ...(privacy !== undefined && { privacy: privacy as RoomPrivacy }),
    config: mergeProperties(ROOM_PROPERTIES, room.config, checked.properties),
  });
  return { status: 200, body: roomJson(next, store.domain), warnings: [...read.warnings, ...checked.warnings] };
};

const deleteRoom: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const name = req.params.name ?? '';
  const room = store.getRoom(name);
  if (room === undefined) return refuse('DAILY_ROOM_NOT_FOUND', `room ${shortName(name)} not found`);
  const expired = isExpired(room, req.now.getTime());
  store.deleteRoom(room.name);
  if (expired) {
    return refuse(
      'DAILY_ROOM_EXPIRED_DELETED',
      `room ${room.name} not found`,
      `room ${room.name} had expired: it is deleted now (its call, if any, ended), answered 404 with deleted: true as Daily documents`,
    );
  }
  return { status: 200, body: { deleted: true, name: room.name } };
};

export const ROOM_HANDLERS: Readonly<Record<string, DailyHandler>> = {
  'daily.createRoom': createRoom,
  'daily.listRooms': listRooms,
  'daily.getRoom': getRoom,
  'daily.updateRoom': updateRoom,
  'daily.deleteRoom': deleteRoom,
};

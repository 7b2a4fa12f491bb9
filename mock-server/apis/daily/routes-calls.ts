/** Daily's in-call endpoints: presence (a room's and the domain's), eject, session data and app messages. */
import type { ApiRefusal } from '../seam';
import {
  APP_MESSAGE_MAX_BYTES,
  ejectTargets,
  mergeSessionData,
  presenceOf,
  type MergeStrategy,
  type PresenceEntry,
} from './calls';
import {
  authenticate,
  checkedJson,
  field,
  isRefused,
  limitParam,
  refuse,
  visibleRoom,
  type DailyHandler,
} from './requests';
import { isExpired } from './rooms';
import type { Room } from './types';

function notHosting(room: Room, warnings: readonly string[] = []): ApiRefusal {
  return refuse('DAILY_ROOM_NOT_HOSTING', `room ${room.name} is not hosting a call`, undefined, warnings);
}

const getRoomPresence: DailyHandler = (req, { store, options }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const room = visibleRoom(store, req.params.name ?? '', req.now.getTime());
  if (isRefused(room)) return room;
  const limit = limitParam(req);
  if (isRefused(limit)) return limit;
  const userId = req.query.get('userId');
  const userName = req.query.get('userName');
  const entries = presenceOf(room, req.now.getTime(), {
    ...(userId !== null && { userId }),
    ...(userName !== null && { userName }),
    includeHidden: options.presenceIncludesHidden,
  });
  return {
    status: 200,
    body: { total_count: entries.length, data: limit === undefined ? entries : entries.slice(0, limit) },
  };
};

const getPresence: DailyHandler = (req, { store, options }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const nowMs = req.now.getTime();
  const byRoom: [string, PresenceEntry[]][] = [];
  for (const room of store.rooms()) {
    if (isExpired(room, nowMs)) continue;
    const entries = presenceOf(room, nowMs, { includeHidden: options.presenceIncludesHidden });
    if (entries.length > 0) byRoom.push([room.name, entries]);
  }
  return { status: 200, body: Object.fromEntries(byRoom) };
};

const eject: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const read = checkedJson(req, { hint: 'send {"ids"?: [...], "user_ids"?: [...], "ban"?: true}' });
  if (isRefused(read)) return read;
  const room = visibleRoom(store, req.params.name ?? '', req.now.getTime());
  if (isRefused(room)) return { ...room, warnings: read.warnings };
  const ids = (field(read.value, 'ids') as string[] | undefined) ?? [];
  const userIds = (field(read.value, 'user_ids') as string[] | undefined) ?? [];
  const ban = field(read.value, 'ban') === true;
  const warnings = [...read.warnings];
  if (ids.length === 0 && userIds.length === 0)
    warnings.push('the eject names no ids and no user_ids: nobody is ejected');
  if (room.session === null) {
    warnings.push(`room ${room.name} is not hosting a call: nobody to eject`);
    return { status: 200, body: { ejectedIds: [] }, warnings };
  }
  const targets = ejectTargets(room, ids, userIds);
  const known = new Set(targets);
  for (const id of ids) if (!known.has(id)) warnings.push(`participant ${id} is not in the call; ignored`);
  const ejectedIds = store.eject(room.name, targets, ban ? userIds : []);
  if (ban && userIds.length === 0 && ids.length > 0) {
    warnings.push('ban: true bans the user_ids given; this eject gave none, so nobody is banned');
  }
  return { status: 200, body: { ejectedIds }, warnings };
};

const getSessionData: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const room = visibleRoom(store, req.params.name ?? '', req.now.getTime());
  if (isRefused(room)) return room;
  if (room.session === null) return notHosting(room);
  return { status: 200, body: { data: room.session.data } };
};

const setSessionData: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const read = checkedJson(req, { hint: 'send {"data": {…}, "mergeStrategy"?, "keysToDelete"?}' });
  if (isRefused(read)) return read;
  const room = visibleRoom(store, req.params.name ?? '', req.now.getTime());
  if (isRefused(room)) return { ...room, warnings: read.warnings };
  if (room.session === null) return notHosting(room, read.warnings);
  const data = (field(read.value, 'data') as Record<string, unknown> | undefined) ?? {};
  const strategy = (field(read.value, 'mergeStrategy') as MergeStrategy | undefined) ?? 'replace';
  const keysToDelete = (field(read.value, 'keysToDelete') as string[] | undefined) ?? [];
  const warnings = [...read.warnings];
  if (strategy === 'replace' && keysToDelete.length > 0) {
    warnings.push('keysToDelete is used with mergeStrategy "shallow-merge" only; with "replace" it is ignored');
  }
  store.setSessionData(room.name, mergeSessionData(room.session.data, data, strategy, keysToDelete));
  return { status: 200, body: {}, warnings };
};

const sendAppMessage: DailyHandler = (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const read = checkedJson(req, { hint: 'send {"data": {…}, "recipient"?: "<session id>" | "*"}' });
  if (isRefused(read)) return read;
  const room = visibleRoom(store, req.params.name ?? '', req.now.getTime());
  if (isRefused(room)) return { ...room, warnings: read.warnings };
  if (room.session === null) return notHosting(room, read.warnings);
  const data = field(read.value, 'data');
  const size = Buffer.byteLength(JSON.stringify(data));
  if (size > APP_MESSAGE_MAX_BYTES) {
    const info = `data is ${size} bytes serialized; an app message may hold at most ${APP_MESSAGE_MAX_BYTES}`;
    return refuse('DAILY_APP_MESSAGE_TOO_LARGE', info, info, read.warnings);
  }
  const recipient = (field(read.value, 'recipient') as string | undefined) ?? '*';
  const warnings = [...read.warnings];
  if (recipient !== '*' && !room.participants.has(recipient)) {
    warnings.push(`recipient ${recipient} is not in the call: nobody receives the message`);
  }
  store.addAppMessage(room.name, { at: req.now.toISOString(), data, recipient });
  return { status: 200, body: {}, warnings };
};

export const CALL_HANDLERS: Readonly<Record<string, DailyHandler>> = {
  'daily.getRoomPresence': getRoomPresence,
  'daily.getPresence': getPresence,
  'daily.eject': eject,
  'daily.getSessionData': getSessionData,
  'daily.setSessionData': setSessionData,
  'daily.sendAppMessage': sendAppMessage,
};

/**
 * Rooms and the domain as pure functions: names, property checks (with Daily's own wording where
 * it was observed), `config` holding only what differs from the defaults, `null` resetting a
 * property, expiry ("zombie" rooms), the REST view of a room and list pagination. No I/O, no clock:
 * "now" is an argument.
 */
import type { Domain, Properties, PropertyValue, Room, RoomPrivacy } from './types';

type Kind =
  | 'boolean'
  | 'integer'
  | 'unix'
  | 'number'
  | 'string'
  | 'object'
  | 'array'
  | 'permissions'
  | { readonly enum: readonly string[] };

export interface PropertySpec {
  readonly kind: Kind;
  /** Daily's documented default: a value equal to it is not kept in `config`. */
  readonly default?: PropertyValue;
  readonly min?: number;
  readonly maxLength?: number;
}

const bool = (dflt?: boolean): PropertySpec =>
  dflt === undefined ? { kind: 'boolean' } : { kind: 'boolean', default: dflt };
const RECORDING = { enum: ['cloud', 'local', 'raw-tracks', 'output-byte-stream'] } as const;

/** Room properties the mock knows (Daily's REST reference); others are kept as given, with a warning. */
export const ROOM_PROPERTIES: ReadonlyMap<string, PropertySpec> = new Map<string, PropertySpec>([
  ['nbf', { kind: 'unix' }],
  ['exp', { kind: 'unix' }],
  ['max_participants', { kind: 'integer', default: 200, min: 1 }],
  ['enable_knocking', bool(false)],
  ['enable_screenshare', bool(true)],
  ['enable_chat', bool(false)],
  ['enable_advanced_chat', bool(false)],
  ['enable_people_ui', bool()],
  ['enable_pip_ui', bool()],
  ['enable_emoji_reactions', bool()],
  ['enable_hand_raising', bool()],
  ['enable_prejoin_ui', bool()],
  ['enable_network_ui', bool()],
  ['enable_noise_cancellation_ui', bool()],
  ['enable_breakout_rooms', bool()],
  ['enable_live_captions_ui', bool()],
  ['enable_video_processing_ui', bool()],
  ['enable_terse_logging', bool(false)],
  ['enable_transcription_storage', bool(false)],
  ['enable_hidden_participants', bool(false)],
  ['enforce_unique_user_ids', bool(false)],
  ['owner_only_broadcast', bool(false)],
  ['start_video_off', bool(false)],
  ['start_audio_off', bool(false)],
  ['eject_at_room_exp', bool(false)],
  ['eject_after_elapsed', { kind: 'integer', min: 1 }],
  ['enable_recording', { kind: RECORDING }],
  ['lang', { kind: 'string' }],
  ['geo', { kind: 'string' }],
  ['rtmp_geo', { kind: 'string' }],
  ['meeting_join_hook', { kind: 'string', maxLength: 255 }],
  ['sfu_switchover', { kind: 'number' }],
  ['autojoin', bool(false)],
  ['streaming_endpoints', { kind: 'array' }],
  ['recordings_bucket', { kind: 'object' }],
  ['transcription_bucket', { kind: 'object' }],
  ['permissions', { kind: 'permissions' }],
]);

/** Domain properties the mock knows, with the defaults `GET /` shows under them. */
export const DOMAIN_PROPERTIES: ReadonlyMap<string, PropertySpec> = new Map<string, PropertySpec>([
  ['hide_daily_branding', bool(false)],
  ['redirect_on_meeting_exit', { kind: 'string' }],
  ['hipaa', bool(false)],
  ['intercom_auto_record', bool(false)],
  ['lang', { kind: 'string', default: 'en' }],
  ['geo', { kind: 'string' }],
  ['rtmp_geo', { kind: 'string' }],
  ['meeting_join_hook', { kind: 'string', maxLength: 255 }],
  ['enforce_unique_user_ids', bool(false)],
  ['enable_advanced_chat', bool(false)],
  ['enable_people_ui', bool()],
  ['enable_pip_ui', bool()],
  ['enable_emoji_reactions', bool()],
  ['enable_hand_raising', bool()],
  ['enable_prejoin_ui', bool()],
  ['enable_network_ui', bool()],
  ['enable_noise_cancellation_ui', bool()],
  ['enable_live_captions_ui', bool()],
  ['enable_video_processing_ui', bool()],
  ['enable_terse_logging', bool(false)],
  ['enable_transcription_storage', bool(false)],
  ['recordings_bucket', { kind: 'object' }],
  ['transcription_bucket', { kind: 'object' }],
  ['permissions', { kind: 'permissions' }],
]);

export const ROOM_NAME_MAX = 128;
const ROOM_NAME = /^[A-Za-z0-9_-]+$/;

/** Daily's refusal of a room name, or undefined for a good one. */
export function roomNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a room name cannot be empty';
  if (name.length > ROOM_NAME_MAX) {
    return `room name ${name.slice(0, ROOM_NAME_MAX)}… is ${name.length} characters long; the most is ${ROOM_NAME_MAX}`;
  }
  if (!ROOM_NAME.test(name)) {
    return `${name} contains invalid characters (room names can contain A-Z, a-z, 0-9, '-', and '_')`;
  }
  return undefined;
}

export function privacyProblem(value: unknown): string | undefined {
  if (value === undefined || value === 'public' || value === 'private') return undefined;
  return `privacy was '${shown(value)}' but should be 'public' or 'private'`;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function kindProblem(key: string, spec: PropertySpec, value: unknown): string | undefined {
  const was = `${key} was '${shown(value)}' but should be`;
  const { kind } = spec;
  if (typeof kind === 'object') {
    return typeof value === 'string' && kind.enum.includes(value)
      ? undefined
      : `${was} one of ${kind.enum.map((v) => `'${v}'`).join(', ')}`;
  }
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${was} true or false`;
    case 'unix':
      return Number.isSafeInteger(value) ? undefined : `${was} a number of seconds since the unix epoch`;
    case 'integer':
      if (!Number.isSafeInteger(value)) return `${was} an integer`;
      return spec.min !== undefined && (value as number) < spec.min ? `${was} at least ${spec.min}` : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `${was} a number`;
    case 'string':
      if (typeof value !== 'string') return `${was} a string`;
      return spec.maxLength !== undefined && value.length > spec.maxLength
        ? `${key} is ${value.length} characters long; the most is ${spec.maxLength}`
        : undefined;
    case 'array':
      return Array.isArray(value) ? undefined : `${was} an array`;
    case 'object':
    case 'permissions':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : `${was} an object`;
  }
}

export type PropertyCheck =
  { readonly ok: true; readonly warnings: readonly string[] } | { readonly ok: false; readonly info: string };

/**
 * Check the properties of a request before anything changes: each known property against its
 * kind, `exp` not in the past (an `exp` of `null` resets it). Unknown names are accepted with a
 * warning, since Daily has many Prebuilt flags the mock does not list. The permissions object's
 * own shape is the request schema's to check.
 */
export function checkProperties(
  table: ReadonlyMap<string, PropertySpec>,
  properties: Readonly<Record<string, unknown>>,
  nowMs: number,
  where: 'room' | 'domain' | 'meeting token' = 'room',
): PropertyCheck {
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    if (value === null) continue;
    const spec = table.get(key);
    if (spec === undefined) {
      warnings.push(`properties.${key} is not a ${where} property perm-mock knows; it is kept as given`);
      continue;
    }
    const problem = kindProblem(key, spec, value);
    if (problem !== undefined) return { ok: false, info: problem };
    if (key === 'exp' && where === 'room' && (value as number) * 1000 <= nowMs) {
      return { ok: false, info: `exp was '${value as number}', which is in the past rather than in the future` };
    }
  }
  return { ok: true, warnings };
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

/**
 * Properties after an update: each given one replaces the old value, `null` returns it to its
 * default, and a value equal to Daily's default is not kept (config shows what differs).
 */
export function mergeProperties(
  table: ReadonlyMap<string, PropertySpec>,
  current: Properties,
  update: Readonly<Record<string, unknown>>,
): Properties {
  const merged = new Map<string, PropertyValue>(Object.entries(current));
  for (const [key, value] of Object.entries(update)) {
    const spec = table.get(key);
    if (value === null || (spec?.default !== undefined && sameValue(value, spec.default))) merged.delete(key);
    else merged.set(key, value);
  }
  return Object.fromEntries(merged);
}

/** A property of a config, read safely (own properties only). */
export function property(config: Properties, key: string): PropertyValue {
  return Object.hasOwn(config, key) ? config[key] : undefined;
}

function unixProperty(config: Properties, key: string): number | undefined {
  const value = property(config, key);
  return typeof value === 'number' ? value : undefined;
}

/** The room's `exp` in ms, if set. */
export function expiresAtMs(room: Room): number | undefined {
  const exp = unixProperty(room.config, 'exp');
  return exp === undefined ? undefined : exp * 1000;
}

/** A room whose `exp` has passed: it is gone for most of the API, though a live session goes on. */
export function isExpired(room: Room, nowMs: number): boolean {
  const exp = expiresAtMs(room);
  return exp !== undefined && exp <= nowMs;
}

/** A room whose `nbf` is still ahead: nobody may join yet. */
export function notYetOpen(room: Room, nowMs: number): boolean {
  const nbf = unixProperty(room.config, 'nbf');
  return nbf !== undefined && nbf * 1000 > nowMs;
}

/** The room's effective value of a boolean property: its own, else the domain's (when the domain has it), else the default. */
export function flag(room: Room, domain: Domain | undefined, key: string): boolean {
  const own = property(room.config, key);
  if (typeof own === 'boolean') return own;
  const fromDomain = domain === undefined ? undefined : property(domain.config, key);
  if (typeof fromDomain === 'boolean') return fromDomain;
  return ROOM_PROPERTIES.get(key)?.default === true;
}

export function maxParticipants(room: Room): number {
  const value = property(room.config, 'max_participants');
  return typeof value === 'number' ? value : 200;
}

/** Seconds-granularity ISO time, as Daily shows `created_at`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** A room as Daily's REST API shows it. */
export interface DailyRoomJson {
  readonly id: string;
  readonly name: string;
  readonly api_created: boolean;
  readonly privacy: RoomPrivacy;
  readonly url: string;
  readonly created_at: string;
  readonly config: Properties;
}

export function roomJson(room: Room, domain: Domain): DailyRoomJson {
  return {
    id: room.id,
    name: room.name,
    api_created: room.apiCreated,
    privacy: room.privacy,
    url: `https://${domain.name}.daily.co/${room.name}`,
    created_at: room.createdAt,
    config: room.config,
  };
}

/** The domain as `GET /` shows it: its set properties over the documented defaults. */
export function domainJson(domain: Domain): { domain_name: string; domain_id: string; config: Properties } {
  const config = new Map<string, PropertyValue>();
  for (const [key, spec] of DOMAIN_PROPERTIES) if (spec.default !== undefined) config.set(key, spec.default);
  for (const [key, value] of Object.entries(domain.config)) config.set(key, value);
  return { domain_name: domain.name, domain_id: domain.id, config: Object.fromEntries(config) };
}

/** Newest first by `created_at` (one-second granularity), then by id. */
export function listOrder(a: Room, b: Room): number {
  const seconds = (room: Room): number => Math.floor(Date.parse(room.createdAt) / 1000);
  return seconds(b) - seconds(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface PageQuery {
  readonly limit: string | null;
  readonly startingAfter: string | null;
  readonly endingBefore: string | null;
}

export type Page =
  | { readonly ok: true; readonly data: readonly Room[]; readonly totalCount: number }
  | { readonly ok: false; readonly info: string };

export const PAGE_LIMIT_MAX = 100;
/** The `ending_before` value that asks for the oldest page. */
export const OLDEST = 'OLDEST';

/** One page of rooms (already in list order): `limit` (1–100, default 100), `starting_after` or `ending_before` an id cursor. */
export function pageOf(rooms: readonly Room[], query: PageQuery): Page {
  let limit = PAGE_LIMIT_MAX;
  if (query.limit !== null) {
    const n = /^\d{1,4}$/.test(query.limit) ? Number(query.limit) : NaN;
    if (!(n >= 1 && n <= PAGE_LIMIT_MAX)) {
      return { ok: false, info: `limit was '${query.limit}' but should be an integer from 1 to ${PAGE_LIMIT_MAX}` };
    }
    limit = n;
  }
  if (query.startingAfter !== null && query.endingBefore !== null) {
    return { ok: false, info: 'give starting_after or ending_before, not both' };
  }
  const at = (cursor: string): number => rooms.findIndex((room) => room.id === cursor);
  if (query.startingAfter !== null) {
    const i = at(query.startingAfter);
    if (i === -1) return { ok: false, info: `starting_after '${query.startingAfter}' is not the id of a room` };
    return { ok: true, data: rooms.slice(i + 1, i + 1 + limit), totalCount: rooms.length };
  }
  if (query.endingBefore !== null) {
    const end = query.endingBefore === OLDEST ? rooms.length : at(query.endingBefore);
    if (end === -1) return { ok: false, info: `ending_before '${query.endingBefore}' is not the id of a room` };
    return { ok: true, data: rooms.slice(Math.max(0, end - limit), end), totalCount: rooms.length };
  }
  return { ok: true, data: rooms.slice(0, limit), totalCount: rooms.length };
}

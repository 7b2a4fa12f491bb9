/**
 * What every Daily handler does first: the Authorization header and its key, the JSON body (read
 * whatever its Content-Type, as Daily does, with a warning when it is not application/json), and
 * the room as the API sees it (a room whose `exp` has passed is gone).
 */
import type { ApiRefusal, ApiRequest, OperationHandler } from '../seam';
import type { WebhookTransport } from './deliverer';
import type { TokenValidateShape } from './tokens';
import type { DailyErrorCode } from './errors';
import { isExpired } from './rooms';
import type { DailyStore } from './store';
import type { Room } from './types';

export interface DailyOptions {
  /** Refuse requests that name participants not in the call. */
  readonly strict: boolean;
  /** Body of update-permissions' 200 (undocumented upstream). */
  readonly successBody: Readonly<Record<string, unknown>>;
  /** Presence also lists participants with `hasPresence: false` (Daily hides them). */
  readonly presenceIncludesHidden: boolean;
  /** What validating a meeting token answers (Daily's answer is not recorded). */
  readonly tokenValidate: TokenValidateShape;
  /** How the mock reaches webhook URLs (the verification request of create and update). */
  readonly transport: WebhookTransport;
  /** How long a webhook URL has to answer, in ms. */
  readonly webhookTimeoutMs: number;
  /** The most bytes one update's `"*"` may copy (participants reached × the value's size as JSON). */
  readonly maxAmplificationBytes: number;
}

export type DailyHandler = OperationHandler<DailyStore, DailyOptions>;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export function refuse(
  code: DailyErrorCode,
  info: string,
  why: string = info,
  warnings: readonly string[] = [],
): ApiRefusal {
  return { refuse: code, info, why, ...(warnings.length > 0 && { warnings }) };
}

export function isRefused<T>(value: T | ApiRefusal): value is ApiRefusal {
  return typeof value === 'object' && value !== null && 'refuse' in value;
}

/** Room names are at most 128 characters; a longer one (which cannot exist) is cut in messages. */
export function shortName(name: string): string {
  return name.length > 128 ? `${name.slice(0, 128)}…` : name;
}

/** The Authorization header and the key it carries, refused in Daily's order. */
export function authenticate(req: ApiRequest, store: DailyStore): { readonly key: string } | ApiRefusal {
  const authorization = req.headers.authorization;
  const bearer = authorization === undefined ? null : BEARER.exec(authorization);
  if (bearer === null) {
    return refuse(
      'DAILY_AUTH_HEADER_MISSING',
      "the Authorization header is missing or malformed; send 'Authorization: Bearer <API key>'",
    );
  }
  const key = bearer[1] ?? '';
  if (!store.acceptsKey(key)) {
    return refuse(
      'DAILY_API_KEY_INVALID',
      'invalid API key',
      'the API key is not one this mock accepts; use a key printed at startup, or start the mock with --daily-api-key',
    );
  }
  return { key };
}

/** A decoded body: its value, what the client should hear about it, and its contract's violations (not yet acted on). */
export interface ReadBody {
  readonly value: unknown;
  readonly warnings: readonly string[];
  readonly violations: readonly string[];
}

export interface BodyOptions {
  /** What to send, said when the body is empty. */
  readonly hint: string;
  /** The operation takes no body at all as `{}`. */
  readonly optional?: boolean;
}

/**
 * The JSON body, or Daily's refusal of it. Any Content-Type is read as JSON (Daily's own examples
 * send `text/plain`), with a warning when it is not `application/json`; what is not JSON is a
 * `json-parsing-error`; an empty body is refused unless the operation's body is optional.
 */
export function readJson(req: ApiRequest, options: BodyOptions): ReadBody | ApiRefusal {
  const { body, contract } = req;
  const warnings: string[] = [];
  if (body.raw.length > 0 && !body.jsonType) {
    warnings.push(
      `the body was read as JSON although its Content-Type is ${body.contentType ?? 'missing'} ` +
        "(Daily reads it the same way); send 'Content-Type: application/json'",
    );
  }
  if (!body.json.ok) {
    if (body.json.problem === 'empty') {
      if (options.optional === true) return { value: {}, warnings, violations: [] };
      return refuse('DAILY_REQUEST_INVALID', `${body.json.detail}; ${options.hint}`, undefined, warnings);
    }
    const code = body.json.problem === 'depth' ? 'DAILY_REQUEST_INVALID' : 'DAILY_JSON_INVALID';
    return refuse(code, body.json.detail, undefined, warnings);
  }
  return { value: body.json.value, warnings, violations: contract.body };
}

/** The body refused for its first contract violation, if it has any. */
export function contractRefusal(read: ReadBody): ApiRefusal | undefined {
  if (read.violations.length === 0) return undefined;
  return refuse(
    'DAILY_REQUEST_INVALID',
    read.violations[0] ?? 'invalid body',
    read.violations.join('; '),
    read.warnings,
  );
}

/** The body, refused at once if it breaks its contract (for operations whose checks are all in the schema). */
export function checkedJson(req: ApiRequest, options: BodyOptions): ReadBody | ApiRefusal {
  const read = readJson(req, options);
  if (isRefused(read)) return read;
  return contractRefusal(read) ?? read;
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field of a decoded body, read safely (own properties only). */
export function field(body: unknown, name: string): unknown {
  return isRecord(body) && Object.hasOwn(body, name) ? body[name] : undefined;
}

/** The room as the REST API sees it: a room whose `exp` has passed answers like one that does not exist. */
export function visibleRoom(store: DailyStore, name: string, nowMs: number): Room | ApiRefusal {
  const room = store.getRoom(name);
  if (room === undefined) return refuse('DAILY_ROOM_NOT_FOUND', `room ${shortName(name)} not found`);
  if (isExpired(room, nowMs)) {
    const live = room.participants.size > 0 ? `; the call in it goes on (${room.participants.size} in it)` : '';
    return refuse(
      'DAILY_ROOM_EXPIRED',
      `room ${room.name} not found`,
      `room ${room.name} expired (its exp has passed): the API no longer shows it${live}`,
    );
  }
  return room;
}

/** An optional positive integer query parameter, or the refusal of its value. */
export function limitParam(req: ApiRequest, name = 'limit'): number | undefined | ApiRefusal {
  const value = req.query.get(name);
  if (value === null) return undefined;
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1)) return refuse('DAILY_REQUEST_INVALID', `${name} was '${value}' but should be a positive integer`);
  return n;
}

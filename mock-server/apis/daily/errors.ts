/**
 * Daily's wire errors. Each reason the mock refuses a Daily request has a stable code (kept in the
 * request journal and the X-Perm-Mock-Reason header); the client sees Daily's own body for it:
 * `{"error": <type>, "info": <text>}` with the status Daily uses.
 */
import type { PlumbingReason, WireAnswer } from '../seam';

const JSON_TYPE = 'application/json; charset=utf-8';

export const DAILY_ERRORS = {
  DAILY_AUTH_HEADER_MISSING: {
    status: 400,
    type: 'authorization-header-error',
    when: 'no `Authorization: Bearer <key>` header, or a malformed one',
  },
  DAILY_API_KEY_INVALID: {
    status: 401,
    type: 'authentication-error',
    when: 'a key the mock does not accept (see `--daily-api-key`); the body has no `info`, as observed upstream',
  },
  DAILY_JSON_INVALID: { status: 400, type: 'json-parsing-error', when: 'a body that is not JSON (or not UTF-8)' },
  DAILY_REQUEST_INVALID: {
    status: 400,
    type: 'invalid-request-error',
    when: 'a body that breaks the contract (`info` names the first violation), a path that is not valid percent-encoding, or a bad namespace',
  },
  DAILY_FORBIDDEN: {
    status: 403,
    type: 'forbidden-error',
    when: 'never on its own (Daily does not say when it answers 403): only when a fault injects it',
  },
  DAILY_ROOM_NOT_FOUND: { status: 404, type: 'not-found', when: 'no room with this name' },
  DAILY_ROOM_EXPIRED: {
    status: 404,
    type: 'not-found',
    when: "the room's `exp` has passed: it is gone for the API (a live call in it goes on)",
  },
  DAILY_ROOM_EXPIRED_DELETED: {
    status: 404,
    type: 'not-found',
    when: 'DELETE of a room whose `exp` had passed: deleted, answered 404 with `deleted: true` as Daily documents',
  },
  DAILY_ROOM_EXISTS: {
    status: 400,
    type: 'invalid-request-error',
    when: 'POST /rooms with the name of a room that exists',
  },
  DAILY_ROOM_NAME_INVALID: {
    status: 400,
    type: 'invalid-request-error',
    when: 'a room name with characters other than `A-Za-z0-9_-`, or longer than 128',
  },
  DAILY_PROPERTY_INVALID: {
    status: 400,
    type: 'invalid-request-error',
    when: 'a room, domain or token property of the wrong type, an `exp` in the past, a bad `privacy`, or `enable_screenshare` changed during a call',
  },
  DAILY_TOKEN_INVALID: {
    status: 400,
    type: 'invalid-request-error',
    when: 'a meeting token that is not an HS256 JWT signed with an API key of the domain, or is for another domain (`d`)',
  },
  DAILY_TOKEN_EXPIRED: { status: 400, type: 'invalid-request-error', when: 'a meeting token whose `exp` has passed' },
  DAILY_TOKEN_NOT_YET_VALID: {
    status: 400,
    type: 'invalid-request-error',
    when: 'a meeting token whose `nbf` is still ahead, validated without `ignoreNbf=true`',
  },
  DAILY_APP_MESSAGE_TOO_LARGE: {
    status: 400,
    type: 'invalid-request-error',
    when: 'an app message whose `data` is over 4096 bytes serialized',
  },
  DAILY_AMPLIFICATION_LIMIT: {
    status: 400,
    type: 'invalid-request-error',
    when: 'an update whose `"*"` would copy its value to more participants than `--max-amplification` allows (participants reached × the value\'s size as JSON); refused before anything changes',
  },
  DAILY_WEBHOOK_NOT_FOUND: { status: 404, type: 'not-found', when: 'no webhook with this uuid' },
  DAILY_WEBHOOK_LIMIT: {
    status: 400,
    type: 'invalid-request-error',
    when: 'POST /webhooks while the domain has one already (a domain may only have one webhook)',
  },
  DAILY_WEBHOOK_UNVERIFIED: {
    status: 400,
    type: 'invalid-request-error',
    when: 'the webhook URL did not answer the verification request with 200 in time (create and update)',
  },
  DAILY_ROOM_NOT_HOSTING: { status: 404, type: 'not-found', when: 'the room exists but nobody is in a call in it' },
  DAILY_PARTICIPANT_NOT_FOUND: {
    status: 404,
    type: 'not-found',
    when: '(strict mode) `data` names a session id that is not in the call',
  },
  DAILY_ROUTE_NOT_FOUND: {
    status: 404,
    type: 'not-found',
    when: 'no Daily operation at this path under `/v1`; the reason lists what is served',
  },
  DAILY_METHOD_NOT_ALLOWED: {
    status: 405,
    type: 'invalid-request-error',
    when: 'the path is served for other methods; `Allow` lists them',
  },
  DAILY_BODY_TOO_LARGE: {
    status: 413,
    type: 'invalid-request-error',
    when: 'a body over `--body-limit` (Daily documents no 413)',
  },
  DAILY_RATE_LIMITED: {
    status: 429,
    type: 'rate-limit-error',
    when: 'a rate limit switched on in the namespace is exceeded; `Retry-After` says when to retry',
  },
  DAILY_SERVER_ERROR: {
    status: 500,
    type: 'server-error',
    when: 'the state file could not be written, or a fault in the mock',
  },
} as const satisfies Record<string, { status: number; type: string; when: string }>;

export type DailyErrorCode = keyof typeof DAILY_ERRORS;

export interface DailyErrorBody {
  readonly error: string;
  readonly info?: string;
  /** Only on the 404 for deleting an expired room. */
  readonly deleted?: true;
}

function isDailyCode(code: string): code is DailyErrorCode {
  return Object.hasOwn(DAILY_ERRORS, code);
}

/**
 * The status and body Daily answers for this reason. `authentication-error` carries no `info`
 * (as observed on the live API); every other body does.
 */
export function renderDailyError(code: string, info: string): WireAnswer {
  const { status, type } = DAILY_ERRORS[isDailyCode(code) ? code : 'DAILY_SERVER_ERROR'];
  const body: DailyErrorBody =
    code === 'DAILY_API_KEY_INVALID'
      ? { error: type }
      : code === 'DAILY_ROOM_EXPIRED_DELETED'
        ? { error: type, info, deleted: true }
        : { error: type, info };
  return { status, body, contentType: JSON_TYPE };
}

/** The refusals the plumbing makes, in Daily's terms. */
export const DAILY_PLUMBING: Readonly<Record<PlumbingReason, DailyErrorCode>> = {
  notFound: 'DAILY_ROUTE_NOT_FOUND',
  methodNotAllowed: 'DAILY_METHOD_NOT_ALLOWED',
  malformedPath: 'DAILY_REQUEST_INVALID',
  bodyTooLarge: 'DAILY_BODY_TOO_LARGE',
  bodyUnreadable: 'DAILY_REQUEST_INVALID',
  rateLimited: 'DAILY_RATE_LIMITED',
  storageFailed: 'DAILY_SERVER_ERROR',
  namespace: 'DAILY_REQUEST_INVALID',
  internal: 'DAILY_SERVER_ERROR',
};

const FAULT_CODES: Readonly<Record<number, DailyErrorCode>> = {
  400: 'DAILY_REQUEST_INVALID',
  401: 'DAILY_API_KEY_INVALID',
  403: 'DAILY_FORBIDDEN',
  404: 'DAILY_ROOM_NOT_FOUND',
  429: 'DAILY_RATE_LIMITED',
  500: 'DAILY_SERVER_ERROR',
};

/** The code whose body an injected status is answered with. */
export function dailyFaultCode(status: number): DailyErrorCode {
  return FAULT_CODES[status] ?? 'DAILY_SERVER_ERROR';
}

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
  DAILY_ROOM_NOT_FOUND: { status: 404, type: 'not-found', when: 'no room with this name' },
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
  const body: DailyErrorBody = code === 'DAILY_API_KEY_INVALID' ? { error: type } : { error: type, info };
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
  404: 'DAILY_ROOM_NOT_FOUND',
  429: 'DAILY_RATE_LIMITED',
  500: 'DAILY_SERVER_ERROR',
};

/** The code whose body an injected status is answered with. */
export function dailyFaultCode(status: number): DailyErrorCode {
  return FAULT_CODES[status] ?? 'DAILY_SERVER_ERROR';
}

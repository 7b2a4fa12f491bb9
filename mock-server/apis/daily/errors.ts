/**
 * Daily's wire errors. Each reason the mock refuses a Daily request has a stable code (kept in the
 * request journal and the X-Perm-Mock-Reason header); the client sees Daily's own body for it:
 * `{"error": <type>, "info": <text>}` with the status Daily uses.
 */
import { FAULT_REASONS } from '../../faults';

export const DAILY_ERRORS = {
  DAILY_AUTH_HEADER_MISSING: { status: 400, type: 'authorization-header-error' },
  DAILY_API_KEY_INVALID: { status: 401, type: 'authentication-error' },
  DAILY_JSON_INVALID: { status: 400, type: 'json-parsing-error' },
  DAILY_REQUEST_INVALID: { status: 400, type: 'invalid-request-error' },
  DAILY_ROOM_NOT_FOUND: { status: 404, type: 'not-found' },
  DAILY_ROOM_NOT_HOSTING: { status: 404, type: 'not-found' },
  DAILY_PARTICIPANT_NOT_FOUND: { status: 404, type: 'not-found' },
  DAILY_BODY_TOO_LARGE: { status: 413, type: 'invalid-request-error' },
  DAILY_RATE_LIMITED: { status: 429, type: 'rate-limit-error' },
  DAILY_SERVER_ERROR: { status: 500, type: 'server-error' },
} as const satisfies Record<string, { status: number; type: string }>;

export type DailyErrorCode = keyof typeof DAILY_ERRORS;

export interface DailyErrorBody {
  readonly error: string;
  readonly info?: string;
}

export interface DailyWireError {
  readonly status: number;
  readonly body: DailyErrorBody;
}

/**
 * The status and body Daily answers for this reason. `authentication-error` carries no `info`
 * (as observed on the live API); every other body does.
 */
export function dailyWireError(code: DailyErrorCode, info: string): DailyWireError {
  const { status, type } = DAILY_ERRORS[code];
  if (code === 'DAILY_API_KEY_INVALID') return { status, body: { error: type } };
  return { status, body: { error: type, info } };
}

/** The answer that refuses a request: Daily's status and body, and the precise reason for diagnostics. */
export function dailyRefusal(
  code: DailyErrorCode,
  info: string,
  why: string = info,
): { status: number; body: DailyErrorBody; reason: { code: string; message: string } } {
  const wire = dailyWireError(code, info);
  return { status: wire.status, body: wire.body, reason: { code, message: why } };
}

/** Statuses a fault may inject for Daily: those its contract documents (413 is the mock's own). */
export const DAILY_FAULT_STATUSES = [400, 401, 404, 429, 500] as const;

const FAULT_TYPES: Readonly<Record<number, DailyErrorCode>> = {
  400: 'DAILY_REQUEST_INVALID',
  401: 'DAILY_API_KEY_INVALID',
  404: 'DAILY_ROOM_NOT_FOUND',
  429: 'DAILY_RATE_LIMITED',
  500: 'DAILY_SERVER_ERROR',
};

/** Daily's own body for an injected status; the reason says it was injected. */
export function dailyFault(
  status: number,
  retryAfter: number | undefined,
  why: string,
): {
  status: number;
  body: DailyErrorBody;
  reason: { code: string; message: string };
  headers?: Record<string, string>;
} {
  const code = FAULT_TYPES[status] ?? 'DAILY_SERVER_ERROR';
  const wire = dailyWireError(code, status === 429 ? 'rate limit exceeded' : 'injected by perm-mock');
  return {
    status: wire.status,
    body: wire.body,
    reason: { code: FAULT_REASONS.injected, message: why },
    ...(retryAfter !== undefined && { headers: { 'Retry-After': String(retryAfter) } }),
  };
}

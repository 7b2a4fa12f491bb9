/**
 * Daily's wire errors. Each reason the mock refuses a Daily request has a stable code (kept in the
 * request journal and the X-Perm-Mock-Reason header); the client sees Daily's own body for it:
 * `{"error": <type>, "info": <text>}` with the status Daily uses.
 */
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

/**
 * Sonoran Radio's wire errors. Each reason the mock refuses a request has a stable code (journal and
 * X-Perm-Mock-Reason header); the client sees Sonoran's own terse body for it.
 */
import { FAULT_REASONS } from '../../faults';

export const SONORAN_ERRORS = {
  SONORAN_INVALID_KEY: { status: 404, body: { result: 'bad', error: 'Invalid community ID or API key' } },
  SONORAN_INVALID_JSON: { status: 400, body: { error: 'Invalid request' } },
  SONORAN_INVALID_REQUEST: { status: 400, body: { error: 'Invalid request' } },
  SONORAN_CHANNEL_NOT_FOUND: { status: 400, body: { error: 'Invalid request' } },
  SONORAN_MEMBER_NOT_FOUND: { status: 404, body: { result: 'bad', error: 'Member not found' } },
  SONORAN_BODY_TOO_LARGE: { status: 413, body: { error: 'Invalid request' } },
  SONORAN_SERVER_ERROR: { status: 500, body: { error: 'Internal server error' } },
  SONORAN_RATE_LIMITED: { status: 429, body: { error: 'Too many requests' } },
} as const satisfies Record<string, { status: number; body: SonoranErrorBody }>;

export type SonoranErrorCode = keyof typeof SONORAN_ERRORS;

export interface SonoranErrorBody {
  readonly result?: 'bad';
  readonly error: string;
}

/** The answer that refuses a request: Sonoran's status and body, and the precise reason for diagnostics. */
export function sonoranRefusal(
  code: SonoranErrorCode,
  why: string,
): { status: number; body: SonoranErrorBody; reason: { code: string; message: string } } {
  const { status, body } = SONORAN_ERRORS[code];
  return { status, body, reason: { code, message: why } };
}

/** Statuses a fault may inject for Sonoran Radio: those its contract documents (413 is the mock's own). */
export const SONORAN_FAULT_STATUSES = [400, 404, 429, 500] as const;

const FAULT_CODES: Readonly<Record<number, SonoranErrorCode>> = {
  400: 'SONORAN_INVALID_REQUEST',
  404: 'SONORAN_INVALID_KEY',
  429: 'SONORAN_RATE_LIMITED',
  500: 'SONORAN_SERVER_ERROR',
};

/** Sonoran's own body for an injected status; the reason says it was injected. */
export function sonoranFault(
  status: number,
  retryAfter: number | undefined,
  why: string,
): {
  status: number;
  body: SonoranErrorBody;
  reason: { code: string; message: string };
  headers?: Record<string, string>;
} {
  const { status: wireStatus, body } = SONORAN_ERRORS[FAULT_CODES[status] ?? 'SONORAN_SERVER_ERROR'];
  return {
    status: wireStatus,
    body,
    reason: { code: FAULT_REASONS.injected, message: why },
    ...(retryAfter !== undefined && { headers: { 'Retry-After': String(retryAfter) } }),
  };
}

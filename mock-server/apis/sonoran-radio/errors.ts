/**
 * Sonoran Radio's wire errors. Each reason the mock refuses a request has a stable code (journal and
 * X-Perm-Mock-Reason header); the client sees Sonoran's own body for it: v1's terse JSON bodies, or
 * v2's application/problem+json with a traceId.
 */
import { STATUS_CODES } from 'node:http';

import type { PlumbingReason, RenderContext, WireAnswer } from '../seam';

export interface SonoranErrorBody {
  readonly result?: 'bad';
  readonly error: string;
}

interface SonoranError {
  /** The status on v1 (and on v2 unless `v2Status` says otherwise). */
  readonly status: number;
  /** v1's body. */
  readonly body: SonoranErrorBody;
  /** When the mock answers with it (the error reference is generated from this). */
  readonly when: string;
  readonly v2Status?: number;
  /** Raised on one version only (the other never meets it). */
  readonly only?: 'v1' | 'v2';
}

const INVALID: SonoranErrorBody = { error: 'Invalid request' };

export const SONORAN_ERRORS = {
  SONORAN_INVALID_KEY: {
    status: 404,
    v2Status: 401,
    body: { result: 'bad', error: 'Invalid community ID or API key' },
    when: "v1: no community with this id, or the key (in the path or body) is missing or not its key; v2: the Bearer key is no community's key",
  },
  SONORAN_MISSING_AUTH: {
    status: 401,
    only: 'v2',
    body: { result: 'bad', error: 'Unauthorized' },
    when: 'v2: no `Authorization` header, or one that is not `Bearer <key>`',
  },
  SONORAN_COMMUNITY_NOT_FOUND: {
    status: 404,
    only: 'v2',
    body: { result: 'bad', error: 'Invalid community ID or API key' },
    when: "v2: the community in the path is not the Bearer key's (or does not exist)",
  },
  SONORAN_INVALID_JSON: {
    status: 400,
    body: INVALID,
    when: 'a body that is not JSON (or not UTF-8)',
  },
  SONORAN_INVALID_REQUEST: {
    status: 400,
    body: INVALID,
    when: 'a body or query that breaks the contract, a wrong Content-Type, a path that is not valid percent-encoding, a bad namespace, or a request the act cannot apply (the reason says which)',
  },
  SONORAN_CHANNEL_NOT_FOUND: {
    status: 400,
    body: INVALID,
    when: 'a transmit or scan channel that is not a channel of the community (always); a `profileId` or zone channel that is not one (strict mode)',
  },
  SONORAN_PRIVATE_CHANNEL: {
    status: 400,
    body: INVALID,
    when: '(strict mode) a private channel set as transmit or scan for a member without `canJoin: true` on it',
  },
  SONORAN_TARGET_NOT_FOUND: {
    status: 400,
    body: INVALID,
    when: '(strict mode) a play-tone target that names no channel, group or stored speaker of the community',
  },
  SONORAN_MEMBER_NOT_FOUND: {
    status: 404,
    body: { result: 'bad', error: 'Member not found' },
    when: '(strict mode) an `accId` that is not a member of the community',
  },
  SONORAN_USER_NOT_FOUND: {
    status: 404,
    body: { result: 'bad', error: 'User not found' },
    when: 'a user not connected to the room (get connected user, set user channels), or an account neither a member nor connected (set user display name); v1 also for a room the community does not have',
  },
  SONORAN_ROOM_NOT_FOUND: {
    status: 404,
    body: { result: 'bad', error: 'User not found' },
    when: 'a room id the community does not have (v2; v1 names no room but in the connected-user paths, where it reads as "User not found")',
  },
  SONORAN_ZONE_NOT_FOUND: {
    status: 404,
    only: 'v2',
    body: { result: 'bad', error: 'Not found' },
    when: 'v2: replacing or deleting a zone the room does not have under that type and name',
  },
  SONORAN_NO_SUBSCRIPTION: {
    status: 400,
    v2Status: 404,
    body: INVALID,
    when: "subscription by IP: no community registered a game server (set-server-ip) from the caller's address",
  },
  SONORAN_ROUTE_NOT_FOUND: {
    status: 404,
    body: { result: 'bad', error: 'Not found' },
    when: 'no Sonoran Radio operation at this path under `/api`, `/radio` or `/v2`; the reason lists what is served',
  },
  SONORAN_METHOD_NOT_ALLOWED: {
    status: 405,
    body: { result: 'bad', error: 'Method not allowed' },
    when: 'the path is served for other methods; `Allow` lists them',
  },
  SONORAN_BODY_TOO_LARGE: { status: 413, body: INVALID, when: 'a body over `--body-limit`' },
  SONORAN_SERVER_ERROR: {
    status: 500,
    body: { error: 'Internal server error' },
    when: 'the state file could not be written, or a fault in the mock (Sonoran documents no 5xx body)',
  },
  SONORAN_RATE_LIMITED: {
    status: 429,
    body: { error: 'Too many requests' },
    when: 'a rate limit switched on in the namespace is exceeded (v2: per API key and endpoint; Sonoran documents no v1 body)',
  },
} as const satisfies Record<string, SonoranError>;

export type SonoranErrorCode = keyof typeof SONORAN_ERRORS;

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

function isSonoranCode(code: string): code is SonoranErrorCode {
  return Object.hasOwn(SONORAN_ERRORS, code);
}

/** A code's entry (an unknown code reads as a fault in the mock). */
export function sonoranError(code: string): SonoranError {
  return SONORAN_ERRORS[isSonoranCode(code) ? code : 'SONORAN_SERVER_ERROR'];
}

/** A W3C trace-context id derived from the journal's request id, so a v2 error names its journal entry. */
export function traceIdOf(requestId: string): string {
  const hex = Buffer.from(requestId, 'utf8').toString('hex').slice(-32).padStart(32, '0');
  return `00-${hex}-${'0'.repeat(15)}1-00`;
}

/** Sonoran's answer for a refusal code: v1's fixed body, or v2's problem with the detail. */
export function renderSonoranError(code: string, detail: string, at: RenderContext): WireAnswer {
  const error: SonoranError = sonoranError(code);
  if (at.surface !== 'sonoran-v2') return { status: error.status, body: error.body, contentType: JSON_TYPE };
  const status = error.v2Status ?? error.status;
  return {
    status,
    contentType: PROBLEM_TYPE,
    body: {
      type: `https://httpstatuses.com/${status}`,
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      instance: at.path,
      traceId: traceIdOf(at.requestId),
    },
  };
}

/** The refusals the plumbing makes, in Sonoran's terms. */
export const SONORAN_PLUMBING: Readonly<Record<PlumbingReason, SonoranErrorCode>> = {
  notFound: 'SONORAN_ROUTE_NOT_FOUND',
  methodNotAllowed: 'SONORAN_METHOD_NOT_ALLOWED',
  malformedPath: 'SONORAN_INVALID_REQUEST',
  bodyTooLarge: 'SONORAN_BODY_TOO_LARGE',
  bodyUnreadable: 'SONORAN_INVALID_REQUEST',
  rateLimited: 'SONORAN_RATE_LIMITED',
  storageFailed: 'SONORAN_SERVER_ERROR',
  namespace: 'SONORAN_INVALID_REQUEST',
  internal: 'SONORAN_SERVER_ERROR',
};

const FAULT_CODES: Readonly<Record<number, SonoranErrorCode>> = {
  400: 'SONORAN_INVALID_REQUEST',
  401: 'SONORAN_MISSING_AUTH',
  404: 'SONORAN_COMMUNITY_NOT_FOUND',
  429: 'SONORAN_RATE_LIMITED',
  500: 'SONORAN_SERVER_ERROR',
};

/** The code whose body an injected status is answered with. */
export function sonoranFaultCode(status: number): SonoranErrorCode {
  return FAULT_CODES[status] ?? 'SONORAN_SERVER_ERROR';
}

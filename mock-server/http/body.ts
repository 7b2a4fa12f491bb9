/**
 * Request bodies: read once as raw bytes within the size limit (an encoded body is refused), then
 * decoded strictly here, so that every API can answer a bad body with its own error: invalid UTF-8
 * is refused rather than silently replaced, and the JSON is parsed once.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';

import type { JsonRead } from '../apis/seam';

export type { JsonRead } from '../apis/seam';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const EMPTY = Buffer.alloc(0);

/**
 * Deepest JSON nesting accepted. No valid body of either API nests beyond 8 levels; refusing deeper
 * ones up front keeps every later step (validation, the journal, its JSON answers) safe from
 * recursion limits.
 */
export const MAX_JSON_DEPTH = 64;

/** Nesting depth of a valid JSON text, scanned byte by byte (strings skipped). */
export function jsonDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c)
        i += 1; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) {
      inString = true;
    } else if (b === 0x7b || b === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (b === 0x7d || b === 0x5d) {
      depth -= 1;
    }
  }
  return deepest;
}

/** Decode a raw body as UTF-8 JSON; says precisely why it is not. */
export function decodeJson(raw: unknown): JsonRead {
  if (!Buffer.isBuffer(raw) || raw.length === 0) {
    return { ok: false, problem: 'empty', detail: 'the request body is empty' };
  }
  if (!isUtf8(raw)) return { ok: false, problem: 'utf8', detail: 'the request body is not valid UTF-8' };
  // As TextDecoder would, a leading byte-order mark is not part of the text.
  const text = raw.toString('utf8', raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: 'syntax', detail: `the request body is not valid JSON: ${reason}` };
  }
  // A text shorter than twice the limit cannot nest past it: only longer ones are scanned.
  if (
    typeof value === 'object' &&
    value !== null &&
    raw.length > 2 * MAX_JSON_DEPTH &&
    jsonDepth(raw) > MAX_JSON_DEPTH
  ) {
    return { ok: false, problem: 'depth', detail: `the request body nests JSON deeper than ${MAX_JSON_DEPTH} levels` };
  }
  return { ok: true, value };
}

/**
 * True for `application/json` (parameters such as charset ignored), the type both APIs document.
 * Other `+json` types (`application/merge-patch+json`, …) are not taken as it: a DECISION, since
 * neither API documents them, and a client that sends one is worth telling about.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  return (header.split(';', 1)[0]?.trim().toLowerCase() ?? '') === 'application/json';
}

/** Errors raw-body raises carry a `type` and a `status`; anything else is not a body error. */
export interface BodyReadError {
  readonly type: string;
  readonly status: number;
  readonly message: string;
  readonly limit?: number;
}

export function isBodyReadError(error: unknown): error is BodyReadError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<BodyReadError>;
  return typeof candidate.type === 'string' && typeof candidate.status === 'number';
}

/** Shaped like raw-body's errors (`type`, `status`), so one mapping serves both. */
class UnsupportedEncodingError extends Error implements BodyReadError {
  readonly type = 'encoding.unsupported';
  readonly status = 415;
  constructor(encoding: string) {
    super(`Content-Encoding ${encoding} is not supported; send the body uncompressed`);
  }
}

export type BodyResult =
  { readonly ok: true; readonly raw: Buffer } | { readonly ok: false; readonly error: BodyReadError };

/**
 * Read the whole body, at most `limit` bytes. A refused body is drained, so the answer can still be
 * read; an aborted one resolves with `request.aborted` (nobody is left to answer).
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const encoding = req.headers['content-encoding'];
  const length = req.headers['content-length'];
  // No Content-Length and no Transfer-Encoding: HTTP/1.1 says there is no body.
  if ((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) {
    return { ok: true, raw: EMPTY };
  }
  try {
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') throw new UnsupportedEncodingError(encoding);
    return { ok: true, raw: await getRawBody(req, { length, limit }) };
  } catch (error) {
    if (!isBodyReadError(error)) throw error;
    if (error.type !== 'request.aborted') req.resume();
    return { ok: false, error };
  }
}

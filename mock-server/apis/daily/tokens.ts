/**
 * Meeting tokens: HS256 JWTs signed with the domain's API key, carrying Daily's abbreviated claims
 * (`r` for room_name, `o` for is_owner, `p` for permissions with its own short keys…). Signing and
 * checking signatures is jose's; mapping the claims to and from the long property names is here,
 * as pure functions. A token the mock made and one a client signed itself check the same way.
 */
import type * as Jose from 'jose';

import { getContractRegistry } from '../../../contracts/registry';
import type { PropertySpec } from './rooms';
import type { PermissionUpdate } from './types';

/** Long property name → the claim Daily's tokens carry (Daily's self-signing guide). */
export const CLAIM_NAMES: ReadonlyMap<string, string> = new Map([
  ['nbf', 'nbf'],
  ['exp', 'exp'],
  ['domain_id', 'd'],
  ['room_name', 'r'],
  ['user_id', 'ud'],
  ['user_name', 'u'],
  ['is_owner', 'o'],
  ['knocking', 'k'],
  ['close_tab_on_exit', 'ctoe'],
  ['redirect_on_meeting_exit', 'rome'],
  ['intercom_join_alert', 'ij'],
  ['start_cloud_recording', 'sr'],
  ['start_cloud_recording_opts', 'sro'],
  ['auto_start_transcription', 'ast'],
  ['enable_recording', 'er'],
  ['enable_screenshare', 'ss'],
  ['start_video_off', 'vo'],
  ['start_audio_off', 'ao'],
  ['meeting_join_hook', 'mjh'],
  ['eject_at_token_exp', 'ejt'],
  ['eject_after_elapsed', 'eje'],
  ['lang', 'uil'],
  ['enable_recording_ui', 'erui'],
  ['permissions', 'p'],
]);
const LONG_NAMES: ReadonlyMap<string, string> = new Map([...CLAIM_NAMES].map(([long, short]) => [short, long]));

/** Token properties the mock checks; others are signed in as given (with a warning). */
export const TOKEN_PROPERTIES: ReadonlyMap<string, PropertySpec> = new Map<string, PropertySpec>([
  ['room_name', { kind: 'string' }],
  ['is_owner', { kind: 'boolean' }],
  ['user_id', { kind: 'string', maxLength: 36 }],
  ['user_name', { kind: 'string' }],
  ['nbf', { kind: 'unix' }],
  ['exp', { kind: 'unix' }],
  ['eject_at_token_exp', { kind: 'boolean' }],
  ['eject_after_elapsed', { kind: 'integer', min: 1 }],
  ['knocking', { kind: 'boolean' }],
  ['close_tab_on_exit', { kind: 'boolean' }],
  ['redirect_on_meeting_exit', { kind: 'string' }],
  ['intercom_join_alert', { kind: 'boolean' }],
  ['start_cloud_recording', { kind: 'boolean' }],
  ['start_cloud_recording_opts', { kind: 'object' }],
  ['auto_start_transcription', { kind: 'boolean' }],
  ['enable_recording', { kind: { enum: ['cloud', 'local', 'raw-tracks', 'output-byte-stream'] } }],
  ['enable_screenshare', { kind: 'boolean' }],
  ['start_video_off', { kind: 'boolean' }],
  ['start_audio_off', { kind: 'boolean' }],
  ['meeting_join_hook', { kind: 'string', maxLength: 255 }],
  ['lang', { kind: 'string' }],
  ['enable_recording_ui', { kind: 'boolean' }],
  ['enable_prejoin_ui', { kind: 'boolean' }],
  ['enable_terse_logging', { kind: 'boolean' }],
  ['enable_live_captions_ui', { kind: 'boolean' }],
  ['permissions', { kind: 'permissions' }],
]);

/** A token's properties by their long names, as validate answers them and joins read them. */
export interface TokenProperties {
  readonly room_name?: string;
  readonly is_owner?: boolean;
  readonly user_id?: string;
  readonly user_name?: string;
  readonly nbf?: number;
  readonly exp?: number;
  readonly eject_at_token_exp?: boolean;
  readonly eject_after_elapsed?: number;
  readonly knocking?: boolean;
  readonly permissions?: PermissionUpdate;
  readonly domain_id?: string;
  readonly iat?: number;
  readonly [property: string]: unknown;
}

const MEDIA: readonly (readonly [string, string])[] = [
  ['video', 'v'],
  ['audio', 'a'],
  ['screenVideo', 'sv'],
  ['screenAudio', 'sa'],
  ['customVideo', 'cv'],
  ['customAudio', 'ca'],
];
const ADMIN: readonly (readonly [string, string])[] = [
  ['participants', 'p'],
  ['streaming', 's'],
  ['transcription', 't'],
];
const RECEIVE: readonly (readonly [string, string])[] = [
  ['base', 'b'],
  ['byUserId', 'u'],
  ['byParticipantId', 'p'],
];

function renameKeys(value: unknown, pairs: readonly (readonly [string, string])[], toShort: boolean): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const map = new Map(pairs.map(([long, short]) => (toShort ? [long, short] : [short, long])));
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [map.get(key) ?? key, v]));
}

function listToString(list: readonly string[], pairs: readonly (readonly [string, string])[]): string {
  const short = new Map(pairs);
  return list.map((item) => short.get(item) ?? item).join(',');
}

function stringToList(text: string, pairs: readonly (readonly [string, string])[], what: string): string[] {
  if (text === '') return [];
  const long = new Map(pairs.map(([l, s]) => [s, l]));
  return text.split(',').map((part) => {
    const name = long.get(part.trim());
    if (name === undefined)
      throw new TokenFormatError(
        `p.${what} holds '${part}', which is not one of ${pairs.map(([, s]) => s).join(', ')}`,
      );
    return name;
  });
}

class TokenFormatError extends Error {}

function receiveRules(rules: unknown, toShort: boolean): unknown {
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) return rules;
  return Object.fromEntries(Object.entries(rules).map(([id, rule]) => [id, renameKeys(rule, MEDIA, toShort)]));
}

/** Permissions as the `p` claim carries them: `hp`, `cs` (a comma list), `cr`, `ca`. */
export function encodePermissions(update: PermissionUpdate): Record<string, unknown> {
  const p = new Map<string, unknown>();
  if (update.hasPresence !== undefined) p.set('hp', update.hasPresence);
  if (update.canSend !== undefined)
    p.set('cs', typeof update.canSend === 'boolean' ? update.canSend : listToString(update.canSend, MEDIA));
  if (update.canReceive !== undefined) {
    const cr = new Map<string, unknown>();
    const receive = update.canReceive;
    if (receive.base !== undefined) cr.set('b', renameKeys(receive.base, MEDIA, true));
    if (receive.byUserId !== undefined) cr.set('u', receiveRules(receive.byUserId, true));
    if (receive.byParticipantId !== undefined) cr.set('p', receiveRules(receive.byParticipantId, true));
    p.set('cr', Object.fromEntries(cr));
  }
  if (update.canAdmin !== undefined)
    p.set('ca', typeof update.canAdmin === 'boolean' ? update.canAdmin : listToString(update.canAdmin, ADMIN));
  return Object.fromEntries(p);
}

/** The `p` claim back as permissions; throws TokenFormatError on what no token of Daily's holds. */
function decodePermissions(raw: unknown): PermissionUpdate {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TokenFormatError('p must be an object');
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'hp') out.set('hasPresence', value);
    else if (key === 'cs') out.set('canSend', typeof value === 'string' ? stringToList(value, MEDIA, 'cs') : value);
    else if (key === 'ca') out.set('canAdmin', typeof value === 'string' ? stringToList(value, ADMIN, 'ca') : value);
    else if (key === 'cr') {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new TokenFormatError('p.cr must be an object');
      const cr = new Map<string, unknown>();
      for (const [sub, rule] of Object.entries(value as Record<string, unknown>)) {
        const long = RECEIVE.find(([, s]) => s === sub)?.[0];
        if (long === undefined) throw new TokenFormatError(`p.cr holds '${sub}', which is not one of b, u, p`);
        cr.set(long, long === 'base' ? renameKeys(rule, MEDIA, false) : receiveRules(rule, false));
      }
      out.set('canReceive', Object.fromEntries(cr));
    } else throw new TokenFormatError(`p holds '${key}', which is not one of hp, cs, cr, ca`);
  }
  const update = Object.fromEntries(out);
  const violations = getContractRegistry().validate('urn:perm-mock:daily:permissions#/$defs/update', update, 'p');
  if (violations.length > 0) throw new TokenFormatError(violations[0]?.text ?? 'p is not valid');
  return update;
}

/** The claims of a token for these properties (long names), with the domain and the time it was made. */
export function encodeClaims(
  properties: Readonly<Record<string, unknown>>,
  domainId: string,
  issuedAtSeconds: number,
): Record<string, unknown> {
  const claims = new Map<string, unknown>();
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined) continue;
    const short = CLAIM_NAMES.get(key) ?? key;
    claims.set(short, key === 'permissions' ? encodePermissions(value) : value);
  }
  claims.set('d', domainId);
  claims.set('iat', issuedAtSeconds);
  return Object.fromEntries(claims);
}

/** A token's claims by their long names (what validate answers); throws TokenFormatError on a bad `p`. */
export function decodeClaims(claims: Readonly<Record<string, unknown>>): TokenProperties {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(claims)) {
    const long = LONG_NAMES.get(key) ?? key;
    out.set(long, long === 'permissions' ? decodePermissions(value) : value);
  }
  return Object.fromEntries(out);
}

const secret = (apiKey: string): Uint8Array => new TextEncoder().encode(apiKey);

let loaded: Promise<typeof Jose> | undefined;
/** jose, loaded on first use: a mock that never sees a token does not pay for it at start-up (~50 ms). */
function jose(): Promise<typeof Jose> {
  loaded ??= import('jose');
  return loaded;
}

/** Sign a meeting token (HS256, `typ: JWT`, as Daily's own tokens) with an API key of the domain. */
export async function signMeetingToken(claims: Readonly<Record<string, unknown>>, apiKey: string): Promise<string> {
  const { SignJWT } = await jose();
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret(apiKey));
}

export type TokenRefusal = 'DAILY_TOKEN_INVALID' | 'DAILY_TOKEN_EXPIRED' | 'DAILY_TOKEN_NOT_YET_VALID';

/** What validate answers for a valid token: its properties by their long names, or its payload as signed. */
export const TOKEN_VALIDATE_SHAPES = ['long', 'claims'] as const;
export type TokenValidateShape = (typeof TOKEN_VALIDATE_SHAPES)[number];

export type TokenCheck =
  | {
      readonly ok: true;
      readonly properties: TokenProperties;
      /** The payload as signed (abbreviated claims). */
      readonly claims: Readonly<Record<string, unknown>>;
    }
  | { readonly ok: false; readonly code: TokenRefusal; readonly info: string };

export interface TokenCheckOptions {
  /** Accept a token whose `nbf` is still ahead (validate's `ignoreNbf`). */
  readonly ignoreNbf?: boolean;
}

const invalid = (info: string): TokenCheck => ({ ok: false, code: 'DAILY_TOKEN_INVALID', info });

function iso(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

/**
 * Check a meeting token: HS256 only (so `alg: none` is refused), signed with one of the domain's
 * API keys, for this domain (`d`), not expired, and valid already unless `ignoreNbf`. A token
 * made by `POST /meeting-tokens` and one a client signed with the key check alike.
 */
export async function checkMeetingToken(
  token: string,
  apiKeys: readonly string[],
  domainId: string,
  nowMs: number,
  options: TokenCheckOptions = {},
): Promise<TokenCheck> {
  if (token.split('.').length !== 3) return invalid('the meeting token is not a JWT (three dot-separated parts)');
  const { compactVerify, decodeProtectedHeader } = await jose();
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    return invalid('the meeting token has no readable JWT header');
  }
  if (alg !== 'HS256') {
    return invalid(
      alg === 'none'
        ? 'the meeting token is not signed (alg none); meeting tokens are HS256, signed with the API key'
        : `the meeting token is signed with ${String(alg)}; meeting tokens are HS256, signed with the API key`,
    );
  }
  let payload: Uint8Array | undefined;
  for (const key of apiKeys) {
    try {
      payload = (await compactVerify(token, secret(key), { algorithms: ['HS256'] })).payload;
      break;
    } catch {
      // try the domain's next key
    }
  }
  if (payload === undefined) return invalid("the meeting token's signature does not match this domain's API key");
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return invalid('the meeting token payload is not JSON');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    return invalid('the meeting token payload is not a JSON object');
  }
  const raw = claims as Record<string, unknown>;
  const domain = Object.hasOwn(raw, 'd') ? raw.d : undefined;
  if (domain === undefined) return invalid('the meeting token names no domain (claim d)');
  if (domain !== domainId) return invalid(`the meeting token is for another domain (d: ${JSON.stringify(domain)})`);
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value = Object.hasOwn(raw, claim) ? raw[claim] : undefined;
    if (value !== undefined && typeof value !== 'number')
      return invalid(`the meeting token's ${claim} is not a number`);
  }
  // Every token the mock makes carries iat; Daily's docs say a self-signed one must (with r and d).
  if (!Object.hasOwn(raw, 'iat')) {
    return invalid('the meeting token has no iat: a self-signed token must carry iat (issued at, unix seconds) and d');
  }
  const exp = raw.exp as number | undefined;
  const nbf = raw.nbf as number | undefined;
  if (exp !== undefined && exp * 1000 <= nowMs) {
    return { ok: false, code: 'DAILY_TOKEN_EXPIRED', info: `the meeting token expired at ${iso(exp)}` };
  }
  if (nbf !== undefined && nbf * 1000 > nowMs && options.ignoreNbf !== true) {
    return {
      ok: false,
      code: 'DAILY_TOKEN_NOT_YET_VALID',
      info: `the meeting token is not valid before ${iso(nbf)} (validate it anyway with ignoreNbf=true)`,
    };
  }
  try {
    return { ok: true, properties: decodeClaims(raw), claims: raw };
  } catch (error) {
    if (error instanceof TokenFormatError)
      return invalid(`the meeting token's permissions are not valid: ${error.message}`);
    throw error;
  }
}

/**
 * What every Sonoran Radio handler does before its rule: read the body, find the community the
 * request's credentials open (v1: id and key in the path or body; v2: the Bearer key), read path
 * and query values; and after it: apply the rule's patch and answer. Each step returns a value or
 * a refusal; handlers stop at the first refusal, so a refused request changes nothing.
 */
import type { ApiRefusal, ApiRequest, ApiResult, OperationHandler, ReadonlyQuery } from '../seam';
import type { SonoranErrorCode } from './errors';
import { isEmptyPatch, type Paging, type RuleOutcome } from './semantics';
import type { SonoranStore } from './store';
import type { Community } from './types';

export interface SonoranOptions {
  /** Refuse unknown members, channels and targets instead of skipping them. */
  readonly strict: boolean;
  /** Most members a community may hold (emplace adds members). */
  readonly maxMembers: number;
}

export type Handler = OperationHandler<SonoranStore, SonoranOptions>;
export type Body = Readonly<Record<string, unknown>>;

export function refuse(code: SonoranErrorCode, why: string, info?: string): ApiRefusal {
  return { refuse: code, why, ...(info !== undefined && { info }) };
}

export function isRefusal<T>(value: T | ApiRefusal): value is ApiRefusal {
  return typeof value === 'object' && value !== null && 'refuse' in value;
}

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function shortId(id: string): string {
  return id.length > 128 ? `${id.slice(0, 128)}…` : id;
}

/**
 * The body as a JSON object: a Content-Type other than JSON, text that is not JSON, or JSON that is
 * not an object are refused (400). An empty body reads as `{}` when the route allows leaving it out.
 */
export function jsonObject(req: ApiRequest, { optional = false, hint = '' } = {}): Body | ApiRefusal {
  const { body, contract } = req;
  if (optional && !body.json.ok && body.json.problem === 'empty') return {};
  if (!body.jsonType) {
    return refuse(
      'SONORAN_INVALID_REQUEST',
      `Content-Type must be application/json (got ${body.contentType ?? 'none'})`,
    );
  }
  if (!body.json.ok) {
    if (body.json.problem === 'empty') return refuse('SONORAN_INVALID_REQUEST', `${body.json.detail}${hint}`);
    return refuse(body.json.problem === 'depth' ? 'SONORAN_INVALID_REQUEST' : 'SONORAN_INVALID_JSON', body.json.detail);
  }
  if (!isObject(body.json.value))
    return refuse('SONORAN_INVALID_REQUEST', contract.body[0] ?? 'body must be an object');
  return body.json.value;
}

/** The body's contract violations, as one refusal (400); undefined when the body keeps its contract. */
export function contractRefusal(req: ApiRequest): ApiRefusal | undefined {
  return req.contract.body.length > 0 ? refuse('SONORAN_INVALID_REQUEST', req.contract.body.join('; ')) : undefined;
}

// ---- v1 credentials ----

function unknownCommunity(id: string): ApiRefusal {
  return refuse(
    'SONORAN_INVALID_KEY',
    `no community has the id "${shortId(id)}"; list them with GET /__admin/sonoran/communities`,
  );
}

/** v1: the community the id and key open (both from the path, or both from the body). */
export function v1Community(store: SonoranStore, id: unknown, key: unknown, where: string): Community | ApiRefusal {
  if (typeof id !== 'string') return refuse('SONORAN_INVALID_KEY', `the community id is missing from the ${where}`);
  const community = store.getCommunity(id);
  if (community === undefined) return unknownCommunity(id);
  if (typeof key !== 'string') return refuse('SONORAN_INVALID_KEY', `the ${where} has no API key string`);
  if (key !== community.apiKey)
    return refuse('SONORAN_INVALID_KEY', `the key in the ${where} is not the API key of community ${id}`);
  return community;
}

/** v1 member routes: the id in the path, the key in the body as `apiKey`. */
export function v1CommunityByApiKey(req: ApiRequest, store: SonoranStore, body: Body): Community | ApiRefusal {
  const id = req.params.id ?? '';
  const community = store.getCommunity(id);
  if (community === undefined) return unknownCommunity(id);
  if (typeof body.apiKey !== 'string') {
    return refuse(
      'SONORAN_INVALID_KEY',
      'the body has no apiKey string; the community API key travels in the body as "apiKey"',
    );
  }
  if (body.apiKey !== community.apiKey)
    return refuse('SONORAN_INVALID_KEY', `apiKey is not the API key of community ${id}`);
  return community;
}

// ---- v2 credentials ----

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * v2: the Bearer key must be some community's key (401 otherwise), and the path's community must be
 * that key's (404 otherwise: "not available to the authenticated API key").
 */
export function v2Community(req: ApiRequest, store: SonoranStore): Community | ApiRefusal {
  const header = req.headers.authorization;
  if (header === undefined || header === '') {
    return refuse(
      'SONORAN_MISSING_AUTH',
      'no Authorization header; send Authorization: Bearer <community API key>',
      'Missing Authorization header.',
    );
  }
  const key = BEARER.exec(header)?.[1];
  if (key === undefined) {
    return refuse(
      'SONORAN_MISSING_AUTH',
      'the Authorization header is not "Bearer <community API key>"',
      'Authorization header is not using the Bearer scheme.',
    );
  }
  const id = req.params.id ?? '';
  const community = store.getCommunity(id);
  if (community !== undefined && community.apiKey === key) return community;
  const owner = store.communityOfKey(key);
  if (owner === undefined)
    return refuse('SONORAN_INVALID_KEY', "the Bearer key is no community's API key", 'API key is invalid.');
  return refuse(
    'SONORAN_COMMUNITY_NOT_FOUND',
    community === undefined
      ? `no community has the id "${shortId(id)}" (the key is community ${owner.id}'s)`
      : `community ${id} is not the key's (the key is community ${owner.id}'s)`,
    `Community ${shortId(id)} is not available to this API key.`,
  );
}

// ---- path and query values ----

/** A positive whole number from the path (a room id), or a refusal. */
export function roomParam(
  value: string | undefined,
  code: SonoranErrorCode = 'SONORAN_INVALID_REQUEST',
): number | ApiRefusal {
  const text = value ?? '';
  if (!/^[1-9][0-9]{0,8}$/.test(text))
    return refuse(code, `roomId must be a positive whole number (got "${shortId(text)}")`);
  return Number(text);
}

/** One query value, or undefined; a value given twice is refused (the route reads one). */
export function queryValue(query: ReadonlyQuery, name: string): string | undefined | ApiRefusal {
  const values = query.getAll(name);
  if (values.length > 1)
    return refuse('SONORAN_INVALID_REQUEST', `query ${name} is given ${values.length} times; give it once`);
  return values[0];
}

function wholeNumber(query: ReadonlyQuery, name: string, fallback: number, max: number): number | ApiRefusal {
  const raw = queryValue(query, name);
  if (isRefusal(raw)) return raw;
  if (raw === undefined) return fallback;
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1)
    return refuse('SONORAN_INVALID_REQUEST', `${name} must be a whole number from 1 (got "${shortId(raw)}")`);
  const value = Number(raw);
  if (value > max) return refuse('SONORAN_INVALID_REQUEST', `${name} must be at most ${max} (got ${value})`);
  return value;
}

/** `page` (1-based, default 1) and `perPage` (default 25, at most 100), as the v2 docs define them. */
export function pagingOf(query: ReadonlyQuery): Paging | ApiRefusal {
  const page = wholeNumber(query, 'page', 1, 1_000_000_000);
  if (isRefusal(page)) return page;
  const perPage = wholeNumber(query, 'perPage', 25, 100);
  if (isRefusal(perPage)) return perPage;
  return { page, perPage };
}

// ---- after the rule ----

/** A rule's outcome as an answer: a refusal as is; a success applied to the store, then `render`ed. */
export function answer<R>(
  store: SonoranStore,
  community: Community,
  outcome: RuleOutcome<R>,
  render: (result: R) => unknown,
  status = 200,
  extraWarnings: readonly string[] = [],
): ApiResult {
  if (!outcome.ok) return { refuse: outcome.code, why: outcome.why, warnings: extraWarnings };
  if (!isEmptyPatch(outcome.patch)) store.apply(community.id, outcome.patch);
  const warnings = [...extraWarnings, ...outcome.warnings];
  return { status, body: render(outcome.result), ...(warnings.length > 0 && { warnings }) };
}

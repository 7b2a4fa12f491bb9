/**
 * Sonoran Radio's operations. v1 set-member-permissions refuses in this precedence: Content-Type and
 * JSON (400), then the community id and the `apiKey` in the body (404), then the rest of the body
 * (400), then members and channels (strict mode). The body of a 400 is always
 * `{"error":"Invalid request"}`: the precise reason goes to the diagnostics only.
 */
import type { ApiRefusal, ApiResult, MockedApi, OperationHandler } from '../seam';
import { renderSonoranError, SONORAN_PLUMBING, sonoranFaultCode, type SonoranErrorCode } from './errors';
import { applyMemberPermissions } from './semantics';
import type { SonoranStore } from './store';
import type { SetPermissionsBody } from './types';

export interface SonoranOptions {
  /** Refuse unknown members and channels instead of skipping them. */
  readonly strict: boolean;
}

type Handler = OperationHandler<SonoranStore, SonoranOptions>;

function refuse(code: SonoranErrorCode, why: string): ApiRefusal {
  return { refuse: code, why };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shortId(id: string): string {
  return id.length > 128 ? `${id.slice(0, 128)}…` : id;
}

const setMemberPermissions: Handler = (req, { store, options }): ApiResult => {
  const { body, contract } = req;
  if (!body.jsonType) {
    return refuse(
      'SONORAN_INVALID_REQUEST',
      `Content-Type must be application/json (got ${body.contentType ?? 'none'})`,
    );
  }
  if (!body.json.ok) {
    if (body.json.problem === 'empty') {
      return refuse('SONORAN_INVALID_REQUEST', `${body.json.detail}; send {"apiKey": …, "userPerms": […]}`);
    }
    return refuse(body.json.problem === 'depth' ? 'SONORAN_INVALID_REQUEST' : 'SONORAN_INVALID_JSON', body.json.detail);
  }
  const value = body.json.value;
  if (!isObject(value)) return refuse('SONORAN_INVALID_REQUEST', contract.body[0] ?? 'body must be an object');

  const id = req.params.id ?? '';
  const community = store.getCommunity(id);
  if (community === undefined) {
    return refuse(
      'SONORAN_INVALID_KEY',
      `no community has the id "${shortId(id)}"; list them with GET /__admin/sonoran/communities`,
    );
  }
  if (typeof value.apiKey !== 'string') {
    return refuse(
      'SONORAN_INVALID_KEY',
      'the body has no apiKey string; the community API key travels in the body as "apiKey"',
    );
  }
  if (value.apiKey !== community.apiKey) {
    return refuse('SONORAN_INVALID_KEY', `apiKey is not the API key of community ${id}`);
  }
  if (contract.body.length > 0) return refuse('SONORAN_INVALID_REQUEST', contract.body.join('; '));

  const { userPerms } = value as unknown as SetPermissionsBody;
  const outcome = applyMemberPermissions(community, userPerms, { strict: options.strict });
  if (!outcome.ok) return refuse(outcome.code, outcome.why);
  if (outcome.changes.size > 0) store.patchMembers(community.id, outcome.changes);
  return { status: 200, body: { result: 'ok' }, warnings: outcome.warnings };
};

/** Sonoran Radio as the dispatcher serves it. */
export const SONORAN_API: MockedApi<SonoranStore, SonoranOptions> = {
  api: 'sonoran',
  handlers: { 'sonoran.setMemberPermissions': setMemberPermissions },
  render: renderSonoranError,
  plumbing: SONORAN_PLUMBING,
  faultCode: sonoranFaultCode,
};

/**
 * Sonoran Radio's `POST /api/servers/:id/members/permissions`. Refusals follow this precedence:
 * Content-Type and JSON (400), then the community id and the `apiKey` in the body (404), then the
 * rest of the body (400), then members and channels (strict mode). The body of a 400 is always
 * `{"error":"Invalid request"}`: the precise reason goes to the diagnostics only.
 */
import type { ApiAnswer, ApiRouteSpec } from '../../http/api-route';
import type { RouteDeps } from '../../http/deps';
import { readJsonRequest } from '../../http/json-request';
import { SONORAN_FAULT_STATUSES, sonoranFault, sonoranRefusal } from './errors';
import { applyMemberPermissions, describeMask } from './semantics';
import type { SetPermissionsBody } from './types';

const REQUEST_SCHEMA = 'urn:perm-mock:sonoran-radio:set-member-permissions-request';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The route of this API, served by the shared handler (mock-server/http/api-route.ts). */
export function sonoranRoute(deps: RouteDeps): ApiRouteSpec {
  const { config, registry, logger } = deps;

  return {
    api: 'sonoran',
    operation: 'sonoran.setMemberPermissions',

    handle(req, call, state): ApiAnswer {
      const { contentType, jsonType, read, schemaViolations } = readJsonRequest(req, call, registry, REQUEST_SCHEMA);

      if (!jsonType) {
        return sonoranRefusal(
          'SONORAN_INVALID_REQUEST',
          `Content-Type must be application/json (got ${contentType ?? 'none'})`,
        );
      }
      if (!read.ok) {
        if (read.problem === 'empty') {
          return sonoranRefusal('SONORAN_INVALID_REQUEST', `${read.detail}; send {"apiKey": …, "userPerms": […]}`);
        }
        return sonoranRefusal(
          read.problem === 'depth' ? 'SONORAN_INVALID_REQUEST' : 'SONORAN_INVALID_JSON',
          read.detail,
        );
      }
      const body = read.value;
      if (!isObject(body)) {
        return sonoranRefusal('SONORAN_INVALID_REQUEST', schemaViolations[0] ?? 'body must be an object');
      }

      const id = String(req.params.id);
      const community = state.sonoran.getCommunity(id);
      if (community === undefined) {
        return sonoranRefusal(
          'SONORAN_INVALID_KEY',
          `no community has the id "${id.length > 128 ? `${id.slice(0, 128)}…` : id}"; list them with GET /__admin/sonoran/communities`,
        );
      }
      if (typeof body.apiKey !== 'string') {
        return sonoranRefusal(
          'SONORAN_INVALID_KEY',
          'the body has no apiKey string; the community API key travels in the body as "apiKey"',
        );
      }
      if (body.apiKey !== community.apiKey) {
        return sonoranRefusal('SONORAN_INVALID_KEY', `apiKey is not the API key of community ${id}`);
      }
      if (schemaViolations.length > 0) return sonoranRefusal('SONORAN_INVALID_REQUEST', schemaViolations.join('; '));

      const { userPerms } = body as unknown as SetPermissionsBody;
      const outcome = applyMemberPermissions(community, userPerms, { strict: config.strict });
      if (!outcome.ok) return sonoranRefusal(outcome.code, outcome.why);

      state.sonoran.patchMembers(community.id, outcome.changes);
      if (logger.isLevelEnabled('debug')) {
        for (const accId of outcome.changes.keys()) {
          const member = outcome.changes.get(accId);
          if (member !== undefined)
            logger.debug(`sonoran ${id}: ${accId} now holds ${describeMask(member.permission)}`);
        }
      }
      return { status: 200, body: { result: 'ok' }, warnings: outcome.warnings, changed: outcome.changes.size > 0 };
    },

    faultStatuses: SONORAN_FAULT_STATUSES,
    onFault: sonoranFault,

    onRateLimited(retryAfter, why) {
      return { ...sonoranRefusal('SONORAN_RATE_LIMITED', why), headers: { 'Retry-After': String(retryAfter) } };
    },

    onStorageError(error) {
      return sonoranRefusal('SONORAN_SERVER_ERROR', `the state file could not be written: ${error.message}`);
    },

    onMalformedPath() {
      return sonoranRefusal('SONORAN_INVALID_REQUEST', 'the community id in the path is not valid percent-encoding');
    },

    onBodyError(error) {
      if (error.type === 'entity.too.large') {
        return sonoranRefusal(
          'SONORAN_BODY_TOO_LARGE',
          `request body is larger than the ${config.bodyLimit}-byte limit`,
        );
      }
      return sonoranRefusal('SONORAN_INVALID_REQUEST', `the request body could not be read: ${error.message}`);
    },
  };
}

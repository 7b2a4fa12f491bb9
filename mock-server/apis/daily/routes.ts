/**
 * Daily's `POST /v1/rooms/:name/update-permissions`: read → check against the contract → apply the
 * semantics → store → answer with Daily's body. Refusals follow this precedence: the Authorization
 * header, then the API key, then the Content-Type and body, then the room and its call.
 */
import type { ApiAnswer, ApiRouteSpec } from '../../http/api-route';
import type { RouteDeps } from '../../http/deps';
import { readJsonRequest } from '../../http/json-request';
import { DAILY_FAULT_STATUSES, dailyFault, dailyRefusal } from './errors';
import { applyPermissionsUpdate } from './semantics';
import type { UpdatePermissionsBody } from './types';

const REQUEST_SCHEMA = 'urn:perm-mock:daily:update-permissions-request';
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** Room names are at most 128 characters; a longer one (which cannot exist) is cut in messages. */
function shortName(name: string): string {
  return name.length > 128 ? `${name.slice(0, 128)}…` : name;
}

/** The route of this API, served by the shared handler (mock-server/http/api-route.ts). */
export function dailyRoute(deps: RouteDeps): ApiRouteSpec {
  const { config, registry } = deps;

  return {
    api: 'daily',
    operation: 'daily.updatePermissions',

    handle(req, call, state): ApiAnswer {
      // Check everything first, so the journal lists every contract violation; then answer in order.
      const authorization = req.headers.authorization;
      const bearer = authorization === undefined ? null : BEARER.exec(authorization);
      const headerViolations = bearer === null ? ['headers.authorization must be "Bearer <API key>"'] : [];
      const { contentType, jsonType, read, schemaViolations } = readJsonRequest(
        req,
        call,
        registry,
        REQUEST_SCHEMA,
        headerViolations,
      );

      if (bearer === null) {
        const info = "the Authorization header is missing or malformed; send 'Authorization: Bearer <API key>'";
        return dailyRefusal('DAILY_AUTH_HEADER_MISSING', info);
      }
      if (!state.daily.acceptsKey(bearer[1] ?? '')) {
        const why =
          'the API key is not one this mock accepts; use a key printed at startup, or start the mock with --daily-api-key';
        return dailyRefusal('DAILY_API_KEY_INVALID', 'invalid API key', why);
      }
      if (!jsonType) {
        return dailyRefusal(
          'DAILY_REQUEST_INVALID',
          `Content-Type must be application/json (got ${contentType ?? 'none'})`,
        );
      }
      if (!read.ok) {
        if (read.problem === 'empty') {
          return dailyRefusal('DAILY_REQUEST_INVALID', `${read.detail}; send a JSON object with a "data" field`);
        }
        return dailyRefusal(read.problem === 'depth' ? 'DAILY_REQUEST_INVALID' : 'DAILY_JSON_INVALID', read.detail);
      }
      if (schemaViolations.length > 0) {
        return dailyRefusal(
          'DAILY_REQUEST_INVALID',
          schemaViolations[0] ?? 'invalid body',
          schemaViolations.join('; '),
        );
      }

      const name = String(req.params.name);
      const room = state.daily.getRoom(name);
      if (room === undefined) return dailyRefusal('DAILY_ROOM_NOT_FOUND', `room ${shortName(name)} not found`);
      const outcome = applyPermissionsUpdate(room, (read.value as UpdatePermissionsBody).data, {
        strict: config.strict,
      });
      if (!outcome.ok) return dailyRefusal(outcome.code, outcome.info);

      state.daily.patchParticipants(room.name, outcome.changes);
      return {
        status: 200,
        body: config.dailySuccessBody,
        warnings: outcome.warnings,
        changed: outcome.changes.size > 0,
      };
    },

    faultStatuses: DAILY_FAULT_STATUSES,
    onFault: dailyFault,

    onRateLimited(retryAfter, why) {
      return {
        ...dailyRefusal('DAILY_RATE_LIMITED', 'rate limit exceeded', why),
        headers: { 'Retry-After': String(retryAfter) },
      };
    },

    onStorageError(error) {
      return dailyRefusal(
        'DAILY_SERVER_ERROR',
        'the mock could not store the change',
        `the state file could not be written: ${error.message}`,
      );
    },

    onMalformedPath() {
      return dailyRefusal('DAILY_REQUEST_INVALID', 'the room name in the path is not valid percent-encoding');
    },

    onBodyError(error) {
      if (error.type === 'entity.too.large') {
        return dailyRefusal('DAILY_BODY_TOO_LARGE', `request body is larger than the ${config.bodyLimit}-byte limit`);
      }
      return dailyRefusal('DAILY_REQUEST_INVALID', `the request body could not be read: ${error.message}`);
    },
  };
}

/**
 * Daily's operations: each handler reads the request the plumbing parsed and checked, applies the
 * semantics to its store and returns Daily's answer or a refusal code. Refusals follow this
 * precedence: the Authorization header, then the API key, then the Content-Type and body, then the
 * room and its call.
 */
import type { ApiRefusal, ApiRequest, ApiResult, MockedApi, OperationHandler } from '../seam';
import { DAILY_PLUMBING, dailyFaultCode, renderDailyError, type DailyErrorCode } from './errors';
import { applyPermissionsUpdate } from './semantics';
import type { DailyStore } from './store';
import type { UpdatePermissionsBody } from './types';

export interface DailyOptions {
  /** Refuse requests that name participants not in the call. */
  readonly strict: boolean;
  /** Body of update-permissions' 200 (undocumented upstream). */
  readonly successBody: Readonly<Record<string, unknown>>;
}

type Handler = OperationHandler<DailyStore, DailyOptions>;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function refuse(code: DailyErrorCode, info: string, why: string = info): ApiRefusal {
  return { refuse: code, info, why };
}

/** Room names are at most 128 characters; a longer one (which cannot exist) is cut in messages. */
function shortName(name: string): string {
  return name.length > 128 ? `${name.slice(0, 128)}…` : name;
}

/** The Authorization header and the key it carries, refused in Daily's order. */
function authenticate(req: ApiRequest, store: DailyStore): ApiRefusal | undefined {
  const authorization = req.headers.authorization;
  const bearer = authorization === undefined ? null : BEARER.exec(authorization);
  if (bearer === null) {
    return refuse(
      'DAILY_AUTH_HEADER_MISSING',
      "the Authorization header is missing or malformed; send 'Authorization: Bearer <API key>'",
    );
  }
  if (!store.acceptsKey(bearer[1] ?? '')) {
    return refuse(
      'DAILY_API_KEY_INVALID',
      'invalid API key',
      'the API key is not one this mock accepts; use a key printed at startup, or start the mock with --daily-api-key',
    );
  }
  return undefined;
}

/** The JSON body, or Daily's refusal of it: Content-Type, then decoding, then the contract. */
function jsonBody(req: ApiRequest, hint: string): { value: unknown } | ApiRefusal {
  const { body, contract } = req;
  if (!body.jsonType) {
    return refuse('DAILY_REQUEST_INVALID', `Content-Type must be application/json (got ${body.contentType ?? 'none'})`);
  }
  if (!body.json.ok) {
    if (body.json.problem === 'empty') return refuse('DAILY_REQUEST_INVALID', `${body.json.detail}; ${hint}`);
    return refuse(body.json.problem === 'depth' ? 'DAILY_REQUEST_INVALID' : 'DAILY_JSON_INVALID', body.json.detail);
  }
  if (contract.body.length > 0) {
    return refuse('DAILY_REQUEST_INVALID', contract.body[0] ?? 'invalid body', contract.body.join('; '));
  }
  return { value: body.json.value };
}

const updatePermissions: Handler = (req, { store, options }): ApiResult => {
  const denied = authenticate(req, store);
  if (denied !== undefined) return denied;
  const read = jsonBody(req, 'send a JSON object with a "data" field');
  if ('refuse' in read) return read;

  const name = req.params.name ?? '';
  const room = store.getRoom(name);
  if (room === undefined) return refuse('DAILY_ROOM_NOT_FOUND', `room ${shortName(name)} not found`);
  const outcome = applyPermissionsUpdate(room, (read.value as UpdatePermissionsBody).data, { strict: options.strict });
  if (!outcome.ok) return refuse(outcome.code, outcome.info);

  if (outcome.changes.size > 0) store.patchParticipants(room.name, outcome.changes);
  return { status: 200, body: options.successBody, warnings: outcome.warnings };
};

/** Daily as the dispatcher serves it. */
export const DAILY_API: MockedApi<DailyStore, DailyOptions> = {
  api: 'daily',
  handlers: { 'daily.updatePermissions': updatePermissions },
  render: (code, detail) => renderDailyError(code, detail),
  plumbing: DAILY_PLUMBING,
  faultCode: dailyFaultCode,
};

/**
 * Daily's `POST /v1/rooms/:name/update-permissions`: read → check against the contract → apply the
 * semantics → store → answer with Daily's body. Refusals follow Daily's precedence: the
 * Authorization header, then the API key, then the body, then the room and its call.
 */
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';

import { decodeJson, isBodyReadError, isJsonContentType, readRawBody } from '../../http/body';
import { beginCall, callOf, finishCall, type CallRecord } from '../../http/call';
import type { RouteDeps } from '../../http/deps';
import { methodNotAllowed } from '../../http/routing';
import { dailyWireError, type DailyErrorCode } from './errors';
import { applyPermissionsUpdate } from './semantics';
import type { UpdatePermissionsBody } from './types';

export const UPDATE_PERMISSIONS_PATH = '/rooms/:name/update-permissions';
const OPERATION = 'daily.updatePermissions';
const REQUEST_SCHEMA = 'urn:perm-mock:daily:update-permissions-request';
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export function createDailyRouter(deps: RouteDeps): Router {
  const router = Router();
  const { config, registry, logger } = deps;

  const refuse = (
    req: Request,
    res: Response,
    call: CallRecord,
    code: DailyErrorCode,
    info: string,
    why = info,
  ): void => {
    const wire = dailyWireError(code, info);
    finishCall(req, res, deps.stateFor(req).journal, logger, call, {
      status: wire.status,
      body: wire.body,
      reason: { code, message: why },
    });
  };

  const begin: RequestHandler = (req, res, next) => {
    beginCall(res, deps.stateFor(req).journal, 'daily', OPERATION, config.clock());
    next();
  };

  const updatePermissions: RequestHandler = (req, res) => {
    const state = deps.stateFor(req);
    const call = callOf(res) as CallRecord;
    const violations: string[] = [];

    const authorization = req.headers.authorization;
    const bearer = authorization === undefined ? null : BEARER.exec(authorization);
    if (bearer === null) violations.push('headers.authorization must be "Bearer <API key>"');

    const contentType = req.headers['content-type'];
    const jsonType = isJsonContentType(contentType);
    if (!jsonType) violations.push(`headers.content-type must be application/json (got ${contentType ?? 'none'})`);

    const read = decodeJson(req.body);
    let schemaViolations: string[] = [];
    if (read.ok) {
      call.body = read.value;
      schemaViolations = registry.validate(REQUEST_SCHEMA, read.value).map((v) => v.text);
      violations.push(...schemaViolations);
    } else {
      violations.push(`body: ${read.detail}`);
    }
    call.violations = violations;

    if (bearer === null) {
      const info = "the Authorization header is missing or malformed; send 'Authorization: Bearer <API key>'";
      return refuse(req, res, call, 'DAILY_AUTH_HEADER_MISSING', info);
    }
    const apiKey = bearer[1] ?? '';
    if (!state.daily.acceptsKey(apiKey)) {
      const why =
        'the API key is not one this mock accepts; use a key printed at startup, or start the mock with --daily-api-key';
      return refuse(req, res, call, 'DAILY_API_KEY_INVALID', 'invalid API key', why);
    }
    if (!jsonType) {
      const info = `Content-Type must be application/json (got ${contentType ?? 'none'})`;
      return refuse(req, res, call, 'DAILY_REQUEST_INVALID', info);
    }
    if (!read.ok) {
      if (read.problem === 'empty') {
        return refuse(
          req,
          res,
          call,
          'DAILY_REQUEST_INVALID',
          `${read.detail}; send a JSON object with a "data" field`,
        );
      }
      return refuse(req, res, call, 'DAILY_JSON_INVALID', read.detail);
    }
    if (schemaViolations.length > 0) {
      return refuse(
        req,
        res,
        call,
        'DAILY_REQUEST_INVALID',
        schemaViolations[0] ?? 'invalid body',
        schemaViolations.join('; '),
      );
    }

    const name = String(req.params.name);
    const room = state.daily.getRoom(name);
    if (room === undefined) return refuse(req, res, call, 'DAILY_ROOM_NOT_FOUND', `room ${name} not found`);

    const body = read.value as UpdatePermissionsBody;
    const outcome = applyPermissionsUpdate(room, body.data, { strict: config.strict });
    if (!outcome.ok) return refuse(req, res, call, outcome.code, outcome.info);

    state.daily.setRoom(outcome.room);
    finishCall(req, res, state.journal, logger, call, {
      status: 200,
      body: config.dailySuccessBody,
      warnings: outcome.warnings,
    });
  };

  /** Errors raised before the handler (body too large, unreadable body) get Daily's bodies too. */
  const onError: ErrorRequestHandler = (error: unknown, req, res, next) => {
    const call = callOf(res);
    if (call === undefined || res.headersSent || !isBodyReadError(error)) return next(error);
    call.violations = [`body: ${error.message}`];
    if (error.type === 'entity.too.large') {
      const info = `request body is larger than the ${config.bodyLimit}-byte limit`;
      return refuse(req, res, call, 'DAILY_BODY_TOO_LARGE', info);
    }
    return refuse(req, res, call, 'DAILY_REQUEST_INVALID', `the request body could not be read: ${error.message}`);
  };

  router
    .route(UPDATE_PERMISSIONS_PATH)
    .post(begin, readRawBody(config.bodyLimit), updatePermissions)
    .all(methodNotAllowed(['POST']));
  router.use(onError);
  return router;
}

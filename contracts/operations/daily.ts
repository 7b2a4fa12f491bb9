/** Daily's rows of the operation table: the surface under /v1 and the operations served there. */
import { json, type OperationContract, type RateBucket, type SurfaceContract } from './types';

const ERRORS = 'urn:perm-mock:daily:errors#/$defs';

export const DAILY_SURFACE: SurfaceContract = {
  id: 'daily',
  api: 'daily',
  title: 'Daily REST API',
  prefixes: ['/v1/', '/v1'],
  responses: {
    404: json("No Daily operation at this path (the mock answers in Daily's not-found envelope)", `${ERRORS}/notFound`),
    405: json('The path is served, but not for this method (Allow lists the methods)', `${ERRORS}/methodNotAllowed`, {
      mockOnly: true,
    }),
    500: json('Server error', `${ERRORS}/serverError`),
  },
};

export const DAILY_RATE_BUCKETS: readonly RateBucket[] = [
  {
    id: 'daily.default',
    api: 'daily',
    windows: [
      { limit: 20, seconds: 1 },
      { limit: 100, seconds: 5 },
    ],
    per: 'namespace',
    source: "Daily's REST reference: most endpoints, 20 requests a second or 100 per 5-second window",
  },
];

export const DAILY_OPERATIONS: readonly OperationContract[] = [
  {
    id: 'daily.updatePermissions',
    api: 'daily',
    surface: 'daily',
    method: 'POST',
    path: '/v1/rooms/{name}/update-permissions',
    summary: "Update participants' permissions in an ongoing Daily meeting",
    request: {
      schema: 'urn:perm-mock:daily:update-permissions-request',
      contentType: 'application/json',
      auth: 'bearer',
    },
    rateLimit: 'daily.default',
    responses: {
      200: json(
        'Permissions updated (the body is undocumented upstream; {} by default)',
        'urn:perm-mock:daily:update-permissions-response',
      ),
      400: json('Missing Authorization header, unparseable JSON or an invalid body', `${ERRORS}/badRequest`),
      401: json('The API key is not valid', `${ERRORS}/unauthorized`),
      404: json(
        'No such room, the room is not hosting a call, or (strict mode) an unknown participant',
        `${ERRORS}/notFound`,
      ),
      413: json('The body is larger than the configured limit (a mock decision)', `${ERRORS}/payloadTooLarge`, {
        mockOnly: true,
      }),
      429: json('Rate limited', `${ERRORS}/rateLimited`),
      500: json('Server error', `${ERRORS}/serverError`),
    },
  },
];

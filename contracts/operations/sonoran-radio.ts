/** Sonoran Radio's rows of the operation table: the v1 and v2 surfaces and the operations served there. */
import { json, PROBLEM_TYPE, type OperationContract, type RateBucket, type SurfaceContract } from './types';

const V1 = 'urn:perm-mock:sonoran-radio:responses#/$defs';
const V2_PROBLEM = 'urn:perm-mock:sonoran-radio:v2-problem';

export const SONORAN_V1_SURFACE: SurfaceContract = {
  id: 'sonoran-v1',
  api: 'sonoran',
  title: 'Sonoran Radio API v1',
  prefixes: ['/api/', '/radio/'],
  responses: {
    404: json('No Sonoran Radio v1 operation at this path', `${V1}/bad`),
    405: json('The path is served, but not for this method (Allow lists the methods)', `${V1}/bad`, {
      mockOnly: true,
    }),
    500: json('Server error (body undocumented upstream)', `${V1}/error`),
  },
};

const v2Problem = (description: string, mockOnly = false) => ({
  description,
  schema: V2_PROBLEM,
  contentType: PROBLEM_TYPE,
  ...(mockOnly && { mockOnly }),
});

export const SONORAN_V2_SURFACE: SurfaceContract = {
  id: 'sonoran-v2',
  api: 'sonoran',
  title: 'Sonoran Radio API v2',
  prefixes: ['/v2/'],
  responses: {
    404: v2Problem('No Sonoran Radio v2 operation at this path'),
    405: v2Problem('The path is served, but not for this method (Allow lists the methods)', true),
    500: v2Problem('Server error'),
  },
};

export const SONORAN_RATE_BUCKETS: readonly RateBucket[] = [
  {
    id: 'sonoran.v1',
    api: 'sonoran',
    windows: [{ limit: 4, seconds: 60 }],
    per: 'namespace',
    source: 'none documented for v1; the figure v2 documents for the same act (4 a minute)',
  },
];

export const SONORAN_OPERATIONS: readonly OperationContract[] = [
  {
    id: 'sonoran.setMemberPermissions',
    api: 'sonoran',
    surface: 'sonoran-v1',
    method: 'POST',
    path: '/api/servers/{id}/members/permissions',
    summary: "Replace members' permission masks and upsert their private-channel access in a Sonoran Radio community",
    request: { schema: 'urn:perm-mock:sonoran-radio:set-member-permissions-request', contentType: 'application/json' },
    rateLimit: 'sonoran.v1',
    responses: {
      200: json('Applied', `${V1}/ok`),
      400: json('Malformed request (the body is always {"error":"Invalid request"})', `${V1}/invalidRequest`),
      404: json('Unknown community or wrong apiKey, or (strict mode) an unknown member', `${V1}/bad`),
      413: json('The body is larger than the configured limit (a mock decision)', `${V1}/invalidRequest`, {
        mockOnly: true,
      }),
      429: json('Rate limited (body undocumented upstream)', `${V1}/error`),
      500: json('Server error (body undocumented upstream)', `${V1}/error`),
    },
  },
];

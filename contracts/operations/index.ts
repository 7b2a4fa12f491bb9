/**
 * The operation table: every HTTP operation perm-mock serves (the mocked APIs and the control API)
 * and every surface they live on. The dispatcher, the tests, the harness, the OpenAPI documents,
 * the help texts and the generated docs all read this one table.
 */
import { ADMIN_CORE_OPERATIONS, ADMIN_SURFACE } from './admin';
import { ADMIN_DAILY_OPERATIONS } from './admin-daily';
import { ADMIN_SONORAN_OPERATIONS } from './admin-sonoran-radio';
import { DAILY_OPERATIONS, DAILY_RATE_BUCKETS, DAILY_SURFACE } from './daily';
import { createRouter, type RouteMatch } from './router';
import { SONORAN_OPERATIONS, SONORAN_RATE_BUCKETS, SONORAN_V1_SURFACE, SONORAN_V2_SURFACE } from './sonoran-radio';
import {
  problem,
  type OperationContract,
  type RateBucket,
  type ResponseContract,
  type SurfaceContract,
  type SurfaceId,
} from './types';

export * from './types';
export type { RouteMatch } from './router';

const OPERATION_LIST: readonly OperationContract[] = [
  ...DAILY_OPERATIONS,
  ...SONORAN_OPERATIONS,
  ...ADMIN_CORE_OPERATIONS,
  ...ADMIN_DAILY_OPERATIONS,
  ...ADMIN_SONORAN_OPERATIONS,
];

export const OPERATIONS: ReadonlyMap<string, OperationContract> = new Map(OPERATION_LIST.map((op) => [op.id, op]));
if (OPERATIONS.size !== OPERATION_LIST.length) throw new Error('two operations share an id');

export const SURFACES: ReadonlyMap<SurfaceId, SurfaceContract> = new Map(
  [DAILY_SURFACE, SONORAN_V1_SURFACE, SONORAN_V2_SURFACE, ADMIN_SURFACE].map((s) => [s.id, s]),
);

export const RATE_BUCKETS: ReadonlyMap<string, RateBucket> = new Map(
  [...DAILY_RATE_BUCKETS, ...SONORAN_RATE_BUCKETS].map((b) => [b.id, b]),
);

/** Answers of a path that belongs to no surface: the mock's own problems. */
export const COMMON_RESPONSES: Readonly<Record<number, ResponseContract>> = {
  404: problem('No route matches (MOCK_ROUTE_NOT_FOUND)'),
  405: problem('The path exists but not for this method (MOCK_METHOD_NOT_ALLOWED)'),
  500: problem('A fault in the mock itself (MOCK_INTERNAL_ERROR)'),
};

export function getOperation(id: string): OperationContract {
  const op = OPERATIONS.get(id);
  if (op === undefined) {
    throw new Error(`unknown operation "${id}"; known operations: ${[...OPERATIONS.keys()].join(', ')}`);
  }
  return op;
}

export function getSurface(id: SurfaceId): SurfaceContract {
  const surface = SURFACES.get(id);
  if (surface === undefined) throw new Error(`unknown surface "${id}"`);
  return surface;
}

const PREFIXES = [...SURFACES.values()]
  .flatMap((surface) => surface.prefixes.map((prefix) => ({ prefix, surface })))
  .sort((a, b) => b.prefix.length - a.prefix.length);

/** The surface a path (without a namespace prefix or query) belongs to, by its longest prefix; undefined outside them all. */
export function surfaceOf(path: string): SurfaceContract | undefined {
  for (const { prefix, surface } of PREFIXES) {
    if (prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix) return surface;
  }
  return undefined;
}

/** The one router, built from the table: the dispatcher, the matchers and the test client all use it. */
export const ROUTER = createRouter(OPERATION_LIST);

/** The operations of one surface, in table order. */
export function operationsOf(surface: SurfaceId): OperationContract[] {
  return OPERATION_LIST.filter((op) => op.surface === surface);
}

export interface OperationMatch {
  readonly operation: OperationContract;
  /** Path parameters, percent-decoded where possible. */
  readonly params: Readonly<Record<string, string>>;
}

/** Which operation a method and URL path (query ignored) belong to, if any. */
export function matchOperation(method: string, url: string): OperationMatch | undefined {
  const path = url.split('?', 1)[0] ?? '';
  const match: RouteMatch = ROUTER.match(method.toUpperCase(), path);
  if (match.kind !== 'operation') return undefined;
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(match.rawParams)) {
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      params[name] = raw;
    }
  }
  return { operation: match.operation, params };
}

/** The contract of one answer: the operation's own, else its surface's (unknown path, wrong method, a mock fault). */
export function responseContract(operation: OperationContract, status: number): ResponseContract | undefined {
  return operation.responses[status] ?? getSurface(operation.surface).responses[status];
}

/** Statuses a fault may inject into an operation: the error answers its contract documents upstream. */
export function faultStatuses(operation: OperationContract): number[] {
  return Object.entries(operation.responses)
    .filter(([status, response]) => Number(status) >= 400 && response.mockOnly !== true)
    .map(([status]) => Number(status));
}

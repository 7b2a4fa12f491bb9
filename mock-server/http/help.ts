/** Help texts generated from the operation table: what a surface serves, and the path a client probably meant. */
import { OPERATIONS, operationsOf, ROUTER, type SurfaceContract } from '../../contracts/operations';

/** A served path asked for with a small mistake: say what the client probably meant. */
export function nearMiss(method: string, path: string): string {
  const candidates = [path.replace(/\/+$/, '') || '/', `${path}/`, path.toLowerCase()];
  for (const candidate of candidates) {
    if (candidate === path) continue;
    const match = ROUTER.match(method, candidate);
    if (match.kind === 'operation') return `; did you mean ${method} ${candidate}? (paths match exactly)`;
  }
  return '';
}

/** What a surface serves, as help text generated from the table. */
export function servedList(surface: SurfaceContract | undefined): string {
  const ops =
    surface === undefined ? [...OPERATIONS.values()].filter((op) => op.api !== 'admin') : operationsOf(surface.id);
  const list = ops.map((op) => `${op.method} ${op.path}`).join(', ');
  return surface === undefined
    ? `perm-mock serves ${list}, and its control API under /__admin (GET /__admin/openapi.json lists every operation)`
    : `${surface.title} operations served: ${list}`;
}

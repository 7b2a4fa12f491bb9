/**
 * One matcher for every path template of the operation table: a tree of path segments, static
 * segments before parameters, built once. It tells an operation (with its raw parameters) from a
 * path that is served for other methods only (405) and from a path nobody serves (404). Two
 * templates may name the parameter at the same place differently (Sonoran's
 * `set-user-channels/{id}/{key}/{identity}` beside `…/{roomId}/{identity}`): the tree holds the
 * values, each operation its own names.
 */
import type { HttpMethod, OperationContract } from './types';

interface Served {
  readonly operation: OperationContract;
  /** The operation's own parameter names, in path order. */
  readonly names: readonly string[];
}

interface Node {
  readonly fixed: Map<string, Node>;
  param: Node | undefined;
  readonly ops: Map<string, Served>;
}

export type RouteMatch =
  | {
      readonly kind: 'operation';
      readonly operation: OperationContract;
      /** Path parameters as they appear in the path (not yet percent-decoded). */
      readonly rawParams: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'method'; readonly allowed: readonly HttpMethod[]; readonly template: string }
  | { readonly kind: 'none' };

export interface Router {
  match(method: string, path: string): RouteMatch;
}

function node(): Node {
  return { fixed: new Map(), param: undefined, ops: new Map() };
}

const NONE: RouteMatch = { kind: 'none' };

export function createRouter(operations: readonly OperationContract[]): Router {
  const root = node();
  for (const op of operations) {
    let at = root;
    const names: string[] = [];
    for (const segment of op.path.slice(1).split('/')) {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param === null) {
        let next = at.fixed.get(segment);
        if (next === undefined) at.fixed.set(segment, (next = node()));
        at = next;
      } else {
        const name = param[1] ?? '';
        if (names.includes(name)) throw new Error(`${op.id}: parameter {${name}} appears twice in ${op.path}`);
        names.push(name);
        at.param ??= node();
        at = at.param;
      }
    }
    if (at.ops.has(op.method)) throw new Error(`${op.id}: ${op.method} ${op.path} is in the table twice`);
    at.ops.set(op.method, { operation: op, names });
  }

  /**
   * The operation serving `method` at the path, static segments preferred; else the first node
   * serving the path for other methods (a 405). `params` collects the values on the way.
   */
  const walk = (
    at: Node,
    segments: readonly string[],
    i: number,
    method: string,
    params: string[],
    found: { other: Node | undefined },
  ): Served | undefined => {
    if (i === segments.length) {
      if (at.ops.size === 0) return undefined;
      const op = at.ops.get(method);
      if (op === undefined) found.other ??= at;
      return op;
    }
    const segment = segments[i] ?? '';
    const fixed = at.fixed.get(segment);
    if (fixed !== undefined) {
      const op = walk(fixed, segments, i + 1, method, params, found);
      if (op !== undefined) return op;
    }
    if (at.param !== undefined && segment !== '') {
      params.push(segment);
      const op = walk(at.param, segments, i + 1, method, params, found);
      if (op !== undefined) return op;
      params.length -= 1;
    }
    return undefined;
  };

  return {
    match(method, path) {
      if (!path.startsWith('/')) return NONE;
      const params: string[] = [];
      const found: { other: Node | undefined } = { other: undefined };
      const served = walk(root, path.slice(1).split('/'), 0, method, params, found);
      if (served !== undefined) {
        const rawParams: Record<string, string> = {};
        served.names.forEach((name, i) => (rawParams[name] = params[i] ?? ''));
        return { kind: 'operation', operation: served.operation, rawParams };
      }
      if (found.other === undefined) return NONE;
      const ops = [...found.other.ops.values()].map((s) => s.operation);
      return { kind: 'method', allowed: ops.map((o) => o.method), template: ops[0]?.path ?? path };
    },
  };
}

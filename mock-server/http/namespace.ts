/**
 * Which namespace a request belongs to: a `/ns/<name>` path prefix (for clients that cannot add
 * headers), else the `X-Perm-Mock-Namespace` header, else `default`. Resolved once per request, as
 * a value: the request itself is left as it came.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { DEFAULT_NAMESPACE, NAMESPACE_HEADER, splitNamespace } from '../../contracts/namespace-path';

export { DEFAULT_NAMESPACE, NAMESPACE_HEADER } from '../../contracts/namespace-path';

const HEADER = NAMESPACE_HEADER.toLowerCase();

export interface ResolvedNamespace {
  readonly name: string;
  /** The path the APIs see: the prefix removed. */
  readonly path: string;
  /** The prefix as it appeared (empty without one), for links back to the same namespace. */
  readonly prefix: string;
}

export function resolveNamespace(path: string, headers: IncomingHttpHeaders): ResolvedNamespace {
  const split = splitNamespace(path);
  if (split.namespace !== undefined) {
    return { name: split.namespace, path: split.path, prefix: split.prefix };
  }
  const header = headers[HEADER];
  const name = typeof header === 'string' && header.trim() !== '' ? header.trim() : DEFAULT_NAMESPACE;
  return { name, path, prefix: '' };
}

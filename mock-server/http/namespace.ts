/**
 * Which namespace a request belongs to: a `/ns/<name>` path prefix (for clients that cannot add
 * headers; it is stripped before routing), else the `X-Perm-Mock-Namespace` header, else `default`.
 */
import type { IncomingMessage } from 'node:http';

export const NAMESPACE_HEADER = 'X-Perm-Mock-Namespace';
export const DEFAULT_NAMESPACE = 'default';
export const NAMESPACE_PREFIX = /^\/ns\/([^/?]+)(\/[^?]*)?(\?.*)?$/;

const RESOLVED = Symbol('perm-mock namespace');
type Tagged = IncomingMessage & { [RESOLVED]?: string };

/** Strip a `/ns/<name>` prefix from `req.url` and remember the namespace; safe to call twice. */
export function resolveNamespace(req: IncomingMessage): string {
  const tagged = req as Tagged;
  const known = tagged[RESOLVED];
  if (known !== undefined) return known;
  let name = DEFAULT_NAMESPACE;
  const match = NAMESPACE_PREFIX.exec(req.url ?? '/');
  if (match !== null) {
    try {
      name = decodeURIComponent(match[1] ?? '');
    } catch {
      name = match[1] ?? '';
    }
    req.url = `${match[2] ?? '/'}${match[3] ?? ''}`;
  } else {
    const header = req.headers[NAMESPACE_HEADER.toLowerCase()];
    if (typeof header === 'string' && header.trim() !== '') name = header.trim();
  }
  tagged[RESOLVED] = name;
  return name;
}

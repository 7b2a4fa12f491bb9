/**
 * perm-mock's namespace prefix on paths: `/ns/<name>/<the API's own path>`, for clients that cannot
 * add the `X-Perm-Mock-Namespace` header. Shared by the dispatcher and the harness, so both read a
 * path the same way.
 */
export const NAMESPACE_HEADER = 'X-Perm-Mock-Namespace';
export const DEFAULT_NAMESPACE = 'default';

export interface NamespacedPath {
  /** The namespace the prefix names (percent-decoded), or undefined without a prefix. */
  readonly namespace: string | undefined;
  /** The path with the prefix removed (`/` when nothing follows it). */
  readonly path: string;
  /** The prefix itself (`/ns/team-a`), empty without one. */
  readonly prefix: string;
}

/** `/ns/team-a/v1/rooms` → `{namespace: 'team-a', path: '/v1/rooms'}`; other paths are returned as they are. */
export function splitNamespace(path: string): NamespacedPath {
  if (!path.startsWith('/ns/')) return { namespace: undefined, path, prefix: '' };
  const end = path.indexOf('/', 4);
  const raw = end === -1 ? path.slice(4) : path.slice(4, end);
  if (raw === '') return { namespace: undefined, path, prefix: '' };
  let namespace: string;
  try {
    namespace = decodeURIComponent(raw);
  } catch {
    namespace = raw;
  }
  return end === -1
    ? { namespace, path: '/', prefix: path }
    : { namespace, path: path.slice(end), prefix: path.slice(0, end) };
}

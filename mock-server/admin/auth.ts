/**
 * The admin token. Bound beyond loopback, the control API can reset, rewrite or read everything, so
 * perm-mock refuses to start there without a token, and then asks for it on every control call but
 * the health check (kept open for readiness probes; it tells only the version and uptime).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import type { MockProblem } from '../http/problem';
import { adminProblem } from './errors';

export const ADMIN_TOKEN_HEADER = 'X-Perm-Mock-Admin-Token';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token from `Authorization: Bearer <token>` or `X-Perm-Mock-Admin-Token: <token>`. */
function presented(headers: Readonly<IncomingHttpHeaders>): string | undefined {
  const direct = headers[ADMIN_TOKEN_HEADER.toLowerCase()];
  if (typeof direct === 'string') return direct.trim();
  const authorization = headers.authorization;
  const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(typeof authorization === 'string' ? authorization : '');
  return bearer?.[1];
}

/** The problem to answer a control-API request with when it lacks the admin token; undefined when it may pass. */
export function adminTokenProblem(token: string, headers: Readonly<IncomingHttpHeaders>): MockProblem | undefined {
  const given = presented(headers);
  if (given !== undefined && same(given, token)) return undefined;
  const detail =
    given === undefined
      ? `send the admin token as 'Authorization: Bearer <token>' or '${ADMIN_TOKEN_HEADER}: <token>' (it is the --admin-token / PERM_MOCK_ADMIN_TOKEN the mock was started with)`
      : 'the admin token is not the one the mock was started with (--admin-token / PERM_MOCK_ADMIN_TOKEN)';
  return adminProblem('MOCK_ADMIN_UNAUTHORIZED', detail, {
    headers: { 'WWW-Authenticate': 'Bearer realm="perm-mock control API"' },
  });
}

/** 127.0.0.0/8, ::1, localhost, and IPv4-mapped loopback. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Web pages must not drive the control API. A browser on the developer's machine can reach a mock
 * on loopback: a cross-site form can POST to it, and a DNS-rebinding page can read from it under a
 * name that resolves to 127.0.0.1. So a control-API request is refused when it comes from another
 * origin (`Origin`, `Sec-Fetch-Site`) and, without an admin token, when its `Host` is not a name of
 * this machine (loopback names, the bound address, or `--allowed-hosts`). Tools such as curl and
 * the test helpers send none of these and pass; the mocked APIs' paths are never checked.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { MockProblem } from '../http/problem';
import { isLoopback } from './auth';
import { adminProblem } from './errors';

export interface GuardSettings {
  /** Extra Host names allowed (`*` allows any). */
  readonly allowedHosts: readonly string[];
  /** The address the server is bound to (allowed as a Host unless it is a wildcard). */
  readonly boundHost: string | undefined;
  /** With a token, the Host is not checked: a page cannot know the token. */
  readonly hasToken: boolean;
}

/** `example.test:4400` → `example.test`; `[::1]:4400` → `::1`. */
export function hostName(hostHeader: string): string {
  const trimmed = hostHeader.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']'));
  const colon = trimmed.lastIndexOf(':');
  return colon === -1 ? trimmed : trimmed.slice(0, colon);
}

function hostAllowed(name: string, settings: GuardSettings): boolean {
  if (settings.allowedHosts.includes('*')) return true;
  if (isLoopback(name) || name.endsWith('.localhost')) return true;
  const bound = settings.boundHost?.toLowerCase().replace(/^\[|\]$/g, '');
  if (bound !== undefined && bound !== '0.0.0.0' && bound !== '::' && name === bound) return true;
  return settings.allowedHosts.some((allowed) => allowed.toLowerCase() === name);
}

function sameOrigin(origin: string, host: string): boolean {
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.host.toLowerCase() === host.trim().toLowerCase()
    );
  } catch {
    return false; // `null`, or not a URL at all
  }
}

/** The problem a control-API request is refused with, or undefined when it may pass. */
export function browserGuardProblem(
  headers: Readonly<IncomingHttpHeaders>,
  settings: GuardSettings,
): MockProblem | undefined {
  const host = headers.host;
  if (!settings.hasToken && host !== undefined && !hostAllowed(hostName(host), settings)) {
    return adminProblem(
      'MOCK_FOREIGN_HOST',
      `the control API answers only to names of this machine, not "${hostName(host).slice(0, 100)}" ` +
        '(a page on another site may be using DNS rebinding); add the name with --allowed-hosts, or set --admin-token',
    );
  }
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return adminProblem(
      'MOCK_CROSS_ORIGIN',
      `a web page on another site (Sec-Fetch-Site: ${site}) may not use the control API; call it from a tool, a test, or the inspector at /__admin/ui`,
    );
  }
  const origin = headers.origin;
  if (origin !== undefined && host !== undefined) {
    if (!sameOrigin(origin, host)) {
      return adminProblem(
        'MOCK_CROSS_ORIGIN',
        `a web page from ${origin.slice(0, 100)} may not use the control API of ${host.slice(0, 100)}; call it from a tool, a test, or the inspector at /__admin/ui`,
      );
    }
  }
  return undefined;
}

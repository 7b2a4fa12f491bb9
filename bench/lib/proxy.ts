/**
 * The validating proxy's cost: the same Daily update sent straight to a perm-mock (the "upstream")
 * and through a second perm-mock started with `--proxy daily=<upstream>/v1`, one request at a time,
 * alternating, so both see the same machine. The difference is what the proxy adds per request:
 * reading the request, checking it, forwarding it, holding and checking the answer, journaling both.
 */
import { join } from 'node:path';

import { CLI, send, startProcess, stop, type Started } from './processes';
import { percentile, round } from './stats';

export interface ProxyLatency {
  readonly requests: number;
  readonly direct: { readonly p50: number; readonly p99: number };
  readonly proxied: { readonly p50: number; readonly p99: number };
  readonly added: { readonly p50: number; readonly p99: number };
}

export async function measureProxyLatency(
  work: string,
  requests: number,
  firstRequest: (started: Started) => { url: string; headers: Record<string, string>; body: string },
): Promise<ProxyLatency> {
  const upstream = await startProcess([CLI, '--port', '0', '--log-level', 'warn'], join(work, 'upstream.log'));
  const proxy = await startProcess(
    [CLI, '--port', '0', '--log-level', 'warn', '--proxy', `daily=${upstream.url}/v1`],
    join(work, 'proxy.log'),
  );
  try {
    const update = firstRequest(upstream);
    const through = update.url.replace(upstream.url, proxy.url);
    const direct: number[] = [];
    const proxied: number[] = [];
    const warmUp = Math.min(200, requests);
    for (let i = 0; i < requests + warmUp; i += 1) {
      const a = await send(update.url, 'POST', update.headers, update.body);
      const b = await send(through, 'POST', update.headers, update.body);
      if (a.status !== 200 || b.status !== 200 || b.headers['x-perm-mock-upstream-contract'] !== 'valid') {
        throw new Error(`unexpected answers: direct ${a.status}, proxied ${b.status} ${b.body}`);
      }
      if (i < warmUp) continue;
      direct.push(a.ms);
      proxied.push(b.ms);
    }
    const p = (values: number[], at: number): number => round(percentile(values, at), 2);
    return {
      requests,
      direct: { p50: p(direct, 50), p99: p(direct, 99) },
      proxied: { p50: p(proxied, 50), p99: p(proxied, 99) },
      added: { p50: round(p(proxied, 50) - p(direct, 50), 2), p99: round(p(proxied, 99) - p(direct, 99), 2) },
    };
  } finally {
    await stop(proxy);
    await stop(upstream);
  }
}

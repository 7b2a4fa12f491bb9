/**
 * A/B throughput of two or more builds of perm-mock, taking turns on the same machine in the same
 * minutes: `npm run bench:ab -- <checkout> <checkout> …` (each a directory with a built dist/, e.g.
 * a `git worktree` of an older commit after `npm run build`). Each build is started with default
 * settings and loaded with the Daily update its banner prints (32 connections, a 2 s warm-up, then
 * AB_SECONDS, default 5), for AB_ROUNDS rounds (default 3); the first build is the baseline of the
 * ratios. Shared machines drift by more than most changes cost: compare builds this way, not runs.
 */
import autocannon from 'autocannon';
import { join, resolve } from 'node:path';

import { startProcess, stop } from './lib/processes';

const SECONDS = Number(process.env.AB_SECONDS ?? 5);
const ROUNDS = Number(process.env.AB_ROUNDS ?? 3);

async function once(root: string, log: string): Promise<number> {
  const mock = await startProcess([join(root, 'dist', 'mock-server', 'bin.js'), '--port', '0'], log);
  try {
    const key = /API key +(\S+)/.exec(mock.banner)?.[1] ?? '';
    const room = /rooms\/([^/]+)\/update-permissions \\/.exec(mock.banner)?.[1] ?? '';
    const body = /-d '(\{"data"[^']*)'/.exec(mock.banner)?.[1] ?? '';
    const options = {
      url: `${mock.url}/v1/rooms/${room}/update-permissions`,
      method: 'POST' as const,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body,
      connections: 32,
    };
    await autocannon({ ...options, duration: 2 });
    const result = await autocannon({ ...options, duration: SECONDS });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${root}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return Math.round(result.requests.average);
  } finally {
    await stop(mock);
  }
}

async function main(): Promise<void> {
  const roots = process.argv.slice(2).map((root) => resolve(root));
  if (roots.length < 2) {
    process.stderr.write('usage: npm run bench:ab -- <checkout> <checkout> [more…] (each with a built dist/)\n');
    process.exit(2);
  }
  const runs = new Map<string, number[]>(roots.map((root) => [root, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [i, root] of roots.entries()) runs.get(root)?.push(await once(root, join(root, `.bench-ab-${i}.log`)));
  }
  const best = (root: string): number => Math.max(...(runs.get(root) ?? [NaN]));
  const baseline = best(roots[0] ?? '');
  process.stdout.write(`Daily update, 32 connections, ${ROUNDS} rounds of ${SECONDS} s taking turns (req/s)\n`);
  for (const root of roots) {
    const ratio = Math.round((best(root) / baseline) * 100);
    process.stdout.write(
      `  ${root}\n    ${(runs.get(root) ?? []).join('  ')}   best ${best(root)} = ${ratio} % of the first\n`,
    );
  }
}

void main();

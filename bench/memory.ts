/**
 * `npm run bench:memory`: perm-mock's resident memory at its limits, with default settings, against
 * the target (under 300 MB). The compiled command runs as a child process on 127.0.0.1:
 * - 1,000 refused 1 MiB bodies in the default namespace (before the journal was bounded by bytes:
 *   1.15 GB), then 1,000 more in each of three namespaces (3.2 GB);
 * - in a fresh process, 100 namespaces of the default world, each touched by one update.
 * Each figure is RSS from /proc (Linux) once the mock has been idle for two seconds, beside the
 * byte counts the mock itself reports (GET /__admin/memory). Prints a table and writes
 * bench/results/memory.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

import { VERSION } from '../mock-server/version';
import { CLI, residentMiB, ROOT, send, startProcess, stop, type Started } from './lib/processes';
import { round } from './lib/stats';

const WORK = mkdtempSync(join(tmpdir(), 'perm-mock-bench-memory-'));
const TARGET_MB = 300;
const MIB = 1024 * 1024;

function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2000));

function rss(started: Started): number {
  return round(residentMiB(started.child.pid ?? 0) ?? NaN);
}

/** The banner's Daily key and the room of its update curl. */
function dailyTarget(started: Started): { key: string; room: string; participant: string } {
  const key = /API key +(\S+)/.exec(started.banner)?.[1] ?? '';
  const room = /rooms\/([^/]+)\/update-permissions \\/.exec(started.banner)?.[1] ?? '';
  const participant = /-d '\{"data":\{"([^"]+)"/.exec(started.banner)?.[1] ?? '';
  return { key, room, participant };
}

/** A body of exactly 1 MiB that is JSON but breaks the update's contract: answered 400. */
function refusedBody(): string {
  const head = '{"data":{"*":{"canSend":"';
  const tail = '"}}}';
  return `${head}${'x'.repeat(MIB - head.length - tail.length)}${tail}`;
}

/** `count` requests, `parallel` at a time; every answer must have the expected status. */
async function many(
  count: number,
  parallel: number,
  one: (i: number) => Promise<number>,
  expected: number,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next;
      next += 1;
      const status = await one(i);
      if (status !== expected) throw new Error(`request ${i} answered ${status}, expected ${expected}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

interface MemoryReport {
  readonly usedBytes: number;
  readonly budgetBytes: number;
  readonly default: { readonly journalBytes: number; readonly bytes: number };
  readonly namespaces: readonly { readonly name: string; readonly bytes: number; readonly journalBytes: number }[];
}

async function report(started: Started): Promise<MemoryReport> {
  const answer = await send(`${started.url}/__admin/memory`, 'GET', {});
  return JSON.parse(answer.body) as MemoryReport;
}

interface RefusedBodies {
  readonly startMiB: number;
  readonly afterDefaultMiB: number;
  readonly afterNamespacesMiB: number;
  readonly defaultJournalBytes: number;
  readonly namespacesJournalBytes: number;
}

async function refusedBodies(): Promise<RefusedBodies> {
  const mock = await startProcess([CLI, '--port', '0', '--log-level', 'warn'], join(WORK, 'refused.log'));
  try {
    const { key, room } = dailyTarget(mock);
    const body = refusedBody();
    const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
    await settle();
    const startMiB = rss(mock);
    const post = (prefix: string) => async (): Promise<number> =>
      (await send(`${mock.url}${prefix}/v1/rooms/${room}/update-permissions`, 'POST', headers, body)).status;
    await many(1000, 8, post(''), 400);
    await settle();
    const afterDefaultMiB = rss(mock);
    for (const name of ['one', 'two', 'three']) await many(1000, 8, post(`/ns/${name}`), 400);
    await settle();
    const afterNamespacesMiB = rss(mock);
    const memory = await report(mock);
    return {
      startMiB,
      afterDefaultMiB,
      afterNamespacesMiB,
      defaultJournalBytes: memory.default.journalBytes,
      namespacesJournalBytes: memory.namespaces.reduce((sum, n) => sum + n.journalBytes, 0),
    };
  } finally {
    await stop(mock);
  }
}

interface Namespaces {
  readonly startMiB: number;
  readonly afterMiB: number;
  readonly usedBytes: number;
  readonly budgetBytes: number;
  readonly count: number;
}

async function hundredNamespaces(): Promise<Namespaces> {
  const mock = await startProcess([CLI, '--port', '0', '--log-level', 'warn'], join(WORK, 'namespaces.log'));
  try {
    const { key, room, participant } = dailyTarget(mock);
    const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
    const body = JSON.stringify({ data: { [participant]: { canSend: ['audio'] } } });
    await settle();
    const startMiB = rss(mock);
    await many(
      100,
      8,
      async (i) =>
        (await send(`${mock.url}/ns/worker-${i}/v1/rooms/${room}/update-permissions`, 'POST', headers, body)).status,
      200,
    );
    await settle();
    const afterMiB = rss(mock);
    const memory = await report(mock);
    return {
      startMiB,
      afterMiB,
      usedBytes: memory.usedBytes,
      budgetBytes: memory.budgetBytes,
      count: memory.namespaces.length,
    };
  } finally {
    await stop(mock);
  }
}

function verdict(mib: number): string {
  const mb = (mib * MIB) / 1e6;
  return `${round(mb, 0)} MB   target < ${TARGET_MB} MB: ${mb < TARGET_MB ? 'met' : 'NOT MET'}`;
}

async function main(): Promise<void> {
  log(
    `perm-mock ${VERSION} memory benchmark — node ${process.version}, ${availableParallelism()} CPUs, ${new Date().toISOString()}`,
  );
  log('resident memory (RSS) of the compiled command with default settings, two seconds after the last request');
  log();
  const refused = await refusedBodies();
  log('1 MiB bodies refused with 400 (valid JSON that breaks the contract), 8 at a time');
  log(`  at start                                   ${refused.startMiB} MiB`);
  log(
    `  after 1,000 in the default namespace       ${refused.afterDefaultMiB} MiB = ${verdict(refused.afterDefaultMiB)}`,
  );
  log(
    `  after 1,000 more in each of 3 namespaces   ${refused.afterNamespacesMiB} MiB = ${verdict(refused.afterNamespacesMiB)}`,
  );
  log(
    `  the journals report ${round(refused.defaultJournalBytes / MIB, 2)} MiB (default) and ${round(refused.namespacesJournalBytes / MIB, 2)} MiB (the 3 namespaces): a big body is kept as its first 4 KiB, size and hash`,
  );
  log();
  const spaces = await hundredNamespaces();
  log('100 namespaces of the default world, each touched by one update (8 at a time)');
  log(`  at start                                   ${spaces.startMiB} MiB`);
  log(`  after the 100 namespaces                   ${spaces.afterMiB} MiB = ${verdict(spaces.afterMiB)}`);
  log(
    `  the namespaces report ${round(spaces.usedBytes / 1024, 1)} KiB together (${round(spaces.usedBytes / spaces.count / 1024, 1)} KiB each) of the ${round(spaces.budgetBytes / MIB, 0)} MiB budget`,
  );
  const results = {
    version: VERSION,
    node: process.version,
    date: new Date().toISOString(),
    refused,
    namespaces: spaces,
  };
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'memory.json'), `${JSON.stringify(results, null, 2)}\n`);
  log();
  log('results written to bench/results/memory.json');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

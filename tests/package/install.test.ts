/**
 * The package as a user gets it: `npm pack` (built by prepack), installed from the tarball into a
 * scratch project with `--omit=dev` (no TypeScript, no build step), then the command, a `require`,
 * an `import`, a real start, and a consumer's `tsc --strict` over the published type declarations.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { VERSION } from '../../mock-server/version';

const exec = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'perm-mock-consumer-'));
const run = (file: string, args: string[], cwd = scratch) =>
  exec(file, args, { cwd, env: { ...process.env, npm_config_loglevel: 'error' }, maxBuffer: 16 * 1024 * 1024 });

jest.setTimeout(240_000);

beforeAll(async () => {
  const packed = mkdtempSync(join(tmpdir(), 'perm-mock-pack-'));
  // dist/ is fresh (the suite's globalSetup builds it when the sources are newer); packing with
  // its prepack build here would delete dist/ under the CLI tests running beside this one.
  await run('npm', ['pack', '--ignore-scripts', '--pack-destination', packed], ROOT);
  const tarball = readdirSync(packed).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack made no tarball');
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', join(packed, tarball)]);
});

it('is built by prepack, so a tarball needs no build step', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.prepack).toBe('npm run build');
});

it('runs the command with npx (no TypeScript, no build)', async () => {
  const { stdout } = await run('npx', ['--no-install', 'perm-mock', '--version']);
  expect(stdout.trim()).toBe(VERSION);
  const installed = readdirSync(join(scratch, 'node_modules'));
  expect(installed).not.toContain('typescript');
  expect(installed).not.toContain('ts-node');
});

it('is reached with require and with import', async () => {
  const cjs = await run(process.execPath, [
    '-e',
    "const m = require('perm-mock'); console.log(typeof m.startServer, typeof m.setupPermMock)",
  ]);
  expect(cjs.stdout.trim()).toBe('function function');
  const esm = await run(process.execPath, [
    '--input-type=module',
    '-e',
    "import { startServer, contractMatchers } from 'perm-mock'; console.log(typeof startServer, typeof contractMatchers.toMatchContract)",
  ]);
  expect(esm.stdout.trim()).toBe('function function');
});

it('starts, serves and stops from the installed package', async () => {
  const child = spawn(
    process.execPath,
    ['node_modules/perm-mock/dist/mock-server/bin.js', '--port', '0', '--log-format', 'json'],
    {
      cwd: scratch,
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    while (!/"event":"listening"/.test(out)) await new Promise((resolve) => setTimeout(resolve, 20));
    const url = /"url":"(http:\/\/[^"]+)"/.exec(out)?.[1] ?? '';
    const health = await fetch(`${url}/__admin/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', version: VERSION });
    // The inspector's files are in the tarball: the page, its style sheet and its compiled scripts.
    for (const [path, type] of [
      ['/__admin/ui', 'text/html'],
      ['/__admin/ui/inspector.css', 'text/css'],
      ['/__admin/ui/js/main.js', 'text/javascript'],
      ['/__admin/ui/js/api.js', 'text/javascript'],
    ] as const) {
      const asset = await fetch(`${url}${path}`);
      expect([path, asset.status, asset.headers.get('content-type')?.split(';')[0]]).toEqual([path, 200, type]);
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
});

it("type-checks a consumer's code with tsc --strict against the published declarations", async () => {
  writeFileSync(
    join(scratch, 'consumer.ts'),
    [
      "import { contractMatchers, setupPermMock, startServer, type RunningMock, type World } from 'perm-mock';",
      'export async function use(): Promise<World> {',
      '  const mock: RunningMock = await startServer({ port: 0, strict: true });',
      '  const state = await mock.state();',
      "  await mock.fault({ api: 'daily', status: 429, retryAfter: 1 });",
      '  await mock.close();',
      '  return state;',
      '}',
      'export const matchers = contractMatchers;',
      'export const helper: typeof setupPermMock = setupPermMock;',
      '',
    ].join('\n'),
  );
  await run(process.execPath, [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    '--strict',
    '--noEmit',
    '--skipLibCheck',
    'false',
    '--target',
    'es2022',
    '--module',
    'node16',
    '--moduleResolution',
    'node16',
    '--types',
    'node',
    '--typeRoots',
    join(ROOT, 'node_modules', '@types'),
    'consumer.ts',
  ]).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`tsc --strict failed in the consumer:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  });
});

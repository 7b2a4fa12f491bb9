/**
 * docs/ci.md's recipe, run as written: examples/ci/verify-client.sh starts the real command with a
 * report, runs the example clients' session against it, stops it, and leaves a JUnit file. A clean
 * session passes the job; one that sends a request breaking its contract (and swallows the 400)
 * fails it through perm-mock's exit code, though the session itself succeeded.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { validateXML } from 'xmllint-wasm';

import { CLI } from '../helpers/process';

const ROOT = join(__dirname, '..', '..');
const JUNIT_XSD = readFileSync(join(ROOT, 'tests', 'report', 'junit.xsd'), 'utf8');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function runRecipe(env: Record<string, string>): Promise<{ code: number | null; out: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'perm-mock-ci-'));
  const child = spawn(
    'bash',
    [
      join(ROOT, 'examples', 'ci', 'verify-client.sh'),
      process.execPath,
      '-r',
      'ts-node/register/transpile-only',
      join(ROOT, 'examples', 'ci', 'client-session.ts'),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PERM_MOCK: `${process.execPath} ${CLI}`,
        PERM_MOCK_PORT: String(await freePort()),
        PERM_MOCK_REPORT: join(dir, 'perm-mock-report.xml'),
        PERM_MOCK_LOG: join(dir, 'perm-mock.log'),
        PERM_MOCK_SELF_CHECK: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, out, dir };
}

async function junitOf(dir: string): Promise<string> {
  const xml = readFileSync(join(dir, 'perm-mock-report.xml'), 'utf8');
  const checked = await validateXML({
    xml: { fileName: 'perm-mock-report.xml', contents: xml },
    schema: { fileName: 'junit.xsd', contents: JUNIT_XSD },
  });
  expect(checked.errors).toEqual([]);
  return xml;
}

it('passes the job for a client that sent only what the contracts accept, and leaves a JUnit report', async () => {
  const run = await runRecipe({});
  expect(run.out).toContain('client session done');
  expect(run.code).toBe(0);
  const xml = await junitOf(run.dir);
  expect(xml).toContain('<testsuites name="perm-mock" tests="2" failures="0"');
  expect(xml).toContain('name="daily.updatePermissions (POST /v1/rooms/{name}/update-permissions)"');
  expect(xml).toContain('name="sonoran.setMemberPermissions (POST /api/servers/{id}/members/permissions)"');
});

it('fails the job with exit 3 when the client broke a contract, though its own run succeeded', async () => {
  const run = await runRecipe({ PLANT_VIOLATION: '1' });
  expect(run.out).toContain('client session done');
  expect(run.out).toContain('perm-mock: the client broke a contract');
  expect(run.code).toBe(3);
  const xml = await junitOf(run.dir);
  expect(xml).toMatch(/<testsuite name="perm-mock default daily" tests="1" failures="1"/);
  expect(xml).toMatch(/<failure type="contract" message="[^"]*canSend/);
});

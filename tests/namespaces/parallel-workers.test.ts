/**
 * Several Jest workers in parallel against ONE perm-mock, each in its own namespace (the
 * tests/parallel run): no worker sees another's state, journal or updates.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

it('runs four test files in parallel workers against one server without interference', async () => {
  const out = mkdtempSync(join(tmpdir(), 'perm-mock-parallel-'));
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--config',
      join(ROOT, 'tests', 'parallel', 'jest.config.ts'),
      '--maxWorkers=3',
      '--ci',
    ],
    { cwd: ROOT, env: { ...process.env, PERM_MOCK_PARALLEL_OUT: out } },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the parallel run failed:\n${output}`);
  expect(output).toMatch(/Tests:\s+8 passed, 8 total/);

  const workers = readdirSync(out).map(
    (file) => JSON.parse(readFileSync(join(out, file), 'utf8')) as { worker: string; pid: number },
  );
  expect(workers).toHaveLength(4);
  expect(new Set(workers.map((w) => w.pid)).size).toBeGreaterThanOrEqual(2);
}, 120_000);

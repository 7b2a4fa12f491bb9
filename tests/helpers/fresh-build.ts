/**
 * Jest globalSetup: the CLI and process tests run the compiled command in dist/, so make sure it was
 * compiled from the sources as they are now. `npm test` builds first (pretest); a bare `npx jest`
 * after an edit gets a rebuild here instead of yesterday's dist/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SOURCES = ['mock-server', 'contracts', 'fixtures'];
const BUILT = join(ROOT, 'dist', 'mock-server', 'bin.js');

function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

export default function freshBuild(): void {
  const sources = Math.max(
    ...SOURCES.map((dir) => newest(join(ROOT, dir))),
    statSync(join(ROOT, 'package.json')).mtimeMs,
  );
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= sources) return;
  process.stderr.write('\nperm-mock: dist/ is older than the sources; building it for the CLI tests…\n');
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true }); // no output of a deleted source survives
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // The server, then the inspector page's scripts (compiled for the browser), as npm run build does.
  for (const project of ['tsconfig.build.json', join('mock-server', 'inspector', 'page')]) {
    execFileSync(process.execPath, [tsc, '-p', project], { cwd: ROOT, stdio: 'inherit' });
  }
}

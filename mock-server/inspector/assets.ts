/**
 * The inspector page's files: the HTML and the style sheet are shipped as they are
 * (mock-server/inspector/page/), the scripts are compiled from the TypeScript beside them by the
 * build (dist/mock-server/inspector/page/*.js). Each is read once, on first use, and kept.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package's root: the nearest folder above this file with perm-mock's package.json. */
function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'perm-mock') return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`perm-mock's package.json was not found above ${__dirname}`);
    dir = up;
  }
}

let root: string | undefined;
const cache = new Map<string, string>();

function read(path: string): string {
  let text = cache.get(path);
  if (text === undefined) cache.set(path, (text = readFileSync(path, 'utf8')));
  return text;
}

const sourceDir = (): string => join((root ??= packageRoot()), 'mock-server', 'inspector', 'page');
const scriptDir = (): string => join((root ??= packageRoot()), 'dist', 'mock-server', 'inspector', 'page');

export function inspectorHtml(): string {
  return read(join(sourceDir(), 'index.html'));
}

export function inspectorCss(): string {
  return read(join(sourceDir(), 'inspector.css'));
}

const SCRIPT_NAME = /^[a-z][a-z0-9-]{0,40}\.js$/;

/** A compiled script module by its file name, or undefined when there is none (or it was not built). */
export function inspectorScript(file: string): string | undefined {
  if (!SCRIPT_NAME.test(file)) return undefined;
  const dir = scriptDir();
  if (!existsSync(dir) || !readdirSync(dir).includes(file)) return undefined;
  return read(join(dir, file));
}

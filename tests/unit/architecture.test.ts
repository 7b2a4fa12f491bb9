/**
 * The shape of the code, checked: no import cycles anywhere in the product, and the layers import
 * only downwards. http/ (the plumbing) knows no particular API and no fixtures; an API knows
 * neither the other API nor the plumbing's internals (only the seam); contracts/ knows nothing of
 * the server but its version.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const PRODUCT = ['mock-server', 'contracts', 'fixtures'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Every relative import (type-only ones too: a cycle of types is still a cycle for a reader). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)].map((m) => m[1] ?? '');
  return specs.flatMap((spec) => resolveImport(file, spec) ?? []).filter((path) => path.endsWith('.ts'));
}

const files = PRODUCT.flatMap((dir) => sources(join(ROOT, dir)));
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const rel = (file: string): string => relative(ROOT, file);

function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map(rel));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

it('has no import cycle', () => {
  expect(cycles()).toEqual([]);
});

function importers(where: (file: string) => boolean, forbidden: (target: string) => boolean): string[] {
  return [...graph]
    .filter(([file]) => where(rel(file)))
    .flatMap(([file, targets]) => targets.filter((t) => forbidden(rel(t))).map((t) => `${rel(file)} → ${rel(t)}`));
}

it('keeps the plumbing (http/) free of any particular API and of fixtures', () => {
  expect(
    importers(
      (f) => f.startsWith('mock-server/http/'),
      (t) => t.startsWith('fixtures/') || (t.startsWith('mock-server/apis/') && t !== 'mock-server/apis/seam.ts'),
    ),
  ).toEqual([]);
});

it("lets an API import neither the other API nor the plumbing's internals", () => {
  const apis = ['daily', 'sonoran-radio'];
  for (const api of apis) {
    const inside = (f: string): boolean => f.startsWith(`mock-server/apis/${api}/`);
    const others = apis.filter((a) => a !== api).map((a) => `mock-server/apis/${a}/`);
    expect(importers(inside, (t) => others.some((o) => t.startsWith(o)))).toEqual([]);
    expect(importers(inside, (t) => t.startsWith('mock-server/') && !t.startsWith('mock-server/apis/'))).toEqual([]);
  }
});

it('keeps contracts/ below the server (it may read only the version)', () => {
  expect(
    importers(
      (f) => f.startsWith('contracts/'),
      (t) => t.startsWith('mock-server/') && t !== 'mock-server/version.ts',
    ),
  ).toEqual([]);
});

/**
 * The docs a newcomer reads stay true: the banner shown in the README is the one the default world
 * prints, the examples the docs quote are in the files they name, and every page links resolve.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { referenceRegions, regionText } from '../../mock-server/reference/regions';

const ROOT = join(__dirname, '..', '..');
const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

it.each(referenceRegions().map((r) => [r.file, r.name, r] as const))(
  '%s shows the current %s (run `npm run docs` after changing it)',
  (file, name, region) => {
    expect(regionText(readFileSync(join(ROOT, file), 'utf8'), name)).toBe(region.text.trim());
  },
);

/** Code blocks introduced by "From [`path`](…):", each quoting the file it names. */
function quotes(page: string): { source: string; code: string }[] {
  const text = readFileSync(join(ROOT, page), 'utf8');
  return [...text.matchAll(/From\s+\[`([^`]+)`\]\([^)]*\):\s*\n+```\w*\n([\s\S]*?)```/g)].map((m) => ({
    source: m[1] ?? '',
    code: m[2] ?? '',
  }));
}

it.each(pages.flatMap((page) => quotes(page).map((q) => [page, q.source, q] as const)))(
  '%s quotes %s as it is',
  (_page, source, quote) => {
    const file = readFileSync(join(ROOT, source), 'utf8');
    const missing = quote.code
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('//') && !file.includes(line));
    expect(missing).toEqual([]);
  },
);

it.each(pages)('%s links only to files that exist', (page) => {
  const text = readFileSync(join(ROOT, page), 'utf8');
  const broken = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z]+:/.test(target))
    .filter((target) => !existsSync(join(ROOT, dirname(page), target)));
  expect(broken).toEqual([]);
});

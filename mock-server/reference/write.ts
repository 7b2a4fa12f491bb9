/** `npm run docs`: write the generated reference pages (docs/reference/), the generated regions of hand-written pages, and (next) the OpenAPI documents. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { referencePages } from './index';
import { referenceRegions, withRegion } from './regions';

const ROOT = resolve(__dirname, '..', '..');

for (const [path, text] of Object.entries(referencePages())) {
  const file = join(ROOT, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`wrote ${path}\n`);
}

for (const region of referenceRegions()) {
  const file = join(ROOT, region.file);
  writeFileSync(file, withRegion(readFileSync(file, 'utf8'), region));
  process.stdout.write(`wrote the ${region.name} region of ${region.file}\n`);
}

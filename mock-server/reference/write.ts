/** `npm run docs`: write the generated reference pages (docs/reference/) and the OpenAPI documents. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { referencePages } from './index';

const ROOT = resolve(__dirname, '..', '..');

for (const [path, text] of Object.entries(referencePages())) {
  const file = join(ROOT, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`wrote ${path}\n`);
}

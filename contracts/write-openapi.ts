/** `npm run openapi`: write the OpenAPI 3.1 documents to contracts/openapi/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { buildOpenApiDocument, OPENAPI_FILES } from './openapi';
import type { ApiName } from './operations';

export function renderOpenApiFile(api: ApiName): string {
  return `${JSON.stringify(buildOpenApiDocument(api), null, 2)}\n`;
}

export const OPENAPI_DIR = resolve(__dirname, 'openapi');

if (require.main === module) {
  const dir = process.argv[2] ?? OPENAPI_DIR;
  mkdirSync(dir, { recursive: true });
  for (const [api, file] of Object.entries(OPENAPI_FILES) as [ApiName, string][]) {
    const path = join(dir, file);
    writeFileSync(path, renderOpenApiFile(api));
    process.stdout.write(`wrote ${path}\n`);
  }
}

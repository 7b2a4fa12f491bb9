/** The OpenAPI 3.1 documents: valid by an OpenAPI validator, complete, served, and written to disk up to date. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { validate } from '@readme/openapi-parser';
import { http } from '../helpers/client';

import { buildOpenApiDocument, OPENAPI_FILES } from '../../contracts/openapi';
import { OPERATIONS, type ApiName } from '../../contracts/operations';
import { renderOpenApiFile } from '../../contracts/write-openapi';
import { buildTestApp } from '../helpers/app';

const APIS = Object.keys(OPENAPI_FILES) as ApiName[];

describe.each(APIS)('the %s document', (api) => {
  const doc = buildOpenApiDocument(api);

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(doc) as unknown as Parameters<typeof validate>[0]);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('lists every operation of the API with its request and answers', () => {
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string }>).map((o) => o.operationId),
    );
    const expected = [...OPERATIONS.values()].filter((op) => op.api === api).map((op) => op.id);
    expect(ids.sort()).toEqual(expected.sort());
  });

  it('resolves every $ref to a component it holds', () => {
    const text = JSON.stringify(doc);
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      expect(Object.keys(schemas)).toContain(name);
    expect(text).not.toContain('urn:perm-mock');
  });

  it('is written to contracts/openapi/ as npm run openapi would write it', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'contracts', 'openapi', OPENAPI_FILES[api]), 'utf8');
    expect(committed).toBe(renderOpenApiFile(api));
  });
});

describe('served by the control API', () => {
  it('links each document from /__admin/openapi.json and serves it', async () => {
    const app = buildTestApp();
    const index = await http(app).get('/__admin/openapi.json');
    expect(index).toMatchContract('admin.openApiIndex');
    expect(index.body.documents.map((d: { api: string }) => d.api)).toEqual(APIS);
    for (const entry of index.body.documents as { api: ApiName; url: string }[]) {
      const res = await http(app).get(entry.url);
      expect(res).toMatchContract('admin.openApiDocument');
      expect(res.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(entry.api))));
    }
  });

  it('answers an unknown document with a problem', async () => {
    const res = await http(buildTestApp()).get('/__admin/openapi/nope.json');
    expect(res).toMatchContract('admin.openApiDocument');
    expect(res).toBeProblem('MOCK_DOCUMENT_NOT_FOUND');
  });
});

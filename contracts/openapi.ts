/**
 * OpenAPI 3.1 documents generated from the contract schemas and the operation catalogue: one for
 * each mocked API (with the upstream server and the mock as servers) and one for the control API.
 * JSON Schema 2020-12 is OpenAPI 3.1's own dialect, so schemas carry over; only `$ref`s are rewritten
 * from `urn:perm-mock:…` ids to `#/components/schemas/…`.
 */
import { OPERATIONS, type ApiName, type OperationContract } from './operations';
import { SCHEMA_DOCUMENTS, type SchemaDocument } from './registry';
import { VERSION } from '../mock-server/version';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly servers: readonly { readonly url: string; readonly description: string }[];
  readonly paths: JsonObject;
  readonly components: JsonObject;
  readonly [key: string]: unknown;
}

interface ApiDescription {
  readonly title: string;
  readonly description: string;
  /** The part of the mock's path that the upstream base URL already holds. */
  readonly prefix: string;
  readonly servers: readonly { readonly url: string; readonly description: string }[];
}

export const OPENAPI_APIS: Readonly<Record<ApiName, ApiDescription>> = {
  daily: {
    title: 'Daily REST API: the call model around permissions (as perm-mock serves it)',
    description:
      "Daily's domain, rooms, meeting tokens, presence, eject, session data, app messages, webhooks and POST /rooms/{name}/update-permissions, generated from perm-mock's contracts. Bodies Daily does not document are perm-mock's decisions (docs/daily.md).",
    prefix: '/v1',
    servers: [
      { url: 'https://api.daily.co/v1', description: 'Daily' },
      { url: 'http://127.0.0.1:4400/v1', description: 'perm-mock (default port)' },
    ],
  },
  sonoran: {
    title: 'Sonoran Radio API v1 and v2 (as perm-mock serves it)',
    description:
      "Every Sonoran Radio route Sonoran.js and the docs call, v1 (/api, /radio: the community id and API key in the path or body) and v2 (/v2: Authorization: Bearer <community API key>, failures as application/problem+json), generated from perm-mock's contracts.",
    prefix: '',
    servers: [
      { url: 'https://api.sonoranradio.com', description: 'Sonoran Radio' },
      { url: 'http://127.0.0.1:4400', description: 'perm-mock (default port)' },
    ],
  },
  admin: {
    title: 'perm-mock control API',
    description: "perm-mock's own control API under /__admin: state, rooms, communities, the request journal.",
    prefix: '',
    servers: [{ url: 'http://127.0.0.1:4400', description: 'perm-mock (default port)' }],
  },
};

/** `urn:perm-mock:daily:update-permissions-request` → `DailyUpdatePermissionsRequest`. */
export function componentName(id: string): string {
  return id
    .replace(/^urn:perm-mock:/, '')
    .split(/[:-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function refTarget(ref: string, currentDoc: string): string {
  const [base, fragment] = ref.split('#', 2) as [string, string | undefined];
  const doc = base === '' ? currentDoc : base;
  const def = fragment?.startsWith('/$defs/') === true ? fragment.slice('/$defs/'.length) : undefined;
  return def === undefined ? componentName(doc) : `${componentName(doc)}.${def}`;
}

function rewrite(node: Json, currentDoc: string, used: Set<string>): Json {
  if (Array.isArray(node)) return node.map((child) => rewrite(child, currentDoc, used));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id' || key === '$schema' || key === '$defs') continue;
    if (key === '$ref' && typeof value === 'string') {
      const name = refTarget(value, currentDoc);
      used.add(name);
      out.$ref = `#/components/schemas/${name}`;
    } else {
      out[key] = rewrite(value, currentDoc, used);
    }
  }
  return out;
}

/** Every schema, root and `$defs`, as a flat map of component name → schema with `$ref`s rewritten. */
function allComponents(documents: readonly SchemaDocument[]): Map<string, { schema: JsonObject; refs: Set<string> }> {
  const out = new Map<string, { schema: JsonObject; refs: Set<string> }>();
  for (const doc of documents) {
    const body = doc as unknown as JsonObject;
    const rootKeys = Object.keys(body).filter((k) => !['$id', '$schema', '$defs', 'title', 'description'].includes(k));
    if (rootKeys.length > 0) {
      const refs = new Set<string>();
      out.set(componentName(doc.$id), { schema: rewrite(body, doc.$id, refs) as JsonObject, refs });
    }
    const defs = (body.$defs ?? {}) as JsonObject;
    for (const [def, schema] of Object.entries(defs)) {
      const refs = new Set<string>();
      out.set(`${componentName(doc.$id)}.${def}`, { schema: rewrite(schema, doc.$id, refs) as JsonObject, refs });
    }
  }
  return out;
}

function ref(schemaId: string): JsonObject {
  return { $ref: `#/components/schemas/${refTarget(schemaId, schemaId)}` };
}

function operationObject(op: OperationContract): JsonObject {
  const params: JsonObject[] = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1] ?? '',
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  for (const q of op.query ?? []) {
    params.push({ name: q.name, in: 'query', required: false, description: q.description, schema: q.schema as Json });
  }
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(op.responses)) {
    responses[status] =
      response.schema === undefined
        ? { description: response.description }
        : {
            description: response.description,
            content: { [response.contentType ?? 'application/json']: { schema: ref(response.schema) } },
          };
  }
  return {
    operationId: op.id,
    summary: op.summary,
    ...(params.length > 0 && { parameters: params }),
    ...(op.request !== undefined && {
      requestBody: {
        required: op.request.optional !== true,
        content: { [op.request.contentType]: { schema: ref(op.request.schema) } },
      },
    }),
    ...((op.request?.auth ?? op.auth) === 'bearer' && { security: [{ bearerAuth: [] }] }),
    responses,
  };
}

/** The OpenAPI 3.1 document of one API. */
export function buildOpenApiDocument(
  api: ApiName,
  documents: readonly SchemaDocument[] = SCHEMA_DOCUMENTS,
): OpenApiDocument {
  const description = OPENAPI_APIS[api];
  const components = allComponents(documents);
  const paths: JsonObject = {};
  const wanted: string[] = [];
  let bearer = false;
  for (const op of OPERATIONS.values()) {
    if (op.api !== api) continue;
    const path = op.path.startsWith(description.prefix) ? op.path.slice(description.prefix.length) : op.path;
    const item = (paths[path] ?? {}) as JsonObject;
    item[op.method.toLowerCase()] = operationObject(op);
    paths[path] = item;
    if (op.request !== undefined) wanted.push(refTarget(op.request.schema, op.request.schema));
    for (const response of Object.values(op.responses)) {
      if (response.schema !== undefined) wanted.push(refTarget(response.schema, response.schema));
    }
    bearer ||= (op.request?.auth ?? op.auth) === 'bearer';
  }

  // Only the schemas the operations reach, directly or through $refs.
  const schemas: JsonObject = {};
  const queue = [...wanted];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (Object.hasOwn(schemas, name)) continue;
    const component = components.get(name);
    if (component === undefined) throw new Error(`OpenAPI: no schema for component ${name}`);
    schemas[name] = component.schema;
    queue.push(...component.refs);
  }
  const sorted: JsonObject = {};
  for (const name of Object.keys(schemas).sort()) sorted[name] = schemas[name] ?? null;

  return {
    openapi: '3.1.0',
    info: { title: description.title, version: VERSION, description: description.description },
    servers: description.servers,
    paths,
    components: {
      schemas: sorted,
      ...(bearer && {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: api === 'sonoran' ? 'A Sonoran Radio community API key (v2 routes)' : 'A Daily API key',
          },
        },
      }),
    },
  };
}

/** Where each document is served and written. */
export const OPENAPI_FILES: Readonly<Record<ApiName, string>> = {
  daily: 'daily.json',
  sonoran: 'sonoran-radio.json',
  admin: 'admin.json',
};

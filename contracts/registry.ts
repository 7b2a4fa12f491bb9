import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

import { ADMIN_SCHEMAS } from './schemas/admin';
import { CONFIG_SCHEMAS } from './schemas/config';
import { DAILY_SCHEMAS } from './schemas/daily';
import { HARNESS_SCHEMAS } from './schemas/harness';
import { SONORAN_SCHEMAS } from './schemas/sonoran-radio';
import { formatViolations, type Violation } from './messages';

/** Every schema document perm-mock ships, each identified by its `$id`. */
export const SCHEMA_DOCUMENTS: readonly SchemaDocument[] = [
  ...DAILY_SCHEMAS,
  ...SONORAN_SCHEMAS,
  ...ADMIN_SCHEMAS,
  ...HARNESS_SCHEMAS,
  ...CONFIG_SCHEMAS,
];

export interface SchemaDocument {
  readonly $id: string;
  readonly [keyword: string]: unknown;
}

export interface ContractRegistry {
  /** Validate `data` against the schema with this id (`urn:…`, optionally with a `#/$defs/…` fragment). */
  validate(schemaId: string, data: unknown, root?: string): Violation[];
  /** The compiled validator; throws MissingSchemaError for an id that is not registered. */
  validator(schemaId: string): ValidateFunction;
  /** The registered schema documents, by `$id`. */
  readonly documents: ReadonlyMap<string, SchemaDocument>;
}

export class MissingSchemaError extends Error {
  constructor(schemaId: string) {
    super(`no contract schema is registered as "${schemaId}"; register it in contracts/registry.ts`);
    this.name = 'MissingSchemaError';
  }
}

export interface RegistryOptions {
  /**
   * Compile every schema and `$defs` entry now, so that an unresolvable `$ref` or a strict-mode
   * error fails here (default). With `false`, each is compiled on first use: the server's choice,
   * saving ~150 ms of start-up, safe because the test suite compiles them all eagerly.
   */
  readonly eager?: boolean;
}

/**
 * Build the ajv registry: every schema added once by `$id` (a duplicate id fails here) and, by
 * default, compiled at once. The options make ajv *report* bad input: no type coercion, no
 * removal of unknown fields, no defaults filled in.
 */
export function createContractRegistry(
  documents: readonly SchemaDocument[] = SCHEMA_DOCUMENTS,
  { eager = true }: RegistryOptions = {},
): ContractRegistry {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    allowUnionTypes: true,
    verbose: true,
    coerceTypes: false,
    removeAdditional: false,
    useDefaults: false,
  });
  addFormats(ajv, ['date-time']);

  const byId = new Map<string, SchemaDocument>();
  for (const doc of documents) {
    if (byId.has(doc.$id)) throw new Error(`two contract schemas share the $id "${doc.$id}"`);
    byId.set(doc.$id, doc);
    ajv.addSchema(doc);
  }
  // Compile every schema and every $defs entry now, so a broken one fails at boot, not on first use.
  for (const [id, doc] of eager ? byId : []) {
    ajv.getSchema(id);
    const defs = doc.$defs;
    if (typeof defs === 'object' && defs !== null) {
      for (const name of Object.keys(defs)) ajv.getSchema(`${id}#/$defs/${name}`);
    }
  }

  const cache = new Map<string, ValidateFunction>();
  const validator = (schemaId: string): ValidateFunction => {
    let fn = cache.get(schemaId);
    if (fn === undefined) {
      fn = ajv.getSchema(schemaId);
      if (fn === undefined) throw new MissingSchemaError(schemaId);
      cache.set(schemaId, fn);
    }
    return fn;
  };

  return {
    documents: byId,
    validator,
    validate(schemaId, data, root = 'body') {
      const fn = validator(schemaId);
      if (fn(data)) return [];
      return formatViolations(fn.errors ?? [], data, root);
    },
  };
}

let shared: ContractRegistry | undefined;

/**
 * The process-wide registry, its schemas compiled on first use (tests/contract/harness.test.ts
 * compiles them all eagerly, so a broken schema fails the suite rather than a request).
 */
export function getContractRegistry(): ContractRegistry {
  shared ??= createContractRegistry(SCHEMA_DOCUMENTS, { eager: false });
  return shared;
}

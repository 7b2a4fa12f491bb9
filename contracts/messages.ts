import type { ErrorObject } from 'ajv';

/** One way a value breaks its contract, located by a readable path such as `data.abc.canSend[1]`. */
export interface Violation {
  /** Readable location: `body`, `data.abc.canSend[1]`, `userPerms[0].perm`. */
  readonly path: string;
  /** What is wrong there, without the path. */
  readonly message: string;
  /** The JSON Schema keyword that failed (`type`, `enum`, `required`, …). */
  readonly keyword: string;
  /** `path` and `message` together: what a person reads. */
  readonly text: string;
}

const SIMPLE_KEY = /^[A-Za-z0-9_$*-]+$/;
const MAX_SHOWN = 60;

/** Append one key or index to a readable path: `a.b`, `a[0]`, `a["odd key"]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base === '' ? 'body' : base}[${key}]`;
  const part = SIMPLE_KEY.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (base === '') return part.startsWith('[') ? `body${part}` : part;
  return part.startsWith('[') ? `${base}${part}` : `${base}.${part}`;
}

/** Turn a JSON pointer into a readable path, walking the data to tell array indices from keys. */
export function pointerToPath(pointer: string, data: unknown, root: string): string {
  if (pointer === '') return root;
  let path = '';
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(key);
      path = joinPath(path, index);
      node = node[index];
    } else {
      path = joinPath(path, key);
      node = isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined;
    }
  }
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A short, single-line rendering of a received value for messages. */
export function showValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  else if (Array.isArray(value)) text = `an array of ${value.length}`;
  else if (isRecord(value)) text = 'an object';
  else text = JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

const ARTICLE: Record<string, string> = {
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  null: 'null',
};

function typeNames(type: unknown): string {
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => ARTICLE[String(t)] ?? String(t)).join(' or ');
}

function listOf(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function childPointer(pointer: string, key: unknown): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function describe(error: ErrorObject, data: unknown, root: string): { path: string; message: string } {
  const params = error.params as Record<string, unknown>;
  const path = pointerToPath(error.instancePath, data, root);
  switch (error.keyword) {
    case 'required':
      return {
        path: pointerToPath(childPointer(error.instancePath, params.missingProperty), data, root),
        message: 'is required',
      };
    case 'additionalProperties': {
      const known = isRecord(error.parentSchema?.properties) ? Object.keys(error.parentSchema.properties) : [];
      const hint = known.length > 0 ? `; known fields: ${known.join(', ')}` : '';
      return {
        path: pointerToPath(childPointer(error.instancePath, params.additionalProperty), data, root),
        message: `is not a known field${hint}`,
      };
    }
    case 'type':
      return { path, message: `must be ${typeNames(params.type)} (got ${showValue(error.data)})` };
    case 'enum':
      return {
        path,
        message: `must be one of ${listOf(params.allowedValues as unknown[])} (got ${showValue(error.data)})`,
      };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)} (got ${showValue(error.data)})` };
    case 'format':
      return { path, message: `must be a ${String(params.format)} string (got ${showValue(error.data)})` };
    case 'pattern':
      return { path, message: `must match ${String(params.pattern)} (got ${showValue(error.data)})` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
      return { path, message: `${error.message ?? 'is out of range'} (got ${showValue(error.data)})` };
    default:
      return { path, message: error.message ?? `fails the "${error.keyword}" rule` };
  }
}

/** ajv errors → readable violations, most specific first, without repeats. */
export function formatViolations(errors: readonly ErrorObject[], data: unknown, root = 'body'): Violation[] {
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const error of errors) {
    const located = describe(error, data, root);
    const text = `${located.path} ${located.message}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ path: located.path, message: located.message, keyword: error.keyword, text });
  }
  return out;
}

/**
 * The command's settings as one table. Each row is a flag with its environment variable, its key in
 * a config file (perm-mock.json), the kind of value it takes and the option it sets. parseArgs'
 * options, the parser, `--help`, the config file's JSON Schema and the generated flag reference
 * (docs/reference/flags.md) all come from these rows, so none of them can drift from the others.
 * Precedence: a flag, then its environment variable, then the config file, then the default.
 */
import { dirname, isAbsolute, join } from 'node:path';

import { TOKEN_VALIDATE_SHAPES } from './apis/daily/tokens';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './logging';
import { FAIL_ON, REPORT_FORMATS } from './report/render';
import { DEFAULT_HOST, DEFAULT_PORT, type ServerOptions } from './server';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where a value came from, as a user would name it in a fix (`--port`, `PERM_MOCK_PORT`, `perm-mock.json: port`). */
export interface Source {
  readonly value: string;
  readonly from: string;
}

/** A kind of value: how text (a flag, a variable) becomes it, and its JSON Schema in a config file. */
interface Kind<T> {
  fromText(source: Source): T;
  /** A config file's value: already valid against `schema`; checks the schema cannot express. */
  fromConfig(value: unknown, from: string): T;
  readonly schema: Readonly<Record<string, unknown>>;
}

function integer(min: number, max: number): Kind<number> {
  const check = (n: number, shown: string, from: string): number => {
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new UsageError(`${from} must be a whole number from ${min} to ${max} (got ${shown})`);
    }
    return n;
  };
  return {
    fromText: ({ value, from }) => check(/^\d+$/.test(value.trim()) ? Number(value) : NaN, `"${value}"`, from),
    fromConfig: (value, from) => check(value as number, JSON.stringify(value), from),
    schema: { type: 'integer', minimum: min, maximum: max },
  };
}

const text = (rule?: { pattern: RegExp; says: string }): Kind<string> => {
  const check = (value: string, from: string): string => {
    if (rule !== undefined && !rule.pattern.test(value)) throw new UsageError(`${from} ${rule.says}`);
    return value;
  };
  return {
    fromText: ({ value, from }) => check(value, from),
    fromConfig: (value, from) => check(value as string, from),
    schema: { type: 'string', minLength: 1 },
  };
};

const BOOLEAN: Kind<boolean> = {
  fromText: ({ value, from }) => {
    const raw = value.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    throw new UsageError(`${from} must be true or false (got "${value}")`);
  },
  fromConfig: (value) => value as boolean,
  schema: { type: 'boolean' },
};

function oneOf<T extends string>(values: readonly T[]): Kind<T> {
  const check = (value: string, from: string): T => {
    if ((values as readonly string[]).includes(value)) return value as T;
    throw new UsageError(`${from} must be one of ${values.join(', ')} (got "${value}")`);
  };
  return {
    fromText: ({ value, from }) => check(value, from),
    fromConfig: (value, from) => check(value as string, from),
    schema: { enum: [...values] },
  };
}

/** `1048576`, `512kb`, `2mb` → bytes. */
export function parseSize(source: Source): number {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(source.value.trim());
  const unit = match?.[2]?.toLowerCase() ?? 'b';
  const bytes = match === null ? NaN : Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new UsageError(`${source.from} must be a size such as 1048576, 512kb or 2mb (got "${source.value}")`);
  }
  return bytes;
}

const SIZE: Kind<number> = {
  fromText: parseSize,
  fromConfig: (value, from) => parseSize({ value: String(value), from }),
  schema: {
    anyOf: [
      { type: 'integer', minimum: 1 },
      { type: 'string', pattern: '^\\d+\\s*([bB]|[kK][bB]|[mM][bB])?$' },
    ],
  },
};

const JSON_OBJECT: Kind<Record<string, unknown>> = {
  fromText: ({ value, from }) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new UsageError(`${from} must be a JSON object such as '{}' (got "${value}")`);
    }
    return parsed as Record<string, unknown>;
  },
  fromConfig: (value) => value as Record<string, unknown>,
  schema: { type: 'object' },
};

const KEYS: Kind<string[]> = {
  fromText: ({ value, from }) => {
    const keys = value.split(',').map((k) => k.trim());
    if (keys.some((k) => k === '' || /\s/.test(k))) {
      throw new UsageError(`${from}: Daily API keys must be non-empty and contain no spaces`);
    }
    return keys;
  },
  fromConfig: (value) => value as string[],
  schema: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^\\S+$' } },
};

/** A comma-separated list (an array in a config file). */
const LIST: Kind<string[]> = {
  fromText: ({ value }) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  fromConfig: (value) => value as string[],
  schema: { type: 'array', items: { type: 'string', minLength: 1 } },
};

/** `daily=https://…` pairs (comma-separated in the variable); an object in a config file. */
const PROXY: Kind<Record<string, string>> = {
  fromText: ({ value, from }) => {
    const out: Record<string, string> = {};
    for (const pair of value
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '')) {
      const at = pair.indexOf('=');
      const api = at === -1 ? '' : pair.slice(0, at);
      if (api !== 'daily' && api !== 'sonoran') {
        throw new UsageError(`${from} takes daily=<base URL> or sonoran=<base URL> (got "${pair}")`);
      }
      out[api] = pair.slice(at + 1);
    }
    return out;
  },
  fromConfig: (value) => value as Record<string, string>,
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { daily: { type: 'string', minLength: 1 }, sonoran: { type: 'string', minLength: 1 } },
  },
};

/** What the parsed settings become. */
export interface Settings {
  readonly options: ServerOptions;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  /** Where the admin token came from (the banner's curls name the variable only when it came from there). */
  readonly adminTokenFrom?: 'flag' | 'env' | 'config';
}

type MutableOptions = { -readonly [K in keyof ServerOptions]: ServerOptions[K] };
type Target = { options: MutableOptions; logLevel: LogLevel; logFormat: LogFormat };

export interface Flag {
  readonly name: string;
  readonly short?: string;
  /** parseArgs' type: boolean flags take no value. */
  readonly type: 'string' | 'boolean';
  /** The flag may be repeated (each adds a value). */
  readonly multiple?: boolean;
  /** The value's placeholder in the help, e.g. `<n>`. */
  readonly arg?: string;
  readonly summary: string;
  /** The environment variable that sets it; none for --help, --version, --config. */
  readonly env?: string;
  /** Its key in a config file; none for --help, --version, --config. */
  readonly configKey?: string;
  readonly default?: string;
  /** Parse and apply a value to the settings (none for --help, --version, --config). */
  readonly set?: {
    readonly isPath: boolean;
    readonly schema: Readonly<Record<string, unknown>>;
    fromText(source: Source): unknown;
    fromConfig(value: unknown, from: string): unknown;
    apply(value: unknown, into: Target): void;
  };
}

const variable = (name: string): string => `PERM_MOCK_${name.toUpperCase().replace(/-/g, '_')}`;
const camel = (name: string): string => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

interface Row<T> {
  readonly name: string;
  readonly short?: string;
  readonly arg?: string;
  readonly summary: string;
  readonly default?: string;
  readonly env?: string;
  readonly configKey?: string;
  readonly multiple?: boolean;
  /** A file path: relative in a config file means relative to that file. */
  readonly isPath?: boolean;
  readonly kind: Kind<T>;
  readonly apply: (value: T, into: Target) => void;
}

function row<T>(r: Row<T>): Flag {
  return {
    name: r.name,
    ...(r.short !== undefined && { short: r.short }),
    type: r.kind === (BOOLEAN as unknown) ? 'boolean' : 'string',
    ...(r.multiple === true && { multiple: true }),
    ...(r.arg !== undefined && { arg: r.arg }),
    summary: r.summary,
    env: r.env ?? variable(r.name),
    configKey: r.configKey ?? camel(r.name),
    ...(r.default !== undefined && { default: r.default }),
    set: {
      isPath: r.isPath === true,
      schema: r.kind.schema,
      fromText: (source) => r.kind.fromText(source),
      fromConfig: (value, from) => r.kind.fromConfig(value, from),
      apply: (value, into) => r.apply(value as T, into),
    },
  };
}

/** Boolean switches only ever switch on (off is the default). */
const switchOn = (set: (into: Target) => void) => (value: boolean, into: Target) => {
  if (value) set(into);
};

export const CONFIG_FLAG = 'config';
export const CONFIG_FILE = 'perm-mock.json';

export const FLAGS: readonly Flag[] = [
  row({
    name: 'port',
    short: 'p',
    arg: '<n>',
    summary: 'port to listen on; 0 picks a free one',
    default: String(DEFAULT_PORT),
    kind: integer(0, 65535),
    apply: (v, t) => (t.options.port = v),
  }),
  row({
    name: 'host',
    arg: '<address>',
    summary: 'address to bind (beyond loopback needs --admin-token)',
    default: DEFAULT_HOST,
    kind: text(),
    apply: (v, t) => (t.options.host = v),
  }),
  row({
    name: 'seed',
    arg: '<n>',
    summary: 'seed of the generated default world',
    default: '1',
    kind: integer(0, 2 ** 32 - 1),
    apply: (v, t) => (t.options.seed = v),
  }),
  row({
    name: 'world',
    arg: '<file.json>',
    summary: 'start from this world instead (the format of GET /__admin/state; parts may be left out)',
    isPath: true,
    kind: text(),
    apply: (v, t) => (t.options.worldFile = v),
  }),
  row({
    name: 'strict',
    summary: 'refuse requests naming unknown participants, members or channels',
    default: 'off',
    kind: BOOLEAN,
    apply: (v, t) => (t.options.strict = v),
  }),
  row({
    name: 'daily-api-key',
    multiple: true,
    arg: '<key>',
    summary: "a Daily API key to accept, replacing the world's; repeat for several (the variable is comma-separated)",
    env: 'PERM_MOCK_DAILY_API_KEYS',
    configKey: 'dailyApiKeys',
    default: "the world's key",
    kind: KEYS,
    apply: (v, t) => (t.options.dailyApiKeys = v),
  }),
  row({
    name: 'daily-success-body',
    arg: '<json>',
    summary: "body of update-permissions' 200 (undocumented upstream)",
    default: '{}',
    kind: JSON_OBJECT,
    apply: (v, t) => (t.options.dailySuccessBody = v),
  }),
  row({
    name: 'journal-limit',
    arg: '<n>',
    summary: 'requests kept in the journal of each namespace',
    default: '1000',
    kind: integer(0, 1_000_000),
    apply: (v, t) => (t.options.journalLimit = v),
  }),
  row({
    name: 'journal-max-bytes',
    arg: '<size>',
    summary:
      "about how much each namespace's journal keeps: bytes, or 64mb (a body over 64 KiB is kept as its start, size and hash)",
    default: '64mb',
    kind: SIZE,
    apply: (v, t) => (t.options.journalMaxBytes = v),
  }),
  row({
    name: 'events-buffer',
    arg: '<size>',
    summary:
      'bytes of events waiting for one GET /__admin/events client (the inspector) before it is dropped as too slow: bytes, or 1mb',
    default: '1mb',
    kind: SIZE,
    apply: (v, t) => (t.options.eventsBufferBytes = v),
  }),
  row({
    name: 'body-limit',
    arg: '<size>',
    summary: 'largest request body: bytes, or 512kb, 2mb',
    default: '1mb',
    kind: SIZE,
    apply: (v, t) => (t.options.bodyLimit = v),
  }),
  row({
    name: 'max-participants',
    arg: '<n>',
    summary: 'most live participants in one Daily room',
    default: '100000',
    kind: integer(1, 10_000_000),
    apply: (v, t) => (t.options.maxParticipantsPerRoom = v),
  }),
  row({
    name: 'max-members',
    arg: '<n>',
    summary: 'most members in one Sonoran Radio community',
    default: '100000',
    kind: integer(1, 10_000_000),
    apply: (v, t) => (t.options.maxMembersPerCommunity = v),
  }),
  row({
    name: 'max-amplification',
    arg: '<size>',
    summary: 'most one Daily update\'s "*" may copy: participants reached × the value\'s size as JSON (bytes, or 64mb)',
    default: '64mb',
    kind: SIZE,
    apply: (v, t) => (t.options.maxAmplificationBytes = v),
  }),
  row({
    name: 'admin-token',
    arg: '<token>',
    summary: 'required on control-API calls (16 characters or more); needed to bind beyond loopback',
    kind: text({ pattern: /^\S{16,}$/, says: 'must be at least 16 characters, without spaces' }),
    apply: (v, t) => (t.options.adminToken = v),
  }),
  row({
    name: 'allowed-hosts',
    arg: '<names>',
    summary:
      'Host names the control API answers to besides loopback names and the bound address, comma-separated (* = any); only checked without --admin-token',
    default: 'none',
    kind: LIST,
    apply: (v, t) => (t.options.allowedHosts = v),
  }),
  row({
    name: 'state-file',
    arg: '<file>',
    summary: 'keep the state in this file across restarts (written before a change is acknowledged)',
    isPath: true,
    kind: text(),
    apply: (v, t) => (t.options.stateFile = v),
  }),
  row({
    name: 'namespace-ttl',
    arg: '<s>',
    summary: 'delete a namespace idle this long; 0 keeps them',
    default: '900',
    kind: integer(0, 31_536_000),
    apply: (v, t) => (t.options.namespaceTtlSeconds = v),
  }),
  row({
    name: 'max-namespaces',
    arg: '<n>',
    summary: 'most namespaces besides default',
    default: '1000',
    kind: integer(0, 100_000),
    apply: (v, t) => (t.options.maxNamespaces = v),
  }),
  row({
    name: 'namespace-memory',
    arg: '<size>',
    summary:
      'about how much the namespaces besides default may hold together (state they changed, journals): bytes, or 128mb',
    default: '128mb',
    kind: SIZE,
    apply: (v, t) => (t.options.namespaceMemoryBytes = v),
  }),
  row({
    name: 'namespace-start',
    arg: '<how>',
    summary: 'world|empty: what a new namespace starts from',
    default: 'world',
    kind: oneOf(['world', 'empty'] as const),
    apply: (v, t) => (t.options.namespaceStart = v),
  }),
  row({
    name: 'daily-rate-limit',
    summary: "switch on Daily's documented rate limits in every namespace",
    default: 'off',
    kind: BOOLEAN,
    apply: switchOn((t) => (t.options.dailyRateLimit = true)),
  }),
  row({
    name: 'daily-webhook-timeout',
    arg: '<ms>',
    summary: 'how long a Daily webhook URL has to answer a delivery or the verification request',
    default: '5000',
    kind: integer(1, 600_000),
    apply: (v, t) => (t.options.dailyWebhookTimeoutMs = v),
  }),
  row({
    name: 'daily-meeting-ended-delay',
    arg: '<s>',
    summary: "seconds between a Daily call's last leave and its meeting.ended webhook (Daily: up to 20)",
    default: '10',
    kind: integer(0, 3600),
    apply: (v, t) => (t.options.dailyMeetingEndedDelaySeconds = v),
  }),
  row({
    name: 'daily-token-validate',
    arg: '<shape>',
    summary:
      "what GET /v1/meeting-tokens/{token} answers for a valid token: long (its properties by their long names) or claims (the token's payload as signed, abbreviated claims); Daily's answer is not recorded",
    default: 'long',
    kind: oneOf(TOKEN_VALIDATE_SHAPES),
    apply: (v, t) => (t.options.dailyTokenValidate = v),
  }),
  row({
    name: 'daily-presence-hidden',
    summary: 'Daily presence also lists participants with hasPresence false (Daily hides them)',
    default: 'off',
    kind: BOOLEAN,
    apply: switchOn((t) => (t.options.dailyPresenceHidden = true)),
  }),
  row({
    name: 'sonoran-rate-limit',
    summary: "switch on Sonoran Radio's rate limits in every namespace",
    default: 'off',
    kind: BOOLEAN,
    apply: switchOn((t) => (t.options.sonoranRateLimit = true)),
  }),
  row({
    name: 'self-check',
    summary: 'check every answer against its own contract; a violation becomes a loud 500 (development)',
    default: 'off',
    kind: BOOLEAN,
    apply: switchOn((t) => (t.options.selfCheck = true)),
  }),
  row({
    name: 'proxy',
    multiple: true,
    arg: '<api>=<url>',
    summary:
      "forward an API's requests to its real upstream (daily=https://api.daily.co/v1, sonoran=https://api.sonoranradio.com), checking both sides against the contracts; repeat for both",
    env: 'PERM_MOCK_PROXY',
    kind: PROXY,
    apply: (v, t) => (t.options.proxy = { ...t.options.proxy, ...v }),
  }),
  row({
    name: 'proxy-timeout',
    arg: '<ms>',
    summary: "how long the proxy waits for an upstream's answer before it answers with the API's own 5xx",
    default: '30000',
    kind: integer(100, 600_000),
    apply: (v, t) => (t.options.proxyTimeoutMs = v),
  }),
  row({
    name: 'record',
    arg: '<dir>',
    summary:
      'with --proxy, write each exchange there as a redacted recording (API keys and tokens are never written); check them with perm-mock drift',
    isPath: true,
    kind: text(),
    apply: (v, t) => (t.options.record = v),
  }),
  row({
    name: 'report',
    arg: '<file>',
    summary:
      "write the run's verdicts here at shutdown: .xml JUnit, .md Markdown, else JSON (also live at GET /__admin/report)",
    isPath: true,
    kind: text(),
    apply: (v, t) => (t.options.report = v),
  }),
  row({
    name: 'report-format',
    arg: '<format>',
    summary: `${REPORT_FORMATS.join('|')}: the report's format, whatever the file's extension`,
    default: 'by extension',
    kind: oneOf(REPORT_FORMATS),
    apply: (v, t) => (t.options.reportFormat = v),
  }),
  row({
    name: 'fail-on',
    arg: '<what>',
    summary: `${FAIL_ON.join('|')}: exit 3 at shutdown when a request broke its contract (violations) or also earned a warning (warnings)`,
    default: 'never',
    kind: oneOf(FAIL_ON),
    apply: (v, t) => (t.options.failOn = v),
  }),
  row({
    name: 'log-level',
    arg: '<level>',
    summary: LOG_LEVELS.join('|'),
    default: 'info',
    kind: oneOf(LOG_LEVELS),
    apply: (v, t) => (t.logLevel = v),
  }),
  row({
    name: 'log-format',
    arg: '<format>',
    summary: `${LOG_FORMATS.join('|')}: auto is pretty in a terminal, JSON lines elsewhere (the banner then goes to stderr)`,
    default: 'auto',
    kind: oneOf(LOG_FORMATS),
    apply: (v, t) => (t.logFormat = v),
  }),
  {
    name: CONFIG_FLAG,
    type: 'string',
    arg: '<file.json>',
    summary: `read settings from this file (default: ./${CONFIG_FILE} when it exists); flags and variables win over it`,
    env: 'PERM_MOCK_CONFIG',
  },
  { name: 'help', short: 'h', type: 'boolean', summary: 'show this help and exit' },
  { name: 'version', short: 'v', type: 'boolean', summary: 'print the version and exit' },
];

type ParseArgsOption = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

/** The table as parseArgs wants it. */
export function parseArgsOptions(): Record<string, ParseArgsOption> {
  const options: Record<string, ParseArgsOption> = {};
  for (const f of FLAGS) {
    options[f.name] = {
      type: f.type,
      ...(f.short !== undefined && { short: f.short }),
      ...(f.multiple === true && { multiple: true }),
    };
  }
  return options;
}

export type FlagValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
type Env = Readonly<Record<string, string | undefined>>;

/** A config file's settings, already valid against the config schema, by config key. */
export interface ConfigSettings {
  readonly path: string;
  readonly values: Readonly<Record<string, unknown>>;
}

function relativeTo(configPath: string, value: string): string {
  return isAbsolute(value) ? value : join(dirname(configPath), value);
}

/** Flags, then variables, then the config file: the settings the command runs with. */
export function resolveSettings(values: FlagValues, env: Env, config: ConfigSettings | undefined): Settings {
  const target: Target = { options: {}, logLevel: 'info', logFormat: 'auto' };
  let adminTokenFrom: Settings['adminTokenFrom'];
  for (const f of FLAGS) {
    if (f.set === undefined) continue;
    const given = values[f.name];
    let value: unknown;
    let from: 'flag' | 'env' | 'config' | undefined;
    if (Array.isArray(given)) {
      const texts = given.filter((x): x is string => typeof x === 'string');
      const parts = texts.map((t) => f.set?.fromText({ value: t, from: `--${f.name}` }));
      // A repeated flag adds up: lists are joined, pairs (`--proxy daily=… --proxy sonoran=…`) merged.
      value = parts.every(Array.isArray) ? parts.flat() : Object.assign({}, ...parts);
      from = 'flag';
    } else if (typeof given === 'string') {
      value = f.set.fromText({ value: given, from: `--${f.name}` });
      from = 'flag';
    } else if (given === true) {
      value = true;
      from = 'flag';
    } else if (f.env !== undefined && (env[f.env] ?? '') !== '') {
      value = f.set.fromText({ value: env[f.env] ?? '', from: f.env });
      from = 'env';
    } else if (config !== undefined && f.configKey !== undefined && Object.hasOwn(config.values, f.configKey)) {
      value = f.set.fromConfig(config.values[f.configKey], `${config.path}: ${f.configKey}`);
      if (f.set.isPath && typeof value === 'string') value = relativeTo(config.path, value);
      from = 'config';
    }
    if (from === undefined) continue;
    f.set.apply(value, target);
    if (f.name === 'admin-token') adminTokenFrom = from;
  }
  return {
    options: target.options,
    logLevel: target.logLevel,
    logFormat: target.logFormat,
    ...(adminTokenFrom !== undefined && { adminTokenFrom }),
  };
}

/** The JSON Schema of perm-mock.json, from the table (shipped with the package, so editors complete it). */
export function configSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    $schema: { type: 'string', description: 'the path or URL of this schema, for editors' },
  };
  for (const f of FLAGS) {
    if (f.configKey === undefined || f.set === undefined) continue;
    properties[f.configKey] = {
      description: `${f.summary} (--${f.name}${f.env === undefined ? '' : `, ${f.env}`}${f.default === undefined ? '' : `; default ${f.default}`})`,
      ...f.set.schema,
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:perm-mock:config',
    title: 'perm-mock.json: settings of the perm-mock command',
    description:
      'Any setting a flag holds, by the camelCase of its name. Flags and PERM_MOCK_* variables win over this file; paths are relative to it.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

/** One flag's lines in --help: the flag and its summary, then its variable and default, aligned. */
export function helpLines(width = 30): string[] {
  return FLAGS.flatMap((f) => {
    const head = `${f.short === undefined ? '    ' : `-${f.short}, `}--${f.name}${f.arg === undefined ? '' : ` ${f.arg}`}`;
    const first =
      head.length < width ? `  ${head.padEnd(width)}${f.summary}` : `  ${head}\n  ${''.padEnd(width)}${f.summary}`;
    const details = [
      f.env === undefined ? '' : `env ${f.env}`,
      f.configKey === undefined ? '' : `config "${f.configKey}"`,
      f.default === undefined ? '' : `default ${f.default}`,
    ]
      .filter((part) => part !== '')
      .join(', ');
    return details === '' ? [first] : [first, `  ${''.padEnd(width)}(${details})`];
  });
}

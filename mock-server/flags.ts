/**
 * The command's flags as one table: parseArgs' options, `--help`, and the generated flag reference
 * (docs/reference/flags.md) all come from these rows, so none of them can drift from the others.
 */
import { DEFAULT_HOST, DEFAULT_PORT } from './server';
import { LOG_FORMATS, LOG_LEVELS } from './logging';

export interface Flag {
  readonly name: string;
  readonly short?: string;
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** The value's placeholder in the help, e.g. `<n>`. */
  readonly arg?: string;
  readonly summary: string;
  /** The environment variable that sets it (a flag wins over its variable); none for --help, --version. */
  readonly env?: string;
  readonly default?: string;
}

const env = (name: string): string => `PERM_MOCK_${name.toUpperCase().replace(/-/g, '_')}`;

function flag(row: Omit<Flag, 'env'> & { env?: string | false }): Flag {
  const { env: variable, ...rest } = row;
  return variable === false ? rest : { ...rest, env: variable ?? env(row.name) };
}

export const FLAGS: readonly Flag[] = [
  flag({
    name: 'port',
    short: 'p',
    type: 'string',
    arg: '<n>',
    summary: 'port to listen on; 0 picks a free one',
    default: String(DEFAULT_PORT),
  }),
  flag({
    name: 'host',
    type: 'string',
    arg: '<address>',
    summary: 'address to bind (beyond loopback needs --admin-token)',
    default: DEFAULT_HOST,
  }),
  flag({ name: 'seed', type: 'string', arg: '<n>', summary: 'seed of the generated default world', default: '1' }),
  flag({
    name: 'world',
    type: 'string',
    arg: '<file.json>',
    summary: 'start from this state instead (the format of GET /__admin/state)',
  }),
  flag({
    name: 'strict',
    type: 'boolean',
    summary: 'refuse requests naming unknown participants, members or channels',
    default: 'off',
  }),
  flag({
    name: 'daily-api-key',
    type: 'string',
    multiple: true,
    arg: '<key>',
    summary: "a Daily API key to accept, replacing the world's; repeat for several (the variable is comma-separated)",
    env: 'PERM_MOCK_DAILY_API_KEYS',
    default: "the world's key",
  }),
  flag({
    name: 'daily-success-body',
    type: 'string',
    arg: '<json>',
    summary: "body of update-permissions' 200 (undocumented upstream)",
    default: '{}',
  }),
  flag({
    name: 'journal-limit',
    type: 'string',
    arg: '<n>',
    summary: 'requests kept in the journal of each namespace',
    default: '1000',
  }),
  flag({
    name: 'body-limit',
    type: 'string',
    arg: '<size>',
    summary: 'largest request body: bytes, or 512kb, 2mb',
    default: '1mb',
  }),
  flag({
    name: 'max-participants',
    type: 'string',
    arg: '<n>',
    summary: 'most live participants in one Daily room',
    default: '100000',
  }),
  flag({
    name: 'max-members',
    type: 'string',
    arg: '<n>',
    summary: 'most members in one Sonoran Radio community',
    default: '100000',
  }),
  flag({
    name: 'admin-token',
    type: 'string',
    arg: '<token>',
    summary: 'required on control-API calls; needed to bind beyond loopback',
  }),
  flag({
    name: 'state-file',
    type: 'string',
    arg: '<file>',
    summary: 'keep the state in this file across restarts (written before a change is acknowledged)',
  }),
  flag({
    name: 'namespace-ttl',
    type: 'string',
    arg: '<s>',
    summary: 'delete a namespace idle this long; 0 keeps them',
    default: '900',
  }),
  flag({
    name: 'max-namespaces',
    type: 'string',
    arg: '<n>',
    summary: 'most namespaces besides default',
    default: '1000',
  }),
  flag({
    name: 'namespace-start',
    type: 'string',
    arg: '<how>',
    summary: 'world|empty: what a new namespace starts from',
    default: 'world',
  }),
  flag({
    name: 'daily-rate-limit',
    type: 'boolean',
    summary: "switch on Daily's documented rate limits in every namespace",
    default: 'off',
  }),
  flag({
    name: 'daily-webhook-timeout',
    type: 'string',
    arg: '<ms>',
    summary: 'how long a Daily webhook URL has to answer a delivery or the verification request',
    default: '5000',
  }),
  flag({
    name: 'daily-meeting-ended-delay',
    type: 'string',
    arg: '<s>',
    summary: "seconds between a Daily call's last leave and its meeting.ended webhook (Daily: up to 20)",
    default: '10',
  }),
  flag({
    name: 'daily-presence-hidden',
    type: 'boolean',
    summary: 'Daily presence also lists participants with hasPresence false (Daily hides them)',
    default: 'off',
  }),
  flag({
    name: 'sonoran-rate-limit',
    type: 'boolean',
    summary: "switch on Sonoran Radio's rate limits in every namespace",
    default: 'off',
  }),
  flag({
    name: 'self-check',
    type: 'boolean',
    summary: 'check every answer against its own contract; a violation becomes a loud 500 (development)',
    default: 'off',
  }),
  flag({ name: 'log-level', type: 'string', arg: '<level>', summary: LOG_LEVELS.join('|'), default: 'info' }),
  flag({
    name: 'log-format',
    type: 'string',
    arg: '<format>',
    summary: `${LOG_FORMATS.join('|')}: auto is pretty in a terminal, JSON lines elsewhere`,
    default: 'auto',
  }),
  flag({ name: 'help', short: 'h', type: 'boolean', summary: 'show this help and exit', env: false }),
  flag({ name: 'version', short: 'v', type: 'boolean', summary: 'print the version and exit', env: false }),
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

/** One flag's lines in --help: the flag and its summary, then its variable and default, aligned. */
export function helpLines(width = 30): string[] {
  return FLAGS.flatMap((f) => {
    const head = `${f.short === undefined ? '    ' : `-${f.short}, `}--${f.name}${f.arg === undefined ? '' : ` ${f.arg}`}`;
    const first =
      head.length < width ? `  ${head.padEnd(width)}${f.summary}` : `  ${head}\n  ${''.padEnd(width)}${f.summary}`;
    const details = [f.env === undefined ? '' : `env ${f.env}`, f.default === undefined ? '' : `default ${f.default}`]
      .filter((part) => part !== '')
      .join(', ');
    return details === '' ? [first] : [first, `  ${''.padEnd(width)}(${details})`];
  });
}

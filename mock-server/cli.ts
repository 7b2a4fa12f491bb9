#!/usr/bin/env node
/**
 * The perm-mock command: flags and environment variables → startServer. Every flag has an
 * environment variable; a flag wins over its variable, and both over the default.
 */
import { parseArgs } from 'node:util';
import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

import { renderBanner } from './banner';
import { WorldFileError, type MockOptions } from './options';
import { StateFileError } from './persistence';
import {
  AdminTokenRequiredError,
  DEFAULT_HOST,
  DEFAULT_PORT,
  startServer,
  type RunningMock,
  type ServerOptions,
} from './server';
import { VERSION } from './version';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ['pretty', 'json'] as const;
type LogFormat = (typeof LOG_FORMATS)[number];

export const HELP = `perm-mock ${VERSION}: a stateful mock of Daily's and Sonoran Radio's permission-update APIs

Usage: perm-mock [options]

Options (each also read from the environment variable shown; a flag wins over its variable):
  -p, --port <n>               port to listen on; 0 picks a free one        PERM_MOCK_PORT      (default ${DEFAULT_PORT})
      --host <address>         address to bind                              PERM_MOCK_HOST      (default ${DEFAULT_HOST})
      --seed <n>               seed of the generated default world          PERM_MOCK_SEED      (default 1)
      --world <file.json>      start from this state instead (the format of
                               GET /__admin/state)                          PERM_MOCK_WORLD
      --strict                 refuse requests naming unknown participants  PERM_MOCK_STRICT    (default off)
      --daily-api-key <key>    accepted Daily API key; repeat for several   PERM_MOCK_DAILY_API_KEYS (comma-separated;
                               (replaces the world's generated key)                            default: the world's key)
      --daily-success-body <json>  body of Daily's 200 answer               PERM_MOCK_DAILY_SUCCESS_BODY (default {})
      --journal-limit <n>      requests kept in the journal                 PERM_MOCK_JOURNAL_LIMIT (default 1000)
      --body-limit <size>      largest request body: bytes, or 512kb, 2mb    PERM_MOCK_BODY_LIMIT (default 1mb)
      --max-participants <n>   most participants in one Daily room          PERM_MOCK_MAX_PARTICIPANTS (default 100000)
      --max-members <n>        most members in one Sonoran community        PERM_MOCK_MAX_MEMBERS (default 100000)
      --admin-token <token>    required on control-API calls; needed to     PERM_MOCK_ADMIN_TOKEN
                               bind beyond 127.0.0.1
      --state-file <file>      keep the state in this file across restarts  PERM_MOCK_STATE_FILE
      --namespace-ttl <s>      delete a namespace idle this long; 0 = never PERM_MOCK_NAMESPACE_TTL (default 900)
      --max-namespaces <n>     most namespaces besides default              PERM_MOCK_MAX_NAMESPACES (default 1000)
      --namespace-start <how>  world|empty: what a new namespace starts from PERM_MOCK_NAMESPACE_START (default world)
      --daily-rate-limit       Daily's documented limit (20/s, 100 per 5 s) PERM_MOCK_DAILY_RATE_LIMIT (default off)
      --sonoran-rate-limit     a Sonoran limit of 4 a minute (v2's)          PERM_MOCK_SONORAN_RATE_LIMIT (default off)
      --log-level <level>      ${LOG_LEVELS.join('|')}   PERM_MOCK_LOG_LEVEL (default info)
      --log-format <format>    pretty|json                                  PERM_MOCK_LOG_FORMAT (default pretty)
  -h, --help                   show this help and exit
  -v, --version                print the version and exit

Examples:
  perm-mock                                  # port 4400, seeded default world, prints a curl to try
  perm-mock --port 0 --strict                # any free port, unknown participants refused
  PERM_MOCK_DAILY_API_KEYS=k1,k2 perm-mock   # accept two Daily API keys

Control API: http://<host>:<port>/__admin (health, state, reset, daily/rooms/{name}); see the README.
`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliRun {
  readonly kind: 'run';
  readonly options: ServerOptions;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
}
export type CliCommand = { readonly kind: 'help' } | { readonly kind: 'version' } | CliRun;

type Env = Readonly<Record<string, string | undefined>>;

function pick(flag: string | undefined, env: Env, name: string): { value: string; from: string } | undefined {
  if (flag !== undefined) return { value: flag, from: `--${name}` };
  const variable = `PERM_MOCK_${name.toUpperCase().replace(/-/g, '_')}`;
  const value = env[variable];
  return value === undefined || value === '' ? undefined : { value, from: variable };
}

function integer(source: { value: string; from: string }, min: number, max: number): number {
  const n = Number(source.value);
  if (!/^\d+$/.test(source.value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${source.from} must be a whole number from ${min} to ${max} (got "${source.value}")`);
  }
  return n;
}

function flagBool(flag: boolean | undefined, env: Env, name: string): boolean {
  if (flag !== undefined) return flag;
  const variable = `PERM_MOCK_${name.toUpperCase().replace(/-/g, '_')}`;
  const raw = env[variable]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return false;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new UsageError(`${variable} must be true or false (got "${env[variable] ?? ''}")`);
}

function oneOf<T extends string>(
  source: { value: string; from: string } | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (source === undefined) return fallback;
  if ((allowed as readonly string[]).includes(source.value)) return source.value as T;
  throw new UsageError(`${source.from} must be one of ${allowed.join(', ')} (got "${source.value}")`);
}

/** `1048576`, `512kb`, `2mb` → bytes. */
export function parseSize(source: { value: string; from: string }): number {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(source.value.trim());
  const unit = match?.[2]?.toLowerCase() ?? 'b';
  const bytes = match === null ? NaN : Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new UsageError(`${source.from} must be a size such as 1048576, 512kb or 2mb (got "${source.value}")`);
  }
  return bytes;
}

/** Every flag of the command (tests keep --help and the README in step with this list). */
export const CLI_OPTIONS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  seed: { type: 'string' },
  world: { type: 'string' },
  strict: { type: 'boolean' },
  'daily-api-key': { type: 'string', multiple: true },
  'daily-success-body': { type: 'string' },
  'journal-limit': { type: 'string' },
  'body-limit': { type: 'string' },
  'max-participants': { type: 'string' },
  'max-members': { type: 'string' },
  'admin-token': { type: 'string' },
  'state-file': { type: 'string' },
  'namespace-ttl': { type: 'string' },
  'max-namespaces': { type: 'string' },
  'namespace-start': { type: 'string' },
  'daily-rate-limit': { type: 'boolean' },
  'sonoran-rate-limit': { type: 'boolean' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The environment variable of a flag (none for --help and --version). */
export function envVariableOf(flag: string): string | undefined {
  if (flag === 'help' || flag === 'version') return undefined;
  if (flag === 'daily-api-key') return 'PERM_MOCK_DAILY_API_KEYS';
  return `PERM_MOCK_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** Flags and environment → what to do. Pure except for reading a --world file; throws UsageError. */
export function parseCommandLine(argv: readonly string[], env: Env): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: CLI_OPTIONS,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help === true) return { kind: 'help' };
  if (v.version === true) return { kind: 'version' };

  const options: { -readonly [K in keyof ServerOptions]: ServerOptions[K] } = {};
  const port = pick(v.port, env, 'port');
  if (port !== undefined) options.port = integer(port, 0, 65535);
  const host = pick(v.host, env, 'host');
  if (host !== undefined) options.host = host.value;
  const seed = pick(v.seed, env, 'seed');
  if (seed !== undefined) options.seed = integer(seed, 0, 2 ** 32 - 1);
  const world = pick(v.world, env, 'world');
  if (world !== undefined) options.worldFile = world.value;
  options.strict = flagBool(v.strict, env, 'strict');

  const keyFlags = v['daily-api-key'];
  const keyEnv = env.PERM_MOCK_DAILY_API_KEYS;
  const keys = keyFlags ?? (keyEnv === undefined || keyEnv === '' ? undefined : keyEnv.split(',').map((k) => k.trim()));
  if (keys !== undefined) {
    if (keys.some((k) => k === '' || /\s/.test(k))) {
      throw new UsageError(
        'Daily API keys must be non-empty and contain no spaces (--daily-api-key / PERM_MOCK_DAILY_API_KEYS)',
      );
    }
    options.dailyApiKeys = keys;
  }
  const successBody = pick(v['daily-success-body'], env, 'daily-success-body');
  if (successBody !== undefined) options.dailySuccessBody = jsonObject(successBody);
  const journalLimit = pick(v['journal-limit'], env, 'journal-limit');
  if (journalLimit !== undefined) options.journalLimit = integer(journalLimit, 0, 1_000_000);
  const bodyLimit = pick(v['body-limit'], env, 'body-limit');
  if (bodyLimit !== undefined) options.bodyLimit = parseSize(bodyLimit);
  const maxParticipants = pick(v['max-participants'], env, 'max-participants');
  if (maxParticipants !== undefined) options.maxParticipantsPerRoom = integer(maxParticipants, 1, 10_000_000);
  const maxMembers = pick(v['max-members'], env, 'max-members');
  if (maxMembers !== undefined) options.maxMembersPerCommunity = integer(maxMembers, 1, 10_000_000);
  const adminToken = pick(v['admin-token'], env, 'admin-token');
  if (adminToken !== undefined) {
    if (/\s/.test(adminToken.value)) throw new UsageError(`${adminToken.from} must not contain spaces`);
    options.adminToken = adminToken.value;
  }
  const stateFile = pick(v['state-file'], env, 'state-file');
  if (stateFile !== undefined) options.stateFile = stateFile.value;
  const ttl = pick(v['namespace-ttl'], env, 'namespace-ttl');
  if (ttl !== undefined) options.namespaceTtlSeconds = integer(ttl, 0, 31_536_000);
  const maxNamespaces = pick(v['max-namespaces'], env, 'max-namespaces');
  if (maxNamespaces !== undefined) options.maxNamespaces = integer(maxNamespaces, 0, 100_000);
  const start = pick(v['namespace-start'], env, 'namespace-start');
  if (start !== undefined) options.namespaceStart = oneOf(start, ['world', 'empty'] as const, 'world');
  if (flagBool(v['daily-rate-limit'], env, 'daily-rate-limit')) options.dailyRateLimit = true;
  if (flagBool(v['sonoran-rate-limit'], env, 'sonoran-rate-limit')) options.sonoranRateLimit = true;

  return {
    kind: 'run',
    options,
    logLevel: oneOf(pick(v['log-level'], env, 'log-level'), LOG_LEVELS, 'info'),
    logFormat: oneOf(pick(v['log-format'], env, 'log-format'), LOG_FORMATS, 'pretty'),
  };
}

function jsonObject(source: { value: string; from: string }): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(source.value);
  } catch {
    throw new UsageError(`${source.from} must be a JSON object such as '{}' (got "${source.value}")`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${source.from} must be a JSON object such as '{}' (got "${source.value}")`);
  }
  return value as Record<string, unknown>;
}

function createLogger(level: LogLevel, format: LogFormat): Logger {
  if (format === 'json') return pino({ level, base: undefined });
  const pretty = pinoPretty({
    sync: true,
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return pino({ level, base: undefined }, pretty);
}

export async function main(argv: readonly string[], env: Env): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCommandLine(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`perm-mock: ${error.message}\nRun 'perm-mock --help' for the options.\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }

  const logger = createLogger(command.logLevel, command.logFormat);
  let running: RunningMock;
  try {
    running = await startServer({ ...command.options, logger } satisfies MockOptions);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const port = command.options.port ?? DEFAULT_PORT;
    const host = command.options.host ?? DEFAULT_HOST;
    if (error instanceof AdminTokenRequiredError) {
      process.stderr.write(`perm-mock: ${error.message}\n`);
      return 2;
    }
    if (error instanceof WorldFileError) {
      process.stderr.write(`perm-mock: ${error.message}\n`);
      return 2;
    }
    if (error instanceof StateFileError) {
      process.stderr.write(`perm-mock: ${error.message}\n`);
      return 1;
    }
    if (code === 'EADDRINUSE') {
      process.stderr.write(
        `perm-mock: port ${port} on ${host} is already in use; choose another with --port or PERM_MOCK_PORT (0 picks a free port)\n`,
      );
    } else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      process.stderr.write(
        `perm-mock: cannot bind to ${host}: it is not an address of this machine; check --host or PERM_MOCK_HOST\n`,
      );
    } else {
      process.stderr.write(`perm-mock: could not start: ${(error as Error).message}\n`);
    }
    return 1;
  }

  process.stdout.write(
    renderBanner({
      url: running.url,
      version: VERSION,
      world: running.state(),
      strict: running.config.strict,
      seed: running.config.seed,
      adminToken: running.config.adminToken !== undefined,
      stateFile: running.config.stateFile,
    }),
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn(`${signal} again: exiting without waiting for in-flight requests`);
        resolve(1);
        return;
      }
      stopping = true;
      logger.info(`${signal} received: finishing in-flight requests, then exiting`);
      void running.close().then(() => {
        logger.info('stopped');
        resolve(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`perm-mock: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

#!/usr/bin/env node
/**
 * The perm-mock command: flags and environment variables → startServer. Every flag has an
 * environment variable; a flag wins over its variable, and both over the default.
 */
import { parseArgs } from 'node:util';
import { operationsOf, SURFACES } from '../contracts/operations';
import { renderBanner } from './banner';
import { FLAGS, helpLines, parseArgsOptions } from './flags';
import { createCommandLogger, LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './logging';
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

/** Every operation served, one line each, from the operation table. */
function operationLines(): string[] {
  const lines: string[] = [];
  for (const surface of SURFACES.values()) {
    if (operationsOf(surface.id).length === 0) continue;
    lines.push(`  ${surface.title}`);
    for (const op of operationsOf(surface.id)) lines.push(`    ${op.method.padEnd(6)} ${op.path}`);
  }
  return lines;
}

export const HELP = [
  `perm-mock ${VERSION}: a stateful mock of Daily's and Sonoran Radio's permission APIs, and a contract harness`,
  '',
  'Usage: perm-mock [options]',
  '',
  'Options (each also read from the environment variable shown; a flag wins over its variable):',
  ...helpLines(),
  '',
  'Examples:',
  '  perm-mock                                  # port 4400, seeded default world, prints a curl to try',
  '  perm-mock --port 0 --strict                # any free port, unknown participants refused',
  '  PERM_MOCK_DAILY_API_KEYS=k1,k2 perm-mock   # accept two Daily API keys',
  '',
  'Operations served (GET /__admin/openapi.json has their contracts):',
  ...operationLines(),
  '',
].join('\n');

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

/** Every flag of the command, for parseArgs (the table is mock-server/flags.ts). */
export const CLI_OPTIONS = parseArgsOptions();

/** The environment variable of a flag (none for --help and --version). */
export function envVariableOf(flag: string): string | undefined {
  return FLAGS.find((f) => f.name === flag)?.env;
}

type Values = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

function str(v: Values, name: string): string | undefined {
  const value = v[name];
  return typeof value === 'string' ? value : undefined;
}

function bool(v: Values, name: string): boolean | undefined {
  const value = v[name];
  return typeof value === 'boolean' ? value : undefined;
}

function strings(v: Values, name: string): string[] | undefined {
  const value = v[name];
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : undefined;
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
  const v: Values = parsed.values;
  if (bool(v, 'help') === true) return { kind: 'help' };
  if (bool(v, 'version') === true) return { kind: 'version' };

  const options: { -readonly [K in keyof ServerOptions]: ServerOptions[K] } = {};
  const port = pick(str(v, 'port'), env, 'port');
  if (port !== undefined) options.port = integer(port, 0, 65535);
  const host = pick(str(v, 'host'), env, 'host');
  if (host !== undefined) options.host = host.value;
  const seed = pick(str(v, 'seed'), env, 'seed');
  if (seed !== undefined) options.seed = integer(seed, 0, 2 ** 32 - 1);
  const world = pick(str(v, 'world'), env, 'world');
  if (world !== undefined) options.worldFile = world.value;
  options.strict = flagBool(bool(v, 'strict'), env, 'strict');

  const keyFlags = strings(v, 'daily-api-key');
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
  const successBody = pick(str(v, 'daily-success-body'), env, 'daily-success-body');
  if (successBody !== undefined) options.dailySuccessBody = jsonObject(successBody);
  const journalLimit = pick(str(v, 'journal-limit'), env, 'journal-limit');
  if (journalLimit !== undefined) options.journalLimit = integer(journalLimit, 0, 1_000_000);
  const bodyLimit = pick(str(v, 'body-limit'), env, 'body-limit');
  if (bodyLimit !== undefined) options.bodyLimit = parseSize(bodyLimit);
  const maxParticipants = pick(str(v, 'max-participants'), env, 'max-participants');
  if (maxParticipants !== undefined) options.maxParticipantsPerRoom = integer(maxParticipants, 1, 10_000_000);
  const maxMembers = pick(str(v, 'max-members'), env, 'max-members');
  if (maxMembers !== undefined) options.maxMembersPerCommunity = integer(maxMembers, 1, 10_000_000);
  const adminToken = pick(str(v, 'admin-token'), env, 'admin-token');
  if (adminToken !== undefined) {
    if (/\s/.test(adminToken.value)) throw new UsageError(`${adminToken.from} must not contain spaces`);
    options.adminToken = adminToken.value;
  }
  const stateFile = pick(str(v, 'state-file'), env, 'state-file');
  if (stateFile !== undefined) options.stateFile = stateFile.value;
  const ttl = pick(str(v, 'namespace-ttl'), env, 'namespace-ttl');
  if (ttl !== undefined) options.namespaceTtlSeconds = integer(ttl, 0, 31_536_000);
  const maxNamespaces = pick(str(v, 'max-namespaces'), env, 'max-namespaces');
  if (maxNamespaces !== undefined) options.maxNamespaces = integer(maxNamespaces, 0, 100_000);
  const start = pick(str(v, 'namespace-start'), env, 'namespace-start');
  if (start !== undefined) options.namespaceStart = oneOf(start, ['world', 'empty'] as const, 'world');
  if (flagBool(bool(v, 'daily-rate-limit'), env, 'daily-rate-limit')) options.dailyRateLimit = true;
  const webhookTimeout = pick(str(v, 'daily-webhook-timeout'), env, 'daily-webhook-timeout');
  if (webhookTimeout !== undefined) options.dailyWebhookTimeoutMs = integer(webhookTimeout, 1, 600_000);
  const endedDelay = pick(str(v, 'daily-meeting-ended-delay'), env, 'daily-meeting-ended-delay');
  if (endedDelay !== undefined) options.dailyMeetingEndedDelaySeconds = integer(endedDelay, 0, 3600);
  if (flagBool(bool(v, 'daily-presence-hidden'), env, 'daily-presence-hidden')) options.dailyPresenceHidden = true;
  if (flagBool(bool(v, 'sonoran-rate-limit'), env, 'sonoran-rate-limit')) options.sonoranRateLimit = true;
  if (flagBool(bool(v, 'self-check'), env, 'self-check')) options.selfCheck = true;

  return {
    kind: 'run',
    options,
    logLevel: oneOf(pick(str(v, 'log-level'), env, 'log-level'), LOG_LEVELS, 'info'),
    logFormat: oneOf(pick(str(v, 'log-format'), env, 'log-format'), LOG_FORMATS, 'auto'),
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

  const commandLog = createCommandLogger(command.logLevel, command.logFormat, process.stdout.isTTY === true);
  const { logger } = commandLog;
  const closeLog = (): Promise<void> => commandLog.close();
  // Signals are handled from the very start: one that arrives while the mock is still starting
  // stops it as soon as it is up, instead of killing it half-started.
  let stopSignal: NodeJS.Signals | undefined;
  let onSignal = (signal: NodeJS.Signals): void => {
    stopSignal ??= signal;
  };
  const handler = (signal: NodeJS.Signals): void => onSignal(signal);
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);

  let running: RunningMock;
  try {
    running = await startServer({ ...command.options, logger } satisfies MockOptions);
  } catch (error) {
    await closeLog();
    return startFailure(error, command.options);
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

  const code = await new Promise<number>((resolve) => {
    let stopping = false;
    onSignal = (signal) => {
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
    if (stopSignal !== undefined) onSignal(stopSignal);
  });
  await closeLog();
  return code;
}

/** Why the mock could not start, said so that the user knows what to change; the exit code. */
function startFailure(error: unknown, options: ServerOptions): number {
  const code = (error as NodeJS.ErrnoException).code;
  const port = options.port ?? DEFAULT_PORT;
  const host = options.host ?? DEFAULT_HOST;
  if (error instanceof AdminTokenRequiredError || error instanceof WorldFileError) {
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

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`perm-mock: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

#!/usr/bin/env node
/**
 * The perm-mock command: flags and environment variables → startServer. Every flag has an
 * environment variable; a flag wins over its variable, and both over the default.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { getContractRegistry } from '../contracts/registry';
import { checkDrift, formatDrift } from '../contracts/scenarios/drift';
import { loadRecordings } from '../contracts/scenarios/recordings';
import { mockTarget } from '../contracts/scenarios/targets';
import { operationsOf, SURFACES } from '../contracts/operations';
import { renderBanner } from './banner';
import { someOf } from './banner/shell';
import { CONFIG_SCHEMA_FILE, CONFIG_SCHEMA_ID } from './config-schema';
import {
  CONFIG_FILE,
  CONFIG_FLAG,
  FLAGS,
  helpLines,
  parseArgsOptions,
  resolveSettings,
  UsageError,
  type ConfigSettings,
  type FlagValues,
  type Settings,
} from './flags';
import { createCommandLogger } from './logging';
import { fails } from './report/render';
import { WorldFileError, type MockOptions } from './options';
import type { World } from './world';
import { StateFileError } from './persistence';
import {
  AdminTokenRequiredError,
  AdminTokenTooShortError,
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
  '       perm-mock drift [dir]   check recordings (default fixtures/recordings) against the contracts and the mock',
  '',
  'Options (each also read from the environment variable shown; a flag wins over its variable):',
  ...helpLines(),
  '',
  'Examples:',
  '  perm-mock                                  # port 4400, seeded default world, prints a curl to try',
  '  perm-mock --port 0 --strict                # any free port, unknown participants refused',
  '  PERM_MOCK_DAILY_API_KEYS=k1,k2 perm-mock   # accept two Daily API keys',
  '  perm-mock --report report.xml --fail-on violations',
  '                                             # CI: a JUnit verdict report; exit 3 if the client broke a contract',
  '  perm-mock --proxy daily=https://api.daily.co/v1 --record recordings/',
  "                                             # check the real API's answers too, and record them",
  '  perm-mock drift recordings/                # do recordings still match the contracts and the mock?',
  '',
  'Operations served (GET /__admin/openapi.json has their contracts):',
  ...operationLines(),
  '',
].join('\n');

export { parseSize, UsageError } from './flags';

export interface CliRun extends Settings {
  readonly kind: 'run';
  /** The config file the settings were read from, if any. */
  readonly configFile?: string;
}
/** `perm-mock drift [dir]`: check recordings against the contracts and the mock. */
export interface CliDrift {
  readonly kind: 'drift';
  readonly dir: string;
}
export type CliCommand = { readonly kind: 'help' } | { readonly kind: 'version' } | CliRun | CliDrift;

type Env = Readonly<Record<string, string | undefined>>;

/** Every flag of the command, for parseArgs (the table is mock-server/flags.ts). */
export const CLI_OPTIONS = parseArgsOptions();

/** The environment variable of a flag (none for --help and --version). */
export function envVariableOf(flag: string): string | undefined {
  return FLAGS.find((f) => f.name === flag)?.env;
}

/** The config file: --config, else PERM_MOCK_CONFIG, else ./perm-mock.json when it exists. */
export function readConfigFile(values: FlagValues, env: Env, cwd: string): ConfigSettings | undefined {
  const flag = values[CONFIG_FLAG];
  const named = typeof flag === 'string' ? flag : env.PERM_MOCK_CONFIG;
  const path = resolve(cwd, named !== undefined && named !== '' ? named : CONFIG_FILE);
  if ((named === undefined || named === '') && !existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
    throw new UsageError(`cannot read the config file ${path} as JSON: ${reason}`);
  }
  const violations = getContractRegistry().validate(CONFIG_SCHEMA_ID, data, 'config');
  if (violations.length > 0) {
    throw new UsageError(
      `${path} is not a perm-mock config file (see ${CONFIG_SCHEMA_FILE}):\n` +
        violations
          .slice(0, 10)
          .map((v) => `  - ${v.text}`)
          .join('\n'),
    );
  }
  return { path, values: data as Record<string, unknown> };
}

/** Flags, environment and config file → what to do. Throws UsageError with what to fix. */
export function parseCommandLine(argv: readonly string[], env: Env, cwd: string = process.cwd()): CliCommand {
  if (argv[0] === 'drift') {
    if (argv.length > 2)
      throw new UsageError('perm-mock drift takes one directory of recordings (default fixtures/recordings)');
    return { kind: 'drift', dir: resolve(cwd, argv[1] ?? join('fixtures', 'recordings')) };
  }
  let values: FlagValues;
  try {
    values = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: CLI_OPTIONS }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  const config = readConfigFile(values, env, cwd);
  return {
    kind: 'run',
    ...resolveSettings(values, env, config),
    ...(config !== undefined && { configFile: config.path }),
  };
}

/**
 * Run the command. `early` holds the signals that arrived before main began (bin.ts catches them
 * from the very start); any of them stops the mock as soon as it is up.
 */
export async function main(argv: readonly string[], env: Env, early: NodeJS.Signals[] = []): Promise<number> {
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
  if (command.kind === 'drift') return drift(command.dir);

  const commandLog = createCommandLogger(command.logLevel, command.logFormat, process.stdout.isTTY === true);
  const { logger } = commandLog;
  const closeLog = (): Promise<void> => commandLog.close();
  // Signals are handled from the very start: one that arrives while the mock is still starting
  // stops it as soon as it is up, instead of killing it half-started.
  let stopSignal: NodeJS.Signals | undefined = early[0];
  let onSignal = (signal: NodeJS.Signals): void => {
    stopSignal ??= signal;
  };
  const handler = (signal: NodeJS.Signals): void => onSignal(signal);
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  logger.debug('starting');

  let running: RunningMock;
  try {
    running = await startServer({ ...command.options, logger } satisfies MockOptions);
  } catch (error) {
    await closeLog();
    return startFailure(error, command.options);
  }

  const world = running.app.mock.state();
  const banner = renderBanner({
    url: running.url,
    version: VERSION,
    world,
    strict: running.config.strict,
    seed: running.config.seed,
    adminToken: adminTokenShown(command),
    stateFile: running.config.stateFile,
  });
  if (commandLog.format === 'json') {
    // Every stdout line stays JSON: the banner goes to stderr, and a structured event says the same to machines.
    process.stderr.write(banner);
    logger.info(startupEvent(running, world), `perm-mock ${VERSION} listening on ${running.url}`);
  } else {
    process.stdout.write(banner);
  }

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
        const report = running.app.mock.report();
        if (fails(report, running.config.failOn)) {
          logger.warn(
            `stopped; --fail-on ${running.config.failOn}: ${report.totals.violations} requests broke their contract, ${report.totals.warnings} earned a warning (exit 3)`,
          );
          resolve(3);
          return;
        }
        logger.info('stopped');
        resolve(0);
      });
    };
    if (stopSignal !== undefined) onSignal(stopSignal);
  });
  await closeLog();
  return code;
}

/**
 * `perm-mock drift <dir>`: every recording checked against its contract, and replayed against a
 * mock started here with the default world when it is of a contract scenario. Exit 0 when none
 * drifted, 1 when one did, 2 when the directory holds no readable recordings.
 */
async function drift(dir: string): Promise<number> {
  let recordings: ReturnType<typeof loadRecordings>;
  try {
    recordings = loadRecordings(dir);
  } catch (error) {
    process.stderr.write(`perm-mock drift: cannot read recordings in ${dir}: ${(error as Error).message}\n`);
    return 2;
  }
  if (recordings.length === 0) {
    process.stderr.write(`perm-mock drift: no recordings in ${dir} (<api>/<scenario>.json files)\n`);
    return 2;
  }
  const mock = await startServer({ port: 0 });
  try {
    const results = await checkDrift(recordings, await mockTarget(mock.url));
    process.stdout.write(formatDrift(results));
    return results.some((r) => r.problems.length > 0) ? 1 : 0;
  } finally {
    await mock.close();
  }
}

/** How the banner's control-API curls pass the admin token so that they work as printed. */
function adminTokenShown(command: CliRun): { value: string; fromEnv: boolean } | undefined {
  const token = command.options.adminToken;
  return token === undefined ? undefined : { value: token, fromEnv: command.adminTokenFrom === 'env' };
}

/** The startup banner as one structured log event (the JSON log format). */
function startupEvent(running: RunningMock, world: World): Record<string, unknown> {
  return {
    event: 'listening',
    url: running.url,
    version: VERSION,
    seed: running.config.seed,
    strict: running.config.strict,
    ...(running.config.stateFile !== undefined && { stateFile: running.config.stateFile }),
    daily: {
      baseUrl: `${running.url}/v1`,
      apiKeys: world.daily.apiKeys,
      // Like the banner, the first few of a large world: the whole state is at GET /__admin/state.
      rooms: someOf(world.daily.rooms).shown.map((room) => ({
        name: room.name,
        participants: someOf(room.participants).shown.map((p) => p.id),
        participantCount: room.participants.length,
      })),
      roomCount: world.daily.rooms.length,
    },
    sonoran: {
      baseUrl: running.url,
      communities: someOf(world.sonoran.communities).shown.map((c) => ({
        id: c.id,
        apiKey: c.apiKey,
        memberCount: c.members.length,
      })),
      communityCount: world.sonoran.communities.length,
    },
    controlApi: `${running.url}/__admin`,
  };
}

/** Why the mock could not start, said so that the user knows what to change; the exit code. */
function startFailure(error: unknown, options: ServerOptions): number {
  const code = (error as NodeJS.ErrnoException).code;
  const port = options.port ?? DEFAULT_PORT;
  const host = options.host ?? DEFAULT_HOST;
  if (
    error instanceof AdminTokenRequiredError ||
    error instanceof AdminTokenTooShortError ||
    error instanceof WorldFileError
  ) {
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

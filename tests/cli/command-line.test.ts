/** Flags and environment variables → options, without starting anything. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { OPERATIONS } from '../../contracts/operations';
import { CLI_OPTIONS, envVariableOf, HELP, parseCommandLine, parseSize, UsageError } from '../../mock-server/cli';

const EMPTY_DIR = mkdtempSync(join(tmpdir(), 'perm-mock-cwd-'));
const FLAG_PAGE = readFileSync(join(__dirname, '..', '..', 'docs', 'reference', 'flags.md'), 'utf8');

describe('parseCommandLine', () => {
  it('uses the defaults when nothing is given', () => {
    expect(parseCommandLine([], {}, EMPTY_DIR)).toEqual({
      kind: 'run',
      options: {},
      logLevel: 'info',
      logFormat: 'auto',
    });
  });

  it('reads every flag', () => {
    const cmd = parseCommandLine(
      [
        '--port',
        '0',
        '--host',
        '0.0.0.0',
        '--seed',
        '42',
        '--strict',
        '--daily-api-key',
        'k1',
        '--daily-api-key',
        'k2',
        '--daily-success-body',
        '{"ok":true}',
        '--journal-limit',
        '5',
        '--body-limit',
        '2kb',
        '--log-level',
        'warn',
        '--log-format',
        'json',
        '--max-participants',
        '50',
        '--max-members',
        '60',
        '--admin-token',
        'a-token-of-16-chars',
        '--state-file',
        '/tmp/state.json',
      ],
      {},
    );
    expect(cmd).toEqual({
      kind: 'run',
      adminTokenFrom: 'flag',
      options: {
        port: 0,
        host: '0.0.0.0',
        seed: 42,
        strict: true,
        dailyApiKeys: ['k1', 'k2'],
        dailySuccessBody: { ok: true },
        journalLimit: 5,
        bodyLimit: 2048,
        maxParticipantsPerRoom: 50,
        maxMembersPerCommunity: 60,
        adminToken: 'a-token-of-16-chars',
        stateFile: '/tmp/state.json',
      },
      logLevel: 'warn',
      logFormat: 'json',
    });
  });

  it('reads every environment variable', () => {
    const cmd = parseCommandLine([], {
      PERM_MOCK_PORT: '4500',
      PERM_MOCK_HOST: '::1',
      PERM_MOCK_SEED: '3',
      PERM_MOCK_STRICT: 'true',
      PERM_MOCK_DAILY_API_KEYS: 'a, b',
      PERM_MOCK_DAILY_SUCCESS_BODY: '{}',
      PERM_MOCK_JOURNAL_LIMIT: '10',
      PERM_MOCK_BODY_LIMIT: '1mb',
      PERM_MOCK_LOG_LEVEL: 'debug',
      PERM_MOCK_LOG_FORMAT: 'json',
    });
    expect(cmd).toEqual({
      kind: 'run',
      options: {
        port: 4500,
        host: '::1',
        seed: 3,
        strict: true,
        dailyApiKeys: ['a', 'b'],
        dailySuccessBody: {},
        journalLimit: 10,
        bodyLimit: 1048576,
      },
      logLevel: 'debug',
      logFormat: 'json',
    });
  });

  it('lets a flag win over its environment variable', () => {
    const cmd = parseCommandLine(['--port', '1234', '--daily-api-key', 'flag'], {
      PERM_MOCK_PORT: '9999',
      PERM_MOCK_DAILY_API_KEYS: 'env',
    });
    expect(cmd).toMatchObject({ options: { port: 1234, dailyApiKeys: ['flag'] } });
  });

  it.each([
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--port', 'abc'], /--port must be a whole number/],
    [['--seed=-1'], /--seed must be a whole number/],
    [['--log-level', 'loud'], /--log-level must be one of trace, debug/],
    [['--daily-success-body', '[]'], /--daily-success-body must be a JSON object/],
    [['--body-limit', 'lots'], /--body-limit must be a size/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('refuses %j with a message that names the flag', (argv, message) => {
    expect(() => parseCommandLine(argv, {})).toThrow(UsageError);
    expect(() => parseCommandLine(argv, {})).toThrow(message);
  });

  it('names the environment variable when it is the one at fault', () => {
    expect(() => parseCommandLine([], { PERM_MOCK_PORT: 'x' })).toThrow(/PERM_MOCK_PORT must be a whole number/);
    expect(() => parseCommandLine([], { PERM_MOCK_STRICT: 'maybe' })).toThrow(/PERM_MOCK_STRICT must be true or false/);
  });

  it('recognises --help and --version', () => {
    expect(parseCommandLine(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-h'], {})).toEqual({ kind: 'help' });
    expect(parseCommandLine(['--version'], {})).toEqual({ kind: 'version' });
  });

  it.each(Object.keys(CLI_OPTIONS))(
    'documents --%s and its environment variable in --help and the flag reference',
    (flag) => {
      expect(HELP).toContain(`--${flag}`);
      expect(FLAG_PAGE).toContain(`--${flag}`);
      const variable = envVariableOf(flag);
      if (variable !== undefined) {
        expect(HELP).toContain(variable);
        expect(FLAG_PAGE).toContain(variable);
      }
    },
  );

  it('lists every operation of the table in --help', () => {
    for (const op of OPERATIONS.values()) expect(HELP).toContain(`${op.method.padEnd(6)} ${op.path}\n`);
  });

  it('parses sizes', () => {
    expect(parseSize({ value: '100', from: 'x' })).toBe(100);
    expect(parseSize({ value: '512kb', from: 'x' })).toBe(524288);
    expect(parseSize({ value: '2MB', from: 'x' })).toBe(2097152);
    expect(() => parseSize({ value: '0', from: 'x' })).toThrow(UsageError);
  });
});

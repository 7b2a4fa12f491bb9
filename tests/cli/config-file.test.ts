/**
 * perm-mock.json: any setting a flag holds, found in the working directory or named with --config,
 * checked against the JSON Schema that ships with the package; flags and variables win over it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createContractRegistry } from '../../contracts/registry';
import { parseCommandLine, UsageError } from '../../mock-server/cli';
import { CONFIG_SCHEMA_FILE, CONFIG_SCHEMA_ID } from '../../mock-server/config-schema';
import { FLAGS } from '../../mock-server/flags';

function dirWith(config: unknown, name = 'perm-mock.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'perm-mock-config-'));
  writeFileSync(join(dir, name), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

function run(argv: string[], env: Record<string, string>, cwd: string) {
  const cmd = parseCommandLine(argv, env, cwd);
  if (cmd.kind !== 'run') throw new Error(`expected a run, got ${cmd.kind}`);
  return cmd;
}

it('is found in the working directory and sets options by the camelCase of each flag', () => {
  const dir = dirWith({ port: 0, strict: true, dailyApiKeys: ['a', 'b'], bodyLimit: '2mb', logLevel: 'warn' });
  const cmd = run([], {}, dir);
  expect(cmd.options).toMatchObject({ port: 0, strict: true, dailyApiKeys: ['a', 'b'], bodyLimit: 2 * 1024 * 1024 });
  expect(cmd.logLevel).toBe('warn');
  expect(cmd.configFile).toBe(join(dir, 'perm-mock.json'));
});

it('loses to a variable, which loses to a flag', () => {
  const dir = dirWith({ port: 1111, seed: 5 });
  expect(run([], { PERM_MOCK_PORT: '2222' }, dir).options).toMatchObject({ port: 2222, seed: 5 });
  expect(run(['--port', '3333'], { PERM_MOCK_PORT: '2222' }, dir).options.port).toBe(3333);
});

it('is read from --config or PERM_MOCK_CONFIG, with paths relative to the file', () => {
  const dir = dirWith({ world: 'worlds/team.json', stateFile: '/abs/state.json' }, 'team.json');
  const elsewhere = mkdtempSync(join(tmpdir(), 'perm-mock-cwd-'));
  const byFlag = run(['--config', join(dir, 'team.json')], {}, elsewhere);
  expect(byFlag.options).toMatchObject({ worldFile: join(dir, 'worlds', 'team.json'), stateFile: '/abs/state.json' });
  const byEnv = run([], { PERM_MOCK_CONFIG: join(dir, 'team.json') }, elsewhere);
  expect(byEnv.options.worldFile).toBe(join(dir, 'worlds', 'team.json'));
});

it('gives the admin token to the banner as itself (it came from a file, not a variable)', () => {
  expect(run([], {}, dirWith({ adminToken: 'from-file-token-0001' })).adminTokenFrom).toBe('config');
});

it.each([
  ['an unknown key', { prot: 4400 }, /prot is not a known field/],
  ['a wrong type', { port: '4400' }, /port must be an integer/],
  ['a value out of range', { port: 70000 }, /port must be <= 65535/],
  ['not JSON', '{port: 1}', /cannot read the config file .* as JSON/],
])('is refused, saying what to fix, with %s', (_name, config, message) => {
  const dir = dirWith(config);
  expect(() => parseCommandLine([], {}, dir)).toThrow(UsageError);
  expect(() => parseCommandLine([], {}, dir)).toThrow(message);
});

it('is refused when --config names a file that does not exist', () => {
  expect(() => parseCommandLine(['--config', '/nowhere/perm-mock.json'], {}, tmpdir())).toThrow(
    /cannot read the config file \/nowhere\/perm-mock.json as JSON: it does not exist/,
  );
});

it('has a schema that knows every setting a flag holds, and is valid JSON Schema', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', CONFIG_SCHEMA_FILE), 'utf8')) as {
    properties: Record<string, unknown>;
  };
  for (const flag of FLAGS) if (flag.configKey !== undefined) expect(schema.properties[flag.configKey]).toBeDefined();
  const registry = createContractRegistry();
  expect(registry.validate(CONFIG_SCHEMA_ID, { port: 1, strict: false })).toEqual([]);
});

/** docs/reference/flags.md: every flag of the command, from the flag table. */
import { FLAGS } from '../flags';
import { generatedHeader, table } from './markdown';

export function renderFlagsPage(): string {
  const rows = FLAGS.map((f) => [
    `\`${f.short === undefined ? '' : `-${f.short}, `}--${f.name}${f.arg === undefined ? '' : ` ${f.arg}`}\``,
    f.env === undefined ? '' : `\`${f.env}\``,
    f.configKey === undefined ? '' : `\`${f.configKey}\``,
    f.default ?? '',
    f.summary,
  ]);
  return [
    generatedHeader('Flags', 'mock-server/flags.ts'),
    'Every setting can be given as a flag, as the environment variable shown, or in a config file',
    '(`--config <file>`, else `./perm-mock.json` when it exists) under the key shown. A flag wins over',
    'its variable, the variable over the config file, and all of them over the default. The config',
    "file's JSON Schema ships with the package (`contracts/schemas/config/perm-mock.schema.json`): point",
    'its `$schema` at it and editors complete and check the keys. Paths in a config file are relative to it.',
    '',
    '```json',
    '{',
    '  "$schema": "./node_modules/perm-mock/contracts/schemas/config/perm-mock.schema.json",',
    '  "port": 4400,',
    '  "strict": true,',
    '  "dailyApiKeys": ["team-key"],',
    '  "world": "fixtures/team-world.json"',
    '}',
    '```',
    '',
    table(['flag', 'environment variable', 'config key', 'default', 'does'], rows),
    '',
  ].join('\n');
}

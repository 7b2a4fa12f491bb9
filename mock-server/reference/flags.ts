/** docs/reference/flags.md: every flag of the command, from the flag table. */
import { FLAGS } from '../flags';
import { generatedHeader, table } from './markdown';

export function renderFlagsPage(): string {
  const rows = FLAGS.map((f) => [
    `\`${f.short === undefined ? '' : `-${f.short}, `}--${f.name}${f.arg === undefined ? '' : ` ${f.arg}`}\``,
    f.env === undefined ? '' : `\`${f.env}\``,
    f.default ?? '',
    f.summary,
  ]);
  return [
    generatedHeader('Flags', 'mock-server/flags.ts'),
    'Every flag also reads the environment variable shown; a flag wins over its variable, and both over the default.',
    '',
    table(['flag', 'environment variable', 'default', 'does'], rows),
    '',
  ].join('\n');
}

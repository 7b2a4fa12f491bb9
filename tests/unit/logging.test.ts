/** The log format: auto is pretty in a terminal and JSON lines elsewhere; an explicit one is kept. */
import { createCommandLogger, resolveLogFormat } from '../../mock-server/logging';

it.each([
  ['auto', true, 'pretty'],
  ['auto', false, 'json'],
  ['pretty', false, 'pretty'],
  ['json', true, 'json'],
] as const)('%s with a terminal %s writes %s', (format, terminal, expected) => {
  expect(resolveLogFormat(format, terminal)).toBe(expected);
});

it('builds the command logger auto picks: pretty (in a worker) in a terminal, JSON lines elsewhere', async () => {
  const pretty = createCommandLogger('info', 'auto', true);
  const json = createCommandLogger('info', 'auto', false);
  try {
    expect(pretty.format).toBe('pretty');
    expect(json.format).toBe('json');
  } finally {
    await Promise.all([pretty.close(), json.close()]);
  }
});

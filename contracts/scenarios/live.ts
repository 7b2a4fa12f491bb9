/**
 * `npm run contract:live`: the contract scenarios against the real Daily and Sonoran Radio APIs
 * (credentials from environment variables), or against any running perm-mock (`--against <url>`).
 * Without credentials it names the variables it needs, skips, and exits 0: it never reports a pass
 * it did not run. Exit 1 when a scenario fails, 2 on a usage error.
 */
import { parseArgs } from 'node:util';

import { VERSION } from '../../mock-server/version';
import { defaultRecordingsDir, toRecording, writeRecording } from './recordings';
import { formatResults, runScenarios, SCENARIOS, summarize } from './run';
import { LIVE_VARIABLES, liveTarget, mockTarget } from './targets';
import type { Target } from './types';

const HELP = `Usage: npm run contract:live -- [options]

Runs perm-mock's contract scenarios, every one safe for a real account, and checks each answer
against the same contracts the mock is held to.

Options:
  --api <daily|sonoran>   only this API's scenarios
  --against <url>         a running perm-mock instead of the real APIs (e.g. http://127.0.0.1:4400)
  --record                save each answer as fixtures/recordings/<api>/<scenario>.json
  --recordings <dir>      where --record writes (default fixtures/recordings)
  -h, --help              this text

Environment (the real APIs):
  Daily:          ${LIVE_VARIABLES.daily.required.join(', ')}
                  optional: ${LIVE_VARIABLES.daily.optional.join(', ')}
  Sonoran Radio:  ${LIVE_VARIABLES.sonoran.required.join(', ')}
                  optional: ${LIVE_VARIABLES.sonoran.optional.join(', ')}
`;

export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        api: { type: 'string' },
        against: { type: 'string' },
        record: { type: 'boolean' },
        recordings: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`contract:live: ${(error as Error).message}\n${HELP}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.api !== undefined && values.api !== 'daily' && values.api !== 'sonoran') {
    process.stderr.write(`contract:live: --api must be daily or sonoran (got "${values.api}")\n`);
    return 2;
  }

  let target: Target;
  try {
    target = values.against === undefined ? liveTarget(env) : await mockTarget(values.against);
  } catch (error) {
    process.stderr.write(`contract:live: ${(error as Error).message}\n`);
    return 2;
  }
  const scenarios = SCENARIOS.filter((s) => values.api === undefined || s.api === values.api);
  const results = await runScenarios(target, scenarios);
  process.stdout.write(`${formatResults(target, results)}\n`);

  if (values.record === true) {
    const dir = values.recordings ?? defaultRecordingsDir();
    const now = new Date();
    for (const result of results) {
      const recording = toRecording(result, target, now, `perm-mock ${VERSION}`);
      if (recording !== undefined) process.stdout.write(`recorded ${writeRecording(dir, recording)}\n`);
    }
  }
  const counts = summarize(results);
  if (counts.pass === 0 && counts.fail === 0) {
    process.stdout.write('Nothing ran: every scenario was skipped. Set the variables named above to run them.\n');
  }
  return counts.fail > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`contract:live: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

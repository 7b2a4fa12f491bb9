/**
 * An application's end-to-end run, as CI would start it: the example Daily and Sonoran clients do
 * their work against the mock at $PERM_MOCK_URL, the world in world.json. It stands for "your
 * client's tests" in verify-client.sh.
 *
 * With PLANT_VIOLATION=1 the app also sends one Daily update that breaks the contract and, like many
 * apps, swallows the error it gets back: its own run still succeeds, and only perm-mock's report
 * (and --fail-on violations) catches it.
 */
import { createDailyClient, DailyApiError } from '../daily-client/client';
import { createSonoranClient } from '../sonoran-client/client';

async function main(): Promise<void> {
  const base = process.env.PERM_MOCK_URL;
  if (base === undefined) throw new Error('PERM_MOCK_URL is not set: run this through verify-client.sh');

  const daily = createDailyClient({ baseUrl: `${base}/v1`, apiKey: 'ci-daily-key' });
  await daily.muteMicrophone('weekly-sync', 'guest-session');
  await daily.hide('weekly-sync', 'guest-session');
  await daily.presenterOnly('weekly-sync', 'host-session');

  const sonoran = createSonoranClient({ baseUrl: base, communityId: 'ci-community', apiKey: 'ci-sonoran-key' });
  await sonoran.setPermissions('acc-dispatcher', ['COMM_KICK', 'RADIO_MOVE_CLIENT'], { 12: true });
  await sonoran.revokeAll('acc-officer');

  if (process.env.PLANT_VIOLATION === '1') {
    try {
      // `canSend` takes true, false or a list of media; "all" is neither.
      await daily.updatePermissions('weekly-sync', { 'guest-session': { canSend: 'all' } });
    } catch (error) {
      if (!(error instanceof DailyApiError)) throw error;
    }
  }
  process.stdout.write('client session done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
  process.exit(1);
});

/** --report and --fail-on on the real command: the file written at shutdown, and the exit code CI reads. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { checkedFetch } from '../helpers/client';
import { runCli } from '../helpers/process';

async function run(args: string[], send: (base: string, key: string) => Promise<void>) {
  const cli = runCli(['--port', '0', '--seed', '5', '--log-level', 'info', ...args]);
  try {
    const banner = await cli.waitFor(/Press Ctrl-C to stop\./);
    const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
    const key = /API key +(\S+)/.exec(banner)?.[1] ?? '';
    await send(base, key);
    cli.child.kill('SIGTERM');
    return { code: await cli.exited, stdout: cli.stdout() };
  } finally {
    cli.child.kill('SIGKILL');
  }
}

const broken = (base: string, key: string) =>
  checkedFetch(`${base}/v1/rooms/nope/update-permissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: '{"data":{"x":{"canSend":"all"}}}',
  }).then(() => undefined);

it('exits 3 with --fail-on violations after a request broke its contract, the JUnit file written', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'perm-mock-report-')), 'verdicts.xml');
  const { code, stdout } = await run(['--report', file, '--fail-on', 'violations'], broken);
  expect(code).toBe(3);
  expect(stdout).toContain('--fail-on violations: 1 requests broke their contract');
  const xml = readFileSync(file, 'utf8');
  expect(xml).toContain('<failure type="contract"');
  expect(xml).toContain('name="daily.updatePermissions (POST /v1/rooms/{name}/update-permissions)"');
});

it('exits 0 by default (--fail-on never), writing JSON for a .json file', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'perm-mock-report-')), 'verdicts.json');
  const { code } = await run(['--report', file], broken);
  expect(code).toBe(0);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ verdict: 'violations', totals: { violations: 1 } });
});

it('exits 3 with --fail-on warnings after a warned request, and 0 with --fail-on violations', async () => {
  const warned = async (base: string, key: string): Promise<void> => {
    const state = (await (await checkedFetch(`${base}/__admin/state`)).json()) as {
      daily: { rooms: { name: string; participants: { id: string; userId: string | null }[] }[] };
    };
    const room = state.daily.rooms.find((r) => r.participants.some((p) => p.userId !== null && p.userId !== p.id));
    const user = room?.participants.find((p) => p.userId !== null && p.userId !== p.id)?.userId ?? '';
    await checkedFetch(`${base}/v1/rooms/${room?.name ?? ''}/update-permissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { [user]: { hasPresence: true } } }),
    });
  };
  expect((await run(['--fail-on', 'warnings'], warned)).code).toBe(3);
  expect((await run(['--fail-on', 'violations'], warned)).code).toBe(0);
});

/**
 * Signals and crashes, on the real command: SIGINT/SIGTERM let in-flight requests finish and exit 0;
 * a SIGKILL in the middle of a stream of updates loses no acknowledged update (--state-file).
 */
import { mkdtempSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli, type RunningCli } from '../helpers/process';
import { checkedFetch } from '../helpers/client';

async function started(cli: RunningCli): Promise<string> {
  const banner = await cli.waitFor(/Press Ctrl-C to stop\./);
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
  if (url === undefined) throw new Error(`no URL in:\n${banner}`);
  return url;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(['SIGTERM', 'SIGINT'] as const)('%s', (signal) => {
  it('lets an in-flight request finish, then exits 0', async () => {
    const cli = runCli(['--port', '0', '--seed', '3', '--log-level', 'info', '--log-format', 'json']);
    try {
      const url = await started(cli);
      // A delay fault holds the request inside the mock; its hit count says when it is in flight.
      const armed = await checkedFetch(`${url}/__admin/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ api: 'daily', delayMs: 1500 }),
      });
      expect(armed.status).toBe(201);
      const answer = checkedFetch(`${url}/v1/rooms/nope/update-permissions`, {
        method: 'POST',
        headers: { Authorization: 'Bearer x', 'Content-Type': 'application/json' },
        body: '{"data":{}}',
      });
      for (;;) {
        const faults = (await (await checkedFetch(`${url}/__admin/faults`)).json()) as { faults: unknown[] };
        if (faults.faults.length === 0) break; // spent: the request has reached it
        await sleep(5);
      }
      cli.child.kill(signal);
      expect((await answer).status).toBe(401);
      expect(await cli.exited).toBe(0);
      expect(cli.stdout()).toContain(`${signal} received: finishing in-flight requests`);
      expect(cli.stdout()).toContain('every connection closed within the shutdown grace');
    } finally {
      cli.child.kill('SIGKILL');
    }
  });
});

it('exits on SIGTERM without waiting out the grace although a client keeps an idle connection open', async () => {
  const cli = runCli(['--port', '0', '--log-level', 'info', '--log-format', 'json']);
  try {
    const url = await started(cli);
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      httpRequest(`${url}/__admin/health`, { agent }, (res) => res.resume().on('end', resolve)).end(),
    );
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    // Had the idle connection held the server open, the grace would have run out and cut it.
    expect(cli.stdout()).toContain('every connection closed within the shutdown grace');
    expect(cli.stdout()).not.toContain('shutdown grace is over');
    agent.destroy();
  } finally {
    cli.child.kill('SIGKILL');
  }
});

it('loses no acknowledged update when killed with SIGKILL during a stream of updates', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'perm-mock-kill-')), 'state.json');
  const members = Array.from({ length: 400 }, (_, i) => ({ accId: `acc-${i}` }));
  const first = runCli(['--port', '0', '--log-level', 'silent', '--state-file', file]);
  const acked = new Map<string, number>();
  try {
    const url = await started(first);
    const put = await checkedFetch(`${url}/__admin/sonoran/communities/kill-test`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiKey: 'k', members }),
    });
    expect(put.status).toBe(200);

    let next = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (!killed && next < members.length) {
        const i = next++;
        const perm = (i % 1023) + 1;
        try {
          const res = await checkedFetch(`${url}/api/servers/kill-test/members/permissions`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ apiKey: 'k', userPerms: [{ accId: `acc-${i}`, perm }] }),
          });
          if (res.status === 200) acked.set(`acc-${i}`, perm);
          if (acked.size >= 150 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          return; // the connection died with the process: not acknowledged
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(await first.exited).toBe('SIGKILL');
  } finally {
    first.child.kill('SIGKILL');
  }
  expect(acked.size).toBeGreaterThanOrEqual(150);

  const second = runCli(['--port', '0', '--log-level', 'silent', '--state-file', file]);
  try {
    const url = await started(second);
    const res = await checkedFetch(`${url}/__admin/sonoran/communities/kill-test`);
    const community = (await res.json()) as { members: { accId: string; permission: number }[] };
    const lost = [...acked].filter(
      ([accId, perm]) => community.members.find((m) => m.accId === accId)?.permission !== perm,
    );
    expect(lost).toEqual([]);
  } finally {
    second.child.kill('SIGKILL');
    await sleep(10);
  }
});

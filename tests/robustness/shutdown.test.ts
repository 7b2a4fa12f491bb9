/**
 * Signals and crashes, on the real command: SIGINT/SIGTERM let in-flight requests finish and exit 0;
 * a SIGKILL in the middle of a stream of updates loses no acknowledged update (--state-file).
 */
import { mkdtempSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli, type RunningCli } from '../helpers/process';

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
      const url = new URL(await started(cli));
      const body = '{"data":{}}';
      const answer = new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: '/v1/rooms/nope/update-permissions',
            headers: { Authorization: 'Bearer x', 'Content-Type': 'application/json', 'Content-Length': body.length },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 5)); // half a request: in flight when the signal comes
        setTimeout(() => {
          cli.child.kill(signal);
          setTimeout(() => req.end(body.slice(5)), 300);
        }, 200);
      });
      expect(await answer).toBe(401);
      expect(await cli.exited).toBe(0);
      expect(cli.stdout()).toContain(`${signal} received: finishing in-flight requests`);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });
});

it('exits promptly on SIGTERM although a client keeps an idle connection open', async () => {
  const cli = runCli(['--port', '0', '--log-level', 'silent']);
  try {
    const url = await started(cli);
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      httpRequest(`${url}/__admin/health`, { agent }, (res) => res.resume().on('end', resolve)).end(),
    );
    const t0 = Date.now();
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(4000);
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
    const put = await fetch(`${url}/__admin/sonoran/communities/kill-test`, {
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
          const res = await fetch(`${url}/api/servers/kill-test/members/permissions`, {
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
    const res = await fetch(`${url}/__admin/sonoran/communities/kill-test`);
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

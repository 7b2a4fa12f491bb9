/**
 * The request log is written off the request path (JSON lines batched, or pino-pretty in a worker)
 * and loses nothing at shutdown: every answered request has its line once the command has exited,
 * also when the signal comes in the first second while requests are still arriving.
 */
import { Agent, request } from 'node:http';

import { runCli, type RunningCli } from '../helpers/process';

jest.setTimeout(30_000);

interface FirstRequest {
  readonly url: URL;
  readonly key: string;
}

async function started(cli: RunningCli): Promise<FirstRequest> {
  const banner = await cli.waitFor(/Press Ctrl-C to stop\./);
  const url = /curl -sS -X POST (http:\/\/\S+\/v1\/rooms\/[^/\s]+\/update-permissions)/.exec(banner)?.[1];
  const key = /API key +(\S+)/.exec(banner)?.[1];
  if (url === undefined || key === undefined) throw new Error(`no first request in the banner:\n${banner}`);
  return { url: new URL(url), key };
}

/** One update (keep-alive); the status, or 0 when the connection was refused or cut (shutting down). */
function update(target: FirstRequest, agent: Agent): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      target.url,
      {
        method: 'POST',
        agent,
        headers: { Authorization: `Bearer ${target.key}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end('{"data":{}}');
  });
}

const requestLines = (text: string): string[] =>
  text.split('\n').filter((line) => /POST \/v1\/rooms\/\S+\/update-permissions -> 200/.test(line));

describe.each([
  ['json', (line: string) => (JSON.parse(line) as { requestId: string }).requestId],
  ['pretty', (line: string) => /"requestId":"(\d+)"/.exec(line)?.[1] ?? ''],
])('--log-format %s', (format, requestIdOf) => {
  it('has a line for each of 300 answered requests after SIGTERM, and exits 0', async () => {
    const cli = runCli(['--port', '0', '--log-format', format]);
    const target = await started(cli);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const statuses = await Promise.all(Array.from({ length: 300 }, () => update(target, agent)));
    agent.destroy();
    expect(statuses.every((s) => s === 200)).toBe(true);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    const lines = requestLines(cli.stdout());
    expect(lines).toHaveLength(300);
    expect(new Set(lines.map(requestIdOf)).size).toBe(300);
  });
});

it('stops cleanly on a signal in its first second while requests arrive, every answered one logged', async () => {
  const cli = runCli(['--port', '0', '--log-format', 'json']);
  const target = await started(cli);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let answered = 0;
  let stop = false;
  // Eight clients send updates back to back until the mock stops answering.
  const clients = Array.from({ length: 8 }, async () => {
    while (!stop) {
      const status = await update(target, agent);
      if (status !== 200) break;
      answered += 1;
      if (answered === 100) cli.child.kill('SIGTERM');
    }
  });
  const code = await cli.exited;
  stop = true;
  await Promise.all(clients);
  agent.destroy();
  expect(code).toBe(0);
  expect(answered).toBeGreaterThanOrEqual(100);
  expect(cli.stdout()).toMatch(/SIGTERM received: finishing in-flight requests, then exiting/);
  // Acknowledged means logged: no answered request is missing from the log (in-flight ones finish too).
  expect(requestLines(cli.stdout()).length).toBeGreaterThanOrEqual(answered);
});

/**
 * The real command, started as a user starts it (compiled JavaScript, a free port), reached over the
 * network: the printed curl works, Ctrl-C exits cleanly, mistakes exit with a message.
 */
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { runCli } from '../helpers/process';
import { checkedFetch } from '../helpers/client';

const exec = promisify(execFile);

interface PrintedCurl {
  url: string;
  headers: Record<string, string>;
  body: string;
  text: string;
}

/** Read a curl the banner prints (URL, -H headers, -d body): the first whose URL contains `marker`. */
function printedCurl(banner: string, marker: string, method = 'POST'): PrintedCurl & { method: string } {
  const start = banner.search(new RegExp(`curl -sS -X ${method} \\S*${marker}`));
  const end = banner.indexOf("'\n", banner.indexOf(' -d ', start)) + 1;
  const text = banner.slice(start, end).replace(/\\\n\s*/g, ' ');
  const url = new RegExp(`-X ${method} (\\S+)`).exec(text)?.[1] ?? '';
  const headers: Record<string, string> = {};
  for (const m of text.matchAll(/-H '([^:]+): ([^']*)'/g)) headers[m[1] ?? ''] = m[2] ?? '';
  const body = /-d '([^']*)'/.exec(text)?.[1] ?? '';
  return { url, headers, body, text, method };
}

/** A one-line GET curl the banner prints: the first whose URL contains `marker`. */
function printedGet(banner: string, marker: string): { url: string; headers: Record<string, string>; text: string } {
  const line = banner.split('\n').find((l) => new RegExp(`curl -sS \\S*${marker}`).test(l)) ?? '';
  const text = line.trim();
  const url = /curl -sS (\S+)/.exec(text)?.[1] ?? '';
  const headers: Record<string, string> = {};
  for (const m of text.matchAll(/-H '([^:]+): ([^']*)'/g)) headers[m[1] ?? ''] = m[2] ?? '';
  return { url, headers, text };
}

/** The banner's token-and-join commands, as printed (the text from `TOKEN=$(` to the join's body). */
function printedJoin(banner: string): { script: string; tokenCurl: PrintedCurl; joinUrl: string } {
  const start = banner.indexOf('TOKEN=$(');
  const end = banner.indexOf('"{\\"token\\":\\"$TOKEN\\"}"', start);
  const script = banner.slice(start, end + '"{\\"token\\":\\"$TOKEN\\"}"'.length).replace(/\\\n\s*/g, ' ');
  const tokenCurl = printedCurl(banner, '/v1/meeting-tokens');
  const joinUrl = /curl -sS -X POST (\S+\/participants)/.exec(script)?.[1] ?? '';
  return { script, tokenCurl, joinUrl };
}

describe('perm-mock command', () => {
  it('serves the seeded world on a free port, the printed curl succeeds, and Ctrl-C exits 0', async () => {
    const cli = runCli(['--port', '0', '--seed', '7', '--log-format', 'json']);
    try {
      const banner = await cli.waitFor(/Press Ctrl-C to stop\./);
      const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      expect(base).toBeDefined();
      const curl = printedCurl(banner, '/v1/rooms/');
      expect(curl.url).toMatch(new RegExp(`^${base}/v1/rooms/[a-z0-9-]+/update-permissions$`));

      const res = await checkedFetch(curl.url, { method: 'POST', headers: curl.headers, body: curl.body });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({});

      const room = /rooms\/([^/]+)\/update-permissions/.exec(curl.url)?.[1] ?? '';
      const [id] = Object.keys((JSON.parse(curl.body) as { data: Record<string, unknown> }).data);
      const view = (await (await checkedFetch(`${base}/__admin/daily/rooms/${room}`)).json()) as {
        participants: { id: string; permissions: { canSend: unknown } }[];
      };
      expect(view.participants.find((p) => p.id === id)?.permissions.canSend).toEqual(['audio']);

      const hasCurl = await exec('sh', ['-c', 'command -v curl']).then(
        () => true,
        () => false,
      );
      if (hasCurl) {
        const { stdout } = await exec('sh', ['-c', `${curl.text} -w ' %{http_code}'`]);
        expect(stdout).toBe('{} 200');
      }

      // The token curl works as printed, and the join that uses its token lets a participant in.
      const printed = printedJoin(banner);
      expect(printed.joinUrl).toMatch(new RegExp(`^${base}/__admin/daily/rooms/[a-z0-9-]+/participants$`));
      const minted = await checkedFetch(printed.tokenCurl.url, {
        method: 'POST',
        headers: printed.tokenCurl.headers,
        body: printed.tokenCurl.body,
      });
      expect(minted.status).toBe(200);
      const { token } = (await minted.json()) as { token: string };
      const joined = await checkedFetch(printed.joinUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(joined.status).toBe(201);
      expect(((await joined.json()) as { participant: { userName: string } }).participant.userName).toBe('Ada');
      if (hasCurl) {
        const { stdout } = await exec('sh', ['-c', printed.script]);
        const answer = JSON.parse(stdout) as { participant: { userName: string; permissions: { canSend: unknown } } };
        expect(answer.participant).toMatchObject({ userName: 'Ada', permissions: { canSend: ['audio'] } });
      }

      const sonoran = printedCurl(banner, '/api/servers/');
      const sonoranRes = await checkedFetch(sonoran.url, {
        method: 'POST',
        headers: sonoran.headers,
        body: sonoran.body,
      });
      expect(sonoranRes.status).toBe(200);
      expect(await sonoranRes.json()).toEqual({ result: 'ok' });
      const community = /servers\/([^/]+)\//.exec(sonoran.url)?.[1] ?? '';
      const [entry] = (JSON.parse(sonoran.body) as { userPerms: { accId: string; perm: number }[] }).userPerms;
      const member = (await (
        await checkedFetch(`${base}/__admin/sonoran/communities/${community}/members/${entry?.accId ?? ''}`)
      ).json()) as {
        permission: number;
      };
      expect(member.permission).toBe(entry?.perm);
      if (hasCurl) {
        const { stdout } = await exec('sh', ['-c', sonoran.text]);
        expect(stdout).toBe('{"result":"ok"}');
      }

      // v2: the PATCH a game-server plugin sends, and the read Sonoran.js starts with.
      const v2 = printedCurl(banner, '/v2/servers/', 'PATCH');
      expect(v2.url).toBe(`${base}/v2/servers/${community}/members/permissions`);
      const v2Res = await checkedFetch(v2.url, { method: 'PATCH', headers: v2.headers, body: v2.body });
      expect(v2Res.status).toBe(200);
      expect(await v2Res.json()).toEqual({ updatedAccIds: [entry?.accId] });
      const probe = printedGet(banner, '/v2/servers/');
      expect(probe.url).toBe(`${base}/v2/servers/${community}/channels`);
      const channels = await checkedFetch(probe.url, { headers: probe.headers });
      expect(channels.status).toBe(200);
      const listed = (await channels.json()) as { groups: unknown[]; channels: { private: boolean }[] };
      expect(listed.groups.length).toBeGreaterThan(1);
      expect(listed.channels.some((c) => c.private)).toBe(true);
      expect(listed.channels.some((c) => !c.private)).toBe(true);
      if (hasCurl) {
        const patched = await exec('sh', ['-c', `${v2.text} -w ' %{http_code}'`]);
        expect(patched.stdout).toBe(`{"updatedAccIds":["${entry?.accId ?? ''}"]} 200`);
        const read = await exec('sh', ['-c', `${probe.text} -w ' %{http_code}'`]);
        expect(read.stdout).toMatch(/^\{"groups":\[.*\} 200$/);
      }

      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
      expect(cli.stdout()).toContain('SIGINT received');
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('builds the same world for the same seed', async () => {
    const a = runCli(['--port', '0', '--seed', '11', '--log-level', 'silent']);
    const b = runCli(['--port', '0', '--seed', '11', '--log-level', 'silent']);
    try {
      const strip = (text: string) => text.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'URL');
      const [ba, bb] = await Promise.all([a.waitFor(/Press Ctrl-C/), b.waitFor(/Press Ctrl-C/)]);
      expect(strip(ba)).toBe(strip(bb));
    } finally {
      a.child.kill('SIGKILL');
      b.child.kill('SIGKILL');
    }
  });

  it('reads its settings from environment variables', async () => {
    const cli = runCli([], {
      PERM_MOCK_PORT: '0',
      PERM_MOCK_STRICT: '1',
      PERM_MOCK_DAILY_API_KEYS: 'env-key',
      PERM_MOCK_LOG_LEVEL: 'silent',
    });
    try {
      const banner = await cli.waitFor(/Press Ctrl-C/);
      expect(banner).toContain('strict mode');
      expect(banner).toContain('API key      env-key');
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('prints help and exits 0', async () => {
    const cli = runCli(['--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toContain('Usage: perm-mock [options]');
  });

  it('exits 2 with a hint on a bad flag', async () => {
    const cli = runCli(['--port', 'eighty']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain('--port must be a whole number');
    expect(cli.stderr()).toContain("Run 'perm-mock --help'");
  });

  it('exits 1 and says what to do when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const cli = runCli(['--port', String(port)]);
      expect(await cli.exited).toBe(1);
      expect(cli.stderr()).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('stopping', () => {
  it('stops cleanly, with a message, on a signal that comes while it is still starting', async () => {
    const cli = runCli(['--port', '0', '--log-level', 'debug', '--log-format', 'json']);
    try {
      await cli.waitFor(/"msg":"starting"/);
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      expect(cli.stdout()).toContain('SIGTERM received: finishing in-flight requests, then exiting');
      expect(cli.stdout()).toContain('"msg":"stopped"');
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('exits 0 when `npm start` is stopped with Ctrl-C (SIGINT to the whole process group)', async () => {
    const npm = spawn('npm', ['start', '--silent', '--', '--port', '0', '--log-level', 'info'], {
      cwd: join(__dirname, '..', '..'),
      detached: true, // its own process group, as a terminal's foreground job is
      env: { ...process.env, PERM_MOCK_SELF_CHECK: '1' },
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | string>((resolve) =>
      npm.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
    );
    try {
      while (!output.includes('Press Ctrl-C to stop.')) await new Promise((resolve) => setTimeout(resolve, 20));
      process.kill(-(npm.pid ?? 0), 'SIGINT');
      expect(await exited).toBe(0);
      expect(output).toContain('SIGINT received');
    } finally {
      try {
        process.kill(-(npm.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
});

describe("the banner's control-API curls", () => {
  const TOKEN = 'banner-admin-token-0123456789';

  it.each([
    ['given as a flag', ['--admin-token', TOKEN], {}],
    ['given as PERM_MOCK_ADMIN_TOKEN', [], { PERM_MOCK_ADMIN_TOKEN: TOKEN }],
  ])('work as printed with the admin token %s', async (_how, args, env) => {
    const cli = runCli(['--port', '0', '--log-level', 'silent', ...args], env);
    try {
      const banner = await cli.waitFor(/Press Ctrl-C to stop\./);
      const curl = /^ +(curl -sS -H .* http:\/\/127\.0\.0\.1:\d+\/__admin\/daily\/rooms\/\S+)$/m.exec(banner)?.[1];
      expect(curl).toBeDefined();
      const hasCurl = await exec('sh', ['-c', 'command -v curl']).then(
        () => true,
        () => false,
      );
      if (!hasCurl) return;
      const { stdout } = await exec('sh', ['-c', `${curl ?? ''} -w ' %{http_code}'`], {
        env: { ...process.env, ...env },
      });
      expect(stdout).toMatch(/ 200$/);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });
});

it('writes only JSON lines to stdout with --log-format json, the banner to stderr', async () => {
  const cli = runCli(['--port', '0', '--log-format', 'json', '--log-level', 'debug']);
  try {
    const banner = await cli.waitFor(/Press Ctrl-C to stop\./);
    const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
    await checkedFetch(`${base}/v1/rooms/nope/update-permissions`, { method: 'POST', body: '{}' });
    await checkedFetch(`${base}/__admin/health`);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    const lines = cli.stdout().trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const events = lines.map((line) => JSON.parse(line) as { event?: string; url?: string; msg: string });
    expect(events.find((e) => e.event === 'listening')?.url).toBe(base);
    expect(events.some((e) => e.msg === 'POST /v1/rooms/nope/update-permissions -> 400')).toBe(true);
    expect(cli.stderr()).toContain('Press Ctrl-C to stop.');
  } finally {
    cli.child.kill('SIGKILL');
  }
});

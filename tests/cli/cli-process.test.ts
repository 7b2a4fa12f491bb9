/**
 * The real command, started as a user starts it (compiled JavaScript, a free port), reached over the
 * network: the printed curl works, Ctrl-C exits cleanly, mistakes exit with a message.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
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
function printedCurl(banner: string, marker: string): PrintedCurl {
  const start = banner.search(new RegExp(`curl -sS -X POST \\S*${marker}`));
  const end = banner.indexOf("'\n", banner.indexOf(' -d ', start)) + 1;
  const text = banner.slice(start, end).replace(/\\\n\s*/g, ' ');
  const url = /-X POST (\S+)/.exec(text)?.[1] ?? '';
  const headers: Record<string, string> = {};
  for (const m of text.matchAll(/-H '([^:]+): ([^']*)'/g)) headers[m[1] ?? ''] = m[2] ?? '';
  const body = /-d '([^']*)'/.exec(text)?.[1] ?? '';
  return { url, headers, body, text };
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

/**
 * The command's banner prints the inspector's URL, and that URL serves the page (with and without
 * an admin token: the page loads without it and asks for it).
 */
import { checkedFetch } from '../helpers/client';
import { runCli } from '../helpers/process';

it.each([
  [
    'without an admin token',
    [] as string[],
    /\(rooms, members and requests live in a browser; see docs\/inspector\.md\)/,
  ],
  [
    'with an admin token',
    ['--admin-token', 'banner-inspector-token-0123456789'],
    /live in a browser; it asks for the admin token;/,
  ],
])('prints the inspector URL %s, and the page is served there', async (_how, args, note) => {
  const cli = runCli(['--port', '0', '--log-level', 'silent', ...args]);
  try {
    const banner = await cli.waitFor(/Press Ctrl-C to stop\./);
    const line = /^Inspector +(http:\/\/127\.0\.0\.1:\d+\/__admin\/ui) +(.*)$/m.exec(banner);
    expect(line).not.toBeNull();
    expect(line?.[2]).toMatch(note);
    const res = await checkedFetch(line?.[1] ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/<title>perm-mock inspector<\/title>/);
  } finally {
    cli.child.kill('SIGKILL');
  }
});

/**
 * The validating proxy against upstreams started here: a second perm-mock (a well-behaved API) and
 * a deliberately drifting fake (undocumented shapes and statuses, a hang). Forwarded bodies and
 * headers, both verdicts in the journal and the report, redacted recordings, timeouts, an
 * unreachable upstream, one attempt per request, and a large answer passed on unchecked.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import express from 'express';

import { getContractRegistry } from '../../contracts/registry';
import { loadRecordings } from '../../contracts/scenarios/recordings';
import { checkDrift } from '../../contracts/scenarios/drift';
import { proxyRecording } from '../../mock-server/http/proxy';
import { startServer, type RunningMock, type ServerOptions } from '../../mock-server/server';
import { checkedFetch } from '../helpers/client';
import { API_KEY, COMMUNITY, GUEST, OFFICER_ACC, ROOM, SONORAN_KEY, TEST_WORLD } from '../helpers/world';

let upstream: RunningMock;
let fake: Server;
let fakeUrl: string;
const seen: { method: string; path: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  upstream = await startServer({ port: 0, world: TEST_WORLD });
  const app = express();
  app.use(express.text({ type: () => true }));
  app.use((req, _res, next) => {
    seen.push({ method: req.method, path: req.originalUrl, headers: req.headers, body: String(req.body ?? '') });
    next();
  });
  app.post('/v1/rooms/slow/update-permissions', () => undefined); // never answers
  app.post('/v1/rooms/:name/update-permissions', (_req, res) => void res.status(200).json([1, 2, 3])); // drifted shape
  app.post('/api/servers/:id/members/permissions', (_req, res) => void res.status(418).send('I am a teapot'));
  app.get(
    '/v1/rooms',
    (_req, res) => void res.type('application/json').send(JSON.stringify({ total_count: 0, data: 'x'.repeat(10_000) })),
  );
  await new Promise<void>((resolve) => {
    fake = app.listen(0, '127.0.0.1', () => resolve());
  });
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await upstream.close();
  await new Promise((resolve) => fake.close(resolve));
});

async function proxying(options: ServerOptions, run: (proxy: RunningMock) => Promise<void>): Promise<void> {
  const proxy = await startServer({
    port: 0,
    world: { daily: { apiKeys: [], rooms: [] }, sonoran: { communities: [] } },
    ...options,
  });
  try {
    await run(proxy);
  } finally {
    await proxy.close();
  }
}

const dailyUpdate = (base: string, room = ROOM, extra: Record<string, string> = {}) =>
  fetch(`${base}/v1/rooms/${room}/update-permissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json', 'X-Trace': 'abc', ...extra },
    body: JSON.stringify({ data: { [GUEST]: { canSend: ['audio'] } } }),
  });

describe('in front of a well-behaved upstream', () => {
  it('forwards the request and the answer, acting on the upstream state, not its own', async () => {
    await proxying({ proxy: { daily: `${upstream.url}/v1`, sonoran: upstream.url } }, async (proxy) => {
      const res = await checkedFetch(`${proxy.url}/v1/rooms/${ROOM}/update-permissions`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${API_KEY}`,
          'Content-Type': 'application/json',
          'X-Perm-Mock-Namespace': 'default',
        },
        body: JSON.stringify({ data: { [GUEST]: { canSend: ['audio'] } } }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-perm-mock-upstream-contract')).toBe('valid');
      expect(await res.json()).toEqual({});
      const guest = (await upstream.state()).daily.rooms[0]?.participants.find((p) => p.id === GUEST);
      expect(guest?.permissions.canSend).toEqual(['audio']);
      expect((await proxy.state()).daily.rooms).toEqual([]);

      const [entry] = await proxy.requests();
      expect(entry).toMatchObject({
        operation: 'daily.updatePermissions',
        contract: { valid: true },
        upstream: {
          url: `${upstream.url}/v1/rooms/${ROOM}/update-permissions`,
          status: 200,
          contract: { valid: true },
        },
      });
      const upstreamSaw = (await upstream.requests()).at(-1);
      expect(upstreamSaw?.request.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(upstreamSaw?.request.headers['x-perm-mock-namespace']).toBeUndefined();

      const sonoran = await checkedFetch(`${proxy.url}/api/servers/${COMMUNITY}/members/permissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 5 }] }),
      });
      expect(await sonoran.json()).toEqual({ result: 'ok' });
    });
  });

  it("still checks the client's request: a broken one is forwarded, and journaled as broken", async () => {
    await proxying({ proxy: { daily: `${upstream.url}/v1` } }, async (proxy) => {
      const res = await fetch(`${proxy.url}/v1/rooms/${ROOM}/update-permissions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
        body: '{"data":{"x":{"canSend":"all"}}}',
      });
      expect(res.status).toBe(400);
      const [entry] = await proxy.requests();
      expect(entry?.contract.valid).toBe(false);
      expect(entry?.upstream?.contract.valid).toBe(true); // the upstream's 400 is a documented answer
    });
  });
});

describe('in front of a drifting upstream', () => {
  it('marks answers that break their contract, journals both verdicts and reports the upstream by kind', async () => {
    await proxying({ proxy: { daily: `${fakeUrl}/v1`, sonoran: fakeUrl } }, async (proxy) => {
      const res = await dailyUpdate(proxy.url);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([1, 2, 3]);
      expect(res.headers.get('x-perm-mock-upstream-contract')).toMatch(/^violated: body must be an object/);
      expect(seen.at(-1)).toMatchObject({ method: 'POST', path: `/v1/rooms/${ROOM}/update-permissions` });
      expect(seen.at(-1)?.headers['x-trace']).toBe('abc');

      const teapot = await fetch(`${proxy.url}/api/servers/${COMMUNITY}/members/permissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiKey: SONORAN_KEY, userPerms: [] }),
      });
      expect(teapot.status).toBe(418);
      expect(teapot.headers.get('x-perm-mock-upstream-contract')).toMatch(
        /violated: status 418 is not a documented answer/,
      );

      const report = await proxy.report();
      const update = report.namespaces[0]?.operations.find((op) => op.operation === 'daily.updatePermissions');
      expect(update?.upstream).toMatchObject({ requests: 1, kinds: [{ kind: 'body must be an object' }] });
      expect(getContractRegistry().validate('urn:perm-mock:admin:report', report)).toEqual([]);
    });
  });

  it('passes a large answer on as it comes, unchecked and said so', async () => {
    await proxying({ proxy: { daily: `${fakeUrl}/v1` }, proxyMaxCheckedBytes: 1024 }, async (proxy) => {
      const res = await fetch(`${proxy.url}/v1/rooms`, { headers: { Authorization: `Bearer ${API_KEY}` } });
      expect(res.headers.get('x-perm-mock-upstream-contract')).toMatch(
        /^unchecked: the answer is larger than 1024 bytes/,
      );
      expect(((await res.json()) as { data: string }).data).toHaveLength(10_000);
    });
  });

  it("answers a hanging upstream with the API's own 5xx after the timeout, having tried once", async () => {
    await proxying({ proxy: { daily: `${fakeUrl}/v1` }, proxyTimeoutMs: 200 }, async (proxy) => {
      const before = seen.length;
      const res = await checkedFetch(`${proxy.url}/v1/rooms/slow/update-permissions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
        body: '{"data":{}}',
      });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'server-error', info: 'the upstream could not be reached' });
      expect(res.headers.get('x-perm-mock-reason')).toMatch(/^MOCK_UPSTREAM_TIMEOUT: .* did not answer within 200 ms/);
      expect(seen.length - before).toBe(1); // a POST is never retried
    });
  });

  it("answers an unreachable upstream with the API's own 5xx", async () => {
    await proxying({ proxy: { sonoran: 'http://127.0.0.1:9' } }, async (proxy) => {
      const res = await checkedFetch(`${proxy.url}/api/servers/x/members/permissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"apiKey":"k","userPerms":[]}',
      });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'Internal server error' });
      expect(res.headers.get('x-perm-mock-reason')).toMatch(/^MOCK_UPSTREAM_UNREACHABLE: .*could not be reached/);
    });
  });
});

describe('--record', () => {
  it('is refused at start without --proxy, saying what it needs', async () => {
    await expect(startServer({ port: 0, record: tmpdir() })).rejects.toThrow(/--record .* give --proxy/);
  });

  it('writes redacted recordings that drift checks against their contracts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perm-mock-proxy-rec-'));
    await proxying({ proxy: { daily: `${upstream.url}/v1`, sonoran: fakeUrl }, record: dir }, async (proxy) => {
      await dailyUpdate(proxy.url);
      await fetch(`${proxy.url}/api/servers/${COMMUNITY}/members/permissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiKey: SONORAN_KEY, userPerms: [] }),
      });
    });
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual([
      'daily/proxy-update-permissions-0001.json',
      'sonoran-radio/proxy-set-member-permissions-0002.json',
    ]);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(SONORAN_KEY);
    }
    const recordings = loadRecordings(dir);
    expect(recordings[0]?.recording.request?.body).toContain(GUEST);
    const results = await checkDrift(recordings, undefined);
    expect(results.map((r) => [r.scenario, r.checked, r.problems.length > 0])).toEqual([
      ['daily.proxy-update-permissions-0001', 'contract', false],
      ['sonoran.proxy-set-member-permissions-0002', 'contract', true], // the teapot
    ]);
  });
});

describe('redaction', () => {
  const verdict = (body: unknown) => ({
    url: 'https://upstream.example/x',
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(body)),
    violations: [],
    ms: 1,
  });
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJyIjoic3RhbmR1cCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

  it.each([
    ['a v1 key in an /api/radio path', '/api/radio/get-connected-users/c1/sekrit-key-1/1', 'sekrit-key-1'],
    ['a v1 key in a /radio path', '/radio/set-user-display-name/c1/sekrit-key-2/ident', 'sekrit-key-2'],
    ['a v1 key in a namespaced path', '/ns/team-a/radio/get-community-channels/c1/sekrit-key-3', 'sekrit-key-3'],
    ['a meeting token in the path', `/v1/meeting-tokens/${token}`, token],
  ])('replaces %s wherever it appears', (_what, path, secret) => {
    const recording = proxyRecording(
      'sonoran',
      'sonoran.x',
      1,
      'GET',
      path,
      { authorization: `Bearer ${API_KEY}` },
      Buffer.from(JSON.stringify({ apiKey: SONORAN_KEY, echo: secret })),
      verdict({ key: secret, token, bearer: API_KEY }),
      new Date(0),
    );
    const text = JSON.stringify(recording);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(SONORAN_KEY);
  });
});

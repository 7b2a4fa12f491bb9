/**
 * Malformed, hostile and huge requests: each gets the API's documented error, contract-checked,
 * and none changes the state or yields a 5xx.
 */
import { request as httpRequest } from 'node:http';

import { checkedFetch, http } from '../helpers/client';

import { REASON_HEADER } from '../../mock-server/http/diagnostics';
import { startServer } from '../../mock-server/server';
import { buildTestApp, stateText } from '../helpers/app';
import { API_KEY, COMMUNITY, GUEST, ROOM, SONORAN_KEY, TEST_WORLD } from '../helpers/world';

const DAILY = `/v1/rooms/${ROOM}/update-permissions`;
const SONORAN = `/api/servers/${COMMUNITY}/members/permissions`;
const INVALID_UTF8 = Buffer.from([0x7b, 0x22, 0x64, 0xff, 0xfe, 0x22, 0x3a, 0x7b, 0x7d, 0x7d]); // {"d\xff\xfe":{}}

interface Row {
  name: string;
  api: 'daily' | 'sonoran';
  path?: string;
  contentType?: string | null;
  body: string | Buffer;
  status: number;
  reason: string;
}

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const rows: Row[] = [
  // A Daily body under another Content-Type (or none) is read as JSON, as Daily does: see
  // tests/api/daily-update-permissions.test.ts. Not JSON under any type is still refused:
  {
    name: 'Content-Type text/plain, a body that is not JSON',
    api: 'daily',
    contentType: 'text/plain',
    body: 'data=1',
    status: 400,
    reason: 'DAILY_JSON_INVALID',
  },
  { name: 'an empty body', api: 'daily', body: '', status: 400, reason: 'DAILY_REQUEST_INVALID' },
  { name: 'a JSON array', api: 'daily', body: '[]', status: 400, reason: 'DAILY_REQUEST_INVALID' },
  { name: 'a JSON string', api: 'daily', body: '"data"', status: 400, reason: 'DAILY_REQUEST_INVALID' },
  { name: 'invalid UTF-8', api: 'daily', body: INVALID_UTF8, status: 400, reason: 'DAILY_JSON_INVALID' },
  {
    name: 'JSON nested 1,000 deep',
    api: 'daily',
    body: `{"data":{"${GUEST}":{"canReceive":{"byUserId":{"u":${deep(1000)}}}}}}`,
    status: 400,
    reason: 'DAILY_REQUEST_INVALID',
  },
  {
    name: 'a body just over 1 MiB',
    api: 'daily',
    body: `{"data":{},"pad":"${'x'.repeat(1024 * 1024)}"}`,
    status: 413,
    reason: 'DAILY_BODY_TOO_LARGE',
  },
  {
    name: 'a 10,000-character room name',
    api: 'daily',
    path: `/v1/rooms/${'r'.repeat(10000)}/update-permissions`,
    body: '{"data":{}}',
    status: 404,
    reason: 'DAILY_ROOM_NOT_FOUND',
  },
  {
    name: 'a path that is not valid percent-encoding',
    api: 'daily',
    path: '/v1/rooms/%E0%A4%A/update-permissions',
    body: '{"data":{}}',
    status: 400,
    reason: 'DAILY_REQUEST_INVALID',
  },
  {
    name: 'no Content-Type',
    api: 'sonoran',
    contentType: null,
    body: `{"apiKey":"${SONORAN_KEY}","userPerms":[]}`,
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'Content-Type application/xml',
    api: 'sonoran',
    contentType: 'application/xml',
    body: '<perm/>',
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  { name: 'an empty body', api: 'sonoran', body: '', status: 400, reason: 'SONORAN_INVALID_REQUEST' },
  { name: 'a JSON array', api: 'sonoran', body: '[1,2]', status: 400, reason: 'SONORAN_INVALID_REQUEST' },
  { name: 'a JSON string', api: 'sonoran', body: '"apiKey"', status: 400, reason: 'SONORAN_INVALID_REQUEST' },
  { name: 'invalid UTF-8', api: 'sonoran', body: INVALID_UTF8, status: 400, reason: 'SONORAN_INVALID_JSON' },
  {
    name: 'JSON nested 1,000 deep',
    api: 'sonoran',
    body: `{"apiKey":"${SONORAN_KEY}","userPerms":${deep(1000)}}`,
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
  {
    name: 'a body just over 1 MiB',
    api: 'sonoran',
    body: `{"apiKey":"${SONORAN_KEY}","userPerms":[],"pad":"${'x'.repeat(1024 * 1024)}"}`,
    status: 413,
    reason: 'SONORAN_BODY_TOO_LARGE',
  },
  {
    name: 'a 10,000-character community id',
    api: 'sonoran',
    path: `/api/servers/${'c'.repeat(10000)}/members/permissions`,
    body: `{"apiKey":"${SONORAN_KEY}","userPerms":[]}`,
    status: 404,
    reason: 'SONORAN_INVALID_KEY',
  },
  {
    name: 'a path that is not valid percent-encoding',
    api: 'sonoran',
    path: '/api/servers/%ZZ/members/permissions',
    body: '{}',
    status: 400,
    reason: 'SONORAN_INVALID_REQUEST',
  },
];

describe.each(rows.map((r) => [`${r.api}: ${r.name}`, r] as const))('%s', (_name, row) => {
  it(`gets ${row.status} in the API's own format and changes nothing`, async () => {
    const app = buildTestApp();
    const before = await stateText(app);
    let req = http(app).post(row.path ?? (row.api === 'daily' ? DAILY : SONORAN));
    if (row.api === 'daily') req = req.set('Authorization', `Bearer ${API_KEY}`);
    const type = row.contentType === undefined ? 'application/json' : row.contentType;
    if (type !== null) req = req.set('Content-Type', type);
    // Send bytes as they are: superagent would otherwise turn a Buffer into JSON.
    if (Buffer.isBuffer(row.body)) req = req.serialize((body: unknown) => body as string);
    const res = await req.send(row.body);
    expect(res.status).toBe(row.status);
    expect(res).toMatchContract(row.api === 'daily' ? 'daily.updatePermissions' : 'sonoran.setMemberPermissions');
    expect(res.headers[REASON_HEADER.toLowerCase()]).toMatch(new RegExp(`^${row.reason}: `));
    expect(await stateText(app)).toBe(before);
  });
});

it('keeps the Daily info short for a room name no room can have', async () => {
  const res = await http(buildTestApp())
    .post(`/v1/rooms/${'r'.repeat(10000)}/update-permissions`)
    .set('Authorization', `Bearer ${API_KEY}`)
    .set('Content-Type', 'application/json')
    .send('{"data":{}}');
  expect(res.body.info).toBe(`room ${'r'.repeat(128)}… not found`);
});

it('journals a deeply nested body safely and still serves the journal', async () => {
  const app = buildTestApp();
  await http(app)
    .post(DAILY)
    .set('Authorization', `Bearer ${API_KEY}`)
    .set('Content-Type', 'application/json')
    .send(`{"data":${deep(5000)}}`);
  const res = await http(app).get('/__admin/requests');
  expect(res.status).toBe(200);
  expect(res).toMatchContract('admin.listRequests');
});

it('answers a control-API body nested too deep with a problem', async () => {
  const res = await http(buildTestApp())
    .put('/__admin/daily/rooms/x')
    .set('Content-Type', 'application/json')
    .send(`{"participants":${deep(100)}}`);
  expect(res).toBeProblem('MOCK_INVALID_BODY');
});

describe('over a real socket', () => {
  function raw(port: number, path: string): Promise<{ status: number; type: string | undefined; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path, method: 'POST', headers: { 'Content-Type': 'application/json' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
  }

  it('answers a path over the header limit with a 431 problem, and keeps serving', async () => {
    const mock = await startServer({ port: 0, world: TEST_WORLD });
    try {
      const res = await raw(mock.port, `/v1/rooms/${'x'.repeat(20000)}/update-permissions`);
      expect(res.status).toBe(431);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'MOCK_HEADERS_TOO_LARGE', status: 431 });
      const health = await checkedFetch(`${mock.url}/__admin/health`);
      expect(health.status).toBe(200);
    } finally {
      await mock.close();
    }
  });
});

it('takes only application/json as JSON on Sonoran Radio, not another +json type', async () => {
  const app = buildTestApp();
  const res = await http(app)
    .post(SONORAN)
    .set('Content-Type', 'application/merge-patch+json')
    .send(`{"apiKey":"${SONORAN_KEY}","userPerms":[]}`);
  expect(res.status).toBe(400);
  expect(res.headers['x-perm-mock-reason']).toMatch(
    /Content-Type must be application\/json \(got application\/merge-patch\+json\)/,
  );
});

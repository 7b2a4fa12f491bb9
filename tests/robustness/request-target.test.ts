/**
 * What reaches the server before any route: absolute-form targets, fragments, the header limit
 * and stalled requests, each answered deliberately (raw sockets, since clients normalise these).
 */
import { connect } from 'node:net';

import { startServer, type RunningMock } from '../../mock-server/server';
import { TEST_WORLD } from '../helpers/world';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startServer({ port: 0, world: TEST_WORLD, headersTimeoutMs: 200, requestTimeoutMs: 400 });
});
afterAll(() => mock.close());

/** Send raw bytes (in pieces, if given several) and read the whole answer. */
function raw(pieces: readonly string[]): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(mock.port, '127.0.0.1', () => {
      for (const piece of pieces) socket.write(piece);
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
      const end = data.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(data)?.[1];
      if (end !== -1 && length !== undefined && data.length >= end + 4 + Number(length)) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const end = data.indexOf('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0),
        headers: data.slice(0, end),
        body: data.slice(end + 4),
      });
    });
  });
}

const request = (line: string, headers: string[] = [], body = ''): string =>
  [
    line,
    'Host: 127.0.0.1',
    'Connection: close',
    ...headers,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');

it('serves an absolute-form target by its path', async () => {
  const res = await raw([
    request(
      `POST http://127.0.0.1:${mock.port}/v1/rooms/nope/update-permissions HTTP/1.1`,
      ['Authorization: Bearer test-daily-key', 'Content-Type: application/json'],
      '{"data":{}}',
    ),
  ]);
  expect(res.status).toBe(404);
  expect(JSON.parse(res.body)).toEqual({ error: 'not-found', info: 'room nope not found' });
});

it("refuses a fragment in the target, in the API's own format on its paths", async () => {
  const daily = await raw([request('POST /v1/rooms/standup/update-permissions#x HTTP/1.1', [], '{"data":{}}')]);
  expect(daily.status).toBe(400);
  expect(JSON.parse(daily.body)).toMatchObject({ error: 'invalid-request-error' });
  expect(daily.headers).toMatch(/X-Perm-Mock-Reason: DAILY_REQUEST_INVALID: the request target holds a fragment/i);
  const admin = await raw([request('GET /__admin/state#x HTTP/1.1')]);
  expect(admin.status).toBe(400);
  expect(JSON.parse(admin.body)).toMatchObject({ code: 'MOCK_BAD_REQUEST' });
});

it('answers 431 past 16 KiB of request line and headers, however they are split', async () => {
  const many = Array.from({ length: 100 }, (_, i) => `X-Pad-${i}: ${'a'.repeat(200)}`);
  const onePiece = await raw([request('GET /__admin/health HTTP/1.1', many)]);
  expect(onePiece.status).toBe(431);
  expect(JSON.parse(onePiece.body)).toMatchObject({ code: 'MOCK_HEADERS_TOO_LARGE' });
  const text = request('GET /__admin/health HTTP/1.1', many);
  const split = await raw(text.match(/[\s\S]{1,500}/g) ?? []);
  expect(split.status).toBe(431);
  const under = await raw([request('GET /__admin/health HTTP/1.1', [`X-One: ${'a'.repeat(15_000)}`])]);
  expect(under.status).toBe(200);
});

it('answers 408 to a request line that stalls', async () => {
  const res = await raw(['GET /__admin/hea']);
  expect(res.status).toBe(408);
  expect(JSON.parse(res.body)).toMatchObject({ code: 'MOCK_REQUEST_TIMEOUT' });
});

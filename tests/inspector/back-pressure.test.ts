/**
 * A client that never reads its event stream costs the server no more than its buffer: the bytes
 * the server reports waiting for it never pass --events-buffer, it is dropped (closed, counted,
 * logged) once they would, and requests are answered all along. A client that reads keeps every event.
 */
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';

import pino from 'pino';

import { startServer, type RunningMock } from '../../mock-server/server';
import type { EventStreamsView } from '../../mock-server/inspector/events';
import { checkedFetch } from '../helpers/client';
import { ofKind, openEvents } from '../helpers/events';
import { API_KEY, ROOM, TEST_WORLD } from '../helpers/world';

const BUFFER = 256 * 1024;
const logged: string[] = [];
let mock: RunningMock;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString('utf8'));
      done();
    },
  });
  mock = await startServer({
    port: 0,
    world: TEST_WORLD,
    eventsBufferBytes: BUFFER,
    logger: pino({ level: 'warn' }, sink),
  });
});
afterAll(() => mock.close());

/** A client that asks for the stream and then never reads a byte. */
function stalledClient(url: string): Promise<Socket> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`GET /__admin/events?kinds=request HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
  });
}

async function streams(): Promise<EventStreamsView> {
  return (await (await checkedFetch(`${mock.url}/__admin/events/clients`)).json()) as EventStreamsView;
}

/** An update naming 2,000 session ids nobody has: one warning each, so its request event is large. */
const heavyBody = JSON.stringify({
  data: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`nobody-${i}`, { canSend: false }])),
});

it('drops a stalled client once its buffer is full, never holding more, and answers every request meanwhile', async () => {
  const reader = await openEvents(mock.url, { query: 'kinds=request' });
  const stalled = await stalledClient(mock.url);
  let stalledId: string | undefined;
  while (stalledId === undefined) {
    const view = await streams();
    stalledId = view.clients.find((client) => client.id !== reader.events[0]?.data.client)?.id;
  }
  const samples: number[] = [];
  let sent = 0;
  let dropped = 0;
  while (dropped === 0 && sent < 600) {
    const res = await checkedFetch(`${mock.url}/v1/rooms/${ROOM}/update-permissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
      body: heavyBody,
    });
    expect(res.status).toBe(200);
    sent += 1;
    const view = await streams();
    dropped = view.dropped;
    const client = view.clients.find((c) => c.id === stalledId);
    if (client !== undefined) samples.push(client.bufferedBytes, client.maxBufferedBytes);
  }
  expect(dropped).toBe(1);
  expect(samples.length).toBeGreaterThan(0);
  expect(Math.max(...samples)).toBeLessThanOrEqual(BUFFER);
  const view = await streams();
  expect(view.clients.map((c) => c.id)).not.toContain(stalledId);
  expect(logged.join('')).toMatch(new RegExp(`event stream client ${stalledId ?? ''} dropped`));

  // The client that reads got every request event, in order.
  const last = await reader.next((e) => e.kind === 'request' && ofKind(reader, 'request').length === sent, 10_000);
  expect(last).toBeDefined();
  expect(ofKind(reader, 'request').map((e) => Number(e.data.id))).toEqual(
    Array.from({ length: sent }, (_, i) => i + 1),
  );
  reader.close();
  stalled.destroy();
});

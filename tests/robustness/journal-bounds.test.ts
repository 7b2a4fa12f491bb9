/**
 * The journal is bounded by entries and by bytes: large bodies are kept as their start, size and
 * hash, and the oldest entries go once the byte budget is spent, so refused megabyte bodies cannot
 * grow the mock without end. Byte counts are the journal's own, not RSS or time.
 */
import { createHash } from 'node:crypto';

import { Journal } from '../../mock-server/http/journal';
import { buildTestApp } from '../helpers/app';
import { http } from '../helpers/client';
import { API_KEY, ROOM } from '../helpers/world';

const big = (n: number, fill = 'x') => `{"data":{},"pad":"${fill.repeat(n)}`; // not JSON: no closing brace

it('keeps a large body as its first 4 KiB, its size and its hash', async () => {
  const app = buildTestApp({ bodyLimit: 2 * 1024 * 1024 });
  const body = big(200_000);
  const res = await http(app)
    .post(`/v1/rooms/${ROOM}/update-permissions`)
    .set({ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' })
    .send(body);
  expect(res.status).toBe(400);
  const [entry] = app.mock.requests();
  expect(entry?.request.body).toBeUndefined();
  expect(entry?.request.bodyText).toHaveLength(4096);
  expect(entry?.request.bodySize).toBe(Buffer.byteLength(body));
  expect(entry?.request.bodySha256).toBe(createHash('sha256').update(body).digest('hex'));
});

it('stays within its byte budget after many refused large bodies, dropping the oldest', async () => {
  const app = buildTestApp({ bodyLimit: 2 * 1024 * 1024, journalMaxBytes: 256 * 1024 });
  for (let i = 0; i < 60; i += 1) {
    await http(app)
      .post(`/v1/rooms/${ROOM}/update-permissions`)
      .set({ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' })
      .send(big(1024 * 1024 - 64, String(i % 10)));
  }
  const entries = app.mock.requests();
  // Each entry keeps ~4 KiB of body plus its headers: 256 KiB hold a few dozen, not 60 MiB of bodies.
  expect(entries.length).toBeLessThan(60);
  expect(entries.length).toBeGreaterThan(10);
  expect(entries.at(-1)?.id).toBe('60');
});

it('reports the bytes it holds per namespace', async () => {
  const app = buildTestApp();
  await http(app).post('/ns/measured/v1/rooms/x/update-permissions').send('{"data":{}}');
  const res = await http(app).get('/__admin/namespaces');
  const measured = res.body.namespaces.find((n: { name: string }) => n.name === 'measured');
  expect(measured.requests).toBe(1);
  expect(measured.journalBytes).toBeGreaterThan(500);
  expect(measured.journalBytes).toBeLessThan(5000);
});

describe('the journal itself', () => {
  const entry = (id: string) =>
    ({
      id,
      time: '2026-01-01T00:00:00.000Z',
      api: 'daily',
      operation: null,
      method: 'GET',
      path: '/',
      status: 404,
      request: { headers: {} },
      response: { body: null },
      reason: null,
      contract: { valid: true, violations: [] },
      warnings: [],
      durationMs: 0,
    }) as const;

  it('drops the oldest past its entry limit and past its byte limit, keeping the newest', () => {
    const journal = new Journal(3, 10_000);
    for (let i = 1; i <= 5; i += 1) journal.record(entry(String(i)), 100);
    expect(journal.entries().map((e) => e.id)).toEqual(['3', '4', '5']);
    expect(journal.bytes).toBe(300);
    journal.record(entry('6'), 9_950);
    expect(journal.entries().map((e) => e.id)).toEqual(['6']);
    journal.record(entry('7'), 20_000); // larger than the budget alone: kept, as the newest
    expect(journal.entries().map((e) => e.id)).toEqual(['7']);
    journal.clear();
    expect([journal.count, journal.bytes]).toEqual([0, 0]);
  });
});

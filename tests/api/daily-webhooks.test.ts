/**
 * Webhooks, delivered for real: the /webhooks endpoints, Daily's verification request, events
 * POSTed to a receiver written here that checks each signature the way Daily's docs tell
 * integrators to, the circuit-breaker and exponential retry policies on the namespace's clock, and
 * dead or hanging URLs that cost bounded time and attempts and never hold up a request.
 */
import { createServer } from 'node:net';

import { getContractRegistry } from '../../contracts/registry';
import { REASON_HEADER } from '../../mock-server/http/diagnostics';
import { buildTestApp, stateText } from '../helpers/app';
import { http } from '../helpers/client';
import {
  advance,
  daily,
  eventually,
  join,
  seededBytes,
  startReceiver,
  typeOf,
  verifyDailySignature,
  type Receiver,
} from '../helpers/daily';
import { Namespaces } from '../../mock-server/namespaces';
import { MockState } from '../../mock-server/state';
import type { World } from '../../mock-server/world';
import { DOMAIN_ID, GUEST, NOW, ROOM, TEST_WORLD } from '../helpers/world';

type App = ReturnType<typeof buildTestApp>;
const EVENT = 'urn:perm-mock:daily:webhooks#/$defs/event';

let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(() => receiver.close());

const app = (options: Parameters<typeof buildTestApp>[0] = {}) =>
  buildTestApp({ dailyRandomBytes: seededBytes(11), ...options });

async function register(a: App, extra: Record<string, unknown> = {}) {
  const res = await daily(a, 'post', '/webhooks', { url: receiver.url, hmac: receiver.secret, ...extra });
  if (res.status !== 200) throw new Error(`webhook: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { uuid: string; state: string; failedCount: number };
}

interface Attempt {
  kind: string;
  eventType: string | null;
  attempt: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  nextAttemptAt: string | null;
}

async function attempts(a: App): Promise<Attempt[]> {
  const res = await http(a).get('/__admin/daily/webhook-deliveries');
  expect(res).toMatchContract('admin.listDailyWebhookDeliveries');
  return res.body.deliveries as Attempt[];
}

/** A port nobody listens on. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/gone`;
}

describe('POST /webhooks', () => {
  it('verifies the URL with a signed {"test":"test"} first, then answers the webhook', async () => {
    const a = app();
    const res = await daily(a, 'post', '/webhooks', {
      url: receiver.url,
      hmac: receiver.secret,
      eventTypes: ['participant.joined'],
    });
    expect(res).toMatchContract('daily.createWebhook');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: receiver.url,
      hmac: receiver.secret,
      basicAuth: null,
      eventTypes: ['participant.joined'],
      retryType: 'circuit-breaker',
      state: 'ACTIVE',
      failedCount: 0,
      domainId: DOMAIN_ID,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      lastMomentPushed: null,
    });
    expect(receiver.received).toHaveLength(1);
    const [ping] = receiver.received;
    expect(ping?.raw).toBe('{"test":"test"}');
    expect(ping?.signed).toBe(true);
    expect(ping?.headers['x-webhook-timestamp']).toBe(String(NOW.getTime() / 1000));
    expect(await attempts(a)).toEqual([expect.objectContaining({ kind: 'verification', ok: true, status: 200 })]);
  });

  it('generates a base-64 secret when none is given, and signs with it', async () => {
    const a = app();
    const res = await daily(a, 'post', '/webhooks', { url: receiver.url, basicAuth: 'dXNlcjpwYXNz' });
    const { hmac } = res.body as { hmac: string };
    expect(Buffer.from(hmac, 'base64')).toHaveLength(32);
    const [ping] = receiver.received;
    expect(verifyDailySignature(hmac, ping?.headers ?? {}, ping?.raw ?? '')).toBe(true);
    expect(ping?.headers.authorization).toBe('Basic dXNlcjpwYXNz');
    expect(res.body.eventTypes).toEqual(['meeting.started', 'participant.joined', 'participant.left', 'meeting.ended']);
  });

  it.each([
    ['answers 500', (r: Receiver) => Promise.resolve((r.answer(500), r.url)), /answered 500, not 200/],
    ['is a port nobody listens on', () => deadUrl(), /ECONNREFUSED/],
    ['never answers', (r: Receiver) => Promise.resolve((r.hang(), r.url)), /no answer within 300 ms/],
  ])('refuses a URL that %s, in bounded time, and stores nothing', async (_name, url, error) => {
    const a = app({ dailyWebhookTimeoutMs: 300 });
    const before = await stateText(a);
    const res = await daily(a, 'post', '/webhooks', { url: await url(receiver) });
    expect(res).toMatchContract('daily.createWebhook');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid-request-error',
      info: expect.stringMatching(/^non-200 status code returned from webhook endpoint/),
    });
    expect(res.headers[REASON_HEADER.toLowerCase()]).toMatch(/^DAILY_WEBHOOK_UNVERIFIED: /);
    expect(await stateText(a)).toBe(before);
    expect(await attempts(a)).toEqual([
      expect.objectContaining({ kind: 'verification', ok: false, error: expect.stringMatching(error) }),
    ]);
  });

  it.each([
    [
      'a URL that is not http(s)',
      { url: 'ftp://example.test/hook' },
      "url was 'ftp://example.test/hook' but should be an http or https URL",
    ],
    [
      'an unknown event type',
      { url: 'http://127.0.0.1:1/x', eventTypes: ['participant.danced'] },
      "eventTypes holds 'participant.danced', which is not a Daily event type",
    ],
    [
      'an hmac that is not base-64',
      { url: 'http://127.0.0.1:1/x', hmac: 'not base64!' },
      'hmac should be a base-64 string',
    ],
    ['no url', { eventTypes: [] }, 'url is required'],
    ['an unknown retryType', { url: 'http://127.0.0.1:1/x', retryType: 'forever' }, /^retryType must be one of/],
  ])('refuses %s with 400, without calling anything', async (_name, body, info) => {
    const a = app();
    const res = await daily(a, 'post', '/webhooks', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid-request-error',
      info: typeof info === 'string' ? info : expect.stringMatching(info),
    });
    expect(await attempts(a)).toEqual([]);
  });

  it('allows one webhook per domain', async () => {
    const a = app();
    await register(a);
    const second = await daily(a, 'post', '/webhooks', { url: receiver.url });
    expect(second.status).toBe(400);
    expect(second.body).toEqual({ error: 'invalid-request-error', info: 'a domain may only have one webhook' });
  });
});

describe('GET, POST and DELETE /webhooks/:uuid', () => {
  it('reads, lists, changes (verifying again) and deletes the webhook', async () => {
    const a = app();
    const { uuid } = await register(a);
    const list = await daily(a, 'get', '/webhooks');
    expect(list).toMatchContract('daily.listWebhooks');
    expect(list.body).toEqual([expect.objectContaining({ uuid })]);
    const one = await daily(a, 'get', `/webhooks/${uuid}`);
    expect(one).toMatchContract('daily.getWebhook');
    expect(one.body).toEqual(list.body[0]);
    await advance(a, 5);
    const changed = await daily(a, 'post', `/webhooks/${uuid}`, {
      eventTypes: ['meeting.ended'],
      retryType: 'exponential',
    });
    expect(changed).toMatchContract('daily.updateWebhook');
    expect(changed.body).toMatchObject({
      eventTypes: ['meeting.ended'],
      retryType: 'exponential',
      updatedAt: new Date(NOW.getTime() + 5000).toISOString(),
    });
    expect(receiver.received).toHaveLength(2); // verified again
    const deleted = await daily(a, 'delete', `/webhooks/${uuid}`);
    expect(deleted).toMatchContract('daily.deleteWebhook');
    expect(deleted.body).toEqual({ deleted: true, uuid });
    expect((await daily(a, 'get', `/webhooks/${uuid}`)).status).toBe(404);
    expect((await daily(a, 'get', '/webhooks')).body).toEqual([]);
  });

  it('keeps the webhook as it was when the new URL fails verification', async () => {
    const a = app();
    const { uuid } = await register(a);
    const res = await daily(a, 'post', `/webhooks/${uuid}`, { url: await deadUrl() });
    expect(res.status).toBe(400);
    expect((await daily(a, 'get', `/webhooks/${uuid}`)).body.url).toBe(receiver.url);
  });

  it.each([
    ['get', undefined],
    ['post', { eventTypes: [] }],
    ['delete', undefined],
  ] as const)('answers %s of an unknown uuid with 404', async (method, body) => {
    const res = await daily(app(), method, '/webhooks/nope', body);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not-found', info: 'webhook nope not found' });
  });
});

describe('events', () => {
  it('sends meeting.started, participant.joined, participant.left and meeting.ended, each signed over the exact bytes', async () => {
    const a = app();
    await register(a);
    await daily(a, 'post', '/rooms', { name: 'call' });
    const joined = await join(a, 'call', { userName: 'Ada' });
    const id = joined.body.participant.id as string;
    const started = await receiver.next((r) => typeOf(r) === 'meeting.started');
    const arrived = await receiver.next((r) => typeOf(r) === 'participant.joined');
    expect(arrived.body).toEqual({
      version: '1.0.0',
      type: 'participant.joined',
      id: `ptcpt-join-${id}-${NOW.getTime()}`,
      payload: {
        room: 'call',
        user_id: null,
        user_name: 'Ada',
        session_id: id,
        joined_at: NOW.getTime() / 1000,
        will_eject_at: null,
        owner: false,
        permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false },
      },
      event_ts: NOW.getTime() / 1000,
    });
    await advance(a, 12.5);
    await http(a).delete(`/__admin/daily/rooms/call/participants/${id}`);
    const left = await receiver.next((r) => typeOf(r) === 'participant.left');
    expect(left.body).toMatchObject({ payload: { session_id: id, duration: 12.5 } });
    expect(receiver.received.some((r) => typeOf(r) === 'meeting.ended')).toBe(false);
    await advance(a, 10);
    const ended = await receiver.next((r) => typeOf(r) === 'meeting.ended');
    expect(ended.body).toMatchObject({ payload: { room: 'call', end_ts: NOW.getTime() / 1000 + 12.5 } });
    for (const event of [started, arrived, left, ended]) {
      expect(event.signed).toBe(true);
      expect(getContractRegistry().validate(EVENT, event.body)).toEqual([]);
    }
    const deliveries = (await attempts(a)).filter((d) => d.kind === 'event');
    expect(deliveries.map((d) => [d.eventType, d.ok])).toEqual([
      ['meeting.started', true],
      ['participant.joined', true],
      ['participant.left', true],
      ['meeting.ended', true],
    ]);
    expect((await daily(a, 'get', '/webhooks')).body[0].lastMomentPushed).toBe(
      new Date(NOW.getTime() + 22500).toISOString(),
    );
  });

  it('sends only the event types the webhook subscribed to', async () => {
    const a = app();
    await register(a, { eventTypes: ['participant.left'] });
    await daily(a, 'post', `/rooms/${ROOM}/eject`, { ids: [GUEST] });
    const left = await receiver.next((r) => typeOf(r) === 'participant.left');
    expect(left.body).toMatchObject({ payload: { session_id: GUEST, user_id: 'u-guest' } });
    await eventually(async () => (await attempts(a)).length === 2);
    expect(receiver.received.map(typeOf)).toEqual([undefined, 'participant.left']);
  });

  it('answers the request that made an event before the event is delivered, even to a URL that hangs', async () => {
    const a = app({ dailyWebhookTimeoutMs: 300 });
    await register(a);
    receiver.hang();
    const res = await join(a, ROOM);
    expect(res.status).toBe(201); // answered, though the receiver holds every request
    const failed = await eventually(async () => (await attempts(a)).find((d) => d.kind === 'event'));
    expect(failed).toMatchObject({ ok: false, status: null, error: 'no answer within 300 ms' });
  });
});

describe('retries', () => {
  it('circuit-breaker (the default): each failure counts, three in a row make the webhook FAILED, an update makes it ACTIVE again', async () => {
    const a = app();
    const { uuid } = await register(a);
    receiver.answer(500);
    for (const id of ['one', 'two', 'three']) await join(a, ROOM, { id });
    await eventually(async () => (await attempts(a)).filter((d) => d.kind === 'event').length === 3);
    const webhook = (await daily(a, 'get', `/webhooks/${uuid}`)).body as { state: string; failedCount: number };
    expect(webhook).toMatchObject({ state: 'FAILED', failedCount: 3 });
    const events = (await attempts(a)).filter((d) => d.kind === 'event');
    expect(events.every((d) => !d.ok && d.status === 500 && d.attempt === 1 && d.nextAttemptAt === null)).toBe(true);

    const sent = receiver.received.length;
    await join(a, ROOM, { id: 'skipped' });
    await advance(a, 60);
    expect(receiver.received).toHaveLength(sent); // nothing goes to a FAILED webhook

    receiver.answer(200);
    const revived = await daily(a, 'post', `/webhooks/${uuid}`, {});
    expect(revived.body).toMatchObject({ state: 'ACTIVE', failedCount: 0 });
    await join(a, ROOM, { id: 'after' });
    const delivered = await receiver.next((r) => JSON.stringify(r.body).includes('"after"'), sent);
    expect(delivered.signed).toBe(true);
  });

  it('exponential: a failed message is tried again after 30 s, 2, 8 and 15 min on the namespace clock, then dropped', async () => {
    const a = app();
    const { uuid } = await register(a, { retryType: 'exponential', eventTypes: ['participant.joined'] });
    receiver.answer(500);
    await join(a, ROOM, { id: 'retried' });
    const tries = async (n: number) =>
      eventually(async () => {
        const list = (await attempts(a)).filter((d) => d.kind === 'event');
        return list.length === n ? list : undefined;
      });
    let list = await tries(1);
    expect(list[0]).toMatchObject({
      attempt: 1,
      ok: false,
      nextAttemptAt: new Date(NOW.getTime() + 30_000).toISOString(),
    });
    let elapsed = 0;
    for (const [wait, attempt] of [
      [30, 2],
      [120, 3],
      [480, 4],
      [900, 5],
    ] as const) {
      await advance(a, wait - 1);
      elapsed += wait - 1;
      expect((await attempts(a)).filter((d) => d.kind === 'event')).toHaveLength(attempt - 1); // not before its time
      await advance(a, 1);
      elapsed += 1;
      list = await tries(attempt);
      expect(list[attempt - 1]).toMatchObject({ attempt, ok: false });
    }
    expect(list[4]?.nextAttemptAt).toBeNull();
    await advance(a, 3600);
    expect((await attempts(a)).filter((d) => d.kind === 'event')).toHaveLength(5);
    expect((await daily(a, 'get', `/webhooks/${uuid}`)).body).toMatchObject({ state: 'ACTIVE', failedCount: 5 });
    expect(elapsed).toBe(1530);

    receiver.answer(200);
    await join(a, ROOM, { id: 'fine' });
    await receiver.next((r) => JSON.stringify(r.body).includes('"fine"'));
    await eventually(async () => ((await daily(a, 'get', `/webhooks/${uuid}`)).body.failedCount as number) === 0);
  });

  it('delivers nothing more to a URL that died, after three quick failures, while the mock keeps answering', async () => {
    const a = app();
    const { uuid } = await register(a);
    await receiver.close();
    for (let i = 0; i < 5; i += 1) expect((await join(a, ROOM, { id: `p${i}` })).status).toBe(201);
    await eventually(async () => ((await daily(a, 'get', `/webhooks/${uuid}`)).body.state as string) === 'FAILED');
    const events = (await attempts(a)).filter((d) => d.kind === 'event');
    expect(events).toHaveLength(3);
    expect(events.every((d) => d.error === 'ECONNREFUSED')).toBe(true);
    receiver = await startReceiver(); // for afterEach
  });

  it('forgets the webhook, its queue and its attempts on reset', async () => {
    const a = app();
    await register(a);
    await http(a).post('/__admin/reset');
    expect((await daily(a, 'get', '/webhooks')).body).toEqual([]);
    expect(await attempts(a)).toEqual([]);
    const cleared = await http(a).delete('/__admin/daily/webhook-deliveries');
    expect(cleared).toMatchContract('admin.clearDailyWebhookDeliveries');
    expect(cleared.status).toBe(204);
  });
});

describe('namespaces', () => {
  it('stop what they scheduled when deleted: no timer, no event, no delivery to come', () => {
    const world = (): World => JSON.parse(JSON.stringify(TEST_WORLD)) as World;
    const made: MockState[] = [];
    const namespaces = new Namespaces(
      { ttlSeconds: 0, max: 5, start: 'world' },
      () => NOW.getTime(),
      new MockState(world, () => NOW, { limit: 10, maxBytes: 1 << 20 }, world()),
      () => {
        const state = new MockState(world, () => NOW, { limit: 10, maxBytes: 1 << 20 }, world());
        made.push(state);
        return state;
      },
    );
    const state = namespaces.state('gone');
    const events: string[] = [];
    state.daily.onEvents((event) => events.push(event.type));
    state.daily.deleteRoom(ROOM); // participant.left ×3 now, meeting.ended on a timer
    expect(state.clock.size).toBe(1);
    expect(namespaces.delete('gone')).toBe(true);
    expect(state.clock.size).toBe(0);
    state.clock.advance(60_000);
    expect(events).toEqual(['participant.left', 'participant.left', 'participant.left']);
    expect(made).toEqual([state]);
  });
});

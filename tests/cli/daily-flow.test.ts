/**
 * The flow a real Daily integration runs, against the command `npm start` runs (compiled, its
 * default world, a free port), with a webhook receiver written here: create a room, make a token
 * with permissions, join, receive and verify participant.joined, find the session id in presence,
 * update its permissions, eject, delete the room, receive participant.left and meeting.ended. State
 * and deliveries are checked at each step.
 */
import { checkedFetch } from '../helpers/client';
import { startReceiver, typeOf, type Receiver } from '../helpers/daily';
import { runCli, type RunningCli } from '../helpers/process';

let cli: RunningCli;
let base: string;
let key: string;
let receiver: Receiver;

beforeAll(async () => {
  cli = runCli(['--port', '0', '--log-level', 'warn']);
  const banner = await cli.waitFor(/Press Ctrl-C to stop\./);
  base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
  key = /API key +(\S+)/.exec(banner)?.[1] ?? '';
  receiver = await startReceiver();
});
afterAll(async () => {
  cli.child.kill('SIGKILL');
  await receiver.close();
});

async function call(method: string, path: string, body?: unknown, admin = false) {
  const res = await checkedFetch(`${base}${admin ? '' : '/v1'}${path}`, {
    method,
    headers: { ...(!admin && { Authorization: `Bearer ${key}` }), 'Content-Type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as Record<string, unknown> };
}

type Event = { type: string; payload: Record<string, unknown> };
const eventOf = (type: string, session?: string) => (r: { body: unknown }) =>
  typeOf(r as never) === type && (session === undefined || (r.body as Event).payload.session_id === session);

it('runs create room → token → join → webhook → presence → update-permissions → eject → delete → participant.left', async () => {
  // The webhook, verified when it is made.
  const hook = await call('POST', '/webhooks', { url: receiver.url, hmac: receiver.secret });
  expect(hook.status).toBe(200);
  expect(receiver.received[0]?.raw).toBe('{"test":"test"}');
  expect(receiver.received[0]?.signed).toBe(true);

  // A private room whose default keeps guests muted, and a token that lets this guest speak.
  const room = await call('POST', '/rooms', {
    name: 'flow-room',
    privacy: 'private',
    properties: { permissions: { canSend: false }, enable_chat: true },
  });
  expect(room.status).toBe(200);
  expect(room.body).toMatchObject({ name: 'flow-room', privacy: 'private', config: { enable_chat: true } });
  const token = await call('POST', '/meeting-tokens', {
    properties: { room_name: 'flow-room', user_id: 'u-flo', user_name: 'Flo', permissions: { canSend: ['audio'] } },
  });
  expect(token.status).toBe(200);
  expect((await call('GET', `/meeting-tokens/${token.body.token as string}`)).body).toMatchObject({
    room_name: 'flow-room',
    user_id: 'u-flo',
  });

  // Join: without a token the private room refuses; with it, Flo is in with the token's permissions.
  expect((await call('POST', '/__admin/daily/rooms/flow-room/participants', {}, true)).status).toBe(403);
  const joined = await call('POST', '/__admin/daily/rooms/flow-room/participants', { token: token.body.token }, true);
  expect(joined.status).toBe(201);
  const flo = (joined.body.participant as { id: string }).id;
  expect(joined.body.participant).toMatchObject({
    userId: 'u-flo',
    userName: 'Flo',
    permissions: { canSend: ['audio'] },
  });
  const host = await call('POST', '/meeting-tokens', { properties: { room_name: 'flow-room', is_owner: true } });
  const hostId = (
    (await call('POST', '/__admin/daily/rooms/flow-room/participants', { token: host.body.token }, true)).body
      .participant as { id: string }
  ).id;

  // The webhook: meeting.started, then participant.joined for Flo, signed.
  const started = await receiver.next(eventOf('meeting.started'));
  const arrived = await receiver.next(eventOf('participant.joined', flo));
  expect(started.signed && arrived.signed).toBe(true);
  expect((arrived.body as Event).payload).toMatchObject({
    room: 'flow-room',
    user_id: 'u-flo',
    user_name: 'Flo',
    owner: false,
    permissions: { hasPresence: true, canSend: ['audio'], canReceive: { base: true }, canAdmin: false },
  });

  // Presence shows the session id the webhook gave.
  const presence = await call('GET', '/rooms/flow-room/presence');
  expect(presence.body.total_count).toBe(2);
  expect(presence.body.data).toEqual([
    expect.objectContaining({ id: flo, userId: 'u-flo', userName: 'Flo', room: 'flow-room' }),
    expect.objectContaining({ id: hostId }),
  ]);

  // Update Flo's permissions by that session id.
  const updated = await call('POST', '/rooms/flow-room/update-permissions', {
    data: { [flo]: { canSend: ['video', 'audio'], canAdmin: ['participants'] } },
  });
  expect(updated).toEqual({ status: 200, body: {} });
  const held = await call('GET', '/__admin/daily/rooms/flow-room', undefined, true);
  const floNow = (held.body.participants as { id: string; permissions: Record<string, unknown> }[]).find(
    (p) => p.id === flo,
  );
  expect(floNow?.permissions).toMatchObject({ canSend: ['video', 'audio'], canAdmin: ['participants'] });

  // Eject Flo: participant.left with the permissions Flo had.
  const ejected = await call('POST', '/rooms/flow-room/eject', { ids: [flo] });
  expect(ejected.body).toEqual({ ejectedIds: [flo] });
  const floLeft = await receiver.next(eventOf('participant.left', flo));
  expect((floLeft.body as Event).payload).toMatchObject({ permissions: { canSend: ['video', 'audio'] } });
  expect((await call('GET', '/rooms/flow-room/presence')).body.total_count).toBe(1);

  // Delete the room: the host leaves, and the meeting ends once the clock passes the delay.
  expect(await call('DELETE', '/rooms/flow-room')).toEqual({ status: 200, body: { deleted: true, name: 'flow-room' } });
  const hostLeft = await receiver.next(eventOf('participant.left', hostId));
  expect(hostLeft.signed).toBe(true);
  expect((await call('GET', '/rooms/flow-room')).status).toBe(404);
  await call('POST', '/__admin/clock', { advanceSeconds: 10 }, true);
  const ended = await receiver.next(eventOf('meeting.ended'));
  expect((ended.body as Event).payload.meeting_id).toBe((started.body as Event).payload.meeting_id);

  // Every attempt is in the control API, each delivered.
  const deliveries = (await call('GET', '/__admin/daily/webhook-deliveries', undefined, true)).body.deliveries as {
    kind: string;
    eventType: string | null;
    ok: boolean;
  }[];
  expect(deliveries.map((d) => [d.kind, d.eventType, d.ok])).toEqual([
    ['verification', null, true],
    ['event', 'meeting.started', true],
    ['event', 'participant.joined', true],
    ['event', 'participant.joined', true],
    ['event', 'participant.left', true],
    ['event', 'participant.left', true],
    ['event', 'meeting.ended', true],
  ]);
  expect(receiver.received.every((r) => r.signed)).toBe(true);
});

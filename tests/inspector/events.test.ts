/**
 * GET /__admin/events: every event matches its kind's schema (the reader checks each one), says
 * what changed and why, is filtered by namespace and kind, resumes with Last-Event-ID while the
 * events are still kept, and ends when the server closes.
 */
import { startServer, type RunningMock } from '../../mock-server/server';
import { checkedFetch } from '../helpers/client';
import { ofKind, openEvents, type EventReader } from '../helpers/events';
import {
  API_KEY,
  COMMUNITY,
  EMPTY_ROOM,
  GUEST,
  OFFICER_ACC,
  ROOM,
  SONORAN_KEY,
  SUPERVISOR_ACC,
  TEST_WORLD,
} from '../helpers/world';

let mock: RunningMock;
const readers: EventReader[] = [];

beforeEach(async () => {
  mock = await startServer({ port: 0, world: TEST_WORLD });
});
afterEach(async () => {
  for (const reader of readers.splice(0)) reader.close();
  await mock.close();
});

async function open(query?: string, headers?: Record<string, string>): Promise<EventReader> {
  const reader = await openEvents(mock.url, { ...(query !== undefined && { query }), ...(headers && { headers }) });
  readers.push(reader);
  return reader;
}

function dailyUpdate(data: unknown, namespace?: string): Promise<Response> {
  return checkedFetch(`${mock.url}/v1/rooms/${ROOM}/update-permissions`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${API_KEY}`,
      'Content-Type': 'application/json',
      ...(namespace !== undefined && { 'X-Perm-Mock-Namespace': namespace }),
    },
    body: JSON.stringify({ data }),
  });
}

function sonoranUpdate(accId: string, perm: number): Promise<Response> {
  return checkedFetch(`${mock.url}/api/servers/${COMMUNITY}/members/permissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiKey: SONORAN_KEY, userPerms: [{ accId, perm }] }),
  });
}

function control(path: string, method = 'GET', body?: unknown, namespace?: string): Promise<Response> {
  return checkedFetch(`${mock.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...(namespace !== undefined && { 'X-Perm-Mock-Namespace': namespace }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

describe('the events', () => {
  it('starts with a ready event that says what the stream carries', async () => {
    const reader = await open();
    expect(reader.events[0]).toMatchObject({
      id: undefined,
      kind: 'ready',
      data: { namespace: 'default', kinds: ['request', 'state', 'namespace', 'fault'], resumed: false },
    });
    expect(reader.events[0]?.data.bufferBytes).toBe(1024 * 1024);
  });

  it('sends a request event for a Daily update, then a state event naming the participant it changed', async () => {
    const reader = await open();
    expect((await dailyUpdate({ [GUEST]: { canSend: ['audio'] } })).status).toBe(200);
    const request = await reader.next((e) => e.kind === 'request');
    expect(request.data).toMatchObject({
      namespace: 'default',
      api: 'daily',
      operation: 'daily.updatePermissions',
      status: 200,
      valid: true,
      changed: 1,
    });
    const state = await reader.next((e) => e.kind === 'state');
    expect(state.data).toMatchObject({
      namespace: 'default',
      cause: { kind: 'request', requestId: request.data.id, operation: 'daily.updatePermissions' },
      all: false,
      touched: [{ api: 'daily', kind: 'participant', room: ROOM, id: GUEST }],
    });
    expect(Number(state.id)).toBeGreaterThan(Number(request.id));
  });

  it('carries the verdict, the warnings and the reason of a request that broke its contract', async () => {
    const reader = await open();
    await dailyUpdate({ 'u-guest': { canSend: 'yes' } });
    const request = await reader.next((e) => e.kind === 'request');
    expect(request.data.valid).toBe(false);
    expect((request.data.violations as string[]).length).toBeGreaterThan(0);
    expect(request.data.reason).toMatchObject({ code: expect.any(String) as string });
    expect(ofKind(reader, 'state')).toEqual([]);
  });

  it('says a user id was used as a session id in the warnings of the request event', async () => {
    const reader = await open();
    await dailyUpdate({ 'u-guest': { canSend: false } });
    const request = await reader.next((e) => e.kind === 'request');
    expect((request.data.warnings as string[]).join(' ')).toMatch(/userId of participant p-guest/);
    expect(request.data.changed).toBe(0);
  });

  it('names the Sonoran member a set-member-permissions changed', async () => {
    const reader = await open();
    expect((await sonoranUpdate(OFFICER_ACC, 34)).status).toBe(200);
    const state = await reader.next((e) => e.kind === 'state');
    expect(state.data.touched).toEqual([{ api: 'sonoran', kind: 'member', community: COMMUNITY, id: OFFICER_ACC }]);
  });

  it('names what a control-API call changed: a join, and a radio user connecting', async () => {
    const reader = await open();
    expect((await control(`/__admin/daily/rooms/${ROOM}/participants`, 'POST', { id: 'p-new' })).status).toBe(201);
    const join = await reader.next((e) => e.kind === 'state');
    expect(join.data).toMatchObject({
      cause: { kind: 'control', operation: 'admin.joinDailyParticipant' },
      touched: [{ api: 'daily', kind: 'participant', room: ROOM, id: 'p-new' }],
    });
    const connect = await control(`/__admin/sonoran/communities/${COMMUNITY}/rooms/1/users`, 'POST', {
      identity: SUPERVISOR_ACC,
      transmit: [1],
    });
    expect(connect.status).toBe(201);
    const radio = await reader.next(
      (e) => e.kind === 'state' && (e.data.cause as { operation?: string }).operation === 'admin.connectSonoranUser',
    );
    expect(radio.data.touched).toEqual([
      { api: 'sonoran', kind: 'radioUser', community: COMMUNITY, radioRoom: 1, id: SUPERVISOR_ACC },
    ]);
  });

  it('tells when faults are armed, fire and are cleared', async () => {
    const reader = await open();
    const armed = await control('/__admin/faults', 'POST', { api: 'daily', status: 500 });
    const { id } = (await armed.json()) as { id: string };
    expect((await reader.next((e) => e.kind === 'fault')).data).toMatchObject({ action: 'armed', ids: [id] });
    expect((await dailyUpdate({ [GUEST]: { canSend: false } })).status).toBe(500);
    const fired = await reader.next((e) => e.kind === 'fault' && e.data.action === 'fired');
    expect(fired.data).toMatchObject({ ids: [id], armed: [] });
    await control('/__admin/faults', 'POST', { api: 'sonoran', status: 500 });
    await control('/__admin/faults', 'DELETE');
    const cleared = await reader.next((e) => e.kind === 'fault' && e.data.action === 'cleared');
    expect(cleared.data.armed).toEqual([]);
  });

  it('tells every client when a namespace is created and deleted', async () => {
    const reader = await open();
    expect((await control('/__admin/namespaces/team-a', 'PUT')).status).toBe(201);
    expect((await reader.next((e) => e.kind === 'namespace')).data).toEqual({
      namespace: 'team-a',
      action: 'created',
    });
    expect((await control('/__admin/namespaces/team-a', 'DELETE')).status).toBe(204);
    expect((await reader.next((e) => e.kind === 'namespace' && e.data.action === 'deleted')).data).toEqual({
      namespace: 'team-a',
      action: 'deleted',
    });
  });

  it('says a timer changed the state when an ejection fires as the clock is advanced', async () => {
    const put = await control(`/__admin/daily/rooms/${EMPTY_ROOM}`, 'PUT', {
      participants: [{ id: 'p-timed', willEjectAt: Math.floor(Date.now() / 1000) + 60 }],
    });
    expect(put.status).toBeLessThan(300);
    const reader = await open();
    await control('/__admin/clock', 'POST', { advanceSeconds: 120 });
    const timer = await reader.next((e) => e.kind === 'state' && (e.data.cause as { kind: string }).kind === 'timer');
    expect(timer.data.all).toBe(true);
  });
});

describe('filters', () => {
  it("carries only the request's namespace, unless all=true", async () => {
    const mine = await open(undefined, { 'X-Perm-Mock-Namespace': 'team-b' });
    const every = await open('all=true');
    expect(mine.events[0]?.data.namespace).toBe('team-b');
    expect(every.events[0]?.data.namespace).toBeNull();
    await dailyUpdate({ [GUEST]: { canSend: false } });
    await dailyUpdate({ [GUEST]: { canSend: false } }, 'team-b');
    const other = await every.next((e) => e.kind === 'request' && e.data.namespace === 'team-b');
    await mine.next((e) => e.kind === 'request');
    expect(ofKind(every, 'request').map((e) => e.data.namespace)).toEqual(['default', 'team-b']);
    expect(ofKind(mine, 'request').map((e) => e.data.id)).toEqual([other.data.id]);
    expect(ofKind(mine, 'request').every((e) => e.data.namespace === 'team-b')).toBe(true);
  });

  it('carries only the kinds asked for', async () => {
    const reader = await open('kinds=state');
    await dailyUpdate({ [GUEST]: { canSend: false } });
    await reader.next((e) => e.kind === 'state');
    expect(reader.events.map((e) => e.kind)).toEqual(['ready', 'state']);
  });

  it.each([['kinds=requests'], ['all=yes'], ['lastEventId=abc'], ['kinds=state&kinds=request']])(
    'refuses %s with a problem that says what is allowed',
    async (query) => {
      const res = await checkedFetch(`${mock.url}/__admin/events?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('MOCK_INVALID_QUERY');
    },
  );
});

describe('resuming with Last-Event-ID', () => {
  it('sends the events missed while they are still kept', async () => {
    const keeper = await open();
    const first = await open();
    await dailyUpdate({ [GUEST]: { canSend: false } });
    const seen = await first.next((e) => e.kind === 'state');
    first.close();
    await sonoranUpdate(OFFICER_ACC, 2);
    await keeper.next((e) => e.kind === 'state' && JSON.stringify(e.data.touched).includes(OFFICER_ACC));
    const again = await open(undefined, { 'Last-Event-ID': seen.id ?? '' });
    expect(again.events[0]?.data.resumed).toBe(true);
    const missed = await again.next((e) => e.kind === 'state');
    expect(missed.data.touched).toEqual([{ api: 'sonoran', kind: 'member', community: COMMUNITY, id: OFFICER_ACC }]);
    expect(again.events.filter((e) => e.id !== undefined).map((e) => Number(e.id))).toEqual(
      keeper.events.filter((e) => Number(e.id) > Number(seen.id)).map((e) => Number(e.id)),
    );
  });

  it('says it could not resume when events came while nobody was connected', async () => {
    const first = await open();
    await dailyUpdate({ [GUEST]: { canSend: false } });
    const seen = await first.next((e) => e.kind === 'state');
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the server see the close
    await sonoranUpdate(OFFICER_ACC, 2);
    const again = await open(undefined, { 'Last-Event-ID': seen.id ?? '' });
    expect(again.events[0]?.data.resumed).toBe(false);
  });
});

describe('the journal entry of a watched request', () => {
  it('holds the before and after of each entity the request changed', async () => {
    const reader = await open();
    const res = await dailyUpdate({ [GUEST]: { canSend: ['audio'] } });
    const id = res.headers.get('x-perm-mock-request-id') ?? '';
    await reader.next((e) => e.kind === 'state');
    const entry = await control(`/__admin/requests/${id}`);
    expect(entry.status).toBe(200);
    const { changes } = (await entry.json()) as {
      changes: { entities: { before: { permissions: unknown }; after: Record<string, unknown> }[]; omitted: number };
    };
    expect(changes.omitted).toBe(0);
    expect(changes.entities).toHaveLength(1);
    expect(changes.entities[0]).toMatchObject({
      api: 'daily',
      kind: 'participant',
      room: ROOM,
      id: GUEST,
      before: { permissions: { canSend: true } },
      after: { permissions: { canSend: ['audio'] }, joinPermissions: { canSend: true } },
    });
  });

  it('holds no changes when nobody watched (an unwatched mock does no extra work)', async () => {
    const res = await dailyUpdate({ [GUEST]: { canSend: ['audio'] } });
    const entry = await control(`/__admin/requests/${res.headers.get('x-perm-mock-request-id') ?? ''}`);
    expect(await entry.json()).not.toHaveProperty('changes');
  });

  it('is a 404 problem for an id the journal does not hold', async () => {
    const res = await control('/__admin/requests/999');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('MOCK_REQUEST_NOT_FOUND');
  });
});

describe('the stream and the server', () => {
  it('lists its clients with the bytes waiting for each', async () => {
    await open('kinds=request');
    const res = await control('/__admin/events/clients');
    const view = (await res.json()) as { clients: { kinds: string[]; bufferedBytes: number }[]; dropped: number };
    expect(view.clients).toHaveLength(1);
    expect(view.clients[0]?.kinds).toEqual(['request']);
    expect(view.dropped).toBe(0);
  });

  it('sends heartbeat comments when nothing happens', async () => {
    const quiet = await startServer({ port: 0, world: TEST_WORLD, eventsHeartbeatMs: 20 });
    try {
      const reader = await openEvents(quiet.url);
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (reader.comments.includes('heartbeat')) {
            clearInterval(poll);
            resolve();
          }
        }, 10);
      });
      reader.close();
    } finally {
      await quiet.close();
    }
  });

  it('ends its streams when the server closes, so the shutdown does not wait for them', async () => {
    const slow = await startServer({ port: 0, world: TEST_WORLD, shutdownGraceMs: 60_000 });
    const reader = await openEvents(slow.url);
    await slow.close(); // would wait the whole grace (past the test's timeout) if a stream held it
    await reader.ended;
    expect(slow.app.mock.eventStreams().clients).toEqual([]);
  });
});

/**
 * One request path: the function createApp returns is the server's only request listener, and
 * supertest calls that same function, so in-process tests exercise exactly what the socket serves.
 */
import { startServer } from '../../mock-server/server';
import { checkedFetch, http } from '../helpers/client';
import { API_KEY, GUEST, ROOM, TEST_WORLD } from '../helpers/world';

it('serves supertest and the real socket with the same handler and the same state', async () => {
  const mock = await startServer({ port: 0, world: TEST_WORLD });
  try {
    expect(mock.server.listeners('request')).toEqual([mock.app]);
    const headers = { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' };
    const body = (canSend: boolean) => JSON.stringify({ data: { [GUEST]: { canSend } } });

    const inProcess = await http(mock.app).post(`/v1/rooms/${ROOM}/update-permissions`).set(headers).send(body(false));
    const overSocket = await checkedFetch(`${mock.url}/v1/rooms/${ROOM}/update-permissions`, {
      method: 'POST',
      headers,
      body: body(true),
    });
    expect([inProcess.status, overSocket.status]).toEqual([200, 200]);
    // One journal, one sequence of request ids: both calls reached the same dispatcher and state.
    expect(inProcess.headers['x-perm-mock-request-id']).toBe('1');
    expect(overSocket.headers.get('x-perm-mock-request-id')).toBe('2');
    expect((await mock.requests()).map((entry) => entry.request.body)).toEqual([
      JSON.parse(body(false)),
      JSON.parse(body(true)),
    ]);
    const guest = (await mock.state()).daily.rooms[0]?.participants.find((p) => p.id === GUEST);
    expect(guest?.permissions.canSend).toBe(true);
  } finally {
    await mock.close();
  }
});

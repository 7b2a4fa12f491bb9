/**
 * Worlds and state files across the call model: a world written before rooms had ids, domains and
 * webhooks still loads, with the same defaults every time; a state file keeps the domain, the
 * webhook, the meetings and the eject times, and an ejection still happens after a restart.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';

import { createApp } from '../../mock-server/app';
import { buildTestApp, stateText } from '../helpers/app';
import { http } from '../helpers/client';
import { advance, daily, join, makeToken } from '../helpers/daily';
import { API_KEY, NOW } from '../helpers/world';

const OLD_WORLD = {
  daily: {
    apiKeys: [API_KEY],
    rooms: [
      {
        name: 'legacy',
        privacy: 'public' as const,
        createdAt: '2025-12-31T09:00:00.000Z',
        participants: [
          {
            id: 'p1',
            userId: 'u1',
            userName: 'One',
            owner: false,
            joinTime: '2026-01-01T10:00:00.000Z',
            permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false },
          },
        ],
      },
      { name: 'empty', privacy: 'private' as const, createdAt: '2025-12-31T09:00:00.000Z', participants: [] },
    ],
  },
  sonoran: { communities: [] },
};

describe('a world written before rooms had ids', () => {
  it('loads with the defaults filled in: a domain, room ids, empty configs, a meeting for the live call', async () => {
    const app = buildTestApp({ world: OLD_WORLD });
    const state = JSON.parse(await stateText(app)) as { daily: Record<string, unknown> };
    expect(state.daily).toEqual({
      apiKeys: [API_KEY],
      domain: { name: 'perm-mock', id: expect.stringMatching(/^[0-9a-f-]{36}$/), config: {} },
      rooms: [
        expect.objectContaining({
          name: 'legacy',
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          apiCreated: false,
          config: {},
          session: expect.objectContaining({ startedAt: '2026-01-01T10:00:00.000Z', banned: [], data: {} }),
        }),
        expect.objectContaining({ name: 'empty', config: {}, session: null }),
      ],
      webhooks: [],
    });
    expect((await daily(app, 'get', '/rooms/legacy/presence')).body.data).toEqual([
      expect.objectContaining({ id: 'p1', userId: 'u1' }),
    ]);
  });

  it('loads the same way every time: after a reset, in a new namespace, in another app', async () => {
    const app = buildTestApp({ world: OLD_WORLD });
    const first = await stateText(app);
    await daily(app, 'post', '/rooms', { name: 'extra' });
    await http(app).post('/__admin/reset');
    expect(await stateText(app)).toBe(first);
    expect(JSON.stringify(app.mock.namespace('other').state())).toBe(first);
    expect(await stateText(buildTestApp({ world: OLD_WORLD }))).toBe(first);
  });
});

describe('a state file', () => {
  it('keeps the domain, the rooms, the session data of the meeting and the eject times, and ejects after a restart', async () => {
    const file = joinPath(mkdtempSync(joinPath(tmpdir(), 'perm-mock-daily-')), 'state.json');
    let now = NOW.getTime();
    const clock = () => new Date(now);
    const first = createApp({ world: OLD_WORLD, clock, stateFile: file });
    await daily(first, 'post', '/', { properties: { lang: 'de' } });
    await daily(first, 'post', '/rooms', { name: 'timed', properties: { enable_chat: true } });
    const token = await makeToken(first, { eject_after_elapsed: 60 });
    expect((await join(first, 'timed', { id: 'leaves-later', token })).status).toBe(201);
    await daily(first, 'post', '/rooms/timed/set-session-data', { data: { kept: true } });
    first.mock.flush();
    const written = JSON.parse(readFileSync(file, 'utf8')) as { daily: { rooms: { name: string }[] } };
    expect(written.daily.rooms.map((r) => r.name)).toEqual(['legacy', 'empty', 'timed']);

    now += 30_000;
    const second = createApp({ world: OLD_WORLD, clock, stateFile: file });
    expect((await daily(second, 'get', '/')).body.config.lang).toBe('de');
    expect((await daily(second, 'get', '/rooms/timed/get-session-data')).body).toEqual({ data: { kept: true } });
    const room = (await http(second).get('/__admin/daily/rooms/timed')).body;
    expect(room.participants[0]).toMatchObject({ id: 'leaves-later', willEjectAt: NOW.getTime() / 1000 + 60 });
    await advance(second, 29);
    expect((await http(second).get('/__admin/daily/rooms/timed')).body.participants).toHaveLength(1);
    await advance(second, 1);
    expect((await http(second).get('/__admin/daily/rooms/timed')).body.participants).toEqual([]);
  });
});

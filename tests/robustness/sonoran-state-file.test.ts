/**
 * --state-file with Sonoran Radio: every kind of change (members, sessions, zones, speakers, tones,
 * the server, transmissions) is written before it is acknowledged and is there after a restart; a
 * refused request writes nothing.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createApp } from '../../mock-server/app';
import {
  BANNED,
  DISPATCH,
  OFFICER,
  RC,
  RC_KEY,
  send,
  SONORAN_NOW,
  SONORAN_WORLD,
  SUPERVISOR,
  v2,
} from '../helpers/sonoran-world';

const S = `/v2/servers/${RC}`;
const app = (stateFile: string) => createApp({ world: SONORAN_WORLD, clock: () => SONORAN_NOW, stateFile });

it('keeps every Sonoran change across a restart', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'perm-mock-sonoran-')), 'state.json');
  const first = app(file);
  const calls = [
    await v2(first, `${S}/members/permissions`, {
      method: 'PATCH',
      body: { userPerms: [{ accId: OFFICER, perm: 34, profilePerms: [{ profileId: 12, canJoin: true }] }] },
    }),
    await v2(first, `${S}/members/ban`, { body: { accIds: [SUPERVISOR] } }),
    await v2(first, `${S}/members/unban`, { body: { accIds: [BANNED] } }),
    await send(first, `/__admin/sonoran/communities/${RC}/rooms/2/users`, {
      body: { identity: DISPATCH, transmit: [1] },
    }),
    await v2(first, `${S}/rooms/2/zones/degrade`, {
      body: {
        zone: { center: { x: 0, y: 0 }, radius: 5, options: { name: 'Tunnel', minZ: 0, maxZ: 1, degradeStrength: 1 } },
      },
    }),
    await v2(first, `${S}/speakers`, { method: 'PUT', body: { locations: [{ label: 'Pier', id: 'PIER' }] } }),
    await v2(first, `${S}/tones/play`, { body: { tones: [1], playTo: [{ type: 'game', value: 'PIER' }] } }),
    await v2(first, `${S}/server-ip`, { body: { serverPort: 30120, pushUrl: 'http://127.0.0.1:9/none' } }),
    await send(first, '/radio/set-user-display-name', {
      body: { id: RC, key: RC_KEY, identity: OFFICER, displayName: 'Sgt' },
    }),
    await send(first, `/__admin/sonoran/communities/${RC}/transmissions`, {
      body: { transmissions: [{ account: OFFICER, channelId: 1 }] },
    }),
  ];
  expect(calls.map((c) => c.status)).toEqual([200, 200, 200, 201, 201, 200, 200, 200, 200, 201]);

  const second = app(file);
  expect(second.mock.state()).toEqual(first.mock.state());
  const [community] = second.mock.state().sonoran.communities;
  expect(community?.rooms?.[1]?.users.map((u) => u.identity)).toEqual([DISPATCH]);
  expect(community?.rooms?.[1]?.degradeZones.map((z) => z.options.name)).toEqual(['Tunnel']);
  expect(community?.tones).toHaveLength(1);
  expect(community?.transmissions).toHaveLength(1);
  // A new access row still gets a fresh id after the restart.
  await v2(second, `${S}/members/permissions`, {
    method: 'PATCH',
    body: { userPerms: [{ accId: DISPATCH, perm: 0, profilePerms: [{ profileId: 13, canJoin: true }] }] },
  });
  const ids = second.mock.state().sonoran.communities[0]?.members.flatMap((m) => m.profilePerms.map((p) => p.id));
  expect(new Set(ids).size).toBe(ids?.length);
});

it('writes nothing for refused requests or reads', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'perm-mock-sonoran-')), 'state.json');
  const mock = app(file);
  await v2(mock, `${S}/channels`);
  await v2(mock, `${S}/members?status=banned`);
  await v2(mock, `${S}/members/kick`, { body: { accIds: 'x' } });
  await send(mock, `/api/servers/${RC}/members/ban`, { body: { apiKey: 'wrong', accIds: [OFFICER] } });
  await v2(mock, `${S}/rooms/1/users/${DISPATCH}/channels`, { method: 'PATCH', body: { transmit: [1] } });
  expect(readdirSync(join(file, '..'))).toEqual([]);
});

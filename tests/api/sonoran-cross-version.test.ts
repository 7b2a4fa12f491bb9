/**
 * v1 and v2 are two views of one community: every act done through one version is what the other
 * version reads next (permissions, approval, kick, ban, unban, names, channels, zones, speakers,
 * tones, the server).
 */
import type { PermMockApp } from '../../mock-server/app';
import {
  BANNED,
  buildRadioApp,
  CH,
  community,
  OFFICER,
  PENDING,
  RC,
  RC_KEY,
  send,
  SUPERVISOR,
  v2,
} from '../helpers/sonoran-world';

const S = `/v2/servers/${RC}`;
const radio = (route: string, ...rest: (string | number)[]) =>
  `/api/radio/${route}/${RC}/${RC_KEY}${rest.map((r) => `/${r}`).join('')}`;

async function v2Member(app: PermMockApp, accId: string) {
  const res = await v2(app, `${S}/members?search=${accId}`);
  return (res.body.members as { accId: string }[]).find((m) => m.accId === accId) as
    Record<string, unknown> | undefined;
}

async function v1Users(app: PermMockApp) {
  return (await send(app, radio('get-connected-users'))).body.connectedUsers as {
    identity: string;
    name: string;
    metadata: { state?: { primaryChId?: number; scannedChIds?: number[] } };
  }[];
}

async function v2Users(app: PermMockApp) {
  return (await v2(app, `${S}/connected-users`)).body.connectedUsers as { identity: string; name: string }[];
}

describe('a v2 change is seen by v1', () => {
  it('PATCH permissions (v2) is the mask and access v1 applies on top of', async () => {
    const app = buildRadioApp();
    await v2(app, `${S}/members/permissions`, {
      method: 'PATCH',
      body: { userPerms: [{ accId: OFFICER, perm: 96, profilePerms: [{ profileId: CH.tactical, canJoin: true }] }] },
    });
    // v1 reads no mask, but its set-user-channels honours the access v2 granted: no warning now.
    const res = await send(app, radio('set-user-channels', 1, OFFICER), { body: { transmit: [CH.tactical] } });
    expect(res.status).toBe(200);
    expect(res.headers['x-perm-mock-warnings']).toBeUndefined();
    expect((await v1Users(app)).find((u) => u.identity === OFFICER)?.metadata.state?.primaryChId).toBe(CH.tactical);
  });

  it('kick and ban (v2) disconnect the users v1 lists', async () => {
    const app = buildRadioApp();
    await v2(app, `${S}/members/kick`, { body: { accIds: [OFFICER] } });
    await v2(app, `${S}/members/ban`, { body: { accIds: [SUPERVISOR] } });
    expect(await v1Users(app)).toEqual([]);
    const user = await send(app, radio('get-connected-user', 1, OFFICER));
    expect(user.status).toBe(404);
  });

  it('set user channels (v2) are the channels in v1 metadata', async () => {
    const app = buildRadioApp();
    await v2(app, `${S}/rooms/1/users/${SUPERVISOR}/channels`, {
      method: 'PATCH',
      body: { transmit: [CH.ems], scan: [CH.dispatch, CH.ems] },
    });
    expect((await v1Users(app)).find((u) => u.identity === SUPERVISOR)?.metadata.state).toMatchObject({
      primaryChId: CH.ems,
      scannedChIds: [CH.dispatch],
    });
  });

  it('set user display name (v2) is the live name v1 shows', async () => {
    const app = buildRadioApp();
    await v2(app, `${S}/users/display-name`, {
      method: 'PATCH',
      body: { accId: OFFICER, displayName: 'Chief Miller' },
    });
    expect((await v1Users(app)).find((u) => u.identity === OFFICER)?.name).toBe('Chief Miller');
  });

  it('server ip (v2) answers v1 subscription-by-IP; speakers (v2) are v1 tone targets', async () => {
    const app = buildRadioApp({ strict: true });
    await v2(app, `${S}/server-ip`, { body: { serverPort: 30120 } });
    expect((await send(app, '/radio/check-server-subscription')).body).toEqual({ result: 'ok', subscription: 1 });
    await v2(app, `${S}/speakers`, { method: 'PUT', body: { locations: [{ label: 'Pier', id: 'PIER' }] } });
    const tone = { id: RC, key: RC_KEY, roomId: 1, tones: [3], playTo: [{ type: 'game', value: 'PIER' }] };
    expect((await send(app, '/api/play-tone', { body: tone })).status).toBe(200);
    const old = await send(app, '/api/play-tone', {
      body: { ...tone, playTo: [{ type: 'game', value: 'STATION_1' }] },
    });
    expect(old.status).toBe(400);
  });
});

describe('a v1 change is seen by v2', () => {
  it('set member permissions (v1) is the mask v2 lists', async () => {
    const app = buildRadioApp();
    await send(app, `/api/servers/${RC}/members/permissions`, {
      body: {
        apiKey: RC_KEY,
        userPerms: [{ accId: OFFICER, perm: 34, profilePerms: [{ profileId: CH.command, canJoin: true }] }],
      },
    });
    expect(await v2Member(app, OFFICER)).toMatchObject({
      permission: 34,
      profilePerms: [
        { id: 5, profileId: CH.command, canJoin: true },
        { id: 4, profileId: CH.tactical, canJoin: false },
      ],
    });
  });

  it('approve, ban and unban (v1 and v2) move a member through the statuses v2 filters by', async () => {
    const app = buildRadioApp();
    const ids = async (status: string) =>
      ((await v2(app, `${S}/members?status=${status}`)).body.members as { accId: string }[]).map((m) => m.accId);
    await send(app, `/api/servers/${RC}/members/approve`, { body: { apiKey: RC_KEY, accIds: [PENDING] } });
    expect(await ids('approved')).toContain(PENDING);
    await send(app, `/api/servers/${RC}/members/ban`, { body: { apiKey: RC_KEY, accIds: [PENDING] } });
    expect(await ids('banned')).toEqual([PENDING, BANNED]);
    await v2(app, `${S}/members/unban`, { body: { accIds: [PENDING] } });
    expect(await ids('pending')).toEqual([PENDING]);
    expect((await v2(app, `${S}/members/approve`, { body: { accIds: [PENDING] } })).body).toEqual({
      approvedAccIds: [PENDING],
    });
    expect(await ids('pending')).toEqual([]);
  });

  it('kick (v1) removes the member from v2 lists and sessions', async () => {
    const app = buildRadioApp();
    await send(app, `/api/servers/${RC}/members/kick`, { body: { apiKey: RC_KEY, accIds: [SUPERVISOR] } });
    expect(await v2Member(app, SUPERVISOR)).toBeUndefined();
    expect((await v2Users(app)).map((u) => u.identity)).toEqual([OFFICER]);
    expect((await v2(app, `${S}/rooms/1/users/${SUPERVISOR}`)).status).toBe(404);
  });

  it('nicknames (v1) are the displayName v2 lists; set-user-display-name (v1) the live name v2 shows', async () => {
    const app = buildRadioApp();
    await send(app, `/api/servers/${RC}/members/nicknames`, {
      body: { apiKey: RC_KEY, accNicknames: [{ accId: OFFICER, nickname: 'Unit 12' }] },
    });
    expect((await v2Member(app, OFFICER))?.displayName).toBe('Unit 12');
    await send(app, '/radio/set-user-display-name', {
      body: { id: RC, key: RC_KEY, identity: OFFICER, displayName: 'Sgt' },
    });
    expect((await v2(app, `${S}/rooms/1/users/${OFFICER}`)).body.name).toBe('Sgt');
  });

  it('set user channels (v1) are the channels v2 reports', async () => {
    const app = buildRadioApp();
    await send(app, radio('set-user-channels', OFFICER), { body: { transmit: CH.fire, scan: [CH.ems] } });
    const res = await v2(app, `${S}/rooms/1/users/${OFFICER}/channels`, { method: 'PATCH', body: {} });
    expect(res.body).toEqual({ identity: OFFICER, roomId: 1, transmit: [CH.fire], scan: [CH.ems] });
  });

  it('tones played through either version land in one log, in order', async () => {
    const app = buildRadioApp();
    await send(app, '/api/play-tone', {
      body: { id: RC, key: RC_KEY, roomId: 1, tones: [1], playTo: [{ type: 'channel', value: 1 }] },
    });
    await v2(app, `${S}/tones/play`, { body: { roomId: 2, tones: [2], playTo: [{ type: 'group', value: 1 }] } });
    expect((await community(app)).tones.map((t) => [t.via, t.roomId])).toEqual([
      ['v1', 1],
      ['v2', 2],
    ]);
  });

  it('set-server-ip (v1) is the push URL v2 server-ip keeps when it names none', async () => {
    const app = buildRadioApp();
    await send(app, '/radio/set-server-ip', {
      body: { id: RC, key: RC_KEY, pushUrl: 'http://127.0.0.1:30120/sonoranradio' },
    });
    const res = await v2(app, `${S}/server-ip`, { body: { serverPort: 30120 } });
    expect(res.body).toEqual({ roomId: 1, pushUrl: 'http://127.0.0.1:30120/sonoranradio' });
  });
});

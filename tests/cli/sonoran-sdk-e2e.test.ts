/**
 * End to end, as a Sonoran.js integration runs: the real command (compiled, its default world, a
 * free port), a client shaped like the SDK (examples/sonoran-client/radio-client.ts) built from what
 * the banner prints. It constructs (the readiness probe), lists members, sets permissions through v1
 * and v2, approves, renames, sets user channels, manages zones, plays tones, kicks, bans and unbans,
 * and checks the state after each step through the API itself and the control API.
 */
import { createRadioClient, RadioSetupError, type RadioClient } from '../../examples/sonoran-client/radio-client';
import { checkedFetch } from '../helpers/client';
import { runCli, type RunningCli } from '../helpers/process';

let cli: RunningCli;
let base: string;
let communityId: string;
let apiKey: string;
let radio: RadioClient;

interface AdminCommunity {
  members: {
    accId: string;
    permission: number;
    approved: boolean;
    pending: boolean;
    banned: boolean;
    displayName: string;
  }[];
  rooms: { id: number; users: { identity: string; name: string; transmit: number[]; scan: number[] }[] }[];
  tones: { via: string; roomId: number }[];
}

async function admin(): Promise<AdminCommunity> {
  const res = await checkedFetch(`${base}/__admin/sonoran/communities/${communityId}`);
  return (await res.json()) as AdminCommunity;
}

beforeAll(async () => {
  cli = runCli(['--port', '0', '--log-level', 'warn']);
  const banner = await cli.waitFor(/Press Ctrl-C to stop\./);
  base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
  const printed = /community (\S+) +apiKey (\S+)/.exec(banner);
  communityId = printed?.[1] ?? '';
  apiKey = printed?.[2] ?? '';
  radio = createRadioClient({ radioApiUrl: base, communityId, apiKey, radioRoomId: 1 });
});

afterAll(async () => {
  cli.child.kill('SIGINT');
  await cli.exited;
});

describe('a Sonoran.js-shaped client against `perm-mock` with its default world', () => {
  it('starts: the readiness probe (GET /v2/servers/:id/channels with Bearer) succeeds', async () => {
    await expect(radio.ready).resolves.toBe(true);
    const channels = await radio.getCommunityChannelsV2();
    expect(channels.success && channels.data.channels.some((c) => c.private)).toBe(true);
  });

  it('fails to start with a wrong key, reporting why', async () => {
    const wrong = createRadioClient({ radioApiUrl: base, communityId, apiKey: 'not-the-key' });
    await expect(wrong.ready).rejects.toBeInstanceOf(RadioSetupError);
    await expect(wrong.ready).rejects.toMatchObject({ reason: { status: 401, detail: 'API key is invalid.' } });
  });

  // The steps share one mock, in order, like one script.
  let officer = '';
  let supervisor = '';
  let pending = '';
  let banned = '';

  it('lists members: every status is there', async () => {
    const all = await radio.getMembersV2({ perPage: 100 });
    if (!all.success) throw new Error(JSON.stringify(all.reason));
    expect(all.data.pagination.total).toBe(6);
    const one = async (status: string) => {
      const res = await radio.getMembersV2({ status });
      if (!res.success) throw new Error('list failed');
      return res.data.members.map((m) => m.accId);
    };
    pending = (await one('pending'))[0] ?? '';
    banned = (await one('banned'))[0] ?? '';
    const users = (await admin()).rooms[0]?.users ?? [];
    [supervisor, officer] = users.map((u) => u.identity) as [string, string];
    expect([pending, banned, supervisor, officer].every((id) => id !== undefined && id !== '')).toBe(true);
  });

  it('sets permissions through v1, then through v2; each read back', async () => {
    expect(
      await radio.setMemberPermissions([
        { accId: officer, perm: 34, profilePerms: [{ profileId: 13, canJoin: true }] },
      ]),
    ).toEqual({ success: true, result: 'ok' });
    expect((await admin()).members.find((m) => m.accId === officer)?.permission).toBe(34);
    const v2 = await radio.setMemberPermissionsV2([{ accId: officer, perm: 96 }]);
    expect(v2).toEqual({ success: true, data: { updatedAccIds: [officer] } });
    const listed = await radio.getMembersV2({ search: officer });
    expect(listed.success && listed.data.members[0]).toMatchObject({
      permission: 96,
      profilePerms: expect.arrayContaining([expect.objectContaining({ profileId: 13, canJoin: true })]),
    });
  });

  it('approves the pending member', async () => {
    expect(await radio.approveMembersV2([pending])).toEqual({ success: true, data: { approvedAccIds: [pending] } });
    expect((await admin()).members.find((m) => m.accId === pending)).toMatchObject({ approved: true, pending: false });
  });

  it('renames a connected user: its member name and live name', async () => {
    expect(await radio.setUserDisplayNameV2(officer, 'Chief Miller')).toEqual({
      success: true,
      data: { accId: officer, displayName: 'Chief Miller' },
    });
    const live = await radio.getConnectedUserV2(officer);
    expect(live).toEqual({ success: true, data: expect.objectContaining({ name: 'Chief Miller', state: 'ACTIVE' }) });
    expect(await radio.setUserDisplayName(officer, 'Sgt Stone')).toEqual({ success: true, result: 'ok' });
    expect((await admin()).rooms[0]?.users.find((u) => u.identity === officer)?.name).toBe('Sgt Stone');
  });

  it("sets a user's channels through v2 and v1, including a private channel it may join", async () => {
    const v2 = await radio.setUserChannelsV2(officer, { transmit: [13], scan: [13, 1, 2] });
    expect(v2).toEqual({ success: true, data: { identity: officer, roomId: 1, transmit: [13], scan: [1, 2] } });
    expect(await radio.setUserChannels(1, officer, { transmit: 1 })).toEqual({ success: true, result: 'ok' });
    expect((await admin()).rooms[0]?.users.find((u) => u.identity === officer)).toMatchObject({
      transmit: [1],
      scan: [2],
    });
    const v1Read = await radio.getConnectedUser(1, officer);
    expect(v1Read.success && v1Read.result).toBe('ok');
  });

  it('creates, replaces and deletes a zone', async () => {
    const zone = {
      points: [
        { x: 0, y: 0 },
        { x: 0, y: 50 },
        { x: 50, y: 50 },
      ],
      options: { name: 'Harbor', minZ: 0, maxZ: 30, transmitChannels: [2], scanChannels: [], acePerms: [] },
    };
    expect((await radio.createZoneV2('geo', zone)).success).toBe(true);
    expect(
      await radio.updateZoneV2('geo', 'Harbor', { ...zone, options: { ...zone.options, maxZ: 60 } }),
    ).toMatchObject({ success: true });
    const zones = await radio.getZonesV2();
    expect(zones.success && zones.data.geoZones.map((z) => z.options.name)).toEqual(['Downtown', 'Harbor']);
    expect(await radio.deleteZoneV2('geo', 'Harbor')).toMatchObject({
      success: true,
      data: { geoZones: [expect.objectContaining({ options: expect.objectContaining({ name: 'Downtown' }) })] },
    });
  });

  it('plays tones through both versions; the control API has them', async () => {
    expect(await radio.playToneV2([12], [{ type: 'game', value: 'STATION_1' }])).toEqual({
      success: true,
      data: { roomId: 1, played: true },
    });
    expect(await radio.playTone(1, [3], [{ type: 'channel', value: 1 }])).toEqual({ success: true, result: 'ok' });
    expect((await admin()).tones.map((t) => t.via)).toEqual(['v2', 'v1']);
  });

  it('kicks a connected member: gone from the community and the radio', async () => {
    expect(await radio.kickMembersV2([officer])).toEqual({ success: true, data: { kickedAccIds: [officer] } });
    const users = await radio.getConnectedUsersV2();
    expect(users.success && users.data.connectedUsers.map((u) => u.identity)).toEqual([supervisor]);
    expect((await admin()).members.some((m) => m.accId === officer)).toBe(false);
  });

  it('bans a connected member through v1, then unbans it through v2 (pending again)', async () => {
    expect(await radio.banMembers([supervisor])).toEqual({ success: true, result: 'ok' });
    expect((await admin()).members.find((m) => m.accId === supervisor)).toMatchObject({
      banned: true,
      approved: false,
    });
    const users = await radio.getConnectedUsers();
    expect(users.success && users.result).toBe('ok');
    expect((await admin()).rooms[0]?.users).toEqual([]);
    expect(await radio.unbanMembersV2([supervisor, banned])).toEqual({
      success: true,
      data: { unbannedAccIds: [supervisor, banned] },
    });
    expect((await admin()).members.find((m) => m.accId === supervisor)).toMatchObject({ banned: false, pending: true });
  });

  it("reports v1's documented errors the SDK's way (a 404 JSON body is a 'successful' call)", async () => {
    const wrong = createRadioClient({ radioApiUrl: base, communityId, apiKey: 'nope' });
    expect(await wrong.approveMembers([pending])).toEqual({ success: true, result: 'bad' });
    const v2 = await radio.getConnectedUserV2('nobody');
    expect(v2).toEqual({ success: false, reason: expect.objectContaining({ status: 404 }) });
  });

  it('kept every request within its contract', async () => {
    const res = await checkedFetch(`${base}/__admin/requests?api=sonoran&valid=false`);
    const { requests } = (await res.json()) as { requests: { method: string; path: string; contract: unknown }[] };
    expect(requests.filter((r) => !r.path.includes('nope') && !r.path.includes('nobody'))).toEqual([]);
  });
});

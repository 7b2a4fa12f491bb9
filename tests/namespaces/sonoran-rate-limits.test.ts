/**
 * Sonoran Radio v2's rate limits: per API key and per endpoint, with the published figures, off by
 * default, switched on per namespace (PUT /__admin/rate-limits) or for every namespace (the flag);
 * over a limit, a 429 problem with Retry-After. Windows run on the namespace clock.
 */
import { http } from '../helpers/client';

import { OPERATIONS, RATE_BUCKETS } from '../../contracts/operations';
import { REASON_HEADER } from '../../mock-server/http/diagnostics';
import { MAX_RATE_LIMITERS, RateLimits } from '../../mock-server/rate-limit';
import { bearer, buildRadioApp, OFFICER, OTHER, OTHER_KEY, RC, send, v2 } from '../helpers/sonoran-world';

const S = `/v2/servers/${RC}`;
const patch = (app: ReturnType<typeof buildRadioApp>, key?: string) =>
  send(app, `${key === OTHER_KEY ? `/v2/servers/${OTHER}` : S}/members/permissions`, {
    method: 'PATCH',
    body: { userPerms: [{ accId: OFFICER, perm: 2 }] },
    headers: bearer(key),
  });

describe('the published figures', () => {
  it.each([
    ['sonoran.getCommunityChannelsV2', 6],
    ['sonoran.getMembersV2', 15],
    ['sonoran.setMemberPermissionsV2', 4],
    ['sonoran.approveMembersV2', 12],
    ['sonoran.kickMembersV2', 4],
    ['sonoran.banMembersV2', 4],
    ['sonoran.unbanMembersV2', 4],
    ['sonoran.setMemberDisplayNamesV2', 4],
    ['sonoran.getConnectedUsersV2', 6],
    ['sonoran.getConnectedUserV2', 12],
    ['sonoran.setUserChannelsV2', 6],
    ['sonoran.setUserDisplayNameV2', 12],
    ['sonoran.getTransmissionsV2', 12],
    ['sonoran.getZonesV2', 12],
    ['sonoran.createZoneV2', 30],
    ['sonoran.updateZoneV2', 30],
    ['sonoran.deleteZoneV2', 30],
    ['sonoran.playToneV2', 12],
    ['sonoran.setInGameSpeakerLocationsV2', 2],
    ['sonoran.setServerIpV2', 2],
    ['sonoran.getServerSubscriptionFromIpV2', 2],
  ])('%s: %i a minute, per key', (id, limit) => {
    const bucket = RATE_BUCKETS.get(OPERATIONS.get(id)?.rateLimit ?? '');
    expect(bucket).toMatchObject({ windows: [{ limit, seconds: 60 }], per: 'key' });
  });
});

describe('switched on', () => {
  it('is off by default', async () => {
    const app = buildRadioApp();
    for (let i = 0; i < 8; i += 1) expect((await patch(app)).status).toBe(200);
  });

  it('limits each key on its own, per endpoint, and answers a 429 problem with Retry-After', async () => {
    const app = buildRadioApp();
    const on = await http(app).put('/__admin/rate-limits').send({ sonoran: true });
    expect(on.status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await patch(app)).status).toBe(200);
    const limited = await patch(app);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({
      type: 'https://httpstatuses.com/429',
      title: 'Too Many Requests',
      status: 429,
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(String(limited.headers[REASON_HEADER.toLowerCase()])).toMatch(/^SONORAN_RATE_LIMITED: /);
    // Another key has its own bucket; another endpoint of the same key too.
    expect((await patch(app, OTHER_KEY)).status).not.toBe(429);
    expect((await v2(app, `${S}/members`)).status).toBe(200);
  });

  it('opens again when the window has passed on the namespace clock', async () => {
    const app = buildRadioApp({ sonoranRateLimit: true, clock: () => new Date('2026-01-01T12:00:00.000Z') });
    for (let i = 0; i < 2; i += 1)
      expect((await v2(app, `${S}/speakers`, { method: 'PUT', body: { locations: [] } })).status).toBe(200);
    expect((await v2(app, `${S}/speakers`, { method: 'PUT', body: { locations: [] } })).status).toBe(429);
    await http(app).post('/__admin/clock').send({ advanceSeconds: 61 });
    expect((await v2(app, `${S}/speakers`, { method: 'PUT', body: { locations: [] } })).status).toBe(200);
  });

  it('counts subscription-by-IP, which takes no key, per caller address', async () => {
    const app = buildRadioApp({ sonoranRateLimit: true });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await send(app, '/v2/server-subscriptions/by-ip')).status);
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('leaves v1 as it was: only set-member-permissions has a (namespace-wide) bucket', async () => {
    const app = buildRadioApp({ sonoranRateLimit: true });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      statuses.push((await send(app, `/api/radio/get-community-channels/${RC}/radio-key-1`)).status);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('is per namespace', async () => {
    const app = buildRadioApp();
    await http(app).put('/ns/limited/__admin/rate-limits').send({ sonoran: true });
    const inNs = (i: number) =>
      send(app, `/ns/limited${S}/speakers`, {
        method: 'PUT',
        body: { locations: [{ label: String(i), id: String(i) }] },
        headers: bearer(),
      });
    expect([(await inNs(1)).status, (await inNs(2)).status, (await inNs(3)).status]).toEqual([200, 200, 429]);
    for (let i = 0; i < 3; i += 1)
      expect((await v2(app, `${S}/speakers`, { method: 'PUT', body: { locations: [] } })).status).toBe(200);
  });
});

describe('memory, whatever keys a client sends', () => {
  it('keeps at most MAX_RATE_LIMITERS per-key buckets, forgetting the least recently used first', () => {
    const limits = new RateLimits({ daily: null, sonoran: 'documented' });
    const op = OPERATIONS.get('sonoran.getMembersV2');
    if (op === undefined) throw new Error('no operation');
    for (let i = 0; i < MAX_RATE_LIMITERS + 500; i += 1) limits.admit(op, `key-${i}-${'x'.repeat(4000)}`, 0);
    expect(limits.size).toBe(MAX_RATE_LIMITERS);

    // A key in use stays counted: its bucket moves to the end each time it is used.
    const busy = 'busy-key';
    for (let i = 0; i < 15; i += 1) expect(limits.admit(op, busy, 0).ok).toBe(true);
    for (let i = 0; i < MAX_RATE_LIMITERS - 1; i += 1) limits.admit(op, `other-${i}`, 0);
    expect(limits.admit(op, busy, 0)).toEqual({ ok: false, retryAfter: 60 });
  });
});

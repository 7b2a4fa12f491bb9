/**
 * What each worker file runs: many updates of the same room and community, each worker writing its
 * own values, checking after every request that its namespace holds exactly its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { setupPermMock } from '../../mock-server/testing';
import { checkedFetch } from '../helpers/client';

const SEND = [['video'], ['audio'], ['screenVideo'], ['video', 'audio']] as const;

export function defineIsolationSuite(label: string, index: number): void {
  const mock = setupPermMock({ scenario: 'muted-audience' });

  it(`worker ${label}: its updates, and only its, reach its namespace`, async () => {
    const out = process.env.PERM_MOCK_PARALLEL_OUT;
    if (out !== undefined)
      writeFileSync(
        join(out, `${label}.json`),
        JSON.stringify({ worker: process.env.JEST_WORKER_ID, pid: process.pid }),
      );

    const key = (await mock.state()).daily.apiKeys[0] ?? '';
    await checkedFetch(`${mock.url}/ns/${mock.namespace}/__admin/sonoran/communities/shared-rp`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiKey: 'shared-key', members: [{ accId: 'member' }] }),
    });
    for (let i = 0; i < 40; i += 1) {
      const canSend = SEND[index % SEND.length];
      const daily = await checkedFetch(`${mock.dailyBaseUrl}/rooms/town-hall/update-permissions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { 'audience-1-session': { canSend } } }),
      });
      expect(daily.status).toBe(200);
      const perm = index * 100 + i;
      const sonoran = await checkedFetch(`${mock.sonoranBaseUrl}/api/servers/shared-rp/members/permissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiKey: 'shared-key', userPerms: [{ accId: 'member', perm }] }),
      });
      expect(sonoran.status).toBe(200);
      const state = await mock.state();
      const audience = state.daily.rooms
        .find((r) => r.name === 'town-hall')
        ?.participants.find((p) => p.id === 'audience-1-session');
      expect(audience?.permissions.canSend).toEqual(canSend);
      expect(state.sonoran.communities.find((c) => c.id === 'shared-rp')?.members[0]?.permission).toBe(perm);
    }
    const journal = await mock.requests();
    expect(journal).toHaveLength(80);
    expect(journal.every((entry) => entry.contract.valid && entry.status === 200)).toBe(true);
  });

  it(`worker ${label}: the next test starts from the scenario again`, async () => {
    const state = await mock.state();
    const audience = state.daily.rooms
      .find((r) => r.name === 'town-hall')
      ?.participants.find((p) => p.id === 'audience-1-session');
    expect(audience?.permissions.canSend).toEqual([]);
    expect(state.sonoran.communities).toEqual([]);
    expect(await mock.requests()).toEqual([]);
  });
}

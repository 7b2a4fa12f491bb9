/** Verifying a Sonoran Radio client with perm-mock's journal and state. */
import { contractMatchers, startServer, type RunningMock } from 'perm-mock';

import { createSonoranClient, SonoranApiError } from './client';

expect.extend(contractMatchers);

let mock: RunningMock;
let community: { id: string; apiKey: string; members: readonly { accId: string }[] };

beforeAll(async () => {
  mock = await startServer({ port: 0, seed: 42 }); // the generated default world
  const first = (await mock.state()).sonoran.communities[0];
  if (first === undefined) throw new Error('the default world has a community');
  community = first;
});
afterEach(async () => {
  await mock.reset();
  await mock.clearRequests();
});
afterAll(() => mock.close());

const client = () => createSonoranClient({ baseUrl: mock.url, communityId: community.id, apiKey: community.apiKey });
const member = async (accId: string) =>
  (await mock.state()).sonoran.communities[0]?.members.find((m) => m.accId === accId);

it('sets exactly the named permissions and channel access', async () => {
  const accId = community.members[2]?.accId ?? '';
  await client().setPermissions(accId, ['COMM_KICK', 'COMM_APPROVE'], { 12: true });

  const [sent] = await mock.requests({ api: 'sonoran' });
  expect(sent).toMatchRequestContract('sonoran.setMemberPermissions');
  expect(sent?.contract.valid).toBe(true);
  expect(await member(accId)).toMatchObject({
    permission: 34,
    permissionNames: ['COMM_KICK', 'COMM_APPROVE'],
    profilePerms: expect.arrayContaining([expect.objectContaining({ profileId: 12, canJoin: true })]),
  });
});

it('revokes everything with a zero mask and leaves channel access alone', async () => {
  const admin = community.members[0]?.accId ?? '';
  const channelsBefore = (await member(admin))?.profilePerms;
  await client().revokeAll(admin);
  expect(await member(admin)).toMatchObject({ permission: 0, permissionNames: [], profilePerms: channelsBefore });
});

it("reports Sonoran's own error body when the key is wrong", async () => {
  const wrong = createSonoranClient({ baseUrl: mock.url, communityId: community.id, apiKey: 'nope' });
  await expect(wrong.revokeAll('anyone')).rejects.toEqual(
    new SonoranApiError(404, { result: 'bad', error: 'Invalid community ID or API key' }),
  );
});

/** --world files: a whole state loads as it is; a partial one is completed with the control API's defaults. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getContractRegistry } from '../../contracts/registry';
import { createApp } from '../../mock-server/app';
import { WorldFileError } from '../../mock-server/options';
import { buildDefaultWorld } from '../../fixtures/default-world';
import { NOW, TEST_WORLD } from '../helpers/world';

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'perm-mock-world-')), 'world.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const clock = () => NOW;

it('loads a whole state as it is', () => {
  const app = createApp({ worldFile: file(TEST_WORLD), clock });
  expect(app.mock.state()).toEqual(TEST_WORLD);
});

it('completes a partial world: defaults for every field left out, an empty part for a part left out', () => {
  const app = createApp({
    worldFile: file({
      daily: { rooms: [{ name: 'standup', participants: [{ id: 's-1' }, { id: 's-2', owner: true }] }] },
    }),
    clock,
    seed: 3,
  });
  const state = app.mock.state();
  expect(state.daily.apiKeys).toEqual(buildDefaultWorld({ seed: 3, now: NOW }).daily.apiKeys);
  expect(state.daily.rooms[0]).toMatchObject({ name: 'standup', privacy: 'public', createdAt: NOW.toISOString() });
  expect(state.daily.rooms[0]?.participants.map((p) => [p.id, p.owner, p.permissions.canAdmin])).toEqual([
    ['s-1', false, false],
    ['s-2', true, true],
  ]);
  expect(state.sonoran.communities).toEqual([]);
});

it('completes a community from only its key and the members account ids', () => {
  const app = createApp({
    worldFile: file({ sonoran: { communities: [{ id: 'lakewood-rp', apiKey: 'k', members: [{ accId: 'a-1' }] }] } }),
    clock,
  });
  expect(app.mock.state().sonoran.communities[0]?.members[0]).toMatchObject({
    accId: 'a-1',
    username: 'a-1',
    displayName: 'a-1',
    permission: 0,
    approved: true,
    pending: false,
    banned: false,
  });
});

it.each([
  ['a field no world has', { daily: { rooms: [{ name: 'x', colour: 'red' }] } }, /colour is not a known field/],
  [
    'a participant listed twice',
    { daily: { rooms: [{ name: 'x', participants: [{ id: 'a' }, { id: 'a' }] }] } },
    /cannot be completed: room x lists participant a twice/,
  ],
])('refuses %s, naming the file and the fault', (_name, content, message) => {
  const path = file(content);
  expect(() => createApp({ worldFile: path, clock })).toThrow(WorldFileError);
  expect(() => createApp({ worldFile: path, clock })).toThrow(message);
});

it('takes what GET /__admin/state answers as a world file input too', () => {
  const state = createApp({ clock }).mock.state();
  expect(getContractRegistry().validate('urn:perm-mock:admin:world-input', state)).toEqual([]);
});

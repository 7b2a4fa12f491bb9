/** --state-file: durable across restarts, written atomically, never replaced when it cannot be trusted. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { http } from '../helpers/client';

import { createApp } from '../../mock-server/app';
import { StateFileError } from '../../mock-server/persistence';
import { startServer } from '../../mock-server/server';
import { postDailyUpdate, postSonoranUpdate } from '../helpers/app';
import { runCli } from '../helpers/process';
import { COMMUNITY, GUEST, NOW, OFFICER_ACC, ROOM, SONORAN_KEY, TEST_WORLD } from '../helpers/world';

const dir = () => mkdtempSync(join(tmpdir(), 'perm-mock-state-'));
const app = (stateFile: string) => createApp({ world: TEST_WORLD, clock: () => NOW, stateFile });

it('writes each change before acknowledging it, and a new mock starts from the file', async () => {
  const file = join(dir(), 'state.json');
  const first = app(file);
  await postDailyUpdate(first, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } });
  const written = JSON.parse(readFileSync(file, 'utf8')) as typeof TEST_WORLD;
  expect(written.daily.rooms[0]?.participants.find((p) => p.id === GUEST)?.permissions.canSend).toEqual(['audio']);
  await postSonoranUpdate(first, COMMUNITY, { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 99 }] });

  const second = app(file);
  expect(second.mock.state()).toEqual(first.mock.state());
  expect(second.mock.state()).not.toEqual(TEST_WORLD);
});

it('writes control-API changes too, and reset returns to the startup world (and writes that)', async () => {
  const file = join(dir(), 'state.json');
  const first = app(file);
  await http(first).delete(`/__admin/daily/rooms/${ROOM}`);
  expect(
    app(file)
      .mock.state()
      .daily.rooms.map((r) => r.name),
  ).not.toContain(ROOM);
  await http(first).post('/__admin/reset');
  expect(app(file).mock.state()).toEqual(TEST_WORLD);
});

it('does not write for a request that changes nothing', async () => {
  const file = join(dir(), 'state.json');
  const mock = app(file);
  await postDailyUpdate(mock, ROOM, { data: {} });
  await postDailyUpdate(mock, ROOM, { nope: 1 });
  expect(readdirSync(join(file, '..'))).toEqual([]);
});

it('does not write an update that sets what is already set, with or without "*"', async () => {
  const file = join(dir(), 'state.json');
  const mock = app(file);
  await postDailyUpdate(mock, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } });
  const written = () => readdirSync(join(file, '..')).map((name) => readFileSync(join(file, '..', name), 'utf8'));
  const before = written();
  expect(before.join('')).toContain('audio');
  const again = await postDailyUpdate(mock, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } });
  expect(again.status).toBe(200);
  const current = mock.mock.state().daily.rooms.find((room) => room.name === ROOM)?.participants ?? [];
  const sameForAll = Object.fromEntries(current.map((p) => [p.id, { canSend: p.permissions.canSend }]));
  await postDailyUpdate(mock, ROOM, { data: sameForAll });
  await postDailyUpdate(mock, ROOM, { data: { '*': {} } });
  expect(written()).toEqual(before);
});

it('does not write a Sonoran update that sets the mask and rows a member already has', async () => {
  const file = join(dir(), 'state.json');
  const mock = app(file);
  const rows = [{ profileId: 13, canJoin: true }];
  await postSonoranUpdate(mock, COMMUNITY, {
    apiKey: SONORAN_KEY,
    userPerms: [{ accId: OFFICER_ACC, perm: 7, profilePerms: rows }],
  });
  const written = () => readdirSync(join(file, '..')).map((name) => readFileSync(join(file, '..', name), 'utf8'));
  const before = written();
  expect(before.join('')).toContain('"permission":7');
  for (const entry of [{ perm: 7 }, { perm: 7, profilePerms: rows }]) {
    const again = await postSonoranUpdate(mock, COMMUNITY, {
      apiKey: SONORAN_KEY,
      userPerms: [{ accId: OFFICER_ACC, ...entry }],
    });
    expect(again.status).toBe(200);
  }
  expect(written()).toEqual(before);
  // A row that does change is written.
  await postSonoranUpdate(mock, COMMUNITY, {
    apiKey: SONORAN_KEY,
    userPerms: [{ accId: OFFICER_ACC, perm: 7, profilePerms: [{ profileId: 13, canJoin: false }] }],
  });
  expect(written()).not.toEqual(before);
});

it('leaves no temporary file behind', async () => {
  const file = join(dir(), 'state.json');
  const mock = app(file);
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      postSonoranUpdate(mock, COMMUNITY, { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: i }] }),
    ),
  );
  expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
  expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown).not.toThrow();
});

it('writes the state on close', async () => {
  const file = join(dir(), 'state.json');
  const mock = await startServer({ port: 0, world: TEST_WORLD, stateFile: file });
  mock.app.mock.state();
  await mock.close();
  expect(readdirSync(join(file, '..'))).toEqual([]); // nothing changed, nothing to write
});

it.each([
  ['not JSON', '{"daily": ', /is not valid JSON .* perm-mock will not overwrite it/s],
  ['JSON of the wrong shape', '{"daily": {"rooms": 3}}', /is not a perm-mock state .*daily\.apiKeys is required/s],
])('refuses to start from a state file that is %s, and leaves it as it is', (_name, content, message) => {
  const file = join(dir(), 'state.json');
  writeFileSync(file, content);
  expect(() => app(file)).toThrow(StateFileError);
  expect(() => app(file)).toThrow(message);
  expect(readFileSync(file, 'utf8')).toBe(content);
});

it('the command exits 1 with the reason when the state file is corrupt', async () => {
  const file = join(dir(), 'state.json');
  writeFileSync(file, 'garbage');
  const cli = runCli(['--port', '0', '--state-file', file]);
  expect(await cli.exited).toBe(1);
  expect(cli.stderr()).toContain(`the state file ${file} is not valid JSON`);
  expect(readFileSync(file, 'utf8')).toBe('garbage');
});

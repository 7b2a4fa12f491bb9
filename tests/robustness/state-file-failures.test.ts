/**
 * --state-file when the disk fails: a change whose write fails is not acknowledged (the API's 5xx),
 * the previous file stays whole, memory goes back to what the file holds, and reads go on. Plus
 * the change log itself: one line per change, replayed at start, compacted into a snapshot.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createApp } from '../../mock-server/app';
import {
  logPathOf,
  readStateFile,
  REAL_FILE_SYSTEM,
  StateFileError,
  type StateFileSystem,
} from '../../mock-server/persistence';
import { seededRandom } from '../../mock-server/faults';
import { buildTestApp, postDailyUpdate, postSonoranUpdate } from '../helpers/app';
import { http } from '../helpers/client';
import { runCli } from '../helpers/process';
import { COMMUNITY, GUEST, NOW, OFFICER_ACC, ROOM, SONORAN_KEY, TEST_WORLD } from '../helpers/world';

const dir = () => mkdtempSync(join(tmpdir(), 'perm-mock-disk-'));

type Failure = 'enospc' | 'short-then-enospc' | 'fsync' | 'blocking fsync';

/**
 * The real file operations, with a switch that makes writes fail as a full disk does. Its fsync
 * runs in the background (as the real one does) but for `blocking fsync`, a file system that only
 * has the blocking call.
 */
function failingDisk(how?: Failure): { fs: StateFileSystem; fail: (how: Failure | false) => void } {
  let mode: Failure | false = false;
  const eio = (): Error => Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
  const fs: StateFileSystem = {
    ...REAL_FILE_SYSTEM,
    writeSync(fd, buffer, offset, length) {
      if (mode === 'enospc')
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      if (mode === 'short-then-enospc') {
        // Write a part, as a nearly full disk does, then fail on the rest.
        mode = 'enospc';
        return REAL_FILE_SYSTEM.writeSync(fd, buffer, offset, Math.max(1, Math.floor(length / 3)));
      }
      return REAL_FILE_SYSTEM.writeSync(fd, buffer, offset, length);
    },
    fsyncSync(fd) {
      if (mode === 'fsync' || mode === 'blocking fsync') throw eio();
      REAL_FILE_SYSTEM.fsyncSync(fd);
    },
    fsync(fd, done) {
      if (mode === 'fsync') return void setImmediate(() => done(eio()));
      REAL_FILE_SYSTEM.fsync?.(fd, done);
    },
  };
  if (how === 'blocking fsync') delete fs.fsync;
  return { fs, fail: (how) => (mode = how) };
}

const appOn = (file: string, fs: StateFileSystem = REAL_FILE_SYSTEM) =>
  createApp({ world: TEST_WORLD, clock: () => NOW, stateFile: file, stateFileSystem: fs });

const guestSends = (app: ReturnType<typeof appOn>) =>
  app.mock.state().daily.rooms[0]?.participants.find((p) => p.id === GUEST)?.permissions.canSend;

describe.each(['enospc', 'short-then-enospc', 'fsync', 'blocking fsync'] as const)('a write that fails (%s)', (how) => {
  it('is answered 5xx, undone in memory, absent on disk, and reads still work', async () => {
    const file = join(dir(), 'state.json');
    const disk = failingDisk(how);
    const app = appOn(file, disk.fs);
    expect((await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } })).status).toBe(200);
    const before = readFileSync(file, 'utf8');

    disk.fail(how);
    const failed = await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: ['video'] } } });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: 'server-error', info: 'the mock could not store the change' });
    expect(failed.headers['x-perm-mock-reason']).toMatch(/^DAILY_SERVER_ERROR: the state file could not be written/);
    expect(guestSends(app)).toEqual(['audio']); // memory agrees with the disk again
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await http(app).get('/__admin/state')).status).toBe(200);

    disk.fail(false);
    expect(
      (await postSonoranUpdate(app, COMMUNITY, { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 7 }] }))
        .status,
    ).toBe(200);
    const restarted = appOn(file);
    expect(guestSends(restarted)).toEqual(['audio']);
    expect(
      restarted.mock.state().sonoran.communities[0]?.members.find((m) => m.accId === OFFICER_ACC)?.permission,
    ).toBe(7);
  });
});

it('keeps the previous file whole when a snapshot write fails, and answers the control API with a problem', async () => {
  const file = join(dir(), 'state.json');
  const disk = failingDisk();
  const app = appOn(file, disk.fs);
  await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: false } } });
  const before = readFileSync(file, 'utf8');
  disk.fail('short-then-enospc');
  const reset = await http(app).post('/__admin/reset'); // a reset is written as a whole new snapshot
  expect(reset).toBeProblem('MOCK_STATE_FILE_WRITE_FAILED');
  expect(readFileSync(file, 'utf8')).toBe(before);
  expect(readdirSync(join(file, '..')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  expect(guestSends(app)).toBe(false);
});

it('has every acknowledged change in the file after a restart, and none that was refused', async () => {
  const file = join(dir(), 'state.json');
  const disk = failingDisk();
  const app = appOn(file, disk.fs);
  const random = seededRandom(7);
  const acked = new Map<string, number>();
  for (let i = 0; i < 60; i += 1) {
    const perm = i + 1;
    disk.fail(random() < 0.3 ? 'enospc' : false);
    const res = await postSonoranUpdate(app, COMMUNITY, {
      apiKey: SONORAN_KEY,
      userPerms: [{ accId: OFFICER_ACC, perm }],
    });
    expect([200, 500]).toContain(res.status);
    if (res.status === 200) acked.set(OFFICER_ACC, perm);
  }
  disk.fail(false);
  const restarted = appOn(file);
  const member = restarted.mock.state().sonoran.communities[0]?.members.find((m) => m.accId === OFFICER_ACC);
  expect(member?.permission).toBe(acked.get(OFFICER_ACC));
  expect(app.mock.state()).toEqual(restarted.mock.state());
});

describe('the change log', () => {
  it('adds one line per change, leaving the snapshot alone, and replays it at start', async () => {
    const file = join(dir(), 'state.json');
    const app = appOn(file);
    await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } }); // the first change: a snapshot
    const snapshot = statSync(file).mtimeMs;
    for (let i = 0; i < 5; i += 1) {
      await postSonoranUpdate(app, COMMUNITY, {
        apiKey: SONORAN_KEY,
        userPerms: [{ accId: OFFICER_ACC, perm: i + 1 }],
      });
    }
    const lines = readFileSync(logPathOf(file), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[4] ?? '')).toMatchObject({ api: 'sonoran', op: 'patchMembers' });
    expect(statSync(file).mtimeMs).toBe(snapshot);
    expect(appOn(file).mock.state()).toEqual(app.mock.state());
  });

  it('is folded into a fresh snapshot once it grows past its bound, and at shutdown', async () => {
    const file = join(dir(), 'state.json');
    const app = createApp({ world: TEST_WORLD, clock: () => NOW, stateFile: file, stateFileCompactBytes: 400 });
    for (let i = 0; i < 8; i += 1) {
      await postSonoranUpdate(app, COMMUNITY, {
        apiKey: SONORAN_KEY,
        userPerms: [{ accId: OFFICER_ACC, perm: i + 1 }],
      });
    }
    expect(statSync(logPathOf(file)).size).toBeLessThan(800);
    app.mock.flush();
    expect(existsSync(logPathOf(file))).toBe(false);
    expect(readStateFile(file)?.changes).toEqual([]);
    expect(appOn(file).mock.state()).toEqual(app.mock.state());
  });

  it('drops a last line torn by a crash (never acknowledged) and refuses a broken line before it', async () => {
    const file = join(dir(), 'state.json');
    const app = appOn(file);
    await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } });
    await postSonoranUpdate(app, COMMUNITY, { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: 9 }] });
    const log = readFileSync(logPathOf(file), 'utf8');
    writeFileSync(logPathOf(file), `${log}{"api":"daily","op":"patchPar`);
    expect(appOn(file).mock.state()).toEqual(app.mock.state());
    writeFileSync(logPathOf(file), `{"api":"daily"\n${log}`);
    expect(() => appOn(file)).toThrow(/line 1 of the change log .* is not a change/);
  });
});

describe('at start', () => {
  it('refuses a directory that does not exist, saying what to change', () => {
    const file = join(dir(), 'no-such-dir', 'state.json');
    expect(() => appOn(file)).toThrow(StateFileError);
    expect(() => appOn(file)).toThrow(
      /its directory .*no-such-dir does not exist; choose a writable place with --state-file/,
    );
  });

  it('refuses a directory it cannot write, before serving anything', () => {
    const fs: StateFileSystem = {
      ...REAL_FILE_SYSTEM,
      openSync: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    expect(() => appOn(join(dir(), 'state.json'), fs)).toThrow(/is not writable \(EACCES\)/);
  });

  it('the command exits 1 with the reason', async () => {
    const cli = runCli(['--port', '0', '--state-file', join(dir(), 'missing', 'state.json')]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain('does not exist; choose a writable place with --state-file');
  });

  it('removes temporary files a killed mock left, but not those of a live one', () => {
    const folder = dir();
    const file = join(folder, 'state.json');
    writeFileSync(join(folder, '.state.json.999999.tmp'), '{"daily":');
    writeFileSync(join(folder, '.state.json.1.tmp'), '{"daily":'); // pid 1 is alive
    appOn(file);
    expect(readdirSync(folder).sort()).toEqual(['.state.json.1.tmp']);
  });

  it('refuses a state file that lists a room twice, instead of losing one', () => {
    const file = join(dir(), 'state.json');
    const room = TEST_WORLD.daily.rooms[0];
    writeFileSync(file, JSON.stringify({ ...TEST_WORLD, daily: { ...TEST_WORLD.daily, rooms: [room, room] } }));
    expect(() => appOn(file)).toThrow(/lists room standup twice; perm-mock will not overwrite it/);
  });
});

it('writes nothing for a mock without a state file', async () => {
  const app = buildTestApp();
  expect((await postDailyUpdate(app, ROOM, { data: {} })).status).toBe(200);
});

describe('group commit', () => {
  /** The real file operations, with an fsync held until the test lets it finish (or fail). */
  function heldDisk(): { fs: StateFileSystem; syncs: number; finish: (error?: Error) => void; held: () => number } {
    const waiting: ((error: Error | null) => void)[] = [];
    const disk = {
      syncs: 0,
      fs: {
        ...REAL_FILE_SYSTEM,
        fsync(fd: number, done: (error: Error | null) => void) {
          disk.syncs += 1;
          REAL_FILE_SYSTEM.fsyncSync(fd);
          waiting.push(done);
        },
      } as StateFileSystem,
      finish(error?: Error) {
        for (const done of waiting.splice(0)) done(error ?? null);
      },
      held: () => waiting.length,
    };
    return disk;
  }

  const officerPermission = (app: ReturnType<typeof appOn>): number | undefined =>
    app.mock.state().sonoran.communities[0]?.members.find((m) => m.accId === OFFICER_ACC)?.permission;

  const until = async (check: () => boolean): Promise<void> => {
    while (!check()) await new Promise((resolve) => setImmediate(resolve));
  };

  it('serves requests while a batch syncs, and writes what came meanwhile as one batch', async () => {
    const file = join(dir(), 'state.json');
    const disk = heldDisk();
    const app = appOn(file, disk.fs);
    await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: false } } }); // the first change: a snapshot
    const first = postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } });
    await until(() => disk.held() === 1);
    const queued = [1, 2, 3].map((i) =>
      postSonoranUpdate(app, COMMUNITY, { apiKey: SONORAN_KEY, userPerms: [{ accId: OFFICER_ACC, perm: i }] }),
    );
    // The queued changes are made (in memory) while the first batch syncs, and wait behind it.
    await until(() => officerPermission(app) === 3);
    expect(disk.syncs).toBe(1);
    disk.finish();
    expect((await first).status).toBe(200);
    await until(() => disk.held() === 1);
    expect(disk.syncs).toBe(2);
    expect(readFileSync(logPathOf(file), 'utf8').trim().split('\n')).toHaveLength(4);
    disk.finish();
    expect((await Promise.all(queued)).map((res) => res.status)).toEqual([200, 200, 200]);
  });

  it('fails the changes queued behind a failed sync too, and goes back to what the files hold', async () => {
    const file = join(dir(), 'state.json');
    const disk = heldDisk();
    const app = appOn(file, disk.fs);
    await postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: false } } });
    const first = postDailyUpdate(app, ROOM, { data: { [GUEST]: { canSend: ['audio'] } } });
    await until(() => disk.held() === 1);
    const queued = postSonoranUpdate(app, COMMUNITY, {
      apiKey: SONORAN_KEY,
      userPerms: [{ accId: OFFICER_ACC, perm: 5 }],
    });
    await until(() => officerPermission(app) === 5);
    disk.finish(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    expect((await first).status).toBe(500);
    expect((await queued).status).toBe(500);
    expect(guestSends(app)).toBe(false);
    expect(officerPermission(app)).toBe(0);
    expect(appOn(file).mock.state()).toEqual(app.mock.state());
  });
});

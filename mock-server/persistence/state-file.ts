/**
 * `--state-file`: the state survives restarts, and an acknowledged change is never lost.
 *
 * On disk: the file itself holds a snapshot (the format of GET /__admin/state), and `<file>.log`
 * the changes made since, one JSON line each. A change is appended to the log and synced
 * (fdatasync) before it is acknowledged. Group commit: the changes of one turn of the event loop
 * share one write; the sync runs in the background, and the changes made while it runs (requests
 * go on being served) make the next batch, so batches grow with the load and a one-participant
 * update costs a line, not the whole state. Once the log grows past the larger of 16 MiB and the
 * last snapshot, on a change the stores do not describe line by line (a reset, a scenario), and at
 * shutdown, a new snapshot is written as a stream (temporary file, every write checked, fsync,
 * rename) and the log starts again. Replaying the log on a snapshot that already holds some of it
 * gives the same state, so a crash between the two steps loses nothing.
 *
 * A write that fails (a full disk, an I/O error) acknowledges nothing: the log is cut back to its
 * last whole line, the in-memory state is reloaded from the files so that memory and disk agree,
 * and every change of the batch is answered with the API's 5xx. A corrupt file is never replaced.
 */
import { basename, dirname, join } from 'node:path';
import type { Logger } from 'pino';

import { getContractRegistry } from '../../contracts/registry';
import type { ChangeRecord } from '../apis/seam';
import type { World } from '../world';
import { REAL_FILE_SYSTEM, writeAll, type StateFileSystem } from './file-system';
import { jsonChunks } from './json-stream';

export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}

export type { ChangeRecord } from '../apis/seam';

/** What makes a change durable before it is acknowledged. */
export interface Durability {
  /** A store made this change (called as it happens, before the commit). */
  record(change: ChangeRecord): void;
  /** Call `done` once every change so far is safely stored (or with the error that prevented it). */
  commit(done: (error?: Error) => void): void;
  /** Store everything now, as a fresh snapshot (at shutdown). */
  flush(): void;
}

/** What the state file needs of the state it keeps. */
export interface DurableState {
  snapshot(): World;
  /** Every change since the last write was described by a record (else a snapshot is due). */
  coveredSinceWrite(): boolean;
  markWritten(): void;
  /** Go back to what the files hold (after a failed write). */
  reload(world: World, changes: readonly ChangeRecord[]): void;
}

/**
 * Past this much log, the next write is a snapshot; by default the bound is this or the last
 * snapshot's size, whichever is larger, so that folding a large state (41 MB for 100,000
 * participants and 100,000 members) costs at most as much again as the log it replaces.
 */
export const DEFAULT_COMPACT_BYTES = 16 * 1024 * 1024;

export const logPathOf = (path: string): string => `${path}.log`;

const unwritable = (path: string, why: string): StateFileError =>
  new StateFileError(
    `cannot write the state file ${path}: ${why}; choose a writable place with --state-file (or PERM_MOCK_STATE_FILE)`,
  );

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Before anything is served: the file's directory must exist and be writable (found now, not at
 * the first change), and temporary files a killed mock left beside it are removed.
 */
export function prepareStateFile(path: string, fs: StateFileSystem = REAL_FILE_SYSTEM): void {
  const dir = dirname(path);
  const base = basename(path);
  if (!fs.existsSync(dir)) throw unwritable(path, `its directory ${dir} does not exist`);
  const probe = join(dir, `.${base}.${process.pid}.probe`);
  try {
    fs.closeSync(fs.openSync(probe, 'w'));
    fs.unlinkSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw unwritable(path, `its directory ${dir} is not writable (${code})`);
  }
  const stale = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.(tmp|probe)$`);
  for (const name of fs.readdirSync(dir)) {
    const match = stale.exec(name);
    if (match === null) continue;
    if (Number(match[1]) !== process.pid && pidAlive(Number(match[1]))) continue;
    fs.unlinkSync(join(dir, name));
  }
}

const refusal = (path: string, what: string): StateFileError =>
  new StateFileError(
    `${what}; perm-mock will not overwrite it: repair it, move it away, or choose another --state-file (${path})`,
  );

/** The names a snapshot lists twice (a room, a community): such a file would silently lose one. */
function duplicates(world: World): string[] {
  const twice = (names: readonly string[], what: string): string[] => {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const name of names) {
      if (seen.has(name)) out.push(`${what} ${name}`);
      seen.add(name);
    }
    return out;
  };
  return [
    ...twice(
      world.daily.rooms.map((r) => r.name),
      'room',
    ),
    ...twice(
      world.sonoran.communities.map((c) => c.id),
      'community',
    ),
  ];
}

/**
 * Read a state file and its log: undefined when there is neither; a StateFileError when either
 * cannot be trusted (a torn last log line, a write cut short by a crash, is dropped: it was never
 * acknowledged).
 */
export function readStateFile(
  path: string,
  fs: StateFileSystem = REAL_FILE_SYSTEM,
): { world: World; changes: ChangeRecord[] } | undefined {
  const logPath = logPathOf(path);
  if (!fs.existsSync(path) && !fs.existsSync(logPath)) return undefined;
  if (!fs.existsSync(path)) throw refusal(path, `the change log ${logPath} has no state file beside it`);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(path).toString('utf8')) as unknown;
  } catch (error) {
    throw refusal(path, `the state file ${path} is not valid JSON (${(error as Error).message})`);
  }
  const violations = getContractRegistry().validate('urn:perm-mock:admin:state', data, 'state');
  if (violations.length > 0) {
    const list = violations
      .slice(0, 5)
      .map((v) => `  - ${v.text}`)
      .join('\n');
    throw refusal(
      path,
      `the state file ${path} is not a perm-mock state (the format of GET /__admin/state):\n${list}\n`,
    );
  }
  const world = data as World;
  const twice = duplicates(world);
  if (twice.length > 0) throw refusal(path, `the state file ${path} lists ${twice.join(', ')} twice`);

  const changes: ChangeRecord[] = [];
  if (fs.existsSync(logPath)) {
    const lines = fs.readFileSync(logPath).toString('utf8').split('\n');
    const last = lines.length - 1; // after the final newline: '' when the log ends cleanly
    lines.forEach((line, i) => {
      if (line === '') return;
      try {
        const change = JSON.parse(line) as ChangeRecord;
        if ((change.api !== 'daily' && change.api !== 'sonoran') || typeof change.op !== 'string')
          throw new Error('no api/op');
        changes.push(change);
      } catch (error) {
        if (i === last) return; // torn by a crash mid-write: never acknowledged
        throw refusal(path, `line ${i + 1} of the change log ${logPath} is not a change (${(error as Error).message})`);
      }
    });
  }
  return { world, changes };
}

export class StateFile implements Durability {
  private pending: ChangeRecord[] = [];
  private waiting: ((error?: Error) => void)[] = [];
  private scheduled = false;
  /** A batch is written and its fsync not done yet. */
  private syncing = false;
  private logFd: number | undefined;
  private logBytes: number;
  private hasSnapshot: boolean;
  /** Size of the last snapshot written (or found). */
  private snapshotBytes: number;
  /** Snapshots and log appends done so far (for tests and logs). */
  snapshots = 0;
  appends = 0;

  constructor(
    readonly path: string,
    private readonly state: DurableState,
    private readonly logger: Logger,
    private readonly fs: StateFileSystem = REAL_FILE_SYSTEM,
    /** Fold the log into a snapshot past this many bytes; absent: the larger of 16 MiB and the last snapshot. */
    private readonly compactBytes?: number,
  ) {
    this.hasSnapshot = fs.existsSync(path);
    this.snapshotBytes = this.hasSnapshot ? fs.sizeOf(path) : 0;
    this.logBytes = fs.existsSync(logPathOf(path)) ? fs.sizeOf(logPathOf(path)) : 0;
  }

  record(change: ChangeRecord): void {
    this.pending.push(change);
  }

  commit(done: (error?: Error) => void): void {
    this.waiting.push(done);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.syncing) return;
    this.scheduled = true;
    setImmediate(() => this.writeWaiting());
  }

  /**
   * Fold the log into a fresh snapshot (at shutdown). Every acknowledged change is on disk already,
   * so a failure here loses nothing: the log stays, and is replayed at the next start.
   */
  flush(): void {
    if (this.pending.length === 0 && this.logBytes === 0 && this.state.coveredSinceWrite()) return;
    try {
      this.writeSnapshot();
    } catch (error) {
      this.logger.warn(
        { err: error, path: this.path },
        'could not fold the change log into a new snapshot at shutdown; the log is kept and replayed at the next start',
      );
    }
  }

  private writeWaiting(): void {
    this.scheduled = false;
    if (this.syncing) return; // the batch in flight schedules the next one once it is on disk
    const waiting = this.waiting;
    this.waiting = [];
    if (waiting.length === 0) return;
    let failure: Error | undefined;
    try {
      const bound = this.compactBytes ?? Math.max(DEFAULT_COMPACT_BYTES, this.snapshotBytes);
      const snapshotDue = !this.hasSnapshot || !this.state.coveredSinceWrite() || this.logBytes > bound;
      if (snapshotDue) this.writeSnapshot();
      else if (this.appendPending(waiting)) return; // answered once its fsync is done
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      this.fail(failure);
    }
    for (const done of waiting) done(failure);
  }

  private fail(failure: Error): void {
    this.logger.error({ err: failure, path: this.path }, 'could not write the state file; the changes are undone');
    this.rollBack();
  }

  /**
   * The pending changes as log lines, in one write, then one fsync. Where the file system can sync
   * without blocking, the write is synced in the background and `waiting` answered once it is done
   * (true is returned): meanwhile requests go on being served and their changes make the next
   * batch, so batches grow with the load (group commit). A failed sync fails the changes queued
   * behind it too: the state in memory goes back to what the files hold.
   */
  private appendPending(waiting: readonly ((error?: Error) => void)[]): boolean {
    if (this.pending.length === 0) return false;
    const bytes = Buffer.from(this.pending.map((change) => `${JSON.stringify(change)}\n`).join(''), 'utf8');
    this.logFd ??= this.fs.openSync(logPathOf(this.path), 'a');
    const fd = this.logFd;
    const before = this.logBytes;
    const cutBack = (): void => {
      // Cut the log back to its last whole line: nothing of this batch is on disk as a change.
      try {
        this.fs.ftruncateSync(fd, before);
        this.fs.fsyncSync(fd);
      } catch {
        this.closeLog(); // the next append reopens it; a torn last line is dropped at read time
      }
    };
    const background = this.fs.fsync !== undefined;
    try {
      writeAll(this.fs, fd, bytes);
      if (!background) this.fs.fsyncSync(fd);
    } catch (error) {
      cutBack();
      throw error;
    }
    this.logBytes += bytes.length;
    this.pending = [];
    this.appends += 1;
    this.state.markWritten();
    if (!background) return false;
    this.syncing = true;
    this.fs.fsync?.(fd, (error) => {
      this.syncing = false;
      // A snapshot written meanwhile (at shutdown) holds every change: the batch is safe either way.
      if (error !== null && this.logFd === fd) {
        cutBack();
        this.logBytes = before;
        const queued = this.waiting;
        this.waiting = [];
        this.fail(error);
        for (const done of [...waiting, ...queued]) done(error);
        return;
      }
      for (const done of waiting) done();
      if (this.waiting.length > 0) this.schedule();
    });
    return true;
  }

  /** The whole state as a new snapshot, then an empty log. The previous file stays until the new one is whole. */
  private writeSnapshot(): void {
    const temporary = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.tmp`);
    const fd = this.fs.openSync(temporary, 'w');
    let written = 1;
    try {
      for (const chunk of jsonChunks(this.state.snapshot())) {
        const bytes = Buffer.from(chunk, 'utf8');
        writeAll(this.fs, fd, bytes);
        written += bytes.length;
      }
      writeAll(this.fs, fd, Buffer.from('\n'));
      this.fs.fsyncSync(fd);
    } catch (error) {
      this.fs.closeSync(fd);
      this.fs.unlinkSync(temporary);
      throw error;
    }
    this.fs.closeSync(fd);
    try {
      this.fs.renameSync(temporary, this.path);
    } catch (error) {
      this.fs.unlinkSync(temporary);
      throw error;
    }
    this.hasSnapshot = true;
    this.closeLog();
    if (this.fs.existsSync(logPathOf(this.path))) this.fs.unlinkSync(logPathOf(this.path));
    this.logBytes = 0;
    this.pending = [];
    this.snapshots += 1;
    this.snapshotBytes = written;
    this.state.markWritten();
  }

  /** After a failed write: memory goes back to what the files hold. */
  private rollBack(): void {
    this.pending = [];
    try {
      const disk = readStateFile(this.path, this.fs);
      if (disk !== undefined) this.state.reload(disk.world, disk.changes);
      else this.logger.error({ path: this.path }, 'nothing on disk to go back to; the state in memory is kept');
    } catch (error) {
      this.logger.error({ err: error, path: this.path }, 'could not read the state file back after a failed write');
    }
  }

  private closeLog(): void {
    if (this.logFd === undefined) return;
    try {
      this.fs.closeSync(this.logFd);
    } catch {
      // already gone
    }
    this.logFd = undefined;
  }
}

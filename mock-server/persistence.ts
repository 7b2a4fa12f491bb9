/**
 * `--state-file`: the state survives restarts. The file is read at start (a corrupt or invalid
 * file stops the start rather than being replaced) and written atomically (temporary file, fsync,
 * rename) before a change is acknowledged. Changes that arrive together share one write (group
 * commit), so a burst of updates costs one write, not one each.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import type { Logger } from 'pino';

import { getContractRegistry } from '../contracts/registry';
import type { World } from './world';

export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}

/** What makes a change durable before it is acknowledged. */
export interface Durability {
  /** Call `done` once the current state is safely stored (or with the error that prevented it). */
  commit(done: (error?: Error) => void): void;
  /** Store the current state now, if anything changed since the last write. */
  flush(): void;
}

/** Read a state file: undefined when there is none; a StateFileError when it cannot be trusted. */
export function readStateFile(path: string): World | undefined {
  if (!existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new StateFileError(
      `the state file ${path} is not valid JSON (${(error as Error).message}); ` +
        'perm-mock will not overwrite it: repair it, move it away, or choose another --state-file',
    );
  }
  const violations = getContractRegistry().validate('urn:perm-mock:admin:state', data, 'state');
  if (violations.length > 0) {
    const list = violations
      .slice(0, 5)
      .map((v) => `  - ${v.text}`)
      .join('\n');
    throw new StateFileError(
      `the state file ${path} is not a perm-mock state (the format of GET /__admin/state):\n${list}\n` +
        'perm-mock will not overwrite it: repair it, move it away, or choose another --state-file',
    );
  }
  return data as World;
}

/** Write a file atomically: a temporary file beside it, flushed to disk, then renamed over it. */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
}

export class StateFile implements Durability {
  private waiting: ((error?: Error) => void)[] = [];
  private scheduled = false;
  private dirty = false;
  /** Writes done so far (for tests and logs). */
  writes = 0;

  constructor(
    readonly path: string,
    private readonly snapshot: () => World,
    private readonly logger: Logger,
  ) {}

  commit(done: (error?: Error) => void): void {
    this.dirty = true;
    this.waiting.push(done);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.writeWaiting());
    }
  }

  flush(): void {
    if (this.dirty) this.write();
  }

  private writeWaiting(): void {
    this.scheduled = false;
    const waiting = this.waiting;
    this.waiting = [];
    let failure: Error | undefined;
    try {
      this.write();
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      this.logger.error({ err: failure, path: this.path }, 'could not write the state file');
    }
    for (const done of waiting) done(failure);
  }

  private write(): void {
    writeFileAtomic(this.path, `${JSON.stringify(this.snapshot())}\n`);
    this.dirty = false;
    this.writes += 1;
  }
}

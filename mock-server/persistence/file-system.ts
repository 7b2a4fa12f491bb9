/**
 * The few file operations the state file uses, as an interface: the real ones by default, and in
 * tests an injected one that fails as a full disk does (short writes, ENOSPC, a failing fsync).
 */
import {
  closeSync,
  existsSync,
  fdatasync,
  fdatasyncSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';

export interface StateFileSystem {
  openSync(path: string, flags: string): number;
  /** Writes from `offset` of the buffer; may write less than asked (the caller loops). */
  writeSync(fd: number, buffer: Buffer, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  /** The same without blocking, when the file system can (the change log's group commit uses it). */
  fsync?(fd: number, done: (error: Error | null) => void): void;
  ftruncateSync(fd: number, length: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  existsSync(path: string): boolean;
  readFileSync(path: string): Buffer;
  readdirSync(path: string): string[];
  sizeOf(path: string): number;
}

export const REAL_FILE_SYSTEM: StateFileSystem = {
  openSync: (path, flags) => openSync(path, flags),
  writeSync: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
  // fdatasync: the data and what reading it back needs (the file's size), not the times (as databases do on Linux).
  fsyncSync: (fd) => fdatasyncSync(fd),
  fsync: (fd, done) => fdatasync(fd, done),
  ftruncateSync: (fd, length) => ftruncateSync(fd, length),
  closeSync: (fd) => closeSync(fd),
  renameSync: (from, to) => renameSync(from, to),
  unlinkSync: (path) => unlinkSync(path),
  existsSync: (path) => existsSync(path),
  readFileSync: (path) => readFileSync(path),
  readdirSync: (path) => readdirSync(path),
  sizeOf: (path) => statSync(path).size,
};

/** Write every byte, or throw: a short write is retried, a write that makes no progress is an error. */
export function writeAll(fs: StateFileSystem, fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = fs.writeSync(fd, bytes, offset, bytes.length - offset);
    if (!(written > 0)) {
      throw Object.assign(new Error(`no progress writing ${bytes.length - offset} bytes (disk full?)`), {
        code: 'ENOSPC',
      });
    }
    offset += written;
  }
}

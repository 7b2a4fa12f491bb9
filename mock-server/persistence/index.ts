export {
  DEFAULT_COMPACT_BYTES,
  logPathOf,
  prepareStateFile,
  readStateFile,
  StateFile,
  StateFileError,
} from './state-file';
export type { ChangeRecord, DurableState, Durability } from './state-file';
export { REAL_FILE_SYSTEM, writeAll } from './file-system';
export type { StateFileSystem } from './file-system';
export { jsonChunks } from './json-stream';

/**
 * After loading a large world or state file, the text and the parsed copy it was built from are
 * garbage; V8 would keep that memory until its next full collection, which an idle mock may never
 * reach. One collection right after such a load returns it. `--expose-gc` is set at run time for
 * this (the documented v8.setFlagsFromString route); where that is refused, nothing happens.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Worlds smaller than this leave too little garbage to bother. */
export const LARGE_WORLD_BYTES = 4 * 1024 * 1024;

let collect: (() => void) | null | undefined;

export function collectGarbage(): boolean {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  if (collect === null) return false;
  collect();
  collect(); // a second pass frees what the first one's finalizers released (large external strings)
  return true;
}

#!/usr/bin/env node
/**
 * The perm-mock command's entry point. Its first act is to catch SIGINT and SIGTERM, before the rest
 * of the program (and its dependencies) loads, so that a signal that comes while the mock is still
 * starting stops it cleanly with a message instead of killing it half-started.
 */
import type { main as Main } from './cli';

const early: NodeJS.Signals[] = [];
const remember = (signal: NodeJS.Signals): void => void early.push(signal);
process.on('SIGINT', remember);
process.on('SIGTERM', remember);

// Loaded only now, after the handlers: this is why the import is a require here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('./cli') as { main: typeof Main };

main(process.argv.slice(2), process.env, early).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`perm-mock: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
process.off('SIGINT', remember);
process.off('SIGTERM', remember);

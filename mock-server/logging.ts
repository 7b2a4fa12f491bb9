/**
 * The command's logger. Formatting and writing happen off the request path: pretty lines are made
 * by pino-pretty in a worker thread (pino's transport); JSON lines are batched and written once per
 * turn of the event loop (line-writer.ts). `close()` writes what is pending, so nothing logged
 * before shutdown is lost. `auto`, the default, is pretty in a terminal and JSON lines elsewhere.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

import { LineWriter } from './line-writer';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface CommandLogger {
  readonly logger: Logger;
  /** What `auto` became: pretty lines in a terminal, JSON lines elsewhere. */
  readonly format: 'pretty' | 'json';
  /** Write out every pending line and release the writer. */
  close(): Promise<void>;
}

type Closable = DestinationStream & {
  end(): void;
  once(event: 'close' | 'finish' | 'error', listener: () => void): unknown;
};

function closing(stream: Closable): Promise<void> {
  return new Promise<void>((resolve) => {
    stream.once('close', resolve);
    stream.once('finish', resolve);
    stream.once('error', resolve);
    stream.end();
  });
}

/** `auto` is pretty in a terminal and JSON lines elsewhere. */
export function resolveLogFormat(format: LogFormat, terminal: boolean): 'pretty' | 'json' {
  return format === 'auto' ? (terminal ? 'pretty' : 'json') : format;
}

/** A logger writing to standard output (file descriptor 1); `terminal`: stdout is a TTY. */
export function createCommandLogger(level: LogLevel, format: LogFormat, terminal: boolean): CommandLogger {
  const resolved = resolveLogFormat(format, terminal);
  if (level === 'silent') return { logger: pino({ level }), format: resolved, close: () => Promise.resolve() };
  if (resolved === 'json') {
    const writer = new LineWriter(1);
    process.once('exit', () => writer.flush());
    return {
      logger: pino({ level, base: undefined }, writer),
      format: resolved,
      close: () => {
        writer.flush();
        return Promise.resolve();
      },
    };
  }
  const colorize = terminal;
  const stream = pino.transport({
    target: 'pino-pretty',
    options: {
      destination: 1,
      colorize,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
      singleLine: true,
    },
  }) as unknown as Closable;
  const logger = pino({ level, base: undefined }, stream);
  let closed: Promise<void> | undefined;
  return {
    logger,
    format: resolved,
    close: () => (closed ??= closing(stream)),
  };
}

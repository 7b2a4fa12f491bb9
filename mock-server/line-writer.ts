/**
 * A log destination that costs the request path almost nothing: each line is appended to a batch,
 * and the batch is written with one synchronous write once the current turn of the event loop is
 * over (after the answers of that turn were sent). No worker thread and no thread pool compete with
 * the requests for the CPU; `flush()` writes what is pending at once (shutdown, exit).
 */
import { writeSync } from 'node:fs';

export class LineWriter {
  private batch: string[] = [];
  private scheduled = false;

  constructor(private readonly fd: number) {}

  /** pino calls this with one serialised line. */
  write(line: string): boolean {
    this.batch.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return true;
  }

  flush(): void {
    this.scheduled = false;
    if (this.batch.length === 0) return;
    const text = this.batch.join('');
    this.batch = [];
    writeAll(this.fd, Buffer.from(text, 'utf8'));
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Write every byte, waiting briefly while a non-blocking pipe is full (EAGAIN). */
function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  let waits = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
      waits = 0;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' || waits > 1000) return; // the reader is gone or stuck: drop the rest
      waits += 1;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

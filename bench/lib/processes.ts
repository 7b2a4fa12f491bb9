/** Child processes for the benchmark: perm-mock's compiled command and the baseline servers. */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'mock-server', 'bin.js');

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything printed up to the ready line. */
  readonly banner: string;
}

/**
 * Start a process and wait for `listening on <url>` (and, for perm-mock, the end of its banner).
 * `pipe` reads stdout and stderr as they come (for start-up timing); `file` sends both to the log file and
 * polls it, so a busy server's log lines cost the benchmark process nothing.
 */
export function startProcess(
  args: readonly string[],
  logFile: string,
  output: 'pipe' | 'file' = 'file',
): Promise<Started> {
  const ready = (text: string): string | undefined => {
    const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
    const complete = !text.includes('perm-mock') || text.includes('Press Ctrl-C');
    return complete ? url : undefined;
  };
  return new Promise((resolve, reject) => {
    const log = openSync(logFile, 'w');
    const child = spawn(process.execPath, [...args], {
      stdio: output === 'pipe' ? ['ignore', 'pipe', 'pipe'] : ['ignore', log, log],
    });
    child.on('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${readFileSync(logFile, 'utf8')}`)),
    );
    if (output === 'pipe') {
      let out = '';
      const onData = (chunk: Buffer): void => {
        out += chunk.toString('utf8');
        const url = ready(out);
        if (url === undefined) return;
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, url, banner: out });
      };
      // The banner is on stderr when the log is JSON lines (the default when stdout is not a terminal).
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      return;
    }
    const poll = setInterval(() => {
      const out = readFileSync(logFile, 'utf8');
      const url = ready(out);
      if (url === undefined) return;
      clearInterval(poll);
      resolve({ child, url, banner: out });
    }, 10);
    child.on('exit', () => clearInterval(poll));
  });
}

export function stop(started: Started): Promise<void> {
  return new Promise((resolve) => {
    started.child.removeAllListeners('exit');
    started.child.once('exit', () => resolve());
    started.child.kill('SIGKILL');
  });
}

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly ms: number;
}

/** One request with node:http (no client start-up cost hidden in the measurement). */
export function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      url,
      { method, headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, ms: performance.now() - started }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Resident memory of a process, from /proc (Linux), in MiB. */
export function residentMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

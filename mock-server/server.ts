/**
 * startServer runs the app on a real socket: for the CLI and for other projects' tests. Port 0 picks
 * a free port; the returned URL says which.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { writeFileSync } from 'node:fs';
import type { Logger } from 'pino';

import { formatOf, renderReport, type ReportFormat } from './report/render';

import { PROBLEM_TYPE } from '../contracts/operations';
import { isLoopback } from './admin/auth';
import { httpProblem } from './http/errors';
import { problemBody } from './http/problem';

import { createApp, type PermMockApp } from './app';
import { createControlClient, type ControlClient } from './control';
import type { MockOptions, ResolvedOptions } from './options';

export const DEFAULT_PORT = 4400;
export const DEFAULT_HOST = '127.0.0.1';

/** The request line and all header lines together (Node's maxHeaderSize, set here explicitly). */
export const MAX_HEADER_BYTES = 16 * 1024;
/** A request's headers must arrive within this (Node's headersTimeout). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** A whole request, headers and body, must arrive within this (Node's requestTimeout). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface ServerOptions extends MockOptions {
  /** Default 4400; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** How long close() lets in-flight requests finish before cutting connections. Default 5000 ms. */
  readonly shutdownGraceMs?: number;
  /** A request whose headers have not all arrived after this long is answered 408. Default 10 s. */
  readonly headersTimeoutMs?: number;
  /** A request not wholly arrived after this long is answered 408. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Write the run's verdicts to this file when the server closes (the format by its extension, or `reportFormat`). */
  readonly report?: string;
  readonly reportFormat?: ReportFormat;
}

/**
 * A running mock: the control API's vocabulary (async, the same as setupPermMock's handle) acting on
 * the default namespace, `namespace(name)` for another, and the server itself.
 */
export interface RunningMock extends ControlClient {
  /** Base URL, e.g. `http://127.0.0.1:4400`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** The request handler the server runs (`app.mock` reads the state in process, synchronously). */
  readonly app: PermMockApp;
  readonly server: Server;
  readonly config: ResolvedOptions;
  /** The same vocabulary, acting on another namespace (created on first use). */
  namespace(name: string): ControlClient;
  /** Stop accepting connections, let in-flight requests finish, write the state file, then resolve. */
  close(): Promise<void>;
}

function formatUrl(host: string, port: number): string {
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

/** Bound beyond loopback without an admin token, anyone on the network could rewrite the mock. */
export class AdminTokenRequiredError extends Error {
  constructor(host: string) {
    super(
      `binding to ${host} exposes the control API (/__admin) to the network; ` +
        'set an admin token with --admin-token or PERM_MOCK_ADMIN_TOKEN, or bind to 127.0.0.1',
    );
    this.name = 'AdminTokenRequiredError';
  }
}

/**
 * Errors Node's HTTP parser raises before Express sees a request (headers too large, a malformed
 * request line) are answered as problems too, instead of a bare status line.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const problem = tooLarge
    ? httpProblem(
        'MOCK_HEADERS_TOO_LARGE',
        `the request line and headers are over ${MAX_HEADER_BYTES} bytes; shorten the URL or the headers`,
      )
    : timedOut
      ? httpProblem('MOCK_REQUEST_TIMEOUT', 'the request did not arrive in time (its headers or its body stalled)')
      : httpProblem('MOCK_BAD_REQUEST', `the request could not be parsed as HTTP (${error.code ?? error.message})`);
  const body = JSON.stringify(problemBody(problem));
  const status = tooLarge
    ? '431 Request Header Fields Too Large'
    : timedOut
      ? '408 Request Timeout'
      : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: ${PROBLEM_TYPE}; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The run's verdicts, written where --report says (a failure to write is logged, not thrown: the run is over). */
function writeReport(file: string, format: ReportFormat | undefined, app: PermMockApp, logger: Logger): void {
  const report = app.mock.report();
  try {
    writeFileSync(file, renderReport(report, format ?? formatOf(file), app.mock.config.failOn));
    logger.info(
      { report: file, verdict: report.verdict, ...report.totals },
      `verdicts written to ${file}: ${report.verdict} (${report.totals.requests} requests, ${report.totals.violations} broke their contract, ${report.totals.warnings} warned)`,
    );
  } catch (error) {
    logger.error({ err: error, file }, 'could not write the report');
  }
}

/** A short admin token can be guessed; the mock refuses to start with one. */
export class AdminTokenTooShortError extends Error {
  constructor(length: number) {
    super(
      `the admin token has ${length} characters; use at least ${MIN_ADMIN_TOKEN_LENGTH} (e.g. openssl rand -hex 16)`,
    );
    this.name = 'AdminTokenTooShortError';
  }
}

export const MIN_ADMIN_TOKEN_LENGTH = 16;

export async function startServer(options: ServerOptions = {}): Promise<RunningMock> {
  const host = options.host ?? DEFAULT_HOST;
  if (!isLoopback(host) && (options.adminToken === undefined || options.adminToken === '')) {
    throw new AdminTokenRequiredError(host);
  }
  if (options.adminToken !== undefined && options.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new AdminTokenTooShortError(options.adminToken.length);
  }
  const app = createApp({ ...options, host });
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, requestTimeout);
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout,
      requestTimeout,
      // How often Node looks for stalled requests: often enough for the timeouts to hold.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeout / 4))),
    },
    app,
  );
  server.on('clientError', answerClientError);
  const graceMs = options.shutdownGraceMs ?? 5000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const ttl = app.mock.config.namespaceTtlSeconds;
  const sweeper = ttl > 0 ? setInterval(() => app.mock.sweepNamespaces(), Math.min(ttl, 60) * 1000) : undefined;
  sweeper?.unref();

  const { logger } = app.mock.config;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      let cut = false;
      const force = setTimeout(() => {
        cut = true;
        logger.warn(`the ${graceMs} ms shutdown grace is over: cutting the connections still open`);
        server.closeAllConnections();
      }, graceMs);
      force.unref();
      // Keep-alive connections become idle as their last request finishes: close them as they do.
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      sweep.unref();
      if (sweeper !== undefined) clearInterval(sweeper);
      // Event streams never end by themselves: end them, so their connections close as idle ones.
      app.mock.closeEventStreams();
      server.close(() => {
        clearTimeout(force);
        clearInterval(sweep);
        app.mock.flush();
        if (!cut) logger.info('every connection closed within the shutdown grace');
        if (options.report !== undefined) writeReport(options.report, options.reportFormat, app, logger);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };

  const url = formatUrl(host, port);
  const control = (namespace?: string): ControlClient =>
    createControlClient({ baseUrl: () => url, namespace, adminToken: options.adminToken });
  return {
    ...control(),
    namespace: (name) => control(name),
    url,
    port,
    host,
    app,
    server,
    config: app.mock.config,
    close,
  };
}

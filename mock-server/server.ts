/**
 * startServer runs the app on a real socket: for the CLI and for other projects' tests. Port 0 picks
 * a free port; the returned URL says which.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createApp, type MockControl, type PermMockApp } from './app';
import type { MockOptions } from './options';

export const DEFAULT_PORT = 4400;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServerOptions extends MockOptions {
  /** Default 4400; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** How long close() lets in-flight requests finish before cutting connections. Default 5000 ms. */
  readonly shutdownGraceMs?: number;
}

export interface RunningMock extends MockControl {
  /** Base URL, e.g. `http://127.0.0.1:4400`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly app: PermMockApp;
  readonly server: Server;
  /** Stop accepting connections, let in-flight requests finish, then resolve. */
  close(): Promise<void>;
}

function formatUrl(host: string, port: number): string {
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningMock> {
  const app = createApp(options);
  const server = createServer(app);
  const host = options.host ?? DEFAULT_HOST;
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

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };

  return { ...app.mock, url: formatUrl(host, port), port, host, app, server, close };
}

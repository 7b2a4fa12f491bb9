/**
 * Helpers for Daily's call model: REST calls with the test key (every answer contract-checked),
 * control-API joins, the namespace clock, seeded randomness, a self-signed token, and a webhook
 * receiver that checks each request's signature the way Daily's docs tell integrators to.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SignJWT } from 'jose';

import type { PermMockApp } from '../../mock-server/app';
import { http, type Response } from './client';
import { API_KEY } from './world';

/** Deterministic "random" bytes: the same seed, the same ids. */
export function seededBytes(seed = 1): (size: number) => Buffer {
  let counter = 0;
  return (size) => {
    const out = Buffer.alloc(size);
    for (let at = 0; at < size; at += 32) {
      counter += 1;
      createHash('sha256').update(`${seed}:${counter}`).digest().copy(out, at);
    }
    return out;
  };
}

type Method = 'get' | 'post' | 'delete';

/** A Daily REST call with the test key; `body` is sent as JSON (a string as is). */
export async function daily(
  app: PermMockApp,
  method: Method,
  path: string,
  body?: unknown,
  { key = API_KEY, contentType = 'application/json' }: { key?: string | null; contentType?: string | null } = {},
): Promise<Response> {
  let req = http(app)[method](`/v1${path}`);
  if (key !== null) req = req.set('Authorization', `Bearer ${key}`);
  if (body !== undefined) {
    if (contentType !== null) req = req.set('Content-Type', contentType);
    return req.send(typeof body === 'string' ? body : JSON.stringify(body));
  }
  return req;
}

/** POST /meeting-tokens with these properties; the token. */
export async function makeToken(app: PermMockApp, properties: Record<string, unknown>): Promise<string> {
  const res = await daily(app, 'post', '/meeting-tokens', { properties });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { token: string }).token;
}

/** A token signed by the test itself with the API key, as Daily's self-signing guide describes. */
export function selfSign(
  claims: Record<string, unknown>,
  key: string = API_KEY,
  header: { alg: string; typ?: string } = { alg: 'HS256', typ: 'JWT' },
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header).sign(new TextEncoder().encode(key));
}

/** An unsigned (`alg: none`) token with these claims. */
export function unsigned(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/** A control-API join (the answer contract-checked). */
export async function join(app: PermMockApp, room: string, body: Record<string, unknown> = {}): Promise<Response> {
  return http(app).post(`/__admin/daily/rooms/${room}/participants`).set('Content-Type', 'application/json').send(body);
}

/** Move the namespace's clock forward; every timer due on the way fires. */
export async function advance(app: PermMockApp, seconds: number, prefix = ''): Promise<void> {
  const res = await http(app).post(`${prefix}/__admin/clock`).send({ advanceSeconds: seconds });
  if (res.status !== 200) throw new Error(`clock: ${res.status}`);
}

/** The whole Daily state (control API). */
export async function dailyState(app: PermMockApp): Promise<Record<string, unknown>> {
  return (await http(app).get('/__admin/state')).body.daily as Record<string, unknown>;
}

/** Wait (without sleeping on a timer of the product) until `check` holds; fails after `ms` of real time. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One request a receiver got. */
export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  readonly body: unknown;
  /** The signature checks out against the receiver's secret, as Daily's docs say to check it. */
  readonly signed: boolean;
}

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** The base-64 secret the webhook is registered with (the receiver checks signatures with it). */
  readonly secret: string;
  /** What to answer from now on. */
  answer(status: number): void;
  /** Hold every answer (a URL that never answers). */
  hang(): void;
  /** Resolves with the first request (counted from `from`) that matches. */
  next(match: (r: Received) => boolean, from?: number): Promise<Received>;
  close(): Promise<void>;
}

/** Daily's check: HMAC-SHA256 of `<timestamp>.<raw body>` with the base-64-decoded secret, base-64, compared in constant time. */
export function verifyDailySignature(secret: string, headers: IncomingHttpHeaders, raw: string): boolean {
  const timestamp = headers['x-webhook-timestamp'];
  const signature = headers['x-webhook-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  const expected = createHmac('sha256', Buffer.from(secret, 'base64')).update(`${timestamp}.${raw}`).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A webhook receiver on 127.0.0.1 and a free port, written the way an integration writes one. */
export async function startReceiver(
  secret = Buffer.from('perm-mock test webhook secret!!!').toString('base64'),
): Promise<Receiver> {
  const received: Received[] = [];
  const waiting: { match: (r: Received) => boolean; from: number; resolve: (r: Received) => void }[] = [];
  let status = 200;
  let hanging = false;
  const held: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        body = undefined;
      }
      const entry: Received = {
        headers: req.headers,
        raw,
        body,
        signed: verifyDailySignature(secret, req.headers, raw),
      };
      received.push(entry);
      for (const w of [...waiting]) {
        if (received.length - 1 >= w.from && w.match(entry)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(entry);
        }
      }
      const reply = () => res.writeHead(status, { 'Content-Type': 'text/plain' }).end('ok');
      if (hanging) held.push(reply);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/daily-hook`,
    received,
    secret,
    answer: (next) => {
      status = next;
      hanging = false;
    },
    hang: () => {
      hanging = true;
    },
    next: (match, from = 0) => {
      const found = received.slice(from).find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve) => waiting.push({ match, from, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const reply of held) reply();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The type of a received event. */
export const typeOf = (r: Received): string | undefined => (r.body as { type?: string } | undefined)?.type;

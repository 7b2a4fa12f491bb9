/**
 * The public matchers take every response shape users hold, and none of them lies: for each shape
 * there is a passing case and failing cases (wrong body, wrong status, wrong content type), each
 * failure message naming the field and the rule. A fetch Response is read from a clone.
 */
/* eslint-disable @typescript-eslint/await-thenable -- @types/jest types custom matchers as synchronous; ours
   return a Promise for a fetch Response, which is what these tests await. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import supertest from 'supertest';

import { contractMatchers } from '../../contracts/matchers';
import { buildTestApp } from '../helpers/app';
import { http } from '../helpers/client';
import { API_KEY, GUEST, ROOM } from '../helpers/world';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const PROBLEM_HEADERS = { 'content-type': 'application/problem+json' };
const DAILY_404 = { error: 'not-found', info: 'room nope not found' };
const SONORAN_OK = { result: 'ok' };
const PROBLEM = { type: 'urn:x', title: 'No room', status: 404, detail: 'no room nope', code: 'MOCK_ROOM_NOT_FOUND' };

/** A response of each shape, built from a status, headers and a JSON body. */
const SHAPES = {
  'a fetch Response': (status: number, headers: Record<string, string>, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers }),
  'an axios response': (status: number, headers: Record<string, string>, body: unknown) => ({
    status,
    statusText: '',
    headers,
    data: body,
    config: {},
  }),
  'a plain {status, headers, body}': (status: number, headers: Record<string, string>, body: unknown) => ({
    status,
    headers,
    body,
  }),
  'a supertest-like response': (status: number, headers: Record<string, string>, body: unknown) => ({
    status,
    headers,
    body: typeof body === 'object' ? body : {},
    text: JSON.stringify(body),
  }),
} as const;

type Shape = keyof typeof SHAPES;
const shapes = Object.keys(SHAPES) as Shape[];

async function outcome(result: ReturnType<typeof contractMatchers.toMatchContract>) {
  return await result;
}

describe.each(shapes)('toMatchContract given %s', (shape) => {
  const make = SHAPES[shape];

  it('passes a conforming answer', async () => {
    await expect(make(404, JSON_HEADERS, DAILY_404)).toMatchContract('daily.updatePermissions');
    await expect(make(200, JSON_HEADERS, SONORAN_OK)).toMatchContract('sonoran.setMemberPermissions');
  });

  it('fails a wrong body, naming the field and the rule', async () => {
    const result = await outcome(
      contractMatchers.toMatchContract(make(200, JSON_HEADERS, [1, 2, 3]), 'daily.updatePermissions'),
    );
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('body must be an object');
    await expect(make(200, JSON_HEADERS, [1, 2, 3])).not.toMatchContract('daily.updatePermissions');
    const sonoran = await outcome(
      contractMatchers.toMatchContract(make(200, JSON_HEADERS, { result: 'OK' }), 'sonoran.setMemberPermissions'),
    );
    expect(sonoran.message()).toContain('result must be "ok" (got "OK")');
  });

  it('fails an undocumented status', async () => {
    const result = await outcome(
      contractMatchers.toMatchContract(make(418, JSON_HEADERS, DAILY_404), 'daily.updatePermissions'),
    );
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('status 418 is not a documented answer of daily.updatePermissions');
  });

  it('fails a wrong content type', async () => {
    const result = await outcome(
      contractMatchers.toMatchContract(
        make(404, { 'content-type': 'text/html' }, DAILY_404),
        'daily.updatePermissions',
      ),
    );
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('content-type must be application/json (got text/html)');
  });
});

describe.each(shapes)('toBeProblem given %s', (shape) => {
  const make = SHAPES[shape];

  it('passes a perm-mock problem with its code', async () => {
    await expect(make(404, PROBLEM_HEADERS, PROBLEM)).toBeProblem('MOCK_ROOM_NOT_FOUND');
  });

  it("fails another API's body, a wrong code and a wrong content type, naming each", async () => {
    const other = await outcome(contractMatchers.toBeProblem(make(404, JSON_HEADERS, DAILY_404)));
    expect(other.pass).toBe(false);
    expect(other.message()).toContain('code is required');
    expect(other.message()).toContain('content-type must be application/problem+json (got application/json)');
    const code = await outcome(contractMatchers.toBeProblem(make(404, PROBLEM_HEADERS, PROBLEM), 'MOCK_X'));
    expect(code.message()).toContain('code must be MOCK_X (got MOCK_ROOM_NOT_FOUND)');
  });

  it('fails a wrong status: a success, or one the problem does not state', async () => {
    const success = await outcome(
      contractMatchers.toBeProblem(make(200, PROBLEM_HEADERS, PROBLEM), 'MOCK_ROOM_NOT_FOUND'),
    );
    expect(success.pass).toBe(false);
    expect(success.message()).toContain('the HTTP status must be an error (4xx or 5xx; got 200)');
    expect(success.message()).toContain("the body's status (404) must be the HTTP status (200)");
    const other = await outcome(
      contractMatchers.toBeProblem(make(409, PROBLEM_HEADERS, PROBLEM), 'MOCK_ROOM_NOT_FOUND'),
    );
    expect(other.pass).toBe(false);
    expect(other.message()).toContain("the body's status (404) must be the HTTP status (409)");
  });
});

describe('a real supertest response', () => {
  /** A handler answering what it is told: supertest's own response object, not a look-alike. */
  const answering = (status: number, type: string, body: unknown) =>
    supertest((_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(status, { 'Content-Type': type }).end(JSON.stringify(body));
    }).get('/');

  it('passes and fails toMatchContract by body, status and content type', async () => {
    await expect(await answering(404, 'application/json', DAILY_404)).toMatchContract('daily.updatePermissions');
    await expect(await answering(200, 'application/json', [1, 2, 3])).not.toMatchContract('daily.updatePermissions');
    await expect(await answering(418, 'application/json', DAILY_404)).not.toMatchContract('daily.updatePermissions');
    await expect(await answering(404, 'text/html', DAILY_404)).not.toMatchContract('daily.updatePermissions');
  });

  it('passes and fails toBeProblem by body, status and content type', async () => {
    await expect(await answering(404, 'application/problem+json', PROBLEM)).toBeProblem('MOCK_ROOM_NOT_FOUND');
    await expect(await answering(404, 'application/json', DAILY_404)).not.toBeProblem();
    await expect(await answering(200, 'application/problem+json', PROBLEM)).not.toBeProblem('MOCK_ROOM_NOT_FOUND');
    await expect(await answering(404, 'application/json', PROBLEM)).not.toBeProblem('MOCK_ROOM_NOT_FOUND');
  });
});

describe('a fetch Response', () => {
  it('is read from a clone, so the caller can still read its body', async () => {
    const res = new Response(JSON.stringify(SONORAN_OK), { status: 200, headers: JSON_HEADERS });
    await expect(res).toMatchContract('sonoran.setMemberPermissions');
    expect(res.bodyUsed).toBe(false);
    expect(await res.json()).toEqual(SONORAN_OK);
  });

  it('fails an array body for Daily (the body is checked, not the stream object)', async () => {
    const res = new Response('[1,2,3]', { status: 200, headers: { 'Content-Type': 'application/json' } });
    await expect(res).not.toMatchContract('daily.updatePermissions');
  });

  it('fails a body that is not JSON although its type says so', async () => {
    const res = new Response('<html>', { status: 200, headers: { 'Content-Type': 'application/json' } });
    const result = await outcome(contractMatchers.toMatchContract(res, 'daily.updatePermissions'));
    expect(result.message()).toContain('body must be an object');
  });
});

it('refuses something that is not a response, saying what it takes', () => {
  expect(() => contractMatchers.toMatchContract(42 as never, 'daily.updatePermissions')).toThrow(
    /expected a response: a fetch Response, a supertest or axios response/,
  );
});

describe('the shared test client', () => {
  it('fails a test whose answer breaks its contract, even when the test checks nothing itself', async () => {
    // The mock's own self-check is off here, so the broken answer reaches the client.
    const app = buildTestApp({ selfCheck: false, dailySuccessBody: [1, 2, 3] as unknown as Record<string, unknown> });
    const sent = http(app)
      .post(`/v1/rooms/${ROOM}/update-permissions`)
      .set({ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' })
      .send({ data: { [GUEST]: { canSend: true } } });
    await expect(sent).rejects.toThrow(/the 200 answer to POST .* breaks the contract of daily.updatePermissions/);
  });
});

describe('--self-check', () => {
  it('replaces an answer that breaks its contract with a loud 500 problem naming the violation', async () => {
    const app = buildTestApp({ selfCheck: true, dailySuccessBody: [1, 2, 3] as unknown as Record<string, unknown> });
    const res = await http(app)
      .post(`/v1/rooms/${ROOM}/update-permissions`)
      .set({ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' })
      .send({ data: { [GUEST]: { canSend: true } } })
      .catch((error: Error) => error);
    // The shared client fails the answer (a problem is not one of Daily's 500 bodies): read it raw.
    expect(res).toBeInstanceOf(Error);
    const message = (res as Error).message;
    expect(message).toContain('MOCK_SELF_CHECK_FAILED');
    expect(message).toContain('body must be an object');
  });
});

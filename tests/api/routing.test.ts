/**
 * Routing from the operation table: a path no operation serves is answered in the format of the API
 * whose prefix it is under (the precise reason, with what is served, in the header and the
 * journal), a served path asked with another method gets 405 with Allow, and anything else gets the
 * mock's own problem listing every operation.
 */
import { OPERATIONS } from '../../contracts/operations';
import { REASON_HEADER } from '../../mock-server/http/diagnostics';
import { buildTestApp } from '../helpers/app';
import { http } from '../helpers/client';

const reason = (res: { headers: Record<string, string> }): string => res.headers[REASON_HEADER.toLowerCase()] ?? '';

describe('a path no operation serves', () => {
  it.each([
    ['Daily, under /v1', 'GET', '/v1/nothing-here', 404, { error: 'not-found' }, 'DAILY_ROUTE_NOT_FOUND'],
    [
      'Sonoran v1, under /api',
      'POST',
      '/api/nothing-here',
      404,
      { result: 'bad', error: 'Not found' },
      'SONORAN_ROUTE_NOT_FOUND',
    ],
    [
      'Sonoran v1, under /radio',
      'POST',
      '/radio/nothing-here',
      404,
      { result: 'bad', error: 'Not found' },
      'SONORAN_ROUTE_NOT_FOUND',
    ],
    [
      'Sonoran v2, under /v2',
      'GET',
      '/v2/servers/1/nothing',
      404,
      { type: 'https://httpstatuses.com/404', status: 404, instance: '/v2/servers/1/nothing' },
      'SONORAN_ROUTE_NOT_FOUND',
    ],
  ])('is answered in the format of %s', async (_name, method, path, status, body, code) => {
    const app = buildTestApp();
    const res = await http(app)[method === 'GET' ? 'get' : 'post'](path);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject(body);
    expect(reason(res)).toMatch(new RegExp(`^${code}: no .* operation matches ${method} `));
    const entry = app.mock.requests().at(-1);
    expect(entry).toMatchObject({ operation: null, status, reason: { code } });
    expect(entry?.contract.valid).toBe(false);
  });

  it('gets a v2 problem with a traceId that names its journal entry', async () => {
    const res = await http(buildTestApp()).get('/v2/servers/1/nothing');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(res.body.title).toBe('Not Found');
  });

  it('outside every API, is the mock problem listing every mocked operation', async () => {
    const res = await http(buildTestApp()).get('/nowhere');
    expect(res).toBeProblem('MOCK_ROUTE_NOT_FOUND');
    for (const op of OPERATIONS.values()) {
      if (op.api !== 'admin') expect(res.body.detail).toContain(`${op.method} ${op.path}`);
    }
    expect(res.body.detail).toContain('/__admin');
  });

  it.each([
    ['a trailing slash', '/v1/rooms/standup/update-permissions/'],
    ['upper-case letters', '/V1/rooms/standup/update-permissions'],
  ])('with %s says which path was probably meant', async (_name, path) => {
    const res = await http(buildTestApp()).post(path);
    expect(res.status).toBe(404);
    expect(reason(res) + (res.body.detail ?? '')).toContain('did you mean POST /v1/rooms/standup/update-permissions?');
  });
});

describe('a served path asked with another method', () => {
  it.each([
    ['Daily', '/v1/rooms/standup/update-permissions', { error: 'invalid-request-error' }],
    ['Sonoran v1', '/api/servers/x/members/permissions', { result: 'bad', error: 'Method not allowed' }],
  ])('gets 405 with Allow in the format of %s', async (_name, path, body) => {
    const res = await http(buildTestApp()).delete(path);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body).toMatchObject(body);
    expect(reason(res)).toContain('this path accepts POST');
  });

  it('on the control API gets the mock problem with Allow', async () => {
    const res = await http(buildTestApp()).patch('/__admin/state');
    expect(res).toBeProblem('MOCK_METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('GET');
  });
});

it('answers HEAD like GET, without a body', async () => {
  const res = await http(buildTestApp()).head('/__admin/health');
  expect(res.status).toBe(200);
  expect(res.text ?? '').toBe('');
});

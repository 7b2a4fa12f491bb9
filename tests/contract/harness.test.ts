/** The public harness: exchanges checked against contracts, readable violations, Jest matchers. */
import {
  checkExchange,
  checkRequest,
  checkResponse,
  contractMatchers,
  createContractRegistry,
  getOperation,
  matchOperation,
  OPERATIONS,
} from '../../mock-server/index';

describe('checkResponse', () => {
  it('accepts an answer that meets its contract', () => {
    expect(
      checkResponse('sonoran.setMemberPermissions', {
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: { result: 'ok' },
      }),
    ).toEqual([]);
  });

  it('names each violation with its path: status, content type and body', () => {
    expect(
      checkResponse('daily.updatePermissions', { status: 418, contentType: 'application/json', body: {} }).map(
        (v) => v.text,
      ),
    ).toEqual([
      'status 418 is not a documented answer of daily.updatePermissions (documented: 200, 400, 401, 403, 404, 413, 429, 500)',
    ]);
    expect(
      checkResponse('daily.updatePermissions', {
        status: 404,
        contentType: 'text/html',
        body: { error: 'not_found', detail: 'x' },
      }).map((v) => v.text),
    ).toEqual([
      'content-type must be application/json (got text/html)',
      'info is required',
      'detail is not a known field; known fields: error, info',
      'error must be "not-found" (got "not_found")',
    ]);
  });

  it('expects no body for a 204', () => {
    expect(checkResponse('admin.clearRequests', { status: 204, body: '' })).toEqual([]);
    expect(checkResponse('admin.clearRequests', { status: 204, body: { x: 1 } })[0]?.text).toBe(
      'body must be empty for status 204',
    );
  });

  it('throws a helpful error for an unknown operation', () => {
    expect(() => checkResponse('daily.nope', { status: 200, body: {} })).toThrow(
      /unknown operation "daily.nope"; known operations: daily.updatePermissions/,
    );
  });
});

describe('checkRequest', () => {
  it('checks the Authorization header, the content type and the body', () => {
    const texts = checkRequest('daily.updatePermissions', {
      headers: { 'content-type': 'text/plain' },
      body: { data: { a: { canSend: 'yes' } } },
    }).map((v) => v.text);
    expect(texts).toEqual([
      'headers.authorization must be "Bearer <API key>"',
      'content-type must be application/json (got text/plain)',
      'data.a.canSend must be a boolean or an array (got "yes")',
    ]);
  });

  it('accepts a correct request', () => {
    expect(
      checkRequest('daily.updatePermissions', {
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: { data: { a: { canSend: ['audio'] } } },
      }),
    ).toEqual([]);
  });

  it('checks a whole exchange at once', () => {
    const result = checkExchange('sonoran.setMemberPermissions', {
      request: { contentType: 'application/json', body: { apiKey: 'k', userPerms: [{ accId: 'a', perm: 4096 }] } },
      response: { status: 400, contentType: 'application/json', body: { error: 'Invalid request' } },
    });
    expect(result.valid).toBe(false);
    expect(result.request.map((v) => v.text)).toEqual(['userPerms[0].perm must be <= 1023 (got 4096)']);
    expect(result.response).toEqual([]);
  });
});

describe('matchOperation', () => {
  it('finds the operation and its parameters from a method and a URL', () => {
    const match = matchOperation('post', '/v1/rooms/my%20room/update-permissions?x=1');
    expect(match?.operation.id).toBe('daily.updatePermissions');
    expect(match?.params).toEqual({ name: 'my room' });
    expect(matchOperation('GET', '/__admin/sonoran/communities/c/members/m')?.params).toEqual({ id: 'c', accId: 'm' });
    expect(matchOperation('GET', '/v1/rooms/x/update-permissions')).toBeUndefined();
  });

  it('knows every operation by its method and path', () => {
    for (const op of OPERATIONS.values()) {
      const url = op.path.replace(/\{\w+\}/g, 'x');
      expect(matchOperation(op.method, url)?.operation.id).toBe(op.id);
    }
  });
});

describe('Jest matchers', () => {
  it('passes toMatchContract for a conforming response and prints violations otherwise', () => {
    const ok = { status: 200, headers: { 'content-type': 'application/json' }, body: { result: 'ok' } };
    expect(ok).toMatchContract('sonoran.setMemberPermissions');
    const bad = { status: 200, headers: { 'content-type': 'application/json' }, body: { result: 'OK' } };
    const result = contractMatchers.toMatchContract(bad, 'sonoran.setMemberPermissions');
    if (result instanceof Promise) throw new Error('a plain response is checked at once');
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('- result must be "ok" (got "OK")');
    expect(() => expect(bad).toMatchContract('sonoran.setMemberPermissions')).toThrow(/result must be "ok"/);
  });

  it('checks requests with toMatchRequestContract, from a journal entry or a plain request', () => {
    const request = { headers: { 'content-type': 'application/json' }, body: { apiKey: 'k', userPerms: [] } };
    expect(request).toMatchRequestContract('sonoran.setMemberPermissions');
    expect({ request }).toMatchRequestContract('sonoran.setMemberPermissions');
    expect(() => expect({ body: { apiKey: 'k' } }).toMatchRequestContract('sonoran.setMemberPermissions')).toThrow(
      /userPerms is required/,
    );
  });

  it('reads headers from a fetch Response-like Headers object', () => {
    const headers = new Headers({ 'content-type': 'application/problem+json' });
    expect({
      status: 404,
      headers,
      body: { type: 't', title: 't', status: 404, detail: 'd', code: 'MOCK_ROOM_NOT_FOUND' },
    }).toMatchContract('admin.getDailyRoom');
    expect(getOperation('admin.getDailyRoom').responses[404]).toBeDefined();
  });
});

describe('the contract registry', () => {
  it('compiles every schema perm-mock ships (the server compiles them lazily, so this is where a broken one fails)', () => {
    expect(() => createContractRegistry()).not.toThrow();
  });

  it('compiles every schema and every $defs entry at boot, so a broken one fails at once', () => {
    const broken = { $id: 'urn:perm-mock:test:broken', $defs: { bad: { type: 'object', required: ['x'] } } };
    expect(() => createContractRegistry([broken])).toThrow(/required property "x" is not defined/);
  });

  it('refuses two schemas with the same $id', () => {
    const doc = { $id: 'urn:perm-mock:test:twice', type: 'object' };
    expect(() => createContractRegistry([doc, doc])).toThrow(
      /two contract schemas share the \$id "urn:perm-mock:test:twice"/,
    );
  });

  it('refuses a $ref to a schema that is not registered', () => {
    expect(() =>
      createContractRegistry([{ $id: 'urn:perm-mock:test:dangling', $ref: 'urn:perm-mock:test:missing' }]),
    ).toThrow(/can't resolve reference/);
  });
});

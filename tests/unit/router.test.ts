/** The one router: static segments first, parameters by each template's own names, 404 against 405. */
import { createRouter } from '../../contracts/operations/router';
import type { OperationContract } from '../../contracts/operations';

function op(id: string, method: OperationContract['method'], path: string): OperationContract {
  return { id, api: 'sonoran', surface: 'sonoran-v1', method, path, summary: id, responses: {} };
}

const router = createRouter([
  op('short', 'POST', '/api/radio/set-user-channels/{id}/{key}/{identity}'),
  op('long', 'POST', '/api/radio/set-user-channels/{id}/{key}/{roomId}/{identity}'),
  op('static', 'GET', '/api/radio/set-user-channels/{id}/fixed'),
  op('read', 'GET', '/v2/servers/{id}/channels'),
]);

describe('the router', () => {
  it("names each template's parameters by its own names where two templates share a position", () => {
    expect(router.match('POST', '/api/radio/set-user-channels/c/k/acc-1')).toEqual({
      kind: 'operation',
      operation: expect.objectContaining({ id: 'short' }),
      rawParams: { id: 'c', key: 'k', identity: 'acc-1' },
    });
    expect(router.match('POST', '/api/radio/set-user-channels/c/k/2/acc-1')).toEqual({
      kind: 'operation',
      operation: expect.objectContaining({ id: 'long' }),
      rawParams: { id: 'c', key: 'k', roomId: '2', identity: 'acc-1' },
    });
  });

  it('prefers a static segment and falls back to a parameter', () => {
    expect(router.match('GET', '/api/radio/set-user-channels/c/fixed')).toMatchObject({
      operation: { id: 'static' },
      rawParams: { id: 'c' },
    });
  });

  it('tells a path served for other methods (405) from a path nobody serves (404)', () => {
    expect(router.match('DELETE', '/v2/servers/x/channels')).toEqual({
      kind: 'method',
      allowed: ['GET'],
      template: '/v2/servers/{id}/channels',
    });
    expect(router.match('GET', '/v2/servers/x/nothing')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/v2/servers//channels')).toEqual({ kind: 'none' });
  });

  it('refuses a template that names one parameter twice, or one route twice', () => {
    expect(() => createRouter([op('twice', 'GET', '/a/{id}/{id}')])).toThrow(/appears twice/);
    expect(() => createRouter([op('a', 'GET', '/a/{x}'), op('b', 'GET', '/a/{y}')])).toThrow(/in the table twice/);
  });
});

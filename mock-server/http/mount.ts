/** A mocked API mounted for the dispatcher: its handlers bound to the store they act on and to their options. */
import type { ApiRequest, ApiResult, MockedApi } from '../apis/seam';
import type { MockState } from '../state';
import type { JournalApi } from './journal';

/** A mocked API bound to its store in each namespace's state and to its options. */
export interface MountedApi {
  readonly api: JournalApi;
  readonly operations: ReadonlySet<string>;
  handle(operationId: string, req: ApiRequest, state: MockState): ApiResult | Promise<ApiResult>;
  render: MockedApi<unknown, unknown>['render'];
  readonly plumbing: MockedApi<unknown, unknown>['plumbing'];
  faultCode(status: number): string;
  rateKey(req: ApiRequest): string;
}

/** Bind an API's handlers to the store they act on and to their options. */
export function mountApi<Store, Options>(
  api: MockedApi<Store, Options>,
  storeOf: (state: MockState) => Store,
  options: Options,
): MountedApi {
  return {
    api: api.api,
    operations: new Set(Object.keys(api.handlers)),
    handle(operationId, req, state) {
      const handler = api.handlers[operationId];
      if (handler === undefined) throw new Error(`no handler for ${operationId}`);
      return handler(req, { store: storeOf(state), options });
    },
    render: (code, detail, at) => api.render(code, detail, at),
    plumbing: api.plumbing,
    faultCode: (status) => api.faultCode(status),
    rateKey: (req) => api.rateKey?.(req) ?? '',
  };
}

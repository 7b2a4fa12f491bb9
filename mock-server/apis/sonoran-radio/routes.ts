/**
 * Sonoran Radio as the dispatcher serves it: one MockedApi with a handler for every Sonoran
 * operation id of the table, v1's (routes-v1.ts) and v2's (routes-v2.ts). Both call the same rules
 * (semantics.ts) on the same community model; they differ in auth, body shapes, success bodies and
 * error rendering (errors.ts renders v1's terse bodies or v2's problems by surface).
 */
import type { ApiRequest, MockedApi } from '../seam';
import { renderSonoranError, SONORAN_PLUMBING, sonoranFaultCode } from './errors';
import type { SonoranOptions } from './requests';
import { V1_HANDLERS } from './routes-v1';
import { V2_HANDLERS } from './routes-v2';
import type { SonoranStore } from './store';

export type { SonoranOptions } from './requests';

const BEARER = /^Bearer[ \t]+(\S+)/i;

/**
 * What a per-key rate limit counts a request under: v2's Bearer key (the docs: "per API key, not per
 * caller IP"); the unauthenticated subscription-by-IP route counts per caller address.
 */
export function sonoranRateKey(req: ApiRequest): string {
  if (req.path === '/v2/server-subscriptions/by-ip') return `address:${req.remoteAddress}`;
  const key = BEARER.exec(req.headers.authorization ?? '')?.[1];
  return key === undefined ? '' : `key:${key}`;
}

export const SONORAN_API: MockedApi<SonoranStore, SonoranOptions> = {
  api: 'sonoran',
  handlers: { ...V1_HANDLERS, ...V2_HANDLERS },
  render: renderSonoranError,
  plumbing: SONORAN_PLUMBING,
  faultCode: sonoranFaultCode,
  rateKey: sonoranRateKey,
};

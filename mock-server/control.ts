/**
 * The control API from code: one vocabulary, async throughout, for every handle perm-mock gives out
 * (`startServer()`'s and `setupPermMock()`'s). Each method is one control-API call (`GET /__admin/state`,
 * `POST /__admin/reset`, …) in the handle's namespace, and `call()` reaches any other operation of
 * the table by its id, so the code API and the HTTP API match one to one.
 */
import { getOperation } from '../contracts/operations';
import type { ClockView } from './admin/routes';
import type { Fault, FaultSpec } from './faults';
import type { JournalEntry, JournalFilter } from './http/journal';
import { NAMESPACE_HEADER } from './http/namespace';
import type { RateLimitsView } from './rate-limit';
import type { Report } from './report/verdicts';
import type { World } from './world';

/** How a rate limit is switched: `true` as documented, `false` off, or custom windows. */
export type RateLimitSetting = boolean | { readonly windows: readonly { limit: number; seconds: number }[] };

export interface ControlClient {
  /** The namespace's whole state (`GET /__admin/state`). */
  state(): Promise<World>;
  /** Back to the startup world and time, with no faults and the startup rate limits (`POST /__admin/reset`). */
  reset(): Promise<World>;
  /** Journal entries, oldest first (`GET /__admin/requests`): filter by api, path (exact or `prefix*`), validity. */
  requests(filter?: JournalFilter): Promise<JournalEntry[]>;
  /** Empty the journal (`DELETE /__admin/requests`). */
  clearRequests(): Promise<void>;
  /** Load a named scenario (`POST /__admin/scenarios/{name}`); answers with the state after. */
  loadScenario(name: string): Promise<World>;
  /** Arm a fault (`POST /__admin/faults`). */
  fault(spec: FaultSpec): Promise<Fault>;
  /** The faults armed (`GET /__admin/faults`). */
  faults(): Promise<Fault[]>;
  /** Disarm every fault (`DELETE /__admin/faults`). */
  clearFaults(): Promise<void>;
  /** The rate limits in force; with a setting, switch them first (`PUT`/`GET /__admin/rate-limits`). */
  rateLimits(setting?: { daily?: RateLimitSetting; sonoran?: RateLimitSetting }): Promise<RateLimitsView>;
  /** The namespace's clock (`GET /__admin/clock`). */
  clock(): Promise<ClockView>;
  /** Move the namespace's clock forward; due timers fire (`POST /__admin/clock`). */
  advanceClock(seconds: number): Promise<ClockView>;
  /** The verdicts of the run so far, over every namespace (`GET /__admin/report`). */
  report(): Promise<Report>;
  /**
   * Any control-API operation by its id in the operation table (`admin.putDailyRoom`, …), in this
   * namespace; answers with the parsed body (undefined for a 204). A refusal rejects with its problem.
   */
  call(
    operationId: string,
    args?: { params?: Readonly<Record<string, string>>; query?: Readonly<Record<string, string>>; body?: unknown },
  ): Promise<unknown>;
}

/** A control-API call that was refused: the status and the mock's problem. */
export class ControlApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
    what: string,
  ) {
    const detail = (problem as { detail?: unknown } | undefined)?.detail;
    super(`perm-mock: ${what} answered ${status}${typeof detail === 'string' ? `: ${detail}` : ''}`);
    this.name = 'ControlApiError';
  }
}

export interface ControlTarget {
  /** The server's base URL (called at each request: a handle may learn it late). */
  readonly baseUrl: () => string;
  /** The namespace acted on; undefined for `default`. */
  readonly namespace?: string | undefined;
  readonly adminToken?: string | undefined;
}

export function createControlClient(target: ControlTarget): ControlClient {
  const call: ControlClient['call'] = async (operationId, args = {}) => {
    const op = getOperation(operationId);
    if (op.api !== 'admin') throw new Error(`${operationId} is not a control-API operation`);
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = args.params?.[name];
      if (value === undefined) throw new Error(`${operationId} needs the path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const query = new URLSearchParams(args.query ?? {}).toString();
    const headers: Record<string, string> = {};
    if (target.adminToken !== undefined) headers.Authorization = `Bearer ${target.adminToken}`;
    if (target.namespace !== undefined) headers[NAMESPACE_HEADER] = target.namespace;
    if (args.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${target.baseUrl()}${path}${query === '' ? '' : `?${query}`}`, {
      method: op.method,
      headers,
      ...(args.body !== undefined && { body: JSON.stringify(args.body) }),
    });
    const text = await res.text();
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    if (!res.ok) throw new ControlApiError(res.status, body, `${op.method} ${path}`);
    return body;
  };

  return {
    call,
    state: async () => (await call('admin.getState')) as World,
    reset: async () => (await call('admin.reset')) as World,
    requests: async (filter = {}) => {
      const query: Record<string, string> = {};
      if (filter.api !== undefined) query.api = filter.api;
      if (filter.path !== undefined) query.path = filter.path;
      if (filter.valid !== undefined) query.valid = String(filter.valid);
      return ((await call('admin.listRequests', { query })) as { requests: JournalEntry[] }).requests;
    },
    clearRequests: async () => void (await call('admin.clearRequests')),
    loadScenario: async (name) => (await call('admin.loadScenario', { params: { name } })) as World,
    fault: async (spec) => (await call('admin.addFault', { body: spec })) as Fault,
    faults: async () => ((await call('admin.listFaults')) as { faults: Fault[] }).faults,
    clearFaults: async () => void (await call('admin.clearFaults')),
    rateLimits: async (setting) =>
      (setting === undefined
        ? await call('admin.getRateLimits')
        : await call('admin.putRateLimits', { body: setting })) as RateLimitsView,
    clock: async () => (await call('admin.getClock')) as ClockView,
    report: async () => (await call('admin.getReport')) as Report,
    advanceClock: async (seconds) =>
      (await call('admin.advanceClock', { body: { advanceSeconds: seconds } })) as ClockView,
  };
}

/**
 * Control API for namespaces, and for what each namespace holds besides its state: injected faults,
 * rate limits and named scenarios. Faults, rate limits and scenarios act on the request's own
 * namespace (the `X-Perm-Mock-Namespace` header or the `/ns/<name>` prefix).
 */
import { faultStatuses, OPERATIONS } from '../../contracts/operations';
import type { FaultSpec } from '../faults';
import type { JournalApi } from '../http/journal';
import { Namespaces, type NamespaceStart } from '../namespaces';
import type { RateSetting, RateWindow } from '../rate-limit';
import { adminProblem } from './errors';
import type { AdminHandler } from './types';

/** The statuses a fault may inject, read from the operation table: the error answers each operation documents upstream. */
export function injectableStatuses(api: JournalApi | undefined, operation: string | undefined): number[] {
  const ops = [...OPERATIONS.values()].filter(
    (op) =>
      op.api !== 'admin' && (api === undefined || op.api === api) && (operation === undefined || op.id === operation),
  );
  const perApi = (name: JournalApi): Set<number> =>
    new Set(ops.filter((op) => op.api === name).flatMap((op) => faultStatuses(op)));
  if (api !== undefined || operation !== undefined)
    return [...new Set(ops.flatMap((op) => faultStatuses(op)))].sort((a, b) => a - b);
  const daily = perApi('daily');
  return [...perApi('sonoran')].filter((status) => daily.has(status)).sort((a, b) => a - b);
}

/** Checks a JSON Schema cannot express; the message says what to change. */
export function faultProblems(spec: FaultSpec): string[] {
  const problems: string[] = [];
  if (spec.status === undefined && spec.delayMs === undefined && spec.delayMaxMs === undefined && spec.drop !== true) {
    problems.push('say what to inject: a status, a delay (delayMs, delayMaxMs) or drop: true');
  }
  if (spec.drop === true && spec.status !== undefined)
    problems.push('a dropped connection has no status: give drop or status, not both');
  if (spec.delayMaxMs !== undefined && spec.delayMaxMs < (spec.delayMs ?? 0))
    problems.push('delayMaxMs must be at least delayMs');
  if (spec.operation !== undefined) {
    const op = OPERATIONS.get(spec.operation);
    if (op === undefined || op.api === 'admin') {
      problems.push(`operation ${spec.operation} is not a mocked operation (GET /__admin/openapi.json lists them)`);
    } else if (spec.api !== undefined && op.api !== spec.api) {
      problems.push(`operation ${spec.operation} is not an operation of ${spec.api}`);
    }
  }
  if (spec.status !== undefined && problems.length === 0) {
    const allowed = injectableStatuses(spec.api, spec.operation);
    if (!allowed.includes(spec.status)) {
      const scope =
        spec.operation !== undefined
          ? `the contract of ${spec.operation} documents`
          : spec.api !== undefined
            ? `the ${spec.api} contract documents`
            : 'both APIs document';
      problems.push(
        `status ${spec.status} is not an answer ${scope}; use one of ${allowed.join(', ')}` +
          (spec.api === undefined && spec.operation === undefined ? ' (or name the api)' : ''),
      );
    }
  }
  return problems;
}

type RateInput = boolean | null | { readonly windows: readonly RateWindow[] };

function settingOf(input: RateInput): RateSetting | null {
  if (input === null || input === false) return null;
  return input === true ? 'documented' : { windows: input.windows };
}

export const NAMESPACE_ADMIN_HANDLERS: Readonly<Record<string, AdminHandler>> = {
  'admin.listNamespaces': (_req, ctx) => ({ status: 200, body: { namespaces: ctx.namespaces.list() } }),

  'admin.getMemory': (_req, ctx) => ({ status: 200, body: ctx.namespaces.memory() }),

  'admin.putNamespace': (req, ctx) => {
    const name = req.params.name ?? '';
    Namespaces.check(name);
    const input = (req.body ?? {}) as { start?: NamespaceStart };
    const { created } = ctx.namespaces.create(name, input.start ?? ctx.config.namespaceStart);
    const view = ctx.namespaces.list().find((n) => n.name === name);
    return { status: created ? 201 : 200, body: view };
  },

  'admin.deleteNamespace': (req, ctx) => {
    const name = req.params.name ?? '';
    if (!ctx.namespaces.delete(name)) {
      throw adminProblem('MOCK_NAMESPACE_NOT_FOUND', `no namespace ${name}; list them with GET /__admin/namespaces`);
    }
    return { status: 204 };
  },

  'admin.listFaults': (_req, ctx) => ({ status: 200, body: { faults: ctx.state().faults.list() } }),

  'admin.addFault': (req, ctx) => {
    const spec = req.body as FaultSpec;
    const problems = faultProblems(spec);
    if (problems.length > 0) throw adminProblem('MOCK_INVALID_FAULT', problems.join('; '), { errors: problems });
    const fault = ctx.state().faults.add(spec);
    ctx.logger.info({ namespace: req.namespace, fault }, `fault ${fault.id} armed`);
    return { status: 201, body: fault, faults: { action: 'armed', ids: [fault.id] } };
  },

  'admin.armCoverage': (req, ctx) => {
    const input = req.body as { operation?: string; api?: JournalApi; retryAfter?: number };
    const ops = [...OPERATIONS.values()].filter(
      (op) =>
        op.api !== 'admin' &&
        (input.api === undefined || op.api === input.api) &&
        (input.operation === undefined || op.id === input.operation),
    );
    if (ops.length === 0) {
      throw adminProblem(
        'MOCK_INVALID_FAULT',
        `no mocked operation ${input.operation ?? ''}${input.api === undefined ? '' : ` of ${input.api}`}; GET /__admin/openapi.json lists them`,
      );
    }
    const state = ctx.state();
    const armed = ops.flatMap((op) =>
      faultStatuses(op).map((status) =>
        state.faults.add({
          operation: op.id,
          status,
          times: 1,
          ...(status === 429 && { retryAfter: input.retryAfter ?? 1 }),
        }),
      ),
    );
    ctx.logger.info(
      { namespace: req.namespace, faults: armed.length },
      `${armed.length} documented failures armed for coverage`,
    );
    return { status: 201, body: { faults: armed }, faults: { action: 'armed', ids: armed.map((f) => f.id) } };
  },

  'admin.clearFaults': (_req, ctx) => {
    const { faults } = ctx.state();
    const ids = faults.list().map((f) => f.id);
    faults.clear();
    return { status: 204, faults: { action: 'cleared', ids } };
  },

  'admin.deleteFault': (req, ctx) => {
    const id = req.params.id ?? '';
    if (!ctx.state().faults.remove(id)) {
      throw adminProblem(
        'MOCK_FAULT_NOT_FOUND',
        `no fault ${id} in namespace ${req.namespace}; list them with GET /__admin/faults`,
      );
    }
    return { status: 204, faults: { action: 'disarmed', ids: [id] } };
  },

  'admin.getRateLimits': (_req, ctx) => ({ status: 200, body: ctx.state().rateLimits.view() }),

  'admin.putRateLimits': (req, ctx) => {
    const input = req.body as { daily?: RateInput; sonoran?: RateInput };
    const limits = ctx.state().rateLimits;
    if (input.daily !== undefined) limits.set('daily', settingOf(input.daily));
    if (input.sonoran !== undefined) limits.set('sonoran', settingOf(input.sonoran));
    return { status: 200, body: limits.view() };
  },

  'admin.listScenarios': (_req, ctx) => ({
    status: 200,
    body: { scenarios: ctx.scenarios.map(({ name, description }) => ({ name, description })) },
  }),

  'admin.loadScenario': (req, ctx) => {
    const name = req.params.name ?? '';
    const scenario = ctx.scenarios.find((s) => s.name === name);
    if (scenario === undefined) {
      throw adminProblem(
        'MOCK_SCENARIO_NOT_FOUND',
        `no scenario ${name}; the scenarios are ${ctx.scenarios.map((s) => s.name).join(', ')} (GET /__admin/scenarios)`,
      );
    }
    const state = ctx.state();
    state.load({
      daily: { ...state.daily.domainPart(), rooms: scenario.daily?.rooms ?? [] },
      sonoran: { communities: scenario.sonoran?.communities ?? [] },
    });
    return { status: 200, body: state.snapshot(), stream: true };
  },
};

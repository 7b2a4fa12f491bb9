/**
 * Control API for namespaces, and for what each namespace holds besides its state: injected faults,
 * rate limits and named scenarios. Faults, rate limits and scenarios act on the request's own
 * namespace (the `X-Perm-Mock-Namespace` header or the `/ns/<name>` prefix).
 */
import { Router } from 'express';

import type { FaultSpec } from '../faults';
import { readRawBody } from '../http/body';
import type { RouteDeps } from '../http/deps';
import type { JournalApi } from '../http/journal';
import { resolveNamespace } from '../http/namespace';
import { methodNotAllowed } from '../http/routing';
import { Namespaces, type NamespaceStart } from '../namespaces';
import { DAILY_WINDOWS, RateLimiter, SONORAN_WINDOWS, type RateWindow } from '../rate-limit';
import type { MockState } from '../state';
import { adminProblem } from './errors';
import { answerAfterCommit, readAdminBody } from './read-body';

const SCHEMAS = 'urn:perm-mock:admin:namespaces#/$defs';

/** Statuses a fault may inject, per API: those each operation's contract documents. */
const FAULT_STATUSES: Readonly<Record<JournalApi, readonly number[]>> = {
  daily: [400, 401, 404, 429, 500],
  sonoran: [400, 404, 429, 500],
};

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
  const api = spec.api ?? (spec.operation?.split('.')[0] as JournalApi | undefined);
  if (spec.api !== undefined && spec.operation !== undefined && !spec.operation.startsWith(`${spec.api}.`)) {
    problems.push(`operation ${spec.operation} is not an operation of ${spec.api}`);
  }
  if (spec.status !== undefined) {
    const allowed =
      api === undefined ? FAULT_STATUSES.sonoran.filter((s) => FAULT_STATUSES.daily.includes(s)) : FAULT_STATUSES[api];
    if (!allowed.includes(spec.status)) {
      problems.push(
        `status ${spec.status} is not an answer ${api === undefined ? 'both APIs document' : `the ${api} contract documents`}; use one of ${allowed.join(', ')}` +
          (api === undefined ? ' (or name the api)' : ''),
      );
    }
  }
  return problems;
}

type RateSetting = boolean | null | { readonly windows: readonly RateWindow[] };

function limiterFor(setting: RateSetting, documented: readonly RateWindow[]): RateLimiter | null {
  if (setting === null || setting === false) return null;
  return new RateLimiter(setting === true ? documented : setting.windows);
}

function rateView(state: MockState): {
  daily: { windows: readonly RateWindow[] } | null;
  sonoran: { windows: readonly RateWindow[] } | null;
} {
  const { daily, sonoran } = state.rateLimits;
  return {
    daily: daily === null ? null : { windows: daily.windows },
    sonoran: sonoran === null ? null : { windows: sonoran.windows },
  };
}

export function createNamespaceAdminRouter(deps: RouteDeps, namespaces: Namespaces): Router {
  const router = Router();
  const { registry, config } = deps;
  const body = readRawBody(config.bodyLimit);

  router
    .route('/namespaces')
    .get((_req, res) => {
      res.json({ namespaces: namespaces.list() });
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/namespaces/:name')
    .put(body, (req, res) => {
      const name = String(req.params.name);
      Namespaces.check(name);
      const input =
        req.body !== undefined && (req.body as Buffer).length > 0
          ? readAdminBody<{ start?: NamespaceStart }>(req, registry, `${SCHEMAS}/namespaceInput`)
          : {};
      const { created } = namespaces.create(name, input.start ?? config.namespaceStart);
      const view = namespaces.list().find((n) => n.name === name);
      res.status(created ? 201 : 200).json(view);
    })
    .delete((req, res) => {
      const name = String(req.params.name);
      if (!namespaces.delete(name)) {
        throw adminProblem('MOCK_NAMESPACE_NOT_FOUND', `no namespace ${name}; list them with GET /__admin/namespaces`);
      }
      res.status(204).end();
    })
    .all(methodNotAllowed(['PUT', 'DELETE']));

  router
    .route('/faults')
    .get((req, res) => {
      res.json({ faults: deps.stateFor(req).faults.list() });
    })
    .post(body, (req, res) => {
      const spec = readAdminBody<FaultSpec>(req, registry, `${SCHEMAS}/faultInput`);
      const problems = faultProblems(spec);
      if (problems.length > 0) throw adminProblem('MOCK_INVALID_FAULT', problems.join('; '), { errors: problems });
      const fault = deps.stateFor(req).faults.add(spec);
      deps.logger.info({ namespace: resolveNamespace(req), fault }, `fault ${fault.id} armed`);
      res.status(201).json(fault);
    })
    .delete((req, res) => {
      deps.stateFor(req).faults.clear();
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'POST', 'DELETE']));

  router
    .route('/faults/:id')
    .delete((req, res) => {
      const id = String(req.params.id);
      if (!deps.stateFor(req).faults.remove(id)) {
        throw adminProblem(
          'MOCK_FAULT_NOT_FOUND',
          `no fault ${id} in namespace ${resolveNamespace(req)}; list them with GET /__admin/faults`,
        );
      }
      res.status(204).end();
    })
    .all(methodNotAllowed(['DELETE']));

  router
    .route('/rate-limits')
    .get((req, res) => {
      res.json(rateView(deps.stateFor(req)));
    })
    .put(body, (req, res) => {
      const input = readAdminBody<{ daily?: RateSetting; sonoran?: RateSetting }>(
        req,
        registry,
        `${SCHEMAS}/rateLimitsInput`,
      );
      const state = deps.stateFor(req);
      if (input.daily !== undefined) state.rateLimits.daily = limiterFor(input.daily, DAILY_WINDOWS);
      if (input.sonoran !== undefined) state.rateLimits.sonoran = limiterFor(input.sonoran, SONORAN_WINDOWS);
      res.json(rateView(state));
    })
    .all(methodNotAllowed(['GET', 'PUT']));

  router
    .route('/scenarios')
    .get((_req, res) => {
      res.json({ scenarios: deps.scenarios.map(({ name, description }) => ({ name, description })) });
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/scenarios/:name')
    .post((req, res) => {
      const name = String(req.params.name);
      const scenario = deps.scenarios.find((s) => s.name === name);
      if (scenario === undefined) {
        throw adminProblem(
          'MOCK_SCENARIO_NOT_FOUND',
          `no scenario ${name}; the scenarios are ${deps.scenarios.map((s) => s.name).join(', ')} (GET /__admin/scenarios)`,
        );
      }
      const state = deps.stateFor(req);
      state.load({
        daily: { apiKeys: state.daily.apiKeys, rooms: scenario.daily?.rooms ?? [] },
        sonoran: { communities: scenario.sonoran?.communities ?? [] },
      });
      answerAfterCommit(req, res, state, 200, state.snapshot());
    })
    .all(methodNotAllowed(['POST']));

  return router;
}

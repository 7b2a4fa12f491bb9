/** The control API under /__admin: health, whole-state reads and resets, and per-API routers. */
import { Router } from 'express';

import type { RouteDeps } from '../http/deps';
import { methodNotAllowed } from '../http/routing';
import { buildOpenApiDocument, OPENAPI_APIS, OPENAPI_FILES, type OpenApiDocument } from '../../contracts/openapi';
import type { ApiName } from '../../contracts/operations';
import type { JournalApi, JournalFilter } from '../http/journal';
import { VERSION } from '../version';
import { adminProblem } from './errors';
import { answerAfterCommit } from './read-body';
import type { Namespaces } from '../namespaces';
import { createDailyAdminRouter } from './daily-rooms';
import { createNamespaceAdminRouter } from './namespaces';
import { createSonoranAdminRouter } from './sonoran-communities';
import type { HealthView } from './types';

export function createAdminRouter(deps: RouteDeps, namespaces: Namespaces): Router {
  const router = Router();
  const startedAt = Date.now();

  router
    .route('/health')
    .get((_req, res) => {
      const view: HealthView = { status: 'ok', version: VERSION, uptimeSeconds: (Date.now() - startedAt) / 1000 };
      res.json(view);
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/state')
    .get((req, res) => {
      res.json(deps.stateFor(req).snapshot());
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/reset')
    .post((req, res) => {
      const state = deps.stateFor(req);
      state.reset();
      deps.logger.info('state reset to the startup world');
      answerAfterCommit(req, res, state, 200, state.snapshot());
    })
    .all(methodNotAllowed(['POST']));

  const documents = new Map<string, OpenApiDocument>();
  router
    .route('/openapi.json')
    .get((_req, res) => {
      const list = (Object.entries(OPENAPI_FILES) as [ApiName, string][]).map(([api, file]) => ({
        api,
        title: OPENAPI_APIS[api].title,
        url: `/__admin/openapi/${file}`,
      }));
      res.json({ documents: list });
    })
    .all(methodNotAllowed(['GET']));
  router
    .route('/openapi/:document')
    .get((req, res) => {
      const name = String(req.params.document);
      const api = (Object.keys(OPENAPI_FILES) as ApiName[]).find((key) => OPENAPI_FILES[key] === name);
      if (api === undefined) {
        throw adminProblem(
          'MOCK_DOCUMENT_NOT_FOUND',
          `no OpenAPI document ${name}; try ${Object.values(OPENAPI_FILES).join(', ')}`,
        );
      }
      let doc = documents.get(api);
      if (doc === undefined) {
        doc = buildOpenApiDocument(api);
        documents.set(api, doc);
      }
      res.json(doc);
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/requests')
    .get((req, res) => {
      res.json({ requests: deps.stateFor(req).journal.entries(journalFilter(req.query)) });
    })
    .delete((req, res) => {
      deps.stateFor(req).journal.clear();
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'DELETE']));

  router.use(createNamespaceAdminRouter(deps, namespaces));
  router.use('/daily', createDailyAdminRouter(deps));
  router.use('/sonoran', createSonoranAdminRouter(deps));
  return router;
}

const APIS: readonly JournalApi[] = ['daily', 'sonoran'];

/** `?api=daily&path=/v1/*&valid=false` → a journal filter; a bad value is a 400 that says what is allowed. */
function journalFilter(query: Record<string, unknown>): JournalFilter {
  const one = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw adminProblem('MOCK_INVALID_QUERY', `give ${name} once, as a plain value`);
    return value;
  };
  const api = one('api');
  if (api !== undefined && !(APIS as readonly string[]).includes(api)) {
    throw adminProblem('MOCK_INVALID_QUERY', `api must be one of ${APIS.join(', ')} (got "${api}")`);
  }
  const valid = one('valid');
  if (valid !== undefined && valid !== 'true' && valid !== 'false') {
    throw adminProblem('MOCK_INVALID_QUERY', `valid must be true or false (got "${valid}")`);
  }
  const path = one('path');
  return {
    ...(api !== undefined && { api: api as JournalApi }),
    ...(path !== undefined && { path }),
    ...(valid !== undefined && { valid: valid === 'true' }),
  };
}

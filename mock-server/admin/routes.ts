/** The control API under /__admin: health, whole-state reads and resets, and per-API routers. */
import { Router } from 'express';

import type { RouteDeps } from '../http/deps';
import { methodNotAllowed } from '../http/routing';
import { VERSION } from '../version';
import { createDailyAdminRouter } from './daily-rooms';
import { createSonoranAdminRouter } from './sonoran-communities';
import type { HealthView } from './types';

export function createAdminRouter(deps: RouteDeps): Router {
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
      res.json(state.snapshot());
    })
    .all(methodNotAllowed(['POST']));

  router.use('/daily', createDailyAdminRouter(deps));
  router.use('/sonoran', createSonoranAdminRouter(deps));
  return router;
}

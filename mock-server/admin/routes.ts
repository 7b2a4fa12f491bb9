/** The control API's core: health, whole-state reads and resets, OpenAPI documents and the journal. */
import { buildOpenApiDocument, OPENAPI_APIS, OPENAPI_FILES, type OpenApiDocument } from '../../contracts/openapi';
import type { ApiName } from '../../contracts/operations';
import type { NamespaceClock } from '../clock';
import type { JournalApi, JournalFilter } from '../http/journal';
import { renderJunit, renderMarkdown } from '../report/render';
import { VERSION } from '../version';
import { DAILY_ADMIN_HANDLERS } from './daily-rooms';
import { INSPECTOR_ADMIN_HANDLERS } from './inspector';
import { adminProblem } from './errors';
import { NAMESPACE_ADMIN_HANDLERS } from './namespaces';
import { SONORAN_ADMIN_HANDLERS } from './sonoran-communities';
import type { AdminHandler, HealthView } from './types';

const startedAt = Date.now();
const documents = new Map<ApiName, OpenApiDocument>();

const CORE_HANDLERS: Readonly<Record<string, AdminHandler>> = {
  'admin.health': () => {
    const view: HealthView = { status: 'ok', version: VERSION, uptimeSeconds: (Date.now() - startedAt) / 1000 };
    return { status: 200, body: view };
  },

  'admin.getState': (_req, ctx) => ({ status: 200, body: ctx.state().snapshot(), stream: true }),

  'admin.reset': (_req, ctx) => {
    const state = ctx.state();
    const ids = state.faults.list().map((f) => f.id);
    state.reset();
    ctx.logger.info('state reset to the startup world');
    return {
      status: 200,
      body: state.snapshot(),
      stream: true,
      ...(ids.length > 0 && { faults: { action: 'cleared', ids } }),
    };
  },

  'admin.getReport': (_req, ctx) => ({ status: 200, body: ctx.verdicts.report() }),
  'admin.getReportJunit': (_req, ctx) => ({
    status: 200,
    text: {
      contentType: 'application/xml; charset=utf-8',
      content: renderJunit(ctx.verdicts.report(), ctx.config.failOn),
    },
  }),
  'admin.getReportMarkdown': (_req, ctx) => ({
    status: 200,
    text: { contentType: 'text/markdown; charset=utf-8', content: renderMarkdown(ctx.verdicts.report()) },
  }),

  'admin.getClock': (_req, ctx) => ({ status: 200, body: clockView(ctx.state().clock) }),

  'admin.advanceClock': (req, ctx) => {
    const { advanceSeconds } = req.body as { advanceSeconds: number };
    const { clock } = ctx.state();
    clock.advance(advanceSeconds * 1000);
    ctx.logger.info({ namespace: req.namespace, advanceSeconds }, `clock advanced to ${clock.now().toISOString()}`);
    return { status: 200, body: clockView(clock) };
  },

  'admin.openApiIndex': () => {
    const list = (Object.entries(OPENAPI_FILES) as [ApiName, string][]).map(([api, file]) => ({
      api,
      title: OPENAPI_APIS[api].title,
      url: `/__admin/openapi/${file}`,
    }));
    return { status: 200, body: { documents: list } };
  },

  'admin.openApiDocument': (req) => {
    const name = req.params.document ?? '';
    const api = (Object.keys(OPENAPI_FILES) as ApiName[]).find((key) => OPENAPI_FILES[key] === name);
    if (api === undefined) {
      throw adminProblem(
        'MOCK_DOCUMENT_NOT_FOUND',
        `no OpenAPI document ${name}; try ${Object.values(OPENAPI_FILES).join(', ')}`,
      );
    }
    let doc = documents.get(api);
    if (doc === undefined) documents.set(api, (doc = buildOpenApiDocument(api)));
    return { status: 200, body: doc };
  },

  'admin.listRequests': (req, ctx) => ({
    status: 200,
    body: { requests: ctx.state().journal.entries(journalFilter(req.query)) },
  }),

  'admin.clearRequests': (_req, ctx) => {
    ctx.state().journal.clear();
    return { status: 204 };
  },
};

/** Every control-API handler, by operation id (the dispatcher checks them against the table at boot). */
export const ADMIN_HANDLERS: Readonly<Record<string, AdminHandler>> = {
  ...CORE_HANDLERS,
  ...NAMESPACE_ADMIN_HANDLERS,
  ...DAILY_ADMIN_HANDLERS,
  ...SONORAN_ADMIN_HANDLERS,
  ...INSPECTOR_ADMIN_HANDLERS,
};

/** A namespace's clock, as the control API shows it. */
export interface ClockView {
  readonly now: string;
  readonly offsetSeconds: number;
  readonly timers: number;
}

function clockView(clock: NamespaceClock): ClockView {
  return { now: clock.now().toISOString(), offsetSeconds: clock.offsetMs / 1000, timers: clock.size };
}

const APIS: readonly JournalApi[] = ['daily', 'sonoran'];

/** `?api=daily&path=/v1/*&valid=false` → a journal filter; a bad value is a 400 that says what is allowed. */
export function journalFilter(query: URLSearchParams): JournalFilter {
  const one = (name: string): string | undefined => {
    const values = query.getAll(name);
    if (values.length === 0) return undefined;
    if (values.length > 1) throw adminProblem('MOCK_INVALID_QUERY', `give ${name} once, as a plain value`);
    return values[0];
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

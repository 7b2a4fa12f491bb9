/**
 * Control API for the inspector: the event stream (`GET /__admin/events`), its clients, one
 * journal entry by id (what a click on a request opens), and the page's own files.
 */
import { inspectorCss, inspectorHtml, inspectorScript } from '../inspector/assets';
import { EVENT_KINDS, type EventKind, type Subscription } from '../inspector/events';
import { Namespaces } from '../namespaces';
import { adminProblem } from './errors';
import type { AdminHandler, AdminRequest } from './types';

/** `?all=true&kinds=request,state` and Last-Event-ID → what the stream carries. */
export function subscriptionOf(req: AdminRequest): Subscription {
  const one = (name: string): string | undefined => {
    const values = req.query.getAll(name);
    if (values.length > 1) throw adminProblem('MOCK_INVALID_QUERY', `give ${name} once`);
    return values[0];
  };
  const all = one('all');
  if (all !== undefined && all !== 'true' && all !== 'false')
    throw adminProblem('MOCK_INVALID_QUERY', `all must be true or false (got "${all.slice(0, 40)}")`);
  const kindsText = one('kinds');
  const kinds = new Set<EventKind>();
  for (const kind of kindsText === undefined ? EVENT_KINDS : kindsText.split(',')) {
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) {
      throw adminProblem(
        'MOCK_INVALID_QUERY',
        `kinds must list some of ${EVENT_KINDS.join(', ')}, comma-separated (got "${(kindsText ?? '').slice(0, 80)}")`,
      );
    }
    kinds.add(kind as EventKind);
  }
  const header = req.headers['last-event-id'];
  const last = one('lastEventId') ?? (typeof header === 'string' ? header.trim() : undefined);
  if (last !== undefined && !/^[0-9]{1,15}$/.test(last))
    throw adminProblem(
      'MOCK_INVALID_QUERY',
      `a Last-Event-ID is an event's id, digits only (got "${last.slice(0, 40)}")`,
    );
  if (all !== 'true') Namespaces.check(req.namespace);
  return {
    namespace: all === 'true' ? null : req.namespace,
    kinds,
    ...(last !== undefined && { lastEventId: Number(last) }),
  };
}

export const INSPECTOR_ADMIN_HANDLERS: Readonly<Record<string, AdminHandler>> = {
  'admin.events': (req) => ({ status: 200, events: subscriptionOf(req) }),

  'admin.listEventClients': (_req, ctx) => ({ status: 200, body: ctx.eventStreams() }),

  'admin.getRequest': (req, ctx) => {
    const id = req.params.id ?? '';
    const entry = ctx
      .state()
      .journal.entries()
      .find((candidate) => candidate.id === id);
    if (entry === undefined) {
      throw adminProblem(
        'MOCK_REQUEST_NOT_FOUND',
        `the journal of namespace ${req.namespace} has no request ${id.slice(0, 40)} (it keeps the latest --journal-limit entries; GET /__admin/requests lists them)`,
      );
    }
    return { status: 200, body: entry };
  },
  'admin.inspector': () => ({
    status: 200,
    asset: true,
    text: { contentType: 'text/html; charset=utf-8', content: inspectorHtml() },
  }),

  'admin.inspectorStyle': () => ({
    status: 200,
    asset: true,
    text: { contentType: 'text/css; charset=utf-8', content: inspectorCss() },
  }),

  'admin.inspectorScript': (req) => {
    const file = req.params.file ?? '';
    const script = inspectorScript(file);
    if (script === undefined) {
      throw adminProblem(
        'MOCK_ASSET_NOT_FOUND',
        `the inspector has no script ${file.slice(0, 60)} (the scripts are compiled by npm run build)`,
      );
    }
    return { status: 200, asset: true, text: { contentType: 'text/javascript; charset=utf-8', content: script } };
  },
};

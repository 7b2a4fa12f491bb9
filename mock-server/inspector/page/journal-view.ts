/**
 * The journal, live: each request as it arrives with its status, contract verdict, warnings and
 * reason, filtered by API, verdict and path. Choosing one opens the whole exchange (read from
 * GET /__admin/requests/{id}) and the state it changed, field by field.
 */
import { call } from './api.js';
import { h, replaceChildren } from './dom.js';
import type { ChangedEntity, JournalEntry, RequestSummary } from './model.js';

/** Rows kept on the page (the journal itself keeps --journal-limit). */
const ROWS_KEPT = 1000;

function flatten(value: unknown, prefix: string, out: Map<string, string>, depth = 0): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 4) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(prefix, '{}');
    for (const [key, child] of entries) flatten(child, prefix === '' ? key : `${prefix}.${key}`, out, depth + 1);
    return;
  }
  out.set(prefix, JSON.stringify(value));
}

function entityName(e: ChangedEntity): string {
  const where =
    e.kind === 'participant'
      ? ` in room ${e.room ?? ''}`
      : e.kind === 'member'
        ? ` of ${e.community ?? ''}`
        : e.kind === 'radioUser'
          ? ` in ${e.community ?? ''} room ${e.radioRoom ?? ''}`
          : '';
  const what = e.before === null ? 'added' : e.after === null ? 'removed' : 'changed';
  return `${e.api} ${e.kind} ${e.id}${where}: ${what}`;
}

/** One entity's before and after, as the fields that differ. */
export function diffTable(e: ChangedEntity): HTMLElement {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  if (e.before !== null) flatten(e.before, '', before);
  if (e.after !== null) flatten(e.after, '', after);
  const keys = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
  return h(
    'figure',
    { class: 'diff' },
    h('figcaption', {}, entityName(e)),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'field'),
          h('th', { scope: 'col' }, 'before'),
          h('th', { scope: 'col' }, 'after'),
        ),
      ),
      h(
        'tbody',
        {},
        ...keys.map((key) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('code', {}, key)),
            h('td', { class: 'before' }, h('del', {}, before.get(key) ?? '(none)')),
            h('td', { class: 'after' }, h('ins', {}, after.get(key) ?? '(none)')),
          ),
        ),
      ),
    ),
  );
}

function verdict(r: RequestSummary): HTMLElement {
  return h(
    'span',
    { class: r.valid ? 'yes' : 'no' },
    r.valid ? '✓ met contract' : `✗ broke contract (${r.violations.length})`,
  );
}

export class JournalView {
  private rows: RequestSummary[] = [];
  private readonly list: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly api: HTMLSelectElement;
  private readonly valid: HTMLSelectElement;
  private readonly path: HTMLInputElement;
  private opened: string | undefined;

  constructor(root: HTMLElement) {
    this.api = h(
      'select',
      { id: 'filter-api' },
      h('option', { value: '' }, 'any'),
      h('option', { value: 'daily' }, 'Daily'),
      h('option', { value: 'sonoran' }, 'Sonoran'),
    ) as HTMLSelectElement;
    this.valid = h(
      'select',
      { id: 'filter-verdict' },
      h('option', { value: '' }, 'any'),
      h('option', { value: 'true' }, 'met contract'),
      h('option', { value: 'false' }, 'broke contract'),
      h('option', { value: 'warned' }, 'with warnings'),
    ) as HTMLSelectElement;
    this.path = h('input', {
      id: 'filter-path',
      type: 'search',
      placeholder: '/v1/rooms/',
      autocomplete: 'off',
    }) as HTMLInputElement;
    for (const input of [this.api, this.valid, this.path]) input.addEventListener('input', () => this.render());
    this.list = h('div', { class: 'scroll', id: 'journal-list' });
    this.detail = h('section', {
      id: 'exchange',
      class: 'exchange',
      tabindex: '-1',
      'aria-label': 'exchange',
      hidden: true,
    });
    this.detail.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    replaceChildren(
      root,
      h('h2', {}, 'Journal'),
      h(
        'form',
        { class: 'filters', role: 'search', 'aria-label': 'filter the journal' },
        h('label', { for: 'filter-api' }, 'API ', this.api),
        h('label', { for: 'filter-verdict' }, 'verdict ', this.valid),
        h('label', { for: 'filter-path' }, 'path starts with ', this.path),
      ),
      h('div', { class: 'journal' }, this.list, this.detail),
    );
    root.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());
  }

  setRows(rows: readonly RequestSummary[]): void {
    this.rows = rows.slice(-ROWS_KEPT);
    this.render();
  }

  add(row: RequestSummary): void {
    this.rows.push(row);
    if (this.rows.length > ROWS_KEPT) this.rows.splice(0, this.rows.length - ROWS_KEPT);
    this.render();
  }

  private visible(): RequestSummary[] {
    const api = this.api.value;
    const valid = this.valid.value;
    const path = this.path.value.trim();
    return this.rows.filter(
      (r) =>
        (api === '' || r.api === api) &&
        (valid === '' || (valid === 'warned' ? r.warnings.length > 0 : String(r.valid) === valid)) &&
        (path === '' || r.path.startsWith(path)),
    );
  }

  private render(): void {
    const rows = this.visible().reverse();
    const body = rows.map((r) =>
      h(
        'tr',
        {
          'data-request': r.id,
          class: [r.valid ? '' : 'invalid', r.id === this.opened ? 'open' : ''].filter(Boolean).join(' '),
        },
        h('td', {}, r.id),
        h('td', {}, new Date(r.time).toISOString().slice(11, 23)),
        h('td', {}, r.api),
        h(
          'td',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'data-key': `request-${r.id}`,
              'aria-label': `open request ${r.id}: ${r.method} ${r.path}`,
            },
            `${r.method} ${r.path}`,
          ),
        ),
        h(
          'td',
          { class: r.status >= 400 || r.status === 0 ? 'no' : 'yes' },
          r.status === 0 ? 'dropped' : String(r.status),
        ),
        h('td', {}, verdict(r)),
        h(
          'td',
          {},
          r.warnings.length === 0
            ? '—'
            : h(
                'span',
                { class: 'warn', title: r.warnings.join('\n') },
                `⚠ ${r.warnings.length}: ${r.warnings[0] ?? ''}`,
              ),
        ),
        h('td', {}, r.reason === null ? '—' : h('span', { title: r.reason.message }, r.reason.code)),
      ),
    );
    for (const [i, tr] of body.entries()) {
      const r = rows[i];
      tr.querySelector('button')?.addEventListener('click', () => {
        if (r !== undefined) void this.open(r.id);
      });
    }
    replaceChildren(
      this.list,
      rows.length === 0
        ? h(
            'p',
            {},
            this.rows.length === 0
              ? 'No requests yet: they appear here as they arrive.'
              : 'No request passes the filters.',
          )
        : h(
            'table',
            { class: 'requests' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['#', 'time', 'API', 'request', 'status', 'contract', 'warnings', 'reason'].map((label) =>
                  h('th', { scope: 'col' }, label),
                ),
              ),
            ),
            h('tbody', {}, ...body),
          ),
    );
  }

  private close(): void {
    const id = this.opened;
    this.opened = undefined;
    this.detail.hidden = true;
    this.render();
    if (id !== undefined) this.list.querySelector<HTMLElement>(`[data-key="request-${CSS.escape(id)}"]`)?.focus();
  }

  async open(id: string): Promise<void> {
    this.opened = id;
    this.render();
    this.detail.hidden = false;
    replaceChildren(this.detail, h('p', {}, `Reading request ${id}…`));
    let entry: JournalEntry;
    try {
      entry = await call<JournalEntry>('GET', `/__admin/requests/${encodeURIComponent(id)}`);
    } catch (error) {
      replaceChildren(
        this.detail,
        h('p', { role: 'alert' }, `Request ${id} could not be read: ${(error as Error).message}`),
      );
      return;
    }
    const json = (value: unknown): HTMLElement => h('pre', {}, JSON.stringify(value, null, 2));
    const closeButton = h('button', { type: 'button', id: 'close-exchange' }, 'Close');
    closeButton.addEventListener('click', () => this.close());
    const changes = entry.changes;
    replaceChildren(
      this.detail,
      h(
        'h3',
        { id: 'exchange-title' },
        `#${entry.id} ${entry.method} ${entry.path} → ${entry.status === 0 ? 'dropped' : entry.status}`,
      ),
      closeButton,
      h(
        'dl',
        {},
        h('dt', {}, 'operation'),
        h('dd', {}, entry.operation ?? '(none: no operation serves this path)'),
        h('dt', {}, 'contract'),
        h('dd', {}, entry.contract.valid ? '✓ met its contract' : '✗ broke its contract'),
        ...entry.contract.violations.map((v) => h('dd', { class: 'no' }, `✗ ${v}`)),
        h('dt', {}, 'reason'),
        h('dd', {}, entry.reason === null ? '— (not refused)' : `${entry.reason.code}: ${entry.reason.message}`),
        h('dt', {}, 'warnings'),
        ...(entry.warnings.length === 0
          ? [h('dd', {}, '—')]
          : entry.warnings.map((w) => h('dd', { class: 'warn' }, `⚠ ${w}`))),
        h('dt', {}, 'time'),
        h('dd', {}, `${entry.time} (${entry.durationMs} ms)`),
      ),
      h('h4', {}, 'State it changed'),
      changes === undefined
        ? h('p', {}, 'Not recorded: no inspector watched this namespace when the request came.')
        : changes.entities.length === 0
          ? h('p', {}, 'Nothing changed.')
          : h(
              'div',
              { class: 'diffs' },
              ...changes.entities.map(diffTable),
              changes.omitted > 0 ? h('p', {}, `…and ${changes.omitted} more`) : null,
            ),
      h('h4', {}, 'Request'),
      h('h5', {}, 'headers'),
      json(entry.request.headers),
      h('h5', {}, 'body'),
      json(entry.request.body ?? entry.request.bodyText ?? null),
      h('h4', {}, 'Response'),
      json(entry.response.body ?? entry.response.bodyText ?? null),
    );
    this.detail.focus();
  }
}

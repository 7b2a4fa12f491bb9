/** docs/reference/errors.md: every error code, from the catalogue. */
import { ERROR_CATALOGUE, FAULT_REASON_DOCS, type CatalogueEntry } from '../errors';
import { generatedHeader, table } from './markdown';

function section(title: string, intro: string, entries: readonly CatalogueEntry[], shows: string): string {
  const rows = entries.map((e) => [`\`${e.code}\``, String(e.status), e.shows, e.when]);
  return `## ${title}\n\n${intro}\n\n${table(['code', 'status', shows, 'when'], rows)}\n`;
}

export function renderErrorsPage(): string {
  const of = (kind: CatalogueEntry['kind']) => ERROR_CATALOGUE.filter((e) => e.kind === kind);
  return [
    generatedHeader('Error codes', "mock-server/errors.ts and each API's errors.ts"),
    'Two layers. A mocked API answers with its own upstream body, exactly, because the clients under',
    "test parse it; the mock's precise reason (a stable code and which field broke which rule) travels",
    "in the `X-Perm-Mock-Reason` header and the request journal. The mock's own failures (unknown",
    'route outside the APIs, control-API misuse, a fault in the mock) are `application/problem+json`',
    'with a stable `code`.',
    '',
    section(
      'Daily',
      "Reasons of refused Daily requests (`X-Perm-Mock-Reason`, the journal); the body is Daily's `{error, info}`.",
      of('daily'),
      "Daily's `error`",
    ),
    section(
      'Sonoran Radio',
      "Reasons of refused Sonoran Radio requests; v1 bodies are Sonoran's terse JSON, v2 answers are problems with a `traceId`.",
      of('sonoran'),
      'body',
    ),
    section(
      'The mock itself',
      'Problems (`application/problem+json`, `{type, title, status, detail, code}`).',
      of('problem'),
      'title',
    ),
    '## Faults',
    '',
    table(
      ['reason', 'when'],
      Object.entries(FAULT_REASON_DOCS).map(([code, when]) => [`\`${code}\``, when]),
    ),
    '',
  ].join('\n');
}

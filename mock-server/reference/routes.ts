/** docs/reference/<api>-routes.md: every operation of a surface, its request and its answers, from the operation table. */
import {
  getSurface,
  operationsOf,
  RATE_BUCKETS,
  type OperationContract,
  type SurfaceId,
} from '../../contracts/operations';
import { generatedHeader, table } from './markdown';

function schemaName(id: string | undefined): string {
  return id === undefined ? '(no body)' : `\`${id.replace(/^urn:perm-mock:/, '')}\``;
}

function operationSection(op: OperationContract): string {
  const lines = [`### \`${op.method} ${op.path}\``, '', `${op.summary}. Operation \`${op.id}\`.`, ''];
  const auth = op.request?.auth ?? op.auth;
  if (auth === 'bearer') lines.push('Needs `Authorization: Bearer <key>`.', '');
  if (op.query !== undefined && op.query.length > 0) {
    lines.push(`Query (all optional): ${op.query.map((q) => `\`${q.name}\` ${q.description}`).join('; ')}.`, '');
  }
  if (op.request !== undefined) {
    lines.push(
      `Request body: ${op.request.contentType}, ${schemaName(op.request.schema)}${op.request.optional === true ? ' (optional)' : ''}.`,
      '',
    );
  }
  const bucket = op.rateLimit === undefined ? undefined : RATE_BUCKETS.get(op.rateLimit);
  if (bucket !== undefined) {
    const windows = bucket.windows.map((w) => `${w.limit} per ${w.seconds} s`).join(', ');
    lines.push(
      `Rate limit when switched on: \`${bucket.id}\`, ${windows}${bucket.per === 'key' ? ' per API key' : ''} (${bucket.source}).`,
      '',
    );
  }
  const rows = Object.entries(op.responses).map(([status, r]) => [
    status,
    r.contentType ?? '',
    schemaName(r.schema),
    `${r.description}${r.mockOnly === true ? " (the mock's own)" : ''}`,
  ]);
  lines.push(table(['status', 'content type', 'body', 'when'], rows), '');
  return lines.join('\n');
}

export function renderRoutesPage(surfaces: readonly SurfaceId[], title: string): string {
  const parts = [generatedHeader(title, 'the operation table in contracts/operations/')];
  for (const id of surfaces) {
    const surface = getSurface(id);
    parts.push(`## ${surface.title}`, '', `Paths under ${surface.prefixes.map((p) => `\`${p}\``).join(', ')}.`, '');
    const common = Object.entries(surface.responses).map(([status, r]) => [
      status,
      schemaName(r.schema),
      r.description,
    ]);
    parts.push('Any path here may also answer:', '', table(['status', 'body', 'when'], common), '');
    for (const op of operationsOf(id)) parts.push(operationSection(op));
  }
  return parts.join('\n');
}

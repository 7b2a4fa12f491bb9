/**
 * The error-code catalogue: every code perm-mock can put in a problem body or an X-Perm-Mock-Reason
 * header, with its status, what the client sees and when it happens. docs/reference/errors.md is
 * generated from it (mock-server/reference/), and a test keeps that page current.
 */
import { ADMIN_PROBLEMS } from './admin/errors';
import { DAILY_ERRORS } from './apis/daily/errors';
import { SONORAN_ERRORS } from './apis/sonoran-radio/errors';
import { FAULT_REASONS } from './faults';
import { HTTP_PROBLEMS } from './http/errors';

export interface CatalogueEntry {
  readonly code: string;
  readonly status: number;
  /** Where it appears: a problem body of the mock itself, or a mocked API's reason header. */
  readonly kind: 'problem' | 'daily' | 'sonoran';
  /** What the client receives: the problem's title, Daily's `error` type, Sonoran's v1 body. */
  readonly shows: string;
  readonly when: string;
}

export const ERROR_CATALOGUE: readonly CatalogueEntry[] = [
  ...Object.entries({ ...HTTP_PROBLEMS, ...ADMIN_PROBLEMS }).map(([code, def]) => ({
    code,
    status: def.status,
    kind: 'problem' as const,
    shows: def.title,
    when: def.when,
  })),
  ...Object.entries(DAILY_ERRORS).map(([code, def]) => ({
    code,
    status: def.status,
    kind: 'daily' as const,
    shows: `\`${def.type}\``,
    when: def.when,
  })),
  ...Object.entries(SONORAN_ERRORS).map(([code, def]) => {
    const v2Status: number = 'v2Status' in def ? def.v2Status : def.status;
    const only: string | undefined = 'only' in def ? def.only : undefined;
    const v2 = v2Status === def.status ? 'a problem under /v2' : `a ${v2Status} problem under /v2`;
    return {
      code,
      status: only === 'v2' ? v2Status : def.status,
      kind: 'sonoran' as const,
      shows: only === 'v2' ? `${v2} (v2 only)` : `\`${JSON.stringify(def.body)}\` (v1); ${v2}`,
      when: def.when,
    };
  }),
];

/** Reasons of calls a fault answered: not errors of their own, the API's body for the status. */
export const FAULT_REASON_DOCS: Readonly<Record<string, string>> = {
  [FAULT_REASONS.injected]: "a fault armed in the namespace answered with a status (the body is the API's own)",
  [FAULT_REASONS.dropped]:
    'a fault armed in the namespace closed the connection without an answer (journaled with status 0)',
};

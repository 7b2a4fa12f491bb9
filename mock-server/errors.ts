/**
 * The error-code catalogue: every code perm-mock can put in a problem body or an X-Perm-Mock-Reason
 * header. tests/unit/error-catalogue.test.ts keeps it and the README's "Error codes" section in step.
 */
import { ADMIN_PROBLEMS } from './admin/errors';
import { DAILY_ERRORS } from './apis/daily/errors';
import { SONORAN_ERRORS } from './apis/sonoran-radio/errors';
import { HTTP_PROBLEMS } from './http/errors';

export interface CatalogueEntry {
  readonly code: string;
  readonly status: number;
  /** Where it appears: a problem body of the mock itself, or a mocked API's reason header. */
  readonly kind: 'problem' | 'daily' | 'sonoran';
}

export const ERROR_CATALOGUE: readonly CatalogueEntry[] = [
  ...Object.entries({ ...HTTP_PROBLEMS, ...ADMIN_PROBLEMS }).map(([code, def]) => ({
    code,
    status: def.status,
    kind: 'problem' as const,
  })),
  ...Object.entries(DAILY_ERRORS).map(([code, def]) => ({ code, status: def.status, kind: 'daily' as const })),
  ...Object.entries(SONORAN_ERRORS).map(([code, def]) => ({ code, status: def.status, kind: 'sonoran' as const })),
];

/** Keeps the error-code catalogue, the generated reference pages and the version in step. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ERROR_CATALOGUE, FAULT_REASON_DOCS } from '../../mock-server/errors';
import { FAULT_REASONS } from '../../mock-server/faults';
import { referencePages } from '../../mock-server/reference';
import { VERSION } from '../../mock-server/version';

const root = join(__dirname, '..', '..');
const pages = referencePages();

describe('error-code catalogue', () => {
  it('has no code twice', () => {
    const codes = ERROR_CATALOGUE.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(ERROR_CATALOGUE.map((e) => [e.code, e.status, e.when] as const))(
    'documents %s (%i) with when it happens',
    (code, status, when) => {
      expect(when.length).toBeGreaterThan(10);
      expect(pages['docs/reference/errors.md']).toContain(`| \`${code}\` | ${status} |`);
    },
  );

  it.each(Object.values(FAULT_REASONS))('documents the fault reason %s', (code) => {
    expect(FAULT_REASON_DOCS[code]).toBeDefined();
    expect(pages['docs/reference/errors.md']).toContain(`\`${code}\``);
  });

  it('uses the API prefix or MOCK_ for every code', () => {
    for (const { code, kind } of ERROR_CATALOGUE) {
      expect(code).toMatch(new RegExp(`^${kind === 'problem' ? 'MOCK' : kind.toUpperCase()}_[A-Z_]+$`));
    }
  });
});

describe('generated reference pages', () => {
  it.each(Object.keys(pages))('%s is current (run `npm run docs` after changing a table)', (path) => {
    expect(readFileSync(join(root, path), 'utf8')).toBe(pages[path]);
  });
});

describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});

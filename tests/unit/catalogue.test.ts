/** Keeps the error-code catalogue, the version and the README in step. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ERROR_CATALOGUE } from '../../mock-server/errors';
import { FAULT_REASONS } from '../../mock-server/faults';
import { VERSION } from '../../mock-server/version';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('error-code catalogue', () => {
  it('has no code twice', () => {
    const codes = ERROR_CATALOGUE.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(ERROR_CATALOGUE.map((e) => [e.code, e.status] as const))(
    'documents %s (%i) in the README',
    (code, status) => {
      const cells = readme
        .split('\n')
        .map((line) => line.split('|').map((cell) => cell.trim()))
        .find((row) => row[1] === `\`${code}\``);
      expect(cells).toBeDefined();
      expect(cells?.[2]).toBe(String(status));
    },
  );

  it.each(Object.values(FAULT_REASONS))('documents the fault reason %s in the README', (code) => {
    expect(readme).toContain(`\`${code}\``);
  });

  it('uses the API prefix or MOCK_ for every code', () => {
    for (const { code, kind } of ERROR_CATALOGUE) {
      expect(code).toMatch(new RegExp(`^${kind === 'problem' ? 'MOCK' : kind.toUpperCase()}_[A-Z_]+$`));
    }
  });
});

describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});

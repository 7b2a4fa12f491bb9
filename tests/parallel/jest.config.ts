/**
 * A separate Jest run for tests/namespaces/parallel-workers.test.ts: several test files in parallel
 * workers share ONE perm-mock (started in globalSetup) through distinct namespaces.
 */
import type { Config } from 'jest';

const config: Config = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/parallel'],
  testMatch: ['**/*.isolation.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/setup.ts'],
  globalSetup: '<rootDir>/tests/parallel/global-setup.ts',
  globalTeardown: '<rootDir>/tests/parallel/global-teardown.ts',
  testTimeout: 30000,
  // Jest runs fast suites in band when earlier runs were quick; a memory limit makes it always use
  // workers, which is what this run is about.
  workerIdleMemoryLimit: '512MB',
};

export default config;

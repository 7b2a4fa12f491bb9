import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/examples'],
  // examples/ import the package by name, as a user's project would.
  moduleNameMapper: { '^perm-mock$': '<rootDir>/mock-server/index.ts' },
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/setup.ts'],
  // The CLI tests run dist/: rebuild it first when the sources are newer.
  globalSetup: '<rootDir>/tests/helpers/fresh-build.ts',
  // Type errors are caught by `npm run typecheck` (run before the tests); ts-jest only transpiles.
  maxWorkers: 2,
  testTimeout: 20000,
};

export default config;

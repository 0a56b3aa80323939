/**
 * The seeds suite (`npm run test:seeds`): the fixture-building scripts (scripts/fixtures/*.ts) against the seed
 * texts in ../shared/seeds, and the copies the repository keeps of ../shared (scripts/fixtures/copy-shared.ts).
 * Fails with one message when ../shared is not beside the clone (tests/seeds/require-shared.js).
 */
const os = require('os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/seeds'],
  transform: { '^.+\\.[jt]sx?$': '<rootDir>/tests/helpers/esbuild-transform.js' },
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/tests/seeds/require-shared.js',
  maxWorkers: Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
  testTimeout: 120000,
};

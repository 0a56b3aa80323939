/**
 * The default suite (`npm test`): everything under tests/ except the seeds suite (jest.seeds.config.js, `npm run
 * test:seeds`). Suites that need a program outside Node (tests/helpers/test-env.js: Chromium for the browser tests,
 * LibreOffice and openpyxl for the other producers' files) are left out, with one sentence saying so, when that
 * program is missing and we are not in CI; in CI they run, and fail.
 */
const os = require('os');
const { unmetSuites } = require('./tests/helpers/test-env');

const { ignore } = unmetSuites({ announce: true });

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.[jt]sx?$': '<rootDir>/tests/helpers/esbuild-transform.js' },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/seeds/', ...ignore],
  // Both cores (jest's default leaves one idle: cpus - 1); the main process only schedules.
  maxWorkers: Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
  testTimeout: 120000,
};

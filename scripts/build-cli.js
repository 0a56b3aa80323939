#!/usr/bin/env node
'use strict';
/**
 * Builds the command line (src/cli/main.ts) and the batch worker (src/cli/batch-worker.ts) into build/cli/ with
 * esbuild, so that `budget-check` starts without transpiling TypeScript. Runs in `prepare` (npm ci / npm install)
 * and as `npm run build:cli`. Packages stay in node_modules (external); build/ is not committed.
 * bin/budget-check.js runs this build, or the sources through tsx when the build is missing or older than them.
 */
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');

esbuild
  .build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts', 'src/cli/batch-worker.ts'],
    outdir: 'build/cli',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  .catch(() => {
    process.exitCode = 1;
  });

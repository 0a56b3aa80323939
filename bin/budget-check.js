#!/usr/bin/env node
'use strict';
// Launcher for `budget-check` / `npx budget-check` / `npm run check`: runs the prebuilt CLI (build/cli/main.js,
// made by scripts/build-cli.js in `prepare`, i.e. on npm ci). When that build is missing or older than a file
// it was made from (scripts/cli-stamp.js), it runs the TypeScript sources through tsx's require hook instead (same behaviour, slower start);
// with BUDGET_CHECK_DEBUG set, it says which of the two ran in one line on stderr (for the build, with what became of its code cache).
const path = require('path');

const root = path.join(__dirname, '..');
const built = path.join(root, 'build', 'cli', 'main.js');
// One stat per file the build was made from (build/cli/stamp.json), not a walk of src/: scripts/cli-stamp.js.
const { buildState } = require('../scripts/cli-stamp.js');

// Node ≥ 22.1 keeps the compiled code of the build between runs (the start-up of small jobs); older Nodes lack it.
const nodeModule = require('module');
if (typeof nodeModule.enableCompileCache === 'function') {
  try {
    nodeModule.enableCompileCache();
  } catch {
    // a read-only cache folder only costs the speed-up
  }
}

const current = buildState(root);
if (current === true) {
  // Node 20: through V8's code cache (scripts/code-cache.js), written after a run of a command it does not hold yet.
  const { exports, save, cache } = require('../scripts/code-cache.js').loadCached(built);
  if (process.env.BUDGET_CHECK_DEBUG) process.stderr.write(`budget-check: running build/cli (code cache: ${cache})\n`);
  const kind = ['check', 'batch', 'narrative'].includes(process.argv[2]) ? process.argv[2] : null;
  process.once('exit', (code) => save(code <= 1 ? kind : null));
  exports.run(process.argv.slice(2));
} else {
  if (process.env.BUDGET_CHECK_DEBUG) process.stderr.write(`budget-check: ${current}; running the sources through tsx (npm run build:cli to rebuild)\n`);
  require('tsx/cjs/api').register();
  require('../src/cli/main.ts').run(process.argv.slice(2));
}

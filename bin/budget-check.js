#!/usr/bin/env node
'use strict';
// Launcher for `budget-check` / `npx budget-check` / `npm run check`: runs the prebuilt CLI (build/cli/main.js,
// made by scripts/build-cli.js in `prepare`, i.e. on npm ci). When that build is missing or older than a file
// under src/, it runs the TypeScript sources through tsx's require hook instead (same behaviour, slower start);
// with BUDGET_CHECK_DEBUG set, it says so in one line on stderr.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const built = path.join(root, 'build', 'cli', 'main.js');

/** Newest modification time (ms) of the files under dir. */
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const m = e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs;
    if (m > t) t = m;
  }
  return t;
}

function buildIsCurrent() {
  let builtAt;
  try {
    builtAt = fs.statSync(built).mtimeMs;
  } catch {
    return 'no build (build/cli/main.js)';
  }
  try {
    if (newest(path.join(root, 'src')) > builtAt) return 'build/cli is older than src/';
  } catch {
    // no sources next to the build (an installed package): the build is all there is
  }
  return true;
}

// Node ≥ 22.1 keeps the compiled code of the build between runs (the start-up of small jobs); older Nodes lack it.
const nodeModule = require('module');
if (typeof nodeModule.enableCompileCache === 'function') {
  try {
    nodeModule.enableCompileCache();
  } catch {
    // a read-only cache folder only costs the speed-up
  }
}

const current = buildIsCurrent();
if (current === true) {
  require(built).run(process.argv.slice(2));
} else {
  if (process.env.BUDGET_CHECK_DEBUG) process.stderr.write(`budget-check: ${current}; running the sources through tsx (npm run build:cli to rebuild)\n`);
  require('tsx/cjs/api').register();
  require('../src/cli/main.ts').run(process.argv.slice(2));
}

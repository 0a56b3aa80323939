#!/usr/bin/env node
'use strict';
// Launcher for `budget-check` / `npx budget-check`: runs the TypeScript CLI (src/cli/main.ts) through tsx's
// CommonJS require hook, so no build step is needed after `npm ci`.
require('tsx/cjs/api').register();
require('../src/cli/main.ts').run(process.argv.slice(2));

#!/usr/bin/env node
'use strict';
/**
 * Builds the command line (src/cli/main.ts) and the batch worker (src/cli/batch-worker.ts) into build/cli/ with
 * esbuild, so that `budget-check` starts without transpiling TypeScript. Runs in `prepare` (npm ci / npm install)
 * and as `npm run build:cli`; build/ is not committed.
 *
 * Start-up is what a clerk waits for on `check x.xlsx` (issue 13, cliOverheadRatio), so:
 *  - the small pure-JS packages (decimal.js, saxes, fflate, JSZip and theirs) are bundled into the two files:
 *    Node's loader then resolves and reads no node_modules file for a check;
 *  - the heavy, rarely used ones stay external in node_modules (HEAVY below) and are required only by the command
 *    or option that needs them (src/cli/main.ts `lazy`): pdf.js for a PDF input, pdf-lib and fontkit for an
 *    annotated PDF, docx for the Word writers, ExcelJS, SheetJS for .xls/.et/.ods;
 *  - pdf.js is loaded by build/cli/pdfjs.js, a bundle of its own (pdfjsApart below);
 *  - build/cli/stamp.json lists the local source files the build was made from (esbuild's metafile) and when:
 *    bin/budget-check.js and the batch pool stat only those files to tell a stale build (scripts/cli-stamp.js).
 */
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { writeStamp } = require('./cli-stamp');

const ROOT = path.resolve(__dirname, '..');

/** Kept out of the bundle: large, and loaded only by the commands that use them (a dynamic import or a lazy require). */
const HEAVY = ['pdfjs-dist', 'pdf-lib', '@pdf-lib/fontkit', 'docx', 'exceljs', '@e965/xlsx', 'tsx'];

/**
 * src/pdf/pdfjs.ts, the module that import()s pdf.js (ESM only, so a real dynamic import), is built into its own
 * build/cli/pdfjs.js, which Node loads as usual (not through the code cache); main.js and batch-worker.js require it.
 */
const PDFJS = 'src/pdf/pdfjs.ts';
const pdfjsApart = {
  name: 'pdfjs-apart',
  setup(build) {
    build.onResolve({ filter: /(^|\/)pdfjs$/ }, (args) => {
      if (args.kind === 'entry-point' || !args.path.startsWith('.')) return undefined;
      const target = path.resolve(args.resolveDir, `${args.path}.ts`);
      return target === path.join(ROOT, PDFJS) ? { path: './pdfjs.js', external: true } : undefined;
    });
  },
};

/**
 * fflate builds its Huffman tables when its module is initialised (a 32,768-entry loop among them, run by the
 * interpreter at every start: ~10% of `budget-check --help`), yet in Node the reader inflates with the native zlib
 * and uses fflate only where zlib cannot be loaded. So src/xlsx/zip-read.ts's `import { Inflate } from 'fflate'`
 * gets, in this build only, an Inflate that requires fflate when first constructed; the Word reader (src/docx,
 * itself required lazily) imports fflate as usual. The sources, the tests and the browser bundles are unchanged.
 */
const ZIP_READ = path.join(ROOT, 'src/xlsx/zip-read.ts');
const FFLATE_ESM = path.join(path.dirname(require.resolve('fflate/package.json', { paths: [ROOT] })), 'esm/index.mjs');
const lazyFflate = {
  name: 'lazy-fflate',
  setup(build) {
    build.onResolve({ filter: /^fflate$/ }, (args) => (args.importer === ZIP_READ ? { path: 'lazy', namespace: 'lazy-fflate' } : undefined));
    build.onResolve({ filter: /^fflate-inflate$/ }, () => ({ path: 'inflate', namespace: 'lazy-fflate' }));
    build.onLoad({ filter: /^lazy$/, namespace: 'lazy-fflate' }, () => ({
      resolveDir: ROOT,
      loader: 'js',
      contents: `let fflate;
export class Inflate {
  constructor(...args) {
    fflate ??= require('fflate-inflate');
    return new fflate.Inflate(...args);
  }
}
`,
    }));
    // a module of Inflate alone, so that fflate's other exports stay tree-shaken (a require() keeps all of a module's)
    build.onLoad({ filter: /^inflate$/, namespace: 'lazy-fflate' }, () => ({ resolveDir: ROOT, loader: 'js', contents: `export { Inflate } from ${JSON.stringify(FFLATE_ESM)};\n` }));
  },
};

/**
 * esbuild escapes non-ASCII characters in strings but leaves them in regular expression literals and comments
 * (the engine's Chinese patterns), and one such character makes V8 hold the whole bundle (1.2 MB) as a two-byte
 * string, decoded from UTF-8 at every start. Escaped here as \\uXXXX, per UTF-16 code unit, the same characters
 * in a regex, a string, an identifier or a comment (the bundles have no tagged template, whose raw text would differ);
 * an identity escape (a backslash before the character) becomes the escape itself. Columns of the source map shift
 * on those lines only.
 */
function asciiOnly(file) {
  const text = fs.readFileSync(file, 'utf8');
  // eslint-disable-next-line no-control-regex
  const out = text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => `${slashes.length % 2 ? slashes.slice(1) : slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (out !== text) fs.writeFileSync(file, out);
}

async function build() {
  // Taken before esbuild reads any source: a file saved during the build is newer than the stamp (stale next run).
  const startedAt = Date.now();
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/cli/main.ts', 'batch-worker': 'src/cli/batch-worker.ts', pdfjs: PDFJS },
    outdir: 'build/cli',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: HEAVY.flatMap((p) => [p, `${p}/*`]),
    // import() of a package becomes require(): the bundles are compiled through V8's code cache
    // (scripts/code-cache.js), and on Node 20 code restored from that cache cannot import() (its dynamic-import
    // callback is lost). pdf.js, an ES module, is the one real import(): it lives in build/cli/pdfjs.js (below).
    supported: { 'dynamic-import': false },
    plugins: [pdfjsApart, lazyFflate],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  for (const out of Object.keys(result.metafile.outputs)) if (out.endsWith('.js')) asciiOnly(path.join(ROOT, out));
  writeStamp(ROOT, startedAt, Object.keys(result.metafile.inputs));
  if (process.env.BUDGET_CHECK_METAFILE) fs.writeFileSync(process.env.BUDGET_CHECK_METAFILE, JSON.stringify(result.metafile));
}

build().catch(() => {
  process.exitCode = 1;
});

'use strict';
/**
 * Is build/cli current? Asked on every start of `budget-check` (bin/budget-check.js) and by the batch pool when
 * the CLI runs from source (src/cli/batch.ts workerEntry), so it must cost next to nothing — and a stale build must
 * never run.
 *
 * scripts/build-cli.js writes build/cli/stamp.json: the time the build started and what it was made from — every
 * local source file esbuild bundled (its metafile), the folders that hold them (a file added or removed there can
 * change what an import resolves to), the package.json of every bundled package, and the build's own settings
 * (package.json, tsconfig.json, this script and build-cli.js). The build is current when each of those exists and
 * none was modified after the build started: one stat per entry (~150), no walk of src/.
 *
 * Without sources beside the build (an installed package without src/) the build is all there is: current.
 */
const fs = require('fs');
const path = require('path');

const STAMP = path.join('build', 'cli', 'stamp.json');
const BUILT = ['build/cli/main.js', 'build/cli/batch-worker.js', 'build/cli/pdfjs.js'];
const SETTINGS = ['package.json', 'tsconfig.json', 'scripts/build-cli.js', 'scripts/cli-stamp.js'];

/** What the build was made from, relative to root with '/' separators, from esbuild's metafile inputs. */
function stampEntries(root, inputs) {
  const files = new Set(SETTINGS);
  const dirs = new Set();
  for (const input of inputs) {
    const rel = input.split(path.sep).join('/');
    const nm = rel.lastIndexOf('node_modules/');
    if (nm >= 0) {
      // a bundled package: its package.json changes with every install of another version
      const parts = rel.slice(nm + 'node_modules/'.length).split('/');
      const name = parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      files.add(`${rel.slice(0, nm)}node_modules/${name}/package.json`);
      continue;
    }
    if (rel.startsWith('<') || rel.includes(':')) continue; // esbuild's virtual modules
    files.add(rel);
    // A JSON import names its file exactly (no extension or index lookup), so its folder is not watched: the
    // project root holds package.json and changes with every folder made there (build/ by this very build).
    if (!rel.endsWith('.json')) dirs.add(path.posix.dirname(rel));
  }
  return { files: [...files].filter((f) => fs.existsSync(path.join(root, f))).sort(), dirs: [...dirs].sort() };
}

function writeStamp(root, startedAt, inputs) {
  const { files, dirs } = stampEntries(root, inputs);
  fs.writeFileSync(path.join(root, STAMP), JSON.stringify({ builtAt: startedAt, files, dirs }) + '\n');
}

/** Newest modification time (ms) of the files under dir: the check of a build made without a stamp. */
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const m = e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs;
    if (m > t) t = m;
  }
  return t;
}

/** true when build/cli under root is current, else why not (one line, for BUDGET_CHECK_DEBUG). */
function buildState(root) {
  const mtime = (rel) => fs.statSync(path.join(root, rel), { throwIfNoEntry: false })?.mtimeMs;
  for (const b of BUILT) if (mtime(b) === undefined) return `no build (${b})`;
  const hasSources = () => mtime('src') !== undefined;
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8'));
  } catch {
    if (!hasSources()) return true;
    // a build without a stamp (made by an older build-cli.js): the walk of src/
    const builtAt = Math.min(...BUILT.map(mtime));
    return newest(path.join(root, 'src')) > builtAt ? 'build/cli is older than src/' : true;
  }
  for (const rel of [...stamp.files, ...stamp.dirs]) {
    const m = mtime(rel);
    if (m === undefined) {
      if (!hasSources()) return true;
      return `build/cli was made from ${rel}, which is gone`;
    }
    if (m > stamp.builtAt) return `build/cli is older than ${rel}`;
  }
  return true;
}

module.exports = { buildState, writeStamp, stampEntries };

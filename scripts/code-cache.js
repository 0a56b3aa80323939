'use strict';
/**
 * Loads a file of build/cli (made by scripts/build-cli.js) with V8's code cache, so that a start of `budget-check`
 * does not compile the bundle again (issue 13, cliOverheadRatio): Node ≥ 22.1 does this itself
 * (module.enableCompileCache, bin/budget-check.js), older Nodes (20) not — there the file is compiled by vm.Script
 * with the cached data of an earlier run, the same technique as the v8-compile-cache package.
 *
 * The cache is written after a run (createCachedData then holds every function that run compiled, not only the
 * top level), to build/cli/.cache/<file>.bin through a temporary name and a rename, and only when there was none
 * that V8 accepted or the one there came from a lighter command (--help) than this one (check). Its first line
 * names the bundle it belongs to (size, modification and change times, inode) and the Node that made it; V8 itself
 * also refuses data of another V8 version or flags. A cache that cannot be read or written (a read-only install)
 * only costs the speed-up: the file is then compiled as usual.
 *
 * Code compiled here cannot import() (on Node 20 the dynamic-import callback of code restored from a cache is
 * lost): scripts/build-cli.js turns the bundles' import() of packages into require() and keeps the one real
 * import() (pdf.js) in build/cli/pdfjs.js, which Node loads itself.
 */
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

function keyOf(st) {
  return `${process.version} ${process.arch} ${st.size} ${st.mtimeMs} ${st.ctimeMs} ${st.ino}`;
}

/**
 * require(file) through the code cache. Returns the module's exports, whether cached data was used (`cached`; `cache`
 * says more: 'used', 'none', 'stale', 'rejected', or 'native' on Node ≥ 22.1), and save(kind), which writes the cache when it
 * is worth it (called at exit on the main thread; by a batch worker when told to stop). `kind` names what the run
 * exercised ('check', 'batch' …; null for --help or an unreadable file): the cache lists the kinds it holds the
 * compiled code of, and is written again, with what it held and what this run compiled, after a run of a kind it
 * does not hold yet. So a check after a batch still finds the engine's code cached.
 */
function loadCached(file) {
  file = path.resolve(file);
  const native = typeof Module.enableCompileCache === 'function';
  if (native) return { exports: require(file), save: () => undefined, cached: false, cache: 'native' };
  const st = fs.statSync(file);
  const key = keyOf(st);
  const cacheFile = path.join(path.dirname(file), '.cache', `${path.basename(file)}.bin`);
  let cachedData;
  let kinds = null;
  // what became of the cache, for BUDGET_CHECK_DEBUG: none, stale (another bundle or Node), rejected (by V8), used
  let cache = 'none';
  try {
    const buf = fs.readFileSync(cacheFile);
    const nl = buf.indexOf(10);
    const head = JSON.parse(buf.subarray(0, nl).toString('utf8'));
    if (head.key === key) {
      cachedData = buf.subarray(nl + 1);
      kinds = head.kinds;
    } else cache = 'stale';
  } catch {
    // none yet, or unreadable: compiled as usual, written after the run
  }
  const source = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData,
  });
  if (script.cachedDataRejected) kinds = null;
  if (cachedData !== undefined) cache = script.cachedDataRejected ? 'rejected' : 'used';
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  Module._cache[file] = m;
  const req = Module.createRequire(file);
  try {
    script.runInThisContext()(m.exports, req, m, file, path.dirname(file));
  } catch (e) {
    delete Module._cache[file];
    throw e;
  }
  m.loaded = true;
  let saved = false;
  const save = (kind = null) => {
    if (saved || (kinds && (!kind || kinds.includes(kind)))) return;
    saved = true;
    const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      const data = script.createCachedData();
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      fs.writeFileSync(tmp, Buffer.concat([Buffer.from(JSON.stringify({ key, kinds: [...(kinds || []), ...(kind ? [kind] : [])] }) + '\n'), data]));
      fs.renameSync(tmp, cacheFile);
    } catch {
      // a read-only build: compiled every time
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // nothing was written
      }
    }
  };
  return { exports: m.exports, save, cached: cache === 'used', cache };
}

module.exports = { loadCached };

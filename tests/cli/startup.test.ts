/**
 * What a start of `budget-check` costs (issue 13, cliOverheadRatio): a command loads only the packages it needs;
 * the launcher tells a stale build by build/cli/stamp.json (scripts/cli-stamp.js) and never runs one; the build is
 * loaded through V8's code cache on Node 20 (scripts/code-cache.js), which is used only for the very bundle that
 * made it. Speed itself is measured by `npm run bench`, not here.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './helpers';

const TSX_API = require.resolve('tsx/cjs/api');
/** Node ≥ 22.1 caches compiled code itself (module.enableCompileCache); scripts/code-cache.js then does nothing. */
const native = typeof (require('module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const FIXTURE = path.join(ROOT, 'fixtures/workbooks/000-variant.xlsx');
const { buildState, writeStamp } = require(path.join(ROOT, 'scripts/cli-stamp.js')) as {
  buildState(root: string): true | string;
  writeStamp(root: string, startedAt: number, inputs: string[]): void;
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-startup-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs src/cli/main.ts through tsx's CommonJS hook with every file Node loads listed in `list`. */
function tracedRun(args: string[], list: string): { status: number | null; stdout: string } {
  const tracer = path.join(dir, 'tracer.js');
  fs.writeFileSync(
    tracer,
    `const M = require('module'); const load = M._load; const seen = new Set();
M._load = function (request, parent, isMain) { try { seen.add(M._resolveFilename(request, parent, isMain)); } catch {} return load.apply(this, arguments); };
process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, [...seen].join('\\n')));`,
  );
  const main = `require(${JSON.stringify(TSX_API)}).register(); require(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))}).run(process.argv.slice(1));`;
  const r = spawnSync(process.execPath, ['-r', tracer, '-e', main, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

/** The packages under node_modules among the files loaded. */
function packagesIn(list: string): Set<string> {
  const out = new Set<string>();
  for (const f of fs.readFileSync(list, 'utf8').split('\n')) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.split(path.sep).join('/'));
    if (m && m[1] !== 'tsx' && m[1] !== 'esbuild' && m[1] !== 'get-tsconfig' && m[1] !== 'resolve-pkg-maps') out.add(m[1]);
  }
  return out;
}

const HEAVY = ['pdf-lib', '@pdf-lib/fontkit', 'pdfjs-dist', 'docx', 'exceljs', '@e965/xlsx', 'jszip'];

test('check x.xlsx --json loads none of pdf-lib, fontkit, pdf.js, docx, ExcelJS, SheetJS or JSZip; --out loads JSZip', () => {
  const list = path.join(dir, 'check.txt');
  const r = tracedRun(['check', FIXTURE, '--json'], list);
  expect([0, 1]).toContain(r.status);
  expect(JSON.parse(r.stdout).file).toBe(FIXTURE);
  const loaded = packagesIn(list);
  expect(loaded.has('decimal.js')).toBe(true); // the tracer sees packages at all
  expect(HEAVY.filter((p) => loaded.has(p))).toEqual([]);

  const withCopy = path.join(dir, 'copy.txt');
  const c = tracedRun(['check', FIXTURE, '--json', '--out', path.join(dir, 'copy.xlsx')], withCopy);
  expect([0, 1]).toContain(c.status);
  expect(packagesIn(withCopy).has('jszip')).toBe(true);
  expect(packagesIn(withCopy).has('pdf-lib')).toBe(false);
});

describe('build/cli/stamp.json', () => {
  let root: string;
  const touch = (rel: string, when: number) => fs.utimesSync(path.join(root, rel), when / 1000, when / 1000);
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(dir, 'root-'));
    for (const rel of ['build/cli/main.js', 'build/cli/batch-worker.js', 'build/cli/pdfjs.js', 'src/cli/main.ts', 'src/model/money.ts', 'package.json']) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), rel.endsWith('.json') ? '{}\n' : '// x\n');
    }
    const past = Date.now() - 60_000;
    for (const rel of ['src/cli/main.ts', 'src/model/money.ts', 'package.json', 'src/cli', 'src/model']) touch(rel, past);
    writeStamp(root, past + 1000, ['src/cli/main.ts', 'src/model/money.ts', 'package.json']);
  });

  test('lists the sources, their folders and the settings; a build none of them changed since is current', () => {
    const stamp = JSON.parse(fs.readFileSync(path.join(root, 'build/cli/stamp.json'), 'utf8'));
    expect(stamp.files).toEqual(['package.json', 'src/cli/main.ts', 'src/model/money.ts']);
    expect(stamp.dirs).toEqual(['src/cli', 'src/model']);
    expect(buildState(root)).toBe(true);
  });

  test('a folder made at the root after the build (build/ itself on a fresh clone) leaves it current', () => {
    // the root's own time changes with it; package.json, the one file bundled from there, is watched by itself
    fs.mkdirSync(path.join(root, 'coverage'));
    expect(buildState(root)).toBe(true);
    touch('package.json', Date.now());
    expect(buildState(root)).toMatch(/package\.json/);
  });

  test('a source saved after the build, a source gone, or a file added beside one: stale', () => {
    touch('src/model/money.ts', Date.now());
    expect(buildState(root)).toMatch(/src\/model\/money\.ts/);
    touch('src/model/money.ts', Date.now() - 60_000);
    expect(buildState(root)).toBe(true);
    fs.writeFileSync(path.join(root, 'src/cli/new.ts'), '');
    expect(buildState(root)).toMatch(/src\/cli/);
    fs.rmSync(path.join(root, 'src/cli/new.ts'));
    touch('src/cli', Date.now() - 60_000);
    fs.rmSync(path.join(root, 'src/model/money.ts'));
    touch('src/model', Date.now() - 60_000);
    expect(buildState(root)).toMatch(/gone/);
  });

  test('no build: not current; no sources beside the build (an installed package): current', () => {
    fs.rmSync(path.join(root, 'src'), { recursive: true });
    expect(buildState(root)).toBe(true);
    fs.rmSync(path.join(root, 'build/cli/batch-worker.js'));
    expect(buildState(root)).toMatch(/no build/);
  });

  test('a build without a stamp: compared with every file under src/', () => {
    fs.rmSync(path.join(root, 'build/cli/stamp.json'));
    expect(buildState(root)).toBe(true);
    touch('src/cli/main.ts', Date.now() + 5000);
    expect(buildState(root)).toMatch(/older than src/);
  });

  test('the launcher runs the sources through tsx when the build is stale; BUDGET_CHECK_DEBUG says which ran', () => {
    fs.mkdirSync(path.join(root, 'bin'));
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.copyFileSync(path.join(ROOT, 'bin/budget-check.js'), path.join(root, 'bin/budget-check.js'));
    fs.copyFileSync(path.join(ROOT, 'scripts/cli-stamp.js'), path.join(root, 'scripts/cli-stamp.js'));
    fs.copyFileSync(path.join(ROOT, 'scripts/code-cache.js'), path.join(root, 'scripts/code-cache.js'));
    fs.writeFileSync(path.join(root, 'build/cli/main.js'), `exports.run = () => process.stdout.write('built\\n');`);
    // the fallback: a main.ts that says where it came from (tsx from the project's node_modules)
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, 'src/cli/main.ts'), `export function run(): void { process.stdout.write('sources\\n'); }\n`);
    touch('src/cli/main.ts', Date.now() - 60_000);
    const run = () => spawnSync(process.execPath, [path.join(root, 'bin/budget-check.js'), '--version'], { encoding: 'utf8', env: { ...process.env, BUDGET_CHECK_DEBUG: '1' } });
    const fresh = run();
    expect(fresh.stderr).toBe(`budget-check: running build/cli (code cache: ${native ? 'native' : 'none'})\n`);
    expect(fresh.stdout).toBe('built\n');
    // the second start finds the cache the first wrote (Node 20)
    expect(run().stderr).toBe(`budget-check: running build/cli (code cache: ${native ? 'native' : 'used'})\n`);
    expect(spawnSync(process.execPath, [path.join(root, 'bin/budget-check.js'), '--version'], { encoding: 'utf8', env: { ...process.env, BUDGET_CHECK_DEBUG: '' } }).stderr).toBe('');
    touch('src/cli/main.ts', Date.now());
    const stale = run();
    expect(stale.stdout).toBe('sources\n');
    expect(stale.stderr).toMatch(/build\/cli is older than src\/cli\/main\.ts; running the sources through tsx/);
  });
});

describe('V8 code cache (scripts/code-cache.js)', () => {
  const loader = path.join(ROOT, 'scripts/code-cache.js');
  /** Loads `file` through the cache in a fresh process, prints its answer and whether cached data was used, saves with `kind`. */
  const load = (file: string, kind: string | null) =>
    spawnSync(
      process.execPath,
      ['-e', `const c = require(${JSON.stringify(loader)}).loadCached(${JSON.stringify(file)}); process.stdout.write(JSON.stringify({ answer: c.exports.answer(), cached: c.cached })); c.save(${JSON.stringify(kind)});`],
      { encoding: 'utf8' },
    );

  test('a second start uses the cache the first wrote; a rebuilt bundle (even of the same length) does not', () => {
    const cli = path.join(dir, 'cache-test');
    fs.mkdirSync(cli);
    const file = path.join(cli, 'main.js');
    fs.writeFileSync(file, `exports.answer = () => 'one' + require('path').sep;`);
    const first = load(file, 'check');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ answer: `one${path.sep}`, cached: false });
    if (native) return; // Node ≥ 22.1: module.enableCompileCache does it (bin/budget-check.js); no file of ours
    const cacheFile = path.join(cli, '.cache', 'main.js.bin');
    const head = JSON.parse(fs.readFileSync(cacheFile, 'utf8').split('\n')[0]);
    expect(head.kinds).toEqual(['check']);
    expect(JSON.parse(load(file, 'check').stdout)).toEqual({ answer: `one${path.sep}`, cached: true });
    // a run of a kind the cache does not hold adds it; a light run (null) never rewrites
    load(file, 'batch');
    load(file, null);
    expect(JSON.parse(fs.readFileSync(cacheFile, 'utf8').split('\n')[0]).kinds).toEqual(['check', 'batch']);
    // same length, other content: the old cache must not be used
    fs.writeFileSync(file, `exports.answer = () => 'two' + require('path').sep;`);
    expect(JSON.parse(load(file, 'check').stdout)).toEqual({ answer: `two${path.sep}`, cached: false });
    expect(JSON.parse(load(file, 'check').stdout)).toEqual({ answer: `two${path.sep}`, cached: true });
  });

  test('a cache folder that cannot be written only costs the speed-up', () => {
    const cli = path.join(dir, 'read-only');
    fs.mkdirSync(cli);
    const file = path.join(cli, 'main.js');
    fs.writeFileSync(file, `exports.answer = () => 'ok';`);
    fs.writeFileSync(path.join(cli, '.cache'), 'a file where the folder would go');
    const r = load(file, 'check');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ answer: 'ok', cached: false });
    expect(fs.readdirSync(cli).sort()).toEqual(['.cache', 'main.js']);
  });
});

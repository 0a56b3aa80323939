/**
 * Engine, growth, batch and bundle measurements (npm run bench; suites engine, scale, batch, bundles).
 *
 *   engine   per fixtures/workbooks/*.xlsx, in this process after a warm-up: parseMs (readWorkbookFile) and
 *            engineMs (checkWorkbook = recognise + rules, plus generateNarrative when src/narrative exports it),
 *            medians of 5; cells; their ratio. Top level: engineToParseRatio (the largest seed workbook, by cells).
 *   scale    seed 001 laid out by writeWorkbook with its projects (表十二/表十三) and target sheets replicated
 *            1×, 10×, 100× (bench/scale.ts): parse and engine ms, ms per 1,000 cells, and the growth exponent
 *            b of ms ∝ cells^b from 1× and from the previous size (1 = linear). Top level: engineGrowthExponent,
 *            parseGrowthExponent (1× → 100×), engineGrowthExponent10to100, parseGrowthExponent10to100.
 *   batch    `budget-check batch` over a folder of N copies of the seed workbooks, jobs = CPUs, in a fresh
 *            process (bench/measure.ts batch): wall time, workbooks per minute, peak RSS of that process (its
 *            worker threads included); then --jobs 1 and --jobs 2 through the prebuilt CLI. Top level:
 *            workbooksPerMinute, batchPeakRssMb, batchSpeedup (2 ÷ 1 job throughput), batchOverheadRatio (1-job
 *            batch ms per workbook ÷ in-process read + check ms per workbook).
 *   bundles  gzip -9 size of the scripts the task pane page loads (dist/taskpane.html; office.js from the CDN not
 *            counted) and of those the web page loads (dist-web/index.html; its lazily loaded chunks reported
 *            apart), when a build exists; null otherwise. Top level: taskpaneBundleGzipBytes, webBundleGzipBytes.
 *
 * Goals (printed with the text output): engine ≤ 10% of parse time, linear growth, ≥ 1,000 workbooks/min on 2 cores.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import type { WorkbookSnapshot } from '../src/model/snapshot';
import { check as checkWorkbook } from '../src/engine';
import type { Recognised } from '../src/tables/recognised';
import { readWorkbookFile } from '../src/xlsx/read';
import type { Measurement, Metric, Suite } from './run';
import { writeScaledWorkbook } from './scale';

const ROOT = path.resolve(__dirname, '..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const FIXTURES = path.join(ROOT, 'fixtures/workbooks');

export const GOALS = { engineToParseRatio: 0.1, growthExponent: 1.1, workbooksPerMinute: 1000, batchSpeedup: 1.7, batchOverheadRatio: 1.2 };

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Non-empty cells of a snapshot: the size the growth exponents are measured against. */
export function cellsOf(wb: WorkbookSnapshot): number {
  let n = 0;
  for (const s of wb.sheets) for (const r of s.rows) if (r) for (const c of r) if (c) n++;
  return n;
}

type Narrate = (rec: Recognised) => unknown;

/** generateNarrative, when src/narrative exports it (it is being written in parallel). */
function narrativeGenerator(): Narrate | undefined {
  try {
     
    const m = require('../src/narrative') as { generateNarrative?: Narrate };
    return typeof m.generateNarrative === 'function' ? m.generateNarrative : undefined;
  } catch {
    return undefined;
  }
}

/** The engine as the front ends run it: recognise + rules (+ the narrative). */
function engine(wb: WorkbookSnapshot, narrate: Narrate | undefined): void {
  const res = checkWorkbook(wb);
  if (narrate) {
    try {
      narrate(res.recognised);
    } catch {
      // the narrative's own bugs are not the engine's time
    }
  }
}

async function measureFile(file: string, narrate: Narrate | undefined, runs: number) {
  const parse: number[] = [];
  const eng: number[] = [];
  let wb!: WorkbookSnapshot;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    wb = await readWorkbookFile(file);
    const t1 = performance.now();
    engine(wb, narrate);
    const t2 = performance.now();
    parse.push(t1 - t0);
    eng.push(t2 - t1);
  }
  return { wb, parseMs: median(parse), engineMs: median(eng) };
}

export const engineSuite: Suite = {
  name: 'engine',
  async run({ log }) {
    const files = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort() : [];
    const narrate = narrativeGenerator();
    log(`engine: warm-up over ${files.length} seed workbooks${narrate ? ' (with generateNarrative)' : ''}`);
    for (let i = 0; i < 2; i++) for (const f of files) engine(await readWorkbookFile(path.join(FIXTURES, f)), narrate);
    const out: Measurement[] = [];
    for (const f of files) {
      log(`engine ${f}`);
      const m = await measureFile(path.join(FIXTURES, f), narrate, 5);
      const cells = cellsOf(m.wb);
      out.push({
        id: `engine:${f}`,
        title: `${f} engine vs parse`,
        sheets: m.wb.sheets.length,
        cells,
        parseMs: round(m.parseMs),
        engineMs: round(m.engineMs),
        engineToParse: round(m.engineMs / m.parseMs, 2),
        narrative: narrate ? 'yes' : 'no',
      });
    }
    return out;
  },
  summary(ms): Record<string, Metric> {
    if (!ms.length) return { engineToParseRatio: null };
    const largest = ms.reduce((a, b) => ((b.cells as number) > (a.cells as number) ? b : a));
    const sum = (k: string) => ms.reduce((n, m) => n + (m[k] as number), 0);
    return {
      engineToParseRatio: largest.engineToParse,
      engineToParseRatioWorkbook: String(largest.title).replace(/ engine vs parse$/, ''),
      engineToParseRatioAllSeeds: round(sum('engineMs') / sum('parseMs'), 2),
    };
  },
  goals(ms) {
    if (!ms.length) return [];
    const s = engineSuite.summary!(ms);
    const r = s.engineToParseRatio as number;
    return [`引擎时间 ≤ 解析时间的 10%（engine ≤ 10% of parse）：最大的种子工作簿 ${s.engineToParseRatioWorkbook} 为 ${Math.round(r * 100)}%，全部种子 ${Math.round((s.engineToParseRatioAllSeeds as number) * 100)}% ${r <= GOALS.engineToParseRatio ? '✓ 达成' : '✗ 未达成'}`];
  },
};

const SCALES = [1, 10, 100];
const SCALE_SEED = '001';

export const scaleSuite: Suite = {
  name: 'scale',
  async run({ log }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-check-scale-'));
    const narrate = narrativeGenerator();
    const out: Measurement[] = [];
    try {
      let base: { cells: number; parseMs: number; engineMs: number } | undefined;
      for (const k of SCALES) {
        const file = path.join(dir, `${SCALE_SEED}-x${k}.xlsx`);
        log(`scale: writing seed ${SCALE_SEED} ×${k}`);
        await writeScaledWorkbook(file, SCALE_SEED, k);
        log(`scale: measuring ×${k}`);
        // warm-up runs (the JIT), then the median of 9, 5, 3 runs
        await measureFile(file, narrate, k >= 100 ? 1 : k >= 10 ? 3 : 10);
        const m = await measureFile(file, narrate, k >= 100 ? 3 : k >= 10 ? 5 : 9);
        const cells = cellsOf(m.wb);
        base ??= { cells, parseMs: m.parseMs, engineMs: m.engineMs };
        const exp = (t: number, t0: number, c0: number) => (cells === c0 ? null : round(Math.log(t / t0) / Math.log(cells / c0), 2));
        const prev = out[out.length - 1];
        out.push({
          id: `scale:x${k}`,
          title: `seed ${SCALE_SEED} ×${k} (${round(fs.statSync(file).size / 1048576, 2)} MB)`,
          sheets: m.wb.sheets.length,
          cells,
          parseMs: round(m.parseMs),
          engineMs: round(m.engineMs),
          engineToParse: round(m.engineMs / m.parseMs, 2),
          parseMsPer1kCells: round((m.parseMs / cells) * 1000, 2),
          engineMsPer1kCells: round((m.engineMs / cells) * 1000, 2),
          // b from ×1, and from the previous size (fixed costs weigh less there)
          parseGrowthExponent: exp(m.parseMs, base.parseMs, base.cells),
          engineGrowthExponent: exp(m.engineMs, base.engineMs, base.cells),
          parseGrowthExponentFromPrevious: prev ? exp(m.parseMs, prev.parseMs as number, prev.cells as number) : null,
          engineGrowthExponentFromPrevious: prev ? exp(m.engineMs, prev.engineMs as number, prev.cells as number) : null,
        });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
  summary(ms) {
    const last = ms[ms.length - 1];
    return {
      engineGrowthExponent: last?.engineGrowthExponent ?? null,
      parseGrowthExponent: last?.parseGrowthExponent ?? null,
      engineGrowthExponent10to100: last?.engineGrowthExponentFromPrevious ?? null,
      parseGrowthExponent10to100: last?.parseGrowthExponentFromPrevious ?? null,
    };
  },
  goals(ms) {
    if (ms.length < 2) return [];
    const first = ms[0];
    const last = ms[ms.length - 1];
    const e = last.engineGrowthExponent as number;
    const p = last.parseGrowthExponent as number;
    const e2 = last.engineGrowthExponentFromPrevious as number;
    const p2 = last.parseGrowthExponentFromPrevious as number;
    const ok = Math.max(e, p, e2 ?? 0, p2 ?? 0) <= GOALS.growthExponent;
    return [
      `线性增长（linear growth: ms ∝ cells^b, goal b ≤ ${GOALS.growthExponent}）：×1 → ×${SCALES[SCALES.length - 1]}：引擎 b = ${e}（每千单元格 ${first.engineMsPer1kCells} → ${last.engineMsPer1kCells} ms），解析 b = ${p}（${first.parseMsPer1kCells} → ${last.parseMsPer1kCells} ms）；×10 → ×100：引擎 b = ${e2}，解析 b = ${p2}${ok ? ' ✓ 达成' : ' ✗ 未达成'}`,
    ];
  },
};

const BATCH_COPIES = 20;

/** `budget-check batch` through the installed launcher (bin/budget-check.js → build/cli), as a user runs it: wall ms. */
function timeBatch(folder: string, jobs: number, out: string): { ms: number; workbooks: number; exit: number | null } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/budget-check.js'), 'batch', folder, '--json', '--jobs', String(jobs), '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`batch --jobs ${jobs} failed: ${r.stderr.trim()}`);
  return { ms, workbooks: (JSON.parse(r.stdout) as { workbooks: unknown[] }).workbooks.length, exit: r.status };
}

/**
 * batch: throughput and peak RSS with one job per CPU (bench/measure.ts, a fresh process), then the issue's two
 * ratios on the same folder through the prebuilt CLI (built first when stale): batchSpeedup = 2-job ÷ 1-job
 * throughput; batchOverheadRatio = 1-job batch wall time per workbook ÷ in-process read + check time per workbook
 * (the same files, measured here warm: the median of three passes after three) — what the batch adds around the engine: process and worker start,
 * messages, pages, the summary.
 */
export const batchSuite: Suite = {
  name: 'batch',
  async run({ log }) {
    const files = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort() : [];
    if (!files.length) return [];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-check-batch-'));
    const jobs = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    try {
      const folder = path.join(dir, 'in');
      fs.mkdirSync(folder);
      for (let i = 0; i < BATCH_COPIES; i++) for (const f of files) fs.copyFileSync(path.join(FIXTURES, f), path.join(folder, `${String(i).padStart(2, '0')}-${f}`));
      const n = BATCH_COPIES * files.length;
      log(`batch: ${n} workbooks, --jobs ${jobs}`);
      const r = spawnSync(process.execPath, [TSX_CLI, path.join(__dirname, 'measure.ts'), 'batch', folder, String(jobs), path.join(dir, 'out', 'report.html')], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`measure batch failed: ${r.stderr.trim()}`);
      const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; peakRssMb: number; workbooks: number; exit: number };

      log('batch: building the CLI (npm run build:cli)');
      const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.js')], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`build:cli failed: ${build.stderr.trim()}`);
      // in-process: read + check of every fixture, warm (the batch's worker checks each file 20 times, so it is warm
      // for most of them; one warm-up pass still left the optimising compiler at work in the timed pass, 74 against
      // 48 ms per workbook of later passes): three passes of warm-up, then the median of three timed passes
      const pass = async () => {
        const t0 = performance.now();
        for (const f of files) checkWorkbook(await readWorkbookFile(path.join(FIXTURES, f)));
        return performance.now() - t0;
      };
      for (let i = 0; i < 3; i++) await pass();
      const timed = [await pass(), await pass(), await pass()].sort((a, b) => a - b);
      const inProcessMs = timed[1] / files.length;
      log(`batch: ${n} workbooks, --jobs 1 and --jobs 2, prebuilt CLI`);
      const one = timeBatch(folder, 1, path.join(dir, 'out1', 'report.html'));
      const two = timeBatch(folder, 2, path.join(dir, 'out2', 'report.html'));
      const out: Measurement[] = [
        {
          id: 'batch',
          title: `batch: ${m.workbooks} copies of the seed workbooks, --jobs ${jobs}`,
          workbooks: m.workbooks,
          jobs,
          batchMs: m.ms,
          msPerWorkbook: round(m.ms / m.workbooks, 1),
          workbooksPerMinute: Math.round((m.workbooks / m.ms) * 60000),
          peakRssMb: m.peakRssMb,
          exit: m.exit,
        },
        {
          id: 'batch-ratios',
          title: `batch: ${one.workbooks} workbooks, prebuilt CLI, --jobs 1 vs --jobs 2`,
          workbooks: one.workbooks,
          batch1Ms: Math.round(one.ms),
          batch2Ms: Math.round(two.ms),
          inProcessMsPerWorkbook: round(inProcessMs, 1),
          batch1MsPerWorkbook: round(one.ms / one.workbooks, 1),
          batchSpeedup: round(one.ms / two.ms, 2),
          batchOverheadRatio: round(one.ms / one.workbooks / inProcessMs, 2),
        },
      ];
      return out;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  summary(ms) {
    const ratios = ms.find((m) => m.id === 'batch-ratios');
    return {
      workbooksPerMinute: ms[0]?.workbooksPerMinute ?? null,
      batchPeakRssMb: ms[0]?.peakRssMb ?? null,
      batchSpeedup: ratios?.batchSpeedup ?? null,
      batchOverheadRatio: ratios?.batchOverheadRatio ?? null,
    };
  },
  goals(ms) {
    if (!ms.length) return [];
    const m = ms[0];
    const wpm = m.workbooksPerMinute as number;
    const out = [`批量吞吐 ≥ 1,000 个工作簿/分钟（2 核）：本机 ${m.jobs} 核 ${wpm.toLocaleString('en')} 个/分钟，峰值内存 ${m.peakRssMb} MB ${wpm >= GOALS.workbooksPerMinute ? '✓ 达成' : '✗ 未达成'}`];
    const r = ms.find((x) => x.id === 'batch-ratios');
    if (r) {
      const s = r.batchSpeedup as number;
      const o = r.batchOverheadRatio as number;
      out.push(`batchSpeedup（2 个并行 ÷ 1 个的吞吐）≥ ${GOALS.batchSpeedup}：${s} ${s >= GOALS.batchSpeedup ? '✓ 达成' : '✗ 未达成'}`);
      out.push(`batchOverheadRatio（批量每个工作簿用时 ÷ 进程内读取与校验用时）≤ ${GOALS.batchOverheadRatio}：${o} ${o <= GOALS.batchOverheadRatio ? '✓ 达成' : '✗ 未达成'}`);
    }
    return out;
  },
};

function gzipSize(files: string[]): number | null {
  if (!files.length) return null;
  return files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
}

export const bundlesSuite: Suite = {
  name: 'bundles',
  async run({ log }) {
    const list = (dir: string, re: RegExp) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => re.test(f)).map((f) => path.join(dir, f)) : []);
    /** The local scripts an HTML page loads (not the office.js CDN), when the page was built. */
    const pageScripts = (html: string): string[] => {
      if (!fs.existsSync(html)) return [];
      const srcs = [...fs.readFileSync(html, 'utf8').matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1]);
      return srcs.filter((s) => !/^[a-z]+:|^\/\//i.test(s)).map((s) => path.join(path.dirname(html), s)).filter((f) => fs.existsSync(f));
    };
    const paneFiles = pageScripts(path.join(ROOT, 'dist/taskpane.html'));
    const pane = paneFiles.length ? paneFiles : list(path.join(ROOT, 'dist'), /^taskpane(\.[0-9a-f]{6,})?\.js$/);
    const webFiles = pageScripts(path.join(ROOT, 'dist-web/index.html'));
    const web = webFiles.length ? webFiles : [...list(path.join(ROOT, 'dist'), /^web(\.[0-9a-f]{6,})?\.js$/), ...list(path.join(ROOT, 'dist/web'), /\.js$/)];
    const webLazy = list(path.join(ROOT, 'dist-web'), /\.js$/).filter((f) => !web.includes(f));
    const row = (id: string, title: string, files: string[], where: string): Measurement => {
      const gz = gzipSize(files);
      if (gz === null) log(`bundles: ${title} not built (no ${where})`);
      return {
        id,
        title,
        files: files.length ? files.map((f) => path.relative(ROOT, f)).join(' ') : 'not built',
        bytes: files.length ? files.reduce((n, f) => n + fs.statSync(f).size, 0) : null,
        gzipBytes: gz,
        production: files.length ? (files.every((f) => /\.[0-9a-f]{6,}\.js$/.test(f)) ? 'yes' : 'no (dev build)') : null,
      };
    };
    const out = [
      row('bundle:taskpane', 'task pane bundle (scripts of dist/taskpane.html, office.js CDN excluded)', pane, 'dist/taskpane.html or dist/taskpane*.js'),
      row('bundle:web', 'web bundle (scripts of dist-web/index.html)', web, 'dist-web/index.html or dist/web*.js'),
    ];
    if (webLazy.length) out.push({ ...row('bundle:web-lazy', 'web page chunks loaded on demand (ExcelJS, narrative …)', webLazy, ''), production: null });
    return out;
  },
  summary(ms) {
    const g = (id: string) => (ms.find((m) => m.id === id)?.gzipBytes ?? null) as Metric;
    return { taskpaneBundleGzipBytes: g('bundle:taskpane'), webBundleGzipBytes: g('bundle:web') };
  },
  goals(ms) {
    return ms.map((m) => `${m.title}: ${m.gzipBytes === null ? '未构建（not built: null）' : `gzip ${round((m.gzipBytes as number) / 1024)} KB（${m.files}${m.production === 'no (dev build)' ? '，开发构建' : ''}）`}`);
  },
};

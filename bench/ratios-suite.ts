/**
 * The ratios issue #13 sets its goals in, all measured side by side in one run on the same files (suite `ratios`):
 *
 *   peers     our reader beside ExcelJS and SheetJS (@e965/xlsx) and beside the floor (bench/floor.ts: native
 *             inflate + one byte scan), on the department-size workbook (the largest seed workbook, in this
 *             process, medians of 5 after a warm-up) and on a 100,000-row sheet (a fresh process each, the best of
 *             2). Top level: parseVsBestPeer (= ours ÷ min(ExcelJS, SheetJS), the worse of the two files) and
 *             parseToFloorRatio (the same), each also per file.
 *   stages    seed 001 at 1×, 10×, 100× (bench/scale.ts): recognise, the target ↔ 表十二 matching, each rule family
 *             and the narrative timed apart; growth exponents b (ms ∝ cells^b) per stage, top level
 *             growth.<stage>.1to100 and growth.<stage>.10to100 (growth.engine = recognise + all rules).
 *   cli       wall time of `budget-check check <department workbook> --json` (bin/budget-check.js, the installed
 *             command) ÷ (wall time of `node -e 0` + this process's parse and engine time): cliOverheadRatio.
 *   memory    peak RSS of read + check on the 100,000-row sheet over a process that loaded the same modules and did
 *             nothing: peakRssOverBaselineBytes.
 *   web       everything the web page loads before its first check (its own scripts and the engine worker it starts
 *             at open), gzip -9: webFirstLoadGzipBytes (null when dist-web is not built: `npm run build:web`).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import type { WorkbookSnapshot } from '../src/model/snapshot';
import { check, narrative } from '../src/engine';
import { recognise } from '../src/tables/recognise';
import { runRuleList, type Rule } from '../src/rules/rule';
import { inputRules } from '../src/rules/input';
import { intraRules } from '../src/rules/intra';
import { crossRules } from '../src/rules/cross';
import { performanceRules } from '../src/rules/performance';
import { narrativeRules } from '../src/rules/narrative';
import { matchTargets } from '../src/rules/performance/matching';
import { readWorkbookFile } from '../src/xlsx/read';
import { floorRead } from './floor';
import type { Measurement, Suite, SummaryValue } from './run';
import { cellsOf, median } from './engine-suite';
import { writeScaledWorkbook } from './scale';
import { LARGE_ROWS, writeLargeRowsWorkbook } from './workbooks';

const ROOT = path.resolve(__dirname, '..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const FIXTURES = path.join(ROOT, 'fixtures/workbooks');

export const RATIO_GOALS = {
  parseVsBestPeer: 0.5,
  parseToFloorRatio: 4,
  engineToParseRatio: 0.5,
  growthEngine10to100: 1.05,
  growthStage: 1.1,
  cliOverheadRatio: 1.5,
  webFirstLoadGzipBytes: 200 * 1024,
  peakRssOverBaselineBytes: 150 * 1024 * 1024,
};

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The seed workbook with the most cells: the department-size workbook of the goals. */
async function departmentWorkbook(): Promise<{ file: string; cells: number } | undefined> {
  const files = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort() : [];
  let best: { file: string; cells: number } | undefined;
  for (const f of files) {
    const file = path.join(FIXTURES, f);
    const cells = cellsOf(await readWorkbookFile(file));
    if (!best || cells > best.cells) best = { file, cells };
  }
  return best;
}

async function msOf(f: () => unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

/** Median of `runs` timings after `warm` untimed runs. */
async function timedMedian(f: () => unknown, runs: number, warm = 2): Promise<number> {
  for (let i = 0; i < warm; i++) await f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await msOf(f));
  return median(xs);
}

const readers = {
  ours: (file: string) => readWorkbookFile(file),
  exceljs: async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
  },
  sheetjs: (file: string) => XLSX.read(fs.readFileSync(file), { type: 'buffer', cellFormula: true, cellNF: true }),
  floor: (file: string) => floorRead(fs.readFileSync(file)),
};

type Mode = 'read' | 'exceljs' | 'sheetjs' | 'floor' | 'check' | 'baseline';
function child(mode: Mode, file?: string): { ms: number; peakRssMb: number } {
  const r = spawnSync(process.execPath, [TSX_CLI, path.join(__dirname, 'measure.ts'), mode, ...(file ? [file] : [])], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`measure ${mode} failed: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function peerRow(id: string, title: string, t: { ours: number; exceljs: number; sheetjs: number; floor: number }): Measurement {
  return {
    id,
    title,
    parseMs: round(t.ours, 1),
    exceljsMs: round(t.exceljs, 1),
    sheetjsMs: round(t.sheetjs, 1),
    floorMs: round(t.floor, 1),
    parseVsBestPeer: round(t.ours / Math.min(t.exceljs, t.sheetjs)),
    parseToFloorRatio: round(t.ours / t.floor),
  };
}

/** Wall time of a command, median of `runs`. */
function wallMs(cmd: string, args: string[], runs: number): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    xs.push(performance.now() - t0);
    if (r.error) throw r.error;
  }
  return median(xs);
}

const FAMILIES: [string, Rule[]][] = [
  ['input', inputRules],
  ['intra', intraRules],
  ['cross', crossRules],
  ['performance', performanceRules],
  ['narrativeRules', narrativeRules],
];
const STAGES = ['recognise', 'matching', ...FAMILIES.map(([n]) => n), 'narrative', 'engine'];

/** Each stage's time on one workbook (ms, median of `runs`); matching on a fresh recognition, so not cached. */
async function stageTimes(wb: WorkbookSnapshot, runs: number): Promise<Record<string, number>> {
  const xs: Record<string, number[]> = Object.fromEntries(STAGES.map((s) => [s, []]));
  for (let i = 0; i < runs + 1; i++) {
    const t: Record<string, number> = {};
    let rec = recognise(wb);
    t.recognise = await msOf(() => (rec = recognise(wb)));
    t.matching = await msOf(() => matchTargets(rec));
    let rules = 0;
    for (const [name, list] of FAMILIES) rules += t[name] = await msOf(() => runRuleList(list, rec));
    t.narrative = await msOf(() => narrative(wb, rec));
    t.engine = t.recognise + t.matching + rules;
    if (i > 0) for (const s of STAGES) xs[s].push(t[s]); // the first round warms the JIT
  }
  return Object.fromEntries(STAGES.map((s) => [s, median(xs[s])]));
}

const SCALES = [1, 10, 100];

export const ratiosSuite: Suite = {
  name: 'ratios',
  async run({ log }) {
    const out: Measurement[] = [];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-check-ratios-'));
    try {
      const dept = await departmentWorkbook();
      if (dept) {
        const name = path.basename(dept.file);
        log(`ratios: readers on ${name}`);
        const t = {
          ours: await timedMedian(() => readers.ours(dept.file), 5),
          exceljs: await timedMedian(() => readers.exceljs(dept.file), 5),
          sheetjs: await timedMedian(() => readers.sheetjs(dept.file), 5),
          floor: await timedMedian(() => readers.floor(dept.file), 5),
        };
        out.push({ ...peerRow('peers:department', `readers on ${name} (department size, ${dept.cells} cells)`, t), cells: dept.cells });

        log(`ratios: budget-check check ${name} vs node -e 0`);
        const wb = await readWorkbookFile(dept.file);
        const engineMs = await timedMedian(() => check(wb), 5);
        const node0 = wallMs(process.execPath, ['-e', '0'], 5);
        const cli = wallMs(process.execPath, [path.join(ROOT, 'bin/budget-check.js'), 'check', dept.file, '--json'], 5);
        const built = fs.existsSync(path.join(ROOT, 'build/cli/main.js'));
        out.push({
          id: 'cli:department',
          title: `budget-check check ${name} --json (${built ? 'prebuilt build/cli' : 'no build: tsx fallback'})`,
          cliWallMs: round(cli, 1),
          nodeStartMs: round(node0, 1),
          parseMs: round(t.ours, 1),
          engineMs: round(engineMs, 1),
          cliOverheadRatio: round(cli / (node0 + t.ours + engineMs)),
        });
      }

      const large = path.join(dir, `rows-${LARGE_ROWS}.xlsx`);
      log(`ratios: writing ${LARGE_ROWS} rows`);
      await writeLargeRowsWorkbook(large);
      const best = (mode: Mode) => Math.min(child(mode, large).ms, child(mode, large).ms);
      log('ratios: readers on the 100,000-row sheet (fresh processes)');
      out.push(peerRow('peers:rows', `readers on 1 sheet × ${LARGE_ROWS.toLocaleString('en')} rows × 8 cols`, { ours: best('read'), exceljs: best('exceljs'), sheetjs: best('sheetjs'), floor: best('floor') }));

      log('ratios: peak RSS of check on the 100,000-row sheet');
      const base = child('baseline');
      const used = child('check', large);
      out.push({
        id: 'memory:rows',
        title: `read + check, ${LARGE_ROWS.toLocaleString('en')} rows: peak RSS over a process with the modules loaded`,
        peakRssMb: used.peakRssMb,
        baselineRssMb: base.peakRssMb,
        peakRssOverBaselineBytes: Math.round((used.peakRssMb - base.peakRssMb) * 1048576),
      });

      let first: { cells: number; t: Record<string, number> } | undefined;
      let prev: typeof first;
      for (const k of SCALES) {
        const file = path.join(dir, `001-x${k}.xlsx`);
        log(`ratios: stages on seed 001 ×${k}`);
        await writeScaledWorkbook(file, '001', k);
        const wb = await readWorkbookFile(file);
        const cells = cellsOf(wb);
        const t = await stageTimes(wb, k >= 100 ? 3 : 7);
        const exp = (from: typeof first, s: string) => (from && from.cells !== cells && from.t[s] > 0 ? round(Math.log(t[s] / from.t[s]) / Math.log(cells / from.cells)) : null);
        const m: Measurement = { id: `stages:x${k}`, title: `seed 001 ×${k}: ms per stage`, cells };
        for (const s of STAGES) {
          m[`${s}Ms`] = round(t[s], 2);
          m[`${s}Exp1`] = exp(first, s);
          m[`${s}ExpPrev`] = exp(prev, s);
        }
        out.push(m);
        first ??= { cells, t };
        prev = { cells, t };
      }

      const html = path.join(ROOT, 'dist-web/index.html');
      if (fs.existsSync(html)) {
        const distWeb = path.dirname(html);
        const page = [...fs.readFileSync(html, 'utf8').matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)]
          .map((m) => m[1])
          .filter((s) => !/^[a-z]+:|^\/\//i.test(s))
          .map((s) => path.join(distWeb, s));
        const worker = fs.readdirSync(distWeb).filter((f) => /^engine-worker\..*\.js$/.test(f)).map((f) => path.join(distWeb, f));
        const files = [...page, ...worker].filter((f) => fs.existsSync(f));
        const gz = files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
        out.push({ id: 'web:first-load', title: 'web page before its first check: page scripts + engine worker (gzip -9)', files: files.map((f) => path.relative(ROOT, f)).join(' '), webFirstLoadGzipBytes: gz });
      } else {
        log('ratios: dist-web not built (npm run build:web): webFirstLoadGzipBytes is null');
        out.push({ id: 'web:first-load', title: 'web page before its first check (dist-web not built)', webFirstLoadGzipBytes: null });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
  summary(ms) {
    const get = (id: string, k: string) => (ms.find((m) => m.id === id)?.[k] ?? null) as number | null;
    const worst = (k: string) => {
      const xs = ['peers:department', 'peers:rows'].map((id) => get(id, k)).filter((x): x is number => x !== null);
      return xs.length ? Math.max(...xs) : null;
    };
    const growth: Record<string, SummaryValue> = {};
    const last = ms.find((m) => m.id === `stages:x${SCALES[SCALES.length - 1]}`);
    for (const s of STAGES) growth[s] = { '1to100': (last?.[`${s}Exp1`] ?? null) as number | null, '10to100': (last?.[`${s}ExpPrev`] ?? null) as number | null };
    return {
      parseVsBestPeer: worst('parseVsBestPeer'),
      parseVsBestPeerDepartment: get('peers:department', 'parseVsBestPeer'),
      parseVsBestPeerLargeRows: get('peers:rows', 'parseVsBestPeer'),
      parseToFloorRatio: worst('parseToFloorRatio'),
      parseToFloorRatioDepartment: get('peers:department', 'parseToFloorRatio'),
      parseToFloorRatioLargeRows: get('peers:rows', 'parseToFloorRatio'),
      cliOverheadRatio: get('cli:department', 'cliOverheadRatio'),
      peakRssOverBaselineBytes: get('memory:rows', 'peakRssOverBaselineBytes'),
      webFirstLoadGzipBytes: get('web:first-load', 'webFirstLoadGzipBytes'),
      growth,
    };
  },
  goals(ms) {
    const s = ratiosSuite.summary!(ms) as Record<string, SummaryValue>;
    const mark = (ok: boolean | null) => (ok === null ? '（未测）' : ok ? '✓ 达成' : '✗ 未达成');
    const le = (v: SummaryValue, goal: number) => (typeof v === 'number' ? v <= goal : null);
    const g = s.growth as Record<string, Record<string, number | null>>;
    const stageWorst = Math.max(...STAGES.filter((x) => x !== 'engine').map((x) => g[x]['10to100'] ?? 0));
    return [
      `解析 ÷ 最快同类（ExcelJS、SheetJS）≤ ${RATIO_GOALS.parseVsBestPeer}：部门工作簿 ${s.parseVsBestPeerDepartment}，10 万行 ${s.parseVsBestPeerLargeRows} ${mark(le(s.parseVsBestPeer, RATIO_GOALS.parseVsBestPeer))}`,
      `解析 ÷ 下限（原生解压 + 一次字节扫描）≤ ${RATIO_GOALS.parseToFloorRatio}：部门工作簿 ${s.parseToFloorRatioDepartment}，10 万行 ${s.parseToFloorRatioLargeRows} ${mark(le(s.parseToFloorRatio, RATIO_GOALS.parseToFloorRatio))}`,
      `引擎增长指数 ×10→×100 ≤ ${RATIO_GOALS.growthEngine10to100}：${g.engine['10to100']} ${mark(le(g.engine['10to100'], RATIO_GOALS.growthEngine10to100))}；各阶段最大 ${round(stageWorst)}（≤ ${RATIO_GOALS.growthStage}）${mark(stageWorst <= RATIO_GOALS.growthStage)}`,
      `命令行开销 ≤ ${RATIO_GOALS.cliOverheadRatio}：${s.cliOverheadRatio} ${mark(le(s.cliOverheadRatio, RATIO_GOALS.cliOverheadRatio))}`,
      `10 万行峰值内存 − 基线 ≤ 150 MB：${typeof s.peakRssOverBaselineBytes === 'number' ? `${round(s.peakRssOverBaselineBytes / 1048576, 1)} MB` : '—'} ${mark(le(s.peakRssOverBaselineBytes, RATIO_GOALS.peakRssOverBaselineBytes))}`,
      `网页首次加载（含后台校验进程）≤ 200 KB gzip：${typeof s.webFirstLoadGzipBytes === 'number' ? `${round(s.webFirstLoadGzipBytes / 1024, 1)} KB` : '未构建'} ${mark(le(s.webFirstLoadGzipBytes, RATIO_GOALS.webFirstLoadGzipBytes))}`,
    ];
  },
};

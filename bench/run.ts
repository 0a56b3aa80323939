/**
 * npm run bench [-- --json] [-- --no-reference] [-- --suite <name>…]
 *
 * A list of suites, each producing measurements ({id, title, ...metrics}). To add a measurement, add a suite
 * to SUITES (or push to an existing one); `--json` prints { node, platform, cpus, measurements: [...] } as one
 * JSON document, the default prints a table.
 *
 * Today:
 *   fixtures  per fixtures/workbooks/*.xlsx: parseMs (our reader, median of 3), recogniseMs (median of 3)
 *   large     generated 100,000-row and 300-sheet workbooks (in os.tmpdir()): parseMs and peakRssMb of our reader
 *             in a fresh process, and the same for ExcelJS's in-memory reader as a reference (skip with
 *             --no-reference); baseline is the RSS of such a process doing nothing.
 *   excel     per fixtures/workbooks/*.xlsx, on the Excel-API simulator (bench/excel-suite.ts): context.sync round
 *             trips of the add-in's adapter per validate, apply and clear; top-level syncsPerValidate and
 *             syncsPerApply (maxima) in the JSON document.
 *
 *   memory    check --out on the pathological workbooks of issue 10 (bench/memory-suite.ts): peak RSS over the
 *             baseline per case (memory.<case>.peakRssOverBaselineBytes) and their maximum (peakRssOverBaselineBytesWorstCase).
 *   engine, scale, batch, bundles (bench/engine-suite.ts): engine vs parse time per seed workbook, growth at 1×/10×/
 *             100× a seed, batch throughput and peak RSS, gzipped bundle sizes; top-level engineToParseRatio,
 *             engineGrowthExponent, parseGrowthExponent, workbooksPerMinute, batchPeakRssMb,
 *             taskpaneBundleGzipBytes, webBundleGzipBytes (null when not built); goals printed in text output.
 *
 *   ratios   (bench/ratios-suite.ts) the issue #13 ratios side by side: parseVsBestPeer, parseToFloorRatio,
 *             growth.<stage>.1to100 / 10to100, cliOverheadRatio, peakRssOverBaselineBytes, webFirstLoadGzipBytes.
 *
 * A suite may add top-level keys to the JSON document through summary(), and goal lines through goals().
 * `--suite <name>` runs only the named suites (repeatable).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { readWorkbookFile } from '../src/xlsx/read';
import { recognise } from '../src/tables/recognise';
import { excelSuite } from './excel-suite';
import { ratiosSuite } from './ratios-suite';
import { memorySuite } from './memory-suite';
import { batchSuite, bundlesSuite, engineSuite, scaleSuite } from './engine-suite';
import { LARGE_ROWS, MANY_SHEETS, writeLargeRowsWorkbook, writeManySheetsWorkbook } from './workbooks';

export type Metric = number | string | null;
export interface Measurement {
  id: string;
  title: string;
  [metric: string]: Metric;
}
/** A top-level value of the JSON document: a metric, or a group of them (e.g. `growth.engine.10to100`). */
export type SummaryValue = Metric | { [key: string]: SummaryValue };
export interface Suite {
  name: string;
  run(opts: Options): Promise<Measurement[]>;
  /** Top-level keys of the JSON document, from this suite's measurements. */
  summary?(measurements: Measurement[]): Record<string, SummaryValue>;
  /** Lines comparing the measurements with their goals, printed after the table (text output only). */
  goals?(measurements: Measurement[]): string[];
}
export interface Options {
  reference: boolean;
  log(line: string): void;
}

const ROOT = path.resolve(__dirname, '..');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timed<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, Math.round((performance.now() - t0) * 10) / 10];
}

/** Runs bench/measure.ts in a fresh process (its own peak RSS). */
function measureInChild(mode: 'read' | 'exceljs' | 'baseline', file?: string): { ms: number; peakRssMb: number; sheets: number; rows: number } {
  const r = spawnSync(process.execPath, [TSX_CLI, path.join(__dirname, 'measure.ts'), mode, ...(file ? [file] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`measure ${mode} ${file ?? ''} failed: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const fixturesSuite: Suite = {
  name: 'fixtures',
  async run({ log }) {
    const dir = path.join(ROOT, 'fixtures/workbooks');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort() : [];
    const out: Measurement[] = [];
    for (const f of files) {
      const file = path.join(dir, f);
      log(`fixture ${f}`);
      const parse: number[] = [];
      const rec: number[] = [];
      let sheets = 0;
      for (let i = 0; i < 3; i++) {
        const [wb, pms] = await timed(() => readWorkbookFile(file));
        const [, rms] = await timed(() => recognise(wb));
        parse.push(pms);
        rec.push(rms);
        sheets = wb.sheets.length;
      }
      out.push({ id: `fixture:${f}`, title: f, sheets, parseMs: median(parse), recogniseMs: median(rec) });
    }
    return out;
  },
};

const largeSuite: Suite = {
  name: 'large',
  async run({ reference, log }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-check-bench-'));
    const out: Measurement[] = [];
    try {
      const base = measureInChild('baseline');
      out.push({ id: 'baseline', title: 'tsx process, modules loaded, no work', peakRssMb: base.peakRssMb });
      const cases: [string, string, (p: string) => Promise<void>][] = [
        [`rows-${LARGE_ROWS}`, `1 sheet × ${LARGE_ROWS.toLocaleString('en')} rows × 8 cols`, writeLargeRowsWorkbook],
        [`sheets-${MANY_SHEETS}`, `${MANY_SHEETS} sheets × 40 rows × 6 cols`, writeManySheetsWorkbook],
      ];
      for (const [id, title, write] of cases) {
        const file = path.join(dir, `${id}.xlsx`);
        log(`generating ${title}`);
        await write(file);
        const sizeMb = Math.round((fs.statSync(file).size / 1048576) * 10) / 10;
        log(`reading ${title}`);
        const ours = measureInChild('read', file);
        out.push({ id: `read:${id}`, title: `${title} (${sizeMb} MB)`, sheets: ours.sheets, rows: ours.rows, parseMs: ours.ms, peakRssMb: ours.peakRssMb });
        if (reference) {
          log(`reading ${title} with ExcelJS`);
          const ref = measureInChild('exceljs', file);
          out.push({ id: `exceljs:${id}`, title: `${title}, ExcelJS Workbook.xlsx.readFile (reference)`, sheets: ref.sheets, rows: ref.rows, parseMs: ref.ms, peakRssMb: ref.peakRssMb });
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};

export const SUITES: Suite[] = [fixturesSuite, largeSuite, excelSuite(ROOT), engineSuite, scaleSuite, batchSuite, bundlesSuite, ratiosSuite, memorySuite];

function table(ms: Measurement[]): string {
  const cols: [string, string][] = [
    ['title', '测量 measurement'],
    ['sheets', '工作表 sheets'],
    ['rows', '行 rows'],
    ['parseMs', '解析 parse ms'],
    ['recogniseMs', '识别 recognise ms'],
    ['peakRssMb', '峰值内存 peak RSS MB'],
  ];
  // extra metrics that suites add later show up as further columns
  for (const m of ms) for (const k of Object.keys(m)) if (k !== 'id' && !cols.some(([c]) => c === k)) cols.push([k, k]);
  const cell = (m: Measurement, k: string) => (m[k] === undefined || m[k] === null ? '' : String(m[k]));
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const pad = (s: string, w: number, right: boolean) => (right ? ' '.repeat(w - width(s)) + s : s + ' '.repeat(w - width(s)));
  const widths = cols.map(([k, h]) => Math.max(width(h), ...ms.map((m) => width(cell(m, k)))));
  const line = (vals: string[]) => vals.map((v, i) => pad(v, widths[i], i > 0)).join('  ');
  return [line(cols.map(([, h]) => h)), widths.map((w) => '-'.repeat(w)).join('  '), ...ms.map((m) => line(cols.map(([k]) => cell(m, k))))].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const opts: Options = {
    reference: !args.includes('--no-reference'),
    log: (line) => {
      if (!json) process.stderr.write(`… ${line}\n`);
    },
  };
  const only = args.flatMap((a, i) => (a === '--suite' && args[i + 1] ? [args[i + 1]] : []));
  const suites = only.length ? SUITES.filter((s) => only.includes(s.name)) : SUITES;
  const measurements: Measurement[] = [];
  const summary: Record<string, SummaryValue> = {};
  const goals: string[] = [];
  for (const suite of suites) {
    const ms = await suite.run(opts);
    measurements.push(...ms);
    Object.assign(summary, suite.summary?.(ms));
    goals.push(...(suite.goals?.(ms) ?? []));
  }
  if (json) {
    const doc = { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, ...summary, measurements };
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  } else {
    process.stdout.write(table(measurements) + '\n');
    for (const [k, v] of Object.entries(summary)) process.stdout.write(`${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}\n`);
    if (goals.length) process.stdout.write(`\n目标 goals:\n${goals.map((g) => `  ${g}`).join('\n')}\n`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.message : e}\n`);
    process.exitCode = 1;
  });
}

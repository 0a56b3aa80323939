/**
 * budget-check batch <folder> [--out <report.html>] [--jobs N] [--json] [--units <名单>] [--previous <report.json>]
 *                              [--notices <dir>] [--config <budget-check.config.json>]   (docs/cli.md)
 *
 * Every workbook under the folder (recursively; Office's "~$" lock files skipped) is read and checked in a pool of
 * worker threads (default: one per CPU), each with the same engine as `check`. A sub-folder that holds a Word
 * document named as a 说明 (情况说明.docx) is one disclosure: its workbooks (tables, target sheets) and the document are checked
 * together. Workers are started once and fed continuously (two jobs in hand each, so none waits for the next
 * file); rows stream back as they finish. Written:
 *   <report.html>            the summary, one row per disclosure, sortable and filterable (default <folder>/report.html)
 *   <report>_files/NNN.html  each one's own page, findings grouped by table
 *   <report>.json            the summary as JSON, beside the HTML, named after it (`--json` also prints it on stdout)
 *   <notices>/NNN-部门.docx   --notices: a correction notice per department
 * Output: on a terminal a progress bar on stderr and the summary on stdout; off a terminal each disclosure is listed
 * once, as it finishes — on stdout in text mode (stderr stays empty), on stderr with --json (stdout is the JSON).
 * Exit status: 0 no workbook with an error-severity finding; 1 some, or a file that cannot be read (无法读取,
 * listed in the report, the batch goes on); 2 wrong arguments, folder missing, nothing to check, report not
 * writable, a wrong configuration, list or earlier report (one Chinese line on stderr).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { Worker } from 'worker_threads';
import { UsageError, type Command } from './args';
import { COMPARISON_SLOT, comparisonHtml, failedRow, localTime, summaryJson, summaryPage, totalsOf, workbookPage, type BatchJob, type BatchRow, type BatchSummary } from './batch-report';
import { INPUT_FILE_RE } from './open-input';
import type { WorkerReply } from './batch-worker';
import { TABLE_IDS } from '../tables/types';
import { TABLE_ORDINALS } from '../tables/identify';
import { configLine, describeConfig, type EngineConfig } from '../engine';
import { loadConfig } from './config-file';
import { compareFindings, previousRowOf, readPrevious, type PreviousReport, type PreviousRow } from './batch/compare';
import { matchUnits, readUnits } from './batch/units';
import { writeFileAtomic } from './safe-write';
import { terminalSafe } from '../format/safe-text';

export interface BatchIo {
  out(text: string): void;
  /** One line on stderr. */
  err(line: string): void;
  /** stderr is a terminal: draw a progress bar with errRaw instead of printing counted lines. */
  errTTY?: boolean;
  errRaw?(text: string): void;
  /** Terminal width for the bar. */
  columns?: number;
}

export type BatchCommand = Extract<Command, { cmd: 'batch' }>;

/** A workbook whose check did not finish within this time is listed as 无法校验 and its worker replaced. */
const FILE_TIMEOUT_MS = Number(process.env.BUDGET_CHECK_FILE_TIMEOUT_MS) || 300_000;

export function defaultJobs(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, n || 1);
}

/** Every workbook (.xlsx, .xlsm, .xls, .et, .ods) under `root`, sorted, as paths relative to it with '/' separators. Lock files (~$…) skipped. */
export function findWorkbooks(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable sub-folder: nothing to check there
    }
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        // a linked file is checked; linked folders are not followed (no loops)
        try {
          isFile = fs.statSync(abs).isFile();
        } catch {
          isFile = false;
        }
        isDir = false;
      }
      if (isDir) walk(abs, r);
      else if (isFile && INPUT_FILE_RE.test(e.name) && !e.name.startsWith('~$')) found.push(r);
    }
  };
  walk(root, '');
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const NARRATIVE_DOCX_RE = /说明.*\.docx$/i;

/** What one row of the batch checks: a workbook, or a folder holding a 情况说明.docx and its workbooks. */
export interface Disclosure {
  /** The workbook, or the folder, relative to the batch folder with '/' separators. */
  rel: string;
  /** Its workbooks (one for a plain workbook). */
  parts: string[];
  /** The 情况说明.docx of a folder disclosure. */
  narrative?: string;
}

/**
 * The disclosures under `root`: every workbook on its own, except in a sub-folder that directly holds a .docx whose
 * name has 说明 in it (情况说明.docx) —
 * its workbooks and that document (the one named 情况说明 when there are several) are one disclosure. Folders
 * below it are walked as usual.
 */
export function findDisclosures(root: string): Disclosure[] {
  const files = findWorkbooks(root);
  const docxByDir = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // only a document named as a 情况说明 (情况说明.docx, 部门预算说明.docx …): a folder of several departments'
    // workbooks with some other document in it (a 通知.docx) stays a folder of workbooks
    const docs = entries.filter((e) => e.isFile() && NARRATIVE_DOCX_RE.test(e.name) && !e.name.startsWith('~$')).map((e) => e.name).sort();
    if (rel && docs.length) docxByDir.set(rel, docs.find((n) => /情况说明/.test(n)) ?? docs[0]);
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name), rel ? `${rel}/${e.name}` : e.name);
  };
  walk(root, '');
  const out: Disclosure[] = [];
  const grouped = new Map<string, Disclosure>();
  for (const f of files) {
    const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    const doc = docxByDir.get(dir);
    if (!doc) {
      out.push({ rel: f, parts: [f] });
      continue;
    }
    let d = grouped.get(dir);
    if (!d) {
      d = { rel: dir, parts: [], narrative: `${dir}/${doc}` };
      grouped.set(dir, d);
      out.push(d);
    }
    d.parts.push(f);
  }
  return out;
}

/** The staging folder of a run: `<report>_files/.partial-<pid>`. */
const STAGING_PREFIX = '.partial-';

/** Staging folders of earlier runs that were interrupted (their process is gone). */
function removeStaleStaging(filesDir: string): void {
  for (const f of fs.readdirSync(filesDir)) {
    if (!f.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(f.slice(STAGING_PREFIX.length));
    let alive = false;
    try {
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
        process.kill(pid, 0);
        alive = true;
      }
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) fs.rmSync(path.join(filesDir, f), { recursive: true, force: true });
  }
}

function pageName(i: number, total: number): string {
  return `${String(i + 1).padStart(Math.max(3, String(total).length), '0')}.html`;
}

/** Runs the batch and returns the exit status. Throws UsageError for exit-2 situations. */
export async function runBatch(cmd: BatchCommand, io: BatchIo): Promise<number> {
  const folder = cmd.folder;
  let st: fs.Stats;
  try {
    st = fs.statSync(folder);
  } catch {
    throw new UsageError(`无法读取文件夹：找不到文件夹 ${folder}`);
  }
  if (!st.isDirectory()) throw new UsageError(`无法读取文件夹：${folder} 不是文件夹（批量校验需要一个文件夹；单个文件请用 budget-check check）`);
  const root = path.resolve(folder);
  const units = findDisclosures(root);
  if (units.length === 0) throw new UsageError(`没有可校验的文件：文件夹 ${folder} 中没有 .xlsx、.xls、.et 或 .ods 文件`);

  const out = path.resolve(cmd.out ?? path.join(folder, 'report.html'));
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new UsageError(`参数错误：--out ${cmd.out} 是一个文件夹，请指定汇总报告的文件名（如 report.html）`);
  if (/\.xlsx$/i.test(out)) throw new UsageError(`参数错误：--out 是 HTML 汇总报告的文件名（如 report.html），不能是 .xlsx`);
  // Everything that can be wrong with the options is said before any work: one line, exit 2.
  const config = loadConfig(cmd.config, root);
  const previous = cmd.previous !== undefined ? readPrevious(cmd.previous) : undefined;
  const unitList = cmd.units !== undefined ? await readUnits(cmd.units) : undefined;
  const outDir = path.dirname(out);
  const stemName = path.basename(out).replace(/\.html?$/i, '');
  const filesDirName = `${stemName}_files`;
  const filesDir = path.join(outDir, filesDirName);
  // named after --out, so that batches writing different reports into one folder do not share one JSON
  const jsonPath = path.join(outDir, `${stemName}.json`);
  // The pages of this run go to a staging folder and replace the previous run's only once every workbook is
  // checked: a run interrupted before then leaves the previous report.html, report.json and pages whole.
  const staging = path.join(filesDir, `${STAGING_PREFIX}${process.pid}`);
  try {
    fs.mkdirSync(filesDir, { recursive: true });
    removeStaleStaging(filesDir);
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging);
  } catch (e) {
    throw new UsageError(`无法写出报告：不能创建文件夹 ${filesDir}（${(e as NodeJS.ErrnoException).code ?? '未知原因'}）`);
  }

  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  const finalPages: string[] = [];
  const jobs: BatchJob[] = units.map((u, index) => {
    const page = path.join(filesDir, pageName(index, units.length));
    finalPages.push(page);
    return {
      index,
      file: abs(u.rel),
      rel: u.rel,
      page: path.join(staging, path.basename(page)),
      pageHref: path.relative(outDir, page).split(path.sep).join('/'),
      summaryHref: path.relative(path.dirname(page), out).split(path.sep).join('/'),
      ...(u.narrative ? { parts: u.parts.map((p) => ({ file: abs(p), rel: p })), narrative: { file: abs(u.narrative), rel: u.narrative } } : {}),
    };
  });
  const n = Math.min(cmd.jobs ?? defaultJobs(), jobs.length);
  const progress = new Progress(jobs.length, io, !cmd.json, `预算公开批量校验：${folder}（${jobs.length} 份，${n} 个并行）`);
  const restoreTierUp = raiseTierUpBudget();
  const pool = runPool(jobs, n, config, (row: BatchRow) => progress.done(row));
  // once every worker has exited (after its code cache is written, with the flags it was started with)
  void pool.exited.then(restoreTierUp);
  const rows = await pool.rows;
  progress.end();
  // the rows' findings as report.json text (row index → text); objects again only for what reads them
  const findingsText = pool.findings;
  if (previous || cmd.notices !== undefined) {
    for (const [i, text] of findingsText) rows[i].findings = JSON.parse(text) as BatchRow['findings'];
    findingsText.clear();
  }

  const when = localTime(new Date());
  const summary: BatchSummary = {
    folder,
    report: cmd.out ?? path.join(folder, 'report.html'),
    generatedAt: when.iso,
    generatedAtText: when.text,
    round: previous ? previous.round + 1 : 1,
    config: { ...describeConfig(config), text: configLine(config) },
    totals: totalsOf(rows),
    workbooks: rows,
  };
  if (previous) {
    compareWithPrevious(summary, previous);
    for (const [i, r] of rows.entries()) fillComparison(jobs[i].page, comparisonHtml(r));
  }
  if (unitList && cmd.units !== undefined) {
    const m = matchUnits(
      unitList,
      rows.map((r, index) => ({ index, names: [r.departmentFound ? r.department : '', path.basename(r.file).replace(INPUT_FILE_RE, '')] })),
    );
    for (const r of rows) r.unit = null;
    for (const u of m.units) if (u.index !== null) rows[u.index].unit = u.name;
    summary.units = {
      file: cmd.units,
      expected: unitList.length,
      submitted: unitList.length - m.missing.length,
      missing: m.missing,
      unexpected: m.unexpected.map((i) => ({ department: rows[i].department, file: rows[i].file })),
    };
  }
  if (cmd.notices !== undefined) {
    const dir = path.resolve(cmd.notices);
    // the Word writer (docx) only for --notices
    const { writeNotices } = require('./batch/notices') as typeof import('./batch/notices');
    const written = await writeNotices(dir, summary);
    summary.notices = { folder: cmd.notices, files: written.map((f) => path.relative(dir, f).split(path.sep).join('/')) };
  }
  // The pages move from the staging folder to their places on libuv's threads while this thread makes the JSON
  // and the summary page (the batch's serial tail); each page, then report.json, then the summary replaces its
  // predecessor by a rename, so at every moment each link of the summary on disk leads to a page.
  const moved = Promise.all(
    jobs.map((job) =>
      fs.promises.rename(job.page, finalPages[job.index]).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e; // a page its worker could not write: the summary still lists the file
      }),
    ),
  );
  moved.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const json = summaryJson(summary, findingsText);
  const page = summaryPage(summary);
  try {
    await moved;
    await writeFileAtomic(jsonPath, json);
    await writeFileAtomic(out, page);
    // pages only the previous run had go last
    const current = new Set(finalPages.map((p) => path.basename(p)));
    for (const f of fs.readdirSync(filesDir)) if (/^\d+\.html$/.test(f) && !current.has(f)) fs.rmSync(path.join(filesDir, f), { force: true });
    fs.rmSync(staging, { recursive: true, force: true });
  } catch (e) {
    throw new UsageError(`无法写出报告：${out}（${(e as NodeJS.ErrnoException).code ?? '未知原因'}）`);
  }
  if (cmd.json) {
    io.out(json);
    io.err(`已写出汇总报告：${summary.report}（同目录下另有 ${path.basename(jsonPath)} 与各份的报告 ${filesDirName}/）`);
  } else io.out(textSummary(summary, n, progress.listed, path.basename(jsonPath), filesDirName));
  await pool.exited; // the default budget is back (above) when the batch returns
  const t = summary.totals;
  return t.withErrors > 0 || t.unreadable > 0 ? 1 : 0;
}

/** Puts a row's comparison into its page (written by the worker, which did not have it). */
function fillComparison(page: string, section: string): void {
  try {
    const text = fs.readFileSync(page, 'utf8');
    if (text.includes(COMPARISON_SLOT)) fs.writeFileSync(page, text.replace(COMPARISON_SLOT, section));
  } catch {
    // the summary still has the comparison
  }
}

/** Fills workbooks[].comparison and summary.previous from the earlier round. */
function compareWithPrevious(summary: BatchSummary, previous: PreviousReport): void {
  const used = new Set<PreviousRow>();
  for (const r of summary.workbooks) {
    if (r.status !== 'ok') {
      r.comparison = null;
      continue;
    }
    const before = previousRowOf(previous, r, used);
    if (!before || before.status !== 'ok') {
      r.comparison = null;
      continue;
    }
    used.add(before);
    r.comparison = compareFindings(before.findings ?? [], r.findings, before.file);
  }
  summary.previous = {
    file: previous.file,
    round: previous.round,
    departmentsGone: previous.workbooks
      .filter((w) => !used.has(w) && !summary.workbooks.some((r) => r.file === w.file))
      .map((w) => ({ department: w.department, file: w.file })),
  };
}

function rowLine(r: BatchRow): string {
  if (r.status !== 'ok') {
    const reason = r.reason ?? '';
    return /^无法/.test(reason) ? reason : `${r.status === 'unreadable' ? '无法读取' : '无法校验'}：${reason}`;
  }
  const missing = r.tablesMissing.length === 0 ? '' : r.tablesMissing.length === TABLE_IDS.length ? '，13 张表均未找到' : `，缺少${r.tablesMissing.map((id) => TABLE_ORDINALS[id]).join('、')}`;
  return `错误 ${r.errors} 条，提示 ${r.warnings} 条${missing}，绩效目标表 ${r.targetSheets} 张`;
}

function tagOf(r: BatchRow): string {
  return r.status === 'unreadable' ? '无法读取' : r.status === 'failed' ? '无法校验' : r.errors > 0 ? '有错误' : '通过';
}

/** A disclosure's line: "[有错误] 高平市民政局（000.xlsx）：错误 2 条…" (无法识别 names the file instead). */
export function listLine(r: BatchRow): string {
  return `[${tagOf(r)}] ${r.department}（${r.file}）：${rowLine(r)}`;
}

function textSummary(s: BatchSummary, jobs: number, listed: boolean, jsonName: string, filesDirName: string): string {
  const lines: string[] = [];
  // off a terminal the rows were already listed one by one as they finished: not again
  if (!listed) {
    lines.push(`预算公开批量校验：${s.folder}（${s.totals.workbooks} 份，${jobs} 个并行）`);
    for (const r of s.workbooks) lines.push(`  ${listLine(r)}`);
    lines.push('');
  }
  const t = s.totals;
  lines.push(
    `结果：共 ${t.workbooks} 份，通过 ${t.passed} 份，有错误 ${t.withErrors} 份，无法读取 ${t.unreadable} 份；错误 ${t.errors} 条，提示 ${t.warnings} 条，信息 ${t.infos} 条。`,
  );
  if (s.previous) {
    const c = s.workbooks.reduce((a, r) => (r.comparison ? { f: a.f + r.comparison.fixed, n: a.n + r.comparison.new, m: a.m + r.comparison.remaining } : a), { f: 0, n: 0, m: 0 });
    lines.push(`与第${s.previous.round}轮比较：已改正 ${c.f} 条，新增 ${c.n} 条，仍存在 ${c.m} 条。`);
  }
  if (s.units) lines.push(`报送：名单 ${s.units.expected} 个部门，未报送 ${s.units.missing.length} 个${s.units.missing.length ? `（${s.units.missing.join('、')}）` : ''}；不在名单中的 ${s.units.unexpected.length} 份。`);
  if (s.notices) lines.push(`整改通知：${s.notices.files.length} 份，写在 ${s.notices.folder}`);
  lines.push(s.config.text);
  lines.push(`汇总报告：${s.report}（另有 ${jsonName} 与各份的报告 ${filesDirName}/）`);
  return lines.map(terminalSafe).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------------
// Progress

/**
 * On a terminal (stderr), a bar redrawn in place and cleared at the end. Off a terminal each disclosure is listed
 * once as it finishes: on stdout in text mode (the summary then does not list them again), on stderr with --json.
 */
class Progress {
  private count = 0;
  private readonly started = Date.now();
  private drawn = false;
  /** The rows went to stdout one by one. */
  readonly listed: boolean;
  constructor(
    private readonly total: number,
    private readonly io: BatchIo,
    textMode: boolean,
    header?: string,
  ) {
    this.listed = !this.bar && textMode;
    if (this.bar) this.draw('');
    else if (this.listed && header) this.io.out(`${terminalSafe(header)}\n`);
  }
  private get bar(): boolean {
    return !!this.io.errTTY && !!this.io.errRaw;
  }
  done(r: BatchRow): void {
    this.count++;
    // file names and departments come from the folder and the cells: no control character reaches the terminal
    if (this.bar) this.draw(terminalSafe(r.file));
    else if (this.listed) this.io.out(`${terminalSafe(`[${this.count}/${this.total}] ${listLine(r)}`)}\n`);
    else this.io.err(terminalSafe(`[${this.count}/${this.total}] ${listLine(r)}`));
  }
  private draw(last: string): void {
    const cols = Math.max(40, this.io.columns ?? 80);
    const pct = Math.floor((this.count / this.total) * 100);
    const secs = (Date.now() - this.started) / 1000;
    const head = `校验中 `;
    const tail = ` ${this.count}/${this.total} ${String(pct).padStart(3)}% ${secs.toFixed(0)}s ${terminalSafe(last)}`;
    const width = Math.max(10, Math.min(30, cols - 60));
    const filled = Math.round((this.count / this.total) * width);
    let line = `${head}[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]${tail}`;
    // CJK characters take two columns: keep the line shorter than the terminal so it never wraps
    let w = 0;
    let cut = line.length;
    for (let i = 0; i < line.length; i++) {
      w += /[\u1100-\uffff]/.test(line[i]) ? 2 : 1;
      if (w > cols - 1) {
        cut = i;
        break;
      }
    }
    line = line.slice(0, cut);
    this.io.errRaw!(`\r\x1b[K${line}`);
    this.drawn = true;
  }
  end(): void {
    if (this.bar && this.drawn) this.io.errRaw!('\r\x1b[K');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Worker pool

/**
 * The worker's entry: the prebuilt build/cli/batch-worker.js (scripts/build-cli.js) whenever it is there and
 * current (scripts/cli-stamp.js: none of the files it was made from changed since) — also when the CLI itself runs
 * from source — else the TypeScript source through tsx.
 */
export function workerEntry(): { entry: string; tsx: string | null; loader: string | null } {
  const fromSource = path.extname(__filename) === '.ts';
  const root = path.resolve(__dirname, '..', '..');
  const built = path.join(root, 'build', 'cli', 'batch-worker.js');
  // the build is loaded through V8's code cache (scripts/code-cache.js) when that script is there
  const codeCache = path.join(root, 'scripts', 'code-cache.js');
  const loader = fs.existsSync(codeCache) ? codeCache : null;
  if (!fromSource) return { entry: path.join(__dirname, 'batch-worker.js'), tsx: null, loader };
  const { buildState } = require(path.join(root, 'scripts', 'cli-stamp.js')) as { buildState(root: string): true | string };
  if (buildState(root) === true) return { entry: built, tsx: null, loader };
  return { entry: path.join(__dirname, 'batch-worker.ts'), tsx: require.resolve('tsx/cjs/api'), loader: null };
}

/** The message that tells a worker there is no more work: it writes its code cache and ends (batch-worker.ts). */
export const STOP = { stop: true } as const;

/**
 * Young generation of one worker: a check allocates tens of MB of short-lived objects (cells, labels, Decimals);
 * with V8's default the worker spent ~14% of its time in scavenges, with 64 MB ~9% (CPU profiles of 240 workbooks).
 */
const WORKER_YOUNG_MB = 64;

/** Heap limit of one worker: a file that needs more (a zip bomb the reader's bounds did not catch) costs only its worker. */
const workerHeapMb = () => Number(process.env.BUDGET_CHECK_WORKER_HEAP_MB) || 4096;

function startWorker(configFile: string | undefined): { w: Worker; cached: boolean } {
  const { entry, tsx, loader } = workerEntry();
  // With the code cache, STOP (after the last job) writes it — the compiled code of a whole run — then ends the thread.
  const boot = `const { workerData, parentPort } = require('worker_threads');
if (workerData.tsx) require(workerData.tsx).register();
if (workerData.loader) {
  const { save } = require(workerData.loader).loadCached(workerData.entry);
  parentPort.on('message', (m) => { if (m && m.stop) { save('worker'); process.exit(0); } });
} else require(workerData.entry);`;
  const w = new Worker(boot, {
    eval: true,
    workerData: { entry, tsx, loader, configFile: configFile ?? null },
    stdout: false,
    stderr: false,
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb(), maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  return { w, cached: loader !== null };
}

const retired = new WeakSet<Worker>();

/**
 * A worker with nothing more to do: told to STOP (it writes its code cache when it has none and ends), ended anyway
 * after five seconds; a worker without the code cache is ended at once.
 */
function retire(w: Worker, cached: boolean): void {
  if (retired.has(w)) return;
  retired.add(w);
  if (!cached) {
    void w.terminate();
    return;
  }
  w.postMessage(STOP);
  // the process waits for the worker's exit (it saves its cache while this thread writes the summary), never long
  setTimeout(() => void w.terminate(), 5000).unref();
}

/** The Chinese reason for a worker that failed while checking `rel`. */
export function crashReason(rel: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY')
    return `无法完成校验：校验 ${rel} 时内存超过上限（${workerHeapMb()} MB），文件解压后过大，可能是异常文件（如压缩炸弹），已跳过`;
  if (e === undefined) return `无法完成校验：校验 ${rel} 的线程意外退出，已跳过；请将文件反馈给开发者`;
  const detail = String((e as Error)?.message ?? e).split('\n')[0];
  return `无法完成校验：校验 ${rel} 时程序出错，已跳过；请将文件和这条信息反馈给开发者（技术信息：${code ?? detail}）`;
}

/** Jobs a worker holds at once: the one it checks and the next, so it never waits for the main thread. */
const IN_HAND = 2;

/**
 * V8's budget for optimising a function during a batch (--interrupt-budget: bytecode run between two of its
 * profiler's ticks; a function is optimised after a few ticks), four times V8 11's default (Node 20).
 * Every worker isolate optimises the engine on its own, with TurboFan on V8's background threads: with the default, one job of
 * 240 workbooks spent ~3.5 CPU-s on those threads beside ~4.2 on the worker (per-thread CPU, docs/batch.md),
 * mostly compiling functions that run a few times per workbook, so one job already kept both cores busy and a
 * second had little left to use. With four times the budget the hot functions are still optimised within the first
 * workbooks and the lukewarm ones stay in baseline code (~2 CPU-s on those threads). Only for the V8 it was
 * measured on (another V8 has another default and tiers up otherwise), and not when the budget was given on the command line.
 */
export const BATCH_INTERRUPT_BUDGET = { v8Major: 11, defaultBudget: 67_584, factor: 4 } as const;

let tierUpRaised = 0;

/**
 * Raises V8's interrupt budget (a process-wide flag) while a batch starts and runs its workers; the function it
 * returns restores the default — V8 checks the flags of a code cache, and `check`'s (build/cli/.cache) was
 * written with the default. Nested batches (tests) restore it when the last ends.
 */
export function raiseTierUpBudget(): () => void {
  const b = BATCH_INTERRUPT_BUDGET;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => /^--interrupt[-_]budget\b/.test(a));
  if (given || Number(process.versions.v8.split('.')[0]) !== b.v8Major) return () => undefined;
  if (tierUpRaised++ === 0) v8.setFlagsFromString(`--interrupt-budget=${b.defaultBudget * b.factor}`);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--tierUpRaised === 0) v8.setFlagsFromString(`--interrupt-budget=${b.defaultBudget}`);
  };
}

/**
 * Checks every job on `n` workers started once; rows stream to onRow as they finish. A worker that dies or hangs
 * costs its current file only. `findings` has the findings of the rows the workers sent (their text, see summaryJson);
 * `exited` settles when the rows are in and every worker started has exited.
 */
function runPool(
  jobs: BatchJob[],
  n: number,
  config: EngineConfig | undefined,
  onRow: (row: BatchRow) => void,
): { rows: Promise<BatchRow[]>; findings: Map<number, string>; exited: Promise<void> } {
  let started = 0;
  let ended = 0;
  let allIn = false;
  let allExited: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => (allExited = resolve));
  const settle = () => {
    if (allIn && ended === started) allExited();
  };
  /** Row index → its findings as report.json text (findingsJson), for the rows a worker checked; their `findings` are empty. */
  const findings = new Map<number, string>();
  const done = new Promise<BatchRow[]>((resolve) => {
    const rows: BatchRow[] = new Array(jobs.length);
    const queue = [...jobs];
    let finished = 0;
    /** Each live worker, and whether it loaded the build through the code cache (see retire). */
    const live = new Map<Worker, boolean>();

    const record = (job: BatchJob, row: BatchRow) => {
      if (rows[job.index]) return;
      rows[job.index] = row;
      finished++;
      onRow(row);
      if (finished === jobs.length) {
        for (const [w, cached] of live) retire(w, cached);
        live.clear();
        resolve(rows);
        allIn = true;
        settle();
      }
    };
    const recordFailed = (job: BatchJob, reason: string) => {
      const row = failedRow(job, reason);
      try {
        fs.writeFileSync(job.page, workbookPage(row, undefined, job.summaryHref));
      } catch {
        // the summary still lists the file
      }
      record(job, row);
    };

    const spawn = () => {
      const { w, cached } = startWorker(config?.source);
      started++;
      w.once('exit', () => {
        ended++;
        settle();
      });
      live.set(w, cached);
      /** Posted to this worker, in order: the first is the one being checked. */
      const hand: BatchJob[] = [];
      let timer: NodeJS.Timeout | undefined;
      let dead = false;
      const arm = () => {
        clearTimeout(timer);
        const job = hand[0];
        if (!job) return;
        timer = setTimeout(() => {
          if (hand[0] !== job) return;
          die(undefined, `无法完成校验：${job.rel} 在 ${Math.round(FILE_TIMEOUT_MS / 1000)} 秒内未完成校验，已跳过`);
        }, FILE_TIMEOUT_MS);
      };
      const feed = () => {
        while (!dead && hand.length < IN_HAND && queue.length) {
          const job = queue.shift()!;
          hand.push(job);
          w.postMessage(job);
          if (hand.length === 1) arm();
        }
        if (!dead && hand.length === 0 && queue.length === 0) {
          dead = true;
          live.delete(w);
          retire(w, cached);
        }
      };
      /** The worker is gone: its current job failed with `reason`, the others go back to the queue. */
      const die = (e: unknown, reason?: string) => {
        if (dead) return;
        dead = true;
        clearTimeout(timer);
        live.delete(w);
        void w.terminate();
        const [current, ...rest] = hand.splice(0);
        queue.unshift(...rest);
        if (current) recordFailed(current, reason ?? crashReason(current.rel, e));
        if (finished < jobs.length && queue.length && live.size < n) spawn();
      };
      w.on('message', (m: WorkerReply) => {
        const job = jobs[m.index];
        const at = hand.indexOf(job);
        if (at >= 0) hand.splice(at, 1);
        if ('row' in m) {
          if (!rows[job.index]) findings.set(job.index, m.findings);
          record(job, m.row);
        } else recordFailed(job, `无法写出 ${job.rel} 的报告（${m.error.split('\n')[0]}）`);
        arm();
        feed();
      });
      w.on('error', (e) => die(e));
      w.on('exit', () => die(undefined));
      feed();
    };
    for (let i = 0; i < n; i++) spawn();
  });
  return { rows: done, findings, exited };
}

/**
 * budget-check batch <folder> [--out <report.html>] [--jobs N] [--json]   (shared/spec/cli.md)
 *
 * Every .xlsx under the folder (recursively; Office's "~$" lock files skipped) is read and checked in a pool of
 * worker threads (default: one per CPU), each with the same engine as `check`. Written:
 *   <report.html>            the summary, one row per workbook (default <folder>/report.html)
 *   <report>_files/NNN.html  each workbook's own report, findings grouped by table
 *   report.json              the summary as JSON, beside the HTML (`--json` also prints it on stdout)
 * Progress goes to stderr: a bar on a terminal, one counted line per workbook otherwise.
 * Exit status: 0 no workbook with an error-severity finding; 1 some, or a file that cannot be read (无法读取,
 * listed in the report, the batch goes on); 2 wrong arguments, folder missing, nothing to check, report not
 * writable (one Chinese line on stderr).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { UsageError, type Command } from './args';
import { INPUT_FILE_RE } from './open-input';
import { summaryPage, totalsOf, workbookPage, type BatchJob, type BatchRow, type BatchSummary } from './batch-report';
import type { WorkerReply } from './batch-worker';
import { TABLE_IDS } from '../tables/types';
import { TABLE_ORDINALS } from '../tables/identify';

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
  const rels = findWorkbooks(root);
  if (rels.length === 0) throw new UsageError(`没有可校验的文件：文件夹 ${folder} 中没有 .xlsx、.xls、.et 或 .ods 文件`);

  const out = path.resolve(cmd.out ?? path.join(folder, 'report.html'));
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new UsageError(`参数错误：--out ${cmd.out} 是一个文件夹，请指定汇总报告的文件名（如 report.html）`);
  if (/\.xlsx$/i.test(out)) throw new UsageError(`参数错误：--out 是 HTML 汇总报告的文件名（如 report.html），不能是 .xlsx`);
  const outDir = path.dirname(out);
  const filesDirName = `${path.basename(out).replace(/\.html?$/i, '')}_files`;
  const filesDir = path.join(outDir, filesDirName);
  const jsonPath = path.join(outDir, 'report.json');
  try {
    fs.mkdirSync(filesDir, { recursive: true });
    // pages of an earlier run over a bigger folder would otherwise linger
    for (const f of fs.readdirSync(filesDir)) if (/^\d+\.html$/.test(f)) fs.rmSync(path.join(filesDir, f), { force: true });
  } catch (e) {
    throw new UsageError(`无法写出报告：不能创建文件夹 ${filesDir}（${(e as NodeJS.ErrnoException).code ?? '未知原因'}）`);
  }

  const jobs: BatchJob[] = rels.map((rel, index) => {
    const page = path.join(filesDir, pageName(index, rels.length));
    return {
      index,
      file: path.join(root, ...rel.split('/')),
      rel,
      page,
      pageHref: path.relative(outDir, page).split(path.sep).join('/'),
      summaryHref: path.relative(path.dirname(page), out).split(path.sep).join('/'),
    };
  });
  const n = Math.min(cmd.jobs ?? defaultJobs(), jobs.length);
  const progress = new Progress(jobs.length, io);
  const rows = await runPool(jobs, n, (row) => progress.done(row));
  progress.end();

  const summary: BatchSummary = {
    folder,
    report: cmd.out ?? path.join(folder, 'report.html'),
    generatedAt: new Date().toISOString(),
    totals: totalsOf(rows),
    workbooks: rows,
  };
  const json = JSON.stringify(summary, null, 2) + '\n';
  try {
    fs.writeFileSync(out, summaryPage(summary));
    fs.writeFileSync(jsonPath, json);
  } catch (e) {
    throw new UsageError(`无法写出报告：${out}（${(e as NodeJS.ErrnoException).code ?? '未知原因'}）`);
  }
  if (cmd.json) io.out(json);
  else io.out(textSummary(summary, n));
  const t = summary.totals;
  io.err(`已写出汇总报告：${summary.report}（同目录下另有 report.json 与各工作簿的报告 ${filesDirName}/）`);
  return t.withErrors > 0 || t.unreadable > 0 ? 1 : 0;
}

function rowLine(r: BatchRow): string {
  if (r.status !== 'ok') {
    const reason = r.reason ?? '';
    return /^无法/.test(reason) ? reason : `${r.status === 'unreadable' ? '无法读取' : '无法校验'}：${reason}`;
  }
  const missing = r.tablesMissing.length === 0 ? '' : r.tablesMissing.length === TABLE_IDS.length ? '，13 张表均未找到' : `，缺少${r.tablesMissing.map((id) => TABLE_ORDINALS[id]).join('、')}`;
  return `错误 ${r.errors} 条，提示 ${r.warnings} 条${missing}，绩效目标表 ${r.targetSheets} 张`;
}

function textSummary(s: BatchSummary, jobs: number): string {
  const lines = [`预算公开批量校验：${s.folder}（${s.totals.workbooks} 个工作簿，${jobs} 个并行）`];
  for (const r of s.workbooks) {
    const tag = r.status === 'unreadable' ? '无法读取' : r.status === 'failed' ? '无法校验' : r.errors > 0 ? '有错误' : '通过';
    lines.push(`  [${tag}] ${r.department}（${r.file}）：${rowLine(r)}`);
  }
  const t = s.totals;
  lines.push(
    '',
    `结果：共 ${t.workbooks} 个工作簿，通过 ${t.passed} 个，有错误 ${t.withErrors} 个，无法读取 ${t.unreadable} 个；错误 ${t.errors} 条，提示 ${t.warnings} 条，信息 ${t.infos} 条。`,
    `汇总报告：${s.report}`,
  );
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------------
// Progress on stderr

class Progress {
  private count = 0;
  private readonly started = Date.now();
  private drawn = false;
  constructor(
    private readonly total: number,
    private readonly io: BatchIo,
  ) {
    if (this.bar) this.draw('');
  }
  private get bar(): boolean {
    return !!this.io.errTTY && !!this.io.errRaw;
  }
  done(r: BatchRow): void {
    this.count++;
    if (this.bar) this.draw(r.file);
    else this.io.err(`[${this.count}/${this.total}] ${r.file}：${rowLine(r)}`);
  }
  private draw(last: string): void {
    const cols = Math.max(40, this.io.columns ?? 80);
    const pct = Math.floor((this.count / this.total) * 100);
    const secs = (Date.now() - this.started) / 1000;
    const head = `校验中 `;
    const tail = ` ${this.count}/${this.total} ${String(pct).padStart(3)}% ${secs.toFixed(0)}s ${last}`;
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

function startWorker(): Worker {
  const ext = path.extname(__filename) === '.ts' ? '.ts' : '.js';
  const entry = path.join(__dirname, `batch-worker${ext}`);
  // From source, the worker compiles TypeScript with tsx's require hook, as bin/budget-check.js does.
  const tsx = ext === '.ts' ? require.resolve('tsx/cjs/api') : null;
  const boot = `const { workerData } = require('worker_threads');
if (workerData.tsx) require(workerData.tsx).register();
require(workerData.entry);`;
  return new Worker(boot, { eval: true, workerData: { entry, tsx }, stdout: false, stderr: false });
}

function failedRow(job: BatchJob, reason: string): BatchRow {
  return {
    file: job.rel,
    department: path.basename(job.rel).replace(INPUT_FILE_RE, ''),
    status: 'failed',
    reason,
    errors: 0,
    warnings: 0,
    infos: 0,
    tablesFound: 0,
    tablesMissing: [...TABLE_IDS],
    targetSheets: 0,
    report: job.pageHref,
  };
}

/** Checks every job on `n` workers; a worker that dies or hangs costs its current file only. */
function runPool(jobs: BatchJob[], n: number, onRow: (row: BatchRow) => void): Promise<BatchRow[]> {
  return new Promise((resolve) => {
    const rows: BatchRow[] = new Array(jobs.length);
    let next = 0;
    let finished = 0;
    const live = new Set<Worker>();

    const record = (job: BatchJob, row: BatchRow) => {
      if (rows[job.index]) return;
      rows[job.index] = row;
      finished++;
      onRow(row);
      if (finished === jobs.length) {
        for (const w of live) void w.terminate();
        resolve(rows);
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
      const w = startWorker();
      live.add(w);
      let current: BatchJob | undefined;
      let timer: NodeJS.Timeout | undefined;
      const feed = () => {
        if (next >= jobs.length) {
          current = undefined;
          live.delete(w);
          void w.terminate();
          return;
        }
        current = jobs[next++];
        const job = current;
        timer = setTimeout(() => {
          if (current !== job) return;
          current = undefined;
          recordFailed(job, `无法完成校验：${job.rel} 在 ${Math.round(FILE_TIMEOUT_MS / 1000)} 秒内未完成校验，已跳过`);
          void w.terminate();
        }, FILE_TIMEOUT_MS);
        w.postMessage(job);
      };
      w.on('message', (m: WorkerReply) => {
        clearTimeout(timer);
        const job = jobs[m.index];
        current = undefined;
        if ('row' in m) record(job, m.row);
        else recordFailed(job, `无法写出 ${job.rel} 的报告（${m.error.split('\n')[0]}）`);
        feed();
      });
      w.on('error', (e) => {
        clearTimeout(timer);
        if (current) {
          const job = current;
          current = undefined;
          recordFailed(job, `无法完成校验：程序内部错误（${String(e?.message ?? e).split('\n')[0]}），请将文件和这条信息反馈给开发者。`);
        }
      });
      w.on('exit', () => {
        clearTimeout(timer);
        const wasLive = live.delete(w);
        if (current) {
          const job = current;
          current = undefined;
          recordFailed(job, `无法完成校验：校验 ${job.rel} 的线程意外退出，请将文件反馈给开发者。`);
        }
        if (wasLive && next < jobs.length && finished < jobs.length) spawn();
        else if (next < jobs.length && live.size === 0 && finished < jobs.length) spawn();
      });
      feed();
    };
    for (let i = 0; i < n; i++) spawn();
  });
}

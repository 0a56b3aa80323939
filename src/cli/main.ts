/**
 * budget-check: the command line of 预算公开校验助手 (contract: docs/cli.md).
 * Exit status 0 = no error-severity finding, 1 = some, 2 = unreadable input or wrong arguments, with exactly one
 * line of Chinese on stderr and never a stack trace (set BUDGET_CHECK_DEBUG=1 to see one).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { WorkbookSnapshot } from '../model/snapshot';
import type { CellFix, Finding } from '../model/finding';
import type { EngineConfig } from '../engine';
import { isUnreadableWorkbookError } from '../xlsx/errors';
import { defaultCopyPath, prepareCopySource } from '../xlsx/open';
import { parseArgs, USAGE, UsageError, type Command } from './args';
import { checkOpened, openInputFile } from './open-input';
import type { PdfRead } from '../pdf/read';
import { autoFill, skippedChecks, type CheckOptions } from '../engine';
import { allRules } from '../rules';
import { toJson, toText, type RunContext } from './report';
import { loadConfig } from './config-file';
import { refuseSameFile, writeFailure, writeFileAtomic } from './safe-write';

// What only some commands or options need is required where it is used, not here: `check x.xlsx` then loads
// neither the batch pool, the narrative writer (docx), the copy writer (JSZip), the PDF annotator (pdf-lib and
// fontkit) nor the Word reader — the start-up of the command is what a clerk waits for (issue 13, cliOverheadRatio).
// `require` (not import()) so that the same lazy loads work in the esbuild bundle, under tsx's CommonJS hook
// (bin/budget-check.js without a build) and in Jest.
const lazy = {
  batch: () => require('./batch') as typeof import('./batch'),
  narrative: () => require('./narrative') as typeof import('./narrative'),
  previous: () => require('./previous') as typeof import('./previous'),
  pdfPlaces: () => require('./pdf-places') as typeof import('./pdf-places'),
  annotate: () => require('../pdf/annotate') as typeof import('../pdf/annotate'),
  pdfFont: () => require('./pdf-font') as typeof import('./pdf-font'),
  writeCopy: () => require('../xlsx/write-copy') as typeof import('../xlsx/write-copy'),
  docx: () => require('../docx/read-file') as typeof import('../docx/read-file'),
};

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;

export interface Io {
  out(text: string): void;
  err(line: string): void;
  /** batch: stderr is a terminal, so progress is drawn as a bar with errRaw (see BatchIo). */
  errTTY?: boolean;
  errRaw?(text: string): void;
  columns?: number;
}

const processIo: Io = {
  out: (text) => {
    process.stdout.write(text);
  },
  err: (line) => {
    process.stderr.write(line.replace(/\s*\n\s*/g, ' ') + '\n');
  },
  errTTY: process.stderr.isTTY === true,
  errRaw: (text) => {
    process.stderr.write(text);
  },
  get columns() {
    return process.stderr.columns;
  },
};

function version(): string {
  try {
     
    return (require('../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

async function checkCommand(cmd: Extract<Command, { cmd: 'check' }>, io: Io): Promise<number> {
  const copyTo = cmd.out !== undefined || cmd.fix ? (cmd.out ?? defaultCopyPath(cmd.file)) : undefined;
  // (a PDF's default copy name is never used: --fix on a PDF is refused below, --out always names its file)
  // Refused before anything is read: an output that is the input by any path (a link, another spelling).
  if (copyTo !== undefined) refuseSameFile(cmd.file, copyTo);
  // 审核口径: --config, else budget-check.config.json from the workbook's folder upward (a wrong one: exit 2)
  const config = loadConfig(cmd.config, path.dirname(path.resolve(cmd.file)));
  const input = await openInputFile(cmd.file);
  // A published PDF has no cells to fill: refused before any output, like a wrong argument.
  if (input.kind === 'pdf' && cmd.fix) throw new UsageError(`PDF 文件不能自动填充合计（--fix 只用于工作簿；要标出问题请用 --out <副本.pdf>）：${cmd.file}`);
  const wb = input.wb;
  const previous = cmd.previous ? await lazy.previous().previousOption(cmd) : undefined;
  const checkOptions: CheckOptions = { ...(cmd.narrative ? { narrative: await readNarrativeOption(cmd.narrative) } : {}), ...(previous ? { previous } : {}) };
  const { result, pdf } = checkOpened(input, { ...checkOptions, ...(config ? { config } : {}) });
  const run: RunContext = { config, skipped: skippedChecks(result.recognised, allRules, config, result.findings) };
  // The report first: a copy that then cannot be written leaves the findings printed.
  if (cmd.json) io.out(JSON.stringify(pdf ? lazy.pdfPlaces().withPdfPlaces(toJson(cmd.file, result, run), pdf, result.findings) : toJson(cmd.file, result, run), null, 2) + '\n');
  else io.out(toText(cmd.file, result, run));
  const code = result.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  if (copyTo !== undefined && pdf) await writePdfCopy(cmd.file, copyTo, pdf, result.findings, io);
  else if (copyTo !== undefined) await writeCopy(cmd, copyTo, wb, result.findings, io, config, checkOptions);
  return code;
}

/**
 * --out on a PDF: the original with a box and a number on each flagged figure and the findings pages appended
 * (src/pdf/annotate.ts), written like every output (safe-write: a temporary name, then renamed). A copy that
 * cannot be written is one line on stderr; the exit status stays that of the findings.
 */
async function writePdfCopy(file: string, out: string, pdf: PdfRead, findings: Finding[], io: Io): Promise<void> {
  try {
    const original = await fs.promises.readFile(file);
    const report = await lazy.annotate().annotatePdf(original, pdf, findings, await lazy.pdfFont().loadPdfFont(), path.basename(file));
    await writeFileAtomic(out, report.bytes);
    io.err(`已写出带标注的 PDF 副本：${out}（${report.findingsMarked} 条问题在原页面上标出，共 ${report.boxesDrawn} 处；附校验结果 ${report.findingsPages} 页）`);
  } catch (e) {
    if (process.env.BUDGET_CHECK_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    io.err(writeFailure(out, e));
  }
}

/** --narrative <情况说明.docx>: the Word text; a .doc or unreadable file is one Chinese line (exit 2). */
async function readNarrativeOption(file: string) {
  if (path.extname(file).toLowerCase() !== '.docx' && path.extname(file).toLowerCase() !== '.doc')
    throw new UsageError(`--narrative 需要一个 Word 文档（.docx），收到 ${file}`);
  const { readDocxNarrativeFile, UnreadableDocumentError } = lazy.docx();
  try {
    return await readDocxNarrativeFile(file);
  } catch (e) {
    if (e instanceof UnreadableDocumentError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * --out: a copy with highlights, notes and a 校验结果 sheet; --fix: the auto-filled totals written into it too.
 * The copy shows the findings that remain after the fixes; the input file is never touched. A copy that cannot
 * be written is one line on stderr; the exit status stays that of the findings (docs: README 命令行约定).
 */
async function writeCopy(cmd: Extract<Command, { cmd: 'check' }>, out: string, wb: WorkbookSnapshot, findings: Finding[], io: Io, config?: EngineConfig, checkOptions: CheckOptions = {}): Promise<void> {
  let marks = findings;
  let fixes: CellFix[] = [];
  if (cmd.fix) {
    const filled = autoFill(wb, config ? { config } : {}, checkOptions);
    fixes = filled.result.applied;
    marks = filled.remaining.findings;
  }
  const src = await prepareCopySource(cmd.file, out); // a non-xlsx input: converted to .xlsx first, copy named .xlsx
  try {
    const report = await lazy.writeCopy().writeAnnotatedCopy(src.path, src.out, marks, fixes);
    const parts: string[] = [];
    if (cmd.fix) parts.push(`自动填充 ${report.fixesWritten.length} 个单元格`);
    if (report.fixesSkipped.length) parts.push(`${report.fixesSkipped.length} 个含公式的单元格未改写`);
    if (report.notesKept.length) parts.push(`${report.notesKept.length} 个已有批注的单元格列在“${report.resultSheet}”表中`);
    io.err(`已写出带标注的副本：${src.out}${parts.length ? `（${parts.join('；')}）` : ''}${src.note}`);
  } catch (e) {
    if (process.env.BUDGET_CHECK_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    io.err(writeFailure(src.out, e));
  } finally {
    src.dispose();
  }
}

/** Runs the CLI and returns the exit status; never throws. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const cmd = parseArgs(argv);
    switch (cmd.cmd) {
      case 'help':
        io.out(USAGE);
        return EXIT_OK;
      case 'version':
        io.out(`budget-check ${version()}\n`);
        return EXIT_OK;
      case 'check':
        return await checkCommand(cmd, io);
      case 'narrative':
        return await lazy.narrative().runNarrative(cmd, io);
      case 'batch':
        return await lazy.batch().runBatch(cmd, io);
    }
  } catch (e) {
    if (process.env.BUDGET_CHECK_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    if (e instanceof UsageError || isUnreadableWorkbookError(e)) {
      io.err((e as Error).message);
      return EXIT_UNUSABLE;
    }
    // A bug of ours, not the user's: still one line, still no stack trace.
    const what = e instanceof Error ? e.message : String(e);
    io.err(`无法完成校验：程序内部错误（${what.split('\n')[0]}），请将文件和这条信息反馈给开发者。`);
    return EXIT_UNUSABLE;
  }
}

/** Entry point for `tsx src/cli/main.ts …` and bin/budget-check.js. */
export function run(argv: string[] = process.argv.slice(2)): void {
  // A closed pipe (budget-check … | head) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT_UNUSABLE;
    },
  );
}

if (require.main === module) run();

/**
 * The engine side of the page: reads the opened file, runs the engine's check in small steps (progress), keeps the
 * snapshot and the original bytes for auto-fill and the downloads. Runs inside the Web Worker (worker.ts), or in
 * the page when no worker can start. What an .xlsx check does not need loads on first use, as async chunks: SheetJS
 * (.xls, .et, .ods), the Word reader (a .docx 情况说明), the package patcher (downloads), the 情况说明 generator and
 * its .docx writer. The worker starts with the reader, recognition and the rules alone (issue 13).
 */
import type { WorkbookSnapshot } from '../../model/snapshot';
import type { CellFix, Finding } from '../../model/finding';
import type { Recognised } from '../../tables/recognised';
import { autoFill, checkInSteps, type CheckOptions, type CheckProgress } from '../../engine';
import { bufferReaders } from '../../xlsx/open-buffer';
import type { PdfPageText } from '../../pdf/text';
import type { FillMode, FillPreview, FilledWorkbook, NarrativeResult, OpenResult, RecheckResult, SideFiles } from './protocol';
import type { CheckedPdf } from './pdf';

/** The PDF side of the engine (src/web/engine/pdf.ts): a chunk loaded with the first PDF. */
const pdfModule = () => import(/* webpackChunkName: "pdf-check" */ './pdf');

interface Opened {
  bytes: ArrayBuffer;
  name: string;
  snapshot: WorkbookSnapshot;
  recognised: Recognised;
  findings: Finding[];
  /** Set when the file is a PDF: its read (the cells' places) and the check as checkPdf gave it. */
  pdf?: CheckedPdf;
}

const { openWorkbookBuffer, xlsxBytesOf } = bufferReaders(() => import(/* webpackChunkName: "sheetjs" */ '../../xlsx/sheetjs-read'));

function presentGroups(rec: Recognised): string[] {
  const s: string[] = [];
  for (const [id, loc] of Object.entries(rec.locations)) if (loc.found) s.push(id);
  if (rec.targets.length) s.push('P');
  if (rec.narrative) s.push('N');
  return s;
}

/**
 * The original package patched with the marks (src/xlsx/patch.ts): every part the marks do not need is kept as it
 * is, so charts, pivot tables, validations, protection and names survive the download. An .xls, .et or .ods is
 * converted to .xlsx by SheetJS first (src/xlsx/open.ts): its copy is an .xlsx.
 */
async function annotate(original: ArrayBuffer, name: string, findings: Finding[], fixes: CellFix[]): Promise<Uint8Array> {
  const x = await xlsxBytesOf(original, name);
  const bytes = x.format === 'xlsx' ? new Uint8Array(original) : x.bytes;
  const { patchWorkbook } = await import(/* webpackChunkName: "xlsx-patch" */ '../../xlsx/patch');
  return (await patchWorkbook(bytes, findings, fixes, { displayName: name })).bytes;
}

export class EngineCore {
  private opened: Opened | null = null;
  /** The files beside the workbook, as the check takes them (reset when another workbook is opened). */
  private options: CheckOptions = {};
  private sideNames: { narrative?: string; previous?: string } = {};
  private fill: { filled: WorkbookSnapshot; fixes: CellFix[]; remaining: Finding[] } | null = null;
  /**
   * Requests run one after another, in the order they came: a check yields between its steps, and a file dropped
   * while another is read must not be overtaken by the older read (the open file would then be the old one, and
   * the downloads named after the new one would hold the old one's content).
   */
  private queue: Promise<unknown> = Promise.resolve();

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Forgets the open file and its side files, for the one about to be opened. */
  private reset(): void {
    this.opened = null;
    this.fill = null;
    this.options = {};
    this.sideNames = {};
  }

  private current(): Opened {
    if (!this.opened) throw new Error('尚未打开工作簿');
    return this.opened;
  }

  open(bytes: ArrayBuffer, name: string, onProgress: (p: CheckProgress) => void = () => undefined): Promise<OpenResult> {
    return this.serial(async () => {
      this.reset();
      onProgress({ fraction: 0, label: `正在读取 ${name}…` });
      const snapshot = await openWorkbookBuffer(bytes, name);
      const { recognised, findings } = await checkInSteps(snapshot, { onProgress });
      this.opened = { bytes, name, snapshot, recognised, findings };
      return { snapshot, findings, present: presentGroups(recognised) };
    });
  }

  /** A PDF, from its pages' text (read in the page with pdf.js): the CLI's reader and check on it. */
  openPdf(bytes: ArrayBuffer, pages: PdfPageText[], name: string, onProgress: (p: CheckProgress) => void = () => undefined): Promise<OpenResult> {
    return this.serial(async () => {
      this.reset();
      onProgress({ fraction: 0.5, label: `正在校验 ${name}…` });
      const m = await pdfModule();
      const pdf = m.checkPdfPages(pages, name);
      const { recognised, findings } = pdf.result;
      const snapshot = pdf.read.snapshot;
      this.opened = { bytes, name, snapshot, recognised, findings, pdf };
      return { snapshot, findings, present: presentGroups(recognised), pdf: m.pdfInfo(pdf.read) };
    });
  }

  /** The open workbook checked again with the side files (a .docx 情况说明, last year's workbook). */
  side(files: SideFiles, onProgress: (p: CheckProgress) => void = () => undefined): Promise<RecheckResult> {
    return this.serial(async () => {
      const o = this.current();
      const options: CheckOptions = { ...this.options };
      const names = { ...this.sideNames };
      if (files.narrative === null) {
        delete options.narrative;
        delete names.narrative;
      } else if (files.narrative) {
        onProgress({ fraction: 0, label: `正在读取 ${files.narrative.name}…` });
        const { readDocxNarrative } = await import(/* webpackChunkName: "docx-read" */ '../../docx/read');
        options.narrative = await readDocxNarrative(new Uint8Array(files.narrative.bytes), files.narrative.name);
        names.narrative = files.narrative.name;
      }
      if (files.previous === null) {
        delete options.previous;
        delete names.previous;
      } else if (files.previous) {
        onProgress({ fraction: 0, label: `正在读取 ${files.previous.name}…` });
        options.previous = { snapshot: await openWorkbookBuffer(files.previous.bytes, files.previous.name), file: files.previous.name };
        names.previous = files.previous.name;
      }
      let pdf = o.pdf;
      let recognised: Recognised;
      let findings: Finding[];
      if (pdf) {
        onProgress({ fraction: 0.5, label: `正在校验 ${o.name}…` });
        pdf = (await pdfModule()).recheckPdf(pdf.raw, options);
        ({ recognised, findings } = pdf.result);
      } else ({ recognised, findings } = await checkInSteps(o.snapshot, { onProgress, ...options }));
      this.options = options;
      this.sideNames = names;
      this.fill = null;
      this.opened = { ...o, recognised, findings, ...(pdf ? { pdf } : {}) };
      return { findings, present: presentGroups(recognised), ...names };
    });
  }

  autoFill(mode: FillMode): Promise<FillPreview> {
    return this.serial(async () => {
      const { snapshot, pdf } = this.current();
      if (pdf) throw new Error('PDF 文件不能自动填充合计');
      const { snapshot: filled, result, remaining } = autoFill(snapshot, { overwrite: mode === 'overwrite' }, this.options);
      this.fill = { filled, fixes: result.applied, remaining: remaining.findings };
      return { fixes: result.applied, skipped: result.skipped };
    });
  }

  /** As `budget-check check --fix --out`: the fixes written, the findings that remain after them marked. */
  filled(): Promise<FilledWorkbook> {
    return this.serial(async () => {
      const { bytes, name } = this.current();
      if (!this.fill) throw new Error('没有待确认的自动填充');
      const { remaining } = this.fill;
      return { bytes: await annotate(bytes, name, remaining, this.fill.fixes), remaining: remaining.length };
    });
  }

  annotated(): Promise<Uint8Array> {
    return this.serial(async () => {
      const { bytes, name, findings, pdf } = this.current();
      if (pdf) return (await pdfModule()).annotatedPdf(bytes, pdf.read, findings, name);
      return annotate(bytes, name, findings, []);
    });
  }

  /** The generated 第三部分 情况说明 (from the tables and the 补充信息 sheet when there is one). */
  narrative(): Promise<NarrativeResult> {
    return this.serial(async () => {
      const { snapshot, recognised } = this.current();
      // The engine's generator (src/engine/narrative.ts, what engine's narrative() is) and the .docx writer.
      const [{ narrative }, { toDocx }] = await Promise.all([
        import(/* webpackChunkName: "narrative-docx" */ '../../engine/narrative'),
        import(/* webpackChunkName: "narrative-docx" */ '../../docx/write'),
      ]);
      const g = narrative(snapshot, recognised);
      return { docx: await toDocx(g), markdown: g.markdown, notes: g.notes };
    });
  }
}

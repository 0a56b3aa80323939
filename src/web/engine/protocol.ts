/**
 * What the page and the engine say to each other, whether the engine runs in a Web Worker (the usual case) or
 * in the page itself (file:// pages and browsers without workers). Everything here survives structured clone.
 */
import type { WorkbookSnapshot } from '../../model/snapshot';
import type { CellFix, Finding } from '../../model/finding';
import type { CheckProgress } from '../../engine';
import type { PdfCellPosition } from '../../pdf/read';
import type { PdfPageText } from '../../pdf/text';

/** A checked PDF: its pages, and where every read cell is printed (per pseudo-sheet and A1 address). */
export interface PdfInfo {
  pageCount: number;
  /** Pages with no text layer (scanned), 1-based. */
  scannedPages: number[];
  sheets: Record<string, { pages: number[]; cells: Record<string, PdfCellPosition> }>;
}

export interface OpenResult {
  snapshot: WorkbookSnapshot;
  /** checkWorkbook's findings, in its order. */
  findings: Finding[];
  /** Groups the workbook has (T1…T13 found, P with target sheets, N with a narrative), for the summary tiles. */
  present: string[];
  /** Set when the file was a PDF. */
  pdf?: PdfInfo;
}

export type FillMode = 'blank' | 'overwrite';

export interface FillPreview {
  fixes: CellFix[];
  skipped: { fix: CellFix; reason: string }[];
}

export interface FilledWorkbook {
  bytes: Uint8Array;
  /** Findings left after the fixes (marked in the copy). */
  remaining: number;
}

export interface NarrativeResult {
  docx: Uint8Array;
  markdown: string;
  /** What the generator could not fill in, one line each. */
  notes: string[];
}

/** A file chosen beside the workbook: the 情况说明 as Word (.docx) or last year's published workbook. */
export interface SideFile {
  bytes: ArrayBuffer;
  name: string;
}

/** The files beside the workbook; null (or absent) removes one. */
export interface SideFiles {
  narrative?: SideFile | null;
  previous?: SideFile | null;
}

/** The workbook checked again with the side files. */
export interface RecheckResult {
  findings: Finding[];
  present: string[];
  /** The side files in use (names), after this request. */
  narrative?: string;
  previous?: string;
}

export type EngineRequest =
  | { op: 'open'; bytes: ArrayBuffer; name: string }
  | { op: 'openPdf'; bytes: ArrayBuffer; pages: PdfPageText[]; name: string }
  | { op: 'side'; files: SideFiles }
  | { op: 'autofill'; mode: FillMode }
  | { op: 'filled' }
  | { op: 'annotated' }
  | { op: 'narrative' };

/** An error as it crosses to the page: unreadable files keep their Chinese message and their kind. */
export interface EngineErrorData {
  name: string;
  message: string;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; id: number; progress: CheckProgress }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: EngineErrorData };

export interface Engine {
  /** 'worker' or 'page': where the engine runs (shown to tests, not to users). */
  readonly kind: 'worker' | 'page';
  /** The worker died (out of memory, …): make a new engine before the next file. */
  readonly broken: boolean;
  open(bytes: ArrayBuffer, name: string, onProgress?: (p: CheckProgress) => void): Promise<OpenResult>;
  /**
   * A PDF the page read with pdf.js (`pages`: its text, src/pdf/text.ts), checked as the CLI checks it
   * (src/pdf/read.ts, src/pdf/check.ts); `bytes` are kept for the annotated copy (annotated() then gives a PDF).
   */
  openPdf(bytes: ArrayBuffer, pages: PdfPageText[], name: string, onProgress?: (p: CheckProgress) => void): Promise<OpenResult>;
  autoFill(mode: FillMode): Promise<FillPreview>;
  /** The auto-filled copy for the last autoFill preview: fixes written (blue), remaining findings marked. */
  filled(): Promise<FilledWorkbook>;
  /** The original workbook with the findings marked (fills, notes, 校验结果 sheet); for a PDF, the annotated PDF. */
  annotated(): Promise<Uint8Array>;
  narrative(): Promise<NarrativeResult>;
  /**
   * Checks the open workbook again with a 情况说明.docx (replacing the workbook's own narrative) and/or last
   * year's workbook (the 比上年 checks, and the generated narrative's 比上年 figures). An unreadable file rejects
   * with its Chinese message; the side files in use stay as they were.
   */
  side(files: SideFiles, onProgress?: (p: CheckProgress) => void): Promise<RecheckResult>;
  dispose(): void;
}

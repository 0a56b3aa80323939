/**
 * The engine's side of a checked PDF (a chunk of its own, "pdf-check", loaded by ./core when the first PDF comes):
 * the pages' text as the page read it with pdf.js (src/web/pdf/open.ts) → the CLI's own reader and check
 * (src/pdf/read.ts readPdfPages, src/pdf/check.ts checkPdf), and the annotated copy (src/pdf/annotate.ts, with
 * pdf-lib and the CJK font, both loaded on the first download only).
 */
import type { Finding } from '../../model/finding';
import type { CheckOptions, CheckResult } from '../../engine';
import { readPdfPages, type PdfRead } from '../../pdf/read';
import { checkPdf } from '../../pdf/check';
import type { PdfPageText } from '../../pdf/text';
import type { PdfInfo } from './protocol';
import { dataUrlBytes } from '../data-url';

export interface CheckedPdf {
  /** The read as it came from the pages (checked again with the side files). */
  raw: PdfRead;
  /** The read the findings name (pseudo-sheets renamed `第N页 表X`). */
  read: PdfRead;
  result: CheckResult;
}

export function checkPdfPages(pages: PdfPageText[], name: string, options: CheckOptions = {}): CheckedPdf {
  const raw = readPdfPages(pages, name);
  return recheckPdf(raw, options);
}

export function recheckPdf(raw: PdfRead, options: CheckOptions = {}): CheckedPdf {
  const { result, read } = checkPdf(raw, options);
  return { raw, read, result };
}

/** Where every read cell is on its page, as plain data for the page (src/pdf/locate.ts runs there on it). */
export function pdfInfo(read: PdfRead): PdfInfo {
  const sheets: PdfInfo['sheets'] = {};
  for (const [name, where] of read.sheets) sheets[name] = { pages: where.pages, cells: Object.fromEntries(where.cells) };
  return { pageCount: read.pageCount, scannedPages: read.scannedPages, sheets };
}

/**
 * The CJK font of the annotated copy (assets/fonts, 1.5 MB), loaded on the first download: the font file of the
 * build, fetched; where a page opened as file:// cannot fetch it, the same font from a chunk that holds it as a
 * data URL ("pdf-font-inline", loaded like any chunk).
 */
let font: Promise<Uint8Array> | null = null;
async function fetchFont(): Promise<Uint8Array> {
  // @ts-expect-error -- import.meta is for webpack (an asset of the build); the repository's tsconfig compiles to CommonJS.
  const url = new URL('../../../assets/fonts/NotoSansSC-Subset.otf', import.meta.url);
  const r = await fetch(url);
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}
async function inlineFont(): Promise<Uint8Array> {
  const dataUrl = (await import(/* webpackChunkName: "pdf-font-inline" */ '../../../assets/fonts/NotoSansSC-Subset.otf?inline')).default;
  return dataUrlBytes(dataUrl);
}
function loadFont(): Promise<Uint8Array> {
  font ??= fetchFont()
    .catch(() => inlineFont())
    .catch((e: unknown) => {
      font = null;
      throw new Error(`无法加载标注 PDF 所需的中文字体文件（${e instanceof Error ? e.message : String(e)}），请刷新页面后重试。`);
    });
  return font;
}

/** The original PDF with a box and number on each flagged figure and the findings pages appended. */
export async function annotatedPdf(bytes: ArrayBuffer, read: PdfRead, findings: Finding[], name: string): Promise<Uint8Array> {
  const [{ annotatePdf }, fontBytes] = await Promise.all([import(/* webpackChunkName: "pdf-annotate" */ '../../pdf/annotate'), loadFont()]);
  return (await annotatePdf(new Uint8Array(bytes), read, findings, fontBytes, name)).bytes;
}

/**
 * The CLI's input: a workbook (src/xlsx/open.ts) or, told by its first bytes (`%PDF-`), a published disclosure
 * PDF (src/pdf). check/batch check either the same way; a PDF's findings name its pages (docs/cli.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CheckOptions, CheckResult } from '../engine';
import { check } from '../engine';
import type { WorkbookSnapshot } from '../model/snapshot';
import { openWorkbookBuffer, readFileBytes, WORKBOOK_FILE_RE } from '../xlsx/open';
import { isPdf, type PdfRead } from '../pdf/read';
import { checkPdf } from '../pdf/check';

/** Files batch picks up: the workbooks, and PDFs. */
export const INPUT_FILE_RE = new RegExp(`${WORKBOOK_FILE_RE.source.replace(/\)\$$/, '|pdf)$')}`, 'i');

export type OpenedInput = { kind: 'workbook'; wb: WorkbookSnapshot } | { kind: 'pdf'; pdf: PdfRead; wb: WorkbookSnapshot };

/**
 * The input file: a workbook or a PDF. `bytes`: the file's bytes when the caller has read them already (a batch
 * worker reads synchronously, see readBytesSync); otherwise read here.
 */
export async function openInputFile(file: string, bytes?: Uint8Array): Promise<OpenedInput> {
  bytes ??= await readFileBytes(file);
  if (isPdf(bytes)) {
    // Required here, not at the top: in the build it is build/cli/pdfjs.js, a file of its own that a workbook's
    // check need not load and compile (issue 13, cliOverheadRatio).
    const { readPdfBuffer } = require('../pdf/pdfjs') as typeof import('../pdf/pdfjs');
    const pdf = await readPdfBuffer(bytes, path.basename(file), file);
    return { kind: 'pdf', pdf, wb: pdf.snapshot };
  }
  return { kind: 'workbook', wb: await openWorkbookBuffer(bytes, path.basename(file), file) };
}

/**
 * The bytes of a regular file read at once (a batch worker's own thread has nothing else to do meanwhile: no
 * round trip through libuv's thread pool, whose threads the other worker's file would wait for), or undefined when
 * that fails in any way — the caller then reads through openInputFile/readFileBytes, which says why in Chinese.
 */
export function readBytesSync(file: string): Uint8Array | undefined {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** check() for either kind of input. */
export function checkInput(input: OpenedInput, options: CheckOptions = {}): CheckResult {
  return checkOpened(input, options).result;
}

/** check() for either kind of input, and for a PDF the read its findings name (where each one is on the pages). */
export function checkOpened(input: OpenedInput, options: CheckOptions = {}): { result: CheckResult; pdf?: PdfRead } {
  if (input.kind === 'workbook') return { result: check(input.wb, undefined, options) };
  const { result, read } = checkPdf(input.pdf, options);
  return { result, pdf: read };
}

/**
 * The task pane's files beside the workbook (选择情况说明文件, 选择上年公开文件), read in the pane itself: the .docx
 * with the Word reader (src/docx/read.ts, fflate), last year's workbook with SheetJS (src/xlsx/sheetjs-read.ts:
 * the pane has no ExcelJS). Both load on first use as async chunks (webpack.config.js ASYNC_ONLY_IN_PANE), so the
 * pane starts as fast as before.
 */
import type { CheckOptions } from '../engine';
import type { NarrativeText } from '../tables/types';

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

/** 情况说明.docx → the narrative the N.* rules check (an unreadable file rejects with one Chinese sentence). */
export async function readNarrativeFile(file: File): Promise<NarrativeText> {
  const { readDocxNarrative } = await import(/* webpackChunkName: "docx-read" */ '../docx/read');
  return readDocxNarrative(new Uint8Array(await file.arrayBuffer()), file.name);
}

/** 上年公开文件 (.xlsx, .xls, .et, .ods) → the previous-year option of the check. */
export async function readPreviousFile(file: File): Promise<NonNullable<CheckOptions['previous']>> {
  const { readWithSheetJs } = await import(/* webpackChunkName: "sheetjs" */ '../xlsx/sheetjs-read');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const ole = OLE2.every((b, i) => bytes[i] === b);
  const ext = /\.(xls|et|ods)$/i.exec(file.name)?.[1].toLowerCase() as 'xls' | 'et' | 'ods' | undefined;
  // SheetJS reads .xlsx too (the format argument only names the file type in its messages: FORMAT_LABEL has 'xlsx').
  const format = ole ? (ext === 'et' ? 'et' : 'xls') : ext === 'ods' ? 'ods' : ('xlsx' as unknown as 'xls');
  return { snapshot: await readWithSheetJs(bytes, format, file.name), file: file.name };
}

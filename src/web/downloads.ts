/** Saving what the page builds as files, and the names they get. */
import type { Finding } from '../model/finding';
import type { ReportMeta } from '../format/report';
import { saveBlob } from '../ui/save';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_MIME = 'application/pdf';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DownloadFile {
  name: string;
  data: Uint8Array | string;
  mime: string;
}

/** "长治市民政局.xlsx" → "长治市民政局" (no characters Windows refuses in file names). */
export function baseName(file: string): string {
  return file.replace(/\.(xlsx|xlsm|xls|pdf)$/i, '').replace(/[\\/:*?"<>|]+/g, '_') || '工作簿';
}

export function annotatedName(file: string): string {
  return `${baseName(file)}.校验.xlsx`;
}

/** "部门预算.pdf" → "部门预算.校验.pdf": the annotated copy of a PDF. */
export function annotatedPdfName(file: string): string {
  return `${baseName(file)}.校验.pdf`;
}

export function filledName(file: string): string {
  return `${baseName(file)}.自动填充.xlsx`;
}

export function narrativeName(file: string, ext: 'docx' | 'md'): string {
  return `${baseName(file)}-情况说明.${ext}`;
}

/** Saves bytes or text as a file through a temporary link (the browser's download). */
export function saveFile({ name, data, mime }: DownloadFile): void {
  saveBlob(name, data, mime);
}

/** The 校验报告 as HTML or CSV; its writer (src/format/report.ts) is an async chunk, loaded on the first download. */
export async function reportDownload(kind: 'html' | 'csv', findings: Finding[], meta: ReportMeta): Promise<DownloadFile> {
  const { buildCsv, buildHtml, reportFileName } = await import(/* webpackChunkName: "report" */ '../format/report');
  const name = reportFileName(meta, kind);
  return kind === 'html'
    ? { name, data: buildHtml(findings, meta), mime: 'text/html;charset=utf-8' }
    : { name, data: buildCsv(findings), mime: 'text/csv;charset=utf-8' };
}

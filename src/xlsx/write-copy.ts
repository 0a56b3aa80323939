import ExcelJS from 'exceljs';
import * as path from 'path';
import type { CellFix, Finding } from '../model/finding';
import { annotateWorkbook } from './annotate';

/**
 * Writes the annotated copy of a workbook: the original file is read again by ExcelJS (so everything the
 * snapshot does not model — styles, column widths, print settings — survives), marked, and saved elsewhere.
 */
export async function writeAnnotatedCopy(input: string, output: string, findings: Finding[], fixes: CellFix[] = []): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  annotateWorkbook(wb, findings, fixes);
  await wb.xlsx.writeFile(output);
}

/** Default name of the copy when --fix is given without --out: "x.xlsx" → "x.校验.xlsx" beside it. */
export function defaultCopyName(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.校验${ext || '.xlsx'}`);
}

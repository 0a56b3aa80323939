import { readFile } from 'fs/promises';
import * as path from 'path';
import type { CellFix, Finding } from '../model/finding';
import { patchWorkbook, type PatchReport } from './patch';
import { writeFileAtomic } from './safe-file';

/**
 * The annotated copy of a workbook file: the original package patched (src/xlsx/patch.ts) — every part the marks do
 * not need is kept as it is — and written to `output` atomically (a temporary file, then a rename). The input is
 * only read. Throws CopyError or a file-system error; the output is then untouched.
 */
export async function writeAnnotatedCopy(input: string, output: string, findings: Finding[], fixes: CellFix[] = []): Promise<PatchReport> {
  const bytes = await readFile(input);
  const { bytes: copy, report } = await patchWorkbook(bytes, findings, fixes, { displayName: path.basename(input) });
  await writeFileAtomic(output, copy);
  return report;
}

/** Default name of the copy when --fix is given without --out: "x.xlsx" → "x.校验.xlsx" beside it. */
export function defaultCopyName(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.校验${ext || '.xlsx'}`);
}

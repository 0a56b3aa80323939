/**
 * The one way every front end opens a workbook file: the format is told by the file's first bytes, not by its
 * name, and the matching reader produces the same WorkbookSnapshot.
 *
 *   zip with xl/workbook.xml                            → .xlsx / .xlsm: src/xlsx/read.ts (streaming, unchanged)
 *   zip whose mimetype is …opendocument.spreadsheet     → .ods: SheetJS (src/xlsx/sheetjs-read.ts)
 *   OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1)         → .xls (BIFF8), or WPS's .et: SheetJS
 *   OLE2 holding an EncryptedPackage stream             → a password-protected .xlsx: read.ts's Chinese message
 *   anything else                                       → read.ts's messages (empty, not a zip, corrupt …)
 *
 * openWorkbookBuffer works in the browser too (open-buffer.ts); openWorkbookFile and the copy helpers touch the
 * file system and are for the CLI.
 */
import type { WorkbookSnapshot } from '../model/snapshot';
import { UnreadableWorkbookError } from './errors';
import { bufferReaders, detectFormat, type WorkbookFormat } from './open-buffer';
import * as sheetJsModule from './sheetjs-read';

export { detectFormat, type WorkbookFormat } from './open-buffer';
export { WORKBOOK_ACCEPT, WORKBOOK_FILE_RE } from './accept';

/**
 * SheetJS, statically imported: a dynamic import() would be a lazy chunk in a bundle, but the CLI runs from
 * source through tsx's CommonJS require hook when its build is stale (bin/budget-check.js), where import() of a
 * .ts file is not resolved. The web page's engine worker builds its own readers with an import() (open-buffer.ts).
 */
async function sheetJs(): Promise<typeof sheetJsModule> {
  return sheetJsModule;
}

/** BufferReaders (src/xlsx/open-buffer.ts: any workbook from its bytes, its .xlsx bytes), with SheetJS at hand. */
export const { openWorkbookBuffer, xlsxBytesOf } = bufferReaders(sheetJs);

// ---------------------------------------------------------------------------------------------------------
// Node only (CLI): files

 
function nodeFs(): typeof import('fs') {
  return require('fs') as typeof import('fs');
}
function nodePath(): typeof import('path') {
  return require('path') as typeof import('path');
}
 

/** The file's bytes, or the same UnreadableWorkbookError read.ts's readWorkbookFile gives. */
export async function readFileBytes(file: string): Promise<Uint8Array> {
  const fs = nodeFs();
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) throw new UnreadableWorkbookError('not_a_file', file);
    return await fs.promises.readFile(file);
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UnreadableWorkbookError('missing', file, String(e));
    if (code === 'EISDIR') throw new UnreadableWorkbookError('not_a_file', file, String(e));
    throw new UnreadableWorkbookError('io', file, String(e));
  }
}

/** Reads any workbook file from disk (check, batch, narrative). Throws UnreadableWorkbookError when it cannot. */
export async function openWorkbookFile(file: string): Promise<WorkbookSnapshot> {
  const bytes = await readFileBytes(file);
  return openWorkbookBuffer(bytes, nodePath().basename(file), file);
}

/** The base of an annotated copy: the input itself when it is an .xlsx, else a converted .xlsx in a temp folder. */
export interface CopySource {
  /** The .xlsx file the copy writer reads. */
  path: string;
  format: WorkbookFormat;
  /** Where the copy goes: always an .xlsx. */
  out: string;
  /** '' for an .xlsx input; else the sentence that tells the clerk the copy is an .xlsx. */
  note: string;
  /** Removes the temporary converted file (no-op for an .xlsx input). */
  dispose(): void;
}

/**
 * Prepares the annotated copy of `input` going to `out` (the caller's --out, or its default name). For an .xls,
 * .et or .ods input, SheetJS converts the workbook to .xlsx (values, formulas, number formats, merges, widths,
 * hidden sheets) into a temp folder, the existing copy writer then annotates that, and the copy's name ends in
 * .xlsx whatever `out` said.
 */
export async function prepareCopySource(input: string, out: string): Promise<CopySource> {
  const bytes = await readFileBytes(input);
  const format = detectFormat(bytes, input);
  if (format === 'xlsx') return { path: input, format, out, note: '', dispose: () => undefined };
  const { convertToXlsx, FORMAT_LABEL } = await sheetJs();
  const fs = nodeFs();
  const path = nodePath();
  const os = require('os') as typeof import('os');  
  const xlsxOut = /\.xlsx$/i.test(out) ? out : path.join(path.dirname(out), `${path.basename(out, path.extname(out))}.xlsx`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-check-copy-'));
  const base = path.join(dir, 'base.xlsx');
  try {
    fs.writeFileSync(base, await convertToXlsx(bytes, format, input));
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    path: base,
    format,
    out: xlsxOut,
    note: `（原文件是 ${FORMAT_LABEL[format]} 格式，带标注的副本另存为 .xlsx，原文件未改动；副本不保留原文件的字体、底色和边框）`,
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Default name of the copy: "x.xls" → "x.校验.xlsx", "x.xlsx" → "x.校验.xlsx", beside the input. */
export function defaultCopyPath(input: string): string {
  const path = nodePath();
  const ext = path.extname(input);
  const keep = /^\.(xlsx|xlsm)$/i.test(ext) ? ext : '.xlsx';
  return path.join(path.dirname(input), `${path.basename(input, ext)}.校验${keep}`);
}

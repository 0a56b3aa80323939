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
 * readWorkbookBuffer works in the browser (the web page's worker); openWorkbookFile and the copy helpers touch
 * the file system and are for the CLI.
 */
import type { WorkbookSnapshot } from '../model/snapshot';
import { UnreadableWorkbookError, isUnreadableWorkbookError } from './errors';
import { readWorkbookBuffer } from './read';
import * as sheetJsModule from './sheetjs-read';
import type { SheetJsFormat } from './sheetjs-read';
import { containsUtf16 } from './zip-stream';

/**
 * SheetJS, statically imported: a dynamic import() would be a lazy chunk in the web page, but the CLI runs from
 * source through tsx's CommonJS require hook (bin/budget-check.js, the batch workers), where import() of a .ts
 * file is not resolved. So the web page's engine worker carries SheetJS.
 */
async function sheetJs(): Promise<typeof sheetJsModule> {
  return sheetJsModule;
}

export type WorkbookFormat = 'xlsx' | SheetJsFormat;

export { WORKBOOK_ACCEPT, WORKBOOK_FILE_RE } from './accept';

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function asciiIndexOf(bytes: Uint8Array, text: string, limit: number): number {
  const end = Math.min(bytes.length, limit) - text.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}


/**
 * The workbook's format from its bytes. OpenDocument requires `mimetype` to be the zip's first entry, stored
 * uncompressed, so its value sits in the first hundred bytes. `fileName` only separates .et from .xls (both are
 * OLE2 files with a BIFF Workbook stream) for the wording of messages.
 */
export function detectFormat(bytes: Uint8Array, fileName = ''): WorkbookFormat {
  if (startsWith(bytes, OLE2_MAGIC)) {
    if (containsUtf16(bytes, 'EncryptedPackage')) return 'xlsx'; // read.ts answers with the password message
    return /\.et$/i.test(fileName) ? 'et' : 'xls';
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const at = asciiIndexOf(bytes, 'mimetype', 128);
    if (at >= 0 && asciiIndexOf(bytes.subarray(at), ODS_MIME, 128) >= 0) return 'ods';
  }
  return 'xlsx';
}

async function isOdsPackage(bytes: Uint8Array): Promise<boolean> {
  try {
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(bytes);
    const mime = zip.file('mimetype');
    if (mime) return (await mime.async('string')).trim() === ODS_MIME;
    return zip.file('content.xml') !== null && zip.file('META-INF/manifest.xml') !== null;
  } catch {
    return false;
  }
}

/**
 * Reads any workbook a clerk has (.xlsx, .xlsm, .xls, .et, .ods) from its bytes. Throws UnreadableWorkbookError
 * (never anything else) when it cannot. `name` becomes the snapshot's name; `displayName` is what messages say.
 */
export async function openWorkbookBuffer(buf: Uint8Array | ArrayBuffer, name: string, displayName: string = name): Promise<WorkbookSnapshot> {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  const format = detectFormat(bytes, name);
  if (format !== 'xlsx') return (await sheetJs()).readWithSheetJs(bytes, format, name, displayName);
  try {
    return await readWorkbookBuffer(bytes, name, displayName);
  } catch (e) {
    // An OpenDocument package whose mimetype entry is not first (not by the standard, but seen): still an .ods.
    if (isUnreadableWorkbookError(e) && e.reason === 'not_workbook' && (await isOdsPackage(bytes))) {
      return (await sheetJs()).readWithSheetJs(bytes, 'ods', name, displayName);
    }
    throw e;
  }
}

/**
 * The workbook as .xlsx bytes: the bytes themselves for an .xlsx, else converted by SheetJS (the web page makes
 * its annotated and auto-filled downloads from these, so a non-xlsx input's copy is an .xlsx).
 */
export async function xlsxBytesOf(buf: Uint8Array | ArrayBuffer, name: string): Promise<{ bytes: Uint8Array; format: WorkbookFormat }> {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  const format = detectFormat(bytes, name);
  if (format === 'xlsx') return { bytes, format };
  return { bytes: await (await sheetJs()).convertToXlsx(bytes, format, name), format };
}

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

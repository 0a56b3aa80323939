/**
 * Opening a workbook from its bytes, in Node and in the browser alike (src/xlsx/open.ts says which reader takes
 * which format). SheetJS (src/xlsx/sheetjs-read.ts, for .xls, .et and .ods) comes from the loader the host passes:
 * the CLI has it imported statically (open.ts: tsx's CommonJS require hook resolves no import() of a .ts file),
 * the web page's engine worker as an async chunk (src/web/engine/core.ts), so an .xlsx check never loads it.
 */
import type { WorkbookSnapshot } from '../model/snapshot';
import { isUnreadableWorkbookError } from './errors';
import { readWorkbookBuffer } from './read';
import type * as SheetJsReader from './sheetjs-read';
import type { SheetJsFormat } from './sheetjs-read';
import { containsUtf16 } from './zip-stream';

/** src/xlsx/sheetjs-read.ts, however the host loads it. */
export type SheetJsLoader = () => Promise<typeof SheetJsReader>;

export type WorkbookFormat = 'xlsx' | SheetJsFormat;

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

export interface BufferReaders {
  /**
   * Reads any workbook a clerk has (.xlsx, .xlsm, .xls, .et, .ods) from its bytes. Throws UnreadableWorkbookError
   * (never anything else) when it cannot. `name` becomes the snapshot's name; `displayName` is what messages say.
   */
  openWorkbookBuffer(buf: Uint8Array | ArrayBuffer, name: string, displayName?: string): Promise<WorkbookSnapshot>;
  /**
   * The workbook as .xlsx bytes: the bytes themselves for an .xlsx, else converted by SheetJS (the web page makes
   * its annotated and auto-filled downloads from these, so a non-xlsx input's copy is an .xlsx).
   */
  xlsxBytesOf(buf: Uint8Array | ArrayBuffer, name: string): Promise<{ bytes: Uint8Array; format: WorkbookFormat }>;
}

/** openWorkbookBuffer and xlsxBytesOf with SheetJS from `sheetJs` (called only for a file that needs it). */
export function bufferReaders(sheetJs: SheetJsLoader): BufferReaders {
  async function openWorkbookBuffer(buf: Uint8Array | ArrayBuffer, name: string, displayName: string = name): Promise<WorkbookSnapshot> {
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

  async function xlsxBytesOf(buf: Uint8Array | ArrayBuffer, name: string): Promise<{ bytes: Uint8Array; format: WorkbookFormat }> {
    const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
    const format = detectFormat(bytes, name);
    if (format === 'xlsx') return { bytes, format };
    return { bytes: await (await sheetJs()).convertToXlsx(bytes, format, name), format };
  }

  return { openWorkbookBuffer, xlsxBytesOf };
}

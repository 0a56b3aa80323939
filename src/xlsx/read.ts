/**
 * .xlsx → WorkbookSnapshot, for the CLI, the batch runner, the web page and the tests.
 *
 * Why not ExcelJS's `Workbook.xlsx.load`: it builds a full object model (a Cell object with styles for every
 * cell) and peaks near 500 MB and 5 s for a 100,000-row sheet. ExcelJS's streaming `WorkbookReader` is light
 * but drops merges, leaves shared-formula cells without their formula, keeps only the last run of inline rich
 * text and follows the zip's entry order instead of the workbook's sheet order. So this reader walks the
 * SpreadsheetML parts itself — the zip directory and inflate in zip-read.ts (native zlib in Node, fflate in
 * browsers), the XML with the purpose-built scanner of xml-read.ts (it was saxes; general SAX events were over
 * half the time) — entry by entry and chunk by chunk, and keeps only what the snapshot needs: a sparse grid of
 * values, formulas, number formats, merges and sheet visibility. ExcelJS remains what the tests and fixtures write
 * workbooks with, and tests/xlsx compare this reader against ExcelJS's own reading.
 *
 * Works in Node and in the browser (readWorkbookBuffer); only readWorkbookFile touches the file system.
 */
import type { CellScalar, CellSnapshot, MergeArea, SheetSnapshot, WorkbookSnapshot } from '../model/snapshot';
import { emptySheet, setCell } from '../model/snapshot';
import { MAX_CELLS, MAX_PART_BYTES, MAX_TOTAL_BYTES, UnreadableWorkbookError } from './errors';
import { containsUtf16 } from './zip-stream';
import { inflateEntry, inflateEntryStreaming, readZipDirectory, ZipLimitError, type ZipEntry } from './zip-read';
import { XmlAttrs, XmlReader, plainNumber, utf8, type XmlHandler } from './xml-read';
import { slideFormula } from './formula';
import { BUILTIN_NUMFMTS, isBuiltinDateId, isDateFormat, isTimeOnlyFormat, serialToIso } from '../model/numfmt';

export { UnreadableWorkbookError, isUnreadableWorkbookError } from './errors';
export type { UnreadableReason } from './errors';

/** Reads a workbook from disk. Throws UnreadableWorkbookError (never anything else) when it cannot. */
export async function readWorkbookFile(path: string): Promise<WorkbookSnapshot> {
  // Loaded lazily so that bundling readWorkbookBuffer for the browser does not pull in 'fs'.
   
  const fs = require('fs') as typeof import('fs');
   
  const { basename } = require('path') as typeof import('path');
  let buf: Buffer;
  try {
    // Synchronously: one file at a time per thread (the batch runs workers), and the thread pool's round trips
    // cost more than reading a workbook.
    const st = fs.statSync(path);
    if (!st.isFile()) throw new UnreadableWorkbookError('not_a_file', path);
    buf = fs.readFileSync(path);
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UnreadableWorkbookError('missing', path, String(e));
    if (code === 'EISDIR') throw new UnreadableWorkbookError('not_a_file', path, String(e));
    throw new UnreadableWorkbookError('io', path, String(e));
  }
  return readWorkbookBuffer(buf, basename(path), path);
}

/**
 * Reads a workbook from its bytes. `name` becomes the snapshot's name; `displayName` (default `name`) is what
 * error messages call the file.
 */
export async function readWorkbookBuffer(
  buf: Uint8Array | ArrayBuffer,
  name: string,
  displayName: string = name,
): Promise<WorkbookSnapshot> {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  sniff(bytes, displayName);
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (e) {
    throw new UnreadableWorkbookError('corrupt', displayName, String(e));
  }
  try {
    return await readPackage(new ZipParts(bytes, entries, new Budget(displayName)), name, displayName);
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw e;
    throw new UnreadableWorkbookError('corrupt', displayName, e instanceof Error ? `${e.message}` : String(e));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Container checks

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function sniff(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0) throw new UnreadableWorkbookError('empty', file);
  if (bytes.length >= 8 && OLE2_MAGIC.every((b, i) => bytes[i] === b)) {
    // Both old .xls files and password-protected .xlsx files are OLE2 compound files.
    throw new UnreadableWorkbookError(containsUtf16(bytes, 'EncryptedPackage') ? 'encrypted' : 'xls', file);
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new UnreadableWorkbookError('not_zip', file);
}


// ---------------------------------------------------------------------------------------------------------
// XML plumbing

/**
 * What a package may unpack to (a cell bomb is a small file that unpacks to gigabytes of cells): bytes per part
 * and in all, and cells stored. Beyond them the file is refused with a Chinese message ('too_large').
 */
class Budget {
  private bytes = 0;
  private cellCount = 0;
  constructor(private readonly file: string) {}
  part(entry: ZipEntry): void {
    if (entry.uncompressedSize > MAX_PART_BYTES) throw new UnreadableWorkbookError('too_large', this.file, `${entry.name}: ${entry.uncompressedSize} bytes declared`);
  }
  /** The most the next part may inflate to. */
  partLimit(): number {
    return Math.max(0, Math.min(MAX_PART_BYTES, MAX_TOTAL_BYTES - this.bytes));
  }
  read(n: number, partBytes: number, name: string): void {
    this.bytes += n;
    if (partBytes > MAX_PART_BYTES || this.bytes > MAX_TOTAL_BYTES) throw new UnreadableWorkbookError('too_large', this.file, `${name}: over ${partBytes} bytes`);
  }
  over(detail: string): UnreadableWorkbookError {
    return new UnreadableWorkbookError('too_large', this.file, detail);
  }
  cell(): void {
    if (++this.cellCount > MAX_CELLS) throw new UnreadableWorkbookError('too_large', this.file, `over ${MAX_CELLS} cells`);
  }
}

/** The package's entries by path (case-insensitively as a fallback: some writers vary the case of part names). */
class ZipParts {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly lower = new Map<string, ZipEntry>();
  constructor(
    readonly bytes: Uint8Array,
    entries: ZipEntry[],
    readonly budget: Budget,
  ) {
    for (const e of entries) {
      if (e.name.endsWith('/')) continue; // folders
      this.byName.set(e.name, e);
      if (!this.lower.has(e.name.toLowerCase())) this.lower.set(e.name.toLowerCase(), e);
    }
  }
  find(path: string): ZipEntry | null {
    const p = path.replace(/^\/+/, '');
    return this.byName.get(p) ?? this.lower.get(p.toLowerCase()) ?? null;
  }
  has(path: string): boolean {
    return this.find(path) !== null;
  }
}

/** Parts larger than this (compressed) are inflated on Node's thread pool while the scanner reads them. */
const STREAM_ABOVE = 256 * 1024;

/**
 * Inflates one entry and runs its bytes through the scanner, chunk by chunk as the inflater hands them over,
 * within the package's budget. `handler` gets the scanner, to set its `wantText`. A large part in Node is
 * inflated while it is scanned and never held whole: then the result is a promise.
 */
function parseXml(parts: ZipParts, entry: ZipEntry, handler: (reader: XmlReader) => XmlHandlers): void | Promise<void> {
  const budget = parts.budget;
  budget.part(entry);
  const target: XmlHandler = { open: () => undefined, close: () => undefined, text: () => undefined };
  const reader = new XmlReader(target);
  const h = handler(reader);
  target.open = h.open;
  if (h.close) target.close = h.close;
  if (h.text) target.text = h.text;
  if (h.raw) target.raw = h.raw;
  let partBytes = 0;
  const onChunk = (chunk: Uint8Array) => {
    partBytes += chunk.length;
    budget.read(chunk.length, partBytes, entry.name);
    reader.write(chunk);
  };
  const limitError = (e: unknown) => (e instanceof ZipLimitError ? budget.over(e.message) : e);
  const streaming = entry.compressedSize > STREAM_ABOVE ? inflateEntryStreaming(parts.bytes, entry, budget.partLimit(), onChunk) : undefined;
  if (streaming) {
    return streaming.then(
      () => reader.end(),
      (e) => {
        throw limitError(e);
      },
    );
  }
  try {
    inflateEntry(parts.bytes, entry, budget.partLimit(), onChunk);
  } catch (e) {
    throw limitError(e);
  }
  reader.end();
}

interface XmlHandlers {
  open(name: string, attrs: XmlAttrs): void;
  text?(text: string): void;
  raw?(bytes: Uint8Array, start: number, end: number): void;
  close?(name: string): void;
}

/** Excel's escapes for characters XML cannot carry: _x000D_ is a carriage return, _x005F_ an underscore. */
function unescapeExcel(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

function resolvePath(baseDir: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

function relsPathOf(partPath: string): string {
  return `${dirOf(partPath)}_rels/${partPath.slice(dirOf(partPath).length)}.rels`;
}

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

async function readRels(parts: ZipParts, partPath: string): Promise<Rel[]> {
  const entry = parts.find(relsPathOf(partPath));
  if (!entry) return [];
  const base = dirOf(partPath);
  const rels: Rel[] = [];
  await parseXml(parts, entry, () => ({
    open(name, a) {
      if (name !== 'Relationship') return;
      const external = a.get('TargetMode') === 'External';
      rels.push({
        id: a.get('Id') ?? '',
        type: a.get('Type') ?? '',
        target: external ? (a.get('Target') ?? '') : resolvePath(base, a.get('Target') ?? ''),
        external,
      });
    },
  }));
  return rels;
}

// ---------------------------------------------------------------------------------------------------------
// The package

interface SheetEntry {
  name: string;
  state?: string;
  rid: string;
}

async function readPackage(parts: ZipParts, name: string, displayName: string): Promise<WorkbookSnapshot> {

  // The workbook part: from the package relationships, else the usual place.
  const rootRels = await readRels(parts, '');
  let workbookPath = rootRels.find((r) => /\/officeDocument$/.test(r.type))?.target ?? 'xl/workbook.xml';
  if (!parts.has(workbookPath)) workbookPath = 'xl/workbook.xml';
  const workbookEntry = parts.find(workbookPath);
  if (!workbookEntry) throw new UnreadableWorkbookError('not_workbook', displayName);

  const sheetEntries: SheetEntry[] = [];
  let date1904 = false;
  await parseXml(parts, workbookEntry, () => ({
    open(tag, a) {
      if (tag === 'sheet') {
        sheetEntries.push({ name: a.get('name') ?? `Sheet${sheetEntries.length + 1}`, state: a.get('state'), rid: a.getLocal('id') ?? '' });
      } else if (tag === 'workbookPr') {
        const v = a.get('date1904');
        date1904 = v === '1' || v === 'true';
      }
    },
  }));
  if (sheetEntries.length === 0) throw new UnreadableWorkbookError('not_workbook', displayName);

  const rels = await readRels(parts, workbookPath);
  const relById = new Map(rels.map((r) => [r.id, r]));
  const wbDir = dirOf(workbookPath);
  const sharedStringsPath = rels.find((r) => /\/sharedStrings$/.test(r.type))?.target ?? `${wbDir}sharedStrings.xml`;
  const stylesPath = rels.find((r) => /\/styles$/.test(r.type))?.target ?? `${wbDir}styles.xml`;

  const sharedStrings = await readSharedStrings(parts, sharedStringsPath);
  const styles = await readStyles(parts, stylesPath);

  const sheets: SheetSnapshot[] = [];
  const sharedCells: SharedCells = new Map();
  for (let index = 0; index < sheetEntries.length; index++) {
    const se = sheetEntries[index];
    const rel = relById.get(se.rid);
    let sheet: SheetSnapshot;
    if (rel && /\/worksheet$/.test(rel.type)) {
      const entry = parts.find(rel.target);
      if (!entry) throw new UnreadableWorkbookError('corrupt', displayName, `missing part ${rel.target}`);
      sheet = await readSheet(parts, entry, se.name, index, sharedStrings, styles, date1904, sharedCells);
    } else if (!rel) {
      // No relationship: try the conventional part name before giving up on the sheet's contents.
      const entry = parts.find(`${wbDir}worksheets/sheet${index + 1}.xml`);
      sheet = entry ? await readSheet(parts, entry, se.name, index, sharedStrings, styles, date1904, sharedCells) : emptySheet(se.name, index);
    } else {
      // Chart sheets, dialog sheets, macro sheets: present in the tab order, no cells for us.
      sheet = emptySheet(se.name, index);
    }
    if (se.state === 'hidden' || se.state === 'veryHidden') sheet.hidden = true;
    sheets.push(sheet);
  }
  return { name, sheets };
}

async function readSharedStrings(parts: ZipParts, path: string): Promise<string[]> {
  const entry = parts.find(path);
  if (!entry) return [];
  const out: string[] = [];
  let inSi = false;
  let inT = false;
  let phonetic = 0; // inside <rPh>: furigana/pinyin runs are not part of the text
  let cur = '';
  await parseXml(parts, entry, (reader) => ({
    open(tag) {
      if (tag === 'si') {
        inSi = true;
        cur = '';
      } else if (tag === 'rPh') phonetic++;
      else if (tag === 't' && inSi && phonetic === 0) reader.wantText = inT = true;
    },
    text(t) {
      if (inT) cur += t;
    },
    close(tag) {
      if (tag === 't') reader.wantText = inT = false;
      else if (tag === 'rPh') phonetic--;
      else if (tag === 'si') {
        out.push(unescapeExcel(cur));
        inSi = false;
      }
    },
  }));
  return out;
}

interface StyleInfo {
  /** Per cellXfs index: the format code when not General. */
  numFmt: (string | undefined)[];
  /** Per cellXfs index: the format shows a date or time. */
  isDate: boolean[];
  timeOnly: boolean[];
}

async function readStyles(parts: ZipParts, path: string): Promise<StyleInfo> {
  const info: StyleInfo = { numFmt: [], isDate: [], timeOnly: [] };
  const entry = parts.find(path);
  if (!entry) return info;
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  await parseXml(parts, entry, () => ({
    open(tag, a) {
      if (tag === 'numFmt') {
        const id = Number(a.get('numFmtId'));
        const code = a.get('formatCode');
        if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
      } else if (tag === 'cellXfs') inCellXfs = true;
      else if (tag === 'xf' && inCellXfs) xfIds.push(Number(a.get('numFmtId') ?? 0) || 0);
    },
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
  }));
  for (const id of xfIds) {
    const code = custom.get(id) ?? BUILTIN_NUMFMTS[id];
    const general = code === undefined || /^general$/i.test(code);
    info.numFmt.push(general ? undefined : code);
    const date = custom.has(id) ? isDateFormat(code!) : isBuiltinDateId(id);
    info.isDate.push(date);
    info.timeOnly.push(date && code !== undefined && isTimeOnlyFormat(code));
  }
  return info;
}

// ---------------------------------------------------------------------------------------------------------
// Worksheets

/** Row and column of the last decodeRef(). */
let refRow = 0;
let refCol = 0;

/**
 * ref[from, to) as 'AB12' → refRow 12, refCol 28; 0s when the reference is malformed (what follows the digits is
 * ignored). Read in place, no substring or object made: a department's workbook has thousands of merges.
 */
function decodeRef(ref: string, from: number, to: number): void {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = ref.charCodeAt(i);
    if (c === 36) continue; // $
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  let row = 0;
  for (; i < to; i++) {
    const c = ref.charCodeAt(i);
    if (c === 36) continue;
    if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
    else break;
  }
  refRow = row;
  refCol = col;
}

/** 'A1:B2' (or 'A1': one cell) → the area; undefined when either end is malformed. Text after a second ':' is ignored. */
function decodeRange(ref: string): MergeArea | undefined {
  const colon = ref.indexOf(':');
  decodeRef(ref, 0, colon < 0 ? ref.length : colon);
  const r1 = refRow;
  const c1 = refCol;
  if (colon >= 0 && colon + 1 < ref.length && ref.charCodeAt(colon + 1) !== 58) {
    const next = ref.indexOf(':', colon + 1);
    decodeRef(ref, colon + 1, next < 0 ? ref.length : next);
  }
  const r2 = refRow;
  const c2 = refCol;
  if (!r1 || !c1 || !r2 || !c2) return undefined;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** A shared string's index: bytes that are only digits (at most 15), else undefined. */
function digitsOf(b: Uint8Array, start: number, end: number): number | undefined {
  if (start >= end || end - start > 15) return undefined;
  let v = 0;
  for (let k = start; k < end; k++) {
    const c = b[k] - 48;
    if (c < 0 || c > 9) return undefined;
    v = v * 10 + c;
  }
  return v;
}

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD). */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Number formats whose value-only cells are shared (a workbook uses a handful; the rest are plain cells). */
const MAX_SHARED_FORMATS = 16;


/**
 * Cells that are a value only (no formula) and repeat — a shared string, a small whole number — are one object per
 * value and number format, across the workbook: snapshot cells are read, never changed, so they can be shared (a
 * column of 0s or of one label costs one cell). Keyed by format, not style index: a file with thousands of styles,
 * or indices past cellXfs, still makes only a few caches (each one slot per shared string). One table per workbook,
 * not per sheet, each half made when first needed: per sheet and style, the department workbook's 73 sheets made
 * 450 tables of ~5,000 slots (19 MB allocated for 20,000 cells).
 */
type SharedCells = Map<string | undefined, { s: CellSnapshot[] | undefined; n: CellSnapshot[] | undefined }>;

async function readSheet(
  parts: ZipParts,
  entry: ZipEntry,
  name: string,
  index: number,
  sharedStrings: string[],
  styles: StyleInfo,
  date1904: boolean,
  sharedCells: SharedCells,
): Promise<SheetSnapshot> {
  const sheet = emptySheet(name, index);
  const budget = parts.budget;
  const sharedMasters = new Map<string, { formula: string; row: number; col: number }>();

  let inSheetData = false;
  let rowNo = 0;
  let colNo = 0;
  // the open <c>
  let inCell = false;
  let cType = '';
  let cStyle = 0;
  let vText: string | undefined;
  // <v> read as a number straight from its bytes (vText stays '')
  let vNum = 0;
  let vHasNum = false;
  let fText: string | undefined;
  let fType = '';
  let fSi = '';
  let isText: string | undefined; // inline string
  // text capture
  let capture: 'v' | 'f' | 't' | '' = '';
  let inIs = false;
  let phonetic = 0;

  const finishCell = () => {
    let value: CellScalar = null;
    let share = 0; // 1: a shared string, 2: a small whole number; the cell may be shared
    let shareAt = 0;
    switch (cType) {
      case 's': {
        const i = vHasNum ? vNum : vText === undefined ? NaN : parseInt(vText, 10);
        value = Number.isNaN(i) ? null : (sharedStrings[i] ?? null);
        if (value !== null && i >= 0 && i < sharedStrings.length && Number.isInteger(i)) {
          share = 1;
          shareAt = i;
        }
        break;
      }
      case 'inlineStr':
        value = isText !== undefined ? unescapeExcel(isText) : vText !== undefined ? unescapeExcel(vText) : null;
        break;
      case 'str':
        value = vText === undefined ? null : unescapeExcel(vText);
        break;
      case 'b':
        value = vText === undefined ? null : vText.trim() === '1' || vText.trim().toLowerCase() === 'true';
        break;
      case 'e':
        value = vText === undefined ? null : vText.trim();
        break;
      case 'd':
        value = vText === undefined ? null : vText.trim();
        break;
      default: {
        if (vHasNum) {
          if (styles.isDate[cStyle]) value = serialToIso(vNum, date1904, styles.timeOnly[cStyle]) ?? vNum;
          else {
            value = vNum;
            if (vNum >= 0 && vNum < 4096 && (vNum | 0) === vNum && !Object.is(vNum, -0)) {
              share = 2;
              shareAt = vNum;
            }
          }
          break;
        }
        const t = vText?.trim();
        if (t) {
          const n = Number(t);
          if (Number.isNaN(n)) value = t;
          else if (styles.isDate[cStyle]) value = serialToIso(n, date1904, styles.timeOnly[cStyle]) ?? n;
          else value = n;
        }
      }
    }

    let formula: string | undefined;
    if (fText !== undefined || fType === 'shared') {
      const text = (fText ?? '').trim();
      if (fType === 'shared' && fSi !== '') {
        if (text) {
          sharedMasters.set(fSi, { formula: text, row: rowNo, col: colNo });
          formula = text;
        } else {
          const m = sharedMasters.get(fSi);
          if (m) formula = slideFormula(m.formula, rowNo - m.row, colNo - m.col);
        }
      } else if (text) formula = text;
    }

    if (formula === undefined && (value === null || value === '')) return;
    // Beyond Excel's grid (a damaged <row r="99999999">): Excel drops such cells when it repairs the file, and
    // keeping them would make every row scan of the engine walk millions of empty rows.
    if (rowNo > MAX_ROWS || colNo > MAX_COLS) return;
    budget.cell();
    const fmt = styles.numFmt[cStyle];
    let cell: CellSnapshot | undefined;
    let cache: CellSnapshot[] | undefined;
    if (formula === undefined && share !== 0) {
      let byFormat = sharedCells.get(fmt);
      if (byFormat === undefined && sharedCells.size < MAX_SHARED_FORMATS) sharedCells.set(fmt, (byFormat = { s: undefined, n: undefined }));
      if (byFormat) {
        // preallocated when first needed (holey, never a dictionary): one slot per shared string or number
        cache = share === 1 ? (byFormat.s ??= new Array<CellSnapshot>(sharedStrings.length)) : (byFormat.n ??= new Array<CellSnapshot>(4096));
        cell = cache[shareAt];
      }
    }
    if (cell === undefined) {
      // one literal per shape: a property added later would cost an out-of-object property array per cell
      cell = formula === undefined ? (fmt === undefined ? { value } : { value, numFmt: fmt }) : fmt === undefined ? { value, formula } : { value, formula, numFmt: fmt };
      if (cache) cache[shareAt] = cell;
    }
    if (rowNo !== pendingRow) flushRow();
    pendingRow = rowNo;
    if (pending[colNo - 1] === undefined) pendingCount++;
    pending[colNo - 1] = cell;
    if (colNo > pendingCols) pendingCols = colNo;
  };

  // The cells of the row being read, stored as one exact-size array when the row ends (a row grown cell by cell
  // keeps spare capacity: ~70 bytes a row).
  let pending: (CellSnapshot | undefined)[] = [];
  let pendingRow = 0;
  let pendingCols = 0;
  let pendingCount = 0;
  const flushRow = () => {
    if (pendingRow === 0) return;
    const existing = sheet.rows[pendingRow - 1];
    const sparse = pendingCols > 2 * pendingCount + 64;
    if (existing || sparse) {
      // the row came back (rows out of order): cell by cell, later cells win as they did
      for (let c = 0; c < pendingCols; c++) if (pending[c] !== undefined) setCell(sheet, pendingRow, c + 1, pending[c]!);
    } else {
      sheet.rows[pendingRow - 1] = pending.slice(0, pendingCols);
      if (pendingRow > sheet.rowCount) sheet.rowCount = pendingRow;
      if (pendingCols > sheet.colCount) sheet.colCount = pendingCols;
    }
    // a sparse row (one cell in column XFD) left the scratch array in dictionary mode: start a fresh one
    if (sparse) pending = [];
    else pending.length = 0;
    pendingRow = 0;
    pendingCols = 0;
    pendingCount = 0;
  };

  await parseXml(parts, entry, (reader) => ({
    open(tag, a) {
      if (inCell) {
        switch (tag) {
          case 'v':
            capture = 'v';
            reader.wantText = true;
            // a shared string's index or a number: read from the bytes, no string made
            reader.wantRaw = cType === 's' || cType === '' || cType === 'n';
            vText = '';
            vHasNum = false;
            return;
          case 'f':
            capture = 'f';
            reader.wantText = true;
            fText = '';
            fType = a.get('t') ?? '';
            fSi = a.get('si') ?? '';
            return;
          case 'is':
            inIs = true;
            isText = '';
            return;
          case 'rPh':
            phonetic++;
            return;
          case 't':
            if (inIs && phonetic === 0) {
              capture = 't';
              reader.wantText = true;
            }
            return;
        }
        return;
      }
      switch (tag) {
        case 'sheetData':
          inSheetData = true;
          return;
        case 'row':
          if (inSheetData) {
            const r = a.int('r');
            rowNo = Number.isNaN(r) ? rowNo + 1 : r;
            colNo = 0;
          }
          return;
        case 'c':
          if (inSheetData) {
            inCell = true;
            cType = '';
            cStyle = 0;
            let refd = false;
            // one pass over the attributes (r, s, t), read from the bytes
            for (let i = 0; i < a.count; i++) {
              switch (a.shortName(i)) {
                case 114: // r
                  if (a.refAt(i) && a.refCol > 0) {
                    refd = true;
                    colNo = a.refCol;
                    if (a.refRow > 0) rowNo = a.refRow;
                  }
                  break;
                case 115: // s
                  cStyle = a.intAt(i) || 0;
                  break;
                case 116: // t
                  cType = a.value(i);
                  break;
              }
            }
            if (!refd) colNo += 1;
            vText = fText = isText = undefined;
            vHasNum = false;
            fType = fSi = '';
            capture = '';
            inIs = false;
            phonetic = 0;
          }
          return;
        case 'mergeCell': {
          const ref = a.get('ref');
          const m = ref ? decodeRange(ref) : undefined;
          if (m) {
            budget.cell();
            sheet.merges.push(m);
          }
          return;
        }
      }
    },
    text(t) {
      if (capture === 'v') {
        if (vHasNum) {
          // text after a number read from bytes (a comment between them): go back to the text
          vText = String(vNum);
          vHasNum = false;
        }
        vText += t;
      } else if (capture === 'f') fText += t;
      else if (capture === 't') isText += t;
    },
    raw(b, start, end) {
      if (capture !== 'v') return;
      if (vText === '' && !vHasNum) {
        const n = cType === 's' ? digitsOf(b, start, end) : plainNumber(b, start, end);
        if (n !== undefined) {
          vNum = n;
          vHasNum = true;
          return;
        }
      }
      if (vHasNum) {
        vText = String(vNum);
        vHasNum = false;
      }
      vText += utf8(b, start, end);
    },
    close(tag) {
      switch (tag) {
        case 'v':
        case 'f':
        case 't':
          capture = '';
          reader.wantText = reader.wantRaw = false;
          return;
        case 'is':
          inIs = false;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c':
          if (inCell) {
            inCell = false;
            if (rowNo > 0 && colNo > 0) finishCell();
          }
          return;
        case 'sheetData':
          inSheetData = false;
          return;
      }
    },
  }));
  flushRow();
  return sheet;
}

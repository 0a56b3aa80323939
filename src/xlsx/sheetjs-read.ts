/**
 * .xls (BIFF8), .ods and .et → WorkbookSnapshot through SheetJS, and the same workbook converted to .xlsx bytes
 * (the base of the annotated copy of a non-xlsx input).
 *
 * Why SheetJS, and why the npm package `@e965/xlsx`: SheetJS is the one maintained JavaScript library that reads
 * BIFF8 and OpenDocument in Node and in the browser without native code, with the cell model the snapshot needs
 * (cached values, formulas, number format codes, merges, sheet visibility). Its own releases after 0.18.5 are
 * published only on cdn.sheetjs.com, not on the npm registry, and the `xlsx` package on npm is stuck at 0.18.5
 * (with known advisories); `@e965/xlsx` republishes the upstream releases unchanged on npm, so `npm ci` from an
 * intranet mirror keeps working and no CDN is needed at build or run time. ExcelJS reads only .xlsx.
 *
 * .xlsx itself is not read here: src/xlsx/read.ts (streaming, measured) stays the reader for it; src/xlsx/open.ts
 * picks the reader from the file's first bytes.
 */
import type * as XLSX from '@e965/xlsx';
import type { CellScalar, CellSnapshot, SheetSnapshot, WorkbookSnapshot } from '../model/snapshot';
import { emptySheet, setCell } from '../model/snapshot';
import { isDateFormat, isTimeOnlyFormat, serialToIso } from '../model/numfmt';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { UnreadableWorkbookError, type UnreadableReason } from './errors';

/** The formats SheetJS reads for us. `et` is WPS 表格's own format (an OLE2 compound file like .xls). */
type SheetJs = typeof XLSX;
let sheetJsLoading: Promise<SheetJs> | undefined;
/** SheetJS takes ~0.3 s to load and only .xls/.et/.ods need it, so it is loaded on first use, not at start-up. */
function sheetJs(): Promise<SheetJs> {
  return (sheetJsLoading ??= import('@e965/xlsx'));
}

export type SheetJsFormat = 'xls' | 'ods' | 'et';

/** What each format is called in a message. */
export const FORMAT_LABEL: Record<SheetJsFormat | 'xlsx', string> = {
  xlsx: '.xlsx',
  xls: '.xls',
  ods: '.ods',
  et: 'WPS 表格 .et',
};

/** The one sentence a clerk needs when a .et file cannot be read. */
export function etSaveAsHint(file: string): string {
  return `无法读取文件：${file} 是 WPS 表格 .et 格式，本工具读不了其中的内容；请在 WPS 中打开它，点「文件 → 另存为」，文件类型选「Microsoft Excel 文件（*.xlsx）」，保存后校验新文件`;
}

/** BIFF error codes → the text Excel shows (as read.ts reads `<c t="e">`). */
const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/** The same grid limits as read.ts: cells beyond Excel's grid are dropped, as Excel drops them. */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/**
 * SheetJS reports some things it only approximates (ODS conditional number formats) with console.error. Those
 * lines would break the CLI's "one line of Chinese on stderr" promise, and the snapshot does not depend on them.
 */
function quietly<T>(fn: () => T): T {
  const err = console.error;
  const warn = console.warn;
  console.error = () => undefined;
  console.warn = () => undefined;
  try {
    return fn();
  } finally {
    console.error = err;
    console.warn = warn;
  }
}

function unreadable(reason: UnreadableReason, file: string, detail: string, message?: string): UnreadableWorkbookError {
  const e = new UnreadableWorkbookError(reason, file, detail);
  if (message) e.message = message;
  return e;
}

/**
 * SheetJS trims a text cell of an .ods with JavaScript's trim(), which also strips U+3000 (the ideographic space
 * clerks indent 科目 with) and no-break spaces; OpenDocument (ODF 1.2 §6.1.2) collapses only space, tab, CR and
 * LF. So before SheetJS sees content.xml, such characters become private-use stand-ins, and afterwards they are
 * put back in every text cell.
 */
const KEEP_SPACES = ['\u3000', '\u00a0', '\u2002', '\u2003', '\u2009', '\u202f'];
const STAND_IN = 0xe000;

interface OdsPrep {
  /** The package with protected spaces, when there were any to protect. */
  bytes?: Uint8Array;
  /** Per table, in order: what SheetJS does not read from an .ods (see odsStructure). */
  tables?: OdsTable[];
}

async function prepareOds(bytes: Uint8Array): Promise<OdsPrep> {
  const { default: JSZip } = await import('jszip');
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return {}; // SheetJS gives the message for a broken package
  }
  const entry = zip.file('content.xml');
  if (!entry) return {};
  const xml = await entry.async('string');
  let tables: OdsTable[] | undefined;
  try {
    tables = odsStructure(xml);
  } catch {
    tables = undefined; // bad XML: SheetJS decides what the clerk is told
  }
  if (!KEEP_SPACES.some((c) => xml.includes(c))) return { tables };
  for (let i = 0; i < KEEP_SPACES.length; i++) if (xml.includes(String.fromCharCode(STAND_IN + i))) return { tables };
  let out = xml;
  KEEP_SPACES.forEach((c, i) => {
    out = out.split(c).join(String.fromCharCode(STAND_IN + i));
  });
  zip.file('content.xml', out);
  return { bytes: await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }), tables };
}

interface OdsTable {
  name: string;
  hidden: boolean;
  /** 0-based, as SheetJS's !merges. */
  merges: XLSX.Range[];
}

/**
 * What SheetJS's ODS reader leaves out, read from content.xml: merges whose top-left cell is empty (a
 * self-closing <table:table-cell number-columns-spanned=…/>, which LibreOffice writes for a merged blank
 * area) and hidden sheets (a table style with table:display="false"; SheetJS reads no sheet visibility
 * from .ods). Row and column repeats are counted, never expanded.
 */
function odsStructure(xml: string): OdsTable[] {
  const hiddenStyles = new Set<string>();
  const tables: OdsTable[] = [];
  const parser = new SaxesParser({ position: false });
  let styleName: string | undefined;
  let table: OdsTable | undefined;
  let depth = 0; // nested tables (sub-tables) are not sheets
  let row = 0;
  let col = 0;
  let rowRepeat = 1;
  parser.on('opentag', (node) => {
    const a = (node as SaxesTagPlain).attributes as Record<string, string>;
    switch (node.name) {
      case 'style:style':
        styleName = a['style:family'] === 'table' ? a['style:name'] : undefined;
        return;
      case 'style:table-properties':
        if (styleName && a['table:display'] === 'false') hiddenStyles.add(styleName);
        return;
      case 'table:table':
        depth++;
        if (depth === 1) {
          table = { name: a['table:name'] ?? '', hidden: hiddenStyles.has(a['table:style-name'] ?? ''), merges: [] };
          tables.push(table);
          row = 0;
        }
        return;
      case 'table:table-row':
        if (depth !== 1) return;
        col = 0;
        rowRepeat = Math.max(1, parseInt(a['table:number-rows-repeated'] ?? '1', 10) || 1);
        return;
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        if (depth !== 1 || !table) return;
        const rep = Math.max(1, parseInt(a['table:number-columns-repeated'] ?? '1', 10) || 1);
        const cs = parseInt(a['table:number-columns-spanned'] ?? '1', 10) || 1;
        const rs = parseInt(a['table:number-rows-spanned'] ?? '1', 10) || 1;
        if (node.name === 'table:table-cell' && (cs > 1 || rs > 1)) {
          for (let k = 0; k < Math.min(rep, MAX_COLS); k++) {
            table.merges.push({ s: { r: row, c: col + k * cs }, e: { r: row + rs - 1, c: col + k * cs + cs - 1 } });
          }
        }
        col += rep;
        return;
      }
    }
  });
  parser.on('closetag', (node) => {
    if (node.name === 'table:table') depth--;
    else if (node.name === 'table:table-row' && depth === 1) row += rowRepeat;
    else if (node.name === 'style:style') styleName = undefined;
  });
  parser.write(xml).close();
  return tables;
}

function restoreSpaces(wb: XLSX.WorkBook): void {
  const re = new RegExp(`[${String.fromCharCode(STAND_IN)}-${String.fromCharCode(STAND_IN + KEEP_SPACES.length - 1)}]`, 'g');
  const put = (ch: string) => KEEP_SPACES[ch.charCodeAt(0) - STAND_IN];
  for (const name of wb.SheetNames) {
    const data = (wb.Sheets[name] as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? [];
    for (const row of data) {
      for (const cell of row ?? []) {
        if (cell && cell.t === 's' && typeof cell.v === 'string') cell.v = cell.v.replace(re, put);
      }
    }
  }
}

/** Merges and visibility from content.xml replace SheetJS's (the tables are matched by position and name). */
function applyOdsStructure(wb: XLSX.WorkBook, tables: OdsTable[]): void {
  if (!tables.every((t, i) => t.name === wb.SheetNames[i])) return;
  wb.Workbook ??= {};
  wb.Workbook.Sheets ??= [];
  tables.forEach((t, i) => {
    const ws = wb.Sheets[wb.SheetNames[i]];
    if (ws) ws['!merges'] = t.merges;
    const meta = (wb.Workbook!.Sheets![i] ??= { name: t.name });
    meta.Hidden = t.hidden ? 1 : 0;
  });
}

/** The parsed workbook, or the UnreadableWorkbookError a clerk can act on. */
async function parse(input: Uint8Array, format: SheetJsFormat, displayName: string, forCopy: boolean): Promise<XLSX.WorkBook> {
  const lib = await sheetJs();
  const ods = format === 'ods' ? await prepareOds(input) : {};
  const protectedOds = ods.bytes;
  const bytes = protectedOds ?? input;
  try {
    const wb = quietly(() =>
      lib.read(bytes, {
        type: 'array',
        dense: true,
        cellFormula: true,
        cellNF: true,
        cellDates: false,
        cellHTML: false,
        cellText: false,
        // Column widths and the like only matter for the copy.
        cellStyles: forCopy,
        WTF: false,
      }),
    );
    if (protectedOds) restoreSpaces(wb);
    if (ods.tables && ods.tables.length === wb.SheetNames.length) applyOdsStructure(wb, ods.tables);
    return wb;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(detail)) throw new UnreadableWorkbookError('encrypted', displayName, detail);
    if (format === 'et') throw unreadable('corrupt', displayName, detail, etSaveAsHint(displayName));
    if (/Cannot find Workbook stream|Unsupported/i.test(detail)) {
      throw unreadable('not_workbook', displayName, detail, `无法读取文件：${displayName} 不是 Excel 工作簿（文件中没有找到工作表）`);
    }
    throw unreadable('corrupt', displayName, detail, `无法读取文件：${displayName} 不是有效的 ${FORMAT_LABEL[format]} 文件（可能已损坏）`);
  }
}

function cellValue(cell: XLSX.CellObject, date1904: boolean): CellScalar {
  switch (cell.t) {
    case 's':
      return cell.v === undefined || cell.v === null ? null : String(cell.v);
    case 'b':
      return cell.v === undefined ? null : Boolean(cell.v);
    case 'e':
      return typeof cell.v === 'number' ? (ERROR_TEXT[cell.v] ?? cell.w ?? '#VALUE!') : (cell.w ?? null);
    case 'd': {
      const v = cell.v as unknown;
      if (v instanceof Date) {
        const iso = v.toISOString();
        return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
      }
      return v === undefined || v === null ? null : String(v);
    }
    case 'n': {
      const n = cell.v as number;
      if (typeof n !== 'number' || Number.isNaN(n)) return null;
      const z = typeof cell.z === 'string' ? cell.z : undefined;
      if (z && isDateFormat(z)) return serialToIso(n, date1904, isTimeOnlyFormat(z)) ?? n;
      return n;
    }
    default:
      return null; // 'z': a styled empty cell
  }
}

function toSheet(ws: XLSX.WorkSheet | undefined, name: string, index: number, date1904: boolean): SheetSnapshot {
  const sheet = emptySheet(name, index);
  if (!ws) return sheet;
  const data = (ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? [];
  const rows = Math.min(data.length, MAX_ROWS);
  for (let r = 0; r < rows; r++) {
    const row = data[r];
    if (!row) continue;
    const cols = Math.min(row.length, MAX_COLS);
    for (let c = 0; c < cols; c++) {
      const cell = row[c];
      if (!cell) continue;
      const value = cellValue(cell, date1904);
      const formula = typeof cell.f === 'string' && cell.f.trim() !== '' ? cell.f.trim().replace(/^=/, '') : undefined;
      // As read.ts: an empty cell without a formula is no cell.
      if (formula === undefined && (value === null || value === '')) continue;
      const out: CellSnapshot = { value };
      if (formula !== undefined) out.formula = formula;
      const z = typeof cell.z === 'string' ? cell.z : undefined;
      if (z !== undefined && !/^general$/i.test(z)) out.numFmt = z;
      setCell(sheet, r + 1, c + 1, out);
    }
  }
  for (const m of ws['!merges'] ?? []) {
    sheet.merges.push({
      top: Math.min(m.s.r, m.e.r) + 1,
      left: Math.min(m.s.c, m.e.c) + 1,
      bottom: Math.max(m.s.r, m.e.r) + 1,
      right: Math.max(m.s.c, m.e.c) + 1,
    });
  }
  return sheet;
}

/** Reads an .xls, .ods or .et workbook into the snapshot. Throws UnreadableWorkbookError (never anything else). */
export async function readWithSheetJs(bytes: Uint8Array, format: SheetJsFormat, name: string, displayName: string = name): Promise<WorkbookSnapshot> {
  const wb = await parse(bytes, format, displayName, false);
  try {
    const date1904 = wb.Workbook?.WBProps?.date1904 === true;
    const sheets = wb.SheetNames.map((sheetName, index) => {
      const sheet = toSheet(wb.Sheets[sheetName], sheetName, index, date1904);
      const hidden = wb.Workbook?.Sheets?.[index]?.Hidden;
      if (hidden === 1 || hidden === 2) sheet.hidden = true;
      return sheet;
    });
    if (sheets.length === 0) {
      throw unreadable('not_workbook', displayName, 'no sheets', `无法读取文件：${displayName} 不是 Excel 工作簿（文件中没有找到工作表）`);
    }
    return { name, sheets };
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    throw unreadable('corrupt', displayName, detail, `无法读取文件：${displayName} 不是有效的 ${FORMAT_LABEL[format]} 文件（可能已损坏）`);
  }
}

/**
 * The workbook as .xlsx bytes, written by SheetJS: values, formulas, number formats, merges, column widths and
 * sheet visibility carry over; fonts, fills and borders do not (SheetJS's community build writes no cell styles).
 * This is the base the annotated copy of a non-xlsx input is made from.
 */
export async function convertToXlsx(bytes: Uint8Array, format: SheetJsFormat, displayName: string): Promise<Uint8Array> {
  const wb = await parse(bytes, format, displayName, true);
  const lib = await sheetJs();
  const out = quietly(() => lib.write(wb, { type: 'array', bookType: 'xlsx', compression: true, cellStyles: true }) as ArrayBuffer);
  return new Uint8Array(out);
}

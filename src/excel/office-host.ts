/**
 * The Office.js adapter: the workbook open in Excel as a WorkbookSnapshot, and findings back into it as marks
 * that cannot hurt it (issue #10) — sized to Excel's documented limits (issue #12).
 *
 * MARKS ARE CONDITIONAL FORMATS. A highlight is a custom conditional-format rule (ExcelApi 1.6,
 * `conditionalFormats.add(Excel.ConditionalFormatType.custom)`) whose formula is markFormula(kind) from the one mark
 * plan (src/format/marks.ts): always true, and containing a text no user formula would. The cell's own format is
 * never touched and nothing is recorded: 清除标记 lists every sheet's conditional formats and deletes exactly those
 * whose formula markKindOf recognises — after renames, inserted or deleted rows, moved or swapped sheets and any
 * user edit, because the rules live on the sheet and move with it. Hosts below ExcelApi 1.6 get list-only checking
 * (markingUnavailable() says why, in Chinese).
 *   https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection#excel-excel-conditionalformatcollection-add-member(1)
 *
 * NOTES are added only to a cell that has none (no note, no threaded comment); their text starts with NOTE_HEADER and
 * they are removed only while their text is still the product's (isProductNote). A marked cell that has the user's
 * note is named in the results sheet instead. Notes need ExcelApi 1.18 AND an office.js that has Worksheet.notes
 * (the bundled npm @microsoft/office-js 1.1.110 does not); else threaded comments (1.10), else none.
 *
 * THE RESULTS SHEET is the product's by a hidden workbook-level defined name (RESULT_SHEET_NAME_MARKER, as the file
 * copy writes it, src/xlsx/patch.ts), never by its name: a user's sheet called 校验结果 is never deleted or written;
 * the results then go to 校验结果 (2). Sheets writeSheet makes carry a name SHEET_MARKER_PREFIX + n the same way.
 *
 * AUTO-FILL VALUES go in an Excel.run and a sync of their own, after every other write, so Ctrl+Z in Excel undoes
 * exactly them (adding or deleting a sheet clears Excel's undo stack; those never share that batch).
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities
 *
 * SIZE. Excel on the web limits every request and response to 5 MB and a range read to 5,000,000 cells
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * readSnapshot makes two light syncs (the sheet list; then each used range's address, merged areas and formula
 * cells' areas), then reads values and number formats in pieces of rows packed under a byte budget (default 4 MB,
 * estimated per cell and corrected from what each sync returned; a response the host still refuses is re-read in
 * halves) and under CELL_BUDGET cells; formulas only for the cells getSpecialCellsOrNullObject("Formulas") names
 * (ExcelApi 1.9; else with the values). Writes are queued through a Batcher that syncs before the budget is reached.
 *
 * FEATURE DETECTION: an optional API is used only when the requirement set says so AND the loaded office.js has it
 * (the proxy member exists). Nothing is remembered after a failure (no sticky fallbacks): a failed marking batch is
 * rolled back (every product mark removed) before the error is shown, and the next click starts afresh — after
 * cell-edit mode ends, for instance.
 *
 * Null objects: only load() and isNullObject are used on *OrNullObject results, never a call derived from one
 * (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties).
 */
import { a1, colLetter, parseA1, sheetRef } from '../model/address';
import type { CellSnapshot, MergeArea, SheetSnapshot, WorkbookSnapshot } from '../model/snapshot';
import { emptySheet, getCell, setCell } from '../model/snapshot';
import type { CellFix, Finding } from '../model/finding';
import {
  resultSheetLayout,
  FILLS,
  RESULT_ITEM_COLUMNS,
  RESULT_PLACE_COLUMN,
  RESULT_SEVERITY_COLUMN,
  RESULT_SHEET,
  RESULT_SHEET_NAME_MARKER,
  markFormula,
  markKindOf,
  noteText,
  isProductNote,
  planMarks,
  resultSheetIndex,
  type CellMark,
  type MarkKind,
} from '../format/marks';
import { isDateFormat, isTimeOnlyFormat, serialToIso } from '../model/numfmt';
import type { AnnotateResult, WorkbookHost } from './host';

/** Runs a batch against the workbook: Excel.run in production, the simulator's run in tests. */
export type RunBatch = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Office.context.requirements (or a stand-in). */
export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export type NoteKind = AnnotateResult['noteKind'];

export interface HostOptions {
  /** Bytes one sync may carry each way (default 4 MB, well below Excel's 5 MB). */
  budgetBytes?: number;
}

/** Bytes per sync, each way: well below Excel on the web's 5 MB. */
export const BYTE_BUDGET = 4 * 1024 * 1024;
/** Cells per range read (Excel's limit is 5,000,000). */
export const CELL_BUDGET = 1_000_000;
/** First guess of the bytes a cell's value and number format take in a response (corrected after each read). */
const FIRST_BYTES_PER_CELL = 64;
/** What one queued write costs in a request besides its arguments (object paths, ids): a generous guess. */
const ACTION_BYTES = 240;
/** Formula areas a sheet may list before its formulas are read with its values instead. */
const MAX_FORMULA_AREAS = 2000;
/** Cells a conditional-format rule may cover by one address list (RangeAreas address, kept short). */
const MAX_AREA_ADDRESS = 2000;
/** Defined names marking the sheets writeSheet made. */
export const SHEET_MARKER_PREFIX = '_BudgetCheck_Sheet_';

/** Why this host can only list findings (no marks), or null when it can mark. */
export const NO_MARKS_MESSAGE =
  '此版本 Excel 不支持条件格式接口（需要 Excel JavaScript API 1.6），本工具只在任务窗格中列出问题，不能标记到工作表。请使用 Excel 2019 及以上版本或 Microsoft 365。';
const CELL_EDIT_MESSAGE = '请先结束单元格编辑（按 Enter 或 Esc），再点一次';

/** Whether a note's text is still the product's: one definition, in src/format/marks.ts (re-exported here). */
export { isProductNote };

/** UTF-8 bytes of a value's JSON: how requests and responses are sized. */
export function jsonBytes(v: unknown): number {
  const text = JSON.stringify(v) ?? '';
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses as Office.js writes them: "表一!A1:C5", "'5 支出'!A1", RangeAreas "表一!A1:B2,表一!D4:E5".

/** Splits "Sheet!A1:B2" / "'It''s'!A1" into sheet and local part. */
export function splitAddress(address: string): { sheet: string; local: string } {
  const s = address.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    for (; i < s.length; i++) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i++;
          continue;
        }
        break;
      }
      name += s[i];
    }
    return { sheet: name, local: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  return bang < 0 ? { sheet: '', local: s } : { sheet: s.slice(0, bang), local: s.slice(bang + 1) };
}

/** Splits a RangeAreas address at the commas outside quoted sheet names. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function parseArea(local: string): MergeArea {
  const [p, q = p] = local.replace(/\$/g, '').split(':');
  const a = parseA1(p);
  const b = parseA1(q);
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshot building (pure: unit-tested on plain data)

export interface UsedRangeData {
  address: string;
  values: unknown[][];
  formulas?: unknown[][];
  numberFormat: unknown[][];
}

/** Puts a block of cells (values, formulas when read with them, number formats) into a sheet of the snapshot. */
export function addBlock(sheet: SheetSnapshot, used: UsedRangeData): void {
  const origin = parseArea(splitAddress(used.address).local);
  used.values.forEach((row, i) => {
    row.forEach((raw, j) => {
      const f = used.formulas?.[i]?.[j];
      const formula = typeof f === 'string' && f.startsWith('=') && f.length > 1 ? f.slice(1) : undefined;
      const fmt = used.numberFormat[i]?.[j];
      const numFmt = typeof fmt === 'string' && fmt !== '' && !/^general$/i.test(fmt) ? fmt : undefined;
      let value: CellSnapshot['value'] = raw === '' || raw === null || raw === undefined ? null : (raw as CellSnapshot['value']);
      if (typeof value === 'number' && numFmt && isDateFormat(numFmt)) value = serialToIso(value, false, isTimeOnlyFormat(numFmt)) ?? value;
      if (formula === undefined && value === null) return;
      const cell: CellSnapshot = { value };
      if (formula !== undefined) cell.formula = formula;
      if (numFmt !== undefined) cell.numFmt = numFmt;
      setCell(sheet, origin.top + i, origin.left + j, cell);
    });
  });
}

/** Formulas read for a formula area only: put on the cells (a formula cell with an empty result is created). */
export function addFormulas(sheet: SheetSnapshot, address: string, formulas: unknown[][]): void {
  const origin = parseArea(splitAddress(address).local);
  formulas.forEach((row, i) =>
    row.forEach((f, j) => {
      if (typeof f !== 'string' || !f.startsWith('=') || f.length < 2) return;
      const r = origin.top + i;
      const c = origin.left + j;
      const cell = getCell(sheet, r, c);
      if (cell) cell.formula = f.slice(1);
      else setCell(sheet, r, c, { value: null, formula: f.slice(1) });
    }),
  );
}

/**
 * One sheet of the snapshot from its used range (values, formulas, number formats as Office.js returns them) and
 * its merged areas' address: values as read, "=…" formulas without the "=", number formats other than General,
 * date serials under a date format as ISO text (as the .xlsx reader gives them), merges 1-based.
 */
export function sheetFromRange(
  name: string,
  index: number,
  hidden: boolean,
  used: UsedRangeData | null,
  mergedAddress: string | null,
): SheetSnapshot {
  const sheet = emptySheet(name, index);
  if (hidden) sheet.hidden = true;
  if (used) addBlock(sheet, used);
  if (mergedAddress) for (const part of splitAreas(mergedAddress)) sheet.merges.push(parseArea(splitAddress(part).local));
  return sheet;
}

// ---------------------------------------------------------------------------------------------------------------
// What the adapter knows about the host and the workbook

/** Optional APIs, each present only when the requirement set says so and the loaded office.js has it. */
export interface Capabilities {
  conditionalFormats: boolean;
  /** Worksheet.getRanges / RangeAreas (1.9): one rule over many cells. */
  rangeAreas: boolean;
  notes: boolean;
  comments: boolean;
  mergedAreas: boolean;
  specialCells: boolean;
  protection: boolean;
  freezePanes: boolean;
  /** Worksheet.pageLayout (1.9): orientation, paper size, fit-to-pages zoom, print title rows. */
  pageLayout: boolean;
  /** Range.group / hideGroupDetails (1.10): the 舍位 rows as a collapsed outline group. */
  outline: boolean;
}

interface SheetEntry {
  ws: Excel.Worksheet;
  name: string;
  index: number;
  hidden: boolean;
  protected: boolean;
}

interface Markers {
  /** The product's results sheet (by the defined name), lower case; '' when none. */
  result: string;
  /** Sheets writeSheet made, lower case → their marker names. */
  made: Map<string, string>;
  /** Every marker name present (for deletion / a free name). */
  names: string[];
}

/** Where a product mark, note or comment was found, for deletion. */
interface Found {
  cfs: Excel.ConditionalFormat[];
  notes: Excel.Note[];
  comments: Excel.Comment[];
  /** Cells with a note or comment that is not the product's, by lower-case sheet name. */
  foreign: Map<string, Set<string>>;
  /** Protected sheets that hold product marks (which cannot be removed there). */
  protectedSheets: string[];
}

/** Queues writes and syncs before the request would pass the budget. */
class Batcher {
  private bytes = 0;
  syncs = 0;
  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly budget: number,
  ) {}
  async add(bytes: number, queue: () => void): Promise<void> {
    const cost = ACTION_BYTES + bytes;
    if (this.bytes > 0 && this.bytes + cost > this.budget) await this.flush();
    queue();
    this.bytes += cost;
  }
  async flush(): Promise<void> {
    if (this.bytes === 0) return;
    this.bytes = 0;
    this.syncs++;
    await this.ctx.sync();
  }
}

function errorCode(e: unknown): string {
  const o = e as { code?: unknown; debugInfo?: { code?: unknown } } | null;
  return String(o?.code ?? o?.debugInfo?.code ?? '');
}

function hex(argb: string): string {
  return `#${argb.slice(-6)}`;
}

/** Excel column width in points for a width in characters (7-pixel digits, 5 pixels of padding). */
function widthPoints(chars: number): number {
  return (chars * 7 + 5) * 0.75;
}

/** Text Excel would read as a formula, a number or a boolean is written with a leading apostrophe. */
function asText(v: string | number): string | number {
  if (typeof v === 'number') return v;
  return /^[=+\-@']/.test(v) || /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v) || /^(true|false)$/i.test(v) ? `'${v}` : v;
}

function freeName(base: string, taken: Set<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** The sheet a defined name's value ("=Sheet!$A$1", "'My sheet'!$A$1") points at, lower case; '' for none. */
function nameSheet(value: unknown): string {
  if (typeof value !== 'string' || !value || /#REF!/i.test(value)) return '';
  const { sheet } = splitAddress(value.replace(/^=/, ''));
  return sheet.toLowerCase();
}

function areaAddress(m: MergeArea): string {
  const tl = a1(m.top, m.left);
  return m.top === m.bottom && m.left === m.right ? tl : `${tl}:${a1(m.bottom, m.right)}`;
}

/** Addresses joined with commas, in lists no longer than MAX_AREA_ADDRESS characters. */
function addressLists(cells: string[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const c of cells) {
    if (cur && cur.length + c.length + 1 > MAX_AREA_ADDRESS) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${c}` : c;
  }
  if (cur) out.push(cur);
  return out;
}

/** Cells of the largest merged area marked as a whole (bigger ones: the anchor cell only). */
const MAX_MARKED_AREA = 2000;

/** The Office.js implementation of WorkbookHost. */
export class OfficeWorkbookHost implements WorkbookHost {
  private readonly budget: number;
  /** Bytes a cell's value and number format took in the last read (a guess until then). */
  private bytesPerCell = FIRST_BYTES_PER_CELL;
  /** Round trips of the last readSnapshot (for the bench). */
  lastReadSyncs = 0;
  /** The sheets the last read saw, in order (a hint for the next read's single light sync, never a fallback). */
  private knownSheets: string[] = [];

  constructor(
    private readonly run: RunBatch,
    private readonly requirements: Requirements,
    options: HostOptions = {},
  ) {
    this.budget = options.budgetBytes ?? BYTE_BUDGET;
  }

  private supports(version: string): boolean {
    try {
      return this.requirements.isSetSupported('ExcelApi', version);
    } catch {
      return false;
    }
  }

  /** The optional APIs, checked against the requirement sets and the proxies of the loaded office.js. */
  capabilities(ctx: Excel.RequestContext): Capabilities {
    const ws = ctx.workbook.worksheets.getActiveWorksheet();
    const probe = (version: string, has: () => unknown): boolean => {
      if (!this.supports(version)) return false;
      try {
        return !!has();
      } catch {
        return false;
      }
    };
    // (Reflect.get: a proxy member looked up, not a property read — the member is absent when office.js lacks it)
    const range = () => ws.getRange('A1');
    const has = (o: object, name: string, kind: 'function' | 'collection') => {
      const v: unknown = Reflect.get(o, name);
      return kind === 'function' ? typeof v === 'function' : !!v && typeof Reflect.get(v as object, 'load') === 'function';
    };
    return {
      conditionalFormats: probe('1.6', () => has(range(), 'conditionalFormats', 'collection')),
      rangeAreas: probe('1.9', () => has(ws, 'getRanges', 'function')),
      notes: probe('1.18', () => has(ws, 'notes', 'collection')),
      comments: probe('1.10', () => has(ws, 'comments', 'collection')),
      mergedAreas: probe('1.13', () => has(range(), 'getMergedAreasOrNullObject', 'function')),
      specialCells: probe('1.9', () => has(range(), 'getSpecialCellsOrNullObject', 'function')),
      protection: probe('1.2', () => Reflect.get(ws, 'protection') !== undefined),
      freezePanes: probe('1.7', () => Reflect.get(ws, 'freezePanes') !== undefined),
      pageLayout: probe('1.9', () => Reflect.get(ws, 'pageLayout') !== undefined),
      outline: probe('1.10', () => has(range(), 'group', 'function') && has(range(), 'hideGroupDetails', 'function')),
    };
  }

  /** Why this host cannot mark (list-only checking), or null. */
  markingUnavailable(): string | null {
    return this.supports('1.6') ? null : NO_MARKS_MESSAGE;
  }

  /** What annotate writes as notes on this host (requirement sets only; annotate also checks the runtime). */
  noteKind(): NoteKind {
    if (this.supports('1.18')) return 'note';
    if (this.supports('1.10')) return 'comment';
    return 'none';
  }

  // -------------------------------------------------------------------------------------------------------------
  // Light syncs shared by every operation

  /** One sync: the sheets (name, visibility, protection) and the product's defined names. */
  private async listSheets(ctx: Excel.RequestContext, caps: Capabilities): Promise<{ sheets: SheetEntry[]; markers: Markers; docName?: string }> {
    const wb = ctx.workbook;
    wb.worksheets.load(caps.protection ? 'items/name,items/visibility,items/protection/protected' : 'items/name,items/visibility');
    wb.names.load('items/name,items/type,items/value');
    if (this.supports('1.7')) wb.load('name');
    await ctx.sync();
    const sheets = wb.worksheets.items.map((ws, index) => ({
      ws,
      name: ws.name,
      index,
      hidden: ws.visibility !== 'Visible',
      protected: caps.protection ? !!ws.protection.protected : false,
    }));
    const markers: Markers = { result: '', made: new Map(), names: [] };
    for (const n of wb.names.items) {
      if (n.name === RESULT_SHEET_NAME_MARKER) {
        markers.names.push(n.name);
        markers.result = n.type === 'Range' ? nameSheet(n.value) : '';
      } else if (n.name.startsWith(SHEET_MARKER_PREFIX)) {
        markers.names.push(n.name);
        const s = n.type === 'Range' ? nameSheet(n.value) : '';
        if (s) markers.made.set(s, n.name);
      }
    }
    return { sheets, markers, docName: this.supports('1.7') ? wb.name : undefined };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Reading

  async readSnapshot(): Promise<WorkbookSnapshot> {
    return this.guard('读取工作簿失败', () =>
      this.run(async (ctx) => {
        let syncs = 0;
        const sync = async () => {
          syncs++;
          await ctx.sync();
        };
        const caps = this.capabilities(ctx);
        const sizes = (proxies: Excel.Worksheet[]) => ({
          used: proxies.map((ws) => ws.getUsedRangeOrNullObject(true).load('address,rowCount,columnCount')),
          formulaAreas: caps.specialCells ? proxies.map((ws) => ws.getRange().getSpecialCellsOrNullObject('Formulas').load('address,areaCount')) : [],
          merged: (caps.mergedAreas ? proxies.map((ws) => ws.getRange().getMergedAreasOrNullObject().load('address')) : []) as (Excel.RangeAreas | undefined)[],
        });
        let listed: Awaited<ReturnType<OfficeWorkbookHost['listSheets']>> | undefined;
        let measured: ReturnType<typeof sizes> | undefined;
        const guess = this.knownSheets;
        if (guess.length) {
          // One light sync instead of two: the sizes of the sheets the last read saw, queued by name beside the
          // list. Only a hint: a sheet renamed, added or deleted since (or more than 512 merged areas) means the
          // two-step light read, this time.
          const guessed = sizes(guess.map((n) => ctx.workbook.worksheets.getItem(n)));
          try {
            listed = await this.listSheets(ctx, caps);
            syncs++;
            const names = listed.sheets.filter((s) => s.name.toLowerCase() !== listed!.markers.result).map((s) => s.name);
            if (names.length === guess.length && names.every((n, i) => n === guess[i])) measured = guessed;
          } catch (e) {
            syncs++;
            if (errorCode(e) === 'InvalidOperationInCellEditMode') throw e;
            listed = undefined;
          }
        }
        if (!listed) {
          listed = await this.listSheets(ctx, caps);
          syncs++;
        }
        const { sheets, markers, docName } = listed;
        const own = sheets.filter((s) => s.name.toLowerCase() !== markers.result);

        // Light sync 2 (unless the guess above measured them): each used range's size, the merged areas and the
        // formula cells' areas.
        const fresh = measured ?? sizes(own.map((s) => s.ws));
        const { used, formulaAreas } = fresh;
        let merged = fresh.merged;
        let formatted: Excel.Range[] = [];
        try {
          if (!measured) await sync();
        } catch (e) {
          if (!caps.mergedAreas || errorCode(e) === 'InvalidOperationInCellEditMode') throw e;
          // More than 512 merged areas on some sheet (getMergedAreasOrNullObject then fails): sizes again without
          // merges, then the merges of halves of the sheet list, down to row bands of one sheet (this read only:
          // nothing is remembered).
          own.forEach((s, i) => {
            used[i] = s.ws.getUsedRangeOrNullObject(true).load('address,rowCount,columnCount');
            if (caps.specialCells) formulaAreas[i] = s.ws.getRange().getSpecialCellsOrNullObject('Formulas').load('address,areaCount');
          });
          formatted = own.map((s) => s.ws.getUsedRangeOrNullObject(false).load('address'));
          merged = [];
          await sync();
        }

        const snaps = own.map((s) => sheetFromRange(s.name, s.index, s.hidden, null, null));
        const mergeLists: (string | null)[] = own.map((_, i) => {
          const m = merged[i];
          return m && !m.isNullObject ? m.address : null;
        });
        if (caps.mergedAreas && !merged.length) {
          const split = async (indexes: number[]): Promise<void> => {
            const live = indexes.filter((i) => !formatted[i].isNullObject);
            if (!live.length) return;
            const areas = live.map((i) => own[i].ws.getRange().getMergedAreasOrNullObject().load('address'));
            try {
              await sync();
              live.forEach((i, k) => void (mergeLists[i] = areas[k].isNullObject ? null : areas[k].address));
              return;
            } catch (e) {
              if (errorCode(e) === 'InvalidOperationInCellEditMode') throw e;
            }
            if (live.length > 1) {
              const mid = Math.floor(live.length / 2);
              await split(live.slice(0, mid));
              await split(live.slice(mid));
              return;
            }
            const i = live[0];
            const box = parseArea(splitAddress(formatted[i].address).local);
            const found = new Set<string>();
            await this.readMergesBanded(ctx, own[i].ws, box.top, box.bottom, found, () => syncs++);
            mergeLists[i] = [...found].join(',') || null;
          };
          await split(own.map((_, i) => i));
        }
        mergeLists.forEach((m, i) => {
          if (m) for (const part of splitAreas(m)) snaps[i].merges.push(parseArea(splitAddress(part).local));
        });

        // The pieces: row bands of each used range, packed into syncs under the byte budget and the cell limit.
        interface Cursor {
          i: number;
          top: number;
          left: number;
          bottom: number;
          right: number;
          /** Read formulas with the values (no special cells, or too many formula areas). */
          withFormulas: boolean;
          /** Formula areas still to read for this sheet. */
          formulaAreas: string[];
        }
        const cursors: Cursor[] = [];
        own.forEach((s, i) => {
          const u = used[i];
          const fa = formulaAreas[i];
          const areas = fa && !fa.isNullObject ? splitAreas(fa.address).map((p) => splitAddress(p).local) : [];
          const withFormulas = !caps.specialCells || (!!fa && !fa.isNullObject && fa.areaCount > MAX_FORMULA_AREAS);
          if (u.isNullObject) {
            if (!withFormulas && areas.length) cursors.push({ i, top: 1, left: 1, bottom: 0, right: 0, withFormulas, formulaAreas: areas });
            return;
          }
          const box = parseArea(splitAddress(u.address).local);
          cursors.push({ i, ...box, withFormulas, formulaAreas: withFormulas ? [] : areas });
        });

        // Formula areas, split by rows too, so that none is larger than the budget allows.
        const formulaPieces: { i: number; address: string; cells: number }[] = [];
        for (const c of cursors) {
          for (const area of c.formulaAreas) {
            const b = parseArea(area);
            const w = b.right - b.left + 1;
            const rowsPer = Math.max(1, Math.floor(Math.min(CELL_BUDGET, this.budget / (FIRST_BYTES_PER_CELL * 2)) / w));
            for (let t = b.top; t <= b.bottom; t += rowsPer) {
              const bottom = Math.min(b.bottom, t + rowsPer - 1);
              formulaPieces.push({ i: c.i, address: areaAddress({ top: t, left: b.left, bottom, right: b.right }), cells: (bottom - t + 1) * w });
            }
          }
        }

        const formulasRead: { i: number; address: string; formulas: unknown[][] }[] = [];
        let queue = cursors.filter((c) => c.bottom >= c.top);
        let fqueue = formulaPieces;
        while (queue.length || fqueue.length) {
          const perCell = this.bytesPerCell;
          let room = this.budget;
          const pieces: { c: Cursor; top: number; bottom: number; range: Excel.Range }[] = [];
          const fpieces: { i: number; address: string; range: Excel.Range }[] = [];
          for (const c of queue) {
            if (room <= 0) break;
            const w = c.right - c.left + 1;
            const cellCost = perCell * (c.withFormulas ? 2 : 1);
            const rows = Math.floor(Math.min(room / cellCost, CELL_BUDGET) / w);
            if (rows < 1 && pieces.length) break;
            const take = Math.max(1, Math.min(rows, c.bottom - c.top + 1));
            const bottom = c.top + take - 1;
            const range = own[c.i].ws.getRange(areaAddress({ top: c.top, left: c.left, bottom, right: c.right }));
            if (c.withFormulas) range.load('address,values,numberFormat,formulas');
            else range.load('address,values,numberFormat');
            pieces.push({ c, top: c.top, bottom, range });
            room -= take * w * cellCost;
          }
          for (const f of fqueue) {
            if (room - f.cells * perCell * 2 < 0 && (pieces.length || fpieces.length)) break;
            const range = own[f.i].ws.getRange(f.address).load('address,formulas');
            fpieces.push({ i: f.i, address: f.address, range });
            room -= f.cells * perCell * 2;
          }
          try {
            await sync();
          } catch (e) {
            if (errorCode(e) !== 'ResponsePayloadSizeLimitExceeded' || perCell > 1 << 16) throw e;
            // The host still refused the response: the cells were bigger than guessed. Read half as much at a time.
            this.bytesPerCell = perCell * 2;
            continue;
          }
          let bytes = 0;
          let cells = 0;
          for (const p of pieces) {
            const data: UsedRangeData = {
              address: p.range.address,
              values: p.range.values,
              numberFormat: p.range.numberFormat,
              formulas: p.c.withFormulas ? p.range.formulas : undefined,
            };
            addBlock(snaps[p.c.i], data);
            bytes += jsonBytes(data.values) + jsonBytes(data.numberFormat) + (p.c.withFormulas ? jsonBytes(data.formulas) : 0);
            cells += (p.bottom - p.top + 1) * (p.c.right - p.c.left + 1) * (p.c.withFormulas ? 2 : 1);
            p.c.top = p.bottom + 1;
          }
          for (const f of fpieces) formulasRead.push({ i: f.i, address: f.range.address, formulas: f.range.formulas });
          if (cells > 0) this.bytesPerCell = Math.max(8, Math.ceil((bytes / cells) * 1.25));
          queue = queue.filter((c) => c.top <= c.bottom);
          fqueue = fqueue.slice(fpieces.length);
        }
        // Formulas last: a formula area may have been read before the values of its rows.
        for (const f of formulasRead) addFormulas(snaps[f.i], f.address, f.formulas);
        this.lastReadSyncs = syncs;
        this.knownSheets = own.map((s) => s.name);
        return { name: docName || 'Excel 工作簿', sheets: snaps };
      }),
    );
  }

  /** Merged areas of rows top..bottom, in halves until a band has no more than Excel's 512 (one sync each). */
  private async readMergesBanded(ctx: Excel.RequestContext, ws: Excel.Worksheet, top: number, bottom: number, found: Set<string>, count: () => void): Promise<void> {
    const areas = ws.getRange(`${top}:${bottom}`).getMergedAreasOrNullObject().load('address');
    try {
      count();
      await ctx.sync();
    } catch (e) {
      if (top >= bottom || errorCode(e) === 'InvalidOperationInCellEditMode') throw e;
      const mid = Math.floor((top + bottom) / 2);
      await this.readMergesBanded(ctx, ws, top, mid, found, count);
      await this.readMergesBanded(ctx, ws, mid + 1, bottom, found, count);
      return;
    }
    if (!areas.isNullObject) for (const p of splitAreas(areas.address)) found.add(splitAddress(p).local.replace(/\$/g, ''));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Finding the product's marks

  /**
   * Two syncs: every sheet's conditional formats (id, type), notes and comments (text); then the formulas of the
   * custom rules and where the others' notes and comments are (on `locateOn` sheets only).
   */
  private async findMarks(ctx: Excel.RequestContext, caps: Capabilities, sheets: SheetEntry[], locateOn: Set<string>): Promise<Found> {
    const found: Found = { cfs: [], notes: [], comments: [], foreign: new Map(), protectedSheets: [] };
    const locked = new Set<string>();
    // Protected sheets are read too (reads are allowed): their marks cannot go, and the sheet is named instead.
    const per = sheets.map((s) => ({
      s,
      cfs: caps.conditionalFormats ? s.ws.getRange().conditionalFormats.load('items/id,items/type') : undefined,
      notes: caps.notes ? s.ws.notes.load('items/content') : undefined,
      comments: caps.comments ? s.ws.comments.load('items/content') : undefined,
    }));
    await ctx.sync();
    const rules: { cf: Excel.ConditionalFormat; sheet: SheetEntry }[] = [];
    const located: { sheet: string; range: Excel.Range }[] = [];
    for (const p of per) {
      const k = p.s.name.toLowerCase();
      for (const cf of p.cfs?.items ?? []) {
        if (cf.type === 'Custom') {
          cf.custom.rule.load('formula');
          rules.push({ cf, sheet: p.s });
        }
      }
      for (const n of p.notes?.items ?? []) {
        if (isProductNote(n.content)) {
          if (p.s.protected) locked.add(p.s.name);
          else found.notes.push(n);
        } else if (locateOn.has(k)) located.push({ sheet: k, range: n.getLocation().load('address') });
      }
      for (const c of p.comments?.items ?? []) {
        if (isProductNote(c.content)) {
          if (p.s.protected) locked.add(p.s.name);
          else found.comments.push(c);
        } else if (locateOn.has(k)) located.push({ sheet: k, range: c.getLocation().load('address') });
      }
    }
    if (rules.length || located.length) await ctx.sync();
    for (const { cf, sheet } of rules) {
      if (!markKindOf(cf.custom.rule.formula ?? '')) continue;
      if (sheet.protected) locked.add(sheet.name);
      else found.cfs.push(cf);
    }
    found.protectedSheets = [...locked];
    for (const l of located) {
      const set = found.foreign.get(l.sheet) ?? new Set<string>();
      set.add(splitAddress(l.range.address).local.replace(/\$/g, '').toUpperCase());
      found.foreign.set(l.sheet, set);
    }
    return found;
  }

  /** Queues deleting what findMarks found, the results sheet and the product's marker names (not writeSheet's). */
  private async queueRemoval(b: Batcher, ctx: Excel.RequestContext, found: Found, sheets: SheetEntry[], markers: Markers): Promise<void> {
    for (const cf of found.cfs) await b.add(0, () => cf.delete());
    for (const n of found.notes) await b.add(0, () => n.delete());
    for (const c of found.comments) await b.add(0, () => c.delete());
    const result = markers.result ? sheets.find((s) => s.name.toLowerCase() === markers.result) : undefined;
    if (result) await b.add(0, () => result.ws.delete());
    if (markers.names.includes(RESULT_SHEET_NAME_MARKER)) await b.add(0, () => ctx.workbook.names.getItem(RESULT_SHEET_NAME_MARKER).delete());
  }

  // -------------------------------------------------------------------------------------------------------------
  // Writing

  async annotate(findings: Finding[], fixes: CellFix[]): Promise<AnnotateResult> {
    const why = this.markingUnavailable();
    if (why) throw new Error(why);
    let outcome: { result: AnnotateResult; writes: CellFix[] };
    try {
      outcome = await this.run((ctx) => this.writeMarks(ctx, findings, fixes));
    } catch (e) {
      // No half-applied marks: whatever this attempt added goes again (when the host lets us), then the error.
      await this.clearAnnotations().catch(() => undefined);
      throw hostError('标记失败', e);
    }
    // The confirmed values: an Excel.run and a sync of their own, after everything else, so Ctrl+Z undoes them.
    if (outcome.writes.length) {
      try {
        await this.run(async (ctx) => {
          const sheets = ctx.workbook.worksheets;
          for (const fix of outcome.writes) sheets.getItem(fix.sheet).getRange(fix.cell).values = [[Number(fix.value)]];
          await ctx.sync();
        });
      } catch (e) {
        throw hostError('已标记，但填入数值失败', e);
      }
    }
    return outcome.result;
  }

  private async writeMarks(ctx: Excel.RequestContext, findings: Finding[], fixes: CellFix[]): Promise<{ result: AnnotateResult; writes: CellFix[] }> {
    const caps = this.capabilities(ctx);
    const { sheets, markers } = await this.listSheets(ctx, caps);
    const byName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));
    const resultSheet = markers.result;

    // Confirmed fixes: on an unprotected sheet of the workbook, never onto a formula (read again right now).
    const fixCandidates = fixes.filter((f) => {
      const s = byName.get(f.sheet.toLowerCase());
      return !!s && !s.protected && s.name.toLowerCase() !== resultSheet;
    });
    const formulaChecks = fixCandidates.map((f) => ({ f, r: byName.get(f.sheet.toLowerCase())!.ws.getRange(f.cell).load('formulas') }));
    const markSheets = new Set<string>();
    for (const f of findings) if (f.sheet && f.cells.length) markSheets.add(f.sheet.toLowerCase());
    for (const f of fixCandidates) markSheets.add(f.sheet.toLowerCase());
    const found = await this.findMarks(ctx, caps, sheets, markSheets);
    const writes = formulaChecks
      .filter(({ r }) => {
        const f = r.formulas?.[0]?.[0];
        return !(typeof f === 'string' && f.startsWith('='));
      })
      .map(({ f }) => f);

    // Merged areas of the marked sheets (a cell inside one is marked as the whole area, at its anchor): a sync of
    // their own, as getMergedAreasOrNullObject fails over 512 areas — then single cells are marked (this time only).
    const merges = new Map<string, MergeArea[]>();
    if (caps.mergedAreas) {
      const areas = new Map<string, Excel.RangeAreas>();
      for (const k of markSheets) {
        const s = byName.get(k);
        if (s && !s.protected) areas.set(k, s.ws.getRange().getMergedAreasOrNullObject().load('address'));
      }
      try {
        if (areas.size) await ctx.sync();
        for (const [k, a] of areas) merges.set(k, a.isNullObject ? [] : splitAreas(a.address).map((p) => parseArea(splitAddress(p).local)));
      } catch (e) {
        if (errorCode(e) === 'InvalidOperationInCellEditMode') throw e;
        merges.clear();
      }
    }

    // The plan: marks by cell (merged areas at their anchor), skipping protected sheets and the results sheet.
    const spans = new Map<string, MergeArea>();
    const key = (sheet: string, cell: string) => {
      const s = byName.get(sheet.toLowerCase());
      if (!s || s.protected || s.name.toLowerCase() === resultSheet) return undefined;
      let pos: { row: number; col: number };
      try {
        pos = parseA1(cell);
      } catch {
        return undefined;
      }
      const m = (merges.get(s.name.toLowerCase()) ?? []).find(
        (x) => x.top <= pos.row && pos.row <= x.bottom && x.left <= pos.col && pos.col <= x.right && (x.bottom - x.top + 1) * (x.right - x.left + 1) <= MAX_MARKED_AREA,
      );
      const area = m ?? { top: pos.row, left: pos.col, bottom: pos.row, right: pos.col };
      const anchor = a1(area.top, area.left);
      spans.set(`${s.name}!${anchor}`, area);
      return { sheet: s.name, cell: anchor };
    };
    const marks = planMarks(findings, writes, key);
    const noteKind: NoteKind = caps.notes ? 'note' : caps.comments ? 'comment' : 'none';
    const kept: CellMark[] = [];
    const toNote: CellMark[] = [];
    for (const m of marks) {
      const foreign = found.foreign.get(m.sheet.toLowerCase());
      if (foreign?.has(m.cell)) kept.push(m);
      else if (noteKind !== 'none') toNote.push(m);
    }

    const b = new Batcher(ctx, this.budget);
    // 1. The previous marks and results sheet go (sheet deletion and creation: never in the values' batch).
    await this.queueRemoval(b, ctx, found, sheets, markers);

    // 2. The results sheet, and its marker name.
    const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
    if (resultSheet) taken.delete(resultSheet);
    const resultName = freeName(RESULT_SHEET, taken);
    const rs = ctx.workbook.worksheets.add(resultName);
    await b.add(jsonBytes(resultName), () => {
      const named = ctx.workbook.names.add(RESULT_SHEET_NAME_MARKER, rs.getRange('A1'));
      named.visible = false;
    });
    const protectedSkipped = sheets.filter((s) => s.protected && findings.some((f) => f.sheet.toLowerCase() === s.name.toLowerCase())).map((s) => s.name);
    const order = sheets.filter((s) => s.name.toLowerCase() !== resultSheet).map((s) => s.name);
    await this.queueResultSheet(b, rs, findings, kept, protectedSkipped, caps, resultSheetIndex(order));
    await b.flush();

    // 3. The marks: one custom rule per kind and sheet (over many cells where RangeAreas exist), then the notes.
    const groups = new Map<string, { sheet: SheetEntry; kind: MarkKind; cells: string[] }>();
    for (const m of marks) {
      const s = byName.get(m.sheet.toLowerCase())!;
      const k = `${m.sheet.toLowerCase()}\u0000${m.kind}`;
      const g = groups.get(k) ?? { sheet: s, kind: m.kind, cells: [] };
      g.cells.push(areaAddress(spans.get(`${m.sheet}!${m.cell}`)!));
      groups.set(k, g);
    }
    for (const g of groups.values()) {
      const lists = caps.rangeAreas ? addressLists(g.cells) : g.cells;
      for (const list of lists) {
        await b.add(jsonBytes(list) + 120, () => {
          const target = caps.rangeAreas && list.includes(',') ? g.sheet.ws.getRanges(list) : g.sheet.ws.getRange(list);
          const cf = target.conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
          cf.custom.rule.formula = `=${markFormula(g.kind)}`;
          cf.custom.format.fill.color = hex(FILLS[g.kind]);
        });
      }
    }
    await b.flush();

    // 4. Notes (or comments): a batch of their own; if the host refuses one (a comment-only host cannot see a legacy
    //    note on the cell), the ones added are taken away again and the marks stay without notes.
    let notes = 0;
    let kind = noteKind;
    if (toNote.length) {
      try {
        for (const m of toNote) {
          const s = byName.get(m.sheet.toLowerCase())!;
          const text = noteText(m);
          await b.add(jsonBytes(text) + jsonBytes(m.cell), () => {
            if (noteKind === 'note') s.ws.notes.add(s.ws.getRange(m.cell), text);
            else s.ws.comments.add(s.ws.getRange(m.cell), text);
          });
        }
        await b.flush();
        notes = toNote.length;
      } catch (e) {
        if (errorCode(e) === 'InvalidOperationInCellEditMode') throw e;
        const again = await this.findMarks(ctx, caps, sheets.filter((s) => markSheets.has(s.name.toLowerCase())), new Set());
        const undo = new Batcher(ctx, this.budget);
        for (const n of again.notes) await undo.add(0, () => n.delete());
        for (const c of again.comments) await undo.add(0, () => c.delete());
        await undo.flush();
        kind = 'none';
      }
    }
    return {
      result: { highlighted: marks.length, notes, noteKind: kind, written: writes.length, keptNotes: kept.length, protectedSheets: protectedSkipped },
      writes,
    };
  }

  /**
   * The results sheet as a document, the same rows as the file copy's (src/xlsx/patch.ts; issue 11 item 8): a header
   * row (RESULT_ITEM_COLUMNS), then by sections (resultSections: errors first) a title row across the width and one
   * row per item (resultItemRow: 应为/实为 columns), the 位置 cell a link to the cell; the 舍位 section last, its rows an
   * outline group, collapsed (Range.group / hideGroupDetails, ExcelApi 1.10; without them the rows stay visible, last
   * under their title). Text wrapped and top-aligned; placed first (after a first sheet whose name contains 封面) and
   * activated; printed A4 landscape, fit to one page wide, the header row repeated (Worksheet.pageLayout, ExcelApi 1.9:
   * https://learn.microsoft.com/javascript/api/excel/excel.pagelayout). Writes go in chunks under the budget.
   */
  private async queueResultSheet(
    b: Batcher,
    rs: Excel.Worksheet,
    findings: Finding[],
    kept: CellMark[],
    protectedSheets: string[],
    caps: Capabilities,
    position: number,
  ): Promise<void> {
    const width = RESULT_ITEM_COLUMNS.length;
    const lastCol = colLetter(width);
    const link = (sheet: string, cell: string) =>
      `=HYPERLINK("#${sheetRef(sheet, cell).replace(/"/g, '""')}","${`${sheet}!${cell}`.replace(/"/g, '""')}")`;
    const layout = resultSheetLayout(findings, kept, protectedSheets);
    const { titles, severities, folded } = layout;
    const rows = layout.rows.map((r) => r.map(asText));
    for (const l of layout.links) rows[l.row - 1][RESULT_PLACE_COLUMN] = link(l.sheet, l.cell);
    const linkRows = layout.links.map((l) => l.row);
    // Rows in chunks under the budget (formulas: the 位置 links; every other cell a constant).
    let start = 0;
    while (start < rows.length) {
      let bytes = 0;
      let end = start;
      while (end < rows.length && (end === start || bytes + jsonBytes(rows[end]) < this.budget / 2)) bytes += jsonBytes(rows[end++]);
      const block = rows.slice(start, end);
      const top = start + 1;
      await b.add(bytes, () => {
        rs.getRange(`A${top}:${lastCol}${top + block.length - 1}`).formulas = block;
      });
      start = end;
    }
    const total = rows.length;
    await b.add(0, () => {
      RESULT_ITEM_COLUMNS.forEach((c, i) => {
        rs.getRange(`${colLetter(i + 1)}:${colLetter(i + 1)}`).format.columnWidth = widthPoints(c.width);
      });
      const all = rs.getRange(`A1:${lastCol}${total}`).format;
      all.wrapText = true;
      all.verticalAlignment = 'Top';
      rs.getRange(`A1:${lastCol}1`).format.font.bold = true;
      if (caps.freezePanes) rs.freezePanes.freezeRows(1);
    });
    for (const r of titles) {
      await b.add(40, () => {
        const t = rs.getRange(`A${r}:${lastCol}${r}`);
        t.merge(false);
        t.format.font.bold = true;
      });
    }
    // 级别 fills: one range per run of equal severity on consecutive rows.
    const sevCol = colLetter(RESULT_SEVERITY_COLUMN + 1);
    for (let i = 0; i < severities.length; ) {
      let j = i;
      while (j + 1 < severities.length && severities[j + 1].kind === severities[i].kind && severities[j + 1].row === severities[j].row + 1) j++;
      const range = `${sevCol}${severities[i].row}:${sevCol}${severities[j].row}`;
      const colour = hex(FILLS[severities[i].kind]);
      await b.add(40, () => {
        rs.getRange(range).format.fill.color = colour;
      });
      i = j + 1;
    }
    const placeCol = colLetter(RESULT_PLACE_COLUMN + 1);
    for (let i = 0; i < linkRows.length; ) {
      let j = i;
      while (j + 1 < linkRows.length && linkRows[j + 1] === linkRows[j] + 1) j++;
      const range = `${placeCol}${linkRows[i]}:${placeCol}${linkRows[j]}`;
      await b.add(40, () => {
        const font = rs.getRange(range).format.font;
        font.color = '#0563C1';
        font.underline = 'Single';
      });
      i = j + 1;
    }
    // Office.js has no setting for where a group's control row stands (the copy writes summaryBelow="0"; VBA's
    // Outline.SummaryRow has no Office.js counterpart), so Excel shows the group's "+" below its last row.
    //   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-group
    if (folded && caps.outline) {
      const rowsOf = `${folded.first}:${folded.last}`;
      await b.add(40, () => {
        rs.getRange(rowsOf).group('ByRows');
        rs.getRange(rowsOf).hideGroupDetails('ByRows');
      });
    }
    if (caps.pageLayout) {
      await b.add(80, () => {
        const pl = rs.pageLayout;
        pl.orientation = 'Landscape';
        pl.paperSize = 'A4';
        pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        pl.setPrintTitleRows('$1:$1');
      });
    }
    await b.add(20, () => {
      rs.position = position;
      rs.activate();
    });
  }

  async clearAnnotations(): Promise<void> {
    const skipped = await this.guard('清除标记失败', () =>
      this.run(async (ctx) => {
        const caps = this.capabilities(ctx);
        const { sheets, markers } = await this.listSheets(ctx, caps);
        const found = await this.findMarks(ctx, caps, sheets, new Set());
        const b = new Batcher(ctx, this.budget);
        await this.queueRemoval(b, ctx, found, sheets, markers);
        await b.flush();
        return found.protectedSheets;
      }),
    );
    if (skipped.length) throw new Error(`其余标记已清除；工作表“${skipped.join('”“')}”受保护，其上的标记未清除：请先撤销工作表保护，再点“清除标记”。`);
  }

  async select(sheet: string, cells: string[]): Promise<void> {
    const cell = cells[0] ?? 'A1';
    try {
      await this.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await ctx.sync();
      });
    } catch (e) {
      if (errorCode(e) === 'InvalidOperationInCellEditMode') throw hostError('无法定位', e);
      throw new Error(`无法定位到 ${sheet}!${cell}：工作表不存在、已改名或已隐藏（${e instanceof Error ? e.message : String(e)}）`);
    }
  }

  async writeSheet(name: string, rows: string[][]): Promise<void> {
    await this.guard('写入工作表失败', () =>
      this.run(async (ctx) => {
        const caps = this.capabilities(ctx);
        const { sheets, markers } = await this.listSheets(ctx, caps);
        const lower = name.toLowerCase();
        const mine = sheets.find((s) => s.name.toLowerCase() === lower && markers.made.has(lower));
        const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
        if (mine) taken.delete(lower);
        const target = freeName(name, taken);
        const width = Math.max(1, ...rows.map((r) => r.length));
        const values = rows.map((r) => Array.from({ length: width }, (_, i) => asText(r[i] ?? '')));
        const b = new Batcher(ctx, this.budget);
        let marker = mine ? markers.made.get(lower)! : '';
        if (mine) {
          await b.add(0, () => {
            mine.ws.delete();
            ctx.workbook.names.getItem(marker).delete();
          });
        }
        if (!marker) {
          for (let n = 1; ; n++) {
            if (!markers.names.includes(`${SHEET_MARKER_PREFIX}${n}`)) {
              marker = `${SHEET_MARKER_PREFIX}${n}`;
              break;
            }
          }
        }
        const sheet = ctx.workbook.worksheets.add(target);
        await b.add(jsonBytes(target), () => {
          const named = ctx.workbook.names.add(marker, sheet.getRange('A1'));
          named.visible = false;
        });
        let start = 0;
        while (start < values.length) {
          let bytes = 0;
          let end = start;
          while (end < values.length && (end === start || bytes + jsonBytes(values[end]) < this.budget / 2)) bytes += jsonBytes(values[end++]);
          const block = values.slice(start, end);
          const top = start + 1;
          await b.add(bytes, () => {
            sheet.getRange(`A${top}:${colLetter(width)}${top + block.length - 1}`).values = block;
          });
          start = end;
        }
        await b.add(0, () => sheet.activate());
        await b.flush();
      }),
    );
  }

  private async guard<T>(what: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw hostError(what, e);
    }
  }
}

/** An error for the task pane: one line of Chinese, the host's own message after it, the original as cause. */
function hostError(what: string, e: unknown): Error {
  if (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) && !(e as { code?: unknown }).code) return e;
  const detail = e instanceof Error ? e.message : String(e);
  const code = errorCode(e);
  const hint =
    code === 'InvalidOperationInCellEditMode'
      ? CELL_EDIT_MESSAGE
      : code === 'AccessDenied'
        ? '工作表或工作簿受保护'
        : code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded'
          ? '一次传输的数据超过 Excel 的上限'
          : '工作表或工作簿可能受保护，或正在编辑单元格';
  const err = new Error(`${what}：${hint}（${detail}）`);
  (err as Error & { cause?: unknown; code?: string }).cause = e;
  return err;
}

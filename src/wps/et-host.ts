/**
 * The WPS 表格 (ET) adapter: the workbook open in WPS as a WorkbookSnapshot, and findings back into it — the same
 * WorkbookHost the Office.js adapter implements, over WPS's synchronous, VBA-like object model (src/wps/et-api.ts).
 *
 * What it puts on a workbook, and how it finds exactly that again (the issue "marks that cannot hurt the
 * workbook"; the same conventions as the annotated copy, src/xlsx/patch.ts):
 *   - a highlight is a conditional-format rule of type xlExpression whose formula is =markFormula(kind) from
 *     src/format/marks.ts, on the marked cell (a merged area: on the whole area). No cell format is touched, so
 *     clearing is deleting those rules — found by their formula, never by position or colour;
 *   - a note (批注) only on a cell that has none; its text starts with NOTE_HEADER, and clearing deletes a comment
 *     only while its text still starts so. A cell that already had the user's comment keeps it untouched and is
 *     listed on the 校验结果 sheet instead (NOTE_KEPT_TITLE);
 *   - the 校验结果 sheet is the sheet the hidden defined name RESULT_SHEET_NAME_MARKER points at — a sheet the user
 *     named 校验结果 is not ours and is never deleted (ours then gets "校验结果 (2)");
 *   - sheets writeSheet made (情况说明（生成）, 补充信息) are remembered the same way, by hidden names
 *     _BudgetCheck_Sheet_<n>, so writing again replaces them, and a sheet of that name the user made is kept;
 *   - confirmed fixes are written as numbers, never over a formula; clearing leaves them (they were confirmed).
 * The names follow their sheets through renames (WPS updates RefersTo), and all of it travels with the file.
 *
 * Every call is synchronous in WPS; the methods are async only because WorkbookHost is. Worksheet.Delete() asks the
 * user to confirm unless Application.DisplayAlerts is false, so deletes run with it off (and it is put back).
 */
import { a1, colLetter, parseA1 } from '../model/address';
import type { CellFix, Finding } from '../model/finding';
import type { CellSnapshot, MergeArea, SheetSnapshot, WorkbookSnapshot } from '../model/snapshot';
import { emptySheet, setCell } from '../model/snapshot';
import { isDateFormat, isTimeOnlyFormat, serialToIso } from '../model/numfmt';
import type { AnnotateResult, WorkbookHost } from '../format/host';
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
import {
  XL_EXPRESSION,
  XL_LANDSCAPE,
  XL_PAPER_A4,
  XL_SHEET_VISIBLE,
  XL_SUMMARY_ABOVE,
  XL_TOP,
  type EtApplication,
  type EtRange,
  type EtWorkbook,
  type EtWorksheet,
} from './et-api';

/** Hidden defined names that remember the sheets writeSheet made: _BudgetCheck_Sheet_1, _2, … */
export const MADE_SHEET_NAME_PREFIX = '_BudgetCheck_Sheet_';
/** Rows read per Value2/Formula call (a huge used range is read in slices, never as one array). */
const ROWS_PER_READ = 1000;
/** Rows of the 校验结果 sheet written per Value2 call. */
const RESULT_ROWS_PER_WRITE = 500;
/** Cells of a used range read at most (beyond it: a Chinese message naming the sheet, not unbounded memory). */
export const MAX_USED_CELLS = 4_000_000;
/** Cells of the largest merged area marked as a whole (a merge over whole rows is marked at its anchor only). */
const MAX_MARKED_AREA = 2000;

/**
 * The error values of Value2 as a COM VARIANT of type VT_ERROR carries them (the scode, as a signed 32-bit
 * number: 0x800A07D0 + the Excel error number). How WPS's JavaScript bridge hands an error cell over was not
 * verified (no WPS here): a number in this set, or the error text itself — both are read as the error text.
 */
export const ET_ERROR_VALUES: Record<number, string> = {
  [-2146826288]: '#NULL!',
  [-2146826281]: '#DIV/0!',
  [-2146826273]: '#VALUE!',
  [-2146826265]: '#REF!',
  [-2146826259]: '#NAME?',
  [-2146826252]: '#NUM!',
  [-2146826246]: '#N/A',
};

/** Where the pane gets the ET Application from (window.Application in WPS, the simulator in tests). */
export type EtApplicationSource = () => EtApplication | undefined;

/** An ARGB fill of src/format/marks.ts as the BGR number Interior.Color takes (R + G·256 + B·65536). */
export function bgrColor(argb: string): number {
  const rgb = argb.slice(-6);
  const r = parseInt(rgb.slice(0, 2), 16);
  const g = parseInt(rgb.slice(2, 4), 16);
  const b = parseInt(rgb.slice(4, 6), 16);
  return r + g * 256 + b * 65536;
}

/** Text WPS would read as a formula, a number or a boolean is written with a leading apostrophe (stays text). */
function asText(v: string | number): string | number {
  if (typeof v === 'number') return v;
  return /^[=+\-@']/.test(v) || /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v) || /^(true|false)$/i.test(v) ? `'${v}` : v;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The sheet a defined name's RefersTo ("='校验结果'!$A$1", "=Sheet1!$A$1") points at; undefined when #REF!. */
export function sheetOfRefersTo(refersTo: string): string | undefined {
  const s = String(refersTo ?? '').trim().replace(/^=/, '');
  if (/#REF!/i.test(s)) return undefined;
  if (s.startsWith("'")) {
    let name = '';
    for (let i = 1; i < s.length; i++) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i++;
          continue;
        }
        return s[i + 1] === '!' ? name : undefined;
      }
      name += s[i];
    }
    return undefined;
  }
  const bang = s.lastIndexOf('!');
  return bang > 0 ? s.slice(0, bang) : undefined;
}

function freeName(base: string, taken: Set<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

function areaAddress(m: MergeArea): string {
  const tl = a1(m.top, m.left);
  return m.top === m.bottom && m.left === m.right ? tl : `${tl}:${a1(m.bottom, m.right)}`;
}

function areaOf(r: EtRange): MergeArea {
  const top = Number(r.Row);
  const left = Number(r.Column);
  return { top, left, bottom: top + Number(r.Rows.Count) - 1, right: left + Number(r.Columns.Count) - 1 };
}

/** Value2 / Formula of a range as rows × columns (a single cell gives a scalar; some builds give [[v]]). */
function matrix(v: unknown, rows: number, cols: number): unknown[][] {
  if (Array.isArray(v)) return v.map((row) => (Array.isArray(row) ? row : [row])) as unknown[][];
  if (rows === 1 && cols === 1) return [[v]];
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => v));
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** A Value2 as a snapshot value: COM error codes as their text, dates (by number format) as ISO text. */
export function snapshotValue(raw: unknown, numFmt: string | undefined): CellSnapshot['value'] {
  if (isEmpty(raw)) return null;
  if (typeof raw === 'number') {
    if (ET_ERROR_VALUES[raw]) return ET_ERROR_VALUES[raw];
    if (numFmt && isDateFormat(numFmt)) return serialToIso(raw, false, isTimeOnlyFormat(numFmt)) ?? raw;
    return raw;
  }
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return String(raw);
}

function hostError(what: string, e: unknown): Error {
  const detail = e instanceof Error ? e.message : String(e);
  const err = new Error(`${what}：${detail}（工作表或工作簿可能受保护，或正在编辑单元格）`);
  (err as Error & { cause?: unknown }).cause = e;
  return err;
}

/** The WPS ET implementation of WorkbookHost. */
export class EtWorkbookHost implements WorkbookHost {
  constructor(private readonly app: EtApplicationSource) {}

  private application(): EtApplication {
    const app = this.app();
    if (!app) throw new Error('没有检测到 WPS 表格（window.Application 不可用）。请在 WPS 表格中通过“预算公开校验”选项卡打开本窗格。');
    return app;
  }

  private workbook(): EtWorkbook {
    const wb = this.application().ActiveWorkbook;
    if (!wb) throw new Error('WPS 表格中没有打开的工作簿：请先打开要校验的预算公开表，再点“校验”。');
    return wb;
  }

  private sheets(wb: EtWorkbook): EtWorksheet[] {
    const out: EtWorksheet[] = [];
    const n = Number(wb.Worksheets.Count) || 0;
    for (let i = 1; i <= n; i++) out.push(wb.Worksheets.Item(i));
    return out;
  }

  private sheetNamed(wb: EtWorkbook, name: string): EtWorksheet | undefined {
    return this.index(wb).find(name);
  }

  /** The sheets with their names, read once (each Item() and Name is a call into WPS); stale after adds/deletes. */
  private index(wb: EtWorkbook): { sheets: EtWorksheet[]; names: string[]; find(name: string): EtWorksheet | undefined } {
    const sheets = this.sheets(wb);
    const names = sheets.map((ws) => String(ws.Name));
    const byName = new Map(names.map((n, i) => [n.toLowerCase(), sheets[i]]));
    return { sheets, names, find: (name: string) => byName.get(name.toLowerCase()) };
  }

  /** Runs `f` with alerts (and repaint) off, putting them back after. */
  private quietly<T>(f: () => T): T {
    const app = this.application();
    const alerts = app.DisplayAlerts;
    const updating = app.ScreenUpdating;
    app.DisplayAlerts = false;
    if (updating !== undefined) app.ScreenUpdating = false;
    try {
      return f();
    } finally {
      app.DisplayAlerts = alerts;
      if (updating !== undefined) app.ScreenUpdating = updating;
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Reading

  async readSnapshot(): Promise<WorkbookSnapshot> {
    const wb = this.workbook();
    const name = String(wb.Name ?? '') || '工作簿';
    const idx = this.index(wb);
    const result = this.resultSheetName(wb, idx.names);
    const out: SheetSnapshot[] = [];
    idx.sheets.forEach((ws, i) => {
      const sheetName = idx.names[i];
      try {
        out.push(this.readSheet(ws, sheetName, i));
      } catch (e) {
        if (e instanceof Error && /已用区域过大/.test(e.message)) throw e;
        throw hostError(`无法读取工作表“${sheetName}”`, e);
      }
    });
    // The product's own 校验结果 sheet is not part of the disclosure (as the CLI never sees it in the input).
    return { name, sheets: out.filter((s) => !result || s.name.toLowerCase() !== result.toLowerCase()).map((s, i) => ({ ...s, index: i })) };
  }

  private readSheet(ws: EtWorksheet, name: string, index: number): SheetSnapshot {
    const sheet = emptySheet(name, index);
    const visible = ws.Visible;
    if (!(visible === XL_SHEET_VISIBLE || visible === true)) sheet.hidden = true;
    const used = ws.UsedRange;
    const area = areaOf(used);
    const rows = area.bottom - area.top + 1;
    const cols = area.right - area.left + 1;
    if (rows * cols > MAX_USED_CELLS) {
      throw new Error(
        `工作表“${name}”的已用区域过大（${rows} 行 × ${cols} 列，从 ${a1(area.top, area.left)} 起），无法校验。请删除多余的空行、空列（或清除其格式）后保存，再点“校验”。`,
      );
    }
    for (let r0 = area.top; r0 <= area.bottom; r0 += ROWS_PER_READ) {
      const r1 = Math.min(area.bottom, r0 + ROWS_PER_READ - 1);
      const slice = ws.Range(`${a1(r0, area.left)}:${a1(r1, area.right)}`);
      const n = r1 - r0 + 1;
      const values = matrix(slice.Value2, n, cols);
      const formulas = matrix(slice.Formula, n, cols);
      const formats = this.numberFormats(ws, slice, r0, area.left, values, cols);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < cols; j++) {
          const f = formulas[i]?.[j];
          const formula = typeof f === 'string' && f.startsWith('=') && f.length > 1 ? f.slice(1) : undefined;
          const fmt = formats[i]?.[j];
          const numFmt = typeof fmt === 'string' && fmt !== '' && !/^(general|g\/通用格式)$/i.test(fmt) ? fmt : undefined;
          const value = snapshotValue(values[i]?.[j], numFmt);
          if (formula === undefined && value === null) continue;
          const cell: CellSnapshot = { value };
          if (formula !== undefined) cell.formula = formula;
          if (numFmt !== undefined) cell.numFmt = numFmt;
          setCell(sheet, r0 + i, area.left + j, cell);
        }
      }
    }
    sheet.merges = this.merges(ws, area);
    return sheet;
  }

  /**
   * Number formats of a block. NumberFormat of a range is the cells' common format, or null when they differ, so
   * the block is asked first, then each column (a budget table's columns share a format below the header), and a
   * column that is mixed is halved until each part has one format. Parts without a number are not asked: a number
   * format changes what a number means (a date) and nothing else the engine reads. A few calls per column, not
   * one per cell.
   */
  private numberFormats(ws: EtWorksheet, block: EtRange, top: number, left: number, values: unknown[][], cols: number): unknown[][] {
    const rows = values.length;
    const whole = block.NumberFormat;
    if (whole !== null && whole !== undefined) return matrix(whole, rows, cols);
    const out: unknown[][] = Array.from({ length: rows }, () => Array.from({ length: cols }));
    for (let j = 0; j < cols; j++) {
      const numbers = (i0: number, i1: number) => {
        for (let i = i0; i <= i1; i++) if (typeof values[i]?.[j] === 'number') return true;
        return false;
      };
      const part = (i0: number, i1: number) => {
        if (!numbers(i0, i1)) return;
        const f = ws.Range(i0 === i1 ? a1(top + i0, left + j) : `${a1(top + i0, left + j)}:${a1(top + i1, left + j)}`).NumberFormat;
        if (Array.isArray(f)) matrix(f, i1 - i0 + 1, 1).forEach((r, k) => (out[i0 + k][j] = r[0]));
        else if ((f !== null && f !== undefined) || i0 === i1) for (let i = i0; i <= i1; i++) out[i][j] = f;
        else {
          const mid = (i0 + i1) >> 1;
          part(i0, mid);
          part(mid + 1, i1);
        }
      };
      part(0, rows - 1);
    }
    return out;
  }

  /**
   * Merged areas touching the used range: MergeCells of a box is false when no cell in it is merged, so the used
   * range is asked first and a box whose answer is not false is halved (along its longer side) down to single
   * cells, whose MergeArea is the merge. Cells already known to be covered are not asked again.
   */
  private merges(ws: EtWorksheet, area: MergeArea): MergeArea[] {
    const out: MergeArea[] = [];
    const covered = new Set<number>();
    const allCovered = (b: MergeArea) => {
      for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) if (!covered.has(r * 16384 + c)) return false;
      return true;
    };
    const record = (cell: EtRange) => {
      const m = areaOf(cell.MergeArea);
      if (m.top === m.bottom && m.left === m.right) return false;
      out.push(m);
      for (let i = Math.max(m.top, area.top); i <= Math.min(m.bottom, area.bottom); i++) {
        for (let j = Math.max(m.left, area.left); j <= Math.min(m.right, area.right); j++) covered.add(i * 16384 + j);
      }
      return true;
    };
    const part = (b: MergeArea) => {
      if (allCovered(b)) return;
      const single = b.top === b.bottom && b.left === b.right;
      const cells = ws.Range(single ? a1(b.top, b.left) : `${a1(b.top, b.left)}:${a1(b.bottom, b.right)}`);
      const mc = cells.MergeCells;
      if (mc === false) return;
      if (single) {
        if (mc) record(cells);
        return;
      }
      // Every cell of the box is merged: its first uncovered cell starts a merge; take it, then look again.
      if (mc === true) {
        for (let r = b.top; r <= b.bottom; r++) {
          for (let c = b.left; c <= b.right; c++) {
            if (covered.has(r * 16384 + c)) continue;
            record(ws.Range(a1(r, c)));
            part(b);
            return;
          }
        }
        return;
      }
      if (b.bottom - b.top >= b.right - b.left) {
        const mid = (b.top + b.bottom) >> 1;
        part({ ...b, bottom: mid });
        part({ ...b, top: mid + 1 });
      } else {
        const mid = (b.left + b.right) >> 1;
        part({ ...b, right: mid });
        part({ ...b, left: mid + 1 });
      }
    };
    part(area);
    return out;
  }

  // -------------------------------------------------------------------------------------------------------------
  // What the product made, found again

  /** The sheet RESULT_SHEET_NAME_MARKER points at (by name as it is now), or undefined. */
  private resultSheetName(wb: EtWorkbook, sheetNames?: string[]): string | undefined {
    const n = this.namesOf(wb).find((x) => x.name === RESULT_SHEET_NAME_MARKER);
    const sheet = n ? sheetOfRefersTo(n.refersTo) : undefined;
    if (!sheet) return undefined;
    const names = sheetNames ?? this.index(wb).names;
    return names.find((x) => x.toLowerCase() === sheet.toLowerCase());
  }

  private namesOf(wb: EtWorkbook): { name: string; refersTo: string; index: number }[] {
    const out: { name: string; refersTo: string; index: number }[] = [];
    const names = wb.Names;
    const count = Number(names?.Count) || 0;
    for (let i = 1; i <= count; i++) {
      const n = names.Item(i);
      out.push({ name: String(n.Name ?? ''), refersTo: String(n.RefersTo ?? ''), index: i });
    }
    return out;
  }

  private deleteNames(wb: EtWorkbook, which: (name: string) => boolean): void {
    const names = this.namesOf(wb).filter((n) => which(n.name));
    for (const n of names.reverse()) wb.Names.Item(n.index).Delete();
  }

  /** Deletes the marks (rules, comments) and the 校验结果 sheet; returns nothing else touched. */
  private removeMarks(wb: EtWorkbook): void {
    const idx = this.index(wb);
    for (const ws of idx.sheets) {
      const fcs = ws.Cells.FormatConditions;
      for (let i = (Number(fcs?.Count) || 0); i >= 1; i--) {
        const fc = fcs.Item(i);
        let formula = '';
        try {
          formula = String(fc.Formula1 ?? '');
        } catch {
          continue; // a rule without a formula (data bar, colour scale …) is never ours
        }
        if (markKindOf(formula)) fc.Delete();
      }
      const comments = ws.Comments;
      for (let i = (Number(comments?.Count) || 0); i >= 1; i--) {
        const c = comments.Item(i);
        if (isProductNote(String(c.Text() ?? ''))) c.Delete(); // only while the note is still exactly ours
      }
    }
    const result = this.resultSheetName(wb, idx.names);
    if (result) idx.find(result)?.Delete();
    this.deleteNames(wb, (n) => n === RESULT_SHEET_NAME_MARKER);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Writing

  async annotate(findings: Finding[], fixes: CellFix[]): Promise<AnnotateResult> {
    const wb = this.workbook();
    try {
      return this.quietly(() => {
        this.removeMarks(wb);
        const idx = this.index(wb);

        // The confirmed fixes, never over a formula (the cell may have changed since the check).
        const written: CellFix[] = [];
        for (const fix of fixes) {
          const ws = idx.find(fix.sheet);
          if (!ws) continue;
          const r = ws.Range(fix.cell);
          if (r.HasFormula) continue;
          r.Value2 = Number(fix.value);
          written.push(fix);
        }

        // Marks: a merged cell marks its whole area, anchored at the top-left.
        const areas = new Map<string, { ws: EtWorksheet; area: MergeArea }>();
        const key = (sheet: string, cell: string) => {
          const ws = idx.find(sheet);
          if (!ws) return undefined;
          let pos: { row: number; col: number };
          try {
            pos = parseA1(cell);
          } catch {
            return undefined;
          }
          const r = ws.Range(a1(pos.row, pos.col));
          let area: MergeArea = { top: pos.row, left: pos.col, bottom: pos.row, right: pos.col };
          if (r.MergeCells) {
            const m = areaOf(r.MergeArea);
            if ((m.bottom - m.top + 1) * (m.right - m.left + 1) <= MAX_MARKED_AREA) area = m;
            else area = { top: m.top, left: m.left, bottom: m.top, right: m.left };
          }
          const sheetName = idx.names[idx.sheets.indexOf(ws)];
          const anchor = a1(area.top, area.left);
          areas.set(`${sheetName}!${anchor}`, { ws, area });
          return { sheet: sheetName, cell: anchor };
        };
        const marks = planMarks(findings, written, key);
        const kept: CellMark[] = [];
        let notes = 0;
        for (const m of marks) {
          const { ws, area } = areas.get(`${m.sheet}!${m.cell}`)!;
          this.addRule(ws.Range(areaAddress(area)), m.kind);
          const anchor = ws.Range(m.cell);
          if (anchor.Comment) kept.push(m);
          else {
            anchor.AddComment(noteText(m));
            notes++;
          }
        }

        // The results sheet is the active one afterwards (as in the copy): the user reads it first.
        this.writeResultSheet(wb, findings, kept, idx.names).Activate();
        return { highlighted: marks.length, notes, noteKind: 'comment' as const, written: written.length };
      });
    } catch (e) {
      throw hostError('标记失败', e);
    }
  }

  private addRule(range: EtRange, kind: MarkKind): void {
    const fc = range.FormatConditions.Add(XL_EXPRESSION, undefined, `=${markFormula(kind)}`);
    fc.Interior.Color = bgrColor(FILLS[kind]);
    // Ours first, so a user's own rule on the cell does not hide the mark (and is not changed).
    if (typeof fc.SetFirstPriority === 'function') fc.SetFirstPriority();
  }

  /**
   * The 校验结果 sheet as a document, the same rows as the annotated copy's (src/xlsx/patch.ts; issue 11 item 8): the
   * header row (RESULT_ITEM_COLUMNS), then by sections (resultSections: errors first) a title row across the width
   * (merged) and one row per item (resultItemRow: 应为/实为 columns), the 位置 cell a link to the cell; the 舍位 rows
   * last, an outline group (Range.Group on whole rows), collapsed (Outline.ShowLevels 1) with its summary above —
   * where the build has those members, else visible under their title. Wrapped, top-aligned text; placed first
   * (after a first sheet whose name contains 封面); printed A4 landscape, Zoom False with FitToPagesWide 1 and
   * FitToPagesTall False (one page wide, as many tall), PrintTitleRows "$1:$1" — each only where PageSetup has it
   * (learn.microsoft.com/office/vba/api/excel.pagesetup.fittopageswide). Values go in blocks of rows.
   */
  private writeResultSheet(wb: EtWorkbook, findings: Finding[], kept: CellMark[], sheetNames: string[]): EtWorksheet {
    const taken = new Set(sheetNames.map((n) => n.toLowerCase()));
    const name = freeName(RESULT_SHEET, taken);
    const ws = this.addSheet(wb, name, resultSheetIndex(sheetNames));
    const width = RESULT_ITEM_COLUMNS.length;
    const lastCol = colLetter(width);
    const { rows, titles, severities, links, folded } = resultSheetLayout(findings, kept);
    for (let top = 0; top < rows.length; top += RESULT_ROWS_PER_WRITE) {
      const block = rows.slice(top, top + RESULT_ROWS_PER_WRITE);
      ws.Range(`A${top + 1}:${lastCol}${top + block.length}`).Value2 = block.map((r) => r.map(asText));
    }
    RESULT_ITEM_COLUMNS.forEach((c, i) => {
      ws.Range(`${colLetter(i + 1)}1`).ColumnWidth = c.width;
    });
    const all = ws.Range(`A1:${lastCol}${rows.length}`);
    all.WrapText = true;
    all.VerticalAlignment = XL_TOP;
    ws.Range(`A1:${lastCol}1`).Font.Bold = true;
    for (const r of titles) {
      const t = ws.Range(`A${r}:${lastCol}${r}`);
      if (typeof t.Merge === 'function') t.Merge();
      t.Font.Bold = true;
    }
    const sevCol = colLetter(RESULT_SEVERITY_COLUMN + 1);
    for (const s of severities) ws.Range(`${sevCol}${s.row}`).Interior.Color = bgrColor(FILLS[s.kind]);
    const placeCol = colLetter(RESULT_PLACE_COLUMN + 1);
    const hyperlinks = ws.Hyperlinks;
    if (hyperlinks && typeof hyperlinks.Add === 'function') {
      for (const l of links) hyperlinks.Add(ws.Range(`${placeCol}${l.row}`), '', `${quoteSheet(l.sheet)}!${l.cell}`, undefined, `${l.sheet}!${l.cell}`);
    }
    if (folded) {
      const group = ws.Range(`A${folded.first}:A${folded.last}`).EntireRow;
      const outline = ws.Outline;
      if (group && typeof group.Group === 'function' && outline && typeof outline.ShowLevels === 'function') {
        outline.SummaryRow = XL_SUMMARY_ABOVE;
        group.Group();
        outline.ShowLevels(1);
      }
    }
    const ps = ws.PageSetup;
    if (ps) {
      ps.Orientation = XL_LANDSCAPE;
      ps.PaperSize = XL_PAPER_A4;
      ps.Zoom = false;
      ps.FitToPagesWide = 1;
      ps.FitToPagesTall = false;
      ps.PrintTitleRows = '$1:$1';
    }
    wb.Names.Add(RESULT_SHEET_NAME_MARKER, `=${quoteSheet(name)}!$A$1`, false);
    return ws;
  }

  /** A new sheet named `name` at 0-based position `at` (before the sheet there, or after the last). */
  private addSheet(wb: EtWorkbook, name: string, at?: number): EtWorksheet {
    const count = Number(wb.Worksheets.Count) || 0;
    const ws =
      at !== undefined && at < count
        ? wb.Worksheets.Add(wb.Worksheets.Item(at + 1))
        : wb.Worksheets.Add(undefined, count ? wb.Worksheets.Item(count) : undefined);
    ws.Name = name;
    return ws;
  }

  async clearAnnotations(): Promise<void> {
    const wb = this.workbook();
    const app = this.application();
    const active = app.ActiveSheet ?? undefined;
    try {
      this.quietly(() => {
        const activeName = active ? String(active.Name) : '';
        this.removeMarks(wb);
        const still = activeName && this.sheetNamed(wb, activeName);
        if (still) still.Activate();
      });
    } catch (e) {
      throw hostError('清除标注失败', e);
    }
  }

  async select(sheet: string, cells: string[]): Promise<void> {
    const cell = cells[0] ?? 'A1';
    try {
      const ws = this.sheetNamed(this.workbook(), sheet);
      if (!ws) throw new Error('工作表不存在');
      ws.Activate();
      ws.Range(cell).Select();
    } catch (e) {
      throw new Error(`无法定位到 ${sheet}!${cell}：工作表不存在、已改名或已隐藏（${e instanceof Error ? e.message : String(e)}）`);
    }
  }

  async writeSheet(name: string, rows: string[][]): Promise<void> {
    const wb = this.workbook();
    try {
      this.quietly(() => {
        const made = this.namesOf(wb)
          .filter((n) => n.name.startsWith(MADE_SHEET_NAME_PREFIX))
          .map((n) => ({ ...n, sheet: sheetOfRefersTo(n.refersTo) }));
        const mine = made.find((m) => m.sheet && m.sheet.toLowerCase() === name.toLowerCase());
        if (mine) {
          this.sheetNamed(wb, mine.sheet!)?.Delete();
          this.deleteNames(wb, (n) => n === mine.name);
        }
        const taken = new Set(this.sheets(wb).map((ws) => String(ws.Name).toLowerCase()));
        const target = freeName(name, taken);
        const ws = this.addSheet(wb, target);
        const width = Math.max(1, ...rows.map((r) => r.length));
        if (rows.length) {
          const values = rows.map((r) => Array.from({ length: width }, (_, i) => asText(r[i] ?? '')));
          ws.Range(`A1:${colLetter(width)}${rows.length}`).Value2 = values;
        }
        const usedNumbers = new Set(this.namesOf(wb).filter((n) => n.name.startsWith(MADE_SHEET_NAME_PREFIX)).map((n) => n.name));
        let k = 1;
        while (usedNumbers.has(`${MADE_SHEET_NAME_PREFIX}${k}`)) k++;
        wb.Names.Add(`${MADE_SHEET_NAME_PREFIX}${k}`, `=${quoteSheet(target)}!$A$1`, false);
        ws.Activate();
      });
    } catch (e) {
      throw hostError('写入工作表失败', e);
    }
  }
}

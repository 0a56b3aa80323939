/**
 * The workbook snapshot: what the engine knows of a workbook, independent of Office.js and ExcelJS.
 * Both adapters (src/excel, src/xlsx) produce it; recognisers and rules only read it.
 */
export type CellScalar = string | number | boolean | null;

export interface CellSnapshot {
  /** The value as read: for a formula cell its cached result. */
  value: CellScalar;
  /** The formula without the leading "=", when the cell holds one. */
  formula?: string;
  /** Excel number format, when not General. */
  numFmt?: string;
}

/** A merged area, 1-based and inclusive. */
export interface MergeArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetSnapshot {
  name: string;
  /** Position in the workbook, 0-based. */
  index: number;
  hidden?: boolean;
  /** Largest used row and column (1-based), 0 for an empty sheet. */
  rowCount: number;
  colCount: number;
  /** Sparse rows: rows[r - 1]?.[c - 1]. */
  rows: (CellSnapshot | undefined)[][];
  merges: MergeArea[];
}

export interface WorkbookSnapshot {
  /** The file name or document title, for messages and reports. */
  name: string;
  sheets: SheetSnapshot[];
}

export function emptySheet(name: string, index: number): SheetSnapshot {
  return { name, index, rowCount: 0, colCount: 0, rows: [], merges: [] };
}

export function getCell(sheet: SheetSnapshot, row: number, col: number): CellSnapshot | undefined {
  return sheet.rows[row - 1]?.[col - 1];
}

export function setCell(sheet: SheetSnapshot, row: number, col: number, cell: CellSnapshot): void {
  let r = sheet.rows[row - 1];
  if (!r) {
    r = [];
    sheet.rows[row - 1] = r;
  }
  r[col - 1] = cell;
  if (row > sheet.rowCount) sheet.rowCount = row;
  if (col > sheet.colCount) sheet.colCount = col;
}

/** Text of a cell as a clerk would read it (numbers in plain notation), '' when empty. */
export function cellText(cell: CellSnapshot | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return '';
  return typeof cell.value === 'string' ? cell.value : String(cell.value);
}

/**
 * Index of merges: for every cell covered by a merge (other than its top-left), the top-left's position.
 * Recognisers read a merged header cell's text in every cell it spans.
 */
export class MergeIndex {
  private readonly anchor = new Map<number, { row: number; col: number }>();
  constructor(private readonly sheet: SheetSnapshot) {
    for (const m of sheet.merges) {
      // Only the used range matters (nothing to show beyond it), and clipping keeps a merge over whole columns
      // or the whole sheet (A1:XFD1048576, which a damaged or odd file can carry) from taking billions of steps.
      if (m.top > sheet.rowCount || m.left > sheet.colCount) continue;
      const bottom = Math.min(m.bottom, sheet.rowCount);
      const right = Math.min(m.right, sheet.colCount);
      // One anchor per merge, shared by the cells it covers (owner's callers only read it).
      const at = { row: m.top, col: m.left };
      for (let r = m.top; r <= bottom; r++) {
        for (let c = m.left; c <= right; c++) {
          if (r !== m.top || c !== m.left) this.anchor.set(r * 16384 + c, at);
        }
      }
    }
  }
  /** The cell whose value shows at (row, col): the merge's top-left when the cell is covered by a merge. */
  owner(row: number, col: number): { row: number; col: number } {
    return this.anchor.get(row * 16384 + col) ?? { row, col };
  }
  isCovered(row: number, col: number): boolean {
    return this.anchor.has(row * 16384 + col);
  }
  /** The value shown at (row, col), resolving merges: as text() without making a string of a number. */
  value(row: number, col: number): CellScalar | undefined {
    const o = this.anchor.get(row * 16384 + col);
    return (o ? getCell(this.sheet, o.row, o.col) : getCell(this.sheet, row, col))?.value;
  }
  /** Text shown at (row, col), resolving merges. */
  text(row: number, col: number): string {
    const o = this.anchor.get(row * 16384 + col);
    return cellText(o ? getCell(this.sheet, o.row, o.col) : getCell(this.sheet, row, col));
  }
}

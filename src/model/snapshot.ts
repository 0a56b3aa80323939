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
  /**
   * Per cell of the used range (row-major), 0 or 1 + the index in `anchors` of the merge covering it: a sheet with
   * merges and up to DENSE_MERGE_CELLS cells (every form and table) is looked up by index, not hashed per cell.
   */
  private readonly dense: Int32Array | undefined;
  private readonly anchors: { row: number; col: number }[] = [];
  /** The same, keyed row * 16384 + col, on a sheet too large for the dense table (or with a merge left of A or above 1). */
  private readonly sparse: Map<number, { row: number; col: number }> | undefined;
  private readonly cols: number;
  private readonly rows: number;

  constructor(private readonly sheet: SheetSnapshot) {
    this.rows = sheet.rowCount;
    this.cols = sheet.colCount;
    let dense: Int32Array | undefined;
    let sparse: Map<number, { row: number; col: number }> | undefined;
    if (sheet.merges.length) {
      // (the keys of `sparse` stay apart only within Excel's 16,384 columns)
      const inRange = this.cols <= 16384 && sheet.merges.every((m) => m.top >= 1 && m.left >= 1);
      if (inRange && this.rows * this.cols <= DENSE_MERGE_CELLS) dense = new Int32Array(this.rows * this.cols);
      else sparse = new Map();
    }
    for (const m of sheet.merges) {
      // Only the used range matters (nothing to show beyond it), and clipping keeps a merge over whole columns
      // or the whole sheet (A1:XFD1048576, which a damaged or odd file can carry) from taking billions of steps.
      if (m.top > sheet.rowCount || m.left > sheet.colCount) continue;
      const bottom = Math.min(m.bottom, sheet.rowCount);
      const right = Math.min(m.right, sheet.colCount);
      // One anchor per merge, shared by the cells it covers (owner's callers only read it).
      const at = { row: m.top, col: m.left };
      this.anchors.push(at);
      const id = this.anchors.length;
      for (let r = m.top; r <= bottom; r++) {
        for (let c = m.left; c <= right; c++) {
          if (r === m.top && c === m.left) continue;
          if (dense) dense[(r - 1) * this.cols + (c - 1)] = id;
          else sparse!.set(r * 16384 + c, at);
        }
      }
    }
    this.dense = dense;
    this.sparse = sparse;
  }

  /** The anchor of the merge covering (row, col) other than at its top-left, undefined when none does. */
  private anchorAt(row: number, col: number): { row: number; col: number } | undefined {
    const dense = this.dense;
    if (dense) {
      // (every covered cell lies in the used range)
      if (row < 1 || col < 1 || row > this.rows || col > this.cols) return undefined;
      const id = dense[(row - 1) * this.cols + (col - 1)];
      return id ? this.anchors[id - 1] : undefined;
    }
    return this.sparse?.get(row * 16384 + col);
  }

  /** The cell whose value shows at (row, col): the merge's top-left when the cell is covered by a merge. */
  owner(row: number, col: number): { row: number; col: number } {
    return this.anchorAt(row, col) ?? { row, col };
  }
  isCovered(row: number, col: number): boolean {
    return this.anchorAt(row, col) !== undefined;
  }
  /** The value shown at (row, col), resolving merges: as text() without making a string of a number. */
  value(row: number, col: number): CellScalar | undefined {
    const o = this.anchorAt(row, col);
    return (o ? getCell(this.sheet, o.row, o.col) : getCell(this.sheet, row, col))?.value;
  }
  /** Text shown at (row, col), resolving merges. */
  text(row: number, col: number): string {
    const o = this.anchorAt(row, col);
    return cellText(o ? getCell(this.sheet, o.row, o.col) : getCell(this.sheet, row, col));
  }
}

/** The largest used range (rows × columns) whose merges MergeIndex keeps in a dense table (4 bytes a cell: 1 MB). */
const DENSE_MERGE_CELLS = 1 << 18;

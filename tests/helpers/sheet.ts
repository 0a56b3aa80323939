import type { CellScalar, MergeArea, SheetSnapshot, WorkbookSnapshot } from '../../src/model/snapshot';
import { setCell } from '../../src/model/snapshot';

/**
 * Builds a sheet snapshot from a grid of values for unit tests: grid[r][c] is row r+1, column c+1.
 * '' and undefined leave the cell empty; a string starting with '=' is a formula whose cached value
 * follows '|': '=SUM(B2:B3)|12.5'.
 */
export function sheetFrom(name: string, grid: (CellScalar | undefined)[][], merges: MergeArea[] = [], index = 0): SheetSnapshot {
  const sheet: SheetSnapshot = { name, index, rowCount: 0, colCount: 0, rows: [], merges };
  grid.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === undefined || v === '' || v === null) return;
      if (typeof v === 'string' && v.startsWith('=') && v.includes('|')) {
        const [f, cached] = v.slice(1).split('|');
        const n = Number(cached);
        setCell(sheet, r + 1, c + 1, { value: Number.isNaN(n) ? cached : n, formula: f });
      } else setCell(sheet, r + 1, c + 1, { value: v });
    }),
  );
  return sheet;
}

export function workbookFrom(name: string, sheets: SheetSnapshot[]): WorkbookSnapshot {
  sheets.forEach((s, i) => (s.index = i));
  return { name, sheets };
}

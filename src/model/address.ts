/** A1 addressing: rows and columns are 1-based everywhere in the engine, as in Excel. */
export function colLetter(col: number): string {
  if (col >= 1 && col <= 256 && (col | 0) === col) return COLUMN_LETTERS[col];
  return letters(col);
}

function letters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The letters of the first 256 columns, made once (every figure and label is addressed). */
const COLUMN_LETTERS: string[] = Array.from({ length: 257 }, (_, c) => letters(c));

/**
 * The A1 texts of the first columns and rows, each made on first use and kept (strings never change): every figure
 * and label of a check is addressed, most of them on every check of the same layout. Beyond it, made per call.
 */
const A1_COLS = 64;
const A1_ROWS = 4096;
const A1_TEXTS: (string | undefined)[][] = [];

export function a1(row: number, col: number): string {
  if (col >= 1 && col <= A1_COLS && row >= 1 && row <= A1_ROWS && (col | 0) === col && (row | 0) === row) {
    // One array per column, of the full length from the start (no holes beyond its end: fast elements).
    const texts = (A1_TEXTS[col] ??= new Array<string | undefined>(A1_ROWS + 1));
    return (texts[row] ??= `${COLUMN_LETTERS[col]}${row}`);
  }
  return `${colLetter(col)}${row}`;
}

export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref.trim());
  if (!m) throw new Error(`bad A1 reference ${ref}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** Sheet-qualified reference for formulas and hyperlinks: '表 一'!C5 */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

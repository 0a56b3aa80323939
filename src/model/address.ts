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

export function a1(row: number, col: number): string {
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

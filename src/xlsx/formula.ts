import { colLetter } from '../model/address';

/** Column letters to number ('A' → 1). */
function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const MAX_COL = 16384; // XFD
const MAX_ROW = 1048576;
const REF = /(\$?)([A-Za-z]{1,3})(\$?)(\d+)/y;
const IDENT = /[A-Za-z_\\][A-Za-z0-9_.]*/y;

/**
 * Moves the relative references of a shared formula from its master cell to another cell of the shared range
 * (`<f t="shared" si="0"/>` cells carry no text of their own). Absolute parts ($A, $1), string literals,
 * quoted sheet names and function names are left alone.
 */
export function slideFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // string literal or quoted sheet name: copy through the closing quote ("" / '' are escapes)
      let j = i + 1;
      while (j < n) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      // structured / external reference: copy as is
      const j = formula.indexOf(']', i);
      const end = j < 0 ? n : j + 1;
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    REF.lastIndex = i;
    const m = REF.exec(formula);
    const prev = i > 0 ? formula[i - 1] : '';
    if (m && !/[A-Za-z0-9_.]/.test(prev)) {
      const after = formula[i + m[0].length] ?? '';
      const col = colNumber(m[2]);
      const row = Number(m[4]);
      if (!/[A-Za-z0-9_.(]/.test(after) && col <= MAX_COL && row >= 1 && row <= MAX_ROW) {
        const newCol = m[1] ? col : col + dCol;
        const newRow = m[3] ? row : row + dRow;
        if (newCol >= 1 && newRow >= 1) {
          out += `${m[1]}${colLetter(newCol)}${m[3]}${newRow}`;
        } else {
          out += '#REF!';
        }
        i += m[0].length;
        continue;
      }
    }
    // copy a whole identifier at once (function names such as LOG10, sheet names such as Sheet2 in Sheet2!A1)
    IDENT.lastIndex = i;
    const id = IDENT.exec(formula);
    if (id) {
      out += id[0];
      i += id[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * The value of a formula the file saved without its result (issue #11 item 6). Files written by programs (report
 * generators, openpyxl, some exports) carry `<f>SUM(C6:C9)</f>` with no `<v>`: read as empty, such a total would
 * give false errors. A formula that is a plain SUM / + / − of cells of its own sheet (and numbers) is computed here;
 * anything else (functions, other sheets, names, comparisons) is not, and the caller reports INPUT.uncached_formula.
 *
 * Bounded: at most MAX_CELLS cells per formula and MAX_DEPTH nested uncached formulas, so that a hostile formula
 * (SUM(A1:XFD1048576)) or a cycle cannot take unbounded time or memory.
 */
import { Decimal, parseAmount, ZERO, type Money } from '../model/money';
import { getCell, type SheetSnapshot } from '../model/snapshot';

const MAX_CELLS = 20_000;
const MAX_DEPTH = 8;

type Token = { kind: 'ref'; row: number; col: number } | { kind: 'num'; value: string } | { kind: 'op'; value: string } | { kind: 'sum' };

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function tokenize(formula: string): Token[] | undefined {
  const out: Token[] = [];
  const re = /\s*(?:(SUM)\s*(?=\()|\$?([A-Za-z]{1,3})\$?(\d{1,7})(?![A-Za-z0-9_(!])|(\d+(?:\.\d+)?|\.\d+)|([-+(),:]))/iy;
  let i = 0;
  const s = formula.trim().replace(/^=/, '');
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m || m[0].length === 0) return /^\s*$/.test(s.slice(i)) ? out : undefined;
    if (m[1]) out.push({ kind: 'sum' });
    else if (m[2]) {
      const col = colNumber(m[2]);
      const row = Number(m[3]);
      if (col < 1 || col > 16384 || row < 1 || row > 1048576) return undefined;
      out.push({ kind: 'ref', row, col });
    } else if (m[4]) out.push({ kind: 'num', value: m[4] });
    else out.push({ kind: 'op', value: m[5] });
    i = re.lastIndex;
  }
  return out;
}

class Evaluator {
  private pos = 0;
  private cells = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly sheet: SheetSnapshot,
    private readonly depth: number,
    private readonly visiting: Set<number>,
  ) {}

  run(): Money | undefined {
    const v = this.expr();
    return v !== undefined && this.pos === this.tokens.length ? v : undefined;
  }

  private peekOp(value: string): boolean {
    const t = this.tokens[this.pos];
    return !!t && t.kind === 'op' && t.value === value;
  }

  private expr(): Money | undefined {
    let v = this.term();
    while (v !== undefined && (this.peekOp('+') || this.peekOp('-'))) {
      const op = (this.tokens[this.pos++] as { value: string }).value;
      const r = this.term();
      if (r === undefined) return undefined;
      v = op === '+' ? v.plus(r) : v.minus(r);
    }
    return v;
  }

  private term(): Money | undefined {
    if (this.peekOp('-') || this.peekOp('+')) {
      const neg = (this.tokens[this.pos++] as { value: string }).value === '-';
      const v = this.term();
      return v === undefined ? undefined : neg ? v.negated() : v;
    }
    const t = this.tokens[this.pos++];
    if (!t) return undefined;
    if (t.kind === 'num') return new Decimal(t.value);
    if (t.kind === 'ref') {
      if (this.peekOp(':')) return undefined; // a range outside SUM
      return this.cell(t.row, t.col);
    }
    if (t.kind === 'op' && t.value === '(') {
      const v = this.expr();
      if (v === undefined || !this.peekOp(')')) return undefined;
      this.pos++;
      return v;
    }
    if (t.kind === 'sum') return this.sum();
    return undefined;
  }

  /** SUM(a, b:c, …): each argument a cell, a range of cells or a +/− expression. */
  private sum(): Money | undefined {
    if (!this.peekOp('(')) return undefined;
    this.pos++;
    let total = ZERO;
    for (;;) {
      const a = this.tokens[this.pos];
      const b = this.tokens[this.pos + 1];
      const c = this.tokens[this.pos + 2];
      if (a?.kind === 'ref' && b?.kind === 'op' && b.value === ':' && c?.kind === 'ref') {
        this.pos += 3;
        const v = this.range(a.row, a.col, c.row, c.col);
        if (v === undefined) return undefined;
        total = total.plus(v);
      } else {
        const v = this.expr();
        if (v === undefined) return undefined;
        total = total.plus(v);
      }
      if (this.peekOp(',')) {
        this.pos++;
        continue;
      }
      if (this.peekOp(')')) {
        this.pos++;
        return total;
      }
      return undefined;
    }
  }

  private range(r1: number, c1: number, r2: number, c2: number): Money | undefined {
    const [top, bottom] = [Math.min(r1, r2), Math.min(Math.max(r1, r2), this.sheet.rowCount)];
    const [left, right] = [Math.min(c1, c2), Math.min(Math.max(c1, c2), this.sheet.colCount)];
    let total = ZERO;
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        const v = this.cell(r, c, true);
        if (v === undefined) return undefined;
        total = total.plus(v);
      }
    }
    return total;
  }

  /** A referenced cell's amount; text in a SUM range counts as 0 (as Excel's SUM ignores it), elsewhere not. */
  private cell(row: number, col: number, inRange = false): Money | undefined {
    if (++this.cells > MAX_CELLS) return undefined;
    const cell = getCell(this.sheet, row, col);
    if (!cell) return ZERO;
    const empty = cell.value === null || cell.value === '';
    if (cell.formula && empty) {
      const key = row * 16384 + col;
      if (this.depth >= MAX_DEPTH || this.visiting.has(key)) return undefined;
      this.visiting.add(key);
      const v = evaluateWith(cell.formula, this.sheet, this.depth + 1, this.visiting);
      this.visiting.delete(key);
      return v;
    }
    const p = parseAmount(cell.value);
    if (p.kind === 'number') return p.value;
    if (p.kind === 'empty') return ZERO;
    return inRange && typeof cell.value === 'string' ? ZERO : undefined;
  }
}

function evaluateWith(formula: string, sheet: SheetSnapshot, depth: number, visiting: Set<number>): Money | undefined {
  if (formula.length > 2000 || formula.includes('!')) return undefined;
  const tokens = tokenize(formula);
  if (!tokens || !tokens.length) return undefined;
  return new Evaluator(tokens, sheet, depth, visiting).run();
}

/**
 * The value of `formula` standing at (row, col) of `sheet` when it is a plain SUM / + / − of the sheet's cells and
 * numbers; undefined otherwise (the caller reports INPUT.uncached_formula and leaves the figure unread).
 */
export function evaluatePlainFormula(formula: string, sheet: SheetSnapshot, row: number, col: number): Money | undefined {
  return evaluateWith(formula, sheet, 0, new Set([row * 16384 + col]));
}

import { a1 } from '../model/address';
import { BoundedMemo, MEMO_LIMIT } from '../model/memo';
import { parseAmount, ZERO, type Money } from '../model/money';
import { cellText, getCell, type MergeIndex, type SheetSnapshot } from '../model/snapshot';
import type { Finding } from '../model/finding';
import type { Figure, Label } from './types';
import { evaluatePlainFormula } from './formula-eval';
import { tableLabel } from './table-labels';
import { compact, keyText } from './text';
import { mergesOf } from './sheet-index';

export interface NotANumber {
  sheet: string;
  cell: string;
  /** The text found in the amount cell. */
  text: string;
  /** "表五" when the sheet is a recognised table. */
  tableName?: string;
  /** What the cell stands for ("201 一般公共服务支出 合计") when known. */
  what?: string;
  /** What the check does with the cell: "按 0 计算", "不参与校验". */
  effect: string;
}

/**
 * The one INPUT.not_a_number finding, for the 13 tables and the target sheets alike:
 * "表五（5一般公共预算支出表） C12 合计 的金额“待定”不是数字，按 0 计算；请填写数字或留空".
 */
export function notANumberFinding(o: NotANumber): Finding {
  const where = o.tableName ? `${o.tableName}（${o.sheet}）` : o.sheet;
  return {
    rule: 'INPUT.not_a_number',
    severity: 'error',
    sheet: o.sheet,
    cells: [o.cell],
    message: `${where} ${o.cell}${o.what ? ` ${o.what}` : ''} 的金额“${o.text}”不是数字，${o.effect}；请填写数字或留空`,
    actual: o.text,
    table: 'INPUT',
  };
}

/**
 * The one INPUT.unrecognised finding (issue #11: no arithmetic on a figure that was not read): a row with an amount
 * whose label is no known line. Its amount is left out of every sum, and the sums it would be part of are skipped.
 */
export function unrecognisedFinding(o: {
  sheet: string;
  cell: string;
  text: string;
  tableName?: string;
  amount?: string;
  skipped: string;
  related?: string[];
  /** What the label heads: a row (default) or a column (a header cell over amounts). */
  heads?: '行' | '栏';
}): Finding {
  const where = o.tableName ? `${o.tableName}（${o.sheet}）` : `工作表“${o.sheet}”`;
  const heads = o.heads ?? '行';
  return {
    rule: 'INPUT.unrecognised',
    severity: 'warning',
    sheet: o.sheet,
    cells: [o.cell, ...(o.related ?? []).filter((c) => c !== o.cell)],
    message: `${where} ${o.cell}“${o.text}”不是能识别的栏目名称，这一${heads}的金额${o.amount ? ` ${o.amount}` : ''}未读入；${o.skipped}已跳过。请核对栏目名称是否完整、是否与模板一致`,
    actual: o.text,
    table: 'INPUT',
  };
}

/** INPUT.uncached_formula: a formula with no saved result that the checker cannot compute (not a plain sum). */
export function uncachedFormulaFinding(o: { sheet: string; cell: string; formula: string; tableName?: string; what?: string }): Finding {
  const where = o.tableName ? `${o.tableName}（${o.sheet}）` : `工作表“${o.sheet}”`;
  return {
    rule: 'INPUT.uncached_formula',
    severity: 'warning',
    sheet: o.sheet,
    cells: [o.cell],
    message:
      `${where} ${o.cell}${o.what ? ` ${o.what}` : ''} 是公式“=${o.formula.slice(0, 80)}”，文件中没有保存它的计算结果，无法读出金额；` +
      '与它有关的校验已跳过。请在 Excel 或 WPS 中打开文件、保存后再校验',
    actual: `=${o.formula.slice(0, 80)}`,
    table: 'INPUT',
  };
}

/**
 * Every Figure is made here: one literal with every key in one order (absent ones undefined), so that all figures
 * share one hidden class and the rules reading them stay monomorphic (separate literals with different key sets
 * gave each its own map: megamorphic reads and "wrong map" deopts in the sum checks).
 */
export function makeFigure(
  sheet: string,
  cell: string,
  row: number,
  col: number,
  value: Money,
  empty: boolean,
  formula: string | undefined,
  unread?: true,
  evaluated?: true,
): Figure {
  return { sheet, cell, row, col, value, empty, formula, unread, evaluated };
}

/** tableLabel(keyText(text)), memoised: the same header and row labels recur on every table. */
const labelKeyMemo = new BoundedMemo<string, string>(MEMO_LIMIT.texts);

function tableLabelKey(text: string): string {
  if (!text) return '';
  if (text.length > 32) return tableLabel(keyText(text));
  let key = labelKeyMemo.get(text);
  if (key === undefined) {
    key = tableLabel(keyText(text));
    labelKeyMemo.set(text, key);
  }
  return key;
}

/**
 * A sheet as the recognisers read it: merged cells show their owner's text everywhere they span,
 * amounts become Figures, and bad amounts become INPUT.not_a_number findings (once per cell).
 */
export class Grid {
  readonly merges: MergeIndex;
  private readonly reported = new Set<string>();

  constructor(
    readonly sheet: SheetSnapshot,
    private readonly findings: Finding[],
    readonly tableName = '',
  ) {
    this.merges = mergesOf(sheet);
  }

  get name(): string {
    return this.sheet.name;
  }
  get rowCount(): number {
    return this.sheet.rowCount;
  }
  get colCount(): number {
    return this.sheet.colCount;
  }

  /** Raw text of the cell itself (not resolving merges). */
  own(row: number, col: number): string {
    return cellText(getCell(this.sheet, row, col));
  }

  /** Text shown at (row, col), a merged area's text in each of its cells, trimmed. */
  text(row: number, col: number): string {
    return this.merges.text(row, col).trim();
  }

  /** Compact text (no spaces, half-width brackets). */
  key(row: number, col: number): string {
    return compact(this.merges.text(row, col));
  }

  /** The cell's label as the patterns see it: keyText, a cut-off known label completed (src/tables/labels.ts). */
  labelKey(row: number, col: number): string {
    return tableLabelKey(this.merges.text(row, col));
  }

  rowTexts(row: number): string[] {
    const out: string[] = [];
    for (let c = 1; c <= this.colCount; c++) out.push(this.text(row, c));
    return out;
  }

  /** Joined text of a row, for title and label matching. */
  rowKey(row: number): string {
    let s = '';
    let last = '';
    for (let c = 1; c <= this.colCount; c++) {
      const t = this.key(row, c);
      if (t && t !== last) s += t;
      last = t;
    }
    return s;
  }

  /** True when a text shown on the row (merges resolved) matches `re`: numbers are never tested (nor made strings). */
  rowHasText(row: number, re: RegExp): boolean {
    for (let c = 1; c <= this.colCount; c++) {
      const v = this.merges.value(row, c);
      if (typeof v === 'string' && re.test(v)) return true;
    }
    return false;
  }

  isRowEmpty(row: number): boolean {
    const r = this.sheet.rows[row - 1];
    if (!r) return true;
    return r.every((c) => !c || c.value === null || cellText(c).trim() === '');
  }

  label(row: number, col: number, text?: string): Label {
    const o = this.merges.owner(row, col);
    return { text: text ?? this.text(row, col), sheet: this.name, cell: a1(o.row, o.col), row: o.row, col: o.col };
  }

  /**
   * The amount at (row, col). A cell covered by a merge (not its top-left) reads as empty: the amount belongs
   * to the merge's owner. Text that is not an amount is reported once (INPUT.not_a_number) and is an unread figure:
   * the sums and comparisons that need it are skipped, never computed with it as 0.
   */
  figure(row: number, col: number, what = ''): Figure {
    const cell = getCell(this.sheet, row, col);
    const sheet = this.name;
    const at = a1(row, col);
    if (!cell || this.merges.isCovered(row, col)) return makeFigure(sheet, at, row, col, ZERO, true, undefined);
    const formula = cell.formula;
    if (formula && (cell.value === null || cell.value === '')) return this.uncached(row, col, formula, what);
    const parsed = parseAmount(cell.value);
    if (parsed.kind === 'number') return makeFigure(sheet, at, row, col, parsed.value, false, formula);
    if (parsed.kind === 'bad') {
      this.reportBad(row, col, parsed.text, what);
      return makeFigure(sheet, at, row, col, ZERO, true, formula, true);
    }
    return makeFigure(sheet, at, row, col, ZERO, true, formula);
  }

  /**
   * A formula saved without its result: its value when it is a plain SUM / + / − of this sheet's cells
   * (formula-eval.ts), else an unread figure (rules skip it) and INPUT.uncached_formula.
   */
  private uncached(row: number, col: number, formula: string, what: string): Figure {
    const sheet = this.name;
    const at = a1(row, col);
    const value = evaluatePlainFormula(formula, this.sheet, row, col);
    if (value) return makeFigure(sheet, at, row, col, value, false, formula, undefined, true);
    this.report(uncachedFormulaFinding({ sheet, cell: at, formula, tableName: this.tableName || undefined, what }));
    return makeFigure(sheet, at, row, col, ZERO, true, formula, true);
  }

  /**
   * A figure that was not read: the amount of a part column whose header could not be recognised (the cell in the
   * unknown column on this row). Like an unread formula it is never arithmetic: every sum it is part of is skipped.
   */
  unreadFigure(row: number, col: number): Figure {
    return makeFigure(this.name, a1(row, col), row, col, ZERO, true, undefined, true);
  }

  /** True when the cell holds something that reads as an amount (a number or amount-like text). */
  isAmount(row: number, col: number): boolean {
    const cell = getCell(this.sheet, row, col);
    if (!cell) return false;
    if (cell.formula && (cell.value === null || cell.value === '')) return !!evaluatePlainFormula(cell.formula, this.sheet, row, col);
    return parseAmount(cell.value).kind === 'number';
  }

  /** Adds a reading finding (INPUT.unrecognised, INPUT.uncached_formula) once per sheet, rule and cell. */
  report(f: Finding): void {
    const k = `${f.rule}!${f.cells[0]}`;
    if (this.reported.has(k)) return;
    this.reported.add(k);
    this.findings.push(f);
  }

  private reportBad(row: number, col: number, text: string, what: string): void {
    const cell = a1(row, col);
    if (this.reported.has(cell)) return;
    this.reported.add(cell);
    this.findings.push(notANumberFinding({ sheet: this.name, cell, text, tableName: this.tableName || undefined, what, effect: '相关合计不参与校验' }));
  }
}

/**
 * Helpers shared by the cross-table rules: an "amount" of a table (one stated cell, or the sum of rows when the
 * table has no 合计 row), the comparison of two amounts through checkTotal, and per-code comparisons.
 */
import { ZERO, fmt2, sum } from '../../model/money';
import { TABLE_ORDINALS } from '../../tables/identify';
import type { ClassRow, CodeRow, CodeTable, Figure, ProjectTable, TableId } from '../../tables/types';
import { checkTotal, classify, totalHolds } from '../compare';
import type { RuleContext } from '../rule';
import { mapPacked } from '../../model/arrays';

/** An amount a rule compares: a stated cell, or (when the table has no total line) the figures summed. */
export interface Amount {
  /** The single cell that states the amount, when there is one. */
  figure?: Figure;
  /** What is summed: [figure] when stated, the rows otherwise. */
  parts: Figure[];
  /** How the amount is named in messages: "表五 合计行 项目支出", "表十二 各项目 一般公共预算之和". */
  label: string;
}

export function ord(id: TableId): string {
  return TABLE_ORDINALS[id];
}

export function stated(figure: Figure | undefined, label: string): Amount | undefined {
  return figure ? { figure, parts: [figure], label } : undefined;
}

/** True when no figure holds a non-zero amount. */
export function allZero(figures: (Figure | undefined)[]): boolean {
  return figures.every((f) => !f || f.value.isZero());
}

/**
 * A column of a code table as a whole: its 合计 row, or (no 合计 row) the sum of its 类 rows. Undefined when the
 * column is not in the table.
 */
export function codeTotal<K extends string>(id: TableId, t: CodeTable<K>, col: K, colName: string): Amount | undefined {
  if (!t.columns.includes(col)) return undefined;
  if (t.total) {
    const f = t.total.values[col];
    return f ? { figure: f, parts: [f], label: `${ord(id)} 合计行 ${colName}` } : undefined;
  }
  // Without a 合计 row the column is the sum of its 类 rows: not when a row of amounts could not be read.
  if (t.unrecognised?.some((u) => u.part === 'row')) return undefined;
  const parts = t.rows.filter((r) => r.level === 1).flatMap((r) => (r.values[col] ? [r.values[col]!] : []));
  return { parts, label: `${ord(id)} 各类 ${colName}之和` };
}

/**
 * A column of 表十二 / 表十三 as a whole: the 合计 row, else the first department row (a repeated department
 * name below it is its unit row, as in seed 001 / 000 表十三), else the unit subtotals, else the projects summed.
 */
export function projectTotal<K extends string>(id: TableId, t: ProjectTable<K>, col: K, colName: string): Amount | undefined {
  if (!t.columns.includes(col)) {
    // An empty table ("本表无数据") may have no recognisable columns: it amounts to zero.
    return t.rows.length === 0 ? { parts: [], label: `${ord(id)} ${colName}（无数据）` } : undefined;
  }
  if (t.total) return stated(t.total.values[col], `${ord(id)} 合计行 ${colName}`);
  const dept = t.rows.find((r) => r.kind === 'department');
  if (dept) return stated(dept.values[col], `${ord(id)} ${dept.name}（合计行） ${colName}`);
  const units = t.rows.filter((r) => r.kind === 'unit');
  const rows = units.length ? units : t.rows.filter((r) => r.kind === 'project');
  return {
    parts: rows.flatMap((r) => (r.values[col] ? [r.values[col]!] : [])),
    label: `${ord(id)} ${units.length ? '各单位' : '各项目'} ${colName}之和`,
  };
}

export interface CompareOptions {
  /** Overrides the label of the right-hand side in the message. */
  against?: string;
}

/**
 * left = Σ right, through checkTotal (舍位 tolerance by the number of non-zero addends). The stated cell is the
 * left one; when the left table has no stated total but the right side is a single stated cell, the comparison
 * is made from the right side's cell instead (never auto-filled then). Missing tables/columns: nothing. In a
 * fixable rule an empty stated total is filled from the other table(s); a filled one that disagrees is not (which
 * table is wrong needs a person).
 */
export function compareAmounts(ctx: RuleContext, left: Amount | undefined, right: (Amount | undefined)[], o: CompareOptions = {}): void {
  if (!left || right.some((r) => !r)) return;
  const rs = right as Amount[];
  const against = o.against ?? mapPacked(rs, (r) => r.label).join(' + ');
  if (left.figure) {
    checkTotal(ctx, {
      stated: left.figure,
      parts: rs.flatMap((r) => r.parts),
      what: left.label,
      against,
      fill: 'empty',
    });
  } else if (rs.length === 1 && rs[0].figure) {
    checkTotal(ctx, { stated: rs[0].figure, parts: left.parts, what: rs[0].label, against: left.label, fill: 'never' });
  }
  // Neither side states the amount in one cell: the intra-table rules deal with the missing totals.
}

/**
 * A figure (or figures on one row) in one table with no counterpart in the other: a finding on the existing
 * cells when they are non-zero (`warning` when within 舍位, which only a 0.01 amount is).
 */
export function reportMissing(ctx: RuleContext, figures: Figure[], what: string, missing: string): void {
  const nonZero = figures.filter((f) => !f.value.isZero());
  if (!nonZero.length) return;
  const total = sum(nonZero.map((f) => f.value));
  const verdict = classify(total, 0);
  if (verdict === 'ok') return;
  ctx.report({
    severity: verdict,
    sheet: nonZero[0].sheet,
    cells: [...new Set(nonZero.filter((f) => f.sheet === nonZero[0].sheet).map((f) => f.cell))],
    message: `${what} ${fmt2(total)}，但${missing}${verdict === 'warning' ? '（舍位差异）' : ''}`,
    expected: fmt2(ZERO),
    actual: fmt2(total),
  });
}

/** First row of each code (a code printed twice is INPUT's business; the first one is compared). */
export function byCode<K extends string>(t: CodeTable<K>): Map<string, CodeRow<K>> {
  const m = new Map<string, CodeRow<K>>();
  for (const r of t.rows) if (r.code && !m.has(r.code)) m.set(r.code, r);
  return m;
}

export interface PerCodeSide<K extends string> {
  id: TableId;
  table: CodeTable<K>;
  cols: K[];
  /** Column(s) as named in messages: "合计", "一般公共预算", "合计+上年结转". */
  colName: string;
}

/**
 * For every code present in either table: stated table's column = Σ the other table's columns on the same
 * code. A code found in one table only, with a non-zero amount, is reported on the cell that exists. Never
 * auto-filled: a 科目 row's amount is the sum of its own columns and sub-rows (intra-table rules fill those);
 * copying it from another table would be a guess at how it splits.
 */
export function comparePerCode<S extends string, O extends string>(ctx: RuleContext, s: PerCodeSide<S>, o: PerCodeSide<O>): void {
  if (!s.cols.every((c) => s.table.columns.includes(c))) return;
  const oCols = o.cols.filter((c) => o.table.columns.includes(c));
  if (!oCols.length) return;
  // A column the other table lacks is left out of the sum only when the layout has no such column: not when a header
  // over amounts could not be read (INPUT.unrecognised), which may be that very column.
  if (oCols.length < o.cols.length && o.table.unrecognised?.some((u) => u.part === 'column')) return;
  const sRows = byCode(s.table);
  const oRows = byCode(o.table);
  const [sCol] = s.cols;
  for (const [code, sr] of sRows) {
    const f = sr.values[sCol];
    if (!f) continue;
    const or = oRows.get(code);
    if (!or) {
      if (unreadRows(o.table)) continue;
      reportMissing(ctx, [f], `${ord(s.id)} ${code} ${sr.name} ${s.colName}`, `${ord(o.id)}中没有科目 ${code}`);
      continue;
    }
    const parts = oCols.flatMap((c) => (or.values[c] ? [or.values[c]!] : []));
    // Named only when the amounts differ (checkTotal reports nothing on equal ones; with no part at all it compares
    // with 0, which totalHolds does not).
    if (parts.length && totalHolds(f, parts)) continue;
    checkTotal(ctx, { stated: f, parts, what: `${ord(s.id)} ${code} ${sr.name} ${s.colName}`, against: `${ord(o.id)} ${o.colName}`, fill: 'never' });
  }
  for (const [code, or] of oRows) {
    if (sRows.has(code) || unreadRows(s.table)) continue;
    const figs = oCols.flatMap((c) => (or.values[c] ? [or.values[c]!] : []));
    reportMissing(ctx, figs, `${ord(o.id)} ${code} ${or.name} ${o.colName}`, `${ord(s.id)}中没有科目 ${code}`);
  }
}

/** The table has a row of amounts whose code and name could not be read: a code missing from it may be that row. */
function unreadRows(t: CodeTable<string>): boolean {
  return !!t.unrecognised?.some((u) => u.part === 'row');
}

/** 表一 / 表四 class rows by 类 code (the recogniser names them by code), else by their template position. */
export function classKey(c: ClassRow<string>): string {
  return c.code ?? `#${c.index}`;
}

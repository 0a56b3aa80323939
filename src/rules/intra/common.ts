/** Shared helpers of the intra-table rules: every comparison goes through checkTotal (舍位 tolerance, fix). */
import { TABLE_ORDINALS } from '../../tables/identify';
import type { Figure, TableId } from '../../tables/types';
import { checkTotal } from '../compare';
import type { RuleContext } from '../rule';

export function ord(id: TableId): string {
  return TABLE_ORDINALS[id];
}

export function present(figures: (Figure | undefined)[]): Figure[] {
  return figures.filter((f): f is Figure => !!f);
}

export interface SumCheck {
  stated: Figure | undefined;
  parts: (Figure | undefined)[];
  what: string;
  against: string;
}

/**
 * stated = Σ parts through checkTotal. Skipped when the stated cell or every part is absent from the table
 * (column not in the template); empty cells count as 0, so an all-empty row passes. The sum is the fix when the
 * rule is fixable (meta.fixable); balances (两边都是合计: which side is wrong is not known) are not.
 */
export function sumCheck(ctx: RuleContext, c: SumCheck): void {
  const parts = present(c.parts);
  if (!c.stated || parts.length === 0) return;
  checkTotal(ctx, { stated: c.stated, parts, what: c.what, against: c.against });
}

/** Column names as the templates print them. */
export const FUND_NAMES: Record<string, string> = {
  total: '合计',
  subtotal: '小计',
  general: '一般公共预算',
  govFund: '政府性基金预算',
  stateCapital: '国有资本经营预算',
  specialAccount: '财政专户管理资金',
  unitFunds: '单位资金',
  carryover: '上年结转',
  basic: '基本支出',
  project: '项目支出',
  amount: '金额',
  current: '当年预算安排',
  personnel: '人员经费',
  public: '公用经费',
};

export function colName(key: string, names: Record<string, string> = FUND_NAMES): string {
  return names[key] ?? key;
}

/** "一般公共预算、政府性基金预算之和" — how the parts of a horizontal sum are named in a message. */
export function sumOf(keys: string[], names: Record<string, string> = FUND_NAMES): string {
  if (keys.length === 1) return colName(keys[0], names);
  return `${keys.map((k) => colName(k, names)).join('、')}之和`;
}

/**
 * True when the table has a row with an amount whose label was not recognised in `part` (INPUT.unrecognised):
 * the sums over that part are skipped, never computed without the row (issue #11: no arithmetic on a figure that
 * was not read).
 */
export function hasUnrecognised(t: { unrecognised?: { part: string }[] } | undefined, part: string): boolean {
  return !!t?.unrecognised?.some((u) => u.part === part);
}

/** 表四 财政拨款收支总表: 小计 of each row, income sums, the 上年财政拨款结转 sub-lines, totals and balance. */
import type { ClassRow, Figure, T4ExpCol, T4Table } from '../../tables/types';
import type { Rule } from '../rule';
import { hasUnrecognised, sumCheck } from './common';
import { mapPacked } from '../../model/arrays';

const T = '表四';
const EXP_COLS: T4ExpCol[] = ['subtotal', 'general', 'govFund', 'stateCapital'];
const FUNDS = ['general', 'govFund', 'stateCapital'] as const;
const NAMES: Record<T4ExpCol, string> = {
  subtotal: '小计',
  general: '一般公共预算',
  govFund: '政府性基金预算',
  stateCapital: '国有资本经营预算',
};
const CARRY = { general: 'carryGeneral', govFund: 'carryGovFund', stateCapital: 'carryStateCapital' } as const;

function expRows(t: T4Table): ClassRow<T4ExpCol>[] {
  return [...t.classes, t.expSum, t.yearEndCarry, t.expTotal].filter((r): r is ClassRow<T4ExpCol> => !!r);
}

const row: Rule = {
  meta: {
    id: 'T4.row',
    severity: 'error',
    title: '表四 支出行小计与各资金来源不符',
    description: '每个支出行：小计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算',
    table: 'T4',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T4;
    if (!t) return;
    for (const r of expRows(t)) {
      sumCheck(ctx, {
        stated: r.values.subtotal,
        parts: mapPacked(FUNDS, (k) => r.values[k]),
        what: `${T} ${r.name} 小计`,
        against: '一般公共预算、政府性基金预算、国有资本经营预算之和',
      });
    }
  },
};

const incomeSum: Rule = {
  meta: {
    id: 'T4.income_sum',
    severity: 'error',
    title: '表四 本年收入合计与各项财政拨款收入不符',
    description: '本年收入合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算',
    table: 'T4',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T4;
    if (!t) return;
    if (hasUnrecognised(t, 'income')) return;
    sumCheck(ctx, {
      stated: t.income.incomeSum,
      parts: mapPacked(FUNDS, (k) => t.income[k]),
      what: `${T} 本年收入合计`,
      against: '各项财政拨款收入之和',
    });
  },
};

const carrySum: Rule = {
  meta: {
    id: 'T4.carry_sum',
    severity: 'error',
    title: '表四 上年财政拨款结转与其明细不符',
    description: '上年财政拨款结转 = 其下一般公共预算 + 政府性基金预算 + 国有资本经营预算',
    table: 'T4',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T4;
    if (!t) return;
    if (hasUnrecognised(t, 'income')) return;
    sumCheck(ctx, {
      stated: t.income.carryover,
      parts: mapPacked(FUNDS, (k) => t.income[CARRY[k]]),
      what: `${T} 上年财政拨款结转`,
      against: '其下各项结转之和',
    });
  },
};

const incomeTotal: Rule = {
  meta: {
    id: 'T4.income_total',
    severity: 'error',
    title: '表四 收入总计与本年收入、上年结转不符',
    description: '收入总计 = 本年收入合计 + 上年财政拨款结转',
    table: 'T4',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T4;
    if (!t) return;
    if (hasUnrecognised(t, 'income')) return;
    sumCheck(ctx, {
      stated: t.income.incomeTotal,
      parts: [t.income.incomeSum, t.income.carryover],
      what: `${T} 收入总计`,
      against: '本年收入合计与上年财政拨款结转之和',
    });
  },
};

const expSum: Rule = {
  meta: {
    id: 'T4.exp_sum',
    severity: 'error',
    title: '表四 本年支出合计与各类支出不符',
    description: '本年支出合计（小计及各资金来源列）= 各支出功能分类行之和',
    table: 'T4',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T4;
    if (!t?.expSum) return;
    if (hasUnrecognised(t, 'expenditure')) return;
    for (const col of EXP_COLS) {
      sumCheck(ctx, {
        stated: t.expSum.values[col],
        parts: mapPacked(t.classes, (c) => c.values[col]),
        what: `${T} 本年支出合计 ${NAMES[col]}`,
        against: '各类支出之和',
      });
    }
  },
};

const expTotal: Rule = {
  meta: {
    id: 'T4.exp_total',
    severity: 'error',
    title: '表四 支出总计与本年支出合计、年终结转不符',
    description: '支出总计 = 本年支出合计 + 年终结转（各列）',
    table: 'T4',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T4;
    if (!t?.expTotal) return;
    for (const col of EXP_COLS) {
      sumCheck(ctx, {
        stated: t.expTotal.values[col],
        parts: [t.expSum?.values[col], t.yearEndCarry?.values[col]],
        what: `${T} 支出总计 ${NAMES[col]}`,
        against: '本年支出合计与年终结转之和',
      });
    }
  },
};

const balance: Rule = {
  meta: {
    id: 'T4.balance',
    severity: 'error',
    title: '表四 收支不平衡',
    description: '收入总计 = 支出总计；支出总计各资金来源列 = 该资金本年收入 + 其上年结转',
    table: 'T4',
  },
  check(ctx) {
    const t = ctx.rec.tables.T4;
    if (!t?.expTotal) return;
    sumCheck(ctx, {
      stated: t.expTotal.values.subtotal,
      parts: [t.income.incomeTotal],
      what: `${T} 支出总计`,
      against: '收入总计',
    });
    // Per fund only when the template shows the 上年结转 sub-lines (else the carry-over split is unknown).
    if (!FUNDS.some((k) => t.income[CARRY[k]])) return;
    for (const k of FUNDS) {
      const parts: (Figure | undefined)[] = [t.income[k], t.income[CARRY[k]]];
      if (!parts.some((p) => p)) continue;
      sumCheck(ctx, {
        stated: t.expTotal.values[k],
        parts,
        what: `${T} 支出总计 ${NAMES[k]}`,
        against: `${NAMES[k]}收入与其上年结转之和`,
      });
    }
  },
};

export const t4Rules: Rule[] = [row, incomeSum, carrySum, incomeTotal, expSum, expTotal, balance];

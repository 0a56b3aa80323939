/** 表一 预算收支总表: income lines, expenditure class rows, totals and the balance of both sides. */
import type { ClassRow, Figure, T1ExpCol } from '../../tables/types';
import type { Rule } from '../rule';
import { hasUnrecognised, sumCheck } from './common';
import { mapPacked } from '../../model/arrays';

const T = '表一';
const EXP_COLS: T1ExpCol[] = ['total', 'current', 'carryover'];
const EXP_NAMES: Record<T1ExpCol, string> = { total: '合计', current: '当年预算安排', carryover: '上年结转安排' };
const INCOME_NAMES = {
  general: '一般公共预算',
  govFund: '政府性基金预算',
  stateCapital: '国有资本经营预算',
  specialAccount: '财政专户管理资金',
  unitFunds: '单位资金',
} as const;

const incomeSum: Rule = {
  meta: {
    id: 'T1.income_sum',
    severity: 'error',
    title: '表一 本年收入合计与各项收入不符',
    description: '本年收入合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算 + 财政专户管理资金 + 单位资金',
    table: 'T1',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T1;
    if (!t) return;
    if (hasUnrecognised(t, 'income')) return;
    const keys = Object.keys(INCOME_NAMES) as (keyof typeof INCOME_NAMES)[];
    sumCheck(ctx, {
      stated: t.income.incomeSum,
      parts: mapPacked(keys, (k) => t.income[k]),
      what: `${T} 本年收入合计`,
      against: '各项收入之和',
    });
  },
};

const incomeTotal: Rule = {
  meta: {
    id: 'T1.income_total',
    severity: 'error',
    title: '表一 收入总计与本年收入、上年结转不符',
    description: '收入总计 = 本年收入合计 + 上年结转',
    table: 'T1',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T1;
    if (!t) return;
    if (hasUnrecognised(t, 'income')) return;
    sumCheck(ctx, {
      stated: t.income.incomeTotal,
      parts: [t.income.incomeSum, t.income.carryover],
      what: `${T} 收入总计`,
      against: '本年收入合计与上年结转之和',
    });
  },
};

function expRows(t: { classes: ClassRow<T1ExpCol>[]; expSum?: ClassRow<T1ExpCol>; yearEndCarry?: ClassRow<T1ExpCol>; expTotal?: ClassRow<T1ExpCol> }) {
  return [...t.classes, t.expSum, t.yearEndCarry, t.expTotal].filter((r): r is ClassRow<T1ExpCol> => !!r);
}

const row: Rule = {
  meta: {
    id: 'T1.row',
    severity: 'error',
    title: '表一 支出行合计与当年预算安排、上年结转安排不符',
    description: '每个支出功能分类行（及本年支出合计、年终结转、支出总计行）：合计 = 当年预算安排 + 上年结转安排',
    table: 'T1',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T1;
    if (!t) return;
    for (const r of expRows(t)) {
      sumCheck(ctx, {
        stated: r.values.total,
        parts: [r.values.current, r.values.carryover],
        what: `${T} ${r.name} 合计`,
        against: '当年预算安排与上年结转安排之和',
      });
    }
  },
};

const expSum: Rule = {
  meta: {
    id: 'T1.exp_sum',
    severity: 'error',
    title: '表一 本年支出合计与各类支出不符',
    description: '本年支出合计（合计、当年预算安排、上年结转安排各列）= 30 个支出功能分类行之和',
    table: 'T1',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T1;
    if (!t?.expSum) return;
    if (hasUnrecognised(t, 'expenditure')) return;
    for (const col of EXP_COLS) {
      sumCheck(ctx, {
        stated: t.expSum.values[col],
        parts: mapPacked(t.classes, (c) => c.values[col]),
        what: `${T} 本年支出合计 ${EXP_NAMES[col]}`,
        against: '各类支出之和',
      });
    }
  },
};

const expTotal: Rule = {
  meta: {
    id: 'T1.exp_total',
    severity: 'error',
    title: '表一 支出总计与本年支出合计、年终结转不符',
    description: '支出总计 = 本年支出合计 + 年终结转（各列）',
    table: 'T1',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T1;
    if (!t?.expTotal) return;
    for (const col of EXP_COLS) {
      sumCheck(ctx, {
        stated: t.expTotal.values[col],
        parts: [t.expSum?.values[col], t.yearEndCarry?.values[col]],
        what: `${T} 支出总计 ${EXP_NAMES[col]}`,
        against: '本年支出合计与年终结转之和',
      });
    }
  },
};

const balance: Rule = {
  meta: {
    id: 'T1.balance',
    severity: 'error',
    title: '表一 收支不平衡',
    description: '收入总计 = 支出总计；本年支出合计的当年预算安排 = 本年收入合计；本年支出合计的上年结转安排 = 上年结转',
    table: 'T1',
  },
  check(ctx) {
    const t = ctx.rec.tables.T1;
    if (!t) return;
    const pairs: [Figure | undefined, Figure | undefined, string, string][] = [
      [t.expTotal?.values.total, t.income.incomeTotal, '支出总计', '收入总计'],
      [t.expSum?.values.current, t.income.incomeSum, '本年支出合计 当年预算安排', '本年收入合计'],
      [t.expSum?.values.carryover, t.income.carryover, '本年支出合计 上年结转安排', '上年结转'],
    ];
    for (const [stated, other, what, against] of pairs) {
      sumCheck(ctx, { stated, parts: [other], what: `${T} ${what}`, against });
    }
  },
};

export const t1Rules: Rule[] = [incomeSum, incomeTotal, row, expSum, expTotal, balance];

/** 表十一 机关运行经费: each row 合计 = 三项资金; 部门合计 = Σ 单位 rows. ("本表无数据": INPUT.empty_table_note.) */
import type { T11Col } from '../../tables/types';
import type { Rule } from '../rule';
import { colName, hasUnrecognised, sumCheck } from './common';
import { mapPacked } from '../../model/arrays';

const T = '表十一';
const COLS: T11Col[] = ['total', 'general', 'govFund', 'stateCapital'];

const row: Rule = {
  meta: {
    id: 'T11.row',
    severity: 'error',
    title: '表十一 合计与各资金来源不符',
    description: '表十一每行：合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算',
    table: 'T11',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T11;
    if (!t) return;
    for (const r of t.deptTotal ? [t.deptTotal, ...t.units] : t.units) {
      sumCheck(ctx, {
        stated: r.values.total,
        parts: [r.values.general, r.values.govFund, r.values.stateCapital],
        what: `${T} ${r.name} 合计`,
        against: '一般公共预算、政府性基金预算、国有资本经营预算之和',
      });
    }
  },
};

const deptSum: Rule = {
  meta: {
    id: 'T11.dept_sum',
    severity: 'error',
    title: '表十一 部门合计与各单位不符',
    description: '表十一各列：部门合计 = 各单位之和',
    table: 'T11',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T11;
    if (!t?.deptTotal || !t.units.length || hasUnrecognised(t, 'row')) return;
    for (const col of COLS) {
      sumCheck(ctx, {
        stated: t.deptTotal.values[col],
        parts: mapPacked(t.units, (u) => u.values[col]),
        what: `${T} 部门合计 ${colName(col)}`,
        against: '各单位之和',
      });
    }
  },
};

export const t11Rules: Rule[] = [row, deptSum];

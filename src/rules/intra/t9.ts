/**
 * 表九 国有资本经营预算收支表: 支出 合计 = 收入 合计; each 支出 row 合计 = 基本支出 + 项目支出.
 * (The 类/款/项 sums of both halves are HIER.T9; "本表无数据" on an empty table is INPUT.empty_table_note.)
 */
import type { CodeTable, Figure } from '../../tables/types';
import type { Rule } from '../rule';
import { sumCheck } from './common';
import { mapPacked } from '../../model/arrays';

const T = '表九';

/** The 合计 row of a half, or failing that its 类 rows. */
function totalOf(table: CodeTable<string>, col: string): (Figure | undefined)[] {
  if (table.total) return [table.total.values[col]];
  return mapPacked(table.rows.filter((r) => r.level === 1), (r) => r.values[col]);
}

const balance: Rule = {
  meta: {
    id: 'T9.balance',
    severity: 'error',
    title: '表九 收支不平衡',
    description: '表九 国有资本经营预算：支出合计 = 收入合计',
    table: 'T9',
  },
  check(ctx) {
    const t = ctx.rec.tables.T9;
    if (!t?.expenditure.total) return;
    sumCheck(ctx, {
      stated: t.expenditure.total.values.total,
      parts: totalOf(t.income, 'amount'),
      what: `${T} 支出合计`,
      against: '收入合计',
    });
  },
};

const row: Rule = {
  meta: {
    id: 'T9.row',
    severity: 'error',
    title: '表九 支出合计与基本支出、项目支出不符',
    description: '表九 支出部分每行：合计 = 基本支出 + 项目支出',
    table: 'T9',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T9;
    if (!t) return;
    const e = t.expenditure;
    for (const r of e.total ? [e.total, ...e.rows] : e.rows) {
      sumCheck(ctx, {
        stated: r.values.total,
        parts: [r.values.basic, r.values.project],
        what: `${T} 支出 ${r.level === 0 ? '合计行' : `${r.code} ${r.name}`.trim()} 合计`,
        against: '基本支出与项目支出之和',
      });
    }
  },
};

export const t9Rules: Rule[] = [balance, row];

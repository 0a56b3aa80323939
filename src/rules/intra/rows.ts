/** Row rules of the code tables: 表二 合计 = 各资金来源; 表三/五/八 合计 = 基本支出 + 项目支出 (every row, 合计 row too). */
import type { CodeRow, CodeTable, TableId } from '../../tables/types';
import { totalHolds } from '../compare';
import type { Rule, RuleContext } from '../rule';
import { ord, sumCheck } from './common';
import { mapPacked } from '../../model/arrays';

function rowName(r: CodeRow<string>): string {
  return r.level === 0 ? '合计行' : `${r.code} ${r.name}`.trim();
}

function checkRows(ctx: RuleContext, id: TableId, table: CodeTable<string> | undefined, parts: string[], against: string): void {
  if (!table) return;
  for (const r of table.total ? [table.total, ...table.rows] : table.rows) {
    const figures = mapPacked(parts, (k) => r.values[k]);
    // The row's name is made only for a sum that fails.
    if (totalHolds(r.values.total, figures)) continue;
    sumCheck(ctx, { stated: r.values.total, parts: figures, what: `${ord(id)} ${rowName(r)} 合计`, against });
  }
}

const T2_FUNDS = ['general', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'];
const BASIC_PROJECT = ['basic', 'project'];

function basicProjectRule(id: 'T3' | 'T5' | 'T8', table: string): Rule {
  return {
    meta: {
      id: `${id}.row`,
      severity: 'error',
      title: `${ord(id)} 合计与基本支出、项目支出不符`,
      description: `${table}每行：合计 = 基本支出 + 项目支出`,
      table: id,
      fixable: 'total',
    },
    check: (ctx) => checkRows(ctx, id, ctx.rec.tables[id], BASIC_PROJECT, '基本支出与项目支出之和'),
  };
}

export const rowRules: Rule[] = [
  {
    meta: {
      id: 'T2.row',
      severity: 'error',
      title: '表二 合计与各资金来源不符',
      description: '表二 预算收入总表每行：合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算 + 财政专户管理资金 + 单位资金（不含上年结转）',
      table: 'T2',
      fixable: 'total',
    },
    check: (ctx) => checkRows(ctx, 'T2', ctx.rec.tables.T2, T2_FUNDS, '各项资金之和'),
  },
  basicProjectRule('T3', '表三 预算支出总表'),
  basicProjectRule('T5', '表五 一般公共预算支出表'),
  basicProjectRule('T8', '表八 政府性基金预算支出表'),
];

/** 一般公共预算: X.T2-T5, X.T1-T5, X.T5-T6, X.T4-T5-T13. */
import type { T6Table } from '../../tables/types';
import type { Rule } from '../rule';
import { codeTotal, compareAmounts, comparePerCode, ord, projectTotal, stated, type Amount } from './util';

export const xT2T5: Rule = {
  meta: {
    id: 'X.T2-T5',
    severity: 'error',
    title: '一般公共预算支出表与收入总表的科目金额不一致',
    description: '每个科目：表五 合计 = 表二 一般公共预算',
    table: 'T5',
  },
  check(ctx) {
    const { T2, T5 } = ctx.rec.tables;
    if (!T2 || !T5) return;
    comparePerCode(ctx, { id: 'T5', table: T5, cols: ['total'], colName: '合计' }, { id: 'T2', table: T2, cols: ['general'], colName: '一般公共预算' });
  },
};

export const xT1T5: Rule = {
  meta: {
    id: 'X.T1-T5',
    severity: 'error',
    title: '一般公共预算支出合计与收支总表不一致',
    description: '表五 合计 = 表一 一般公共预算收入',
    table: 'T5',
    fixable: 'total',
  },
  check(ctx) {
    const { T1, T5 } = ctx.rec.tables;
    if (!T1 || !T5) return;
    // An empty 表五 合计 may be filled from 表一: the 一般公共预算 line is exactly what 表五 spends.
    compareAmounts(ctx, codeTotal('T5', T5, 'total', '合计'), [stated(T1.income.general, `${ord('T1')} 一般公共预算`)]);
  },
};

/** 表六 合计 (合计 column): its 合计 row, or its class rows summed. */
export function t6Total(T6: T6Table, col: 'total' | 'personnel' | 'public', colName: string): Amount | undefined {
  if (!T6.columns.includes(col)) return undefined;
  if (T6.total) return stated(T6.total.values[col], `${ord('T6')} 合计行 ${colName}`);
  // The class rows summed: not when a row of amounts could not be read (INPUT.unrecognised).
  if (T6.unrecognised?.some((u) => u.part === 'row')) return undefined;
  return {
    parts: T6.rows.filter((r) => r.kind === 'class').flatMap((r) => (r.values[col] ? [r.values[col]!] : [])),
    label: `${ord('T6')} 各类 ${colName}之和`,
  };
}

export const xT5T6: Rule = {
  meta: {
    id: 'X.T5-T6',
    severity: 'error',
    title: '一般公共预算基本支出与经济科目表不一致',
    description: '表五 合计行 基本支出 = 表六 合计',
    table: 'T5',
    fixable: 'total',
  },
  check(ctx) {
    const { T5, T6 } = ctx.rec.tables;
    if (!T5 || !T6) return;
    compareAmounts(ctx, codeTotal('T5', T5, 'basic', '基本支出'), [t6Total(T6, 'total', '合计')]);
  },
};

export const xT4T5T13: Rule = {
  meta: {
    id: 'X.T4-T5-T13',
    severity: 'error',
    title: '财政拨款收支总表支出与表五、表八、表十三不一致',
    description: '表四 本年支出合计：一般公共预算 = 表五 合计 + 表十三 一般公共预算；政府性基金预算 = 表八 合计 + 表十三 政府性基金预算',
    table: 'T4',
    fixable: 'total',
  },
  check(ctx) {
    const { T4, T5, T8, T13 } = ctx.rec.tables;
    if (!T4 || !T13) return;
    const sumRow = T4.expSum?.values;
    if (!sumRow) return;
    // An empty 本年支出合计 cell of 表四 may be filled: it is by definition this year's spending plus the carry-over.
    if (T5) {
      compareAmounts(ctx, stated(sumRow.general, `${ord('T4')} 本年支出合计 一般公共预算`), [
        codeTotal('T5', T5, 'total', '合计'),
        projectTotal('T13', T13, 'general', '一般公共预算'),
      ]);
    }
    if (T8) {
      compareAmounts(ctx, stated(sumRow.govFund, `${ord('T4')} 本年支出合计 政府性基金预算`), [
        codeTotal('T8', T8, 'total', '合计'),
        projectTotal('T13', T13, 'govFund', '政府性基金预算'),
      ]);
    }
  },
};

export const generalBudgetRules: Rule[] = [xT2T5, xT1T5, xT5T6, xT4T5T13];

/** 政府性基金: X.T2-T8, X.T7-T8. */
import type { Rule } from '../rule';
import { codeTotal, compareAmounts, comparePerCode, ord, stated } from './util';

export const xT2T8: Rule = {
  meta: {
    id: 'X.T2-T8',
    severity: 'error',
    title: '政府性基金支出表与收入总表的科目金额不一致',
    description: '每个科目：表八 合计 = 表二 政府性基金',
    table: 'T8',
  },
  check(ctx) {
    const { T2, T8 } = ctx.rec.tables;
    if (!T2 || !T8) return;
    comparePerCode(ctx, { id: 'T8', table: T8, cols: ['total'], colName: '合计' }, { id: 'T2', table: T2, cols: ['govFund'], colName: '政府性基金' });
  },
};

export const xT7T8: Rule = {
  meta: {
    id: 'X.T7-T8',
    severity: 'error',
    title: '政府性基金收支与收支总表不一致',
    description: '表八 合计 = 表七 合计 = 表一 政府性基金预算',
    table: 'T8',
    fixable: 'total',
  },
  check(ctx) {
    const { T1, T7, T8 } = ctx.rec.tables;
    // Empty totals may be filled: 表七 receives exactly the 表一 line, 表八 spends exactly what 表七 receives.
    const t7 = T7 && codeTotal('T7', T7, 'amount', '合计');
    if (T7 && T8) compareAmounts(ctx, codeTotal('T8', T8, 'total', '合计'), [t7]);
    if (T7 && T1) compareAmounts(ctx, t7, [stated(T1.income.govFund, `${ord('T1')} 政府性基金预算`)]);
    // Without 表七 the chain still ties 表八 to 表一.
    if (!T7 && T8 && T1) compareAmounts(ctx, codeTotal('T8', T8, 'total', '合计'), [stated(T1.income.govFund, `${ord('T1')} 政府性基金预算`)]);
  },
};

export const govFundRules: Rule[] = [xT2T8, xT7T8];

/** 项目支出: X.T5-T12, X.T8-T12, X.T3-T12-T13, X.T1-T13. */
import type { T4IncomeKey, T13Col } from '../../tables/types';
import type { Rule } from '../rule';
import { codeTotal, compareAmounts, ord, projectTotal, stated } from './util';

// Fixes: an empty 合计/department line of 表十二/表十三 (or 表三 项目支出) may be filled from the tables it must
// equal — those are the budget's own totals. Project rows are never filled from another table.

export const xT5T12: Rule = {
  meta: {
    id: 'X.T5-T12',
    severity: 'error',
    title: '项目支出表（本年）一般公共预算与表五项目支出不一致',
    description: '表十二 合计 一般公共预算 = 表五 合计行 项目支出',
    table: 'T12',
    fixable: 'total',
  },
  check(ctx) {
    const { T5, T12 } = ctx.rec.tables;
    if (!T5 || !T12) return;
    compareAmounts(ctx, projectTotal('T12', T12, 'general', '一般公共预算'), [codeTotal('T5', T5, 'project', '项目支出')]);
  },
};

export const xT8T12: Rule = {
  meta: {
    id: 'X.T8-T12',
    severity: 'error',
    title: '项目支出表（本年）政府性基金预算与表八项目支出不一致',
    description: '表十二 合计 政府性基金预算 = 表八 合计行 项目支出',
    table: 'T12',
    fixable: 'total',
  },
  check(ctx) {
    const { T8, T12 } = ctx.rec.tables;
    if (!T8 || !T12) return;
    compareAmounts(ctx, projectTotal('T12', T12, 'govFund', '政府性基金预算'), [codeTotal('T8', T8, 'project', '项目支出')]);
  },
};

export const xT3T12T13: Rule = {
  meta: {
    id: 'X.T3-T12-T13',
    severity: 'error',
    title: '支出总表项目支出与项目支出表不一致',
    description: '表三 合计行 项目支出 = 表十二 合计 + 表十三 合计',
    table: 'T3',
    fixable: 'total',
  },
  check(ctx) {
    const { T3, T12, T13 } = ctx.rec.tables;
    if (!T3 || !T12 || !T13) return;
    compareAmounts(ctx, codeTotal('T3', T3, 'project', '项目支出'), [
      projectTotal('T12', T12, 'total', '合计'),
      projectTotal('T13', T13, 'total', '合计'),
    ]);
  },
};

export const xT1T13: Rule = {
  meta: {
    id: 'X.T1-T13',
    severity: 'error',
    title: '项目支出表（上年结转）与收支总表的上年结转不一致',
    description: '表十三 合计 = 表一 上年结转；表十三 一般公共预算 / 政府性基金预算 / 国有资本经营预算 = 表四 上年财政拨款结转 对应子项',
    table: 'T13',
    fixable: 'total',
  },
  check(ctx) {
    const { T1, T4, T13 } = ctx.rec.tables;
    if (!T13) return;
    if (T1) compareAmounts(ctx, projectTotal('T13', T13, 'total', '合计'), [stated(T1.income.carryover, `${ord('T1')} 上年结转`)]);
    if (!T4) return;
    const subs: [T13Col, string, T4IncomeKey][] = [
      ['general', '一般公共预算', 'carryGeneral'],
      ['govFund', '政府性基金预算', 'carryGovFund'],
      ['stateCapital', '国有资本经营预算', 'carryStateCapital'],
    ];
    for (const [col, name, line] of subs) {
      compareAmounts(ctx, projectTotal('T13', T13, col, name), [stated(T4.income[line], `${ord('T4')} 上年财政拨款结转 ${name}`)]);
    }
  },
};

export const projectRules: Rule[] = [xT5T12, xT8T12, xT3T12T13, xT1T13];

/** 收支总表 ↔ 收入总表 ↔ 支出总表: X.T1-T2, X.T2-T3, X.T1-T3. */
import type { ClassRow, FundKey, T1ExpCol, T2Col } from '../../tables/types';
import type { Rule } from '../rule';
import { classKey, codeTotal, compareAmounts, comparePerCode, ord, reportMissing, stated } from './util';
import { mapPacked } from '../../model/arrays';

const FUNDS: [FundKey, string][] = [
  ['general', '一般公共预算'],
  ['govFund', '政府性基金预算'],
  ['stateCapital', '国有资本经营预算'],
  ['specialAccount', '财政专户管理资金'],
  ['unitFunds', '单位资金'],
];

// Fixes: an empty total on the checked table may be filled from 表一, whose income lines and 支出总计 are what
// the other tables break down (rules.md). Row-level cells are never filled from another table.

export const xT1T2: Rule = {
  meta: {
    id: 'X.T1-T2',
    severity: 'error',
    title: '收入总表与收支总表不一致',
    description: '表二 合计行：合计 = 表一 本年收入合计；各资金来源列 = 表一 对应收入项；上年结转 = 表一 上年结转',
    table: 'T2',
    fixable: 'total',
  },
  check(ctx) {
    const { T1, T2 } = ctx.rec.tables;
    if (!T1 || !T2) return;
    const pairs: [T2Col, string, keyof typeof T1.income, string][] = [
      ['total', '合计', 'incomeSum', '本年收入合计'],
      ...mapPacked(FUNDS, ([k, n]) => [k, n, k, n] as [T2Col, string, FundKey, string]),
      ['carryover', '上年结转', 'carryover', '上年结转'],
    ];
    for (const [col, colName, line, lineName] of pairs) {
      compareAmounts(ctx, codeTotal('T2', T2, col, colName), [stated(T1.income[line], `${ord('T1')} ${lineName}`)]);
    }
  },
};

export const xT2T3: Rule = {
  meta: {
    id: 'X.T2-T3',
    severity: 'error',
    title: '支出总表与收入总表的科目金额不一致',
    description: '每个科目：表三 合计 = 表二 合计 + 表二 上年结转',
    table: 'T3',
  },
  check(ctx) {
    const { T2, T3 } = ctx.rec.tables;
    if (!T2 || !T3) return;
    comparePerCode(ctx, { id: 'T3', table: T3, cols: ['total'], colName: '合计' }, { id: 'T2', table: T2, cols: ['total', 'carryover'], colName: '合计+上年结转' });
  },
};

export const xT1T3: Rule = {
  meta: {
    id: 'X.T1-T3',
    severity: 'error',
    title: '支出总表与收支总表不一致',
    description: '表三 合计行 合计 = 表一 支出总计；表三 每个类 合计 = 表一 同一类支出 合计',
    table: 'T3',
    fixable: 'total',
  },
  check(ctx) {
    const { T1, T3 } = ctx.rec.tables;
    if (!T1 || !T3) return;
    compareAmounts(ctx, codeTotal('T3', T3, 'total', '合计'), [stated(T1.expTotal?.values.total, `${ord('T1')} 支出总计`)]);
    if (!T3.columns.includes('total')) return;
    const t1 = new Map<string, ClassRow<T1ExpCol>>(T1.classes.map((c) => [classKey(c), c]));
    const t3Classes = T3.rows.filter((r) => r.level === 1);
    const seen = new Set<string>();
    for (const r of t3Classes) {
      const f = r.values.total;
      if (!f) continue;
      const what = `${ord('T3')} ${r.code} ${r.name} 合计`;
      const c = t1.get(r.code);
      seen.add(r.code);
      if (!c) {
        // A 类 the 表一 template does not list (or 表一 classes not read by code): only a non-zero amount matters.
        if (T1.classes.every((x) => x.code)) reportMissing(ctx, [f], what, `${ord('T1')}中没有这一类支出`);
        continue;
      }
      compareAmounts(ctx, stated(f, what), [stated(c.values.total, `${ord('T1')} ${c.name} 合计`)]);
    }
    // A 类 missing from 表三 may be a row whose code and name could not be read (INPUT.unrecognised).
    const t3Unread = !!T3.unrecognised?.some((u) => u.part === 'row');
    for (const c of T1.classes) {
      if (t3Unread || !c.code || seen.has(c.code) || !c.values.total) continue;
      reportMissing(ctx, [c.values.total], `${ord('T1')} ${c.name} 合计`, `${ord('T3')}中没有科目 ${c.code}`);
    }
  },
};

export const incomeRules: Rule[] = [xT1T2, xT2T3, xT1T3];

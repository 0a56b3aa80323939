/** 财政拨款收支总表 ↔ 收支总表 per 类: X.T4-T1. */
import type { ClassRow, T4ExpCol } from '../../tables/types';
import { checkTotal } from '../compare';
import type { Rule } from '../rule';
import { allZero, classKey, ord, reportMissing } from './util';

export const xT4T1: Rule = {
  meta: {
    id: 'X.T4-T1',
    severity: 'error',
    title: '财政拨款收支总表与收支总表的支出类不一致',
    description: '表四 每类支出 小计 = 表一 同类 合计（部门有财政专户管理资金或单位资金时：小计 ≤ 合计）',
    table: 'T4',
  },
  check(ctx) {
    const { T1, T2, T4 } = ctx.rec.tables;
    if (!T1 || !T4) return;
    // 表一 spends every fund; 表四 only 财政拨款. With no 财政专户/单位资金 (income lines of 表一, columns of 表二)
    // both tables spend the same money per 类; otherwise 表四 can only be smaller.
    const otherFunds = !allZero([
      T1.income.specialAccount,
      T1.income.unitFunds,
      T2?.total?.values.specialAccount,
      T2?.total?.values.unitFunds,
    ]);
    const t1 = new Map(T1.classes.map((c) => [classKey(c), c]));
    const seen = new Set<string>();
    for (const c of T4.classes as ClassRow<T4ExpCol>[]) {
      const f = c.values.subtotal;
      if (!f) continue;
      const k = classKey(c);
      seen.add(k);
      const what = `${ord('T4')} ${c.name} 小计`;
      const other = t1.get(k)?.values.total;
      if (!other) {
        reportMissing(ctx, [f], what, `${ord('T1')}中没有这一类支出`);
        continue;
      }
      // ≤ case: only a 表四 amount above 表一 (beyond nothing) is a finding; its 舍位 band still applies.
      if (otherFunds && f.value.lte(other.value)) continue;
      // Never auto-filled: a 表四 小计 is the sum of its own fund columns (T4.row), not a copy of 表一.
      checkTotal(ctx, {
        stated: f,
        parts: [other],
        what,
        against: otherFunds ? `${ord('T1')} ${c.name} 合计（表四不应大于）` : `${ord('T1')} ${c.name} 合计`,
      });
    }
    if (otherFunds) return;
    for (const c of T1.classes) {
      const f = c.values.total;
      if (!f || seen.has(classKey(c))) continue;
      reportMissing(ctx, [f], `${ord('T1')} ${c.name} 合计`, `${ord('T4')}中没有这一类支出`);
    }
  },
};

export const t4Rules: Rule[] = [xT4T1];

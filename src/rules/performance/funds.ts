/**
 * 项目资金（元） of each target sheet on its own: P.funds_sum, P.funds_order, P.funds_source.
 * A form whose 项目资金 is a single figure with every sub-line empty (seed 003) has no breakdown to check.
 */
import { sum } from '../../model/money';
import { YUAN_CENT } from '../../model/tolerance';
import type { Figure, Funds, FundsKey, TargetSheet } from '../../tables/types';
import type { Rule } from '../rule';
import { anchorCell, at, isOneOff, reportAt, shownYuan, targetTitle, valueOf, yuan } from './common';
import { mapPacked } from '../../model/arrays';

const SOURCES: [Exclude<FundsKey, 'total'>, string][] = [
  ['central', '中央'],
  ['province', '省级'],
  ['cityCounty', '市县（区）'],
  ['self', '单位自筹'],
  ['other', '其他'],
];

const GROUPS: ['periodFunds' | 'annualFunds', string][] = [
  ['periodFunds', '实施期'],
  ['annualFunds', '年度'],
];

/** The sub-lines that carry a figure (an empty cell counts as 0, but a breakdown needs at least one filled). */
function parts(funds: Funds): Figure[] {
  const out: Figure[] = [];
  for (const [k] of SOURCES) {
    const f = funds[k];
    if (f) out.push(f);
  }
  return out;
}

function hasBreakdown(funds: Funds): boolean {
  for (const [k] of SOURCES) if (funds[k] && !funds[k]!.empty) return true;
  return false;
}

/** Money of a breakdown by source, for messages: "省级 4,212 元". */
function describeSources(funds: Funds): string {
  const list = mapPacked(
    SOURCES.filter(([k]) => !valueOf(funds[k]).isZero()),
    ([k, n]) => `${n} ${yuan(valueOf(funds[k]))} 元`,
  );
  return list.length ? list.join('、') : '（无）';
}

/**
 * A group with a line the recogniser could not name (INPUT.unrecognised) or an amount it could not read
 * (INPUT.uncached_formula): its sums are skipped, never computed without that line.
 */
function unreadGroup(t: TargetSheet, key: 'periodFunds' | 'annualFunds'): boolean {
  const part = key === 'periodFunds' ? 'period' : 'annual';
  return !!t.unrecognised?.some((u) => u.part === part) || Object.values(t[key]).some((f) => f?.unread);
}

export const fundsSum: Rule = {
  meta: {
    id: 'P.funds_sum',
    severity: 'error',
    title: '绩效目标表资金总额与分项之和不符',
    description:
      '实施期资金总额 = 中央 + 省级 + 市县（区） + 单位自筹 + 其他；年度资金总额同样（元，须分毫不差）。分项全部未填（只填一个总数的表样）不校验',
    table: 'P',
    fixable: 'total',
  },
  check(ctx) {
    for (const t of ctx.rec.targets) {
      for (const [key, group] of GROUPS) {
        const funds = t[key];
        if (!hasBreakdown(funds) || unreadGroup(t, key)) continue;
        const ps = parts(funds);
        const expected = sum(ps.map((p) => valueOf(p)));
        const total = funds.total;
        // No 资金总额 line was recognised: there is no stated total to compare (never a sum against a total not read).
        if (!total) continue;
        const actual = valueOf(total);
        if (total && !total.empty && actual.minus(expected).abs().lt(YUAN_CENT)) continue;
        const stated = at(total) ?? at(ps.find((p) => !p.empty)) ?? { sheet: t.sheet, cell: anchorCell(t) };
        // Only an empty total is filled from its parts: when both are stated, which one is wrong is unknown.
        const fix =
          total?.empty && !total.formula
            ? { sheet: total.sheet, cell: total.cell, value: expected.toFixed(), previous: '', from: ps.map((p) => `${p.sheet}!${p.cell}`) }
            : undefined;
        reportAt(ctx, stated, ps.filter((p) => !p.empty && !p.value.isZero()).map(at), {
          message: `${targetTitle(t)}：${group}资金总额 ${shownYuan(total)} ≠ 各资金来源之和 ${yuan(expected)} 元（${describeSources(funds)}）`,
          expected: expected.toFixed(),
          actual: total && !total.empty ? actual.toFixed() : '',
          fix,
        });
      }
    }
  },
};

function isOneYear(text: string): boolean {
  return /^1\s*年$/.test(text.replace(/\s/g, '')) || /^一年$/.test(text.trim());
}

export const fundsOrder: Rule = {
  meta: {
    id: 'P.funds_order',
    severity: 'error',
    title: '年度资金总额与实施期资金总额不匹配',
    description:
      '年度资金总额 ≤ 实施期资金总额；一次性项目（1年结束）的实施期资金总额 = 年度资金总额，且项目期为 1年',
    table: 'P',
  },
  check(ctx) {
    for (const t of ctx.rec.targets) {
      const period = t.periodFunds.total;
      const annual = t.annualFunds.total;
      const title = targetTitle(t);
      const oneOff = isOneOff(t);
      if (oneOff && t.period && !isOneYear(t.period.text)) {
        reportAt(ctx, at(t.period)!, [at(t.attribute)], {
          message: `${title}：项目属性为“${t.attribute!.text.trim()}”，项目期应为 1年，表中填的是“${t.period.text.trim()}”`,
          expected: '1年',
          actual: t.period.text.trim(),
        });
      }
      if (t.annualOnly || !period || !annual || period.unread || annual.unread) continue;
      const p = valueOf(period);
      const a = valueOf(annual);
      if (period.empty && annual.empty) continue;
      if (oneOff) {
        // A blank 年度资金总额 is P.one_off_amount's finding, on the empty cell.
        if (p.eq(a) || annual.empty) continue;
        reportAt(ctx, at(period)!, [at(annual), at(t.attribute)], {
          message: `${title}：一次性项目实施期资金总额 ${shownYuan(period)} ≠ 年度资金总额 ${shownYuan(annual)}`,
          expected: a.toFixed(),
          actual: period.empty ? '' : p.toFixed(),
        });
      } else if (a.gt(p)) {
        reportAt(ctx, at(annual)!, [at(period)], {
          message: `${title}：年度资金总额 ${shownYuan(annual)} 大于实施期资金总额 ${shownYuan(period)}`,
          expected: `≤ ${p.toFixed()}`,
          actual: a.toFixed(),
        });
      }
    }
  },
};

export const fundsSource: Rule = {
  meta: {
    id: 'P.funds_source',
    severity: 'warning',
    title: '实施期与年度的资金来源不一致',
    description:
      '年度资金是实施期资金的一部分：每个资金来源（中央、省级、市县（区）、单位自筹、其他）的年度金额不应大于其实施期金额。' +
      '同一笔钱在实施期记在一个来源、在年度记在另一个来源（如实施期 省级 4,212 元、年度 市县（区） 4,212 元）即报此提示。' +
      '年度资金总额本身大于实施期资金总额时由 P.funds_order 报告，本规则不再重复',
    table: 'P',
  },
  check(ctx) {
    for (const t of ctx.rec.targets) {
      if (t.annualOnly || !hasBreakdown(t.periodFunds) || !hasBreakdown(t.annualFunds)) continue;
      if (unreadGroup(t, 'periodFunds') || unreadGroup(t, 'annualFunds')) continue;
      // 年度 above 实施期 altogether is P.funds_order's finding; a source is out of place only within the money.
      if (valueOf(t.annualFunds.total).gt(valueOf(t.periodFunds.total))) continue;
      const over = SOURCES.filter(([k]) => valueOf(t.annualFunds[k]).gt(valueOf(t.periodFunds[k])));
      if (!over.length) continue;
      const stated = at(t.annualFunds[over[0][0]])!;
      const also = [
        ...mapPacked(over.slice(1), ([k]) => at(t.annualFunds[k])),
        ...mapPacked(over, ([k]) => at(t.periodFunds[k])),
        ...mapPacked(SOURCES.filter(([k]) => !valueOf(t.periodFunds[k]).isZero()), ([k]) => at(t.periodFunds[k])),
      ];
      const detail = mapPacked(over, ([k, n]) => `年度 ${n} ${yuan(valueOf(t.annualFunds[k]))} 元 > 实施期 ${n} ${yuan(valueOf(t.periodFunds[k]))} 元`).join('；');
      reportAt(ctx, stated, also, {
        message:
          `${targetTitle(t)}：实施期资金来源为 ${describeSources(t.periodFunds)}，年度资金来源为 ${describeSources(t.annualFunds)}，` +
          `两处资金来源不一致（${detail}）`,
        expected: `≤ ${valueOf(t.periodFunds[over[0][0]]).toFixed()}`,
        actual: valueOf(t.annualFunds[over[0][0]]).toFixed(),
      });
    }
  },
};

export const fundsRules: Rule[] = [fundsSum, fundsOrder, fundsSource];

/**
 * Checks of a target sheet that did not fire on real data before issue #11 (item 6), each on the cell to fill:
 *  - P.period          项目期 left blank (on the empty cell right of the label);
 *  - P.indicator_level a 二级指标 standing under another 一级 (a 效益 category under 满意度指标), on the 二级 cell
 *                      (a warning: where a merge was printed, the row a 一级 stands for is not always certain);
 *  - P.one_off_amount  a 一次性项目 whose 年度资金总额 is blank, on the empty cell.
 */
import { memoised } from '../../tables/text';
import type { Indicator, TargetSheet } from '../../tables/types';
import type { Rule } from '../rule';
import { at, isOneOff, reportAt, shownYuan, targetTitle, valueOf } from './common';

export const period: Rule = {
  meta: {
    id: 'P.period',
    severity: 'error',
    title: '绩效目标表未填写项目期',
    description: '有实施期的表样中“项目期”必须填写（如“1年”“2024年1月至2026年12月”）；只有年度目标的表样（只填年度资金和年度目标）不查',
    table: 'P',
  },
  check(ctx) {
    for (const t of ctx.rec.targets) {
      // The annual-only form (seed 003) has no 项目期 to fill: some exports print the label with nothing to fill in.
      if (t.annualOnly || t.period?.text.trim()) continue;
      const slot = t.period ?? t.slots?.period;
      if (!slot) continue;
      reportAt(ctx, at(slot)!, [], {
        message: `${targetTitle(t)}：“项目期”未填写${isOneOff(t) ? '（一次性项目应填“1年”）' : ''}`,
        expected: isOneOff(t) ? '1年' : '项目期（如“1年”）',
        actual: '（空）',
      });
    }
  },
};

type Level1 = '产出指标' | '效益指标' | '满意度指标';

/**
 * The 一级 a 二级 name of the template belongs to; undefined for names that are no 二级 of the template. Memoised,
 * as level1Category: a workbook's thousand indicators repeat a dozen names.
 */
export const categoryOfLevel2 = memoised(level2Category);

function level2Category(name: string): Level1 | undefined {
  const n = name.replace(/\s/g, '').replace(/指标$/, '');
  if (/^(数量|质量|时效|成本|经济成本|社会成本|生态环境成本)$/.test(n)) return '产出指标';
  if (/^(经济效益|社会效益|生态效益|可持续影响|可持续性影响|可持续发展影响)$/.test(n)) return '效益指标';
  if (/^服务对象满意度$/.test(n)) return '满意度指标';
  return undefined;
}

const level1Category = memoised((name: string): Level1 | undefined => {
  const n = name.replace(/\s/g, '');
  if (/^产出(指标)?$/.test(n)) return '产出指标';
  if (/^效益(指标)?$/.test(n)) return '效益指标';
  if (/^满意度(指标)?$/.test(n)) return '满意度指标';
  return undefined;
});

export const indicatorLevel: Rule = {
  meta: {
    id: 'P.indicator_level',
    // A warning: on a sheet made from a PDF a 一级 printed in the middle of its merge may seem to stand one row early.
    severity: 'warning',
    title: '二级指标与一级指标不对应',
    description:
      '二级指标须列在它所属的一级指标下：数量、质量、时效、成本指标属产出指标；经济效益、社会效益、生态效益、可持续影响指标属效益指标；' +
      '服务对象满意度指标属满意度指标（如把“社会效益指标”列在“满意度指标”下即报）',
    table: 'P',
  },
  check(ctx) {
    for (const t of ctx.rec.targets) {
      const seen = new Set<string>();
      const lists: [string, Indicator[]][] = [
        ['实施期绩效指标', t.periodIndicators],
        [t.annualOnly ? '绩效指标' : '年度绩效指标', t.annualIndicators],
      ];
      for (const [grid, list] of lists) {
        // 一级 written in this grid: a 二级 whose own 一级 is written nowhere may stand under a lost 一级 label
        // (seed 002 prints 效益指标 nowhere on one form); that is not known to be misplaced.
        const written = new Set(list.map((x) => level1Category(x.level1)));
        list.forEach((i, j) => {
          // Only a 一级 that certainly stands for the row (written on it or merged over it) is compared.
          // An empty row (no 三级) is P.indicators' business; a misplaced category is one that carries an indicator.
          if (!i.level2Label || !i.level1Stated || !i.level3.trim() || seen.has(i.level2Label.cell)) return;
          const belongs = categoryOfLevel2(i.level2);
          const standsUnder = level1Category(i.level1);
          if (!belongs || !standsUnder || belongs === standsUnder || !written.has(belongs)) return;
          // The next 一级 below being its own: the rows just above a 一级 printed in the middle of its merge (PDF
          // exports, seed 002) — the form is right, only the reading of the merge is uncertain.
          let next: Indicator | undefined;
          for (let k = j + 1; k < list.length && !next; k++) if (level1Category(list[k].level1) !== standsUnder) next = list[k];
          if (next && level1Category(next.level1) === belongs) return;
          seen.add(i.level2Label.cell);
          reportAt(ctx, at(i.level2Label)!, [], {
            message: `${targetTitle(t)}：${grid}中二级指标“${i.level2.trim()}”属于一级指标“${belongs}”，却列在“${i.level1.trim()}”下`,
            expected: `列在一级指标“${belongs}”下`,
            actual: `列在“${i.level1.trim()}”下`,
          });
        });
      }
    }
  },
};

function annualParts(t: TargetSheet) {
  return (['central', 'province', 'cityCounty', 'self', 'other'] as const).map((k) => t.annualFunds[k]).filter((f) => f && !f.empty && !f.unread);
}

export const oneOffAmount: Rule = {
  meta: {
    id: 'P.one_off_amount',
    severity: 'error',
    title: '一次性项目未填写年度资金总额',
    description: '项目属性为一次性项目（1年结束）时，年度资金总额必须填写，且等于实施期资金总额',
    table: 'P',
  },
  check(ctx) {
    for (const t of ctx.rec.targets) {
      if (!isOneOff(t)) continue;
      const annual = t.annualFunds.total;
      if (!annual || !annual.empty || annual.unread) continue;
      const p = t.periodFunds.total;
      const known = p && !p.empty && !p.unread ? valueOf(p) : undefined;
      const parts = annualParts(t);
      reportAt(ctx, at(annual)!, [at(p), at(t.attribute)], {
        message:
          `${targetTitle(t)}：一次性项目的年度资金总额未填写` +
          (known ? `，应与实施期资金总额 ${shownYuan(p)}相同` : ''),
        expected: known ? known.toFixed() : parts.length ? parts.reduce((s, f) => s.plus(f!.value), valueOf(undefined)).toFixed() : '年度资金总额',
        actual: '（空）',
      });
    }
  },
};

export const fieldRules: Rule[] = [period, indicatorLevel, oneOffAmount];

/**
 * N.flat_change: an increase or decrease of nothing — "增加持平", "增加0万元", "下降0%". A change of zero is
 * written "与上年预算数相同" (or "与上年持平").
 */
import { excerpt, matches, sectionName, wordingRule } from './common';

const FLAT = /(增加|减少|增长|下降)[\s\u3000]*(持平|0(?:\.0+)?(?![\d.])[\s\u3000]*(?:万元|%|％))/g;

export const flatChangeRule = wordingRule(
  {
    id: 'N.flat_change',
    severity: 'warning',
    title: '情况说明“增加0万元”“增加持平”',
    description: '没有增减时写“与上年预算数相同”，不写“增加持平”“增加0万元”“下降0%”',
  },
  (ctx, sections) => {
    for (const { s, line, m } of matches(sections, FLAT)) {
      ctx.report({
        sheet: line.sheet,
        cells: [line.cell],
        message: `情况说明${sectionName(s)}中“${m[0]}”：没有增减时应写“与上年预算数相同”（${excerpt(line.text, m.index, m[0].length)}）`,
        actual: m[0],
        expected: '与上年预算数相同',
      });
    }
  },
);

/**
 * N.three_public_items: 七 explains the “三公” total and each of its items: 因公出国（境）费, 公务接待费, 公务用车购置费
 * and 公务用车运行维护费 ("公务用车购置及运行费" names both).
 */
import { compact } from '../../../tables/text';
import { wordingRule } from './common';

const ITEMS: [string, RegExp][] = [
  ['因公出国（境）费', /出国\(境\)|出国境|因公出国/],
  ['公务接待费', /公务接待/],
  ['公务用车购置费', /购置/],
  ['公务用车运行维护费', /运行/],
];

export const threePublicRule = wordingRule(
  {
    id: 'N.three_public_items',
    severity: 'warning',
    title: '“三公”经费说明缺项',
    description: '七应逐项说明因公出国（境）费、公务接待费、公务用车购置费、公务用车运行维护费（为0也应写明）',
  },
  (ctx, sections) => {
    for (const s of sections) {
      if (s.id !== '七' || !s.lines.length) continue;
      const text = compact(s.text);
      const missing = ITEMS.filter(([, re]) => !re.test(text)).map(([n]) => n);
      if (!missing.length) continue;
      const at = s.lines[0];
      ctx.report({
        sheet: at.sheet,
        cells: [at.cell],
        message: `情况说明“${s.heading.replace(/[\s\u3000]+/g, '')}”没有说明${missing.join('、')}，四项应逐项写明（为0时写“0万元，与上年预算数相同”）`,
        actual: missing.join('、'),
      });
    }
  },
);

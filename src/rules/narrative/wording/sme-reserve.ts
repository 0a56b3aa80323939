/** N.sme_reserve: the share reserved for small and medium enterprises (中小企业预留) cannot exceed the 政府采购 total. */
import { wan } from '../numbers';
import { sectionName, wordingRule } from './common';

export const smeReserveRule = wordingRule(
  {
    id: 'N.sme_reserve',
    severity: 'error',
    title: '面向中小企业预留超过政府采购总额',
    description: '九中面向中小企业预留的采购金额 ≤ 政府采购预算总额',
  },
  (ctx, sections) => {
    for (const s of sections) {
      if (s.id !== '九') continue;
      const figs = s.figures.filter((f) => !f.inReason && f.unit === '万元');
      const total = figs.find((f) => /预算总额$|采购总额$/.test(f.segment));
      if (!total) continue;
      for (const f of figs) {
        if (!/中小企业/.test(f.segment + f.label) || f === total) continue;
        if (f.value.lte(total.value)) continue;
        ctx.report({
          sheet: f.sheet,
          cells: [f.cell],
          message: `情况说明${sectionName(s)}中面向中小企业预留${f.text}万元，超过政府采购预算总额${total.text}万元（多${wan(f.value.minus(total.value))}万元）`,
          expected: `≤${total.text}万元`,
          actual: `${f.text}万元`,
          ...(total.cell !== f.cell || total.sheet !== f.sheet ? { related: [{ sheet: total.sheet, cells: [total.cell] }] } : {}),
        });
      }
    }
  },
);

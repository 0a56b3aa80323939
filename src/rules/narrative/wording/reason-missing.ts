/**
 * N.reason_missing: sections 一 (收支), 七 (“三公”经费) and 八 (机关运行经费) explain each change: a
 * "比上年增加/减少D万元" (D ≠ 0) without a reason in the same sentence. 五's change needs none (the template
 * asks for the figures only). A bureau's 审核口径 may ask for a reason only from a change of x% on
 * (CHANGE_REASON_THRESHOLD, src/engine/config.ts): a change whose stated rate (增长/下降E%, same sentence) is below it
 * needs none; one without a stated rate still does.
 */
import { Decimal } from '../../../model/money';
import { CHANGE_REASON_THRESHOLD } from '../../../model/tolerance';
import { sectionName, wordingRule } from './common';

const CHANGE = /(增加|减少|增长|下降)$/;
const REASON = /原因|由于|因为|主要是|用于|系/;
const NEEDS_REASON = new Set(['一', '七', '八']);

export const reasonMissingRule = wordingRule(
  {
    id: 'N.reason_missing',
    severity: 'warning',
    title: '情况说明增减变动未说明原因',
    description: '一（收支总计）、七（“三公”经费）、八（机关运行经费）比上年有增减时，同一句应写明原因',
  },
  (ctx, sections) => {
    for (const s of sections) {
      if (!s.id || !NEEDS_REASON.has(s.id)) continue;
      for (const f of s.figures) {
        if (f.inReason || f.unit !== '万元' || f.value.isZero() || !CHANGE.test(f.segment)) continue;
        if (!/比|与上年|较上年|上年/.test(f.label)) continue;
        const after = s.text.slice(f.offset);
        const stop = after.search(/[；;。]/);
        const rest = stop < 0 ? after : after.slice(0, stop);
        if (REASON.test(rest)) continue;
        if (CHANGE_REASON_THRESHOLD.gt(0)) {
          const rate = /(?:增长|下降|增加|减少)\s*(\d+(?:\.\d+)?)\s*[%％]/.exec(rest);
          if (rate && new Decimal(rate[1]).lt(CHANGE_REASON_THRESHOLD)) continue;
        }
        ctx.report({
          sheet: f.sheet,
          cells: [f.cell],
          message: `情况说明${sectionName(s)}中“${f.segment}${f.text}万元”没有说明增减原因，请在同一句写明“主要原因是……”`,
          actual: `${f.segment}${f.text}万元`,
        });
      }
    }
  },
);

/**
 * N.zero_base: growth from a zero base written as a percentage ("上年0万元 … 增长100%", or a change equal to the
 * amount itself): last year's amount is 0, so no growth rate exists; the text should state the amount only.
 */
import { Decimal } from '../../../model/money';
import type { NarrativeFigure } from '../figures';
import { sectionName, wordingRule } from './common';

const LAST_YEAR = /^比(上年|\d{4}年)(度)?(预算)?(数)?$|^上年(预算)?(数)?为?$/;
const CHANGE = /(增加|减少|增长|下降)(\((增加|减少|增长|下降)\))?$/;
const RATE = /(增长|下降|增加|减少)(\((增长|下降|增加|减少)\))?$/;

export const zeroBaseRule = wordingRule(
  {
    id: 'N.zero_base',
    severity: 'error',
    title: '上年为0时写了增长率',
    description: '上年金额为0（文中写明，或增加额等于本年金额）时没有增长率，不能写“增长…%”',
  },
  (ctx, sections) => {
    for (const s of sections) {
      let subject: NarrativeFigure | undefined;
      let last: NarrativeFigure | undefined;
      let change: NarrativeFigure | undefined;
      let sentence = -1;
      for (const f of s.figures) {
        if (f.inReason) continue;
        // A sentence ends at 。 or ；: the state belongs to one sentence.
        const sent = (s.text.slice(0, f.offset).match(/[。；;]/g) ?? []).length;
        if (sent !== sentence) {
          sentence = sent;
          subject = last = change = undefined;
        }
        if (f.unit === '万元' && LAST_YEAR.test(f.segment)) last = f;
        else if (f.unit === '万元' && CHANGE.test(f.segment) && (subject || last)) change = f;
        else if (f.unit === '%' && RATE.test(f.segment) && change) {
          const up = /增加|增长/.test(CHANGE.exec(change.segment)![1]);
          const base: Decimal | undefined = last ? last.value : subject ? subject.value.minus(up ? change.value : change.value.neg()) : undefined;
          if (base && base.isZero() && !f.value.isZero())
            ctx.report({
              sheet: f.sheet,
              cells: [f.cell],
              message: `情况说明${sectionName(s)}中上年金额为0${last ? `（“${last.segment}${last.text}万元”）` : `（本年${subject!.text}万元，增加${change.text}万元）`}，没有增长率，“${f.segment}${f.text}%”应删去`,
              actual: `${f.segment}${f.text}%`,
            });
          change = undefined;
        } else if (f.unit === '万元') {
          subject = f;
          last = change = undefined;
        }
      }
    }
  },
);

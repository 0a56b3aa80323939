/**
 * N.same_figure: one figure stated twice with different values — 一's 预算收入总计 and 二's 预算收入, 五 (一) and
 * (二)'s 一般公共预算当年支出, a “三公” line written twice in 七. A reason's own amounts are not compared.
 */
import { keyText } from '../../../tables/text';
import type { NarrativeFigure, NarrativeSectionText } from '../figures';
import { sectionName, wordingRule } from './common';
import { wan } from '../numbers';

/** The figures that name one thing wherever they stand: concept ← the words that end the clause. */
const CONCEPTS: [string, RegExp][] = [
  ['预算收入总计', /(预算收入总计|预算收入)$/],
  ['一般公共预算当年支出', /一般公共预算当年支出$/],
  ['财政拨款收支总预算', /财政拨款收支总预算$/],
  ['“三公”经费预算', /三公.?经费预算$/],
  ['机关运行经费财政拨款预算', /机关运行经费财政拨款预算$/],
  ['因公出国（境）费', /^(其中)?因公出国\(境\)费$/],
  ['公务接待费', /^(其中)?公务接待费$/],
  ['公务用车购置及运行费', /^(其中)?公务用车购置及运行费$/],
  ['公务用车运行维护费', /^(其中)?公务用车运行维护费$/],
  ['公务用车购置费', /^(其中)?公务用车购置费$/],
  ['政府采购预算总额', /政府采购预算总额$/],
];

function concept(f: NarrativeFigure): string | undefined {
  const seg = keyText(f.segment).replace(/^(本年)?(部门|单位)?/, '');
  for (const [name, re] of CONCEPTS) if (re.test(seg) || re.test(f.segment)) return name;
  return undefined;
}

export const sameFigureRule = wordingRule(
  {
    id: 'N.same_figure',
    severity: 'error',
    title: '情况说明同一数字前后不一致',
    description: '同一项目（如预算收入总计、一般公共预算当年支出、“三公”经费各项）在文中出现两次时金额应相同',
  },
  (ctx, sections) => {
    const first = new Map<string, { f: NarrativeFigure; s: NarrativeSectionText }>();
    for (const s of sections) {
      if (!s.id) continue;
      for (const f of s.figures) {
        if (f.inReason || f.unit !== '万元') continue;
        const c = concept(f);
        if (!c) continue;
        const prev = first.get(c);
        if (!prev) {
          first.set(c, { f, s });
          continue;
        }
        if (prev.f.value.eq(f.value)) continue;
        ctx.report({
          sheet: f.sheet,
          cells: [f.cell],
          message:
            `情况说明${sectionName(s)}中${c}写作${f.text}万元，与前文${sectionName(prev.s)}的${prev.f.text}万元不一致` +
            `（相差${wan(f.value.minus(prev.f.value).abs())}万元），请核对后统一`,
          expected: `${prev.f.text}万元`,
          actual: `${f.text}万元`,
          related: [{ sheet: prev.f.sheet, cells: [prev.f.cell] }],
        });
      }
    }
  },
);

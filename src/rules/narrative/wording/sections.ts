/** N.sections: a 情况说明 lacks some of its twelve parts (一 … 十二, narrative.md). */
import { SECTION_IDS } from '../figures';
import { wordingRule } from './common';

const TITLES: Record<string, string> = {
  一: '收支数据变动情况及原因',
  二: '收入预算情况说明',
  三: '支出预算情况说明',
  四: '财政拨款收支预算总体情况说明',
  五: '一般公共预算支出情况说明',
  六: '一般公共预算基本支出情况说明',
  七: '“三公”经费增减变动原因说明',
  八: '机关运行经费增减变动原因说明',
  九: '政府采购情况',
  十: '绩效管理情况',
  十一: '国有资产占有使用情况',
  十二: '其他说明',
};

export const sectionsRule = wordingRule(
  {
    id: 'N.sections',
    severity: 'warning',
    title: '情况说明缺少部分内容',
    description: '第三部分 情况说明应包括一至十二共十二部分（收支变动、收入、支出……国有资产、其他说明）',
  },
  (ctx, sections) => {
    const have = new Set(sections.map((s) => s.id).filter(Boolean));
    // Fewer than three parts recognised: not a 情况说明 we can judge (a pasted fragment).
    if (have.size < 3) return;
    const missing = SECTION_IDS.filter((id) => !have.has(id));
    if (!missing.length) return;
    const at = sections.find((s) => s.headingAt)?.headingAt ?? { sheet: sections[0].lines[0]?.sheet ?? '', cell: sections[0].lines[0]?.cell ?? '' };
    ctx.report({
      sheet: at.sheet,
      cells: [at.cell],
      message: `情况说明缺少${missing.map((id) => `“${id}、${TITLES[id]}”`).join('、')}，请补齐（没有内容的部分也应写明“无”或说明原因）`,
      actual: missing.join('、'),
    });
  },
);

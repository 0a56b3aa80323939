/** N.reason_empty: "主要原因是" followed by nothing ("主要原因是。", "原因是：；", at the end of the text). */
import { excerpt, matches, sectionName, wordingRule } from './common';

const EMPTY = /(主要)?原因(是|为|在于|主要是)[\s\u3000]*[：:]?[\s\u3000]*(?=[。；;，,]|$)/g;

export const reasonEmptyRule = wordingRule(
  {
    id: 'N.reason_empty',
    severity: 'warning',
    title: '情况说明“原因是”后没有内容',
    description: '“主要原因是”“原因是”之后应写明原因，不能直接以标点或段落结束',
  },
  (ctx, sections) => {
    for (const { s, line, m } of matches(sections, EMPTY)) {
      ctx.report({
        sheet: line.sheet,
        cells: [line.cell],
        message: `情况说明${sectionName(s)}中“${m[0].trim()}”后面没有写原因：${excerpt(line.text, m.index, m[0].length)}`,
        actual: m[0].trim(),
      });
    }
  },
);

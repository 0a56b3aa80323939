/**
 * N.dept_unit: "单位预算" for one budget unit, "部门预算" for a department with several (narrative.md); the title,
 * headings and text use one of them. "部门（单位）" (the template's own words in 十) is neither.
 */
import { unitNames } from '../data';
import { excerpt, matches, sectionName, wordingRule } from './common';

const WORD = /(部门|单位)预算(?!单位)/g;

export const deptUnitRule = wordingRule(
  {
    id: 'N.dept_unit',
    severity: 'warning',
    title: '情况说明“部门”“单位”用法不一致',
    description: '一个预算单位写“单位预算”，含多个预算单位的部门写“部门预算”，全文一致',
  },
  (ctx, sections) => {
    const hits = [...matches(sections, WORD)];
    if (!hits.length) return;
    const units = unitNames(ctx.rec).length;
    const count = (w: string) => hits.filter((h) => h.m[1] === w).length;
    // The word the text should use: the tables' when they show several units, else the text's majority.
    const want = units > 1 ? '部门' : count('单位') >= count('部门') ? '单位' : '部门';
    if (units <= 1 && count('单位') && count('部门') === 0) return;
    const why = units > 1 ? `表格中有${units}个预算单位，应写“部门预算”` : `全文多处写“${want}预算”`;
    for (const { s, line, m } of hits) {
      if (m[1] === want) continue;
      ctx.report({
        sheet: line.sheet,
        cells: [line.cell],
        message: `情况说明${sectionName(s) || '标题'}中写“${m[0]}”：${why}（${excerpt(line.text, m.index, m[0].length)}）`,
        expected: `${want}预算`,
        actual: m[0],
      });
    }
  },
);

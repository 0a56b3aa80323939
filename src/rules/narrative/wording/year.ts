/**
 * N.year: the report year is one year throughout: the title ("第三部分 2025年度部门预算情况说明"), the text's
 * "2025年度…" and the tables' titles. Years compared with ("比2024年", "截至2024年12月31日") are not the report year.
 */
import { excerpt, matches, sectionName, wordingRule } from './common';

/** "2025年度" / "2025 年度"; those after 比/较/与/至/上/和 (a year compared with) are skipped by comparedWith. */
const YEAR = /(\d{4})[\s\u3000]*年度/g;
/**
 * The character before a match is one of 比较与至上和. Tested in code, not with a lookbehind (?<!…): Safari before
 * 16.4 cannot parse a lookbehind and would reject the whole task-pane script (webpack.config.js OLDEST_WEBVIEW).
 * The same matches: a skipped match's digits cannot start another one (four digits, then a non-digit).
 */
const comparedWith = (text: string, at: number) => at > 0 && '比较与至上和'.includes(text[at - 1]);

export const yearRule = wordingRule(
  {
    id: 'N.year',
    severity: 'error',
    title: '情况说明年度与表格不一致',
    description: '标题和正文中的预算年度（“YYYY年度”）应与表格标题的年度一致',
  },
  (ctx, sections) => {
    const titleLine = sections[0] && !sections[0].id ? sections[0].lines.find((l) => /情况说明/.test(l.text)) : undefined;
    const titleYear = titleLine ? /(\d{4})[\s\u3000]*年/.exec(titleLine.text)?.[1] : undefined;
    const year = ctx.rec.year ? String(ctx.rec.year) : titleYear;
    if (!year) return;
    const source = ctx.rec.year ? '表格标题' : '情况说明标题';
    for (const { s, line, m } of matches(sections, YEAR)) {
      if (m[1] === year || comparedWith(line.text, m.index)) continue;
      ctx.report({
        sheet: line.sheet,
        cells: [line.cell],
        message: `情况说明${sectionName(s) || '标题'}中的年度“${m[1]}年度”与${source}的${year}年不一致：${excerpt(line.text, m.index, m[0].length)}`,
        expected: `${year}年度`,
        actual: `${m[1]}年度`,
      });
    }
  },
);

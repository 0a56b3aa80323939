/**
 * N.class_name: the 类/款/项 named in 四 ("支出包括：…") and 五 (二) ("主要用于以下方面：…") must be written as
 * the tables name them: "社会保障与就业支出" for 表五's "社会保障和就业支出" is a naming fault (the figure itself is
 * N.figure's business).
 */
import { EXPENDITURE_CLASSES } from '../../../tables/classes';
import { keyText } from '../../../tables/text';
import { sectionName, wordingRule } from './common';
import { mapPacked } from '../../../model/arrays';

/** Clauses that end in 支出 but name no class. */
const STRUCTURAL = /(当年|基本|项目|预算|本年|财政拨款)支出$|一般公共预算|总计$|合计$/;

/** Characters of a in b, in order (longest common subsequence length). */
function lcs(a: string, b: string): number {
  const m = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) m[i][j] = a[i - 1] === b[j - 1] ? m[i - 1][j - 1] + 1 : Math.max(m[i - 1][j], m[i][j - 1]);
  return m[a.length][b.length];
}

export const classNameRule = wordingRule(
  {
    id: 'N.class_name',
    severity: 'warning',
    title: '情况说明科目名称与表格不一致',
    description: '四、五中列出的支出功能分类科目（类/款/项）名称应与表四、表五中的名称一致',
  },
  (ctx, sections) => {
    const t = ctx.rec.tables;
    for (const s of sections) {
      if (s.id !== '四' && s.id !== '五') continue;
      const table = s.id === '四' ? t.T4 : t.T5;
      if (!table) continue;
      const names = s.id === '四' ? t.T4!.classes.map((c) => c.name) : t.T5!.rows.map((r) => r.name);
      const keys = new Set([...mapPacked(names, (n) => keyText(n)), ...mapPacked(EXPENDITURE_CLASSES, (c) => c.name)]);
      for (const f of s.figures) {
        if (f.inReason || f.unit !== '万元') continue;
        const seg = keyText(f.segment).replace(/^(支出包括|主要用于以下方面|主要用于|其中|包括)/, '');
        if (!/支出$/.test(seg) || STRUCTURAL.test(seg) || seg.length < 4 || keys.has(seg)) continue;
        let best: string | undefined;
        let score = 0;
        for (const n of names) {
          const k = keyText(n);
          const sc = lcs(seg, k) / Math.max(seg.length, k.length);
          if (sc > score) [best, score] = [n.trim(), sc];
        }
        if (!best || score < 0.6) continue;
        ctx.report({
          sheet: f.sheet,
          cells: [f.cell],
          message: `情况说明${sectionName(s)}中的科目名称“${seg}”与${s.id === '四' ? '表四' : '表五'}不一致，表中为“${best}”`,
          expected: best,
          actual: seg,
        });
      }
    }
  },
);

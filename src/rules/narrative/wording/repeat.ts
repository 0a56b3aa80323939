/** N.repeat: a word or a punctuation mark written twice in a row ("增加增加", "。。", "。；"). */
import { excerpt, matches, sectionName, wordingRule } from './common';

/** A run of 2–4 Chinese characters immediately repeated (spaces between allowed). */
const WORD = /([\u4e00-\u9fa5]{2,4})[\s\u3000]*\1/g;
/** Two sentence marks in a row: "。。", "。；", "，，", "、、" (a quote or bracket between them is fine). */
const PUNCT = /([，。；、：,;])[\s\u3000]*([，。；、：,;])/g;

export const repeatRule = wordingRule(
  {
    id: 'N.repeat',
    severity: 'warning',
    title: '情况说明字词或标点重复',
    description: '同一词语或标点连写两次（如“增加增加”“。。”“。；”）应删去一个',
  },
  (ctx, sections) => {
    for (const { s, line, m } of matches(sections, WORD)) {
      ctx.report({
        sheet: line.sheet,
        cells: [line.cell],
        message: `情况说明${sectionName(s)}中“${m[1]}”连写了两次：${excerpt(line.text, m.index, m[0].length)}，请删去一个`,
        actual: m[0],
        expected: m[1],
      });
    }
    for (const { s, line, m } of matches(sections, PUNCT)) {
      ctx.report({
        sheet: line.sheet,
        cells: [line.cell],
        message: `情况说明${sectionName(s)}中标点“${m[0].replace(/[\s\u3000]/g, '')}”重复：${excerpt(line.text, m.index, m[0].length)}，请只保留一个`,
        actual: m[0],
        expected: m[2],
      });
    }
  },
);

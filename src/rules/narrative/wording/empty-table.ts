/**
 * N.empty_table_note: a note that a table is empty ("本单位无政府性基金预算收支，故表八为空表") must name the table
 * of that topic: 政府性基金 表七/表八, 国有资本经营 表九, “三公”经费 表十, 机关运行经费 表十一, 上年结转项目 表十三.
 */
import { excerpt, matches, sectionName, wordingRule } from './common';

const ORD = '十[一二三]|[一二三四五六七八九十]';
const NOTE = new RegExp(`[^。；;]*?(表(?:${ORD})(?:[、和及与](?:表)?(?:${ORD}))*)[^。；;]*?(空表|无数据|没有数据|为空)[^。；;]*`, 'g');
/** What every NOTE holds: a line without it is not searched (NOTE's lazy runs try every start of a long line). */
const NOTE_WORD = /空表|无数据|没有数据|为空/;

const TOPICS: [RegExp, string[], string][] = [
  [/政府性基金/, ['七', '八'], '政府性基金预算'],
  [/国有资本经营/, ['九'], '国有资本经营预算'],
  [/三公/, ['十'], '“三公”经费'],
  [/机关运行经费/, ['十一'], '机关运行经费'],
  [/上年结转/, ['十三'], '上年结转项目'],
];

export const emptyTableNoteRule = wordingRule(
  {
    id: 'N.empty_table_note',
    severity: 'error',
    title: '空表说明写错了表号',
    description: '“…为空表”的说明应写对应的表号：政府性基金 表七、表八，国有资本经营 表九，“三公”经费 表十，机关运行经费 表十一，上年结转 表十三',
  },
  (ctx, sections) => {
    for (const { s, line, m } of matches(sections, NOTE, NOTE_WORD)) {
      const named = [...m[1].matchAll(new RegExp(`(${ORD})`, 'g'))].map((x) => x[1]);
      const topic = TOPICS.find(([re]) => re.test(m[0]));
      if (!topic) continue;
      const [, tables, what] = topic;
      const wrong = named.filter((n) => !tables.includes(n));
      if (!wrong.length) continue;
      ctx.report({
        sheet: line.sheet,
        cells: [line.cell],
        message: `情况说明${sectionName(s)}中说明${what}为空表，但写的是${wrong.map((n) => `表${n}`).join('、')}，应为${tables.map((n) => `表${n}`).join('、')}（${excerpt(line.text, m.index, m[0].length, 0)}）`,
        expected: tables.map((n) => `表${n}`).join('、'),
        actual: m[1],
      });
    }
  },
);

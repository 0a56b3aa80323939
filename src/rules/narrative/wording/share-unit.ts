/** N.share_unit: a share written without % ("占84.40；", "占…总额的85.6。"). */
import { excerpt, matches, sectionName, wordingRule } from './common';

const UNITS = '(?:[%％]|万元|元|个|家|辆|平方米|台|套|人|项|年|月|日|倍|次|张)';
/** "占84.40" right after 占 (or 占比/占比为), or "占…的85.6". */
const SHARE = new RegExp(`占(?:比)?(?:为)?(?:[^，；。,;:：\\d]{1,30}的)?(\\d+(?:\\.\\d+)?)(?![\\d.,])(?![\\s\\u3000]*${UNITS})`, 'g');

export const shareUnitRule = wordingRule(
  {
    id: 'N.share_unit',
    severity: 'warning',
    title: '情况说明占比缺少%',
    description: '“占…”后的比例应带百分号，如“占84.40%”',
  },
  (ctx, sections) => {
    for (const { s, line, m } of matches(sections, SHARE)) {
      ctx.report({
        sheet: line.sheet,
        cells: [line.cell],
        message: `情况说明${sectionName(s)}中的比例“${m[1]}”没有写%：${excerpt(line.text, m.index, m[0].length)}，应写“${m[1]}%”`,
        actual: m[1],
        expected: `${m[1]}%`,
      });
    }
  },
);

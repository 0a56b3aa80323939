/** compact (src/tables/text.ts): its one pass does what the three replacements it stands for do. */
import { compact, compactByReplacing } from '../../src/tables/text';

describe('compact', () => {
  test.each([
    ['项 目（一）：\n名称', '项目(一):名称'],
    ['【表】〔1〕［2］[3]', '(表)(1)(2)(3)'],
    ['\u3000合\u00a0计\ufeff', '合计'],
  ])('%j → %s', (raw, out) => expect(compact(raw)).toBe(out));

  test('equals the replacements on every UTF-16 unit', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = `a${String.fromCharCode(c)}（b：`;
      if (compact(s) !== compactByReplacing(s)) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
  });

  test('equals the replacements on mixed texts (several units replaced, between ideographs and digits)', () => {
    let x = 7;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pool = '（）()[]［］【】〔〕：: \t\n\u3000\u00a0\ufeff，。Ａ１a9项目资金中央省级';
    const texts: string[] = [];
    for (let k = 0; k < 20000; k++) {
      let s = '';
      for (let i = Math.floor(rnd() * 16); i > 0; i--) s += pool[Math.floor(rnd() * pool.length)];
      texts.push(s);
    }
    expect(texts.map(compact)).toEqual(texts.map(compactByReplacing));
  });
});

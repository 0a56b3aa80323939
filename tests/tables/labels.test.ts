/** The one label mechanism (src/tables/labels.ts): normalisation and unambiguous-prefix completion. */
import { normaliseLabel, normaliseLabelByReplacing, Vocabulary } from '../../src/tables/labels';
import { TABLE_LABELS } from '../../src/tables/table-labels';
import { TARGET_LABELS } from '../../src/tables/targets';

describe('normaliseLabel', () => {
  test.each([
    ['其中：中央\n财政 资金', '其中中央财政资金'],
    ['市县(区)财政资金', '市县（区）财政资金'],
    ['项　目　名　称：', '项目名称'],
    ['市县【区】财政资金', '市县（区）财政资金'],
    ['ＡＢ１２３', 'AB123'],
  ])('%j → %s', (raw, key) => expect(normaliseLabel(raw)).toBe(key));
});

describe('Vocabulary.resolve', () => {
  const v = new Vocabulary([
    ['period', ['实施期资金总额']],
    ['annual', ['年度资金总额']],
    ['goal', ['年度目标', '年度绩效目标']],
  ]);
  test('a cut-off label completes to the one known label it begins', () => {
    expect(v.resolve('实施期资金总')).toBe('实施期资金总额');
    expect(v.resolve('年度资金')).toBe('年度资金总额');
  });
  test('two spellings of one key are no ambiguity: the shortest is taken', () => {
    expect(v.resolve('年度绩效')).toBe('年度绩效目标');
    expect(v.keyOf('年度绩效')).toBe('goal');
  });
  test('a prefix of labels of two keys, a prefix shorter than 3 or than half the label, stays as written', () => {
    expect(v.resolve('年度')).toBe('年度');
    expect(new Vocabulary([['a', ['年度资金总额']], ['b', ['年度目标']]]).resolve('年度资')).toBe('年度资金总额');
    expect(new Vocabulary([['a', ['年度资金总额']], ['b', ['年度目标']]]).resolve('年度X')).toBe('年度X');
    expect(new Vocabulary([['a', ['保证项目实施的制度、措施']]]).resolve('保证项目')).toBe('保证项目');
  });
  test('seed 000: 市县（区）财政资 is the 市县 line', () => {
    expect(TARGET_LABELS.keyOf(normaliseLabel('市县（区）财政资'))).toBe('cityCounty');
  });
  test('13 tables: a cut class name and a cut fund column complete; an ambiguous one does not', () => {
    expect(TABLE_LABELS.resolve('社会保障和就业支')).toBe('社会保障和就业支出');
    expect(TABLE_LABELS.resolve('一般公共预')).toBe('一般公共预算');
    expect(TABLE_LABELS.resolve('社会保')).toBe('社会保');
  });
});

describe('normaliseLabel in one pass', () => {
  test('equals the four replacements for every UTF-16 unit, and on mixed texts', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = `a${String.fromCharCode(c)}（b：`;
      if (normaliseLabel(s) !== normaliseLabelByReplacing(s)) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
    let x = 1;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pool = '（）()[]［］【】〔〕：: \t\n\u3000\u00a0\u200b\ufeff，。Ａ１ａ项目资金中央省级';
    const texts: string[] = [];
    for (let k = 0; k < 20000; k++) {
      let s = '';
      for (let i = Math.floor(rnd() * 12); i > 0; i--) s += pool[Math.floor(rnd() * pool.length)];
      texts.push(s);
    }
    expect(texts.map(normaliseLabel)).toEqual(texts.map(normaliseLabelByReplacing));
    expect(normaliseLabel('其中：中央\n财政 资金')).toBe('其中中央财政资金');
  });
});

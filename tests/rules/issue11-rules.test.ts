/**
 * Issue #11 items 2, 3 and 6 on small target forms (the layout of seed 001's forms, unmerged): each new rule with a
 * RuleTester valid/invalid case whose first cell is the one a clerk must edit; cost ceilings in every unit; a fund
 * line the recogniser cannot name (INPUT.unrecognised) and a formula without its result (computed, or
 * INPUT.uncached_formula) never feed a sum; a visible table is read before a hidden duplicate.
 */
import { recognise } from '../../src/engine';
import type { CellScalar } from '../../src/model/snapshot';
import { fundsOrder, fundsSum } from '../../src/rules/performance/funds';
import { costCeiling, costVsFund } from '../../src/rules/performance/indicators';
import { indicatorLevel, oneOffAmount, period } from '../../src/rules/performance/fields';
import { text } from '../../src/rules/performance/text';
import { findingsOf, ruleTester } from '../helpers/rule-tester';
import { sheetFrom, workbookFrom } from '../helpers/sheet';

type Row = (CellScalar | undefined)[];

interface Form {
  attribute?: string;
  period?: string;
  /** 实施期 and 年度 columns: [total, 中央, 省级, 市县, 自筹, 其他]. */
  p?: CellScalar[];
  a?: CellScalar[];
  /** Label of the 市县 line (to cut or misspell it). */
  cityLabel?: string;
  periodGoal?: string;
  annualGoal?: string;
  /** Extra indicator rows appended to the grid. */
  extra?: Row[];
  cost?: string;
}

/** A 项目支出绩效目标表 as seed 001 lays it out (values in E and H, labels in C and F). */
function form(o: Form = {}): Row[] {
  const p = o.p ?? [4212, 0, 4212, 0, 0, ''];
  const a = o.a ?? [4212, 0, 4212, 0, 0, ''];
  const city = o.cityLabel ?? '市县（区）财政资金';
  return [
    ['长治市市级预算部门（单位）项目支出绩效目标表'],
    ['项目名称', '', '党员教育培训'],
    ['主管部门及代码', '', '901-行政科单位', '', '实施单位', '', '长治市民政局'],
    ['项目属性', '', o.attribute ?? '经常性项目', '', '项目期', '', o.period ?? '3年'],
    ['项目资金（元）', '', '实施期资金总额：', '', p[0], '年度资金总额：', '', a[0]],
    ['', '', '其中：中央财政资金', '', p[1], '其中：中央财政资金', '', a[1]],
    ['', '', '省级财政资金', '', p[2], '省级财政资金', '', a[2]],
    ['', '', city, '', p[3], city, '', a[3]],
    ['', '', '单位自筹', '', p[4], '单位自筹', '', a[4]],
    ['', '', '其他资金', '', p[5], '其他资金', '', a[5]],
    ['项目概况', '', '开展党员教育培训'],
    ['立项依据', '', '晋组通字〔2019〕47号'],
    ['项目设立必要性', '', '提高党员教育培训工作质量'],
    ['保证项目实施的制度、措施', '', '晋组发〔2017〕8号'],
    ['项目实施计划', '', '举办示范培训'],
    ['总体目标', '', '实施期目标', '', '', '', '年度目标'],
    ['', '', o.periodGoal ?? '党员普遍轮训一遍', '', '', '', o.annualGoal ?? '完成年度培训'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '二级指标', '三级指标', '指标值'],
    ['', '产出指标', '数量指标', '参训人数', '≥351人', '数量指标', '参训人数', '≥351人'],
    ['', '', '质量指标', '培训合格率', '≥95%', '质量指标', '培训合格率', '≥95%'],
    ['', '', '时效指标', '培训时间', '2024年', '时效指标', '培训时间', '2024年'],
    ['', '', '成本指标', '培训成本', o.cost ?? '60元/人', '成本指标', '培训成本', o.cost ?? '60元/人'],
    ['', '效益指标', '社会效益指标', '党员履职能力', '提升', '社会效益指标', '党员履职能力', '提升'],
    ['', '满意度指标', '服务对象满意度指标', '参训党员满意度', '≥90%', '服务对象满意度指标', '参训党员满意度', '≥90%'],
    ...(o.extra ?? []),
  ];
}

const sheets = (o?: Form) => ({ 绩效1: form(o) });

describe('the form builder reads cleanly', () => {
  test('one target, every amount, no reading finding', () => {
    const rec = recognise(workbookFrom('case.xlsx', [sheetFrom('绩效1', form())]));
    expect(rec.targets).toHaveLength(1);
    expect(rec.targets[0].annualFunds.total?.cell).toBe('H5');
    expect(rec.findings.filter((f) => f.rule.startsWith('INPUT.') && f.rule !== 'INPUT.missing_table')).toEqual([]);
  });
});

ruleTester.run(period, {
  valid: [{ sheets: sheets() }],
  invalid: [
    {
      name: 'a blank 项目期: on the empty cell right of its label, not on the project name',
      sheets: sheets({ period: '' }),
      findings: [{ severity: 'error', sheet: '绩效1', cells: ['G4'], actual: '（空）', message: /“项目期”未填写/ }],
    },
    {
      name: 'a one-off project says what to write',
      sheets: sheets({ period: '', attribute: '一次性项目（1年结束）' }),
      findings: [{ cells: ['G4'], expected: '1年', message: /一次性项目应填“1年”/ }],
    },
  ],
});

ruleTester.run(indicatorLevel, {
  valid: [
    { name: 'every 二级 under its own 一级', sheets: sheets() },
    {
      name: 'a 二级 whose 一级 is carried over blank cells (not written on its row) is not judged',
      sheets: sheets({ extra: [['', '', '社会效益指标', '群众知晓率', '≥90%', '社会效益指标', '群众知晓率', '≥90%']] }),
    },
  ],
  invalid: [
    {
      name: 'a 效益 category written under 满意度指标: on the 二级 cell, once per grid',
      sheets: sheets({ extra: [['', '满意度指标', '社会效益指标', '群众知晓率', '≥90%', '社会效益指标', '群众知晓率', '≥90%']] }),
      findings: [
        { severity: 'warning', cells: ['C25'], expected: '列在一级指标“效益指标”下', actual: '列在“满意度指标”下', message: /实施期绩效指标中二级指标“社会效益指标”/ },
        { severity: 'warning', cells: ['F25'], message: /年度绩效指标中二级指标“社会效益指标”/ },
      ],
    },
  ],
});

ruleTester.run(oneOffAmount, {
  valid: [{ sheets: sheets({ attribute: '一次性项目（1年结束）', period: '1年' }) }, { name: 'a blank total of a recurring project is not this rule', sheets: sheets({ a: ['', 0, 4212, 0, 0, ''] }) }],
  invalid: [
    {
      name: 'a one-off project with a blank 年度资金总额: on that empty cell (H5), not on the name (C2)',
      sheets: sheets({ attribute: '一次性项目（1年结束）', period: '1年', a: ['', '', '', '', '', ''] }),
      findings: [{ severity: 'error', sheet: '绩效1', cells: ['H5', 'E5', 'C4'], expected: '4212', actual: '（空）', message: /一次性项目的年度资金总额未填写，应与实施期资金总额 4,212 元相同/ }],
    },
  ],
});

describe('P.funds_order leaves a blank one-off 年度资金总额 to P.one_off_amount', () => {
  test('no second finding on the 实施期 cell', () => {
    expect(findingsOf(fundsOrder, { sheets: sheets({ attribute: '一次性项目（1年结束）', period: '1年', a: ['', '', '', '', '', ''] }) })).toEqual([]);
  });
});

ruleTester.run(fundsSum, {
  valid: [
    { sheets: sheets() },
    { name: 'a 市县 label cut by its column (“市县（区）财政资”) is still the 市县 line', sheets: sheets({ cityLabel: '市县（区）财政资', p: [5000, 0, 4212, 788, 0, ''], a: [5000, 0, 4212, 788, 0, ''] }) },
    { name: 'a fund line no pattern knows: the group is not summed without it (INPUT.unrecognised instead)', sheets: sheets({ cityLabel: '市级统筹资金', p: [5000, 0, 4212, 788, 0, ''], a: [5000, 0, 4212, 788, 0, ''] }) },
  ],
  invalid: [
    {
      name: 'a blank 年度资金总额 with a breakdown: on the empty total (H5), filled from its parts',
      sheets: sheets({ a: ['', 0, 4212, 0, 0, ''] }),
      findings: [{ severity: 'error', cells: ['H5', 'H7'], expected: '4212', actual: '', fix: { cell: 'H5', value: '4212' } }],
      output: { '绩效1!H5': '4212' },
    },
  ],
});

describe('INPUT.unrecognised: the fund line, its label text and its amount cell', () => {
  test('reported by the recogniser with the label and the amount, and no sum is computed', () => {
    const rec = recognise(workbookFrom('case.xlsx', [sheetFrom('绩效1', form({ cityLabel: '市级统筹资金', p: [5000, 0, 4212, 788, 0, ''], a: [5000, 0, 4212, 788, 0, ''] }))]));
    const found = rec.findings.filter((f) => f.rule === 'INPUT.unrecognised');
    expect(found.map((f) => [f.severity, f.cells, f.actual])).toEqual([
      ['warning', ['C8', 'E8'], '市级统筹资金'],
      ['warning', ['F8', 'H8'], '市级统筹资金'],
    ]);
    expect(found[0].message).toMatch(/“市级统筹资金”不是能识别的栏目名称，这一行的金额 788 元未读入；实施期资金总额与各资金来源之和的校验已跳过/);
    expect(rec.targets[0].unrecognised?.map((u) => u.part)).toEqual(['period', 'annual']);
  });
});

ruleTester.run(text, {
  valid: [{ sheets: sheets() }],
  invalid: [
    {
      name: 'a blank 年度目标: on its own empty cell under the heading (G17), not on the filled 实施期目标 (C17)',
      sheets: sheets({ annualGoal: '' }),
      findings: [{ cells: ['G17'], message: /总体目标“年度目标”未填写/ }],
    },
    {
      name: 'a blank 实施期目标: on C17',
      sheets: sheets({ periodGoal: '' }),
      findings: [{ cells: ['C17'], message: /总体目标“实施期目标”未填写/ }],
    },
  ],
});

describe('cost ceilings in every unit and wording', () => {
  test.each([
    ['≤15万', '150000'],
    ['不超过2万元', '20000'],
    ['1.5亿元', '150000000'],
    ['3000千元', '3000000'],
    ['15万元以内', '150000'],
    ['2万元以下', '20000'],
    ['<1.85万元', '18500'],
    ['控制在5000元以内', '5000'],
  ])('%s → %s 元', (value, yuan) => {
    expect(costCeiling(value)?.amount.toFixed()).toBe(yuan);
  });
  test.each(['15万人次', '5万吨', '60元/人', '≥2万元', '2万元以上', '每人500元'])('%s is no ceiling of the project', (value) => {
    expect(costCeiling(value)).toBeUndefined();
  });
});

ruleTester.run(costVsFund, {
  valid: [{ sheets: sheets({ cost: '≤4000元' }) }],
  invalid: [
    {
      name: '“≤15万” (no 元) above a 4,212 元 funding: on the 指标值 cell',
      sheets: sheets({ cost: '≤15万' }),
      findings: [{ severity: 'warning', cells: ['H22', 'G22', 'H5', 'E22', 'D22', 'E5'], expected: '≤ 4212', actual: '150000' }],
    },
  ],
});

describe('formulas saved without their result (INPUT.uncached_formula)', () => {
  /** The form with the 年度 total written as a formula that has no cached value. */
  function withFormula(formula: string) {
    const sheet = sheetFrom('绩效1', form({ a: [4212, 0, 4212, 0, 0, ''] }));
    sheet.rows[4][7] = { value: null, formula };
    return workbookFrom('case.xlsx', [sheet]);
  }

  test('a plain SUM of cells is computed: no finding, the total reads 4212', () => {
    const wb = withFormula('SUM(H6:H10)');
    const rec = recognise(wb);
    expect(rec.targets[0].annualFunds.total).toMatchObject({ cell: 'H5', empty: false, evaluated: true });
    expect(rec.targets[0].annualFunds.total?.value.toFixed()).toBe('4212');
    expect(rec.findings.filter((f) => f.rule === 'INPUT.uncached_formula')).toEqual([]);
    expect(findingsOf(fundsSum, { workbook: wb })).toEqual([]);
  });

  test('+ and − of cells are computed too', () => {
    expect(recognise(withFormula('H6+H7+H8-H9')).targets[0].annualFunds.total?.value.toFixed()).toBe('4212');
  });

  test('any other formula: INPUT.uncached_formula on the cell, and no sum finding from a figure not read', () => {
    const wb = withFormula('ROUND(H7,0)');
    const rec = recognise(wb);
    const found = rec.findings.filter((f) => f.rule === 'INPUT.uncached_formula');
    expect(found.map((f) => [f.severity, f.sheet, f.cells])).toEqual([['warning', '绩效1', ['H5']]]);
    expect(found[0].message).toMatch(/H5 是公式“=ROUND\(H7,0\)”，文件中没有保存它的计算结果/);
    expect(rec.targets[0].annualFunds.total?.unread).toBe(true);
    expect(findingsOf(fundsSum, { workbook: wb })).toEqual([]);
    expect(findingsOf(fundsOrder, { workbook: wb })).toEqual([]);
  });
});

describe('a visible table before a (very) hidden duplicate (INPUT.hidden_duplicate)', () => {
  const t7 = (amount: number): Row[] => [
    ['2024年一般公共预算基本支出表'],
    ['单位名称：长治市民政局', '', '单位：万元'],
    ['科目编码', '科目名称', '金额'],
    ['', '合计', amount],
    ['208', '社会保障和就业支出', amount],
  ];
  test('the hidden copy first in the workbook: the visible one is read, one warning names both', () => {
    const hidden = sheetFrom('表七（旧）', t7(99));
    hidden.hidden = true;
    const visible = sheetFrom('表七', t7(12.5));
    const rec = recognise(workbookFrom('case.xlsx', [hidden, visible]));
    expect(rec.locations.T7).toEqual({ found: true, sheet: '表七', duplicates: ['表七（旧）'] });
    expect(rec.tables.T7?.total?.values.amount?.value.toFixed()).toBe('12.5');
    const dup = rec.findings.filter((f) => /duplicate/.test(f.rule));
    expect(dup.map((f) => [f.rule, f.severity, f.sheet, f.related])).toEqual([['INPUT.hidden_duplicate', 'warning', '表七', [{ sheet: '表七（旧）', cells: ['A1'] }]]]);
  });
});

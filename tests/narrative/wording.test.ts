/**
 * Wording rules (src/rules/narrative/wording): each fault is found on a seed sentence that has it or on a mutation
 * of a seed sentence that introduces it, with its severity; none is raised on the seeds' right sentences.
 * The sentences are copied from the seeds' published 情况说明 (fixtures/seeds/*.json).
 */
import { narrativeFigureRules, narrativeRules, previousRules } from '../../src/rules/narrative';
import { wordingRules } from '../../src/rules/narrative/wording';
import { runRuleList } from '../../src/rules/rule';
import type { Recognised } from '../../src/tables/recognised';
import { LAYOUTS, loadRec, type Seed } from './helpers';

const run = (rec: Recognised, lines: string[]) =>
  runRuleList(wordingRules, {
    ...rec,
    narrative: { sheet: '情况说明', paragraphs: lines.map((text, i) => ({ text, sheet: '情况说明', cell: `A${i + 1}`, row: i + 1, col: 1 })) },
  }).map((f) => ({ rule: f.rule, severity: f.severity, cells: f.cells, actual: f.actual }));

// Seed sentences (000 高平市民政局 2024, 001 长治市民政局 2024, 002 阳泉市民政局 2025).
const S000_T7 = '2024年高平市民政局财政拨款安排的“三公”经费预算1.98万元与2023年预算数相同。其中：因公出国（境）费0万元，与上年预算数相同；公务接待费0.50万元，与上年预算数相同；公务用车运行维护费1.48万元，与上年预算数相同；公务用车购置费0万元，与上年预算数相同。';
const S001_T8 = '本单位机关运行经费财政拨款预算69.9万元，比2023年预算增加0.8万元，增长0.01%，原因是基本工资增加。';
const S000_T2 = '2024年度高平市民政局预算收入11,277.58万元，主要包括一般公共预算拨款收入9,518.47万元，占84.40%；政府性基金预算拨款收入172.50万元，占1.53%；上年结转1,586.61万元，占14.07%。';
const S000_T5A = '2024 年度高平市民政局一般公共预算当年支出9,518.47万元,比上年减少1800.94万元 ，下降15.91%。';
const S000_T5B = '2024年度高平市民政局一般公共预算当年支出9,518.47万元,主要用于以下方面：社会保障和就业支出7,232.16万元，占75.98%；卫生健康支出911.51万元，占9.58%；城乡社区支出1,354.30万元，占14.23%；住房保障支出20.50万元，占0.22%等。';
const S000_T9 = '2024年高平市民政局政府采购预算总额68.75万元。其中：政府采购货物预算63.43万元、政府采购工程预算4.72万元、政府采购服务预算0.60万元。';
const S002_T1 = '2025年度阳泉市民政局预算收入总计4,411.49万元，其中：本年收入3,922.42万元，上年结转489.07万元，比上年增加934.33万元，增长26.87%，主要原因是：一是2025年上年结转纳入年初预算，二是上级提前下达资金纳入年初预算';

let r0: Recognised;
let r2: Recognised;
beforeAll(async () => {
  r0 = await loadRec('000');
  r2 = await loadRec('002');
});

describe('each fault: on a seed sentence or a mutation of one', () => {
  test('N.repeat: 001 七 "工作。。" (seed) and "增加增加" (mutation), warnings', () => {
    expect(run(r0, ['七、“三公”经费增减变动原因说明', '2024年安排公务接待费1.5万元用于满足全年公务接待工作。。'])).toEqual([
      { rule: 'N.repeat', severity: 'warning', cells: ['A2'], actual: '。。' },
      { rule: 'N.three_public_items', severity: 'warning', cells: ['A2'], actual: '因公出国（境）费、公务用车购置费、公务用车运行维护费' },
    ]);
    expect(run(r0, ['八、机关运行经费增减变动原因说明', S001_T8.replace('增加0.8', '增加增加0.8')]).map((f) => [f.rule, f.actual])).toEqual([['N.repeat', '增加增加']]);
  });

  test('N.reason_empty: "原因是" followed by nothing', () => {
    expect(run(r0, ['八、机关运行经费增减变动原因说明', S001_T8.replace('原因是基本工资增加。', '原因是。')])).toEqual([
      { rule: 'N.reason_empty', severity: 'warning', cells: ['A2'], actual: '原因是' },
    ]);
    expect(run(r2, ['一、部门预算收支数据变动情况及原因', S002_T1.replace(/主要原因是：.*$/, '主要原因是：')]).map((f) => f.rule)).toEqual(['N.reason_empty']);
  });

  test('N.flat_change: "增加持平", "增加0万元" instead of 与上年预算数相同', () => {
    const m1 = S000_T7.replace('公务接待费0.50万元，与上年预算数相同', '公务接待费0.50万元，比上年增加0万元');
    const m2 = S000_T7.replace('因公出国（境）费0万元，与上年预算数相同', '因公出国（境）费0万元，增加持平');
    expect(run(r0, ['七、“三公”经费增减变动原因说明', m1, m2]).map((f) => [f.rule, f.severity, f.cells[0], f.actual])).toEqual([
      ['N.flat_change', 'warning', 'A2', '增加0万元'],
      ['N.flat_change', 'warning', 'A3', '增加持平'],
    ]);
  });

  test('N.reason_missing: 八 and 一 with the reason removed; 五 needs none', () => {
    expect(run(r0, ['八、机关运行经费增减变动原因说明', S001_T8.replace('，原因是基本工资增加', '')])).toEqual([
      { rule: 'N.reason_missing', severity: 'warning', cells: ['A2'], actual: '比2023年预算增加0.8万元' },
    ]);
    expect(run(r2, ['一、部门预算收支数据变动情况及原因', S002_T1.replace(/，主要原因是.*$/, '。')]).map((f) => f.rule)).toEqual(['N.reason_missing']);
    expect(run(r0, ['五、一般公共预算支出情况说明', '（一）一般公共预算当年支出规模变化情况', S000_T5A])).toEqual([]);
  });

  test('N.zero_base: a rate from last year 0 (stated, or the change equal to the amount), error', () => {
    const m = '2024年长治市民政局财政拨款安排的“三公”经费预算1.50万元，比上年增加1.50万元，增长100.00%，主要原因是公务接待工作正常开展。';
    expect(run(r0, ['七、“三公”经费增减变动原因说明', m]).filter((f) => f.rule === 'N.zero_base')).toEqual([
      { rule: 'N.zero_base', severity: 'error', cells: ['A2'], actual: '增长100.00%' },
    ]);
    const stated = '本单位机关运行经费财政拨款预算69.9万元，比2023年预算0万元增加69.9万元，增长100%，原因是新设单位。';
    expect(run(r0, ['八、机关运行经费增减变动原因说明', stated]).map((f) => f.rule)).toEqual(['N.zero_base']);
  });

  test('N.share_unit: "占84.40" without %', () => {
    expect(run(r0, ['二、收入预算情况说明', S000_T2.replace('占84.40%', '占84.40')])).toEqual([
      { rule: 'N.share_unit', severity: 'warning', cells: ['A2'], actual: '84.40' },
    ]);
    expect(run(r0, ['十、绩效管理情况', '公开项目绩效目标59个，涉及项目金额9,428.95万元，占部门（单位）项目支出总额的85.6。']).map((f) => f.actual)).toEqual(['85.6']);
  });

  test('N.same_figure: 五 (一) and (二) state 一般公共预算当年支出 differently, error', () => {
    expect(run(r0, ['五、一般公共预算支出情况说明', S000_T5A, S000_T5B.replace('当年支出9,518.47', '当年支出9,518.74')])).toEqual([
      { rule: 'N.same_figure', severity: 'error', cells: ['A3'], actual: '9,518.74万元' },
    ]);
  });

  test('N.class_name: "社会保障与就业支出" for 表五 社会保障和就业支出', () => {
    expect(run(r0, ['五、一般公共预算支出情况说明', S000_T5B.replace('社会保障和就业支出', '社会保障与就业支出')])).toEqual([
      { rule: 'N.class_name', severity: 'warning', cells: ['A2'], actual: '社会保障与就业支出' },
    ]);
  });

  test('N.sections: a 情况说明 without 十一 and 十二', () => {
    const got = run(r0, ['第三部分 2024年度单位预算情况说明', '二、收入预算情况说明', S000_T2, '五、一般公共预算支出情况说明', S000_T5A, '九、政府采购情况', S000_T9]);
    expect(got).toEqual([{ rule: 'N.sections', severity: 'warning', cells: ['A2'], actual: '一、三、四、六、七、八、十、十一、十二' }]);
  });

  test('N.three_public_items: 七 without 公务接待费', () => {
    expect(run(r0, ['七、“三公”经费增减变动原因说明', S000_T7.replace('公务接待费0.50万元，与上年预算数相同；', '')])).toEqual([
      { rule: 'N.three_public_items', severity: 'warning', cells: ['A2'], actual: '公务接待费' },
    ]);
  });

  test('N.year: the title says 2025 while the tables say 2024, error', () => {
    expect(run(r0, ['第三部分 2025年度单位预算情况说明', '二、收入预算情况说明', S000_T2])).toEqual([
      { rule: 'N.year', severity: 'error', cells: ['A1'], actual: '2025年度' },
    ]);
  });

  test('N.dept_unit: 002 (5 units) written "单位预算" in one heading', () => {
    expect(run(r2, ['第三部分 2025年度部门预算情况说明', '一、单位预算收支数据变动情况及原因', S002_T1])).toEqual([
      { rule: 'N.dept_unit', severity: 'warning', cells: ['A2'], actual: '单位预算' },
    ]);
  });

  test('N.sme_reserve: 中小企业预留 above the 政府采购 total, error', () => {
    expect(run(r0, ['九、政府采购情况', `${S000_T9}其中面向中小企业预留采购份额70.00万元。`])).toEqual([
      { rule: 'N.sme_reserve', severity: 'error', cells: ['A2'], actual: '70.00万元' },
    ]);
    expect(run(r0, ['九、政府采购情况', `${S000_T9}其中面向中小企业预留采购份额60.00万元。`])).toEqual([]);
  });

  test('N.empty_table_note: 政府性基金 said empty in 表九 (should be 表七、表八), error', () => {
    expect(run(r0, ['十二、其他说明', '本单位无国有资本经营预算收支，故表九为空表。本单位无政府性基金预算收支，故表九为空表。'])).toEqual([
      { rule: 'N.empty_table_note', severity: 'error', cells: ['A2'], actual: '表九' },
    ]);
  });
});

/**
 * On every seed's published 情况说明, in every layout, the wording rules report only what is wrong there:
 * 000 一 "1011.04万元。；", 001 一 "设施建设。；", 001 七 "工作。。" and "工作。；". The fixtures' 001 and 002 texts stop
 * at 十 (the PDFs print 十一 and 十二 after the target sheets, which the fixture parser leaves out): N.sections says so.
 */
const SEED_WORDING: Record<Seed, [string, string, string][]> = {
  '000': [['N.repeat', 'A3', '。；']],
  '001': [
    ['N.repeat', 'A3', '。；'],
    ['N.repeat', 'A22', '。。'],
    ['N.repeat', 'A23', '。；'],
    ['N.sections', 'A2', '十一、十二'],
  ],
  '002': [['N.sections', 'A2', '十一、十二']],
};

describe.each(['000', '001', '002'] as Seed[])('seed %s published text', (seed) => {
  test.each([...LAYOUTS])('%s layout: only the genuine wording faults', async (layout) => {
    const rec = await loadRec(seed, layout);
    const got = runRuleList(wordingRules, rec).map((f) => [f.rule, f.cells[0], f.actual]);
    expect(got).toEqual(SEED_WORDING[seed]);
  });
});

test('narrativeRules = the figure rules, the wording rules, then the previous-year rules, every id once, Chinese titles, no fixes', async () => {
  const ids = narrativeRules.map((r) => r.meta.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual([...narrativeFigureRules, ...wordingRules, ...previousRules].map((r) => r.meta.id));
  for (const r of narrativeRules) expect(r.meta.title).toMatch(/[\u4e00-\u9fa5]/);
  for (const f of runRuleList(narrativeRules, await loadRec('001'))) expect(f.fix).toBeUndefined();
});

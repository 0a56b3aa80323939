/**
 * Performance target sheets (项目支出绩效目标表) and the 民生领域重大事项 summary list, built from the real rows
 * of seeds 001 (长治市民政局 2024) and 003 (晋城市城区 2025), figures and mistakes included.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CellScalar, MergeArea, SheetSnapshot } from '../../src/model/snapshot';
import { emptySheet } from '../../src/model/snapshot';
import type { Finding } from '../../src/model/finding';
import { looksLikeTargetSheet, recogniseSummaryList, recogniseTargets } from '../../src/tables/targets';
import type { Figure, Funds, Indicator, TargetSheet } from '../../src/tables/types';
import { sheetFrom } from '../helpers/sheet';

type Grid = (CellScalar | undefined)[][];

/** Merge from A1 refs: m('A5:B5'). */
function m(ref: string): MergeArea {
  const [a, b] = ref.split(':').map((r) => {
    const x = /^([A-Z]+)(\d+)$/.exec(r)!;
    let col = 0;
    for (const ch of x[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    return { row: Number(x[2]), col };
  });
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
}

/** [value, cell, empty] of a figure, for compact assertions. */
function fig(f: Figure | undefined): [string, string, boolean] | undefined {
  return f && [f.value.toFixed(), f.cell, f.empty];
}

function funds(f: Funds): Record<string, [string, string, boolean] | undefined> {
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, fig(v)]));
}

/** [一级, 二级, 三级, 指标值, 三级 cell, 指标值 cell]. */
function ind(i: Indicator): [string, string, string, string, string, string | undefined] {
  return [i.level1, i.level2, i.level3, i.value, i.label.cell, i.valueLabel?.cell];
}

function only(sheet: SheetSnapshot): { target: TargetSheet; findings: Finding[] } {
  const { targets, findings } = recogniseTargets(sheet);
  expect(targets).toHaveLength(1);
  return { target: targets[0], findings };
}

// ---------------------------------------------------------------------------------------------------------
// Seed 001 lines 506-537: 2024年党员教育培训专项经费, laid out with the template's merges. Amounts as numbers;
// the goal headers stand at C and G as the template has them (the PDF text had shifted them to A and E).
// Row 26 is the seed's shifted row: "省级负担党员培训成本" in the 一级 column.
const PARTY_TRAINING: Grid = [
  ['长治市市级预算部门（单位）项目支出绩效目标表'],
  [],
  ['（2024年度）'],
  [],
  ['项目名称', '', '2024年党员教育培训专项经费（省财政下拨部分）'],
  ['主管部门及代码', '', '901-行政科单位', '', '实施单位', '', '长治市民政局'],
  ['项目属性', '', '一次性项目（1年结束）', '', '项目期', '', '1年'],
  ['项目资金（元）', '', '实施期资金总额：', '', 4212, '年度资金总额：', '', 4212],
  ['', '', '其中：中央财政资金', '', 0, '其中：中央财政资金', '', 0],
  ['', '', '省级财政资金', '', 4212, '省级财政资金', '', 0],
  ['', '', '市县（区）财政资金', '', 0, '市县（区）财政资金', '', 4212],
  ['', '', '单位自筹', '', 0, '单位自筹', '', 0],
  ['', '', '其他资金', '', '', '其他资金'],
  ['项目概况', '', '有计划分层次高质量开展党员教育培训，把全体党员普遍轮训一遍，实现习近平新时代中国特色社会主义思想学习教育更加扎实深入、教育培训效果更加显著、新时代党员教育培训体系更加健全的工作目标。党员教育培训经费标准按照《山西省委组织部印发〈关于贯彻落实〈2019-2023年全国党员教育培训工作规划〉的具体措施〉的通知》（晋组通字〔2019〕47号）'],
  ['立项依据', '', '中共山西省委组织部印发《关于贯彻落实〈2019-2023年全国党员教育培训工作规划〉的具体措施》的通知（晋组通字〔2019〕47号）'],
  ['项目设立必要性', '', '深入贯彻习近平新时代中国特色社会主义思想 and 党的十九大精神，提高党员教育培训工作质量'],
  ['保证项目实施的制度、措施', '', '《关于进一步加强基层党支部书记集中轮训工作的通知》（晋组发〔2017〕8号）《关于加强全市非公经济组织和社会组织党建工作指导员管理的通知》（长组通字〔2021〕10号）'],
  ['项目实施计划', '', '举办全市社会组织党组织书记示范培训、党建工作指导员培训、2024年度发展对象培训等。'],
  ['总体目标', '', '实施期目标', '', '', '', '年度目标'],
  ['', '', '更加扎实深入学习习近平新时代中国特色社会主义思想、使教育培训效果更加显著、新时代党员教育培训体系更加健全。', '', '', '', '更加扎实深入学习习近平新时代中国特色社会主义思想、使教育培训效果更加显著、新时代党员教育培训体系更加健全。'],
  ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '二级指标', '三级指标', '指标值'],
  ['', '产出指标', '数量指标', '参训人数', '≥351人', '数量指标', '参训人数', '≥351人'],
  ['', '', '质量指标', '培训人员合格率', '≥95%', '质量指标', '培训人员合格率', '≥95%'],
  ['', '', '时效指标', '培训时间', '2024年', '时效指标', '培训时间', '2024年'],
  ['', '', '成本指标', '单位培训成本', '60元/人', '成本指标', '单位培训成本', '60元/人'],
  ['', '省级负担党员培训成本', '', '12元/人', '省级负担党员培训成本', '', '12元/人'],
  ['', '效益指标', '经济效益指标', '', '', '经济效益指标'],
  ['', '', '社会效益指标', '社会组织党员履职能力、服', '提升', '社会效益指标', '社会组织党员履职', '提升'],
  ['', '', '生态效益指标', '', '', '生态效益指标'],
  ['', '', '可持续影响指标', '长效管理机制', '完善', '可持续影响指标', '长效管理机制', '完善'],
  ['满意度指标', '服务对象满意度', '参训人员满意度', '≥95%', '服务对象满意度', '参训人员满意度', '≥95%'],
  ['负责人：', '', '经办人：', '', '联系电话：', '', '填报日期：', '20240119101921'],
];
const PARTY_TRAINING_MERGES = [
  'A1:H1', 'A3:H3', 'A5:B5', 'C5:H5',
  'A6:B6', 'C6:D6', 'E6:F6', 'G6:H6', 'A7:B7', 'C7:D7', 'E7:F7', 'G7:H7',
  'A8:B13', 'C8:D8', 'C9:D9', 'C10:D10', 'C11:D11', 'C12:D12', 'C13:D13',
  'F8:G8', 'F9:G9', 'F10:G10', 'F11:G11', 'F12:G12', 'F13:G13',
  'A14:B14', 'C14:H14', 'A15:B15', 'C15:H15', 'A16:B16', 'C16:H16', 'A17:B17', 'C17:H17', 'A18:B18', 'C18:H18',
  'A19:B20', 'C19:F19', 'G19:H19', 'C20:F20', 'G20:H20',
  'B22:B25', 'B27:B30',
].map(m);

// Seed 001 lines 539-573 and 575-611, verbatim (PDF text: rows shift left where cells were merged), with the
// trailing colons of the labels removed. No merges; amounts are text with thousands separators.
const OFFICE_EQUIPMENT: Grid = [
  ['长治市市级预算部门（单位）项目支出绩效目标表'],
  [],
  ['(2024年度)'],
  [],
  ['项目名称', '', '办公设备购置'],
  ['主管部门及代码', '', '352-长治市民政局', '', '实施单位', '', '长治市民政局'],
  ['项目属性', '', '一次性项目（1年结束）', '', '项目期', '', '1年'],
  ['项目资金（元）', '', '实施期资金总额', '', '18,500', '', '年度资金总额', '', '14,000'],
  ['', '', '其中：中央财政资金', '', '0', '', '其中：中央财政资金', '', '0'],
  ['', '', '省级财政资金', '', '0', '', '省级财政资金', '', '0'],
  ['', '', '市县（区）财政资金', '', '18,500', '', '市县（区）财政资金', '', '14,000'],
  ['', '', '单位自筹', '', '0', '', '单位自筹', '', '0'],
  ['', '', '其他资金', '', '', '', '其他资金'],
  ['项目概况', '', '根据长财资【2021】48号《市级行政事业单位资产配置标准》、长财资【2022】113号《关于调整市级行政单位资产配置标准》我局2024年拟新增单价为3500元的空调，单价为5000元的空调1台。单价为1000的碎纸机7台，单价为2000的双门保密柜4组。共计1.85万元。'],
  ['立项依据', '', '长财资【2021】48号《市级行政事业单位资产配置标准》、长财资【2022】113号《关于调整市级行政单位资产配置标准》'],
  ['项目设立必要性', '', '单位职工需求，保障机关日常运转，提高经费使用效益，保证机关各项公务活动的有效开展'],
  ['保证项目实施的制度、措施', '', '长治市民政局内控制度、《长治市财政局关于印发市级行政事业单位资产配置标准的通知》长财资【2021】48号、《关于调整市级行政事业单位资产配置标准》长财资【2022】113号'],
  ['项目实施计划', '', '2024年新增单价为3500元的空调，单价为5000元的空调1台。单价为1000的碎纸机7台，单价为2000的双门保密柜4组。共计1.85万元。'],
  ['', '', '实施期目标', '', '', '', '年度目标'],
  ['总体目标', '', '2024年新增单价为3500元的空调，单价为5000元的空调1台。单价为1000的碎纸机7台，单价为2000的双门保密柜4组。改善员工办公环境，提升员工满意度，提升民政工作效率。', '', '', '', '2024年新增单价为3500元的空调，单价为5000元的空调1台。单价为1000的碎纸机7台，单价为2000的双门保密柜4组。改善员工办公环境，提升员工满意度，提升民政工作效率。'],
  ['绩效指标', '一级指标', '二级指标', '三级指标', '', '指标值', '二级指标', '三级指标', '指标值'],
  ['', '产出指标', '数量指标', '购置碎纸机数量', '', '7台', '数量指标', '购置碎纸机数量', '', '5台'],
  ['', '', '', '购置空调数量', '', '1台', '', '购置空调数量', '', '1台'],
  ['', '', '', '购置双门密码柜数量', '', '4组', '', '购置双门密码柜数量', '', '3组'],
  ['', '产出指标', '质量指标', '政府采购规范性', '', '规范', '质量指标', '政府采购规范性', '', '规范'],
  ['', '', '', '设备购置方案符合度', '', '符合', '', '设备购置方案符合度', '', '符合'],
  ['', '', '', '设备质量合格率', '', '100%', '', '设备质量合格率', '', '100%'],
  ['', '产出指标', '时效指标', '办公设备购置时间', '', '2024年', '时效指标', '办公设备购置时间', '', '2024年'],
  ['', '', '', '成本指标', '', '办公设备购置成本', '', '≤1.85万元', '成本指标'],
  ['', '效益指标', '经济效益指标', '', '', '', '', '经济效益指标'],
  ['社会效益指标', '', '员工工作效率', '', '提升', '社会效益指标', '', '员工工作效率', '提升'],
  ['生态效益指标', '', '', '', '', '生态效益指标'],
  ['可持续影响指标', '', '长效管理机制建设', '', '完善', '可持续影响指标', '', '长效管理机制建设', '完善'],
  ['满意度指标', '', '服务对象满意度', '', '员工满意度', '≥90%', '服务对象满意度', '', '员工满意度', '≥90%'],
  ['负责人', '', '经办人', '', '联系电话', '', '填报日期', '', '20231115133128'],
];
const GUARDS_AND_CLEANERS: Grid = [
  ['长治市市级预算部门（单位）项目支出绩效目标表'],
  [],
  ['（2024年度）'],
  [],
  ['项目名称', '', '保安保洁人员工资'],
  ['主管部门及代码', '', '352-长治市民政局', '', '实施单位', '', '长治市民政局'],
  ['项目属性', '', '一次性项目（1年结束）', '', '项目期', '', '1年'],
  ['项目资金（元）', '', '实施期资金总额', '', '140,000', '年度资金总额', '', '140,000'],
  ['', '', '其中：中央财政资金', '', '0', '其中：中央财政资金', '', '0'],
  ['', '', '省级财政资金', '', '0', '省级财政资金', '', '0'],
  ['', '', '市县（区）财政资金', '', '140,000', '市县（区）财政资金', '', '140,000'],
  ['', '', '单位自筹', '', '0', '单位自筹', '', '0'],
  ['', '', '其他资金', '', '', '其他资金'],
  ['项目概况', '', '通过第三方服务公司派遣保洁和安保人员，保障单位的安全办公环境以及办公环境清洁卫生。雇佣保安公司保安三名，每人每月2200元，年需8万元。公用保洁公司保洁员2名，每人每月2500元，年需6万，合计金额14万元'],
  ['立项依据', '', '1.根据中华人民共和国国务院第564号《保安服务管理条例》中的相关规定执行。2.遵守《机关事务管理条例》的相关法律法规。'],
  ['项目设立必要性', '', '为进一步做好大院机关后勤服务保障工作，确保机关单位的正常运行，逐步改善大院的办公及生活环境，每年我单位都要投入大量的人力，物力，财力维护大院内的安全保卫工作。'],
  ['保证项目实施的制度、措施', '', '1.制度：《保安服务管理条例》《机关事务管理条例》。2.措施：承担办公区和居住区门卫、守护、巡逻任务，维护治安秩序，落实治安防范措施，加强内部管理，做到人防、物防、技防相结合，保证保安人员食宿和基本生活条件。'],
  ['项目实施计划', '', '2024年1月-2024年12月按时足额发放保安、保洁工资。'],
  ['实施期目标', '', '', '', '年度目标'],
  ['总体目标', '', '通过保安警卫工作规范化、精细化、常态化，打造安全有序的大院环境。对大院内的治安秩序进行维护，为办公人员和住户提供良好的工作氛围。', '', '', '', '通过保安警卫工作规范化、精细化、常态化，打造安全有序的大院环境。对大院内的治安秩序进行维护，为办公人员和住户提供良好的工作氛围。'],
  ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '二级指标', '三级指标', '指标值'],
  ['', '产出指标', '数量指标', '保安及物业管理面积', '3866平方米', '数量指标', '保安及物业管理面积', '3866平方米'],
  ['', '', '', '保安保洁人数', '≥6人', '', '保安保洁人数', '≥6人'],
  ['', '', '质量指标', '安全事故发生率', '减少', '质量指标', '安全事故发生率', '减少'],
  ['', '', '', '保安服务质量达标率', '≥90%', '', '保安服务质量达标率', '≥90%'],
  ['', '', '', '政府采购工作合规性', '合规', '', '政府采购工作合规性', '合规'],
  ['', '', '', '时效指标', '安保及保洁服务期限', '', '2024年1月到12月', '时效指标'],
  ['', '成本指标', '保安工作成本', '≤80000元', '成本指标', '保安工作成本', '≤80000元'],
  ['', '', '保洁工作成本', '≤60000元', '', '保洁工作成本', '≤60000元'],
  ['', '效益指标', '经济效益指标', '', '经济效益指标'],
  ['', '', '社会效益指标', '单位后勤保障程度', '保障', '社会效益指标', '单位后勤保障程度', '保障'],
  ['', '', '', '公共财产安全', '保障', '', '公共财产安全', '保障'],
  ['单位管理安全性', '', '', '提升', '单位管理安全性', '', '提升'],
  ['生态效益指标', '', '', '生态效益指标'],
  ['可持续影响指标', '长效管理机制建设', '完善', '可持续影响指标', '长效管理机制建设', '完善'],
  ['满意度指标', '服务对象满意度', '受益人员满意度（%）', '> 95%', '服务对象满意度', '受益人员满意度（%）', '> 95%'],
  ['负责人', '', '经办人', '', '联系电话', '', '填报日期', '20231115122546'],
];

describe('recogniseTargets: one target per sheet, template merges (001 2024年党员教育培训专项经费)', () => {
  const sheet = sheetFrom('绩效1', PARTY_TRAINING, PARTY_TRAINING_MERGES);
  const { target, findings } = only(sheet);

  test('title, year and the labelled fields, with their cells', () => {
    expect(findings).toEqual([]);
    expect(target.sheet).toBe('绩效1');
    expect(target.row).toBe(1);
    expect(target.title).toBe('长治市市级预算部门（单位）项目支出绩效目标表');
    expect(target.year).toBe(2024);
    expect(target.projectName).toEqual({ text: '2024年党员教育培训专项经费（省财政下拨部分）', sheet: '绩效1', cell: 'C5', row: 5, col: 3 });
    expect(target.department?.text).toBe('901-行政科单位');
    expect(target.department?.cell).toBe('C6');
    expect(target.implementer?.text).toBe('长治市民政局');
    expect(target.implementer?.cell).toBe('G6');
    expect(target.attribute?.text).toBe('一次性项目（1年结束）');
    expect(target.period?.text).toBe('1年');
    expect(target.period?.cell).toBe('G7');
    expect(target.annualOnly).toBe(false);
  });

  test('实施期 and 年度 funds side by side: 省级 4,212 in the one, 市县 4,212 in the other', () => {
    expect(funds(target.periodFunds)).toEqual({
      total: ['4212', 'E8', false],
      central: ['0', 'E9', false],
      province: ['4212', 'E10', false],
      cityCounty: ['0', 'E11', false],
      self: ['0', 'E12', false],
      other: ['0', 'E13', true],
    });
    expect(funds(target.annualFunds)).toEqual({
      total: ['4212', 'H8', false],
      central: ['0', 'H9', false],
      province: ['0', 'H10', false],
      cityCounty: ['4212', 'H11', false],
      self: ['0', 'H12', false],
      other: ['0', 'H13', true],
    });
    expect(target.periodFunds.total).toMatchObject({ sheet: '绩效1', row: 8, col: 5 });
  });

  test('texts and the two goals under 实施期目标 | 年度目标', () => {
    expect(target.texts.overview?.cell).toBe('C14');
    expect(target.texts.overview?.text).toMatch(/^有计划分层次高质量开展党员教育培训/);
    expect(target.texts.basis?.text).toBe(
      '中共山西省委组织部印发《关于贯彻落实〈2019-2023年全国党员教育培训工作规划〉的具体措施》的通知（晋组通字〔2019〕47号）',
    );
    expect(target.texts.necessity?.cell).toBe('C16');
    expect(target.texts.measures?.cell).toBe('C17');
    expect(target.texts.plan?.text).toBe('举办全市社会组织党组织书记示范培训、党建工作指导员培训、2024年度发展对象培训等。');
    expect(target.texts.periodGoal?.cell).toBe('C20');
    expect(target.texts.annualGoal?.cell).toBe('G20');
    expect(target.texts.annualGoal?.text).toBe(
      '更加扎实深入学习习近平新时代中国特色社会主义思想、使教育培训效果更加显著、新时代党员教育培训体系更加健全。',
    );
  });

  test('实施期 indicators: 一级 merged down, the shifted row read as a 三级 under 成本指标', () => {
    expect(target.periodIndicators.map(ind)).toEqual([
      ['产出指标', '数量指标', '参训人数', '≥351人', 'D22', 'E22'],
      ['产出指标', '质量指标', '培训人员合格率', '≥95%', 'D23', 'E23'],
      ['产出指标', '时效指标', '培训时间', '2024年', 'D24', 'E24'],
      ['产出指标', '成本指标', '单位培训成本', '60元/人', 'D25', 'E25'],
      ['产出指标', '成本指标', '省级负担党员培训成本', '12元/人', 'B26', 'D26'],
      ['效益指标', '经济效益指标', '', '', 'C27', undefined],
      ['效益指标', '社会效益指标', '社会组织党员履职能力、服', '提升', 'D28', 'E28'],
      ['效益指标', '生态效益指标', '', '', 'C29', undefined],
      ['效益指标', '可持续影响指标', '长效管理机制', '完善', 'D30', 'E30'],
      ['满意度指标', '服务对象满意度', '参训人员满意度', '≥95%', 'C31', 'D31'],
    ]);
  });

  test('年度 indicators from the right-hand column set', () => {
    expect(target.annualIndicators.map(ind)).toEqual([
      ['产出指标', '数量指标', '参训人数', '≥351人', 'G22', 'H22'],
      ['产出指标', '质量指标', '培训人员合格率', '≥95%', 'G23', 'H23'],
      ['产出指标', '时效指标', '培训时间', '2024年', 'G24', 'H24'],
      ['产出指标', '成本指标', '单位培训成本', '60元/人', 'G25', 'H25'],
      ['产出指标', '成本指标', '省级负担党员培训成本', '12元/人', 'E26', 'G26'],
      ['效益指标', '经济效益指标', '', '', 'F27', undefined],
      ['效益指标', '社会效益指标', '社会组织党员履职', '提升', 'G28', 'H28'],
      ['效益指标', '生态效益指标', '', '', 'F29', undefined],
      ['效益指标', '可持续影响指标', '长效管理机制', '完善', 'G30', 'H30'],
      ['满意度指标', '服务对象满意度', '参训人员满意度', '≥95%', 'F31', 'G31'],
    ]);
    expect(target.annualIndicators[0].label).toEqual({ text: '参训人数', sheet: '绩效1', cell: 'G22', row: 22, col: 7 });
  });

  test('looksLikeTargetSheet', () => {
    expect(looksLikeTargetSheet(sheet)).toBe(true);
  });
});

describe('recogniseTargets: two targets stacked on one sheet, no merges, no colons (001 verbatim rows)', () => {
  const sheet = sheetFrom('绩效目标表', [...OFFICE_EQUIPMENT, [], ...GUARDS_AND_CLEANERS]);
  const { targets, findings } = recogniseTargets(sheet);

  test('each target starts at its title', () => {
    expect(findings).toEqual([]);
    expect(targets.map((t) => [t.row, t.title, t.year, t.projectName?.text, t.projectName?.cell])).toEqual([
      [1, '长治市市级预算部门（单位）项目支出绩效目标表', 2024, '办公设备购置', 'C5'],
      [37, '长治市市级预算部门（单位）项目支出绩效目标表', 2024, '保安保洁人员工资', 'C41'],
    ]);
    expect(targets.map((t) => t.implementer?.cell)).toEqual(['G6', 'G42']);
  });

  test('thousands separators: 办公设备购置 实施期 18,500 ≠ 年度 14,000 (the seed\'s P.funds_order error)', () => {
    const [office] = targets;
    expect(funds(office.periodFunds)).toEqual({
      total: ['18500', 'E8', false],
      central: ['0', 'E9', false],
      province: ['0', 'E10', false],
      cityCounty: ['18500', 'E11', false],
      self: ['0', 'E12', false],
      other: ['0', 'E13', true],
    });
    expect(funds(office.annualFunds)).toEqual({
      total: ['14000', 'I8', false],
      central: ['0', 'I9', false],
      province: ['0', 'I10', false],
      cityCounty: ['14000', 'I11', false],
      self: ['0', 'I12', false],
      other: ['0', 'I13', true],
    });
    expect(office.attribute?.text).toBe('一次性项目（1年结束）');
  });

  test('办公设备购置 indicators: shifted PDF rows read by meaning', () => {
    const [office] = targets;
    expect(office.periodIndicators.map(ind)).toEqual([
      ['产出指标', '数量指标', '购置碎纸机数量', '7台', 'D22', 'F22'],
      ['产出指标', '数量指标', '购置空调数量', '1台', 'D23', 'F23'],
      ['产出指标', '数量指标', '购置双门密码柜数量', '4组', 'D24', 'F24'],
      ['产出指标', '质量指标', '政府采购规范性', '规范', 'D25', 'F25'],
      ['产出指标', '质量指标', '设备购置方案符合度', '符合', 'D26', 'F26'],
      ['产出指标', '质量指标', '设备质量合格率', '100%', 'D27', 'F27'],
      ['产出指标', '时效指标', '办公设备购置时间', '2024年', 'D28', 'F28'],
      ['产出指标', '成本指标', '办公设备购置成本', '≤1.85万元', 'F29', 'H29'],
      ['效益指标', '经济效益指标', '', '', 'C30', undefined],
      ['效益指标', '社会效益指标', '员工工作效率', '提升', 'C31', 'E31'],
      ['效益指标', '生态效益指标', '', '', 'A32', undefined],
      ['效益指标', '可持续影响指标', '长效管理机制建设', '完善', 'C33', 'E33'],
      ['满意度指标', '服务对象满意度', '员工满意度', '≥90%', 'E34', 'F34'],
    ]);
    // The 年度 half of the 成本指标 row is empty in the seed: the 二级 is there, with no 三级.
    expect(office.annualIndicators.map(ind).slice(6, 8)).toEqual([
      ['产出指标', '时效指标', '办公设备购置时间', '2024年', 'H28', 'J28'],
      ['产出指标', '成本指标', '', '', 'I29', undefined],
    ]);
    expect(office.annualIndicators[0]).toMatchObject({ level3: '购置碎纸机数量', value: '5台' });
  });

  test('保安保洁人员工资: goals, funds and 成本指标 rows', () => {
    const guards = targets[1];
    expect(fig(guards.periodFunds.total)).toEqual(['140000', 'E44', false]);
    expect(fig(guards.annualFunds.cityCounty)).toEqual(['140000', 'H47', false]);
    expect(guards.texts.periodGoal?.cell).toBe('C56');
    expect(guards.texts.annualGoal?.cell).toBe('G56');
    const cost = guards.periodIndicators.filter((i) => i.level2 === '成本指标').map(ind);
    expect(cost).toEqual([
      ['产出指标', '成本指标', '保安工作成本', '≤80000元', 'C64', 'D64'],
      ['产出指标', '成本指标', '保洁工作成本', '≤60000元', 'C65', 'D65'],
    ]);
    const social = guards.annualIndicators.filter((i) => i.level2 === '社会效益指标').map((i) => [i.level3, i.value]);
    expect(social).toEqual([
      ['单位后勤保障程度', '保障'],
      ['公共财产安全', '保障'],
      ['单位管理安全性', '提升'],
    ]);
    expect(guards.periodIndicators).toHaveLength(15);
    expect(guards.annualIndicators).toHaveLength(15);
  });
});

describe('recogniseTargets: stacked without titles', () => {
  // The same two targets with the title and year rows removed: each starts at its 项目名称 label.
  const sheet = sheetFrom('Sheet3', [...OFFICE_EQUIPMENT.slice(4), [], ...GUARDS_AND_CLEANERS.slice(4)]);
  const { targets } = recogniseTargets(sheet);

  test('two targets starting at their 项目名称 rows', () => {
    expect(targets.map((t) => [t.row, t.title, t.year, t.projectName?.text])).toEqual([
      [1, undefined, undefined, '办公设备购置'],
      [33, undefined, undefined, '保安保洁人员工资'],
    ]);
    expect(targets.map((t) => fig(t.annualFunds.total))).toEqual([
      ['14000', 'I4', false],
      ['140000', 'H36', false],
    ]);
    expect(targets[0].periodIndicators).toHaveLength(13);
  });
});

describe('recogniseTargets: labels with "：" and spaces, merged down two rows (001 机关工作业务费)', () => {
  const text = {
    overview:
      '局机关实有业务科室7个共二十多项业务工作，大部分需要深入基层调研、堪察，电话费、差旅费、宣传资料印刷费等开支较大，需预算工作业务费66万元。办公费10万元；办公耗材及维修4万元；电费3000元*12月=3.6万元；',
    goal: '保障2024年民政工作顺利开展，机关正常运行，养老、社会福利等各项工作稳步进行，提升民政工作水平。',
  };
  const grid: Grid = [
    ['长治市市级预算部门（单位）项目支出绩效目标表'],
    ['(2024年度)'],
    ['项 目 名 称：', '', '机关工作业务费'],
    [],
    ['主管部门及代码：', '', '352-长治市民政局', '', '实施单位：', '', '长治市民政局'],
    [],
    ['项目属性：', '', '一次性项目（1年结束）', '', '项 目 期：', '', '1年'],
    [],
    ['项目资金（元）：', '', '实施期资金总额：', '', 250000, '年度资金总额：', '', 250000],
    ['', '', '其中：中央财政资金', '', 0, '其中：中央财政资金', '', 0],
    ['', '', '省级财政资金：', '', 0, '省级财政资金：', '', 0],
    ['', '', '市县（区）财政资金：', '', 250000, '市县（区）财政资金：', '', 250000],
    ['', '', '单位自筹：', '', 0, '单位自筹：', '', 0],
    ['', '', '其他资金：', '', null, '其他资金：'],
    ['项目概况：', '', text.overview],
    [],
    ['立项依据：', '', '2023年长治市民政局工作方案、长治市民政局工作职责'],
    [],
    ['项目设立必要性：', '', '保障机关正常运转，提高经费使用效益，保证局机关各项公务活动的有效开展'],
    [],
    ['保证项目实施的制度、措施：', '', '长治市民政局内控制度、'],
    [],
    ['项目实施计划：', '', '计划于2024年1月-2024年12月完成机关工作任务'],
    [],
    ['总体目标：', '', '实施期目标', '', '', '年度目标'],
    ['', '', text.goal, '', '', text.goal],
    [],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '二级指标', '三级指标', '指标值'],
    ['', '产出指标', '数量指标', '报刊杂志征订种类', '≤15种', '数量指标', '报刊杂志征订种类', '≤15种'],
    ['', '', '', '预计用水量', '≤8000吨', '', '预计用水量', '≤8000吨'],
    ['', '', '', '预计用电量', '≤40000千瓦时', '', '预计用电量', '≤40000千瓦时'],
    ['', '', '', '委托机构数', '≥1家', '', '委托机构数', '≥1家'],
    ['', '', '', '预计印刷份数', '≤20000份', '', '预计印刷份数', '≤20000份'],
    ['', '', '', '出差次数', '≤12人/次/年', '', '出差次数', '≤12人/次/年'],
    ['', '', '质量指标', '政府采购合规性', '合规', '质量指标', '政府采购合规性', '合规'],
    ['', '', '', '杂志征订方案符合度', '符合', '', '杂志征订方案符合度', '符合'],
    ['', '', '', '水电等保障度', '保障', '', '水电等保障度', '保障'],
    ['', '', '', '委托机构资质符合度', '符合', '', '委托机构资质符合度', '符合'],
    ['', '满意度指标', '服务对象满意度', '工作人员满意度', '≥90%', '服务对象满意度', '工作人员满意度', '≥90%'],
    ['负责人：', '', '经办人：', '', '联系电话：', '', '填报日期：', '20231115102541'],
  ];
  const merges = [
    'A1:H1', 'A2:H2', 'A3:B4', 'C3:H4', 'A5:B6', 'C5:D6', 'E5:F6', 'G5:H6', 'A7:B8', 'C7:D8', 'E7:F8', 'G7:H8',
    'A9:B14', 'C9:D9', 'C10:D10', 'C11:D11', 'C12:D12', 'C13:D13', 'C14:D14',
    'F9:G9', 'F10:G10', 'F11:G11', 'F12:G12', 'F13:G13', 'F14:G14',
    'A15:B16', 'C15:H16', 'A17:B18', 'C17:H18', 'A19:B20', 'C19:H20', 'A21:B22', 'C21:H22', 'A23:B24', 'C23:H24',
    'A25:B27', 'C25:E25', 'F25:H25', 'C26:E27', 'F26:H27',
    'A28:A39', 'B29:B38', 'C29:C34', 'F29:F34', 'C35:C38', 'F35:F38',
  ].map(m);
  const { target, findings } = only(sheetFrom('机关工作业务费', grid, merges));

  test('fields read from the first cell right of each merged label', () => {
    expect(findings).toEqual([]);
    expect(target.year).toBe(2024);
    expect([target.projectName, target.department, target.implementer, target.attribute, target.period].map((l) => [l?.text, l?.cell])).toEqual([
      ['机关工作业务费', 'C3'],
      ['352-长治市民政局', 'C5'],
      ['长治市民政局', 'G5'],
      ['一次性项目（1年结束）', 'C7'],
      ['1年', 'G7'],
    ]);
    expect(target.texts.overview).toMatchObject({ text: text.overview, cell: 'C15' });
    expect(target.texts.measures).toMatchObject({ text: '长治市民政局内控制度、', cell: 'C21' });
    expect(target.texts.plan?.cell).toBe('C23');
    expect(target.texts.periodGoal).toMatchObject({ text: text.goal, cell: 'C26' });
    expect(target.texts.annualGoal).toMatchObject({ text: text.goal, cell: 'F26' });
  });

  test('funds with colons on every label', () => {
    expect(fig(target.periodFunds.total)).toEqual(['250000', 'E9', false]);
    expect(fig(target.periodFunds.cityCounty)).toEqual(['250000', 'E12', false]);
    expect(fig(target.periodFunds.other)).toEqual(['0', 'E14', true]);
    expect(fig(target.annualFunds.total)).toEqual(['250000', 'H9', false]);
    expect(fig(target.annualFunds.other)).toEqual(['0', 'H14', true]);
  });

  test('二级 merged down is carried to every row it spans', () => {
    expect(target.periodIndicators.map((i) => [i.level1, i.level2, i.level3]).slice(4, 7)).toEqual([
      ['产出指标', '数量指标', '预计印刷份数'],
      ['产出指标', '数量指标', '出差次数'],
      ['产出指标', '质量指标', '政府采购合规性'],
    ]);
    expect(target.annualIndicators.map(ind)[9]).toEqual(['产出指标', '质量指标', '委托机构资质符合度', '符合', 'G38', 'H38']);
    expect(target.annualIndicators.map(ind)[10]).toEqual(['满意度指标', '服务对象满意度', '工作人员满意度', '≥90%', 'G39', 'H39']);
    expect(target.periodIndicators).toHaveLength(11);
  });
});

describe('recogniseTargets: annual-only form (003 城区学前教育公用经费)', () => {
  const grid: Grid = [
    ['晋城市城区预算部门（单位）项目支出绩效目标表'],
    ['', '', '', '', '', '单位：元'],
    ['项目名称', '城区学前教育公用经费'],
    ['主管部门及代码', '034-晋城市城区教育局', '', '实施单位', '晋城市城区教育局'],
    ['项目属性', '经常性项目（长期开展）', '', '项目资金（元）', 4515600],
    ['项目概况', '按照山西省财政厅、教育厅《关于建立学前教育生均公用经费拨款制度的通知》精神，从2020年春季学期起，全区建立学前教育生均公用经费拨款制度,每年生均600元。'],
    ['立项依据', '按照山西省财政厅、教育厅《关于建立学前教育生均公用经费拨款制度的通知》精神。'],
    ['项目设立必要性', '为推动我区学前教育健康协调发展。'],
    ['保证项目实施的\n制度、措施', '年初预算到校，按照山西省财政厅、教育厅《关于建立学前教育生均公用经费拨款制度的通知》文件严格支出范围。'],
    ['项目实施计划', '年初预算到校，由各园根据日常教学任务使用。'],
    ['年度目标', '保障我区33所幼儿园正常运转，推动我区学前教育健康协调发展。'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'],
    ['', '产出指标', '数量指标', '保障幼儿园数', '≥33所'],
    ['', '', '', '保障幼儿数', '≥7526人'],
    ['', '', '质量指标', '公用经费拨付标准达标率', '100%'],
    ['', '', '时效指标', '公共经费拨付及时性', '及时'],
    ['', '', '', '幼儿园正常运转时间', '全年'],
    ['', '', '成本指标', '经费拨付标准', '每人每年600元'],
    ['', '效益指标', '社会效益指标', '推动学前教育健康发展', '推动'],
    ['', '', '', '保障我区公办幼儿园正常运转', '保障'],
    ['', '满意度指标', '服务对象满意度指标', '教职工满意度', '≥90%'],
  ];
  const merges = [
    'A1:F1', 'B3:F3', 'B4:C4', 'E4:F4', 'B5:C5', 'E5:F5', 'B6:F6', 'B7:F7', 'B8:F8', 'B9:F9', 'B10:F10', 'B11:F11',
    'A12:A21', 'E12:F12', 'B13:B18', 'B19:B20', 'C13:C14', 'C16:C17', 'C19:C20',
    ...Array.from({ length: 9 }, (_, i) => `E${13 + i}:F${13 + i}`),
  ].map(m);
  const { target, findings } = only(sheetFrom('城区学前教育公用经费', grid, merges));

  test('annual-only: one amount, one goal, one indicator column set', () => {
    expect(findings).toEqual([]);
    expect(target.annualOnly).toBe(true);
    expect(target.title).toBe('晋城市城区预算部门（单位）项目支出绩效目标表');
    expect(target.year).toBeUndefined();
    expect(target.projectName?.text).toBe('城区学前教育公用经费');
    expect(target.implementer?.cell).toBe('E4');
    expect(target.periodFunds).toEqual({});
    expect(funds(target.annualFunds)).toEqual({ total: ['4515600', 'E5', false] });
    expect(target.texts.periodGoal).toBeUndefined();
    expect(target.texts.annualGoal).toMatchObject({ text: '保障我区33所幼儿园正常运转，推动我区学前教育健康协调发展。', cell: 'B11' });
    expect(target.texts.measures?.cell).toBe('B9');
    expect(target.periodIndicators).toEqual([]);
  });

  test('一级 and 二级 merged down are carried', () => {
    expect(target.annualIndicators.map(ind)).toEqual([
      ['产出指标', '数量指标', '保障幼儿园数', '≥33所', 'D13', 'E13'],
      ['产出指标', '数量指标', '保障幼儿数', '≥7526人', 'D14', 'E14'],
      ['产出指标', '质量指标', '公用经费拨付标准达标率', '100%', 'D15', 'E15'],
      ['产出指标', '时效指标', '公共经费拨付及时性', '及时', 'D16', 'E16'],
      ['产出指标', '时效指标', '幼儿园正常运转时间', '全年', 'D17', 'E17'],
      ['产出指标', '成本指标', '经费拨付标准', '每人每年600元', 'D18', 'E18'],
      ['效益指标', '社会效益指标', '推动学前教育健康发展', '推动', 'D19', 'E19'],
      ['效益指标', '社会效益指标', '保障我区公办幼儿园正常运转', '保障', 'D20', 'E20'],
      ['满意度指标', '服务对象满意度指标', '教职工满意度', '≥90%', 'D21', 'E21'],
    ]);
  });

  test('annual-only with a 年度资金总额 breakdown', () => {
    const sheet = sheetFrom('绩效2', [
      ['项目名称', '学前教育公用经费'],
      ['项目资金（元）', '年度资金总额：', '', '4,515,600'],
      ['', '其中：中央财政资金', '', '-'],
      ['', '市县（区）财政资金', '', '4,515,600'],
      ['', '其他资金'],
      ['年度目标', '保障我区33所幼儿园正常运转'],
    ]);
    const t = only(sheet).target;
    expect(t.annualOnly).toBe(true);
    expect(funds(t.annualFunds)).toEqual({
      total: ['4515600', 'D2', false],
      central: ['0', 'D3', true],
      cityCounty: ['4515600', 'D4', false],
      other: ['0', 'D5', true],
    });
    expect(t.texts.annualGoal?.cell).toBe('B6');
  });
});

describe('recogniseTargets: empty rows inside a merged 二级 (002 殡仪馆缴纳非法占地和林业草原罚款)', () => {
  // The 二级 社会效益 spans three rows, the last two without 三级 or 指标值: they are empty slots of the form,
  // not the 2-row gap that ends the grid, and the 满意度 row below them still belongs to the grid.
  const grid: Grid = [
    ['项目名称', '殡仪馆缴纳非法占地和林业草原罚款'],
    ['项目资金（元）', '年度资金总额：', '', 200000],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'],
    ['', '效益指标', '社会效益', '我市殡葬服务基础设施和服务环境', '持续改善'],
    [],
    [],
    ['', '满意度指标', '服务对象满意度', '公众满意度', '≥90%'],
  ];
  const { target } = only(sheetFrom('绩效27', grid, [m('A3:A7'), m('B4:B6'), m('C4:C6')]));

  test('the slots are read as empty indicators and the grid goes on', () => {
    expect(target.annualIndicators.map(ind)).toEqual([
      ['效益指标', '社会效益', '我市殡葬服务基础设施和服务环境', '持续改善', 'D4', 'E4'],
      ['效益指标', '社会效益', '', '', 'D5', undefined],
      ['效益指标', '社会效益', '', '', 'D6', undefined],
      ['满意度指标', '服务对象满意度', '公众满意度', '≥90%', 'D7', 'E7'],
    ]);
  });

  test('without merges, two blank rows end the grid', () => {
    const t = only(sheetFrom('绩效27', grid)).target;
    expect(t.annualIndicators.map((i) => i.level3)).toEqual(['我市殡葬服务基础设施和服务环境']);
  });
});

describe('recogniseTargets: bad input', () => {
  test('"待定" in an amount cell: INPUT.not_a_number naming the cell, and no figure', () => {
    const grid = GUARDS_AND_CLEANERS.map((r) => [...r]);
    grid[10][7] = '待定'; // 年度 市县（区）财政资金, H11
    const { targets, findings } = recogniseTargets(sheetFrom('绩效1', grid));
    expect(findings).toEqual([
      {
        rule: 'INPUT.not_a_number',
        severity: 'error',
        sheet: '绩效1',
        cells: ['H11'],
        message: '绩效1 H11 的金额“待定”不是数字，该金额不参与校验；请填写数字或留空',
        actual: '待定',
        table: 'INPUT',
      },
    ]);
    expect(targets[0].annualFunds.cityCounty).toBeUndefined();
    expect(fig(targets[0].annualFunds.total)).toEqual(['140000', 'H8', false]);
    expect(fig(targets[0].periodFunds.cityCounty)).toEqual(['140000', 'E11', false]);
  });

  test('a formula amount keeps its formula', () => {
    const grid = GUARDS_AND_CLEANERS.map((r) => [...r]);
    grid[7][7] = '=SUM(H9:H13)|140000';
    const { targets } = recogniseTargets(sheetFrom('绩效1', grid));
    expect(targets[0].annualFunds.total).toMatchObject({ cell: 'H8', formula: 'SUM(H9:H13)', empty: false });
    expect(targets[0].annualFunds.total?.value.toFixed()).toBe('140000');
  });

  test('an empty sheet: no target, no finding', () => {
    expect(recogniseTargets(emptySheet('Sheet1', 0))).toEqual({ targets: [], findings: [] });
    expect(looksLikeTargetSheet(emptySheet('Sheet1', 0))).toBe(false);
    expect(recogniseSummaryList(emptySheet('Sheet1', 0))).toBeUndefined();
  });

  test('a sheet of junk: no target, no crash', () => {
    const junk = sheetFrom(
      '杂项',
      [
        ['备注', 12, true, '——'],
        [null, '项目名称'],
        ['一级指标', '三级指标', '指标值', '负责人：'],
        ['产出指标', '待定', '', 3.5],
        ['实施期资金总额：', '其他资金', '=A1|#REF!'],
      ],
      [m('A1:B2'), m('C3:C9'), m('B4:D5')],
    );
    expect(recogniseTargets(junk)).toEqual({ targets: [], findings: [] });
    expect(looksLikeTargetSheet(junk)).toBe(false);
  });

  test('random grids of the form\'s own words never throw', () => {
    const words = ['项目支出绩效目标表', '项目名称', '项目资金（元）', '实施期资金总额：', '年度资金总额', '其他资金', '省级财政资金',
      '总体目标', '实施期目标', '年度目标', '绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '产出指标', '数量指标',
      '成本指标', '满意度指标', '负责人：', '待定', '1,234', 0, 42, '', '', '', '', '（2024年度）', '序号', '预算金额'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let k = 0; k < 300; k++) {
      const rows = 1 + rand(30);
      const cols = 1 + rand(10);
      const grid: Grid = Array.from({ length: rows }, () => Array.from({ length: cols }, () => words[rand(words.length)]));
      const merges: MergeArea[] = Array.from({ length: rand(4) }, () => {
        const top = 1 + rand(rows);
        const left = 1 + rand(cols);
        return { top, left, bottom: top + rand(3), right: left + rand(3) };
      });
      const sheet = sheetFrom(`S${k}`, grid, merges);
      expect(() => {
        recogniseTargets(sheet);
        recogniseSummaryList(sheet);
        looksLikeTargetSheet(sheet);
      }).not.toThrow();
    }
  });
});

describe('recogniseSummaryList: 民生领域重大事项绩效目标情况表 (003)', () => {
  // The first rows of the seed's list, then its second printed page (title and header repeated).
  const grid: Grid = [
    ['2025年民生领域重大事项绩效目标情况表'],
    ['', '', '', '单位：元'],
    ['序号', '预算单位', '项目名称', '预算金额'],
    [1, '034001-晋城市城区教育局', '城乡义务教育生均公用经费', 42726082],
    [2, '', '学前教育公用经费', 4515600],
    [3, '', '职中免学费', 594250],
    [4, '', '义务教育免费地方教材', 3192900],
    [5, '', '城区学校保安服务', 6440300],
    [6, '038001-晋城市城区卫生健康和体育局', '基本公共卫生服务', '58,016,475'],
    [],
    ['2025年民生领域重大事项绩效目标情况表'],
    ['', '', '', '单位：元'],
    ['序号', '预算单位', '项目名称', '预算金额'],
    [26, '193001-晋城市城区自然资源局', '白马寺山及吴王山森林公园日常管护项目', '5,831,922.19'],
    [28, '113001-晋城市城区市容环卫中心', '环卫合同经费', 104390210.16],
    [29, '', '垃圾厂运行经费', '待定'],
  ];
  const merges = [m('A1:D1'), m('B4:B8'), m('A11:D11'), m('B15:B16')];
  const sheet = sheetFrom('民生领域重大事项', grid, merges);
  const findings: Finding[] = [];
  const list = recogniseSummaryList(sheet, findings)!;

  test('rows with their unit (merged down), project label and amount in 元', () => {
    expect(list.sheet).toBe('民生领域重大事项');
    expect(list.rows.map((r) => [r.seq, r.unit, r.project.text, r.project.cell, fig(r.amount)])).toEqual([
      ['1', '034001-晋城市城区教育局', '城乡义务教育生均公用经费', 'C4', ['42726082', 'D4', false]],
      ['2', '034001-晋城市城区教育局', '学前教育公用经费', 'C5', ['4515600', 'D5', false]],
      ['3', '034001-晋城市城区教育局', '职中免学费', 'C6', ['594250', 'D6', false]],
      ['4', '034001-晋城市城区教育局', '义务教育免费地方教材', 'C7', ['3192900', 'D7', false]],
      ['5', '034001-晋城市城区教育局', '城区学校保安服务', 'C8', ['6440300', 'D8', false]],
      ['6', '038001-晋城市城区卫生健康和体育局', '基本公共卫生服务', 'C9', ['58016475', 'D9', false]],
      ['26', '193001-晋城市城区自然资源局', '白马寺山及吴王山森林公园日常管护项目', 'C14', ['5831922.19', 'D14', false]],
      ['28', '113001-晋城市城区市容环卫中心', '环卫合同经费', 'C15', ['104390210.16', 'D15', false]],
      ['29', '113001-晋城市城区市容环卫中心', '垃圾厂运行经费', 'C16', undefined],
    ]);
  });

  test('a bad amount is reported with its cell', () => {
    expect(findings.map((f) => [f.rule, f.cells, f.message])).toEqual([
      ['INPUT.not_a_number', ['D16'], '民生领域重大事项 D16 的金额“待定”不是数字，该金额不参与校验；请填写数字或留空'],
    ]);
  });

  test('the summary list is not a target sheet, and a target sheet has no summary list', () => {
    expect(looksLikeTargetSheet(sheet)).toBe(false);
    expect(recogniseTargets(sheet).targets).toEqual([]);
    expect(recogniseSummaryList(sheetFrom('绩效1', PARTY_TRAINING, PARTY_TRAINING_MERGES))).toBeUndefined();
  });
});

describe('looksLikeTargetSheet', () => {
  test('表十二 has a 项目名称 header but is no target sheet (001 lines 392-398)', () => {
    const t12 = sheetFrom('12项目支出表', [
      ['2024年项目支出预算表（本年预算）'],
      ['单位名称：长治市民政局', '', '', '', '', '', '单位：万元'],
      ['项目名称', '合计', '2024年财政拨款', '', '', '财政专户管理资金', '单位资金'],
      ['', '', '一般公共预算', '政府性基金预算', '国有资本经营预算'],
      ['长治市民政局', '1,096.55', '1,096.55'],
      ['办公设备购置', '1.40', '1.40'],
    ]);
    expect(looksLikeTargetSheet(t12)).toBe(false);
    expect(recogniseTargets(t12).targets).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The .xlsx fixtures (fixtures/workbooks/<seed>-<layout>.xlsx, built from fixtures/seeds/<seed>.json): every
// target sheet's 项目名称 and 年度资金总额 as the seed JSON has them.

const ROOT = path.resolve(__dirname, '..', '..');
const WORKBOOKS = path.join(ROOT, 'fixtures', 'workbooks');
const fixtureFiles = fs.existsSync(WORKBOOKS)
  ? fs.readdirSync(WORKBOOKS).filter((f) => /^\d{3}-.*\.xlsx$/.test(f) && fs.existsSync(path.join(ROOT, 'fixtures', 'seeds', `${f.slice(0, 3)}.json`)))
  : [];

interface SeedJson {
  targets: { projectName: string; annualFunds: { total: string } }[];
  summary?: { rows: { project: string; amount: string }[] };
}

/** The seed's figure as printed ("4,212", "" for blank) as a plain decimal string. */
/** The amount as the seed prints it; a form that prints no 年度资金总额 at all (002 各项工作经费) has none. */
function printed(text: string): string | undefined {
  const t = text.replace(/[,，\s]/g, '');
  return t === '' || t === '-' ? undefined : t.replace(/\.0+$/, '');
}

describe('recognises the .xlsx fixtures', () => {
  test.each(fixtureFiles)('%s', async (file) => {
    const { readWorkbookFile } = await import('../../src/xlsx/read');
    const wb = await readWorkbookFile(path.join(WORKBOOKS, file));
    const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'seeds', `${file.slice(0, 3)}.json`), 'utf8')) as SeedJson;
    const targets = wb.sheets.filter(looksLikeTargetSheet).flatMap((s) => recogniseTargets(s).targets);
    // A blank total is an empty figure on its empty cell (so findings land there), printed as nothing.
    expect(targets.map((t) => [t.projectName?.text, t.annualFunds.total && !t.annualFunds.total.empty ? t.annualFunds.total.value.toFixed() : undefined])).toEqual(
      seed.targets.map((t) => [t.projectName, printed(t.annualFunds.total)]),
    );
    if (seed.summary) {
      const list = wb.sheets.map((s) => recogniseSummaryList(s)).find((l) => l && l.rows.length);
      expect(list?.rows.map((r) => [r.project.text, r.amount?.value.toFixed()])).toEqual(
        seed.summary.rows.map((r) => [r.project, printed(r.amount)]),
      );
    }
  });
});

describe('a sheet too large to keep its shown cells is tested the same (one pass over its texts)', () => {
  /** The sheet with a number far below it: over the size whose shown cells are kept, and sparse. */
  const padded = (s: SheetSnapshot): SheetSnapshot => {
    const rows = [...s.rows];
    rows[249_999] = [{ value: 0 }];
    return { ...s, rows, rowCount: 250_000, colCount: Math.max(s.colCount, 1) };
  };
  test.each(fixtureFiles)('%s', async (file) => {
    const { readWorkbookFile } = await import('../../src/xlsx/read');
    const wb = await readWorkbookFile(path.join(WORKBOOKS, file));
    const summary = (s: SheetSnapshot) => recogniseSummaryList(s)?.rows.map((r) => [r.project.cell, r.amount?.value.toFixed()]);
    for (const s of wb.sheets) {
      const big = padded(s);
      expect([s.name, looksLikeTargetSheet(big), summary(big)]).toEqual([s.name, looksLikeTargetSheet(s), summary(s)]);
    }
    expect(wb.sheets.some((s) => looksLikeTargetSheet(padded(s)))).toBe(true);
  });
});

/**
 * fixtures/seeds/001.json and 002.json (written by scripts/fixtures/parse-tab.ts) against figures read by hand
 * from ../shared/seeds/001_727de999e53de965.txt and 002_dea5997044eede79.txt, and against the parser itself
 * (the committed JSON must be exactly what the parser produces from the seed text today).
 */
import * as fs from 'fs';
import * as path from 'path';
import Decimal from 'decimal.js';
import { readTabSeed, seedJson, TAB_SEEDS, type TabSeedId } from '../../scripts/fixtures/parse-tab';
import type { SeedTable, SeedTableId, SeedTarget, SeedWorkbook } from '../../scripts/fixtures/seed-model';

const SEEDS_DIR = path.resolve(__dirname, '../../../shared/seeds');
const FIXTURES = path.resolve(__dirname, '../../fixtures/seeds');
const TABLE_IDS: SeedTableId[] = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13'];

const load = (seed: TabSeedId): SeedWorkbook => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${seed}.json`), 'utf8'));
const dec = (s: string) => new Decimal(s === '' ? 0 : s.replace(/,/g, ''));
const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(dec(x)), new Decimal(0));
const table = (wb: SeedWorkbook, id: SeedTableId): SeedTable => {
  const t = wb.tables[id];
  if (!t) throw new Error(`${id} missing`);
  return t;
};
const row = (t: SeedTable, col: number, label: string) => {
  const r = t.rows.find((x) => x[col] === label);
  if (!r) throw new Error(`row "${label}" not found in "${t.title}"`);
  return r;
};
const target = (wb: SeedWorkbook, name: string, implementer?: string): SeedTarget => {
  const ts = wb.targets.filter((t) => t.projectName === name && (!implementer || t.implementer === implementer));
  expect(ts).toHaveLength(1);
  return ts[0];
};
/** Project rows of 表十二/十三 grouped under their unit row (or under the department row when there is none). */
const projectsByUnit = (t: SeedTable) => {
  const out = new Map<string, string[][]>();
  let unit = t.rows[0][1];
  for (const r of t.rows.slice(1)) {
    if (r[0] === '1') unit = r[1];
    else out.set(unit, [...(out.get(unit) ?? []), r]);
  }
  return out;
};
const widths: Record<SeedTableId, number> = {
  T1: 6, T2: 9, T3: 5, T4: 7, T5: 5, T6: 5, T7: 3, T8: 5, T9: 8, T10: 5, T11: 5, T12: 8, T13: 6,
};

describe.each(Object.keys(TAB_SEEDS) as TabSeedId[])('seed %s', (seed) => {
  const wb = load(seed);

  test('the committed JSON is what the parser produces from the seed text now', () => {
    const { workbook } = readTabSeed(seed, SEEDS_DIR);
    expect(fs.readFileSync(path.join(FIXTURES, `${seed}.json`), 'utf8')).toBe(seedJson(workbook));
  });

  test('all 13 tables in canonical shape, every figure a plain amount or blank', () => {
    expect(Object.keys(wb.tables)).toEqual(TABLE_IDS);
    for (const id of TABLE_IDS) {
      const t = table(wb, id);
      expect(t.title).toMatch(new RegExp(`^${wb.year}年`));
      for (const r of t.rows) expect(r).toHaveLength(widths[id]);
    }
    const amountCols: Partial<Record<SeedTableId, number[]>> = {
      T1: [1, 3, 4, 5], T2: [2, 3, 4, 5, 6, 7, 8], T3: [2, 3, 4], T4: [1, 3, 4, 5, 6], T5: [2, 3, 4], T6: [2, 3, 4],
      T7: [2], T8: [2, 3, 4], T10: [1, 2, 3, 4], T11: [1, 2, 3, 4], T12: [2, 3, 4, 5, 6, 7], T13: [2, 3, 4, 5],
    };
    for (const [id, cols] of Object.entries(amountCols) as [SeedTableId, number[]][])
      for (const r of table(wb, id).rows) for (const c of cols) expect(r[c]).toMatch(/^(\d+\.\d{2})?$/);
  });

  test('表一/表四 keep all 30 expenditure classes, empty ones included, in order', () => {
    for (const id of ['T1', 'T4'] as const) {
      const classes = table(wb, id).rows.map((r) => r[2]).filter((n) => /^[一二三四五六七八九十]+、/.test(n));
      expect(classes).toHaveLength(30);
      expect(classes[0]).toBe('一、一般公共服务支出');
      expect(classes[21]).toBe('二十二、国有资本经营预算支出');
      expect(classes[29]).toBe('三十、抗疫特别国债安排的支出');
    }
    const t1 = table(wb, 'T1');
    expect(t1.rows.map((r) => r[2]).slice(30)).toEqual(['本年支出合计', '年终结转', '支出总计']);
    expect(t1.rows.map((r) => r[0]).slice(30)).toEqual(['本年收入合计', '上年结转', '收入总计']);
    const t4 = table(wb, 'T4');
    expect(t4.rows.map((r) => r[0]).slice(30)).toEqual([
      '本年收入合计', '上年财政拨款结转', '一、一般公共预算', '二、政府性基金预算', '三、国有资本经营预算', '收入总计',
    ]);
    // the 30 class rows add up to 本年支出合计 in both tables (decimal, no rounding in these two seeds)
    expect(sum(t1.rows.slice(0, 30).map((r) => r[3])).toFixed(2)).toBe(row(t1, 2, '本年支出合计')[3]);
    expect(sum(t4.rows.slice(0, 30).map((r) => r[3])).toFixed(2)).toBe(row(t4, 2, '本年支出合计')[3]);
  });

  test('表二/三/五/七/八/九 start with their 合计 row (code "")', () => {
    for (const id of ['T2', 'T3', 'T5', 'T7', 'T8', 'T9'] as const) expect(table(wb, id).rows[0].slice(0, 2)).toEqual(['', '合计']);
    expect(table(wb, 'T6').rows[0][0]).toBe('合计');
    expect(table(wb, 'T9').noData).toBe(true);
    expect(table(wb, 'T9').rows).toHaveLength(1);
    expect(table(wb, 'T10').rows.map((r) => r[0])).toEqual([
      '因公出国（境）费', '公务接待费', '公务用车购置及运行费', '①公务用车购置费', '②公务用车运行维护费', '合计',
    ]);
    expect(table(wb, 'T11').rows[0][0]).toBe('部门合计');
  });

  test('every target sheet has its labelled fields, both funds blocks and both indicator grids', () => {
    for (const t of wb.targets) {
      expect(t.title).toMatch(/项目支出绩效目标表$/);
      expect(t.yearLine).toContain(`${wb.year}年度`);
      expect(t.projectName).not.toBe('');
      expect(t.implementer).not.toBe('');
      expect(t.periodFunds).toBeDefined();
      expect(t.periodFunds!.total).not.toBe('');
      for (const f of [t.periodFunds!, t.annualFunds]) for (const v of Object.values(f)) expect(v).toMatch(/^([\d,]+(\.\d+)?)?$/);
      for (const g of [t.periodIndicators!, t.annualIndicators]) {
        expect(g.length).toBeGreaterThan(0);
        expect(new Set(g.map((x) => x.level1)).has('满意度指标')).toBe(true);
      }
      expect(t.overview && t.basis && t.necessity && t.measures && t.plan).toBeTruthy();
    }
  });

  test('narrative: 第三部分 from its heading to the first target sheet', () => {
    const n = wb.narrative!;
    expect(n[0]).toMatch(new RegExp(`^第三部分 ${wb.year}年度(单位|部门)预算情况说明$`));
    expect(n).toContain('一、' + (wb.multiUnit ? '部门' : '单位') + '预算收支数据变动情况及原因');
    expect(n).toContain('十、绩效管理情况');
    expect(n[n.length - 1]).toBe('（项目绩效目标表公开情况见附件）');
    for (const p of n) expect(p).toBe(p.trim());
    expect(n.every((p) => p !== '')).toBe(true);
  });
});

describe('seed 001 长治市民政局 2024', () => {
  const wb = load('001');

  test('header', () => {
    expect([wb.seed, wb.department, wb.year, wb.multiUnit]).toEqual(['001', '长治市民政局', 2024, false]);
  });

  test('表一', () => {
    const t1 = table(wb, 'T1');
    expect(t1.rows).toHaveLength(33);
    expect(t1.rows[0]).toEqual(['一、一般公共预算', '1500.11', '一、一般公共服务支出', '0.42', '0.42', '']);
    expect(row(t1, 0, '二、政府性基金预算')[1]).toBe('19.00');
    expect(row(t1, 2, '八、社会保障和就业支出').slice(3)).toEqual(['1548.68', '1448.68', '100.00']);
    expect(row(t1, 2, '二十五、其他支出').slice(3)).toEqual(['199.66', '19.00', '180.66']);
    expect(row(t1, 2, '二十八、债务付息支出').slice(3)).toEqual(['', '', '']); // first row after a page break
    expect(row(t1, 0, '本年收入合计')).toEqual(['本年收入合计', '1519.11', '本年支出合计', '1799.77', '1519.11', '280.66']);
    expect(row(t1, 0, '上年结转')).toEqual(['上年结转', '280.66', '年终结转', '', '', '']);
    expect(row(t1, 0, '收入总计')).toEqual(['收入总计', '1799.77', '支出总计', '1799.77', '1519.11', '280.66']);
    expect(sum(t1.rows.slice(0, 5).map((r) => r[1])).toFixed(2)).toBe('1519.11');
  });

  test('表二: 合计 row, and the rows after the page break keep 上年结转 in the last column', () => {
    const t2 = table(wb, 'T2');
    expect(t2.rows).toHaveLength(37);
    expect(t2.rows[0]).toEqual(['', '合计', '1519.11', '1500.11', '19.00', '', '', '', '280.66']);
    expect(row(t2, 0, '208')).toEqual(['208', '社会保障和就业支出', '1448.68', '1448.68', '', '', '', '', '100.00']);
    expect(row(t2, 0, '2081002')).toEqual(['2081002', '老年福利', '', '', '', '', '', '', '100.00']);
    expect(row(t2, 0, '229')).toEqual(['229', '其他支出', '19.00', '', '19.00', '', '', '', '180.66']);
    expect(row(t2, 0, '2296002')).toEqual(['2296002', '用于社会福利的彩票公益金支出', '19.00', '', '19.00', '', '', '', '180.66']);
    expect(row(t2, 0, '2100799')).toEqual(['2100799', '其他计划生育事务支出', '0.12', '0.12', '', '', '', '', '']);
    const classes = t2.rows.filter((r) => r[0].length === 3);
    expect(sum(classes.map((r) => r[8])).toFixed(2)).toBe('280.66');
    expect(sum(classes.map((r) => r[2])).toFixed(2)).toBe('1519.11');
  });

  test('表三 … 表十一', () => {
    expect(table(wb, 'T3').rows[0]).toEqual(['', '合计', '1799.77', '422.55', '1377.22']);
    expect(table(wb, 'T3').rows).toHaveLength(37);
    expect(row(table(wb, 'T4'), 0, '收入总计')).toEqual(['收入总计', '1799.77', '支出总计', '1799.77', '1600.11', '199.66', '']);
    expect(row(table(wb, 'T4'), 0, '一、一般公共预算')[1]).toBe('1500.11');
    expect(table(wb, 'T4').rows.filter((r) => r[0] === '二、政府性基金预算').map((r) => r[1])).toEqual(['19.00', '180.66']);
    expect(table(wb, 'T5').rows[0]).toEqual(['', '合计', '1500.11', '422.55', '1077.55']);
    expect(row(table(wb, 'T5'), 0, '2296002').slice(2)).toEqual(['', '', '']);
    const t6 = table(wb, 'T6');
    expect(t6.rows).toHaveLength(29);
    expect(t6.rows[0]).toEqual(['合计', '', '422.55', '352.66', '69.90']);
    expect(row(t6, 0, '工资福利支出')).toEqual(['工资福利支出', '', '286.14', '276.03', '10.11']);
    expect(row(t6, 0, '其他社会保障缴费')).toEqual(['其他社会保障缴费', '社会保障缴费', '5.86', '0.75', '5.11']);
    expect(table(wb, 'T7').rows).toEqual([
      ['', '合计', '19.00'], ['103', '非税收入', '19.00'], ['10301', '政府性基金收入', '19.00'], ['1030155', '彩票公益金收入', '19.00'],
    ]);
    expect(table(wb, 'T8').rows[0]).toEqual(['', '合计', '19.00', '', '19.00']);
    expect(row(table(wb, 'T10'), 0, '合计')).toEqual(['合计', '1.50', '1.50', '', '']);
    expect(table(wb, 'T11').rows).toEqual([['部门合计', '69.90', '69.90', '', ''], ['长治市民政局', '69.90', '69.90', '', '']]);
  });

  test('表十二: department row 1096.55 and 12 projects summing to it', () => {
    const t12 = table(wb, 'T12');
    expect(t12.rows[0]).toEqual(['0', '长治市民政局', '1096.55', '1077.55', '19.00', '', '', '']);
    const projects = t12.rows.slice(1);
    expect(projects).toHaveLength(12);
    expect(projects.every((r) => r[0] === '2')).toBe(true);
    expect(sum(projects.map((r) => r[2])).toFixed(2)).toBe('1096.55');
    expect(sum(projects.map((r) => r[3])).toFixed(2)).toBe('1077.55');
    expect(sum(projects.map((r) => r[4])).toFixed(2)).toBe('19.00');
    expect(projects[0].slice(1, 3)).toEqual(['长财社【2023】219号长治民政系统护理员技能培训及大赛', '19.00']);
    expect(projects[11]).toEqual(['2', '办公设备购置', '1.40', '1.40', '', '', '', '']);
  });

  test('表十三: the seed prints the department row and the (same-named) unit row', () => {
    const t13 = table(wb, 'T13');
    expect(t13.rows.slice(0, 2)).toEqual([
      ['0', '长治市民政局', '280.66', '100.00', '180.66', ''],
      ['1', '长治市民政局', '280.66', '100.00', '180.66', ''],
    ]);
    expect(t13.rows.slice(2).every((r) => r[0] === '2')).toBe(true);
    expect(t13.rows).toHaveLength(8);
    expect(sum(t13.rows.slice(2).map((r) => r[2])).toFixed(2)).toBe('280.66');
  });

  test('11 target sheets; 办公设备购置 实施期 18,500 / 年度 14,000', () => {
    expect(wb.targets).toHaveLength(11);
    const t = target(wb, '办公设备购置');
    expect(t.periodFunds).toEqual({ total: '18,500', central: '0', province: '0', cityCounty: '18,500', self: '0', other: '' });
    expect(t.annualFunds).toEqual({ total: '14,000', central: '0', province: '0', cityCounty: '14,000', self: '0', other: '' });
    expect([t.department, t.implementer, t.attribute, t.period]).toEqual(['352-长治市民政局', '长治市民政局', '一次性项目（1年结束）', '1年']);
    expect(t.yearLine).toBe('(2024年度)');
    expect(t.periodIndicators!.find((x) => x.level2 === '成本指标')).toEqual({
      level1: '产出指标', level2: '成本指标', level3: '办公设备购置成本', value: '≤1.85万元',
    });
    expect(t.annualIndicators.find((x) => x.level3 === '购置碎纸机数量')?.value).toBe('5台');
    expect(t.periodIndicators!.find((x) => x.level3 === '购置碎纸机数量')?.value).toBe('7台');
  });

  test('党员教育培训: funds breakdowns as printed, shifted 成本指标 row kept, grids complete', () => {
    const t = target(wb, '2024年党员教育培训专项经费（省财政下拨部分）');
    expect(t.department).toBe('901-行政科单位');
    expect(t.periodFunds).toEqual({ total: '4,212', central: '0', province: '4,212', cityCounty: '0', self: '0', other: '' });
    expect(t.annualFunds).toEqual({ total: '4,212', central: '0', province: '0', cityCounty: '4,212', self: '0', other: '' });
    const shifted = { level1: '产出指标', level2: '成本指标', level3: '省级负担党员培训成本', value: '12元/人' };
    expect(t.periodIndicators).toContainEqual(shifted);
    expect(t.annualIndicators).toContainEqual(shifted);
    expect(t.periodIndicators!.map((x) => x.level2)).toEqual([
      '数量指标', '质量指标', '时效指标', '成本指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度',
    ]);
    expect(t.annualIndicators).toHaveLength(10);
    expect(t.periodGoal).toMatch(/^更加扎实深入学习/);
    expect(t.annualGoal).toBe(t.periodGoal);
  });

  test('target amounts against 表十二 (元 vs 万元)', () => {
    const t12 = new Map(table(wb, 'T12').rows.slice(1).map((r) => [r[1], r[2]]));
    const pairs: [string, string][] = [
      ['长财社【2023】234号2024年临时救助', '100,000'],
      ['长治市精神卫生福利设施建设项目', '10,000,000'],
      ['机关会议培训费', '80,000'],
      ['机关工作业务费', '250,000'],
      ['社会组织管理与党建工作经费', '26,000'],
      ['保安保洁人员工资', '140,000'],
      ['遗属补助', '21,312'],
      ['办公设备购置', '14,000'],
      ['2024年党员教育培训专项经费（省财政下拨部分）', '4,212'],
    ];
    for (const [name, annual] of pairs) {
      expect(target(wb, name).annualFunds.total).toBe(annual);
      expect(dec(annual).minus(dec(t12.get(name)!).times(10000)).abs().lte(50)).toBe(true);
    }
    // 2 of the 12 projects have no sheet under their 表十二 name: one is renamed on its sheet, one has none
    const names = new Set(wb.targets.map((t) => t.projectName));
    expect([...t12.keys()].filter((n) => !names.has(n))).toEqual([
      '长财社【2023】219号长治民政系统护理员技能培训及大赛',
      '养老服务与未成年人保护工作经费',
    ]);
    expect(target(wb, '长财社【2023】219号长治市民政局系统护理员技能培训及大赛').annualFunds.total).toBe('190,000');
  });

  test('narrative', () => {
    const n = wb.narrative!;
    expect(n).toHaveLength(34);
    expect(n).toContain('本单位机关运行经费财政拨款预算69.9万元，比2023年预算增加0.8万元，增长0.01%，原因是基本工资增加。');
    expect(n.find((p) => p.startsWith('2024年长治市民政局纳入绩效目标管理的二级项目12个'))).toContain('共计金额1,100.00万元');
  });
});

describe('seed 002 阳泉市民政局 2025', () => {
  const wb = load('002');

  test('header', () => {
    expect([wb.seed, wb.department, wb.year, wb.multiUnit]).toEqual(['002', '阳泉市民政局', 2025, true]);
  });

  test('totals of every table', () => {
    const t1 = table(wb, 'T1');
    expect(row(t1, 0, '一、一般公共预算')[1]).toBe('3008.67');
    expect(row(t1, 0, '二、政府性基金预算')[1]).toBe('913.75');
    expect(row(t1, 0, '本年收入合计')).toEqual(['本年收入合计', '3922.42', '本年支出合计', '4411.49', '3922.42', '489.07']);
    expect(row(t1, 0, '收入总计')).toEqual(['收入总计', '4411.49', '支出总计', '4411.49', '3922.42', '489.07']);
    expect(row(t1, 2, '二十二、国有资本经营预算支出')).toBeDefined(); // printed "国有资本经营 预算支出"
    expect(table(wb, 'T2').rows[0]).toEqual(['', '合计', '3922.42', '3008.67', '913.75', '', '', '', '489.07']);
    expect(table(wb, 'T3').rows[0]).toEqual(['', '合计', '4411.49', '1099.45', '3312.04']); // printed "4411. 49"
    expect(row(table(wb, 'T3'), 0, '2296002')).toEqual(['2296002', '用于社会福利的彩票公益金支出', '1401.86', '', '1401.86']);
    const t4 = table(wb, 'T4');
    expect(row(t4, 0, '本年收入合计')).toEqual(['本年收入合计', '3922.42', '本年支出合计', '4411.49', '3008.67', '1402.82', '']);
    expect(row(t4, 0, '上年财政拨款结转')[1]).toBe('489.07');
    expect(row(t4, 0, '收入总计')).toEqual(['收入总计', '4411.49', '支出总计', '4411.49', '3008.67', '1402.82', '']);
    expect(table(wb, 'T5').rows[0]).toEqual(['', '合计', '3008.67', '1099.45', '1909.22']);
    expect(table(wb, 'T6').rows[0]).toEqual(['合计', '', '1099.45', '938.80', '160.64']);
    expect(table(wb, 'T6').rows).toHaveLength(50);
    expect(table(wb, 'T6').rows.filter((r) => r[0] === '基本工资')).toEqual([
      ['基本工资', '工资奖金津补贴', '106.17', '106.17', ''],
      ['基本工资', '工资福利支出', '174.20', '174.20', ''],
    ]);
    expect(table(wb, 'T7').rows[0]).toEqual(['', '合计', '913.75']);
    expect(table(wb, 'T8').rows[0]).toEqual(['', '合计', '913.75', '', '913.75']);
    expect(table(wb, 'T9').noData).toBe(true);
    expect(table(wb, 'T10').rows.slice(-1)[0]).toEqual(['合计', '19.30', '19.30', '', '']);
    expect(row(table(wb, 'T10'), 0, '②公务用车运行维护费')[1]).toBe('18.50');
    expect(table(wb, 'T11').rows).toEqual([
      ['部门合计', '40.68', '40.68', '', ''],
      ['阳泉市民政局', '27.56', '27.56', '', ''],
      ['阳泉市城乡居民最低生活保障管理中心', '13.12', '13.12', '', ''],
    ]);
    expect(table(wb, 'T12').rows[0]).toEqual(['0', '阳泉市民政局', '2822.97', '1909.22', '913.75', '', '', '']);
    expect(table(wb, 'T13').rows[0]).toEqual(['0', '阳泉市民政局', '489.07', '', '489.07', '']);
    // balances (all exact here except 表三/五/六's ±0.01 舍位 that the seed prints)
    expect(sum(t1.rows.slice(0, 30).map((r) => r[5])).toFixed(2)).toBe('489.07');
    expect(dec(table(wb, 'T3').rows[0][4])).toEqual(dec(table(wb, 'T12').rows[0][2]).plus(dec(table(wb, 'T13').rows[0][2])));
  });

  test('表十二: department row, 5 unit rows, project count and sums per unit', () => {
    const t12 = table(wb, 'T12');
    expect(t12.rows).toHaveLength(66);
    const units = t12.rows.filter((r) => r[0] === '1');
    expect(units.map((r) => [r[1], r[2]])).toEqual([
      ['阳泉市民政局', '1560.52'],
      ['阳泉市社会福利院', '954.37'],
      ['阳泉市救助管理站', '283.70'],
      ['阳泉市城乡居民最低生活保障管理中心', '8.00'],
      ['阳泉市民政事务中心', '16.38'],
    ]);
    expect(sum(units.map((r) => r[2])).toFixed(2)).toBe('2822.97');
    const byUnit = projectsByUnit(t12);
    expect([...byUnit].map(([u, ps]) => [u, ps.length, sum(ps.map((r) => r[2])).toFixed(2)])).toEqual([
      ['阳泉市民政局', 19, '1560.52'],
      ['阳泉市社会福利院', 26, '954.36'], // printed 954.37: 舍位
      ['阳泉市救助管理站', 10, '283.70'],
      ['阳泉市城乡居民最低生活保障管理中心', 1, '8.00'],
      ['阳泉市民政事务中心', 4, '16.38'],
    ]);
    // the project row printed after the page break inside 福利院's block
    expect(byUnit.get('阳泉市社会福利院')!.filter((r) => r[1] === '三无人员生活费').map((r) => r[2])).toEqual(['0.12', '0.60']);
  });

  test('表十三 grouped by unit', () => {
    const t13 = table(wb, 'T13');
    expect([...projectsByUnit(t13)].map(([u, ps]) => [u, ps.length, sum(ps.map((r) => r[2])).toFixed(2)])).toEqual([
      ['阳泉市民政局', 4, '84.21'],
      ['阳泉市社会福利院', 4, '376.81'],
      ['阳泉市救助管理站', 1, '28.05'],
    ]);
    expect(sum(t13.rows.filter((r) => r[0] === '1').map((r) => r[2])).toFixed(2)).toBe('489.07');
  });

  test('43 target sheets: the 44 printed titles include one sheet continued on a second page', () => {
    const text = fs.readFileSync(path.join(SEEDS_DIR, TAB_SEEDS['002']), 'utf8');
    expect(text.split('\n').filter((l) => /项目支出绩效目标表\s*$/.test(l))).toHaveLength(44);
    expect(wb.targets).toHaveLength(43);
    const t = target(wb, '救助站未成年人保护、流浪乞讨人员救助服务保障及机构运转经费');
    expect(t.periodFunds!.total).toBe('500,000');
    expect(t.annualFunds.total).toBe('300000');
    // the second page holds the last two grid rows
    expect(t.periodIndicators!.slice(-2)).toEqual([
      { level1: '效益指标', level2: '可持续影响', level3: '未成年人及流浪乞讨救助', value: '长期' },
      { level1: '满意度指标', level2: '服务对象满意度', level3: '受助人员满意度', value: '≥90%' },
    ]);
    const perUnit = new Map<string, number>();
    for (const x of wb.targets) perUnit.set(x.implementer, (perUnit.get(x.implementer) ?? 0) + 1);
    expect(Object.fromEntries(perUnit)).toEqual({
      阳泉市救助管理站: 6, 阳泉市社会福利院: 19, 阳泉市城乡居民最低生活保障管理中心: 1, 阳泉市民政局: 17,
    });
  });

  test('target sheets with irregular layouts', () => {
    const work = target(wb, '各项工作经费'); // no 项目名称/主管部门 labels, 项目期 on its own line, no 年度 figures
    expect([work.department, work.implementer, work.attribute, work.period]).toEqual(['064-阳泉市民政局', '阳泉市民政局', '经常性项目（长期开展）', '99年']);
    expect(work.periodFunds).toEqual({ total: '345,000', central: '0', province: '0', cityCounty: '345,000', self: '0', other: '' });
    expect(work.annualFunds).toEqual({ total: '', central: '', province: '', cityCounty: '', self: '', other: '' });
    expect(work.overview).toMatch(/^做好民政各项业务工作/);
    const lift = target(wb, '阳泉市老年颐养中心维修改造及购置安全防护系统'); // wrapped funds labels
    expect(lift.periodFunds).toEqual({ total: '1,620,000', central: '0', province: '1,620,000', cityCounty: '0', self: '0', other: '' });
    expect(lift.annualFunds).toEqual(lift.periodFunds);
    const loan = target(wb, '养老公益苑建设项目偿还贷款本息');
    expect(loan.annualFunds.total).toBe('422,128.01');
    const wall = target(wb, '阳泉市社会福利院东北部挡墙边坡加固治理项目尾款'); // other funds template
    expect(wall.annualFunds.total).toBe('201943.3');
    expect(wall.attribute).toBe('201-一般公共服务');
    const funeral = target(wb, '购买殡葬服务'); // no 产出指标 label, 实施期目标 blank
    expect(funeral.periodGoal).toBe('');
    expect(funeral.annualGoal).toMatch(/^为全市人民提供遗体接送/);
    expect(funeral.periodIndicators!.find((x) => x.level3 === '骨灰寄存')?.value).toBe('3260席位');
    expect(funeral.annualIndicators.find((x) => x.level3 === '骨灰寄存')?.value).toBe('5260席位');
    const home = target(wb, '政府购买居家养老服务专项经费'); // a 年度-only grid row
    expect(home.annualIndicators).toHaveLength(home.periodIndicators!.length + 1);
    expect(home.annualIndicators.slice(0, 2).map((x) => x.level3)).toEqual(['服务次数', '居家照护人数']);
    const fee = target(wb, '殡仪馆缴纳非法占地和林业草原罚款');
    expect([fee.yearLine, fee.department]).toEqual(['2025年度', '']);
  });

  test('target amounts against 表十二 (projects printed on two 表十二 rows share one sheet)', () => {
    const rows = table(wb, 'T12').rows.filter((r) => r[0] === '2');
    const wan = (name: string) => sum(rows.filter((r) => r[1] === name).map((r) => r[2]));
    const pairs: [string, string][] = [
      ['访贫问寒专项经费', '400,000'], // 12.00 + 28.00
      ['殡葬惠民补助金', '1,666,000'], // 40.00 + 126.60
      ['救助人员生活费', '104000'], // 1.50 + 8.90
      ['困难群众救助补助资金（流浪乞讨）', '1970000'],
      ['中央集中彩票公益金支持社会福利事业资金', '1,010,000'],
      ['购买殡葬服务', '2,950,000'],
    ];
    for (const [name, annual] of pairs) {
      expect(target(wb, name).annualFunds.total).toBe(annual);
      expect(dec(annual).minus(wan(name).times(10000)).abs().lte(50)).toBe(true);
    }
    // sheets whose 年度资金总额 differs from 表十二
    expect(target(wb, '院内水电气经费').annualFunds.total).toBe('205000');
    expect(wan('院内水电气经费').toFixed(2)).toBe('20.00');
    expect(wan('养老公益苑建设项目偿还贷款本息').toFixed(2)).toBe('38.21');
  });

  test('narrative', () => {
    const n = wb.narrative!;
    expect(n).toHaveLength(32);
    expect(n.find((p) => p.startsWith('本部门2025年所属'))).toContain('比2024年预算40.72万元减少0.04万元，下降(增长)0.001%');
    expect(n.find((p) => p.startsWith('2025年阳泉市民政局纳入绩效目标管理的二级项目45个'))).toContain('2,545.59万元');
  });
});

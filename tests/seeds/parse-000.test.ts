import * as fs from 'fs';
import * as path from 'path';
import Decimal from 'decimal.js';
import { DEFAULT_SEEDS_DIR, OUTPUT_FILE, SEED_FILE, parseSeed000, toJson } from '../../scripts/fixtures/parse-000';
import type { SeedTable, SeedTableId, SeedTarget, SeedWorkbook } from '../../scripts/fixtures/seed-model';

/**
 * fixtures/seeds/000.json against seed 000 (高平市民政局 2024). Every expected figure below was read by hand
 * from ../shared/seeds/000_bdcf4930257aa9f7.txt (line numbers given).
 */

const wb: SeedWorkbook = JSON.parse(fs.readFileSync(OUTPUT_FILE, 'utf8'));
const seedLines = fs.readFileSync(path.join(DEFAULT_SEEDS_DIR, SEED_FILE), 'utf8').split('\n');

const d = (s: string) => new Decimal(s === '' ? 0 : s.replace(/,/g, ''));
const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(d(x)), new Decimal(0));
const table = (id: SeedTableId): SeedTable => {
  const t = wb.tables[id];
  if (!t) throw new Error(`${id} missing`);
  return t;
};
const row = (id: SeedTableId, pred: (r: string[]) => boolean) => {
  const hits = table(id).rows.filter(pred);
  expect(hits).toHaveLength(1);
  return hits[0];
};
const byName = (id: SeedTableId, col: number, name: string) => row(id, (r) => r[col] === name);
const byCode = (id: SeedTableId, code: string) => row(id, (r) => r[0] === code);
const target = (name: string): SeedTarget => {
  const hits = wb.targets.filter((t) => t.projectName === name);
  expect(hits).toHaveLength(1);
  return hits[0];
};
/** Seed lines from..to (1-based, inclusive). */
const seedText = (from: number, to: number) => seedLines.slice(from - 1, to).join('\n');
const amountsIn = (text: string) => (text.match(/\d+\.\d{2}/g) ?? []).sort();
const amountsOf = (t: SeedTable) => t.rows.flat().filter((c) => /^\d+\.\d{2}$/.test(c)).sort();

describe('seed 000: parser output', () => {
  it('fixtures/seeds/000.json is what the parser produces now', () => {
    expect(fs.readFileSync(OUTPUT_FILE, 'utf8')).toBe(toJson(parseSeed000()));
  });

  it('identifies the unit', () => {
    expect(wb.seed).toBe('000');
    expect(wb.department).toBe('高平市民政局');
    expect(wb.year).toBe(2024);
    expect(wb.multiUnit).toBe(false);
    expect(Object.keys(wb.tables).sort()).toEqual(['T1', 'T10', 'T11', 'T12', 'T13', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9']);
  });

  it('every printed table figure is kept, none invented (per table section of the seed)', () => {
    const sections: [SeedTableId, number, number][] = [
      ['T1', 48, 159], ['T2', 160, 275], ['T3', 276, 387], ['T4', 388, 551], ['T5', 552, 659], ['T6', 660, 727],
      ['T7', 728, 747], ['T8', 748, 768], ['T9', 769, 791], ['T10', 792, 822], ['T11', 823, 842], ['T12', 843, 1085],
      ['T13', 1086, 1172],
    ];
    for (const [id, from, to] of sections) expect([id, amountsOf(table(id))]).toEqual([id, amountsIn(seedText(from, to))]);
  });
});

describe('seed 000: 表一 预算收支总表 (lines 48-159)', () => {
  const t1 = () => table('T1');
  it('income lines', () => {
    expect(t1().title).toBe('2024年预算收支总表');
    expect(t1().rows.slice(0, 5).map((r) => [r[0], r[1]])).toEqual([
      ['一、一般公共预算', '9518.47'], ['二、政府性基金预算', '172.50'], ['三、国有资本经营预算', ''],
      ['四、财政专户管理资金', ''], ['五、单位资金', ''],
    ]);
  });
  it('keeps all 30 expenditure classes, wrapped names joined', () => {
    expect(t1().rows).toHaveLength(33);
    expect(t1().rows[6][2]).toBe('七、文化旅游体育与传媒支出'); // printed over lines 73-74
    expect(t1().rows[27][2]).toBe('二十八、债务付息支出'); // after the page footer at line 138
    expect(t1().rows[29][2]).toBe('三十、抗疫特别国债安排的支出');
  });
  it('class rows: 合计, 当年预算安排, 上年结转安排', () => {
    expect(byName('T1', 2, '八、社会保障和就业支出').slice(3)).toEqual(['8789.25', '7232.16', '1557.09']);
    expect(byName('T1', 2, '十、卫生健康支出').slice(3)).toEqual(['911.51', '911.51', '']);
    expect(byName('T1', 2, '十二、城乡社区支出').slice(3)).toEqual(['1354.30', '1354.30', '']);
    expect(byName('T1', 2, '二十、住房保障支出').slice(3)).toEqual(['20.50', '20.50', '']);
    expect(byName('T1', 2, '二十五、其他支出').slice(3)).toEqual(['202.02', '172.50', '29.52']);
    expect(byName('T1', 2, '一、一般公共服务支出').slice(3)).toEqual(['', '', '']);
  });
  it('totals', () => {
    expect(t1().rows.slice(30)).toEqual([
      ['本年收入合计', '9690.97', '本年支出合计', '11277.58', '9690.97', '1586.61'],
      ['上年结转', '1586.61', '年终结转', '', '', ''],
      ['收入总计', '11277.58', '支出总计', '11277.58', '9690.97', '1586.61'],
    ]);
  });
  it('balances', () => {
    const cls = t1().rows.slice(0, 30);
    for (const c of [3, 4, 5]) expect(sum(cls.map((r) => r[c])).toFixed(2)).toBe(t1().rows[30][c]);
    expect(sum(t1().rows.slice(0, 5).map((r) => r[1])).toFixed(2)).toBe('9690.97');
    for (const r of cls) expect(d(r[3]).eq(d(r[4]).plus(d(r[5])))).toBe(true);
  });
});

describe('seed 000: 表二 … 表八', () => {
  it('表二 预算收入总表 (lines 160-275)', () => {
    expect(table('T2').rows[0]).toEqual(['', '合计', '9690.97', '9518.47', '172.50', '', '', '', '1586.61']);
    expect(byCode('T2', '208')).toEqual(['208', '社会保障和就业支出', '7232.16', '7232.16', '', '', '', '', '1557.09']);
    expect(byCode('T2', '2082002')).toEqual(['2082002', '流浪乞讨人员救助支出', '19.00', '19.00', '', '', '', '', '9.70']);
    expect(byCode('T2', '229')).toEqual(['229', '其他支出', '172.50', '', '172.50', '', '', '', '29.52']);
    expect(table('T2').rows).toHaveLength(49);
  });
  it('表三 预算支出总表 (lines 276-387)', () => {
    expect(table('T3').rows[0]).toEqual(['', '合计', '11277.58', '262.01', '11015.57']);
    expect(byCode('T3', '2080505')).toEqual(['2080505', '机关事业单位基本养老保险缴费支出', '24.56', '24.56', '']); // name wrapped at 305-306
    expect(byCode('T3', '20811')).toEqual(['20811', '残疾人事业', '1132.79', '', '1132.79']);
    expect(byCode('T3', '229')).toEqual(['229', '其他支出', '202.02', '', '202.02']);
  });
  it('表四 财政拨款收支总表 (lines 388-551)', () => {
    const t4 = table('T4');
    expect(t4.rows).toHaveLength(36);
    expect(t4.rows[1].slice(0, 3)).toEqual(['二、政府性基金预算', '172.50', '二、外交支出']);
    expect(byName('T4', 2, '八、社会保障和就业支出').slice(3)).toEqual(['8789.25', '8789.25', '', '']);
    expect(byName('T4', 2, '二十五、其他支出').slice(3)).toEqual(['202.02', '', '202.02', '']);
    expect(byName('T4', 2, '本年支出合计')).toEqual(['本年收入合计', '9690.97', '本年支出合计', '11277.58', '11075.56', '202.02', '']);
    expect(t4.rows.slice(31)).toEqual([
      ['上年财政拨款结转', '1586.61', '年终结转', '', '', '', ''],
      ['一、一般公共预算', '1557.09', '', '', '', '', ''],
      ['二、政府性基金预算', '29.52', '', '', '', '', ''],
      ['三、国有资本经营预算', '', '', '', '', '', ''],
      ['收入总计', '11277.58', '支出总计', '11277.58', '11075.56', '202.02', ''],
    ]);
  });
  it('表五 一般公共预算支出 (lines 552-659): 合计 9518.47 = 262.01 + 9256.45 short by 0.01 (舍位)', () => {
    const total = table('T5').rows[0];
    expect(total).toEqual(['', '合计', '9518.47', '262.01', '9256.45']);
    expect(d(total[2]).minus(d(total[3]).plus(d(total[4]))).toFixed(2)).toBe('0.01');
    expect(byCode('T5', '208')).toEqual(['208', '社会保障和就业支出', '7232.16', '230.00', '7002.16']);
    expect(byCode('T5', '229')).toEqual(['229', '其他支出', '', '', '']);
  });
  it('表六 基本支出分经济科目 (lines 660-727)', () => {
    const t6 = table('T6');
    expect(t6.rows[0]).toEqual(['合计', '', '262.01', '230.35', '31.67']);
    expect(byName('T6', 0, '工资福利支出')).toEqual(['工资福利支出', '', '230.35', '230.35', '']);
    expect(byName('T6', 0, '基本工资')).toEqual(['基本工资', '工资奖金津补贴', '78.10', '78.10', '']);
    expect(byName('T6', 0, '商品和服务支出')).toEqual(['商品和服务支出', '', '31.67', '', '31.67']);
    expect(byName('T6', 0, '公务接待费')).toEqual(['公务接待费', '公务接待费', '0.50', '', '0.50']);
    expect(byName('T6', 0, '奖励金')).toEqual(['奖励金', '社会福利和救助', '0.00', '0.00', '']);
    expect(t6.rows).toHaveLength(26);
  });
  it('表七 / 表八 政府性基金 (lines 728-768)', () => {
    expect(table('T7').rows).toEqual([
      ['', '合计', '172.50'], ['103', '非税收入', '172.50'], ['10301', '政府性基金收入', '172.50'], ['1030155', '彩票公益金收入', '172.50'],
    ]);
    expect(table('T8').rows[0]).toEqual(['', '合计', '172.50', '', '172.50']);
    expect(byCode('T8', '2296002')).toEqual(['2296002', '用于社会福利的彩票公益金支出', '172.50', '', '172.50']);
  });
});

describe('seed 000: 表九 … 表十三', () => {
  it('表九 and 表十一 are empty ("本表无数据")', () => {
    expect(table('T9').noData).toBe(true);
    expect(table('T9').rows).toEqual([['', '合计', '', '', '', '', '', '']]);
    expect(table('T11').noData).toBe(true);
    expect(table('T11').rows).toEqual([['部门合计', '', '', '', '']]);
  });
  it('表十 三公 (lines 792-822)', () => {
    expect(table('T10').rows).toEqual([
      ['因公出国（境）费', '', '', '', ''],
      ['公务接待费', '0.50', '0.50', '', ''],
      ['公务用车购置及运行费', '1.48', '1.48', '', ''],
      ['①公务用车购置费', '', '', '', ''],
      ['②公务用车运行维护费', '1.48', '1.48', '', ''],
      ['合计', '1.98', '1.98', '', ''],
    ]);
  });
  it('表十二 本年项目 (lines 843-1085): unit row level 0, 59 projects level 2', () => {
    const t12 = table('T12');
    expect(t12.rows[0]).toEqual(['0', '高平市民政局', '9428.95', '9256.45', '172.50', '', '', '']);
    const projects = t12.rows.filter((r) => r[0] === '2');
    expect(projects).toHaveLength(59);
    expect(t12.rows).toHaveLength(60);
    expect(byName('T12', 1, '（晋财社[2023]293号）提前下达2024年中央财政困难群众救助补助资金—-农村最低生活保障金').slice(2))
      .toEqual(['1907.00', '1907.00', '', '', '', '']);
    expect(byName('T12', 1, '2024年省级福利彩票公益金资助项目').slice(2)).toEqual(['72.00', '', '72.00', '', '', '']);
    expect(byName('T12', 1, '代管人员工资补助').slice(2)).toEqual(['0.03', '0.03', '', '', '', '']);
    // 59 projects add up to 9428.96 against the printed 9428.95 (舍位)
    expect(sum(projects.map((r) => r[2])).toFixed(2)).toBe('9428.96');
    expect(sum(projects.map((r) => r[4])).toFixed(2)).toBe('172.50');
  });
  it('表十三 上年结转项目 (lines 1086-1172): printed unit row twice, 13 projects', () => {
    const t13 = table('T13');
    expect(t13.rows.slice(0, 2)).toEqual([
      ['0', '高平市民政局', '1586.61', '1557.09', '29.52', ''],
      ['1', '高平市民政局', '1586.61', '1557.09', '29.52', ''],
    ]);
    const projects = t13.rows.filter((r) => r[0] === '2');
    expect(projects).toHaveLength(13);
    expect(byName('T13', 1, '(晋市财社【2023】65号)2023年晋城市财政困难群众救助补助资金(城乡低保资金)').slice(2))
      .toEqual(['1010.59', '1010.59', '', '']);
    // the projects add up to 1586.63, 0.02 above the printed 1586.61
    expect(sum(projects.map((r) => r[2])).toFixed(2)).toBe('1586.63');
  });
  it('cross-table figures the narrative relies on', () => {
    expect(d(table('T3').rows[0][4]).minus(d(table('T12').rows[0][2])).minus(d(table('T13').rows[0][2])).toFixed(2)).toBe('0.01');
    expect(table('T5').rows[0][4]).toBe(table('T12').rows[0][3]);
    expect(table('T8').rows[0][4]).toBe(table('T12').rows[0][4]);
  });
});

describe('seed 000: performance target sheets (lines 1288-6803)', () => {
  it('59 sheets with title and year line', () => {
    expect(wb.targets).toHaveLength(59);
    for (const t of wb.targets) {
      expect(t.title).toBe('高平市县(区)级预算部门（单位）项目支出绩效目标表');
      expect(t.yearLine).toBe('（2024年度）');
      expect(t.department).toBe('101-高平市民政局');
      expect(t.implementer).toBe('高平市民政局');
      for (const k of ['overview', 'basis', 'necessity', 'measures', 'plan', 'periodGoal', 'annualGoal'] as const) expect(t[k]).not.toBe('');
    }
  });
  it('sample sheets: name, attribute, funds', () => {
    const first = wb.targets[0];
    expect(first.projectName).toBe('(晋财社[2023]293号)提前下达2024年省级财政困难群众救助补助资金 —-临时救助支出'); // line 1292, space as printed
    expect(first.attribute).toBe('经常性项目（长期开展）');
    expect(first.period).toBe('99年');
    expect(first.periodFunds).toEqual({ total: '206,300', central: '0', province: '206,300', cityCounty: '0', self: '0', other: '' });
    expect(first.annualFunds).toEqual({ total: '206,300', central: '0', province: '206,300', cityCounty: '0', self: '0', other: '' });

    const lottery = target('（晋市财社[2023]191号）提前下达2024年中央集中彩票公益金支持社会福利事业专项资金预算');
    expect(lottery.attribute).toBe('一次性项目（1年结束）');
    expect(lottery.period).toBe('1年');
    expect(lottery.annualFunds.total).toBe('1,005,000');
    expect(lottery.annualFunds.cityCounty).toBe('1,005,000'); // line 2040: 中央 funds entered as 市县

    expect(target('高平市殡仪馆项目资金').annualFunds.total).toBe('5,306,618.4');
    expect(target('代管人员工资补助').annualFunds.total).toBe('300');
    expect(target('专职社区工作者管理经费').annualFunds.total).toBe('1,827,400');
    expect(wb.targets[58].projectName).toBe('专职社区工作者管理经费');
  });
  it('残疾人两补本级资金: 实施期 5,800,000 but 年度 1,400,000 (line 3215)', () => {
    const t = target('残疾人两补本级资金');
    expect(t.periodFunds!.total).toBe('5,800,000');
    expect(t.annualFunds.total).toBe('1,400,000');
    expect(t.annualFunds.cityCounty).toBe('1,400,000');
  });
  it('年度资金总额 of all sheets add up to 9,428.95万元 (narrative 十) and match 表十二 within 50 元', () => {
    const total = sum(wb.targets.map((t) => t.annualFunds.total));
    expect(total.toString()).toBe('94289545.4');
    const norm = (s: string) => s.replace(/\s/g, '');
    const t12 = table('T12').rows.filter((r) => r[0] === '2');
    for (const t of wb.targets) {
      const p = t12.filter((r) => norm(r[1]) === norm(t.projectName));
      expect([t.projectName, p.length]).toEqual([t.projectName, 1]);
      expect(d(t.annualFunds.total).minus(d(p[0][2]).times(10000)).abs().lte(50)).toBe(true);
    }
  });
  it('funds breakdowns add up', () => {
    for (const t of wb.targets)
      for (const f of [t.periodFunds!, t.annualFunds])
        expect([t.projectName, sum([f.central, f.province, f.cityCounty, f.self, f.other]).toString()]).toEqual([t.projectName, d(f.total).toString()]);
  });
  it('goals: one-line and wrapped forms', () => {
    const t = wb.targets[0];
    expect(t.periodGoal).toBe('2024年发放到救助对象手中。');
    expect(t.annualGoal).toBe('2024年发放到救助对象手中。');
    const old = target('（晋财社[2023]307号）提前下达2024年省级经济困难失能老年人护理补贴资金'); // lines 1686-1689
    expect(old.periodGoal).toBe('2024年每月发放失能老年人的护理补贴。');
    expect(old.annualGoal).toBe('对我市的经济困难失能和高龄老年人进行补贴 。提高老年人的生活水平。');
    const low = wb.targets[3]; // lines 1599-1605
    expect(low.periodGoal).toBe('2024年每月发放低保金，保障公民的基本生活，促进社会公开，维护困难群众的合法权益');
    expect(low.annualGoal).toBe(low.periodGoal);
  });
  it('indicator grids: categories, carried levels, values split off', () => {
    for (const t of wb.targets)
      for (const inds of [t.periodIndicators!, t.annualIndicators]) {
        expect(inds[0]).toMatchObject({ level1: '产出指标', level2: '数量指标' });
        expect(inds.map((x) => x.level1)).toContain('效益指标');
        expect(inds[inds.length - 1]).toMatchObject({ level1: '满意度指标', level2: '服务对象满意度指标' });
      }
    expect(wb.targets[0].annualIndicators).toEqual([
      { level1: '产出指标', level2: '数量指标', level3: '临时救助人数', value: '≥3000人' },
      { level1: '产出指标', level2: '质量指标', level3: '应救尽救率', value: '≥100%' },
      { level1: '产出指标', level2: '时效指标', level3: '临时救助及时性', value: '及时' },
      { level1: '产出指标', level2: '成本指标', level3: '救助标准', value: '≥1000元' },
      { level1: '效益指标', level2: '经济效益指标', level3: '', value: '' },
      { level1: '效益指标', level2: '社会效益指标', level3: '保障困难群众的生活水平', value: '保障' },
      { level1: '效益指标', level2: '生态效益指标', level3: '', value: '' },
      { level1: '效益指标', level2: '可持续影响指标', level3: '', value: '' },
      { level1: '满意度指标', level2: '服务对象满意度指标', level3: '救助困难群众的满意度', value: '≥98%' },
    ]);
    // a level-2 cell spanning two indicator rows (lines 2096-2102)
    const lottery = target('（晋市财社[2023]191号）提前下达2024年中央集中彩票公益金支持社会福利事业专项资金预算');
    expect(lottery.periodIndicators!.slice(0, 2)).toEqual([
      { level1: '产出指标', level2: '数量指标', level3: '养老机构', value: '≥13家' },
      { level1: '产出指标', level2: '数量指标', level3: '孤儿助学补助对象', value: '≥8个' },
    ]);
    // wrapped cells (lines 5239-5247)
    expect(target('流浪乞讨人员救助（未成年人救助保护支出）').annualIndicators[3]).toEqual({
      level1: '产出指标', level2: '成本指标', level3: '流浪乞讨救助（未成年人救助保护）本级资金总额', value: '10万元',
    });
    // 三级 and 指标值 printed without a space (line 1704)
    expect(wb.targets[4].periodIndicators![1]).toEqual({ level1: '产出指标', level2: '质量指标', level3: '符合发放补贴条件的老年人', value: '≥100%' });
  });
  it('the seed itself lacks the 实施期 成本指标 of the 特困人员救助供养 sheet (line 1450)', () => {
    const t = wb.targets[1];
    expect(t.projectName).toBe('(晋财社[2023]293号)提前下达2024年省级财政困难群众救助补助资金—特困人员救助供养支出');
    expect(t.periodIndicators![3]).toEqual({ level1: '产出指标', level2: '成本指标', level3: '', value: '' });
    expect(t.annualIndicators[3]).toEqual({ level1: '产出指标', level2: '成本指标', level3: '特困供养发放标准', value: '≥8736元/月' });
    expect(seedLines[1450 - 1].trim()).toBe('成本指标 成本指标 特困供养发放标准 ≥8736元/月');
  });
});

describe('seed 000: narrative (第三部分)', () => {
  const n = () => wb.narrative ?? [];
  it('headings and paragraphs', () => {
    expect(n()[0]).toBe('第三部分 2024年度单位预算情况说明');
    expect(n()).toContain('一、单位预算收支数据变动情况及原因');
    expect(n()).toContain('十、绩效管理情况');
    expect(n()).toContain('十二、其他说明');
    expect(n()).toContain('本单位机关运行经费财政拨款预算0万元，比2023年预算减少（增加）0万元。');
    expect(n()).toContain(
      '2024年度高平市民政局支出预算11277.58万元，其中：基本支出262.01万元，占2.32%；项目支出11015.57万元，占97.68%。',
    );
    const perf = n().find((p) => p.startsWith('2024年高平市民政局纳入绩效目标管理的二级项目59个'));
    expect(perf).toContain('占部门（单位）项目支出总额的85.6%。');
    expect(n()[n().length - 1]).toBe('没有其他');
  });
});

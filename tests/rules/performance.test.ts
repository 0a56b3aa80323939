/**
 * Performance-target rules (P.*) on the real seed workbooks in every layout, and on mutants of them: each
 * mutation must be reported with the right rule id, stated cell and expected / actual values.
 */
import * as path from 'path';
import { a1 } from '../../src/model/address';
import { cloneSnapshot } from '../../src/fixes/autofill';
import { setCell, type WorkbookSnapshot } from '../../src/model/snapshot';
import type { Finding } from '../../src/model/finding';
import { performanceRules } from '../../src/rules/performance';
import { nameRelation, yuan } from '../../src/rules/performance/common';
import { costCeiling } from '../../src/rules/performance/indicators';
import { runRuleList } from '../../src/rules/rule';
import { Decimal } from '../../src/model/money';
import { recognise } from '../../src/tables/recognise';
import type { Recognised } from '../../src/tables/recognised';
import type { Label, TargetSheet } from '../../src/tables/types';
import { readWorkbookFile } from '../../src/xlsx/read';

const WORKBOOKS = path.resolve(__dirname, '../../fixtures/workbooks');
const LAYOUTS = ['standard', 'variant', 'merged-wide'] as const;

const books = new Map<string, Promise<WorkbookSnapshot>>();
function book(seed: string, layout: string): Promise<WorkbookSnapshot> {
  const file = path.join(WORKBOOKS, `${seed}-${layout}.xlsx`);
  if (!books.has(file)) books.set(file, readWorkbookFile(file));
  return books.get(file)!;
}

function check(wb: WorkbookSnapshot): { rec: Recognised; findings: Finding[] } {
  const rec = recognise(wb);
  return { rec, findings: runRuleList(performanceRules, rec) };
}

/** "rule severity" counts, for a compact picture of a seed's findings. */
function tally(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[`${f.rule} ${f.severity}`] = (out[`${f.rule} ${f.severity}`] ?? 0) + 1;
  return out;
}

function target(rec: Recognised, name: string): TargetSheet {
  const t = rec.targets.find((x) => x.projectName?.text.trim() === name);
  if (!t) throw new Error(`no target sheet ${name}`);
  return t;
}

function t12Row(rec: Recognised, name: string) {
  const r = rec.tables.T12!.rows.find((x) => x.kind === 'project' && x.name.trim() === name);
  if (!r) throw new Error(`no 表十二 project ${name}`);
  return r;
}

function with_(findings: Finding[], rule: string, text: string): Finding[] {
  return findings.filter((f) => f.rule === rule && f.message.includes(text));
}

function setValue(wb: WorkbookSnapshot, at: { sheet: string; row: number; col: number }, value: string | number | null): void {
  setCell(wb.sheets.find((s) => s.name === at.sheet)!, at.row, at.col, { value });
}

/** Findings of the mutant that the unmutated workbook did not have. */
function fresh(before: Finding[], after: Finding[]): Finding[] {
  const key = (f: Finding) => `${f.rule}|${f.sheet}|${f.cells.join(',')}|${f.message}`;
  const old = new Set(before.map(key));
  return after.filter((f) => !old.has(key(f)));
}

function relatedCells(f: Finding): string[] {
  return (f.related ?? []).flatMap((r) => r.cells.map((c) => `${r.sheet}!${c}`));
}

// -------------------------------------------------------------------------------------------------------------
// Helpers

describe('helpers', () => {
  test('amounts in 元 read with thousands separators', () => {
    expect(yuan(new Decimal(18500))).toBe('18,500');
    expect(yuan(new Decimal('422128.01'))).toBe('422,128.01');
    expect(yuan(new Decimal('264288.5'))).toBe('264,288.50');
    expect(yuan(new Decimal(300))).toBe('300');
  });

  test('a 成本指标 value is a ceiling when stated in 元/万元 with ≤, =, or bare; floors and unit prices are not', () => {
    expect(costCeiling('≤1.85万元')?.amount.toFixed()).toBe('18500');
    expect(costCeiling('580万元')?.amount.toFixed()).toBe('5800000');
    expect(costCeiling('=300,000元')?.amount.toFixed()).toBe('300000');
    expect(costCeiling('不超过25万元')?.amount.toFixed()).toBe('250000');
    expect(costCeiling('26.43万元')?.slack.toFixed()).toBe('50');
    expect(costCeiling('≥500元/份')).toBeUndefined();
    expect(costCeiling('≤370元/人/天')).toBeUndefined();
    expect(costCeiling('80元/次/人')).toBeUndefined();
    expect(costCeiling('不高于政府采购电子卖场价格')).toBeUndefined();
    expect(costCeiling('≤5元/度')).toBeUndefined();
  });

  test('project names: slight variants are near, a long shared run with the same amount is related', () => {
    expect(nameRelation('阳泉市社会福利院孤残儿童活动中心消防隐患改造工程', '阳泉市社会福利院孤儿儿童活动中心消防隐患改造工程')).toBe('near');
    expect(nameRelation('遗属补助', '遗属补贴')).toBe('near');
    expect(nameRelation('阳泉市殡仪馆迁建', '阳泉市殡仪馆迁建项目缴纳耕地占用税')).toBe('related');
    expect(nameRelation('婚姻登记', '低保工作经费')).toBe('none');
  });
});

// -------------------------------------------------------------------------------------------------------------
// The seeds as they are: every P finding, reviewed (see the report in the commit message / closing note)

describe.each(LAYOUTS)('seed workbooks, %s layout', (layout) => {
  test('000 高平市民政局: one blank 实施期 成本指标, two 成本指标 above the 年度 funds, every sheet matches 表十二', async () => {
    const { findings } = check(await book('000', layout));
    expect(tally(findings)).toEqual({ 'P.indicators error': 1, 'P.cost_vs_fund warning': 2 });
    const [blank] = with_(findings, 'P.indicators', '特困人员救助供养支出');
    expect(blank.message).toContain('实施期绩效指标“产出指标—成本指标”未填写三级指标或指标值');
    const [disabled] = with_(findings, 'P.cost_vs_fund', '残疾人两补本级资金”');
    // A bare "580万元" reads as "= 580万元": above the year's 1,400,000 元, not above the 实施期 5,800,000 元.
    expect(disabled.message).toContain('年度绩效指标“成本指标—残疾人两补本级资金总额”为“580万元”（5,800,000 元），超过年度资金总额 1,400,000 元');
    expect([disabled.expected, disabled.actual]).toEqual(['≤ 1400000', '5800000']);
    const [cemetery] = with_(findings, 'P.cost_vs_fund', '公益性公墓建设前期费用');
    expect(cemetery.message).toContain('“65万元”（650,000 元），超过');
    expect(cemetery.message).toContain('年度资金总额 352,460 元');
  });

  test('001 长治市民政局: 办公设备购置, 党员教育培训 sources, the missing sheet and the renamed one', async () => {
    const { rec, findings } = check(await book('001', layout));
    expect(tally(findings)).toEqual({
      'P.funds_order error': 1,
      'P.funds_source warning': 2,
      'P.coverage error': 2,
      'P.indicators error': 5,
      'P.cost_vs_fund warning': 3,
    });
    const office = target(rec, '办公设备购置');

    const [order] = findings.filter((f) => f.rule === 'P.funds_order');
    expect(order.message).toBe('绩效目标表“办公设备购置”：一次性项目实施期资金总额 18,500 元 ≠ 年度资金总额 14,000 元');
    expect(order.severity).toBe('error');
    expect(order.sheet).toBe(office.sheet);
    expect(order.cells.slice(0, 2)).toEqual([office.periodFunds.total!.cell, office.annualFunds.total!.cell]);
    expect([order.expected, order.actual]).toEqual(['14000', '18500']);

    const [cost] = with_(findings, 'P.cost_vs_fund', '办公设备购置');
    expect(cost.severity).toBe('warning');
    expect(cost.message).toContain('“≤1.85万元”（18,500 元），超过年度资金总额 14,000 元');
    expect(cost.cells).toContain(office.annualFunds.total!.cell);

    const party = target(rec, '2024年党员教育培训专项经费（省财政下拨部分）');
    const [source] = with_(findings, 'P.funds_source', '党员教育培训');
    expect(source.severity).toBe('warning');
    expect(source.message).toContain('实施期资金来源为 省级 4,212 元，年度资金来源为 市县（区） 4,212 元');
    expect(source.cells[0]).toBe(party.annualFunds.cityCounty!.cell);
    expect(source.cells).toContain(party.periodFunds.province!.cell);
    // The same pattern on the 护理员技能培训 sheet (省级 190,000 vs 市县 190,000): genuine as well.
    expect(with_(findings, 'P.funds_source', '护理员技能培训')).toHaveLength(1);

    // 表十二 has 12 projects, the seed 11 sheets: 养老服务与未成年人保护工作经费 has none.
    const missingRow = t12Row(rec, '养老服务与未成年人保护工作经费');
    const [missing] = with_(findings, 'P.coverage', '没有绩效目标表');
    expect(missing.message).toBe('表十二 项目“养老服务与未成年人保护工作经费”（5.00 万元）没有绩效目标表');
    expect([missing.sheet, missing.cells[0]]).toEqual([rec.tables.T12!.sheet, missingRow.label.cell]);

    // "长治市民政局系统" on the sheet vs "长治民政系统" in 表十二: one finding, at both cells.
    const carer = target(rec, '长财社【2023】219号长治市民政局系统护理员技能培训及大赛');
    const [renamed] = with_(findings, 'P.coverage', '名称不一致');
    expect(renamed.sheet).toBe(carer.sheet);
    expect(renamed.cells[0]).toBe(carer.projectName!.cell);
    expect(relatedCells(renamed)).toContain(`${rec.tables.T12!.sheet}!${t12Row(rec, '长财社【2023】219号长治民政系统护理员技能培训及大赛').label.cell}`);
    expect([renamed.expected, renamed.actual]).toEqual(['长财社【2023】219号长治民政系统护理员技能培训及大赛', carer.projectName!.text]);
    // 党员教育培训: 4,212 元 vs 表十二 0.42 万元 is within 50 元 of rounding.
    expect(findings.filter((f) => f.rule === 'P.match_T12')).toEqual([]);
  });

  test('002 阳泉市民政局: duplicates one-to-one by amount, rows listed twice, one-off projects, missing sheets', async () => {
    const { rec, findings } = check(await book('002', layout));
    expect(tally(findings)).toEqual({
      'P.funds_order error': 6,
      'P.match_T12 error': 3,
      'P.coverage error': 9,
      'P.indicators error': 22,
      // 政府购买居家养老服务专项经费 prints 效益指标 on its 成本指标 row (both grids): a category under another 一级.
      'P.indicator_level warning': 2,
      'P.text error': 2,
      'P.cost_vs_fund warning': 3,
    });
    const about = (name: string) => findings.filter((f) => f.message.includes(`“${name}”`) && /P\.(coverage|match_T12)/.test(f.rule));
    // 访贫问寒专项经费 (12 + 28 万元, one unit) has one sheet of 400,000 元; 遗属补助 under two units has two sheets.
    expect(about('访贫问寒专项经费')).toEqual([]);
    expect(about('救助人员生活费')).toEqual([]);
    expect(findings.filter((f) => f.message.includes('19,240'))).toEqual([]);
    // The other 遗属补助 sheet (10,000 元) covers 表十二 遗属补助 0.89 + 遗属补贴 0.11 万元: one finding.
    const [merged] = with_(findings, 'P.coverage', '对应表十二 2 个项目');
    expect(merged.message).toContain('“遗属补助” 0.89 万元 + “遗属补贴” 0.11 万元');
    expect(relatedCells(merged)).toContain(`${rec.tables.T12!.sheet}!${t12Row(rec, '遗属补贴').label.cell}`);
    // Renamed: 孤残/孤儿, and 阳泉市殡仪馆迁建 (same amount, 1,810,600 元).
    expect(with_(findings, 'P.coverage', '名称不一致').map((f) => f.actual).sort()).toEqual(['阳泉市殡仪馆迁建', '阳泉市社会福利院孤残儿童活动中心消防隐患改造工程']);
    expect(with_(findings, 'P.coverage', '没有绩效目标表').map((f) => f.message.replace(/”.*$/, '').replace(/^.*“/, '')).sort()).toEqual([
      '办案经费清明及十月一超量服务费和弥补基本经费不足',
      '地名标志牌管理工作经费',
      '幸福家园聘用家庭工资提标经费',
      '幸福家庭聘用家庭提标经费',
      '社会组织管理培训工作会议费',
      '聘用人员工资及社保缴费',
    ]);
    expect(findings.filter((f) => f.rule === 'P.match_T12').map((f) => f.message.replace(/：.*$/, ''))).toEqual([
      '绩效目标表“院内水电气经费”',
      '绩效目标表“养老公益苑建设项目偿还贷款本息”',
      '绩效目标表“各项工作经费”',
    ]);
    const water = findings.find((f) => f.rule === 'P.match_T12' && f.message.includes('院内水电气经费'))!;
    expect(water.message).toContain('年度资金总额 205,000 元 ≠ 表十二“院内水电气经费” 合计 20.00 万元（4.00 + 16.00）（200,000 元），相差 5,000 元');
    expect([water.expected, water.actual]).toEqual(['200000', '205000']);
    expect(water.cells[0]).toBe(target(rec, '院内水电气经费').annualFunds.total!.cell);
  });

  test('003 城区: 生态环境巡查服务 listed without a sheet, 职中免学费 lacks 效益/满意度, no breakdown to sum', async () => {
    const { rec, findings } = check(await book('003', layout));
    expect(tally(findings)).toEqual({ 'P.indicators error': 2, 'P.summary error': 1, 'P.summary warning': 6 });
    const [missing] = findings.filter((f) => f.rule === 'P.summary' && f.severity === 'error');
    const listed = rec.summary!.rows.find((r) => r.project.text === '生态环境巡查服务')!;
    expect(missing.message).toBe('民生领域重大事项清单第 30 项“生态环境巡查服务”（2,487,500 元）没有绩效目标表');
    expect([missing.sheet, missing.cells[0]]).toEqual([rec.summary!.sheet, listed.project.cell]);
    expect(findings.filter((f) => f.rule === 'P.indicators').map((f) => f.message)).toEqual([
      '绩效目标表“职中免学费”：绩效指标缺少一级指标“效益指标”',
      '绩效目标表“职中免学费”：绩效指标缺少一级指标“满意度指标”',
    ]);
    expect(findings.filter((f) => f.rule === 'P.funds_sum' || f.rule === 'P.coverage')).toEqual([]);
  });
});

test('the same findings in every layout (messages do not depend on where the forms stand)', async () => {
  for (const seed of ['000', '001', '002', '003']) {
    const lists = await Promise.all(LAYOUTS.map(async (l) => check(await book(seed, l)).findings.map((f) => `${f.rule} ${f.severity} ${f.message}`).sort()));
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[2]).toEqual(lists[0]);
  }
});

// -------------------------------------------------------------------------------------------------------------
// Mutants

/** Removes a target: its sheet when it has one of its own, else the rows of its form. */
function removeTarget(wb: WorkbookSnapshot, rec: Recognised, t: TargetSheet): void {
  const onSheet = rec.targets.filter((x) => x.sheet === t.sheet).sort((a, b) => a.row - b.row);
  if (onSheet.length === 1) {
    wb.sheets = wb.sheets.filter((s) => s.name !== t.sheet);
    return;
  }
  const sheet = wb.sheets.find((s) => s.name === t.sheet)!;
  const next = onSheet.find((x) => x.row > t.row)?.row ?? sheet.rowCount + 1;
  for (let r = t.row; r < next; r++) sheet.rows[r - 1] = [];
  sheet.merges = sheet.merges.filter((m) => m.bottom < t.row || m.top >= next);
}

function blank(wb: WorkbookSnapshot, l: Label | undefined): void {
  if (l) setValue(wb, l, null);
}

describe.each(LAYOUTS)('mutants of seed 001, %s layout', (layout) => {
  let base: WorkbookSnapshot;
  let rec: Recognised;
  let before: Finding[];
  beforeAll(async () => {
    base = await book('001', layout);
    ({ rec, findings: before } = check(base));
  });
  const mutate = (f: (wb: WorkbookSnapshot) => void) => {
    const wb = cloneSnapshot(base);
    f(wb);
    return fresh(before, check(wb).findings);
  };

  test('a changed 年度资金总额 → P.match_T12 at that cell, against the 表十二 cell', () => {
    const t = target(rec, '机关会议培训费');
    const total = t.annualFunds.total!;
    const found = mutate((wb) => setValue(wb, total, 90000));
    const [m] = found.filter((f) => f.rule === 'P.match_T12');
    expect(m.severity).toBe('error');
    expect([m.sheet, m.cells[0]]).toEqual([total.sheet, total.cell]);
    expect([m.expected, m.actual]).toEqual(['80000', '90000']);
    expect(m.message).toBe('绩效目标表“机关会议培训费”：年度资金总额 90,000 元 ≠ 表十二“机关会议培训费” 合计 8.00 万元（80,000 元），相差 10,000 元');
    expect(relatedCells(m)).toContain(`${rec.tables.T12!.sheet}!${t12Row(rec, '机关会议培训费').values.total!.cell}`);
    // The total no longer equals its sources, nor (一次性项目) the 实施期 total.
    expect(found.find((f) => f.rule === 'P.funds_sum')).toMatchObject({ cells: [total.cell, t.annualFunds.cityCounty!.cell], expected: '80000', actual: '90000' });
    expect(found.find((f) => f.rule === 'P.funds_order')).toMatchObject({ expected: '90000', actual: '80000' });
  });

  test('a slightly renamed project → one P.coverage "名称不一致" at the sheet and the 表十二 cell', () => {
    const t = target(rec, '社会组织管理与党建工作经费');
    const found = mutate((wb) => setValue(wb, t.projectName!, '社会组织管理及党建工作经费'));
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f.rule).toBe('P.coverage');
    expect([f.sheet, f.cells[0]]).toEqual([t.sheet, t.projectName!.cell]);
    expect(f.message).toContain('名称不一致');
    expect(relatedCells(f)).toContain(`${rec.tables.T12!.sheet}!${t12Row(rec, '社会组织管理与党建工作经费').label.cell}`);
    expect([f.expected, f.actual]).toEqual(['社会组织管理与党建工作经费', '社会组织管理及党建工作经费']);
  });

  test('a renamed project whose amount also changed → 名称不一致 plus the amount difference, no missing sheet', () => {
    const t = target(rec, '遗属补助');
    const found = mutate((wb) => {
      setValue(wb, t.projectName!, '遗属生活补助');
      setValue(wb, t.annualFunds.total!, 25000);
      setValue(wb, t.annualFunds.cityCounty!, 25000);
    });
    expect(found.map((f) => f.rule).sort()).toEqual(['P.coverage', 'P.funds_order', 'P.match_T12']);
    expect(found.find((f) => f.rule === 'P.coverage')!.message).toContain('名称不一致');
  });

  test('a deleted target sheet → P.coverage at the 表十二 project', () => {
    const t = target(rec, '困难群众救助工作经费(原城市、农村低保经费)');
    const found = mutate((wb) => removeTarget(wb, rec, t));
    expect(found).toHaveLength(1);
    const row = t12Row(rec, '困难群众救助工作经费(原城市、农村低保经费)');
    expect(found[0]).toMatchObject({ rule: 'P.coverage', severity: 'error', sheet: rec.tables.T12!.sheet, expected: '项目支出绩效目标表', actual: '（无）' });
    expect(found[0].cells[0]).toBe(row.label.cell);
  });

  test('a project split over two sheets → one P.coverage naming both sheets and the 表十二 project', () => {
    const t = target(rec, '机关工作业务费'); // 250,000 元 = 表十二 25.00 万元
    const other = target(rec, '遗属补助'); // becomes "机关工作业务费（二期）" of 50,000 元
    const found = mutate((wb) => {
      for (const f of [t.annualFunds.total!, t.annualFunds.cityCounty!, t.periodFunds.total!, t.periodFunds.cityCounty!]) setValue(wb, f, 200000);
      setValue(wb, other.projectName!, '机关工作业务费（二期）');
      for (const f of [other.annualFunds.total!, other.annualFunds.cityCounty!, other.periodFunds.total!, other.periodFunds.cityCounty!]) setValue(wb, f, 50000);
    });
    const coverage = found.filter((f) => f.rule === 'P.coverage');
    expect(coverage).toHaveLength(2);
    const split = coverage.find((f) => f.message.includes('拆成了 2 张绩效目标表'))!;
    expect(split.message).toContain('“机关工作业务费” 200,000 元 + “机关工作业务费（二期）” 50,000 元 = 250,000 元');
    expect(split.cells[0]).toBe(t.projectName!.cell);
    expect(relatedCells(split)).toContain(`${rec.tables.T12!.sheet}!${t12Row(rec, '机关工作业务费').label.cell}`);
    // 遗属补助 lost its sheet.
    expect(coverage.find((f) => f.message.includes('“遗属补助”'))!.message).toContain('没有绩效目标表');
    expect(found.filter((f) => f.rule === 'P.match_T12')).toEqual([]);
  });

  test('a sheet for a project of 表十三 only is matched against 表十三', () => {
    const t = target(rec, '遗属补助'); // 21,312 元; 表十三 2024年养老机构责任保险 30.00 万元
    const found = mutate((wb) => setValue(wb, t.projectName!, '2024年养老机构责任保险'));
    const m = found.find((f) => f.rule === 'P.match_T12')!;
    expect(m.message).toBe('绩效目标表“2024年养老机构责任保险”：年度资金总额 21,312 元 ≠ 表十三“2024年养老机构责任保险” 合计 30.00 万元（300,000 元），相差 278,688 元');
    expect(m.cells[0]).toBe(t.annualFunds.total!.cell);
    expect(relatedCells(m)[0]).toMatch(new RegExp(`^${rec.tables.T13!.sheet}!`));
    // No "找不到" for the sheet; 表十二 遗属补助 lost its sheet.
    expect(found.filter((f) => f.rule === 'P.coverage').map((f) => f.message)).toEqual(['表十二 项目“遗属补助”（2.13 万元）没有绩效目标表']);
  });

  test('a sheet naming nothing of 表十二/表十三 → P.coverage at its 项目名称; 表十二 project → missing', () => {
    const t = target(rec, '遗属补助');
    const found = mutate((wb) => {
      setValue(wb, t.projectName!, '全市婚姻登记信息化建设');
      setValue(wb, t.annualFunds.total!, 30000);
      setValue(wb, t.annualFunds.cityCounty!, 30000);
    });
    expect(found.filter((f) => f.rule === 'P.coverage').map((f) => f.message).sort()).toEqual([
      '绩效目标表“全市婚姻登记信息化建设”的项目在表十二、表十三中都找不到（年度资金总额 30,000 元）',
      '表十二 项目“遗属补助”（2.13 万元）没有绩效目标表',
    ]);
    expect(found.find((f) => f.message.includes('找不到'))!.cells[0]).toBe(t.projectName!.cell);
  });

  test('a sheet whose name has nothing in common with the one project left, but whose amount is that project\'s → one 名称不一致', () => {
    const t = target(rec, '遗属补助');
    const found = mutate((wb) => setValue(wb, t.projectName!, '全市婚姻登记信息化建设'));
    expect(found).toHaveLength(1);
    expect(found[0].message).toBe(
      '名称不一致：绩效目标表“全市婚姻登记信息化建设”在表十二、表十三中找不到，年度资金总额 21,312 元与表十二“遗属补助” 2.13 万元相符，应是同一项目，名称应与表十二一致',
    );
    expect(found[0].cells).toEqual([t.projectName!.cell, t.annualFunds.total!.cell]);
  });

  test('a blanked indicator category → P.indicators at the blanked cells', () => {
    const t = target(rec, '机关会议培训费');
    const satisfaction = t.annualIndicators.filter((i) => /满意/.test(i.level1));
    expect(satisfaction.length).toBeGreaterThan(0);
    const found = mutate((wb) => satisfaction.forEach((i) => [i.label, i.valueLabel].forEach((l) => blank(wb, l))));
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f).toMatchObject({ rule: 'P.indicators', severity: 'error', sheet: t.sheet, actual: '（空）' });
    expect(f.message).toBe('绩效目标表“机关会议培训费”：年度绩效指标“满意度指标”下没有一项填写了三级指标和指标值');
    expect(f.cells).toEqual([satisfaction[0].label.cell, satisfaction[0].valueLabel!.cell]);
  });

  test('a blanked 成本指标 in both grids → one P.indicators naming both', () => {
    const t = target(rec, '机关会议培训费');
    const cost = [...t.periodIndicators, ...t.annualIndicators].filter((i) => /成本/.test(i.level2));
    const found = mutate((wb) => cost.forEach((i) => [i.label, i.valueLabel].forEach((l) => blank(wb, l))));
    expect(found).toHaveLength(1);
    expect(found[0].message).toBe('绩效目标表“机关会议培训费”：实施期和年度绩效指标“产出指标—成本指标”未填写三级指标或指标值');
    const annualCost = t.annualIndicators.find((i) => /成本/.test(i.level2))!;
    expect(found[0].cells.slice(0, 2)).toEqual([annualCost.label.cell, annualCost.valueLabel!.cell]);
  });

  test('a blanked text field → P.text at its cell', () => {
    const t = target(rec, '机关会议培训费');
    for (const [key, name] of [['basis', '立项依据'], ['overview', '项目概况'], ['plan', '项目实施计划']] as const) {
      const found = mutate((wb) => blank(wb, t.texts[key]));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ rule: 'P.text', severity: 'error', sheet: t.sheet, cells: [t.texts[key]!.cell], expected: `${name}的内容`, actual: '（空）' });
      expect(found[0].message).toBe(`绩效目标表“机关会议培训费”：“${name}”未填写`);
    }
  });

  test('a source line that breaks the sum → P.funds_sum; 年度 above 实施期 for a long-running project → P.funds_order', () => {
    const t = target(rec, '遗属补助');
    const sum = mutate((wb) => setValue(wb, t.annualFunds.cityCounty!, 20000));
    expect(sum.map((f) => f.rule)).toEqual(['P.funds_sum']);
    expect(sum[0]).toMatchObject({ cells: [t.annualFunds.total!.cell, t.annualFunds.cityCounty!.cell], expected: '20000', actual: '21312' });
    expect(sum[0].message).toBe('绩效目标表“遗属补助”：年度资金总额 21,312 元 ≠ 各资金来源之和 20,000 元（市县（区） 20,000 元）');
    // An annual source the 实施期 does not have: the sum breaks and the sources disagree.
    const other = mutate((wb) => setValue(wb, t.annualFunds.self!, 1000));
    expect(other.map((f) => f.rule)).toEqual(['P.funds_sum', 'P.funds_source']);
    expect(other[1]).toMatchObject({ cells: [t.annualFunds.self!.cell, t.periodFunds.self!.cell, t.periodFunds.cityCounty!.cell], expected: '≤ 0', actual: '1000' });

    const order = mutate((wb) => {
      setValue(wb, t.attribute!, '经常性项目（长期开展）');
      setValue(wb, t.period!, '99年');
      setValue(wb, t.periodFunds.total!, 20000);
      setValue(wb, t.periodFunds.cityCounty!, 20000);
    });
    expect(order.map((f) => f.rule)).toEqual(['P.funds_order']);
    expect(order[0]).toMatchObject({ cells: [t.annualFunds.total!.cell, t.periodFunds.total!.cell], expected: '≤ 20000', actual: '21312' });
  });

  test('a 一次性项目 whose 项目期 is not 1年 → P.funds_order at 项目期', () => {
    const t = target(rec, '遗属补助');
    const found = mutate((wb) => setValue(wb, t.period!, '3年'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'P.funds_order', cells: [t.period!.cell, t.attribute!.cell], expected: '1年', actual: '3年' });
  });

  test('a 成本指标 ceiling above the funds → P.cost_vs_fund (warning); a floor or a unit price is not compared', () => {
    const t = target(rec, '遗属补助'); // 21,312 元
    const cost = t.annualIndicators.find((i) => /成本/.test(i.level2) && i.valueLabel)!;
    const over = mutate((wb) => setValue(wb, cost.valueLabel!, '≤3万元'));
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ rule: 'P.cost_vs_fund', severity: 'warning', sheet: t.sheet, expected: '≤ 21312', actual: '30000' });
    expect(over[0].cells[0]).toBe(cost.valueLabel!.cell);
    expect(over[0].cells).toContain(t.annualFunds.total!.cell);
    expect(mutate((wb) => setValue(wb, cost.valueLabel!, '≥3万元'))).toEqual([]);
    expect(mutate((wb) => setValue(wb, cost.valueLabel!, '300元/人/月'))).toEqual([]);
  });
});

describe.each(LAYOUTS)('mutants of seed 003 (annual-only forms, summary list), %s layout', (layout) => {
  let base: WorkbookSnapshot;
  let rec: Recognised;
  let before: Finding[];
  beforeAll(async () => {
    base = await book('003', layout);
    ({ rec, findings: before } = check(base));
  });
  const mutate = (f: (wb: WorkbookSnapshot) => void) => {
    const wb = cloneSnapshot(base);
    f(wb);
    return fresh(before, check(wb).findings);
  };

  test('a listed 预算金额 that differs from the sheet → P.summary at the list cell, against the sheet', () => {
    const row = rec.summary!.rows.find((r) => r.project.text === '职中免学费')!;
    const t = target(rec, '职中免学费');
    const found = mutate((wb) => setValue(wb, row.amount!, 600000));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'P.summary', severity: 'error', sheet: rec.summary!.sheet, expected: '594250', actual: '600000' });
    expect(found[0].cells[0]).toBe(row.amount!.cell);
    expect(relatedCells(found[0])).toContain(`${t.sheet}!${t.annualFunds.total!.cell}`);
    expect(found[0].message).toBe('民生领域重大事项清单第 3 项“职中免学费”的预算金额 600,000 元 ≠ 绩效目标表“职中免学费”的年度资金总额 594,250 元，相差 5,750 元');
  });

  test('a deleted target → P.summary: the listed project has no sheet', () => {
    const t = target(rec, '惠民蔬菜直通车');
    const found = mutate((wb) => removeTarget(wb, rec, t));
    expect(found).toHaveLength(1);
    expect(found[0].rule).toBe('P.summary');
    expect(found[0].message).toContain('“惠民蔬菜直通车”（1,114,800 元）没有绩效目标表');
  });

  test('a blanked text field of an annual-only form → P.text at its cell; a blanked 年度目标 too', () => {
    const t = target(rec, '惠民蔬菜直通车');
    const found = mutate((wb) => blank(wb, t.texts.necessity));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'P.text', cells: [t.texts.necessity!.cell], actual: '（空）' });
    const goal = mutate((wb) => blank(wb, t.texts.annualGoal));
    expect(goal.map((f) => f.rule)).toEqual(['P.text']);
    expect(goal[0].message).toBe('绩效目标表“惠民蔬菜直通车”：总体目标“年度目标”未填写');
  });

  test('a changed single 项目资金 figure has no breakdown to sum (P.funds_sum stays silent) but breaks P.summary', () => {
    const t = target(rec, '惠民蔬菜直通车');
    const found = mutate((wb) => setValue(wb, t.annualFunds.total!, 1000000));
    expect(found.map((f) => f.rule)).toEqual(['P.summary']);
  });
});

void a1;

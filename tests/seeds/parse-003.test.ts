import * as fs from 'fs';
import * as path from 'path';
import Decimal from 'decimal.js';
import { parseSeed003, serialize } from '../../scripts/fixtures/parse-003';
import type { SeedTarget, SeedWorkbook } from '../../scripts/fixtures/seed-model';

const JSON_PATH = path.resolve(__dirname, '../../fixtures/seeds/003.json');

describe('seed 003 (晋城市城区 2025) parser', () => {
  let wb: SeedWorkbook;
  beforeAll(() => {
    wb = parseSeed003();
  });
  const sheet = (name: string): SeedTarget => {
    const t = wb.targets.find((x) => x.projectName === name);
    if (!t) throw new Error(`no sheet ${name}`);
    return t;
  };

  it('identifies the disclosure', () => {
    expect(wb.seed).toBe('003');
    expect(wb.department).toBe('晋城市城区');
    expect(wb.year).toBe(2025);
    expect(wb.multiUnit).toBe(true);
    expect(wb.tables).toEqual({});
  });

  it('reads the 30 rows of 民生领域重大事项绩效目标情况表', () => {
    const s = wb.summary!;
    expect(s.title).toBe('2025年民生领域重大事项绩效目标情况表');
    expect(s.rows).toHaveLength(30);
    expect(s.rows.map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
    const sum = s.rows.reduce((acc, r) => acc.plus(new Decimal(r.amount)), new Decimal(0));
    expect(sum.toFixed(2)).toBe('529487431.35');
  });

  it('keeps summary cells as printed, wrapped units joined', () => {
    const rows = wb.summary!.rows;
    expect(rows[0]).toEqual({ seq: '1', unit: '034001-晋城市城区教育局', project: '城乡义务教育生均公用经费', amount: '42726082' });
    expect(rows[12]).toEqual({
      seq: '13',
      unit: '041002-晋城市城区城乡居民最低生活保障服务中心',
      project: '城乡低保金',
      amount: '21912000',
    });
    expect(rows[21]).toMatchObject({ unit: '225001-中国共产党晋城市城区委员会社会工作部', project: '社区建设工作经费', amount: '28103870' });
    expect(rows[22]).toMatchObject({ seq: '23', project: '促进民营经济发展奖励资金', amount: '4600000' });
    expect(rows[25]).toMatchObject({ project: '白马寺山及吴王山森林公园日常管护项目', amount: '5831922.19' });
    expect(rows[27]).toMatchObject({ project: '环卫合同经费', amount: '104390210.16' });
    expect(rows[29]).toEqual({ seq: '30', unit: '110001-晋城市生态环境局城区分局', project: '生态环境巡查服务', amount: '2487500' });
  });

  it('reads 29 annual-only target sheets', () => {
    expect(wb.targets).toHaveLength(29);
    for (const t of wb.targets) {
      expect(t.annualOnly).toBe(true);
      expect(t.periodFunds).toBeUndefined();
      expect(t.periodGoal).toBeUndefined();
      expect(t.periodIndicators).toBeUndefined();
      expect(t.title).toBe('晋城市城区预算部门（单位）项目支出绩效目标表');
      expect(t.yearLine).toBe(''); // not printed on this form
      expect(t.period).toBe(''); // no 项目期 row
      // only a single 项目资金 figure is printed: no breakdown
      expect(t.annualFunds).toMatchObject({ central: '', province: '', cityCounty: '', self: '', other: '' });
      expect(t.annualFunds.total).toMatch(/^\d+(\.\d+)?$/);
      for (const f of [t.overview, t.basis, t.necessity, t.measures, t.plan, t.annualGoal]) expect(f.length).toBeGreaterThan(5);
      expect(t.annualIndicators.length).toBeGreaterThanOrEqual(6);
      for (const i of t.annualIndicators) {
        expect(['产出指标', '效益指标', '满意度指标']).toContain(i.level1);
        expect(i.level2).not.toBe('');
        expect(i.level3).not.toBe('');
        expect(i.value).not.toBe('');
      }
    }
    const total = wb.targets.reduce((acc, t) => acc.plus(new Decimal(t.annualFunds.total)), new Decimal(0));
    expect(total.toFixed(2)).toBe('526999931.35');
  });

  it('reads sample sheets: name, units, 年度资金总额', () => {
    expect(wb.targets[0]).toMatchObject({
      projectName: '城区城乡义务教育生均公用经费',
      department: '034-晋城市城区教育局',
      implementer: '晋城市城区教育局',
      attribute: '经常性项目（长期开展）',
    });
    expect(wb.targets[0].annualFunds.total).toBe('42726082');
    expect(sheet('职中免学费').annualFunds.total).toBe('594250');
    expect(sheet('基本公共卫生服务项目').annualFunds.total).toBe('58016475');
    expect(sheet('药品零差率补助')).toMatchObject({ department: '038-晋城市城区卫生健康和体育局', implementer: '晋城市城区医疗集团' });
    expect(sheet('2025年城乡居民一、二级重度残疾人医疗保障').annualFunds.total).toBe('1000000');
    expect(sheet('白马寺山及吴王山森林公园日常管护项目').annualFunds.total).toBe('5831922.19');
    expect(sheet('促进民营经济发展奖励资金')).toMatchObject({ attribute: '一次性项目（1年结束）', period: '' });
    expect(sheet('惠民蔬菜直通车')).toMatchObject({ department: '011-晋城市城区发展和改革局', implementer: '晋城市城区发展和改革局' });
    expect(sheet('网格化服务管理经费').implementer).toBe('中国共产党晋城市城区委员会政法委员会');
    const last = wb.targets[28];
    expect(last.projectName).toBe('垃圾厂运行经费');
    expect(last.annualFunds.total).toBe('25020000');
  });

  it('maps the summary onto the sheets: 29 in order, 生态环境巡查服务 has no sheet, amounts agree', () => {
    const rows = wb.summary!.rows;
    const renamed: Record<string, string> = {
      城乡义务教育生均公用经费: '城区城乡义务教育生均公用经费',
      学前教育公用经费: '城区学前教育公用经费',
      基本公共卫生服务: '基本公共卫生服务项目',
      优抚对象抚恤和生活补助: '优抚对象抚恤和生活补助经费',
      城乡居民基本养老保险补助资金: '城乡居民基本养老保险补贴',
      '城乡居民一、二级重度残疾人医疗保障': '2025年城乡居民一、二级重度残疾人医疗保障',
    };
    rows.slice(0, 29).forEach((r, i) => {
      expect(wb.targets[i].projectName).toBe(renamed[r.project] ?? r.project);
      expect(wb.targets[i].annualFunds.total).toBe(r.amount);
    });
    expect(wb.targets.some((t) => t.projectName.includes('生态环境巡查'))).toBe(false);
  });

  it('reconstructs indicator grids, gaps and oddities kept', () => {
    const zz = sheet('职中免学费').annualIndicators;
    expect(zz).toHaveLength(19);
    expect(new Set(zz.map((i) => i.level1))).toEqual(new Set(['产出指标'])); // no 效益/满意度 printed
    expect(zz.find((i) => i.level3 === '劳务费成本')).toEqual({
      level1: '产出指标',
      level2: '成本指标',
      level3: '劳务费成本',
      value: '≤281000元',
    });
    expect(zz.find((i) => i.level3 === '维修时间')?.value).toBe('第三季度');

    const jz = sheet('城乡居民医疗救助基金').annualIndicators;
    expect(jz.map((i) => i.level2)).toContain('可持续影响指标');
    expect(jz.find((i) => i.level3 === '重点救助对象政策范围内个人自付费用年度限额内住院救助比例')?.value).toBe('≥70%');

    const gw = sheet('基本公共卫生服务项目').annualIndicators;
    expect(gw).toHaveLength(23);
    expect(gw[22]).toEqual({ level1: '满意度指标', level2: '服务对象满意度', level3: '群众满意度', value: '≥90%' });

    const bc = sheet('城乡居民补充养老保险补贴').annualIndicators;
    expect(bc.slice(0, 2).map((i) => [i.level2, i.level3, i.value])).toEqual([
      ['数量指标', '入口补贴人数', '7367人'],
      ['数量指标', '出口补贴人数', '17146人'],
    ]);

    const bm = sheet('白马寺山及吴王山森林公园日常管护项目').annualIndicators;
    expect(bm.find((i) => i.level2 === '生态效益指标')).toMatchObject({ level3: '改善生态环境', value: '改善' });

    expect(sheet('社区建设工作经费').annualIndicators).toHaveLength(23);
    expect(sheet('优抚对象抚恤和生活补助经费').plan).toBe('按月为优抚对象足额发放抚恤补助资金。');
  });

  it('matches the JSON on disk', () => {
    expect(fs.readFileSync(JSON_PATH, 'utf8')).toBe(serialize(wb));
  });
});

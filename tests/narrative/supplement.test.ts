import { Decimal } from '../../src/model/money';
import { pct, placeholder, wan } from '../../src/rules/narrative/numbers';
import {
  KV_HEADER,
  PROJECT_HEADER,
  SUPPLEMENT_FIELDS,
  SUPPLEMENT_SHEET,
  projectType,
  readSupplement,
  supAmount,
  supText,
  supplementFrom,
  supplementTemplate,
} from '../../src/narrative/supplement';
import { recognise } from '../../src/tables/recognise';
import { projectKey } from '../../src/tables/text';
import { readWorkbookFile } from '../../src/xlsx/read';
import * as path from 'path';
import { sheetFrom, workbookFrom } from '../helpers/sheet';
import { ROOT, loadRec } from './helpers';

describe('format', () => {
  test('万元 with thousands separators, zero as 0', () => {
    expect(wan(new Decimal('11277.58'))).toBe('11,277.58');
    expect(wan(new Decimal('1234567.891'))).toBe('1,234,567.89');
    expect(wan(new Decimal('0'))).toBe('0');
    expect(wan(new Decimal('0.004'))).toBe('0');
    expect(wan(new Decimal('20.5'))).toBe('20.50');
    expect(wan(new Decimal('-954.1'))).toBe('-954.10');
    expect(wan(new Decimal('0.005'))).toBe('0.01');
  });
  test('shares: 2 decimals half-up, zero part 占0%', () => {
    expect(pct(new Decimal('9518.47'), new Decimal('11277.58'))).toBe('84.40%');
    expect(pct(new Decimal('0'), new Decimal('11277.58'))).toBe('0%');
    expect(pct(new Decimal('1'), new Decimal('8'))).toBe('12.50%');
    expect(pct(new Decimal('1'), new Decimal('0.8'))).toBe('125.00%');
    // 0.125% → 0.13% (half-up, not banker's)
    expect(pct(new Decimal('0.125'), new Decimal('100'))).toBe('0.13%');
    expect(placeholder('上年收入总计')).toBe('【请填写：上年收入总计】');
  });
});

describe('补充信息 template', () => {
  test('key | value rows for every field, name/year/date pre-filled, project table with 表十二 projects', async () => {
    const rec = await loadRec('002');
    const t = supplementTemplate(rec);
    expect(t.sheetName).toBe(SUPPLEMENT_SHEET);
    expect(t.rows[1]).toEqual(KV_HEADER);
    const keys = t.rows.slice(2, 2 + SUPPLEMENT_FIELDS.length).map((r) => r[0]);
    expect(keys).toEqual(SUPPLEMENT_FIELDS.map((f) => f.key));
    for (const k of ['上年收入总计', '上年支出总计', '上年一般公共预算支出', '上年“三公”经费', '上年机关运行经费', '政府采购预算总额', '政府采购货物预算', '政府采购工程预算', '政府采购服务预算', '整体绩效目标', '办公用房建筑总面积', '其他说明'])
      expect(keys).toContain(k);
    const row = (k: string) => t.rows.find((r) => r[0] === k)!;
    expect(row('单位名称')[1]).toBe('阳泉市民政局');
    expect(row('预算年度')[1]).toBe('2025');
    expect(row('资产统计截止日期')[1]).toBe('2024年12月31日');
    expect(row('上年收入总计')[1]).toBe('');
    expect(row('预算单位个数')[2]).toContain('阳泉市社会福利院');
    // Project table: 表十二's projects once each (a name printed twice is summed), then target-only names.
    const h = t.rows.findIndex((r) => r[0] === PROJECT_HEADER[0]);
    expect(t.rows[h]).toEqual(PROJECT_HEADER);
    const projects = t.rows.slice(h + 1);
    expect(projects.find((r) => r[0] === '访贫问寒专项经费')).toEqual(['访贫问寒专项经费', '', '阳泉市民政局', '40.00', '表十二']);
    // Names differing only in punctuation (“办案经费、清明…” / “办案经费清明…”) are one project.
    const t12Names = new Set(rec.tables.T12!.rows.filter((r) => r.kind === 'project').map((r) => projectKey(r.name)));
    expect(projects.filter((r) => r[4] === '表十二').length).toBe(t12Names.size);
    for (const r of projects) expect(r).toHaveLength(PROJECT_HEADER.length);
    // Every cell is a string: the adapters write it as it is.
    for (const r of t.rows) for (const c of r) expect(typeof c).toBe('string');
  });

  test('round trip: the filled sheet reads back (keys with units, numbers as numbers, types in words)', async () => {
    const rec = await loadRec('001');
    const t = supplementTemplate(rec);
    const rows: (string | number)[][] = t.rows.map((r) => r.slice());
    const set = (k: string, v: string | number) => (rows.find((r) => r[0] === k)![1] = v);
    set('上年收入总计', 8855);
    set('上年机关运行经费', '69.10万元');
    set('整体绩效目标', '2024年编报单位整体绩效目标。');
    rows.find((r) => r[0] === '上年支出总计')![0] = '上年支出总计（万元）';
    set('上年支出总计（万元）', '8,855.00');
    const h = rows.findIndex((r) => r[0] === PROJECT_HEADER[0]);
    rows[h + 1][1] = '其他运转类项目';
    rows[h + 2][1] = '特定目标';
    rows[h + 3][1] = '不知道';
    const s = readSupplement(workbookFrom('x', [sheetFrom('表一', [['x']]), sheetFrom('补充信息 ', rows)]));
    expect(s.sheet).toBe('补充信息 ');
    expect(supAmount(s, '上年收入总计')!.toFixed(2)).toBe('8855.00');
    expect(supAmount(s, '上年支出总计')!.toFixed(2)).toBe('8855.00');
    expect(supAmount(s, '上年机关运行经费')!.toFixed(2)).toBe('69.10');
    expect(supText(s, '整体绩效目标')).toBe('2024年编报单位整体绩效目标。');
    expect(supText(s, '单位名称')).toBe('长治市民政局');
    expect(supText(s, '政府采购预算总额')).toBeUndefined();
    expect(s.cells['上年收入总计']).toMatch(/^B\d+$/);
    expect(s.projects[0]).toMatchObject({ name: rows[h + 1][0], type: '其他运转类' });
    expect(s.projects[1]).toMatchObject({ type: '特定目标类' });
    expect(s.projects[2]).toMatchObject({ rawType: '不知道' });
    expect(s.projects[2].type).toBeUndefined();
    expect(s.projects).toHaveLength(rows.length - h - 1);
  });

  test('no 补充信息 sheet: an empty supplement', () => {
    const s = readSupplement(workbookFrom('x', [sheetFrom('表一', [['x']])]));
    expect(s).toEqual({ values: {}, cells: {}, projects: [] });
  });

  test('project types: exact name, else a unique containing name (renamed target sheets)', () => {
    const s = supplementFrom({}, [
      { name: '长财社【2023】219号长治民政系统护理员技能培训及大赛', type: '特定目标类' },
      { name: '机关工作业务费', type: '其他运转类' },
      { name: '遗属补助', type: '其他运转类' },
    ]);
    expect(projectType(s, '机关工作业务费')).toBe('其他运转类');
    expect(projectType(s, '机关工作业务费（2024）')).toBe('其他运转类');
    expect(projectType(s, '办公设备购置')).toBeUndefined();
  });

  test('a workbook with the 补充信息 sheet added recognises exactly as before', async () => {
    const wb = await readWorkbookFile(path.join(ROOT, 'fixtures/workbooks/002-standard.xlsx'));
    const before = recognise(wb);
    const t = supplementTemplate(before);
    const withSheet = { ...wb, sheets: [...wb.sheets, sheetFrom(t.sheetName, t.rows, [], wb.sheets.length)] };
    const after = recognise(withSheet);
    expect(after.locations).toEqual(before.locations);
    expect(after.targets.length).toBe(before.targets.length);
    expect(after.narrative?.sheet).toBe(before.narrative?.sheet);
    expect(after.findings).toEqual(before.findings);
  });
});

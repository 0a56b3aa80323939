/**
 * Cross-table rules (rules.md "Cross-table") on workbooks built from the real seeds: the seeds' TAB texts 001 and
 * 002 pasted into sheets one line per row, and the seed 000 fixture workbooks when they exist.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { fmt2 } from '../../src/model/money';
import { setCell, type WorkbookSnapshot } from '../../src/model/snapshot';
import { crossRules } from '../../src/rules/cross';
import type { Finding } from '../../src/model/finding';
import { runRuleList } from '../../src/rules/rule';
import { recognise } from '../../src/tables/recognise';
import type { Recognised } from '../../src/tables/recognised';
import { TABLE_IDS, type Figure, type TableId } from '../../src/tables/types';
import { workbookFrom, sheetFrom } from '../helpers/sheet';
import { seedLines } from '../helpers/tsv';

const S001 = '001_727de999e53de965.txt';
const S002 = '002_dea5997044eede79.txt';
// [sheet name, first line, last line] of T1..T13 in the seed texts.
const BLOCKS_001: [string, number, number][] = [
  ['Sheet1', 56, 100], ['表2', 101, 147], ['预算公开表3', 148, 194], ['4财政拨款收支总表', 195, 241],
  ['表五', 242, 285], ['六', 286, 323], ['7', 324, 336], ['8', 337, 348], ['9', 349, 361], ['10', 362, 376],
  ['11', 377, 387], ['12', 388, 410], ['13', 411, 429],
];
const BLOCKS_002: [string, number, number][] = [
  ['1收支总表', 78, 122], ['2收入总表', 123, 170], ['3支出总表', 171, 215], ['4财政拨款收支总表', 216, 262],
  ['5一般公共预算支出表', 263, 303], ['6基本支出经济科目表', 304, 363], ['7', 364, 376], ['8', 377, 389],
  ['9', 390, 404], ['10', 405, 421], ['11', 422, 433], ['12', 434, 510], ['13', 511, 533],
];

/**
 * Seed 001's text lost one empty column of 表二 on its second page (lines 127-146 have 8 cells, the header 9):
 * their last cell is 上年结转 (229 其他支出 上年结转 180.66 — 表一 上年结转 280.66 = 100.00 + 180.66, 表三 229 =
 * 19.00 + 180.66, 表十三 政府性基金 180.66), but pasted as is it lands in 单位资金. `repair` pads such rows back
 * to the header's width before their last cell, as scripts/fixtures/parse-tab.ts does.
 */
function seedWorkbook(file: string, blocks: [string, number, number][], repair: boolean): WorkbookSnapshot {
  const sheets = blocks.map(([name, from, to]) => {
    let rows = seedLines(file, from, to).map((l) => l.replace(/\r$/, '').split('\t'));
    if (repair) {
      const width = Math.max(...rows.map((r) => r.length));
      rows = rows.map((r) => (r.length > 2 && r.length < width && r[r.length - 1].trim() && /^\d{3,7}$/.test(r[0]) ? [...r.slice(0, -1), ...Array(width - r.length).fill(''), r[r.length - 1]] : r));
    }
    return sheetFrom(name, rows);
  });
  return workbookFrom(file, sheets);
}
const wb001 = () => seedWorkbook(S001, BLOCKS_001, true);
const wb002 = () => seedWorkbook(S002, BLOCKS_002, false);

function run(wb: WorkbookSnapshot | Recognised): Finding[] {
  return runRuleList(crossRules, 'sheets' in wb ? recognise(wb) : wb);
}

/** Sets the cell under a recognised figure (value null empties it). */
function put(wb: WorkbookSnapshot, f: Figure, value: number | string | null): WorkbookSnapshot {
  setCell(wb.sheets.find((s) => s.name === f.sheet)!, f.row, f.col, { value });
  return wb;
}

const brief = (f: Finding) => `${f.rule} ${f.severity} ${f.sheet}!${f.cells.join(',')} ${f.message}`;

const REC001 = recognise(wb001());
const REC002 = recognise(wb002());
const t001 = REC001.tables;
const t002 = REC002.tables;

test('crossRules holds every cross-table rule of rules.md, once, with its catalog id', () => {
  // The spec's catalog, as committed under fixtures/spec (npm run test:seeds checks it against ../shared/spec).
  const catalog = readFileSync(path.resolve(__dirname, '../../fixtures/spec/rules.md'), 'utf8');
  const section = catalog.slice(catalog.indexOf('## Cross-table'), catalog.indexOf('## Performance'));
  const ids = [...new Set(section.match(/X\.T\d+(?:-T\d+)+/g))].sort();
  expect(crossRules.map((r) => r.meta.id).sort()).toEqual(ids);
  expect(ids).toHaveLength(16);
  for (const r of crossRules) expect(r.meta.title).toMatch(/[\u4e00-\u9fff]/);
  expect(crossRules.filter((r) => r.meta.severity === 'warning').map((r) => r.meta.id).sort()).toEqual(['X.T6-T10', 'X.T6-T11']);
});

describe('the real seeds', () => {
  test('seed 001: all 13 tables recognised; no error, one 舍位 warning (表三 项目支出 vs 表十二 + 表十三)', () => {
    expect(TABLE_IDS.filter((id) => !REC001.locations[id].found)).toEqual([]);
    const findings = run(REC001);
    expect(findings.map(brief)).toEqual([
      'X.T3-T12-T13 warning 预算公开表3!E9 表三 合计行 项目支出 1377.22 ≠ 表十二 长治市民政局（合计行） 合计 + 表十三 长治市民政局（合计行） 合计 1377.21（舍位差异）',
    ]);
    expect(findings[0]).toMatchObject({ expected: '1377.21', actual: '1377.22', related: [{ sheet: '12', cells: ['B10'] }, { sheet: '13', cells: ['B10'] }] });
  });

  test('seed 001 pasted raw: the dropped 表二 column puts 180.66 under 单位资金, which X.T2-T3 reports', () => {
    const findings = run(seedWorkbook(S001, BLOCKS_001, false)).filter((f) => f.severity === 'error');
    expect(findings.map((f) => [f.rule, f.actual, f.expected])).toEqual([
      ['X.T2-T3', '199.66', '19.00'], ['X.T2-T3', '199.66', '19.00'], ['X.T2-T3', '199.66', '19.00'],
    ]);
    expect(findings[0].message).toBe('表三 229 其他支出 合计 199.66 ≠ 表二 合计+上年结转 19.00');
  });

  test('seed 002 (5 units): all 13 tables recognised; no finding at all', () => {
    expect(TABLE_IDS.filter((id) => !REC002.locations[id].found)).toEqual([]);
    expect(run(REC002).map(brief)).toEqual([]);
  });

  const W = path.resolve(__dirname, '../../fixtures/workbooks');
  const has = (f: string) => existsSync(path.join(W, f));
  const layouts = (seed: string) => ['standard', 'variant', 'merged-wide'].map((l) => `${seed}-${l}.xlsx`).filter(has);
  // Loaded lazily: the reader and the fixtures come from other work in progress.
  const read = async (f: string) => recognise(await (await import('../../src/xlsx/read')).readWorkbookFile(path.join(W, f)));

  const l000 = layouts('000');
  (l000.length ? test.each(l000) : test.skip.each(['000-*.xlsx']))(
    'seed 000 %s: the two known warnings (表十一 empty vs 表六 公用经费 31.67; 表十二 + 表十三 vs 表三 舍位), no error',
    async (file) => {
      const rec = await read(file);
      const findings = run(rec);
      expect(findings.filter((f) => f.severity !== 'warning').map(brief)).toEqual([]);
      expect(findings.map((f) => f.rule)).toEqual(['X.T3-T12-T13', 'X.T6-T11']);
      const [x3, x11] = findings;
      expect(x3).toMatchObject({ sheet: rec.tables.T3!.sheet, cells: [rec.tables.T3!.total!.values.project!.cell], expected: '11015.56', actual: '11015.57' });
      expect(x3.related!.map((r) => r.sheet)).toEqual([rec.tables.T12!.sheet, rec.tables.T13!.sheet]);
      const pub = rec.tables.T6!.total!.values.public!;
      expect(x11).toMatchObject({ sheet: rec.tables.T11!.sheet, expected: '31.67', actual: '0.00', related: [{ sheet: pub.sheet, cells: [pub.cell] }] });
      expect(x11.message).toContain('本表无数据');
      expect(x11.message).toContain('31.67');
    },
  );

  // 001 / 002 as xlsx fixtures, once they are built: the same verdict as their TAB texts.
  const l12 = [...layouts('001'), ...layouts('002')];
  (l12.length ? test.each(l12) : test.skip.each(['001/002-*.xlsx']))('%s: no cross-table error', async (file) => {
    const findings = run(await read(file));
    expect(findings.filter((f) => f.severity !== 'warning').map(brief)).toEqual([]);
    expect(findings.map((f) => f.rule)).toEqual(file.startsWith('001') ? ['X.T3-T12-T13'] : []);
  });
});

/**
 * One figure changed on one side: the rule reports it as `error` with the stated cell (on the table being checked)
 * first, the other table's cells in `related`, expected and actual.
 */
function expectFinding(findings: Finding[], rule: string, stated: Figure, related: Figure[], expected: string, actual: string, severity = 'error'): Finding {
  const mine = findings.filter((f) => f.rule === rule);
  const f = mine.find((x) => x.sheet === stated.sheet && x.cells[0] === stated.cell);
  if (!f) throw new Error(`${rule}: no finding on ${stated.sheet}!${stated.cell}; got ${mine.map(brief).join(' | ') || 'none'}`);
  expect(f.severity).toBe(severity);
  expect(f.expected).toBe(expected);
  expect(f.actual).toBe(actual);
  const rel = new Set((f.related ?? []).flatMap((r) => r.cells.map((c) => `${r.sheet}!${c}`)));
  for (const r of related) {
    expect(r.sheet).not.toBe(stated.sheet);
    expect(rel).toContain(`${r.sheet}!${r.cell}`);
  }
  expect(f.message).toMatch(/^表[一二三四五六七八九十]+ /);
  return f;
}

const code = (t: { rows: { code: string; values: Record<string, Figure | undefined> }[] } | undefined, c: string) => t!.rows.find((r) => r.code === c)!.values;
const cls = (t: { classes: { code?: string; values: Record<string, Figure | undefined> }[] } | undefined, c: string) => t!.classes.find((r) => r.code === c)!.values;
const dept12 = t001.T12!.rows.find((r) => r.kind === 'department')!.values;
const dept13 = t001.T13!.rows.find((r) => r.kind === 'department')!.values;

describe('each rule reports a one-sided change (seed 001)', () => {
  test('X.T1-T2: 表二 合计行 fund column vs 表一 income line', () => {
    const stated = t001.T2!.total!.values.general!;
    const f = expectFinding(run(put(wb001(), stated, 1510.11)), 'X.T1-T2', stated, [t001.T1!.income.general!], '1500.11', '1510.11');
    expect(f.message).toBe('表二 合计行 一般公共预算 1510.11 ≠ 表一 一般公共预算 1500.11');
    expect(f.fix).toBeUndefined(); // a filled cell is never overwritten from another table
  });

  test('X.T1-T2: 上年结转, changed on 表一', () => {
    const findings = run(put(wb001(), t001.T1!.income.carryover!, 290.66));
    expectFinding(findings, 'X.T1-T2', t001.T2!.total!.values.carryover!, [t001.T1!.income.carryover!], '290.66', '280.66');
  });

  test('X.T2-T3: per code, 表三 合计 = 表二 合计 + 上年结转', () => {
    const stated = code(t001.T3, '2080202').total!;
    const t2 = code(t001.T2, '2080202');
    const f = expectFinding(run(put(wb001(), stated, 67.23)), 'X.T2-T3', stated, [t2.total!, t2.carryover!], '67.13', '67.23');
    expect(f.message).toBe('表三 2080202 一般行政管理事务 合计 67.23 ≠ 表二 合计+上年结转 67.13');
    expect(f.fix).toBeUndefined();
  });

  test('X.T2-T3: a code in one table only is reported on the cell that exists, on both sides', () => {
    const t3 = t001.T3!.rows.find((r) => r.code === '2081002')!;
    const wb = wb001();
    setCell(wb.sheets.find((s) => s.name === t3.label.sheet)!, t3.label.row, t3.label.col, { value: '2081003' });
    const findings = run(wb).filter((f) => f.rule === 'X.T2-T3');
    expect(findings.map((f) => [f.severity, f.sheet, f.cells[0], f.actual, f.expected])).toEqual([
      ['error', t001.T3!.sheet, t3.values.total!.cell, '100.00', '0.00'],
      ['error', t001.T2!.sheet, code(t001.T2, '2081002').carryover!.cell, '100.00', '0.00'],
    ]);
    expect(findings[0].message).toBe('表三 2081003 老年福利 合计 100.00，但表二中没有科目 2081003');
    expect(findings[1].message).toBe('表二 2081002 老年福利 合计+上年结转 100.00，但表三中没有科目 2081002');
  });

  test('X.T1-T3: 表三 类 row vs 表一 类, and 表三 合计 vs 表一 支出总计', () => {
    const t1 = cls(t001.T1, '210').total!;
    const findings = run(put(wb001(), t1, 12.88));
    expectFinding(findings, 'X.T1-T3', code(t001.T3, '210').total!, [t1], '12.88', '11.88');
    const total = t001.T1!.expTotal!.values.total!;
    expectFinding(run(put(wb001(), total, 1800.77)), 'X.T1-T3', t001.T3!.total!.values.total!, [total], '1800.77', '1799.77');
  });

  test('X.T2-T5: per code, message as in cli.md; ±0.01 is a 舍位 warning, never an error', () => {
    const stated = code(t001.T5, '2080201').total!;
    const t2 = code(t001.T2, '2080201').general!;
    const f = expectFinding(run(put(wb001(), stated, 243.71)), 'X.T2-T5', stated, [t2], '243.61', '243.71');
    expect(f.message).toBe('表五 2080201 行政运行 合计 243.71 ≠ 表二 一般公共预算 243.61');
    const w = expectFinding(run(put(wb001(), stated, 243.6)), 'X.T2-T5', stated, [t2], '243.61', '243.60', 'warning');
    expect(w.message).toBe('表五 2080201 行政运行 合计 243.60 ≠ 表二 一般公共预算 243.61（舍位差异）');
  });

  test('X.T2-T5: a code whose 表二 row has its 一般公共预算 cell empty, or no such figure at all, is compared with 0', () => {
    const stated = code(t001.T5, '2080201').total!;
    const t2 = code(t001.T2, '2080201').general!;
    const on = (fs: Finding[]) => fs.filter((f) => f.rule === 'X.T2-T5' && f.sheet === stated.sheet && f.cells[0] === stated.cell);
    const emptied = on(run(put(wb001(), t2, null)));
    // a row of figures with none under the compared column (a row the recogniser read narrower): no part at all
    const rec = recognise(wb001());
    delete (rec.tables.T2!.rows.find((r) => r.code === '2080201')!.values as Record<string, Figure | undefined>).general;
    const absent = on(run(rec));
    for (const findings of [emptied, absent]) {
      expect(findings).toHaveLength(1);
      expect(findings[0].severity).toBe('error');
      expect(findings[0].expected).toBe('0.00');
      expect(findings[0].actual).toBe('243.61');
    }
  });

  test('X.T2-T5 on seed 002 (a code of 表五 missing in 表二)', () => {
    const t2row = t002.T2!.rows.find((r) => r.code === '2081006')!;
    const wb = wb002();
    setCell(wb.sheets.find((s) => s.name === t2row.label.sheet)!, t2row.label.row, t2row.label.col, { value: '2081099' });
    const findings = run(wb).filter((f) => f.rule === 'X.T2-T5');
    expect(findings.map((f) => [f.sheet, f.cells[0], f.actual])).toEqual([
      [t002.T5!.sheet, code(t002.T5, '2081006').total!.cell, '144.56'],
      [t002.T2!.sheet, t2row.values.general!.cell, '144.56'],
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });

  test('X.T1-T5: 表五 合计 vs 表一 一般公共预算; an empty 表五 合计 gets a fix', () => {
    const t1 = t001.T1!.income.general!;
    const stated = t001.T5!.total!.values.total!;
    expectFinding(run(put(wb001(), t1, 1501.11)), 'X.T1-T5', stated, [t1], '1501.11', '1500.11');
    const f = expectFinding(run(put(wb001(), stated, null)), 'X.T1-T5', stated, [t1], '1500.11', '0.00');
    expect(f.message).toBe('表五 合计行 合计 （空） ≠ 表一 一般公共预算 1500.11');
    expect(f.fix).toEqual({ sheet: stated.sheet, cell: stated.cell, value: '1500.11', previous: '', from: [`${t1.sheet}!${t1.cell}`] });
  });

  test('X.T5-T6: 表五 基本支出 vs 表六 合计', () => {
    const t6 = t001.T6!.total!.values.total!;
    expectFinding(run(put(wb001(), t6, 423.55)), 'X.T5-T6', t001.T5!.total!.values.basic!, [t6], '423.55', '422.55');
  });

  test('X.T2-T8: per code, 表八 合计 = 表二 政府性基金', () => {
    const stated = code(t001.T8, '2296002').total!;
    expectFinding(run(put(wb001(), stated, 20)), 'X.T2-T8', stated, [code(t001.T2, '2296002').govFund!], '19.00', '20.00');
  });

  test('X.T7-T8: 表八 合计 = 表七 合计 = 表一 政府性基金预算', () => {
    const t7 = t001.T7!.total!.values.amount!;
    const findings = run(put(wb001(), t7, 18));
    expectFinding(findings, 'X.T7-T8', t001.T8!.total!.values.total!, [t7], '18.00', '19.00');
    expectFinding(findings, 'X.T7-T8', t7, [t001.T1!.income.govFund!], '19.00', '18.00');
  });

  test('X.T5-T12 and X.T8-T12: 表十二 department line vs 表五 / 表八 项目支出', () => {
    expectFinding(run(put(wb001(), dept12.general!, 1078.55)), 'X.T5-T12', dept12.general!, [t001.T5!.total!.values.project!], '1077.55', '1078.55');
    const t8 = t001.T8!.total!.values.project!;
    expectFinding(run(put(wb001(), t8, 20)), 'X.T8-T12', dept12.govFund!, [t8], '20.00', '19.00');
  });

  test('X.T3-T12-T13: 表三 项目支出 vs 表十二 + 表十三', () => {
    const f = expectFinding(run(put(wb001(), dept13.total!, 290.66)), 'X.T3-T12-T13', t001.T3!.total!.values.project!, [dept12.total!, dept13.total!], '1387.21', '1377.22');
    expect(f.related!.map((r) => r.sheet)).toEqual(['12', '13']);
  });

  test('X.T1-T13: 表十三 合计 vs 表一 上年结转; its fund columns vs 表四 上年财政拨款结转 sub-lines', () => {
    const carry = t001.T1!.income.carryover!;
    expectFinding(run(put(wb001(), carry, 290.66)), 'X.T1-T13', dept13.total!, [carry], '290.66', '280.66');
    const g = t001.T4!.income.carryGeneral!;
    expectFinding(run(put(wb001(), g, 90)), 'X.T1-T13', dept13.general!, [g], '90.00', '100.00');
    const gf = t001.T4!.income.carryGovFund!;
    expectFinding(run(put(wb001(), gf, 170.66)), 'X.T1-T13', dept13.govFund!, [gf], '170.66', '180.66');
  });

  test('X.T4-T5-T13: 表四 本年支出合计 fund columns vs 表五/表八 + 表十三', () => {
    const sumRow = t001.T4!.expSum!.values;
    expectFinding(run(put(wb001(), sumRow.general!, 1601.11)), 'X.T4-T5-T13', sumRow.general!, [t001.T5!.total!.values.total!, dept13.general!], '1600.11', '1601.11');
    const t13 = dept13.govFund!;
    expectFinding(run(put(wb001(), t13, 181.66)), 'X.T4-T5-T13', sumRow.govFund!, [t001.T8!.total!.values.total!, t13], '200.66', '199.66');
  });

  test('X.T4-T1: 表四 类 小计 = 表一 类 合计 when there is no 财政专户/单位资金, else ≤', () => {
    const t4 = cls(t001.T4, '208').subtotal!;
    const t1 = cls(t001.T1, '208').total!;
    expectFinding(run(put(wb001(), t4, 1549.68)), 'X.T4-T1', t4, [t1], '1548.68', '1549.68');
    expectFinding(run(put(wb001(), t4, 1547.68)), 'X.T4-T1', t4, [t1], '1548.68', '1547.68');
    // With 单位资金 in 表一, 表四 (财政拨款 only) may be smaller, but never larger.
    const withUnitFunds = () => put(wb001(), t001.T1!.income.unitFunds!, 1);
    expect(run(put(withUnitFunds(), t4, 1547.68)).filter((f) => f.rule === 'X.T4-T1')).toEqual([]);
    const f = expectFinding(run(put(withUnitFunds(), t4, 1549.68)), 'X.T4-T1', t4, [t1], '1548.68', '1549.68');
    expect(f.message).toContain('表四不应大于');
  });

  test('X.T6-T10 (warning): 表十 公务接待费 below 表六 公务接待费', () => {
    const t10 = t001.T10!.lines.reception!.values.general!;
    const t6 = t001.T6!.rows.find((r) => r.name === '公务接待费')!.values.total!;
    const f = expectFinding(run(put(wb001(), t10, 1)), 'X.T6-T10', t10, [t6], '1.50', '1.00', 'warning');
    expect(f.message).toBe('表十 公务接待费 一般公共预算 1.00 小于 表六 公务接待费 1.50：“三公”经费应包含基本支出中的公务接待费，请核实');
    // More in 表十 than in 表六 is normal: 三公 can also sit in project spending.
    expect(run(put(wb001(), t10, 3)).filter((f) => f.rule === 'X.T6-T10')).toEqual([]);
  });

  test('X.T6-T10 on seed 002: 公务用车运行维护费', () => {
    const t10 = t002.T10!.lines.vehicleOperation!.values.general!;
    const t6 = t002.T6!.rows.find((r) => r.name === '公务用车运行维护费')!.values.total!;
    expectFinding(run(put(wb002(), t10, 17)), 'X.T6-T10', t10, [t6], '18.00', '17.00', 'warning');
  });

  test('X.T6-T11 (warning): 表十一 部门合计 vs 表六 公用经费; empty 表十一 names both cells', () => {
    const t11 = t001.T11!.deptTotal!.values.total!;
    const pub = t001.T6!.total!.values.public!;
    expectFinding(run(put(wb001(), t11, 60.9)), 'X.T6-T11', t11, [pub], '69.90', '60.90', 'warning');
    const wb = wb001();
    for (const r of [t001.T11!.deptTotal!, ...t001.T11!.units]) for (const f of Object.values(r.values)) put(wb, f!, null);
    const f = expectFinding(run(wb), 'X.T6-T11', t11, [pub], '69.90', '0.00', 'warning');
    expect(f.message).toContain('表十一 机关运行经费 为空');
  });

  test('X.T6-T11 on seed 002: 表十一 lists 2 of 5 units, so it may be below 表六 公用经费 but not above', () => {
    const t11 = t002.T11!.deptTotal!.values.total!;
    expect(run(REC002).filter((f) => f.rule === 'X.T6-T11')).toEqual([]);
    expectFinding(run(put(wb002(), t11, 170)), 'X.T6-T11', t11, [t002.T6!.total!.values.public!], '160.64', '170.00', 'warning');
  });
});

describe('missing or empty tables', () => {
  test.each(TABLE_IDS)('without %s no rule throws, and seed 001 stays free of errors', (id: TableId) => {
    const rec = recognise(wb001());
    delete rec.tables[id];
    const findings = run(rec);
    expect(findings.filter((f) => f.severity !== 'warning').map(brief)).toEqual([]);
  });

  test('no table at all: nothing', () => {
    expect(run({ ...REC001, tables: {} })).toEqual([]);
  });

  test('tables with titles and headers but no body: no rule throws', () => {
    // The first lines of each block: title, caption, unit, header — no figure.
    const wb = workbookFrom('empty', BLOCKS_001.map(([n, a]) => {
      const lines = seedLines(S001, a, a + 8);
      return sheetFrom(n, lines.map((l) => l.split('\t').map((c) => (/^\d+(\.\d+)?$/.test(c.trim()) ? '' : c))));
    }));
    const findings = run(wb);
    expect(findings.filter((f) => f.severity === 'info')).toEqual([]);
  });

  test('hand-made empty shapes (no rows, no columns, no totals): no rule throws', () => {
    const empty = { sheet: 'x', columns: [], rows: [], noDataNote: true };
    const rec: Recognised = {
      ...REC001,
      tables: {
        T1: { sheet: 'x', income: {}, incomeLabels: {}, classes: [] },
        T2: empty, T3: empty, T5: empty, T7: empty, T8: empty,
        T4: { sheet: 'x', income: {}, incomeLabels: {}, classes: [] },
        T6: { sheet: 'x', columns: [], rows: [] },
        T9: { sheet: 'x', income: empty, expenditure: empty, noDataNote: true },
        T10: { sheet: 'x', lines: {}, noDataNote: true },
        T11: { sheet: 'x', units: [], noDataNote: true },
        T12: empty, T13: empty,
      },
    };
    expect(run(rec)).toEqual([]);
  });

  test('表十三 empty ("本表无数据") while 表一 has 上年结转: reported on 表一', () => {
    const rec = recognise(wb001());
    rec.tables.T13 = { sheet: '13', columns: [], rows: [], noDataNote: true };
    const f = run(rec).find((x) => x.rule === 'X.T1-T13')!;
    expect(f).toMatchObject({ severity: 'error', sheet: t001.T1!.sheet, cells: [t001.T1!.income.carryover!.cell], expected: '0.00', actual: '280.66' });
    expect(fmt2(t001.T1!.income.carryover!.value)).toBe('280.66');
  });
});

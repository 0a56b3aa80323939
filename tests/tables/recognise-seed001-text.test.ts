/**
 * The recognisers on seed 001 pasted into sheets exactly as its TAB-separated text stands (one line per row,
 * no merges, headers as printed): the "raw paste" layout.
 */
import { recognise } from '../../src/tables/recognise';
import { fmt2, sum } from '../../src/model/money';
import { sheetFromSeedLines } from '../helpers/tsv';
import { workbookFrom } from '../helpers/sheet';

const FILE = '001_727de999e53de965.txt';
// [sheet name, first line, last line] of each table in the seed text.
const BLOCKS: [string, number, number][] = [
  ['Sheet1', 56, 100], ['表2', 101, 147], ['预算公开表3', 148, 194], ['4财政拨款收支总表', 195, 241],
  ['表五', 242, 285], ['六', 286, 323], ['7', 324, 336], ['8', 337, 348], ['9', 349, 361], ['10', 362, 376],
  ['11', 377, 387], ['12', 388, 410], ['13', 411, 429],
];

const wb = workbookFrom('001.xlsx', BLOCKS.map(([n, a, b]) => sheetFromSeedLines(FILE, n, a, b)));
const rec = recognise(wb);

test('every table is found, by title, whatever the sheet name', () => {
  for (const [i, [name]] of BLOCKS.entries()) expect(rec.locations[`T${i + 1}` as 'T1']).toEqual({ found: true, sheet: name });
  expect(rec.findings.filter((f) => f.rule === 'INPUT.missing_table')).toEqual([]);
  expect(rec.department).toBe('长治市民政局');
  expect(rec.year).toBe(2024);
});

test('表一 income and expenditure sides with their cells', () => {
  const t1 = rec.tables.T1!;
  expect(fmt2(t1.income.general!.value)).toBe('1500.11');
  expect(fmt2(t1.income.govFund!.value)).toBe('19.00');
  expect(fmt2(t1.income.incomeSum!.value)).toBe('1519.11');
  expect(fmt2(t1.income.carryover!.value)).toBe('280.66');
  expect(fmt2(t1.income.incomeTotal!.value)).toBe('1799.77');
  expect(t1.classes).toHaveLength(30);
  const social = t1.classes.find((c) => c.code === '208')!;
  expect([social.values.total, social.values.current, social.values.carryover].map((f) => fmt2(f!.value))).toEqual(['1548.68', '1448.68', '100.00']);
  expect(social.values.total!.cell).toMatch(/^D\d+$/);
  expect(fmt2(t1.expTotal!.values.total!.value)).toBe('1799.77');
  expect(fmt2(t1.expSum!.values.carryover!.value)).toBe('280.66');
});

test('表二 code rows, levels and fund columns', () => {
  const t2 = rec.tables.T2!;
  expect(t2.columns).toEqual(['total', 'general', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds', 'carryover']);
  expect(fmt2(t2.total!.values.total!.value)).toBe('1519.11');
  expect(fmt2(t2.total!.values.carryover!.value)).toBe('280.66');
  const r = t2.rows.find((x) => x.code === '2080201')!;
  expect(r.level).toBe(3);
  expect(r.name).toBe('行政运行');
  expect(fmt2(r.values.general!.value)).toBe('243.61');
  expect(t2.rows.filter((x) => x.level === 1).map((x) => x.code)).toEqual(['201', '205', '208', '210', '213', '221', '229']);
});

test('表三 / 表五 / 表八 basic and project columns', () => {
  expect(fmt2(rec.tables.T3!.total!.values.project!.value)).toBe('1377.22');
  expect(fmt2(rec.tables.T3!.total!.values.basic!.value)).toBe('422.55');
  expect(rec.tables.T5!.total).toBeDefined();
  expect(fmt2(rec.tables.T8!.total!.values.total!.value)).toBe('19.00');
  expect(fmt2(rec.tables.T7!.total!.values.amount!.value)).toBe('19.00');
  expect(rec.tables.T7!.rows.map((r) => r.code)).toEqual(['103', '10301', '1030155']);
});

test('表四 with the 上年财政拨款结转 sub-lines', () => {
  const t4 = rec.tables.T4!;
  expect(t4.income.general).toBeDefined();
  expect(t4.classes).toHaveLength(30);
  expect(t4.expTotal).toBeDefined();
});

test('表六 classes and items', () => {
  const t6 = rec.tables.T6!;
  expect(fmt2(t6.total!.values.total!.value)).toBe('422.55');
  expect(fmt2(t6.total!.values.public!.value)).toBe('69.90');
  expect(t6.rows.filter((r) => r.kind === 'class').map((r) => r.name)).toEqual(['工资福利支出', '商品和服务支出', '对个人和家庭的补助']);
  const reception = t6.rows.find((r) => r.name === '公务接待费')!;
  expect(reception.className).toBe('商品和服务支出');
  expect(fmt2(reception.values.public!.value)).toBe('1.50');
});

test('表九 empty with its note, 表十 lines, 表十一 units', () => {
  expect(rec.tables.T9!.noDataNote).toBe(true);
  expect(fmt2(rec.tables.T10!.lines.reception!.values.total!.value)).toBe('1.50');
  expect(fmt2(rec.tables.T10!.lines.total!.values.general!.value)).toBe('1.50');
  expect(fmt2(rec.tables.T11!.deptTotal!.values.total!.value)).toBe('69.90');
  expect(rec.tables.T11!.units.map((u) => u.name)).toEqual(['长治市民政局']);
});

test('表十二: the unit row and its 12 projects', () => {
  const t12 = rec.tables.T12!;
  expect(t12.rows[0]).toMatchObject({ kind: 'department', name: '长治市民政局' });
  const projects = t12.rows.filter((r) => r.kind === 'project');
  expect(projects).toHaveLength(12);
  expect(fmt2(sum(projects.map((p) => p.values.total!.value)))).toBe('1096.55');
  expect(projects.every((p) => p.unit === '长治市民政局')).toBe(true);
  expect(fmt2(rec.tables.T13!.rows[0].values.total!.value)).toBe('280.66');
});

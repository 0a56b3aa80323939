/**
 * The recognisers on the seed workbooks in every layout (fixtures/workbooks/<seed>-<layout>.xlsx, built by
 * scripts/fixtures/build.ts from fixtures/seeds/<seed>.json): every figure of every table and every target
 * sheet's 项目名称 and 资金总额 must come back as the seed prints it, whatever the layout.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parseAmount, ZERO, type Money } from '../../src/model/money';
import { recognise } from '../../src/tables/recognise';
import type { Recognised } from '../../src/tables/recognised';
import { projectKey, splitCodeName, stripNumbering, keyText } from '../../src/tables/text';
import type { CodeTable, Figure, TableId } from '../../src/tables/types';
import { readWorkbookFile } from '../../src/xlsx/read';
import type { SeedWorkbook } from '../../scripts/fixtures/seed-model';

const ROOT = path.resolve(__dirname, '../..');
const WORKBOOKS = path.join(ROOT, 'fixtures/workbooks');
const files = existsSync(WORKBOOKS) ? readdirSync(WORKBOOKS).filter((f) => f.endsWith('.xlsx')).sort() : [];

function amount(s: string | undefined): Money {
  const p = parseAmount(s ?? '');
  return p.kind === 'number' ? p.value : ZERO;
}
function val(f: Figure | undefined): string {
  return (f?.value ?? ZERO).toFixed(2);
}
function exp(s: string | undefined): string {
  return amount(s).toFixed(2);
}

const CODE_COLUMNS: Partial<Record<TableId, string[]>> = {
  T2: ['total', 'general', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds', 'carryover'],
  T3: ['total', 'basic', 'project'],
  T5: ['total', 'basic', 'project'],
  T7: ['amount'],
  T8: ['total', 'basic', 'project'],
};

function checkCodeTable(id: TableId, table: CodeTable<string> | undefined, rows: string[][]) {
  expect(table).toBeDefined();
  const cols = CODE_COLUMNS[id]!;
  for (const r of rows) {
    const isTotal = r[0] === '' && keyText(r[1]) === '合计';
    const got = isTotal ? table!.total : table!.rows.find((x) => x.code === r[0]);
    expect({ id, code: r[0], found: !!got }).toEqual({ id, code: r[0], found: true });
    cols.forEach((c, i) => expect({ id, code: r[0], c, v: val(got!.values[c]) }).toEqual({ id, code: r[0], c, v: exp(r[2 + i]) }));
  }
  expect(table!.rows).toHaveLength(rows.filter((r) => r[0] !== '').length);
}

function checkSummaryTable(id: 'T1' | 'T4', rec: Recognised, rows: string[][]) {
  const t = rec.tables[id]!;
  expect(t).toBeDefined();
  const expCols = id === 'T1' ? ['total', 'current', 'carryover'] : ['subtotal', 'general', 'govFund', 'stateCapital'];
  for (const r of rows) {
    const name = keyText(stripNumbering(r[2] ?? ''));
    const cls = t.classes.find((c) => c.name === name);
    if (!cls) continue;
    expCols.forEach((c, i) => expect({ id, name, c, v: val((cls.values as Record<string, Figure>)[c]) }).toEqual({ id, name, c, v: exp(r[3 + i]) }));
  }
  expect(t.classes).toHaveLength(30);
  const byLabel = (re: RegExp) => rows.find((r) => re.test(keyText(stripNumbering(r[0]))));
  expect(val(t.income.general)).toBe(exp(byLabel(/^一般公共预算/)?.[1]));
  expect(val(t.income.incomeSum)).toBe(exp(byLabel(/^本年收入合计/)?.[1]));
  expect(val(t.income.incomeTotal)).toBe(exp(byLabel(/^收入总计/)?.[1]));
  const total = rows.find((r) => /^支出总计/.test(keyText(r[2] ?? '')));
  expCols.forEach((c, i) => expect(val((t.expTotal!.values as Record<string, Figure>)[c])).toBe(exp(total?.[3 + i])));
}

describe.each(files)('%s', (file) => {
  const seed: SeedWorkbook = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/seeds', `${file.split('-')[0]}.json`), 'utf8'));
  let rec: Recognised;
  beforeAll(async () => {
    rec = recognise(await readWorkbookFile(path.join(WORKBOOKS, file)));
  });

  test('finds exactly the seed’s tables, with no reading problem', () => {
    for (const id of Object.keys(rec.locations) as TableId[]) expect([id, rec.locations[id].found]).toEqual([id, !!seed.tables[id]]);
    expect(rec.findings.filter((f) => f.rule !== 'INPUT.missing_table')).toEqual([]);
  });

  const tables = seed.tables;
  if (Object.keys(tables).length) {
    test('表一 and 表四: income lines, all 30 classes, totals', () => {
      checkSummaryTable('T1', rec, tables.T1!.rows);
      checkSummaryTable('T4', rec, tables.T4!.rows);
    });
    test('表二 三 五 七 八: every code row, every column', () => {
      for (const id of ['T2', 'T3', 'T5', 'T7', 'T8'] as const) checkCodeTable(id, rec.tables[id] as CodeTable<string>, tables[id]!.rows);
    });
    test('表六: every row', () => {
      const t6 = rec.tables.T6!;
      const all = [t6.total!, ...t6.rows];
      expect(all).toHaveLength(tables.T6!.rows.length);
      tables.T6!.rows.forEach((r, i) => {
        expect(keyText(all[i].name)).toBe(keyText(splitCodeName(r[0]).name === '合计' ? '合计' : splitCodeName(r[0]).name));
        expect([val(all[i].values.total), val(all[i].values.personnel), val(all[i].values.public)]).toEqual([exp(r[2]), exp(r[3]), exp(r[4])]);
      });
    });
    test('表十 and 表十一', () => {
      const lines = Object.values(rec.tables.T10!.lines);
      for (const r of tables.T10!.rows) {
        const line = lines.find((l) => keyText(l!.label.text) === keyText(r[0]));
        expect(line).toBeDefined();
        expect(val(line!.values.total)).toBe(exp(r[1]));
      }
      const t11 = rec.tables.T11!;
      const units = tables.T11!.rows.slice(1).filter((r) => r[0]);
      expect(t11.units.map((u) => u.name)).toEqual(units.map((r) => r[0]));
      expect(val(t11.deptTotal?.values.total)).toBe(exp(tables.T11!.rows[0][1]));
      expect(t11.noDataNote).toBe(!!tables.T11!.noData);
    });
    test('表十二 and 表十三: every row, its kind and every fund column', () => {
      for (const id of ['T12', 'T13'] as const) {
        const t = rec.tables[id]!;
        const cols = id === 'T12' ? ['total', 'general', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] : ['total', 'general', 'govFund', 'stateCapital'];
        const rows = tables[id]!.rows;
        expect(t.rows.map((r) => r.name.trim())).toEqual(rows.map((r) => r[1].trim()));
        const kinds = rows.map((r) => (r[0] === '0' ? 'department' : r[0] === '1' ? 'unit' : 'project'));
        expect(t.rows.map((r) => r.kind)).toEqual(kinds);
        rows.forEach((r, i) => cols.forEach((c, j) => expect([id, i, c, val((t.rows[i].values as Record<string, Figure>)[c])]).toEqual([id, i, c, exp(r[2 + j])])));
      }
    });
  }

  test('every target sheet: 项目名称 and 资金总额', () => {
    expect(rec.targets).toHaveLength(seed.targets.length);
    seed.targets.forEach((t, i) => {
      const got = rec.targets[i];
      expect(projectKey(got.projectName?.text ?? '')).toBe(projectKey(t.projectName));
      expect(val(got.annualFunds.total)).toBe(exp(t.annualFunds.total));
      if (t.periodFunds) expect(val(got.periodFunds.total)).toBe(exp(t.periodFunds.total));
    });
  });

  if (seed.summary) {
    test('the 民生领域重大事项 summary list', () => {
      expect(rec.summary?.rows.map((r) => [r.project.text, val(r.amount)])).toEqual(seed.summary!.rows.map((r) => [r.project, exp(r.amount)]));
    });
  }
});

test('fixtures exist for every seed in every layout', () => {
  expect(files.length).toBeGreaterThanOrEqual(12);
});

/**
 * Last year's disclosure as input (issue 15, item 2). For every seed, the previous year's workbook is built here
 * from the seed's fixture workbook with ExcelJS: the amounts of 表一, 表五, 表十 and 表十一 scaled (each table by its
 * own factor, rounded to 0.01 as a finance system prints), "2024" → "2023" in the captions, one 表五 类 renamed
 * and another recoded. The generated 情况说明 must then hold no 【请填写】 for a 比上年 figure the two years'
 * tables determine, each change and rate exactly what Decimal arithmetic on the written cells gives; the check
 * must find the seed's own 比上年 figures wrong against that workbook, and raise nothing on the generated text.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { check, narrative, recognise } from '../../src/engine';
import { Decimal } from '../../src/model/money';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import { narrativeLines } from '../../src/narrative/generate';
import { previousRules } from '../../src/rules/narrative/previous';
import { runRuleList } from '../../src/rules/rule';
import type { Recognised } from '../../src/tables/recognised';
import type { Figure } from '../../src/tables/types';
import { readWorkbookFile } from '../../src/xlsx/read';
import { ROOT, SEEDS, type Seed } from './helpers';

/** Each table's factor: changes of −8 %, +25 %, −50 % and +10 % against this year (a decrease from last year). */
const FACTORS: Record<'T1' | 'T5' | 'T10' | 'T11', string> = { T1: '1.08', T5: '0.8', T10: '2', T11: '0.91' };

interface Built {
  file: string;
  snapshot: WorkbookSnapshot;
  /** What was written into each scaled cell ("sheet!A1" → the number), as the test computes it. */
  written: Map<string, Decimal>;
  renamed?: { code: string; from: string; to: string };
  recoded?: { name: string; from: string; to: string };
}

let dir: string;
const built = new Map<Seed, Built>();
const recs = new Map<Seed, Recognised>();
const snaps = new Map<Seed, WorkbookSnapshot>();

/** The previous year's workbook of a seed, written with ExcelJS. */
async function buildPrevious(seed: Seed): Promise<Built> {
  const src = path.join(ROOT, 'fixtures/workbooks', `${seed}-standard.xlsx`);
  const rec = recs.get(seed)!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(src) as unknown as ArrayBuffer);
  const written = new Map<string, Decimal>();
  const year = String(rec.year);
  const lastYear = String(rec.year! - 1);
  const factorOf = new Map<string, Decimal>();
  for (const id of Object.keys(FACTORS) as (keyof typeof FACTORS)[]) {
    const loc = rec.locations[id];
    if (loc.found && loc.sheet) factorOf.set(loc.sheet, new Decimal(FACTORS[id]));
  }
  wb.eachSheet((ws) => {
    const f = factorOf.get(ws.name);
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'number' && f) {
          const v = new Decimal(cell.value).times(f).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
          cell.value = v.toNumber();
          written.set(`${ws.name}!${cell.address}`, v);
        } else if (typeof cell.value === 'string' && cell.value.includes(year)) cell.value = cell.value.split(year).join(lastYear);
      }),
    );
  });
  const out: Built = { file: '', snapshot: undefined as unknown as WorkbookSnapshot, written };
  // One 类 of 表五 renamed (same code), another recoded (same name, a code this year's 表五 does not use).
  const classes = (rec.tables.T5?.rows ?? []).filter((r) => r.level === 1 && r.values.total);
  const t5 = wb.getWorksheet(rec.tables.T5!.sheet)!;
  if (classes.length >= 2) {
    const a = classes[0];
    t5.getCell(a.label.row, a.label.col + 1).value = `${a.name.trim()}（旧称）`;
    out.renamed = { code: a.code, from: `${a.name.trim()}（旧称）`, to: a.name.trim() };
    const b = classes[1];
    const unused = ['230', '231', '232'].find((c) => !classes.some((x) => x.code === c))!;
    t5.getCell(b.label.row, b.label.col).value = unused;
    out.recoded = { name: b.name.trim(), from: unused, to: b.code };
  }
  out.file = path.join(dir, `${seed}-上年.xlsx`);
  await wb.xlsx.writeFile(out.file);
  out.snapshot = await readWorkbookFile(out.file);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'narrative-previous-'));
  for (const seed of SEEDS) {
    const snap = await readWorkbookFile(path.join(ROOT, 'fixtures/workbooks', `${seed}-standard.xlsx`));
    snaps.set(seed, snap);
    recs.set(seed, recognise(snap));
    built.set(seed, await buildPrevious(seed));
  }
}, 120000);
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

const wan = (d: Decimal) => {
  const s = d.abs().toFixed(2);
  const [i, f] = s.split('.');
  return d.isZero() ? '0' : `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
};

/** The 比上年 clause the generator must write for this year's figure `cur` and the cell written last year. */
function expectedClause(b: Built, cur: Figure | undefined, withRate: boolean): string | undefined {
  if (!cur) return undefined;
  const last = b.written.get(`${cur.sheet}!${cur.cell}`);
  if (last === undefined) return undefined;
  const c = cur.value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const change = c.minus(last);
  if (change.isZero()) return '与上年预算数相同';
  const up = change.isPositive();
  let s = `比上年${up ? '增加' : '减少'}${wan(change)}万元`;
  if (withRate && !last.isZero()) s += `，${up ? '增长' : '下降'}${change.abs().div(last).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;
  return s;
}

describe.each([...SEEDS])('seed %s with a previous-year workbook', (seed) => {
  test('the generated narrative computes every 比上年 figure the tables determine, exactly', () => {
    const b = built.get(seed)!;
    const rec = recognise(snaps.get(seed)!, { previous: { snapshot: b.snapshot, file: path.basename(b.file) } });
    const g = narrative(snaps.get(seed)!, rec);
    // No placeholder asks for last year's amounts: the tables of both years determine them all.
    const asks = g.markdown.match(/【请填写：[^】]*】/g) ?? [];
    expect(asks.filter((p) => /上年/.test(p))).toEqual([]);
    const t = rec.tables;
    const text = (id: string) => g.sections.find((s) => s.id === id)!.paragraphs.join('\n');
    const clauses: [string, Figure | undefined, boolean][] = [
      ['一', t.T1?.income.incomeTotal, true],
      ['一', t.T1?.expTotal?.values.total, true],
      ['五', t.T5?.total?.values.total, true],
      ['七', t.T10?.lines.total?.values.total, false],
      ['七', t.T10?.lines.reception?.values.total, false],
      ['八', t.T11?.deptTotal?.values.total, true],
    ];
    let checked = 0;
    for (const [id, fig, withRate] of clauses) {
      const want = expectedClause(b, fig, withRate);
      if (!want) continue;
      checked++;
      expect(text(id)).toContain(`${wan(fig!.value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP))}万元`);
      expect(text(id)).toContain(want);
    }
    expect(checked).toBeGreaterThanOrEqual(4);
    // The renamed and the recoded 类 are reported to the clerk.
    expect(g.notes).toEqual(expect.arrayContaining([expect.stringContaining(`上年为“${b.renamed!.from}”`), expect.stringContaining(`上年为 ${b.recoded!.from}`)]));
  });

  test('the check: the seed’s own 比上年 figures are wrong against last year’s tables; the generated text raises nothing', () => {
    const b = built.get(seed)!;
    const previous = { snapshot: b.snapshot, file: path.basename(b.file) };
    const own = check(snaps.get(seed)!, previousRules, { previous }).findings;
    const wrong = own.filter((f) => f.rule === 'N.previous');
    expect(wrong.length).toBeGreaterThan(0);
    for (const f of wrong) {
      expect(f.severity).toBe('error');
      expect(f.sheet).toBe('情况说明');
      expect(f.message).toContain(path.basename(b.file));
    }
    // 一's change against the tables: this year's 收入总计 less last year's written cell.
    const inc = recs.get(seed)!.tables.T1!.income.incomeTotal!;
    const last = b.written.get(`${inc.sheet}!${inc.cell}`)!;
    const change = inc.value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).minus(last);
    expect(wrong.map((f) => f.expected)).toContain(`${change.isNegative() ? '减少' : '增加'}${wan(change)}万元`);
    const classes = own.filter((f) => f.rule === 'N.previous_class');
    expect(classes.map((f) => f.message)).toEqual([
      expect.stringContaining(`上年公开文件（${path.basename(b.file)}）为“${b.renamed!.from}”`),
      expect.stringContaining(`上年公开文件（${path.basename(b.file)}）为 ${b.recoded!.from}`),
    ]);

    // The generated narrative, read back as the workbook's 情况说明, agrees with last year's tables.
    const rec = recognise(snaps.get(seed)!, { previous });
    const g = narrative(snaps.get(seed)!, rec);
    const paragraphs = narrativeLines(g).map((text, i) => ({ text, sheet: '情况说明', cell: `A${i + 1}`, row: i + 1, col: 1 }));
    const again = runRuleList(previousRules, { ...rec, narrative: { sheet: '情况说明', paragraphs } });
    expect(again.filter((f) => f.rule !== 'N.previous_class')).toEqual([]);
  });
});

describe('a change of 10 % or more needs a reason (threshold configurable)', () => {
  test('seed 000: 五 changed by 25 % without a reason → N.change_reason; at a 30 % threshold it is not raised', () => {
    const b = built.get('000')!;
    const snap = snaps.get('000')!;
    const at = (changeThreshold?: number) =>
      check(snap, previousRules, { previous: { snapshot: b.snapshot, file: '上年.xlsx', changeThreshold } }).findings.filter((f) => f.rule === 'N.change_reason');
    const t5 = recs.get('000')!.tables.T5!.total!.values.total!;
    const last = b.written.get(`${t5.sheet}!${t5.cell}`)!;
    const rate = t5.value.minus(last).abs().div(last).times(100);
    expect(rate.gte(10) && rate.lt(30)).toBe(true);
    const five = (fs: ReturnType<typeof at>) => fs.filter((f) => f.message.includes('一般公共预算当年支出'));
    expect(five(at())).toHaveLength(1);
    expect(five(at())[0]).toMatchObject({ severity: 'warning', sheet: '情况说明' });
    expect(five(at(30))).toEqual([]);
    // 七 doubled (+100 %): raised at both thresholds, wherever the text gives no reason.
    expect(at(30).length).toBeGreaterThan(0);
  });
});

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
import { generateNarrative, narrativeLines } from '../../src/narrative/generate';
import { narrativeRules } from '../../src/rules/narrative';
import { previousOf, previousRules } from '../../src/rules/narrative/previous';
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

// ---------------------------------------------------------------------------------------------------------------
// 表五's 类 with last year's 表五 (issue 15 follow-up): each 类's 比上年 amount and rate, in the generated 五 and
// checked in an existing one; a change of 10 % or more the narrative does not explain is N.change_reason.

/** This year's 类 of 表五 with last year's amount as the test wrote it (the same cell, scaled). */
function classesOf(seed: Seed) {
  const b = built.get(seed)!;
  const rows = (recs.get(seed)!.tables.T5?.rows ?? []).filter((r) => r.level === 1 && r.values.total);
  // A 类 whose cell holds no number (an empty amount read as 0) was not scaled: 0 in both years.
  for (const r of rows) if (!b.written.has(`${r.values.total!.sheet}!${r.values.total!.cell}`)) expect(r.values.total!.value.isZero()).toBe(true);
  return rows
    .filter((r) => b.written.has(`${r.values.total!.sheet}!${r.values.total!.cell}`))
    .map((r) => {
      const cur = r.values.total!;
      const last = b.written.get(`${cur.sheet}!${cur.cell}`)!;
      const c = cur.value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      const change = c.minus(last);
      return { name: r.name.trim(), cur: c, last, change, rate: last.isZero() ? undefined : change.abs().div(last).times(100) };
    });
}

function changeText(c: ReturnType<typeof classesOf>[number]): string {
  if (c.change.isZero()) return `${c.name}${wan(c.cur)}万元，与上年预算数相同`;
  const up = c.change.isPositive();
  const rate = c.rate ? `，${up ? '增长' : '下降'}${c.rate.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%` : '';
  return `${c.name}${c.cur.isZero() ? '0' : wan(c.cur)}万元，比上年${up ? '增加' : '减少'}${wan(c.change)}万元${rate}`;
}

/** The seed's own narrative (its 情况说明 sheet) with `edit` applied to the joined text, as paragraphs of one cell each. */
function edited(seed: Seed, edit: (text: string) => string) {
  const rec = recs.get(seed)!;
  const text = edit(rec.narrative!.paragraphs.map((p) => p.text).join('\n'));
  return text.split('\n').map((t, i) => ({ text: t, sheet: '情况说明', cell: `A${i + 1}`, row: i + 1, col: 1 }));
}

function runOn(seed: Seed, paragraphs: ReturnType<typeof edited>, changeThreshold?: number) {
  const b = built.get(seed)!;
  const rec = recognise(snaps.get(seed)!, { previous: { snapshot: b.snapshot, file: path.basename(b.file), changeThreshold } });
  return runRuleList(previousRules, { ...rec, narrative: { sheet: '情况说明', paragraphs } });
}

describe.each([...SEEDS])('seed %s: 表五 类 against last year', (seed) => {
  test('the generated 五 states each 类’s change and rate exactly, and asks only for the reasons', () => {
    const b = built.get(seed)!;
    const rec = recognise(snaps.get(seed)!, { previous: { snapshot: b.snapshot, file: path.basename(b.file) } });
    const g = narrative(snaps.get(seed)!, rec);
    const five = g.sections.find((s) => s.id === '五')!.paragraphs.join('\n');
    const classes = classesOf(seed).filter((c) => !c.cur.isZero() || !c.last.isZero());
    expect(classes.length).toBeGreaterThanOrEqual(2);
    for (const c of classes) expect(five).toContain(changeText(c));
    // The engine's rates are the exact quotients (Decimal), not rounded ones.
    const y = previousOf(rec)!;
    for (const c of classes) {
      const line = y.classLines.find((l) => l.name === c.name)!;
      expect(line.change.eq(c.change)).toBe(true);
      if (c.rate) expect(line.rate!.eq(c.rate)).toBe(true);
    }
    // No placeholder for a 类's amount, change or rate: only each changed 类's reason (25 % ≥ 10 %) is asked for.
    const asks = g.markdown.match(/【请填写：[^】]*】/g) ?? [];
    for (const c of classes) {
      expect(asks.filter((p) => p.includes(c.name))).toEqual(c.change.isZero() ? [] : [`【请填写：${c.name}变动原因】`]);
    }
  });

  test('the check: the seed’s 五 lists the 类 without a reason → N.change_reason for each; a reason given clears it', () => {
    const classes = classesOf(seed).filter((c) => !c.cur.isZero() && !c.change.isZero());
    const own = runOn(seed, edited(seed, (t) => t)).filter((f) => f.rule === 'N.change_reason');
    for (const c of classes) {
      const f = own.filter((x) => x.message.includes(`中${c.name}比上年`));
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ severity: 'warning', sheet: '情况说明' });
      // Names the line, both years' amounts and the rate.
      expect(f[0].message).toContain(`本年${wan(c.cur)}万元`);
      expect(f[0].message).toContain(`${wan(c.last)}万元`);
      expect(f[0].message).toContain(`${c.change.isNegative() ? '下降' : '增长'}${c.rate!.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`);
    }
    // A mutation of the seed's 五 (二) that explains the largest 类: its change and rate are right and its reason
    // given (“主要原因是…”) → neither N.previous nor N.change_reason for it; its reason dropped → N.change_reason.
    const top = [...classes].sort((a, b) => b.cur.comparedTo(a.cur))[0];
    const item = new RegExp(`${top.name}[\\s\\d,.]+万元[，,]占[\\s\\d.]+%`);
    /** `edit` applied to 五 (二)'s list only (四 names the same 类). */
    const inFive = (edit: (list: string) => string) =>
      edited(seed, (t) => {
        const at = t.lastIndexOf('主要用于以下方面');
        expect(at).toBeGreaterThan(0);
        expect(item.test(t.slice(at))).toBe(true);
        return t.slice(0, at) + edit(t.slice(at));
      });
    const tail = changeText(top).slice(`${top.name}${wan(top.cur)}万元`.length);
    const withReason = inFive((t) => t.replace(item, (m) => `${m}${tail}，主要原因是低保标准提高`));
    expect(runOn(seed, withReason).filter((f) => f.message.includes(`中${top.name}`))).toEqual([]);
    const noReason = inFive((t) => t.replace(item, (m) => `${m}${tail}`));
    expect(runOn(seed, noReason).filter((f) => f.message.includes(`中${top.name}`)).map((f) => f.rule)).toEqual(['N.change_reason']);
    // A stated 类 rate that disagrees with the two 表五 → N.previous (错误), naming the exact rate.
    const wrong = inFive((t) => t.replace(item, (m) => `${m}${tail.replace(/(增长|下降)[\d.]+%/, (_, w: string) => `${w}20.00%`)}，主要原因是低保标准提高`));
    const c = runOn(seed, wrong).filter((f) => f.rule === 'N.previous' && f.message.includes(`中${top.name}`));
    expect(c).toHaveLength(1);
    expect(c[0].expected).toBe(`${top.change.isNegative() ? '下降' : '增长'}${top.rate!.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`);
    expect(c[0].actual).toBe(`${top.change.isNegative() ? '下降' : '增长'}20.00%`);
    // A wrong 类 amount of change → N.previous naming the right one.
    const wrongChange = inFive((t) => t.replace(item, (m) => `${m}，比上年增加1.00万元，主要原因是低保标准提高`));
    const e = runOn(seed, wrongChange).filter((f) => f.rule === 'N.previous' && f.message.includes(`中${top.name}`));
    expect(e.map((f) => f.expected)).toEqual([`${top.change.isNegative() ? '减少' : '增加'}${wan(top.change)}万元`]);
    // The 类 dropped from 五's list altogether: reported as not mentioned, at 五's heading.
    const dropped = inFive((t) => t.replace(new RegExp(`[；;]?${item.source}`), ''));
    const d = runOn(seed, dropped).filter((f) => f.rule === 'N.change_reason' && f.message.includes(top.name));
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain(`没有提到${top.name}的变动`);
  });

  test('the seed’s 一 gives its reasons: at a 5 % threshold 收入总计 and 支出总计 are not flagged', () => {
    const fs = runOn(seed, edited(seed, (t) => t), 5).filter((f) => f.rule === 'N.change_reason');
    expect(fs.filter((f) => /收入总计|支出总计/.test(f.message))).toEqual([]);
    // Mutation: 一's 收入 change and its reason dropped → N.change_reason on 收入总计 (a 7.41 % change ≥ 5 %).
    const dropped = edited(seed, (t) => {
      const u = t.replace(/[，,]比上年(减少|增加)[\s\d,.]+万元[\s，,]*(下降|增长)[\d.]+%[，,]主要原因[^；]*；/, '；');
      expect(u).not.toBe(t);
      return u;
    });
    const inc = runOn(seed, dropped, 5).filter((f) => f.rule === 'N.change_reason' && /收入总计/.test(f.message));
    expect(inc).toHaveLength(1);
    expect(inc[0].message).toMatch(/中收入总计比上年(减少|增加)[\d,.]+万元（.*(下降|增长)7\.41%，变动达到5%）/);
    // Mutation: 八's text removed under its heading → 机关运行经费 not mentioned (its +9.89 % ≥ 5 %), at the heading.
    const noEight = edited(seed, (t) => {
      const u = t.replace(/(\n八[、.．][^\n]*\n)[\s\S]*?(?=\n九[、.．])/, '$1');
      expect(u).not.toBe(t);
      return u;
    });
    const eight = runOn(seed, noEight, 5).filter((f) => f.rule === 'N.change_reason' && f.message.includes('机关运行经费'));
    const b0 = built.get(seed)!;
    const op = previousOf(recognise(snaps.get(seed)!, { previous: { snapshot: b0.snapshot, file: 'x.xlsx' } }))!.lines.find((l) => l.id === 'operation')!;
    if (op.change.isZero()) expect(eight).toEqual([]); // 表十一 0 in both years (seed 000): nothing changed, nothing to explain
    else {
      expect(eight).toHaveLength(1);
      expect(eight[0].message).toContain('没有提到机关运行经费的变动');
    }
    expect(runOn(seed, noEight, 10).filter((f) => f.rule === 'N.change_reason' && f.message.includes('机关运行经费'))).toEqual([]);
    // …and the generated narrative, its reasons filled in, raises no N.change_reason at all.
    const b = built.get(seed)!;
    const rec = recognise(snaps.get(seed)!, { previous: { snapshot: b.snapshot, file: path.basename(b.file), changeThreshold: 5 } });
    const g = narrative(snaps.get(seed)!, rec);
    const text = narrativeLines(g).map((l) => l.replace(/【请填写：([^】]*)变动原因】/g, '$1调整'));
    const again = runRuleList(previousRules, { ...rec, narrative: { sheet: '情况说明', paragraphs: text.map((t, i) => ({ text: t, sheet: '情况说明', cell: `A${i + 1}`, row: i + 1, col: 1 })) } });
    expect(again.filter((f) => f.rule === 'N.change_reason')).toEqual([]);
  });
});

describe('the generated narrative with last year’s 类, read back by every N.* rule', () => {
  test.each([...SEEDS])('seed %s: no 错误 and no N.change_reason / N.growth on the 类 clauses', (seed) => {
    const b = built.get(seed)!;
    const rec = recognise(snaps.get(seed)!, { previous: { snapshot: b.snapshot, file: path.basename(b.file) } });
    const g = narrative(snaps.get(seed)!, rec);
    const paragraphs = narrativeLines(g).map((text, i) => ({ text, sheet: '情况说明', cell: `A${i + 1}`, row: i + 1, col: 1 }));
    const all = runRuleList(narrativeRules, { ...rec, narrative: { sheet: '情况说明', paragraphs } });
    const five = paragraphs.filter((p) => p.text.includes('其中：') && p.text.includes('一般公共预算当年支出')).map((p) => p.cell);
    expect(five).toHaveLength(1);
    expect(all.filter((f) => f.severity === 'error')).toEqual([]);
    // On 五 (一), only the reasons still to fill in (N.placeholder): every figure there agrees with both years' tables.
    expect(all.filter((f) => f.cells.some((c) => five.includes(c)) && f.rule !== 'N.placeholder')).toEqual([]);
    expect(all.filter((f) => f.rule === 'N.placeholder' && five.includes(f.cells[0])).length).toBeGreaterThanOrEqual(2);
  });

  test('a 类 last year’s 表五 does not list: “上年无此类支出”, no rate, its reason asked for; listed without one in the seed’s 五 → N.change_reason (上年为0)', () => {
    const seed = '002';
    const b = built.get(seed)!;
    const prev = recognise(b.snapshot);
    const t5 = prev.tables.T5!;
    const gone = t5.rows.find((r) => r.level === 1 && r.values.total && !r.values.total.value.isZero() && r.code !== b.renamed!.code && r.code !== b.recoded!.from)!;
    const without = { ...prev, tables: { ...prev.tables, T5: { ...t5, rows: t5.rows.filter((r) => r !== gone) } } };
    const rec = { ...recognise(snaps.get(seed)!), previous: { recognised: without, file: '上年.xlsx' } };
    const y = previousOf(rec)!;
    const line = y.classLines.find((c) => c.name === gone.name.trim())!;
    expect(line.pair).toBeUndefined();
    expect(line.last.value.isZero()).toBe(true);
    expect(line.rate).toBeUndefined();
    expect(line.change.eq(line.current.value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP))).toBe(true);
    const g = generateNarrative(rec);
    const five = g.sections.find((s) => s.id === '五')!.paragraphs.join('\n');
    expect(five).toContain(`${gone.name.trim()}${wan(line.current.value)}万元，上年无此类支出，主要原因是【请填写：${gone.name.trim()}变动原因】`);
    // The seed's own text lists the 类 in 五 (二) without a reason: a change from a zero base always needs one.
    const fs = runRuleList(previousRules, rec).filter((f) => f.rule === 'N.change_reason' && f.message.includes(`中${gone.name.trim()}`));
    expect(fs).toHaveLength(1);
    expect(fs[0].message).toContain('上年为0');
  });

  test('a 类 only last year’s 表五 lists: “0万元，比上年减少L万元，下降100.00%”, its reason asked for; the check names it', () => {
    const seed = '002';
    const b = built.get(seed)!;
    const cur = recognise(snaps.get(seed)!);
    const t5 = cur.tables.T5!;
    const level1 = t5.rows.filter((r) => r.level === 1 && r.values.total && !r.values.total.value.isZero());
    expect(level1.length).toBeGreaterThanOrEqual(3);
    const gone = level1[2]; // not the renamed (first) or the recoded (second) 类
    const last = b.written.get(`${gone.values.total!.sheet}!${gone.values.total!.cell}`)!;
    const rec = {
      ...cur,
      tables: { ...cur.tables, T5: { ...t5, rows: t5.rows.filter((r) => r !== gone) } },
      previous: { recognised: recognise(b.snapshot), file: '上年.xlsx' },
    };
    const line = previousOf(rec)!.classLines.find((c) => c.name === gone.name.trim())!;
    expect(line.status).toBe('dropped');
    expect(line.current.figure).toBeUndefined();
    expect(line.change.eq(last.negated())).toBe(true);
    expect(line.rate!.eq(100)).toBe(true);
    const five = generateNarrative(rec).sections.find((s) => s.id === '五')!.paragraphs.join('\n');
    expect(five).toContain(`${gone.name.trim()}0万元，比上年减少${wan(last)}万元，下降100.00%，主要原因是【请填写：${gone.name.trim()}变动原因】`);
    const fs = runRuleList(previousRules, rec).filter((f) => f.rule === 'N.change_reason' && f.message.includes(gone.name.trim()));
    expect(fs).toHaveLength(1);
    expect(fs[0].message).toContain(`比上年减少${wan(last)}万元（本年0万元`);
    expect(fs[0].message).toContain('下降100.00%');
  });
});

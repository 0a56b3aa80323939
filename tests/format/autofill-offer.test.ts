/**
 * What 自动填充合计 offers (issue 11 item 7), on every fixture workbook and on mutants with wrong and blanked totals:
 * 同时覆盖错误数值 never overwrites a 舍位 difference, and every value offered for a cell equals the 应为 of the finding
 * stated at that cell (when the figures it is computed from are not themselves being filled) — the preview the pane
 * and the page show is `result.applied`, so this is what the clerk confirms.
 */
import fs from 'fs';
import path from 'path';
import { autoFill, check } from '../../src/engine';
import { ROUNDING_KEPT } from '../../src/fixes/autofill';
import { isRounding } from '../../src/format/view';
import type { Finding } from '../../src/model/finding';
import { money } from '../../src/model/money';
import { getCell, setCell, type WorkbookSnapshot } from '../../src/model/snapshot';
import { recognise } from '../../src/tables/recognise';
import { readWorkbookFile } from '../../src/xlsx/read';
import { Mutable, Rng } from '../fuzz/mutate';

const DIR = path.resolve(__dirname, '../../fixtures/workbooks');
const FILES = fs.readdirSync(DIR).filter((f) => /-(standard|variant)\.xlsx$/.test(f)).sort();

const key = (s: string, c: string) => `${s}!${c}`;

/** Totals of the recognised tables made wrong (+1 万元) or blanked, so that overwrite and blank fills are offered. */
function withWrongTotals(wb: WorkbookSnapshot, rng: Rng): WorkbookSnapshot {
  const rec = recognise(wb);
  const m = new Mutable(wb);
  // Number cells of the sheets holding the 13 tables.
  const tableSheets = new Set(Object.values(rec.locations).filter((l) => l?.found && l.sheet).map((l) => l!.sheet!));
  const figures: { si: number; row: number; col: number }[] = [];
  wb.sheets.forEach((s, si) => {
    if (!tableSheets.has(s.name)) return;
    s.rows.forEach((r, ri) => (r ?? []).forEach((c, ci) => typeof c?.value === 'number' && !c.formula && figures.push({ si, row: ri + 1, col: ci + 1 })));
  });
  for (let i = 0; i < 8 && figures.length; i++) {
    const { si, row, col } = rng.pick(figures);
    const f = { row };
    const sheet = m.sheet(si);
    const before = getCell(sheet, f.row, col);
    if (typeof before?.value !== 'number' || before.formula) continue;
    setCell(sheet, f.row, col, { ...before, value: rng.chance(0.5) ? before.value + 1 : null });
  }
  return m.finish();
}

function offerProblems(wb: WorkbookSnapshot): { problems: string[]; offered: number; keptRounding: number } {
  const findings: Finding[] = check(wb).findings;
  const { result } = autoFill(wb, { overwrite: true });
  const byCell = new Map<string, Finding>();
  for (const f of findings) if (f.fix && f.severity !== 'info' && !byCell.has(key(f.fix.sheet, f.fix.cell))) byCell.set(key(f.fix.sheet, f.fix.cell), f);
  const filled = new Set(result.applied.map((a) => key(a.sheet, a.cell)));
  const problems: string[] = [];
  let offered = 0;
  for (const fix of result.applied) {
    const f = byCell.get(key(fix.sheet, fix.cell));
    if (f && isRounding(f) && fix.previous !== '') problems.push(`rounding difference overwritten: ${fix.sheet}!${fix.cell} ${fix.previous} → ${fix.value}`);
    if (!f || fix.from.some((src) => filled.has(src))) continue;
    offered++;
    if (f.expected === undefined || !money(fix.value).eq(money(f.expected))) problems.push(`${fix.sheet}!${fix.cell}: offered ${fix.value}, 应为 ${f.expected}`);
  }
  const keptRounding = result.skipped.filter((s) => s.reason === ROUNDING_KEPT).length;
  return { problems, offered, keptRounding };
}

const totals = { offered: 0, keptRounding: 0, roundingFixes: 0 };

test.each(FILES)('%s and mutants with wrong or blank totals: the offer equals 应为, never a 舍位 overwrite', async (file) => {
  const base = await readWorkbookFile(path.join(DIR, file));
  const rng = new Rng(1211 + file.length);
  const runs = [base, withWrongTotals(base, rng), withWrongTotals(base, rng)].map(offerProblems);
  expect(runs.flatMap((r) => r.problems)).toEqual([]);
  totals.offered += runs.slice(1).reduce((n, r) => n + r.offered, 0);
  totals.keptRounding += runs[0].keptRounding;
  totals.roundingFixes += check(base).findings.filter((f) => isRounding(f) && f.fix && f.fix.previous !== '').length;
});

test('the runs above exercised both: values offered on the mutants, 舍位 differences of the seeds kept', () => {
  expect(totals.offered).toBeGreaterThan(0);
  expect(totals.roundingFixes).toBeGreaterThan(0);
  expect(totals.keptRounding).toBeGreaterThan(0);
});

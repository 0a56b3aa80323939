/**
 * Mutation harness: takes each seed workbook, injects one fault at a time of every kind, and asserts the
 * checker reports it (a finding on the mutated cell, or naming it among the cells it was computed from, or
 * the rule a deletion must trigger). Seeds' own genuine findings are the baseline: a mutant is detected
 * when a finding appears that the unmutated workbook did not have.
 */
import * as path from 'path';
import { a1 } from '../../src/model/address';
import { getCell, setCell, type WorkbookSnapshot } from '../../src/model/snapshot';
import { cloneSnapshot } from '../../src/fixes/autofill';
import { check as checkWorkbook } from '../../src/engine';
import type { Finding } from '../../src/model/finding';
import { recognise } from '../../src/tables/recognise';
import type { Figure, Label, TableId } from '../../src/tables/types';
import { readWorkbookFile } from '../../src/xlsx/read';

const WORKBOOKS = path.resolve(__dirname, '../../fixtures/workbooks');

interface Mutant {
  kind: string;
  describe: string;
  apply(wb: WorkbookSnapshot): void;
  /** Detected when a new finding touches this cell, or has this rule. */
  cell?: { sheet: string; cell: string };
  rule?: string;
}

function key(f: Finding): string {
  return `${f.rule}|${f.sheet}|${f.cells.join(',')}|${f.actual ?? ''}|${f.expected ?? ''}`;
}

function touches(f: Finding, sheet: string, cell: string): boolean {
  if (f.sheet === sheet && f.cells.includes(cell)) return true;
  return (f.related ?? []).some((r) => r.sheet === sheet && r.cells.includes(cell));
}

function setNumber(sheet: string, cell: string, delta: number) {
  return (wb: WorkbookSnapshot) => {
    const s = wb.sheets.find((x) => x.name === sheet)!;
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    const row = Number(m[2]);
    const before = getCell(s, row, col);
    const n = typeof before?.value === 'number' ? before.value : Number(String(before?.value ?? '0').replace(/[,，\s]/g, '')) || 0;
    setCell(s, row, col, { value: Math.round((n + delta) * 100) / 100 });
  };
}

function setText(sheet: string, row: number, col: number, text: string) {
  return (wb: WorkbookSnapshot) => setCell(wb.sheets.find((x) => x.name === sheet)!, row, col, { value: text });
}

function dropSheet(sheet: string) {
  return (wb: WorkbookSnapshot) => {
    wb.sheets = wb.sheets.filter((s) => s.name !== sheet);
  };
}

/** Every n-th element, so each workbook yields a spread of mutants of each kind. */
function spread<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]);
}

function figureMutants(kind: string, figures: Figure[], n: number, delta = 1): Mutant[] {
  return spread(figures.filter((f) => !f.empty && !f.value.isZero() && !f.formula), n).map((f) => ({
    kind,
    describe: `${f.sheet}!${f.cell} ${f.value.toFixed(2)} → +${delta}`,
    apply: setNumber(f.sheet, f.cell, delta),
    cell: { sheet: f.sheet, cell: f.cell },
  }));
}

function mutantsOf(wb: WorkbookSnapshot): Mutant[] {
  const rec = recognise(wb);
  const t = rec.tables;
  const out: Mutant[] = [];
  const codeFigures = (id: 'T2' | 'T3' | 'T5' | 'T8', level: number) =>
    (t[id]?.rows ?? []).filter((r) => r.level === level).flatMap((r) => Object.values(r.values) as Figure[]);
  for (const id of ['T2', 'T3', 'T5', 'T8'] as const) {
    out.push(...figureMutants('item (项)', codeFigures(id, 3), 3));
    out.push(...figureMutants('subtotal (款)', codeFigures(id, 2), 2));
    out.push(...figureMutants('subtotal (类)', codeFigures(id, 1), 2));
    out.push(...figureMutants('total (合计)', Object.values(t[id]?.total?.values ?? {}) as Figure[], 2));
  }
  if (t.T1) {
    out.push(...figureMutants('total (表一 income)', Object.values(t.T1.income) as Figure[], 4));
    out.push(...figureMutants('cross-table (表一 class)', t.T1.classes.flatMap((c) => Object.values(c.values) as Figure[]), 3));
  }
  if (t.T4) out.push(...figureMutants('cross-table (表四)', [...Object.values(t.T4.income), ...t.T4.classes.flatMap((c) => Object.values(c.values))] as Figure[], 4));
  if (t.T6) out.push(...figureMutants('item (表六)', [t.T6.total, ...t.T6.rows].flatMap((r) => Object.values(r?.values ?? {})) as Figure[], 4));
  if (t.T7) out.push(...figureMutants('cross-table (表七)', [t.T7.total, ...t.T7.rows].flatMap((r) => Object.values(r?.values ?? {})) as Figure[], 2));
  if (t.T10) out.push(...figureMutants('item (表十)', Object.values(t.T10.lines).flatMap((l) => Object.values(l!.values)) as Figure[], 2));
  if (t.T11) out.push(...figureMutants('item (表十一)', [t.T11.deptTotal, ...t.T11.units].flatMap((r) => Object.values(r?.values ?? {})) as Figure[], 2));
  for (const id of ['T12', 'T13'] as const) {
    const rows = t[id]?.rows ?? [];
    out.push(...figureMutants(`item (${id} project)`, rows.filter((r) => r.kind === 'project').flatMap((r) => Object.values(r.values) as Figure[]), 4));
    out.push(...figureMutants(`subtotal (${id} unit/department)`, rows.filter((r) => r.kind !== 'project').flatMap((r) => Object.values(r.values) as Figure[]), 2));
  }
  // Target sheets (元): 年度资金总额 off by 1,000 元.
  out.push(
    ...figureMutants('target sheet amount', rec.targets.map((x) => x.annualFunds.total).filter((f): f is Figure => !!f), 6, 1000),
  );
  // Rename a project on its target sheet.
  for (const tg of spread(rec.targets.filter((x) => x.projectName), 3)) {
    const l = tg.projectName as Label;
    out.push({ kind: 'rename a project', describe: `${l.sheet}!${l.cell}`, apply: setText(l.sheet, l.row, l.col, `${l.text}（调整）`), cell: { sheet: l.sheet, cell: l.cell } });
  }
  // Blank the 满意度 category of a target sheet.
  for (const tg of spread(rec.targets.filter((x) => x.annualIndicators.some((i) => /满意度/.test(i.level1))), 3)) {
    const cells = tg.annualIndicators.filter((i) => /满意度/.test(i.level1));
    const blank = (wb: WorkbookSnapshot) => {
      const s = wb.sheets.find((x) => x.name === tg.sheet)!;
      for (const i of cells) for (const l of [i.label, i.valueLabel]) if (l) setCell(s, l.row, l.col, { value: null });
    };
    out.push({ kind: 'blank an indicator category', describe: `${tg.sheet} 满意度`, apply: blank, rule: 'P.indicators' });
  }
  // Text in an amount cell.
  for (const f of spread([...(t.T2?.rows ?? []), ...(t.T5?.rows ?? [])].flatMap((r) => Object.values(r.values) as Figure[]).filter((f) => !f.empty), 4)) {
    out.push({ kind: 'text in an amount cell', describe: `${f.sheet}!${f.cell} 待定`, apply: setText(f.sheet, f.row, f.col, '待定'), cell: { sheet: f.sheet, cell: f.cell }, rule: 'INPUT.not_a_number' });
  }
  // Delete a table.
  for (const id of ['T3', 'T6', 'T10', 'T12'] as TableId[]) {
    const loc = rec.locations[id];
    if (loc.found) out.push({ kind: 'delete a table', describe: `${id} (${loc.sheet})`, apply: dropSheet(loc.sheet!), rule: 'INPUT.missing_table' });
  }
  // Delete a target sheet (where targets have sheets of their own).
  const own = rec.targets.filter((x) => rec.targets.filter((y) => y.sheet === x.sheet).length === 1);
  // Without 表十二 (a district's 民生领域 list), the list itself names the project whose sheet is gone.
  const coverageRule = rec.tables.T12 ? 'P.coverage' : 'P.summary';
  for (const tg of spread(own, 3)) out.push({ kind: 'delete a target sheet', describe: tg.sheet, apply: dropSheet(tg.sheet), rule: coverageRule });
  return out;
}

const WORKBOOK_FILES = (process.env.MUTATION_FILES ?? '000-standard.xlsx,001-variant.xlsx,002-standard.xlsx,002-merged-wide.xlsx,003-standard.xlsx').split(',');

describe('mutation harness', () => {
  let total = 0;
  const missed: string[] = [];
  const perKind = new Map<string, [number, number]>();

  test.each(WORKBOOK_FILES)('%s: every injected fault is reported', async (file) => {
    const base = await readWorkbookFile(path.join(WORKBOOKS, file));
    const baseline = new Set(checkWorkbook(base).findings.map(key));
    const mutants = mutantsOf(base);
    expect(mutants.length).toBeGreaterThan(10);
    const localMissed: string[] = [];
    for (const m of mutants) {
      const wb = cloneSnapshot(base);
      m.apply(wb);
      const fresh = checkWorkbook(wb).findings.filter((f) => !baseline.has(key(f)));
      const hit = fresh.some((f) => (m.rule && f.rule === m.rule) || (m.cell && touches(f, m.cell.sheet, m.cell.cell)));
      const [d, n] = perKind.get(m.kind) ?? [0, 0];
      perKind.set(m.kind, [d + (hit ? 1 : 0), n + 1]);
      if (!hit) localMissed.push(`${file} ${m.kind}: ${m.describe}`);
    }
    total += mutants.length;
    missed.push(...localMissed);
    expect(localMissed).toEqual([]);
  });

  afterAll(() => {
    // A summary for the closing note (MUTATION_REPORT=1): mutants per kind, detected / injected. Silent otherwise,
    // so a passing run prints nothing but jest's own lines.
    if (process.env.MUTATION_REPORT !== '1') return;
    const lines = [...perKind].map(([k, [d, n]]) => `  ${k}: ${d}/${n}`);
    console.log(`mutants: ${total}, missed: ${missed.length}\n${lines.join('\n')}`);
  });

  test('at least 200 mutants in all', () => {
    expect(total).toBeGreaterThanOrEqual(200);
  });
});

void a1;

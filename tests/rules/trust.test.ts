/**
 * Issue #11 items 2 and 3 as invariants over every fixture layout and mutants of them:
 *  - no arithmetic finding from a figure that was not read: every number cell an arithmetic 错误 names (its cells and
 *    related cells) is a figure the recogniser read — never an unrecognised row's amount, never an unread formula;
 *    mutants rename a share of the known labels to text no pattern knows, and fuzz the cells (tests/fuzz/mutate.ts);
 *    a column header renamed to unknown text, a row's code and name cleared, a target form's 项目名称 label or
 *    indicator header renamed: INPUT.unrecognised on the cell, and no 错误 the clean layout does not have; a known
 *    column the layout does not have (header and cells blank) is no INPUT.unrecognised and the sums still run;
 *  - every finding on the cell to fix: a finding with a fix fixes its first cell; a finding whose 实为 is a number
 *    stands first on the cell that holds that number (the stated total, not a part or the project name); a finding
 *    whose 实为 is 空 stands first on an empty cell (the cell to fill).
 */
import fs from 'fs';
import path from 'path';
import { check, recognise } from '../../src/engine';
import type { Finding } from '../../src/model/finding';
import { Decimal, parseAmount } from '../../src/model/money';
import { a1 as toA1 } from '../../src/model/address';
import { getCell, type CellSnapshot, type WorkbookSnapshot } from '../../src/model/snapshot';
import { normaliseLabel } from '../../src/tables/labels';
import { TABLE_LABELS } from '../../src/tables/table-labels';
import { TARGET_LABELS } from '../../src/tables/targets';
import { keyText, stripNumbering } from '../../src/tables/text';
import { TABLE_IDS, type TableId } from '../../src/tables/types';
import { readWorkbookFile } from '../../src/xlsx/read';
import { mutateSnapshot, Rng } from '../fuzz/mutate';

const FIXTURES = path.resolve(__dirname, '../../fixtures/workbooks');
const FILES = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort();

/** Rules whose 错误 is arithmetic on figures (sums, balances, cross-table and target amounts). */
const ARITHMETIC = /^(T\d+\.|X\.|HIER|P\.(funds_|match_T12|one_off_amount|summary))/;

/** Rules that report a blank value: their first cell is the empty cell to fill. */
const BLANK_ON_CELL = /^P\.(funds_sum|funds_order|one_off_amount|period|text)$/;

interface Reading {
  read: Set<string>;
  notRead: Set<string>;
}

/** Every figure the recogniser read (sheet!cell), and those it did not (unrecognised rows, unread formulas). */
function reading(wb: WorkbookSnapshot): Reading {
  const rec = recognise(wb);
  const read = new Set<string>();
  const notRead = new Set<string>();
  const seen = new Set<object>();
  const walk = (x: unknown, inUnrecognised: boolean) => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (typeof o.sheet === 'string' && typeof o.cell === 'string' && o.value instanceof Decimal && typeof o.empty === 'boolean') {
      (inUnrecognised || o.unread ? notRead : read).add(`${o.sheet}!${o.cell}`);
      return;
    }
    for (const [k, v] of Object.entries(o)) walk(v, inUnrecognised || k === 'unrecognised');
  };
  walk(rec.tables, false);
  walk(rec.targets, false);
  walk(rec.summary, false);
  for (const k of notRead) read.delete(k);
  return { read, notRead };
}

function cellOf(wb: WorkbookSnapshot, sheet: string, a1: string): CellSnapshot | undefined {
  const s = wb.sheets.find((x) => x.name === sheet);
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!s || !m) return undefined;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return getCell(s, Number(m[2]), col);
}

/** The cells a finding names, as sheet!cell. */
function named(f: Finding): string[] {
  return [...f.cells.map((c) => `${f.sheet}!${c}`), ...(f.related ?? []).flatMap((r) => r.cells.map((c) => `${r.sheet}!${c}`))];
}

/** A copy with about a third of the known labels renamed to text no pattern knows. */
function unknownLabels(wb: WorkbookSnapshot, rng: Rng): WorkbookSnapshot {
  const known = new Set([...TARGET_LABELS.known, ...TABLE_LABELS.known]);
  let n = 0;
  return {
    name: wb.name,
    sheets: wb.sheets.map((s) => ({
      ...s,
      rows: s.rows.map((row) =>
        row?.map((cell) => {
          if (!cell || typeof cell.value !== 'string') return cell;
          const k1 = normaliseLabel(cell.value);
          const k2 = keyText(stripNumbering(cell.value));
          if (!known.has(k1) && !known.has(k2)) return cell;
          return rng.chance(0.35) ? { ...cell, value: `自定义栏目${++n}` } : cell;
        }),
      ),
    })),
  };
}


/** The figures a table was read with (not those left unread): [column key, figure] of every row. */
function tableFigures(table: unknown): { key: string; row: number; col: number; cell: string; zero: boolean }[] {
  const out: { key: string; row: number; col: number; cell: string; zero: boolean }[] = [];
  const seen = new Set<object>();
  const walk = (x: unknown, inUnrecognised: boolean) => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (!inUnrecognised && o.values && typeof o.values === 'object') {
      for (const [key, f] of Object.entries(o.values as Record<string, { unread?: boolean; row: number; col: number; cell: string; value: Decimal; empty: boolean }>)) {
        if (f && !f.unread) out.push({ key, row: f.row, col: f.col, cell: f.cell, zero: f.empty || f.value.isZero() });
      }
    }
    for (const [k, v] of Object.entries(o)) walk(v, inUnrecognised || k === 'unrecognised');
  };
  walk(table, false);
  return out;
}

/** The column keys a table was read with. */
function readColumns(table: unknown): Set<string> {
  return new Set(tableFigures(table).map((f) => f.key));
}

/** The arithmetic 错误 of a check, as comparable keys. */
function arithmeticErrors(wb: WorkbookSnapshot): Set<string> {
  return new Set(check(wb).findings.filter((f) => f.severity === 'error' && ARITHMETIC.test(f.rule)).map((f) => `${f.rule} ${f.sheet}!${f.cells[0]} ${f.expected ?? ''} ${f.actual ?? ''}`));
}

function setCell(wb: WorkbookSnapshot, sheet: string, row: number, col: number, value: string | null): WorkbookSnapshot {
  return {
    ...wb,
    sheets: wb.sheets.map((s) =>
      s.name !== sheet
        ? s
        : {
            ...s,
            rows: s.rows.map((r, i) => (i !== row - 1 || !r ? r : r.map((c, j) => (j !== col - 1 || !c ? c : { ...c, value })))),
          },
    ),
  };
}

/** The header cells of each recognised table (text cells above its first amount row, over its amount columns) that name a known column. */
function headerCells(wb: WorkbookSnapshot): Map<TableId, { sheet: string; row: number; col: number; text: string }[]> {
  const rec = recognise(wb);
  const out = new Map<TableId, { sheet: string; row: number; col: number; text: string }[]>();
  for (const id of TABLE_IDS) {
    const t = rec.tables[id] as { sheet: string } | undefined;
    if (!t || id === 'T9') continue;
    const figs = tableFigures(t);
    if (!figs.length) continue;
    const cols = new Set(figs.map((f) => f.col));
    const first = Math.min(...figs.map((f) => f.row));
    const sheet = wb.sheets.find((s) => s.name === t.sheet)!;
    const list: { sheet: string; row: number; col: number; text: string }[] = [];
    for (let r = Math.max(1, first - 6); r < first; r++) {
      for (const c of cols) {
        const v = getCell(sheet, r, c)?.value;
        if (typeof v !== 'string' || !v.trim()) continue;
        const k = keyText(v);
        if (TABLE_LABELS.keyOf(k) || /^(合计|小计|总计)$/.test(k)) list.push({ sheet: t.sheet, row: r, col: c, text: v });
      }
    }
    out.set(id, list);
  }
  return out;
}

function violations(wb: WorkbookSnapshot): string[] {
  const { read, notRead } = reading(wb);
  const out: string[] = [];
  for (const f of check(wb).findings) {
    const id = `${f.rule} ${f.sheet}!${f.cells.join(',')}`;
    // Item 2: an arithmetic error names only figures that were read.
    if (f.severity === 'error' && ARITHMETIC.test(f.rule)) {
      for (const c of named(f)) {
        const [sheet, a1] = [c.slice(0, c.lastIndexOf('!')), c.slice(c.lastIndexOf('!') + 1)];
        const cell = cellOf(wb, sheet, a1);
        const isNumber = cell && (typeof cell.value === 'number' || (cell.formula && (cell.value === null || cell.value === '')));
        if (notRead.has(c)) out.push(`${id}: names ${c}, a figure that was not read`);
        else if (isNumber && !read.has(c)) out.push(`${id}: names the number in ${c}, which the recogniser did not read`);
      }
    }
    // Item 3: the first cell is the one to edit.
    const first = cellOf(wb, f.sheet, f.cells[0] ?? '');
    if (f.fix && (f.fix.sheet !== f.sheet || f.fix.cell !== f.cells[0])) out.push(`${id}: fixes ${f.fix.sheet}!${f.fix.cell}, not its first cell`);
    if (f.rule.startsWith('N.') || !f.cells.length) continue;
    if (f.actual !== undefined && /^-?\d+(\.\d+)?$/.test(f.actual) && first && typeof first.value === 'number') {
      const stated = parseAmount(first.value);
      const shown = f.rule.startsWith('P.') ? f.actual : new Decimal(f.actual).toFixed(2);
      const value = stated.kind === 'number' ? (f.rule.startsWith('P.') ? stated.value.toFixed() : stated.value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)) : '';
      if (value !== shown) out.push(`${id}: 实为 ${f.actual} but its first cell holds ${String(first.value)}`);
    }
    if ((f.actual === '（空）' || f.actual === '') && BLANK_ON_CELL.test(f.rule) && first && String(first.value ?? '').trim() !== '')
      out.push(`${id}: 实为 空 but its first cell holds “${String(first.value).slice(0, 30)}”`);
  }
  return out;
}

describe.each(FILES)('%s', (file) => {
  let wb: WorkbookSnapshot;
  beforeAll(async () => {
    wb = await readWorkbookFile(path.join(FIXTURES, file));
  });

  test('as published: every error from read figures, every finding on its cell', () => {
    expect(violations(wb)).toEqual([]);
  });

  test('known labels renamed to unknown text: INPUT.unrecognised, and no error computed without the rows', () => {
    for (let i = 0; i < 3; i++) {
      const mutant = unknownLabels(wb, new Rng(FILES.indexOf(file) * 10 + i));
      expect(violations(mutant)).toEqual([]);
    }
  });

  test('fuzzed cells (tests/fuzz/mutate.ts): the same invariants', () => {
    for (let i = 0; i < 4; i++) {
      const { wb: mutant, steps } = mutateSnapshot(wb, new Rng(7000 + FILES.indexOf(file) * 10 + i));
      expect({ steps, violations: violations(mutant) }).toEqual({ steps, violations: [] });
    }
  });
  test('a column header renamed to unknown text: INPUT.unrecognised on it, no sum computed without the column', () => {
    const clean = arithmeticErrors(wb);
    const cleanRec = recognise(wb);
    const headers = headerCells(wb);
    let renamed = 0;
    for (let k = 0; k < 4; k++) {
      let mutant = wb;
      const picked: [TableId, { sheet: string; row: number; col: number; text: string }][] = [];
      for (const [id, list] of headers) {
        const h = list[k];
        if (!h) continue;
        mutant = setCell(mutant, h.sheet, h.row, h.col, '自定义栏目');
        picked.push([id, h]);
      }
      if (!picked.length) continue;
      const rec = recognise(mutant);
      const findings = check(mutant).findings;
      for (const [id, h] of picked) {
        // Columns read in the clean layout, holding amounts there, and not read in the mutant (a column of empty cells is
        // no amount column: nothing is left out of a sum without it).
        const held = new Set(tableFigures(cleanRec.tables[id]).filter((f) => !f.zero).map((f) => f.key));
        const lost = [...held].filter((c) => !readColumns(rec.tables[id]).has(c));
        if (!lost.length) continue;
        renamed++;
        // The column could not be read: a warning on a header cell of that column, with the text found there.
        const hit = findings.find((f) => f.rule === 'INPUT.unrecognised' && f.sheet === h.sheet && f.severity === 'warning' && /^[A-Z]+\d+$/.test(f.cells[0]) && f.cells[0].replace(/\d+$/, '') === toA1(h.row, h.col).replace(/\d+$/, ''));
        expect({ id, cell: toA1(h.row, h.col), lost, found: !!hit }).toEqual({ id, cell: toA1(h.row, h.col), lost, found: true });
      }
      // No 错误 the clean layout does not have: every sum that needs the lost column is skipped, never computed without it.
      expect([...arithmeticErrors(mutant)].filter((e) => !clean.has(e))).toEqual([]);
      expect(violations(mutant)).toEqual([]);
    }
    // Every layout with tables has a known column header over amounts to rename (seed 003's workbooks hold target forms only).
    expect(renamed > 0).toBe(headers.size > 0);
  });

  test('a row of amounts whose label cannot be read: INPUT.unrecognised naming its cells, the sums over the rows skipped', () => {
    const clean = arithmeticErrors(wb);
    const rec = recognise(wb);
    let cleared = 0;
    let tables = 0;
    for (const id of ['T2', 'T3', 'T5', 'T6', 'T7', 'T8', 'T10', 'T11', 'T12', 'T13'] as TableId[]) {
      const t = rec.tables[id] as { sheet: string } | undefined;
      if (!t) continue;
      tables++;
      const figs = tableFigures(t).filter((f) => !f.zero);
      const firstCol = Math.min(...tableFigures(t).map((f) => f.col));
      // The last row with an amount (a detail row, not the 合计 row at the top).
      const row = figs.length ? Math.max(...figs.map((f) => f.row)) : 0;
      if (!row) continue;
      const sheet = wb.sheets.find((s) => s.name === t.sheet)!;
      let mutant = wb;
      for (let c = 1; c < firstCol; c++) {
        if (typeof getCell(sheet, row, c)?.value === 'string' || typeof getCell(sheet, row, c)?.value === 'number') mutant = setCell(mutant, t.sheet, row, c, null);
      }
      if (mutant === wb) continue;
      cleared++;
      const findings = check(mutant).findings;
      const amounts = new Set(figs.filter((f) => f.row === row).map((f) => f.cell));
      const hit = findings.find((f) => f.rule === 'INPUT.unrecognised' && f.sheet === t.sheet && f.cells.some((c) => amounts.has(c)));
      expect({ id, row, found: !!hit }).toEqual({ id, row, found: true });
      expect({ id, row, added: [...arithmeticErrors(mutant)].filter((e) => !clean.has(e)) }).toEqual({ id, row, added: [] });
      expect({ id, violations: violations(mutant) }).toEqual({ id, violations: [] });
    }
    expect(cleared > 0).toBe(tables > 0);
  });
  test('a target form whose 项目名称 label or indicator header cannot be read: INPUT.unrecognised, no P finding on its title', () => {
    const rec = recognise(wb);
    const t = rec.targets.find((x) => x.projectName && x.annualIndicators.length);
    if (!t) return expect(rec.targets.filter((x) => x.projectName && x.annualIndicators.length)).toEqual([]);
    const sheet = wb.sheets.find((s) => s.name === t.sheet)!;
    // The form's own rows: up to the next form on the sheet.
    const end = Math.min(sheet.rowCount, ...rec.targets.filter((x) => x.sheet === t.sheet && x.row > t.row).map((x) => x.row - 1));
    const rename = (re: RegExp) => {
      let m = wb;
      for (let r = t.row; r <= end; r++) {
        for (let c = 1; c <= sheet.colCount; c++) {
          const v = getCell(sheet, r, c)?.value;
          if (typeof v === 'string' && re.test(normaliseLabel(v))) m = setCell(m, t.sheet, r, c, '自定义栏目');
        }
      }
      return m;
    };
    const formCell = `A${t.row}`;
    const errorsOf = (w: WorkbookSnapshot) => new Set(check(w).findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.sheet}!${f.cells[0]}`));
    const cleanErrors = errorsOf(wb);
    for (const [re, rule] of [[/^项目名称$/, 'P.coverage'], [/^三级指标/, 'P.indicators']] as const) {
      const mutant = rename(re);
      expect(mutant).not.toBe(wb);
      const findings = check(mutant).findings.filter((f) => f.sheet === t.sheet);
      const unrec = findings.filter((f) => f.rule === 'INPUT.unrecognised' && f.cells[0] === formCell);
      expect({ rule, unrec: unrec.length }).toEqual({ rule, unrec: 1 });
      expect(unrec[0].severity).toBe('warning');
      // The form's title is no cell to edit: the rule that needs the unread part reports nothing on it.
      expect(findings.filter((f) => f.rule === rule && f.cells[0] === formCell).map((f) => f.message)).toEqual([]);
      expect(violations(mutant)).toEqual([]);
      // Nor anywhere else: no 错误 the clean layout does not have (a 表十二 project is not "without a form").
      expect([...errorsOf(mutant)].filter((e) => !cleanErrors.has(e))).toEqual([]);
    }
  });
  test('a known column the layout does not have (header and cells blank): no INPUT.unrecognised, the sums still checked', () => {
    const rec = recognise(wb);
    const t2 = rec.tables.T2;
    if (!t2) return expect(rec.tables.T2).toBeUndefined();
    const figs = tableFigures(t2);
    // A part column without amounts (国有资本经营预算, 财政专户 … are often empty), and a row whose total is a number.
    const col = ['stateCapital', 'specialAccount', 'govFund', 'unitFunds'].find((k) => figs.some((f) => f.key === k) && figs.filter((f) => f.key === k).every((f) => f.zero));
    const row = t2.rows.find((r) => r.values.total && !r.values.total.empty && !r.values.total.formula);
    // Every fixture with a 表二 has such a column (国有资本经营预算) and such a row.
    expect({ col: !!col, row: !!row }).toEqual({ col: true, row: true });
    const c = figs.find((f) => f.key === col)!.col;
    const first = Math.min(...figs.map((f) => f.row));
    const sheet = wb.sheets.find((x) => x.name === t2.sheet)!;
    let mutant = wb;
    for (let r = 1; r <= sheet.rowCount; r++) if (getCell(sheet, r, c)?.value !== undefined && (r < first || getCell(sheet, r, c)?.value !== null)) mutant = setCell(mutant, t2.sheet, r, c, null);
    // A wrong total on a row: still found without the absent column.
    const total = row!.values.total!;
    mutant = {
      ...mutant,
      sheets: mutant.sheets.map((x) =>
        x.name !== t2.sheet ? x : { ...x, rows: x.rows.map((r, i) => (i !== total.row - 1 || !r ? r : r.map((cell, j) => (j !== total.col - 1 || !cell ? cell : { ...cell, value: Number(total.value.plus(5).toFixed(2)) })))) },
      ),
    };
    const findings = check(mutant).findings;
    expect(recognise(mutant).tables.T2!.columns).not.toContain(col!);
    expect(findings.filter((f) => f.rule === 'INPUT.unrecognised' && f.sheet === t2.sheet)).toEqual([]);
    expect(findings.some((f) => f.rule === 'T2.row' && f.severity === 'error' && f.cells[0] === total.cell)).toBe(true);
  });
});

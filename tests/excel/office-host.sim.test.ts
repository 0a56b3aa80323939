/**
 * OfficeWorkbookHost on the Excel-API SIMULATOR (tests/simulator — not Excel), in strict mode (Excel's documented
 * limits): every seed workbook read exactly; marks are the product's conditional-format rules and notes, and
 * 清除标记 leaves the workbook as the user last made it (issue #10's ten scenarios, compared on the simulator's
 * exported workbook); Ctrl+Z undoes an auto-fill; no half-applied marks; cell-edit mode; protected sheets; the
 * user's own 校验结果 sheet.
 */
import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import { BYTE_BUDGET, OfficeWorkbookHost, isProductNote } from '../../src/excel/office-host';
import { autoFill } from '../../src/fixes/autofill';
import { a1, parseA1 } from '../../src/model/address';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import type { CellFix, Finding } from '../../src/model/finding';
import { check as checkWorkbook } from '../../src/engine';
import { recognise } from '../../src/tables/recognise';
import type { Figure } from '../../src/tables/types';
import { NOTE_HEADER, NOTE_KEPT_TITLE, RESULT_ITEM_COLUMNS, RESULT_SHEET, RESULT_SHEET_NAME_MARKER, markKindOf } from '../../src/format/marks';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { shownText } from '../helpers/result-sheet';
import { createSimulator, type ExcelSimulator, type SimulatorOptions } from '../simulator/excel-simulator';

const DIR = path.resolve(__dirname, '../../fixtures/workbooks');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).sort();
const check = (wb: WorkbookSnapshot): Finding[] => checkWorkbook(wb).findings;

async function setup(file: string, options: SimulatorOptions = {}) {
  const bytes = fs.readFileSync(path.join(DIR, file));
  const sim = await createSimulator(bytes, { name: file, ...options });
  const host = new OfficeWorkbookHost((b) => sim.run(b), sim.requirements);
  return { bytes, sim, host };
}

/** A total the rules can recompute (not a formula), to blank for a real auto-fill fix. */
function blankableTotal(snapshot: WorkbookSnapshot): Figure | undefined {
  const t = recognise(snapshot).tables;
  const candidates = [t.T3?.total?.values.total, t.T5?.total?.values.total, t.T2?.total?.values.total, t.T7?.total?.values.amount];
  return candidates.find((f): f is Figure => !!f && !f.formula && !f.empty);
}

/** The workbook as a comparable text: sheets, cells (value, style, note), merges, conditional formats, names. */
async function exported(sim: ExcelSimulator): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await sim.exportXlsx()) as unknown as ArrayBuffer);
  return wb;
}

function describeWorkbook(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [`sheets ${wb.worksheets.map((w) => `${w.name}:${w.state}`).join(',')}`];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        out.push(`${ws.name}!${c.address} ${JSON.stringify(c.value)} ${JSON.stringify(c.style)} ${JSON.stringify(c.note ?? null)}`);
      }),
    );
    out.push(`${ws.name} merges ${JSON.stringify(((ws.model as unknown as { merges?: string[] }).merges ?? []).slice().sort())}`);
    const cfs = ((ws as unknown as { conditionalFormattings?: { ref: string; rules: { type: string; formulae?: unknown[] }[] }[] }).conditionalFormattings ?? []).map((c) => ({
      ref: c.ref,
      rules: c.rules.map((r) => ({ type: r.type, formulae: r.formulae })),
    }));
    out.push(`${ws.name} cf ${JSON.stringify(cfs)}`);
  }
  const names = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  out.push(`names ${JSON.stringify(names.map((n) => [n.name, n.ranges]).sort())}`);
  return out;
}

/** Lines of `a` not in `b` and of `b` not in `a` (at most 10 of each). */
function diff(a: string[], b: string[]): { missing: string[]; extra: string[] } {
  const sa = new Set(a);
  const sb = new Set(b);
  return { missing: a.filter((x) => !sb.has(x)).slice(0, 10), extra: b.filter((x) => !sa.has(x)).slice(0, 10) };
}

/** Every product mark still in the simulated workbook: rules recognised by formula, notes with the header. */
function productMarks(sim: ExcelSimulator): string[] {
  const out: string[] = [];
  for (const ws of sim.workbook.worksheets) {
    for (const cf of sim.conditionalFormats(ws.name)) if (markKindOf(cf.formula)) out.push(`${ws.name} cf ${cf.ranges}`);
    ws.eachRow((row) => row.eachCell((c) => void (typeof c.note === 'string' && c.note.startsWith(NOTE_HEADER) && out.push(`${ws.name}!${c.address} note`))));
    for (const cm of sim.comments(ws.name)) if (cm.content.startsWith(NOTE_HEADER)) out.push(`${ws.name}!${cm.cell} comment`);
  }
  if (sim.definedNames()[RESULT_SHEET_NAME_MARKER]) out.push('results marker');
  return out;
}

/** Which cells a rule of each kind covers, per sheet ("表三!C13" → kind). */
function markedCells(sim: ExcelSimulator): Map<string, string> {
  const out = new Map<string, string>();
  for (const ws of sim.workbook.worksheets) {
    for (const cf of sim.conditionalFormats(ws.name)) {
      const kind = markKindOf(cf.formula);
      if (!kind) continue;
      for (const area of cf.ranges.split(',')) {
        const [p, q = p] = area.split(':');
        const x = parseA1(p);
        const y = parseA1(q);
        for (let r = x.row; r <= y.row; r++) for (let c = x.col; c <= y.col; c++) out.set(`${ws.name}!${a1(r, c)}`, kind);
      }
    }
  }
  return out;
}

function maxPayload(sim: ExcelSimulator): { request: number; response: number } {
  const p = sim.payloads();
  return { request: Math.max(0, ...p.map((x) => x.requestBytes)), response: Math.max(0, ...p.map((x) => x.responseBytes)) };
}

describe.each(FILES)('%s on the strict Excel-API simulator', (file) => {
  test('readSnapshot: the .xlsx reader’s snapshot in 2 light syncs (1 when the sheets are the last read’s) + 1 per byte budget; annotate marks by rules and notes; clear leaves the workbook as it was', async () => {
    const { bytes, sim, host } = await setup(file);
    const snap = await host.readSnapshot();
    expect(snap.sheets).toEqual((await readWorkbookBuffer(bytes, file)).sheets);
    expect(sim.syncCount()).toBe(3);
    const before = describeWorkbook(await exported(sim));

    const findings = check(snap);
    const res = await host.annotate(findings, []);
    expect(res.noteKind).toBe('note');
    const marked = markedCells(sim);
    const stated = findings.filter((f) => f.sheet && f.cells.length);
    // Every stated cell (or its merged area's anchor) is covered by a rule of at least its severity's colour.
    for (const f of stated) {
      const s = snap.sheets.find((x) => x.name === f.sheet)!;
      const { row, col } = parseA1(f.cells[0]);
      const m = s.merges.find((x) => x.top <= row && row <= x.bottom && x.left <= col && col <= x.right && (x.bottom - x.top + 1) * (x.right - x.left + 1) <= 2000);
      const anchor = m ? a1(m.top, m.left) : f.cells[0];
      expect({ cell: `${f.sheet}!${anchor}`, marked: marked.has(`${f.sheet}!${anchor}`) }).toEqual({ cell: `${f.sheet}!${anchor}`, marked: true });
      const note = sim.workbook.getWorksheet(f.sheet)!.getCell(anchor).note;
      expect(isProductNote(String(note))).toBe(true);
      expect(String(note)).toContain(f.message);
    }
    expect(res.highlighted).toBe(res.notes);
    // No cell value or format changed: the user's sheets differ only by rules and notes.
    const looks = (wb: ExcelJS.Workbook) =>
      wb.worksheets
        .filter((w) => w.name !== RESULT_SHEET)
        .flatMap((w) => {
          const out: string[] = [];
          w.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => void out.push(`${w.name}!${c.address} ${JSON.stringify(c.value)} ${JSON.stringify(c.style)}`)));
          return out;
        });
    const beforeWb = new ExcelJS.Workbook();
    await beforeWb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(diff(looks(beforeWb), looks(await exported(sim)))).toEqual({ missing: [], extra: [] });
    const rs = sim.workbook.getWorksheet(RESULT_SHEET)!;
    expect(rs.getRow(1).values).toEqual([undefined, ...RESULT_ITEM_COLUMNS.map((c) => c.header)]);
    expect(sim.definedNames()[RESULT_SHEET_NAME_MARKER]).toBe(`${RESULT_SHEET}!A1`);
    const max = maxPayload(sim);
    expect(max.request).toBeLessThanOrEqual(BYTE_BUDGET);
    expect(max.response).toBeLessThanOrEqual(BYTE_BUDGET);

    // Validate again while marked: the results sheet is not part of the snapshot; the sheets are the ones the last
    // read saw, so one light sync measures them (1 + one per budget).
    sim.resetSyncCount();
    const again = await host.readSnapshot();
    // (The sheets' index is their workbook position: the results sheet now stands first, so theirs moved by one.)
    const unindexed = (sheets: typeof snap.sheets) => sheets.map(({ index: _index, ...rest }) => rest);
    expect(unindexed(again.sheets)).toEqual(unindexed(snap.sheets));
    expect(sim.workbook.worksheets[0].name).toBe(RESULT_SHEET);
    expect(sim.syncCount()).toBe(2);
    // A sheet renamed meanwhile: the guess fails, the two-step light read takes over (this time only).
    const first = sim.workbook.worksheets[1];
    const oldName = first.name;
    first.name = `${oldName}（改）`;
    sim.resetSyncCount();
    const renamed = await host.readSnapshot();
    expect(renamed.sheets.map((s) => s.name)).toContain(`${oldName}（改）`);
    expect(sim.syncCount()).toBe(4);
    first.name = oldName;

    await host.clearAnnotations();
    expect(productMarks(sim)).toEqual([]);
    expect(diff(before, describeWorkbook(await exported(sim)))).toEqual({ missing: [], extra: [] });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Issue #10: the ten clear scenarios. Each: mark, then the user does something, then 清除标记 — the workbook must be
// what the same user action makes of the never-marked workbook (a second simulator over the same bytes).

type UserAction = (sim: ExcelSimulator, marked: { sheet: string; cell: string }) => Promise<void> | void;

async function userRun(sim: ExcelSimulator, f: (ctx: Excel.RequestContext) => void): Promise<void> {
  await sim.run(async (ctx) => {
    f(ctx);
    await ctx.sync();
  });
}

const SCENARIOS: [string, UserAction][] = [
  ['the user rewrites the product’s note on a marked cell (it is the user’s now: kept)', (sim, m) => {
    sim.workbook.getWorksheet(m.sheet)!.getCell(m.cell).note = '我已核对，数字无误';
  }],
  ['the user fills a marked cell', (sim, m) => {
    sim.workbook.getWorksheet(m.sheet)!.getCell(m.cell).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' } };
  }],
  ['the user makes a marked cell bold', (sim, m) => userRun(sim, (ctx) => void (ctx.workbook.worksheets.getItem(m.sheet).getRange(m.cell).format.font.bold = true))],
  ['the user changes a marked cell’s number format', (sim, m) => userRun(sim, (ctx) => void (ctx.workbook.worksheets.getItem(m.sheet).getRange(m.cell).numberFormat = [['0.0000']]))],
  ['the user renames a marked sheet', (sim, m) => {
    sim.workbook.getWorksheet(m.sheet)!.name = `${m.sheet}（改）`;
  }],
  ['the user deletes the results sheet', (sim) => (sim.workbook.getWorksheet(RESULT_SHEET) ? userRun(sim, (ctx) => ctx.workbook.worksheets.getItem(RESULT_SHEET).delete()) : undefined)],
  ['the user deletes the marked row', (sim, m) => sim.insertRows(m.sheet, parseA1(m.cell).row, -1)],
  ['the user inserts two rows above the marked cell', (sim, m) => sim.insertRows(m.sheet, Math.max(1, parseA1(m.cell).row - 1), 2)],
  ['two sheets swap names', (sim, m) => {
    const a = sim.workbook.getWorksheet(m.sheet)!;
    const b = sim.workbook.worksheets.find((w) => w !== a && w.name !== RESULT_SHEET)!;
    const [na, nb] = [a.name, b.name];
    a.name = '__swap__';
    b.name = na;
    a.name = nb;
  }],
  ['the user adds a conditional format of their own on the marked cell and deletes the product’s note', (sim, m) => {
    sim.workbook.getWorksheet(m.sheet)!.getCell(m.cell).note = undefined as unknown as string;
    return userRun(sim, (ctx) => {
      const cf = ctx.workbook.worksheets.getItem(m.sheet).getRange(m.cell).conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
      cf.custom.rule.formula = '=A1>0';
      cf.custom.format.fill.color = '#FF0000';
    });
  }],
];

describe('清除标记 leaves the workbook as the user last made it (issue #10, on 001-standard)', () => {
  test.each(SCENARIOS)('%s', async (_title, act) => {
    const file = '001-standard.xlsx';
    const { sim, host } = await setup(file);
    const { sim: plain } = await setup(file);
    const snap = await host.readSnapshot();
    const findings = check(snap);
    const f = findings.find((x) => x.sheet && x.cells.length && x.severity === 'error') ?? findings.find((x) => x.sheet && x.cells.length)!;
    const mark = { sheet: f.sheet, cell: f.cells[0] };
    await host.annotate(findings, []);
    // The user's own note on the marked cell in scenario 1 must replace ours: delete ours the way a user would.
    if (_title.startsWith('the user rewrites')) sim.workbook.getWorksheet(mark.sheet)!.getCell(mark.cell).note = undefined as unknown as string;
    await act(sim, mark);
    await act(plain, mark);
    await host.clearAnnotations();
    expect(productMarks(sim)).toEqual([]);
    expect(diff(describeWorkbook(await exported(plain)), describeWorkbook(await exported(sim)))).toEqual({ missing: [], extra: [] });
  });
});

describe('auto-fill, failures and the user’s own things', () => {
  test('Ctrl+Z undoes the auto-fill (its values are a batch of their own) and nothing else', async () => {
    const file = '001-standard.xlsx';
    const { bytes, sim, host } = await setup(file);
    const total = blankableTotal(await readWorkbookBuffer(bytes, file))!;
    sim.workbook.getWorksheet(total.sheet)!.getCell(total.cell).value = null;
    const snap = await host.readSnapshot();
    const fixes = autoFill(snap, check).result.applied;
    expect(fixes.map((x) => `${x.sheet}!${x.cell}`)).toContain(`${total.sheet}!${total.cell}`);
    const res = await host.annotate(check(snap), fixes);
    expect(res.written).toBe(fixes.length);
    const cell = () => sim.workbook.getWorksheet(total.sheet)!.getCell(total.cell);
    expect(cell().value).toBe(Number(fixes.find((x) => x.cell === total.cell)!.value));
    expect(markedCells(sim).get(`${total.sheet}!${total.cell}`)).toBeDefined();
    expect(sim.undoDepth()).toBeGreaterThan(0);
    expect(sim.undo()).toBe(true);
    for (const fx of fixes) expect(sim.workbook.getWorksheet(fx.sheet)!.getCell(fx.cell).value ?? null).toBe(fx.previous === '' ? null : Number(fx.previous));
    // The marks are still there (clear removes them), the undo only took the values back.
    expect(productMarks(sim).length).toBeGreaterThan(0);
  });

  test('a fix aimed at a formula cell is never written', async () => {
    const { sim, host } = await setup('001-standard.xlsx');
    const snap = await host.readSnapshot();
    const s = snap.sheets.find((x) => x.rows.some((r) => r?.some((c) => c?.formula)));
    if (!s) return expect(snap.sheets.length).toBeGreaterThan(0);
    const r = s.rows.findIndex((row) => row?.some((c) => c?.formula));
    const c = s.rows[r]!.findIndex((x) => x?.formula);
    const cell = a1(r + 1, c + 1);
    const before = sim.workbook.getWorksheet(s.name)!.getCell(cell).value;
    const fix: CellFix = { sheet: s.name, cell, value: '123456', previous: '1', from: [] };
    const res = await host.annotate([], [fix]);
    expect(res.written).toBe(0);
    expect(sim.workbook.getWorksheet(s.name)!.getCell(cell).value).toEqual(before);
  });

  test('a marking batch that fails half-way leaves no half-applied marks, and the next try works', async () => {
    const { sim, host } = await setup('001-standard.xlsx');
    const snap = await host.readSnapshot();
    const findings = check(snap);
    const before = describeWorkbook(await exported(sim));
    // The 4th round trip of annotate is the rules' batch (list, marks, merges, results sheet, then rules).
    let failed = false;
    const run = sim.run.bind(sim);
    let syncsSeen = 0;
    const flaky = new OfficeWorkbookHost(async (b) => run(async (ctx) => {
      const sync = ctx.sync.bind(ctx);
      (ctx as unknown as { sync: () => Promise<void> }).sync = async () => {
        if (++syncsSeen === 5 && !failed) {
          failed = true;
          sim.failNextSync('GeneralException', 'injected', 3);
        }
        return sync();
      };
      return b(ctx);
    }), sim.requirements);
    await expect(flaky.annotate(findings, [])).rejects.toThrow(/标记失败/);
    expect(failed).toBe(true);
    expect(productMarks(sim)).toEqual([]);
    expect(diff(before, describeWorkbook(await exported(sim)))).toEqual({ missing: [], extra: [] });
    const res = await host.annotate(findings, []);
    expect(res.highlighted).toBeGreaterThan(0);
  });

  test('cell-edit mode: a Chinese sentence, nothing changed; after the edit ends the same click works', async () => {
    const { sim, host } = await setup('001-standard.xlsx');
    const snap = await host.readSnapshot();
    const findings = check(snap);
    sim.setCellEditMode(true);
    await expect(host.annotate(findings, [])).rejects.toThrow(/单元格编辑/);
    await expect(host.readSnapshot()).rejects.toThrow(/单元格编辑/);
    sim.setCellEditMode(false);
    expect(productMarks(sim)).toEqual([]);
    const res = await host.annotate(findings, []);
    expect(res.highlighted).toBeGreaterThan(0);
    await host.clearAnnotations();
    expect(productMarks(sim)).toEqual([]);
  });

  test('the user’s sheet named 校验结果 is never touched; a marked cell with the user’s note keeps it and is listed', async () => {
    const { sim, host } = await setup('001-standard.xlsx');
    const snap0 = await host.readSnapshot();
    const f = check(snap0).find((x) => x.sheet && x.cells.length)!;
    const user = sim.workbook.addWorksheet(RESULT_SHEET);
    user.getCell('A1').value = '我的校验记录';
    sim.workbook.getWorksheet(f.sheet)!.getCell(f.cells[0]).note = '用户自己的批注';
    const snap = await host.readSnapshot();
    expect(snap.sheets.map((s) => s.name)).toContain(RESULT_SHEET);
    const findings = check(snap);
    const res = await host.annotate(findings, []);
    expect(res.keptNotes).toBeGreaterThanOrEqual(1);
    expect(sim.workbook.getWorksheet(f.sheet)!.getCell(f.cells[0]).note).toBe('用户自己的批注');
    const ours = sim.workbook.getWorksheet(`${RESULT_SHEET} (2)`)!;
    const texts: string[] = [];
    ours.eachRow((row) => row.eachCell((c) => void texts.push(shownText(c.value))));
    expect(texts).toContain(NOTE_KEPT_TITLE);
    expect(texts).toContain(`${f.sheet}!${f.cells[0]}`);
    // Marking again replaces our sheet, not the user's.
    await host.annotate(findings, []);
    expect(sim.workbook.worksheets.filter((w) => w.name.startsWith(RESULT_SHEET)).map((w) => w.name)).toEqual([`${RESULT_SHEET} (2)`, RESULT_SHEET]);
    await host.clearAnnotations();
    expect(sim.workbook.getWorksheet(RESULT_SHEET)!.getCell('A1').value).toBe('我的校验记录');
    expect(sim.workbook.getWorksheet(`${RESULT_SHEET} (2)`)).toBeUndefined();
    expect(sim.workbook.getWorksheet(f.sheet)!.getCell(f.cells[0]).note).toBe('用户自己的批注');
  });

  test('a protected sheet is read, not marked, and named; clear leaves it alone and says so', async () => {
    const { sim, host } = await setup('001-standard.xlsx');
    const snap = await host.readSnapshot();
    const findings = check(snap);
    const f = findings.find((x) => x.sheet && x.cells.length)!;
    sim.protectSheet(f.sheet);
    const res = await host.annotate(findings, []);
    expect(res.protectedSheets).toContain(f.sheet);
    expect([...markedCells(sim).keys()].some((k) => k.startsWith(`${f.sheet}!`))).toBe(false);
    const rs: string[] = [];
    sim.workbook.getWorksheet(RESULT_SHEET)!.eachRow((row) => row.eachCell((c) => void rs.push(String(c.value))));
    expect(rs.some((t) => t.includes('受保护') && t.includes(f.sheet))).toBe(true);
    await host.clearAnnotations();
    expect(productMarks(sim)).toEqual([]);
    // Marked, then protected by the user: clear removes the rest and names the sheet it could not clear.
    sim.protectSheet(f.sheet, false);
    await host.annotate(findings, []);
    sim.protectSheet(f.sheet);
    await expect(host.clearAnnotations()).rejects.toThrow(new RegExp(`${f.sheet}.*受保护`));
    expect(productMarks(sim).every((m) => m.startsWith(f.sheet))).toBe(true);
    sim.protectSheet(f.sheet, false);
    await host.clearAnnotations();
    expect(productMarks(sim)).toEqual([]);
  });

  test('writeSheet replaces a sheet it made (by its marker name), never a sheet of the user', async () => {
    const { sim, host } = await setup('001-standard.xlsx');
    await host.writeSheet('补充信息', [['第一次']]);
    await host.writeSheet('补充信息', [['第二次']]);
    expect(sim.workbook.worksheets.filter((w) => w.name.startsWith('补充信息')).map((w) => w.name)).toEqual(['补充信息']);
    expect(sim.workbook.getWorksheet('补充信息')!.getCell('A1').value).toBe('第二次');
    sim.workbook.addWorksheet('情况说明（生成）').getCell('A1').value = '用户的';
    await host.writeSheet('情况说明（生成）', [['生成的']]);
    expect(sim.workbook.getWorksheet('情况说明（生成）')!.getCell('A1').value).toBe('用户的');
    expect(sim.workbook.getWorksheet('情况说明（生成） (2)')!.getCell('A1').value).toBe('生成的');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Every host profile: validate, mark, clear without a TypeError; the workbook back as it was.

const PROFILES = ['excel-2019', 'excel-2021', 'excel-ltsc-2024', 'm365-windows', 'm365-mac', 'm365-web', 'intranet-1.1.110'] as const;
const EXPECTED_NOTES: Record<(typeof PROFILES)[number], string> = {
  'excel-2019': 'none',
  'excel-2021': 'comment',
  'excel-ltsc-2024': 'comment',
  'm365-windows': 'note',
  'm365-mac': 'note',
  'm365-web': 'note',
  'intranet-1.1.110': 'comment',
};

describe.each(PROFILES)('host profile %s', (profile) => {
  test('validate, mark (with an auto-fill) and clear: no TypeError, workbook back as it was but the filled value', async () => {
    const file = '002-merged-wide.xlsx';
    const { bytes, sim, host } = await setup(file, { profile });
    const total = blankableTotal(await readWorkbookBuffer(bytes, file));
    if (total) sim.workbook.getWorksheet(total.sheet)!.getCell(total.cell).value = null;
    const snap = await host.readSnapshot();
    const fixes = autoFill(snap, check).result.applied;
    const findings = check(snap);
    const res = await host.annotate(findings, fixes);
    expect(res.noteKind).toBe(EXPECTED_NOTES[profile]);
    expect(res.highlighted).toBeGreaterThan(0);
    expect(productMarks(sim).length).toBeGreaterThan(0);
    // The reference: the same workbook with only the values auto-fill wrote.
    const { sim: plain } = await setup(file, { profile });
    if (total) plain.workbook.getWorksheet(total.sheet)!.getCell(total.cell).value = null;
    for (const fx of fixes) plain.workbook.getWorksheet(fx.sheet)!.getCell(fx.cell).value = Number(fx.value);
    await host.clearAnnotations();
    expect(productMarks(sim)).toEqual([]);
    expect(diff(describeWorkbook(await exported(plain)), describeWorkbook(await exported(sim)))).toEqual({ missing: [], extra: [] });
  });
});

describe('list-only checking below ExcelApi 1.6', () => {
  test('annotate says why in Chinese; reading works', async () => {
    const { host } = await setup('001-standard.xlsx', { requirementSets: { ExcelApi: '1.5' } });
    const snap = await host.readSnapshot();
    expect(snap.sheets.length).toBeGreaterThan(0);
    await expect(host.annotate(check(snap), [])).rejects.toThrow(/条件格式.*1\.6/);
  });
});

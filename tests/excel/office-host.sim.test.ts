/**
 * OfficeWorkbookHost on the Excel-API SIMULATOR (tests/simulator — not Excel) with every fixtures/workbooks seed:
 * one sync to read, one to annotate, exact restoration, degradation by requirement set.
 */
import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import { MARK_SHEET, OfficeWorkbookHost, parseRecord } from '../../src/excel/office-host';
import { autoFill } from '../../src/fixes/autofill';
import { a1, parseA1 } from '../../src/model/address';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import type { CellFix, Finding, Severity } from '../../src/model/finding';
import { check as checkWorkbook } from '../../src/engine';
import { recognise } from '../../src/tables/recognise';
import type { Figure } from '../../src/tables/types';
import { FILLS, RESULT_SHEET } from '../../src/format/marks';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { createSimulator, type ExcelSimulator } from '../simulator/excel-simulator';

const DIR = path.resolve(__dirname, '../../fixtures/workbooks');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).sort();

const check = (wb: WorkbookSnapshot): Finding[] => checkWorkbook(wb).findings;

async function setup(file: string, requirementSets?: Record<string, string>) {
  const bytes = fs.readFileSync(path.join(DIR, file));
  const sim = await createSimulator(bytes, { requirementSets, name: file });
  const host = new OfficeWorkbookHost((b) => sim.run(b), sim.requirements);
  return { bytes, sim, host };
}

/** A workbook loaded from the same bytes, given the same set-up: what every cell must look like after clear. */
async function reference(bytes: Buffer, prepare: (wb: ExcelJS.Workbook) => void = () => undefined): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  prepare(wb);
  return wb;
}

/** A fill as it looks: no fill however written, else pattern and colours (for hosts that restore colours only). */
function look(fill: ExcelJS.Fill | undefined): string {
  if (!fill || (fill.type === 'pattern' && fill.pattern === 'none')) return 'none';
  return JSON.stringify(fill);
}

/**
 * Every difference of style, note or value between two workbooks (cells of either side; sheet list too);
 * `fillsByLook` compares fills by look() (a cleared fill equals an explicit "none").
 */
function differences(a: ExcelJS.Workbook, b: ExcelJS.Workbook, ignoreValues: Set<string> = new Set(), fillsByLook = false): string[] {
  const out: string[] = [];
  const names = (wb: ExcelJS.Workbook) => wb.worksheets.map((w) => `${w.name}:${w.state}`);
  if (JSON.stringify(names(a)) !== JSON.stringify(names(b))) out.push(`sheets ${names(a).join(',')} ≠ ${names(b).join(',')}`);
  for (const wa of a.worksheets) {
    const wbs = b.getWorksheet(wa.name);
    if (!wbs) continue;
    const addresses = new Set<string>();
    for (const ws of [wa, wbs]) ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => void addresses.add(c.address)));
    const mergesA = JSON.stringify(((wa.model as unknown as { merges: string[] }).merges ?? []).slice().sort());
    const mergesB = JSON.stringify(((wbs.model as unknown as { merges: string[] }).merges ?? []).slice().sort());
    if (mergesA !== mergesB) out.push(`${wa.name} merges ${mergesA} ≠ ${mergesB}`);
    for (const addr of addresses) {
      const x = wa.getCell(addr);
      const y = wbs.getCell(addr);
      const where = `${wa.name}!${addr}`;
      const style = (s: Partial<ExcelJS.Style>) =>
        fillsByLook ? JSON.stringify(Object.entries({ ...s, fill: look(s.fill) }).sort(([k1], [k2]) => k1.localeCompare(k2))) : JSON.stringify(s);
      if (style(x.style) !== style(y.style)) out.push(`${where} style ${style(x.style)} ≠ ${style(y.style)}`);
      if (JSON.stringify(x.note) !== JSON.stringify(y.note)) out.push(`${where} note ${JSON.stringify(x.note)} ≠ ${JSON.stringify(y.note)}`);
      if (!ignoreValues.has(where) && JSON.stringify(x.value) !== JSON.stringify(y.value)) out.push(`${where} value ${JSON.stringify(x.value)} ≠ ${JSON.stringify(y.value)}`);
    }
  }
  return out;
}

/** A total the rules can recompute (表三, 表五, 表二 … 合计, not a formula), to blank for a real auto-fill fix. */
function blankableTotal(snapshot: WorkbookSnapshot): Figure | undefined {
  const t = recognise(snapshot).tables;
  const candidates = [t.T3?.total?.values.total, t.T5?.total?.values.total, t.T2?.total?.values.total, t.T7?.total?.values.amount];
  return candidates.find((f): f is Figure => !!f && !f.formula && !f.empty);
}

const RANK = { fixed: 0, info: 1, warning: 2, error: 3 } as const;

/**
 * Expected marks, computed independently of the adapter: the stated cell (the whole merged area it lies in, noted
 * at the area's top-left cell) → the most severe colour.
 */
function expectedMarks(findings: Finding[], fixes: CellFix[], snap: WorkbookSnapshot): { fills: Map<string, Severity | 'fixed'>; anchors: Set<string> } {
  const fills = new Map<string, Severity | 'fixed'>();
  const anchors = new Set<string>();
  const add = (sheet: string, cell: string, sev: Severity | 'fixed') => {
    const { row, col } = parseA1(cell);
    const s = snap.sheets.find((x) => x.name === sheet)!;
    const m = s.merges.find((x) => x.top <= row && row <= x.bottom && x.left <= col && col <= x.right) ?? { top: row, left: col, bottom: row, right: col };
    anchors.add(`${sheet}!${a1(m.top, m.left)}`);
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        const k = `${sheet}!${a1(r, c)}`;
        const cur = fills.get(k);
        if (cur === undefined || RANK[sev] > RANK[cur]) fills.set(k, sev);
      }
    }
  };
  for (const f of findings) if (f.sheet && f.cells.length) add(f.sheet, f.cells[0], f.severity);
  for (const f of fixes) add(f.sheet, f.cell, 'fixed');
  return { fills, anchors };
}

function solid(argb: string) {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

describe.each(FILES)('%s on the Excel-API simulator', (file) => {
  test('readSnapshot: the .xlsx reader’s snapshot (values, formulas, number formats, merges) in exactly one sync', async () => {
    const { bytes, sim, host } = await setup(file);
    const snap = await host.readSnapshot();
    expect(sim.syncCount()).toBe(1);
    const ref = await readWorkbookBuffer(bytes, file);
    expect(snap.name).toBe(file);
    expect(snap.sheets).toEqual(ref.sheets);
  });

  test('annotate: one sync; the right cells filled and noted, only confirmed fixes written, formulas untouched; clear restores every cell', async () => {
    const { bytes, sim, host } = await setup(file);
    // A copy with a blanked total, so that auto-fill yields a real fix.
    const pre = await readWorkbookBuffer(bytes, file);
    const total = blankableTotal(pre);
    const blank = (wb: ExcelJS.Workbook) => {
      if (total) wb.getWorksheet(total.sheet)!.getCell(total.cell).value = null;
    };
    blank(sim.workbook);
    const before = await reference(bytes, blank);

    const snap = await host.readSnapshot();
    expect(sim.syncCount()).toBe(1);
    const { result } = autoFill(snap, check);
    const fixes = result.applied;
    if (total) expect(fixes.map((f) => `${f.sheet}!${f.cell}`)).toContain(`${total.sheet}!${total.cell}`);
    const findings = check(snap);
    // A fix aimed at a formula cell must never be written.
    const formulaCell = snap.sheets.flatMap((s) => s.rows.flatMap((row, r) => (row ?? []).map((c, ci) => (c?.formula ? { sheet: s.name, r: r + 1, c: ci + 1 } : undefined)))).find(Boolean);
    const formulaFix: CellFix[] = formulaCell
      ? [{ sheet: formulaCell.sheet, cell: before.getWorksheet(formulaCell.sheet)!.getCell(formulaCell.r, formulaCell.c).address, value: '123456', previous: '1', from: [] }]
      : [];

    sim.resetSyncCount();
    const res = await host.annotate(findings, [...fixes, ...formulaFix]);
    expect(sim.syncCount()).toBe(1);
    expect(res.noteKind).toBe('note');
    expect(res.written).toBe(fixes.length);

    const { fills: marks, anchors } = expectedMarks(findings, fixes, snap);
    expect(res.highlighted).toBe(anchors.size);
    expect(res.notes).toBe(anchors.size);
    const wb = sim.workbook;
    const cellAt = (k: string) => {
      const bang = k.lastIndexOf('!');
      return wb.getWorksheet(k.slice(0, bang))!.getCell(k.slice(bang + 1));
    };
    for (const [k, sev] of marks) expect({ k, fill: cellAt(k).fill }).toEqual({ k, fill: solid(FILLS[sev]) });
    for (const k of anchors) expect(typeof cellAt(k).note).toBe('string');
    for (const f of findings.filter((x) => x.sheet && x.cells.length)) {
      const { row, col } = parseA1(f.cells[0]);
      const m = snap.sheets.find((x) => x.name === f.sheet)!.merges.find((x) => x.top <= row && row <= x.bottom && x.left <= col && col <= x.right);
      expect(String(wb.getWorksheet(f.sheet)!.getCell(m ? a1(m.top, m.left) : f.cells[0]).note)).toContain(f.message);
    }
    for (const fix of fixes) {
      expect(wb.getWorksheet(fix.sheet)!.getCell(fix.cell).value).toBe(Number(fix.value));
      expect(String(wb.getWorksheet(fix.sheet)!.getCell(fix.cell).note)).toContain('【已自动填充】');
    }
    // Nothing else changed in the user's sheets: styles, notes, values and formulas (only the marked cells differ).
    const fixed = new Set(fixes.map((f) => `${f.sheet}!${f.cell}`));
    const changed = differences(before, wb, fixed).filter((d) => !d.startsWith('sheets'));
    const unexpected = changed.filter((d) => !marks.has(d.replace(/ (style|note|value) .*$/s, '')));
    expect(unexpected.slice(0, 10)).toEqual([]);
    if (formulaCell) {
      const c = wb.getWorksheet(formulaCell.sheet)!.getCell(formulaCell.r, formulaCell.c);
      const r = before.getWorksheet(formulaCell.sheet)!.getCell(formulaCell.r, formulaCell.c);
      expect(c.value).toEqual(r.value);
    }
    // The record (very hidden) and the result sheet.
    expect(wb.getWorksheet(MARK_SHEET)!.state).toBe('veryHidden');
    const result_ = wb.getWorksheet(RESULT_SHEET)!;
    expect(result_.state).toBe('visible');
    expect(result_.getRow(1).values).toEqual([undefined, '序号', '表', '规则', '级别', '说明', '位置']);
    expect(result_.rowCount).toBe(findings.length + 1);
    findings.forEach((f, i) => {
      const loc = result_.getCell(i + 2, 6).value as ExcelJS.CellHyperlinkValue | null;
      if (f.sheet && f.cells.length) expect(loc).toEqual({ text: `${f.sheet}!${f.cells[0]}`, hyperlink: `#'${f.sheet}'!${f.cells[0]}` });
      expect(result_.getCell(i + 2, 4).fill).toEqual(solid(FILLS[f.severity]));
    });
    expect(result_.views).toEqual([{ state: 'frozen', ySplit: 1 }]);

    // Validate again while annotated: same snapshot (the add-in's sheets are not part of it), still one sync.
    sim.resetSyncCount();
    const again = await host.readSnapshot();
    expect(sim.syncCount()).toBe(1);
    expect(again.sheets.map((s) => s.name)).toEqual(snap.sheets.map((s) => s.name));

    sim.resetSyncCount();
    await host.clearAnnotations();
    expect(sim.syncCount()).toBe(2);
    expect(differences(before, wb, fixed).slice(0, 10)).toEqual([]);
    for (const fix of fixes) expect(wb.getWorksheet(fix.sheet)!.getCell(fix.cell).value).toBe(Number(fix.value));
  });
});

describe('exact restoration and degradation (001-standard, 001-merged-wide)', () => {
  /** The user's own fills and notes on cells the add-in will mark, and one merged area to mark. */
  function decorate(wb: ExcelJS.Workbook, cells: { sheet: string; cell: string }[], argbOnly = false): void {
    const [a, b, c, d] = cells;
    const cell = (x: { sheet: string; cell: string }) => wb.getWorksheet(x.sheet)!.getCell(x.cell);
    // (a new style object each time: ExcelJS shares one among the cells that had the same style in the file)
    const fill = (x: { sheet: string; cell: string }, f: ExcelJS.Fill) => void (cell(x).style = { ...cell(x).style, fill: f });
    fill(a, argbOnly ? { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' } } : ({ type: 'pattern', pattern: 'solid', fgColor: { theme: 5, tint: 0.3999 } } as ExcelJS.Fill));
    fill(b, { type: 'pattern', pattern: 'darkTrellis', fgColor: { argb: 'FF0000FF' }, bgColor: { argb: 'FFFFFF00' } });
    cell(b).note = '用户自己的批注';
    cell(c).note = '另一条用户批注';
    if (!argbOnly) fill(d, { type: 'gradient', gradient: 'angle', degree: 90, stops: [{ position: 0, color: { argb: 'FFFF0000' } }, { position: 1, color: { argb: 'FF00FF00' } }] });
  }

  async function prepared(file: string, requirementSets?: Record<string, string>, argbOnly = false) {
    const { bytes, sim, host } = await setup(file, requirementSets);
    const pre = await readWorkbookBuffer(bytes, file);
    const findings = check(pre).filter((f) => f.sheet && f.cells.length);
    // Plus a finding on a merged header (its whole merged area gets marked, and restored).
    const mergedSheet = pre.sheets.find((s) => s.merges.length && s.name === findings[0].sheet) ?? pre.sheets.find((s) => s.merges.length)!;
    const m = mergedSheet.merges[0];
    const mergedCell = sim.workbook.getWorksheet(mergedSheet.name)!.getCell(m.top, m.left).address;
    findings.push({ rule: 'TEST.merged', severity: 'error', sheet: mergedSheet.name, cells: [mergedCell], message: '合并单元格上的问题' });
    const stated = findings.map((f) => ({ sheet: f.sheet, cell: f.cells[0] }));
    decorate(sim.workbook, stated, argbOnly);
    const before = await reference(bytes, (wb) => decorate(wb, stated, argbOnly));
    return { sim, host, findings, before, merged: { sheet: mergedSheet.name, m } };
  }

  test('cells with their own fill (theme, pattern, gradient) and note come back exactly; the merged area is marked whole', async () => {
    const { sim, host, findings, before, merged } = await prepared('001-merged-wide.xlsx');
    await host.readSnapshot();
    expect(sim.syncCount()).toBe(2); // the user's notes are located: one more sync
    sim.resetSyncCount();
    const res = await host.annotate(findings, []);
    expect(sim.syncCount()).toBe(1);
    const wb = sim.workbook;
    const ws = wb.getWorksheet(merged.sheet)!;
    for (let r = merged.m.top; r <= merged.m.bottom; r++) {
      for (let c = merged.m.left; c <= merged.m.right; c++) expect(ws.getCell(r, c).fill).toEqual(solid(FILLS.error));
    }
    // The user's note is kept after the add-in's text.
    const b = findings[1];
    const note = String(wb.getWorksheet(b.sheet)!.getCell(b.cells[0]).note);
    expect(note).toContain(b.message);
    expect(note.endsWith('用户自己的批注')).toBe(true);
    expect(res.notes).toBe(res.highlighted);
    // Annotating again (same findings) first undoes the previous marks: still exact afterwards.
    await host.readSnapshot();
    sim.resetSyncCount();
    await host.annotate(findings, []);
    expect(sim.syncCount()).toBe(1);
    const record = parseRecord(
      wb.getWorksheet(MARK_SHEET)!.getColumn(1).values.slice(1).map((v) => [v]),
    );
    expect(record?.entries.find((e) => e.n === 'edited')?.o).toBe('用户自己的批注');
    await host.clearAnnotations();
    expect(differences(before, wb).slice(0, 10)).toEqual([]);
  });

  test('a note deleted by the user in between: annotate and clear still restore exactly', async () => {
    const { sim, host, findings, before } = await prepared('001-standard.xlsx');
    await host.readSnapshot();
    await host.annotate(findings, []);
    await host.readSnapshot();
    // The user deletes one of the add-in's notes and adds one elsewhere (same count: the record is trusted).
    const wb = sim.workbook;
    const f0 = findings[3];
    (wb.getWorksheet(f0.sheet)!.getCell(f0.cells[0]) as unknown as { _comment?: unknown })._comment = undefined;
    wb.getWorksheet(f0.sheet)!.getCell('Z99').note = '新批注';
    sim.resetSyncCount();
    await host.annotate(findings, []);
    expect(sim.syncCount()).toBe(1);
    await host.clearAnnotations();
    const ref = before;
    ref.getWorksheet(f0.sheet)!.getCell('Z99').note = '新批注';
    expect(differences(ref, wb).slice(0, 10)).toEqual([]);
  });

  test('a batch that fails half-way: the record was written first, so the retry undoes it and the result is exact', async () => {
    const { sim, host, findings, before } = await prepared('001-merged-wide.xlsx');
    await host.readSnapshot();
    await host.annotate(findings.slice(0, 5), []); // an earlier annotation to undo as well
    await host.readSnapshot();
    for (const after of [3, 30, 80]) {
      sim.failNextSync('GeneralException', 'injected', after);
      sim.resetSyncCount();
      const res = await host.annotate(findings, []);
      expect(sim.syncCount()).toBe(4); // failed write, located read (2), write
      expect(res.noteKind).toBe('note');
      await host.readSnapshot();
    }
    await host.clearAnnotations();
    expect(differences(before, sim.workbook).slice(0, 10)).toEqual([]);
  });

  test('ExcelApi 1.10–1.17: threaded comments instead of notes; cleared afterwards', async () => {
    const { bytes, sim, host } = await setup('001-standard.xlsx', { ExcelApi: '1.13' });
    const before = await reference(bytes);
    const findings = check(await host.readSnapshot());
    expect(sim.syncCount()).toBe(1);
    sim.resetSyncCount();
    const res = await host.annotate(findings, []);
    expect(sim.syncCount()).toBe(1);
    expect(res.noteKind).toBe('comment');
    expect(res.notes).toBe(res.highlighted);
    const f = findings.find((x) => x.sheet && x.cells.length)!;
    expect(sim.comments(f.sheet).find((c) => c.cell === f.cells[0])?.content).toContain(f.message);
    // validating again while annotated: the add-in's comments are its own (counted, not located)
    sim.resetSyncCount();
    await host.readSnapshot();
    expect(sim.syncCount()).toBe(1);
    await host.clearAnnotations();
    expect(differences(before, sim.workbook).slice(0, 10)).toEqual([]);
    for (const s of sim.workbook.worksheets) expect(sim.comments(s.name)).toEqual([]);
  });

  test('ExcelApi 1.13 with the user’s legacy notes (invisible to it): a colliding comment makes annotate fall back to no notes', async () => {
    const { sim, host, findings, before } = await prepared('001-standard.xlsx', { ExcelApi: '1.13' });
    await host.readSnapshot();
    const res = await host.annotate(findings, []);
    expect(res.noteKind).toBe('none');
    expect(res.notes).toBe(0);
    await host.clearAnnotations();
    expect(differences(before, sim.workbook).slice(0, 10)).toEqual([]);
    for (const s of sim.workbook.worksheets) expect(sim.comments(s.name)).toEqual([]);
  });

  test('ExcelApi 1.9: neither notes nor comments — fills (read with the snapshot, kept as data) and the result sheet', async () => {
    const { sim, host, findings, before } = await prepared('001-standard.xlsx', { ExcelApi: '1.9' }, true);
    const snap = await host.readSnapshot();
    expect(sim.syncCount()).toBe(1);
    expect(snap.sheets.some((s) => s.merges.length)).toBe(false); // merged areas need ExcelApi 1.13
    sim.resetSyncCount();
    const res = await host.annotate(findings, []);
    expect(sim.syncCount()).toBe(1);
    expect(res).toMatchObject({ noteKind: 'none', notes: 0 });
    expect(res.highlighted).toBeGreaterThan(0);
    expect(sim.workbook.getWorksheet(RESULT_SHEET)!.rowCount).toBe(findings.length + 1);
    // no format copies without merged-area knowledge: the record holds fills as data
    const record = parseRecord(sim.workbook.getWorksheet(MARK_SHEET)!.getColumn(1).values.slice(1).map((v) => [v]))!;
    expect(record.meta.formats).toBe('fill');
    expect(record.entries.every((e) => e.c === undefined && e.f !== undefined)).toBe(true);
    await host.clearAnnotations();
    expect(differences(before, sim.workbook, new Set(), true).slice(0, 10)).toEqual([]);
  });

  test('ExcelApi 1.4: two-step read, colours recorded as data (one read more), HYPERLINK formulas', async () => {
    const { bytes, sim, host } = await setup('001-standard.xlsx', { ExcelApi: '1.4' });
    const snap = await host.readSnapshot();
    expect(sim.syncCount()).toBe(2);
    const ref = await readWorkbookBuffer(bytes, 'x');
    expect(snap.sheets.map((s) => ({ ...s, merges: [] }))).toEqual(ref.sheets.map((s) => ({ ...s, merges: [] })));
    const findings = check(ref).filter((f) => f.sheet && f.cells.length);
    sim.resetSyncCount();
    const res = await host.annotate(findings, []);
    expect(sim.syncCount()).toBe(2);
    expect(res.noteKind).toBe('none');
    const rs = sim.workbook.getWorksheet(RESULT_SHEET)!;
    expect((rs.getCell('F2').value as ExcelJS.CellFormulaValue).formula).toMatch(/^HYPERLINK\("#'/);
    await host.clearAnnotations();
    // Colour-only restoration: every cell looks as before (no fill, or the same colour).
    const view = (f: ExcelJS.Fill | undefined) => (f && f.type === 'pattern' && f.pattern !== 'none' ? JSON.stringify(f.fgColor) : 'none');
    const before = await reference(bytes);
    for (const f of findings) {
      const ws = sim.workbook.getWorksheet(f.sheet)!;
      expect(view(ws.getCell(f.cells[0]).fill)).toBe(view(before.getWorksheet(f.sheet)!.getCell(f.cells[0]).fill));
    }
    expect(sim.workbook.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
  });
});

describe('select and writeSheet', () => {
  let sim: ExcelSimulator;
  let host: OfficeWorkbookHost;
  beforeEach(async () => {
    ({ sim, host } = await setup('002-standard.xlsx'));
  });

  test('select activates the sheet and selects the first cell, in one sync', async () => {
    await host.select('表五', ['C6', 'C7']);
    expect(sim.syncCount()).toBe(1);
    expect(sim.selection()).toEqual({ sheet: '表五', address: 'C6' });
    expect(sim.activeSheet()).toBe('表五');
    await expect(host.select('没有这张表', ['A1'])).rejects.toThrow(/无法定位到 没有这张表!A1/);
  });

  test('a fix cell that became a formula after the read: the formula is put back (one more sync), not counted as written', async () => {
    const snap = await host.readSnapshot();
    const fix: CellFix = { sheet: '表五', cell: 'C6', value: '1.5', previous: '', from: [] };
    sim.workbook.getWorksheet('表五')!.getCell('C6').value = { formula: 'SUM(C7:C9)', result: 7 } as ExcelJS.CellFormulaValue;
    sim.resetSyncCount();
    const res = await host.annotate(check(snap), [fix]);
    expect(sim.syncCount()).toBe(2);
    expect(res.written).toBe(0);
    expect((sim.workbook.getWorksheet('表五')!.getCell('C6').value as ExcelJS.CellFormulaValue).formula).toBe('SUM(C7:C9)');
  });

  test('a sheet of the user named 校验结果 is left alone: the results go to 校验结果 (2)', async () => {
    sim.workbook.addWorksheet(RESULT_SHEET).getCell('A1').value = '用户自己的表';
    const snap = await host.readSnapshot();
    expect(snap.sheets.map((s) => s.name)).toContain(RESULT_SHEET);
    await host.annotate(check(snap), []);
    expect(sim.workbook.getWorksheet(`${RESULT_SHEET} (2)`)!.getCell('A1').value).toBe('序号');
    expect(sim.workbook.getWorksheet(RESULT_SHEET)!.getCell('A1').value).toBe('用户自己的表');
    await host.clearAnnotations();
    expect(sim.workbook.getWorksheet(`${RESULT_SHEET} (2)`)).toBeUndefined();
    expect(sim.workbook.getWorksheet(RESULT_SHEET)!.getCell('A1').value).toBe('用户自己的表');
  });

  test('writeSheet replaces a sheet it made, never a sheet of the user', async () => {
    await host.writeSheet('补充信息', [['项目', '值'], ['单位名称', '某局'], ['=1+1', '123']]);
    const ws = sim.workbook.getWorksheet('补充信息')!;
    expect(ws.getCell('A3').value).toBe('=1+1');
    expect(ws.getCell('B3').value).toBe('123');
    expect(sim.activeSheet()).toBe('补充信息');
    sim.resetSyncCount();
    await host.writeSheet('补充信息', [['新的']]);
    expect(sim.syncCount()).toBe(2);
    expect(sim.workbook.getWorksheet('补充信息')!.getCell('A1').value).toBe('新的');
    expect(sim.workbook.getWorksheet('补充信息')!.getCell('A2').value).toBeNull();
    // A sheet the user made keeps its content: the add-in writes beside it.
    await host.writeSheet('表五', [['x']]);
    expect(sim.workbook.getWorksheet('表五 (2)')!.getCell('A1').value).toBe('x');
    // The supplement sheet is part of the snapshot the engine reads; the record is not.
    const snap = await host.readSnapshot();
    expect(snap.sheets.map((s) => s.name)).toContain('补充信息');
    expect(snap.sheets.map((s) => s.name)).not.toContain(MARK_SHEET);
    // clear keeps sheets writeSheet made, and remembers them.
    await host.annotate(check(snap), []);
    await host.clearAnnotations();
    expect(sim.workbook.getWorksheet(RESULT_SHEET)).toBeUndefined();
    expect(sim.workbook.getWorksheet('补充信息')).toBeDefined();
    await host.writeSheet('补充信息', [['再写一次']]);
    expect(sim.workbook.getWorksheet('补充信息 (2)')).toBeUndefined();
  });
});

/**
 * EtWorkbookHost (src/wps) on the WPS ET-API SIMULATOR (tests/wps/et-simulator.ts — not WPS) with every
 * fixtures/workbooks seed: the same findings as the CLI's reader, marks as conditional formats and comments that
 * clearing removes exactly (the exported workbook equals the untouched one), auto-fill, the user's own comments
 * and sheets left alone, the 情况说明 sheet replaced only when it is the add-in's.
 */
import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import { autoFill } from '../../src/fixes/autofill';
import { check as checkWorkbook, recognise } from '../../src/engine';
import { a1, parseA1 } from '../../src/model/address';
import type { Finding } from '../../src/model/finding';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import type { Figure } from '../../src/tables/types';
import { FILLS, NOTE_HEADER, NOTE_KEPT_TITLE, RESULT_ITEM_COLUMNS, RESULT_SHEET, RESULT_SHEET_NAME_MARKER, markFormula, markKindOf, planMarks } from '../../src/format/marks';
import { patchWorkbook } from '../../src/xlsx/patch';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { EtWorkbookHost, MADE_SHEET_NAME_PREFIX, bgrColor } from '../../src/wps/et-host';
import { createEtSimulator, type EtSimulator } from './et-simulator';

const DIR = path.resolve(__dirname, '../../fixtures/workbooks');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).sort();

const findings = (wb: WorkbookSnapshot): Finding[] => checkWorkbook(wb).findings;
/** What the CLI's check --json compares on: rule, sheet, cells, severity (and the message). */
const key = (f: Finding) => `${f.rule}|${f.sheet}|${f.cells.join(',')}|${f.severity}|${f.message}`;

async function setup(file: string, prepare?: (wb: ExcelJS.Workbook) => void): Promise<{ bytes: Buffer; sim: EtSimulator; host: EtWorkbookHost }> {
  let bytes = fs.readFileSync(path.join(DIR, file));
  if (prepare) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    prepare(wb);
    bytes = Buffer.from(await wb.xlsx.writeBuffer());
  }
  const sim = await createEtSimulator(bytes, { name: file });
  return { bytes, sim, host: new EtWorkbookHost(() => sim.Application) };
}

interface Rule {
  sheet: string;
  ref: string;
  formula: string;
  fill: string | undefined;
}

/** Every conditional-format rule of a workbook, as (sheet, range, formula, fill). */
function rulesOf(wb: ExcelJS.Workbook): Rule[] {
  const out: Rule[] = [];
  for (const ws of wb.worksheets) {
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[] }[] }).conditionalFormattings;
    for (const e of cfs) for (const r of e.rules) out.push({ sheet: ws.name, ref: e.ref, formula: r.formulae?.[0] ?? '', fill: r.style?.fill?.bgColor?.argb });
  }
  return out;
}

/** Every comment (note) of a workbook, "sheet!A1" → text. */
function notesOf(wb: ExcelJS.Workbook): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        if (c.note !== undefined) out[`${ws.name}!${c.address}`] = typeof c.note === 'string' ? c.note : (c.note.texts ?? []).map((t) => t.text).join('');
      }),
    );
  }
  return out;
}

/** The workbook as a comparable text: sheets and states, merges, every cell's value, style and note, rules, names. */
async function fingerprint(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [`sheets ${wb.worksheets.map((w) => `${w.name}:${w.state}`).join(',')}`];
  for (const ws of wb.worksheets) {
    out.push(`${ws.name} merges ${JSON.stringify(((ws.model as unknown as { merges: string[] }).merges ?? []).slice().sort())}`);
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        out.push(`${ws.name}!${c.address} ${JSON.stringify(c.value)} ${JSON.stringify(c.style)} ${JSON.stringify(c.note ?? null)}`);
      }),
    );
  }
  for (const r of rulesOf(wb)) out.push(`rule ${JSON.stringify(r)}`);
  out.push(`names ${JSON.stringify((wb.definedNames as unknown as { model: unknown }).model)}`);
  return out;
}

/** The marks expected from the plan, each stated cell widened to its merged area (computed from the snapshot). */
function expectedRules(fs_: Finding[], fixes: Parameters<typeof planMarks>[1], snap: WorkbookSnapshot): { sheet: string; ref: string; formula: string; fill: string }[] {
  const areas = new Map<string, string>();
  const keyOf = (sheet: string, cell: string) => {
    const s = snap.sheets.find((x) => x.name === sheet);
    if (!s) return undefined;
    const { row, col } = parseA1(cell);
    const m = s.merges.find((x) => x.top <= row && row <= x.bottom && x.left <= col && col <= x.right);
    const anchor = m ? a1(m.top, m.left) : cell;
    areas.set(`${sheet}!${anchor}`, m && (m.bottom > m.top || m.right > m.left) ? `${anchor}:${a1(m.bottom, m.right)}` : anchor);
    return { sheet, cell: anchor };
  };
  return planMarks(fs_, fixes, keyOf).map((m) => ({ sheet: m.sheet, ref: areas.get(`${m.sheet}!${m.cell}`)!, formula: markFormula(m.kind), fill: FILLS[m.kind] }));
}

const sortRules = <T extends { sheet: string; ref: string }>(rs: T[]) => rs.slice().sort((a, b) => `${a.sheet}!${a.ref}`.localeCompare(`${b.sheet}!${b.ref}`));

describe.each(FILES)('%s', (file) => {
  test('readSnapshot gives the findings the CLI reader gives; 标记 adds exactly the planned rules and notes; 清除 leaves the workbook as it was', async () => {
    const { bytes, sim, host } = await setup(file);
    const untouched = await fingerprint(await sim.exportXlsx());

    const before = sim.calls();
    const snap = await host.readSnapshot();
    // Each object-model call crosses into WPS: the read asks whole blocks (Value2, Formula), formats and merges by
    // halving — never a round of calls per cell (that would be 5 or more per cell); a merge costs its MergeArea.
    const cells = snap.sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + (r ? r.filter(Boolean).length : 0), 0), 0);
    const merges = snap.sheets.reduce((n, s) => n + s.merges.length, 0);
    expect(sim.calls() - before).toBeLessThan(3 * cells + 25 * merges);
    const cli = findings(await readWorkbookBuffer(bytes, file));
    const got = findings(snap);
    expect(got.map(key)).toEqual(cli.map(key));
    expect(recognise(snap).targets.map((t) => t.sheet)).toEqual(recognise(await readWorkbookBuffer(bytes, file)).targets.map((t) => t.sheet));

    const res = await host.annotate(got, []);
    expect(res.noteKind).toBe('comment');
    expect(res.written).toBe(0);
    const rules = rulesOf(sim.workbook);
    const planned = expectedRules(got, [], snap);
    expect(res.highlighted).toBe(planned.length);
    expect(sortRules(rules)).toEqual(sortRules(planned));
    expect(rules.every((r) => markKindOf(r.formula))).toBe(true);
    // Every mark has its note (the seeds carry no comments of their own), each starting with NOTE_HEADER.
    const notes = notesOf(sim.workbook);
    expect(res.notes).toBe(planned.length);
    expect(Object.values(notes).every((t) => t.startsWith(NOTE_HEADER))).toBe(true);
    // The 校验结果 sheet: known by its hidden defined name.
    const names = sim.names();
    const marker = names.find((n) => n.name === RESULT_SHEET_NAME_MARKER)!;
    expect(marker).toMatchObject({ visible: false });
    expect(marker.refersTo).toBe(`=${RESULT_SHEET}!$A$1`);
    // (First and active, with the copy's rows cell for cell: tests/wps/et-host.results.test.ts.)
    const result = sim.workbook.worksheets[0];
    expect(result.name).toBe(RESULT_SHEET);
    expect(sim.activeSheet()).toBe(RESULT_SHEET);
    expect(result.getRow(1).values).toEqual([undefined, ...RESULT_ITEM_COLUMNS.map((c) => c.header)]);
    // Checking again sees the same workbook (the add-in's own sheet is not part of the disclosure).
    expect(findings(await host.readSnapshot()).map(key)).toEqual(got.map(key));

    await host.clearAnnotations();
    expect(await fingerprint(await sim.exportXlsx())).toEqual(untouched);
  });
});

/** A total the rules can recompute (not a formula), to blank for a real auto-fill fix. */
function blankableTotal(snapshot: WorkbookSnapshot): Figure | undefined {
  const t = recognise(snapshot).tables;
  const candidates = [t.T3?.total?.values.total, t.T5?.total?.values.total, t.T2?.total?.values.total, t.T7?.total?.values.amount];
  return candidates.find((f): f is Figure => !!f && !f.formula && !f.empty);
}

test('自动填充: the confirmed fixes are written (never over a formula), marked "fixed", and stay after 清除', async () => {
  const pre = await readWorkbookBuffer(fs.readFileSync(path.join(DIR, '001-standard.xlsx')), '001-standard.xlsx');
  const total = blankableTotal(pre)!;
  expect(total).toBeDefined();
  const { sim, host } = await setup('001-standard.xlsx', (wb) => {
    wb.getWorksheet(total.sheet)!.getCell(total.cell).value = null;
  });
  const before = await fingerprint(await sim.exportXlsx());
  const snap = await host.readSnapshot();
  const { result, snapshot: filled } = autoFill(snap, findings);
  const fix = result.applied.find((f) => f.sheet === total.sheet && f.cell === total.cell)!;
  expect(fix).toBeDefined();
  const formulaCell = snap.sheets.flatMap((s) => s.rows.flatMap((row, r) => (row ?? []).map((c, ci) => (c?.formula ? { sheet: s.name, cell: a1(r + 1, ci + 1) } : undefined)))).find(Boolean);
  const formulaFix = formulaCell ? [{ ...formulaCell, value: '123456', previous: '1', from: [] }] : [];

  const remaining = findings(filled);
  const res = await host.annotate(remaining, [...result.applied, ...formulaFix]);
  expect(res.written).toBe(result.applied.length);
  const ws = sim.workbook.getWorksheet(total.sheet)!;
  expect(ws.getCell(total.cell).value).toBe(Number(fix.value));
  if (formulaCell) expect(sim.workbook.getWorksheet(formulaCell.sheet)!.getCell(formulaCell.cell).formula).toBeTruthy();
  const rule = rulesOf(sim.workbook).find((r) => r.sheet === total.sheet && r.ref === total.cell)!;
  expect(rule.formula).toBe(markFormula('fixed'));
  expect(rule.fill).toBe(FILLS.fixed);
  expect(notesOf(sim.workbook)[`${total.sheet}!${total.cell}`]).toContain('【已自动填充】');

  await host.clearAnnotations();
  const after = await fingerprint(await sim.exportXlsx());
  // Only the filled cells differ from the workbook before; their value is the fix.
  const changed = after.filter((l) => !before.includes(l));
  expect(changed.map((l) => l.split(' ')[0]).sort()).toEqual(result.applied.map((f) => `${f.sheet}!${f.cell}`).sort());
});

test("the user's own comment, rules and 校验结果 sheet are left alone; ours go beside them and only ours are cleared", async () => {
  const snap0 = await readWorkbookBuffer(fs.readFileSync(path.join(DIR, '000-standard.xlsx')), '000-standard.xlsx');
  const f0 = findings(snap0).find((f) => f.sheet && f.cells.length)!;
  const cell = f0.cells[0];
  const { sim, host } = await setup('000-standard.xlsx', (wb) => {
    const ws = wb.getWorksheet(f0.sheet)!;
    ws.getCell(cell).note = '科长：此处待核';
    ws.addConditionalFormatting({ ref: 'A1:B2', rules: [{ type: 'expression', priority: 1, formulae: ['LEN(A1)>100'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FF00B050' } } } }] });
    const own = wb.addWorksheet(RESULT_SHEET);
    own.getCell('A1').value = '我自己的校验记录';
  });
  const before = await fingerprint(await sim.exportXlsx());
  const snap = await host.readSnapshot();
  const got = findings(snap);
  const res = await host.annotate(got, []);
  // The user's comment is untouched, and the cell is listed on our result sheet instead.
  expect(notesOf(sim.workbook)[`${f0.sheet}!${cell}`]).toBe('科长：此处待核');
  expect(res.notes).toBe(res.highlighted - 1);
  const ours = sim.workbook.getWorksheet(`${RESULT_SHEET} (2)`)!;
  expect(ours).toBeDefined();
  const texts: string[] = [];
  ours.eachRow((row) => row.eachCell((c) => void texts.push(String(c.value && typeof c.value === 'object' && 'text' in c.value ? c.value.text : c.value))));
  expect(texts).toContain(NOTE_KEPT_TITLE);
  expect(texts).toContain(`${f0.sheet}!${cell}`);
  expect(sim.names().find((n) => n.name === RESULT_SHEET_NAME_MARKER)!.refersTo).toBe(`='${RESULT_SHEET} (2)'!$A$1`);
  expect(sim.workbook.getWorksheet(RESULT_SHEET)!.getCell('A1').value).toBe('我自己的校验记录');
  expect(rulesOf(sim.workbook).filter((r) => !markKindOf(r.formula))).toEqual([{ sheet: f0.sheet, ref: 'A1:B2', formula: 'LEN(A1)>100', fill: 'FF00B050' }]);

  // Annotating twice replaces our marks (no duplicates), also while our 校验结果 sheet is the active one;
  // clearing restores the workbook exactly.
  sim.Application.ActiveWorkbook!.Worksheets.Item(`${RESULT_SHEET} (2)`).Activate();
  const again = await host.annotate(got, []);
  expect(sim.activeSheet()).toBe(`${RESULT_SHEET} (2)`);
  expect(again.highlighted).toBe(res.highlighted);
  expect(rulesOf(sim.workbook).filter((r) => markKindOf(r.formula))).toHaveLength(res.highlighted);
  await host.clearAnnotations();
  expect(await fingerprint(await sim.exportXlsx())).toEqual(before);
});

test('the 校验结果 sheet is found by its name marker after the user renamed it', async () => {
  const { sim, host } = await setup('003-standard.xlsx');
  const before = await fingerprint(await sim.exportXlsx());
  await host.annotate(findings(await host.readSnapshot()), []);
  const ws = sim.Application.ActiveWorkbook!.Worksheets.Item(RESULT_SHEET);
  ws.Name = '上次结果';
  expect(sim.names().find((n) => n.name === RESULT_SHEET_NAME_MARKER)!.refersTo).toBe("='上次结果'!$A$1");
  await host.clearAnnotations();
  expect(await fingerprint(await sim.exportXlsx())).toEqual(before);
});

test('writeSheet replaces the sheet it made before, never a sheet of that name the user made; select activates and selects', async () => {
  const { sim, host } = await setup('001-variant.xlsx', (wb) => {
    wb.addWorksheet('补充信息').getCell('A1').value = '用户自己的表';
  });
  await host.writeSheet('情况说明（生成）', [['第一行'], ['=不是公式'], ['123']]);
  await host.writeSheet('情况说明（生成）', [['第二次']]);
  await host.writeSheet('补充信息', [['填写项', '内容']]);
  const names = sim.workbook.worksheets.map((w) => w.name);
  expect(names.filter((n) => n.startsWith('情况说明（生成）'))).toEqual(['情况说明（生成）']);
  expect(sim.workbook.getWorksheet('情况说明（生成）')!.getCell('A1').value).toBe('第二次');
  expect(sim.workbook.getWorksheet('补充信息')!.getCell('A1').value).toBe('用户自己的表');
  expect(sim.workbook.getWorksheet('补充信息 (2)')!.getCell('B1').value).toBe('内容');
  expect(sim.names().filter((n) => n.name.startsWith(MADE_SHEET_NAME_PREFIX)).map((n) => n.refersTo).sort()).toEqual(
    ["='情况说明（生成）'!$A$1", "='补充信息 (2)'!$A$1"].sort(),
  );
  expect(sim.activeSheet()).toBe('补充信息 (2)');

  await host.writeSheet('情况说明（生成）', [['第一行'], ['=不是公式'], ['123']]);
  const ws = sim.workbook.getWorksheet('情况说明（生成）')!;
  expect([ws.getCell('A2').value, ws.getCell('A3').value]).toEqual(['=不是公式', '123']);

  const first = sim.workbook.worksheets[0].name;
  await host.select(first, ['B6', 'B7']);
  expect(sim.selection()).toEqual({ sheet: first, address: 'B6' });
  expect(sim.activeSheet()).toBe(first);
  await expect(host.select('没有这张表', ['A1'])).rejects.toThrow(/无法定位到 没有这张表!A1/);
});

test('no workbook open, or no WPS at all: a Chinese message, not a crash', async () => {
  const none = new EtWorkbookHost(() => undefined);
  await expect(none.readSnapshot()).rejects.toThrow(/没有检测到 WPS 表格/);
  const empty = new EtWorkbookHost(() => ({ ActiveWorkbook: null, DisplayAlerts: true }));
  await expect(empty.readSnapshot()).rejects.toThrow(/没有打开的工作簿/);
});

test('mark colours are the BGR form of the shared fills', () => {
  expect(bgrColor('FFFFC7CE')).toBe(0xce * 65536 + 0xc7 * 256 + 0xff);
  expect(bgrColor(FILLS.fixed)).toBe(0xee * 65536 + 0xd7 * 256 + 0xbd);
});

test("the CLI's annotated copy opened in WPS: the pane sees the same disclosure, and 清除标记 removes exactly the copy's marks", async () => {
  const file = '002-standard.xlsx';
  const bytes = fs.readFileSync(path.join(DIR, file));
  const original = await createEtSimulator(bytes, { name: file });
  const untouched = await fingerprint(await original.exportXlsx());
  const cli = findings(await readWorkbookBuffer(bytes, file));
  const { bytes: copy } = await patchWorkbook(bytes, cli, []);
  const sim = await createEtSimulator(copy, { name: file });
  const host = new EtWorkbookHost(() => sim.Application);
  expect(rulesOf(sim.workbook).filter((r) => markKindOf(r.formula)).length).toBeGreaterThan(0);
  // The copy's 校验结果 sheet is the product's (its defined name says so): not part of what is checked.
  expect(findings(await host.readSnapshot()).map(key)).toEqual(cli.map(key));
  await host.clearAnnotations();
  expect(await fingerprint(await sim.exportXlsx())).toEqual(untouched);
});

test('the snapshot agrees with the .xlsx reader cell for cell: dates, percentages, formulas, errors, merges, hidden sheets, a used range not at A1', async () => {
  const wb = new ExcelJS.Workbook();
  const data = wb.addWorksheet('数据');
  data.getCell('C3').value = '　　一般公共服务支出';
  data.mergeCells('C4:E5');
  data.getCell('C4').value = '合并的标题';
  data.getCell('D6').value = 1234.5;
  data.getCell('D6').numFmt = '#,##0.00';
  data.getCell('D7').value = 0.125;
  data.getCell('D7').numFmt = '0.00%';
  data.getCell('D8').value = { formula: 'D6*2', result: 2469 } as ExcelJS.CellFormulaValue;
  data.getCell('D9').value = new Date(Date.UTC(2024, 0, 15));
  data.getCell('D9').numFmt = 'yyyy-mm-dd';
  data.getCell('D10').value = { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
  data.getCell('E6').value = true;
  const hidden = wb.addWorksheet('隐藏表', { state: 'hidden' });
  hidden.getCell('B2').value = 42;
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());

  const sim = await createEtSimulator(bytes, { name: 'features.xlsx' });
  const got = await new EtWorkbookHost(() => sim.Application).readSnapshot();
  const want = await readWorkbookBuffer(bytes, 'features.xlsx');
  const cells = (s: WorkbookSnapshot) =>
    s.sheets.map((sh) => ({
      name: sh.name,
      hidden: !!sh.hidden,
      merges: sh.merges,
      cells: sh.rows.flatMap((row, r) =>
        (row ?? []).flatMap((c, ci) =>
          // Number formats matter on numbers only (a date is one); the ET adapter reads them there.
          c ? [{ at: a1(r + 1, ci + 1), value: c.value, formula: c.formula, numFmt: typeof c.value === 'number' ? c.numFmt : undefined }] : [],
        ),
      ),
    }));
  expect(cells(got)).toEqual(cells(want));
  expect(got.sheets[1].hidden).toBe(true);
  expect(got.sheets[0].rows[8]?.[3]?.value).toBe('2024-01-15');
  expect(got.sheets[0].rows[9]?.[3]).toMatchObject({ value: '#DIV/0!', formula: '1/0' });
});

/**
 * The annotated copy is a patch of the package (src/xlsx/patch.ts): every seed workbook's entries survive byte for
 * byte except the changed ones, which differ only by the product's additions; marks are conditional formats with
 * the product's formula; notes only where the cell has none; auto-filled values in the existing cell.
 */
import ExcelJS from 'exceljs';
import fs from 'fs';
import JSZip from 'jszip';
import path from 'path';
import { autoFill, check } from '../../src/engine';
import type { CellFix, Finding } from '../../src/model/finding';
import { getCell, setCell } from '../../src/model/snapshot';
import { parseA1 } from '../../src/model/address';
import { NOTE_HEADER, RESULT_ITEM_COLUMNS, RESULT_SHEET, RESULT_SHEET_NAME_MARKER, markKindOf, planMarks, resultSections } from '../../src/format/marks';
import { patchWorkbook } from '../../src/xlsx/patch';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { entries, expectOnlyAdditions, parseStrict } from './package-diff';

const FIXTURES = path.resolve(__dirname, '../../fixtures/workbooks');
const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort();

/** Cells each of our conditional-format kinds covers, per sheet part. */
function ourRules(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /<(?:\w+:)?conditionalFormatting sqref="([^"]*)">([\s\S]*?)<\/(?:\w+:)?conditionalFormatting>/g;
  for (const m of xml.matchAll(re)) {
    const f = /<(?:\w+:)?formula>([^<]*)<\//.exec(m[2]);
    const kind = f ? markKindOf(f[1].replace(/&quot;/g, '"')) : undefined;
    if (kind) for (const c of m[1].split(' ')) out.set(c, kind);
  }
  return out;
}

async function sheetParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const t = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels);
    out.set(m[1], `xl/${t![1].replace(/^\/xl\//, '')}`);
  }
  return out;
}

describe.each(files)('%s', (file) => {
  test('the copy keeps every entry, adds marks as conditional formats, notes and the results sheet', async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, file));
    const wb = await readWorkbookBuffer(bytes, file);
    const { findings } = check(wb);
    const { bytes: copy, report } = await patchWorkbook(bytes, findings, []);
    await expectOnlyAdditions(bytes, copy, report.added, report.changed);

    const after = await entries(copy);
    for (const name of [...report.changed, ...report.added]) if (!name.endsWith('.vml')) parseStrict(after.get(name)!.toString('utf8'));

    // Every planned mark is a rule of its kind on its cell, and nothing else is.
    const parts = await sheetParts(copy);
    const expected = new Map<string, string>();
    for (const m of planMarks(findings)) expected.set(`${m.sheet}!${m.cell}`, m.kind);
    const got = new Map<string, string>();
    for (const [sheet, part] of parts) for (const [cell, kind] of ourRules(after.get(part)!.toString('utf8'))) if (sheet !== report.resultSheet) got.set(`${sheet}!${cell}`, kind);
    expect(got).toEqual(expected);
    expect(report.notesAdded + report.notesKept.length).toBe(expected.size);

    // The results sheet: our defined name points at it; under the header, a title row per section and one row per
    // item of the view (src/format/view.ts: merged findings once).
    expect(report.resultSheet).toBe(RESULT_SHEET);
    expect(after.get('xl/workbook.xml')!.toString('utf8')).toContain(`<definedName name="${RESULT_SHEET_NAME_MARKER}" hidden="1">'${RESULT_SHEET}'!$A$1</definedName>`);
    const reread = await readWorkbookBuffer(copy, file);
    const results = reread.sheets.find((s) => s.name === RESULT_SHEET)!;
    expect(results.rowCount).toBe(1 + resultSections(findings).reduce((n, sec) => n + 1 + sec.items.length, 0));
    // The user's sheets read exactly as before.
    for (const s of wb.sheets) expect(reread.sheets.find((r) => r.name === s.name)?.rows).toEqual(s.rows);
  });
});

test('the results sheet is a document: first after a cover, the active sheet, 应为/实为, wrapped, landscape, one page wide, print titles', async () => {
  const bytes = fs.readFileSync(path.join(FIXTURES, '001-standard.xlsx'));
  const wb = await readWorkbookBuffer(bytes, '001-standard.xlsx');
  const { findings } = check(wb);
  const { bytes: copy } = await patchWorkbook(bytes, findings, []);
  const after = await entries(copy);
  const wbXml = after.get('xl/workbook.xml')!.toString('utf8');
  // First sheet (the fixture has no cover), and the one the workbook opens on; no other sheet is still selected.
  const names = [...wbXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
  expect(names[0]).toBe(RESULT_SHEET);
  expect(/<workbookView\b[^>]*activeTab="(\d+)"/.exec(wbXml)?.[1] ?? '0').toBe('0');
  const parts = await sheetParts(copy);
  for (const [name, part] of parts) {
    const selected = /<sheetView\b[^>]*tabSelected="1"/.test(after.get(part)!.toString('utf8'));
    expect([name, selected]).toEqual([name, name === RESULT_SHEET]);
  }
  // The header row prints on every page.
  expect(wbXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'${RESULT_SHEET}'!$1:$1</definedName>`);
  const xml = after.get(parts.get(RESULT_SHEET)!)!.toString('utf8');
  expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
  // Rows are as tall as their wrapped text (a long 说明 takes several lines); section titles span the width.
  expect(xml).toMatch(/<row r="\d+"[^>]* ht="\d+(\.\d)?" customHeight="1">/);
  expect(xml).toContain('<mergeCell ref="A2:H2"/>');
  // Every cell of the sheet uses the wrapped-text format, which styles.xml defines.
  const styles = after.get('xl/styles.xml')!.toString('utf8');
  const xfs = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(styles)!;
  const wrapIndex = (xfs[2].match(/<xf[ >/]/g) ?? []).length - 1;
  expect(Number(xfs[1])).toBe(wrapIndex + 1);
  expect(xfs[2]).toMatch(/<alignment vertical="top" wrapText="1"\/><\/xf>$/);
  const styled = [...xml.matchAll(/<c r="[A-Z]+\d+"( s="(\d+)")?/g)];
  expect(styled.length).toBeGreaterThan(0);
  expect(styled.every((m) => m[2] === String(wrapIndex))).toBe(true);
  // 应为/实为 columns; 错误 first; the 舍位 rows folded (hidden, outline level 1) under their title row.
  const reread = await readWorkbookBuffer(copy, 'x');
  const sheet = reread.sheets.find((x) => x.name === RESULT_SHEET)!;
  const text = (r: number, c: number) => String(getCell(sheet, r, c)?.value ?? '');
  expect(RESULT_ITEM_COLUMNS.map((c, i) => text(1, i + 1))).toEqual(RESULT_ITEM_COLUMNS.map((c) => c.header));
  expect(RESULT_ITEM_COLUMNS.map((c) => c.header)).toEqual(expect.arrayContaining(['应为', '实为']));
  expect(text(2, 1)).toMatch(/^错误 \d+ 项$/);
  expect(text(3, 3)).toBe('错误');
  const rounding = [...xml.matchAll(/<row r="(\d+)"([^>]*)>/g)].map((m) => [m[0], m[1], / collapsed="1"/.test(m[2]) ? ' collapsed="1"' : / outlineLevel="1" hidden="1"/.test(m[2]) ? ' outlineLevel="1" hidden="1"' : '']);
  const title = rounding.findIndex((m) => m[2] === ' collapsed="1"');
  expect(title).toBeGreaterThan(0);
  expect(text(Number(rounding[title][1]), 1)).toMatch(/^舍位差异 \d+ 处/);
  const folded = rounding.slice(title + 1).filter((m) => m[2] === ' outlineLevel="1" hidden="1"');
  expect(folded.length).toBe(resultSections(findings).find((x) => x.folded)!.items.length);
  // Checking the copy again reads the same tables: the results sheet, first in the copy, is not taken for one.
  expect(check(reread).recognised.locations).toEqual(check(wb).recognised.locations);
});

test('a cover sheet (封面) stays first: the results sheet comes after it; sheet-scoped names follow their sheets', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('封面').getCell('A1').value = '2024年部门预算';
  const t1 = wb.addWorksheet('表一');
  t1.getCell('A1').value = 1;
  wb.definedNames.add("'表一'!$A$1:$B$2", '_xlnm.Print_Area');
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const before = (await entries(bytes)).get('xl/workbook.xml')!.toString('utf8');
  const printArea = /<definedName name="_xlnm.Print_Area" localSheetId="(\d+)"/.exec(before);
  const f: Finding = { rule: 'T1.balance', severity: 'error', sheet: '表一', cells: ['A1'], message: '收支不平衡' };
  const { bytes: copy, report } = await patchWorkbook(bytes, [f]);
  await expectOnlyAdditions(bytes, copy, report.added, report.changed);
  const wbXml = (await entries(copy)).get('xl/workbook.xml')!.toString('utf8');
  expect([...wbXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual(['封面', RESULT_SHEET, '表一']);
  expect(/<workbookView\b[^>]*activeTab="(\d+)"/.exec(wbXml)?.[1]).toBe('1');
  if (printArea) expect(wbXml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="${Number(printArea[1]) + 1}">`);
});

test('--fix: values go into the existing cells (style kept), new cells where there were none, never onto a formula', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表一');
  ws.getCell('A1').value = '项目';
  ws.getCell('B2').value = 5;
  ws.getCell('B2').numFmt = '#,##0.00';
  ws.getCell('C2').value = { formula: 'B2*2', result: 10 };
  ws.getCell('D2').numFmt = '0.0';
  ws.getCell('A4').value = '合计';
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const fix = (cell: string, value: string, previous = ''): CellFix => ({ sheet: '表一', cell, value, previous, from: [] });
  const fixes = [fix('B2', '7.25', '5'), fix('C2', '99'), fix('D2', '3'), fix('B3', '1.5'), fix('E4', '-2'), fix('B9', '42')];
  const { bytes: copy, report } = await patchWorkbook(bytes, [], fixes);
  expect(report.fixesWritten.map((f) => f.cell).sort()).toEqual(['B2', 'B3', 'B9', 'D2', 'E4']);
  expect(report.fixesSkipped.map((f) => f.cell)).toEqual(['C2']);
  const snap = await readWorkbookBuffer(copy, 'x.xlsx');
  const s = snap.sheets.find((x) => x.name === '表一')!;
  expect(getCell(s, 2, 2)).toEqual({ value: 7.25, numFmt: '#,##0.00' });
  expect(getCell(s, 2, 3)).toMatchObject({ formula: 'B2*2' });
  expect(getCell(s, 2, 4)).toEqual({ value: 3, numFmt: '0.0' });
  expect(getCell(s, 3, 2)?.value).toBe(1.5);
  expect(getCell(s, 4, 5)?.value).toBe(-2);
  expect(getCell(s, 9, 2)?.value).toBe(42);
  expect(getCell(s, 4, 1)?.value).toBe('合计');
  // ExcelJS, an independent reader, sees the same values and the filled cells' marks.
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(Buffer.from(copy) as unknown as ExcelJS.Buffer);
  expect(back.getWorksheet('表一')!.getCell('B2').value).toBe(7.25);
  const sheetXml = (await entries(copy)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
  expect([...ourRules(sheetXml).entries()].sort()).toEqual([['B2', 'fixed'], ['B3', 'fixed'], ['B9', 'fixed'], ['D2', 'fixed'], ['E4', 'fixed']]);
});

test('a cell with a user note keeps it (listed in the results sheet); a user sheet named 校验结果 is kept', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表三');
  ws.getCell('C5').value = 12;
  ws.getCell('C5').note = '用户自己的批注';
  ws.getCell('C6').value = 13;
  const mine = wb.addWorksheet(RESULT_SHEET);
  mine.getCell('A1').value = '用户的表';
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const f = (cell: string): Finding => ({ rule: 'T3.row', severity: 'error', sheet: '表三', cells: [cell], message: `${cell} 不平衡` });
  const { bytes: copy, report } = await patchWorkbook(bytes, [f('C5'), f('C6')]);
  expect(report.resultSheet).toBe(`${RESULT_SHEET} (2)`);
  expect(report.notesKept.map((m) => m.cell)).toEqual(['C5']);
  expect(report.notesAdded).toBe(1);
  await expectOnlyAdditions(bytes, copy, report.added, report.changed);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(Buffer.from(copy) as unknown as ExcelJS.Buffer);
  expect(back.getWorksheet(RESULT_SHEET)!.getCell('A1').value).toBe('用户的表');
  const note = (c: ExcelJS.Cell) => {
    const n = c.note as unknown;
    return typeof n === 'string' ? n : ((n as { texts?: { text: string }[] })?.texts ?? []).map((t) => t.text).join('');
  };
  expect(note(back.getWorksheet('表三')!.getCell('C5'))).toBe('用户自己的批注');
  expect(note(back.getWorksheet('表三')!.getCell('C6')).startsWith(NOTE_HEADER)).toBe(true);
  const results = back.getWorksheet(`${RESULT_SHEET} (2)`)!;
  const texts: string[] = [];
  results.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
  expect(texts).toContain('表三!C5');

  // A copy of the copy: our results sheet (found by the defined name) is replaced, not added again; the user's kept.
  const { bytes: again, report: r2 } = await patchWorkbook(copy, [f('C6')]);
  expect(r2.resultSheet).toBe(`${RESULT_SHEET} (2)`);
  const names = (await readWorkbookBuffer(again, 'x')).sheets.map((s) => s.name);
  expect(names).toEqual([`${RESULT_SHEET} (2)`, '表三', RESULT_SHEET]);
  const sheetXml = (await entries(again)).get((await sheetParts(again)).get('表三')!)!.toString('utf8');
  expect([...ourRules(sheetXml).keys()]).toEqual(['C6']);
});

test('characters XML cannot carry (U+FFFF, controls) never reach the copy’s XML', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('表一').getCell('A1').value = 1;
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const bad: Finding = { rule: 'X', severity: 'warning', sheet: '表一', cells: ['A1'], message: '坏字符\uFFFF\u0001\u001b[2J<b>&_x0041_' };
  const { bytes: copy, report } = await patchWorkbook(bytes, [bad]);
  const after = await entries(copy);
  for (const name of [...report.changed, ...report.added]) if (!name.endsWith('.vml')) parseStrict(after.get(name)!.toString('utf8'));
  const back = await readWorkbookBuffer(copy, 'x');
  const msg = back.sheets.find((s) => s.name === RESULT_SHEET)!.rows[2]?.find((c) => typeof c?.value === 'string' && String(c.value).startsWith('坏字符'));
  expect(msg?.value).toBe('坏字符\uFFFD\uFFFD\uFFFD[2J<b>&_x0041_');
});

test('a merge over the whole sheet and a cell at XFD1048576: the copy is made without expanding the grid', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表一');
  ws.getCell('A1').value = '全表合并';
  const bytes0 = new Uint8Array(await wb.xlsx.writeBuffer());
  // The merge is written into the sheet XML directly (ExcelJS would expand it into 17 billion cells).
  const zip = await JSZip.loadAsync(bytes0);
  const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  zip.file('xl/worksheets/sheet1.xml', xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'));
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  const snap = await readWorkbookBuffer(bytes, 'm.xlsx');
  const { findings } = check(snap);
  const extra: Finding = { rule: 'X', severity: 'info', sheet: '表一', cells: ['XFD1048576'], message: '末格' };
  const beyond: Finding = { rule: 'X', severity: 'info', sheet: '表一', cells: ['XFE1'], message: '越界' };
  const { bytes: copy, report } = await patchWorkbook(bytes, [...findings, extra, beyond]);
  await expectOnlyAdditions(bytes, copy, report.added, report.changed);
  const sheetXml = (await entries(copy)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
  expect(ourRules(sheetXml).get('XFD1048576')).toBe('info');
  expect(ourRules(sheetXml).has('XFE1')).toBe(false);
});

test('auto-fill on a seed workbook: the copy reads back with each filled value in its cell', async () => {
  const f = '001-standard.xlsx';
  const bytes = fs.readFileSync(path.join(FIXTURES, f));
  const snap = await readWorkbookBuffer(bytes, f);
  // The figure 表一!D6 read as empty: auto-fill computes it again (the file still holds the original).
  setCell(snap.sheets.find((s) => s.name === '表一')!, 6, 4, { value: null });
  const filled = autoFill(snap);
  expect(filled.result.applied.map((x) => `${x.sheet}!${x.cell}`)).toContain('表一!D6');
  const { bytes: copy, report } = await patchWorkbook(bytes, filled.remaining.findings, filled.result.applied);
  expect(report.fixesSkipped).toEqual([]);
  expect(report.fixesWritten).toHaveLength(filled.result.applied.length);
  const back = await readWorkbookBuffer(copy, f);
  for (const fix of filled.result.applied) {
    const { row, col } = parseA1(fix.cell);
    const cell = getCell(back.sheets.find((x) => x.name === fix.sheet)!, row, col);
    expect(cell?.value).toBe(Number(fix.value));
    // the number format of the cell is kept
    expect(cell?.numFmt).toBe(getCell(snap.sheets.find((x) => x.name === fix.sheet)!, row, col)?.numFmt ?? getCell((await readWorkbookBuffer(bytes, f)).sheets.find((x) => x.name === fix.sheet)!, row, col)?.numFmt);
  }
});

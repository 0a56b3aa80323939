/**
 * The 校验结果 sheet as a grid of texts, for comparing what an add-in (on a simulator) writes with what the annotated
 * copy (src/xlsx/patch.ts) writes: the copy read back with the project's .xlsx reader, a simulator's sheet from its
 * ExcelJS model. A link cell counts as the text it shows; the covered cells of a merge are empty.
 */
import ExcelJS from 'exceljs';
import type { Finding } from '../../src/model/finding';
import { RESULT_ITEM_COLUMNS, RESULT_SHEET } from '../../src/format/marks';
import { patchWorkbook } from '../../src/xlsx/patch';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { getCell } from '../../src/model/snapshot';

const WIDTH = RESULT_ITEM_COLUMNS.length;

function trimGrid(grid: string[][]): string[][] {
  while (grid.length && grid[grid.length - 1].every((v) => v === '')) grid.pop();
  return grid;
}

/** The copy's results sheet: its rows (A…H as texts), and which rows it hides (the folded group). */
export async function copyResultGrid(bytes: Uint8Array, findings: Finding[]): Promise<{ grid: string[][]; sheetNames: string[] }> {
  const { bytes: copy } = await patchWorkbook(bytes, findings, []);
  const snap = await readWorkbookBuffer(copy, 'copy.xlsx');
  const sheet = snap.sheets.find((s) => s.name === RESULT_SHEET);
  if (!sheet) throw new Error('the copy has no results sheet');
  const grid: string[][] = [];
  for (let r = 1; r <= sheet.rows.length; r++) {
    const row: string[] = [];
    for (let c = 1; c <= WIDTH; c++) {
      const v = getCell(sheet, r, c)?.value;
      row.push(v === null || v === undefined ? '' : String(v));
    }
    grid.push(row);
  }
  return { grid: trimGrid(grid), sheetNames: snap.sheets.map((s) => s.name) };
}

/** The text a cell of an ExcelJS sheet shows: a HYPERLINK formula's friendly name, a hyperlink's text, a value. */
export function shownText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && !(v instanceof Date)) {
    const o = v as { formula?: string; text?: unknown; richText?: { text: string }[] };
    if (typeof o.formula === 'string') {
      const m = /^HYPERLINK\("(?:[^"]|"")*","((?:[^"]|"")*)"\)$/.exec(o.formula);
      if (m) return m[1].replace(/""/g, '"');
      return `=${o.formula}`;
    }
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text !== undefined) return String(o.text);
  }
  return String(v);
}

/** A simulator's results sheet (an ExcelJS worksheet) as the same grid. */
export function excelJsGrid(ws: ExcelJS.Worksheet): string[][] {
  const grid: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: string[] = [];
    for (let c = 1; c <= WIDTH; c++) {
      const cell = ws.findCell(r, c);
      row.push(!cell || cell.type === ExcelJS.ValueType.Merge ? '' : shownText(cell.value));
    }
    grid.push(row);
  }
  return trimGrid(grid);
}

/** Rows (1-based) of an ExcelJS sheet that are hidden, and their outline levels. */
export function hiddenRows(ws: ExcelJS.Worksheet): { row: number; level: number }[] {
  const out: { row: number; level: number }[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (row?.hidden) out.push({ row: r, level: row.outlineLevel ?? 0 });
  }
  return out;
}

/** A workbook's bytes with a sheet named 封面 put first (a cover, as many published workbooks have). */
export async function withCover(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const cover = wb.addWorksheet('封面');
  cover.getCell('A1').value = '2024年部门预算公开';
  const order = [cover, ...wb.worksheets.filter((w) => w !== cover)];
  order.forEach((w, i) => void ((w as unknown as { orderNo: number }).orderNo = i));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

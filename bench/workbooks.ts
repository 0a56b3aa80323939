/**
 * Generated stress workbooks for the bench and the reader tests: one 100,000-row sheet, and 300 small sheets
 * shaped like budget tables (title merge, code, name, amounts, a formula column). Written with ExcelJS's
 * streaming writer so that generating them stays cheap.
 */
import ExcelJS from 'exceljs';

export const LARGE_ROWS = 100_000;
export const MANY_SHEETS = 300;
const MANY_SHEETS_ROWS = 40;

/** One sheet '大表' with a merged title in row 1 and `rows - 1` data rows of 8 columns (F is a formula). */
export async function writeLargeRowsWorkbook(path: string, rows = LARGE_ROWS): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('大表');
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = '2024年部门预算 压力测试';
  ws.getRow(1).commit();
  for (let r = 2; r <= rows; r++) {
    const row = ws.getRow(r);
    const c = r * 1.25;
    const d = r % 7;
    row.values = [String(2010000 + (r % 100000)), `项目${r}`, c, d, r % 11, { formula: `C${r}+D${r}`, result: c + d }, r % 3 === 0 ? '备注' : null, 0.5];
    row.getCell(3).numFmt = '#,##0.00';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/** `sheets` sheets named 表1 … 表N, each with a merged title and 39 rows of 6 columns (F a formula). */
export async function writeManySheetsWorkbook(path: string, sheets = MANY_SHEETS): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  for (let s = 1; s <= sheets; s++) {
    const ws = wb.addWorksheet(`表${s}`);
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = `表${s} 一般公共预算支出表`;
    ws.getRow(1).commit();
    for (let r = 2; r <= MANY_SHEETS_ROWS; r++) {
      const row = ws.getRow(r);
      row.values = [String(200 + r), `科目${r}`, r * 1.5, r, r * 0.5, { formula: `C${r}+D${r}`, result: r * 2.5 }];
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}

export const MANY_SHEETS_ROW_COUNT = MANY_SHEETS_ROWS;

/** Large inputs are read completely (timings and memory are measured by `npm run bench`, not asserted here). */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { getCell, MergeIndex } from '../../src/model/snapshot';
import { readWorkbookFile } from '../../src/xlsx/read';
import { LARGE_ROWS, MANY_SHEETS, MANY_SHEETS_ROW_COUNT, writeLargeRowsWorkbook, writeManySheetsWorkbook } from '../../bench/workbooks';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-large-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test(`a ${LARGE_ROWS}-row sheet`, async () => {
  const file = path.join(dir, 'rows.xlsx');
  await writeLargeRowsWorkbook(file);
  const wb = await readWorkbookFile(file);
  expect(wb.sheets).toHaveLength(1);
  const s = wb.sheets[0];
  expect(s.rowCount).toBe(LARGE_ROWS);
  expect(s.colCount).toBe(8);
  expect(s.rows.length).toBe(LARGE_ROWS);
  expect(s.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 8 }]);
  expect(new MergeIndex(s).text(1, 8)).toBe('2024年部门预算 压力测试');
  const last = LARGE_ROWS;
  expect(getCell(s, last, 2)?.value).toBe(`项目${last}`);
  expect(getCell(s, last, 3)).toEqual({ value: last * 1.25, numFmt: '#,##0.00' });
  expect(getCell(s, last, 6)).toEqual({ value: last * 1.25 + (last % 7), formula: `C${last}+D${last}` });
  let filled = 0;
  for (const row of s.rows) if (row) for (const c of row) if (c) filled++;
  // 1 title + per row 7 cells, plus column G on every third row
  let expected = 1;
  for (let r = 2; r <= LARGE_ROWS; r++) expected += r % 3 === 0 ? 8 : 7;
  expect(filled).toBe(expected);
});

test(`a ${MANY_SHEETS}-sheet workbook`, async () => {
  const file = path.join(dir, 'sheets.xlsx');
  await writeManySheetsWorkbook(file);
  const wb = await readWorkbookFile(file);
  expect(wb.sheets).toHaveLength(MANY_SHEETS);
  wb.sheets.forEach((s, i) => {
    expect(s.name).toBe(`表${i + 1}`);
    expect(s.index).toBe(i);
    expect(s.rowCount).toBe(MANY_SHEETS_ROW_COUNT);
    expect(s.merges).toHaveLength(1);
  });
  expect(getCell(wb.sheets[299], 1, 1)?.value).toBe('表300 一般公共预算支出表');
});

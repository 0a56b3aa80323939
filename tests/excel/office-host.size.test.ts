/**
 * The adapter at sizes Excel on the web would refuse if read or written in one sync (issue #12), on the strict
 * Excel-API SIMULATOR (not Excel), which measures every sync's request and response bytes: a 100,000-row sheet,
 * a workbook with 100× a seed's sheets, 7,000 findings marked, a sheet with more than 512 merged areas. No sync may
 * pass the adapter's 4 MB budget (the simulator would reject anything over Excel's 5 MB).
 */
import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import { BYTE_BUDGET, OfficeWorkbookHost } from '../../src/excel/office-host';
import { check as checkWorkbook } from '../../src/engine';
import type { Finding } from '../../src/model/finding';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { PAYLOAD_LIMIT, simulatorFor, type ExcelSimulator } from '../simulator/excel-simulator';

function maxPayload(sim: ExcelSimulator): { request: number; response: number; syncs: number } {
  const p = sim.payloads();
  return { request: Math.max(0, ...p.map((x) => x.requestBytes)), response: Math.max(0, ...p.map((x) => x.responseBytes)), syncs: p.length };
}

const ROWS = 100_000;

function bigSheet(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('明细');
  ws.getCell(1, 1).value = '序号';
  for (let c = 2; c <= 10; c++) ws.getCell(1, c).value = `科目名称${c}`;
  for (let r = 2; r <= ROWS; r++) {
    const row = ws.getRow(r);
    row.getCell(1).value = r;
    row.getCell(2).value = `一般公共预算财政拨款支出项目${r}`;
    for (let c = 3; c <= 10; c++) row.getCell(c).value = (r * c) % 9973 + 0.25;
    row.getCell(10).numFmt = '#,##0.00';
  }
  ws.getCell(ROWS + 1, 3).value = { formula: `SUM(C2:C${ROWS})`, result: 1 } as ExcelJS.CellFormulaValue;
  wb.addWorksheet('说明').getCell('A1').value = '说明';
  return wb;
}

test('a 100,000-row sheet: every row read, no sync over the budget; 7,000 findings marked and cleared under it too', async () => {
  const sim = simulatorFor(bigSheet());
  const host = new OfficeWorkbookHost((b) => sim.run(b), sim.requirements);
  const snap = await host.readSnapshot();
  const read = maxPayload(sim);
  expect(read.response).toBeLessThanOrEqual(BYTE_BUDGET);
  expect(read.request).toBeLessThanOrEqual(BYTE_BUDGET);
  expect(read.syncs).toBeGreaterThan(3); // the rows did not fit one budget
  const s = snap.sheets.find((x) => x.name === '明细')!;
  expect(s.rowCount).toBe(ROWS + 1);
  for (let r = 2; r <= ROWS; r += 997) {
    expect(s.rows[r - 1]?.[0]?.value).toBe(r);
    expect(s.rows[r - 1]?.[1]?.value).toBe(`一般公共预算财政拨款支出项目${r}`);
  }
  expect(s.rows[ROWS - 1]?.[9]).toEqual({ value: ((ROWS * 10) % 9973) + 0.25, numFmt: '#,##0.00' });
  expect(s.rows[ROWS]?.[2]?.formula).toBe(`SUM(C2:C${ROWS})`);

  const findings: Finding[] = Array.from({ length: 7000 }, (_, i) => ({
    rule: 'TEST.RULE',
    severity: i % 3 === 0 ? 'error' : i % 3 === 1 ? 'warning' : 'info',
    sheet: '明细',
    cells: [`D${i * 13 + 2}`],
    message: `第 ${i + 1} 条：本行合计与明细之和不等，请核对后修改（测试用长说明文字，用来撑大每条批注的字节数）`,
  })) as unknown as Finding[];
  sim.resetPayloads();
  const res = await host.annotate(findings, []);
  expect(res.highlighted).toBe(7000);
  expect(res.notes).toBe(7000);
  const write = maxPayload(sim);
  expect(write.request).toBeLessThanOrEqual(BYTE_BUDGET);
  expect(write.response).toBeLessThanOrEqual(BYTE_BUDGET);
  expect(sim.payloads().reduce((n, p) => n + p.requestBytes, 0)).toBeGreaterThan(PAYLOAD_LIMIT / 5);

  sim.resetPayloads();
  await host.clearAnnotations();
  expect(maxPayload(sim).request).toBeLessThanOrEqual(BYTE_BUDGET);
  expect(sim.conditionalFormats('明细')).toEqual([]);
  let notes = 0;
  sim.workbook.getWorksheet('明细')!.eachRow((row) => row.eachCell((c) => void (c.note !== undefined && notes++)));
  expect(notes).toBe(0);
});

test('a workbook with 100× a seed’s sheets: read exactly, under the budget; marked and cleared', async () => {
  const file = '001-standard.xlsx';
  const bytes = fs.readFileSync(path.resolve(__dirname, '../../fixtures/workbooks', file));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const originals = [...wb.worksheets];
  for (let k = 1; k < 100; k++) {
    for (const src of originals) {
      const ws = wb.addWorksheet(`${src.name}_${k}`.slice(0, 31));
      src.eachRow({ includeEmpty: false }, (row, r) =>
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          const to = ws.getCell(r, c);
          to.value = cell.value;
          if (cell.numFmt) to.numFmt = cell.numFmt;
        }),
      );
    }
  }
  expect(wb.worksheets.length).toBe(originals.length * 100);
  const sim = simulatorFor(wb);
  const host = new OfficeWorkbookHost((b) => sim.run(b), sim.requirements);
  const snap = await host.readSnapshot();
  const p = maxPayload(sim);
  expect(p.response).toBeLessThanOrEqual(BYTE_BUDGET);
  expect(p.request).toBeLessThanOrEqual(BYTE_BUDGET);
  expect(snap.sheets).toHaveLength(originals.length * 100);
  const ref = await readWorkbookBuffer(bytes, file);
  for (const s of ref.sheets) expect(snap.sheets.find((x) => x.name === s.name)!.rows).toEqual(s.rows);

  const findings = checkWorkbook(snap).findings;
  sim.resetPayloads();
  await host.annotate(findings, []);
  expect(maxPayload(sim).request).toBeLessThanOrEqual(BYTE_BUDGET);
  expect(maxPayload(sim).response).toBeLessThanOrEqual(BYTE_BUDGET);
  await host.clearAnnotations();
  expect(sim.workbook.worksheets.every((w) => sim.conditionalFormats(w.name).length === 0)).toBe(true);
});

test('more than 512 merged areas on a sheet: merges read in row bands (getMergedAreasOrNullObject’s limit), for this read only', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('合并');
  for (let i = 0; i < 700; i++) {
    ws.getCell(i + 1, 1).value = `项目${i}`;
    ws.mergeCells(i + 1, 1, i + 1, 3);
  }
  wb.addWorksheet('另一张').mergeCells('A1:B2');
  const sim = simulatorFor(wb);
  const host = new OfficeWorkbookHost((b) => sim.run(b), sim.requirements);
  const snap = await host.readSnapshot();
  expect(snap.sheets[0].merges).toHaveLength(700);
  expect(snap.sheets[1].merges).toEqual([{ top: 1, left: 1, bottom: 2, right: 2 }]);
  // Not sticky: a sheet within the limit is read the fast way again next time (one light sync, as the sheets are
  // the ones the last read saw, then one for the values).
  ws.unMergeCells(1, 1, 700, 3);
  sim.resetSyncCount();
  const again = await host.readSnapshot();
  expect(again.sheets[0].merges.length).toBeLessThan(700);
  expect(sim.syncCount()).toBe(2);
});

import ExcelJS from 'exceljs';
import { mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check as checkWorkbook } from '../../src/engine';
import { writeAnnotatedCopy } from '../../src/xlsx/write-copy';
import { readWorkbookFile } from '../../src/xlsx/read';
import { FILLS } from '../../src/format/marks';

const SAMPLE = path.resolve(__dirname, '../../fixtures/workbooks/001-standard.xlsx');

test('the annotated copy colours exactly the findings’ stated cells, notes them, and lists them in 校验结果', async () => {
  const { findings } = checkWorkbook(await readWorkbookFile(SAMPLE));
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'bc-ann-')), 'a.xlsx');
  await writeAnnotatedCopy(SAMPLE, out, findings);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const marked = new Set(findings.filter((f) => f.sheet && f.cells.length).map((f) => `${f.sheet}!${f.cells[0]}`));
  const coloured = new Set<string>();
  const colours = new Set(Object.values(FILLS));
  wb.eachSheet((ws) => {
    if (ws.name === '校验结果') return;
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        if (fill?.type === 'pattern' && colours.has(String(fill.fgColor?.argb))) coloured.add(`${ws.name}!${cell.address}`);
      }),
    );
  });
  expect(coloured).toEqual(marked);
  const [first] = [...marked];
  const [sheet, addr] = first.split('!');
  expect(String(wb.getWorksheet(sheet)!.getCell(addr).note)).toMatch(/【(错误|提示)】/);
  expect(wb.getWorksheet('校验结果')!.rowCount).toBe(findings.length + 1);
});

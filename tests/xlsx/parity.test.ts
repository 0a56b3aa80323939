/**
 * Our reader against ExcelJS's own in-memory reader on every seed workbook in fixtures/workbooks: the same sheets
 * (names, order, visibility), cell texts, formulas, number formats and merges.
 */
import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import { cellText, getCell } from '../../src/model/snapshot';
import { readWorkbookFile } from '../../src/xlsx/read';

const DIR = path.resolve(__dirname, '../../fixtures/workbooks');
const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).sort() : [];

(files.length ? describe : describe.skip)('reader = ExcelJS on fixtures/workbooks', () => {
  test.each(files.length ? files : ['none'])('%s', async (f) => {
    const file = path.join(DIR, f);
    const ours = await readWorkbookFile(file);
    const ex = new ExcelJS.Workbook();
    await ex.xlsx.readFile(file);
    expect(ours.sheets.map((s) => s.name)).toEqual(ex.worksheets.map((w) => w.name));
    expect(ours.sheets.map((s) => !!s.hidden)).toEqual(ex.worksheets.map((w) => w.state !== 'visible'));
    const mismatches: string[] = [];
    ex.worksheets.forEach((ws, i) => {
      const s = ours.sheets[i];
      const merges = ((ws.model as unknown as { merges: string[] }).merges ?? []).slice().sort();
      const mine = s.merges.map((m) => `${ws.getCell(m.top, m.left).address}:${ws.getCell(m.bottom, m.right).address}`).sort();
      if (JSON.stringify(merges) !== JSON.stringify(mine)) mismatches.push(`${ws.name} merges`);
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          if (cell.type === ExcelJS.ValueType.Merge) return;
          const got = getCell(s, r, c);
          const where = `${ws.name}!${cell.address}`;
          if (cell.type === ExcelJS.ValueType.Date) {
            if (!String(got?.value).length || !(cell.value as Date).toISOString().startsWith(String(got?.value))) mismatches.push(`${where} date`);
            return;
          }
          const text = cell.text;
          if (text !== cellText(got) && !(text === '' && !got)) mismatches.push(`${where} ${JSON.stringify(text)} ≠ ${JSON.stringify(cellText(got))}`);
          const formula = (cell as unknown as { formula?: string }).formula;
          if ((formula || undefined) !== got?.formula) mismatches.push(`${where} formula`);
          const numFmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
          if (got && numFmt !== got.numFmt) mismatches.push(`${where} numFmt ${numFmt} ≠ ${got.numFmt}`);
        }),
      );
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});

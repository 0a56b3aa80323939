import ExcelJS from 'exceljs';
import type { CellFix, Finding } from '../model/finding';
import { FILLS, RESULT_COLUMNS, RESULT_SHEET, findingPlace, planMarks, resultRow } from '../format/marks';

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * Marks a loaded workbook: fills and notes on every finding's stated cell, the confirmed fixes written,
 * and a 校验结果 sheet listing every finding with a link to its cell. The caller saves it as a copy.
 */
export function annotateWorkbook(wb: ExcelJS.Workbook, findings: Finding[], fixes: CellFix[] = []): void {
  for (const fix of fixes) {
    const ws = wb.getWorksheet(fix.sheet);
    if (ws) ws.getCell(fix.cell).value = Number(fix.value);
  }
  for (const m of planMarks(findings, fixes)) {
    const ws = wb.getWorksheet(m.sheet);
    if (!ws) continue;
    const cell = ws.getCell(m.cell);
    // ExcelJS shares one style object among cells read with the same style: give this cell its own copy
    // before changing the fill, or every cell of that style would turn red.
    cell.style = { ...structuredClone(cell.style ?? {}), fill: solid(FILLS[m.kind]) };
    cell.note = m.lines.join('\n');
  }
  writeResultSheet(wb, findings);
}

function writeResultSheet(wb: ExcelJS.Workbook, findings: Finding[]): void {
  const existing = wb.getWorksheet(RESULT_SHEET);
  if (existing) wb.removeWorksheet(existing.id);
  const ws = wb.addWorksheet(RESULT_SHEET);
  ws.columns = RESULT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  findings.forEach((f, i) => {
    const where = findingPlace(f);
    const row = ws.addRow(resultRow(f, i));
    if (where) {
      row.getCell(6).value = { text: where, hyperlink: `#'${f.sheet.replace(/'/g, "''")}'!${f.cells[0]}` };
      row.getCell(6).font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    row.getCell(4).fill = solid(FILLS[f.severity]);
    row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

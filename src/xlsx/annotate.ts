import ExcelJS from 'exceljs';
import type { CellFix, Finding, Severity } from '../rules/finding';
import { groupTitle } from '../rules/groups';

/** Fill colours of the annotated copy: errors red, warnings yellow, auto-filled cells blue. */
export const FILLS: Record<Severity | 'fixed', string> = {
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  info: 'FFDDEBF7',
  fixed: 'FFBDD7EE',
};

const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '提示', info: '信息' };
export const RESULT_SHEET = '校验结果';

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * Marks a loaded workbook: fills and notes on every finding's stated cell, the confirmed fixes written,
 * and a 校验结果 sheet listing every finding with a link to its cell. The caller saves it as a copy.
 */
export function annotateWorkbook(wb: ExcelJS.Workbook, findings: Finding[], fixes: CellFix[] = []): void {
  const notes = new Map<string, { severity: Severity | 'fixed'; lines: string[] }>();
  const rank = { fixed: 0, info: 1, warning: 2, error: 3 } as const;
  const add = (sheet: string, cell: string, severity: Severity | 'fixed', line: string) => {
    const k = `${sheet}!${cell}`;
    const n = notes.get(k) ?? { severity, lines: [] };
    if (rank[severity] > rank[n.severity]) n.severity = severity;
    if (!n.lines.includes(line)) n.lines.push(line);
    notes.set(k, n);
  };
  for (const f of findings) {
    if (!f.sheet || !f.cells.length) continue;
    add(f.sheet, f.cells[0], f.severity, `【${SEVERITY_TEXT[f.severity]}】${f.message}（${f.rule}）`);
  }
  for (const fix of fixes) {
    const ws = wb.getWorksheet(fix.sheet);
    if (!ws) continue;
    ws.getCell(fix.cell).value = Number(fix.value);
    add(fix.sheet, fix.cell, 'fixed', `【已自动填充】${fix.previous === '' ? '原为空' : `原值 ${fix.previous}`}，填入 ${fix.value}`);
  }
  for (const [k, n] of notes) {
    const bang = k.lastIndexOf('!');
    const ws = wb.getWorksheet(k.slice(0, bang));
    if (!ws) continue;
    const cell = ws.getCell(k.slice(bang + 1));
    // ExcelJS shares one style object among cells read with the same style: give this cell its own copy
    // before changing the fill, or every cell of that style would turn red.
    cell.style = { ...structuredClone(cell.style ?? {}), fill: solid(FILLS[n.severity === 'info' ? 'info' : n.severity]) };
    cell.note = n.lines.join('\n');
  }
  writeResultSheet(wb, findings);
}

function writeResultSheet(wb: ExcelJS.Workbook, findings: Finding[]): void {
  const existing = wb.getWorksheet(RESULT_SHEET);
  if (existing) wb.removeWorksheet(existing.id);
  const ws = wb.addWorksheet(RESULT_SHEET);
  ws.columns = [
    { header: '序号', width: 6 },
    { header: '表', width: 14 },
    { header: '规则', width: 16 },
    { header: '级别', width: 6 },
    { header: '说明', width: 80 },
    { header: '位置', width: 22 },
  ];
  ws.getRow(1).font = { bold: true };
  findings.forEach((f, i) => {
    const where = f.sheet && f.cells.length ? `${f.sheet}!${f.cells[0]}` : '';
    const row = ws.addRow([i + 1, groupTitle(f), f.rule, SEVERITY_TEXT[f.severity], f.message, where]);
    if (where) {
      row.getCell(6).value = { text: where, hyperlink: `#'${f.sheet.replace(/'/g, "''")}'!${f.cells[0]}` };
      row.getCell(6).font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    row.getCell(4).fill = solid(FILLS[f.severity]);
    row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

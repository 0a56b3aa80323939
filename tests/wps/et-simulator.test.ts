/**
 * The WPS ET-API simulator's own semantics (it is not WPS): 1-based Item(), misspelled members, Value2 shapes,
 * merged cells, NumberFormat of mixed cells, conditional formats, comments, names, the DisplayAlerts rule.
 */
import ExcelJS from 'exceljs';
import { XL_EXPRESSION } from '../../src/wps/et-api';
import { createEtSimulator, EtSimulatorError, type EtSimulator } from './et-simulator';

async function sample(): Promise<EtSimulator> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('表一');
  a.getCell('A1').value = '标题';
  a.mergeCells('A1:C1');
  a.getCell('B3').value = 10;
  a.getCell('C3').value = 20;
  a.getCell('D3').value = { formula: 'B3+C3', result: 30 } as ExcelJS.CellFormulaValue;
  a.getCell('C3').numFmt = '#,##0.00';
  a.getCell('B4').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  a.getCell('C4').value = new Date(Date.UTC(2024, 0, 31));
  a.getCell('C4').numFmt = 'yyyy-mm-dd';
  a.getCell('D4').value = '说明';
  a.getCell('D4').note = '用户批注';
  wb.addWorksheet('5 支出').getCell('B2').value = 'x';
  return createEtSimulator(Buffer.from(await wb.xlsx.writeBuffer()), { name: '样例.xlsx' });
}

test('collections count from 1; Item(0) and past Count fail; sheets also by name, case-insensitively', async () => {
  const sim = await sample();
  const wb = sim.Application.ActiveWorkbook!;
  expect(wb.Name).toBe('样例.xlsx');
  expect(wb.Worksheets.Count).toBe(2);
  expect(wb.Worksheets.Item(1).Name).toBe('表一');
  expect(wb.Worksheets.Item(2).Index).toBe(2);
  expect(() => wb.Worksheets.Item(0)).toThrow(EtSimulatorError);
  expect(() => wb.Worksheets.Item(3)).toThrow(/下标越界/);
  expect(wb.Worksheets.Item('5 支出').Name).toBe('5 支出');
});

test('a misspelled member reads as undefined and writing it does nothing', async () => {
  const sim = await sample();
  const r = sim.Application.ActiveWorkbook!.Worksheets.Item(1).Range('B3') as unknown as Record<string, unknown>;
  expect(r.Valu2).toBeUndefined();
  expect(r.value2).toBeUndefined();
  r.Valu2 = 99;
  expect(r.Value2).toBe(10);
  expect((sim.Application as unknown as Record<string, unknown>).ActiveWorkBook).toBeUndefined();
});

test('Value2: a scalar for one cell, rows of columns for more; merges, errors, dates, formulas', async () => {
  const sim = await sample();
  const ws = sim.Application.ActiveWorkbook!.Worksheets.Item(1);
  expect(ws.Range('B3').Value2).toBe(10);
  expect(ws.Range('A1:D4').Value2).toEqual([
    ['标题', undefined, undefined, undefined],
    [undefined, undefined, undefined, undefined],
    [undefined, 10, 20, 30],
    [undefined, -2146826281, 45322, '说明'],
  ]);
  expect(ws.Range('B3:D3').Formula).toEqual([['10', '20', '=B3+C3']]);
  expect(ws.Range('D3').HasFormula).toBe(true);
  expect(ws.Range('B3:D3').HasFormula).toBeNull();
  const used = ws.UsedRange;
  expect([used.Row, used.Column, used.Rows.Count, used.Columns.Count]).toEqual([1, 1, 4, 4]);
  const other = sim.Application.ActiveWorkbook!.Worksheets.Item(2).UsedRange;
  expect([other.Row, other.Column, other.Rows.Count, other.Columns.Count]).toEqual([2, 2, 1, 1]);
  expect(ws.Range('B1').MergeCells).toBe(true);
  expect(ws.Range('A1:D1').MergeCells).toBeNull();
  expect(ws.Range('A3:D3').MergeCells).toBe(false);
  const m = ws.Range('B1').MergeArea;
  expect([m.Row, m.Column, m.Rows.Count, m.Columns.Count]).toEqual([1, 1, 1, 3]);
  // A write to a covered cell of a merge does nothing; "'…" stays text; "=…" is a formula.
  ws.Range('A1:B1').Value2 = [['新标题', '被忽略']];
  expect(ws.Range('A1:B1').Value2).toEqual([['新标题', undefined]]);
  ws.Range('E1:F1').Value2 = [["'123", '=1+1']];
  expect(ws.Range('E1:F1').Formula).toEqual([['123', '=1+1']]);
  expect(() => (ws.Range('E1:F1').Value2 = [[1]])).toThrow(/数组/);
});

test('NumberFormat: the common format, or null when the cells differ', async () => {
  const sim = await sample();
  const ws = sim.Application.ActiveWorkbook!.Worksheets.Item(1);
  expect(ws.Range('B3').NumberFormat).toBe('General');
  expect(ws.Range('C3').NumberFormat).toBe('#,##0.00');
  expect(ws.Range('B3:C3').NumberFormat).toBeNull();
  expect(ws.Range('A2:D2').NumberFormat).toBe('General');
});

test('conditional formats: Add(xlExpression), Interior.Color, Formula1, Delete; FormatConditions of a range are the rules touching it', async () => {
  const sim = await sample();
  const ws = sim.Application.ActiveWorkbook!.Worksheets.Item(1);
  const fc = ws.Range('B3:C3').FormatConditions.Add(XL_EXPRESSION, undefined, '=B3>5');
  fc.Interior.Color = 255; // red, as BGR
  expect(fc.Formula1).toBe('=B3>5');
  expect(fc.Type).toBe(XL_EXPRESSION);
  expect(ws.Range('C3').FormatConditions.Count).toBe(1);
  expect(ws.Range('D3').FormatConditions.Count).toBe(0);
  expect(ws.Cells.FormatConditions.Count).toBe(1);
  expect(() => ws.Range('A1').FormatConditions.Add(1, 3, '=1')).toThrow(/xlExpression/);
  const cfs = (sim.workbook.getWorksheet('表一') as unknown as { conditionalFormattings: { ref: string; rules: { style: unknown }[] }[] }).conditionalFormattings;
  expect(cfs[0].ref).toBe('B3:C3');
  expect(cfs[0].rules[0].style).toEqual({ fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFF0000' } } });
  ws.Cells.FormatConditions.Item(1).Delete();
  expect(ws.Cells.FormatConditions.Count).toBe(0);
});

test('comments: Comment is null without one, AddComment fails on a cell that has one, Text() and Delete()', async () => {
  const sim = await sample();
  const ws = sim.Application.ActiveWorkbook!.Worksheets.Item(1);
  expect(ws.Range('B3').Comment).toBeNull();
  expect(ws.Range('D4').Comment!.Text()).toBe('用户批注');
  expect(() => ws.Range('D4').AddComment('再加')).toThrow(/已有批注/);
  ws.Range('B3').AddComment('新批注');
  expect(ws.Comments.Count).toBe(2);
  expect(ws.Comments.Item(1).Text()).toBe('新批注');
  ws.Comments.Item(1).Delete();
  expect(ws.Range('B3').Comment).toBeNull();
});

test('sheets: Delete needs DisplayAlerts off, names are unique, Add activates, Select needs the active sheet; names follow renames', async () => {
  const sim = await sample();
  const app = sim.Application;
  const wb = app.ActiveWorkbook!;
  const added = wb.Worksheets.Add(undefined, wb.Worksheets.Item(2));
  expect(wb.Worksheets.Item(3).Name).toBe(added.Name);
  expect(sim.activeSheet()).toBe(added.Name);
  expect(() => (added.Name = '表一')).toThrow(/已被占用/);
  expect(() => (added.Name = 'a/b')).toThrow(/无效/);
  added.Name = '结果';
  wb.Names.Add('_Marker', "='结果'!$A$1", false);
  added.Name = '结果2';
  expect(sim.names()).toEqual([{ name: '_Marker', refersTo: "='结果2'!$A$1", visible: false }]);
  expect(() => wb.Worksheets.Item(1).Range('A1').Select()).toThrow(/Select/);
  expect(() => added.Delete()).toThrow(/DisplayAlerts/);
  app.DisplayAlerts = false;
  added.Delete();
  expect(wb.Worksheets.Count).toBe(2);
  expect(sim.names()[0].refersTo).toMatch(/#REF!/);
});

/** The sheet preview's pure parts (src/web/grid-model.ts): cell text, column widths, the drawn window, marks. */
import type { Finding } from '../../src/model/finding';
import { setCell, emptySheet } from '../../src/model/snapshot';
import { Merges, columnWidths, displayText, findingMarks, indexAt, offsets, windowCells } from '../../src/web/grid-model';

function sheet() {
  const s = emptySheet('表一', 0);
  setCell(s, 1, 1, { value: '2024年预算收支总表' });
  setCell(s, 2, 1, { value: '项目' });
  setCell(s, 2, 2, { value: 1519.11, numFmt: '#,##0.00' });
  setCell(s, 3, 2, { value: 12345.6 });
  setCell(s, 5, 4, { value: null });
  s.merges.push({ top: 1, left: 1, bottom: 1, right: 4 }, { top: 3, left: 3, bottom: 5, right: 3 });
  return s;
}

test('displayText follows the number format (decimals, grouping, percent), General stays plain', () => {
  expect(displayText({ value: 1519.11, numFmt: '#,##0.00' })).toBe('1,519.11');
  expect(displayText({ value: 1519, numFmt: '#,##0.00' })).toBe('1,519.00');
  expect(displayText({ value: -1234567, numFmt: '#,##0' })).toBe('-1,234,567');
  expect(displayText({ value: 0.1234, numFmt: '0.0%' })).toBe('12.3%');
  expect(displayText({ value: 200000.5 })).toBe('200000.5');
  expect(displayText({ value: 0.1 + 0.2 })).toBe('0.3');
  expect(displayText({ value: true })).toBe('TRUE');
  expect(displayText({ value: '文字' })).toBe('文字');
  expect(displayText(undefined)).toBe('');
  expect(displayText({ value: null })).toBe('');
});

test('columns are sized by their text, merged text does not widen its first column', () => {
  const w = columnWidths(sheet());
  expect(w).toHaveLength(4);
  expect(w[0]).toBeLessThan(80); // "项目", not the merged title
  expect(w[1]).toBeGreaterThan(w[0]);
  const offs = offsets(w);
  expect(offs[4]).toBe(w.reduce((a, b) => a + b, 0));
  expect(indexAt(offs, 0)).toBe(0);
  expect(indexAt(offs, offs[2])).toBe(2);
  expect(indexAt(offs, 1e9)).toBe(3);
});

test('the window draws merged areas once (even when their top-left is scrolled away) and skips covered cells', () => {
  const s = sheet();
  const m = new Merges(s);
  const cells = windowCells(s, m, 4, 5, 1, 4);
  const keys = cells.map((c) => `${c.row},${c.col},${c.rowSpan}x${c.colSpan}`);
  expect(keys).toContain('3,3,3x1'); // C3:C5 starts above the window
  expect(keys).not.toContain('4,3,1x1');
  expect(keys).not.toContain('5,3,1x1');
  expect(keys.filter((k) => k.startsWith('4,') || k.startsWith('5,'))).toHaveLength(6);
  const top = windowCells(s, m, 1, 1, 2, 3);
  expect(top.map((c) => `${c.row},${c.col},${c.rowSpan}x${c.colSpan}`)).toEqual(['1,1,1x4']);
});

test('a cell several findings are stated at takes the most severe colour', () => {
  const f = (severity: Finding['severity'], cell: string): Finding => ({ rule: 'T1.x', severity, sheet: '表一', cells: [cell], message: cell });
  const marks = findingMarks([f('info', 'B2'), f('error', '$B$2'), f('warning', 'B2'), f('warning', 'C3')]).get('表一')!;
  expect(marks.get('B2')).toEqual({ severity: 'error', findings: [0, 1, 2] });
  expect(marks.get('C3')).toEqual({ severity: 'warning', findings: [3] });
});

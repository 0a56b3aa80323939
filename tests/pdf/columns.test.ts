/**
 * src/pdf/columns: prose printed in two columns is read column by column (the right column under the left), a
 * title over both columns stays on top, and a table without rules (its columns are short or numbers) is left as
 * it is. (The 情况说明 printed in two columns by LibreOffice Writer: tests/fidelity/pdf-pages.)
 */
import { layoutPage } from '../../src/pdf/layout';
import { stackColumns } from '../../src/pdf/columns';
import type { PdfTextItem } from '../../src/pdf/pdfjs';

const SIZE = 10;
const LEFT = 57;
const RIGHT = 309;
const COLUMN = 230; // each column's width: 23 characters

function item(str: string, x: number, y: number, width = str.length * SIZE): PdfTextItem {
  return { str, x, y, width, height: SIZE };
}

/**
 * A paragraph set justified in a column from x, lines 15pt apart from y: the first line indented by two
 * characters, every full line ending at the column's right edge.
 */
function paragraph(text: string, x: number, y: number): PdfTextItem[] {
  const out: PdfTextItem[] = [item(text.slice(0, 21), x + 2 * SIZE, y)];
  for (let i = 21, line = 1; i < text.length; i += 23, line++) out.push(item(text.slice(i, i + 23), x, y + 15 * line));
  return out;
}

const leftText = '甲'.repeat(21 + 23 * 4) + '乙'.repeat(10);
const rightText = '丙'.repeat(21 + 23 * 5) + '丁'.repeat(7);

function twoColumns(): PdfTextItem[] {
  return [item('第三部分 2024年度单位预算情况说明', 200, 60, 200), ...paragraph(leftText, LEFT, 100), ...paragraph(rightText, RIGHT, 100)];
}

describe('prose in two columns', () => {
  it('puts the right column under the left, the title over both first', () => {
    const out = stackColumns(1, twoColumns());
    const order = [...out].sort((a, b) => a.y - b.y || a.x - b.x).map((i) => i.str[0]);
    expect(order.join('')).toBe('第' + '甲'.repeat(5) + '乙' + '丙'.repeat(6) + '丁');
    // the right column moved left onto the left column's margin, below its last line; where it was is kept
    const moved = out.filter((i) => i.str.startsWith('丙'));
    expect(moved.every((i) => i.x - i.dx! >= RIGHT && i.dx === LEFT - RIGHT && i.page === 1)).toBe(true);
    const lastLeft = Math.max(...out.filter((i) => /^[甲乙]/.test(i.str)).map((i) => i.y));
    expect(Math.min(...moved.map((i) => i.y))).toBeGreaterThan(lastLeft);
    for (const i of moved) expect(i.y - i.dy!).toBeGreaterThanOrEqual(100);
  });

  it('reads as one paragraph per column paragraph on a 情况说明 page, each box where it is printed', () => {
    const grid = layoutPage({ page: 1, items: twoColumns() });
    const texts = grid.cells.map((c) => c.text);
    expect(texts).toEqual(['第三部分 2024年度单位预算情况说明', leftText, rightText]);
    const right = grid.cells[2];
    expect([right.x, right.y]).toEqual([RIGHT, 100 - SIZE]); // the union of its lines, in the right column
    expect(right.width).toBe(COLUMN);
  });

  it('reads three columns one after the other', () => {
    const third = 150; // 15 characters a line
    const para = (text: string, x: number): PdfTextItem[] => {
      const out: PdfTextItem[] = [item(text.slice(0, 13), x + 2 * SIZE, 100)];
      for (let i = 13, line = 1; i < text.length; i += 15, line++) out.push(item(text.slice(i, i + 15), x, 100 + 15 * line));
      return out;
    };
    const texts = ['甲'.repeat(13 + 15 * 5) + '乙'.repeat(4), '丙'.repeat(13 + 15 * 6) + '丁'.repeat(3), '戊'.repeat(13 + 15 * 4) + '己'.repeat(5)];
    const items = texts.flatMap((t, i) => para(t, LEFT + i * (third + 20)));
    const out = stackColumns(1, items);
    const order = [...out].sort((a, b) => a.y - b.y || a.x - b.x).map((i) => i.str[0]);
    expect(order.join('')).toBe('甲'.repeat(6) + '乙' + '丙'.repeat(7) + '丁' + '戊'.repeat(5) + '己');
    // each item's original place is kept (x - dx, y - dy)
    const back = out.map((i) => `${i.str}@${i.x - (i.dx ?? 0)},${i.y - (i.dy ?? 0)}`).sort();
    expect(back).toEqual(items.map((i) => `${i.str}@${i.x},${i.y}`).sort());
  });

  it('leaves a page in one column, and a table without rules, as they are', () => {
    const one = paragraph('甲'.repeat(21 + 23 * 8), LEFT, 100);
    expect(stackColumns(1, one)).toBe(one);
    // labels and amounts side by side: a gutter, but no prose on either side
    const table: PdfTextItem[] = [];
    ['行政运行', '一般行政管理事务', '机关服务', '事业运行', '其他支出', '退休费', '离休费'].forEach((label, i) => {
      const y = 100 + 15 * i;
      table.push(item(label, LEFT, y), item('1,234.56', 200, y, 45), item('社会保障和就业支出', 330, y), item('99.00', 500, y, 28));
    });
    expect(stackColumns(1, table)).toBe(table);
  });
});

describe('text far off the page', () => {
  it('is in no column: the columns on the page are still read one after the other, with no error', () => {
    for (const x of [5e10, 4e8, -1e9, NaN]) {
      const out = stackColumns(1, [...twoColumns(), item('外', x, 120)]);
      const order = out.filter((i) => i.str !== '外').sort((a, b) => a.y - b.y || a.x - b.x).map((i) => i.str[0]);
      expect(order.join('')).toBe('第' + '甲'.repeat(5) + '乙' + '丙'.repeat(6) + '丁');
      expect(out.filter((i) => i.str === '外')).toHaveLength(1);
      expect(() => layoutPage({ page: 1, items: [...twoColumns(), item('外', x, 120)] })).not.toThrow();
    }
  });
});

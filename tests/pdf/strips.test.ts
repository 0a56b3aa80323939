/**
 * src/pdf/strips: a wide table printed in two strips (left columns on one page, the rest on the next, the same
 * rows) is put back side by side, and each cell keeps the page it is printed on and its box there.
 */
import { joinStrips } from '../../src/pdf/strips';
import { layoutPage } from '../../src/pdf/layout';
import type { PdfPageText, PdfTextItem, RuleLines } from '../../src/pdf/pdfjs';

function item(str: string, x: number, y: number, width = str.length * 8, height = 10): PdfTextItem {
  return { str, x, y, width, height };
}

function grid(xs: number[], ys: number[]): RuleLines {
  return { v: xs.map((x) => ({ x, y1: ys[0], y2: ys[ys.length - 1] })), h: ys.map((y) => ({ y, x1: xs[0], x2: xs[xs.length - 1] })) };
}

const ys = [100, 115, 130, 145];
function page(n: number, xs: number[], items: PdfTextItem[]): PdfPageText {
  return { page: n, width: 612, height: 792, rotation: 0, items, hasImage: false, rules: grid(xs, ys) };
}

describe('strips side by side', () => {
  const left = page(3, [50, 300, 520], [item('2024年部门收入总表', 60, 80, 160, 14), item('科目名称', 60, 112), item('合计', 310, 112), item('行政运行', 60, 127), item('137.86', 480, 127.5, 35), item('殡葬', 60, 142), item('673.81', 480, 142.5, 35)]);
  const right = page(4, [50, 150], [item('单位资金', 60, 112), item('12.00', 110, 127.5, 35), item('3.50', 115, 142.5, 30)]);

  it('joins the right strip to its left strip: one grid, its columns after those of the left', () => {
    const joined = joinStrips([left, right]);
    expect(joined).toHaveLength(1);
    expect(joined[0].pages).toEqual([3, 4]);
    const g = layoutPage(joined[0]);
    const row = (r: number) => g.cells.filter((c) => c.row === r).map((c) => c.text);
    expect(row(3)).toEqual(['行政运行', '137.86', '12.00']);
    expect(row(4)).toEqual(['殡葬', '673.81', '3.50']);
  });

  it("gives each joined cell its own page and its box on that page", () => {
    const g = layoutPage(joinStrips([left, right])[0]);
    const strip = g.cells.find((c) => c.text === '12.00')!;
    expect(strip).toMatchObject({ page: 4, x: 110, width: 35 });
    const own = g.cells.find((c) => c.text === '137.86')!;
    expect(own).toMatchObject({ page: 3, x: 480, width: 35 });
  });

  it('does not join a page with other rows, nor a table that fitted its page', () => {
    const other = { ...right, rules: grid([50, 150], [100, 120, 140, 160]) };
    expect(joinStrips([left, other])).toHaveLength(2);
    const narrow = page(3, [50, 200, 300], left.items.filter((i) => i.x < 200));
    expect(joinStrips([narrow, right])).toHaveLength(2);
  });
});

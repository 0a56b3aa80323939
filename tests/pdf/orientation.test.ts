/**
 * src/pdf/orientation: a page whose text runs upwards or downwards (a table printed sideways) is turned upright
 * before the layout, its cells' boxes turned back onto the page as printed; text running another way than the
 * rest of its page is left out, and when it holds amounts the page is named (INPUT.pdf_rotated_text) and no
 * error is claimed from the tables read from it. (PDFs printed sideways by LibreOffice: tests/fidelity/pdf-pages.)
 */
import { layoutPage, type PageGrid } from '../../src/pdf/layout';
import { textTurn, toPage, unreadRotated, uprightPage } from '../../src/pdf/orientation';
import type { PdfPageText, PdfTextItem, RuleLines } from '../../src/pdf/pdfjs';

const W = 595;
const H = 842;

function at(grid: PageGrid, row: number, col: number): string | undefined {
  return grid.cells.find((c) => c.row === row && c.col === col)?.text;
}

/** An upright table: labels in column A (x 50..150), amounts in B (150..250), rows 20pt apart from y 100. */
const upright: { str: string; row: number; col: number }[] = [
  { str: '项目', row: 0, col: 0 }, { str: '合计', row: 0, col: 1 },
  { str: '行政运行', row: 1, col: 0 }, { str: '137.86', row: 1, col: 1 },
  { str: '一般行政管理事务', row: 2, col: 0 }, { str: '20.00', row: 2, col: 1 },
];
const xs = [50, 150, 250];
const ys = [100, 120, 140, 160];

/**
 * The same table printed sideways, text running upwards (as LibreOffice prints 90° cell rotation): the point
 * (x, y) of the upright table is printed at (y, H - x) — turned a quarter counterclockwise on the page.
 */
function sideways(): PdfPageText {
  const items: PdfTextItem[] = upright.map(({ str, row, col }) => {
    const x = xs[col] + 5;
    const y = ys[row] + 15; // baseline
    return { str, x: y, y: H - x, width: str.length * 10, height: 10, turn: 270 };
  });
  const rules: RuleLines = {
    // the upright table's row edges (horizontal) are printed as vertical lines, its column edges as horizontal ones
    v: ys.map((y) => ({ x: y, y1: H - xs[xs.length - 1], y2: H - xs[0] })),
    h: xs.map((x) => ({ y: H - x, x1: ys[0], x2: ys[ys.length - 1] })),
  };
  return { page: 3, width: W, height: H, rotation: 0, items, hasImage: false, rules };
}

describe('the direction text runs in', () => {
  it('is told from the baseline (page coordinates, y downwards) to the nearest quarter turn', () => {
    expect(textTurn(10, 0)).toBeUndefined();
    expect(textTurn(0, 10)).toBe(90);
    expect(textTurn(0, -10)).toBe(270);
    expect(textTurn(-10, 0.5)).toBe(180);
  });
});

describe('a table printed sideways', () => {
  it('is turned upright and read as the table it is', () => {
    const u = uprightPage(sideways());
    expect(u.turn).toBe(270);
    expect(u.dropped).toEqual([]);
    expect([u.page.width, u.page.height]).toEqual([H, W]);
    expect(u.page.items.every((i) => i.turn === undefined)).toBe(true);
    const grid = layoutPage(u.page);
    expect(grid.colCount).toBe(2);
    expect([at(grid, 1, 1), at(grid, 1, 2)]).toEqual(['项目', '合计']);
    expect([at(grid, 2, 1), at(grid, 2, 2)]).toEqual(['行政运行', '137.86']);
    expect([at(grid, 3, 1), at(grid, 3, 2)]).toEqual(['一般行政管理事务', '20.00']);
  });

  it('gives each cell its box on the page as printed', () => {
    const printed = sideways();
    const u = uprightPage(printed);
    const cell = layoutPage(u.page).cells.find((c) => c.text === '137.86')!;
    const box = toPage(u.turn, W, H, { x: cell.x, y: cell.y, width: cell.width, height: cell.height });
    const it = printed.items.find((i) => i.str === '137.86')!;
    // the printed glyphs run upwards from the baseline origin (it.x, it.y), the glyph tops to the left of it
    expect(box.x).toBeCloseTo(it.x - it.height, 5);
    expect(box.x + box.width).toBeCloseTo(it.x, 5);
    expect(box.y).toBeCloseTo(it.y - it.width, 5);
    expect(box.y + box.height).toBeCloseTo(it.y, 5);
  });

  it('turns text running downwards and upside down the other ways, and leaves an upright page as it is', () => {
    const down = uprightPage({ page: 1, width: W, height: H, rotation: 0, hasImage: false, rules: { h: [], v: [] }, items: [{ str: '合计', x: 300, y: 100, width: 20, height: 10, turn: 90 }] });
    expect(down.turn).toBe(90);
    expect(down.page.items[0]).toMatchObject({ x: 100, y: W - 300 });
    const flipped = uprightPage({ page: 1, width: W, height: H, rotation: 0, hasImage: false, rules: { h: [], v: [] }, items: [{ str: '合计', x: 300, y: 100, width: 20, height: 10, turn: 180 }] });
    expect(flipped.page.items[0]).toMatchObject({ x: W - 300, y: H - 100 });
    const page: PdfPageText = { page: 1, width: W, height: H, rotation: 0, hasImage: false, rules: { h: [], v: [] }, items: [{ str: '合计', x: 300, y: 100, width: 20, height: 10 }] };
    expect(uprightPage(page)).toEqual({ page, turn: 0, dropped: [] });
    for (const turn of [90, 180, 270] as const) {
      const box = { x: 10, y: 20, width: 30, height: 40 };
      const there = toPage(turn, W, H, box);
      expect(there.width * there.height).toBeCloseTo(1200, 5);
    }
  });
});

describe('text running two ways on one page', () => {
  const mixed = (): PdfPageText => {
    const p = sideways();
    p.items.push({ str: '备注', x: 400, y: 700, width: 20, height: 10 }, { str: '12.34', x: 400, y: 720, width: 25, height: 10 }, { str: '第3页', x: 280, y: 820, width: 25, height: 10 });
    return p;
  };

  it('keeps the direction most of the text runs in and names the page when amounts were left out', () => {
    const u = uprightPage(mixed());
    expect(u.turn).toBe(270);
    expect(u.dropped.map((i) => i.str)).toEqual(['备注', '12.34', '第3页']);
    expect(unreadRotated([u])).toEqual([{ page: 3, amounts: 1 }]);
    // a stamp or a page number alone (no amount) is left out silently
    const quiet = sideways();
    quiet.items.push({ str: '第3页', x: 280, y: 820, width: 25, height: 10 });
    expect(unreadRotated([uprightPage(quiet)])).toEqual([]);
  });
});

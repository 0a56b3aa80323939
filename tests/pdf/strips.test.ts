/**
 * src/pdf/strips: a wide table printed in two strips (left columns on one page, the rest on the next, the same
 * rows) is put back side by side, and each cell keeps the page it is printed on and its box there.
 */
import { clipItems, joinStrips } from '../../src/pdf/strips';
import { layoutPage } from '../../src/pdf/layout';
import { readPdfPages } from '../../src/pdf/read';
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

describe('a form two strips wide cut across pages, its head merged over columns its indicator grid draws', () => {
  // page 1: the head (项目名称 over B:C merged: no rule at 150); page 2: the grid below (rules at 150); pages 3, 4
  // their right strip. Page 2 has column edges page 1 lacks.
  const rowsAt = (n: number, xs: number[], ys2: number[], items: PdfTextItem[], v?: RuleLines['v']): PdfPageText => {
    const r = grid(xs, ys2);
    return { ...page(n, xs, items), rules: v ? { h: r.h, v } : r };
  };
  const headV = [50, 520].map((x) => ({ x, y1: 100, y2: 130 })).concat([{ x: 100, y1: 100, y2: 130 }]);
  const pages = [
    rowsAt(1, [50, 100, 520], [100, 115, 130], [item('项目名称', 55, 112, 40), item('养老公益苑建设项目偿还贷款本息', 110, 112, 300), item('项目属性', 55, 127, 40), item('一次性项目', 110, 127, 100)], headV),
    rowsAt(2, [50, 100, 150, 520], [100, 120, 140], [item('一级', 55, 115, 30), item('二级', 105, 115, 30), item('三级指标', 155, 115, 60), item('产出', 55, 135, 30), item('数量', 105, 135, 30), item('归还本金', 155, 135, 60)]),
    rowsAt(3, [50, 200], [100, 115, 130], [item('年度资金总额', 55, 112, 80), item('422,128.01', 140, 127.5, 55)]),
    rowsAt(4, [50, 200], [100, 120, 140], [item('指标值', 55, 115, 40), item('82万元', 55, 135, 40)]),
  ];

  it('lays out each row of pages on the columns of all of them and puts them under one another', () => {
    const read = readPdfPages(pages, 'x.pdf');
    expect(read.snapshot.sheets.map((s) => s.name)).toEqual(['第1-4页']);
    const rows = read.snapshot.sheets[0].rows.map((r) => Array.from(r ?? [], (c) => c?.value ?? ''));
    expect(rows).toEqual([
      ['项目名称', '养老公益苑建设项目偿还贷款本息', '', '年度资金总额'],
      ['项目属性', '一次性项目', '', '422,128.01'],
      ['一级', '二级', '三级指标', '指标值'],
      ['产出', '数量', '归还本金', '82万元'],
    ]);
    // the head's merged cell spans the column edge only the grid below draws
    expect(read.snapshot.sheets[0].merges).toContainEqual({ top: 1, left: 2, bottom: 1, right: 3 });
  });
});

describe('a form two strips wide whose left strip merges rows over all its columns', () => {
  // the left strip's 项目资金 head is merged over the funds' rows (edges 160, 175, 190 drawn on the right strip only)
  // and its 绩效指标 label goes on over the page's foot and head (no edge at 205 on page 1, none at 54 on page 2)
  const leftYs = [69, 85, 100, 115, 130, 145, 205, 220, 235];
  const rightYs = [69, 85, 100, 115, 130, 145, 160, 175, 190, 205, 220, 235, 250];
  const at = (n: number, xs: number[], ys2: number[], items: PdfTextItem[]): PdfPageText => ({ page: n, width: 595, height: 842, rotation: 0, items, hasImage: false, rules: grid(xs, ys2) });
  const l1 = at(1, [50, 162, 260, 372], leftYs, [item('项目名称', 60, 80), item('城区学前教育公用经费', 170, 80, 100)]);
  const l2 = at(2, [50, 162, 260, 372], [72, 105], [item('满意度指标', 170, 90)]);
  const r1 = at(3, [50, 260, 456], rightYs, [item('年度资金总额', 60, 80), item('4,515,600', 270, 95, 50)]);
  const r2 = at(4, [50, 260, 456], [54, 72, 105], [item('≥90%', 270, 90, 30)]);

  it('joins the strips: many edges each found beside, and the next page in its place with its few edges among those beside', () => {
    expect(joinStrips([l1, l2, r1, r2]).map((j) => j.pages)).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('but not the first page of a longer table whose rows are of one height (any such table shares its edges)', () => {
    const even = (n: number, k: number) => Array.from({ length: n }, (_, i) => 99 + 15 * i).slice(0, k);
    const t1 = at(1, [71, 281, 379], even(36, 36), [item('收入', 80, 110), item('一、一般公共预算', 80, 125, 80)]);
    const t1r = at(2, [50, 260, 358, 456, 554], even(36, 36), [item('支出', 60, 110)]);
    const t2 = at(3, [71, 351, 449, 547], even(43, 43), [item('项目', 80, 110), item('本年收入', 360, 110)]);
    expect(joinStrips([t1, t1r, t2]).map((j) => j.pages)).toEqual([[1, 2], [3]]);
  });

  it('but not a page of few edges alike in part only where no strip pairs the pages yet', () => {
    expect(joinStrips([l2, r2]).map((j) => j.pages)).toEqual([[2], [4]]);
  });
});

describe('a text across the cut between two strips (a merged cell, a title over both)', () => {
  // LibreOffice draws it on both pages where it is on the sheet: on the left page on past its last rule (450) into
  // the margin; on the right page (moved 400 to the right when joined) from before its first rule (50), from off
  // the page's edge. Characters 10 pt wide (a digit 5).
  const left = page(5, [50, 150, 450], [
    item('（2024年度）', 420, 112, 120),
    item('项目名称', 60, 127),
    item('提前下达2024年困难群', 300, 127, 100),
    item('众救助补助资金', 400, 127, 70),
    item('合计', 60, 142),
    item('1.00', 420, 142.5, 20),
  ]);
  const right = page(6, [50, 200], [item('（2024年度）', 20, 112, 120), item('难群', -20, 127, 20), item('众救助补助资金', 0, 127, 70), item('2.00', 170, 142.5, 20)]);

  it('keeps of each page only its own columns\' part: the text read once, each part boxed on its page', () => {
    const [joined] = joinStrips([left, right]);
    expect(joined.pages).toEqual([5, 6]);
    const g = layoutPage(joined);
    const row = (r: number) => g.cells.filter((c) => c.row === r).map((c) => c.text);
    // the title's figure cut at the edge ("（2" | "024年度）") is one text
    expect(row(1)).toEqual(['（2024年度）']);
    expect(row(2)).toEqual(['项目名称', '提前下达2024年困难群众救助补助资金']);
    expect(row(3)).toEqual(['合计', '1.00', '2.00']);
    // the left page's part of the name ends at its last rule
    const read = readPdfPages([left, right], 'x.pdf');
    const name = read.sheets.get('第5-6页')!.cells.get('B2')!;
    expect(name.page).toBe(5);
    expect(name.x + name.width).toBeLessThanOrEqual(450.5);
  });

  it('keeps whole a text run on past its cell\'s edge that the page beside does not print (clipped when printed, its glyphs still there)', () => {
    const long = page(5, [50, 150, 450], [item('长财社【2023】219号长治民政系统护理员技能培训及大赛', 160, 127, 320), item('合计', 60, 142), item('1.00', 420, 142.5, 20)]);
    // the strip beside prints its own text there (the filled neighbour the name is clipped at), not the name's
    const beside = page(6, [50, 200], [item('19.00', 55, 127.5, 30), item('2.00', 170, 142.5, 20)]);
    const g = layoutPage(joinStrips([long, beside])[0]);
    expect(g.cells.filter((c) => c.row === 2).map((c) => c.text)).toEqual(['长财社【2023】219号长治民政系统护理员技能培训及大赛', '19.00']);
  });

  it('cuts an item across an edge between its characters, a CJK character twice as wide as a digit', () => {
    expect(clipItems([item('（2024年度）', 0, 10, 120)], -Infinity, 30).map((i) => [i.str, i.x, i.width])).toEqual([['（2', 0, 30]]);
    const rest = clipItems([item('（2024年度）', 0, 10, 120)], 30, Infinity);
    expect(rest.map((i) => [i.str, i.x, i.width, i.cutLeft])).toEqual([['024年度）', 30, 90, true]]);
    // wholly outside: left out; wholly inside: as it is
    expect(clipItems([item('群', -20, 10, 10), item('众', 5, 10, 10)], 0, 100).map((i) => i.str)).toEqual(['众']);
  });
});

describe('a table three strips wide whose last row went on to the next row of pages', () => {
  // LibreOffice's order: the left strip's pages (rows 1–3, then row 4), the middle strip's, then the right strip's
  // first page only: its page for row 4 would be blank (nothing in those columns), so it is not printed
  const lower = [100, 130];
  const rowPage = (n: number, xs: number[], items: PdfTextItem[]): PdfPageText => ({ ...page(n, xs, items), rules: grid(xs, lower) });
  const pages = [
    page(1, [50, 300, 520], [item('科目名称', 60, 112), item('合计', 310, 112), item('行政运行', 60, 127), item('137.86', 480, 127.5, 35), item('殡葬', 60, 142), item('673.81', 480, 142.5, 35)]),
    rowPage(2, [50, 300, 520], [item('其他支出', 60, 120), item('5.00', 490, 120.5, 25)]),
    page(3, [50, 250, 520], [item('基本支出', 260, 112), item('100.00', 480, 127.5, 35), item('600.00', 480, 142.5, 35)]),
    rowPage(4, [50, 250, 520], [item('5.00', 490, 120.5, 25)]),
    page(5, [50, 150], [item('项目支出', 60, 112), item('37.86', 110, 127.5, 30), item('73.81', 110, 142.5, 30)]),
  ];

  it('puts the shorter row of pages under the rows above: one pseudo-sheet, the last row\'s columns the first ones', () => {
    const joined = joinStrips(pages);
    expect(joined.map((j) => [j.pages, !!j.under])).toEqual([
      [[1, 3, 5], false],
      [[2, 4], true],
    ]);
    const read = readPdfPages(pages, 'x.pdf');
    expect(read.snapshot.sheets.map((s) => s.name)).toEqual(['第1-5页']);
    const rows = read.snapshot.sheets[0].rows.map((r) => Array.from(r ?? [], (c) => c?.value ?? ''));
    // (the middle strip's first column is empty)
    expect(rows).toEqual([
      ['科目名称', '合计', '', '基本支出', '项目支出'],
      ['行政运行', '137.86', '', '100.00', '37.86'],
      ['殡葬', '673.81', '', '600.00', '73.81'],
      ['其他支出', '5.00', '', '5.00'],
    ]);
    // each figure still on its own page
    expect(read.sheets.get('第1-5页')!.cells.get('D4')?.page).toBe(4);
  });

  it('does not put a page of other outer edges under it (another table)', () => {
    const wider = rowPage(2, [50, 200, 300, 400, 560], [item('其他支出', 60, 120), item('5.00', 490, 120.5, 25)]);
    const read = readPdfPages([pages[0], wider, pages[2], pages[4]], 'x.pdf');
    expect(read.snapshot.sheets.length).toBeGreaterThan(1);
  });
});

/**
 * A table printed sideways and cut across pages, as its pages read once turned upright (./orientation: 842 × 595).
 * Each page: its column edges, row edges, and texts at (column, row) of its own grid.
 */
const UW = 842;
const UH = 595;
type Cells = [string, number, number][];
function upright(n: number, xs: number[], ys: number[], cells: Cells, title?: [string, number, number]): PdfPageText {
  const items = cells.map(([str, col, row]) => item(str, xs[col] + 5, ys[row] + 15));
  if (title) items.push(item(title[0], title[1], title[2], title[0].length * 12, 14));
  return { page: n, width: UW, height: UH, rotation: 0, items, hasImage: false, rules: grid(xs, ys) };
}
const rowsOf = (g: ReturnType<typeof layoutPage>) => Array.from({ length: g.rowCount }, (_, r) => g.cells.filter((c) => c.row === r + 1).map((c) => c.text));

describe('a table printed sideways, text running upwards, cut across pages', () => {
  // LibreOffice's page order on the sheet (down, then right) is, upright: the right strip first, then the strip
  // to its left (the labels), then the same for the rows below. Printing starts at the upright right edge (770)
  // and top (54); the first block reaches the bottom margin, its right strip the left margin.
  const rightXs = [225, 400, 770];
  const leftXs = [575, 770];
  const ys1 = [110, 250, 390, 530];
  const ys2 = [54, 74, 94];
  const pages = [
    upright(1, rightXs, ys1, [['合计', 0, 0], ['基本支出', 1, 0], ['137.86', 0, 1], ['100.00', 1, 1], ['20.00', 0, 2], ['20.00', 1, 2]], ['单位：万元', 700, 100]),
    upright(2, leftXs, ys1, [['项目', 0, 0], ['行政运行', 0, 1], ['一般行政管理事务', 0, 2]], ['2024年部门支出总表', 580, 80]),
    upright(3, rightXs, ys2, [['5.00', 0, 0], ['5.00', 1, 0], ['3.50', 0, 1], ['1.50', 1, 1]]),
    upright(4, leftXs, ys2, [['机关服务', 0, 0], ['其他支出', 0, 1]]),
  ];
  const turns = new Map(pages.map((p) => [p.page, 270]));

  it('puts each block of rows together from its strips (left strip first), the later block below', () => {
    const joined = joinStrips(pages, turns);
    expect(joined.map((j) => [j.pages, !!j.below])).toEqual([[[2, 1], false], [[4, 3], true]]);
    const top = layoutPage(joined[0]);
    expect(rowsOf(top)).toEqual([['2024年部门支出总表'], ['单位：万元'], ['项目', '合计', '基本支出'], ['行政运行', '137.86', '100.00'], ['一般行政管理事务', '20.00', '20.00']]);
    expect(rowsOf(layoutPage(joined[1]))).toEqual([['机关服务', '5.00', '5.00'], ['其他支出', '3.50', '1.50']]);
    // each cell keeps its own page and its box there
    expect(top.cells.find((c) => c.text === '137.86')).toMatchObject({ page: 1, x: 230 });
    expect(top.cells.find((c) => c.text === '行政运行')).toMatchObject({ page: 2, x: 580 });
  });

  it('does not take a page as a strip or a block when the page before was not cut at the margin', () => {
    // the right strip fitted beside the labels: two tables of their own
    const narrow = upright(1, [600, 700, 770], ys1, [['合计', 0, 0], ['137.86', 0, 1]]);
    expect(joinStrips([narrow, pages[1]], turns)).toHaveLength(2);
    // the rows ended well above the bottom margin: the next page is not their continuation
    const short = [110, 130, 150, 170];
    const a = upright(1, rightXs, short, [['合计', 0, 0], ['137.86', 0, 1]]);
    const b = upright(2, leftXs, short, [['项目', 0, 0], ['行政运行', 0, 1]]);
    expect(joinStrips([a, b, pages[2], pages[3]], turns).map((j) => j.pages)).toEqual([[2, 1], [4, 3]]);
    expect(joinStrips([a, b, pages[2], pages[3]], turns).some((j) => j.below)).toBe(false);
  });

  it('is read as one pseudo-sheet over its four pages, each figure boxed where it is printed sideways', () => {
    // the pages as printed: upright (x, y) is printed at (y, 842 - x), text running upwards (./orientation)
    const printed = pages.map((p): PdfPageText => ({
      ...p,
      width: UH,
      height: UW,
      items: p.items.map((i) => ({ ...i, x: i.y, y: UW - i.x, turn: 270 })),
      rules: { v: p.rules.h.map((h) => ({ x: h.y, y1: UW - h.x2, y2: UW - h.x1 })), h: p.rules.v.map((v) => ({ y: UW - v.x, x1: v.y1, x2: v.y2 })) },
    }));
    const read = readPdfPages(printed, 'x.pdf');
    expect(read.snapshot.sheets.map((s) => s.name)).toEqual(['第1-4页']);
    const sheet = read.snapshot.sheets[0];
    const text = (r: number) => (sheet.rows[r - 1] ?? []).map((c) => (c ? String(c.value) : ''));
    expect(text(4)).toEqual(['行政运行', '137.86', '100.00']);
    expect(text(6)).toEqual(['机关服务', '5.00', '5.00']);
    expect(text(7)).toEqual(['其他支出', '3.50', '1.50']);
    const places = read.sheets.get('第1-4页')!;
    expect(places.pages).toEqual([1, 2, 3, 4]);
    for (const [cell, str] of [['B4', '137.86'], ['A4', '行政运行'], ['C7', '1.50'], ['A7', '其他支出']]) {
      const box = places.cells.get(cell)!;
      const it = printed[box.page - 1].items.find((i) => i.str === str)!;
      // the glyphs run upwards from the printed origin (it.x, it.y): the box is left of it and above it
      expect({ cell, box: [box.x, box.x + box.width, box.y, box.y + box.height].map((v) => Math.round(v)) }).toEqual({ cell, box: [it.x - it.height, it.x, it.y - it.width, it.y].map((v) => Math.round(v)) });
    }
  });
});

describe('a table printed sideways, text running downwards, cut across pages', () => {
  // upright: printing starts at the left edge (72) and the bottom (541); the page printed below is the strip to
  // the right, the pages printed to the right hold the rows above (the first pages printed are the last rows)
  const leftXs = [72, 267, 442, 617];
  const rightXs = [72, 247];
  const ysLow = Array.from({ length: 13 }, (_, i) => 60 + 40 * i); // 60 … 540: a full page of rows
  const ysTop = [420, 460, 500, 540];
  const low = (col: number) => Array.from({ length: 12 }, (_, r): [string, number, number] => [col === 0 ? `项目${r + 1}` : `${r + 1}.0${col}`, col, r]);
  const pages = [
    upright(1, leftXs, ysLow, [...low(0), ...low(1), ...low(2)]),
    upright(2, rightXs, ysLow, low(3).map(([s, , r]) => [s, 0, r])),
    upright(3, leftXs, ysTop, [['项目', 0, 0], ['合计', 1, 0], ['基本支出', 2, 0], ['行政运行', 0, 1], ['9.01', 1, 1], ['9.02', 2, 1], ['机关服务', 0, 2], ['8.01', 1, 2], ['8.02', 2, 2]], ['2024年部门支出总表', 80, 400]),
    upright(4, rightXs, ysTop, [['项目支出', 0, 0], ['9.03', 0, 1], ['8.03', 0, 2]]),
  ];
  const turns = new Map(pages.map((p) => [p.page, 90]));

  it('puts the strips side by side in print order and the later printed block above', () => {
    const joined = joinStrips(pages, turns);
    expect(joined.map((j) => [j.pages, !!j.below])).toEqual([[[3, 4], false], [[1, 2], true]]);
    expect(rowsOf(layoutPage(joined[0]))).toEqual([['2024年部门支出总表'], ['项目', '合计', '基本支出', '项目支出'], ['行政运行', '9.01', '9.02', '9.03'], ['机关服务', '8.01', '8.02', '8.03']]);
    const below = rowsOf(layoutPage(joined[1]));
    expect(below).toHaveLength(12);
    expect(below[0]).toEqual(['项目1', '1.01', '1.02', '1.03']);
    expect(layoutPage(joined[1]).cells.find((c) => c.text === '1.03')).toMatchObject({ page: 2, x: 77 });
  });
});

describe('a sheet of forms stacked one under another, two strips wide, printed over many pages', () => {
  // the left strip runs over 14 pages, each with a form's title above its rows (the rows of one layout repeat:
  // pages A, B, A, B, …, the last one short), then the right strip (the amounts) over 14 pages in the same order
  const rowsA = [100, 115, 130, 145];
  const rowsB = [100, 115, 130, 145, 160];
  const rowsC = [100, 115];
  const shapes = Array.from({ length: 14 }, (_, k) => (k === 13 ? rowsC : k % 2 ? rowsB : rowsA));
  const leftPage = (k: number): PdfPageText => {
    const rows = shapes[k];
    // the labels of the first column repeat on every page (a form's rows); the second column is the form's own
    const labels = ['项目名称', '项目属性', '产出指标', '效益指标'];
    const items = [item('项目支出绩效目标表', 120, 80, 160, 14), ...rows.slice(0, -1).flatMap((y, r) => [item(labels[r], 60, y + 12), item(`指标${k + 1}-${r + 1}`, 310, y + 12)])];
    return { page: k + 1, width: 612, height: 792, rotation: 0, items, hasImage: false, rules: grid([50, 300, 520], rows) };
  };
  const rightPage = (k: number): PdfPageText => {
    const rows = shapes[k];
    const items = rows.slice(0, -1).map((y, r) => item(`${k + 1}${r + 1}.00`, 60, y + 12.5, 35));
    return { page: 15 + k, width: 612, height: 792, rotation: 0, items, hasImage: false, rules: grid([50, 150], rows) };
  };
  const pages = [...Array.from({ length: 14 }, (_, k) => leftPage(k)), ...Array.from({ length: 14 }, (_, k) => rightPage(k))];

  it('puts each left page beside the strip printed as many pages after it as the run is long', () => {
    expect(joinStrips(pages).map((j) => j.pages)).toEqual(Array.from({ length: 14 }, (_, k) => [k + 1, k + 15]));
    const g = layoutPage(joinStrips(pages)[3]);
    expect(g.cells.filter((c) => c.text === '指标4-2' || c.text === '42.00').map((c) => c.row)).toEqual([3, 3]);
  });

  it('does not join the strips when they are fewer than the run (another table)', () => {
    expect(joinStrips([...pages.slice(0, 14), rightPage(0)]).map((j) => j.pages.length)).toEqual(Array(15).fill(1));
  });

  // rows fitted to their text: a form's tall cell of text (项目概况, 总体目标) fills pages of its own, one row each,
  // alike in their rows and column edges; the strip's page beside each is blank and not printed
  const tall = [54, 493];
  const tallPage = (n: number): PdfPageText => ({ page: n, width: 612, height: 792, rotation: 0, items: [item('项目概况', 60, 70), item('我院养老公益苑建设项目因资金不足……', 310, 70, 200)], hasImage: false, rules: grid([50, 300, 520], tall) });
  it('takes no page of one tall row for the strip of the like page before it, and joins the strips to the run\'s end though pages are left out', () => {
    // left: 6 forms' pages, 4 pages of one tall row each after the 3rd; right: the 6 pages beside the forms only
    const left = [leftPage(0), leftPage(1), leftPage(2), tallPage(4), tallPage(5), tallPage(6), tallPage(7), { ...leftPage(3), page: 8 }, { ...leftPage(4), page: 9 }, { ...leftPage(5), page: 10 }];
    const right = [0, 1, 2, 3, 4, 5].map((k) => ({ ...rightPage(k), page: 11 + k }));
    const joined = joinStrips([...left, ...right]).map((j) => j.pages);
    expect(joined).toEqual([[1, 11], [2, 12], [3, 13], [4], [5], [6], [7], [8, 14], [9, 15], [10, 16]]);
  });
});

describe('a page with a whole title of its own', () => {
  const left = page(1, [50, 300, 520], [item('政府性基金预算收入表', 60, 80, 160, 14), item('收入科目', 60, 112), item('913.75', 480, 127.5, 35), item('合计', 60, 142)]);
  it('is the first page of another table, not the next strip of the page before', () => {
    const other = page(2, [50, 300, 520], [item('政府性基金预算支出表', 60, 80, 160, 14), item('支出科目', 60, 112), item('913.75', 480, 127.5, 35), item('合计', 60, 142)]);
    expect(joinStrips([left, other])).toHaveLength(2);
  });
  it('but a title centred over both strips, cut at the page edge, is a strip', () => {
    const strip = page(2, [50, 150], [item('收入表（续）', -20, 80, 100, 14), item('单位资金', 60, 112), item('12.00', 110, 127.5, 35)]);
    expect(joinStrips([left, strip]).map((j) => j.pages)).toEqual([[1, 2]]);
  });
});

describe('a page opening with the last rows of a form, then the next form', () => {
  it('goes on the pseudo-sheet of the page before', () => {
    const xs = [50, 200, 520];
    const first = page(1, xs, [item('项目支出绩效目标表', 120, 80, 160, 14), item('项目名称', 60, 112), item('救助', 210, 112), item('产出指标', 60, 127), item('数量指标', 210, 127), item('效益指标', 60, 142), item('社会效益', 210, 142)]);
    const next: PdfPageText = {
      ...page(2, xs, [item('满意度指标', 60, 112), item('服务对象满意度', 210, 112), item('项目支出绩效目标表', 120, 142, 160, 14), item('项目名称', 60, 172), item('养老', 210, 172)]),
      rules: grid(xs, [100, 115, 160, 175]),
    };
    const read = readPdfPages([first, next], 'x.pdf');
    expect(read.snapshot.sheets.map((s) => s.name)).toEqual(['第1-2页']);
    const rows = read.snapshot.sheets[0].rows.map((r) => (r ?? []).filter(Boolean).map((c) => String(c!.value)));
    expect(rows).toContainEqual(['满意度指标', '服务对象满意度']);
    // a page whose first row is its title starts a sheet of its own
    const titled = page(2, xs, [item('项目支出绩效目标表', 120, 80, 160, 14), item('项目名称', 60, 112), item('养老', 210, 112)]);
    expect(readPdfPages([first, titled], 'x.pdf').snapshot.sheets).toHaveLength(2);
  });
  it('whose first row names a 表 beside its label (…审批表执行: a cell\'s text, not a title): goes on too', () => {
    // 002-variant fitted on A4, page 47: 保证项目实施的制度、措施 | 根据人社局……补助标准审批表执行 opens the page; read as
    // a title, the form's indicators went on a pseudo-sheet of their own and its columns were not found
    const xs = [50, 200, 520];
    const first = page(1, xs, [item('项目支出绩效目标表', 120, 80, 160, 14), item('项目名称', 60, 112), item('遗属补助', 210, 112), item('立项依据', 60, 127), item('根据文件', 210, 127), item('项目设立必要性', 60, 142), item('遗属人员补助', 210, 142)]);
    const next: PdfPageText = {
      ...page(2, xs, [item('保证项目实施的制度、措施', 60, 112, 100), item('根据人社局生活困难补助标准审批表执行', 210, 112, 300), item('绩效指标', 60, 127), item('三级指标', 210, 127), item('产出指标', 60, 157), item('人员数量', 210, 157)]),
      rules: grid(xs, [100, 115, 130, 160, 175]),
    };
    const read = readPdfPages([first, next], 'x.pdf');
    expect(read.snapshot.sheets.map((s) => s.name)).toEqual(['第1-2页']);
    const rows = read.snapshot.sheets[0].rows.map((r) => (r ?? []).filter(Boolean).map((c) => String(c!.value)));
    expect(rows).toContainEqual(['绩效指标', '三级指标']);
  });
});

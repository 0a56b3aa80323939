/**
 * src/pdf/read: a 情况说明 printed over several pages (as Word or WPS print it: paragraphs wrap and break at the foot
 * of a page) is one narrative, and a paragraph broken at a page's foot is one paragraph, boxed on both pages.
 */
import { readPdfPages } from '../../src/pdf/read';
import { locateFinding } from '../../src/pdf/locate';
import type { PdfPageText, PdfTextItem } from '../../src/pdf/text';

function item(str: string, x: number, y: number, width = str.length * 10, height = 10): PdfTextItem {
  return { str, x, y, width, height };
}

function page(n: number, items: PdfTextItem[]): PdfPageText {
  return { page: n, width: 595, height: 842, rotation: 0, items, hasImage: false, rules: { v: [], h: [] } };
}

// the right margin at 420: a line that ran on ends there, a first line is indented by two characters (x 40)
const first = page(7, [
  item('第三部分 2024年度部门预算情况说明', 100, 20, 260),
  item('一、收支预算总体情况', 20, 50, 200),
  item('2024年收入预算合计1,234.56万元，比上年增加', 40, 65, 380),
  item('100.00万元，增长8.8%。主要原因是人员增加，各项支出', 20, 80, 400),
  item('随之增加，其中基本支出增加较多，项目支出也有所增加', 20, 95, 400),
]);
const rows = (read: ReturnType<typeof readPdfPages>) => read.snapshot.sheets.map((s) => [s.name, s.rows.map((r) => r?.[0]?.value)]);

describe('a 情况说明 over two pages', () => {
  it('joins a paragraph broken at the foot of a page, boxed on both pages, and reads the next page without a heading as prose', () => {
    const next = page(8, [
      item('，主要用于人员经费支出。', 20, 20, 220),
      item('二、支出预算情况', 20, 35, 200),
      item('2024年支出预算合计1,234.56万元，比上年增加', 40, 50, 380),
      item('10.00万元，增长0.8%。', 20, 65, 200),
    ]);
    const read = readPdfPages([first, next], 'x.pdf');
    expect(rows(read)).toEqual([
      [
        '第7-8页 情况说明',
        [
          '第三部分 2024年度部门预算情况说明',
          '一、收支预算总体情况',
          '2024年收入预算合计1,234.56万元，比上年增加100.00万元，增长8.8%。主要原因是人员增加，各项支出随之增加，其中基本支出增加较多，项目支出也有所增加，主要用于人员经费支出。',
          '二、支出预算情况',
          '2024年支出预算合计1,234.56万元，比上年增加10.00万元，增长0.8%。',
        ],
      ],
    ]);
    const places = read.sheets.get('第7-8页 情况说明')!;
    // ended with its full stop on page 8: printed whole
    expect(places.uncertain?.has('A3') ?? false).toBe(false);
    const where = locateFinding(read, { sheet: '第7-8页 情况说明', cells: ['A3'] });
    expect(where.pages).toEqual([7, 8]);
    expect(where.boxes.map((b) => [b.page, b.cell])).toEqual([
      [7, 'A3'],
      [8, 'A3'],
    ]);
    expect(where.boxes[1]).toMatchObject({ x: 20, width: 220 });
  });

  it('keeps a paragraph apart when the next page opens with an indented first line or a heading', () => {
    for (const opening of [item('2024年支出预算合计1,234.56万元。', 40, 20, 200), item('二、支出预算情况', 20, 20, 200)]) {
      const next = page(8, [opening, item('支出合计1,234.56万元，其中基本支出1,000.00万元，项目支出234.56万元，', 40, 35, 380), item('均为本年支出。', 20, 50, 80)]);
      const read = readPdfPages([first, next], 'x.pdf');
      const [[, texts]] = rows(read);
      expect(texts).toHaveLength(5);
      expect((texts as string[])[3]).toBe(opening.str);
      // the paragraph that ran to the margin at the foot of page 7 and went nowhere: printed in part
      expect(read.sheets.get('第7-8页 情况说明')!.uncertain?.get('A3')).toBe('clipped');
    }
  });

  it('keeps a paragraph cut at the page\'s right edge in doubt when it goes on over the next page', () => {
    // every line of a 情况说明 column wider than A4 runs past the paper's edge (595): cut there, not at the foot
    const cut = page(7, [
      item('第三部分 2024年度部门预算情况说明', 100, 20, 260),
      item('一、收支预算总体情况', 20, 50, 200),
      item('2024年收入预算合计1,234.56万元，比上年增加100.00万元，主要原因', 20, 65, 590),
      item('是人员增加，各项支出随之增加，其中基本支出增加较多，项目支出', 20, 80, 590),
    ]);
    const next = page(8, [item('也有所增加。', 20, 20, 60), item('二、支出预算情况', 20, 35, 200), item('支出合计1.00万元。', 20, 50, 100)]);
    const read = readPdfPages([cut, next], 'x.pdf');
    const places = read.sheets.get('第7-8页 情况说明')!;
    expect(read.snapshot.sheets[0].rows.map((r) => r?.[0]?.value)[2]).toBe('2024年收入预算合计1,234.56万元，比上年增加100.00万元，主要原因是人员增加，各项支出随之增加，其中基本支出增加较多，项目支出也有所增加。');
    // ended with its full stop on page 8, but what each line lost at the page's edge is nowhere
    expect(places.uncertain?.get('A3')).toBe('edge');
  });

  it('joins nothing onto a page of a table', () => {
    const table = page(8, [item('项目支出也有所增加', 20, 20, 90), item('合计', 20, 35, 20), item('1,234.56', 200, 35, 45)]);
    const read = readPdfPages([first, table], 'x.pdf');
    expect(read.snapshot.sheets[0].rows.map((r) => r?.[0]?.value)[2]).toBe('2024年收入预算合计1,234.56万元，比上年增加100.00万元，增长8.8%。主要原因是人员增加，各项支出随之增加，其中基本支出增加较多，项目支出也有所增加');
    expect(read.sheets.get(read.snapshot.sheets[0].name)!.more).toBeUndefined();
  });
});

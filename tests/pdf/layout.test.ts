/**
 * src/pdf/layout: text items with positions → the grid the recognisers read. The items here are what pdf.js
 * gives for a LibreOffice-printed table (positions in points from the page's top-left corner, y the baseline),
 * reduced to the cases the layout has to get right.
 */
import { groupLines, layoutAligned, layoutPage, layoutProse, layoutRuled, type PageGrid } from '../../src/pdf/layout';
import type { PdfTextItem, RuleLines } from '../../src/pdf/pdfjs';

function item(str: string, x: number, y: number, width = str.length * 10, height = 10): PdfTextItem {
  return { str, x, y, width, height };
}

function at(grid: PageGrid, row: number, col: number): string | undefined {
  return grid.cells.find((c) => c.row === row && c.col === col)?.text;
}

/** A ruled table: column edges at xs, row edges at ys, all drawn over the whole table unless `gaps` say not. */
function rules(xs: number[], ys: number[], gaps: { x: number; y1: number; y2: number }[] = []): RuleLines {
  const top = ys[0];
  const bottom = ys[ys.length - 1];
  const v: RuleLines['v'] = [];
  for (const x of xs) {
    const cut = gaps.filter((g) => g.x === x).sort((a, b) => a.y1 - b.y1);
    let from = top;
    for (const g of cut) {
      v.push({ x, y1: from, y2: g.y1 });
      from = g.y2;
    }
    v.push({ x, y1: from, y2: bottom });
  }
  return { v, h: ys.map((y) => ({ y, x1: xs[0], x2: xs[xs.length - 1] })) };
}

describe('lines', () => {
  it('joins items whose baselines differ by a fraction of the font size (numbers sit half a point lower)', () => {
    const lines = groupLines([item('一、一般公共预算', 51, 140.1), item('9,518.47', 312, 140.6, 45), item('二、政府性基金预算', 51, 155.1)]);
    expect(lines.map((l) => l.items.map((i) => i.str))).toEqual([['一、一般公共预算', '9,518.47'], ['二、政府性基金预算']]);
  });
});

describe('ruled pages', () => {
  const xs = [0, 100, 200, 300];
  const ys = [50, 65, 80, 110];

  it('puts each text in the cell whose drawn edges hold it, a title above the table in its own row', () => {
    const grid = layoutRuled(
      {
        page: 3,
        items: [
          item('2024年预算收支总表', 80, 30, 120, 16),
          item('项目', 20, 62), item('合计', 130, 62), item('基本支出', 220, 62),
          item('行政运行', 5, 77), item('137.86', 165, 77.5, 35), item('137.86', 265, 77.5, 35),
        ],
      },
      rules(xs, ys),
    )!;
    expect(grid.colCount).toBe(3);
    expect(at(grid, 1, 1)).toBe('2024年预算收支总表');
    expect(grid.cells.find((c) => c.row === 1)!.lastCol).toBe(2); // the title covers columns A and B: a merge
    expect([at(grid, 2, 1), at(grid, 2, 2), at(grid, 2, 3)]).toEqual(['项目', '合计', '基本支出']);
    expect([at(grid, 3, 1), at(grid, 3, 2), at(grid, 3, 3)]).toEqual(['行政运行', '137.86', '137.86']);
    const amount = grid.cells.find((c) => c.row === 3 && c.col === 2)!;
    expect(amount).toMatchObject({ x: 165, width: 35 });
  });

  it('joins a cell wrapped onto two lines (both lines inside one row of the grid)', () => {
    const grid = layoutRuled({ page: 1, items: [item('机关事业单位基本养老', 5, 92), item('保险缴费支出', 5, 104), item('24.56', 165, 98.5, 30)] }, rules(xs, ys))!;
    expect(at(grid, 3, 1)).toBe('机关事业单位基本养老保险缴费支出');
    expect(at(grid, 3, 2)).toBe('24.56');
  });

  it('reads a merged cell (no edge drawn inside it) as one cell spanning its columns', () => {
    // row 2 (y 65..80): the edge at x=200 is not drawn, so B2:C2 is one merged cell holding centred text
    const grid = layoutRuled({ page: 1, items: [item('一般公共', 170, 77, 40), item('预算', 210, 77, 20)] }, rules(xs, ys, [{ x: 200, y1: 65, y2: 80 }]))!;
    const cell = grid.cells.find((c) => c.row === 2)!;
    expect(cell).toMatchObject({ col: 2, lastCol: 3, text: '一般公共预算' });
  });

  it('keeps a long name that runs on past a drawn edge in the cell it starts in, and the figure beside it apart', () => {
    // printed, the name is clipped at x=100; pdf.js still gives the whole run, cut into items that abut
    const grid = layoutRuled(
      { page: 1, items: [item('（晋财社[2023]307号）提前下达', 5, 77, 90), item('能老年人护理补贴资金', 95, 77, 100), item('42.00', 170, 77.5, 29)] },
      rules(xs, ys),
    )!;
    expect(at(grid, 2, 1)).toBe('（晋财社[2023]307号）提前下达能老年人护理补贴资金');
    expect(at(grid, 2, 2)).toBe('42.00');
  });

  it('keeps a space the PDF holds between two runs of one cell, and no space between abutting runs', () => {
    const next = { ...item('—-临时救助支出', 48, 77, 45), spaceBefore: true };
    const grid = layoutRuled({ page: 1, items: [item('补助资金', 5, 77, 40), next, item('临时', 120, 77, 20), item('救助', 140, 77, 20)] }, rules(xs, ys))!;
    expect(at(grid, 2, 2)).toBe('临时救助');
    expect(at(grid, 2, 1)).toBe('补助资金 —-临时救助支出');
  });

  it('flags text printed in part: cut off at its cell\'s edge, spilling over a row rule, printed over other text', () => {
    const uncertain = (grid: PageGrid) => Object.fromEntries(grid.cells.filter((c) => c.uncertain).map((c) => [`${c.row}/${c.col}`, c.uncertain]));
    // a name reaching the drawn edge at x=100 (LibreOffice drops the rest); a name with room to spare; an amount
    const clipped = layoutRuled({ page: 1, items: [item('（晋财社[2023]307号）提前下', 5, 62, 96), item('临时救助', 105, 62, 40), item('42.00', 170, 62.5, 29)] }, rules(xs, ys))!;
    expect(uncertain(clipped)).toEqual({ '1/1': 'clipped' });
    // wrapped text of row 2 (65..80) drawn over the rule at y=65 (glyphs 57..67): the line is read in row 1 and
    // flagged there; the centred label and the line inside row 2 are not
    const spilled = layoutRuled({ page: 1, items: [item('项目概况', 5, 77), item('困难群众救助补助资金统筹', 105, 67, 90), item('用于城乡低保', 105, 77.5, 60)] }, rules(xs, ys))!;
    expect(uncertain(spilled)).toEqual({ '1/2': 'overflow' });
    // a spilled line printed over the label of a cell one line high: both, and the rest of that line (its next
    // piece two characters on, in the cell beside)
    const over = layoutRuled({ page: 1, items: [item('其他资金', 105, 62, 40), item('的通知（晋市民', 130, 62.3, 60), item('【2017】97号', 210, 62.3, 60)] }, rules(xs, ys))!;
    expect(uncertain(over)).toEqual({ '1/2': 'overflow', '1/3': 'overflow' });
  });

  it('does not flag a line whose box just reaches over its row\'s top rule (the top of the box holds no ink)', () => {
    const uncertain = (grid: PageGrid) => Object.fromEntries(grid.cells.filter((c) => c.uncertain).map((c) => [`${c.row}/${c.col}`, c.uncertain]));
    // 003-variant fitted on A4, 清单 page 2: 垃圾厂运行经费 (11 pt, baseline 731.99) in a row from 721.22 to 736.21, its box
    // 0.03 pt above the row's top rule: the text fits its row, fitted to LibreOffice's rounding
    const fitted = layoutRuled({ page: 1, items: [item('垃圾厂运行经费', 5, 75.97, 70, 11), item('42.00', 170, 76.5, 29, 11)] }, rules(xs, [50, 65.2, 80.2]))!;
    expect(uncertain(fitted)).toEqual({});
    // a rule through the glyphs further down (1.5 pt below the box's top) is still a line printed over the rule
    const over = layoutRuled({ page: 1, items: [item('垃圾厂运行经费', 5, 74.7, 70, 11), item('42.00', 170, 76.5, 29, 11)] }, rules(xs, [50, 65.2, 80.2]))!;
    expect(uncertain(over)).toEqual({ '2/1': 'overflow' });
  });

  it('flags only the run a spilled line is part of, not the cells of its baseline further along (001-variant: 实施期目标 over the 二级指标 header)', () => {
    const uncertain = (grid: PageGrid) => Object.fromEntries(grid.cells.filter((c) => c.uncertain).map((c) => [`${c.row}/${c.col}`, c.uncertain]));
    // the last line of a wrapped goal (column 1, from the rows above) printed over the header 二级指标 of row 2, whose
    // other headers (三级指标, 指标值) stand on the same baseline in the cells beside, far from that line
    const items = [item('项工作', 5, 77.6, 30), item('稳步进行，提升', 35, 77.6, 60), item('二级指标', 40, 78, 40), item('三级指标', 130, 78, 40), item('指标值', 230, 78, 30)];
    expect(uncertain(layoutRuled({ page: 1, items }, rules(xs, ys))!)).toEqual({ '2/1': 'overflow' });
  });

  it('grows a spilled line\'s run over thousands of one-glyph pieces (each piece joins once, no rescan of the run per piece)', () => {
    // per-glyph items of one line in row 2 of a wide table (abutting: all the first cell's), a glyph at its right
    // end printed over it (its own cell's); before, the run grew one piece per pass over the whole row: 3,000
    // pieces did not end within jest's timeout (a hang guard; the speed itself is not asserted here)
    const wideXs = [0, 20000, 40000, 80000];
    const glyphs = Array.from({ length: 3000 }, (_, i) => item('字', 5 + i * 10, 72, 10));
    glyphs.push(item('压', 5 + 2999 * 10, 70, 10));
    const grid = layoutRuled({ page: 1, items: glyphs }, rules(wideXs, ys))!;
    expect(grid.cells.filter((c) => c.uncertain === 'overflow').map((c) => [c.row, c.col, c.text.length])).toEqual([[2, 1, 3000], [2, 2, 1]]);
  });

  describe('the side a spilled line came from (LibreOffice sets the lines of one wrapped text at one pitch, 14.5 in rows 15 high)', () => {
    const rows15 = [0, 15, 30, 45, 60, 75, 90];
    const spillOf = (items: PdfTextItem[], row: number, col: number) => {
      const c = layoutRuled({ page: 1, items }, rules(xs, rows15))!.cells.find((x) => x.row === row && x.col === col)!;
      return { uncertain: c.uncertain, spill: c.spill };
    };
    // a goal wrapped over rows 2–4 (its lines drift against the rows: 2.9, 3.4, 3.9 above their rules; none on a row's
    // own baseline, 3.1 above its rule, so no text of three lines centred on row 3: stackedSpills), its last line
    // printed over the header 二级指标 of row 4; row 5 holds its own text 15.8 below that line
    const goal = [item('利开展，机关正常运行', 5, 27.1, 90), item('，养老、社会福利等各', 5, 41.6, 90), item('项工作稳步进行，提升', 5, 56.1, 90)];
    const header = item('二级指标', 40, 56.9, 40);

    it('a text from above ends there: only the rows above are concerned (001-variant 第14页 C111)', () => {
      expect(spillOf([...goal, header, item('数量指标', 5, 71.9, 40)], 4, 1)).toEqual({ uncertain: 'overflow', spill: 'above' });
    });

    it('a text going on below at the same pitch: both sides', () => {
      expect(spillOf([...goal, header, item('服务水平', 5, 70.6, 40)], 4, 1)).toEqual({ uncertain: 'overflow', spill: undefined });
    });

    it('rows one line high each with a text of its own, standing alike above their rules, are no text from above', () => {
      // the lines above stand 3.1 above their rules in every row (the rows' own texts); below, a text at 14.5 drifting
      const own = [item('质量指标', 5, 26.9, 90), item('时效指标', 5, 41.9, 90), item('成本指标', 5, 56.9, 90)];
      expect(spillOf([...own, item('二级指标', 40, 57.3, 40)], 4, 1)).toEqual({ uncertain: 'overflow', spill: undefined });
      const below = [item('为其提供临时照', 5, 71.4, 90), item('料、心理疏导', 5, 85.9, 60)];
      expect(spillOf([...own, item('二级指标', 40, 57.3, 40), ...below], 4, 1)).toEqual({ uncertain: 'overflow', spill: 'below' });
    });

    it('a text from above ending over a row\'s own line, which stands as the rows\' own lines above it: only the rows above (002-standard 第52页 G23)', () => {
      // an indicator of three lines centred on row 3 (2.6, 3.1, 3.6 above their rules), its last line over row 4's
      // own text; the rows' own texts stand 3.1 above their rules, as its middle line does; row 5 is empty
      const text = [item('符合《阳泉市人民政府办公', 5, 27.4, 90), item('阳泉市基本养老服务体系', 5, 41.9, 90), item('的通知》相关工作要求', 5, 56.4, 90)];
      const own = [item('参加培训人员', 5, 11.9, 60), item('培训期次', 5, 26.9, 40), item('完成培训时间', 5, 56.9, 60)];
      expect(spillOf([...text, ...own], 4, 1)).toEqual({ uncertain: 'overflow', spill: 'above' });
      // the own line not standing as those above it (0.4 lower than they do): nothing is known
      const low = [...own.slice(0, 2), item('完成培训时间', 5, 57.3, 60)];
      expect(spillOf([...text, ...low], 4, 1)).toEqual({ uncertain: 'overflow', spill: undefined });
    });

    it('a cell on the spilled line\'s run whose own line stands alone: no row around it is concerned', () => {
      // 一级指标 in column 2, a character and a half before the spilled line running on from column 1
      const run = [...goal.slice(0, 2), item('项工作稳步进行，提升行政区划', 5, 56.1, 140), item('二级指标', 40, 56.9, 40), item('一级指标', 160, 56.9, 40)];
      expect(spillOf(run, 4, 2)).toEqual({ uncertain: 'overflow', spill: 'none' });
    });

    it('follows the lines of the cell\'s own column: a wrapped text beside it on the same baselines changes nothing', () => {
      const inCol2 = [item('利开展，机关正常运行', 105, 27.1, 90), item('，养老、社会福利等', 105, 41.6, 85), item('项工作稳步进行', 105, 56.1, 70)];
      const beside = [item('甲乙丙丁戊己庚辛壬', 5, 27.1, 92), item('子丑寅卯辰巳午未申', 5, 41.6, 92), item('一二三四', 5, 56.1, 40)];
      const header2 = item('二级指标', 140, 56.9, 40);
      expect(spillOf([...inCol2, header2], 4, 2)).toEqual({ uncertain: 'overflow', spill: 'above' });
      expect(spillOf([...inCol2, ...beside, header2], 4, 2)).toEqual({ uncertain: 'overflow', spill: 'above' });
    });
  });

  describe('the last line of a wrapped goal printed into the indicator grid header below it (002-standard 第28页)', () => {
    // rows of 15pt; the goal of three lines (pitch 14.5) about row 3 (30..45), merged over columns 1–3, its first
    // line over row 2 and its last over the header row 4 (45..60), 0.9 above the headers' baseline (its middle line
    // 0.4 off the row's own baseline: not a text centred on row 3, which stackedSpills puts back whole)
    const goalRows = [0, 15, 30, 45, 60, 75];
    const wideCell = [{ x: 100, y1: 15, y2: 45 }, { x: 200, y1: 15, y2: 45 }];
    const goal = [item('福利院西侧围墙始建于', 5, 27.4, 100), item('动，加之年久失修被新华西街', 5, 41.9, 130), item('成重大安全隐患。', 5, 56.4, 80), item('430000元。', 85, 56.4, 50)];
    const header = [item('一级指标', 120, 57.3, 40), item('三级指标', 40, 57.3, 40), item('指标值', 230, 57.3, 30)];
    const grid = (items: PdfTextItem[]) => layoutRuled({ page: 1, items }, rules(xs, goalRows, wideCell))!;
    const cell = (g: PageGrid, row: number, col: number) => {
      const c = g.cells.find((x) => x.row === row && x.col === col);
      return c && { text: c.text, uncertain: c.uncertain, spill: c.spill };
    };

    it('gives the line back to the goal (still doubted: its first line is in the row above); the headers read as labels', () => {
      const g = grid([...goal, ...header, item('数量指标', 5, 71.9, 40)]);
      expect(cell(g, 3, 1)).toEqual({ text: '动，加之年久失修被新华西街成重大安全隐患。430000元。', uncertain: 'overflow', spill: 'above' });
      expect(cell(g, 4, 1)).toEqual({ text: '三级指标', uncertain: undefined, spill: undefined });
      expect(cell(g, 4, 2)).toEqual({ text: '一级指标', uncertain: undefined, spill: undefined });
      expect(cell(g, 4, 3)).toEqual({ text: '指标值', uncertain: undefined, spill: undefined });
      expect(cell(g, 5, 1)).toEqual({ text: '数量指标', uncertain: undefined, spill: undefined });
    });

    it('leaves the line where it prints when it could as well begin a text below, or is no next line of the text above', () => {
      const before = (items: PdfTextItem[]) => cell(grid(items), 4, 1);
      // a line aligned with it one pitch below: it may be the first line of a text of the rows below
      const below = [...goal, ...header, item('为其提供临时照', 5, 70.9, 70)];
      expect(before(below)).toEqual({ text: '成重大安全隐患。430000元。三级指标', uncertain: 'overflow', spill: undefined });
      // the line above not aligned with it (another text's, centred in its row): no next line of a text there
      const unaligned = [goal[0], { ...goal[1], x: 20 }, ...goal.slice(2), ...header];
      expect(before(unaligned)?.text).toBe('成重大安全隐患。430000元。三级指标');
      // a row of one header label only (not the grid's header row)
      expect(before([...goal, header[0]])?.text).toBe('成重大安全隐患。430000元。');
      expect(cell(grid([...goal, header[0]]), 3, 1)?.text).toBe('动，加之年久失修被新华西街');
      // the line on the headers' own baseline (a text of the header row, not printed over it)
      const level = [...goal.slice(0, 2), item('成重大安全隐患。', 5, 57.3, 80), item('430000元。', 85, 57.3, 50), ...header];
      expect(cell(grid(level), 3, 1)?.text).toBe('动，加之年久失修被新华西街');
    });
  });

  describe('a text of three lines centred on a row one line high, all three printed (002-variant 第14页 项目名称)', () => {
    // rows of 15pt; the name in row 3 (30..45), column 2: its lines at a pitch of 14.5 drift 2.6, 3.1, 3.6 above
    // the rules under them, the first over the (empty) title row above, the last over row 4's own text
    const rows15 = [0, 15, 30, 45, 60, 75, 90];
    const grid = (items: PdfTextItem[]) => layoutRuled({ page: 1, items }, rules(xs, rows15))!;
    const cell = (g: PageGrid, row: number, col: number) => {
      const c = g.cells.find((x) => x.row === row && x.col === col);
      return c && { text: c.text, uncertain: c.uncertain };
    };
    const label = item('项目名称', 5, 41.9, 40);
    const own = [item('主管部门', 5, 56.9, 40), item('064-阳泉市民政局', 105, 56.9, 82)];

    it('puts the outer lines back: the name whole, undoubted when its last line ends well short of the edge', () => {
      const name = [item('阳泉市社会福利院东北', 105, 27.4, 90), item('部挡墙边坡加固治理项', 105, 41.9, 90), item('目尾款', 105, 56.4, 30)];
      const g = grid([label, ...name, ...own]);
      expect(cell(g, 3, 2)).toEqual({ text: '阳泉市社会福利院东北部挡墙边坡加固治理项目尾款', uncertain: undefined });
      expect(cell(g, 4, 2)).toEqual({ text: '064-阳泉市民政局', uncertain: undefined });
      expect(cell(g, 2, 2)).toBeUndefined();
    });

    it('keeps the cell doubted when the last line fills it (a text of five lines prints its middle three)', () => {
      const name = [item('救助站未成年人保护、', 105, 27.4, 90), item('流浪乞讨人员救助服务', 105, 41.9, 90), item('保障及机构运转经费', 105, 56.4, 90)];
      expect(cell(grid([label, ...name, ...own]), 3, 2)).toEqual({ text: '救助站未成年人保护、流浪乞讨人员救助服务保障及机构运转经费', uncertain: 'overflow' });
      // doubted as a part of its text only: its lines in order, the lines not printed nowhere in the PDF
      expect(grid([label, ...name, ...own]).cells.find((c) => c.row === 3 && c.col === 2)).toMatchObject({ part: true, spill: 'none' });
      // a whole text of three lines is no part: not doubted at all
      const whole = [item('阳泉市社会福利院东北', 105, 27.4, 90), item('部挡墙边坡加固治理项', 105, 41.9, 90), item('目尾款', 105, 56.4, 30)];
      expect(grid([label, ...whole, ...own]).cells.find((c) => c.row === 3 && c.col === 2)?.part).toBeUndefined();
    });

    it('leaves the lines where they print when the text goes on, or when they are the rows\' own texts', () => {
      const name = [item('阳泉市社会福利院东北', 105, 27.4, 90), item('部挡墙边坡加固治理项', 105, 41.9, 90), item('目尾款', 105, 56.4, 30)];
      // a fourth line one pitch further: more of the text than is put together
      const longer = grid([label, ...name, ...own, item('工程', 105, 70.9, 20)]);
      expect(cell(longer, 3, 2)?.text).toBe('部挡墙边坡加固治理项');
      // no text of the row on the middle line's baseline (no label): it may be a line drifting in from the rows around
      expect(cell(grid([...name, ...own]), 3, 2)?.text).toBe('部挡墙边坡加固治理项');
      // the rows' own texts, standing alike a row's height apart
      const rowsOwn = grid([label, item('甲乙丙', 105, 26.9, 30), item('丁戊己', 105, 41.9, 30), item('庚辛壬', 105, 56.9, 30)]);
      expect([cell(rowsOwn, 2, 2)?.text, cell(rowsOwn, 3, 2)?.text, cell(rowsOwn, 4, 2)?.text]).toEqual(['甲乙丙', '丁戊己', '庚辛壬']);
    });
  });

  describe('lines printed over the goals\' header row 实施期目标 | 年度目标 (002-standard 第44页, 第40页)', () => {
    // rows of 15pt: row 2 (15..30) the 项目实施计划 merged over columns 1–3, row 3 (30..45) the goals' headers, row 4
    // (45..60) the goals: 实施期目标 in column 1, 年度目标 in columns 2–3; the rows' own texts stand 3.1 above their
    // rules, a text of three lines at a pitch of 14.5 centred on a row drifts 2.6, 3.1, 3.6
    const goalRows = [0, 15, 30, 45, 60, 75];
    const cells = [{ x: 100, y1: 15, y2: 30 }, { x: 200, y1: 15, y2: 60 }];
    const headers = [item('实施期目标', 20, 41.9, 50), item('年度目标', 130, 41.9, 40)];
    const grid = (items: PdfTextItem[]) => layoutRuled({ page: 1, items }, rules(xs, goalRows, cells))!;
    const cell = (g: PageGrid, row: number, col: number) => {
      const c = g.cells.find((x) => x.row === row && x.col === col);
      return c && { text: c.text, uncertain: c.uncertain, spill: c.spill };
    };

    it('gives the plan its last line back and the 年度目标 its first printed line: the headers read clean, the empty 实施期目标 stays empty', () => {
      // the plan centred on row 2, its last line over 实施期目标; beside its middle line the last line of the row
      // above's text, aligned with it too (two texts printed over one another there)
      const plan = [item('为全市人民提供遗体接送', 5, 12.4, 110), item('明节俭办丧', 5, 26.9, 50), item('进一步加强殡葬服务', 5, 41.4, 90), item('的重要方面', 5, 26.5, 50)];
      // the 年度目标 centred on row 4: its first printed line over 年度目标, its third over row 5
      const annual = [item('行殡葬改革促进', 105, 42.4, 70), item('导文明节俭办丧', 105, 56.9, 70), item('盖。同时以满足', 105, 71.4, 70)];
      const g = grid([...plan, ...headers, ...annual]);
      expect(cell(g, 3, 1)).toEqual({ text: '实施期目标', uncertain: undefined, spill: undefined });
      expect(cell(g, 3, 2)).toEqual({ text: '年度目标', uncertain: undefined, spill: undefined });
      expect(cell(g, 2, 1)?.text).toContain('进一步加强殡葬服务');
      expect(cell(g, 4, 2)).toEqual({ text: '行殡葬改革促进导文明节俭办丧', uncertain: 'overflow', spill: 'below' });
      expect(cell(g, 4, 1)).toBeUndefined();
    });

    it('sends a line that fits both ways down when only below is it a chain of lines of one text (第40页: the plan\'s own line above)', () => {
      const period = [item('计的批复》阳发改社', 5, 42.4, 90), item('快推进全省殡葬综合', 5, 56.9, 90), item('号）精神推动加快', 5, 71.4, 80)];
      const own = [item('殡葬服务', 5, 11.9, 40), item('新馆建成后项目', 5, 26.9, 70)];
      const g = grid([...own, ...headers, ...period]);
      expect(cell(g, 3, 1)).toEqual({ text: '实施期目标', uncertain: undefined, spill: undefined });
      expect(cell(g, 4, 1)).toEqual({ text: '计的批复》阳发改社快推进全省殡葬综合', uncertain: 'overflow', spill: 'below' });
      expect(cell(g, 2, 1)?.text).toBe('新馆建成后项目');
    });

    it('leaves a line over a header where it prints when the rows below hold only their own texts (no text of it there)', () => {
      // below it the own texts of rows 4 and 5, standing alike: no chain of one text
      const g = grid([item('项工作稳步进行', 5, 42.4, 70), ...headers, item('数量指标', 5, 56.9, 40), item('质量指标', 5, 71.9, 40)]);
      expect(cell(g, 3, 1)?.text).toBe('实施期目标项工作稳步进行');
      expect(cell(g, 4, 1)?.text).toBe('数量指标');
    });
  });

  it('flags a 情况说明 paragraph that ends at the right margin without closing punctuation (printed in part)', () => {
    const grid = layoutProse({
      page: 1,
      items: [
        item('一、单位预算收支数据变动情况及原因', 0, 10, 170),
        item('2024年度预算收入总计11,277.58万元，比上年减少954.10万元，主要原因是上年结转较多，低保项目上年结转', 0, 20, 380),
        item('二、收入预算情况说明', 0, 30, 100),
        item('2024年度预算收入11,277.58万元，主要包括一般公共预算拨款收入9,518.47万元，占84.40%，政府性基金', 0, 40, 379),
        item('预算拨款收入172.50万元。', 0, 50, 120),
      ],
    });
    expect(grid.cells.map((c) => [c.text.slice(0, 4), c.uncertain])).toEqual([
      ['一、单位', undefined],
      ['2024', 'clipped'],
      ['二、收入', undefined],
      ['2024', undefined],
    ]);
  });

  it('splits one item holding two cells\' texts at the space by the drawn edge (a cell filled to its edge, the next right after it)', () => {
    // "提高计划生育家庭发展能力" fills B up to x=200; E's "提高" starts after it: pdf.js gave "能力 提高" as one item
    const grid = layoutRuled({ page: 1, items: [item('行政运行', 5, 77), item('提高计划生育家庭发展', 100.5, 77, 79.5), item('能力 提高', 180, 77, 45)] }, rules(xs, ys))!;
    expect([at(grid, 2, 1), at(grid, 2, 2), at(grid, 2, 3)]).toEqual(['行政运行', '提高计划生育家庭发展能力', '提高']);
    expect(grid.cells.find((c) => c.row === 2 && c.col === 2)!.uncertain).toBeUndefined();
    // a text running on past an edge without a space there stays whole, in the cell it starts in
    const long = layoutRuled({ page: 1, items: [item('行政运行', 5, 77), item('提高计划生育家庭发展能力提高', 100.5, 77, 125)] }, rules(xs, ys))!;
    expect(at(long, 2, 2)).toBe('提高计划生育家庭发展能力提高');
    expect(at(long, 2, 3)).toBeUndefined();
  });

  it('places the figures of a row made tall for its wrapped label wherever in the row they print (bottom, middle)', () => {
    const tall = [50, 65, 100, 115];
    for (const y of [97, 86]) {
      const grid = layoutRuled({ page: 1, items: [item('机关事业单位基本养老', 5, 77), item('保险缴费支出', 5, 89), item('24.56', 165, y, 30), item('0.42', 270, 112, 25)] }, rules(xs, tall))!;
      expect([at(grid, 2, 1), at(grid, 2, 2)]).toEqual(['机关事业单位基本养老保险缴费支出', '24.56']);
      expect(at(grid, 3, 3)).toBe('0.42');
    }
  });

  describe('wrapped text printed over the rules of a row one line high (LibreOffice centres it on the row)', () => {
    // rows of 15pt, 10pt text one line pitch (14.5pt) apart: a name of two lines centred on row 2 (65..80) is
    // printed across its top rule (baseline 70.25) and across its bottom rule (84.75)
    const wide = [0, 100, 250, 330];
    const rows = [50, 65, 80, 95, 110];
    const cells = (grid: PageGrid) => Object.fromEntries(grid.cells.map((c) => [`${c.row}/${c.col}`, c.uncertain ? `${c.text} ?${c.uncertain}` : c.text]));
    const around = [item('项目名称', 5, 77.5, 40), item('主管部门及代码', 5, 92.5, 70), item('101-高平市民政局', 101, 92.5, 85)];

    it('puts both lines back into the cell, its neighbours\' own text (centred on their rows) staying theirs', () => {
      const grid = layoutRuled({ page: 1, items: [...around, item('2024年“送温暖、献爱', 101, 70.25, 140), item('心”社会捐助资金', 101, 84.75, 80)] }, rules(wide, rows))!;
      expect(cells(grid)).toEqual({ '2/1': '项目名称', '2/2': '2024年“送温暖、献爱心”社会捐助资金', '3/1': '主管部门及代码', '3/2': '101-高平市民政局' });
      // the first line may lie above the first rule of the table (a form at the top of the page)
      const atTop = layoutRuled({ page: 1, items: [item('项目名称', 5, 62.5, 40), item('创文街道路牌更换及地', 101, 55.25, 100), item('图印制', 101, 69.75, 30)] }, rules(wide, rows))!;
      expect(cells(atTop)).toEqual({ '1/1': '项目名称', '1/2': '创文街道路牌更换及地图印制' });
    });

    it('keeps the cell doubted when its second line fills the cell (a text of four lines prints its middle two)', () => {
      const grid = layoutRuled({ page: 1, items: [...around, item('提前下达2024年省级财', 101, 70.25, 140), item('政困难群众救助补助资', 101, 84.75, 140)] }, rules(wide, rows))!;
      expect(cells(grid)['2/2']).toBe('提前下达2024年省级财政困难群众救助补助资 ?overflow');
      expect(cells(grid)['3/2']).toBe('101-高平市民政局');
    });

    it('leaves the lines where they print, doubted, when they could be another row\'s or the row has text of its own', () => {
      const two = [item('2024年“送温暖、献爱', 101, 70.25, 140), item('心”社会捐助资金', 101, 84.75, 80)];
      // every cell the lines print in is doubted, and none holds the name whole as if read for certain
      const doubted = (items: PdfTextItem[]) => {
        const grid = layoutRuled({ page: 1, items }, rules(wide, rows))!;
        return grid.cells.filter((c) => c.col === 2).map((c) => ({ text: c.text, doubted: c.uncertain === 'overflow' || c.uncertain === 'clipped' }));
      };
      const allDoubted = (items: PdfTextItem[]) => doubted(items).map((c) => ({ ...c, doubted: true }));
      // a line in the row's own middle besides the two: three lines reach into the cell
      const own = [...two, item('临时救助', 101, 77.5, 40)];
      expect(doubted(own)).toEqual(allDoubted(own));
      // a line that would be the second of a text centred on row 1 and the first of one centred on row 2
      const shared = [item('困难群众救助补助', 101, 55.5, 80), item('资金统筹', 101, 70, 40), item('用于城乡低保', 101, 84.5, 60)];
      expect(doubted(shared)).toEqual(allDoubted(shared));
      // two texts at one baseline, printed over one another (the texts of two lines of rows 2 and 3 meet there)
      const over = [...two, item('经常性项目', 101, 85.25, 50), item('（长期开展）', 101, 99.75, 60)];
      expect(doubted(over)).toEqual(allDoubted(over));
      // another font size; not centred on the row (a text aligned to the top of its row); a line running on past
      // the cell's drawn edge (not the cell's alone)
      const sizes = [two[0], item('心”社会捐助资金', 101, 84.75, 72, 9)];
      const offCentre = [item('2024年“送温暖、献爱', 101, 67, 140), item('心”社会捐助资金', 101, 81.5, 80)];
      const past = [item('2024年“送温暖、献爱心”社会捐', 101, 70.25, 160), item('助资金', 101, 84.75, 30)];
      for (const items of [sizes, offCentre, past]) expect(doubted(items)).toEqual(allDoubted(items));
      // the same two lines alone are put back for certain
      expect(doubted(two)).toEqual([{ text: '2024年“送温暖、献爱心”社会捐助资金', doubted: false }]);
    });

    describe('stacked in a column, and of three lines (read by exact baselines: stackedSpills)', () => {
      // rows of 15pt; the rows' own texts of one line stand 11.9 below their top rules (the labels in column 1)
      const rows15 = [0, 15, 30, 45, 60, 75];
      const labels = [item('标题行', 5, 11.9, 30), item('项目名称', 5, 26.9, 40), item('主管部门及代码', 5, 41.9, 70), item('项目属性', 5, 56.9, 40), item('项目资金', 5, 71.9, 40)];
      const grid = (items: PdfTextItem[]) => layoutRuled({ page: 1, items }, rules(wide, rows15))!;

      it('puts back the two lines of each row when those of the next row print over them half a point apart (003-variant)', () => {
        // name, code and 项目属性 of two lines each (pitch 14.5): the second line of one row and the first of the
        // next meet at the rule between them, 0.5 apart; each row's two lines are centred on its own baseline
        const stack = [
          item('城区城乡义务教育生', 101, 19.65, 90), item('均公用经费', 101, 34.15, 50),
          item('034-晋城市城区教育', 101, 34.65, 92), item('局', 101, 49.15, 10),
          item('经常性项目（长期开', 101, 49.65, 90), item('展）', 101, 64.15, 20),
        ];
        expect(cells(grid([...labels, ...stack]))).toEqual({
          '1/1': '标题行', '2/1': '项目名称', '2/2': '城区城乡义务教育生均公用经费', '3/1': '主管部门及代码', '3/2': '034-晋城市城区教育局',
          '4/1': '项目属性', '4/2': '经常性项目（长期开展）', '5/1': '项目资金',
        });
        // without the rows' own texts to tell their baseline, the pairings are not told apart: left doubted
        expect(Object.values(cells(grid([labels[0], ...stack]))).filter((t) => t.endsWith('?overflow')).length).toBeGreaterThan(0);
        // a pairing whose middle is off the row's own baseline (0.5 here) is no pair
        const off = stack.map((i) => ({ ...i, y: i.y - 0.5 }));
        expect(cells(grid([...labels, ...off]))['2/2']).not.toBe('城区城乡义务教育生均公用经费');
        // a text of the row's own among the lines (on its baseline): nothing put back there
        expect(cells(grid([...labels, ...stack, item('临时', 230, 41.9, 20)]))['3/2']).toMatch(/\?overflow$/);
      });

      it('puts back a text of three lines centred on its row, the rows around keeping their own texts (001-variant)', () => {
        // the middle line on row 2's own baseline, the others one pitch (14.5, 14.6) above and below it, 0.5 and
        // 0.4 off the own baselines of rows 1 and 3, the last over row 3's code
        const three = [item('长财社【2023】219号', 101, 12.4, 105), item('长治市民政局系统护理', 101, 26.9, 100), item('员技能培训及大赛', 101, 41.5, 80)];
        const code = item('906-社保科单位', 101, 41.9, 73);
        expect(cells(grid([...labels, ...three, code]))).toEqual({
          '1/1': '标题行', '2/1': '项目名称', '2/2': '长财社【2023】219号长治市民政局系统护理员技能培训及大赛', '3/1': '主管部门及代码', '3/2': '906-社保科单位',
          '4/1': '项目属性', '5/1': '项目资金',
        });
        // its last line filling the cell: a text of five lines prints its middle three; put back, doubted
        const full = [three[0], three[1], item('员技能培训及大赛和相关工作经费', 101, 41.5, 145)];
        const back = grid([...labels, ...full, code]).cells.find((c) => c.row === 2 && c.col === 2)!;
        expect(back).toMatchObject({ text: '长财社【2023】219号长治市民政局系统护理员技能培训及大赛和相关工作经费', uncertain: 'overflow' });
        // two lines put back whole, the second filling the cell: doubted as a part of its text only (no row around it)
        const two = [item('提前下达2024年省级财', 101, 19.65, 140), item('政困难群众救助补助资金', 101, 34.15, 145)];
        const part = grid([...labels, ...two]).cells.find((c) => c.row === 2 && c.col === 2)!;
        expect(part).toMatchObject({ text: '提前下达2024年省级财政困难群众救助补助资金', uncertain: 'overflow', spill: 'none', part: true });
        // rows one line high each with a text of its own on its own baseline, one row (15) apart: no text of three lines
        const own = [item('产出指标', 101, 11.9, 40), item('产出指标', 101, 26.9, 40), item('产出指标', 101, 41.9, 40)];
        expect(cells(grid([...labels, ...own]))).toMatchObject({ '1/2': '产出指标', '2/2': '产出指标', '3/2': '产出指标' });
        // a line aligned one pitch further (a longer text, or the next row's): left as printed
        const more = [...three, code, item('另一行文字', 101, 55.9, 50)];
        expect(cells(grid([...labels, ...more]))['2/2']).toBe('长治市民政局系统护理');
      });
    });

    it('leaves a row tall enough for two lines as it is (both lines inside it)', () => {
      const grid = layoutRuled({ page: 1, items: [item('项目名称', 5, 80, 40), item('2024年“送温暖、献爱', 101, 75, 140), item('心”社会捐助资金', 101, 89.5, 80)] }, rules(wide, [50, 65, 95, 110]))!;
      expect(cells(grid)).toEqual({ '2/1': '项目名称', '2/2': '2024年“送温暖、献爱心”社会捐助资金' });
    });
  });

  it('reads a page of more items than a call can take as arguments (per-glyph items: 130,000)', () => {
    const edges = [0, 100, 200, 300];
    const rows: number[] = [];
    for (let y = 0; y <= 15 * 1000; y += 15) rows.push(y);
    const glyphs: PdfTextItem[] = [];
    for (let r = 0; r < 1000; r++) for (let k = 0; k < 130; k++) glyphs.push(item('字', 1 + (k % 290), 15 * r + 11, 1, 8));
    // and a text of two lines over the rules of row 2 (so the page is searched for wrapped text put back)
    glyphs.push(item('甲乙', 110, 17, 20), item('丙丁', 110, 31.5, 20));
    const grid = layoutRuled({ page: 1, items: glyphs }, rules(edges, rows))!;
    expect(grid.cells.filter((c) => c.col === 1)).toHaveLength(1000);
  });

  it('is not used when the page draws too few rules for a table', () => {
    expect(layoutRuled({ page: 1, items: [item('说明', 5, 20)] }, { h: [{ y: 10, x1: 0, x2: 100 }], v: [] })).toBeUndefined();
    const grid = layoutPage({ page: 1, items: [item('说明', 5, 20)], rules: { h: [], v: [] } });
    expect(grid.cells.map((c) => c.text)).toEqual(['说明']);
  });
});

describe('pages without rules (text alignment)', () => {
  it('builds columns from the narrowest items up: labels left-aligned, amounts right-aligned', () => {
    const grid = layoutAligned({
      page: 2,
      items: [
        item('2024年部门收支总表', 60, 20, 200, 16),
        item('科目名称', 10, 50, 40), item('合计', 185, 50, 20),
        item('行政运行', 10, 65, 40), item('137.86', 170, 65.5, 35),
        item('一般行政管理事务', 10, 80, 80), item('1,021.40', 160, 80.5, 45),
      ],
    });
    expect(grid.colCount).toBe(2);
    expect([at(grid, 2, 1), at(grid, 2, 2)]).toEqual(['科目名称', '合计']);
    expect([at(grid, 3, 1), at(grid, 3, 2)]).toEqual(['行政运行', '137.86']);
    expect([at(grid, 4, 1), at(grid, 4, 2)]).toEqual(['一般行政管理事务', '1,021.40']);
    // the title spans both columns: placed where it starts, as a merge
    expect(grid.cells.find((c) => c.row === 1)).toMatchObject({ col: 1, lastCol: 2 });
  });

  it('puts amounts in the column of their right edge and a header in the column it is centred over or nearest', () => {
    const grid = layoutAligned({
      page: 3,
      items: [
        item('科目名称', 40, 50, 40), item('基本支出', 150, 50, 40), item('合计', 225, 50, 20),
        item('合计', 10, 65, 20), item('1,799.77', 155, 65.5, 45), item('9.99', 258, 65.5, 22),
        item('行政运行', 10, 80, 40), item('0.42', 178, 80.5, 22), item('0.42', 258, 80.5, 22),
        item('一般行政管理事务', 10, 95, 80), item('243.61', 170, 95.5, 30),
      ],
    });
    expect(grid.colCount).toBe(3);
    expect(grid.aligned).toBe(true);
    // 基本支出 (150–190) is wider than the short amounts (0.42 ends where 1,799.77 does): one column
    expect([1, 2, 3, 4].map((r) => at(grid, r, 2))).toEqual(['基本支出', '1,799.77', '0.42', '243.61']);
    // 合计 (225–245) is between the columns, nearer the short amounts (258–280) than those ending at 200: theirs
    expect([1, 2, 3].map((r) => at(grid, r, 3))).toEqual(['合计', '9.99', '0.42']);
    expect([1, 2, 3, 4].map((r) => at(grid, r, 1))).toEqual(['科目名称', '合计', '行政运行', '一般行政管理事务']);
  });
});

describe('pages without rules: the header rows (001-standard 表二, printed unruled)', () => {
  // 科目名称 | 合计 | 一般公共预算 | 政府性基金 | 国有资本经营预算 | 财政专户管理资金 | 单位资金 | 上年结转: the last three
  // of the 本年收入 columns hold no amount, 上年结转 (merged over both header rows) does; the title is set larger,
  // centred on the page
  const items = [
    item('2024', 446, 29.5, 44, 16), item('年预算收入总表', 490.7, 29.5, 112, 16),
    item('项目', 171, 56.7, 20), item('本年收入', 637, 56.7, 40), item('上年结转', 980, 64.2, 40),
    item('科目名称', 204, 71.7, 40), item('合计', 402.6, 71.7, 20), item('一般公共预算', 480.5, 71.7, 60),
    item('政府性基金', 583.4, 71.7, 50), item('国有资本经营预算', 666.3, 71.7, 80),
    item('财政专户管理资金', 764.2, 71.7, 80), item('单位资金', 882, 71.7, 40),
    item('合计', 85, 85.9, 20), item('1,519.11', 415.8, 86.4, 44.7), item('1,500.11', 513.7, 86.4, 44.7),
    item('19.00', 627.6, 86.4, 28.7), item('280.66', 1012.8, 86.4, 35.1),
    item('一般公共服务支出', 85, 100.9, 80), item('0.42', 438.2, 101.4, 22.3), item('0.42', 536.1, 101.4, 22.3),
    item('机关事业单位基本养老保险缴费支出', 85, 115.9, 160), item('27.53', 431.8, 116.4, 28.7), item('27.53', 529.7, 116.4, 28.7),
  ];
  it('gives each header of the row above the body its column: one over amounts, one over an empty column (no glued headers)', () => {
    const grid = layoutAligned({ page: 2, items });
    const header = grid.cells.filter((c) => c.row === grid.cells.find((x) => x.text === '科目名称')!.row).map((c) => [c.col, c.text]);
    expect(header).toEqual([[1, '科目名称'], [2, '合计'], [3, '一般公共预算'], [4, '政府性基金'], [5, '国有资本经营预算'], [6, '财政专户管理资金'], [7, '单位资金']]);
    const body = (text: string) => grid.cells.filter((c) => c.row === grid.cells.find((x) => x.text === text)!.row).map((c) => [c.col, c.text]);
    expect(body('1,519.11')).toEqual([[1, '合计'], [2, '1,519.11'], [3, '1,500.11'], [4, '19.00'], [8, '280.66']]);
    expect(body('上年结转')).toEqual([[8, '上年结转']]);
    expect(grid.colCount).toBe(8);
  });
  it('makes no column of a header over several columns, higher up, nor widens one by the title', () => {
    const grid = layoutAligned({ page: 2, items: [...items, item('收入', 300, 56.7, 20)] });
    expect(grid.colCount).toBe(8);
    // the title (its piece "2024" ends over the 一般公共预算 column) widened none: 一般公共预算 is a column of its own
    expect(grid.cells.find((c) => c.text === '一般公共预算')?.col).toBe(3);
  });
});

describe('pages without rules: a text pdf.js gives in pieces (002-standard 表十二, printed unruled)', () => {
  it('reads touching pieces as one text: a long name in its one column, no column made of a piece', () => {
    const grid = layoutAligned({
      page: 12,
      items: [
        item('项目名称', 120, 86, 40), item('合计', 350, 86, 20), item('一般公共预算', 420, 86, 60),
        item('阳泉市民政局', 11, 116, 60), item('1,560.52', 331.8, 116.4, 44.7), item('1,152.17', 429.6, 116.4, 44.7),
        item('中央集中彩票公益金支持社会福利事业资金', 21, 131, 190), item('101.00', 341.3, 131.3, 35.1),
        // one name, pieces abutting (the next starts where the last ends, a few hundredths either way)
        item('阳泉市民政局', 21, 176, 60.03), item('困', 81.01, 176, 10.01), item('境儿童和', 90.99, 176, 40.03),
        item('留守', 130.99, 176, 20.01), item('儿童关', 151, 176, 30.02), item('爱', 180.99, 176, 10.01),
        item('服务', 191, 176, 20.01), item('项目', 211.01, 176, 20.01), item('70.00', 347.8, 176.2, 28.7), item('70.00', 445.6, 176.2, 28.7),
      ],
    });
    expect(grid.colCount).toBe(3);
    const row = grid.cells.filter((c) => c.row === grid.cells.find((x) => x.text.startsWith('阳泉市民政局困'))!.row);
    expect(row.map((c) => [c.col, c.text])).toEqual([[1, '阳泉市民政局困境儿童和留守儿童关爱服务项目'], [2, '70.00'], [3, '70.00']]);
  });
});

describe('pages without rules: a long name printed on under the amounts beside it (000-standard 表十二, printed unruled)', () => {
  it('keeps the name\'s hidden end with the name, the amount alone in its column, the name spanning no column of that line\'s cells', () => {
    const grid = layoutAligned({
      page: 12,
      items: [
        item('项目名称', 120, 86, 40), item('合计', 350, 86, 20), item('一般公共预算', 420, 86, 60),
        item('高平市民政局', 1, 116, 60), item('9,428.95', 331.8, 116.4, 44.7), item('9,256.45', 429.6, 116.4, 44.7),
        // the name's last piece "—" starts where the one before ends (349.28), under the amount 1,907.00 (331.8–376.5)
        item('（晋财社[2023]293号）提前下达2024年中央', 21, 131, 208.2), item('财政困难群众救助补助资金', 229.21, 131, 120.07),
        item('—', 349.2, 131, 10.01), item('1,907.00', 331.8, 131.3, 44.7), item('1,907.00', 429.6, 131.3, 44.7),
        // and one whose end runs on past the first amount column
        item('(晋财社[2023]293号)提前下达2024年省', 21, 146, 186), item('级财政困难群众救助补助资金', 207.01, 146, 130.05),
        item('—', 337.01, 146, 10.01), item('特困人员救助供养支出', 346.9, 146, 100.04),
        item('1,100.00', 331.8, 146.3, 44.7), item('1,100.00', 429.6, 146.3, 44.7),
        item('困难群众救助补助本级资金（城乡居民最低生活保障）', 21, 161, 250), item('370.00', 341.3, 161.3, 35.1), item('370.00', 439.1, 161.3, 35.1),
      ],
    });
    expect(grid.colCount).toBe(3);
    const row = (text: string) => grid.cells.filter((c) => c.row === grid.cells.find((x) => x.text.endsWith(text))!.row).map((c) => [c.col, c.lastCol, c.text]);
    expect(row('资金—')).toEqual([[1, 1, '（晋财社[2023]293号）提前下达2024年中央财政困难群众救助补助资金—'], [2, 2, '1,907.00'], [3, 3, '1,907.00']]);
    expect(row('供养支出')).toEqual([[1, 1, '(晋财社[2023]293号)提前下达2024年省级财政困难群众救助补助资金—特困人员救助供养支出'], [2, 2, '1,100.00'], [3, 3, '1,100.00']]);
  });
});

describe('pages without rules: a header over the labels\' hidden ends and the amounts (000-merged-wide 表12, printed unruled)', () => {
  it('gives the header to the amounts when the labels, left-aligned, cannot be centred under it', () => {
    const grid = layoutAligned({
      page: 12,
      items: [
        item('项目名称', 119.8, 86.7, 40), item('合计', 318.6, 86.7, 20), item('一般公共预算', 396.5, 94.2, 60),
        item('高平市民政局', 1, 115.9, 60), item('9428.95', 334.9, 116.4, 41.5), item('9256.45', 432.8, 116.4, 41.5),
        // a name run on over the empty left of the 合计 cell (its end hidden in print: the PDF holds it)
        item('（晋市财社【2023】188号）提前下达2024年困难残疾人生活补贴资金', 21, 385.3, 309.3), item('13.96', 347.8, 385.8, 28.7), item('13.96', 445.6, 385.8, 28.7),
      ],
    });
    const header = grid.cells.filter((c) => c.row === grid.cells.find((x) => x.text === '项目名称')!.row).map((c) => [c.col, c.text]);
    expect(header).toEqual([[1, '项目名称'], [2, '合计']]);
    expect(grid.cells.filter((c) => c.text === '9428.95' || c.text === '13.96').map((c) => c.col)).toEqual([2, 2, 3]);
  });

  it('makes a column of a header of the upper header row right of every column (an empty last column merged over both rows)', () => {
    const grid = layoutAligned({
      page: 12,
      items: [
        item('2024年财政拨款', 485.4, 71.7, 78), item('项目名称', 119.8, 86.7, 40), item('合计', 318.6, 86.7, 20),
        item('财政专户管理资金', 680.1, 86.7, 80), item('单位资金', 798, 86.7, 40),
        item('一般公共预算', 396.5, 94.2, 60), item('政府性基金预算', 489.4, 94.2, 70), item('国有资本经营预算', 582.3, 94.2, 80),
        item('高平市民政局', 1, 115.9, 60), item('9428.95', 334.9, 116.4, 41.5), item('9256.45', 432.8, 116.4, 41.5), item('172.50', 537.1, 116.4, 35.1),
        item('困难群众救助补助本级资金', 21, 131, 120), item('370.00', 341.3, 131.3, 35.1), item('370.00', 439.2, 131.3, 35.1),
      ],
    });
    expect(grid.colCount).toBe(7);
    const row = (text: string) => grid.cells.filter((c) => c.row === grid.cells.find((x) => x.text === text)!.row).map((c) => [c.col, c.text]);
    expect(row('合计')).toEqual([[1, '项目名称'], [2, '合计'], [6, '财政专户管理资金'], [7, '单位资金']]);
    expect(row('一般公共预算')).toEqual([[3, '一般公共预算'], [4, '政府性基金预算'], [5, '国有资本经营预算']]);
    // the group header over three columns makes none (it is on the 政府性基金预算 column it falls on)
    expect(row('2024年财政拨款')).toEqual([[4, '2024年财政拨款']]);
  });

  it('leaves a line left-aligned with the labels and running on over the amounts (单位名称：…) to the labels, the columns as they are', () => {
    const grid = layoutAligned({
      page: 5,
      items: [
        item('单位名称：长治市民政局', 1, 41, 110), item('科目名称', 10, 56, 40), item('合计', 85, 56, 20),
        item('行政运行', 1, 71, 40), item('137.86', 75, 71.5, 35), item('一般行政管理事务', 1, 86, 80), item('1,021.40', 65, 86.5, 45),
        item('其他', 1, 101, 20), item('12.00', 85, 101.5, 25),
      ],
    });
    expect(grid.colCount).toBe(2);
    expect(grid.cells.find((c) => c.text === '单位名称：长治市民政局')).toMatchObject({ col: 1, lastCol: 2 });
    expect(grid.cells.filter((c) => c.row === 3).map((c) => [c.col, c.text])).toEqual([[1, '行政运行'], [2, '137.86']]);
    expect(grid.cells.filter((c) => c.row === 2).map((c) => [c.col, c.text])).toEqual([[1, '科目名称'], [2, '合计']]);
  });
});

describe('pages without rules: a text starting a point left of its column (001-standard 第14页 绩效目标表, printed unruled)', () => {
  it('is placed in the column it starts next to, not the one ending well left of it', () => {
    const grid = layoutAligned({
      page: 14,
      items: [
        item('项目属性', 56.9, 71.6, 40), item('项目期', 537.4, 71.6, 30), item('1年', 658.3, 71.6, 16.4),
        // 年度资金总额： (657.2–727.2) runs over the column 1年 starts (658.3) and the next: it widened neither
        item('实施期资金总额：', 260.6, 86.5, 80), item('4,212', 515.6, 85.6, 28.7), item('年度资金总额：', 657.2, 86.5, 70), item('4,212', 907.1, 85.6, 28.7),
        item('其中：中央财政资金', 255.7, 101.5, 90), item('0', 538, 100.6, 6.4), item('省级', 721.1, 101.5, 20), item('财政资金', 741.1, 101.5, 27), item('0', 929.5, 100.6, 6.4),
      ],
    });
    const row = grid.cells.filter((c) => c.row === grid.cells.find((x) => x.text === '年度资金总额：')!.row).map((c) => c.text);
    expect(row).toEqual(['实施期资金总额：', '4,212', '年度资金总额：', '4,212']);
    expect(grid.cells.find((x) => x.text === '年度资金总额：')!.col).toBe(grid.cells.find((x) => x.text === '1年')!.col);
  });
});

describe('a page of prose (the 情况说明)', () => {
  it('gives one cell per paragraph: lines that ran to the margin go on, headings and indented lines start anew', () => {
    const items = [
      item('第三部分 2024年度单位预算情况说明', 100, 20, 200),
      item('一、单位预算收支数据变动情况及原因', 20, 40, 180),
      item('2024年度预算收入总计11,277.58万元，其中：本年收入', 40, 55, 260),
      item('9,690.97万元。', 20, 70, 70),
      item('二、收入预算情况说明', 20, 85, 100),
      item('预算收入11,277.58万元。', 40, 100, 120),
    ];
    const grid = layoutPage({ page: 73, items, rules: { h: [], v: [] } });
    expect(grid.colCount).toBe(1);
    expect(grid.cells.map((c) => c.text)).toEqual([
      '第三部分 2024年度单位预算情况说明',
      '一、单位预算收支数据变动情况及原因',
      '2024年度预算收入总计11,277.58万元，其中：本年收入9,690.97万元。',
      '二、收入预算情况说明',
      '预算收入11,277.58万元。',
    ]);
    expect(layoutProse({ page: 1, items: [] }).cells).toEqual([]);
  });

  it('goes on with a line that opens with an amount (100.00万元 is no heading "1."); a numbered heading starts anew', () => {
    const items = [
      item('第三部分 2024年度部门预算情况说明', 100, 20, 200),
      item('2024年收入预算合计1,234.56万元，比上年增加', 40, 40, 280),
      item('100.00万元，增长8.8%。', 20, 55, 120),
      item('1.一般公共预算拨款收入', 20, 70, 140),
      item('2、政府性基金预算拨款收入', 20, 85, 140),
    ];
    expect(layoutPage({ page: 5, items, rules: { h: [], v: [] } }).cells.map((c) => c.text)).toEqual([
      '第三部分 2024年度部门预算情况说明',
      '2024年收入预算合计1,234.56万元，比上年增加100.00万元，增长8.8%。',
      '1.一般公共预算拨款收入',
      '2、政府性基金预算拨款收入',
    ]);
  });

  it('says whether a page opens in a paragraph (its first line at the margin, no heading) or at its start', () => {
    const page = (first: PdfTextItem) => layoutProse({ page: 2, items: [first, item('二、支出预算情况', 20, 35, 100), item('支出合计1.00万元。', 40, 50, 100)] });
    expect(page(item('项目支出也有所增加。', 20, 20, 100)).opensInParagraph).toBe(true);
    expect(page(item('预算收入11,277.58万元。', 40, 20, 120)).opensInParagraph).toBeUndefined();
    expect(page(item('一、收支预算总体情况', 20, 20, 100)).opensInParagraph).toBeUndefined();
  });

  it('reads a page of one column of text after a page of prose as prose (a 情况说明 page without its heading)', () => {
    const items = [
      item('随之增加，主要用于人员经费支出。', 20, 20, 160),
      item('三、支出预算情况', 20, 35, 100),
      item('2024年支出预算合计1,234.56万元，比上年增加', 40, 50, 280),
      item('10.00万元，增长0.8%。', 20, 65, 120),
    ];
    const after = layoutPage({ page: 6, items, rules: { h: [], v: [] } }, true);
    expect(after.prose).toBe(true);
    expect(after.cells.map((c) => c.text)).toEqual(['随之增加，主要用于人员经费支出。', '三、支出预算情况', '2024年支出预算合计1,234.56万元，比上年增加10.00万元，增长0.8%。']);
    // the same page after a table is not prose
    expect(layoutPage({ page: 6, items, rules: { h: [], v: [] } }).prose).toBeUndefined();
  });

  it('marks a paragraph whose lines run on past the page\'s right edge (a column wider than the paper) as cut there', () => {
    // A4 (595 pt): LibreOffice cannot cut a column across pages, so every line of a wider 情况说明 column stops at
    // the paper's edge; pdf.js still gives the glyphs past it (nothing of them is drawn)
    const items = [
      item('一、收支预算情况', 51, 20, 100),
      item('2024年收入预算合计1,234.56万元，比上年', 51, 35, 540), // to 591: inside
      item('减', 591, 35, 11), // 591–602: past the edge
      item('要原因是人员增加，各项支出随之增加，其中基本支出增加较多，项目支', 51, 50, 552), // to 603
      item('出也有所增加。', 51, 65, 130),
      item('二、支出预算情况说明', 51, 80, 120),
      item('2024年支出预算合计1,234.56万元，比上年增加10.00万元。', 51, 95, 300),
    ];
    const grid = layoutProse({ page: 9, width: 595, items });
    expect(grid.cells.map((c) => [c.text, c.uncertain])).toEqual([
      ['一、收支预算情况', undefined],
      ['2024年收入预算合计1,234.56万元，比上年减要原因是人员增加，各项支出随之增加，其中基本支出增加较多，项目支出也有所增加。', 'edge'],
      ['二、支出预算情况说明', undefined],
      ['2024年支出预算合计1,234.56万元，比上年增加10.00万元。', undefined],
    ]);
    // without the page's width (a text laid out alone) nothing is past an edge
    expect(layoutProse({ page: 9, items }).cells[1].uncertain).toBeUndefined();
  });

  it('reads the next page of a 情况说明 cut into glyph runs as prose, not as a table of a dozen columns', () => {
    // a spreadsheet's print: pdf.js gives each line in pieces at every change of glyph run, abutting each other
    const line = (y: number, parts: string[], x0 = 51) => {
      let x = x0;
      return parts.map((p) => {
        const it = item(p, x, y, p.length * 11);
        x += p.length * 11;
        return it;
      });
    };
    const items = [
      ...line(20, ['1.00', '万元，主要原因是由于', '2023', '年各项工作不再受疫情', '影响，正常', '开', '展，公务接待经费']),
      ...line(36, ['全年公务接待工作。']),
      ...line(56, ['其中：因公出国（境）费', '0万元', '，与上年预算数', '相', '同；公务接待费', '1.50万元', '，与上年相比']),
      ...line(72, ['八、机关运行经费增减变动原因说明']),
      ...line(88, ['本单位机关运行经费财政拨款预算', '69.9', '万元，比', '2023', '年预算增加', '0.8', '万元。']),
    ];
    expect(layoutPage({ page: 69, width: 595, items, rules: { h: [], v: [] } }, false).prose).toBeUndefined();
    const after = layoutPage({ page: 69, width: 595, items, rules: { h: [], v: [] } }, true);
    expect(after.prose).toBe(true);
    expect(after.cells.map((c) => c.text)).toEqual([
      // (the first line runs to the widest line's end: the next goes on with it)
      '1.00万元，主要原因是由于2023年各项工作不再受疫情影响，正常开展，公务接待经费全年公务接待工作。',
      '其中：因公出国（境）费0万元，与上年预算数相同；公务接待费1.50万元，与上年相比',
      '八、机关运行经费增减变动原因说明',
      '本单位机关运行经费财政拨款预算69.9万元，比2023年预算增加0.8万元。',
    ]);
    // a table without rules after the 情况说明 (columns standing apart) is still read as a table
    const table = [...line(20, ['项目']), ...line(20, ['金额'], 300), ...line(36, ['合计']), ...line(36, ['1,234.56'], 300), ...line(52, ['基本支出']), ...line(52, ['1,000.00'], 300)];
    expect(layoutPage({ page: 70, width: 595, items: table, rules: { h: [], v: [] } }, true).prose).toBeUndefined();
  });

  it('reads a paragraph of more items than a call can take as arguments (per-glyph items: 130,000)', () => {
    const glyphs: PdfTextItem[] = [];
    for (let l = 0; l < 2600; l++) for (let k = 0; k < 50; k++) glyphs.push(item('字', 20 + 10 * k, 40 + 15 * l, 10));
    const grid = layoutProse({ page: 1, items: glyphs });
    expect(grid.cells.map((c) => [c.text.length, c.x, c.width])).toEqual([[130000, 20, 500]]);
  });
});

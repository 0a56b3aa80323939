/**
 * The one severity decision of a PDF check (src/pdf/check.ts): every reading doubt is a record, and a finding is
 * demoted only by the doubts its own figures rest on, with one reason in its message.
 */
import type { Finding } from '../../src/model/finding';
import { emptySheet, setCell, type SheetSnapshot } from '../../src/model/snapshot';
import type { Recognised } from '../../src/tables/recognised';
import type { Label, TargetSheet } from '../../src/tables/types';
import { pdfSeverity, readingDoubts } from '../../src/pdf/check';
import type { PdfRead, PdfSheetPlaces } from '../../src/pdf/read';

function sheet(name: string, cells: Record<string, string>): SheetSnapshot {
  const s = emptySheet(name, 0);
  for (const [a, v] of Object.entries(cells)) {
    const m = /^([A-Z])(\d+)$/.exec(a)!;
    setCell(s, Number(m[2]), m[1].charCodeAt(0) - 64, { value: v });
  }
  return s;
}

function pdf(sheets: [SheetSnapshot, Omit<PdfSheetPlaces, 'cells'>][], extra: Partial<PdfRead> = {}): PdfRead {
  return {
    snapshot: { name: 'x.pdf', sheets: sheets.map(([s]) => s) },
    pageCount: 20,
    scannedPages: [],
    sheets: new Map(sheets.map(([s, p]) => [s.name, { cells: new Map(), ...p }])),
    ...extra,
  };
}

const NO_TABLES = { tables: {}, locations: {}, targets: [], findings: [] } as unknown as Recognised;

const error = (rule: string, sheetName: string, cells: string[], more: Partial<Finding> = {}): Finding => ({ rule, severity: 'error', sheet: sheetName, cells, message: '说明', ...more });

function severity(read: PdfRead, f: Finding, rec: Recognised = NO_TABLES): Finding {
  return pdfSeverity(f, readingDoubts(read, rec), read, rec);
}

const FORM = '第15页 绩效目标表';

describe('a finding on text printed in part', () => {
  const read = pdf([
    [
      sheet(FORM, { C5: '1000.00', C11: '其他资金根据……', C12: '', D20: '购置空调数量', E20: '1台', D27: '', G27: '' }),
      { pages: [15], uncertain: new Map([['C11', 'overflow' as const]]) },
    ],
    [sheet('第12页 表十二', { A8: '长治民政系统护理员技能培训及大', B8: '19.00' }), { pages: [12], uncertain: new Map([['A8', 'clipped' as const]]) }],
  ]);

  it('is a warning naming the cell when a cell it names was flagged', () => {
    const out = severity(read, error('P.text', FORM, ['C11']));
    expect(out.severity).toBe('warning');
    expect(out.message).toBe(`说明（PDF 中 ${FORM} C11 等处的文字印出时不完整，本条只作提示，请对照原表核实）`);
  });

  it('is a warning when a cell it names is just above or below spilled text, in its column (the lines may be its own)', () => {
    expect(severity(read, error('P.text', FORM, ['C12'])).severity).toBe('warning');
    expect(severity(read, error('P.text', FORM, ['C10'])).severity).toBe('warning');
    // not beside it, not two rows away
    expect(severity(read, error('P.text', FORM, ['D12']))).toEqual(error('P.text', FORM, ['D12']));
    expect(severity(read, error('P.text', FORM, ['C13']))).toEqual(error('P.text', FORM, ['C13']));
  });

  it('stays an error when the doubted cell is on its form but not one of its figures', () => {
    const f = error('P.indicators', FORM, ['G27', 'H27'], { actual: '（空）' });
    expect(severity(read, f)).toBe(f);
    const funds = error('P.funds_order', FORM, ['E6', 'H6', 'C5']);
    expect(severity(read, funds)).toBe(funds);
  });

  it('is a warning when a related figure on another page was flagged', () => {
    const f = error('P.coverage', FORM, ['C3', 'H6'], { related: [{ sheet: '第12页 表十二', cells: ['A8', 'B8'] }] });
    expect(severity(read, f).message).toContain('PDF 中 第12页 表十二 A8 等处的文字印出时不完整');
  });
});

describe('a form the printed text ends in (a page cut short)', () => {
  const FORM_SHEET = '第14页 绩效目标表';
  const label = (cell: string, text: string): Label => ({ sheet: FORM_SHEET, cell, text, row: Number(cell.slice(1)), col: cell.charCodeAt(0) - 64 });
  const base = { periodFunds: {}, annualFunds: {}, texts: {}, periodIndicators: [], annualOnly: false };
  const indicator = { level1: '产出指标', level2: '数量指标', level3: '床位数', value: '200张', label: label('D30', '床位数') };
  const whole: TargetSheet = { ...base, sheet: FORM_SHEET, row: 1, projectName: label('C2', '居家养老服务'), annualIndicators: [indicator] };
  const cut: TargetSheet = { ...base, sheet: FORM_SHEET, row: 40, projectName: label('C41', '心养老服务'), annualIndicators: [] };
  const cells: Record<string, string> = { C2: '居家养老服务', D30: '床位数', A40: '部门（单位）项目支出绩效目标表', C41: '心养老服务', E44: '2,010,000', E45: '0' };
  const read = pdf([[sheet(FORM_SHEET, cells), { pages: [14] }]]);
  const rec = { ...NO_TABLES, targets: [whole, cut] } as unknown as Recognised;

  it('makes an error on that form a warning that says the form is not printed whole, and names it once', () => {
    const sum = error('P.funds_sum', FORM_SHEET, ['E44'], { actual: '2010000', expected: '0' });
    const out = severity(read, sum, rec);
    expect(out.severity).toBe('warning');
    expect(out.message).toBe(`说明（PDF 中 ${FORM_SHEET} 第40行起的绩效目标表“心养老服务”没有印全，本条只作提示，请对照原表核实）`);
    expect(readingDoubts(read, rec).filter((d) => d.kind === 'cut').map((d) => d.place)).toEqual([`${FORM_SHEET} 第40行起的绩效目标表“心养老服务”`]);
  });

  it('leaves the whole forms above it as they are, and a last form with its indicators read', () => {
    const above = error('P.funds_sum', FORM_SHEET, ['C2']);
    expect(severity(read, above, rec)).toBe(above);
    const complete = { ...NO_TABLES, targets: [whole, { ...cut, annualIndicators: [{ ...indicator, label: label('D45', '床位数') }] }] } as unknown as Recognised;
    expect(readingDoubts(read, complete).some((d) => d.kind === 'cut')).toBe(false);
  });
});

describe('a project said to have no form, on a PDF whose forms are printed in part (the print stops)', () => {
  const FORM_SHEET = '第14页 绩效目标表';
  const T12 = '第12页 表十二';
  const label = (cell: string, text: string): Label => ({ sheet: FORM_SHEET, cell, text, row: Number(cell.slice(1)), col: cell.charCodeAt(0) - 64 });
  const indicator = (cell: string) => ({ level1: '满意度指标', level2: '服务对象满意度指标', level3: '满意度', value: '≥90%', label: label(cell, '满意度') });
  const form = (row: number, name: string, grid: boolean): TargetSheet => ({
    ...{ sheet: FORM_SHEET, row, projectName: label(`C${row + 1}`, name), periodFunds: {}, annualFunds: {}, texts: {} },
    ...{ periodIndicators: [], annualIndicators: grid ? [indicator(`D${row + 30}`)] : [], annualOnly: false },
  });
  // two whole forms, the second ending at row 60; the page of the sheet 26,670 points tall, its last line at 1,000
  const read = (pageHeight: number, lastY = 1000) => {
    const s = sheet(FORM_SHEET, { C2: '居家养老服务', D31: '满意度', C32: '机构养老服务', D61: '满意度' });
    const t12 = sheet(T12, { A8: '殡仪馆迁建项目', B8: '181.06', A9: '居家养老服务', B9: '10.00' });
    const places = new Map([['D61', { page: 14, x: 0, y: lastY, width: 40, height: 12 }]]);
    return {
      ...pdf([[t12, { pages: [12] }], [s, { pages: [14] }]]),
      pageHeights: Array.from({ length: 14 }, (_, i) => (i === 13 ? pageHeight : 842)),
      sheets: new Map([[T12, { pages: [12], cells: new Map() }], [FORM_SHEET, { pages: [14], cells: places }]]),
    };
  };
  const rec = { ...NO_TABLES, targets: [form(1, '居家养老服务', true), form(31, '机构养老服务', true)] } as unknown as Recognised;
  const none = error('P.coverage', T12, ['A8', 'B8'], { actual: '（无）', expected: '项目支出绩效目标表' });

  it('is a warning naming where the print stopped when the page runs on, blank, far below the last form (a one-page print)', () => {
    const out = severity(read(26670), none, rec);
    expect(out.severity).toBe('warning');
    expect(out.message).toBe(`说明（PDF 中 ${FORM_SHEET} 第61行以下没有印全，其后的绩效目标表可能未印出，本条只作提示，请对照原表核实）`);
    expect(readingDoubts(read(26670), rec).filter((d) => d.kind === 'cut').map((d) => d.place)).toEqual([`${FORM_SHEET} 第61行以下`]);
    // a form standing for several projects: the others' own forms may be among those not printed
    const merged = error('P.coverage', FORM_SHEET, ['C2'], { actual: FORM_SHEET, expected: '居家养老服务、殡仪馆迁建项目', message: '……每个项目应有自己的绩效目标表，名称与表十二一致' });
    expect(severity(read(26670), merged, rec).severity).toBe('warning');
    // the 情况说明's count of the forms published, against the forms read
    const count = error('N.performance_count', '第15页 情况说明', ['A20'], { message: '情况说明中“公开3个项目”与工作簿中公开的项目支出绩效目标表不符：共2个项目' });
    expect(severity(read(26670), count, rec).severity).toBe('warning');
    const t12Count = error('N.performance_count', '第15页 情况说明', ['A20'], { message: '情况说明中“纳入3个项目”与表十二（本年项目支出）的项目个数不符：表十二列出2个项目' });
    expect(severity(read(26670), t12Count, rec)).toBe(t12Count);
  });

  it('doubts no figure of the forms printed, nor a form said to have no project (the tables are printed whole)', () => {
    const onForm = error('P.funds_sum', FORM_SHEET, ['D61']);
    expect(severity(read(26670), onForm, rec)).toBe(onForm);
    const orphan = error('P.coverage', FORM_SHEET, ['C32'], { actual: '机构养老服务', expected: '表十二中的项目名称' });
    expect(severity(read(26670), orphan, rec)).toBe(orphan);
  });

  it('stays an error when the page ends at its last line, or is paper (the last page of a sheet printed on A4 ends anywhere)', () => {
    expect(severity(read(1040), none, rec)).toBe(none);
    expect(severity(read(842, 300), none, rec)).toBe(none);
  });

  it('is a warning too when the last form is itself cut short (its indicators not printed), naming that form', () => {
    const cutRec = { ...NO_TABLES, targets: [form(1, '居家养老服务', true), form(50, '机构养老服务', false)] } as unknown as Recognised;
    const out = severity(read(842, 300), none, cutRec);
    expect(out.severity).toBe('warning');
    expect(out.message).toContain(`${FORM_SHEET} 第50行起的绩效目标表“机构养老服务”没有印全，其后的绩效目标表可能未印出`);
  });
});

describe('a claim that something is missing', () => {
  const label = (s: string, cell: string, text: string): Label => ({ sheet: s, cell, text, row: Number(cell.slice(1)), col: cell.charCodeAt(0) - 64 });
  const form = (s: string, name: string): TargetSheet => ({
    sheet: s,
    row: 1,
    projectName: label(s, 'C3', name),
    periodFunds: {},
    annualFunds: {},
    texts: {},
    periodIndicators: [],
    // a whole form: its indicator grid was read (one printed only to its funds is a form cut short: below)
    annualIndicators: [{ level1: '产出指标', level2: '数量指标', level3: '培训人次', value: '≥100人次', label: label(s, 'D20', '培训人次') }],
    annualOnly: false,
  });
  const rec = (name: string) => ({ ...NO_TABLES, targets: [form('第20页 绩效目标表', name)] }) as unknown as Recognised;
  const read = (name: string) =>
    pdf([
      [sheet('第12页 表十二', { A16: '养老服务与未成年人保护工作经费', B16: '5.00' }), { pages: [12] }],
      [sheet('第20页 绩效目标表', { C3: name }), { pages: [20], uncertain: new Map([['C3', 'clipped' as const]]) }],
    ]);
  const none = error('P.coverage', '第12页 表十二', ['A16', 'B16'], { actual: '（无）', expected: '项目支出绩效目标表' });

  it('rests on the names it looked among: a form name cut off that could be the project makes it a warning', () => {
    expect(severity(read('养老服务与未成年'), none, rec('养老服务与未成年')).severity).toBe('warning');
  });

  it('but not a name cut off that begins otherwise', () => {
    expect(severity(read('机关工作业务'), none, rec('机关工作业务'))).toBe(none);
  });

  it('a table not found, with a scanned page: a warning saying it may be on that page', () => {
    const scanned = pdf([], { scannedPages: [3] });
    const missing = error('INPUT.missing_table', '', []);
    expect(severity(scanned, missing).message).toBe('说明（PDF 中有扫描页 第3页，这张表可能在扫描页上，未能读取）');
    // a project said to have no form: the form may be on that page
    expect(severity(scanned, none, rec('机关工作业务')).message).toBe('说明（PDF 中有扫描页 第3页，要找的绩效目标表或项目可能印在扫描页上，未能读取，本条只作提示）');
    // a finding on a figure that was read is not concerned
    const f = error('T1.sum', '第1页 表一', ['B5']);
    expect(severity(scanned, f)).toBe(f);
  });
});

describe('doubts about whole pages', () => {
  it('a rotated page: its tables and a table not found are warnings; other pages keep their errors', () => {
    const read = pdf(
      [
        [sheet('第3页 表七', {}), { pages: [3] }],
        [sheet('第4页 表八', {}), { pages: [4] }],
      ],
      { rotatedPages: [{ page: 3, amounts: 1 }] },
    );
    expect(severity(read, error('T7.row', '第3页 表七', ['B2'])).message).toBe('说明（PDF 第3页上有方向不同的文字未能读取，本条结果可能不准确）');
    expect(severity(read, error('T8.row', '第4页 表八', ['B2'])).severity).toBe('error');
    expect(severity(read, error('INPUT.missing_table', '', [])).message).toBe('说明（PDF 第3页上有方向不同的文字未能读取，这张表可能在其中）');
  });

  it('a page that fits no table: every error is a warning naming it', () => {
    const read = pdf([[sheet('第59页', { A1: '1.00', A2: '2.00', A3: '3.00' }), { pages: [59] }]]);
    const out = severity(read, error('T1.sum', '第1页 表一', ['B5']));
    expect(out.message).toBe('说明（PDF 中 第59页 的表格未能拼接到所属的表，本条结果可能不准确）');
  });

  it('an amount read as empty on a sheet joined from several pages is a warning; on one page it stays an error', () => {
    const joined = pdf([[sheet('第30-31页 绩效目标表', {}), { pages: [30, 31] }]]);
    const f = (s: string) => error('P.match_T12', s, ['H6'], { actual: '', expected: '250000' });
    expect(severity(joined, f('第30-31页 绩效目标表')).message).toBe('说明（PDF 中 第30-31页 绩效目标表 H6 处没有读到金额，可能印在别处或未能还原，本条只作提示，请对照原表核实）');
    const whole = pdf([[sheet('第30页 绩效目标表', {}), { pages: [30] }]]);
    expect(severity(whole, f('第30页 绩效目标表')).severity).toBe('error');
  });

  it('gives one reason, the doubt nearest the finding, when several apply', () => {
    const read = pdf(
      [
        [sheet('第3页 表七', { B2: '名称' }), { pages: [3], uncertain: new Map([['B2', 'clipped' as const]]) }],
        [sheet('第59页', { A1: '1.00', A2: '2.00', A3: '3.00' }), { pages: [59] }],
      ],
      { rotatedPages: [{ page: 3, amounts: 1 }] },
    );
    const out = severity(read, error('T7.row', '第3页 表七', ['B2']));
    expect(out.message).toBe('说明（PDF 中 第3页 表七 B2 等处的文字印出时不完整，本条只作提示，请对照原表核实）');
  });

  it('a table read by alignment: the reason names the finding\'s own table, not one whose name its message begins with (表十 in 表十二)', () => {
    const read = pdf([
      [sheet('第10页 表十', {}), { pages: [10], aligned: [10] }],
      [sheet('第11页 表十一', {}), { pages: [11] }],
      [sheet('第12页 表十二', {}), { pages: [12], aligned: [12] }],
      [sheet('第5页 表五', {}), { pages: [5] }],
    ]);
    const own = severity(read, error('T12.row', '第12页 表十二', ['B9'], { message: '表十二 项目 合计 1.00 ≠ 各项资金之和 2.00' }));
    expect(own.message).toBe('表十二 项目 合计 1.00 ≠ 各项资金之和 2.00（PDF 中 第12页 表十二 没有表格线，按文字对齐读取的行列可能有误，本条只作提示，请对照原表核实）');
    // a finding on a ruled page comparing with 表十二 rests on 表十二, not 表十
    const across = severity(read, error('X.T5-T12', '第5页 表五', ['E6'], { message: '表五 合计行 项目支出 1.00 ≠ 表十二 各项目 一般公共预算之和 2.00' }));
    expect(across.message).toContain('（PDF 中 第12页 表十二 没有表格线');
    // nor is 表十 named by 表十一 (ruled here): a finding on 表十一 naming only itself stays an error
    expect(severity(read, error('T11.row', '第11页 表十一', ['C7'], { message: '表十一 部门合计 合计 1.00 ≠ 之和 2.00' })).severity).toBe('error');
    // a message naming 表十 itself still rests on it
    expect(severity(read, error('X.T10-T11', '第11页 表十一', ['C7'], { message: '表十一 合计 1.00 ≠ 表十 合计 2.00' })).message).toContain('（PDF 中 第10页 表十 没有表格线');
  });

  it('leaves warnings as they are', () => {
    const read = pdf([], { scannedPages: [3] });
    const w: Finding = { ...error('INPUT.missing_table', '', []), severity: 'warning' };
    expect(severity(read, w)).toBe(w);
  });
});

describe('two names said to differ (名称不一致), one of them cut off at its cell\'s edge', () => {
  const T12 = '第12页 表十二';
  const read = (printed: string) =>
    pdf([
      [sheet(FORM, { C3: '长财社【2023】219号长治市民政局系统护理员技能培训及大赛', H6: '190,000' }), { pages: [15] }],
      [sheet(T12, { A8: printed, B8: '19.00' }), { pages: [12], uncertain: new Map([['A8', 'clipped' as const]]) }],
    ]);
  const near = (t12: string) =>
    error('P.coverage', FORM, ['C3', 'H6'], {
      message: `名称不一致：绩效目标表“长财社【2023】219号长治市民政局系统护理员技能培训及大赛”应与表十二“${t12}”同名`,
      actual: '长财社【2023】219号长治市民政局系统护理员技能培训及大赛',
      expected: t12,
      related: [{ sheet: T12, cells: ['A8', 'B8'] }],
    });

  it('stays an error when the form\'s name does not begin with the printed part (whatever was cut, they differ)', () => {
    const f = near('长财社【2023】219号长治民政系统护理员技能培训及大赛');
    expect(severity(read('长财社【2023】219号长治民政系统护理员技能培训及大赛'), f)).toBe(f);
  });

  it('is a warning when the printed part is the beginning of the form\'s name (the rest may make them one)', () => {
    const f = near('长财社【2023】219号长治市民政局系统护理员');
    expect(severity(read('长财社【2023】219号长治市民政局系统护理员'), f).severity).toBe('warning');
  });
});

describe('a category said to be missing from an indicator grid (（缺少）)', () => {
  const label = (cell: string, text: string): Label => ({ sheet: FORM, cell, text, row: Number(cell.slice(1)), col: cell.charCodeAt(0) - 64 });
  const ind = (row: number, l2: string, l3: string, value: string) => ({
    level1: '产出指标',
    level2: l2,
    level3: l3,
    value,
    label: label(`D${row}`, l3),
    valueLabel: label(`E${row}`, value),
    level2Label: label(`C${row}`, l2),
    level1Label: label('B20', '产出指标'),
  });
  const form: TargetSheet = {
    sheet: FORM,
    row: 1,
    periodFunds: {},
    annualFunds: {},
    texts: {},
    periodIndicators: [],
    annualIndicators: [ind(20, '数量指标', '救助人次', '≥100人次'), ind(21, '质量指标', '求助当天登记', '100%'), ind(22, '成本指标', '伙食费标准', '不低于最低生活保障标准')],
    annualOnly: false,
  };
  const rec = { ...NO_TABLES, targets: [form] } as unknown as Recognised;
  const cells = { B20: '产出指标', C20: '数量指标', D20: '救助人次', E20: '≥100人次', C21: '质量指标', D21: '求助当天登记', E21: '100%', C22: '成本指标', D22: '伙食费标准', E22: '不低于最低生活保障标准', C19: '二级指标' };
  const read = (flagged: string) => pdf([[sheet(FORM, cells), { pages: [15], uncertain: new Map([[flagged, 'overflow' as const]]) }]]);
  const missing = error('P.indicators', FORM, ['D22', 'E22'], { actual: '（缺少）', expected: '二级指标“时效指标”，至少 1 个三级指标及其指标值', message: '缺少二级指标“时效指标”' });

  it('stays an error when only 三级 or 指标值 text (its own cells included) was printed over its neighbours: they name no category', () => {
    expect(severity(read('E22'), missing, rec)).toBe(missing);
    expect(severity(read('D21'), missing, rec)).toBe(missing);
  });

  it('is a warning when a 二级 or 一级 name of the grid, or a cell beside one, was flagged', () => {
    expect(severity(read('C21'), missing, rec).message).toContain(`PDF 中 ${FORM} C21 等处`);
    // the header above the first 二级 (text spilled onto it may be the first 二级's)
    expect(severity(read('C19'), missing, rec).severity).toBe('warning');
    expect(severity(read('B20'), missing, rec).severity).toBe('warning');
  });
});

describe('spilled text whose side the reader saw (./layout PlacedCell.spill)', () => {
  const cells = { C110: '，养老、社会福利等各', C111: '项工作稳步进行，提升二级指标', C112: '数量指标', B111: '一级指标', B112: '产出指标' };
  const read = (spill: Map<string, 'above' | 'below' | 'none'>) =>
    pdf([[sheet(FORM, cells), { pages: [14], uncertain: new Map([['C111', 'overflow' as const], ['B111', 'overflow' as const]]), spill }]]);

  it('doubts only the rows on that side: text from above leaves the row below as read', () => {
    const r = read(new Map([['C111', 'above' as const], ['B111', 'none' as const]]));
    expect(severity(r, error('P.text', FORM, ['C112']))).toEqual(error('P.text', FORM, ['C112']));
    expect(severity(r, error('P.text', FORM, ['C110'])).severity).toBe('warning');
    // a cell whose own lines stand alone: neither row around it
    expect(severity(r, error('P.text', FORM, ['B112']))).toEqual(error('P.text', FORM, ['B112']));
    expect(severity(r, error('P.text', FORM, ['B111'])).severity).toBe('warning');
  });

  it('doubts both rows when the side is not known', () => {
    const r = read(new Map());
    expect(severity(r, error('P.text', FORM, ['C112'])).severity).toBe('warning');
    expect(severity(r, error('P.text', FORM, ['B112'])).severity).toBe('warning');
  });
});

describe('an indicator grid the print stops in (a page sized for every row, drawn to row 924 only)', () => {
  const FORM_SHEET = '第14页 绩效目标表';
  const label = (cell: string, text: string): Label => ({ sheet: FORM_SHEET, cell, text, row: Number(cell.slice(1)), col: cell.charCodeAt(0) - 64 });
  const ind = (row: number, l1: string, l2: string) => ({
    ...{ level1: l1, level2: l2, level3: '指标', value: '≥1', label: label(`D${row}`, '指标'), valueLabel: label(`E${row}`, '≥1') },
    ...{ level1Label: label(`B${row}`, l1), level2Label: label(`C${row}`, l2) },
  });
  const form = (list: ReturnType<typeof ind>[]): TargetSheet => ({ sheet: FORM_SHEET, row: 901, projectName: label('C902', '行政区划和地名管理'), periodFunds: {}, annualFunds: {}, texts: {}, periodIndicators: [], annualIndicators: list, annualOnly: false });
  const output = [ind(923, '产出指标', '时效指标'), ind(924, '产出指标', '时效指标')];
  const read = (pageHeight: number) => {
    const s = sheet(FORM_SHEET, { A901: '部门（单位）项目支出绩效目标表', C902: '行政区划和地名管理', B923: '产出指标', C923: '时效指标', A924: '产出指标', D924: '指标', E924: '≥1' });
    const places = new Map([['A924', { page: 14, x: 0, y: 15300, width: 40, height: 12 }]]);
    return { ...pdf([[s, { pages: [14] }]]), pageHeights: Array.from({ length: 14 }, (_, i) => (i === 13 ? pageHeight : 842)), sheets: new Map([[FORM_SHEET, { pages: [14], cells: places }]]) };
  };
  const missing = error('P.indicators', FORM_SHEET, ['D924', 'E924'], { actual: '（缺少）', expected: '一级指标“满意度指标”' });

  it('is a form printed in part when the page runs on far below its last row and the grid has no 满意度指标 yet', () => {
    const rec = { ...NO_TABLES, targets: [form(output)] } as unknown as Recognised;
    const out = severity(read(26670), missing, rec);
    expect(out.severity).toBe('warning');
    expect(out.message).toContain('第901行起的绩效目标表“行政区划和地名管理”没有印全');
  });

  it('is whole when the page ends at its last row (a one-page print sized to what it holds), or the grid reached 满意度指标', () => {
    const rec = { ...NO_TABLES, targets: [form(output)] } as unknown as Recognised;
    expect(severity(read(15314), missing, rec)).toBe(missing);
    const whole = { ...NO_TABLES, targets: [form([...output, ind(924, '满意度指标', '服务对象满意度指标')])] } as unknown as Recognised;
    // (the print stopped after it: the forms after it are doubted, no cell of this one)
    expect(readingDoubts(read(26670), whole).filter((d) => d.kind === 'cut').map((d) => d.cells instanceof Set && d.cells.size)).toEqual([0]);
  });

  it('reached 满意度指标 when its rows carry the 一级 from above but a 满意度 二级 (the category the rules see)', () => {
    const whole = { ...NO_TABLES, targets: [form([...output, ind(924, '效益指标', '服务对象满意度指标')])] } as unknown as Recognised;
    expect(readingDoubts(read(26670), whole).filter((d) => d.kind === 'cut').map((d) => d.cells instanceof Set && d.cells.size)).toEqual([0]);
  });

  it('is printed in part too when its last row is a 二级 standing alone (the label its 二级 cell, not a slot cell)', () => {
    const lone = { ...ind(924, '产出指标', '成本指标'), level3: '', value: '', label: label('C924', '成本指标'), valueLabel: undefined };
    const rec = { ...NO_TABLES, targets: [{ ...form([]), annualIndicators: [ind(923, '产出指标', '时效指标'), lone] }] } as unknown as Recognised;
    expect(severity(read(26670), missing, rec).severity).toBe('warning');
  });
});

describe('a name printed as a part of its text (lines put back whole, the text running on in lines not printed)', () => {
  const T12 = '第12页 表十二';
  const NAME = '长财社【2023】219号长治市民政局系统护理员技能培训及大赛';
  // the form's name cell C3 put back from its wrapped lines (./layout PlacedCell.part); 表十二's name A8 as given
  const read = (t12: string, t12Doubt?: 'clipped' | 'overflow') =>
    pdf([
      [sheet(FORM, { C3: NAME, H6: '190,000' }), { pages: [15], uncertain: new Map([['C3', 'overflow' as const]]), spill: new Map([['C3', 'none' as const]]), part: new Set(['C3']) }],
      [sheet(T12, { A8: t12, B8: '19.00' }), { pages: [12], ...(t12Doubt ? { uncertain: new Map([['A8', t12Doubt]]) } : {}) }],
    ]);
  const near = (t12: string) =>
    error('P.coverage', FORM, ['C3', 'H6'], { message: `名称不一致：绩效目标表“${NAME}”应与表十二“${t12}”同名`, actual: NAME, expected: t12, related: [{ sheet: T12, cells: ['A8', 'B8'] }] });

  it('stays an error when the other name, read whole, does not hold the printed part (whatever is not printed, they differ)', () => {
    const f = near('长财社【2023】219号长治民政系统护理员技能培训及大赛');
    expect(severity(read(f.expected as string), f)).toBe(f);
  });

  it('is a warning when the other name holds it (the lines not printed may make them one)', () => {
    const f = near(`关于${NAME}项目`);
    expect(severity(read(f.expected as string), f).severity).toBe('warning');
  });

  it('is a warning when the other name is itself read in part (two parts may be of one name)', () => {
    const f = near('长财社【2023】219号长治民政系统护理员技能培训');
    expect(severity(read(f.expected as string, 'clipped'), f).severity).toBe('warning');
    expect(severity(read(f.expected as string, 'overflow'), f).severity).toBe('warning');
  });
});

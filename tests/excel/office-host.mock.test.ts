/**
 * OfficeWorkbookHost against office-addin-mock objects (unit level): the snapshot built from mocked, loaded ranges;
 * hosts without notes and comments degrade to fills only; a confirmed fix never lands on a formula cell.
 * office-addin-mock's objects answer a property only after load() and sync(), like Office.js proxies.
 */
import { OfficeMockObject } from 'office-addin-mock';

// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose dependency tree ships ES modules
// that jest (CommonJS) cannot load: stand the enum in.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
}));
import { checkHostSupport, HOST_TOO_OLD_MESSAGE, NOT_IN_EXCEL_MESSAGE, OLD_WEBVIEW_MESSAGE } from '../../src/excel/host-support';
import { MARK_SHEET, OfficeWorkbookHost, sheetFromRange, splitAreas, splitAddress } from '../../src/excel/office-host';
import type { CellFix, Finding } from '../../src/model/finding';

type Data = Record<string, unknown>;
type Mock = OfficeMockObject & Data;

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A tiny Excel of office-addin-mock objects: one sheet "表一", its used range, and recorders for what is written. */
function mockExcel(used: { address: string; values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] }, fills?: Data[][]) {
  const mocks: Mock[] = [];
  const ranges: { sheet: string; address: string; mock: Mock }[] = [];
  const added: { name: string; mock: Mock }[] = [];
  let syncs = 0;
  const make = (data: Data): Mock => {
    const m = new OfficeMockObject(data) as Mock;
    // isNullObject is readable once synced (Office.js sets it with any load of the object)
    if ('isNullObject' in data) m.load('isNullObject');
    mocks.push(m);
    return m;
  };
  const range = (sheet: string, address: string, extra: Data = {}): Mock => {
    const m = make({
      isNullObject: false,
      address: `${sheet}!${address}`,
      values: [['']],
      formulas: [['']],
      numberFormat: [['General']],
      format: {
        fill: { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0, clear() {} },
        font: { bold: false, color: '#000000', underline: 'None' },
        columnWidth: 48,
        wrapText: false,
        verticalAlignment: 'Bottom',
      },
      copyFrom() {
        throw new Error('copyFrom is not used without merged-area knowledge (ExcelApi < 1.13)');
      },
      ...extra,
    });
    ranges.push({ sheet, address, mock: m });
    return m;
  };
  const nullRange = () => make({ isNullObject: true, address: '', values: [['']], formulas: [['']], numberFormat: [['']], getCellProperties: () => ({ value: [] }) });
  const sheet = (name: string, position: number, usedRange?: () => Mock): Mock => {
    const ws: Mock = make({
      isNullObject: false,
      name,
      visibility: 'Visible',
      position,
      getUsedRangeOrNullObject: () => (usedRange ? usedRange() : nullRange()),
      getRange: (address = '') => range(name, address),
      getNextOrNullObject: () => nullSheet,
      activate() {},
      delete() {},
      freezePanes: { freezeRows() {} },
    });
    return ws;
  };
  const nullSheet: Mock = make({
    isNullObject: true,
    name: '',
    visibility: 'Visible',
    position: -1,
    getUsedRangeOrNullObject: () => nullRange(),
    getRange: () => nullRange(),
    getNextOrNullObject: () => nullSheet,
  });
  const t1 = sheet('表一', 0, () =>
    range('表一', used.address.split('!')[1], {
      values: used.values,
      formulas: used.formulas,
      numberFormat: used.numberFormat,
      getCellProperties: () => ({ value: fills ?? used.values.map((r) => r.map(() => ({ format: { fill: { color: '#FFFFFF', pattern: 'None' } } }))) }),
    }),
  );
  const workbook: Mock = make({
    name: 'mock.xlsx',
    worksheets: {
      getFirst: () => t1,
      getItem: (n: string) => (n === '表一' ? t1 : added.find((a) => a.name === n)!.mock),
      getItemOrNullObject: (n: string) => (n === MARK_SHEET ? { getUsedRangeOrNullObject: () => nullRange() } : t1),
      add: (n: string) => {
        const m = sheet(n, 1 + added.length);
        added.push({ name: n, mock: m });
        return m;
      },
      load() {},
    },
  });
  const context = {
    workbook,
    async sync() {
      syncs++;
      for (const m of [...mocks]) await m.sync();
      await tick();
    },
  };
  const run = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => batch(context as unknown as Excel.RequestContext);
  return { run, ranges, added, syncs: () => syncs };
}

const requirements = (version: string) => ({
  isSetSupported: (name: string, v?: string) => name === 'ExcelApi' && (!v || Number(v.split('.')[1]) <= Number(version.split('.')[1])),
});

describe('snapshot building from mocked ranges', () => {
  test('sheetFromRange: values as read, formulas without "=", number formats, date serials, merges 1-based', () => {
    const s = sheetFromRange(
      '表一',
      0,
      false,
      {
        address: "'表一'!B2:D3",
        values: [['收入', 100, ''], [45292, 200, 300]],
        formulas: [['收入', 100, ''], [45292, 200, '=SUM(C2:C3)']],
        numberFormat: [['General', '#,##0.00', 'General'], ['yyyy-mm-dd', 'General', '0.00']],
      },
      "'表一'!B1:D1,表一!E2:E3",
    );
    expect(s.rows[1]?.[1]).toEqual({ value: '收入' });
    expect(s.rows[1]?.[2]).toEqual({ value: 100, numFmt: '#,##0.00' });
    expect(s.rows[1]?.[3]).toBeUndefined();
    expect(s.rows[2]?.[1]).toEqual({ value: '2024-01-01', numFmt: 'yyyy-mm-dd' });
    expect(s.rows[2]?.[3]).toEqual({ value: 300, formula: 'SUM(C2:C3)', numFmt: '0.00' });
    expect([s.rowCount, s.colCount]).toEqual([3, 4]);
    expect(s.merges).toEqual([
      { top: 1, left: 2, bottom: 1, right: 4 },
      { top: 2, left: 5, bottom: 3, right: 5 },
    ]);
  });

  test('addresses: quoted sheet names, RangeAreas lists', () => {
    expect(splitAddress("'It''s, 表'!A1:B2")).toEqual({ sheet: "It's, 表", local: 'A1:B2' });
    expect(splitAddress('表一!C5')).toEqual({ sheet: '表一', local: 'C5' });
    expect(splitAreas("'a,b'!A1:B1, 'a,b'!C3:D4")).toEqual(["'a,b'!A1:B1", "'a,b'!C3:D4"]);
  });

  test('readSnapshot on office-addin-mock objects: the loaded used range becomes the sheet, in one sync', async () => {
    const excel = mockExcel({
      address: '表一!A1:C3',
      values: [['项目', '金额', ''], ['甲', 10, ''], ['合计', 10, 'x']],
      formulas: [['项目', '金额', ''], ['甲', 10, ''], ['合计', '=SUM(B2:B2)', 'x']],
      numberFormat: [['General', 'General', 'General'], ['General', '#,##0', 'General'], ['General', '#,##0', 'General']],
    });
    const host = new OfficeWorkbookHost(excel.run, requirements('1.9'));
    const snap = await host.readSnapshot();
    expect(excel.syncs()).toBe(1);
    expect(snap.name).toBe('mock.xlsx');
    expect(snap.sheets).toHaveLength(1);
    const s = snap.sheets[0];
    expect(s.name).toBe('表一');
    expect(s.rows[2]?.[1]).toEqual({ value: 10, formula: 'SUM(B2:B2)', numFmt: '#,##0' });
    expect(s.rows[1]?.[1]).toEqual({ value: 10, numFmt: '#,##0' });
    expect(s.merges).toEqual([]); // ExcelApi 1.9: no merged-areas API
  });
});

describe('annotate on office-addin-mock objects (ExcelApi 1.9)', () => {
  const used = {
    address: '表一!A1:B3',
    values: [['项目', '金额'], ['甲', ''], ['合计', 10]],
    formulas: [['项目', '金额'], ['甲', ''], ['合计', '=SUM(B2:B2)']],
    numberFormat: [['General', 'General'], ['General', 'General'], ['General', 'General']],
  };
  const findings: Finding[] = [
    { rule: 'T.x', severity: 'error', sheet: '表一', cells: ['B3'], message: '合计不等于各项之和' },
    { rule: 'T.y', severity: 'warning', sheet: '表一', cells: ['B2'], message: '金额为空' },
  ];
  const fixes: CellFix[] = [
    { sheet: '表一', cell: 'B2', value: '10', previous: '', from: [] },
    { sheet: '表一', cell: 'B3', value: '99', previous: '10', from: [] }, // a formula cell: never written
  ];

  test('no notes or comments below ExcelApi 1.10: fills and the result sheet only; the formula cell is not written', async () => {
    const excel = mockExcel(used);
    const host = new OfficeWorkbookHost(excel.run, requirements('1.9'));
    expect(host.noteKind()).toBe('none');
    await host.readSnapshot();
    const before = excel.syncs();
    const res = await host.annotate(findings, fixes);
    expect(excel.syncs() - before).toBe(1); // fills were read with the snapshot (getCellProperties)
    expect(res).toEqual({ highlighted: 2, notes: 0, noteKind: 'none', written: 1 });
    const onSheet = excel.ranges.filter((r) => r.sheet === '表一');
    const written = onSheet.filter((r) => Array.isArray(r.mock.values) && r.mock.values[0][0] !== '' && typeof r.mock.values[0][0] === 'number');
    expect(written.map((r) => [r.address, r.mock.values])).toEqual([['B2', [[10]]]]);
    expect(onSheet.some((r) => r.address === 'B3' && (r.mock.values as unknown[][])[0][0] === 99)).toBe(false);
    // (an office-addin-mock property never loaded reads as an error string: only colours that were set count)
    const colour = (r: { mock: Mock }) => ((r.mock.format as Data).fill as Data).color;
    const fills = onSheet.filter((r) => /^#/.test(String(colour(r))) && colour(r) !== '#FFFFFF');
    expect(fills.map((r) => [r.address, colour(r)])).toEqual([
      ['B3', '#FFC7CE'],
      ['B2', '#FFEB9C'], // a warning outranks the auto-fill mark
    ]);
    expect(excel.added.map((a) => a.name)).toEqual([MARK_SHEET, '校验结果']);
    expect(excel.added[0].mock.visibility).toBe('VeryHidden');
  });
});

describe('checkHostSupport', () => {
  const modern = { Promise, Proxy, Map, Symbol, navigator: { userAgent: 'Mozilla/5.0 (Windows NT 10.0) Edg/120' } };
  const office = (v: string) => ({ context: { requirements: requirements(v) } });

  test('a supported Excel: no message', () => {
    expect(checkHostSupport(office('1.4'), modern)).toBeNull();
    expect(checkHostSupport(office('1.18'), modern)).toBeNull();
  });

  test('too old, IE11 web view, or not in Excel: a Chinese message', () => {
    expect(checkHostSupport(office('1.3'), modern)).toBe(HOST_TOO_OLD_MESSAGE);
    expect(checkHostSupport({ context: {} }, modern)).toBe(HOST_TOO_OLD_MESSAGE);
    const ie = { navigator: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko' } };
    expect(checkHostSupport(office('1.9'), ie)).toBe(OLD_WEBVIEW_MESSAGE);
    expect(checkHostSupport(office('1.9'), { ...modern, Proxy: undefined })).toBe(OLD_WEBVIEW_MESSAGE);
    expect(checkHostSupport(undefined, modern)).toBe(NOT_IN_EXCEL_MESSAGE);
    expect(HOST_TOO_OLD_MESSAGE).toMatch(/版本过旧/);
  });

  test('written in ES5 syntax, so IE11 can run it to show the message', () => {
    const src = checkHostSupport.toString();
    for (const modernSyntax of ['=>', '`', '?.', '??', 'class ', '...', 'let ', 'const ']) expect(src).not.toContain(modernSyntax);
  });
});

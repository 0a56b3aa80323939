/**
 * Pure parts of the Office.js adapter (no host): the snapshot built from ranges as Office.js returns them, address
 * parsing, the product-note test, and checkHostSupport. The adapter itself runs on the Excel-API simulator
 * (office-host.sim.test.ts).
 */
import { checkHostSupport, HOST_TOO_OLD_MESSAGE, NOT_IN_EXCEL_MESSAGE, OLD_WEBVIEW_MESSAGE } from '../../src/excel/host-support';
import { addBlock, addFormulas, isProductNote, sheetFromRange, splitAreas, splitAddress } from '../../src/excel/office-host';
import { NOTE_HEADER } from '../../src/format/marks';

function requirements(version: string) {
  return {
    isSetSupported: (name: string, min?: string) => {
      if (name !== 'ExcelApi') return false;
      const a = version.split('.').map(Number);
      const b = (min ?? '1.1').split('.').map(Number);
      return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
    },
  };
}

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

  test('addBlock / addFormulas: pieces of rows and formula areas read apart make the same sheet', () => {
    const whole = sheetFromRange('表一', 0, false, {
      address: '表一!A1:B3',
      values: [['项目', '金额'], ['甲', 10], ['合计', 10]],
      formulas: [['项目', '金额'], ['甲', 10], ['合计', '=SUM(B2:B2)']],
      numberFormat: [['General', 'General'], ['General', '#,##0'], ['General', '#,##0']],
    }, null);
    const parts = sheetFromRange('表一', 0, false, null, null);
    addBlock(parts, { address: '表一!A1:B2', values: [['项目', '金额'], ['甲', 10]], numberFormat: [['General', 'General'], ['General', '#,##0']] });
    addBlock(parts, { address: '表一!A3:B3', values: [['合计', 10]], numberFormat: [['General', '#,##0']] });
    addFormulas(parts, '表一!B3', [['=SUM(B2:B2)']]);
    addFormulas(parts, '表一!D9', [['=1/0']]);
    expect(parts.rows[2]).toEqual(whole.rows[2]);
    expect(parts.rows[1]).toEqual(whole.rows[1]);
    expect(parts.rows[8]?.[3]).toEqual({ value: null, formula: '1/0' });
  });

  test('isProductNote: only the header and the product’s own lines', () => {
    expect(isProductNote(`${NOTE_HEADER}\n【错误】合计不等（T3.SUM）`)).toBe(true);
    expect(isProductNote(`${NOTE_HEADER}\n【错误】合计不等（T3.SUM）\n我已核对`)).toBe(false);
    expect(isProductNote('【错误】合计不等（T3.SUM）')).toBe(false);
    expect(isProductNote(NOTE_HEADER)).toBe(false);
    expect(isProductNote(undefined)).toBe(false);
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

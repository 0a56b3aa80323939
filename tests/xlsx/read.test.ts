import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { getCell, cellText, MergeIndex } from '../../src/model/snapshot';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { slideFormula } from '../../src/xlsx/formula';
import { isDateFormat } from '../../src/model/numfmt';

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheet(wb: WorkbookSnapshot, name: string) {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe('readWorkbookBuffer on a workbook written by ExcelJS', () => {
  let snap: WorkbookSnapshot;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('1收支总表');
    ws.mergeCells('A1:D1');
    ws.getCell('A1').value = { richText: [{ text: '2024年' }, { font: { bold: true }, text: '预算收支总表' }] };
    ws.mergeCells('B5:C6');
    ws.getCell('B5').value = '合并区';
    ws.getCell('A2').value = '单位：万元';
    ws.getCell('A3').value = '项目';
    ws.getCell('B3').value = 1096.55;
    ws.getCell('B3').numFmt = '#,##0.00';
    ws.getCell('C3').value = 4212;
    ws.getCell('D3').value = { formula: 'B3+C3', result: 5308.55 };
    ws.getCell('D3').numFmt = '0.00_ ';
    ws.getCell('E3').value = { formula: 'A3&"合计"', result: '项目合计' };
    ws.getCell('A4').value = { text: '跳转到表二', hyperlink: "#'2收入总表'!A1" };
    ws.getCell('B4').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
    ws.getCell('C4').value = true;
    ws.getCell('D4').value = new Date(Date.UTC(2024, 0, 15));
    ws.getCell('D4').numFmt = 'yyyy-mm-dd';
    ws.getCell('E4').value = new Date(Date.UTC(2024, 0, 15, 10, 30, 0));
    ws.getCell('E4').numFmt = 'yyyy-mm-dd hh:mm:ss';
    ws.getCell('A7').value = 0;
    ws.getCell('B7').value = -12.5;
    ws.getCell('C7').value = 0.1;
    ws.getCell('C7').numFmt = '0.00%';
    ws.getCell('D7').value = '待定';
    ws.getCell('A8').value = 'line1\nline2';
    // shared formulas (ExcelJS writes the master with t="shared" and the others as references to it)
    ws.getCell('A10').value = 1;
    ws.getCell('A11').value = 2;
    ws.getCell('A12').value = 3;
    ws.fillFormula('B10:B12', 'A10*2', [2, 4, 6]);
    // a styled but empty cell must not appear
    ws.getCell('H20').numFmt = '0.00';

    const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
    hidden.getCell('A1').value = 'x';
    const veryHidden = wb.addWorksheet('很隐藏', { state: 'veryHidden' });
    veryHidden.getCell('B2').value = 2;
    wb.addWorksheet('空表');
    const big = wb.addWorksheet('2收入总表');
    big.getCell('AA100').value = 7;

    snap = await readWorkbookBuffer(await toBuffer(wb), 'x.xlsx');
  });

  test('sheets in workbook order with index, name, hidden state', () => {
    expect(snap.name).toBe('x.xlsx');
    expect(snap.sheets.map((s) => s.name)).toEqual(['1收支总表', '隐藏', '很隐藏', '空表', '2收入总表']);
    expect(snap.sheets.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(snap.sheets.map((s) => !!s.hidden)).toEqual([false, true, true, false, false]);
  });

  test('rich text is joined to plain text; strings, numbers, booleans', () => {
    const s = sheet(snap, '1收支总表');
    expect(getCell(s, 1, 1)?.value).toBe('2024年预算收支总表');
    expect(getCell(s, 2, 1)?.value).toBe('单位：万元');
    expect(getCell(s, 3, 2)?.value).toBe(1096.55);
    expect(getCell(s, 3, 3)?.value).toBe(4212);
    expect(getCell(s, 4, 3)?.value).toBe(true);
    expect(getCell(s, 7, 1)?.value).toBe(0);
    expect(getCell(s, 7, 2)?.value).toBe(-12.5);
    expect(getCell(s, 7, 4)?.value).toBe('待定');
    expect(getCell(s, 8, 1)?.value).toBe('line1\nline2');
  });

  test('formula cells carry the formula and their cached result', () => {
    const s = sheet(snap, '1收支总表');
    expect(getCell(s, 3, 4)).toEqual({ value: 5308.55, formula: 'B3+C3', numFmt: '0.00_ ' });
    expect(getCell(s, 3, 5)).toEqual({ value: '项目合计', formula: 'A3&"合计"' });
    expect(getCell(s, 10, 2)).toEqual({ value: 2, formula: 'A10*2' });
    expect(getCell(s, 11, 2)).toEqual({ value: 4, formula: 'A11*2' });
    expect(getCell(s, 12, 2)).toEqual({ value: 6, formula: 'A12*2' });
  });

  test('hyperlinks give their text, errors their text, dates ISO strings', () => {
    const s = sheet(snap, '1收支总表');
    expect(getCell(s, 4, 1)?.value).toBe('跳转到表二');
    expect(getCell(s, 4, 2)?.value).toBe('#REF!');
    expect(getCell(s, 4, 4)?.value).toBe('2024-01-15');
    expect(getCell(s, 4, 5)?.value).toBe('2024-01-15T10:30:00');
  });

  test('number formats other than General', () => {
    const s = sheet(snap, '1收支总表');
    expect(getCell(s, 3, 2)?.numFmt).toBe('#,##0.00');
    expect(getCell(s, 7, 3)?.numFmt).toBe('0.00%');
    expect(getCell(s, 3, 3)?.numFmt).toBeUndefined();
    expect(getCell(s, 2, 1)?.numFmt).toBeUndefined();
  });

  test('merges are 1-based inclusive areas', () => {
    const s = sheet(snap, '1收支总表');
    expect(s.merges).toEqual(
      expect.arrayContaining([
        { top: 1, left: 1, bottom: 1, right: 4 },
        { top: 5, left: 2, bottom: 6, right: 3 },
      ]),
    );
    expect(s.merges).toHaveLength(2);
    const mi = new MergeIndex(s);
    expect(mi.text(1, 4)).toBe('2024年预算收支总表');
    expect(mi.text(6, 3)).toBe('合并区');
  });

  test('sparse: empty styled cells are not stored; counts are the used range', () => {
    const s = sheet(snap, '1收支总表');
    expect(getCell(s, 20, 8)).toBeUndefined();
    expect(s.rowCount).toBe(12);
    expect(s.colCount).toBe(5);
    const empty = sheet(snap, '空表');
    expect(empty.rowCount).toBe(0);
    expect(empty.colCount).toBe(0);
    expect(empty.rows).toEqual([]);
    const big = sheet(snap, '2收入总表');
    expect(big.rowCount).toBe(100);
    expect(big.colCount).toBe(27);
    expect(big.rows.filter(Boolean)).toHaveLength(1);
  });

  test('agrees with ExcelJS reading the same file (text of every non-date cell)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('对照');
    const values: ExcelJS.CellValue[] = ['文本', 12.34, -0.5, 1e-7, 123456789.01, true, { formula: 'B1*2', result: 24.68 }, { richText: [{ text: 'a' }, { text: 'b' }] }];
    values.forEach((v, i) => (ws.getCell(1 + i, 1 + (i % 3)).value = v));
    const buf = await toBuffer(wb);
    const ours = await readWorkbookBuffer(buf, 'c.xlsx');
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load(buf as unknown as ArrayBuffer);
    let compared = 0;
    theirs.getWorksheet('对照')!.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const mine = getCell(ours.sheets[0], r, c);
        const expected = cell.type === ExcelJS.ValueType.Boolean ? String(cell.value).toUpperCase() : cell.text;
        const got = typeof mine?.value === 'boolean' ? String(mine.value).toUpperCase() : cellText(mine);
        expect(got).toBe(expected);
        compared++;
      }),
    );
    expect(compared).toBe(values.length);
  });
});

/** Builds an .xlsx from raw parts, for what ExcelJS never writes (inline rich text, prefixes, 1904 dates …). */
async function rawXlsx(sheetXml: string, opts: { sst?: string; styles?: string; date1904?: boolean; prefix?: boolean } = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${
      opts.date1904 ? '<workbookPr date1904="1"/>' : ''
    }<sheets><sheet name="S" sheetId="1" r:id="rId1"/><sheet name="图表" sheetId="2" r:id="rId9"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>' +
      '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
  );
  if (opts.sst) zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${opts.sst}</sst>`);
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${
      opts.styles ??
      '<numFmts count="1"><numFmt numFmtId="176" formatCode="#,##0.00&quot;万元&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="14"/><xf numFmtId="31"/></cellXfs>'
    }</styleSheet>`,
  );
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const body = opts.prefix
    ? `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetXml.replace(/<(\/?)(?!x:)([a-zA-Z]+)/g, '<$1x:$2')}</x:worksheet>`
    : `<worksheet ${ns}>${sheetXml}</worksheet>`;
  zip.file('xl/worksheets/data.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('readWorkbookBuffer on hand-written SpreadsheetML', () => {
  test('inline rich strings, phonetic runs, Excel escapes, shared strings with runs', async () => {
    const buf = await rawXlsx(
      '<sheetData><row r="1">' +
        '<c r="A1" t="inlineStr"><is><r><t>一般</t></r><r><rPr><b/></rPr><t xml:space="preserve">公共 预算</t></r></is></c>' +
        '<c r="B1" t="s"><v>0</v></c>' +
        '<c r="C1" t="s"><v>1</v></c>' +
        '<c r="D1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
        '<c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
        '</row></sheetData>',
      {
        sst:
          '<si><r><t>教育</t></r><r><t>支出</t></r><rPh sb="0" eb="2"><t>jiaoyu</t></rPh></si>' +
          '<si><t>第一行_x000D_\n第二行</t></si>',
      },
    );
    const s = (await readWorkbookBuffer(buf, 'r.xlsx')).sheets[0];
    expect(getCell(s, 1, 1)?.value).toBe('一般公共 预算');
    expect(getCell(s, 1, 2)?.value).toBe('教育支出');
    expect(getCell(s, 1, 3)?.value).toBe('第一行\r\n第二行');
    expect(getCell(s, 1, 4)).toEqual({ value: 'ab', formula: '"a"&"b"' });
    expect(getCell(s, 1, 5)).toEqual({ value: '#DIV/0!', formula: '1/0' });
  });

  test('cells and rows without r attributes, namespace prefixes, chart sheets, custom and CJK formats', async () => {
    for (const prefix of [false, true]) {
      const buf = await rawXlsx(
        '<sheetData><row><c><v>1</v></c><c s="1"><v>2.5</v></c></row><row><c s="2"><v>45306</v></c><c s="3"><v>45306</v></c></row>' +
          '<row r="5"><c r="C5"><f t="shared" ref="C5:C7" si="0">SUM($A$1:A1)+Sheet2!B1</f><v>1</v></c></row>' +
          '<row r="6"><c r="C6"><f t="shared" si="0"/><v>2</v></c></row></sheetData>' +
          '<mergeCells count="1"><mergeCell ref="A9:B10"/></mergeCells>',
        { prefix },
      );
      const wb = await readWorkbookBuffer(buf, 'p.xlsx');
      expect(wb.sheets.map((x) => x.name)).toEqual(['S', '图表']);
      expect(wb.sheets[1].rowCount).toBe(0);
      const s = wb.sheets[0];
      expect(getCell(s, 1, 1)?.value).toBe(1);
      expect(getCell(s, 1, 2)).toEqual({ value: 2.5, numFmt: '#,##0.00"万元"' });
      expect(getCell(s, 2, 1)).toEqual({ value: '2024-01-15', numFmt: 'yyyy/m/d' });
      expect(getCell(s, 2, 2)).toEqual({ value: '2024-01-15', numFmt: 'yyyy"年"m"月"d"日"' });
      expect(getCell(s, 5, 3)?.formula).toBe('SUM($A$1:A1)+Sheet2!B1');
      expect(getCell(s, 6, 3)).toEqual({ value: 2, formula: 'SUM($A$1:A2)+Sheet2!B2' });
      expect(s.merges).toEqual([{ top: 9, left: 1, bottom: 10, right: 2 }]);
    }
  });

  test('1904 date system', async () => {
    const buf = await rawXlsx('<sheetData><row r="1"><c r="A1" s="2"><v>43844</v></c></row></sheetData>', { date1904: true });
    const s = (await readWorkbookBuffer(buf, 'd.xlsx')).sheets[0];
    expect(getCell(s, 1, 1)?.value).toBe('2024-01-15');
  });
});

describe('helpers', () => {
  test('slideFormula moves relative references only', () => {
    expect(slideFormula('A1+$B$2+C$3+$D4', 2, 1)).toBe('B3+$B$2+D$3+$D6');
    expect(slideFormula('SUM(C2:C10)/LOG10(A1)', 1, 0)).toBe('SUM(C3:C11)/LOG10(A2)');
    expect(slideFormula("'表 A1'!B2&\"A1\"", 1, 0)).toBe("'表 A1'!B3&\"A1\"");
    expect(slideFormula('A1', -1, 0)).toBe('#REF!');
  });

  test('isDateFormat', () => {
    for (const f of ['yyyy-mm-dd', 'm/d/yy', 'yyyy"年"m"月"d"日"', '[$-F800]dddd, mmmm dd, yyyy', 'h:mm:ss', '[h]:mm']) expect(isDateFormat(f)).toBe(true);
    for (const f of ['#,##0.00', '0.00_ ', '#,##0.00"万元"', '[Red]0.00', '0.00%', '@', 'General', '[DBNum2][$-804]General', '0.00E+00']) expect(isDateFormat(f)).toBe(false);
  });
});

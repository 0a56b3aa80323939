/**
 * The CLI side of issue 15's last-year input and 补充信息 sheet: `narrative --previous`, `--supplement <out.xlsx>`
 * (a patch of the package: the 补充信息 sheet added, every other entry copied as it is, the input untouched),
 * `check --previous`, `--change-threshold`. The previous year's workbook is the sample with its 表一 amounts
 * scaled, written here with ExcelJS.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { recognise } from '../../src/engine';
import { Decimal } from '../../src/model/money';
import { readSupplement } from '../../src/narrative/supplement';
import { readWorkbookFile } from '../../src/xlsx/read';

const SAMPLE = path.resolve(__dirname, '../../examples/sample-长治市民政局-2024.xlsx');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (l: string) => void err.push(l) }, out, err };
}

let dir: string;
let prev: string;
/** 表一's 收入总计 as written into last year's file. */
let lastIncome: Decimal;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bc-prev-'));
  const rec = recognise(await readWorkbookFile(SAMPLE));
  const t1 = rec.tables.T1!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(SAMPLE) as unknown as ArrayBuffer);
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (ws.name === t1.sheet && typeof cell.value === 'number') cell.value = new Decimal(cell.value).times('0.9').toDecimalPlaces(2).toNumber();
        else if (typeof cell.value === 'string' && cell.value.includes('2024')) cell.value = cell.value.split('2024').join('2023');
      }),
    ),
  );
  const inc = t1.income.incomeTotal!;
  lastIncome = new Decimal(wb.getWorksheet(inc.sheet)!.getCell(inc.cell).value as number);
  prev = path.join(dir, '2023年预算公开.xlsx');
  await wb.xlsx.writeFile(prev);
}, 60000);
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

test('narrative --previous --supplement: 比上年 computed, a copy with the 补充信息 sheet prefilled, the input untouched', async () => {
  const before = readFileSync(SAMPLE);
  const out = path.join(dir, '补充信息副本.xlsx');
  const c = capture();
  expect(await main(['narrative', SAMPLE, '--previous', prev, '--supplement', out], c.io)).toBe(0);
  expect(readFileSync(SAMPLE).equals(before)).toBe(true);
  expect(c.err.join('\n')).toContain(`已写出带“补充信息”表的工作簿副本：${out}`);
  const md = c.out.join('');
  expect(md).toContain('比上年增加179.98万元，增长11.11%'); // 1,799.77 − 1,619.79 = 179.98; ÷ 1,619.79 = 11.11%
  expect(md).not.toMatch(/【请填写：[^】]*上年收入总计/);

  // The copy: one sheet more, read back as the supplement, with last year's 收入总计 from the previous file.
  const copy = await readWorkbookFile(out);
  const original = await readWorkbookFile(SAMPLE);
  expect(copy.sheets.map((s) => s.name)).toEqual([...original.sheets.map((s) => s.name), '补充信息']);
  const sup = readSupplement(copy);
  expect(sup.values['上年收入总计']).toBe(lastIncome.toFixed(2));
  expect(sup.projects.length).toBeGreaterThan(0);
  // A patch, not a re-save: every entry but the workbook part, its relationships and the content types is byte-identical.
  const a = await JSZip.loadAsync(before);
  const b = await JSZip.loadAsync(readFileSync(out));
  const touched = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml']);
  for (const name of Object.keys(a.files)) {
    if (a.files[name].dir || touched.has(name)) continue;
    expect([name, Buffer.from(await b.file(name)!.async('uint8array')).equals(Buffer.from(await a.file(name)!.async('uint8array')))]).toEqual([name, true]);
  }
  expect(Object.keys(b.files).filter((n) => !a.files[n] && !b.files[n].dir)).toEqual([expect.stringMatching(/^xl\/worksheets\/sheet\d+\.xml$/)]);

  // A workbook that already has a 补充信息 sheet is not overwritten.
  const again = capture();
  expect(await main(['narrative', out, '--supplement', path.join(dir, '再一次.xlsx')], again.io)).toBe(2);
  expect(again.err.join('')).toContain('已有“补充信息”表');
});

test('check --previous reports the 比上年 figures against last year; bad options are one Chinese line, exit 2', async () => {
  const c = capture();
  await main(['check', SAMPLE, '--previous', prev, '--json'], c.io);
  const json = JSON.parse(c.out.join('')) as { findings: { rule: string; message: string }[] };
  const prevFindings = json.findings.filter((f) => f.rule === 'N.previous');
  expect(prevFindings.length).toBeGreaterThan(0);
  expect(prevFindings[0].message).toContain('2023年预算公开.xlsx');

  const bad = capture();
  expect(await main(['check', SAMPLE, '--previous', prev, '--change-threshold', 'abc'], bad.io)).toBe(2);
  expect(bad.err.join('')).toContain('--change-threshold');
  const same = capture();
  expect(await main(['narrative', SAMPLE, '--previous', SAMPLE], same.io)).toBe(2);
  expect(same.err.join('')).toContain('--previous');
  const noFile = capture();
  expect(await main(['check', SAMPLE, '--previous', path.join(dir, '没有这个文件.xlsx')], noFile.io)).toBe(2);
  expect(noFile.err).toHaveLength(1);
});

test('check --narrative <情况说明.docx>: N.* findings on 段落N of the document; a .doc is one Chinese line, exit 2', async () => {
  const { Document, Packer, Paragraph } = await import('docx');
  const text = (JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/seeds/001.json'), 'utf8')) as { narrative: string[] }).narrative;
  const docx = path.join(dir, '情况说明.docx');
  const { writeFileSync } = await import('fs');
  writeFileSync(docx, new Uint8Array(await Packer.toArrayBuffer(new Document({ sections: [{ children: text.map((t) => new Paragraph(t)) }] }))));
  const c = capture();
  await main(['check', SAMPLE, '--narrative', docx, '--json'], c.io);
  const json = JSON.parse(c.out.join('')) as { findings: { rule: string; sheet: string; cells: string[] }[] };
  const n = json.findings.filter((f) => f.rule.startsWith('N.'));
  expect(n.length).toBeGreaterThan(0);
  for (const f of n) expect(f).toMatchObject({ sheet: '情况说明.docx', cells: [expect.stringMatching(/^段落\d+$/)] });

  const doc = path.join(dir, '旧版.doc');
  writeFileSync(doc, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  const old = capture();
  expect(await main(['check', SAMPLE, '--narrative', doc], old.io)).toBe(2);
  expect(old.err).toEqual(['无法读取情况说明：旧版.doc 是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再校验']);
});

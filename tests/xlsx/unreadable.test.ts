import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { readWorkbookBuffer, readWorkbookFile, UnreadableWorkbookError } from '../../src/xlsx/read';

let dir: string;
let realXlsx: Buffer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-unreadable-'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('1收支总表');
  for (let r = 1; r <= 200; r++) ws.addRow([`科目${r}`, r * 1.5, { formula: `B${r}*2`, result: r * 3 }]);
  realXlsx = Buffer.from(await wb.xlsx.writeBuffer());
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function expectUnreadable(p: Promise<unknown>, reason?: string): Promise<UnreadableWorkbookError> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(UnreadableWorkbookError);
  const u = err as UnreadableWorkbookError;
  expect(u.name).toBe('UnreadableWorkbookError');
  expect(u.message).toMatch(/^无法读取文件：/);
  expect(u.message).not.toMatch(/\n/);
  if (reason) expect(u.reason).toBe(reason);
  return u;
}

function write(name: string, data: Buffer | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
}

test('the real workbook itself reads', async () => {
  const wb = await readWorkbookFile(write('ok.xlsx', realXlsx));
  expect(wb.name).toBe('ok.xlsx');
  expect(wb.sheets[0].rowCount).toBe(200);
});

test('missing path', async () => {
  const e = await expectUnreadable(readWorkbookFile(path.join(dir, 'nope.xlsx')), 'missing');
  expect(e.message).toContain('找不到文件');
});

test('a directory', async () => {
  await expectUnreadable(readWorkbookFile(dir), 'not_a_file');
});

test('random bytes', async () => {
  const bytes = Buffer.alloc(4096);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) & 0x7fffffff) & 0xff;
  await expectUnreadable(readWorkbookFile(write('random.xlsx', bytes)), 'not_zip');
});

test('random bytes after a zip signature', async () => {
  const bytes = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]);
  await expectUnreadable(readWorkbookBuffer(bytes, 'pk.xlsx'), 'corrupt');
});

test('a truncated zip of a real xlsx', async () => {
  for (const frac of [0.2, 0.5, 0.9]) {
    const cut = realXlsx.subarray(0, Math.floor(realXlsx.length * frac));
    const e = await expectUnreadable(readWorkbookFile(write(`cut${frac}.xlsx`, cut)), 'corrupt');
    expect(e.message).toBe(`无法读取文件：${path.join(dir, `cut${frac}.xlsx`)} 不是有效的 .xlsx 文件（可能已损坏）`);
  }
});

test('a damaged entry inside an intact zip', async () => {
  const zip = await JSZip.loadAsync(realXlsx);
  const names = Object.keys(zip.files).filter((n) => /worksheets\/sheet1\.xml$/.test(n));
  zip.file(names[0], '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>');
  const broken = await zip.generateAsync({ type: 'nodebuffer' });
  await expectUnreadable(readWorkbookBuffer(broken, 'bad-xml.xlsx'), 'corrupt');
});

test('a .csv renamed .xlsx', async () => {
  await expectUnreadable(readWorkbookFile(write('table.xlsx', '项目,金额\n一般公共预算,1096.55\n')), 'not_zip');
});

test('an .xls (OLE2) renamed .xlsx, and an encrypted xlsx', async () => {
  const ole = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  const e = await expectUnreadable(readWorkbookFile(write('old.xlsx', ole)), 'xls');
  expect(e.message).toContain('.xls');
  const enc = Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le')]);
  await expectUnreadable(readWorkbookFile(write('locked.xlsx', enc)), 'encrypted');
});

test('an empty file', async () => {
  await expectUnreadable(readWorkbookFile(write('empty.xlsx', '')), 'empty');
});

test('a zip that is not a workbook (e.g. a renamed .docx)', async () => {
  const zip = new JSZip();
  zip.file('word/document.xml', '<w:document/>');
  zip.file('readme.txt', 'hello');
  const buf = await zip.generateAsync({ type: 'nodebuffer' });
  await expectUnreadable(readWorkbookFile(write('doc.xlsx', buf)), 'not_workbook');
});

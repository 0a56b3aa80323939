/**
 * Every file a clerk has: .xls (BIFF8), .ods and an .xlsx re-saved by LibreOffice, produced in this test's setup
 * by LibreOffice headless from the seed workbooks (never committed binary files), give the same `check --json`
 * (tables, performance targets, findings by rule, sheet, cells, severity) as the original .xlsx, and the same
 * snapshot (values, number formats, merges, formulas, hidden sheets).
 *
 * Without LibreOffice (`soffice`) the comparisons are skipped with one printed sentence; with CI=true its absence
 * fails the run.
 */
import { spawnSync } from 'child_process';
import crypto from 'crypto';
import ExcelJS from 'exceljs';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { main, type Io } from '../../src/cli/main';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import { detectFormat, openWorkbookBuffer, openWorkbookFile } from '../../src/xlsx/open';
import { UnreadableWorkbookError } from '../../src/xlsx/errors';
import { EngineCore } from '../../src/web/engine/core';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'fixtures/workbooks');
const SEEDS = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort();
const FORMATS = ['xls', 'ods', 'xlsx'] as const;
type Fmt = (typeof FORMATS)[number];

const HAVE_SOFFICE = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const IN_CI = process.env.CI === 'true';
if (!HAVE_SOFFICE && !IN_CI) {
   
  console.log('LibreOffice (soffice) 未安装：跳过 .xls/.ods 读取对比测试（CI=true 时缺少它会使测试失败）。');
}

let work: string;
/** converted[fmt][seed file] = path of the LibreOffice output */
const converted: Record<Fmt, Record<string, string>> = { xls: {}, ods: {}, xlsx: {} };

/** The extra workbook: a hidden sheet, formulas, a date, merges and number formats, written by ExcelJS. */
async function writeFeatureWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('数据');
  a.getCell('A1').value = '　　一般公共服务支出';
  a.mergeCells('A2:C3');
  a.getCell('A2').value = '合并的标题';
  a.getCell('B5').value = 1234.5;
  a.getCell('B5').numFmt = '#,##0.00';
  a.getCell('B6').value = 0.125;
  a.getCell('B6').numFmt = '0.00%';
  a.getCell('B7').value = { formula: 'B5*2', result: 2469 };
  a.getCell('B8').value = { formula: 'SUM(B5:B7)', result: 3703.625 };
  a.getCell('B9').value = new Date(Date.UTC(2024, 0, 15));
  a.getCell('B9').numFmt = 'yyyy-mm-dd';
  a.getCell('B10').value = true;
  const h = wb.addWorksheet('隐藏表', { state: 'hidden' });
  h.getCell('A1').value = '看不见的表';
  h.getCell('B2').value = 42;
  await wb.xlsx.writeFile(file);
}

function fingerprint(files: string[]): string {
  const h = crypto.createHash('sha1');
  h.update(spawnSync('soffice', ['--version'], { encoding: 'utf8' }).stdout ?? '');
  for (const f of files) h.update(path.basename(f)).update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/** LibreOffice headless, with a profile of its own (other soffice processes on the machine are not disturbed). */
function soffice(to: string, outDir: string, inputs: string[]): void {
  const profile = `file://${path.join(work, 'lo-profile')}`;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', outDir, ...inputs], {
    encoding: 'utf8',
    timeout: 900_000,
  });
  if (r.status !== 0) throw new Error(`soffice --convert-to ${to} failed: ${r.stderr}`);
}

beforeAll(async () => {
  if (!HAVE_SOFFICE) return;
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-formats-'));
  const src = path.join(work, 'src');
  fs.mkdirSync(src);
  for (const s of SEEDS) fs.copyFileSync(path.join(FIXTURES, s), path.join(src, s));
  await writeFeatureWorkbook(path.join(src, 'features.xlsx'));
  const inputs = fs.readdirSync(src).map((f) => path.join(src, f));
  // The conversions take about a minute; they are kept in the temp folder, keyed by the inputs' bytes and the
  // LibreOffice version, so a second run on this machine reuses them.
  const cache = path.join(os.tmpdir(), `bc-formats-lo-${fingerprint(inputs)}`);
  for (const fmt of FORMATS) {
    const dir = path.join(cache, fmt);
    const want = inputs.map((f) => path.join(dir, `${path.basename(f, '.xlsx')}.${fmt}`));
    if (!want.every((f) => fs.existsSync(f))) {
      fs.mkdirSync(dir, { recursive: true });
      soffice(fmt, dir, inputs);
    }
    for (const f of inputs) converted[fmt][path.basename(f)] = path.join(dir, `${path.basename(f, '.xlsx')}.${fmt}`);
  }
}, 900_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

interface Captured {
  status: number;
  out: string;
  err: string[];
}
async function run(args: string[]): Promise<Captured> {
  let out = '';
  const err: string[] = [];
  const io: Io = { out: (t) => void (out += t), err: (l) => void err.push(l) };
  const status = await main(args, io);
  return { status, out, err };
}

/** What must not change with the file format. */
function essence(json: string): unknown {
  const j = JSON.parse(json);
  return {
    tables: j.tables,
    targets: j.performanceTargets,
    findings: j.findings.map((f: { rule: string; sheet: string; cells: string[]; severity: string }) => ({
      rule: f.rule,
      sheet: f.sheet,
      cells: f.cells,
      severity: f.severity,
    })),
    summary: j.summary,
  };
}

function cellsOf(wb: WorkbookSnapshot) {
  return wb.sheets.map((s) => ({
    name: s.name,
    hidden: !!s.hidden,
    merges: [...s.merges].sort((a, b) => a.top - b.top || a.left - b.left || a.bottom - b.bottom || a.right - b.right),
    cells: s.rows.flatMap((row, r) =>
      (row ?? []).flatMap((c, k) => (c ? [{ at: `${r + 1},${k + 1}`, value: c.value, formula: c.formula ?? null, numFmt: c.numFmt ?? null }] : [])),
    ),
  }));
}

const withSoffice = HAVE_SOFFICE ? describe : describe.skip;

if (!HAVE_SOFFICE && IN_CI) {
  test('LibreOffice headless is installed (CI=true)', () => {
    throw new Error('CI=true but soffice is not on PATH: the .xls/.ods parity tests cannot run (install libreoffice-calc-nogui).');
  });
}

withSoffice('LibreOffice conversions of the seed workbooks', () => {
  test('the converted files are what they say (detected by their bytes)', () => {
    for (const s of SEEDS) {
      expect(detectFormat(fs.readFileSync(converted.xls[s]))).toBe('xls');
      expect(detectFormat(fs.readFileSync(converted.ods[s]))).toBe('ods');
      expect(detectFormat(fs.readFileSync(converted.xlsx[s]))).toBe('xlsx');
    }
  });

  for (const fmt of FORMATS) {
    test(`check --json on every seed workbook as ${fmt === 'xlsx' ? 'an .xlsx re-saved by LibreOffice' : `.${fmt}`}: same tables, targets and findings`, async () => {
      for (const s of SEEDS) {
        const a = await run(['check', path.join(FIXTURES, s), '--json']);
        const b = await run(['check', converted[fmt][s], '--json']);
        expect(b.err).toEqual([]);
        expect(b.status).toBe(a.status);
        const ea = essence(a.out) as { findings: unknown[] };
        expect(ea.findings.length).toBeGreaterThan(0);
        expect({ seed: s, ...(essence(b.out) as object) }).toEqual({ seed: s, ...(ea as object) });
      }
    });

    test(`the snapshot of every seed workbook as .${fmt}: values, formulas, number formats, merges, sheets`, async () => {
      for (const s of SEEDS) {
        const a = await openWorkbookFile(path.join(FIXTURES, s));
        const b = await openWorkbookFile(converted[fmt][s]);
        expect({ seed: s, sheets: cellsOf(b) }).toEqual({ seed: s, sheets: cellsOf(a) });
      }
    });
  }

  test.each(FORMATS)('hidden sheet, formulas, a date, percent and merges survive as .%s', async (fmt) => {
    const wb = await openWorkbookFile(converted[fmt]['features.xlsx']);
    const data = wb.sheets.find((s) => s.name === '数据')!;
    const hidden = wb.sheets.find((s) => s.name === '隐藏表')!;
    expect(wb.sheets.map((s) => s.name)).toEqual(['数据', '隐藏表']);
    expect(data.hidden).toBeFalsy();
    expect(hidden.hidden).toBe(true);
    expect(hidden.rows[1]?.[1]?.value).toBe(42);
    const at = (ref: string) => {
      const col = ref.charCodeAt(0) - 64;
      const row = Number(ref.slice(1));
      return data.rows[row - 1]?.[col - 1];
    };
    expect(at('A1')?.value).toBe('　　一般公共服务支出'); // the ideographic-space indent is kept
    expect(data.merges).toContainEqual({ top: 2, left: 1, bottom: 3, right: 3 });
    expect(at('A2')?.value).toBe('合并的标题');
    expect(at('B5')).toMatchObject({ value: 1234.5, numFmt: '#,##0.00' });
    expect(at('B6')).toMatchObject({ value: 0.125, numFmt: '0.00%' });
    expect(at('B7')).toMatchObject({ value: 2469, formula: 'B5*2' });
    expect(at('B8')).toMatchObject({ value: 3703.625, formula: 'SUM(B5:B7)' });
    expect(at('B9')?.value).toBe('2024-01-15');
    // Known limit of SheetJS's .ods reader: a boolean cell comes back as 1 (no budget figure is a boolean).
    expect([true, 1]).toContain(at('B10')?.value);
  });

  test('narrative on an .xls and an .ods gives the same text as on the .xlsx', async () => {
    const s = SEEDS.find((f) => f.startsWith('000-standard'))!;
    const a = await run(['narrative', path.join(FIXTURES, s)]);
    for (const fmt of ['xls', 'ods'] as const) {
      const b = await run(['narrative', converted[fmt][s]]);
      expect(b.status).toBe(0);
      expect(b.out).toBe(a.out);
    }
  });

  test('batch finds and checks .xls and .ods files in a folder', async () => {
    const dir = path.join(work, 'batch');
    fs.mkdirSync(dir);
    const s = SEEDS.find((f) => f.startsWith('001-standard'))!;
    fs.copyFileSync(converted.xls[s], path.join(dir, '甲.xls'));
    fs.copyFileSync(converted.ods[s], path.join(dir, '乙.ods'));
    const r = await run(['batch', dir, '--jobs', '1']);
    expect(r.status).toBe(1); // the seed has errors
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
    const rows = report.workbooks;
    expect(rows.map((x: { file: string }) => x.file).sort()).toEqual(['乙.ods', '甲.xls']);
    for (const x of rows) expect(x.status).toBe('ok');
    expect(rows[0].errors).toBe(rows[1].errors);
  });

  test('the annotated copy of an .xls is an .xlsx beside it, says so, and leaves the .xls untouched', async () => {
    const dir = path.join(work, 'copy');
    fs.mkdirSync(dir);
    const s = SEEDS.find((f) => f.startsWith('000-standard'))!;
    const input = path.join(dir, '民政局.xls');
    fs.copyFileSync(converted.xls[s], input);
    const before = fs.readFileSync(input);
    const r = await run(['check', input, '--fix']);
    const copy = path.join(dir, '民政局.校验.xlsx');
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(copy);
    expect(r.err[0]).toContain('原文件是 .xls 格式，带标注的副本另存为 .xlsx');
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    expect(detectFormat(fs.readFileSync(copy))).toBe('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    expect(wb.getWorksheet('校验结果')).toBeDefined();
    // the copy holds the same tables: checking it finds what remains after the fixes, none of them INPUT.unreadable
    const again = await run(['check', copy, '--json']);
    expect(JSON.parse(again.out).tables).toEqual(JSON.parse((await run(['check', input, '--json'])).out).tables);
    // --out with another extension still gives an .xlsx
    const r2 = await run(['check', input, '--out', path.join(dir, 'marked.xls')]);
    expect(r2.err[0]).toContain(path.join(dir, 'marked.xlsx'));
    expect(detectFormat(fs.readFileSync(path.join(dir, 'marked.xlsx')))).toBe('xlsx');
    expect(fs.existsSync(path.join(dir, 'marked.xls'))).toBe(false);
  });

  test('the web page engine opens an .ods and its annotated download is an .xlsx', async () => {
    const s = SEEDS.find((f) => f.startsWith('001-standard'))!;
    const core = new EngineCore();
    const bytes = fs.readFileSync(converted.ods[s]);
    const opened = await core.open(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, '民政局.ods');
    const ref = JSON.parse((await run(['check', path.join(FIXTURES, s), '--json'])).out);
    expect(opened.findings.map((f) => [f.rule, f.sheet, f.cells ?? []])).toEqual(
      ref.findings.map((f: { rule: string; sheet: string; cells: string[] }) => [f.rule, f.sheet, f.cells]),
    );
    const out = await core.annotated();
    expect(detectFormat(out)).toBe('xlsx');
    const back = await openWorkbookBuffer(out, 'copy.xlsx');
    expect(back.sheets.map((x) => x.name)).toContain('校验结果');
  });

  test('a truncated .xls gets one Chinese line naming the file and its format', async () => {
    const s = SEEDS.find((f) => f.startsWith('000-standard'))!;
    const bytes = fs.readFileSync(converted.xls[s]);
    const cut = path.join(work, '截断.xls');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const r = await run(['check', cut]);
    expect(r.status).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^无法读取文件：.*截断\.xls/);
  });
});

describe('format detection and messages (no LibreOffice needed)', () => {
  const ole = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);

  async function unreadable(bytes: Buffer, name: string): Promise<UnreadableWorkbookError> {
    try {
      await openWorkbookBuffer(bytes, name);
    } catch (e) {
      expect(e).toBeInstanceOf(UnreadableWorkbookError);
      const u = e as UnreadableWorkbookError;
      expect(u.message).toMatch(/^无法读取文件：/);
      expect(u.message).not.toMatch(/\n/);
      return u;
    }
    throw new Error('expected UnreadableWorkbookError');
  }

  test('a password-protected xlsx (OLE2 with EncryptedPackage) keeps its message', async () => {
    const e = await unreadable(Buffer.concat([ole, Buffer.from('EncryptedPackage', 'utf16le')]), 'locked.xlsx');
    expect(e.reason).toBe('encrypted');
    expect(e.message).toContain('已加密');
  });

  test('a damaged OLE2 file named .xls says .xls; named .et says how to save it as .xlsx in WPS', async () => {
    const x = await unreadable(ole, '旧表.xls');
    expect(x.message).toContain('旧表.xls');
    expect(x.message).toMatch(/\.xls/);
    const et = await unreadable(ole, '表格.et');
    expect(et.message).toContain('表格.et');
    expect(et.message).toContain('另存为');
    expect(et.message).toContain('.xlsx');
  });

  test('xlsx messages are unchanged (empty, not a zip)', async () => {
    expect((await unreadable(Buffer.alloc(0), 'e.xlsx')).reason).toBe('empty');
    expect((await unreadable(Buffer.from('项目,金额\n'), 't.xlsx')).reason).toBe('not_zip');
  });
});

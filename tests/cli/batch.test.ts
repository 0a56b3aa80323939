/** budget-check batch <folder> [--out <report.html>] [--jobs N] [--json] (shared/spec/cli.md). */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { main, type Io } from '../../src/cli/main';
import { findWorkbooks } from '../../src/cli/batch';
import type { BatchSummary } from '../../src/cli/batch-report';
import { TABLE_IDS } from '../../src/tables/types';
import { check as runChecks } from '../../src/engine';
import { summarise } from '../../src/cli/report';
import { readWorkbookFile } from '../../src/xlsx/read';
import { cli, expectOneChineseLine, ROOT, writeNoTables, writeThirteenEmptyTables } from './helpers';

const FIXTURES = path.join(ROOT, 'fixtures/workbooks');

interface Captured extends Io {
  stdout: string;
  stderr: string[];
}
function capture(): Captured {
  const io: Captured = {
    stdout: '',
    stderr: [],
    out(t) {
      io.stdout += t;
    },
    err(l) {
      io.stderr.push(l);
    },
  };
  return io;
}

let tmp: string;
/** Seeds 000–003 (one per layout), a workbook without tables, a corrupt file, a text file, a lock file. */
let mixed: string;
/** Only workbooks without error-severity findings (13 empty tables, twice). */
let clean: string;

/** What `check` finds in a workbook: the batch must count the same. */
async function counts(file: string) {
  return summarise(runChecks(await readWorkbookFile(file)).findings);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-batch-'));
  mixed = path.join(tmp, '各部门');
  clean = path.join(tmp, 'clean');
  fs.mkdirSync(path.join(mixed, '县区'), { recursive: true });
  fs.mkdirSync(clean);
  fs.copyFileSync(path.join(FIXTURES, '000-standard.xlsx'), path.join(mixed, '000-standard.xlsx'));
  fs.copyFileSync(path.join(FIXTURES, '001-variant.xlsx'), path.join(mixed, '001-variant.xlsx'));
  fs.copyFileSync(path.join(FIXTURES, '002-merged-wide.xlsx'), path.join(mixed, '县区', '002-merged-wide.xlsx'));
  fs.copyFileSync(path.join(FIXTURES, '003-standard.xlsx'), path.join(mixed, '县区', '003-standard.xlsx'));
  await writeNoTables(path.join(mixed, '无表.xlsx'));
  // a truncated zip, named like a workbook
  fs.writeFileSync(path.join(mixed, '损坏.xlsx'), fs.readFileSync(path.join(FIXTURES, '001-standard.xlsx')).subarray(0, 5000));
  fs.writeFileSync(path.join(mixed, '说明.txt'), '不是工作簿');
  fs.copyFileSync(path.join(FIXTURES, '001-standard.xlsx'), path.join(mixed, '~$000-standard.xlsx'));

  await writeThirteenEmptyTables(path.join(clean, '干净.xlsx'));
  fs.mkdirSync(path.join(clean, '下级'));
  fs.copyFileSync(path.join(clean, '干净.xlsx'), path.join(clean, '下级', '干净2.xlsx'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('finds every .xlsx recursively, sorted, without lock files or other files', () => {
  expect(findWorkbooks(mixed)).toEqual(['000-standard.xlsx', '001-variant.xlsx', '县区/002-merged-wide.xlsx', '县区/003-standard.xlsx', '损坏.xlsx', '无表.xlsx']);
});

describe('a folder with seeds, a workbook with errors and a corrupt file', () => {
  let io: Captured;
  let code: number;
  let out: string;
  let summary: BatchSummary;

  beforeAll(async () => {
    io = capture();
    out = path.join(tmp, 'reports', '汇总.html');
    code = await main(['batch', mixed, '--out', out, '--jobs', '2', '--json'], io);
    summary = JSON.parse(io.stdout);
  });

  test('exit 1 (errors and an unreadable file), the batch went through every file', () => {
    expect(code).toBe(1);
    expect(summary.workbooks.map((r) => r.file)).toEqual(findWorkbooks(mixed));
  });

  test('summary JSON rows: department, counts, tables missing, target sheets, link', async () => {
    const row = Object.fromEntries(summary.workbooks.map((r) => [r.file, r]));
    expect(row['000-standard.xlsx']).toMatchObject({ department: '高平市民政局', status: 'ok', reason: null, tablesFound: 13, tablesMissing: [], targetSheets: 59 });
    expect(row['001-variant.xlsx']).toMatchObject({ department: '长治市民政局', status: 'ok', tablesFound: 13, targetSheets: 11 });
    expect(row['县区/002-merged-wide.xlsx']).toMatchObject({ department: '阳泉市民政局', status: 'ok', tablesFound: 13, targetSheets: 43 });
    // target sheets only: no caption, so the file name; all 13 tables missing
    expect(row['县区/003-standard.xlsx']).toMatchObject({ department: '003-standard', status: 'ok', tablesFound: 0, targetSheets: 29 });
    // the same counts as check (whatever the rules find in the seeds today)
    for (const r of summary.workbooks.filter((w) => w.status === 'ok')) {
      expect({ file: r.file, errors: r.errors, warnings: r.warnings, infos: r.infos }).toEqual({ file: r.file, ...(await counts(path.join(mixed, r.file))) });
    }
    expect(row['县区/003-standard.xlsx'].tablesMissing).toEqual([...TABLE_IDS]);
    expect(row['无表.xlsx']).toMatchObject({ department: '无表', status: 'ok', tablesFound: 0, targetSheets: 0 });
    expect(row['无表.xlsx'].errors).toBeGreaterThanOrEqual(13);
    expect(row['损坏.xlsx']).toMatchObject({ department: '损坏', status: 'unreadable', errors: 0 });
    expect(row['损坏.xlsx'].reason).toMatch(/^无法读取文件：损坏\.xlsx 不是有效的 \.xlsx 文件/);
    summary.workbooks.forEach((r, i) => expect(r.report).toBe(`汇总_files/00${i + 1}.html`));
    const ok = summary.workbooks.filter((r) => r.status === 'ok');
    expect(summary.totals).toEqual({
      workbooks: 6,
      passed: ok.filter((r) => r.errors === 0).length,
      withErrors: ok.filter((r) => r.errors > 0).length,
      unreadable: 1,
      errors: summary.workbooks.reduce((n, r) => n + r.errors, 0),
      warnings: summary.workbooks.reduce((n, r) => n + r.warnings, 0),
      infos: summary.workbooks.reduce((n, r) => n + r.infos, 0),
    });
  });

  test('report.json beside the HTML is the printed document', () => {
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'reports', 'report.json'), 'utf8'))).toEqual(summary);
  });

  test('HTML summary lists each department, the corrupt file as 无法读取, and links every page', () => {
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    for (const d of ['高平市民政局', '长治市民政局', '阳泉市民政局', '003-standard', '无表']) expect(html).toContain(`<td>${d}</td>`);
    expect(html).toMatch(/<td>损坏\.xlsx<\/td><td>无法读取<br>/);
    for (const r of summary.workbooks) {
      expect(html).toContain(`href="${encodeURIComponent('汇总_files')}/${path.basename(r.report)}"`);
      expect(fs.existsSync(path.join(tmp, 'reports', r.report))).toBe(true);
    }
  });

  test("each workbook's page lists its findings grouped by table", () => {
    const page = (file: string) => fs.readFileSync(path.join(tmp, 'reports', summary.workbooks.find((r) => r.file === file)!.report), 'utf8');
    const p000 = page('000-standard.xlsx');
    expect(p000).toContain('<h1>高平市民政局</h1>');
    expect(p000).toMatch(/<h2>表十三 项目支出预算表（上年结转）〔工作表：表十三〕<\/h2>/);
    expect(p000).toMatch(/\[(提示|错误)\]/);
    expect(p000).toContain('href="../%E6%B1%87%E6%80%BB.html"');
    const none = page('无表.xlsx');
    expect(none).toContain('<h2>输入问题</h2>');
    expect(none).toContain('[错误]');
    expect(page('损坏.xlsx')).toMatch(/无法读取文件：损坏\.xlsx/);
  });

  test('stderr: one counted line per workbook (not a terminal), then where the report is', () => {
    const counted = io.stderr.filter((l) => /^\[\d+\/6\] /.test(l));
    expect(counted).toHaveLength(6);
    expect(counted.some((l) => l.includes('损坏.xlsx：无法读取文件'))).toBe(true);
    expect(io.stderr[io.stderr.length - 1]).toMatch(/^已写出汇总报告：/);
  });
});

test('a folder without error-severity findings: exit 0, text summary on stdout, default report in the folder', async () => {
  expect((await counts(path.join(clean, '干净.xlsx'))).errors).toBe(0);
  const io = capture();
  const code = await main(['batch', clean], io);
  expect(code).toBe(0);
  expect(io.stdout).toContain('测试局（干净.xlsx）');
  expect(io.stdout).toContain('测试局（下级/干净2.xlsx）');
  expect(io.stdout).toMatch(/结果：共 2 个工作簿，通过 2 个，有错误 0 个，无法读取 0 个/);
  expect(fs.existsSync(path.join(clean, 'report.html'))).toBe(true);
  expect(fs.existsSync(path.join(clean, 'report.json'))).toBe(true);
  expect(fs.readdirSync(path.join(clean, 'report_files')).sort()).toEqual(['001.html', '002.html']);
});

describe('exit 2 with one Chinese line', () => {
  test.each([
    ['missing folder', () => ['batch', path.join(tmp, '没有这个文件夹')], /^无法读取文件夹：找不到文件夹/],
    ['a file, not a folder', () => ['batch', path.join(clean, '干净.xlsx')], /不是文件夹/],
    ['no .xlsx in the folder', () => ['batch', fs.mkdtempSync(path.join(tmp, 'empty-'))], /没有可校验的文件.*没有 \.xlsx/],
    ['--jobs 0', () => ['batch', clean, '--jobs', '0'], /^参数错误：--jobs/],
    ['two folders', () => ['batch', clean, mixed], /^参数错误：/],
    ['--out is a folder', () => ['batch', clean, '--out', tmp], /^参数错误：--out/],
  ])('%s', async (_name, argv, message) => {
    const io = capture();
    expect(await main(argv(), io)).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(message);
  });
});

describe('as a child process', () => {
  test('batch over the mixed folder: exit 1, counted progress on stderr, no stack trace', () => {
    const r = cli(['batch', mixed, '--out', path.join(tmp, 'cli', 'report.html')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[无法读取] 损坏（损坏.xlsx）：无法读取文件：');
    expect(r.stdout).toContain('[有错误] 无表（无表.xlsx）');
    expect(r.stdout).toMatch(/\[(通过|有错误)\] 高平市民政局（000-standard\.xlsx）/);
    expect(r.stderr).not.toMatch(/Error:|^\s*at |node:internal|\.ts:\d+/m);
    expect(r.stderr.trim().split('\n')).toHaveLength(7);
    expect(fs.existsSync(path.join(tmp, 'cli', 'report.json'))).toBe(true);
  });

  test('missing folder: exit 2, one Chinese line', () => {
    const r = cli(['batch', path.join(tmp, 'nope'), '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectOneChineseLine(r.stderr);
  });
});

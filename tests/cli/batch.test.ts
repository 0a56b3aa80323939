/** budget-check batch <folder> [--out <report.html>] [--jobs N] [--json] (docs/cli.md): discovery, rows, pages, output streams. */
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
    // target sheets only: no caption, so 无法识别 (the file stands beside it); all 13 tables missing
    expect(row['县区/003-standard.xlsx']).toMatchObject({ department: '无法识别', departmentFound: false, status: 'ok', tablesFound: 0, targetSheets: 29 });
    expect(row['000-standard.xlsx'].departmentFound).toBe(true);
    // the same counts as check (whatever the rules find in the seeds today)
    for (const r of summary.workbooks.filter((w) => w.status === 'ok')) {
      expect({ file: r.file, errors: r.errors, warnings: r.warnings, infos: r.infos }).toEqual({ file: r.file, ...(await counts(path.join(mixed, r.file))) });
    }
    expect(row['县区/003-standard.xlsx'].tablesMissing).toEqual([...TABLE_IDS]);
    expect(row['无表.xlsx']).toMatchObject({ department: '无法识别', status: 'ok', tablesFound: 0, targetSheets: 0 });
    expect(row['无表.xlsx'].kinds['输入'].errors).toBe(row['无表.xlsx'].errors);
    expect(row['无表.xlsx'].errors).toBeGreaterThanOrEqual(13);
    expect(row['损坏.xlsx']).toMatchObject({ department: '无法识别', status: 'unreadable', errors: 0 });
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
      kinds: expect.any(Object),
    });
    // per kind: the rows' counts add up, and each row's kinds add up to its errors and warnings
    for (const r of ok) {
      expect(Object.values(r.kinds).reduce((n, k) => n + k.errors, 0)).toBe(r.errors);
      expect(Object.values(r.kinds).reduce((n, k) => n + k.warnings, 0)).toBe(r.warnings);
      expect(r.findings.filter((f) => f.severity !== 'info')).toHaveLength(r.errors + r.warnings);
    }
    expect(summary.totals.kinds['表内'].warnings).toBe(ok.reduce((n, r) => n + r.kinds['表内'].warnings, 0));
  });

  test('the JSON beside the HTML, named after it (汇总.json), is the printed document', () => {
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'reports', '汇总.json'), 'utf8'))).toEqual(summary);
    expect(fs.existsSync(path.join(tmp, 'reports', 'report.json'))).toBe(false);
  });

  test('local time with its zone, not UTC ISO', () => {
    expect(summary.generatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(summary.generatedAtText).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d:\d\d（UTC[+-]\d\d:\d\d）$/);
    const d = new Date(summary.generatedAt);
    expect(Math.abs(d.getTime() - Date.now())).toBeLessThan(10 * 60_000);
  });

  test('HTML summary lists each department, the corrupt file as 无法读取, and links every page', () => {
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    for (const d of ['高平市民政局', '长治市民政局', '阳泉市民政局']) expect(html).toMatch(new RegExp(`<td data-v="${d}">${d}<span class="file">`));
    // no 部门名称: 无法识别, with the file beside it
    for (const f of ['县区/003-standard.xlsx', '无表.xlsx', '损坏.xlsx']) expect(html).toContain(`>无法识别<span class="file">${f}</span></td>`);
    expect(html).toMatch(/<span class="file">损坏\.xlsx<\/span><\/td><td data-v="无法读取">无法读取<br>/);
    // each file listed once
    for (const r of summary.workbooks) expect(html.split(`<span class="file">${r.file}</span>`)).toHaveLength(2);
    // sortable and filterable without a server: an inline script, no external resource
    expect(html).toMatch(/<script>[\s\S]*aria-sort[\s\S]*<\/script>/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//);
    for (const id of ['f-dept', 'f-status', 'f-kind', 'f-errors']) expect(html).toContain(`id="${id}"`);
    for (const k of ['表内', '表间', '绩效目标', '情况说明', '输入']) expect(html).toContain(`<th class="sortable" data-type="num">${k}</th>`);
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

  test('--json off a terminal: stdout is the JSON, stderr one counted line per workbook, then where the report is', () => {
    const counted = io.stderr.filter((l) => /^\[\d+\/6\] /.test(l));
    expect(counted).toHaveLength(6);
    expect(counted.some((l) => l.includes('（损坏.xlsx）：无法读取文件'))).toBe(true);
    expect(io.stderr).toHaveLength(7);
    expect(io.stderr[io.stderr.length - 1]).toMatch(/^已写出汇总报告：.*汇总\.json/);
  });
});

test('a folder without error-severity findings: exit 0, text summary on stdout, default report in the folder', async () => {
  expect((await counts(path.join(clean, '干净.xlsx'))).errors).toBe(0);
  const io = capture();
  const code = await main(['batch', clean], io);
  expect(code).toBe(0);
  expect(io.stdout).toContain('[通过] 测试局（干净.xlsx）');
  expect(io.stdout).toContain('[通过] 测试局（下级/干净2.xlsx）');
  expect(io.stdout).toMatch(/结果：共 2 份，通过 2 份，有错误 0 份，无法读取 0 份/);
  // off a terminal each workbook is listed once (as it finished), the report path once, nothing on stderr
  expect(io.stdout.split('干净.xlsx）')).toHaveLength(2);
  expect(io.stdout.match(/report\.html/g)).toHaveLength(1);
  expect(io.stderr).toEqual([]);
  expect(fs.existsSync(path.join(clean, 'report.html'))).toBe(true);
  expect(fs.existsSync(path.join(clean, 'report.json'))).toBe(true);
  expect(fs.readdirSync(path.join(clean, 'report_files')).sort()).toEqual(['001.html', '002.html']);
});

test('on a terminal: a bar on stderr (cleared at the end), the summary on stdout listing each workbook once', async () => {
  const raw: string[] = [];
  const io = { ...capture(), errTTY: true, columns: 100, errRaw: (t: string) => void raw.push(t) };
  io.out = (t: string) => void (io.stdout += t);
  io.err = (l: string) => void io.stderr.push(l);
  expect(await main(['batch', clean, '--out', path.join(tmp, 'tty', 'report.html')], io)).toBe(0);
  expect(io.stderr).toEqual([]);
  expect(raw.length).toBeGreaterThanOrEqual(3); // drawn at the start, after each workbook, cleared
  expect(raw[raw.length - 1]).toBe('\r\x1b[K');
  expect(raw.slice(0, -1).every((t) => t.startsWith('\r\x1b[K校验中 ['))).toBe(true);
  expect(io.stdout.split('（干净.xlsx）')).toHaveLength(2);
  expect(io.stdout.split('（下级/干净2.xlsx）')).toHaveLength(2);
  expect(io.stdout).toMatch(/^预算公开批量校验：.*（2 份，\d+ 个并行）\n {2}\[通过\] 测试局（下级\/干净2\.xlsx）/);
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
  test('batch over the mixed folder: exit 1, each file listed once, the report path once, no stack trace', () => {
    const r = cli(['batch', mixed, '--out', path.join(tmp, 'cli', 'report.html')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[无法读取] 无法识别（损坏.xlsx）：无法读取文件：');
    expect(r.stdout).toContain('[有错误] 无法识别（无表.xlsx）');
    expect(r.stdout).toMatch(/\[(通过|有错误)\] 高平市民政局（000-standard\.xlsx）/);
    // stdout and stderr together (as in a log file): every workbook once, the report once
    const all = r.stdout + r.stderr;
    for (const f of findWorkbooks(mixed)) expect(all.split(`（${f}）`)).toHaveLength(2);
    expect(all.match(/cli\/report\.html/g)).toHaveLength(1);
    expect(r.stderr).toBe('');
    expect(fs.existsSync(path.join(tmp, 'cli', 'report.json'))).toBe(true);
  });

  test('missing folder: exit 2, one Chinese line', () => {
    const r = cli(['batch', path.join(tmp, 'nope'), '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectOneChineseLine(r.stderr);
  });
});

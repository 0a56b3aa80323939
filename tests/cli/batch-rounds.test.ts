/**
 * The bureau's desk, end to end (issue: done-when): a folder of seed workbooks, mutants and two unreadable files,
 * checked twice — the second time after some mutants were fixed and a new one made — with --previous, --units and
 * --notices. The expected counts come from the engine on each file (check), not from the comparison code.
 * Also: a folder disclosure (tables, target sheets and 情况说明.docx in one sub-folder) checked as one, and a worker
 * that dies (heap limit) reported in Chinese with the batch going on.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main, type Io } from '../../src/cli/main';
import type { BatchSummary } from '../../src/cli/batch-report';
import { check } from '../../src/engine';
import { summarise } from '../../src/cli/report';
import { readWorkbookFile } from '../../src/xlsx/read';
import { narrative } from '../../src/engine';
import { toDocx } from '../../src/docx/write';
import { compareFindings, findingKey, type RowFinding } from '../../src/cli/batch/compare';
import { coreName, matchUnits, readUnits } from '../../src/cli/batch/units';
import { UsageError } from '../../src/cli/args';
import { ROOT } from './helpers';

const FIXTURES = path.join(ROOT, 'fixtures/workbooks');

function capture() {
  const io = { stdout: '', stderr: [] as string[], out: (t: string) => void (io.stdout += t), err: (l: string) => void io.stderr.push(l) };
  return io as typeof io & Io;
}

/** Errors + warnings the engine finds in a file: what a comparison counts. */
async function counted(file: string): Promise<number> {
  const s = summarise(check(await readWorkbookFile(file)).findings);
  return s.errors + s.warnings;
}

/** The fixture rewritten by ExcelJS, with 表一 收入总计 raised by `delta` 万元 (0: an unchanged rewrite). */
async function rewrite(fixture: string, to: string, delta: number): Promise<{ sheet: string; cell: string }> {
  const src = path.join(FIXTURES, fixture);
  const t1 = check(await readWorkbookFile(src)).recognised.tables.T1!;
  const total = t1.income.incomeTotal!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  if (delta) wb.getWorksheet(total.sheet)!.getCell(total.cell).value = total.value.plus(delta).toNumber();
  await wb.xlsx.writeFile(to);
  return { sheet: total.sheet, cell: total.cell };
}

let tmp: string;
let round1: BatchSummary;
let round2: BatchSummary;
let io2: ReturnType<typeof capture>;
let code2: number;
const row = (s: BatchSummary, file: string) => s.workbooks.find((r) => r.file === file)!;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-rounds-'));
  const dir = path.join(tmp, '各部门');
  fs.mkdirSync(path.join(dir, '县区'), { recursive: true });
  await rewrite('000-standard.xlsx', path.join(dir, '高平.xlsx'), 1); // a mutant, fixed in round 2
  fs.copyFileSync(path.join(FIXTURES, '001-variant.xlsx'), path.join(dir, '长治.xlsx')); // the same both rounds
  await rewrite('002-standard.xlsx', path.join(dir, '阳泉.xlsx'), 0); // clean now, a mutant in round 2
  fs.copyFileSync(path.join(FIXTURES, '003-standard.xlsx'), path.join(dir, '县区', '003-standard.xlsx')); // no 部门名称
  fs.writeFileSync(path.join(dir, '损坏.xlsx'), fs.readFileSync(path.join(FIXTURES, '001-standard.xlsx')).subarray(0, 4000));
  fs.writeFileSync(path.join(dir, '文本.xlsx'), '这不是工作簿');
  fs.writeFileSync(path.join(tmp, '名单.csv'), '序号,单位名称\n1,高平市民政局（本级）\n2,长治市民政局\n3,阳泉市民政\n4,晋城市民政局\n');

  const r1 = capture();
  expect(await main(['batch', dir, '--out', path.join(tmp, '第一轮', 'report.html'), '--jobs', '2', '--json', '--units', path.join(tmp, '名单.csv')], r1)).toBe(1);
  round1 = JSON.parse(r1.stdout);

  await rewrite('000-standard.xlsx', path.join(dir, '高平.xlsx'), 0);
  await rewrite('002-standard.xlsx', path.join(dir, '阳泉.xlsx'), -2);
  io2 = capture();
  code2 = await main(
    ['batch', dir, '--out', path.join(tmp, '第二轮', 'report.html'), '--jobs', '2', '--json', '--previous', path.join(tmp, '第一轮', 'report.json'), '--units', path.join(tmp, '名单.csv'), '--notices', path.join(tmp, '通知')],
    io2,
  );
  round2 = JSON.parse(io2.stdout);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('round 1: every file once, the two unreadable ones with a Chinese reason, round number 1', () => {
  expect(round1.round).toBe(1);
  expect(round1.workbooks.map((r) => r.file).sort()).toEqual(['县区/003-standard.xlsx', '损坏.xlsx', '文本.xlsx', '长治.xlsx', '阳泉.xlsx', '高平.xlsx'].sort());
  for (const f of ['损坏.xlsx', '文本.xlsx']) {
    expect(row(round1, f)).toMatchObject({ status: 'unreadable', department: '无法识别' });
    expect(row(round1, f).reason).toMatch(/^无法读取文件：.*不是有效的 \.xlsx 文件/);
  }
});

test('round 2: correct comparison counts for every department', async () => {
  const dir = path.join(tmp, '各部门');
  expect(code2).toBe(1);
  expect(round2.round).toBe(2);
  expect(round2.previous).toMatchObject({ file: path.join(tmp, '第一轮', 'report.json'), round: 1, departmentsGone: [] });

  // the fixed mutant: what the mutation added is fixed, all else remains
  const fixedNow = await counted(path.join(dir, '高平.xlsx'));
  const gp = row(round2, '高平.xlsx');
  expect(gp.department).toBe('高平市民政局');
  const mutantCount = row(round1, '高平.xlsx').errors + row(round1, '高平.xlsx').warnings;
  expect(mutantCount).toBeGreaterThan(fixedNow);
  expect(gp.comparison).toMatchObject({ fixed: mutantCount - fixedNow, new: 0, remaining: fixedNow, previousFile: '高平.xlsx' });
  expect(gp.comparison!.fixedFindings.map((f) => f.rule)).toContain('T1.income_total');
  expect(gp.comparison!.fixedFindings).toHaveLength(gp.comparison!.fixed);

  // the new mutant
  const yq = row(round2, '阳泉.xlsx');
  const cleanBefore = row(round1, '阳泉.xlsx').errors + row(round1, '阳泉.xlsx').warnings;
  const mutantNow = await counted(path.join(dir, '阳泉.xlsx'));
  expect(mutantNow).toBeGreaterThan(cleanBefore);
  expect(yq.comparison).toMatchObject({ fixed: 0, new: mutantNow - cleanBefore, remaining: cleanBefore });
  expect(yq.comparison!.newFindings.map((f) => f.rule)).toContain('T1.income_total');

  // unchanged: everything remains
  for (const f of ['长治.xlsx', '县区/003-standard.xlsx']) {
    const n = await counted(path.join(dir, ...f.split('/')));
    expect({ f, ...row(round2, f).comparison }).toMatchObject({ f, fixed: 0, new: 0, remaining: n });
  }
  // unreadable: nothing to compare
  for (const f of ['损坏.xlsx', '文本.xlsx']) expect(row(round2, f).comparison).toBeNull();
});

test('--units names the department that has not submitted and the files that match no name', () => {
  for (const s of [round1, round2]) {
    expect(s.units).toMatchObject({ expected: 4, submitted: 3, missing: ['晋城市民政局'] });
    expect(s.units!.unexpected.map((u) => u.file).sort()).toEqual(['县区/003-standard.xlsx', '损坏.xlsx', '文本.xlsx'].sort());
    expect(row(s, '高平.xlsx').unit).toBe('高平市民政局（本级）'); // brackets
    expect(row(s, '阳泉.xlsx').unit).toBe('阳泉市民政'); // 简称
    expect(row(s, '长治.xlsx').unit).toBe('长治市民政局');
  }
});

test('--notices writes one .docx per department, with its findings and the round', async () => {
  const files = fs.readdirSync(path.join(tmp, '通知')).sort();
  expect(files).toHaveLength(round2.workbooks.length);
  expect(round2.notices!.files.sort()).toEqual(files);
  for (const [i, r] of round2.workbooks.entries()) {
    const name = files.find((f) => f.startsWith(String(i + 1).padStart(3, '0') + '-'))!;
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(tmp, '通知', name)));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('（第二轮审核）');
    expect(text).toContain(r.departmentFound ? `${r.department}：` : `（${r.file}）`);
    if (r.status === 'ok') {
      expect(text).toContain(`存在错误 ${r.errors} 处、需核实的提示 ${r.warnings} 处`);
      expect(text).toContain(`已改正 ${r.comparison!.fixed} 处，新增 ${r.comparison!.new} 处，仍存在 ${r.comparison!.remaining} 处`);
    } else expect(text).toContain('无法读取或无法完成校验');
    expect(text).toContain('整改情况说明（由部门填写）');
  }
});

test('the summary page shows the three comparison columns', () => {
  const html = fs.readFileSync(path.join(tmp, '第二轮', 'report.html'), 'utf8');
  for (const h of ['已改正', '新增', '仍存在']) expect(html).toContain(`<th class="sortable" data-type="num">${h}</th>`);
  const gp = row(round2, '高平.xlsx').comparison!;
  expect(html).toContain(`<td class="n" data-v="${gp.fixed}">${gp.fixed}</td><td class="n" data-v="0">0</td><td class="n" data-v="${gp.remaining}">${gp.remaining}</td>`);
  expect(html).toContain('未报送：晋城市民政局');
  expect(html).toContain('预算公开批量校验汇总（第2轮）');
});

test('a report.json from before findings were kept, or not a report: exit 2, one Chinese line', async () => {
  const old = path.join(tmp, 'old.json');
  fs.writeFileSync(old, JSON.stringify({ workbooks: [{ file: 'a.xlsx', status: 'ok', department: 'x' }] }));
  for (const [file, msg] of [
    [old, /没有逐条问题/],
    [path.join(tmp, '名单.csv'), /不是有效的 JSON/],
    [path.join(tmp, 'none.json'), /找不到文件/],
  ] as const) {
    const io = capture();
    expect(await main(['batch', path.join(tmp, '各部门'), '--out', path.join(tmp, 'x', 'r.html'), '--previous', file], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^无法读取上一轮报告：/);
    expect(io.stderr[0]).toMatch(msg);
  }
});

describe('matching', () => {
  const f = (rule: string, message: string, cells: string[], expected: string | null = '1.00', actual: string | null = '2.00'): RowFinding => ({
    rule,
    severity: 'error',
    title: '',
    kind: '表内',
    table: '表一',
    sheet: '表一',
    cells,
    message,
    expected,
    actual,
  });
  test('findings are matched by rule and figure, not by cell: rows inserted above do not make them new', () => {
    const before = [f('T1.row', '表一 第12行 支出 C12 合计 2.00 ≠ 1.00', ['C12']), f('T1.row', '表一 其他 2.00 ≠ 1.00', ['C20']), f('T5.row', '表五 合计', ['D7'])];
    const after = [f('T1.row', '表一 第15行 支出 C15 合计 2.00 ≠ 1.00', ['C15']), f('T1.row', '表一 其他 2.00 ≠ 1.00', ['C23']), f('X.T1-T2', '新的', ['B2'])];
    expect(findingKey(before[0])).toBe(findingKey(after[0]));
    const c = compareFindings(before, after, 'a.xlsx');
    expect({ fixed: c.fixed, new: c.new, remaining: c.remaining }).toEqual({ fixed: 1, new: 1, remaining: 2 });
    expect(c.fixedFindings.map((x) => x.rule)).toEqual(['T5.row']);
    expect(c.newFindings.map((x) => x.rule)).toEqual(['X.T1-T2']);
    // a changed figure is a different finding
    expect(compareFindings([f('T1.row', 'x', ['C1'], '1.00', '2.00')], [f('T1.row', 'x', ['C1'], '1.00', '3.00')], '').fixed).toBe(1);
    // twice reported, once fixed
    const twice = compareFindings([f('T1.row', 'x', ['C1']), f('T1.row', 'x', ['C2'])], [f('T1.row', 'x', ['C9'])], '');
    expect([twice.fixed, twice.new, twice.remaining]).toEqual([1, 0, 1]);
  });
  test('the list read from a workbook (the 单位名称 column under a title) and from a CSV with quotes', async () => {
    const xlsx = path.join(tmp, '名单.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['2025年部门预算公开报送名单']);
    ws.addRow(['序号', '单位名称', '联系人']);
    ws.addRow([1, '高平市民政局', '张三']);
    ws.addRow([2, ' 长治市民政局（本级）', '李四']);
    ws.addRow([]);
    ws.addRow([3, '阳泉市民政局', '王五']);
    ws.addRow(['合计', '3 个', '']);
    await wb.xlsx.writeFile(xlsx);
    expect(await readUnits(xlsx)).toEqual(['高平市民政局', '长治市民政局（本级）', '阳泉市民政局']);
    const csv = path.join(tmp, '名单2.csv');
    fs.writeFileSync(csv, '\uFEFF部门名称,备注\n"晋城市民政局","含""下属""单位"\n长治市民政局,\n');
    expect(await readUnits(csv)).toEqual(['晋城市民政局', '长治市民政局']);
    fs.writeFileSync(path.join(tmp, '空.csv'), '\n\n');
    await expect(readUnits(path.join(tmp, '空.csv'))).rejects.toThrow(UsageError);
    await expect(readUnits(path.join(tmp, '没有.csv'))).rejects.toThrow(/^无法读取部门名单：/);
  });

  test('units: brackets, 简称, ambiguity left unmatched', () => {
    expect(coreName('长治市民政局（本级） ')).toBe('长治市民政局');
    const m = matchUnits(['长治市民政局(本级)', '民政局', '市财政局', '城区教育局'], [
      { index: 0, names: ['长治市民政局', ''] },
      { index: 1, names: ['', '高平市民政局2024预算'] },
      { index: 2, names: ['市财政局', ''] },
      { index: 3, names: ['城区教育局【汇总】', ''] },
    ]);
    expect(m.units.map((u) => [u.name, u.index, u.how])).toEqual([
      ['长治市民政局(本级)', 0, 'exact'],
      ['民政局', 1, 'short'],
      ['市财政局', 2, 'exact'],
      ['城区教育局', 3, 'exact'],
    ]);
    // 民政局 fits two workbooks: left to a person
    const amb = matchUnits(['民政局'], [
      { index: 0, names: ['高平市民政局'] },
      { index: 1, names: ['长治市民政局'] },
    ]);
    expect(amb.missing).toEqual(['民政局']);
    expect(amb.unexpected).toEqual([0, 1]);
  });
});

test('a disclosure that is a folder (tables, target sheets, 情况说明.docx) is checked as one', async () => {
  const dir = path.join(tmp, '合并');
  fs.mkdirSync(path.join(dir, '高平市民政局'), { recursive: true });
  const d = path.join(dir, '高平市民政局');
  fs.copyFileSync(path.join(FIXTURES, '000-standard.xlsx'), path.join(d, '表格.xlsx'));
  fs.copyFileSync(path.join(FIXTURES, '003-standard.xlsx'), path.join(d, '绩效目标表.xlsx'));
  const wb = await readWorkbookFile(path.join(FIXTURES, '000-standard.xlsx'));
  fs.writeFileSync(path.join(d, '情况说明.docx'), await toDocx(narrative(wb)));
  fs.copyFileSync(path.join(FIXTURES, '001-variant.xlsx'), path.join(dir, '长治.xlsx'));
  // a folder with some other document stays a folder of separate workbooks
  fs.mkdirSync(path.join(dir, '县区'));
  fs.copyFileSync(path.join(FIXTURES, '001-standard.xlsx'), path.join(dir, '县区', 'a.xlsx'));
  fs.copyFileSync(path.join(FIXTURES, '002-standard.xlsx'), path.join(dir, '县区', 'b.xlsx'));
  fs.writeFileSync(path.join(dir, '县区', '报送通知.docx'), await toDocx(narrative(wb)));
  const io = capture();
  await main(['batch', dir, '--json', '--jobs', '1'], io);
  const s: BatchSummary = JSON.parse(io.stdout);
  expect(s.workbooks.map((r) => r.file).sort()).toEqual(['县区/a.xlsx', '县区/b.xlsx', '长治.xlsx', '高平市民政局']);
  const one = row(s, '高平市民政局');
  expect(one).toMatchObject({ status: 'ok', department: '高平市民政局', files: ['高平市民政局/绩效目标表.xlsx', '高平市民政局/表格.xlsx', '高平市民政局/情况说明.docx'] });
  // the target sheets of both workbooks, the tables of the first
  const t000 = check(wb).recognised.targets.length;
  const t003 = check(await readWorkbookFile(path.join(FIXTURES, '003-standard.xlsx'))).recognised.targets.length;
  expect(one.targetSheets).toBe(t000 + t003);
  expect(one.tablesFound).toBe(13);
  // the narrative read is the Word document's: findings of the N.* rules name it
  expect(one.findings.filter((f) => f.rule.startsWith('N.')).every((f) => f.sheet === '情况说明.docx')).toBe(true);
  expect(one.skippedChecks.some((k) => k.reason === '未找到情况说明')).toBe(false);
});

test('a worker that dies (its heap limit reached) costs its file only, with a Chinese reason; the batch goes on', async () => {
  const dir = path.join(tmp, '崩溃');
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(FIXTURES, '000-standard.xlsx'), path.join(dir, 'a.xlsx'));
  fs.copyFileSync(path.join(FIXTURES, '001-standard.xlsx'), path.join(dir, 'b.xlsx'));
  const saved = process.env.BUDGET_CHECK_WORKER_HEAP_MB;
  process.env.BUDGET_CHECK_WORKER_HEAP_MB = '4';
  const io = capture();
  let code: number;
  try {
    code = await main(['batch', dir, '--json', '--jobs', '2'], io);
  } finally {
    if (saved === undefined) delete process.env.BUDGET_CHECK_WORKER_HEAP_MB;
    else process.env.BUDGET_CHECK_WORKER_HEAP_MB = saved;
  }
  expect(code).toBe(1);
  const s: BatchSummary = JSON.parse(io.stdout);
  expect(s.workbooks.map((r) => r.file)).toEqual(['a.xlsx', 'b.xlsx']);
  for (const r of s.workbooks) {
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/^无法完成校验：校验 [ab]\.xlsx 时内存超过上限（4 MB）/);
    expect(r.reason).not.toMatch(/[A-Za-z]{6,}/);
  }
});

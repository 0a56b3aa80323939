/** In-process tests of the CLI: argument parsing, exit-status mapping (engine mocked), report grouping. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Finding } from '../../src/model/finding';
import { parseArgs, UsageError } from '../../src/cli/args';
import { toText } from '../../src/cli/report';
import type { CheckResult } from '../../src/engine';
import { TABLE_IDS, type TableId, type TableLocation } from '../../src/tables/types';
import { writeNoTables } from './helpers';

jest.mock('../../src/engine', () => ({ ...jest.requireActual('../../src/engine'), check: jest.fn() }));
const { check: runChecks, orderFindings } = require('../../src/engine') as { check: jest.Mock; orderFindings: typeof import('../../src/engine').orderFindings };
 
const { main } = require('../../src/cli/main') as typeof import('../../src/cli/main');

function result(findings: Finding[], found = true): CheckResult {
  const locations = Object.fromEntries(
    TABLE_IDS.map((id, i) => [id, found ? { found: true, sheet: `${i + 1}表` } : { found: false }]),
  ) as Record<TableId, TableLocation>;
  return { recognised: { tables: {}, locations, targets: [], findings: [] }, findings };
}

const f = (rule: string, severity: Finding['severity'], sheet = '5表', extra: Partial<Finding> = {}): Finding => ({
  rule,
  severity,
  sheet,
  cells: ['C12'],
  message: `${rule} 的说明`,
  ...extra,
});

let dir: string;
let file: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-main-'));
  file = path.join(dir, 'x.xlsx');
  await writeNoTables(file);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (l: string) => err.push(l) }, out, err };
}

describe('exit status', () => {
  test.each([
    [[], 0],
    [[f('X.T2-T5', 'warning'), f('T1.row', 'info')], 0],
    [[f('X.T2-T5', 'warning'), f('T5.row', 'error')], 1],
  ] as [Finding[], number][])('%j → %d', async (findings, code) => {
    runChecks.mockReturnValue(result(findings));
    const c = capture();
    expect(await main(['check', file, '--json'], c.io)).toBe(code);
    const j = JSON.parse(c.out.join(''));
    expect(j.file).toBe(file);
    expect(j.findings).toHaveLength(findings.length);
    expect(c.err).toEqual([]);
  });

  test('an internal error is one Chinese line and exit 2, not a crash', async () => {
    runChecks.mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    const c = capture();
    expect(await main(['check', file], c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/^无法完成校验：程序内部错误/);
    expect(c.out).toEqual([]);
  });
});

describe('wrong arguments: exit 2, one Chinese line on stderr', () => {
  test.each([
    [[]],
    [['frobnicate', 'x.xlsx']],
    [['--json']],
    [['check']],
    [['check', 'a.xlsx', 'b.xlsx']],
    [['check', 'a.xlsx', '--bogus']],
    [['check', 'a.xlsx', '--out']],
    [['check', 'a.xlsx', '--json=yes']],
    [['batch', 'folder', '--jobs', 'zero']],
    [['narrative']],
  ])('%j', async (argv) => {
    const c = capture();
    expect(await main(argv, c.io)).toBe(2);
    expect(c.out).toEqual([]);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/^参数错误：/);
    expect(c.err[0]).not.toMatch(/\n/);
  });
});

describe('JSON shape', () => {
  test('findings carry expected/actual (null when absent) and related; targets carry decimal strings', async () => {
    const r = result([f('X.T2-T5', 'error', '5表', { expected: '235.75', actual: '235.74', related: [{ sheet: '2表', cells: ['D12'] }] }), f('INPUT.missing_table', 'error', '')]);
    const fig = (v: string) => ({ value: new (require('decimal.js'))(v), sheet: '绩效1', cell: 'C5', row: 5, col: 3, empty: false });
    r.recognised.targets = [
      { sheet: '绩效1', row: 1, projectName: { text: '项目甲', sheet: '绩效1', cell: 'B3', row: 3, col: 2 }, periodFunds: { total: fig('440000') }, annualFunds: { total: fig('220000.50') }, texts: {}, periodIndicators: [], annualIndicators: [], annualOnly: false },
      { sheet: '绩效2', row: 1, projectName: { text: '项目乙', sheet: '绩效2', cell: 'B3', row: 3, col: 2 }, periodFunds: {}, annualFunds: { total: fig('1000') }, texts: {}, periodIndicators: [], annualIndicators: [], annualOnly: true },
    ];
    runChecks.mockReturnValue(r);
    const c = capture();
    expect(await main(['check', file, '--json'], c.io)).toBe(1);
    const j = JSON.parse(c.out.join(''));
    expect(j.findings[0]).toEqual({
      rule: 'X.T2-T5', severity: 'error', sheet: '5表', cells: ['C12'], message: 'X.T2-T5 的说明',
      expected: '235.75', actual: '235.74', related: [{ sheet: '2表', cells: ['D12'] }],
    });
    expect(j.findings[1]).toMatchObject({ expected: null, actual: null, related: [] });
    expect(j.performanceTargets).toEqual([
      { sheet: '绩效1', row: 1, project: '项目甲', annualTotal: '220000.5', periodTotal: '440000' },
      { sheet: '绩效2', row: 1, project: '项目乙', annualTotal: '1000', periodTotal: null },
    ]);
    expect(j.summary).toEqual({ errors: 2, warnings: 0, infos: 0 });
  });
});

describe('text report', () => {
  test('counts and verdict first; 错误 first, then 提示/信息, then the folded 舍位 group; by table within each', () => {
    // As the engine hands them over: errors first (orderFindings).
    const text = toText('x.xlsx', result(orderFindings([
      f('INPUT.missing_table', 'error', '', { cells: [], message: '缺少表十一' }),
      f('T5.row', 'warning', '5表', { message: '合计 1.01 ≠ 之和 1.00（舍位差异）', expected: '1.00', actual: '1.01' }),
      f('T5.row', 'error', '5表', { message: '不相等', related: [{ sheet: '2表', cells: ['D12'] }] }),
      f('T2.row', 'info', '2表'),
      f('P.match_T12', 'error', '绩效1', { message: '金额不符' }),
    ])));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('预算公开校验：x.xlsx');
    expect(lines[1]).toBe('结果：错误 3 条，提示 1 条（其中舍位差异 1 处），信息 1 条。有错误，提交前须改正。');
    const idx = (s: string) => lines.findIndex((l) => l.startsWith(s));
    expect(idx('错误 3 项')).toBeGreaterThan(0);
    expect(idx(' 表五')).toBeGreaterThan(idx('错误 3 项'));
    expect(idx(' 绩效目标表')).toBeGreaterThan(idx(' 表五'));
    expect(idx(' 输入问题')).toBeGreaterThan(idx(' 绩效目标表'));
    expect(lines[idx(' 表五')]).toContain('〔工作表：5表〕');
    expect(lines[idx(' 表五') + 1]).toBe('  [错误] 5表 C12：不相等（相关：2表 D12）〔合计与基本支出、项目支出不符〕');
    expect(idx('提示与信息 1 项')).toBeGreaterThan(idx(' 输入问题'));
    const r = idx('舍位差异 1 处');
    expect(r).toBeGreaterThan(idx('提示与信息 1 项'));
    expect(lines.slice(r).find((l) => l.startsWith('  [提示]'))).toBe(
      '  [提示] 5表 C12：合计 1.01 万元 ≠ 之和 1.00 万元（舍位差异）（应为 1.00 万元，实为 1.01 万元）〔合计与基本支出、项目支出不符〕',
    );
    expect(lines[lines.length - 1]).toBe('结果：错误 3 条，提示 1 条，信息 1 条。有错误，提交前须改正。');
  });

  test('no findings', () => {
    const text = toText('x.xlsx', result([]));
    expect(text.trimEnd().split('\n').pop()).toBe('结果：未发现问题（错误 0 条，提示 0 条，信息 0 条）。');
  });
});

describe('parseArgs', () => {
  test('check with every flag form', () => {
    expect(parseArgs(['check', 'a.xlsx'])).toEqual({ cmd: 'check', file: 'a.xlsx', json: false, out: undefined, fix: false });
    expect(parseArgs(['check', '--json', 'a.xlsx', '--out=b.xlsx', '--fix'])).toEqual({ cmd: 'check', file: 'a.xlsx', json: true, out: 'b.xlsx', fix: true });
    expect(parseArgs(['check', 'a.xlsx', '--out', 'b.xlsx'])).toMatchObject({ out: 'b.xlsx' });
    expect(parseArgs(['check', '--', '-odd.xlsx'])).toMatchObject({ file: '-odd.xlsx' });
  });
  test('narrative and batch', () => {
    expect(parseArgs(['narrative', 'a.xlsx', '--out', 'a.docx', '--json'])).toEqual({ cmd: 'narrative', file: 'a.xlsx', json: true, out: 'a.docx' });
    expect(parseArgs(['batch', 'dir', '--jobs', '4', '--out', 'r.html'])).toEqual({ cmd: 'batch', folder: 'dir', json: false, out: 'r.html', jobs: 4 });
  });
  test.each([[['check', 'a.xlsx', '--fix=1']], [['check', 'a.xlsx', '--out', '--json']], [['batch', 'd', '--jobs', '0']], [['check', 'a', '--out', 'x', '--out', 'y']], [['narrative', 'a.xlsx', '--fix']]])(
    'rejects %j',
    (argv) => {
      expect(() => parseArgs(argv)).toThrow(UsageError);
    },
  );
});

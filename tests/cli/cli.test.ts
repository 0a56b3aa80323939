/** End to end: the CLI as a child process, per shared/spec/cli.md. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { TABLE_IDS } from '../../src/tables/types';
import { bin, cli, expectOneChineseLine, npmCheck, writeNoTables, writeThirteenEmptyTables } from './helpers';

let dir: string;
let clean: string;
let noTables: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-cli-'));
  clean = path.join(dir, '干净.xlsx');
  noTables = path.join(dir, 'no-tables.xlsx');
  await writeThirteenEmptyTables(clean);
  await writeNoTables(noTables);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('check --json', () => {
  test('one JSON document with all 13 tables, targets, findings and summary; exit 0 without errors', () => {
    const r = cli(['check', clean, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    // the contract's fields, then the compatible additions of docs/batch.md (审核口径 used, checks that did not run)
    expect(Object.keys(j)).toEqual(['file', 'tables', 'performanceTargets', 'findings', 'summary', 'config', 'skippedChecks']);
    expect(j.config).toMatchObject({ source: null, rulesOff: [], severity: {} });
    expect(j.file).toBe(clean);
    expect(Object.keys(j.tables)).toEqual([...TABLE_IDS]);
    for (const id of TABLE_IDS) {
      expect(j.tables[id].found).toBe(true);
      expect(typeof j.tables[id].sheet).toBe('string');
    }
    expect(j.performanceTargets).toEqual([]);
    expect(j.summary.errors).toBe(0);
    expect(j.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  test('missing tables: found:false without sheet, INPUT.missing_table errors, exit 1', () => {
    const r = cli(['check', noTables, '--json']);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.tables)).toEqual([...TABLE_IDS]);
    for (const id of TABLE_IDS) expect(j.tables[id]).toEqual({ found: false });
    const missing = j.findings.filter((f: { rule: string }) => f.rule === 'INPUT.missing_table');
    expect(missing).toHaveLength(13);
    for (const f of j.findings) {
      expect(Object.keys(f)).toEqual(['rule', 'severity', 'sheet', 'cells', 'message', 'expected', 'actual', 'related']);
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(Array.isArray(f.cells)).toBe(true);
    }
    expect(j.summary).toEqual({
      errors: j.findings.filter((f: { severity: string }) => f.severity === 'error').length,
      warnings: j.findings.filter((f: { severity: string }) => f.severity === 'warning').length,
      infos: j.findings.filter((f: { severity: string }) => f.severity === 'info').length,
    });
    expect(j.summary.errors).toBeGreaterThanOrEqual(13);
  });
});

describe('check, text output', () => {
  test('Chinese report grouped by table with a one-line summary', () => {
    const r = cli(['check', noTables]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`预算公开校验：${noTables}`);
    expect(r.stdout).toContain('输入问题');
    expect(r.stdout).toMatch(/\[错误\]/);
    const last = r.stdout.trimEnd().split('\n').pop()!;
    expect(last).toMatch(/^结果：错误 \d+ 条，提示 \d+ 条，信息 \d+ 条/);
  });

  test('a clean workbook says so, exit 0', () => {
    const r = cli(['check', clean]);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^结果：/);
    expect(r.stdout).toContain('13 张表找到 13 张');
  });
});

describe('exit 2: unreadable input, one Chinese line on stderr, no stack trace', () => {
  const cases: [string, () => string][] = [
    ['missing file', () => path.join(dir, '不存在.xlsx')],
    ['random bytes', () => {
      const p = path.join(dir, 'random.xlsx');
      fs.writeFileSync(p, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251)));
      return p;
    }],
    ['truncated xlsx', () => {
      const p = path.join(dir, 'truncated.xlsx');
      const full = fs.readFileSync(clean);
      fs.writeFileSync(p, full.subarray(0, Math.floor(full.length / 2)));
      return p;
    }],
    ['csv renamed', () => {
      const p = path.join(dir, 'table.xlsx');
      fs.writeFileSync(p, '项目,金额\n合计,1\n');
      return p;
    }],
    ['a directory', () => dir],
  ];
  for (const [name, make] of cases) {
    test(name, () => {
      const file = make();
      for (const extra of name === 'truncated xlsx' ? [[], ['--json']] : [['--json']]) {
        const r = cli(['check', file, ...extra]);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expectOneChineseLine(r.stderr);
        expect(r.stderr).toMatch(/^无法读取文件：/);
      }
    });
  }
});

describe('exit 2: wrong arguments (the full list is tested in-process in main.test.ts)', () => {
  const cases: string[][] = [[], ['frobnicate', 'x.xlsx'], ['check', 'a.xlsx', '--bogus']];
  for (const args of cases) {
    test(JSON.stringify(args), () => {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expectOneChineseLine(r.stderr);
      expect(r.stderr).toMatch(/^参数错误：/);
    });
  }

  test('narrative with an --out that is neither .md nor .docx: exit 2 with a clear message', () => {
    const r = cli(['narrative', 'a.xlsx', '--out', 'a.pdf']);
    expect(r.status).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('.docx');
  });

  test('--help prints the Chinese usage on stdout, exit 0', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('budget-check check <file.xlsx> [--json] [--out <annotated.xlsx>] [--fix]');
    expect(r.stdout).toContain('用法');
  });
});

test('--out / --fix write a copy (the input is never modified); stdout stays one JSON document', () => {
  const out = path.join(dir, 'annotated.xlsx');
  const before = fs.readFileSync(clean);
  const r = cli(['check', clean, '--json', '--out', out, '--fix']);
  expect(r.status).toBe(0);
  expect(() => JSON.parse(r.stdout)).not.toThrow();
  expectOneChineseLine(r.stderr);
  expect(fs.existsSync(out)).toBe(true);
  expect(fs.readFileSync(clean).equals(before)).toBe(true);
  const same = cli(['check', clean, '--out', clean]);
  expect(same.status).toBe(2);
  expectOneChineseLine(same.stderr);
  expect(fs.readFileSync(clean).equals(before)).toBe(true);
});

test('the bin launcher and the npm script behave the same', () => {
  const viaBin = bin(['check', clean, '--json']);
  expect(viaBin.status).toBe(0);
  expect(JSON.parse(viaBin.stdout).tables.T13.found).toBe(true);
  const viaNpm = npmCheck([noTables, '--json']);
  expect(viaNpm.status).toBe(1);
  expect(JSON.parse(viaNpm.stdout).summary.errors).toBeGreaterThan(0);
  const bad = npmCheck([path.join(dir, 'nope.xlsx')]);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/无法读取文件：找不到文件/);
});

/**
 * batch --notices: every correction notice opens in LibreOffice (headless, converted to text and to PDF), and what
 * LibreOffice reads is the notice: the department, the round, each 错误 with its table, cell, 应为/实为 and the
 * rule's title, and the reply blank. Needs soffice (tests/helpers/test-env.js).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { main, type Io } from '../../src/cli/main';
import type { BatchSummary } from '../../src/cli/batch-report';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'fixtures/workbooks');
const SOFFICE = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => fs.existsSync(p)) ?? 'soffice';

let tmp: string;
let summary: BatchSummary;
let notices: string[];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-notices-'));
  const dir = path.join(tmp, '各部门');
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(FIXTURES, '000-standard.xlsx'), path.join(dir, '高平.xlsx'));
  fs.copyFileSync(path.join(FIXTURES, '002-variant.xlsx'), path.join(dir, '阳泉.xlsx'));
  fs.writeFileSync(path.join(dir, '损坏.xlsx'), 'PK\u0003\u0004 broken');
  const io = { stdout: '', out: (t: string) => void (io.stdout += t), err: () => undefined } as unknown as Io & { stdout: string };
  await main(['batch', dir, '--json', '--jobs', '2', '--notices', path.join(tmp, '通知')], io);
  summary = JSON.parse(io.stdout);
  notices = fs.readdirSync(path.join(tmp, '通知')).filter((f) => f.endsWith('.docx')).sort();
  const profile = `-env:UserInstallation=file://${path.join(tmp, 'profile')}`;
  const files = notices.map((f) => path.join(tmp, '通知', f));
  execFileSync(SOFFICE, [profile, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', path.join(tmp, 'txt'), ...files], { stdio: 'ignore', timeout: 240000 });
  execFileSync(SOFFICE, [profile, '--headless', '--convert-to', 'pdf', '--outdir', path.join(tmp, 'pdf'), ...files], { stdio: 'ignore', timeout: 240000 });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('one notice per department, each opened by LibreOffice (text and PDF)', () => {
  expect(notices).toHaveLength(summary.workbooks.length);
  for (const f of notices) {
    expect(fs.existsSync(path.join(tmp, 'txt', f.replace(/\.docx$/, '.txt')))).toBe(true);
    const pdf = fs.readFileSync(path.join(tmp, 'pdf', f.replace(/\.docx$/, '.pdf')));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5000);
  }
});

test('what LibreOffice reads: department, round, each error with table, cell, 应为/实为 and the rule title, the reply blank', () => {
  for (const [i, r] of summary.workbooks.entries()) {
    const f = notices[i];
    expect(f.startsWith(String(i + 1).padStart(3, '0'))).toBe(true);
    const text = fs.readFileSync(path.join(tmp, 'txt', f.replace(/\.docx$/, '.txt')), 'utf8').replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).map((l) => l.trim());
    expect(lines[0]).toBe('预算公开材料审核整改通知');
    expect(lines).toContain('（第一轮审核）');
    expect(text).toContain('整改情况说明（由部门填写）');
    if (r.status !== 'ok') {
      expect(lines).toContain(`${r.department}（${r.file}）：`);
      expect(text).toContain('无法读取或无法完成校验');
      continue;
    }
    expect(lines).toContain(`${r.department}：`);
    expect(text).toContain(`存在错误 ${r.errors} 处、需核实的提示 ${r.warnings} 处`);
    const errors = r.findings.filter((x) => x.severity === 'error');
    if (errors.length) expect(lines).toContain('一、错误（须改正）');
    for (const e of errors) {
      // the table's cells come out one per line, in order: 序号, 表, 单元格, 问题 (title, message), 应为, 实为
      const at = lines.indexOf(e.message);
      expect(at).toBeGreaterThan(0);
      expect(lines[at - 1]).toBe(e.title);
      expect(lines[at - 2]).toBe([e.sheet, e.cells.join('、')].filter(Boolean).join(' ') || '—');
      expect(lines[at - 3]).toBe(e.table);
      expect(lines[at + 1]).toBe(e.expected ?? '—');
      expect(lines[at + 2]).toBe(e.actual ?? '—');
    }
  }
});

/** The pane's pure parts (no browser): the stepwise engine run, grouping, the CSV/HTML report. */
import { join } from 'path';
import { check as checkWorkbook } from '../../src/engine';
import type { Finding } from '../../src/model/finding';
import { groupFindings, relatedCells } from '../../src/format/findings-view-model';
import { groupDigits } from '../../src/format/labels';
import { buildCsv, buildHtml, reportFileName } from '../../src/format/report';
import { checkInSteps } from '../../src/engine';
import { readWorkbookFile } from '../../src/xlsx/read';

const ROOT = join(__dirname, '..', '..');

test('checkInSteps gives exactly what checkWorkbook gives, reporting progress up to 1', async () => {
  const wb = await readWorkbookFile(join(ROOT, 'fixtures/workbooks/000-standard.xlsx'));
  const fractions: number[] = [];
  const stepped = await checkInSteps(wb, { onProgress: (p) => fractions.push(p.fraction) });
  expect(stepped.findings).toEqual(checkWorkbook(wb).findings);
  expect(fractions[fractions.length - 1]).toBe(1);
  expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
});

const f = (over: Partial<Finding>): Finding => ({ rule: 'T1.total', severity: 'error', sheet: '表一', cells: ['B36'], message: 'm', ...over });

test('groups follow 表一 … 表十三, 绩效目标表, 情况说明, 输入问题 and the filter', () => {
  const findings = [f({ rule: 'INPUT.x', table: 'INPUT' }), f({ rule: 'P.x', table: 'P', severity: 'warning' }), f({ rule: 'T10.x', table: 'T10' }), f({ rule: 'T2.x', table: 'T2' })];
  expect(groupFindings(findings).map((g) => g.title)).toEqual(['表二', '表十', '绩效目标表', '输入问题']);
  expect(groupFindings(findings, 'warning').map((g) => [g.id, g.items[0].index])).toEqual([['P', 1]]);
  expect(relatedCells(f({ cells: ['B36', 'B6', 'B7'], related: [{ sheet: '表二', cells: ['C6'] }] }))).toEqual([
    { sheet: '表一', cells: ['B6', 'B7'] },
    { sheet: '表二', cells: ['C6'] },
  ]);
});

test('CSV: BOM, Chinese headers, quoting, formula-looking text defused', () => {
  const csv = buildCsv([f({ message: '含逗号,和"引号"', expected: '1519.11', actual: '=1+2' })]);
  expect(csv.startsWith('\uFEFF序号,表,级别,规则,说明,工作表,单元格,应为,实为,相关单元格,规则编号\r\n')).toBe(true);
  // The rule's Chinese title (an id no rule declares reads as its table's check), the id in the last column.
  expect(csv).toContain(`1,表一,错误,表一校验,"含逗号,和""引号""",表一,B36,"1,519.11 万元",'=1+2,,T1.total\r\n`);
});

test('HTML report escapes text and names the workbook; file names are safe', () => {
  const meta = { workbook: 'a/b:c.xlsx', checkedAt: new Date(2024, 0, 15, 9, 30) };
  const html = buildHtml([f({ message: '<script>' })], meta);
  expect(html).toContain('&lt;script&gt;');
  expect(html).not.toContain('<script>');
  expect(html).toContain('<title>校验报告 - a/b:c.xlsx</title>');
  expect(reportFileName(meta, 'csv')).toBe('校验报告-a_b_c-20240115-0930.csv');
  expect(['14000', '-1234567.5', '≤ 100'].map(groupDigits)).toEqual(['14,000', '-1,234,567.5', '≤ 100']);
});

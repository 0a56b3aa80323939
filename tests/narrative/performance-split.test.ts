/**
 * Section 十's two meanings (issue 15, item 3) on a project split over two target sheets: seed 001 with
 * 机关工作业务费 (表十二 25.00万元) published as two sheets (200,000 + 50,000 元; the second one was 遗属补助's).
 * 纳入 is still 表十二's 12 projects; 公开 counts distinct projects — the split counted once and named — so 11
 * sheets make 10 projects. The generated text says so, and the check holds the seed text's 公开 count against it.
 */
import { cloneSnapshot } from '../../src/fixes/autofill';
import { setCell, type WorkbookSnapshot } from '../../src/model/snapshot';
import { generateNarrative } from '../../src/narrative/generate';
import { publishedProjects } from '../../src/rules/narrative/check';
import { narrativeRules } from '../../src/rules/narrative';
import { runRuleList } from '../../src/rules/rule';
import { recognise } from '../../src/tables/recognise';
import type { TargetSheet } from '../../src/tables/types';
import { readWorkbookFile } from '../../src/xlsx/read';
import * as path from 'path';
import { t12Projects } from '../../src/rules/narrative/data';
import { ROOT } from './helpers';

let wb: WorkbookSnapshot;

beforeAll(async () => {
  const base = await readWorkbookFile(path.join(ROOT, 'fixtures/workbooks/001-standard.xlsx'));
  const rec = recognise(base);
  const target = (name: string): TargetSheet => rec.targets.find((x) => x.projectName?.text.trim() === name)!;
  wb = cloneSnapshot(base);
  const set = (at: { sheet: string; row: number; col: number }, value: string | number) => setCell(wb.sheets.find((s) => s.name === at.sheet)!, at.row, at.col, { value });
  const t = target('机关工作业务费');
  const other = target('遗属补助');
  for (const f of [t.annualFunds.total!, t.annualFunds.cityCounty!, t.periodFunds.total!, t.periodFunds.cityCounty!]) set(f, 200000);
  set(other.projectName!, '机关工作业务费（二期）');
  for (const f of [other.annualFunds.total!, other.annualFunds.cityCounty!, other.periodFunds.total!, other.periodFunds.cityCounty!]) set(f, 50000);
});

test('公开: 11 sheets, 10 projects, the split named; 纳入: 表十二 unchanged', () => {
  const rec = recognise(wb);
  const pub = publishedProjects(rec);
  expect(pub.sheets).toHaveLength(11);
  expect(pub.count).toBe(10);
  expect(pub.splits).toEqual([expect.stringMatching(/^“机关工作业务费”拆成2张表（.+、.+）$/)]);
  expect(t12Projects(rec)).toHaveLength(12);

  const ten = generateNarrative(rec).sections.find((s) => s.id === '十')!.paragraphs.join('\n');
  expect(ten).toContain('纳入绩效目标管理的二级项目12个');
  expect(ten).toContain('公开项目绩效目标10个');
  expect(ten).toContain(`（${pub.splits[0]}，按一个项目计。）`);
});

test('the seed text’s 公开 count against the distinct projects, the split named in the message; 纳入 not flagged', () => {
  const rec = recognise(wb);
  const count = runRuleList(narrativeRules, rec).filter((f) => f.rule === 'N.performance_count');
  // The seed writes 12 for both: 纳入 = 表十二's 12 (no finding), 公开 ≠ 10.
  expect(count.map((f) => [f.expected, f.actual])).toEqual([['10个', '12个']]);
  expect(count[0].message).toContain('拆成2张表');
  expect(count[0].message).toContain('按一个项目计');
  // Related cells: a handful inline, never every target sheet.
  expect(count[0].related!.flatMap((r) => r.cells).length).toBeLessThanOrEqual(5);
});

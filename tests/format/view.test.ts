/**
 * The clerk's view of the findings (src/format/view.ts, issue 11 items 4 and 5), on every fixture workbook and on
 * mutants of them: 错误 first (the first within the text report's first 10 lines), 舍位 differences folded into one
 * group, one item per published figure and per target sheet and side, every finding in exactly one item, and
 * lines a clerk reads once (no empty 应为/实为, units and separators, titles instead of ids, no doubled brackets).
 */
import fs from 'fs';
import path from 'path';
import { check } from '../../src/engine';
import { toText } from '../../src/cli/report';
import type { Finding } from '../../src/model/finding';
import { getCell, setCell, type WorkbookSnapshot } from '../../src/model/snapshot';
import { allRules } from '../../src/rules';
import { RULE_TITLES } from '../../src/format/rule-titles';
import {
  INLINE_CELLS,
  buildView,
  cellsText,
  cleanText,
  isRounding,
  itemLine,
  valueText,
  viewItems,
  withUnits,
  type ViewItem,
} from '../../src/format/view';
import { readWorkbookFile } from '../../src/xlsx/read';
import { Mutable, Rng, mutateSnapshot } from '../fuzz/mutate';

const ROOT = path.resolve(__dirname, '../..');
const FILES = [
  ...fs
    .readdirSync(path.join(ROOT, 'fixtures/workbooks'))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => path.join(ROOT, 'fixtures/workbooks', f)),
  path.join(ROOT, 'examples/sample-长治市民政局-2024.xlsx'),
];

const workbooks = new Map<string, WorkbookSnapshot>();
const results = new Map<string, Finding[]>();

beforeAll(async () => {
  for (const f of FILES) {
    const wb = await readWorkbookFile(f);
    workbooks.set(f, wb);
    results.set(f, check(wb).findings);
  }
});

const RULE_IDS = allRules.map((r) => r.meta.id);

/** What is wrong with an item as a clerk reads it (empty when nothing). */
function wordingProblems(item: ViewItem): string[] {
  const out: string[] = [];
  const line = itemLine(item);
  for (const [k, v] of [['应为', item.expected], ['实为', item.actual]] as const) {
    if (v !== undefined && !v.trim()) out.push(`${k} empty`);
    if (v !== undefined && /^(undefined|null|None|NaN)$/.test(v)) out.push(`${k} is ${v}`);
    if (v !== undefined && /^（?(无|空|缺少)）?$/.test(v) && !/^(空|缺少)$/.test(v)) out.push(`${k} not in words: ${v}`);
  }
  if (/应为\s*[，）]|实为\s*[，）]/.test(line)) out.push('empty 应为/实为 in the line');
  if (/（（|））/.test(line)) out.push('doubled brackets');
  if (/(^|[\s：，；（“])([^\s：，；。（）“”]{2,})\s+\2(?=$|[\s：，；。（）”])/u.test(line)) out.push('a word repeated');
  if (/〔[A-Z][\w.-]*〕/.test(line) || RULE_IDS.some((id) => line.includes(`〔${id}〕`) || line.includes(`（${id}）`))) out.push('rule id in the line');
  if (!/〔[^〔〕]+〕$/.test(line)) out.push('no rule title at the end');
  // Related cells: at most INLINE_CELLS inline, the rest counted.
  const rel = /相关：([^（）]*?)）〔/.exec(line)?.[1] ?? '';
  const inline = rel.replace(/ 等 \d+ 处$/, '').split('；').flatMap((p) => p.trim().split(' ').slice(1).join(' ').split('、')).filter(Boolean);
  if (inline.length > INLINE_CELLS) out.push(`${inline.length} related cells inline`);
  // Amounts: 应为/实为 that are amounts carry separators and a unit (the narrative quotes its own text).
  for (const v of [item.expected, item.actual]) {
    if (!v || item.group === 'N') continue;
    if (/^-?\d+(\.\d+)?$/.test(v) && item.group !== 'INPUT') out.push(`amount without unit: ${v}`);
    if (/(?<![\d,.])\d{4,}(\.\d+)?(?![\d年])/.test(v) && /万?元$/.test(v)) out.push(`amount without separators: ${v}`);
  }
  // 13-table messages: every figure with the tables' two decimals is grouped and followed by its unit.
  if (/^T\d+$/.test(item.group)) {
    if (/(?<![\d,.])\d{4,}\.\d{2}(?!\d)/.test(item.message)) out.push(`figure without separators in: ${item.message}`);
    for (const m of item.message.matchAll(/\d\.\d{2}(?![\d%])(.{0,3})/g)) if (!/^\s*(万元|元)/.test(m[1])) out.push(`figure without unit in: ${item.message}`);
  }
  return out.map((p) => `${p}: ${line}`);
}

function structureProblems(findings: Finding[]): string[] {
  const out: string[] = [];
  const v = buildView(findings);
  const items = viewItems(v);
  // Every finding in exactly one item.
  const seen = items.flatMap((i) => i.parts.map((p) => p.index)).sort((a, b) => a - b);
  if (JSON.stringify(seen) !== JSON.stringify(findings.map((_, i) => i))) out.push('findings not covered exactly once');
  if (v.errors.some((i) => i.severity !== 'error')) out.push('non-error among the errors');
  if (v.notices.some((i) => i.severity === 'error' || i.kind === 'rounding')) out.push('error or rounding among the notices');
  if (v.rounding.some((i) => i.parts.some((p) => !isRounding(p.finding)))) out.push('non-rounding finding in the rounding group');
  if (items.filter((i) => i.kind !== 'rounding').some((i) => i.parts.some((p) => isRounding(p.finding)))) out.push('rounding finding outside its group');
  // One rounding item per published figure; one indicator item per sheet, side and severity.
  const figures = v.rounding.map((i) => `${i.sheet}!${i.cell}`);
  if (new Set(figures).size !== figures.length) out.push('one figure in two rounding items');
  const ind = items.filter((i) => i.rules.includes('P.indicators')).map((i) => `${i.sheet}|${/：((?:实施期和年度|年度|实施期)?)绩效指标/.exec(i.message)?.[1]}|${i.severity}`);
  if (new Set(ind).size !== ind.length) out.push(`indicator findings of one sheet and side in two items: ${ind.join(' ')}`);
  for (const i of items) out.push(...wordingProblems(i));
  return out;
}

describe.each(FILES.map((f) => [path.basename(f), f]))('%s', (_name, file) => {
  test('the text report opens with the counts and the verdict; the first 错误 is within its first 10 lines', () => {
    const findings = results.get(file)!;
    const lines = toText(path.basename(file), { recognised: check(workbooks.get(file)!).recognised, findings }).split('\n');
    expect(lines[1]).toMatch(/^结果：错误 \d+ 条，提示 \d+ 条/);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const first = lines.findIndex((l) => l.startsWith('  [错误]'));
    if (errors) {
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(10);
      // No 提示 comes before the last 错误.
      const lastError = lines.map((l) => l.startsWith('  [错误]')).lastIndexOf(true);
      expect(lines.slice(0, lastError).some((l) => l.startsWith('  [提示]'))).toBe(false);
    } else expect(first).toBe(-1);
    // The rounding tips are one group with a count, after everything else.
    const rounding = findings.filter(isRounding).length;
    const heads = lines.filter((l) => /^舍位差异 \d+ 处/.test(l));
    expect(heads).toHaveLength(rounding ? 1 : 0);
    if (rounding) {
      const at = lines.indexOf(heads[0]);
      expect(lines.slice(at).filter((l) => /^ {2}\[/.test(l)).every((l) => l.includes('舍位差异'))).toBe(true);
      expect(lines.slice(0, at).some((l) => /^ {2}\[/.test(l) && l.includes('（舍位差异）'))).toBe(false);
    }
  });

  test('every finding in exactly one item; rounding folded per figure; indicators per sheet and side; clean wording', () => {
    expect(structureProblems(results.get(file)!)).toEqual([]);
  });
});

test('the fixtures exercise the merging: a figure in several identities, several indicator gaps on one side', () => {
  const all = [...results.values()].map((f) => buildView(f));
  expect(all.some((v) => v.rounding.some((i) => i.parts.length > 1))).toBe(true);
  expect(all.some((v) => viewItems(v).some((i) => i.kind === 'indicators' && i.parts.length > 1))).toBe(true);
  // And the folding shortens the report: fewer rounding items than rounding findings somewhere.
  expect(all.some((v) => v.rounding.length < v.roundingFindings)).toBe(true);
});

/** Amount cells of a workbook (numbers), to mutate. */
function numberCells(wb: WorkbookSnapshot): { sheet: number; row: number; col: number; value: number }[] {
  const out: { sheet: number; row: number; col: number; value: number }[] = [];
  wb.sheets.forEach((s, si) =>
    s.rows.forEach((r, ri) =>
      (r ?? []).forEach((c, ci) => {
        if (c && typeof c.value === 'number' && !c.formula && Math.abs(c.value) >= 1) out.push({ sheet: si, row: ri + 1, col: ci + 1, value: c.value });
      }),
    ),
  );
  return out;
}

test('mutants of every fixture: amounts off by 0.01 and by 1, blanked, random snapshot mutations — still clean', () => {
  const problems: string[] = [];
  let n = 0;
  for (const file of FILES.filter((f) => /standard|sample/.test(f))) {
    const base = workbooks.get(file)!;
    const cells = numberCells(base);
    const rng = new Rng(20261202 + n);
    for (let k = 0; k < 6; k++) {
      const m = new Mutable(base);
      for (let j = 0; j < 4; j++) {
        const c = rng.pick(cells);
        const sheet = m.sheet(c.sheet);
        const before = getCell(sheet, c.row, c.col);
        const how = rng.int(0, 2);
        const value = how === 0 ? Math.round((c.value + 0.01) * 100) / 100 : how === 1 ? c.value + 1 : null;
        setCell(sheet, c.row, c.col, value === null ? { ...before, value: null } : { ...before, value });
      }
      const mutated = m.finish();
      problems.push(...structureProblems(check(mutated).findings).map((p) => `${path.basename(file)}#${k}: ${p}`));
      const fuzzed = mutateSnapshot(base, rng).wb;
      problems.push(...structureProblems(check(fuzzed).findings).map((p) => `${path.basename(file)}#f${k}: ${p}`));
      n++;
    }
  }
  expect(n).toBeGreaterThan(20);
  expect(problems.slice(0, 20)).toEqual([]);
});

test('the views’ rule titles are the catalog’s (src/format/rule-titles.ts: npx tsx scripts/rule-titles.ts regenerates it)', () => {
  expect(RULE_TITLES).toEqual(Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.title])));
});

describe('wording helpers', () => {
  test('应为/实为 in words: empty, brackets, bounds, amounts with unit and separators', () => {
    expect(valueText('', '元')).toBe('空');
    expect(valueText('（空）', '元')).toBe('空');
    expect(valueText('（无）', '元')).toBe('缺少');
    expect(valueText('（缺少）', '')).toBe('缺少');
    expect(valueText(undefined, '元')).toBeUndefined();
    expect(valueText('≤ 14000', '元')).toBe('不超过 14,000 元');
    expect(valueText('1519.11', '万元')).toBe('1,519.11 万元');
    expect(valueText('增长1.16%', '')).toBe('增长1.16%');
  });
  test('the 13 tables’ figures get their unit; codes, counts, shares and figures with a unit stay', () => {
    expect(withUnits('表三 208 社会保障和就业支出 合计 1548.68 ≠ 之和 1548.67（舍位差异）', '万元')).toBe(
      '表三 208 社会保障和就业支出 合计 1,548.68 万元 ≠ 之和 1,548.67 万元（舍位差异）',
    );
    expect(withUnits('占 99.54%，合计 19.00 万元，共 12 个', '万元')).toBe('占 99.54%，合计 19.00 万元，共 12 个');
  });
  test('doubled brackets and words written twice', () => {
    expect(cleanText('实为 （（无））')).toBe('实为 （无）');
    expect(cleanText('长治市民政局（合计行） 合计 合计 12.00')).toBe('长治市民政局（合计行） 合计 12.00');
    expect(cleanText('部门 长治市民政局 长治市民政局：')).toBe('部门 长治市民政局：');
  });
  test('cell lists: a handful inline, the rest counted', () => {
    expect(cellsText([{ sheet: '表二', cells: ['C6', 'C7'] }])).toBe('表二 C6、C7');
    expect(cellsText([{ sheet: '表二', cells: ['C6', 'C7', 'C8', 'C9'] }, { sheet: '表五', cells: ['D9'] }])).toBe('表二 C6、C7、C8 等 5 处');
  });
});

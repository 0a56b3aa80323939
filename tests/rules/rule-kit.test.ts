/**
 * The rule kit itself: one id per rule, meta.fixable honoured by runRuleList, and the RuleTester's own checks.
 */
import { allRules } from '../../src/rules';
import { readingRuleMeta } from '../../src/rules/input';
import { runRuleList, type Rule } from '../../src/rules/rule';
import { recognise } from '../../src/engine';
import { roundingTolerance } from '../../src/model/tolerance';
import { findingsOf, outputOf } from '../helpers/rule-tester';
import { workbookFrom } from '../helpers/sheet';

test('rule ids are unique across allRules and the reading findings (one id per identity)', () => {
  const ids = [...readingRuleMeta.map((m) => m.id), ...allRules.map((r) => r.meta.id)];
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  // The HIER family keeps its prefix, so scripts filtering on "HIER" still find all six.
  expect(ids.filter((id) => id.startsWith('HIER')).sort()).toEqual(['HIER.T2', 'HIER.T3', 'HIER.T5', 'HIER.T7', 'HIER.T8', 'HIER.T9']);
});

test('meta.fixable is declared as "total" or absent', () => {
  for (const r of allRules) expect([undefined, 'total']).toContain(r.meta.fixable);
  // The balances (which side is wrong is unknown) and the advisory and per-code rules never fill.
  const fixable = new Set(allRules.filter((r) => r.meta.fixable).map((r) => r.meta.id));
  for (const id of ['T1.balance', 'T4.balance', 'T9.balance', 'T6.class_of_cost', 'X.T2-T3', 'X.T2-T5', 'X.T2-T8', 'X.T4-T1', 'X.T6-T10', 'X.T6-T11']) {
    expect(fixable.has(id)).toBe(false);
  }
  for (const id of ['T1.income_sum', 'HIER.T2', 'T10.total', 'X.T1-T2', 'X.T7-T8', 'P.funds_sum']) expect(fixable.has(id)).toBe(true);
});

describe('runRuleList and meta.fixable', () => {
  const rec = recognise(workbookFrom('empty.xlsx', []));
  const fix = { sheet: 'S', cell: 'B2', value: '1.00', previous: '', from: ['S!B3'] };
  const reporting = (fixable: boolean): Rule => ({
    meta: { id: 'T1.test', severity: 'error', title: '测试规则', description: '测试用规则', table: 'T1', ...(fixable ? { fixable: 'total' as const } : {}) },
    check: (ctx) => {
      ctx.report({ sheet: 'S', cells: ['B2'], message: 'm1', fix });
      ctx.report({ sheet: 'S', cells: ['B4'], message: 'm2', fix: { ...fix, cell: 'B4' } });
    },
  });

  test('a fixable rule keeps its fixes; its context says fixable', () => {
    let seen: boolean | undefined;
    const fs = runRuleList([{ ...reporting(true), check: (ctx) => { seen = ctx.fixable; reporting(true).check(ctx); } }], rec);
    expect(seen).toBe(true);
    expect(fs.map((f) => f.fix?.cell)).toEqual(['B2', 'B4']);
  });

  test('a fix reported by a rule that is not fixable is dropped, the finding kept, and the slip flagged once', () => {
    const fs = runRuleList([reporting(false)], rec);
    expect(fs.map((f) => [f.rule, f.severity, f.message.slice(0, 2), f.fix])).toEqual([
      ['T1.test', 'error', 'm1', undefined],
      ['T1.test', 'error', 'm2', undefined],
      ['T1.test', 'info', '规则', undefined],
    ]);
    expect(fs[2].message).toBe('规则“测试规则”给出了 2 处自动填写，但未声明可自动填写，已忽略这些填写；请将文件反馈给开发人员');
  });

  test('checkTotal gives no fix in a rule that is not fixable', () => {
    const t10 = allRules.find((r) => r.meta.id === 'T10.total')!;
    const sheets = {
      表十: [
        ['2025年财政拨款安排“三公”经费支出预算表'], ['单位：万元'], ['项目', '2025年预算数'],
        ['', '合计', '一般公共预算', '政府性基金预算', '国有资本经营预算'],
        ['因公出国（境）费'], ['公务接待费', 1, 1], ['公务用车购置及运行费'], ['①公务用车购置费'], ['②公务用车运行维护费'], ['合计', 2, 1],
      ],
    };
    expect(findingsOf(t10, { sheets }).map((f) => f.fix?.value)).toEqual(['1.00']);
    const unfixable: Rule = { ...t10, meta: { ...t10.meta, fixable: undefined } };
    expect(findingsOf(unfixable, { sheets }).map((f) => [f.rule, f.fix])).toEqual([['T10.total', undefined]]);
    expect(outputOf(unfixable, { sheets, findings: [{}] })).toEqual({});
  });
});

test('the 舍位 tolerance is 0.005 × max(n, 2) 万元, in Decimal', () => {
  expect([0, 1, 2, 3, 7].map((n) => roundingTolerance(n).toFixed())).toEqual(['0.01', '0.01', '0.01', '0.015', '0.035']);
});

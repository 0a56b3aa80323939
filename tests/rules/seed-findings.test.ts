/**
 * The checker on the real seed disclosures, in every layout:
 * - every genuine error established in shared/spec/known-errors.md is reported with its stated severity;
 * - the 13 tables balance within 舍位: no table or cross-table rule reports an error on any seed;
 * - the errors reported are exactly the reviewed genuine ones (tests/rules/seed-errors.reviewed.json).
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { check as checkWorkbook } from '../../src/engine';
import type { Finding } from '../../src/model/finding';
import { readWorkbookFile } from '../../src/xlsx/read';
import { seedErrors } from '../../scripts/seed-errors';

const WB = (f: string) => path.resolve(__dirname, '../../fixtures/workbooks', f);
const reviewed: Record<string, { rule: string; message: string }[]> = JSON.parse(
  readFileSync(path.resolve(__dirname, 'seed-errors.reviewed.json'), 'utf8'),
);
const LAYOUTS = ['standard', 'variant', 'merged-wide'];

async function findingsOf(seed: string, layout = 'standard'): Promise<Finding[]> {
  return checkWorkbook(await readWorkbookFile(WB(`${seed}-${layout}.xlsx`))).findings;
}

function one(findings: Finding[], rule: string, text: RegExp): Finding {
  const hits = findings.filter((f) => f.rule === rule && text.test(f.message));
  expect({ rule, text: String(text), count: hits.length }).toEqual({ rule, text: String(text), count: hits.length || 1 });
  return hits[0];
}

describe.each(['000', '001', '002', '003'])('seed %s', (seed) => {
  test.each(LAYOUTS)('%s layout: the errors are exactly the reviewed genuine ones', async (layout) => {
    expect(await seedErrors(WB(`${seed}-${layout}.xlsx`))).toEqual(reviewed[seed]);
  });

  test('the tables balance within 舍位: no table or cross-table error', async () => {
    const errors = (await findingsOf(seed)).filter((f) => f.severity === 'error' && /^(T\d|X\.|HIER|INPUT)/.test(f.rule));
    expect(errors).toEqual([]);
  });
});

describe('known errors (shared/spec/known-errors.md)', () => {
  test('000: 表五 合计 9518.47 vs 9518.46 舍位 warning; 表十二 vs 表三 − 表十三 舍位 warning; 表十一 empty while 表六 公用经费 31.67', async () => {
    const f = await findingsOf('000');
    const t5 = one(f, 'T5.row', /9518\.47/);
    expect([t5.severity, t5.actual, t5.expected]).toEqual(['warning', '9518.47', '9518.46']);
    const x = one(f, 'X.T3-T12-T13', /11015\.57/);
    expect(x.severity).toBe('warning');
    expect(x.related?.map((r) => r.sheet)).toEqual(['表十二', '表十三']);
    const t11 = one(f, 'X.T6-T11', /31\.67/);
    expect(t11.severity).toBe('warning');
  });

  test('001: 办公设备购置 一次性 实施期 18,500 ≠ 年度 14,000 (error) and 成本指标 ≤1.85万元 > 14,000 元 (warning)', async () => {
    const f = await findingsOf('001');
    const order = one(f, 'P.funds_order', /办公设备购置/);
    expect([order.severity, order.actual, order.expected]).toEqual(['error', expect.any(String), expect.any(String)]);
    expect(order.message).toMatch(/18,500.*14,000/);
    expect(one(f, 'P.cost_vs_fund', /办公设备购置/).severity).toBe('warning');
  });

  test('001: 2024年党员教育培训专项经费: 实施期 省级 4,212 vs 年度 市县 4,212 (warning)', async () => {
    expect(one(await findingsOf('001'), 'P.funds_source', /党员教育培训/).severity).toBe('warning');
  });

  test('narratives: 000 八 placeholder; 001 八 growth 0.01% vs 1.16%, 十 count and sum; 002 八 growth and residue, 十 100% share', async () => {
    const f0 = await findingsOf('000');
    expect(one(f0, 'N.placeholder', /减少（增加）/).severity).toBe('warning');
    const f1 = await findingsOf('001');
    expect(one(f1, 'N.growth', /1\.16%/).severity).toBe('error');
    expect(f1.filter((x) => x.rule === 'N.performance_count' && x.severity === 'error').length).toBeGreaterThan(0);
    expect(f1.filter((x) => x.rule === 'N.performance_sum' && /1,100\.00/.test(x.message)).length).toBeGreaterThan(0);
    const f2 = await findingsOf('002');
    expect(one(f2, 'N.growth', /0\.10%/).severity).toBe('error');
    expect(one(f2, 'N.placeholder', /下降\(增长\)/).severity).toBe('warning');
    expect(one(f2, 'N.performance_share', /100%/).severity).toBe('warning');
  });

  test('every seed: ±0.01 differences are warnings, never errors', async () => {
    for (const seed of ['000', '001', '002']) {
      const rounding = (await findingsOf(seed)).filter((x) => /舍位/.test(x.message));
      expect(rounding.length).toBeGreaterThan(0);
      expect(rounding.every((x) => x.severity === 'warning')).toBe(true);
    }
  });
});

/** The bureau's 审核口径 (src/engine/config.ts): rules off, severity raised, tolerance widened; refused when malformed. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { check, ConfigError, skippedChecks, validateConfig, type EngineConfig } from '../../src/engine';
import { allRules } from '../../src/rules';
import { readWorkbookFile } from '../../src/xlsx/read';
import { setCell, type WorkbookSnapshot } from '../../src/model/snapshot';
import { Decimal } from '../../src/model/money';
import { main, type Io } from '../../src/cli/main';
import { findConfigFile } from '../../src/cli/config-file';

const ROOT = path.resolve(__dirname, '../..');
const SEED = path.join(ROOT, 'fixtures/workbooks/000-standard.xlsx');

let wb: WorkbookSnapshot;
beforeAll(async () => {
  wb = await readWorkbookFile(SEED);
});

const cfg = (json: unknown): EngineConfig => validateConfig(json, allRules);
const byRule = <F extends { rule: string }>(list: F[], rule: string): F[] => list.filter((f) => f.rule === rule);

test('a rule turned off reports nothing and is listed as not run, with why', () => {
  const plain = check(wb);
  expect(byRule(plain.findings, 'N.repeat').length).toBeGreaterThan(0);
  const config = cfg({ rules: { 'N.repeat': false } });
  const r = check(wb, allRules, { config });
  expect(byRule(r.findings, 'N.repeat')).toEqual([]);
  // everything else as before
  expect(r.findings.filter((f) => f.rule !== 'N.repeat')).toEqual(plain.findings.filter((f) => f.rule !== 'N.repeat'));
  expect(skippedChecks(r.recognised, allRules, config)).toContainEqual({ rule: 'N.repeat', title: expect.any(String), reason: '审核口径中已关闭' });
  // a whole family
  const noN = check(wb, allRules, { config: cfg({ rules: { 'N.*': false } }) });
  expect(noN.findings.filter((f) => f.rule.startsWith('N.'))).toEqual([]);
});

test('a raised severity makes the rule’s findings errors', () => {
  const plain = byRule(check(wb).findings, 'N.repeat');
  expect(plain.every((f) => f.severity === 'warning')).toBe(true);
  const raised = byRule(check(wb, allRules, { config: cfg({ severity: { 'N.repeat': 'error' } }) }).findings, 'N.repeat');
  expect(raised.map((f) => ({ ...f, severity: 'warning' }))).toEqual(plain);
  expect(raised.every((f) => f.severity === 'error')).toBe(true);
});

test('a widened 舍位 tolerance turns a small difference into a 舍位差异 提示; a narrowed one the reverse', () => {
  const t1 = check(wb).recognised.tables.T1!;
  const total = t1.income.incomeTotal!;
  const mutant: WorkbookSnapshot = structuredClone(wb);
  const sheet = mutant.sheets.find((s) => s.name === total.sheet)!;
  setCell(sheet, total.row, total.col, { value: total.value.plus('0.03').toNumber() });
  const at = (r: ReturnType<typeof check>) => r.findings.filter((f) => f.rule === 'T1.income_total' && f.sheet === total.sheet && f.cells[0] === total.cell);
  expect(at(check(mutant)).map((f) => f.severity)).toEqual(['error']);
  const wide = check(mutant, allRules, { config: cfg({ tolerances: { rounding: 0.02 } }) });
  expect(at(wide).map((f) => f.severity)).toEqual(['warning']);
  // the defaults are back afterwards
  expect(at(check(mutant)).map((f) => f.severity)).toEqual(['error']);
  // a tolerance of 0: the seed's own 舍位差异 become errors
  const strict = check(wb, allRules, { config: cfg({ tolerances: { rounding: 0 } }) });
  const hier = (r: ReturnType<typeof check>) => byRule(r.findings, 'HIER.T2');
  expect(hier(check(wb)).length).toBeGreaterThan(0);
  expect(hier(strict).map((f) => f.severity)).toEqual(hier(check(wb)).map(() => 'error'));
});

test('a change threshold: a change whose stated rate is below it needs no reason; one at or above it does', () => {
  const para = (lines: string[]) => ({ sheet: '情况说明', paragraphs: lines.map((text, i) => ({ text, sheet: '情况说明', cell: `A${i + 1}`, row: i + 1, col: 1 })) });
  // seed 001's 八, its reason removed: 增长0.01%, and a mutation of it with 增长12.00%
  const small = '本单位机关运行经费财政拨款预算69.9万元，比2023年预算增加0.8万元，增长0.01%。';
  const large = '本单位机关运行经费财政拨款预算69.9万元，比2023年预算增加0.8万元，增长12.00%。';
  const missing = (text: string, config?: EngineConfig) =>
    byRule(check(wb, allRules, { narrative: para(['八、机关运行经费增减变动原因说明', text]), ...(config ? { config } : {}) }).findings, 'N.reason_missing').length;
  expect(missing(small)).toBe(1);
  expect(missing(large)).toBe(1);
  const config = cfg({ changeThreshold: 10 });
  expect(config.tolerances.changeThreshold).toEqual(new Decimal(10));
  expect(missing(small, config)).toBe(0);
  expect(missing(large, config)).toBe(1);
});

test('checks that did not run: a table missing', () => {
  const noT5: WorkbookSnapshot = structuredClone(wb);
  const t5 = check(wb).recognised.locations.T5.sheet!;
  noT5.sheets = noT5.sheets.filter((s) => s.name !== t5).map((s, index) => ({ ...s, index }));
  const r = check(noT5);
  const skipped = skippedChecks(r.recognised, allRules, undefined);
  expect(skipped).toContainEqual({ rule: 'T5.row', title: expect.any(String), reason: '未找到表五' });
  expect(skipped).toContainEqual({ rule: 'X.T2-T5', title: expect.any(String), reason: '未找到表五' });
  expect(skipped.some((s) => s.rule === 'T1.balance')).toBe(false);
});

test('checks that did not run: no target sheets; a rule that still reported (P.coverage) ran', () => {
  const targets = new Set(check(wb).recognised.targets.map((t) => t.sheet));
  const noTargets: WorkbookSnapshot = structuredClone(wb);
  noTargets.sheets = noTargets.sheets.filter((s) => !targets.has(s.name)).map((s, index) => ({ ...s, index }));
  const r = check(noTargets);
  expect(r.recognised.targets).toEqual([]);
  const reported = new Set(r.findings.map((f) => f.rule));
  expect(reported.has('P.coverage')).toBe(true); // 表十二's projects without a target sheet
  const skipped = skippedChecks(r.recognised, allRules, undefined, r.findings);
  expect(skipped.find((k) => k.rule === 'P.coverage')).toBeUndefined();
  expect(skipped).toContainEqual({ rule: 'P.indicators', title: expect.any(String), reason: '未找到项目支出绩效目标表' });
});

describe('malformed configurations are refused naming the key', () => {
  test.each([
    [{ rules: { 'N.nope': false } }, 'rules.N.nope'],
    [{ rules: { 'N.repeat': 'off' } }, 'rules.N.repeat'],
    [{ severity: { 'T1.row': 'fatal' } }, 'severity.T1.row'],
    [{ tolerances: { rounding: -1 } }, 'tolerances.rounding'],
    [{ tolerances: { roundng: 0.01 } }, 'tolerances.roundng'],
    [{ changeThreshold: '十' }, 'changeThreshold'],
    [{ rule: {} }, 'rule'],
    [[], ''],
  ])('%j', (json, key) => {
    let err: unknown;
    try {
      cfg(json);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).key).toBe(key);
    expect((err as Error).message).toMatch(/^审核口径配置有误：/);
    if (key) expect((err as Error).message).toContain(key);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('budget-check.config.json on the command line', () => {
  let tmp: string;
  const capture = () => {
    const io = { stdout: '', stderr: [] as string[], out: (t: string) => void (io.stdout += t), err: (l: string) => void io.stderr.push(l) };
    return io as typeof io & Io;
  };
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-config-'));
    fs.mkdirSync(path.join(tmp, '局', '县'), { recursive: true });
    fs.copyFileSync(SEED, path.join(tmp, '局', '县', 'a.xlsx'));
    fs.writeFileSync(path.join(tmp, '局', 'budget-check.config.json'), JSON.stringify({ rules: { 'N.repeat': false }, severity: { 'N.placeholder': 'error' } }));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('found from the workbook’s folder upward; the JSON states it and the checks not run', async () => {
    expect(findConfigFile(path.join(tmp, '局', '县'))).toBe(path.join(tmp, '局', 'budget-check.config.json'));
    const io = capture();
    const code = await main(['check', path.join(tmp, '局', '县', 'a.xlsx'), '--json'], io);
    const j = JSON.parse(io.stdout);
    expect(code).toBe(1); // N.placeholder raised to an error
    expect(j.config).toMatchObject({ source: path.join(tmp, '局', 'budget-check.config.json'), rulesOff: ['N.repeat'], severity: { 'N.placeholder': 'error' } });
    expect(j.findings.some((f: { rule: string }) => f.rule === 'N.repeat')).toBe(false);
    expect(j.findings.filter((f: { rule: string }) => f.rule === 'N.placeholder').every((f: { severity: string }) => f.severity === 'error')).toBe(true);
    expect(j.skippedChecks).toContainEqual(expect.objectContaining({ rule: 'N.repeat', reason: '审核口径中已关闭' }));
  });

  test('the text report states the configuration', async () => {
    const io = capture();
    await main(['check', path.join(tmp, '局', '县', 'a.xlsx')], io);
    expect(io.stdout).toContain(`审核口径：${path.join(tmp, '局', 'budget-check.config.json')}`);
    expect(io.stdout).toMatch(/未运行的校验（\d+ 项）：\n {2}N\.repeat .*：审核口径中已关闭/);
  });

  test('a malformed --config: exit 2, one Chinese line naming the key', async () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ severity: { 'T1.row': 'fatal' } }));
    const io = capture();
    expect(await main(['check', SEED, '--config', bad], io)).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^审核口径配置有误：severity\.T1\.row /);
    const broken = path.join(tmp, 'broken.json');
    fs.writeFileSync(broken, '{ "rules": { ');
    const io2 = capture();
    expect(await main(['check', SEED, '--config', broken], io2)).toBe(2);
    expect(io2.stderr[0]).toMatch(/^审核口径配置有误：.*不是有效的 JSON/);
  });
});

/**
 * Each intra-table rule on a mutated copy of a real seed (002 阳泉市民政局 2025, pasted from its text; 表九 and a
 * 表十二 with a 合计 row are small hand-made sheets since 002's are empty / start with the department): one cell
 * changed in the snapshot before recognition — an item, a 款 subtotal, a 类, a 合计, one fund column — must be
 * reported with the rule's id, severity error, the stated cell first, expected / actual, and a fix whose value is
 * the sum of the parts as they stand (`from` = those parts); never a fix onto a formula.
 */
import { autoFill } from '../../src/fixes/autofill';
import { fmt2, sum } from '../../src/model/money';
import { setCell, type CellScalar, type CellSnapshot, type WorkbookSnapshot } from '../../src/model/snapshot';
import type { Finding } from '../../src/model/finding';
import { intraRules } from '../../src/rules/intra';
import { runRuleList } from '../../src/rules/rule';
import { recognise } from '../../src/tables/recognise';
import type { CodeRow, Figure, ProjectRow, T6Row } from '../../src/tables/types';
import { sheetFrom, workbookFrom } from '../helpers/sheet';
import { sheetFromSeedLines } from '../helpers/tsv';

const F002 = '002_dea5997044eede79.txt';
const B002: [string, number, number][] = [
  ['表1', 78, 122], ['表2', 123, 170], ['表3', 171, 215], ['表4', 216, 262], ['表5', 263, 303], ['表6', 304, 363],
  ['表7', 364, 376], ['表8', 377, 391], ['表9', 392, 404], ['表10', 405, 421], ['表11', 422, 433], ['表12', 434, 510],
  ['表13', 511, 533],
];
const seed002 = (): WorkbookSnapshot => workbookFrom('002.xlsx', B002.map(([n, a, b]) => sheetFromSeedLines(F002, n, a, b)));

/** 表九 with data (002's is empty): income 103 → 10306 → 1030601 and expenditure 223 → 22301 → 2230105, 50.00 each. */
const T9_GRID = [
  ['2025年国有资本经营预算收支预算表（不含上年结转）'], [], ['部门名称：阳泉市民政局'], [], ['单位：万元'], [],
  ['国有资本经营预算收入', '', '', '国有资本经营预算支出'],
  ['项目', '', '国有资本经营收入预算', '科目编码', '科目名称', '合计', '基本支出', '项目支出'],
  ['收入科目编码', '科目名称'],
  ['合计', '', '50.00', '合计', '', '50.00', '10.00', '40.00'],
  ['103', '非税收入', '50.00', '223', '国有资本经营预算支出', '50.00', '10.00', '40.00'],
  ['10306', '国有资本经营收入', '50.00', '22301', '解决历史遗留问题及改革成本支出', '50.00', '10.00', '40.00'],
  ['1030601', '利润收入', '50.00', '2230105', '国有企业退休人员社会化管理补助支出', '50.00', '10.00', '40.00'],
];
/** 表十二 that starts with a 合计 row, then the department, two units and their projects. */
const T12_GRID = [
  ['2025年项目支出预算表（本年预算）'], [], ['部门名称：某某市民政局'], ['单位：万元'],
  ['项目名称', '合计', '一般公共预算', '政府性基金预算', '国有资本经营预算', '财政专户管理资金', '单位资金'],
  ['合计', '30.00', '30.00'],
  ['某某市民政局', '30.00', '30.00'],
  ['某某市民政局', '20.00', '20.00'],
  ['培训经费', '20.00', '20.00'],
  ['某某市救助管理站', '10.00', '10.00'],
  ['设备购置', '10.00', '10.00'],
];
const small = (name: string, grid: string[][]) => (): WorkbookSnapshot => workbookFrom(`${name}.xlsx`, [sheetFrom(name, grid)]);
const t9Book = small('9', T9_GRID);
const t12Book = small('12', T12_GRID);

function check(wb: WorkbookSnapshot): Finding[] {
  return runRuleList(intraRules, recognise(wb));
}

// The pristine recognition, to find the cells to mutate by code / name rather than by address.
const base = recognise(seed002()).tables;
const t9 = recognise(t9Book()).tables.T9!;
const t12s = recognise(t12Book()).tables.T12!;

type Edit = [Figure, CellScalar | CellSnapshot];
function mutate(edits: Edit[], build: () => WorkbookSnapshot = seed002): Finding[] {
  const wb = build();
  for (const [f, v] of edits) {
    const sheet = wb.sheets.find((s) => s.name === f.sheet)!;
    setCell(sheet, f.row, f.col, v !== null && typeof v === 'object' ? v : { value: v });
  }
  return check(wb);
}

const key = (f: Figure) => `${f.sheet}!${f.cell}`;
const fig = (f: Figure | undefined): Figure => {
  expect(f).toBeDefined();
  return f!;
};
function code<K extends string>(rows: CodeRow<K>[], c: string): CodeRow<K> {
  const r = rows.find((x) => x.code === c);
  expect(r).toBeDefined();
  return r!;
}
function named<R extends { name: string }>(rows: R[], name: string, nth = 0): R {
  const r = rows.filter((x) => x.name === name)[nth];
  expect(r).toBeDefined();
  return r;
}

interface Expect {
  expected: string;
  actual: string;
  /** The fix value; null: no fix (a balance, or a formula cell). Defaults to `expected`. */
  fix?: string | null;
  /** The parts the fix is computed from. */
  from?: (Figure | undefined)[];
  message?: string | RegExp;
}

/** The finding of `rule` whose stated cell (first cell) is `at`, checked against `e`. */
function expectReported(findings: Finding[], rule: string, at: Figure, e: Expect): Finding {
  const f = findings.find((x) => x.rule === rule && x.sheet === at.sheet && x.cells[0] === at.cell);
  if (!f) throw new Error(`no ${rule} at ${key(at)}; got:\n${findings.map((x) => `${x.rule} ${x.sheet}!${x.cells[0]} ${x.message}`).join('\n')}`);
  expect(f.severity).toBe('error');
  expect(f.expected).toBe(e.expected);
  expect(f.actual).toBe(e.actual);
  expect(f.message).toMatch(/^表[一二三四五六七八九十]+ /);
  expect(f.message).toContain(` ≠ `);
  expect(f.message).not.toContain('舍位');
  if (e.message) expect(f.message).toEqual(typeof e.message === 'string' ? e.message : expect.stringMatching(e.message));
  const fixValue = e.fix === undefined ? e.expected : e.fix;
  if (fixValue === null) expect(f.fix).toBeUndefined();
  else {
    expect(f.fix).toMatchObject({ sheet: at.sheet, cell: at.cell, value: fixValue });
    if (e.from) {
      const from = e.from.map((p) => key(fig(p)));
      expect(f.fix!.from).toEqual(from);
      // The parts on the stated sheet are named right after the stated cell.
      expect(f.cells.slice(1)).toEqual(e.from.map((p) => p!.cell).filter((c) => c !== at.cell));
    }
  }
  return f;
}

const errorsOf = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

test('the unmutated seeds carry no error (so every error below comes from the mutation)', () => {
  expect(errorsOf(check(seed002()))).toEqual([]);
  expect(check(t9Book())).toEqual([]);
  expect(check(t12Book())).toEqual([]);
});

describe('表一', () => {
  const t1 = base.T1!;
  const cls = (c: string) => t1.classes.find((x) => x.code === c)!;
  const FUNDS = ['general', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const;

  test('T1.income_sum: 本年收入合计', () => {
    const fs = mutate([[fig(t1.income.incomeSum), '3900.00']]);
    expectReported(fs, 'T1.income_sum', t1.income.incomeSum!, {
      expected: '3922.42', actual: '3900.00', from: FUNDS.map((k) => t1.income[k]),
      message: '表一 本年收入合计 3900.00 ≠ 各项收入之和 3922.42',
    });
  });

  test('T1.income_sum: an empty 本年收入合计 is filled (previous "")', () => {
    const f = expectReported(mutate([[fig(t1.income.incomeSum), null]]), 'T1.income_sum', t1.income.incomeSum!, {
      expected: '3922.42', actual: '0.00', message: '表一 本年收入合计 （空） ≠ 各项收入之和 3922.42',
    });
    expect(f.fix!.previous).toBe('');
  });

  test('T1.income_total, and T1.balance (no fix: which side is wrong is unknown)', () => {
    const fs = mutate([[fig(t1.income.incomeTotal), '4400.00']]);
    expectReported(fs, 'T1.income_total', t1.income.incomeTotal!, {
      expected: '4411.49', actual: '4400.00', from: [t1.income.incomeSum, t1.income.carryover],
    });
    expectReported(fs, 'T1.balance', fig(t1.expTotal?.values.total), {
      expected: '4400.00', actual: '4411.49', fix: null, message: '表一 支出总计 4411.49 ≠ 收入总计 4400.00',
    });
  });

  test('T1.row: a 类 合计 (and 本年支出合计 then disagrees with the classes)', () => {
    const c = cls('208');
    const fs = mutate([[fig(c.values.total), '2800.00']]);
    expectReported(fs, 'T1.row', c.values.total!, {
      expected: '2895.74', actual: '2800.00', from: [c.values.current, c.values.carryover],
      message: '表一 社会保障和就业支出 合计 2800.00 ≠ 当年预算安排与上年结转安排之和 2895.74',
    });
    const sumF = expectReported(fs, 'T1.exp_sum', fig(t1.expSum?.values.total), { expected: '4315.75', actual: '4411.49' });
    expect(sumF.fix!.from).toContain(key(c.values.total!));
  });

  test('T1.row / T1.exp_sum: one fund column of a class row', () => {
    const c = cls('210');
    const fs = mutate([[fig(c.values.current), '40.06']]);
    expectReported(fs, 'T1.row', c.values.total!, { expected: '40.06', actual: '39.06' });
    expectReported(fs, 'T1.exp_sum', t1.expSum!.values.current!, {
      expected: '3923.42', actual: '3922.42', from: t1.classes.map((x) => x.values.current),
      message: '表一 本年支出合计 当年预算安排 3922.42 ≠ 各类支出之和 3923.42',
    });
  });

  test('T1.exp_sum: 本年支出合计 当年预算安排, and its balance with 本年收入合计', () => {
    const at = fig(t1.expSum?.values.current);
    const fs = mutate([[at, '3922.00']]);
    expectReported(fs, 'T1.exp_sum', at, { expected: '3922.42', actual: '3922.00' });
    expectReported(fs, 'T1.balance', at, { expected: '3922.42', actual: '3922.00', fix: null });
  });

  test('T1.exp_total: 支出总计 上年结转安排', () => {
    const at = fig(t1.expTotal?.values.carryover);
    const fs = mutate([[at, '480.00']]);
    expectReported(fs, 'T1.exp_total', at, {
      expected: '489.07', actual: '480.00', from: [t1.expSum!.values.carryover, t1.yearEndCarry!.values.carryover],
      message: '表一 支出总计 上年结转安排 480.00 ≠ 本年支出合计与年终结转之和 489.07',
    });
  });

  test('T1.balance: income side consistent, expenditure side not', () => {
    const fs = mutate([[fig(t1.income.carryover), '500.00'], [fig(t1.income.incomeTotal), '4422.42']]);
    expect(fs.filter((f) => f.rule.startsWith('T1.income'))).toEqual([]);
    expectReported(fs, 'T1.balance', t1.expSum!.values.carryover!, { expected: '500.00', actual: '489.07', fix: null });
    expectReported(fs, 'T1.balance', t1.expTotal!.values.total!, { expected: '4422.42', actual: '4411.49', fix: null });
  });
});

describe('表四', () => {
  const t4 = base.T4!;
  const cls = (c: string) => t4.classes.find((x) => x.code === c)!;
  const inc = t4.income;

  test('T4.row: a 类 小计', () => {
    const c = cls('208');
    const fs = mutate([[fig(c.values.subtotal), '2895.00']]);
    expectReported(fs, 'T4.row', c.values.subtotal!, {
      expected: '2895.74', actual: '2895.00', from: [c.values.general, c.values.govFund, c.values.stateCapital],
      message: '表四 社会保障和就业支出 小计 2895.00 ≠ 一般公共预算、政府性基金预算、国有资本经营预算之和 2895.74',
    });
  });

  test('T4.income_sum', () => {
    const fs = mutate([[fig(inc.incomeSum), '3900.00']]);
    expectReported(fs, 'T4.income_sum', inc.incomeSum!, {
      expected: '3922.42', actual: '3900.00', from: [inc.general, inc.govFund, inc.stateCapital],
    });
  });

  test('T4.carry_sum: 上年财政拨款结转', () => {
    const fs = mutate([[fig(inc.carryover), '480.00']]);
    expectReported(fs, 'T4.carry_sum', inc.carryover!, {
      expected: '489.07', actual: '480.00', from: [inc.carryGeneral, inc.carryGovFund, inc.carryStateCapital],
      message: '表四 上年财政拨款结转 480.00 ≠ 其下各项结转之和 489.07',
    });
    expectReported(fs, 'T4.income_total', inc.incomeTotal!, { expected: '4402.42', actual: '4411.49' });
  });

  test('T4.carry_sum / T4.balance: one 结转 sub-line (fund column)', () => {
    const fs = mutate([[fig(inc.carryGovFund), '400.00']]);
    expectReported(fs, 'T4.carry_sum', inc.carryover!, { expected: '400.00', actual: '489.07' });
    expectReported(fs, 'T4.balance', t4.expTotal!.values.govFund!, {
      expected: '1313.75', actual: '1402.82', fix: null,
      message: '表四 支出总计 政府性基金预算 1402.82 ≠ 政府性基金预算收入与其上年结转之和 1313.75',
    });
  });

  test('T4.income_total, and T4.balance', () => {
    const fs = mutate([[fig(inc.incomeTotal), '4400.00']]);
    expectReported(fs, 'T4.income_total', inc.incomeTotal!, { expected: '4411.49', actual: '4400.00', from: [inc.incomeSum, inc.carryover] });
    expectReported(fs, 'T4.balance', t4.expTotal!.values.subtotal!, { expected: '4400.00', actual: '4411.49', fix: null });
  });

  test('T4.exp_sum: 本年支出合计 政府性基金预算', () => {
    const at = fig(t4.expSum?.values.govFund);
    const fs = mutate([[at, '1400.00']]);
    expectReported(fs, 'T4.exp_sum', at, { expected: '1402.82', actual: '1400.00', from: t4.classes.map((c) => c.values.govFund) });
    expectReported(fs, 'T4.row', t4.expSum!.values.subtotal!, { expected: '4408.67', actual: '4411.49' });
  });

  test('T4.exp_total: 支出总计 一般公共预算', () => {
    const at = fig(t4.expTotal?.values.general);
    const fs = mutate([[at, '3000.00']]);
    expectReported(fs, 'T4.exp_total', at, { expected: '3008.67', actual: '3000.00' });
    expectReported(fs, 'T4.balance', at, { expected: '3008.67', actual: '3000.00', fix: null });
  });
});

describe('HIER and the row rules of the code tables', () => {
  const t2 = base.T2!;
  const t2Total = t2.total!;

  test('HIER T2: an item (项) fund column → its 款; T2.row on the item', () => {
    const item = code(t2.rows, '2080201');
    const kuan = code(t2.rows, '20802');
    const fs = mutate([[fig(item.values.general), '150.00']]);
    const kids = ['2080201', '2080202', '2080299'].map((c) => code(t2.rows, c).values.general);
    const f = expectReported(fs, 'HIER.T2', kuan.values.general!, {
      expected: '462.72', actual: '470.32', from: kids,
      message: '表二 20802 民政管理事务 一般公共预算 470.32 ≠ 各项之和 462.72',
    });
    expect(f.table).toBe('T2');
    expectReported(fs, 'T2.row', item.values.total!, { expected: '150.00', actual: '157.60' });
  });

  test('HIER T2: a 款 subtotal (its 类 then disagrees too, waiting on the 款 fix)', () => {
    const kuan = code(t2.rows, '20802');
    const lei = code(t2.rows, '208');
    const fs = mutate([[fig(kuan.values.total), '480.32']]);
    expectReported(fs, 'HIER.T2', kuan.values.total!, {
      expected: '470.32', actual: '480.32', from: ['2080201', '2080202', '2080299'].map((c) => code(t2.rows, c).values.total),
      message: '表二 20802 民政管理事务 合计 480.32 ≠ 各项之和 470.32',
    });
    const up = expectReported(fs, 'HIER.T2', lei.values.total!, { expected: '2905.75', actual: '2895.74' });
    expect(up.fix!.from).toContain(key(kuan.values.total!));
  });

  test('HIER T2: a 类', () => {
    const lei = code(t2.rows, '208');
    const fs = mutate([[fig(lei.values.total), '2900.00']]);
    expectReported(fs, 'HIER.T2', lei.values.total!, {
      expected: '2895.75', actual: '2900.00', message: '表二 208 社会保障和就业支出 合计 2900.00 ≠ 各款之和 2895.75',
    });
    expectReported(fs, 'HIER.T2', t2Total.values.total!, { expected: '3926.68', actual: '3922.42' });
    expectReported(fs, 'T2.row', lei.values.total!, { expected: '2895.74', actual: '2900.00' });
  });

  test('HIER T2: the 合计 row', () => {
    const fs = mutate([[fig(t2Total.values.total), '3922.00']]);
    expectReported(fs, 'HIER.T2', t2Total.values.total!, {
      expected: '3922.42', actual: '3922.00', from: t2.rows.filter((r) => r.level === 1).map((r) => r.values.total),
      message: '表二 合计行 合计 3922.00 ≠ 各类之和 3922.42',
    });
  });

  test('HIER T2: one fund column (上年结转) of the 合计 row', () => {
    const fs = mutate([[fig(t2Total.values.carryover), '480.00']]);
    expectReported(fs, 'HIER.T2', t2Total.values.carryover!, {
      expected: '489.07', actual: '480.00', message: '表二 合计行 上年结转 480.00 ≠ 各类之和 489.07',
    });
    // 上年结转 is not part of 表二's 合计.
    expect(fs.filter((f) => f.rule === 'T2.row')).toEqual([]);
  });

  test('T2.row: 合计 = the five fund columns, not 上年结转', () => {
    const item = code(t2.rows, '2296002');
    const fs = mutate([[fig(item.values.total), '913.79']]);
    expectReported(fs, 'T2.row', item.values.total!, {
      expected: '912.79', actual: '913.79',
      from: (['general', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const).map((k) => item.values[k]),
      message: '表二 2296002 用于社会福利的彩票公益金支出 合计 913.79 ≠ 各项资金之和 912.79',
    });
  });

  test('HIER T3: a 款 project column; T3.row on an item', () => {
    const t3 = base.T3!;
    const kuan = code(t3.rows, '20810');
    let fs = mutate([[fig(kuan.values.project), '1500.00']]);
    expectReported(fs, 'HIER.T3', kuan.values.project!, {
      expected: '1556.90', actual: '1500.00', message: '表三 20810 社会福利 项目支出 1500.00 ≠ 各项之和 1556.90',
    });
    const item = code(t3.rows, '2080299');
    fs = mutate([[fig(item.values.total), '250.00']]);
    expectReported(fs, 'T3.row', item.values.total!, {
      expected: '247.72', actual: '250.00', from: [item.values.basic, item.values.project],
      message: '表三 2080299 其他民政管理事务支出 合计 250.00 ≠ 基本支出与项目支出之和 247.72',
    });
  });

  test('HIER T5: a 类; T5.row on a fund column of an item', () => {
    const t5 = base.T5!;
    const lei = code(t5.rows, '221');
    let fs = mutate([[fig(lei.values.total), '70.00']]);
    expectReported(fs, 'HIER.T5', lei.values.total!, { expected: '72.40', actual: '70.00', from: [code(t5.rows, '22102').values.total] });
    const item = code(t5.rows, '2081005');
    fs = mutate([[fig(item.values.basic), '260.00']]);
    expectReported(fs, 'T5.row', item.values.total!, { expected: '814.88', actual: '814.48' });
    expectReported(fs, 'HIER.T5', code(t5.rows, '20810').values.basic!, { expected: '260.00', actual: '259.60' });
  });

  test('HIER T7: income codes 103 / 10301 / 1030155', () => {
    const t7 = base.T7!;
    const kuan = code(t7.rows, '10301');
    const fs = mutate([[fig(kuan.values.amount), '900.00']]);
    expectReported(fs, 'HIER.T7', kuan.values.amount!, {
      expected: '913.75', actual: '900.00', message: '表七 10301 政府性基金收入 金额 900.00 ≠ 各项之和 913.75',
    });
    expectReported(fs, 'HIER.T7', code(t7.rows, '103').values.amount!, { expected: '900.00', actual: '913.75' });
  });

  test('HIER T8: the 合计 row project column; T8.row', () => {
    const t8 = base.T8!;
    let fs = mutate([[fig(t8.total?.values.project), '900.00']]);
    expectReported(fs, 'HIER.T8', t8.total!.values.project!, { expected: '913.75', actual: '900.00', message: '表八 合计行 项目支出 900.00 ≠ 各类之和 913.75' });
    expectReported(fs, 'T8.row', t8.total!.values.total!, { expected: '900.00', actual: '913.75' });
    const item = code(t8.rows, '2296006');
    fs = mutate([[fig(item.values.total), '1.96']]);
    expectReported(fs, 'T8.row', item.values.total!, { expected: '0.96', actual: '1.96' });
  });

  test('HIER T9 (both halves), T9.row, T9.balance', () => {
    let fs = mutate([[fig(code(t9.expenditure.rows, '22301').values.total), '45.00']], t9Book);
    const exp = code(t9.expenditure.rows, '22301');
    expectReported(fs, 'HIER.T9', exp.values.total!, { expected: '50.00', actual: '45.00', message: '表九 支出 22301 解决历史遗留问题及改革成本支出 合计 45.00 ≠ 各项之和 50.00' });
    expectReported(fs, 'T9.row', exp.values.total!, { expected: '50.00', actual: '45.00', from: [exp.values.basic, exp.values.project] });

    const inc = code(t9.income.rows, '10306');
    fs = mutate([[fig(inc.values.amount), '40.00']], t9Book);
    expectReported(fs, 'HIER.T9', inc.values.amount!, { expected: '50.00', actual: '40.00', message: '表九 收入 10306 国有资本经营收入 金额 40.00 ≠ 各项之和 50.00' });

    const total = fig(t9.expenditure.total?.values.total);
    fs = mutate([[total, '60.00']], t9Book);
    expectReported(fs, 'T9.balance', total, { expected: '50.00', actual: '60.00', fix: null, message: '表九 支出合计 60.00 ≠ 收入合计 50.00' });
    expectReported(fs, 'HIER.T9', total, { expected: '50.00', actual: '60.00' });
    expectReported(fs, 'T9.row', total, { expected: '50.00', actual: '60.00' });
  });
});

describe('表六', () => {
  const t6 = base.T6!;
  const wage = named(t6.rows, '工资福利支出');
  const items = t6.rows.filter((r) => r.className === '工资福利支出' && r.kind === 'item');
  const total = (rows: T6Row[], col: 'total' | 'personnel' | 'public') => fmt2(sum(rows.map((r) => r.values[col]!.value)));

  test('T6.row: an item', () => {
    const item = named(t6.rows, '基本工资');
    const fs = mutate([[fig(item.values.total), '100.00']]);
    expectReported(fs, 'T6.row', item.values.total!, {
      expected: '106.17', actual: '100.00', from: [item.values.personnel, item.values.public],
      message: '表六 基本工资 合计 100.00 ≠ 人员经费与公用经费之和 106.17',
    });
    expectReported(fs, 'T6.class_sum', wage.values.total!, { expected: fmt2(sum(items.map((r) => r.values.total!.value)).minus('6.17')), actual: '823.79' });
  });

  test('T6.class_sum: a class row, one column', () => {
    const fs = mutate([[fig(wage.values.personnel), '820.00']]);
    expectReported(fs, 'T6.class_sum', wage.values.personnel!, {
      expected: total(items, 'personnel'), actual: '820.00', from: items.map((i) => i.values.personnel),
      message: `表六 工资福利支出 人员经费 820.00 ≠ 其下各款之和 ${total(items, 'personnel')}`,
    });
  });

  test('T6.total: the 合计 row, 公用经费', () => {
    const classes = t6.rows.filter((r) => r.kind === 'class');
    const fs = mutate([[fig(t6.total?.values.public), '150.00']]);
    expectReported(fs, 'T6.total', t6.total!.values.public!, {
      expected: total(classes, 'public'), actual: '150.00', from: classes.map((c) => c.values.public),
      message: `表六 合计行 公用经费 150.00 ≠ 各类之和 ${total(classes, 'public')}`,
    });
  });

  test('T6.class_of_cost (warning): 工资福利 in 公用经费, 商品和服务 in 人员经费', () => {
    const salary = named(t6.rows, '基本工资');
    const office = named(t6.rows, '办公费');
    const fs = mutate([[fig(salary.values.public), '1.00'], [fig(office.values.personnel), '1.00']]);
    const cost = fs.filter((f) => f.rule === 'T6.class_of_cost');
    expect(cost.map((f) => [f.severity, f.cells[0], f.message, f.fix])).toEqual([
      ['warning', salary.values.public!.cell, '表六 基本工资（工资福利支出） 列入公用经费 1.00：工资福利支出一般列人员经费，请核实', undefined],
      ['warning', office.values.personnel!.cell, '表六 办公费（商品和服务支出） 列入人员经费 1.00：商品和服务支出一般列公用经费，请核实', undefined],
    ]);
  });
});

describe('表十, 表十一', () => {
  const t10 = base.T10!;
  const t11 = base.T11!;

  test('T10.row: 公务接待费', () => {
    const r = t10.lines.reception!;
    const fs = mutate([[fig(r.values.total), '1.80']]);
    expectReported(fs, 'T10.row', r.values.total!, {
      expected: '0.80', actual: '1.80', from: [r.values.general, r.values.govFund, r.values.stateCapital],
      message: '表十 公务接待费 合计 1.80 ≠ 一般公共预算、政府性基金预算、国有资本经营预算之和 0.80',
    });
  });

  test('T10.vehicle: 公务用车购置及运行费 = ① + ②', () => {
    const v = t10.lines.vehicle!;
    const fs = mutate([[fig(v.values.general), '20.00']]);
    expectReported(fs, 'T10.vehicle', v.values.general!, {
      expected: '18.50', actual: '20.00', from: [t10.lines.vehiclePurchase!.values.general, t10.lines.vehicleOperation!.values.general],
      message: '表十 公务用车购置及运行费 一般公共预算 20.00 ≠ 购置费与运行维护费之和 18.50',
    });
    expectReported(fs, 'T10.row', v.values.total!, { expected: '20.00', actual: '18.50' });
  });

  test('T10.total: 合计 = 出国 + 接待 + 公务用车', () => {
    const t = t10.lines.total!;
    const fs = mutate([[fig(t.values.total), '19.00']]);
    expectReported(fs, 'T10.total', t.values.total!, {
      expected: '19.30', actual: '19.00', from: [t10.lines.abroad, t10.lines.reception, t10.lines.vehicle].map((l) => l!.values.total),
    });
  });

  test('T11.row and T11.dept_sum', () => {
    const u = t11.units[0];
    let fs = mutate([[fig(u.values.total), '28.00']]);
    expectReported(fs, 'T11.row', u.values.total!, { expected: '27.56', actual: '28.00', message: '表十一 阳泉市民政局 合计 28.00 ≠ 一般公共预算、政府性基金预算、国有资本经营预算之和 27.56' });
    expectReported(fs, 'T11.dept_sum', t11.deptTotal!.values.total!, { expected: '41.12', actual: '40.68' });
    fs = mutate([[fig(t11.deptTotal?.values.general), '40.00']]);
    expectReported(fs, 'T11.dept_sum', t11.deptTotal!.values.general!, {
      expected: '40.68', actual: '40.00', from: t11.units.map((x) => x.values.general),
      message: '表十一 部门合计 一般公共预算 40.00 ≠ 各单位之和 40.68',
    });
  });
});

describe('表十二, 表十三', () => {
  const t12 = base.T12!;
  const t13 = base.T13!;
  const projectsOf = <K extends string>(rows: ProjectRow<K>[], unit: ProjectRow<K>) => {
    const i = rows.indexOf(unit);
    const end = rows.findIndex((r, j) => j > i && r.kind !== 'project');
    return rows.slice(i + 1, end < 0 ? rows.length : end);
  };

  test('T12.row: a project fund column; its unit then disagrees', () => {
    const p = named(t12.rows, '困难群众救助补助资金（中央和省）');
    const fs = mutate([[fig(p.values.general), '41.00']]);
    expectReported(fs, 'T12.row', p.values.total!, {
      expected: '41.00', actual: '40.80',
      from: (['general', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'] as const).map((k) => p.values[k]),
      message: '表十二 困难群众救助补助资金（中央和省） 合计 40.80 ≠ 各项资金之和 41.00',
    });
    expectReported(fs, 'T12.unit_sum', named(t12.rows, '阳泉市社会福利院').values.general!, { expected: '472.16', actual: '471.97' });
  });

  test('T12.unit_sum: a unit subtotal', () => {
    const unit = named(t12.rows, '阳泉市救助管理站');
    const fs = mutate([[fig(unit.values.total), '280.00']]);
    expectReported(fs, 'T12.unit_sum', unit.values.total!, {
      expected: '283.70', actual: '280.00', from: projectsOf(t12.rows, unit).map((r) => r.values.total),
      message: '表十二 单位“阳泉市救助管理站” 合计 280.00 ≠ 其下各项目之和 283.70',
    });
    expectReported(fs, 'T12.dept_sum', t12.rows[0].values.total!, { expected: '2819.27', actual: '2822.97' });
  });

  test('T12.dept_sum: the department row, one fund column', () => {
    const dept = t12.rows[0];
    expect(dept.kind).toBe('department');
    const fs = mutate([[fig(dept.values.govFund), '900.00']]);
    expectReported(fs, 'T12.dept_sum', dept.values.govFund!, {
      expected: '913.75', actual: '900.00', from: t12.rows.filter((r) => r.kind === 'unit').map((r) => r.values.govFund),
      message: '表十二 部门“阳泉市民政局” 政府性基金预算 900.00 ≠ 各单位之和 913.75',
    });
  });

  test('T12.dept_sum: a 合计 row above the department', () => {
    const fs = mutate([[fig(t12s.total?.values.total), '31.00']], t12Book);
    expectReported(fs, 'T12.dept_sum', t12s.total!.values.total!, {
      expected: '30.00', actual: '31.00', from: [t12s.rows[0].values.total], message: '表十二 合计行 合计 31.00 ≠ 各部门之和 30.00',
    });
    const unit = named(t12s.rows, '某某市救助管理站');
    const fs2 = mutate([[fig(unit.values.general), '12.00']], t12Book);
    expectReported(fs2, 'T12.unit_sum', unit.values.general!, { expected: '10.00', actual: '12.00' });
    expectReported(fs2, 'T12.dept_sum', t12s.rows[0].values.general!, { expected: '32.00', actual: '30.00' });
  });

  test('T13.row, T13.unit_sum, T13.dept_sum', () => {
    const p = named(t13.rows, '全市慈善政策及业务培训');
    let fs = mutate([[fig(p.values.govFund), '4.00']]);
    expectReported(fs, 'T13.row', p.values.total!, {
      expected: '4.00', actual: '3.00', from: [p.values.general, p.values.govFund, p.values.stateCapital],
    });
    const unit = named(t13.rows, '阳泉市社会福利院');
    fs = mutate([[fig(unit.values.total), '370.00']]);
    expectReported(fs, 'T13.unit_sum', unit.values.total!, {
      expected: '376.81', actual: '370.00', from: projectsOf(t13.rows, unit).map((r) => r.values.total),
    });
    const dept = t13.rows[0];
    fs = mutate([[fig(dept.values.total), '490.00']]);
    expectReported(fs, 'T13.dept_sum', dept.values.total!, {
      expected: '489.07', actual: '490.00', message: '表十三 部门“阳泉市民政局” 合计 490.00 ≠ 各单位之和 489.07',
    });
  });
});

describe('formula cells and auto-fill', () => {
  test('a stated cell holding a formula is reported without a fix', () => {
    const t2Total = fig(base.T2?.total?.values.total);
    const incomeSum = fig(base.T1?.income.incomeSum);
    const fs = mutate([
      [t2Total, { value: 3922, formula: 'SUM(C12,C15,C35,C41,C44)' }],
      [incomeSum, { value: 3900, formula: 'SUM(B11:B15)' }],
    ]);
    expectReported(fs, 'HIER.T2', t2Total, { expected: '3922.42', actual: '3922.00', fix: null });
    expectReported(fs, 'T2.row', t2Total, { expected: '3922.42', actual: '3922.00', fix: null });
    expectReported(fs, 'T1.income_sum', incomeSum, { expected: '3922.42', actual: '3900.00', fix: null });
  });

  test('auto-fill applies the fixes bottom-up: a wrong 款 and a wrong 类 come back and no error is left', () => {
    const t2 = base.T2!;
    const kuan = fig(code(t2.rows, '20802').values.total);
    const lei = fig(code(t2.rows, '208').values.general);
    const wb = seed002();
    for (const [f, v] of [[kuan, '480.32'], [lei, '2000.00']] as const) {
      setCell(wb.sheets.find((s) => s.name === f.sheet)!, f.row, f.col, { value: v });
    }
    expect(errorsOf(check(wb)).length).toBeGreaterThan(0);
    const { snapshot, result } = autoFill(wb, check, { overwrite: true });
    expect(errorsOf(check(snapshot))).toEqual([]);
    const applied = Object.fromEntries(result.applied.map((a) => [a.cell, a.value]));
    expect(applied[kuan.cell]).toBe('470.32');
    expect(applied[lei.cell]).toBe('2895.75');
  });
});

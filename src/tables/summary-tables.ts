import { classByName } from './classes';
import type { Grid } from './grid';
import { classifyColumns, columnHeaders, findBody, markMissingColumns, reportUnknownColumns, unknownColumns, type UnknownColumn } from './header';
import { tableLabel } from './table-labels';
import { keyText, stripNumbering } from './text';
import { unrecognisedFinding } from './grid';
import type { ClassRow, FundKey, Label, T1ExpCol, T1Table, T4ExpCol, T4IncomeKey, T4Table, Unrecognised } from './types';

type T1IncomeKey = FundKey | 'incomeSum' | 'carryover' | 'incomeTotal';

const FUND_NAMES: [FundKey, RegExp][] = [
  ['general', /^一般公共预算/],
  ['govFund', /^政府性基金/],
  ['stateCapital', /^国有资本经营/],
  ['specialAccount', /^财政专户/],
  ['unitFunds', /^单位资金|^事业收入|^其他收入/],
];

function cleanLabel(s: string): string {
  return tableLabel(keyText(stripNumbering(s)));
}

/** Where the two label columns of a 收支总表 stand: found by the first class name and the first income line. */
function locateColumns(grid: Grid, from: number): { row: number; incomeCol: number; expCol: number } | undefined {
  for (let r = from; r <= Math.min(grid.rowCount, from + 15); r++) {
    for (let c = 1; c <= grid.colCount; c++) {
      if (grid.merges.owner(r, c).col !== c) continue;
      if (cleanLabel(grid.text(r, c)) !== '一般公共服务支出') continue;
      let incomeCol = 0;
      for (let d = 1; d < c; d++) {
        if (/^一般公共预算/.test(cleanLabel(grid.text(r, d)))) {
          incomeCol = d;
          break;
        }
      }
      return { row: r, incomeCol: incomeCol || 1, expCol: c };
    }
  }
  return undefined;
}

/** The first column right of `labelCol` that is not covered by the label's own merge. */
function amountColAfter(grid: Grid, row: number, labelCol: number, before: number): number {
  for (let c = labelCol + 1; c < before; c++) if (grid.merges.owner(row, c).col === c) return c;
  return labelCol + 1;
}

interface Sides<E extends string> {
  incomeLabelCol: number;
  incomeAmountCol: number;
  expLabelCol: number;
  expCols: Map<E, number>;
  /** Expenditure columns whose header is no known column but which hold amounts (INPUT.unrecognised). */
  unknown: UnknownColumn[];
  keys: E[];
  firstRow: number;
}

function readSides<E extends string>(grid: Grid, from: number, patterns: [E, RegExp][], order: E[]): Sides<E> | undefined {
  const loc = locateColumns(grid, from);
  if (!loc) return undefined;
  const body = findBody(grid, from, (r) => r === loc.row, 20);
  const headers = body ? columnHeaders(grid, body.headerRows) : [];
  const expCols = classifyColumns(headers, patterns, loc.expCol + 1);
  const unknown =
    body && expCols.size
      ? unknownColumns(grid, {
          headerRows: body.headerRows,
          headers,
          patterns,
          bodyStart: loc.row,
          fromCol: amountColAfter(grid, loc.row, loc.expCol, grid.colCount + 1),
          found: expCols.values(),
        })
      : [];
  // Without usable headers the template's order applies: the columns right of the label, in order.
  if (expCols.size === 0) {
    let c = loc.expCol + 1;
    for (const key of order) {
      while (c <= grid.colCount && grid.merges.owner(loc.row, c).col !== c) c++;
      expCols.set(key, c++);
    }
  }
  return {
    incomeLabelCol: loc.incomeCol,
    incomeAmountCol: amountColAfter(grid, loc.row, loc.incomeCol, loc.expCol),
    expLabelCol: loc.expCol,
    expCols,
    unknown,
    keys: patterns.map(([k]) => k),
    firstRow: loc.row,
  };
}

function classRow<E extends string>(grid: Grid, r: number, sides: Sides<E>, index: number, name: string, code?: string): ClassRow<E> {
  const values: Partial<Record<E, ReturnType<Grid['figure']>>> = {};
  for (const [key, col] of sides.expCols) values[key] = grid.figure(r, col, name);
  markMissingColumns(grid, r, values, sides.keys, sides.unknown);
  return { index, name, code, label: grid.label(r, sides.expLabelCol), values };
}

type Rows<E extends string> = {
  classes: ClassRow<E>[];
  expSum?: ClassRow<E>;
  yearEndCarry?: ClassRow<E>;
  expTotal?: ClassRow<E>;
  unrecognised: Unrecognised[];
};

/** An amount that was stated (not empty, not 0): a row with one and an unknown label is INPUT.unrecognised. */
function statedAmount(grid: Grid, r: number, col: number): ReturnType<Grid['figure']> | undefined {
  if (!grid.isAmount(r, col)) return undefined;
  const f = grid.figure(r, col);
  return f.empty || f.value.isZero() ? undefined : f;
}

/**
 * Reads the expenditure side shared by 表一 and 表四; `onIncome` reads the income label of each row and says
 * whether it knew it. A row between the first class and 本年支出合计 (or an income row above 收入总计) that carries
 * an amount under a label no pattern knows is reported (INPUT.unrecognised) and kept in `unrecognised`, so that
 * the sum it belongs to is skipped rather than computed without it.
 */
function readRows<E extends string>(
  grid: Grid,
  sides: Sides<E>,
  onIncome: (label: string, r: number) => boolean,
  skipped: { income: string; expenditure: string },
): Rows<E> {
  const out: Rows<E> = {
    classes: [],
    unrecognised: reportUnknownColumns(grid, sides.unknown, `${grid.tableName || '本表'}支出各栏合计的校验`),
  };
  let incomeDone = false;
  const unknown = (r: number, col: number, part: 'income' | 'expenditure', amount: ReturnType<Grid['figure']>) => {
    const label = grid.label(r, col);
    out.unrecognised.push({ label, part, amount });
    grid.report(
      unrecognisedFinding({
        sheet: grid.name,
        cell: label.cell,
        text: label.text,
        tableName: grid.tableName || undefined,
        amount: `${amount.value.toFixed(2)} 万元`,
        skipped: skipped[part],
        related: [amount.cell],
      }),
    );
  };
  for (let r = sides.firstRow; r <= grid.rowCount; r++) {
    if (grid.isRowEmpty(r)) continue;
    const inc = cleanLabel(grid.text(r, sides.incomeLabelCol));
    if (inc && sides.incomeLabelCol !== sides.expLabelCol && !incomeDone && grid.merges.owner(r, sides.incomeLabelCol).row === r) {
      const known = onIncome(inc, r);
      if (/^收入总计/.test(inc)) incomeDone = true;
      const amount = known ? undefined : statedAmount(grid, r, sides.incomeAmountCol);
      if (amount) unknown(r, sides.incomeLabelCol, 'income', amount);
    }
    const exp = cleanLabel(grid.text(r, sides.expLabelCol));
    if (!exp) continue;
    const cls = classByName(exp);
    if (cls) out.classes.push(classRow(grid, r, sides, cls.index, cls.name, cls.code));
    else if (/^本年支出合计|^支出合计$/.test(exp)) out.expSum = classRow(grid, r, sides, 0, '本年支出合计');
    else if (/^年终结转|^年末结转|^结转下年/.test(exp)) out.yearEndCarry = classRow(grid, r, sides, 0, '年终结转');
    else if (/^支出总计/.test(exp)) {
      out.expTotal = classRow(grid, r, sides, 0, '支出总计');
      break;
    } else if (out.classes.length && !out.expSum && grid.merges.owner(r, sides.expLabelCol).row === r) {
      const amount = [...sides.expCols.values()].map((c) => statedAmount(grid, r, c)).find((f) => f);
      if (amount) unknown(r, sides.expLabelCol, 'expenditure', amount);
    }
  }
  return out;
}

/** The table without an empty `unrecognised` list (tables compare cleanly in tests and JSON). */
function withUnrecognised<T extends { unrecognised?: Unrecognised[] }>(t: T): T {
  if (!t.unrecognised?.length) delete t.unrecognised;
  return t;
}

export function readT1(grid: Grid, from: number): T1Table | undefined {
  const sides = readSides<T1ExpCol>(
    grid,
    from,
    [
      ['carryover', /上年结转/],
      ['current', /当年|本年/],
      ['total', /合计|小计|金额|\d{4}年?$/],
    ],
    ['total', 'current', 'carryover'],
  );
  if (!sides) return undefined;
  const income: T1Table['income'] = {};
  const incomeLabels: T1Table['incomeLabels'] = {};
  const take = (key: T1IncomeKey, r: number, text: string) => {
    if (income[key]) return;
    income[key] = grid.figure(r, sides.incomeAmountCol, text);
    incomeLabels[key] = grid.label(r, sides.incomeLabelCol) as Label;
  };
  const rows = readRows(
    grid,
    sides,
    (label, r) => {
      const fund = FUND_NAMES.find(([, re]) => re.test(label));
      if (fund) take(fund[0], r, label);
      else if (/^本年收入合计|^收入合计$/.test(label)) take('incomeSum', r, label);
      else if (/^上年结转|^上年结余/.test(label)) take('carryover', r, label);
      else if (/^收入总计/.test(label)) take('incomeTotal', r, label);
      else return false;
      return true;
    },
    { income: '表一 本年收入合计、收入总计的校验', expenditure: '表一 本年支出合计与各类支出之和的校验' },
  );
  return withUnrecognised({ sheet: grid.name, income, incomeLabels, ...rows });
}

export function readT4(grid: Grid, from: number): T4Table | undefined {
  const sides = readSides<T4ExpCol>(
    grid,
    from,
    [
      ['general', /一般公共预算/],
      ['govFund', /政府性基金/],
      ['stateCapital', /国有资本/],
      ['subtotal', /小计|合计|金额/],
    ],
    ['subtotal', 'general', 'govFund', 'stateCapital'],
  );
  if (!sides) return undefined;
  const income: T4Table['income'] = {};
  const incomeLabels: T4Table['incomeLabels'] = {};
  let afterCarry = false;
  const take = (key: T4IncomeKey, r: number, text: string) => {
    if (income[key]) return;
    income[key] = grid.figure(r, sides.incomeAmountCol, text);
    incomeLabels[key] = grid.label(r, sides.incomeLabelCol);
  };
  const CARRY: Record<string, T4IncomeKey> = { general: 'carryGeneral', govFund: 'carryGovFund', stateCapital: 'carryStateCapital' };
  const MAIN: Record<string, T4IncomeKey> = { general: 'general', govFund: 'govFund', stateCapital: 'stateCapital' };
  const rows = readRows(
    grid,
    sides,
    (label, r) => {
      const fund = FUND_NAMES.slice(0, 3).find(([, re]) => re.test(label));
      if (fund) take((afterCarry ? CARRY : MAIN)[fund[0]], r, label);
      else if (/^本年收入合计|^收入合计$/.test(label)) take('incomeSum', r, label);
      else if (/^上年(财政拨款)?结转/.test(label)) {
        take('carryover', r, label);
        afterCarry = true;
      } else if (/^收入总计/.test(label)) take('incomeTotal', r, label);
      else return false;
      return true;
    },
    { income: '表四 本年收入合计、上年结转、收入总计的校验', expenditure: '表四 本年支出合计与各类支出之和的校验' },
  );
  return withUnrecognised({ sheet: grid.name, income, incomeLabels, ...rows });
}

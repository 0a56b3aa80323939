import type { Grid } from './grid';
import { T3_COLUMNS, readCodeTable } from './code-table';
import {
  classifyColumns, columnHeaders, findBody, hasNoDataNote, isHeaderLike, isNoteRow, isTotalLabel, markMissingColumns, reportUnknownColumns,
  unknownColumns, unreadRow,
} from './header';
import { tableLabel } from './table-labels';
import { keyText, splitCodeName, stripNumbering } from './text';
import type {
  Figure, Unrecognised, T6Col, T6Row, T6Table, T9Table, T10Col, T10Line, T10Row, T10Table, T11Col, T11Row, T11Table,
} from './types';

/** 经济分类 classes (类) of 表六; items stand under them. */
export const ECONOMIC_CLASSES = [
  '工资福利支出', '商品和服务支出', '对个人和家庭的补助', '资本性支出', '对企业补助', '对社会保障基金补助',
  '债务利息及费用支出', '其他支出', '机关工资福利支出', '机关商品和服务支出', '机关资本性支出',
];

const FUND_COLUMNS: [T10Col, RegExp][] = [
  ['general', /一般公共预算/],
  ['govFund', /政府性基金/],
  ['stateCapital', /国有资本/],
  ['total', /合计|小计|预算数|金额/],
];

function values<K extends string>(grid: Grid, r: number, cols: Map<K, number>, what: string): Partial<Record<K, Figure>> {
  const v: Partial<Record<K, Figure>> = {};
  for (const [k, c] of cols) v[k] = grid.figure(r, c, what);
  return v;
}

/** First text cell of a row at or left of `maxCol` (the row's label). */
function firstLabel(grid: Grid, r: number, maxCol: number, notAmount = false): { text: string; col: number } | undefined {
  for (let c = 1; c <= maxCol; c++) {
    const t = grid.text(r, c);
    // `notAmount` (表十, 表十一: names only, no codes): an amount is no label, the row's label is missing.
    if (t && grid.merges.owner(r, c).col === c && !(notAmount && grid.isAmount(r, c))) return { text: t, col: c };
  }
  return undefined;
}

export function readT6(grid: Grid, from: number): T6Table | undefined {
  const body = findBody(grid, from, (r) => {
    const l = firstLabel(grid, r, 3);
    return !!l && (isTotalLabel(l.text) || ECONOMIC_CLASSES.includes(tableLabel(keyText(splitCodeName(l.text).name)))) && !isHeaderLike(grid, r);
  });
  if (!body) return undefined;
  const headers = columnHeaders(grid, body.headerRows);
  const patterns: [T6Col, RegExp][] = [
    ['personnel', /人员经费/],
    ['public', /公用经费/],
    ['total', /合计|小计/],
  ];
  const cols = classifyColumns<T6Col>(headers, patterns);
  let govCol = 0;
  headers.forEach((h, c) => {
    if (!govCol && /政府(预算)?(支出)?经济(分类)?科目/.test(h)) govCol = c;
  });
  const firstAmount = Math.min(...cols.values());
  const table: T6Table = { sheet: grid.name, columns: [...cols.keys()], rows: [] };
  let currentClass: string | undefined;
  const unrecognised: Unrecognised[] = [];
  const rowsSkipped = '表六 合计行与各类、各类与其下各款的校验';
  let labelEnd = Math.max(1, govCol);
  for (let r = body.bodyStart; r <= grid.rowCount; r++) {
    if (grid.isRowEmpty(r)) continue;
    if (isNoteRow(grid, r)) break;
    const l = firstLabel(grid, r, Math.max(1, (govCol || firstAmount) - 1));
    if (!l) {
      const u = unreadRow(grid, r, 1, [...cols.values()], rowsSkipped);
      if (u) unrecognised.push(u);
      continue;
    }
    labelEnd = Math.max(labelEnd, l.col);
    const { code, name } = splitCodeName(l.text);
    const gov = govCol ? grid.text(r, govCol) : '';
    const total = isTotalLabel(name);
    // A class name as the template spells it (wrapped, re-spaced or cut off in the cell: labels.ts).
    const known = tableLabel(keyText(name));
    const named = ECONOMIC_CLASSES.includes(known) && !gov;
    const isClass = !total && (named || code.length === 3);
    const row: T6Row = {
      kind: total ? 'total' : isClass ? 'class' : 'item',
      name: total ? '合计' : named ? known : name,
      code: code || undefined,
      govName: gov || undefined,
      className: total || isClass ? undefined : currentClass,
      row: r,
      label: grid.label(r, l.col),
      values: values(grid, r, cols, name),
    };
    if (isClass) currentClass = row.name;
    if (total && !table.total) table.total = row;
    else if (!total) table.rows.push(row);
  }
  const unknown = cols.size ? unknownColumns(grid, { headerRows: body.headerRows, headers, patterns, bodyStart: body.bodyStart, fromCol: labelEnd + 1, found: cols.values() }) : [];
  if (unknown.length) {
    unrecognised.unshift(...reportUnknownColumns(grid, unknown, '表六 中需要该栏金额的合计校验'));
    for (const row of table.total ? [table.total, ...table.rows] : table.rows) markMissingColumns(grid, row.row, row.values, patterns.map(([k]) => k), unknown);
  }
  if (unrecognised.length) table.unrecognised = unrecognised;
  return table;
}

const T10_LINES: [T10Line, RegExp][] = [
  ['abroad', /因公出国/],
  ['vehicle', /公务用车购置及运行/],
  ['vehiclePurchase', /^①|公务用车购置费$/],
  ['vehicleOperation', /^②|运行维护费$|运行费$/],
  ['reception', /公务接待/],
  ['total', /^合计$|^总计$/],
];

export function readT10(grid: Grid, from: number): T10Table | undefined {
  const isLine = (r: number) => {
    const l = firstLabel(grid, r, 2);
    return !!l && T10_LINES.some(([, re]) => re.test(tableLabel(keyText(l.text)))) && !isFundHeaderRow(grid, r);
  };
  const body = findBody(grid, from, isLine);
  const table: T10Table = { sheet: grid.name, lines: {}, noDataNote: hasNoDataNote(grid) };
  if (!body) return table;
  const headers = columnHeaders(grid, body.headerRows);
  const cols = classifyColumns(headers, FUND_COLUMNS, 2);
  const unrecognised: Unrecognised[] = [];
  let labelEnd = 1;
  for (let r = body.bodyStart; r <= grid.rowCount; r++) {
    if (grid.isRowEmpty(r)) continue;
    if (isNoteRow(grid, r)) break;
    const l = firstLabel(grid, r, 2, true);
    const k = l ? tableLabel(keyText(l.text)) : '';
    const line = T10_LINES.find(([, re]) => re.test(k));
    if (!l || !line) {
      // A line of amounts that is none of the 三公 lines: the sums over the lines are skipped.
      const u = unreadRow(grid, r, l?.col ?? 1, [...cols.values()], '表十 合计与各项、公务用车购置及运行费与其明细的校验');
      if (u) unrecognised.push(u);
      continue;
    }
    labelEnd = Math.max(labelEnd, l.col);
    if (table.lines[line[0]]) continue;
    const row: T10Row = { line: line[0], label: grid.label(r, l.col), values: values(grid, r, cols, stripNumbering(l.text)) };
    table.lines[line[0]] = row;
  }
  const unknown = cols.size ? unknownColumns(grid, { headerRows: body.headerRows, headers, patterns: FUND_COLUMNS, bodyStart: body.bodyStart, fromCol: labelEnd + 1, found: cols.values() }) : [];
  if (unknown.length) {
    unrecognised.unshift(...reportUnknownColumns(grid, unknown, '表十 中需要该栏金额的合计校验'));
    for (const row of Object.values(table.lines)) markMissingColumns(grid, row.label.row, row.values, FUND_COLUMNS.map(([k]) => k), unknown);
  }
  if (unrecognised.length) table.unrecognised = unrecognised;
  return table;
}

export function readT11(grid: Grid, from: number, knownUnits: string[] = []): T11Table | undefined {
  const table: T11Table = { sheet: grid.name, units: [], noDataNote: hasNoDataNote(grid) };
  const body = findBody(grid, from, (r) => {
    const l = firstLabel(grid, r, 2);
    if (!l || isHeaderLike(grid, r) || isFundHeaderRow(grid, r)) return false;
    return isTotalLabel(l.text) || knownUnits.includes(l.text.trim()) || hasAmount(grid, r);
  });
  if (!body) return table;
  const headers = columnHeaders(grid, body.headerRows);
  const cols = classifyColumns<T11Col>(headers, FUND_COLUMNS, 2);
  const unrecognised: Unrecognised[] = [];
  let labelEnd = 1;
  for (let r = body.bodyStart; r <= grid.rowCount; r++) {
    if (grid.isRowEmpty(r)) continue;
    if (isNoteRow(grid, r)) break;
    const l = firstLabel(grid, r, 2, true);
    if (!l) {
      const u = unreadRow(grid, r, 1, [...cols.values()], '表十一 部门合计与各单位之和的校验');
      if (u) unrecognised.push(u);
      continue;
    }
    labelEnd = Math.max(labelEnd, l.col);
    const row: T11Row = { name: l.text.trim(), label: grid.label(r, l.col), values: values(grid, r, cols, l.text.trim()) };
    if (isTotalLabel(l.text) && !table.deptTotal) table.deptTotal = { ...row, name: '部门合计' };
    else table.units.push(row);
  }
  const unknown = cols.size ? unknownColumns(grid, { headerRows: body.headerRows, headers, patterns: FUND_COLUMNS, bodyStart: body.bodyStart, fromCol: labelEnd + 1, found: cols.values() }) : [];
  if (unknown.length) {
    unrecognised.unshift(...reportUnknownColumns(grid, unknown, '表十一 中需要该栏金额的合计校验'));
    for (const row of table.deptTotal ? [table.deptTotal, ...table.units] : table.units) markMissingColumns(grid, row.label.row, row.values, FUND_COLUMNS.map(([k]) => k), unknown);
  }
  if (unrecognised.length) table.unrecognised = unrecognised;
  return table;
}

/** A header row naming the fund columns (合计 | 一般公共预算 | 政府性基金预算 …). */
function isFundHeaderRow(grid: Grid, r: number): boolean {
  for (let c = 1; c <= grid.colCount; c++) if (/一般公共预算|政府性基金|国有资本|预算数/.test(grid.text(r, c))) return true;
  return false;
}

function hasAmount(grid: Grid, r: number): boolean {
  for (let c = 2; c <= grid.colCount; c++) if (grid.isAmount(r, c)) return true;
  return false;
}

/** 表九: 国有资本经营预算 income codes on the left, expenditure codes on the right; usually empty. */
export function readT9(grid: Grid, from: number): T9Table {
  const noDataNote = hasNoDataNote(grid);
  let split = 0;
  for (let r = from; r <= Math.min(grid.rowCount, from + 6) && !split; r++) {
    for (let c = 2; c <= grid.colCount; c++) {
      if (/支出/.test(grid.labelKey(r, c)) && !/支出/.test(grid.labelKey(r, c - 1))) {
        split = grid.merges.owner(r, c).col;
        break;
      }
    }
  }
  split ||= Math.max(4, Math.floor(grid.colCount / 2));
  const income = readCodeTable(grid, from, [['amount', /收入|预算|金额/]], 1, split - 1) ?? {
    sheet: grid.name, columns: [], rows: [], noDataNote,
  };
  const expenditure = readCodeTable(grid, from, T3_COLUMNS, split, grid.colCount) ?? {
    sheet: grid.name, columns: [], rows: [], noDataNote,
  };
  return { sheet: grid.name, income, expenditure, noDataNote };
}

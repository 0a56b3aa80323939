import type { Grid } from './grid';
import { unrecognisedFinding } from './grid';
import {
  classifyColumns, columnHeaders, findBody, hasNoDataNote, isNoteRow, isTotalLabel, markMissingColumns, readCodeLabel, reportUnknownColumns,
  unknownColumns,
} from './header';
import { isCode, splitCodeName } from './text';
import type { CodeRow, CodeTable, T2Col, T3Col, T7Col, Unrecognised } from './types';
import { mapPacked } from '../model/arrays';

export const T2_COLUMNS: [T2Col, RegExp][] = [
  ['carryover', /上年结转/],
  ['general', /一般公共预算/],
  ['govFund', /政府性基金/],
  ['stateCapital', /国有资本/],
  ['specialAccount', /财政专户/],
  ['unitFunds', /单位资金|事业收入|其他收入/],
  ['total', /合计|小计|总计|本年收入$/],
];

export const T3_COLUMNS: [T3Col, RegExp][] = [
  ['basic', /基本支出/],
  ['project', /项目支出/],
  ['total', /合计|小计|总计/],
];

export const T7_COLUMNS: [T7Col, RegExp][] = [['amount', /收入|预算|金额|合计|数/]];

function levelOf(code: string): CodeRow<string>['level'] {
  if (code === '') return 0;
  return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : -1;
}

/** A row of a code table: a code (alone or with its name) or 合计 among the label columns. */
export function isCodeBodyRow(grid: Grid, row: number, labelCols = 3): boolean {
  for (let c = 1; c <= Math.min(labelCols, grid.colCount); c++) {
    const t = grid.own(row, c).trim();
    if (!t) continue;
    if (isCode(t)) return true;
    if ([3, 5, 7].includes(splitCodeName(t).code.length)) return true;
    if (isTotalLabel(t)) return !rowHasHeaderWord(grid, row);
  }
  return false;
}

function rowHasHeaderWord(grid: Grid, row: number): boolean {
  for (let c = 1; c <= grid.colCount; c++) {
    if (/基本支出|项目支出|一般公共预算|上年结转|编码|名称|人员经费|公用经费/.test(grid.labelKey(row, c))) return true;
  }
  return false;
}

/**
 * Reads a table keyed by 功能分类 codes (表二, 三, 五, 七, 八 and each half of 表九) between columns
 * [firstCol, lastCol]. Columns are found by header text; rows run until a note row or the end.
 */
export function readCodeTable<K extends string>(
  grid: Grid,
  from: number,
  patterns: [K, RegExp][],
  firstCol = 1,
  lastCol = grid.colCount,
): CodeTable<K> | undefined {
  const body = findBody(grid, from, (r) => isCodeBodyRow(grid, r, firstCol + 2));
  const noDataNote = hasNoDataNote(grid);
  if (!body) return undefined;
  const headers = columnHeaders(grid, body.headerRows).map((h, c) => (c < firstCol || c > lastCol ? '' : h));
  const colMap = classifyColumns(headers, patterns, firstCol);
  const amountCols = [...colMap.values()];
  const lastLabelCol = Math.max(firstCol, Math.min(...amountCols, lastCol + 1) - 1);
  const table: CodeTable<K> = { sheet: grid.name, columns: [...colMap.keys()].sort((a, b) => colMap.get(a)! - colMap.get(b)!), rows: [], noDataNote };
  const unrecognised: Unrecognised[] = [];
  const tableName = grid.tableName || undefined;
  // The columns the row labels stand in (code, name): never an amount column, whatever their header says.
  let labelEnd = firstCol;
  for (let r = body.bodyStart; r <= grid.rowCount; r++) {
    if (grid.isRowEmpty(r)) continue;
    if (isNoteRow(grid, r)) break;
    const label = readLabelIn(grid, r, firstCol, lastLabelCol);
    if (!label) {
      // A row of amounts with no code and no name: its amounts are no part of any sum over the rows.
      const amount = mapPacked(amountCols, (c) => grid.figure(r, c)).find((f) => !f.empty && !f.value.isZero());
      if (amount) {
        const at = grid.label(r, firstCol);
        unrecognised.push({ label: at, part: 'row', amount });
        grid.report(
          unrecognisedFinding({
            sheet: grid.name, cell: at.cell, text: '（空）', tableName, amount: `${amount.value.toFixed(2)} 万元`,
            skipped: `${tableName ?? '本表'}各级科目合计的校验`, related: [amount.cell],
          }),
        );
      }
      continue;
    }
    labelEnd = Math.max(labelEnd, label.col, label.code && isCode(grid.text(r, label.col)) && label.name ? label.col + 1 : label.col);
    const isTotal = label.code === '' && isTotalLabel(label.name);
    if (!isTotal && label.code === '' && !rowHasAmount(grid, r, amountCols)) continue;
    const values: Partial<Record<K, ReturnType<Grid['figure']>>> = {};
    const what = `${label.code} ${label.name}`.trim();
    for (const [key, col] of colMap) values[key] = grid.figure(r, col, what);
    const row: CodeRow<K> = {
      code: label.code,
      name: isTotal ? '合计' : label.name,
      level: isTotal ? 0 : label.code === '' ? -1 : levelOf(label.code),
      row: r,
      label: grid.label(r, label.col, label.code ? `${label.code} ${label.name}`.trim() : label.name),
      values,
    };
    if (isTotal && !table.total) table.total = row;
    else if (!isTotal) table.rows.push(row);
  }
  const unknown = colMap.size
    ? unknownColumns(grid, { headerRows: body.headerRows, headers, patterns, bodyStart: body.bodyStart, fromCol: labelEnd + 1, toCol: lastCol, found: colMap.values() })
    : [];
  if (unknown.length) {
    unrecognised.unshift(...reportUnknownColumns(grid, unknown, `${tableName ?? '本表'}中需要该栏金额的合计校验`));
    const keys = patterns.map(([k]) => k);
    for (const row of table.total ? [table.total, ...table.rows] : table.rows) markMissingColumns(grid, row.row, row.values, keys, unknown);
  }
  if (unrecognised.length) table.unrecognised = unrecognised;
  return table;
}

function readLabelIn(grid: Grid, row: number, firstCol: number, lastLabelCol: number) {
  const l = readCodeLabel(grid, row, lastLabelCol);
  if (!l || l.col < firstCol) {
    // The label area of the right half of 表九 starts at firstCol.
    for (let c = firstCol; c <= lastLabelCol; c++) {
      const t = grid.text(row, c);
      if (!t) continue;
      if (isCode(t)) {
        const name = c + 1 <= lastLabelCol ? grid.text(row, c + 1) : '';
        return { code: t.trim(), name, col: c };
      }
      const s = splitCodeName(t);
      return { code: s.code, name: s.name, col: c };
    }
    return undefined;
  }
  return l;
}

function rowHasAmount(grid: Grid, row: number, cols: number[]): boolean {
  return cols.some((c) => grid.own(row, c).trim() !== '');
}

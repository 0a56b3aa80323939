import { absAtMost, cmpMoney, plus, ZERO, sum, type Money } from '../model/money';
import { roundingTolerance as tolerance } from '../model/tolerance';
import type { Grid } from './grid';
import {
  classifyColumns, columnHeaders, findBody, hasNoDataNote, isHeaderLike, isNoteRow, isTotalLabel, markMissingColumns, reportUnknownColumns,
  unknownColumns, unreadRow,
} from './header';
import { indentOf, keyText } from './text';
import type { Figure, ProjectRow, ProjectTable, T12Col, T13Col, Unrecognised } from './types';
import { mapPacked } from '../model/arrays';

export const T12_COLUMNS: [T12Col, RegExp][] = [
  ['general', /一般公共预算/],
  ['govFund', /政府性基金/],
  ['stateCapital', /国有资本/],
  ['specialAccount', /财政专户/],
  ['unitFunds', /单位资金/],
  ['total', /合计|小计|总计/],
];
export const T13_COLUMNS = T12_COLUMNS.slice(0, 3).concat([T12_COLUMNS[5]]) as [T13Col, RegExp][];

/** Names of budget units end like this; project names rarely do. */
const UNIT_NAME = /(局|院|站|中心|馆|所|队|委员会|办公室|学校|幼儿园|协会|总会|部|委|社|团|厅|处|宫|场|台)$/;
const PROJECT_WORDS = /项目|经费|资金|费$|补助|补贴|工程|建设|购置|服务$|培训|奖励|运营|维修|改造/;

export function looksLikeUnitName(name: string): boolean {
  const k = keyText(name);
  return UNIT_NAME.test(k) && !PROJECT_WORDS.test(k);
}

interface RawRow {
  name: string;
  indent: number;
  row: number;
  col: number;
  values: Record<string, Figure>;
}

/**
 * Reads 表十二 or 表十三. Hierarchy comes from indentation when the names are indented, otherwise from
 * position: the first row is the department (or 合计); a unit row is a unit-like name whose following rows add up
 * to it (then every unit-like name in that table is a unit), or a name known as a unit (表十一, the caption).
 */
export function readProjectTable<K extends string>(
  grid: Grid,
  from: number,
  patterns: [K, RegExp][],
  knownUnits: string[],
): ProjectTable<K> | undefined {
  const noDataNote = hasNoDataNote(grid);
  const body = findBody(grid, from, (r) => !isHeaderLike(grid, r) && hasAmountOrName(grid, r));
  if (!body) return { sheet: grid.name, columns: [], rows: [], noDataNote };
  const headers = columnHeaders(grid, body.headerRows);
  const cols = classifyColumns(headers, patterns, 2);
  const unrecognised: Unrecognised[] = [];
  const id = grid.tableName || '本表';
  let labelEnd = 1;
  const firstAmount = Math.min(...cols.values(), grid.colCount + 1);
  const raw: RawRow[] = [];
  for (let r = body.bodyStart; r <= grid.rowCount; r++) {
    if (grid.isRowEmpty(r)) continue;
    if (isNoteRow(grid, r)) break;
    let col = 0;
    for (let c = 1; c < firstAmount; c++) {
      if (grid.text(r, c) && grid.merges.owner(r, c).col === c) {
        col = c;
        break;
      }
    }
    if (!col) {
      // A row of amounts with no unit or project name: the sums over the rows are skipped.
      const u = unreadRow(grid, r, 1, [...cols.values()], `${id} 单位、部门合计与其下各行之和的校验`);
      if (u) unrecognised.push(u);
      continue;
    }
    labelEnd = Math.max(labelEnd, col);
    const own = grid.own(r, col);
    const name = own.trim();
    const values: Record<string, Figure> = {};
    for (const [k, c] of cols) values[k] = grid.figure(r, c, name);
    raw.push({ name, indent: indentOf(own), row: r, col, values });
  }
  const unknown = cols.size ? unknownColumns(grid, { headerRows: body.headerRows, headers, patterns, bodyStart: body.bodyStart, fromCol: labelEnd + 1, found: cols.values() }) : [];
  if (unknown.length) {
    unrecognised.unshift(...reportUnknownColumns(grid, unknown, `${id} 中需要该栏金额的合计校验`));
    for (const r of raw) markMissingColumns(grid, r.row, r.values as Partial<Record<K, Figure>>, patterns.map(([k]) => k), unknown);
  }
  const table: ProjectTable<K> = { sheet: grid.name, columns: [...cols.keys()], rows: [], noDataNote };
  if (unrecognised.length) table.unrecognised = unrecognised;
  if (raw.length && isTotalLabel(raw[0].name)) {
    const t = raw.shift()!;
    table.total = toRow(grid, t, 'department');
    table.total.name = '合计';
  }
  const kinds = classify(raw, knownUnits);
  let unit: string | undefined;
  raw.forEach((r, i) => {
    const kind = kinds[i];
    const row = toRow<K>(grid, r, kind);
    if (kind !== 'project') unit = r.name;
    else row.unit = unit;
    table.rows.push(row);
  });
  return table;
}

function toRow<K extends string>(grid: Grid, r: RawRow, kind: ProjectRow<K>['kind']): ProjectRow<K> {
  return { kind, name: r.name, row: r.row, label: grid.label(r.row, r.col, r.name), values: r.values as Partial<Record<K, Figure>> };
}

function hasAmountOrName(grid: Grid, r: number): boolean {
  for (let c = 1; c <= grid.colCount; c++) if (grid.isAmount(r, c) && c > 1) return true;
  return false;
}

function classify(rows: RawRow[], knownUnits: string[]): ProjectRow<string>['kind'][] {
  if (rows.length === 0) return [];
  const indents = [...new Set(rows.map((r) => r.indent))].sort((a, b) => a - b);
  if (indents.length >= 2) {
    return rows.map((r) => {
      const rank = indents.indexOf(r.indent);
      if (rank === 0) return 'department';
      if (indents.length >= 3 && rank === 1) return 'unit';
      return 'project';
    });
  }
  const kinds: ProjectRow<string>['kind'][] = mapPacked(rows, () => 'project');
  const first = rows[0];
  const known = new Set(knownUnits.map((u) => keyText(u)));
  const isDept = rows.length > 1 && (known.has(keyText(first.name)) || looksLikeUnitName(first.name) || addsUp(rows, 0, rows.length));
  if (!isDept) return kinds;
  kinds[0] = 'department';
  // Units: unit-like names whose following rows add up to them; once one does, all unit-like names are units.
  const verified = new Set<number>();
  for (let i = 1; i < rows.length; i++) {
    if (!looksLikeUnitName(rows[i].name) && !known.has(keyText(rows[i].name))) continue;
    if (blockEnd(rows, i) > i + 1) verified.add(i);
  }
  const multi = verified.size > 0;
  for (let i = 1; i < rows.length; i++) {
    if (verified.has(i) || (multi && (looksLikeUnitName(rows[i].name) || known.has(keyText(rows[i].name))))) kinds[i] = 'unit';
  }
  return kinds;
}

function total(r: RawRow): Money {
  return r.values.total?.value ?? ZERO;
}

/** Whether rows[i] equals the sum of rows (i, end). */
function addsUp(rows: RawRow[], i: number, end: number): boolean {
  const parts = rows.slice(i + 1, end).map(total);
  return parts.length > 0 && absAtMost(sum(parts).minus(total(rows[i])), tolerance(parts.length));
}

/** The end (exclusive) of the block of rows after rows[i] that add up to it, or i + 1 when none does. */
function blockEnd(rows: RawRow[], i: number): number {
  let s = ZERO;
  const target = total(rows[i]);
  // (comparisons without decimal.js's copies, a zero row added without a Decimal: asked for every unit-like row)
  for (let j = i + 1; j < rows.length; j++) {
    const v = total(rows[j]);
    if (!v.isZero()) s = plus(s, v);
    if (absAtMost(s.minus(target), tolerance(j - i))) return j + 1;
    if (cmpMoney(s, target.plus(tolerance(j - i))) > 0) break;
  }
  return i + 1;
}

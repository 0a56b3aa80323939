import { parseAmount } from '../model/money';
import { getCell } from '../model/snapshot';
import { unrecognisedFinding, type Grid } from './grid';
import { TABLE_LABELS, tableLabel } from './table-labels';
import { isCode, keyText, splitCodeName } from './text';
import type { Figure, Label, Unrecognised } from './types';
import { mapPacked } from '../model/arrays';

/** How far below the title block a table's body may start. */
const HEADER_SEARCH = 12;

/** Words that only header cells carry. */
const HEADER_WORDS =
  /编码|名称|基本支出|项目支出|本年收入|上年结转安排|当年预算安排|人员经费|公用经费|预算数|经济科目|^项目$|^金额$|^收入$|^支出$/;

/** A row of column numbers "1 2 3 …" under the header of 表十二/十三 (or "栏次"). */
export function isColumnNumberRow(grid: Grid, row: number): boolean {
  let n = 0;
  for (let c = 1; c <= grid.colCount; c++) {
    const t = grid.own(row, c).trim();
    if (!t) continue;
    if (/^栏次$|^[\d]{1,2}$/.test(t)) n++;
    else return false;
  }
  return n >= 2;
}

export function isHeaderLike(grid: Grid, row: number): boolean {
  for (let c = 1; c <= grid.colCount; c++) {
    if (HEADER_WORDS.test(grid.labelKey(row, c))) return true;
  }
  return false;
}

/**
 * First body row at or after `from`, by a table-specific predicate; header rows are the non-empty rows before
 * it. Returns undefined when no body row is found close enough below the title.
 */
export function findBody(
  grid: Grid,
  from: number,
  isBodyRow: (row: number) => boolean,
  limit = HEADER_SEARCH,
): { headerRows: number[]; bodyStart: number } | undefined {
  const headerRows: number[] = [];
  for (let r = from; r <= Math.min(grid.rowCount, from + limit); r++) {
    if (grid.isRowEmpty(r)) continue;
    if (isColumnNumberRow(grid, r)) continue;
    if (isBodyRow(r)) return { headerRows, bodyStart: r };
    headerRows.push(r);
  }
  return undefined;
}

/** Per column, the joined header text (merged and repeated header cells give the same result). */
export function columnHeaders(grid: Grid, headerRows: number[]): string[] {
  const out: string[] = [''];
  for (let c = 1; c <= grid.colCount; c++) {
    let s = '';
    let last = '';
    for (const r of headerRows) {
      const t = grid.labelKey(r, c);
      if (t && t !== last) s += t;
      last = t;
    }
    out.push(s);
  }
  return out;
}

/** Assigns each column a key by the first matching pattern; each key goes to its first column only. */
export function classifyColumns<K extends string>(
  headers: string[],
  patterns: [K, RegExp][],
  fromCol = 1,
  exclude: RegExp = /编码|名称|^项目$|代码/,
): Map<K, number> {
  const found = new Map<K, number>();
  for (let c = fromCol; c < headers.length; c++) {
    const h = headers[c];
    if (!h || exclude.test(h)) continue;
    for (const [key, re] of patterns) {
      if (re.test(h)) {
        if (!found.has(key)) found.set(key, c);
        break;
      }
    }
  }
  return found;
}

/** The code and name of a code-table row: a code cell and a name beside it, or "2080201 行政运行" in one cell. */
export function readCodeLabel(
  grid: Grid,
  row: number,
  lastLabelCol: number,
): { code: string; name: string; col: number } | undefined {
  for (let c = 1; c <= lastLabelCol; c++) {
    const raw = grid.text(row, c);
    if (!raw) continue;
    if (grid.merges.owner(row, c).col !== c) continue;
    const t = raw.trim();
    if (isCode(t)) {
      let name = '';
      for (let d = c + 1; d <= lastLabelCol; d++) {
        const n = grid.text(row, d);
        if (n && grid.merges.owner(row, d).col === d) {
          name = n.trim();
          break;
        }
      }
      return { code: t, name: knownName(name), col: c };
    }
    const split = splitCodeName(t);
    if (split.code) return { code: split.code, name: knownName(split.name), col: c };
    return { code: '', name: knownName(t), col: c };
  }
  return undefined;
}

/** A row name that is a known label cut off, wrapped or re-spaced ("社会保障和就业支") as the template spells it; else as written. */
function knownName(name: string): string {
  const key = keyText(name);
  const full = tableLabel(key);
  return full !== key || (key !== name && TABLE_LABELS.keyOf(key)) ? full : name;
}

export function isTotalLabel(text: string): boolean {
  return /^(合计|总计|部门合计|单位合计|收支总计)$/.test(keyText(text));
}

/** The sheet carries the note 本表无数据 (anywhere). */
export function hasNoDataNote(grid: Grid): boolean {
  const rows = grid.sheet.rows;
  const lastRow = Math.min(grid.rowCount, 200);
  const lastCol = Math.min(grid.colCount, 30);
  for (let r = 0; r < lastRow; r++) {
    const cells = rows[r];
    if (!cells) continue;
    for (let c = 0; c < lastCol && c < cells.length; c++) {
      // Only a text can say so (a number's text is never the note): no string is made per number. 本表无数据
      // contains 无数据: the two searches are the pattern 本表无数据|本表为空|无数据.
      const value = cells[c]?.value;
      if (typeof value === 'string' && (value.includes('无数据') || value.includes('本表为空'))) return true;
    }
  }
  return false;
}

const NOTE_CHARS = /[注备说附本]/;

/** A note or signature row that ends a table body: "注：…", "说明：…". */
export function isNoteRow(grid: Grid, row: number): boolean {
  // keyText only drops and half-widths characters: a row without any of these can match neither test (and the
  // row's key, which joins its texts, has one only when a text of the row has: no key is made for most rows)
  if (!grid.rowHasText(row, NOTE_CHARS)) return false;
  const raw = grid.rowKey(row);
  const t = keyText(raw);
  return /^(注|备注|说明|附注)/.test(t) || /本表无数据/.test(t);
}

/** A column whose header text no known column label matches, over amounts (INPUT.unrecognised). */
export interface UnknownColumn {
  col: number;
  label: Label;
}

/**
 * The columns in [fromCol, toCol] whose header carries text that no pattern knows (after the label mechanism of
 * labels.ts) and that hold amounts in the body: a column that could not be read, as distinct from a known column
 * the layout does not have (no unknown amount-bearing header). `skip`: label columns (codes, names), text columns.
 */
export function unknownColumns(
  grid: Grid,
  o: {
    headerRows: number[];
    headers: string[];
    patterns: [string, RegExp][];
    bodyStart: number;
    fromCol: number;
    toCol?: number;
    skip?: (col: number) => boolean;
    exclude?: RegExp;
    /** The columns already read (classifyColumns' values). */
    found?: Iterable<number>;
  },
): UnknownColumn[] {
  const found = new Set(o.found ?? []);
  const known = (t: string) => o.patterns.some(([, re]) => re.test(t));
  const out: UnknownColumn[] = [];
  const exclude = o.exclude ?? /编码|名称|^项目$|代码|科目|单位|序号|^栏次$|^类$|^款$|^项$/;
  const toCol = Math.min(o.toCol ?? grid.colCount, o.headers.length - 1);
  const lastBody = Math.min(grid.rowCount, o.bodyStart + 300);
  for (let c = o.fromCol; c <= toCol; c++) {
    const h = o.headers[c];
    if (!h || found.has(c) || exclude.test(h) || o.skip?.(c)) continue;
    // The header cell: the lowest header row with text in this column (the merge's owner when merged).
    const hr = [...o.headerRows].reverse().find((r) => grid.text(r, c));
    if (hr === undefined) continue;
    // Known when both the joined header and its own cell name a column ("合计" twice is a repeated column, not an
    // unknown one); "2024年预算数" over "自定义栏目" is unknown although the joined text matches 预算数.
    if (known(h) && known(grid.labelKey(hr, c))) continue;
    // A column of amounts: more amount cells than text cells that are no amount (a column of names is a label column;
    // "-" and "—" read as empty).
    let amounts = 0;
    let texts = 0;
    for (let r = o.bodyStart; r <= lastBody; r++) {
      if (grid.merges.isCovered(r, c)) continue;
      if (isNoteRow(grid, r)) break;
      if (grid.isAmount(r, c)) amounts++;
      else if (grid.own(r, c).trim() && parseAmount(getCell(grid.sheet, r, c)?.value ?? null).kind === 'bad') texts++;
    }
    if (amounts === 0 || texts >= amounts) continue;
    const label = grid.label(hr, c);
    if (out.some((u) => u.label.cell === label.cell)) continue;
    out.push({ col: c, label });
  }
  return out;
}

/**
 * Reports each unknown column (INPUT.unrecognised on its header cell) and returns them as the table's
 * `unrecognised` entries (part 'column'); `skipped` names the checks that are skipped for the table.
 */
export function reportUnknownColumns(grid: Grid, unknown: UnknownColumn[], skipped: string): Unrecognised[] {
  return unknown.map((u) => {
    grid.report(
      unrecognisedFinding({ sheet: grid.name, cell: u.label.cell, text: u.label.text, tableName: grid.tableName || undefined, skipped, heads: '栏' }),
    );
    return { label: u.label, part: 'column' };
  });
}

/**
 * A row's figures when the table has a column that could not be read: every known column the header lacks gets an
 * unread figure (on the row's cell in the first unknown column), so each sum that needs it is skipped, never
 * computed without it. Without unknown columns the row is left as read (a column the layout does not have).
 */
export function markMissingColumns<K extends string>(
  grid: Grid,
  row: number,
  values: Partial<Record<K, Figure>>,
  keys: K[],
  unknown: UnknownColumn[],
): void {
  if (!unknown.length) return;
  for (const k of keys) if (!values[k]) values[k] = grid.unreadFigure(row, unknown[0].col);
}

/**
 * A body row with amounts whose label cannot be read (no label, or a text that is no known line): reported as
 * INPUT.unrecognised on its label cell (`labelCol`) and returned as the table's `unrecognised` entry (part 'row'),
 * so the sums over the rows are skipped. Undefined when the row carries no amount (nothing is left out).
 */
export function unreadRow(grid: Grid, r: number, labelCol: number, amountCols: number[], skipped: string): Unrecognised | undefined {
  const amount = mapPacked(amountCols, (c) => grid.figure(r, c)).find((f) => !f.empty && !f.value.isZero());
  if (!amount) return undefined;
  const label = grid.label(r, labelCol);
  const tableName = grid.tableName || undefined;
  grid.report(
    unrecognisedFinding({
      sheet: grid.name, cell: label.cell, text: label.text || '（空）', tableName, amount: `${amount.value.toFixed(2)} 万元`,
      skipped, related: [amount.cell],
    }),
  );
  return { label, part: 'row', amount };
}

/**
 * Pure parts of the sheet preview (no React): column widths, the cells a window of the grid shows (merged
 * areas spanned), cell text as a clerk reads it, and the marks findings put on cells.
 */
import { a1, parseA1 } from '../model/address';
import type { CellSnapshot, MergeArea, SheetSnapshot } from '../model/snapshot';
import { getCell } from '../model/snapshot';
import type { Finding, Severity } from '../model/finding';
import { groupDigits } from '../format/labels';

export const ROW_HEIGHT = 22;
export const HEADER_HEIGHT = 22;
const MIN_COL = 44;
const MAX_COL = 260;
const DEFAULT_COL = 72;
/** Rows looked at to size the columns: the head, the tail and an even sample between (a 100,000-row sheet). */
const HEAD_ROWS = 300;
const TAIL_ROWS = 100;
const SAMPLE_ROWS = 200;

function sizingRows(rowCount: number): number[] {
  if (rowCount <= HEAD_ROWS + TAIL_ROWS + SAMPLE_ROWS) return Array.from({ length: rowCount }, (_, i) => i + 1);
  const rows = new Set<number>();
  for (let r = 1; r <= HEAD_ROWS; r++) rows.add(r);
  for (let r = rowCount - TAIL_ROWS + 1; r <= rowCount; r++) rows.add(r);
  const step = (rowCount - HEAD_ROWS - TAIL_ROWS) / SAMPLE_ROWS;
  for (let i = 0; i < SAMPLE_ROWS; i++) rows.add(HEAD_ROWS + 1 + Math.floor(i * step));
  return [...rows];
}

/** Background of a flagged cell: the colours of the annotated copy (src/xlsx/annotate.ts FILLS). */
export const SEVERITY_FILL: Record<Severity | 'fixed', string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
  fixed: '#BDD7EE',
};

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** Width of text in px at 12 px: CJK and full-width characters are square, the rest about 7 px. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uFFEF]/.test(ch) ? 12.5 : 7;
  return w;
}

/** How many decimals a number format shows ("#,##0.00" → 2), and whether it groups thousands. */
function formatShape(numFmt: string | undefined): { decimals?: number; grouped: boolean; percent: boolean } {
  if (!numFmt) return { grouped: false, percent: false };
  const first = numFmt.split(';')[0].replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  const m = /\.(0+)/.exec(first);
  return {
    decimals: /0/.test(first) ? (m ? m[1].length : 0) : undefined,
    grouped: /#,##|0,0/.test(first),
    percent: first.includes('%'),
  };
}

/** The text a cell shows: numbers through their number format's decimals and grouping, booleans as Excel writes them. */
export function displayText(cell: CellSnapshot | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return '';
  const v = cell.value;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  const shape = formatShape(cell.numFmt);
  let n = v;
  if (shape.percent) n *= 100;
  let s = shape.decimals !== undefined ? n.toFixed(shape.decimals) : String(Number(n.toPrecision(15)));
  if (shape.grouped) s = groupDigits(s);
  return shape.percent ? `${s}%` : s;
}

export function isNumeric(cell: CellSnapshot | undefined): boolean {
  return typeof cell?.value === 'number';
}

/** Column widths in px from the cells' text (merged cells do not widen their first column). */
export function columnWidths(sheet: SheetSnapshot): number[] {
  const n = Math.max(sheet.colCount, 1);
  const widths = new Array<number>(n).fill(0);
  const rows = sizingRows(sheet.rowCount);
  const merged = new Set<number>();
  const sampled = new Set(rows);
  for (const m of sheet.merges) {
    if (m.left > n || m.right === m.left) continue;
    for (let r = m.top; r <= Math.min(m.bottom, sheet.rowCount); r++) if (sampled.has(r)) merged.add(r * 16384 + m.left);
  }
  for (const r of rows) {
    const row = sheet.rows[r - 1];
    if (!row) continue;
    const cols = Math.min(row.length, n);
    for (let c = 1; c <= cols; c++) {
      const cell = row[c - 1];
      if (!cell || merged.has(r * 16384 + c)) continue;
      const w = textWidth(displayText(cell)) + 12;
      if (w > widths[c - 1]) widths[c - 1] = w;
    }
  }
  return widths.map((w) => (w === 0 ? DEFAULT_COL : Math.round(Math.min(MAX_COL, Math.max(MIN_COL, w)))));
}

/** Prefix sums: offsets[i] is the left edge of column i + 1 (0-based index), offsets[n] the total width. */
export function offsets(widths: number[]): number[] {
  const out = new Array<number>(widths.length + 1);
  out[0] = 0;
  for (let i = 0; i < widths.length; i++) out[i + 1] = out[i] + widths[i];
  return out;
}

/** The 0-based index i with offsets[i] <= x < offsets[i + 1] (clamped to the columns). */
export function indexAt(offs: number[], x: number): number {
  let lo = 0;
  let hi = offs.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offs[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Merged areas of a sheet, clipped to its used range, keyed by their top-left cell; covered cells point to it. */
export class Merges {
  private readonly byAnchor = new Map<number, MergeArea>();
  private readonly list: MergeArea[] = [];
  constructor(sheet: SheetSnapshot) {
    for (const m of sheet.merges) {
      if (m.top > sheet.rowCount || m.left > sheet.colCount) continue;
      const clipped = { top: m.top, left: m.left, bottom: Math.min(m.bottom, sheet.rowCount), right: Math.min(m.right, sheet.colCount) };
      if (clipped.bottom === clipped.top && clipped.right === clipped.left) continue;
      this.byAnchor.set(clipped.top * 16384 + clipped.left, clipped);
      this.list.push(clipped);
    }
  }
  at(row: number, col: number): MergeArea | undefined {
    return this.byAnchor.get(row * 16384 + col);
  }
  /** The merge covering (row, col), if any (a linear scan: merges are few, and this runs per click, not per cell). */
  covering(row: number, col: number): MergeArea | undefined {
    return this.list.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
  }
  /** Merges that overlap rows r0..r1 and columns c0..c1 (inclusive). */
  overlapping(r0: number, r1: number, c0: number, c1: number): MergeArea[] {
    return this.list.filter((m) => m.top <= r1 && m.bottom >= r0 && m.left <= c1 && m.right >= c0);
  }
  get size(): number {
    return this.list.length;
  }
}

export interface GridCell {
  row: number;
  col: number;
  /** Rows and columns spanned (1 unless merged). */
  rowSpan: number;
  colSpan: number;
  cell: CellSnapshot | undefined;
}

/**
 * The cells to draw for rows r0..r1 and columns c0..c1 (empty ones too: they carry the grid lines), merged areas
 * overlapping the window drawn whole (even when their top-left is scrolled out of view), covered cells left out.
 */
export function windowCells(sheet: SheetSnapshot, merges: Merges, r0: number, r1: number, c0: number, c1: number): GridCell[] {
  const out: GridCell[] = [];
  const areas = merges.overlapping(r0, r1, c0, c1);
  for (const m of areas) {
    out.push({ row: m.top, col: m.left, rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1, cell: getCell(sheet, m.top, m.left) });
  }
  for (let r = r0; r <= r1; r++) {
    const row = sheet.rows[r - 1];
    const rowAreas = areas.length ? areas.filter((m) => r >= m.top && r <= m.bottom) : areas;
    for (let c = c0; c <= c1; c++) {
      if (rowAreas.length && rowAreas.some((m) => c >= m.left && c <= m.right)) continue;
      out.push({ row: r, col: c, rowSpan: 1, colSpan: 1, cell: row?.[c - 1] });
    }
  }
  return out;
}

export interface CellMark {
  severity: Severity;
  /** Indexes (in the full findings list) of the findings stated at this cell. */
  findings: number[];
}

/** Per sheet, "A1" → the most severe finding stated at that cell (the same cells the annotated copy fills). */
export function findingMarks(findings: Finding[]): Map<string, Map<string, CellMark>> {
  const out = new Map<string, Map<string, CellMark>>();
  findings.forEach((f, i) => {
    if (!f.sheet || !f.cells.length) return;
    let sheet = out.get(f.sheet);
    if (!sheet) out.set(f.sheet, (sheet = new Map()));
    const key = normalise(f.cells[0]);
    const m = sheet.get(key);
    if (!m) sheet.set(key, { severity: f.severity, findings: [i] });
    else {
      m.findings.push(i);
      if (RANK[f.severity] > RANK[m.severity]) m.severity = f.severity;
    }
  });
  return out;
}

/** "$b$7" → "B7"; anything that is not one cell stays as written. */
export function normalise(ref: string): string {
  try {
    const { row, col } = parseA1(ref);
    return a1(row, col);
  } catch {
    return ref;
  }
}

/** Position of a cell, or undefined for a reference that is not one cell. */
export function position(ref: string): { row: number; col: number } | undefined {
  try {
    return parseA1(ref);
  } catch {
    return undefined;
  }
}

/** Findings counts per sheet (stated cells), for the sheet tabs. */
export function sheetCounts(findings: Finding[]): Map<string, Record<Severity, number>> {
  const out = new Map<string, Record<Severity, number>>();
  for (const f of findings) {
    if (!f.sheet) continue;
    const c = out.get(f.sheet) ?? { error: 0, warning: 0, info: 0 };
    c[f.severity]++;
    out.set(f.sheet, c);
  }
  return out;
}

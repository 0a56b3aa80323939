/**
 * A page's text items → a grid of cells, by position only (pure; tests feed it items directly).
 *
 * Ruled pages (cell borders drawn, as LibreOffice and Excel print them): the vertical rules are the column edges
 * and the horizontal rules the row edges, so a cell wrapped onto several lines is one cell, and text crossing a
 * column edge (a title, a merged header) is a merge from the first column it covers to the last. Text above or
 * below the ruled area (titles, 单位：万元, notes) gets a row per text line. Wrapped text of a row one line high,
 * printed over the rules around it, goes back into its cell when only that cell can hold it (wrappedSpills).
 * Pages without rules:
 *
 *   lines:   items whose baselines lie within a fraction of the font size of each other (numbers and labels of
 *            one spreadsheet row sit a fraction of a point apart);
 *   columns: built from the narrowest items up: an item overlapping one column widens it, overlapping none starts
 *            one; an item overlapping two or more (a title, a merged header, a label running into the empty cell
 *            beside it) is placed in the column where it starts and, when it covers several, becomes a merge;
 *   wrapped: a line holding only text, in columns that the line above also holds text in, set closer to it than
 *            rows are apart, continues those cells (a label or header wrapped onto a second line).
 */
import type { PdfPageText, PdfTextItem, RuleLines } from './text';
import { proseRight, stackColumns } from './columns';
import { GRID_HEADER_LABELS } from '../tables/targets';
import { maxOf, minOf, pushAll } from './extremes';

/** Why a cell's printed text may not be its whole text (PlacedCell.uncertain). */
export type UncertainWhy = 'clipped' | 'overflow' | 'edge';

export interface PlacedCell {
  row: number;
  col: number;
  text: string;
  /** The cell's box on the page, in points from the top-left (y downwards), the union of its items. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Last column the text covers (a merge when > col). */
  lastCol: number;
  /** The page the box is on, when the grid was laid out from several pages side by side (else the grid's). */
  page?: number;
  /**
   * The printed text may not be the cell's whole text (see uncertainText): `clipped` when it runs into its cell's
   * right edge (the rest was cut off when printed), `overflow` when wrapped text of a row too low for it spills
   * over the rules into neighbouring rows (the lines of several cells mix), `edge` when its lines run on past the
   * page's right edge (a column wider than the paper: LibreOffice cuts every line there, nothing past it is drawn).
   */
  uncertain?: UncertainWhy;
  /**
   * Of an `overflow` cell, the one side its mixed lines came from or went on to, when the lines show it (see
   * spillSide): the rows on the other side have no part in it; `none`: each of its lines stands alone (it lies on
   * a spilled line's run, but no text of the rows around it is in it, nor its text in them).
   */
  spill?: 'above' | 'below' | 'none';
  /**
   * Of an `overflow` cell, its printed text is a part of its text, its lines in order: wrapped lines put back whole
   * (wrappedSpills, stackedSpills, threeLineSpills: its middle line and the two around it) of a text that may run
   * on in lines not printed at all (a name it is not part of is not it).
   */
  part?: true;
}

export interface PageGrid {
  page: number;
  /** A page of prose (the 情况说明), laid out as paragraphs. */
  prose?: boolean;
  /**
   * Of a page of prose, its first line starts at the left margin and is no heading: it may go on with the last
   * paragraph of the page before, when that one ran to the margin (./read joins the two).
   */
  opensInParagraph?: boolean;
  /** Laid out by text alignment (no rules drawn): its rows and columns are a guess, not read from the page. */
  aligned?: true;
  rowCount: number;
  colCount: number;
  cells: PlacedCell[];
}

interface Line {
  y: number;
  size: number;
  items: PdfTextItem[];
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function groupLines(items: PdfTextItem[]): Line[] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(it.y - last.y) <= 0.35 * Math.min(last.size, it.height || last.size)) {
      last.items.push(it);
      last.size = Math.max(last.size, it.height);
    } else {
      lines.push({ y: it.y, size: it.height || 1, items: [it] });
    }
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines;
}

interface Column {
  left: number;
  right: number;
}

/** An amount as printed (1,234.56): right-aligned in its cell, so its column is where its right edge is. */
const PRINTED_AMOUNT = /^[-（(]?[\d,]+\.\d+[)）]?$/;
const isAmount = (it: PdfTextItem) => PRINTED_AMOUNT.test(it.str.trim());

/**
 * The amount columns of a page: amounts whose right edges are within a point or so of each other (right-aligned
 * in one column, whatever their width), each column as wide as its widest amount but not over the one to its left.
 */
function amountColumns(items: PdfTextItem[]): Column[] {
  const rights = items.filter(isAmount).map((it) => ({ it, right: it.x + it.width })).sort((a, b) => a.right - b.right);
  const groups: { right: number; left: number }[] = [];
  for (const { it, right } of rights) {
    const last = groups[groups.length - 1];
    if (last && right - last.right <= 1.5) {
      last.left = Math.min(last.left, it.x);
    } else groups.push({ right, left: it.x });
  }
  const cols: Column[] = [];
  for (const g of groups) {
    const prev = cols[cols.length - 1];
    cols.push({ left: prev ? Math.max(g.left, prev.right + 1) : g.left, right: g.right });
  }
  return cols;
}

/**
 * The texts of a line as runs: items that touch (a text pdf.js gives in pieces: "阳泉市民政局" "困" "境儿童和" …, or
 * "2024" "年预算数"), each run as one item spanning its pieces. A piece goes on the run it touches even when an item
 * of another cell lies between in x (a long name printed on under the amounts beside it, its end hidden in print:
 * "…补助资金" 1,907.00 "—"); an amount is a run of its own, and items printed over one another stay apart.
 */
function runsOf(line: PdfTextItem[]): PdfTextItem[][] {
  const runs: PdfTextItem[][] = [];
  for (const it of line) {
    const on = isAmount(it)
      ? undefined
      : runs.find((run) => {
          const prev = run[run.length - 1];
          const gap = it.x - (prev.x + prev.width);
          return !isAmount(prev) && gap > -1 && gap < 0.5 && Math.abs(it.height - prev.height) < 0.5;
        });
    if (on) on.push(it);
    else runs.push([it]);
  }
  return runs;
}

function asItem(run: PdfTextItem[]): PdfTextItem {
  if (run.length === 1) return run[0];
  const right = maxOf(run, (i) => i.x + i.width);
  return { ...run[0], str: run.map((i) => i.str).join(''), width: right - run[0].x };
}

/** Columns from the narrowest items up (see the file comment), amount columns first. Sorted left to right. */
export function findColumns(items: PdfTextItem[]): Column[] {
  const cols: (Column & { amounts?: true })[] = amountColumns(items).map((c) => ({ ...c, amounts: true }));
  const gap = 0.5; // points: items of neighbouring cells are at least a cell padding apart
  const amounts = items.filter(isAmount);
  const top = amounts.length >= 3 ? minOf(amounts, (i) => i.y - i.height) : -Infinity;
  const head = (it: PdfTextItem) => it.y < top;
  const hits = (l: number, r: number) => cols.filter((c) => l < c.right + gap && r > c.left - gap);
  const runs = groupLines(items).flatMap((l) => runsOf(l.items).map(asItem));
  for (const it of runs.filter((i) => !isAmount(i) && !head(i)).sort((a, b) => a.width - b.width)) {
    const l = it.x;
    const r = it.x + it.width;
    const hit = hits(l, r);
    if (hit.length === 0) cols.push({ left: l, right: r });
    else if (hit.length === 1) {
      hit[0].left = Math.min(hit[0].left, l);
      hit[0].right = Math.max(hit[0].right, r);
    }
  }
  // The title and header rows above the body, from the row right above it up (the header of one column under the
  // header over several), each row left to right: a header on one column widens it; one on none is centred over a
  // column whose amounts (right-aligned) start right of it — the column, as wide on the left of the header's middle
  // as on the right up to the amounts' right edge, reaches no column to the left, or the header is nearer those
  // amounts than the column to its left — or, in the row right above the
  // body, heads a column of its own (one the budget leaves empty: 国有资本经营预算; a header higher up, over several
  // columns, makes none, unless it is right of every column: a header over both header rows of an empty last
  // column, 财政专户管理资金 | 单位资金 printed between the two rows' baselines). A title, set larger than the table's text, makes or widens
  // none (centred on the page, it would widen the column it ends in).
  const size = median(items.map((i) => i.height));
  const headLines = groupLines(runs.filter((i) => !isAmount(i) && head(i) && i.height <= 1.2 * size)).reverse();
  for (const [n, line] of headLines.entries()) {
    line.items.forEach(({ x: l, width }, k) => {
      const r = l + width;
      const hit = hits(l, r);
      if (hit.length === 1) {
        hit[0].left = Math.min(hit[0].left, l);
        hit[0].right = Math.max(hit[0].right, r);
      }
      const amountHit = hit.filter((c) => c.amounts);
      if (hit.length > 1 && amountHit.length === 1) {
        // on a column of labels and the amounts right of it (the labels run on over the empty left of the amounts'
        // cells: their hidden ends): the header is the amounts' when it cannot be centred over the labels, which
        // start at their column's left — that column would then reach past where the amounts start
        const [a] = amountHit;
        const labels = hit.filter((c) => c !== a);
        // (and it fits a column so centred, which starts right of where the labels start: not a label header such as
        // 单位名称：…, left-aligned from the labels' left edge and running on over the amounts)
        const fits = r <= a.right + gap && l + r - a.right > minOf(labels, (t) => t.left) + gap;
        if (fits && labels.every((t) => t.left < a.left && l + r - t.left > a.left)) {
          a.left = Math.min(a.left, l);
          for (const t of labels) t.right = Math.min(t.right, l - gap - 0.01);
        }
      }
      if (hit.length) return;
      const next = cols.filter((c) => c.left >= r).sort((a, b) => a.left - b.left)[0];
      const before = maxOf(cols.filter((c) => c.right <= l), (c) => c.right);
      const reach = next ? l + r - next.right : Infinity;
      const between = line.items.slice(k + 1).some((o) => next && o.x < next.left);
      if (next?.amounts && !between && (reach >= before || next.left - r < l - before)) next.left = l;
      else if (n === 0 || l > maxOf(cols, (c) => c.right) + gap) cols.push({ left: l, right: r });
    });
  }
  cols.sort((a, b) => a.left - b.left);
  // Widening can make neighbours overlap: merge them.
  const out: Column[] = [];
  for (const c of cols) {
    const last = out[out.length - 1];
    if (last && c.left < last.right) last.right = Math.max(last.right, c.right);
    else out.push({ ...c });
  }
  return out;
}

function columnOf(cols: Column[], x: number): number {
  let best = 0;
  for (let i = 0; i < cols.length; i++) if (cols[i].left <= x + 0.5) best = i;
  return best;
}

/**
 * The column a text starting at x is in: the one it starts in; starting in the gap between two columns (a text
 * over both, which widened neither), the nearer of the two (a label set a point left of where its column's
 * narrower texts start).
 */
function startColumn(cols: Column[], x: number): number {
  const i = columnOf(cols, x);
  const next = cols[i + 1];
  return next && x > cols[i].right + 0.5 && next.left - x < x - cols[i].right ? i + 1 : i;
}

/**
 * The column a text is centred over (a header over its amounts, wider than they are): it does not start where a
 * column starts (a left-aligned label does, and may run on over empty cells to its right), its middle lies in a
 * column to the right of the one it starts in, and it ends within that column. -1: none.
 */
function centredIn(cols: Column[], it: PdfTextItem): number {
  if (cols.some((c) => Math.abs(c.left - it.x) <= 1)) return -1;
  // a header between two columns (centred in its cell, the amounts under it right-aligned): the nearer one
  const next = cols.findIndex((c) => c.left >= it.x + it.width);
  if (next >= 0 && (next === 0 || cols[next - 1].right <= it.x)) {
    const toLeft = next > 0 ? it.x - cols[next - 1].right : Infinity;
    return cols[next].left - (it.x + it.width) < toLeft ? next : -1;
  }
  const mid = it.x + it.width / 2;
  const k = cols.findIndex((c) => c.left - 0.5 <= mid && mid <= c.right + 0.5);
  // (a title over several columns runs past the right of the one its middle is in: a merge from where it starts)
  return k > columnOf(cols, it.x) && it.x + it.width <= cols[k].right + 1 ? k : -1;
}

function lastColumnOf(cols: Column[], right: number): number {
  let last = 0;
  for (let i = 0; i < cols.length; i++) if (cols[i].left < right - 0.5) last = i;
  return last;
}

const NUMERIC = /^[-+（(]?[\d,，.．]+[)）%]?$|^[-—－]+$/;

/** Distinct positions, 1pt apart at least, sorted. */
function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1] > 1) out.push(v);
  return out;
}

function joinText(items: PdfTextItem[]): string {
  let text = '';
  let prevIt: PdfTextItem | undefined;
  for (const it of items) {
    const sameLine = prevIt && Math.abs(it.y - prevIt.y) < 0.35 * it.height;
    // a space pdf.js gave as an item of its own (dropped as an item: see ./pdfjs) is kept inside a cell's text
    if (prevIt && sameLine && it.spaceBefore && text !== '') text += ' ';
    text += it.str;
    prevIt = it;
  }
  return text.trim();
}

function placed(row: number, col: number, lastCol: number, its: PdfTextItem[]): PlacedCell {
  // items moved beside another page (./read, strips): the box is the one on the page of the first item, where it was
  const page = its[0].page;
  // (and of a page in two columns, ./columns: the box of the part in the column of the first item)
  const own = page === undefined ? its : its.filter((i) => i.page === page && i.dx === its[0].dx && i.dy === its[0].dy);
  const dx = own[0].dx ?? 0;
  const dy = own[0].dy ?? 0;
  const x = minOf(own, (i) => i.x) - dx;
  const top = minOf(own, (i) => i.y - i.height) - dy;
  const right = maxOf(own, (i) => i.x + i.width) - dx;
  const bottom = maxOf(own, (i) => i.y) - dy;
  return { row, col, lastCol, text: joinText(its), x, y: top, width: right - x, height: bottom - top, ...(page === undefined ? {} : { page }) };
}

/** Items printed over one another (a line of wrapped text spilling onto a row that has text of its own). */
function overlapping(items: PdfTextItem[]): Set<PdfTextItem> {
  const out = new Set<PdfTextItem>();
  const sorted = [...items].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].x < a.x + a.width - 1; j++) {
      const b = sorted[j];
      if (Math.min(a.y, b.y) - Math.max(a.y - a.height, b.y - b.height) > 1 && b.str.trim() && a.str.trim()) {
        out.add(a);
        out.add(b);
      }
    }
  }
  // the run of text the overlapping text is part of, on its line: a spilled line runs on into the cells beside it,
  // its pieces at most a space or two apart; text further along the line is a cell's own (a header beside it)
  // (grown from each piece of the run in turn, through the pieces near it by x: each joins once, no rescans)
  const reach = 2 * maxOf(sorted, (i) => i.height);
  const widest = maxOf(sorted, (i) => i.width);
  const run = [...out];
  for (let q = 0; q < run.length; q++) {
    const o = run[q];
    let k = firstIndex(sorted.length, (m) => sorted[m].x >= o.x - widest - reach);
    for (; k < sorted.length && sorted[k].x <= o.x + o.width + reach; k++) {
      const it = sorted[k];
      if (out.has(it)) continue;
      const gap = 2 * it.height;
      if (Math.abs(it.y - o.y) < 0.35 * it.height && it.x <= o.x + o.width + gap && o.x <= it.x + it.width + gap) {
        out.add(it);
        run.push(it);
      }
    }
  }
  return out;
}

/** A line of text: its baseline, height and extent. */
interface Span {
  y: number;
  h: number;
  left: number;
  right: number;
}

/** Lines of one wrapped text share an edge or a centre (left-, right-aligned or centred). */
function aligned(a: Span, b: Span): boolean {
  return Math.abs(a.left - b.left) < 1 || Math.abs(a.right - b.right) < 1 || Math.abs(a.left + a.right - b.left - b.right) < 2;
}

/**
 * Which side the mixed lines of an overflowing cell came from or went on to (`spill`). LibreOffice sets the lines
 * of one wrapped text at one pitch (to within a few hundredths of a point), aligned (left, right or centred).
 * Each line of the cell is followed up and down through the lines aligned with it 0.8–1.8 line heights apart:
 *
 *   from above  two lines or more above it at one pitch, drifting against the rules of the rows they cross (one
 *               text: the texts of rows one line high stand alike in each row), and none below at that pitch: the
 *               last line of a text that began above (the rows below have no part in it);
 *   below       likewise downwards;
 *   alone       no line aligned with it above or below: a line of its own cell that went nowhere;
 *   standing    no text ends at it either way, and it stands in its row as the aligned lines next to it stand in
 *               theirs (the same height above the rule below, to 0.15pt): a row's own text, telling no side.
 *
 * The cell's side is the one side its lines show when none is unknown (a line with lines both ways at its pitch,
 * or a single neighbour it may run on to; standing lines beside a side's line change nothing), `none` when every
 * line stands alone; else nothing is known and both neighbours are doubted.
 */
function spillSide(lines: PdfTextItem[], pageLines: Span[], ys: number[]): PlacedCell['spill'] {
  const sides = new Set<'above' | 'below'>();
  let standing = false;
  // a line's height above the rule under it: the same in every row for the texts of rows one line high
  const offset = (l: Span) => (ys.find((y) => y > l.y - l.h / 2) ?? l.y) - l.y;
  for (const own of textLines(lines)) {
    const spans = within(pageLines, own.y - 4 * own.h, own.y + 4 * own.h).filter(
      (l) => Math.abs(l.y - own.y) > 0.5 * own.h && l.left < own.right && l.right > own.left && aligned(l, own),
    );
    // the lines aligned with it one step of `pitch` on from `from` in `dir` (any step of 0.8–1.8 line heights without one)
    const next = (from: Span, dir: 1 | -1, pitch?: number) =>
      spans.filter((l) => {
        const d = dir * (l.y - from.y);
        return pitch === undefined ? d >= 0.8 * own.h && d <= 1.8 * own.h : Math.abs(d - pitch) <= 0.3;
      });
    // a text of three lines or more at one pitch, drifting against the rows it crosses (not the texts of rows one
    // line high, which stand alike in each), that goes on no further the other way
    const endsText = (dir: 1 | -1) =>
      next(own, dir).some((n) => {
        const pitch = dir * (n.y - own.y);
        return next(n, dir, pitch).some((m) => {
          const offsets = [own, n, m].map(offset);
          return Math.max(...offsets) - Math.min(...offsets) > 0.3 && next(own, dir === 1 ? -1 : 1, pitch).length === 0;
        });
      });
    if (!next(own, -1).length && !next(own, 1).length) continue; // alone
    const fromAbove = endsText(-1);
    const fromBelow = endsText(1);
    // a line standing in its row as the lines next to it stand in theirs (the rows' own texts, 002-standard 第52页
    // 完成培训时间 under a spilled 的通知》相关工作要求): the cell's own line, which tells no side
    const near = [...next(own, -1), ...next(own, 1)];
    if (!fromAbove && !fromBelow && near.every((l) => Math.abs(offset(l) - offset(own)) <= 0.15)) {
      standing = true;
      continue;
    }
    if (fromAbove === fromBelow) return undefined;
    sides.add(fromAbove ? 'above' : 'below');
  }
  // (a cell of standing lines only: nothing shows its text did not run on; the rows around it stay doubted)
  return sides.size === 1 ? [...sides][0] : sides.size === 0 && !standing ? 'none' : undefined;
}

/**
 * The line pitch of one wrapped text in LibreOffice's prints, in multiples of the font size: the wrapped-text readers
 * below (headerSpills, wrappedSpills, stackedSpills, threeLineSpills) all take lines this far apart as one text's.
 */
const PITCH_MIN = 1.05;
const PITCH_MAX = 1.8;
const linePitch = (pitch: number, size: number) => pitch >= PITCH_MIN * size && pitch <= PITCH_MAX * size;

/** The first index in [0, n) at which `reached` holds, n if none; `reached` holds from some index on (sorted data). */
function firstIndex(n: number, reached: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (reached(m)) hi = m;
    else lo = m + 1;
  }
  return lo;
}

/** The lines (sorted by baseline) whose baseline lies from y0 to y1. */
function within<S extends Span>(byY: S[], y0: number, y1: number): S[] {
  const lo = firstIndex(byY.length, (m) => byY[m].y >= y0);
  let end = lo;
  while (end < byY.length && byY[end].y <= y1) end++;
  return byY.slice(lo, end);
}

/**
 * The lines of text among items: pieces on one baseline (LibreOffice sets the pieces of a line on the same one,
 * to a hundredth of a point; lines printed over one another differ by more) at most two characters apart.
 */
function textLines(items: PdfTextItem[]): TextLine[] {
  const out: TextLine[] = [];
  let cur: TextLine | undefined;
  for (const it of [...items].sort((a, b) => a.y - b.y || a.x - b.x)) {
    if (cur && Math.abs(cur.y - it.y) < 0.1 && it.x <= cur.right + 2 * it.height && cur.left <= it.x + it.width + 2 * it.height) {
      cur.left = Math.min(cur.left, it.x);
      cur.right = Math.max(cur.right, it.x + it.width);
      cur.h = Math.max(cur.h, it.height);
      cur.items.push(it);
    } else out.push((cur = { y: it.y, h: it.height, left: it.x, right: it.x + it.width, items: [it] }));
  }
  return out;
}

interface TextLine extends Span {
  items: PdfTextItem[];
}

// the indicator grid's header labels, and the goals' (实施期目标 | 年度目标 over the goals, seed 002)
const HEADER_LABELS = new Set([...GRID_HEADER_LABELS, '实施期目标', '年度目标']);

/** The index of the last of the sorted rules `ys` at or above y (-1 above the first). */
function ruleAbove(ys: number[], y: number): number {
  return firstIndex(ys.length, (m) => ys[m] > y) - 1;
}

/**
 * The last line of a wrapped text printed into the indicator grid's header row below it (002-standard 第28页: the
 * 总体目标 of three lines centred on its row one line high, the third over the 二级指标、三级指标 headers, so the
 * header cells read "……改造项目二级指标", "430000元。三级指标" and the grid is not found). A line of that row on a
 * baseline of its own (not the headers'), printed over a header label or across the row's top rule, goes back to
 * the row above when it is the next line of a text there: within one cell of that row, a line of the cell
 * aligned with it (left, right or centred, the same size) one pitch (1.05–1.8 times the size) above it, in the
 * row above (two such lines, two texts printed over one another there: both in that row); none aligned with it
 * one pitch below (it could as well begin a text of the rows below: left as it is). Likewise the first printed
 * line of a text of the row below, printed over a header label or across the row's bottom rule, goes down to it
 * when two lines of that text follow it at one pitch, drifting against the rules (the goals' header row 实施期目标 | 年度目标, 002-standard 第44页: the 项目实施计划's last line over 实施期目标,
 * the 年度目标's first printed line over 年度目标). Only rows holding two header labels or more on their own
 * baselines are looked at. Returns the band index each such line's items go to, and the side of that band the
 * rest of their text is on.
 */
function headerSpills(lines: TextLine[], ys: number[], spans: [number, number][][]): Map<PdfTextItem, { band: number; side: 'above' | 'below' }> {
  const home = new Map<PdfTextItem, { band: number; side: 'above' | 'below' }>();
  const bandOf = (l: Span) => {
    const mid = l.y - l.h / 2;
    const b = ruleAbove(ys, mid);
    return mid > ys[0] && b < ys.length - 1 ? b : -1;
  };
  // the part of a line within a cell's span (the texts of two cells side by side may be one line: ./textLines
  // joins pieces two characters apart)
  const part = (l: TextLine, left: number, right: number): TextLine | undefined => {
    const p = inSpan(l.items, left, right);
    return p && { y: l.y, h: l.h, ...p };
  };
  // how far the lines stand above the rules under them, most less least (alike for the texts of rows one line high)
  const spread = (ls: Span[]) => {
    const offsets = ls.map((l) => (ys.find((y) => y > l.y - l.h / 2) ?? l.y) - l.y);
    return Math.max(...offsets) - Math.min(...offsets);
  };
  const labels = lines.filter((l) => HEADER_LABELS.has(joinText(l.items)));
  const headerRows = new Set(labels.map(bandOf).filter((b, i, all) => b >= 1 && all.indexOf(b) !== i));
  for (const b of headerRows) {
    const top = ys[b];
    const bottom = ys[b + 1];
    const heads = labels.filter((l) => bandOf(l) === b);
    for (const whole of within(lines, top, bottom + Math.max(...heads.map((h) => h.h)))) {
      if (bandOf(whole) !== b || heads.includes(whole) || heads.some((h) => Math.abs(h.y - whole.y) < 0.2)) continue;
      const found: { items: PdfTextItem[]; band: number; chained: boolean }[][] = [[], []];
      for (const dir of [-1, 1] as const) {
        const to = b + dir;
        if (to >= ys.length - 1) continue;
        for (const [left, right] of spans[to]) {
          const line = part(whole, left, right);
          if (!line || line.left < left - 0.5 || line.right > right + 0.5) continue;
          const over = heads.some((h) => h.left < line.right - 1 && line.left < h.right - 1 && Math.min(h.y, line.y) - Math.max(h.y - h.h, line.y - line.h) > 1);
          const across = dir < 0 ? line.y - line.h < top - 0.2 : line.y > bottom + 0.2;
          if (!over && !across) continue;
          // the lines of the cell's span alike to it (size, alignment) whose baseline lies from y0 to y1
          const alike = (y0: number, y1: number) =>
            within(lines, y0, y1)
              .map((l) => (l === whole ? undefined : part(l, left, right)))
              .filter((l): l is TextLine => !!l && Math.abs(l.h - line.h) <= 0.2 && aligned(l, line));
          const next = dir < 0 ? alike(line.y - PITCH_MAX * line.h, line.y - PITCH_MIN * line.h) : alike(line.y + PITCH_MIN * line.h, line.y + PITCH_MAX * line.h);
          if (!next.length || next.some((n) => bandOf(n) !== to || n.left < left - 0.5 || n.right > right + 0.5)) continue;
          // none one pitch the other way: it could as well be a line of a text of that side
          if (next.some((n) => alike(2 * line.y - n.y - 0.3, 2 * line.y - n.y + 0.3).length)) continue;
          // a third line one pitch past the next, the three drifting against the rules they lie over (one text:
          // the own texts of rows one line high stand alike in each row)
          const chained = next.some((n) => alike(2 * n.y - line.y - 0.3, 2 * n.y - line.y + 0.3).some((m) => m.left >= left - 0.5 && m.right <= right + 0.5 && spread([line, n, m]) > 0.3));
          // going down, the line begins what is printed of a text centred on the row below: the chain is needed (a
          // row's own text below a goal's last line is no text of it)
          if (dir > 0 && !chained) continue;
          found[dir < 0 ? 0 : 1].push({ items: line.items, band: to, chained });
        }
      }
      // a line that would go both ways goes down when nothing above is a chain of lines through it (002-standard
      // 第40页: a 实施期目标 of three lines below, the 项目实施计划's own line one row above), else neither way
      const [up, down] = found;
      const downward = new Set(down.flatMap((f) => f.items));
      for (const f of up) {
        if (f.items.some((i) => downward.has(i))) {
          if (f.chained) for (const i of f.items) downward.delete(i);
          continue;
        }
        for (const it of f.items) home.set(it, { band: f.band, side: 'above' });
      }
      for (const f of down) for (const it of f.items) if (downward.has(it)) home.set(it, { band: f.band, side: 'below' });
    }
  }
  return home;
}

/**
 * Whether a ruled cell's printed text may not be its whole text. LibreOffice prints a long text in a cell whose
 * neighbour is filled up to the cell's edge and drops the rest (the last glyph reaches or crosses the edge); and
 * wrapped text in a row too low for it is drawn beyond the row, over the rows above and below (a line of it sits
 * off the middle of a row that holds only one line). Numbers are never clipped this way (they would show ###).
 */
function uncertainText(items: PdfTextItem[], rightEdge: number, rules: RuleLines): PlacedCell['uncertain'] {
  const text = items.map((i) => i.str).join('').trim();
  if (text === '') return undefined;
  const across = (i: PdfTextItem) => rules.h.filter((h) => h.x1 <= i.x + i.width / 2 && i.x + i.width / 2 <= h.x2);
  const spills = (i: PdfTextItem) => {
    const hs = across(i);
    // a drawn row rule runs through the glyphs (between their top and their baseline); the top tenth of the text's
    // box holds no ink (a CJK glyph's face ends about 0.12 em below it, a digit's lower still): a rule there is the
    // row's own top edge, the text fitted to its row to LibreOffice's rounding (003-variant fitted on A4, 清单 page 2:
    // 垃圾厂运行经费's box 0.03 pt above the rule over its row)
    if (hs.some((h) => i.y - i.height + Math.max(0.2, 0.1 * i.height) < h.y && h.y < i.y - 0.2)) return true;
    // or a line off the middle of a cell (between the rules drawn above and below it) one line high
    const mid = i.y - i.height / 2;
    const above = maxOf(hs, (h) => (h.y <= mid ? h.y : -Infinity));
    const below = minOf(hs, (h) => (h.y >= mid ? h.y : Infinity));
    return Number.isFinite(above) && Number.isFinite(below) && below - above < 2.2 * i.height && Math.abs(mid - (above + below) / 2) > 0.3 * i.height + 0.5;
  };
  if (items.some(spills)) return 'overflow';
  if (NUMERIC.test(text)) return undefined;
  const right = maxOf(items, (i) => i.x + i.width);
  if (right > rightEdge - 0.5) return 'clipped';
  return undefined;
}

/** Text items of one line (groupLines) within one cell's span [left, right]: those whose middle lies inside it. */
interface Segment {
  y: number;
  size: number;
  items: PdfTextItem[];
  left: number;
  right: number;
  /** An item of it runs on past the span's edges (the line is not this cell's alone). */
  crossing: boolean;
}

/** The items of a line within a cell's span [left, right] (those whose middle lies inside) and their extent. */
function inSpan(items: PdfTextItem[], left: number, right: number): { items: PdfTextItem[]; left: number; right: number } | undefined {
  const its = items.filter((i) => i.x + i.width / 2 > left && i.x + i.width / 2 < right);
  if (!its.length) return undefined;
  return { items: its, left: minOf(its, (i) => i.x), right: maxOf(its, (i) => i.x + i.width) };
}

function segmentOf(line: Line, left: number, right: number): Segment | undefined {
  const p = inSpan(line.items, left, right);
  if (!p) return undefined;
  return {
    ...p,
    y: maxOf(p.items, (i) => i.y),
    size: maxOf(p.items, (i) => i.height),
    crossing: p.left < left - 0.5 || p.right > right + 0.5,
  };
}

/** Items of one line printed over one another (two texts drawn at the same baseline). */
const overprinted = (seg: Segment) => seg.items.some((a, i) => seg.items.slice(i + 1).some((b) => Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1));

/**
 * Wrapped text of a ruled row one line high, printed over the rules around it: LibreOffice centres a wrapped
 * cell's lines on its row and prints those that reach into the cell, so a text of two lines is drawn as one line
 * across the row's top rule and one across its bottom rule, their middle the row's. When exactly those two lines
 * reach into the cell's span of the row (the row has no text of its own there) — the same font size, one line
 * pitch apart (1.05–1.8 times the size), each within the span, neither printed over other text at its own
 * baseline, neither claimed as well by the row above or below (the two lines of a text centred on it) — both lines
 * are the cell's, whatever the rows they lie over hold at other baselines (their own text, centred on them).
 * Returns the band index each such line's items go to, and the items of the texts that may still run on beyond
 * what is printed: a text of four lines or more prints its middle two only (the outer ones do not reach into the
 * cell), which looks the same unless the second line ends short of the cell's edge (a text's last line). A text
 * of three lines prints its middle line only, in the row's middle: nothing tells it from a text of one line.
 */
function wrappedSpills(
  items: PdfTextItem[],
  ys: number[],
  spans: [number, number][][],
  tallest: number,
): { home: Map<PdfTextItem, number>; runsOn: Set<PdfTextItem> } {
  const home = new Map<PdfTextItem, number>();
  const runsOn = new Set<PdfTextItem>();
  // the rows whose top and bottom rules both run through glyphs: only there can two lines cross them
  const through = new Set<number>();
  for (const it of items) {
    const lo = ruleAbove(ys, it.y - it.height + 0.2) + 1;
    if (lo < ys.length && ys[lo] < it.y - 0.2) through.add(lo);
  }
  const rows = [...through].filter((b) => through.has(b + 1)).sort((p, q) => p - q);
  if (!rows.length) return { home, runsOn };
  // the items that can reach into one of those rows (baseline below its top, glyphs' top above its bottom)
  const reaches = (i: PdfTextItem) => {
    const lo = firstIndex(rows.length, (m) => ys[rows[m] + 1] > i.y - 2 * i.height);
    return lo < rows.length && ys[rows[lo]] < i.y;
  };
  // lines by the lowest baseline of their items (a line's items lie within a fraction of its size of each other)
  const lines = groupLines(items.filter(reaches))
    .map((l) => ({ ...l, low: maxOf(l.items, (i) => i.y) }))
    .sort((p, q) => p.low - q.low);
  const found: { band: number; items: PdfTextItem[]; room: number; size: number }[] = [];
  let from = 0;
  for (const b of rows) {
    const top = ys[b];
    const bottom = ys[b + 1];
    const mid = (top + bottom) / 2;
    // the lines that can reach into the row: baseline below its top, glyphs' top above its bottom
    while (from < lines.length && lines[from].low <= top) from++;
    let to = from;
    while (to < lines.length && lines[to].low - 1.5 * tallest < bottom) to++;
    const near = lines.slice(from, to);
    // (cheaply first: a row holding two lines, or none across its top rule or none across its bottom rule, has none)
    if (near.length < 2 || bottom - top >= 3.6 * tallest) continue;
    if (!near.some((l) => l.low - l.size < top - 0.2) || !near.some((l) => l.low > bottom + 0.2 && l.low - 1.5 * l.size < bottom)) continue;
    for (const [left, right] of spans[b]) {
      const segs = near.map((l) => segmentOf(l, left, right)).filter((g): g is Segment => !!g);
      const touching = segs.filter((g) => Math.min(bottom, g.y) - Math.max(top, g.y - g.size) > 0.2);
      if (touching.length !== 2) continue;
      const [a, c] = touching.sort((p, q) => p.y - q.y);
      const size = a.size;
      const pitch = c.y - a.y;
      if (Math.abs(c.size - size) > 0.2 || !linePitch(pitch, size) || bottom - top >= 2 * pitch) continue;
      // one line across the top rule, one across the bottom rule, their middle the row's
      if (!(a.y - size < top - 0.2 && c.y > bottom + 0.2) || Math.abs((a.y + c.y) / 2 - size / 2 - mid) > 0.15 * size + 0.5) continue;
      if ([a, c].some((g) => g.crossing || overprinted(g) || NUMERIC.test(joinText(g.items)))) continue;
      found.push({ band: b, items: [...a.items, ...c.items], room: right - left - (c.right - c.left), size });
    }
  }
  // a line that would be the wrapped text of two rows is neither's
  const claims = new Map<PdfTextItem, number>();
  for (const f of found) for (const i of f.items) claims.set(i, (claims.get(i) ?? 0) + 1);
  for (const f of found) {
    if (f.items.some((i) => claims.get(i)! > 1)) continue;
    for (const i of f.items) home.set(i, f.band);
    // the second line may not be the text's last: LibreOffice breaks a line where the next character (a CJK one)
    // or word (digits, Latin: "2023年" after "218号原") does not fit, so only a line ending well short of the
    // cell's edge (room for about eight digits) ends the text
    if (f.room < 4.5 * f.size + 2) for (const i of f.items) runsOn.add(i);
  }
  return { home, runsOn };
}

/**
 * Wrapped texts of rows one line high that wrappedSpills leaves, read by their exact baselines (LibreOffice sets
 * the pieces of a line on one baseline, to a hundredth of a point):
 *
 *   two lines   each of several rows stacked in a column (003-variant: a form's name, code and 项目属性, two lines
 *               each in rows 15pt high, 14.5pt between lines) prints across its top and bottom rules, so the second
 *               line of one row and the first of the next print over one another, half a point apart;
 *   three lines a text of three lines centred on its row (001-variant: a project name) prints its middle line on
 *               the row's own baseline, and the others one pitch above and below it, over the rows around it,
 *               where those rows' own texts stand on baselines of their own.
 *
 * A row's own baseline for a size (where its texts of one line print) is the one most texts of that size lying
 * wholly inside rows of its height stand on (a line spilled inside a row is one of few). In a cell's span of a
 * row, a pair is two lines, one across the top rule and one across the bottom rule, nothing else of the span
 * inside the row, their middle baseline the row's own (to 0.12pt: pairing the line of the next row instead is
 * off by half the difference between row height and pitch); a triple is the only line of the span touching the
 * row, on its own baseline beside another text of the row (its label), and one line each one pitch above and below
 * it (equal to 0.2pt), aligned with it,
 * each off the own baseline of the row it prints over by more than 0.25pt (the texts of rows one line high stand
 * on theirs), with no line aligned one pitch further (a longer text). Every line: the same size, 1.05–1.8 sizes
 * apart, within the span, no number. A span with a single candidate takes its lines, unless another span's single
 * candidate claims one of them; the lines taken are no other's, and the rest is looked at again.
 */
function stackedSpills(items: PdfTextItem[], ys: number[], spans: [number, number][][]): { home: Map<PdfTextItem, number>; runsOn: Set<PdfTextItem> } {
  const home = new Map<PdfTextItem, number>();
  const runsOn = new Set<PdfTextItem>();
  if (ys.length < 3 || !items.length) return { home, runsOn };
  // lines by exact baseline, across the page (a span takes the items of a line whose middle lies in it)
  const lines: { y: number; items: PdfTextItem[] }[] = [];
  for (const it of [...items].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const last = lines[lines.length - 1];
    if (last && it.y - last.y < 0.1) last.items.push(it);
    else lines.push({ y: it.y, items: [it] });
  }
  // each line's items by their middle, to take a span's items by binary search (lines run across the page)
  const byY = lines.map((l) => {
    const its = [...l.items].sort((a, b) => a.x + a.width / 2 - (b.x + b.width / 2));
    return { y: l.y, h: maxOf(its, (i) => i.height), items: its, mids: its.map((i) => i.x + i.width / 2) };
  });
  const segment = (k: number, left: number, right: number): Segment | undefined => {
    const { mids, items: its } = byY[k];
    const from = firstIndex(mids.length, (m) => mids[m] > left);
    const to = firstIndex(mids.length, (m) => mids[m] >= right);
    if (from >= to) return undefined;
    const p = its.slice(from, to);
    const l = minOf(p, (i) => i.x);
    const r = maxOf(p, (i) => i.x + i.width);
    return { items: p, left: l, right: r, y: maxOf(p, (i) => i.y), size: maxOf(p, (i) => i.height), crossing: l < left - 0.5 || r > right + 0.5 };
  };
  // the lines that can matter to a row: from a text of three lines' line aligned one pitch beyond, at most
  const tallest = maxOf(byY, (l) => l.h);
  const reach = 3.7 * tallest + 1;
  const bandOf = (y: number) => {
    const b = ruleAbove(ys, y);
    return b >= 0 && b < ys.length - 1 ? b : -1;
  };
  // the own baseline of texts of one line, as an offset below the top rule, per row height and size
  const offsets = new Map<number, number[]>();
  const kind = (b: number, size: number) => Math.round(10 * (ys[b + 1] - ys[b])) * 10000 + Math.round(10 * size);
  for (const it of items) {
    const b = bandOf(it.y - it.height / 2);
    if (b < 0 || !/[\u4e00-\u9fff]/.test(it.str) || it.y - it.height < ys[b] + 0.2 || it.y > ys[b + 1] - 0.2) continue;
    const k = kind(b, it.height);
    (offsets.get(k) ?? offsets.set(k, []).get(k)!).push(it.y - ys[b]);
  }
  // (only an offset most of them stand on, three at least: not one that the spilled lines themselves make)
  const ownOffset = new Map<number, number>();
  for (const [k, v] of offsets) {
    const at = median(v);
    const on = v.filter((o) => Math.abs(o - at) <= 0.12).length;
    if (on >= 3 && 2 * on >= v.length) ownOffset.set(k, at);
  }
  const own = (b: number, size: number) => {
    const o = b < 0 ? undefined : ownOffset.get(kind(b, size));
    return o === undefined ? undefined : ys[b] + o;
  };
  // the lines off their rows' own baselines (or where that is not known): every candidate has one near its row
  const offBase = byY.map((l) => l.items.some((i) => {
    const at = own(bandOf(i.y - i.height / 2), i.height);
    return at === undefined || Math.abs(i.y - at) > 0.12;
  }));
  const offYs = byY.filter((_, k) => offBase[k]).map((l) => l.y);
  type Seg = Segment & { line: number };
  // `needs`: the other lines touching the row in the span, each another row's spilled line, to be taken by another
  type Candidate = { band: number; segs: Seg[]; needs: number[]; room: number };
  const perSpan: Candidate[][] = [];
  for (let b = 0; b < ys.length - 1; b++) {
    const top = ys[b];
    const bottom = ys[b + 1];
    const near = firstIndex(offYs.length, (m) => offYs[m] > top - reach);
    if (near >= offYs.length || offYs[near] > bottom + reach) continue;
    // the span's parts of the lines with baselines from y0 to y1
    const segsIn = (y0: number, y1: number, left: number, right: number) => {
      const out: Seg[] = [];
      for (let k = firstIndex(byY.length, (m) => byY[m].y >= y0); k < byY.length && byY[k].y <= y1; k++) {
        const g = segment(k, left, right);
        if (g) out.push({ ...g, line: k });
      }
      return out;
    };
    const offNear = (y0: number, y1: number) => {
      const i = firstIndex(offYs.length, (m) => offYs[m] >= y0);
      return i < offYs.length && offYs[i] <= y1;
    };
    for (const [left, right] of spans[b]) {
      const touching = segsIn(top + 0.2, bottom + tallest, left, right).filter((g) => Math.min(bottom, g.y) - Math.max(top, g.y - g.size) > 0.2);
      if (!touching.length) continue;
      const size = touching[0].size;
      const mine = own(b, size);
      if (mine === undefined || bottom - top > 2.2 * size) continue;
      const fits = (g: Seg) => Math.abs(g.size - size) <= 0.2 && !g.crossing && !NUMERIC.test(joinText(g.items));
      // a line of the row's own (one line, on its baseline), or one that cannot be another row's spilled line
      const ownLine = (g: Seg) => Math.abs(g.y - mine) <= 0.25 || Math.abs(g.size - size) > 0.2;
      const found: Candidate[] = [];
      const room = (c: Seg) => right - left - (c.right - c.left);
      const others = (used: Seg[]) => touching.filter((g) => !used.some((u) => u.line === g.line)).map((g) => g.line);
      // a pair: one line across the top rule, one across the bottom rule, no text of the row's own
      if (!touching.some(ownLine)) {
        for (const a of touching.filter((g) => g.y - g.size < top - 0.2 && g.y < bottom)) {
          for (const c of touching.filter((g) => g.y > bottom + 0.2 && g.y - g.size > top)) {
            const pitch = c.y - a.y;
            if (!fits(a) || !fits(c) || !linePitch(pitch, size)) continue;
            if (Math.abs((a.y + c.y) / 2 - mine) > 0.12) continue;
            found.push({ band: b, segs: [a, c], needs: others([a, c]), room: room(c) });
          }
        }
      }
      // a triple: the one line on the row's own baseline, one line each a pitch above and below it
      const mids = touching.filter(ownLine);
      // (and another text of the row on its baseline, outside the span: its label, where the row's own text stands)
      const labelled = (g: Seg) => byY[g.line].items.some((i) => !g.items.includes(i));
      const m = mids.length === 1 && Math.abs(mids[0].y - mine) <= 0.12 && fits(mids[0]) && labelled(mids[0]) ? mids[0] : undefined;
      if (m) {
        const alike = (y0: number, y1: number) => segsIn(y0, y1, left, right).filter((g) => g.line !== m.line && fits(g) && aligned({ ...g, h: g.size }, { ...m, h: m.size }));
        // (the outer lines are off their rows' own baselines: looked for only where such a line is)
        const spilled = (y0: number, y1: number) => (offNear(y0, y1) ? alike(y0, y1) : []);
        for (const a of spilled(m.y - PITCH_MAX * size, m.y - PITCH_MIN * size)) {
          const pitch = m.y - a.y;
          for (const c of spilled(m.y + pitch - 0.2, m.y + pitch + 0.2)) {
            if (a.y - size / 2 > top || c.y - size / 2 < bottom) continue;
            const drift = [a, c].map((g) => {
              const o = own(bandOf(g.y - g.size / 2), size);
              return o === undefined ? undefined : Math.abs(g.y - o);
            });
            if (drift.every((d) => d === undefined) || drift.some((d) => d !== undefined && d <= 0.25)) continue;
            if (alike(a.y - pitch - 0.3, a.y - pitch + 0.3).length || alike(c.y + pitch - 0.3, c.y + pitch + 0.3).length) continue;
            found.push({ band: b, segs: [a, m, c], needs: others([a, m, c]), room: room(c) });
          }
        }
      }
      if (found.length) perSpan.push(found);
    }
  }
  // spans with one candidate whose lines no other takes, in turn (a line taken is no other's)
  const chosen = new Map<number, Candidate>();
  const lineOwner = new Map<number, Candidate>();
  for (let progress = true; progress; ) {
    progress = false;
    const single = perSpan.map((cs, i) => (chosen.has(i) ? undefined : cs.filter((c) => c.segs.every((g) => !lineOwner.has(g.line))))).map((cs) => (cs?.length === 1 ? cs[0] : undefined));
    const claims = new Map<number, number>();
    for (const c of single) for (const g of c?.segs ?? []) claims.set(g.line, (claims.get(g.line) ?? 0) + 1);
    single.forEach((c, i) => {
      if (!c || c.segs.some((g) => claims.get(g.line)! > 1)) return;
      chosen.set(i, c);
      for (const g of c.segs) lineOwner.set(g.line, c);
      progress = true;
    });
  }
  // each chosen one's other lines in the row taken by another chosen one (else it may be the row's own text)
  for (let dropped = true; dropped; ) {
    dropped = false;
    for (const [i, c] of chosen) {
      if (c.needs.every((l) => lineOwner.has(l) && lineOwner.get(l) !== c)) continue;
      chosen.delete(i);
      for (const g of c.segs) lineOwner.delete(g.line);
      dropped = true;
    }
  }
  for (const c of chosen.values()) {
    for (const g of c.segs) {
      for (const it of g.items) home.set(it, c.band);
      // the last line may not end the text (see wrappedSpills): a text of five lines prints its middle three
      if (c.room < 4.5 * c.segs[0].size + 2) for (const it of g.items) runsOn.add(it);
    }
  }
  return { home, runsOn };
}

/**
 * A wrapped text of three lines centred on a ruled row one line high (002-variant 第14页: the 项目名称
 * “阳泉市社会福利院东北 / 部挡墙边坡加固治理项 / 目尾款”, its first line over the title row above, its last over
 * “064-阳泉市民政局” below): the row's only line in a cell's span, not printed over, on the baseline of another
 * text of the row (its label: where the row's own text stands), and one line aligned with it
 * (left, right or centred, the same size) one pitch above and one the same pitch below (to 0.3pt), the pitch under
 * the row's height (a text of the rows around, centred on them, lies a row's height or more away), the three
 * drifting against the rules (one text: the rows' own texts stand alike in each), each within the span, and no line
 * aligned one pitch further either way. Both outer lines go to the row. A text of five lines printed in part
 * looks the same unless the third line ends well short of the cell's edge (room for about eight digits: the text's
 * last line); else the cell stays doubted (`runsOn`).
 */
function threeLineSpills(
  items: PdfTextItem[],
  ys: number[],
  spans: [number, number][][],
  taken: Map<PdfTextItem, number>,
): { home: Map<PdfTextItem, number>; runsOn: Set<PdfTextItem>; middles: Set<PdfTextItem> } {
  const home = new Map<PdfTextItem, number>();
  const runsOn = new Set<PdfTextItem>();
  // the middle lines of the texts that may run on: with their outer lines, a part of the cell's text
  const middles = new Set<PdfTextItem>();
  const lines = textLines(items.filter((i) => !taken.has(i)));
  // the band a line's middle lies in (-1 above the first rule, ys.length - 1 below the last)
  const bandOf = (l: Span) => ruleAbove(ys, l.y - l.h / 2);
  const offset = (l: Span) => (ys.find((y) => y > l.y - l.h / 2) ?? l.y) - l.y;
  const found: { band: number; middle: TextLine; outer: TextLine[]; runsOn: boolean }[] = [];
  for (const m of lines) {
    const b = bandOf(m);
    if (b < 0 || b >= ys.length - 1) continue;
    const top = ys[b];
    const bottom = ys[b + 1];
    const height = bottom - top;
    // wholly inside a row one line high
    if (height >= 2.2 * m.h || m.y - m.h < top - 0.2 || m.y > bottom + 0.2) continue;
    const span = spans[b].find(([l, r]) => m.left >= l - 0.5 && m.right <= r + 0.5);
    if (!span) continue;
    const [left, right] = span;
    const inside = (l: Span) => l.left >= left - 0.5 && l.right <= right + 0.5;
    const across = (l: Span) => l.left < right && l.right > left;
    // the row's only line in the span, not printed over
    const rowLines = within(lines, top, bottom + m.h).filter((l) => l !== m && bandOf(l) === b);
    if (rowLines.some(across) || m.items.some((a, i) => m.items.slice(i + 1).some((c) => Math.min(a.x + a.width, c.x + c.width) - Math.max(a.x, c.x) > 1))) continue;
    // standing where the row's own text stands: on the baseline of another text of the row (its label), so the
    // middle of a text centred on the row, not a line of a text of the rows around drifting into it
    if (!rowLines.some((l) => Math.abs(l.y - m.y) <= 0.2)) continue;
    const alike = (y0: number, y1: number) => within(lines, y0, y1).filter((l) => l !== m && across(l) && Math.abs(l.h - m.h) <= 0.2 && aligned(l, m));
    const above = alike(m.y - Math.min(PITCH_MAX * m.h, height - 0.2), m.y - PITCH_MIN * m.h);
    if (above.length !== 1 || !inside(above[0]) || bandOf(above[0]) !== b - 1) continue;
    const pitch = m.y - above[0].y;
    const below = alike(m.y + pitch - 0.3, m.y + pitch + 0.3);
    if (below.length !== 1 || !inside(below[0]) || bandOf(below[0]) !== b + 1) continue;
    const [first, last] = [above[0], below[0]];
    const offsets = [first, m, last].map(offset);
    if (Math.max(...offsets) - Math.min(...offsets) <= 0.3) continue;
    // no line further on at that pitch: the text would be longer than what is put together
    if (alike(first.y - pitch - 0.3, first.y - pitch + 0.3).length || alike(last.y + pitch - 0.3, last.y + pitch + 0.3).length) continue;
    found.push({ band: b, middle: m, outer: [first, last], runsOn: right - last.right < 4.5 * m.h + 2 });
  }
  // a line that would be the outer line of two texts is neither's
  const claims = new Map<TextLine, number>();
  for (const f of found) for (const l of f.outer) claims.set(l, (claims.get(l) ?? 0) + 1);
  for (const f of found) {
    if (f.outer.some((l) => claims.get(l)! > 1)) continue;
    for (const l of f.outer) for (const i of l.items) home.set(i, f.band);
    if (f.runsOn) {
      for (const l of f.outer) for (const i of l.items) runsOn.add(i);
      for (const i of f.middle.items) middles.add(i);
    }
  }
  return { home, runsOn, middles };
}

/** A character's share of a text item's width, estimated: a CJK character two units, any other one. */
export const charUnits = (ch: string): number => (ch.charCodeAt(0) > 0x2e80 ? 2 : 1);
const units = (t: string) => [...t].reduce((n, ch) => n + charUnits(ch), 0);

/**
 * An item running over a drawn column edge at a space: the texts of two cells, the first filling its cell up to
 * the edge and the next starting right after it, that pdf.js gave as one item ("能力 提高"). Split at the space
 * nearest the edge (positions estimated by display width: a CJK character is two units) when that lies within a
 * character of the edge; any other item is kept whole (one text running on past an edge, see layoutRuled).
 */
function splitAtEdges(it: PdfTextItem, xs: number[], drawnAt: (x: number, y: number) => boolean): PdfTextItem[] {
  if (!/\s/.test(it.str.trim()) || it.width <= 0) return [it];
  const right = it.x + it.width;
  const edge = xs.find((x) => x > it.x + it.height && x < right - it.height && drawnAt(x, it.y - it.height / 2));
  if (edge === undefined) return [it];
  const total = units(it.str);
  let best: { at: number; pos: number } | undefined;
  for (let i = 0; i < it.str.length; i++) {
    if (!/\s/.test(it.str[i])) continue;
    const pos = it.x + (it.width * units(it.str.slice(0, i))) / total;
    if (Math.abs(pos - edge) <= it.height && (!best || Math.abs(pos - edge) < Math.abs(best.pos - edge))) best = { at: i, pos };
  }
  if (!best) return [it];
  const before = it.str.slice(0, best.at).trimEnd();
  const after = it.str.slice(best.at).trimStart();
  if (!before || !after) return [it];
  const leftEnd = Math.min(it.x + (it.width * units(before)) / total, edge - 1);
  const rightStart = Math.max(it.x + (it.width * (total - units(after))) / total, edge + 0.5);
  return [
    { ...it, str: before, width: leftEnd - it.x },
    { ...it, str: after, x: rightStart, width: right - rightStart, spaceBefore: false },
  ];
}

/** The grid of a ruled page (see the file comment); undefined when the page draws too few rules for a table. */
export function layoutRuled(page: Pick<PdfPageText, 'page' | 'items'>, rules: RuleLines): PageGrid | undefined {
  const xs = distinct(rules.v.map((v) => v.x));
  const ys = distinct(rules.h.map((h) => h.y));
  if (xs.length < 3 || ys.length < 2) return undefined;
  const top = ys[0];
  const bottom = ys[ys.length - 1];
  const colCount = xs.length - 1;
  const colRange = (it: PdfTextItem): [number, number] => {
    const l = it.x + 0.5;
    const r = it.x + Math.max(it.width, 1) - 0.5;
    let first = -1;
    let last = -1;
    for (let c = 0; c < colCount; c++) {
      if (l < xs[c + 1] && r > xs[c]) {
        if (first < 0) first = c;
        last = c;
      }
    }
    if (first < 0) first = last = l < xs[0] ? 0 : colCount - 1;
    return [first, last];
  };
  /** `edges`: of a row between rules, the indices in xs of the column edges drawn at its middle. */
  type Row = { y: number; mid: number; height: number; inside: boolean; items: PdfTextItem[]; edges: number[] };
  // A merged cell has no rule inside it: the edges drawn at a row's middle are the edges of its cells.
  const drawnAt = (x: number, y: number) => rules.v.some((v) => Math.abs(v.x - x) <= 1 && v.y1 - 1 <= y && y <= v.y2 + 1);
  const bands: Row[] = ys.slice(0, -1).map((y, i) => {
    const mid = (y + ys[i + 1]) / 2;
    const edges = xs.map((x, e) => (e === 0 || e === xs.length - 1 || drawnAt(x, mid) ? e : -1)).filter((e) => e >= 0);
    return { y, mid, height: ys[i + 1] - y, inside: true, items: [], edges };
  });
  const outside: PdfTextItem[] = [];
  const items = page.items.flatMap((i) => splitAtEdges(i, xs, drawnAt));
  // the cells' spans of each row: between the edges drawn at its middle
  const bandSpans = bands.map((b) => b.edges.slice(1).map((e, i): [number, number] => [xs[b.edges[i]], xs[e]]));
  const tallest = Math.max(0, maxOf(items, (i) => i.height));
  const spilled = wrappedSpills(items, ys, bandSpans, tallest);
  const three = threeLineSpills(items, ys, bandSpans, spilled.home);
  for (const [it, b] of three.home) spilled.home.set(it, b);
  for (const it of three.runsOn) spilled.runsOn.add(it);
  const stacked = stackedSpills(items.filter((i) => !spilled.home.has(i)), ys, bandSpans);
  for (const [i, b] of stacked.home) spilled.home.set(i, b);
  for (const i of stacked.runsOn) spilled.runsOn.add(i);
  // the lines around the rows that may be the indicator grid's or the goals' header (a piece of a label in them): from the row
  // above to well below (a line one pitch under the spilled one), not put back by wrappedSpills
  const headerPiece = /级指标|指标值|绩效指标|期目标|度目标/;
  const headerBands = new Set<number>();
  for (const it of items) {
    if (!headerPiece.test(it.str)) continue;
    const b = ruleAbove(ys, it.y - it.height / 2);
    if (b >= 1 && b < ys.length - 1) headerBands.add(b);
  }
  const windows = [...headerBands].sort((p, q) => p - q).map((b): [number, number] => [ys[b - 1], ys[b + 1] + 4 * tallest]);
  const inWindow = (y: number) => {
    // the first window ending at or below y (they start and end in the order of their rows)
    const lo = firstIndex(windows.length, (m) => windows[m][1] >= y);
    return lo < windows.length && windows[lo][0] < y;
  };
  const near = windows.length ? items.filter((i) => !spilled.home.has(i) && inWindow(i.y)) : [];
  const returned = near.length ? headerSpills(textLines(near), ys, bandSpans) : new Map<PdfTextItem, { band: number; side: 'above' | 'below' }>();
  for (const it of items) {
    const back = spilled.home.get(it) ?? returned.get(it)?.band;
    if (back !== undefined) {
      bands[back].items.push(it);
      continue;
    }
    const mid = it.y - it.height / 2;
    if (mid <= top || mid >= bottom) {
      outside.push(it);
      continue;
    }
    let b = 0;
    while (b < bands.length - 1 && mid >= ys[b + 1]) b++;
    bands[b].items.push(it);
  }
  const lines = groupLines(outside).map((l) => ({ y: l.y - l.size / 2, mid: l.y, height: l.size, inside: false, items: l.items, edges: [] }));
  const rows: Row[] = [...bands, ...lines].sort((a, b) => a.y - b.y);
  const cells: PlacedCell[] = [];
  // the lines by baseline of the text starting in a span of columns, found when a cell there first needs its spill
  // side: only its column's, as text of the columns beside on the same baselines would widen them out of line
  const spanLines = new Map<string, Span[]>();
  const linesIn = (first: number, last: number): Span[] => {
    const k = `${first}/${last}`;
    let found = spanLines.get(k);
    const [from, to] = [first === 0 ? -Infinity : xs[first], last + 1 === colCount ? Infinity : xs[last + 1]];
    if (!found) spanLines.set(k, (found = textLines(items.filter((i) => i.x + 0.5 >= from && i.x + 0.5 < to))));
    return found;
  };
  rows.forEach((row, r) => {
    const drafts = new Map<number, { last: number; items: PdfTextItem[] }>();
    const edges = row.edges;
    let prev: { it: PdfTextItem; first: number; last: number } | undefined;
    for (const it of [...row.items].sort((a, b) => a.y - b.y || a.x - b.x)) {
      let first: number;
      let last: number;
      const abuts =
        prev && Math.abs(it.y - prev.it.y) < 0.35 * it.height && Math.abs(it.x - (prev.it.x + prev.it.width)) < 0.3 && (it.cutLeft || !(NUMERIC.test(it.str.trim()) && /\d/.test(it.str)));
      if (abuts && prev) {
        // one run of text cut into items: it stays in the cell it started in, even past a drawn edge (a long
        // name in a cell whose neighbour is filled is clipped at the edge when printed, not moved into it)
        first = prev.first;
        last = prev.last;
      } else if (row.inside) {
        // the cell where the text starts; text running on past a drawn edge is clipped there, not merged
        const x = it.x + 0.5;
        let e = 0;
        while (e < edges.length - 2 && x >= xs[edges[e + 1]]) e++;
        first = edges[e];
        last = edges[e + 1] - 1;
      } else [first, last] = colRange(it);
      prev = { it, first, last };
      const d = drafts.get(first);
      if (d) {
        d.items.push(it);
        d.last = Math.max(d.last, last);
      } else drafts.set(first, { last, items: [it] });
    }
    const over = row.inside ? overlapping(row.items) : new Set<PdfTextItem>();
    for (const [col, d] of [...drafts.entries()].sort((a, b) => a[0] - b[0])) {
      const cell = placed(r + 1, col + 1, d.last + 1, d.items);
      // a wrapped text put back whole (wrappedSpills) is not doubted for crossing the rules it was printed over
      const own = d.items.filter((i) => !spilled.home.has(i));
      const mixed = row.inside ? d.items.filter((i) => over.has(i) || spilled.runsOn.has(i)) : [];
      // a cell given back the last line of its text from the header row below (headerSpills): its other lines went
      // on above (centred on its row), or are not printed; the rows below have no part in it (and likewise the
      // first printed line of its text from the header row above); given back lines both ways: both sides
      const backFrom = new Set(d.items.flatMap((i) => returned.get(i)?.side ?? []));
      const gotBack = backFrom.size === 1 ? [...backFrom][0] : backFrom.size ? 'both' : undefined;
      const why = !row.inside ? undefined : mixed.length || gotBack ? 'overflow' : own.length ? uncertainText(own, xs[d.last + 1], rules) : undefined;
      // lines put back whole that may run on (runsOn), no other text in the cell nor printed over it: the lines not
      // printed are nowhere in the PDF, so no row around it is concerned
      const part = mixed.length > 0 && !gotBack && d.items.every((i) => ((spilled.home.has(i) && spilled.runsOn.has(i)) || three.middles.has(i)) && !over.has(i));
      const seen = part ? 'none' : mixed.length ? spillSide(d.items, linesIn(col, d.last), ys) : undefined;
      const side = gotBack === 'both' ? undefined : gotBack ? (!mixed.length || seen === gotBack || seen === 'none' ? gotBack : undefined) : seen;
      cells.push(why ? { ...cell, uncertain: why, ...(side ? { spill: side } : {}), ...(part ? { part: true as const } : {}) } : cell);
    }
  });
  return { page: page.page, rowCount: rows.length, colCount, cells };
}

/**
 * The grid of one page: by its rules when it draws them; a page of prose (the 情况说明) as paragraphs; else by text
 * alignment. `afterProse`: the page before was prose, so a page of one column of text goes on with it (the
 * 情况说明's later pages carry no 情况说明 heading in their first lines).
 */
export function layoutPage(page: Pick<PdfPageText, 'page' | 'items'> & { rules?: RuleLines; width?: number }, afterProse = false): PageGrid {
  const ruled = page.rules && layoutRuled(page, page.rules);
  if (ruled) return ruled;
  // prose in two columns (./columns): the right column under the left, read as the prose it is
  const stacked = stackColumns(page.page, page.items);
  if (stacked !== page.items) return layoutProse({ ...page, items: stacked });
  const lines = groupLines(page.items);
  if (lines.slice(0, 3).some((l) => /情况说明|第三部分/.test(l.items.map((i) => i.str).join('')))) return layoutProse(page);
  const aligned = layoutAligned(page);
  return afterProse && (aligned.colCount <= 1 || oneRunEach(lines)) ? layoutProse(page) : aligned;
}

/**
 * Each line (all but one in ten) is one run of text from its first item to its last, no gap wider than a character
 * between them: a page of prose (the 情况说明's second page, printed by a spreadsheet: pdf.js cuts its lines into
 * items at every change of glyph run, which a guess by alignment reads as a dozen columns), not a table without
 * rules (its columns stand apart).
 */
function oneRunEach(lines: Line[]): boolean {
  if (lines.length < 3) return false;
  const runs = lines.filter((l) => {
    const items = [...l.items].sort((a, b) => a.x - b.x);
    return items.every((it, i) => i === 0 || it.x - (items[i - 1].x + items[i - 1].width) <= l.size);
  });
  return runs.length >= 0.9 * lines.length;
}

/**
 * A page of prose: one cell per paragraph in column A. A line goes on the paragraph above when that one ran to
 * the right margin and this one is not indented (a heading, a short last line or an indented first line starts
 * a new paragraph). A paragraph that ends at the right margin without closing punctuation was cut off when
 * printed (a sheet's row one line high holding a longer wrapped text: LibreOffice prints the first line only),
 * and is marked `clipped`; one whose lines run on past the page's right edge (`width`) is marked `edge`.
 */
export function layoutProse(page: Pick<PdfPageText, 'page' | 'items'> & { width?: number }): PageGrid {
  const lines = groupLines(page.items);
  if (!lines.length) return { page: page.page, prose: true, rowCount: 0, colCount: 0, cells: [] };
  const left = minOf(lines, (l) => l.items[0].x);
  const rightOf = (l: Line) => maxOf(l.items, (i) => i.x + i.width);
  const right = proseRight(lines.map(rightOf)); // not a title wider than the text (over two columns: ./columns)
  const atMargin = (l: Line) => rightOf(l) >= right - 2 * l.size;
  const paragraphs: { items: PdfTextItem[]; last: Line }[] = [];
  let prev: Line | undefined;
  const notIndented = (line: Line) => line.items[0].x <= left + 0.5 * line.size;
  for (const line of lines) {
    const runsOn = prev && !isHeading(line) && atMargin(prev) && notIndented(line);
    if (runsOn) {
      const p = paragraphs[paragraphs.length - 1];
      pushAll(p.items, line.items);
      p.last = line;
    } else paragraphs.push({ items: [...line.items], last: line });
    prev = line;
  }
  const cells = paragraphs.map(({ items, last }, i) => {
    const spaced = placed(i + 1, 1, 1, items);
    const cell = { ...spaced, text: unjustified(spaced.text) };
    // a line running on past the page's right edge: the paper cut it there (a column wider than the page)
    const pageWidth = page.width;
    if (pageWidth !== undefined && items.some((it) => it.x + it.width > pageWidth + 0.05)) return { ...cell, uncertain: 'edge' as const };
    const cut = atMargin(last) && !/[。；！？：…）)”」]$/.test(cell.text) && rightOf(last) - left > 20 * last.size;
    return cut ? { ...cell, uncertain: 'clipped' as const } : cell;
  });
  const opens = !isHeading(lines[0]) && notIndented(lines[0]);
  return { page: page.page, prose: true, ...(opens ? { opensInParagraph: true } : {}), rowCount: cells.length, colCount: 1, cells };
}

// Chinese characters and full-width punctuation (CJK symbols, ideographs, full-width forms)
const CJK = '\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef';
// and ASCII punctuation: a space between it and a Chinese character is a gap set by the printer ("下降 ( 增长)")
const TIGHT = `${CJK}!-/:-@\\[-\`{-~`;
// (no lookbehind: WPS's and older browsers' engines lack it) the character before the spaces is kept by $1/$2
const SPACE_BY_CJK = new RegExp(`([${CJK}]) +(?=[${TIGHT}])|([${TIGHT}]) +(?=[${CJK}])`, 'g');

/**
 * The text of a paragraph without the spaces a word processor puts between Chinese characters and beside them
 * (a justified line spread to the margin: "社会保障和就业 支 出", "下降 ( 增长)"), which pdf.js gives as spaces;
 * Chinese puts none there. A space between Chinese and a figure or a Latin word may be the text's own: kept.
 */
function unjustified(text: string): string {
  return text.replace(SPACE_BY_CJK, '$1$2');
}

/**
 * A line that opens a section: 一、 （一） (1) 1. 1、 — not an amount at the start of a wrapped line ("100.00万元，增长…"
 * is the end of the sentence above it).
 */
function isHeading(line: Line): boolean {
  return /^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?![\d,，]))/.test(joinText(line.items));
}

/** The grid of a page without rules, by text alignment (see the file comment). */
export function layoutAligned(page: Pick<PdfPageText, 'page' | 'items'>): PageGrid {
  const lines = groupLines(page.items);
  const cols = findColumns(page.items);
  type Draft = { col: number; lastCol: number; items: PdfTextItem[] };
  const rows: Draft[][] = lines.map((line) => {
    const byCol = new Map<number, Draft>();
    for (const run of runsOf(line.items)) {
      const it = asItem(run);
      // an amount by its right edge (right-aligned: a short one starts well inside its column)
      const amount = isAmount(it);
      const centred = amount ? -1 : centredIn(cols, it);
      const col = amount ? columnOf(cols, it.x + it.width - 1.5) : centred >= 0 ? centred : startColumn(cols, it.x);
      const last = amount || centred >= 0 ? col : lastColumnOf(cols, it.x + it.width);
      const d = byCol.get(col);
      if (d) {
        pushAll(d.items, run);
        d.lastCol = Math.max(d.lastCol, last);
      } else byCol.set(col, { col, lastCol: Math.max(col, last), items: [...run] });
    }
    // a text running on under the next cell of its line (its end hidden in print) spans the columns up to that cell
    const drafts = [...byCol.values()].sort((a, b) => a.col - b.col);
    drafts.forEach((d, k) => {
      if (k + 1 < drafts.length) d.lastCol = Math.max(d.col, Math.min(d.lastCol, drafts[k + 1].col - 1));
    });
    return drafts;
  });
  // Wrapped cells: join a text-only line into the line above (see the file comment).
  const pitch = median(lines.slice(1).map((l, i) => l.y - lines[i].y).filter((d) => d > 0));
  const joined: { line: Line; drafts: Draft[] }[] = [];
  lines.forEach((line, i) => {
    const drafts = rows[i];
    const prev = joined[joined.length - 1];
    const textOnly = drafts.every((d) => d.items.every((it) => !NUMERIC.test(it.str.trim())));
    if (prev && textOnly && pitch > 0 && line.y - prev.line.y < 0.9 * pitch && line.y - prev.line.y <= 1.6 * line.size) {
      const above = new Map(prev.drafts.map((d) => [d.col, d]));
      if (drafts.every((d) => above.has(d.col))) {
        for (const d of drafts) pushAll(above.get(d.col)!.items, d.items);
        prev.line = { ...prev.line, y: line.y };
        return;
      }
    }
    joined.push({ line, drafts });
  });
  const cells: PlacedCell[] = [];
  joined.forEach(({ drafts }, r) => {
    for (const d of drafts) cells.push(placed(r + 1, d.col + 1, d.lastCol + 1, d.items));
  });
  return { page: page.page, aligned: true, rowCount: joined.length, colCount: cols.length, cells };
}

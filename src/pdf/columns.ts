/**
 * Prose printed in two columns (a 情况说明 set in a two-column section, as Writer and Word lay it out): the lines
 * of the right column are put under those of the left, so the page reads column by column and not line by line
 * across the gutter (pure; tests feed it items directly).
 *
 * A page is two columns of prose when
 *   - a gutter runs down the middle part of its text (between a quarter and three quarters of its width): a
 *     band at least one font size wide that almost no line crosses (a title or a heading over both columns may);
 *   - on each side of it, at least three lines and a third of that side's lines and more are long text, justified:
 *     they end within a point and a half of the side's right edge and fill most of its width, and at most 40% of
 *     the side's characters are bare numbers (the columns of a table without rules are short, or numbers, or
 *     ragged: never prose).
 * Lines that cross the gutter (a title over both columns, a heading between two blocks of columns) stay where
 * they are; each block of lines between them is read left column first, then right column, and a side that is
 * itself two columns (a page of three or four) is read the same way first. The items moved
 * keep where they were printed: `dx`, `dy` (and `page`) say how far they were moved, as for strips (./strips).
 */
import type { PdfTextItem } from './text';
import { maxOf, minOf } from './extremes';

interface Line {
  y: number;
  size: number;
  items: PdfTextItem[];
}

const NUMERIC = /^[-+（(]?[\d,，.．%]+[)）%]?$/;

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function lines(items: PdfTextItem[]): Line[] {
  const out: Line[] = [];
  for (const it of [...items].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const last = out[out.length - 1];
    if (last && Math.abs(it.y - last.y) <= 0.35 * Math.min(last.size, it.height || last.size)) {
      last.items.push(it);
      last.size = Math.max(last.size, it.height);
    } else out.push({ y: it.y, size: it.height || 1, items: [it] });
  }
  for (const l of out) l.items.sort((a, b) => a.x - b.x);
  return out;
}

const right = (it: PdfTextItem) => it.x + it.width;

/** The largest page a PDF may have: 200 inches (ISO 32000-1, annex C.2). */
const MAX_PAGE_POINTS = 14_400;

/** The widest band in the middle of the text that at most `cross` lines cross; undefined when none is wide enough. */
function gutter(all: Line[], size: number): { left: number; right: number } | undefined {
  // every item is on a page (stackColumns): the count array below, one slot per point, stays page-sized
  let left = Infinity;
  let end = -Infinity;
  for (const l of all)
    for (const it of l.items) {
      left = Math.min(left, it.x);
      end = Math.max(end, right(it));
    }
  const width = end - left;
  if (!(width > 0)) return undefined;
  const from = Math.floor(left + 0.25 * width);
  const to = Math.ceil(left + 0.75 * width);
  // how many lines cover each point from `from` to `to`: each line's items as merged spans, summed by differences
  const diff = new Int32Array(to - from + 2);
  for (const l of all) {
    let span: [number, number] | undefined;
    const close = () => {
      if (span && span[0] <= span[1]) {
        diff[span[0] - from]++;
        diff[span[1] - from + 1]--;
      }
    };
    for (const it of l.items) {
      const a = Math.max(from, Math.floor(it.x));
      const b = Math.min(to, Math.ceil(right(it)));
      if (span && a <= span[1] + 1) span[1] = Math.max(span[1], b);
      else {
        close();
        span = [a, b];
      }
    }
    close();
  }
  const counts = new Array<number>(to - from + 1);
  for (let i = 0, n = 0; i < counts.length; i++) counts[i] = n += diff[i];
  const cross = Math.max(1, Math.floor(0.1 * all.length));
  let best: { left: number; right: number } | undefined;
  for (let i = 0; i < counts.length; ) {
    if (counts[i] > cross) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < counts.length && counts[j + 1] <= cross) j++;
    if (j - i >= size && (!best || j - i > best.right - best.left)) best = { left: from + i, right: from + j };
    i = j + 1;
  }
  return best;
}

/**
 * The right margin of a block of prose, from where its lines end: the right-most edge that many lines end at
 * (within a point; a justified line may run a little past it, a title over two columns far past it); the
 * right-most end when no edge is shared.
 */
export function proseRight(ends: number[]): number {
  const shared = ends.filter((e) => ends.filter((f) => Math.abs(f - e) <= 1).length >= Math.max(2, 0.3 * ends.length));
  return maxOf(shared.length ? shared : ends, (e) => e);
}

/** Most of a side's lines are justified prose (see the file comment). */
function prose(side: PdfTextItem[][]): boolean {
  if (side.length < 3) return false;
  const items = side.flat();
  const chars = items.reduce((n, i) => n + i.str.length, 0);
  const numbers = items.filter((i) => NUMERIC.test(i.str.trim())).reduce((n, i) => n + i.str.length, 0);
  if (numbers > 0.4 * chars) return false;
  const l = minOf(items, (i) => i.x);
  const ends = side.map((line) => maxOf(line, right));
  const r = proseRight(ends);
  const full = side.filter((line, i) => Math.abs(ends[i] - r) <= 1.5 && ends[i] - line[0].x >= 0.8 * (r - l));
  return full.length >= 3 && full.length >= 0.35 * side.length;
}

/**
 * The page's items in reading order of two columns (see the file comment), moved so that the right column sits
 * under the left; the items unchanged when the page is not two columns of prose.
 */
export function stackColumns(pageNo: number, items: PdfTextItem[]): PdfTextItem[] {
  // Text off the page (some producers leave items at x = 10⁹) is in no column: kept as it is, out of the reckoning.
  const onPage = items.filter(onAPage);
  if (onPage.length === items.length) return stackOnPage(pageNo, items);
  const stacked = stackOnPage(pageNo, onPage);
  return stacked === onPage ? items : [...stacked, ...items.filter((it) => !onAPage(it))];
}

const onAPage = (it: PdfTextItem) => it.x >= 0 && right(it) <= MAX_PAGE_POINTS;

function stackOnPage(pageNo: number, items: PdfTextItem[]): PdfTextItem[] {
  const all = lines(items);
  if (all.length < 6) return items;
  const size = median(all.map((l) => l.size));
  const g = gutter(all, size);
  if (!g) return items;
  type Part = { y: number; items: PdfTextItem[] };
  type Block = { full: true; line: Line } | { full: false; left: Part[]; right: Part[] };
  const blocks: Block[] = [];
  for (const l of all) {
    // the last item of a justified line may run into the gutter (its width is overstated): it crosses only when
    // it reaches over the whole gutter
    const crosses = l.items.some((it) => it.x < g.left && right(it) > g.right);
    if (crosses) {
      blocks.push({ full: true, line: l });
      continue;
    }
    let b = blocks[blocks.length - 1];
    if (!b || b.full) blocks.push((b = { full: false, left: [], right: [] }));
    const ls = l.items.filter((it) => it.x < g.left);
    const rs = l.items.filter((it) => it.x >= g.left);
    if (ls.length) b.left.push({ y: l.y, items: ls });
    if (rs.length) b.right.push({ y: l.y, items: rs });
  }
  const columns = blocks.filter((b): b is Extract<Block, { full: false }> => !b.full);
  if (!prose(columns.flatMap((b) => b.left.map((p) => p.items))) || !prose(columns.flatMap((b) => b.right.map((p) => p.items)))) return items;
  const leftEdge = minOf(columns, (b) => minOf(b.left, (p) => minOf(p.items, (i) => i.x)));
  const rightEdge = minOf(columns, (b) => minOf(b.right, (p) => minOf(p.items, (i) => i.x)));
  const pitch = median(all.slice(1).map((l, i) => l.y - all[i].y).filter((d) => d > 0)) || size * 1.5;
  const out: PdfTextItem[] = [];
  let cursor = all[0].y;
  const put = (parts: Part[], dx: number) => {
    if (!parts.length) return;
    const dy = cursor - parts[0].y;
    for (const p of parts) for (const it of p.items) out.push({ ...it, x: it.x + dx, y: it.y + dy, dx: (it.dx ?? 0) + dx, dy: (it.dy ?? 0) + dy, page: it.page ?? pageNo });
    cursor = parts[parts.length - 1].y + dy + pitch;
  };
  // a side may itself be two columns (a page of three or more): read it the same way first
  const split = (parts: Part[]): Part[] => {
    const its = parts.flatMap((p) => p.items);
    const sub = stackOnPage(pageNo, its);
    return sub === its ? parts : lines(sub).map((l) => ({ y: l.y, items: l.items }));
  };
  for (const b of blocks) {
    if (b.full) put([{ y: b.line.y, items: b.line.items }], 0);
    else {
      put(split(b.left), 0);
      put(split(b.right), leftEdge - rightEdge);
    }
  }
  return out;
}

/**
 * A wide table printed in strips side by side (a wide sheet on A4 without fit-to-width): LibreOffice and Excel
 * print the left columns on one page and the columns that did not fit on the next (page order "top to bottom,
 * then right": all pages of the left strip first, then those of the next strip). Here such pages are put back
 * side by side, one pseudo-page per row of pages, before the layout (pure; tests feed it pages directly).
 *
 * A page P is the next strip of page L (the page to its left) when
 *   - both are ruled and P's row edges are L's (same top and bottom, the edges of one found in the other: a
 *     merged header cell in one strip leaves out an edge or two), the same rows printed again;
 *   - L was cut at the right margin: L's table plus P's first column would not have fitted on L's page
 *     (margins taken as symmetric, LibreOffice's and Excel's default);
 *   - P's first column is not a repeat of a first column already in its row of pages (a second copy of the same
 *     form, printed next, has the same rows and the same labels: it is a form of its own, not a strip).
 * The pages of one strip go with the pages of the left strip in order (a strip page left out because it would
 * be blank is skipped). A vertical run of left pages is recognised when a strip starts: the pages between its
 * first page and the strip have the same column edges and no title of their own; or, for forms stacked on one
 * sheet (each with its title, tens of pages), the run of pages with the same column edges whose pages the strip
 * pages from here on match one by one (see longRun). A page printing a whole title of its own when L prints
 * another is the first page of another table, not a strip.
 *
 * A table printed sideways (./orientation turned its pages upright) and cut across pages is printed in the same
 * page order, but the sheet's "down" and "right" are other directions on the upright table. For text running
 * upwards (turn 270: the sheet's rows are the table's columns, its first column the table's first row) the page
 * printed below another is the strip to its LEFT, and the page printed to the right of another holds the rows
 * BELOW; for text running downwards (turn 90) the page printed below is the strip to the right, and the rows of
 * the page printed to the right go ABOVE. So such pages (consecutive, turned the same way) are read in blocks of
 * rows, each block's strips in print order:
 *   - P is the next strip of the block when it has the same rows as the block's last strip E (sameRows), E was cut
 *     where printing ran out of paper (E's table plus P's column beside it would not have fitted: margins taken
 *     as symmetric, a few points of slack for LibreOffice's own rounding), the page on the right has no number
 *     label of its own and P's first column does not repeat one already in the block;
 *   - P starts the next block when it has the column edges of the strip it continues in the first block, the
 *     block before was cut at the margin (its rows plus P's first row would not have fitted), and the upper of
 *     the two blocks holds the title: the lower one has none;
 *   - a later block's further strips have the column edges of the first block's strip in that place.
 * Each block becomes one page (its strips side by side, upright left to right); the blocks follow one another
 * top to bottom, each after the first marked `below` (./read puts it under the one before).
 */
import { charUnits, layoutPage, type PageGrid } from './layout';
import type { PdfPageText, PdfTextItem, RuleLines } from './text';
import { pushAll } from './extremes';

/** A page as laid out: one printed page, or a row of strips put side by side (`pages`: left to right). */
export interface JoinedPage extends PdfPageText {
  pages: number[];
  /** The rows of a sideways table printed on the pages after the block above (see the file comment). */
  below?: boolean;
  /**
   * A further row of pages of a table printed in strips (the next page of its left strip with the strips beside
   * it): the rows under the row of pages before it, though strips at its right may be left out (a strip page that
   * would be blank is not printed: the sheet's last row holds nothing in the right-most columns), so it may have
   * fewer columns than the rows above.
   */
  under?: boolean;
}

/** The direction each page's text ran in as printed (./orientation), by page number; pages read as printed are absent. */
export type PageTurns = ReadonlyMap<number, number>;

function distinct(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1] > 1) out.push(v);
  return out;
}

interface Shape {
  page: PdfPageText;
  xs: number[];
  ys: number[];
  grid: PageGrid;
}

function shape(page: PdfPageText): Shape {
  return { page, xs: distinct(page.rules.v.map((v) => v.x)), ys: distinct(page.rules.h.map((h) => h.y)), grid: layoutPage(page) };
}

const near = (a: number, b: number) => Math.abs(a - b) <= 1;

/**
 * The same rows: same top and bottom edge, every edge of the one with fewer found in the other (and no more than a
 * few more edges in the other, unless the one with fewer has many).
 */
export function sameRows(a: Shape, b: Shape): boolean {
  if (a.xs.length < 2 || b.xs.length < 2 || a.ys.length < 2 || b.ys.length < 2) return false;
  // many edges each found in the other are evidence enough: a strip whose rows merge over all its columns draws
  // fewer of them than the strip beside it (a form's 项目资金 head over its funds' rows; a merged cell going on over
  // the page's foot leaves out the edge there, or the strip's rows at the foot draw none), when its rows are of
  // several heights (rows fitted to their text): rows of one height share their edges with any table's
  if (Math.min(a.ys.length, b.ys.length) >= 8 && rowsWithin(a, b) && rowHeights(a.ys.length <= b.ys.length ? a : b) >= 3) return true;
  if (!near(a.ys[0], b.ys[0]) || !near(a.ys[a.ys.length - 1], b.ys[b.ys.length - 1])) return false;
  const [few, many] = a.ys.length <= b.ys.length ? [a.ys, b.ys] : [b.ys, a.ys];
  if (many.length - few.length > Math.max(2, 0.1 * many.length)) return false;
  return few.every((y) => many.some((m) => near(m, y)));
}

/** How many row heights a page's rows have (to the point). */
function rowHeights(a: Shape): number {
  return new Set(a.ys.slice(1).map((y, i) => Math.round(y - a.ys[i]))).size;
}

/** Every row edge of the one with fewer is found in the other. */
function rowsWithin(a: Shape, b: Shape): boolean {
  const [few, many] = a.ys.length <= b.ys.length ? [a.ys, b.ys] : [b.ys, a.ys];
  return few.length >= 2 && few.every((y) => many.some((m) => near(m, y)));
}

/** L's table plus P's first column would not have fitted between L's margins. */
function cutAtMargin(left: Shape, p: Shape): boolean {
  const margin = left.xs[0];
  const firstCol = p.xs[1] - p.xs[0];
  return left.xs[left.xs.length - 1] + firstCol > left.page.width - margin + 1;
}

const NUMERIC = /^[-+（(]?[\d,，.．]+[)）%]?$|^[-—－]*$/;

/** Per grid, what the tests below read of it: asked again for every candidate page of a long run (see longRun). */
const memo = new WeakMap<PageGrid, { first?: string[]; firstSet?: Set<string>; numbered?: boolean; whole?: string[] }>();
function memoOf(grid: PageGrid) {
  let m = memo.get(grid);
  if (!m) memo.set(grid, (m = {}));
  return m;
}

function firstColumn(grid: PageGrid): string[] {
  const m = memoOf(grid);
  return (m.first ??= grid.cells.filter((c) => c.col === 1 && !NUMERIC.test(c.text.trim())).map((c) => c.text));
}

/** P's first column repeats the first column of one of the pages already in its row. */
function repeatsFirstColumn(row: Shape[], p: Shape): boolean {
  const own = firstColumn(p.grid);
  if (own.length < 2) return false;
  return row.some((s) => {
    const m = memoOf(s.grid);
    const theirs = (m.firstSet ??= new Set(firstColumn(s.grid)));
    return own.filter((t) => theirs.has(t)).length >= 0.6 * own.length;
  });
}

interface Unit {
  /** The left strip, top to bottom. */
  base: Shape[];
  /** Further strips, left to right; each aligned with `base` (undefined: a page left out). */
  strips: (Shape | undefined)[][];
}

/** The page left of strip `s` (0-based among `strips`) in row j. */
function leftOf(u: Unit, s: number, j: number): Shape {
  for (let k = s - 1; k >= 0; k--) {
    const p = u.strips[k][j];
    if (p) return p;
  }
  return u.base[j];
}

function rowOf(u: Unit, j: number): Shape[] {
  return [u.base[j], ...u.strips.map((s) => s[j]).filter((p): p is Shape => !!p)];
}

/** The page starts a table of its own: its number label (预算公开表8, 部门公开表8) is printed top left. */
function numbered(grid: PageGrid): boolean {
  const m = memoOf(grid);
  return (m.numbered ??= grid.cells.some((c) => c.row <= 2 && c.col === 1 && /^.{0,8}公开表\s*\d+$/.test(c.text.trim())));
}

function isStrip(u: Unit, s: number, j: number, p: Shape, rowsChecked = false): boolean {
  const left = leftOf(u, s, j);
  // strips are printed on one paper size; a PDF of one page per sheet (sized to the sheet) has no strips
  if (numbered(p.grid) || !near(p.page.width, left.page.width) || !near(p.page.height, left.page.height)) return false;
  // (one row alike is no evidence: a page holding one tall row only, with the left page's very column edges, is
  // the next page down its strip — consecutive pages of one tall cell of text — not the columns beside it)
  const oneRowAlike = left.ys.length <= 2 && sameCols(left, p);
  return (rowsChecked || sameRows(left, p)) && !oneRowAlike && cutAtMargin(left, p) && !newTitle(left, p) && !repeatsFirstColumn(rowOf(u, j), p);
}

/**
 * The cells holding a title (…表) in a grid's first rows (not the 单位 line). A text naming a 表 beside a label on
 * its left (a form's 保证项目实施的制度、措施 | 根据……补助标准审批表执行, its last rows at a page's head) is a cell's
 * content, not a title: a title has no label before it on its row (a number label 预算公开表1 may be).
 */
export function titleCells(grid: PageGrid): PageGrid['cells'] {
  const labelled = (c: PageGrid['cells'][number]) => grid.cells.some((d) => d.row === c.row && d.col < c.col && d.text.trim() !== '' && !/表/.test(d.text));
  return grid.cells.filter((c) => c.row <= 3 && c.text.length >= 5 && /表/.test(c.text) && !/^单位/.test(c.text) && !labelled(c));
}

/** The titles (…表) printed in a grid's first rows. */
function titles(grid: PageGrid): string[] {
  return titleCells(grid).map((c) => c.text.trim());
}

/** A grid has a title of its own in its first rows (…表). */
const hasTitle = (grid: PageGrid) => titles(grid).length > 0;

/** The titles printed whole on a page (a title centred over a sheet printed in strips runs off the page it is cut at). */
function wholeTitles(s: Shape): string[] {
  const m = memoOf(s.grid);
  if (m.whole) return m.whole;
  const w = s.page.width;
  // a number label (预算公开表1) is not a title
  const whole = s.grid.cells.filter((c) => c.x >= 0 && c.x + c.width <= w && !/公开表\s*\d+$/.test(c.text.trim()));
  return (m.whole = titles({ ...s.grid, cells: whole }));
}

/**
 * L and P each print a whole title, P's not L's: P is the first page of another table, not a strip (a strip
 * repeats L's title rows, or has none, or holds the title centred over the whole sheet when L has none).
 */
function newTitle(left: Shape, p: Shape): boolean {
  const own = wholeTitles(left);
  return own.length > 0 && wholeTitles(p).some((t) => !own.includes(t));
}

/**
 * A long run of left pages (a sheet of forms stacked one under another, each form with its title, printed over
 * tens of pages): the run is the one whose pages the strip pages from `p` on (`ahead[0]` is p) go with, each in
 * turn the strip of a later page of the run. Forms of one layout repeat their rows, so several runs may take p;
 * the one most of whose pages get their strip is the sheet (its length is the number of strip pages printed
 * after it, or more when strip pages that would be blank are left out and the strip pages go with its pages to
 * its last one), the nearer one on a tie.
 */
function longRun(units: (Unit | SidewaysUnit)[], ahead: Shape[]): number | undefined {
  const p = ahead[0];
  if (numbered(p.grid)) return undefined;
  let best: { at: number; matched: number } | undefined;
  const last = units.length ? (units[units.length - 1] as Unit).base[0] : undefined;
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i];
    if ('turn' in u || u.strips.length > 0 || u.base.length !== 1) break;
    // the run's pages have the column edges of its last page
    if (!sameCols(u.base[0], last!)) break;
    // cheap tests first: this is tried for every page of a long table that is not a strip
    if (!sameRows(u.base[0], p) || !cutAtMargin(u.base[0], p)) continue;
    const base = units.slice(i).map((r) => (r as Unit).base[0]);
    const merged: Unit = { base, strips: [] };
    if (!isStrip(merged, 0, 0, p)) continue;
    let j = 1;
    let matched = 1;
    for (const q of ahead.slice(1)) {
      while (j < base.length && !isStrip(merged, 0, j, q)) j++;
      if (j >= base.length) break;
      matched++;
      j++;
    }
    // the strip pages go with the run's pages to its last one (j past it): the run's pages without a strip page
    // are those whose strip would be blank, not printed (a tall cell of text only: 31 of 119 in 002-variant, 61 of
    // 112 in 003-variant, fitted on A4)
    const toEnd = j === base.length && matched >= 3 && matched >= 0.25 * base.length;
    if (matched >= 2 && (matched >= 0.8 * base.length || toEnd) && (!best || matched > best.matched)) best = { at: i, matched };
  }
  return best?.at;
}

function place(u: Unit, p: Shape, units: (Unit | SidewaysUnit)[], ahead: Shape[]): boolean {
  // the current strip goes on
  const s = u.strips.length - 1;
  if (s >= 0) {
    const strip = u.strips[s];
    for (let j = strip.length; j < u.base.length; j++) {
      if (isStrip(u, s, j, p)) {
        while (strip.length < j) strip.push(undefined);
        strip.push(p);
        return true;
      }
    }
    // the strip's next page beside the left strip's next page: in that place its few row edges need only be among
    // the left page's (a merged cell over the page's head leaves out the edge there: 72 on the left, 54 beside it)
    const j = strip.length;
    if (j > 0 && strip[j - 1] && j < u.base.length && rowsWithin(leftOf(u, s, j), p) && isStrip(u, s, j, p, true)) {
      strip.push(p);
      return true;
    }
    // a further strip
    if (isStrip(u, s + 1, 0, p)) {
      u.strips.push([p]);
      return true;
    }
    return false;
  }
  // the first strip of a run of left pages ending here
  for (let i = units.length - 1; i >= Math.max(0, units.length - 12); i--) {
    const slice = units.slice(i);
    if (slice.some((r) => 'turn' in r || r.strips.length > 0)) break;
    const run = slice as Unit[];
    const base = run.flatMap((r) => r.base);
    const top = base[0];
    const below = base.slice(1);
    if (below.some((b) => hasTitle(b.grid) || !sameEdges(b, top))) continue;
    const merged: Unit = { base, strips: [] };
    if (isStrip(merged, 0, 0, p)) {
      merged.strips.push([p]);
      units.splice(i, run.length, merged);
      return true;
    }
  }
  const at = longRun(units, ahead);
  if (at === undefined) return false;
  const merged: Unit = { base: units.slice(at).map((r) => (r as Unit).base[0]), strips: [[p]] };
  units.splice(at, units.length - at, merged);
  return true;
}

function moved(items: PdfTextItem[], page: number, dx: number): PdfTextItem[] {
  return items.map((it) => ({ ...it, x: it.x + dx, page, dx }));
}

function movedRules(rules: RuleLines, dx: number): RuleLines {
  return { h: rules.h.map((h) => ({ ...h, x1: h.x1 + dx, x2: h.x2 + dx })), v: rules.v.map((v) => ({ ...v, x: v.x + dx })) };
}

/**
 * The part of each item printed between `from` and `to` (its own page's coordinates): an item across either edge
 * keeps the characters whose middle is inside (their widths taken in proportion, a CJK character two units, any
 * other one); one wholly outside is left out.
 */
export function clipItems(items: PdfTextItem[], from: number, to: number): PdfTextItem[] {
  const out: PdfTextItem[] = [];
  for (const it of items) {
    if (it.x >= from - 0.01 && it.x + it.width <= to + 0.01) {
      out.push(it);
      continue;
    }
    const chars = [...it.str];
    const total = chars.reduce((n, ch) => n + charUnits(ch), 0);
    if (!total || it.width <= 0) continue;
    let at = it.x;
    let start: number | undefined;
    let end = at;
    let kept = '';
    for (const ch of chars) {
      const w = (it.width * charUnits(ch)) / total;
      const mid = at + w / 2;
      if (mid >= from && mid < to) {
        start ??= at;
        end = at + w;
        kept += ch;
      }
      at += w;
    }
    if (start !== undefined && kept.trim()) out.push({ ...it, str: kept, x: start, width: end - start, ...(start > it.x + 0.01 ? { spaceBefore: false, cutLeft: true as const } : {}) });
  }
  return out;
}

/**
 * One row of pages put side by side: each strip moved right so its left edge sits on the right edge before it.
 * A text across the cut (a merged cell, a title or a long text over the columns of both strips) is printed on
 * both pages, each drawing it whole where it would be on the sheet: past the left page's last rule into its
 * margin (up to the paper's edge), and from before the right page's first rule: where the page beside prints it
 * too, each page keeps only its own columns' part (clipItems), and the text is read once. A text run on past its
 * cell's edge that the page beside does not print (clipped at a filled neighbour's edge, its glyphs there drawn
 * but not shown) is kept whole, as on a page of its own.
 */
function sideBySide(row: Shape[]): JoinedPage {
  const [first, ...rest] = row;
  if (!rest.length) return { ...first.page, pages: [first.page.page] };
  // each strip: its items, how far it moves, and its own columns (its page's coordinates)
  const parts: { s: Shape; dx: number; from: number; to: number }[] = [{ s: first, dx: 0, from: -Infinity, to: first.xs[first.xs.length - 1] }];
  let right = first.xs[first.xs.length - 1];
  for (const s of rest) {
    const dx = right - s.xs[0];
    parts.push({ s, dx, from: s.xs[0], to: s.xs[s.xs.length - 1] });
    right = s.xs[s.xs.length - 1] + dx;
  }
  parts[parts.length - 1].to = Infinity;
  // the page beside prints the same text on this item's baseline between a and b (joined coordinates; `part`: the
  // item's own characters there) — not a text of its own there (the filled neighbour a long text is clipped at)
  const printed = (other: (typeof parts)[number] | undefined, it: PdfTextItem, a: number, b: number, part: string) => {
    if (!other || b - a <= 0.5 || !part.trim()) return false;
    const there = other.s.page.items
      .filter((q) => Math.abs(q.y - it.y) < 0.35 * it.height && q.x + other.dx < b && q.x + q.width + other.dx > a)
      .sort((x, y) => x.x - y.x)
      .map((q) => q.str)
      .join('')
      .replace(/\s+/g, '');
    const own = part.replace(/\s+/g, '');
    return there.length > 0 && (there.includes(own.slice(0, 2)) || own.includes(there.slice(0, 2)));
  };
  const items: PdfTextItem[] = [];
  const rules: RuleLines = { h: [...first.page.rules.h], v: [...first.page.rules.v] };
  let width = first.page.width;
  parts.forEach((part, k) => {
    const { s, dx, from, to } = part;
    const own = s.page.items.flatMap((it) => {
      const end = it.x + it.width;
      const past = end > to + 0.01 ? (clipItems([it], to, Infinity)[0]?.str ?? '') : '';
      const before = it.x < from - 0.01 ? (clipItems([it], -Infinity, from)[0]?.str ?? '') : '';
      const hi = past && printed(parts[k + 1], it, to + dx, end + dx, past) ? to : Infinity;
      const lo = before && printed(parts[k - 1], it, it.x + dx, from + dx, before) ? from : -Infinity;
      return hi === Infinity && lo === -Infinity ? [it] : clipItems([it], lo, hi);
    });
    pushAll(items, moved(own, s.page.page, dx));
    if (k > 0) {
      const r = movedRules(s.page.rules, dx);
      pushAll(rules.h, r.h);
      pushAll(rules.v, r.v);
      width = Math.max(width, s.page.width + dx);
    }
  });
  return { ...first.page, width, items, rules, hasImage: row.some((s) => s.page.hasImage), pages: row.map((s) => s.page.page) };
}

/**
 * The rows of pages of one table printed in strips share their column edges, though a row of pages whose rows
 * merge columns draws fewer of them (a form's head merged over its columns, its indicator grid on the pages below
 * not): each gets the edges it lacks as rules of no length at its top, drawn across none of its rows, so its
 * columns are those of the rows of pages around it (its merged cells spanning them) and ./read puts them under
 * one another.
 */
function withEdges(page: JoinedPage, edges: number[]): JoinedPage {
  const own = page.rules.v.map((v) => v.x);
  const lacking = edges.filter((x) => !own.some((o) => near(o, x)));
  if (!lacking.length || !page.rules.h.length) return page;
  const top = Math.min(...page.rules.h.map((h) => h.y));
  return { ...page, rules: { h: page.rules.h, v: [...page.rules.v, ...lacking.map((x) => ({ x, y1: top, y2: top }))] } };
}

/** Points of slack in a sideways page's cut: LibreOffice breaks a page a little before the margin. */
const SLACK = 3;

type Sideways = 90 | 270;

interface SidewaysUnit {
  turn: Sideways;
  /** Blocks of rows in print order, each its strips in print order (undefined: a page left out, being blank). */
  blocks: (Shape | undefined)[][];
}

/**
 * The same outer edges (left and right): the pages of one strip, whose inner column edges differ where one page's
 * rows merge columns that the other's rows draw (a form's head merged over its columns, its indicator grid not).
 */
const sameEdges = (a: Shape, b: Shape) => a.xs.length >= 2 && b.xs.length >= 2 && near(a.xs[0], b.xs[0]) && near(a.xs[a.xs.length - 1], b.xs[b.xs.length - 1]);
const sameCols = (a: Shape, b: Shape) => a.xs.length >= 2 && a.xs.length === b.xs.length && a.xs.every((x, k) => near(x, b.xs[k]));
const defined = (row: (Shape | undefined)[]) => row.filter((s): s is Shape => !!s);
/** A block's strips upright left to right. */
const uprightRow = (turn: Sideways, row: (Shape | undefined)[]) => (turn === 270 ? defined(row).reverse() : defined(row));

/** P is the strip printed after E in one block of rows (see the file comment). */
function nextSidewaysStrip(turn: Sideways, block: (Shape | undefined)[], e: Shape, p: Shape): boolean {
  if (!near(p.page.width, e.page.width) || !near(p.page.height, e.page.height) || !sameRows(e, p)) return false;
  if (p.xs.length < 2 || e.xs.length < 2) return false;
  // the page on the right has no number label (预算公开表8) of its own
  if (numbered((turn === 270 ? e : p).grid)) return false;
  const w = e.page.width;
  // printing starts at the upright right edge for 270 (the sheet's top), at the left edge for 90
  const cut =
    turn === 270
      ? e.xs[0] - (p.xs[p.xs.length - 1] - p.xs[p.xs.length - 2]) < w - e.xs[e.xs.length - 1] + SLACK
      : e.xs[e.xs.length - 1] + (p.xs[1] - p.xs[0]) > w - e.xs[0] - SLACK;
  return cut && !repeatsFirstColumn(defined(block), p);
}

/** P starts the next block of rows after the unit's last block (see the file comment). */
function nextSidewaysBlock(u: SidewaysUnit, p: Shape): number | undefined {
  const last = defined(u.blocks[u.blocks.length - 1]);
  const e = last[0];
  if (!e || p.ys.length < 2 || !near(p.page.width, e.page.width) || !near(p.page.height, e.page.height)) return undefined;
  const h = e.page.height;
  // 270: the new block goes below, starting at the top margin; 90: above, starting at the bottom margin
  const cut =
    u.turn === 270
      ? e.ys[e.ys.length - 1] + (p.ys[1] - p.ys[0]) > h - p.ys[0] - SLACK
      : e.ys[0] - (p.ys[p.ys.length - 1] - p.ys[p.ys.length - 2]) < h - p.ys[p.ys.length - 1] + SLACK;
  if (!cut) return undefined;
  const lower = u.turn === 270 ? [p] : last;
  if (lower.some((s) => hasTitle(s.grid) || numbered(s.grid))) return undefined;
  const first = u.blocks[0];
  const at = first.findIndex((s) => s && sameCols(s, p));
  return at < 0 ? undefined : at;
}

function placeSideways(u: SidewaysUnit, p: Shape): boolean {
  const block = u.blocks[u.blocks.length - 1];
  const e = defined(block).pop()!;
  if (u.blocks.length === 1) {
    if (nextSidewaysStrip(u.turn, block, e, p)) {
      block.push(p);
      return true;
    }
  } else {
    const first = u.blocks[0];
    for (let j = block.length; j < first.length; j++) {
      const f = first[j];
      if (f && sameCols(f, p) && sameRows(e, p)) {
        while (block.length < j) block.push(undefined);
        block.push(p);
        return true;
      }
    }
  }
  const at = nextSidewaysBlock(u, p);
  if (at === undefined) return false;
  u.blocks.push([...Array<undefined>(at).fill(undefined), p]);
  return true;
}

/** The pages with text, strips of one table put side by side (see the file comment), in reading order. */
export function joinStrips(pages: PdfPageText[], turns: PageTurns = new Map()): JoinedPage[] {
  const units: (Unit | SidewaysUnit)[] = [];
  const shapes = pages.map(shape);
  for (const [k, page] of pages.entries()) {
    const p = shapes[k];
    const last = units[units.length - 1];
    const turn = turns.get(page.page);
    if (turn === 90 || turn === 270) {
      if (last && 'turn' in last && last.turn === turn && placeSideways(last, p)) continue;
      units.push({ turn, blocks: [[p]] });
      continue;
    }
    if (last && !('turn' in last) && place(last, p, units, shapes.slice(k))) continue;
    units.push({ base: [p], strips: [] });
  }
  return units.flatMap((u): JoinedPage[] => {
    if (!('turn' in u)) {
      const rows = u.base.map((_, j) => sideBySide(rowOf(u, j)));
      const edges = u.base.length > 1 && u.strips.length > 0 ? distinct(rows.flatMap((r) => r.rules.v.map((v) => v.x))) : [];
      return u.base.map((_, j) => {
        const joined = withEdges(rows[j], edges);
        // only strips at the right left out: its columns are the first ones of the rows above
        const present = u.strips.map((st) => !!st[j]);
        const trailing = present.every((x, k) => x || present.slice(k).every((y) => !y));
        return j > 0 && u.strips.length > 0 && trailing ? { ...joined, under: true } : joined;
      });
    }
    const blocks = u.turn === 270 ? u.blocks : [...u.blocks].reverse();
    return blocks.map((b, i) => {
      const joined = sideBySide(uprightRow(u.turn, b));
      return i > 0 ? { ...joined, below: true } : joined;
    });
  });
}

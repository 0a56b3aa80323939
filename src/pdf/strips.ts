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
 * first page and the strip have the same column edges and no title of their own.
 */
import { layoutPage, type PageGrid } from './layout';
import type { PdfPageText, PdfTextItem, RuleLines } from './text';

/** A page as laid out: one printed page, or a row of strips put side by side (`pages`: left to right). */
export interface JoinedPage extends PdfPageText {
  pages: number[];
}

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

/** The same rows: same top and bottom edge, every edge of the one with fewer found in the other. */
export function sameRows(a: Shape, b: Shape): boolean {
  if (a.xs.length < 2 || b.xs.length < 2 || a.ys.length < 2 || b.ys.length < 2) return false;
  if (!near(a.ys[0], b.ys[0]) || !near(a.ys[a.ys.length - 1], b.ys[b.ys.length - 1])) return false;
  const [few, many] = a.ys.length <= b.ys.length ? [a.ys, b.ys] : [b.ys, a.ys];
  if (many.length - few.length > Math.max(2, 0.1 * many.length)) return false;
  return few.every((y) => many.some((m) => near(m, y)));
}

/** L's table plus P's first column would not have fitted between L's margins. */
function cutAtMargin(left: Shape, p: Shape): boolean {
  const margin = left.xs[0];
  const firstCol = p.xs[1] - p.xs[0];
  return left.xs[left.xs.length - 1] + firstCol > left.page.width - margin + 1;
}

const NUMERIC = /^[-+（(]?[\d,，.．]+[)）%]?$|^[-—－]*$/;

function firstColumn(grid: PageGrid): string[] {
  return grid.cells.filter((c) => c.col === 1 && !NUMERIC.test(c.text.trim())).map((c) => c.text);
}

/** P's first column repeats the first column of one of the pages already in its row. */
function repeatsFirstColumn(row: Shape[], p: Shape): boolean {
  const own = firstColumn(p.grid);
  if (own.length < 2) return false;
  return row.some((s) => {
    const theirs = new Set(firstColumn(s.grid));
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
  return grid.cells.some((c) => c.row <= 2 && c.col === 1 && /^.{0,8}公开表\s*\d+$/.test(c.text.trim()));
}

function isStrip(u: Unit, s: number, j: number, p: Shape): boolean {
  const left = leftOf(u, s, j);
  // strips are printed on one paper size; a PDF of one page per sheet (sized to the sheet) has no strips
  if (numbered(p.grid) || !near(p.page.width, left.page.width) || !near(p.page.height, left.page.height)) return false;
  return sameRows(left, p) && cutAtMargin(left, p) && !repeatsFirstColumn(rowOf(u, j), p);
}

/** A grid has a title of its own in its first rows (…表). */
function hasTitle(grid: PageGrid): boolean {
  return grid.cells.some((c) => c.row <= 3 && c.text.length >= 5 && /表/.test(c.text) && !/^单位/.test(c.text));
}

function place(u: Unit, p: Shape, units: Unit[]): boolean {
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
    // a further strip
    if (isStrip(u, s + 1, 0, p)) {
      u.strips.push([p]);
      return true;
    }
    return false;
  }
  // the first strip of a run of left pages ending here
  for (let i = units.length - 1; i >= Math.max(0, units.length - 12); i--) {
    const run = units.slice(i);
    if (run.some((r) => r.strips.length > 0)) break;
    const base = run.flatMap((r) => r.base);
    const top = base[0];
    const below = base.slice(1);
    if (below.some((b) => hasTitle(b.grid) || b.xs.length !== top.xs.length || b.xs.some((x, k) => !near(x, top.xs[k])))) continue;
    const merged: Unit = { base, strips: [] };
    if (isStrip(merged, 0, 0, p)) {
      merged.strips.push([p]);
      units.splice(i, run.length, merged);
      return true;
    }
  }
  return false;
}

function moved(items: PdfTextItem[], page: number, dx: number): PdfTextItem[] {
  return items.map((it) => ({ ...it, x: it.x + dx, page, dx }));
}

function movedRules(rules: RuleLines, dx: number): RuleLines {
  return { h: rules.h.map((h) => ({ ...h, x1: h.x1 + dx, x2: h.x2 + dx })), v: rules.v.map((v) => ({ ...v, x: v.x + dx })) };
}

/** One row of pages put side by side: each strip moved right so its left edge sits on the right edge before it. */
function sideBySide(row: Shape[]): JoinedPage {
  const [first, ...rest] = row;
  if (!rest.length) return { ...first.page, pages: [first.page.page] };
  const items = moved(first.page.items, first.page.page, 0);
  const rules: RuleLines = { h: [...first.page.rules.h], v: [...first.page.rules.v] };
  let right = first.xs[first.xs.length - 1];
  let width = first.page.width;
  for (const s of rest) {
    const dx = right - s.xs[0];
    items.push(...moved(s.page.items, s.page.page, dx));
    const r = movedRules(s.page.rules, dx);
    rules.h.push(...r.h);
    rules.v.push(...r.v);
    right = s.xs[s.xs.length - 1] + dx;
    width = Math.max(width, s.page.width + dx);
  }
  return { ...first.page, width, items, rules, hasImage: row.some((s) => s.page.hasImage), pages: row.map((s) => s.page.page) };
}

/** The pages with text, strips of one table put side by side (see the file comment), in reading order. */
export function joinStrips(pages: PdfPageText[]): JoinedPage[] {
  const units: Unit[] = [];
  for (const page of pages) {
    const p = shape(page);
    const last = units[units.length - 1];
    if (last && place(last, p, units)) continue;
    units.push({ base: [p], strips: [] });
  }
  return units.flatMap((u) => u.base.map((_, j) => sideBySide(rowOf(u, j))));
}

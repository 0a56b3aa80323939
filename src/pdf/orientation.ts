/**
 * Pages whose text does not run left to right (pure; tests feed it pages directly).
 *
 * A landscape page (a wide MediaBox) and a page with /Rotate are read upright already: ./pdfjs places the items
 * with pdf.js's viewport, which applies the page's rotation. What is left is text rotated on the page itself: a
 * table printed sideways on a portrait page (cells whose text runs upwards, as LibreOffice prints a sheet with
 * 90° cell rotation, or Word a table in a rotated text direction), a stamp, a side note. Each item carries the
 * direction its baseline runs on the page (`turn`: 90 downwards, 180 upside down, 270 upwards; none: left to
 * right).
 *
 * Per page, the direction most of its text runs in (counted in characters) is the page's reading direction:
 *   - the page is turned so that this direction runs left to right, the items and ruling lines with it (a table
 *     printed sideways is then read like any other: its first row is at the page's left edge for text running
 *     upwards, at its right edge for text running downwards), and the boxes of the cells found are turned back
 *     (`toPage`) so a finding points at the figure where it is printed;
 *   - the items running in another direction are left out of the page (a stamp, a side note, a page number
 *     printed upright beside a sideways table). When they hold amounts, the page is named (`unreadRotated`):
 *     INPUT.pdf_rotated_text (./check), and no error is claimed from the tables on that page.
 */
import type { PdfPageText, PdfTextItem, RuleLines } from './text';

export type Turn = 0 | 90 | 180 | 270;

/** The direction of a baseline (dx, dy: along it, in page coordinates, y downwards), to the nearest quarter turn. */
export function textTurn(dx: number, dy: number): Exclude<Turn, 0> | undefined {
  if (Math.abs(dy) > Math.abs(dx)) return dy > 0 ? 90 : 270;
  if (dx < 0) return 180;
  return undefined;
}

const AMOUNT = /^[-（(]?[\d,]+\.\d+[)）]?$/;

export interface UprightPage {
  page: PdfPageText;
  /** The direction the page's text runs in as printed (0: left to right, the page is unchanged). */
  turn: Turn;
  /** Items left out because they run in another direction than the page's text. */
  dropped: PdfTextItem[];
}

type Point = [number, number];

/** A point of the page as printed (width w, height h) → the page turned so that text running `turn` reads left to right. */
function turnPoint(turn: Turn, w: number, h: number, [x, y]: Point): Point {
  switch (turn) {
    case 90: return [y, w - x];
    case 270: return [h - y, x];
    case 180: return [w - x, h - y];
    default: return [x, y];
  }
}

/** The inverse of turnPoint: a point of the turned page (the page as printed: w × h) → the page as printed. */
function unturnPoint(turn: Turn, w: number, h: number, [x, y]: Point): Point {
  switch (turn) {
    case 90: return [w - y, x];
    case 270: return [y, h - x];
    case 180: return [w - x, h - y];
    default: return [x, y];
  }
}

function turnRules(turn: Turn, w: number, h: number, rules: RuleLines): RuleLines {
  const out: RuleLines = { h: [], v: [] };
  const add = (a: Point, b: Point) => {
    const [x1, y1] = turnPoint(turn, w, h, a);
    const [x2, y2] = turnPoint(turn, w, h, b);
    if (Math.abs(y1 - y2) <= Math.abs(x1 - x2)) out.h.push({ y: (y1 + y2) / 2, x1: Math.min(x1, x2), x2: Math.max(x1, x2) });
    else out.v.push({ x: (x1 + x2) / 2, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
  };
  for (const l of rules.h) add([l.x1, l.y], [l.x2, l.y]);
  for (const l of rules.v) add([l.x, l.y1], [l.x, l.y2]);
  return out;
}

/** The page turned so that most of its text reads left to right (see the file comment). */
export function uprightPage(page: PdfPageText): UprightPage {
  const chars = new Map<Turn, number>();
  for (const it of page.items) chars.set(it.turn ?? 0, (chars.get(it.turn ?? 0) ?? 0) + it.str.length);
  let turn: Turn = 0;
  for (const [t, n] of chars) if (n > (chars.get(turn) ?? 0)) turn = t;
  const kept = page.items.filter((it) => (it.turn ?? 0) === turn);
  const dropped = page.items.filter((it) => (it.turn ?? 0) !== turn);
  if (turn === 0) return { page: dropped.length ? { ...page, items: kept } : page, turn, dropped };
  const { width: w, height: h } = page;
  const items = kept.map((it): PdfTextItem => {
    const [x, y] = turnPoint(turn, w, h, [it.x, it.y]);
    const out: PdfTextItem = { ...it, x, y };
    delete out.turn;
    return out;
  });
  const [width, height] = turn === 180 ? [w, h] : [h, w];
  return { page: { ...page, width, height, items, rules: turnRules(turn, w, h, page.rules) }, turn, dropped };
}

/** A box on the turned page (x, y: top left) → the same box on the page as printed (of width w, height h). */
export function toPage<B extends { x: number; y: number; width: number; height: number }>(turn: Turn, w: number, h: number, box: B): B {
  if (turn === 0) return box;
  const a = unturnPoint(turn, w, h, [box.x, box.y]);
  const b = unturnPoint(turn, w, h, [box.x + box.width, box.y + box.height]);
  return { ...box, x: Math.min(a[0], b[0]), y: Math.min(a[1], b[1]), width: Math.abs(a[0] - b[0]), height: Math.abs(a[1] - b[1]) };
}

/** The pages holding amounts in text that runs another way than the page's (left out: see the file comment). */
export function unreadRotated(pages: UprightPage[]): { page: number; amounts: number }[] {
  const out: { page: number; amounts: number }[] = [];
  for (const p of pages) {
    const amounts = p.dropped.filter((it) => AMOUNT.test(it.str.trim())).length;
    if (amounts) out.push({ page: p.page.page, amounts });
  }
  return out;
}

export type TurnedPages = Map<number, { turn: Turn; width: number; height: number }>;

/** Per page turned upright: the direction of its text, and the page's size as printed (for toPage). */
export function turnedPages(pages: UprightPage[]): TurnedPages {
  const out: TurnedPages = new Map();
  for (const p of pages) {
    if (p.turn === 0) continue;
    const [width, height] = p.turn === 180 ? [p.page.width, p.page.height] : [p.page.height, p.page.width];
    out.set(p.page.page, { turn: p.turn, width, height });
  }
  return out;
}

/** A cell's box on its page (as read, maybe turned upright) → where it is printed. */
export function onPrintedPage<B extends { page: number; x: number; y: number; width: number; height: number }>(turned: TurnedPages, box: B): B {
  const t = turned.get(box.page);
  return t ? toPage(t.turn, t.width, t.height, box) : box;
}

export const ROTATED_TEXT_RULE = 'INPUT.pdf_rotated_text';

/**
 * A PDF (a published disclosure) → the same WorkbookSnapshot the recognisers read: one pseudo-sheet per page
 * with text, cells at the grid reconstructed by ./layout (rows and columns of that page, 1-based), and beside it
 * where every cell sits on its page, so a finding can say where to look.
 *
 * Pages are read with pdf.js (./text: the CLI loads it in Node, ./pdfjs readPdfBuffer; the web page in the
 * browser, src/web/pdf); from there on the read is the same code everywhere (readPdfPages, pure). A page without a text layer that paints an image is a scanned page: it
 * has no pseudo-sheet and is listed in `scannedPages` (src/pdf/check.ts reports it); a page without text or image
 * is blank and skipped. A table that runs on over the next page (that page has no title of its own and either
 * repeats the header row or goes on with data rows) is joined to it: one pseudo-sheet `第4-5页`. A wide table
 * printed in strips side by side (./strips) is put back together first: `第3-6页` for two rows of two strips; a
 * sideways table cut across pages likewise, its blocks of rows marked by ./strips as continuing (`below`).
 * Every cell keeps the page it is printed on and its box there, and the cells whose printed text may not be
 * their whole text are listed (./layout PlacedCell.uncertain; src/pdf/check.ts reports them). A page of prose is
 * the pseudo-sheet `第25页 情况说明`: the recognisers read a sheet so named as the narrative.
 */
import type { CellSnapshot, SheetSnapshot, WorkbookSnapshot } from '../model/snapshot';
import { emptySheet, getCell, setCell } from '../model/snapshot';
import { a1 } from '../model/address';
import { layoutPage, type PageGrid, type UncertainWhy } from './layout';
import { PdfTooLargeError, type PdfPageText } from './text';
import { joinStrips, titleCells } from './strips';
import { onPrintedPage, turnedPages, unreadRotated, uprightPage } from './orientation';

export interface PdfCellPosition {
  page: number;
  /** Box in points from the page's top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfRead {
  snapshot: WorkbookSnapshot;
  pageCount: number;
  /** Each page's height as printed, in points (index: page − 1): how far below its last line a page runs on. */
  pageHeights?: number[];
  /** Pages with no text layer but an image (scanned), 1-based. */
  scannedPages: number[];
  /**
   * Per pseudo-sheet: the pages it was read from, per A1 address the cell's place on its page, and the cells whose
   * printed text may not be their whole text (./layout PlacedCell.uncertain: cut off at the cell's edge, or wrapped
   * text spilling over the rows around it).
   */
  /** Pages with amounts in text running another way than the page's text, left unread (./orientation). */
  rotatedPages?: { page: number; amounts: number }[];
  sheets: Map<string, PdfSheetPlaces>;
}

export interface PdfSheetPlaces {
  pages: number[];
  cells: Map<string, PdfCellPosition>;
  uncertain?: Map<string, UncertainWhy>;
  /** Of the `overflow` cells, those whose mixed lines came from or went to one side only (./layout PlacedCell.spill). */
  spill?: Map<string, 'above' | 'below' | 'none'>;
  /** Of the `overflow` cells, those whose printed text is a part of their text, its lines in order (./layout PlacedCell.part). */
  part?: Set<string>;
  /** Further boxes of a cell printed on more than one page (a 情况说明 paragraph broken at a page's foot), in order. */
  more?: Map<string, PdfCellPosition[]>;
  /** Pages of it laid out by text alignment (no rules drawn: ./layout PageGrid.aligned), whose rows and columns are a guess. */
  aligned?: number[];
}

/** The PDF could not be opened (damaged, encrypted, not a PDF): the CLI's exit 2, one Chinese line. */
export class PdfReadError extends Error {
  readonly reason = 'corrupt';
  constructor(readonly file: string, readonly detail?: string, tooLarge?: string) {
    super(tooLarge ? `无法读取文件：${file} ${tooLarge}，可能是异常文件，已拒绝读取` : `无法读取文件：${file} 不是有效的 PDF 文件（可能已损坏或设置了打开密码）`);
    // The name the CLI and batch recognise as "unreadable input" (src/xlsx/errors.ts isUnreadableWorkbookError).
    this.name = 'UnreadableWorkbookError';
  }
}

export { isPdf } from './is-pdf';

/** `第4页`, `第4-5页`; a page of prose `第25页 情况说明` (the recognisers read a sheet so named as the narrative). */
function sheetName(pages: number[], prose: boolean): string {
  const at = pages.length === 1 ? `第${pages[0]}页` : `第${pages[0]}-${pages[pages.length - 1]}页`;
  return prose ? `${at} 情况说明` : at;
}

function rowTexts(grid: PageGrid): string[] {
  const rows: string[][] = [];
  for (const c of grid.cells) (rows[c.row - 1] ??= [])[c.col - 1] = c.text;
  return Array.from({ length: grid.rowCount }, (_, i) => (rows[i] ?? []).map((t) => t ?? '').join('|'));
}

/**
 * The page has a title of its own: one of its first rows holds a table's title (…表, …表（不含上年结转）) and no
 * table row is printed above it. Forms stacked on one sheet (绩效目标表) run on over pages: a page may open with
 * the last rows of one form (two cells or more a row) and then the next form's title; those rows go on.
 */
function hasOwnTitle(grid: PageGrid): boolean {
  const title = titleCells(grid);
  if (!title.length) return false;
  const first = Math.min(...title.map((c) => c.row));
  if (first === 1) return true;
  const above = Array.from({ length: first - 1 }, (_, i) => grid.cells.filter((c) => c.row === i + 1 && c.text !== '').length);
  return !above.every((n) => n >= 2);
}

/**
 * Joins `next` under `prev` when it continues it (same columns, no title, a repeated header or data rows).
 * `under`: `next` is the next row of pages of the table printed in strips that `prev` is a row of (./strips
 * JoinedPage.under), whose right-most strips may be left out: its columns are the first of prev's.
 */
function continues(prev: PageGrid, next: PageGrid, under = false): number | undefined {
  // prose goes on over pages unless a part of its own begins (第四部分 …); its text may name a 表 in its first lines
  if (prev.prose && next.prose) return next.cells.length && !/^第[一二三四五六七八九十\d]+部分/.test(next.cells[0].text) ? 0 : undefined;
  const columns = under ? next.colCount <= prev.colCount : prev.colCount === next.colCount;
  if (!columns || hasOwnTitle(next) || next.cells.length === 0) return undefined;
  const before = rowTexts(prev);
  const after = rowTexts(next);
  // rows of `next` that repeat a row of prev's head (the header printed again on each page) are skipped
  let skip = 0;
  while (skip < after.length && after[skip] !== '' && before.slice(0, 12).includes(after[skip])) skip++;
  return skip;
}

/**
 * `next`'s first paragraph goes on with `prev`'s last: both pages of prose, `prev`'s last paragraph ran to the right
 * margin without closing punctuation (./layout marks it `clipped`) and `next` opens at the margin with no heading
 * (./layout `opensInParagraph`): the same test ./layout applies to two lines on one page.
 */
function runsOver(prev: PageGrid, next: PageGrid): boolean {
  if (!prev.prose || !next.prose || !next.opensInParagraph || !prev.rowCount) return false;
  const last = prev.cells.find((c) => c.row === prev.rowCount);
  return last?.uncertain === 'clipped' || last?.uncertain === 'edge';
}

/**
 * The read of a PDF's bytes with `readText` (pdf.js as loaded where this runs: ./pdfjs in Node, src/web/pdf in
 * the page); what pdf.js cannot open is a PdfReadError.
 */
export async function readPdfWith(readText: (bytes: Uint8Array) => Promise<PdfPageText[]>, bytes: Uint8Array, name: string, displayName: string = name): Promise<PdfRead> {
  let pages: PdfPageText[];
  try {
    pages = await readText(bytes);
  } catch (e) {
    throw pdfReadError(e, displayName);
  }
  return readPdfPages(pages, name);
}

/** What pdf.js threw while opening or reading the PDF, as the reader's error. */
export function pdfReadError(e: unknown, displayName: string): PdfReadError {
  return new PdfReadError(displayName, String(e), e instanceof PdfTooLargeError || (e as Error)?.name === 'PdfTooLargeError' ? (e as Error).message : undefined);
}

/** The pages' text (./text) → the pseudo-sheets and where each cell is. */
export function readPdfPages(textPages: PdfPageText[], name: string): PdfRead {
  // text printed sideways: each page turned so that most of its text reads left to right (./orientation)
  const upright = textPages.map(uprightPage);
  const turned = turnedPages(upright);
  const rotatedPages = unreadRotated(upright);
  const pages = upright.map((u) => u.page);
  const scannedPages = pages.filter((p) => p.items.length === 0 && p.hasImage).map((p) => p.page);
  // joined: the grid's first paragraph goes on with the last paragraph of the page before (a 情况说明 paragraph
  // broken at the foot of a page)
  const groups: { pages: number[]; lastTop: number; grids: { grid: PageGrid; skip: number; joined?: boolean }[] }[] = [];
  const turns = new Map(upright.filter((u) => u.turn !== 0).map((u) => [u.page.page, u.turn]));
  for (const p of joinStrips(pages.filter((q) => q.items.length > 0), turns)) {
    const last = groups[groups.length - 1];
    const prevGrid = last?.grids[last.grids.length - 1].grid;
    const next = !!last && last.lastTop === p.page - 1;
    const grid = layoutPage(p, next && !!prevGrid?.prose);
    // the left strips of a table printed in strips are consecutive pages, the strips to their right follow them;
    // the blocks of rows of a sideways table cut across pages are marked as such (./strips)
    const skip = prevGrid && (p.below || p.under || next) ? continues(prevGrid, grid, !!p.under) : undefined;
    if (last && skip !== undefined) {
      last.pages.push(...p.pages);
      last.lastTop = p.page;
      last.grids.push(skip === 0 && runsOver(prevGrid!, grid) ? { grid, skip: 1, joined: true } : { grid, skip });
    } else groups.push({ pages: [...p.pages], lastTop: p.page, grids: [{ grid, skip: 0 }] });
  }
  for (const g of groups) g.pages.sort((a, b) => a - b);
  const sheets: SheetSnapshot[] = [];
  const where = new Map<string, PdfSheetPlaces>();
  groups.forEach((g, index) => {
    const name = sheetName(g.pages, g.grids.some((x) => x.grid.prose));
    const sheet = emptySheet(name, index);
    const cells = new Map<string, PdfCellPosition>();
    const uncertain = new Map<string, UncertainWhy>();
    const spill = new Map<string, 'above' | 'below' | 'none'>();
    const part = new Set<string>();
    const more = new Map<string, PdfCellPosition[]>();
    let offset = 0;
    for (const { grid, skip, joined } of g.grids) {
      if (joined) {
        // the paragraph's text goes on the cell it began in, which keeps a box on each page; whether it was printed
        // whole is now a matter of where it ends
        const first = grid.cells.find((c) => c.row === 1)!;
        const at = a1(offset, 1);
        const cell = getCell(sheet, offset, 1)!;
        cell.value = `${String(cell.value)}${first.text}`;
        (more.get(at) ?? more.set(at, []).get(at)!).push(onPrintedPage(turned, { page: first.page ?? grid.page, x: first.x, y: first.y, width: first.width, height: first.height }));
        // (a paragraph cut at the page's edge stays so: what it lacks is not on the next page)
        if (uncertain.get(at) !== 'edge') {
          if (first.uncertain) uncertain.set(at, first.uncertain);
          else uncertain.delete(at);
        }
      }
      for (const c of grid.cells) {
        if (c.row <= skip || c.text === '') continue;
        const row = offset + c.row - skip;
        const cell: CellSnapshot = { value: c.text };
        setCell(sheet, row, c.col, cell);
        if (c.lastCol > c.col) sheet.merges.push({ top: row, left: c.col, bottom: row, right: c.lastCol });
        cells.set(a1(row, c.col), onPrintedPage(turned, { page: c.page ?? grid.page, x: c.x, y: c.y, width: c.width, height: c.height }));
        if (c.uncertain) uncertain.set(a1(row, c.col), c.uncertain);
        if (c.spill) spill.set(a1(row, c.col), c.spill);
        if (c.part) part.add(a1(row, c.col));
      }
      offset += grid.rowCount - skip;
    }
    sheets.push(sheet);
    const aligned = g.grids.filter((x) => x.grid.aligned && x.grid.cells.length).map((x) => x.grid.page);
    const doubted = uncertain.size ? { uncertain, ...(spill.size ? { spill } : {}), ...(part.size ? { part } : {}) } : {};
    where.set(name, { pages: g.pages, cells, ...doubted, ...(more.size ? { more } : {}), ...(aligned.length ? { aligned } : {}) });
  });
  const pageHeights = textPages.map((p) => p.height);
  return { snapshot: { name, sheets }, pageCount: pages.length, pageHeights, scannedPages, sheets: where, ...(rotatedPages.length ? { rotatedPages } : {}) };
}

/**
 * Where a finding sits in the PDF it was read from: for each of its cells (the stated figure first, then the
 * related ones), the page and the box of that cell on its page. The one seam the annotated copy, the JSON output
 * and the web page's PDF view all use, so the three always point at the same place.
 */
import type { CellRef, Finding } from '../model/finding';
import { a1, parseA1 } from '../model/address';
import type { PdfCellPosition, PdfRead } from './read';

export interface PdfBox extends PdfCellPosition {
  /** The pseudo-sheet and A1 address the box belongs to. */
  sheet: string;
  cell: string;
}

export interface PdfFindingPlace {
  /** Boxes of the finding's own cells (what to fix), in the finding's order. */
  boxes: PdfBox[];
  /** Boxes of the cells it was computed from or compared with. */
  related: PdfBox[];
  /** The pages the finding concerns: its boxes' pages, else the pages its sheet was read from. */
  pages: number[];
}

/** "A1", "A1:C3" → the single addresses (a range is expanded; at most 200 cells so a whole-column ref stays bounded). */
function expand(ref: string): string[] {
  const [from, to] = ref.split(':');
  if (!to) return [from];
  const a = parseA1(from);
  const b = parseA1(to);
  const out: string[] = [];
  for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++) {
    for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) {
      out.push(a1(r, c));
      if (out.length >= 200) return out;
    }
  }
  return out;
}

function boxesOf(read: PdfRead, ref: CellRef): PdfBox[] {
  const where = read.sheets.get(ref.sheet);
  if (!where) return [];
  const out: PdfBox[] = [];
  for (const cellRef of ref.cells) {
    for (const cell of expand(cellRef.replace(/\$/g, ''))) {
      const pos = where.cells.get(cell);
      if (pos) out.push({ ...pos, sheet: ref.sheet, cell });
      for (const further of where.more?.get(cell) ?? []) out.push({ ...further, sheet: ref.sheet, cell });
    }
  }
  return out;
}

export function locateFinding(read: PdfRead, finding: Pick<Finding, 'sheet' | 'cells' | 'related'>): PdfFindingPlace {
  const boxes = boxesOf(read, finding);
  const related = (finding.related ?? []).flatMap((r) => boxesOf(read, r));
  const pages = [...new Set(boxes.map((b) => b.page))];
  if (pages.length === 0) {
    const own = read.sheets.get(finding.sheet)?.pages;
    if (own) pages.push(...own);
    else {
      // INPUT.scanned_page and the like name a page directly: "第12页"
      const m = /^第(\d+)页/.exec(finding.sheet);
      if (m) pages.push(Number(m[1]));
    }
  }
  return { boxes, related, pages: pages.sort((a, b) => a - b) };
}

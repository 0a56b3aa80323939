/**
 * Text items of a PDF, page by page, from a pdf.js document (`pdfjs-dist`), whichever build and wherever it runs:
 * the CLI loads pdf.js's legacy build in Node (./pdfjs), the web page loads the same build in the browser with
 * pdf.js's own worker (src/web/pdf). Nothing here touches Node or the DOM: both read a PDF the same way.
 *
 * API relied on (pdfjs-dist 5, types in pdfjs-dist/legacy/build/pdf.d.mts):
 *   getDocument({ data, verbosity, cMapUrl, cMapPacked, standardFontDataUrl, BinaryDataFactory }).promise → PDFDocumentProxy; doc.numPages; doc.getPage(n) (1-based);
 *   page.getViewport({ scale: 1 }) (width, height, rotation); page.getTextContent() → { items: TextItem[] } with
 *   str, transform [a, b, c, d, e, f] (e, f: the glyph origin in PDF user space, y upwards), width, height;
 *   page.getOperatorList() → { fnArray } compared with OPS.paintImageXObject … (is the page an image?).
 */
import { apply, mul, type Matrix } from './matrix';
import { textTurn } from './orientation';

export interface PdfTextItem {
  str: string;
  /** Left edge and baseline, in points from the page's top-left corner (y downwards). */
  x: number;
  y: number;
  width: number;
  /** Font size (glyph height) in points. */
  height: number;
  /** pdf.js gave a space (one of its own items) right before this one on the same line. */
  spaceBefore?: boolean;
  /**
   * Set on the items of a page joined to the right of another (a wide table printed in strips, ./read): the page
   * the item is on, and how far it was moved right to sit beside the strip before it.
   */
  page?: number;
  dx?: number;
  /**
   * The rest of a text cut where two strips of a table printed side by side meet (./strips clipItems): it goes on
   * the text before it (the strip to its left), even a figure ("（2" | "024年度）").
   */
  cutLeft?: true;
  /** Set on items of a two-column page stacked into one (./columns): how far the item was moved down. */
  dy?: number;
  /**
   * The item's text does not run left to right on the page (./orientation): 90 runs downwards, 180 upside down,
   * 270 upwards (a table printed sideways). ./orientation turns such a page upright or leaves the items out.
   */
  turn?: 90 | 180 | 270;
}

export interface PdfPageText {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  /** The page's /Rotate (0, 90, 180, 270). */
  rotation: number;
  items: PdfTextItem[];
  /** The page paints at least one image (with no text, a scanned page). */
  hasImage: boolean;
  /** Ruling lines the page strokes or fills (cell borders), in the same coordinates as the items. */
  rules: RuleLines;
}

export interface RuleLines {
  /** Horizontal: y, from x1 to x2. */
  h: { y: number; x1: number; x2: number }[];
  /** Vertical: x, from y1 to y2. */
  v: { x: number; y1: number; y2: number }[];
}

/**
 * Where pdf.js finds the data files of its package (getDocument's options, pdfjs-dist 5 api.d.ts): the predefined
 * CMaps (`cMapUrl`, packed .bcmap files: a CJK font not embedded, its text coded by a CMap such as UniGB-UCS2-H,
 * reads no text without them) and the standard fonts' data (`standardFontDataUrl`: a standard font not embedded).
 * Both URLs end in `/`; pdf.js appends the file name. Node reads them with fs (./pdfjs, the installed package); the
 * page passes a `BinaryDataFactory` of its own (a class pdf.js constructs and asks `fetch({ kind, filename })`
 * on the main thread, `useWorkerFetch: false`), which loads each file from a chunk of the build (src/web/pdf).
 */
export interface PdfDataFiles {
  cMapUrl: string;
  cMapPacked: boolean;
  standardFontDataUrl: string;
  BinaryDataFactory?: new (urls: { cMapUrl?: string; standardFontDataUrl?: string }) => { fetch(o: { kind: string; filename: string }): Promise<Uint8Array> };
  useWorkerFetch?: boolean;
}

/** The part of pdf.js's module read here (the CLI's and the page's builds alike). */
export interface PdfJs {
  getDocument(src: { data: Uint8Array; verbosity?: number; isEvalSupported?: boolean; useSystemFonts?: boolean } & Partial<PdfDataFiles>): { promise: Promise<PdfDoc> };
  OPS: Record<string, number>;
}
export interface PdfDoc {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
export interface PdfPage {
  rotate: number;
  getViewport(o: { scale: number }): { width: number; height: number; transform: number[] };
  getTextContent(): Promise<{ items: { str?: string; transform?: number[]; width?: number; height?: number }[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  cleanup(): void;
}

/** A disclosure is some tens of pages (a large department's: a few hundred); beyond this the file is refused. */
export const MAX_PDF_PAGES = 3000;

export class PdfTooLargeError extends Error {
  constructor(readonly pages: number) {
    super(`PDF 有 ${pages} 页，超过 ${MAX_PDF_PAGES} 页`);
    this.name = 'PdfTooLargeError';
  }
}

/** Every page's text items in reading coordinates, and whether it paints images, from the PDF's bytes. */
/** Every page's text items in reading coordinates, and whether it paints images. Throws what pdf.js throws. */
export async function readPdfText(lib: PdfJs, bytes: Uint8Array, files?: PdfDataFiles): Promise<PdfPageText[]> {
  const doc = await openPdfDocument(lib, bytes, files);
  try {
    return await pdfPagesText(lib, doc);
  } finally {
    await doc.destroy();
  }
}

/** The document as the reader opens it (the web page keeps it open to render its pages). */
export function openPdfDocument(lib: PdfJs, bytes: Uint8Array, files?: PdfDataFiles): Promise<PdfDoc> {
  // pdf.js takes ownership of (detaches) the buffer it is given: a copy keeps the caller's bytes usable.
  return lib.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, ...files }).promise;
}

/** Every page's text items of an open document (left open). Throws what pdf.js throws. */
export async function pdfPagesText(lib: PdfJs, doc: PdfDoc, onPage?: (page: number, pages: number) => void): Promise<PdfPageText[]> {
  const imageOps = new Set(['paintImageXObject', 'paintInlineImageXObject', 'paintImageMaskXObject', 'paintImageXObjectRepeat', 'paintInlineImageXObjectGroup'].map((k) => lib.OPS[k]).filter((v) => v !== undefined));
  const pages: PdfPageText[] = [];
  if (doc.numPages > MAX_PDF_PAGES) throw new PdfTooLargeError(doc.numPages);
  for (let n = 1; n <= doc.numPages; n++) {
    onPage?.(n, doc.numPages);
    const page = await doc.getPage(n);
    const vp = page.getViewport({ scale: 1 });
    const [va, vb, vc, vd, ve, vf] = vp.transform; // user space → viewport (y down, rotation applied)
    // pdf.js gives an item's width and height in user space, its position through the viewport: a page with a
    // /UserUnit (LibreOffice writes one for a sheet printed on one page taller than a PDF page may be, 200 in)
    // is that many times larger in the viewport, and so must the items' sizes be
    const unit = Math.hypot(va, vb) || 1;
    const content = await page.getTextContent();
    const items: PdfTextItem[] = [];
    let space = false;
    for (const it of content.items) {
      if (typeof it.str !== 'string' || !it.transform) continue;
      if (it.str.trim() === '') {
        // a real space is narrower than two glyphs; LibreOffice also writes one wide space across the empty
        // cells between two texts of a row, which separates cells and is no part of either
        const size = Math.hypot(it.transform[0], it.transform[1]) || 1;
        space = (it.width ?? 0) < 2 * size;
        continue;
      }
      const spaceBefore = space;
      space = false;
      const [a, b, , , e, f] = it.transform;
      const x = va * e + vc * f + ve;
      const y = vb * e + vd * f + vf;
      // The text direction in the viewport: a rotated page's text reads left to right again after the transform.
      const dx = va * a + vc * b;
      const dy = vb * a + vd * b;
      const size = Math.hypot(a, b) || 1;
      // text not running left to right (a table printed sideways, a stamp, a side note): ./orientation decides
      const turn = textTurn(dx, dy);
      items.push({ str: it.str, x, y, width: (it.width ?? 0) * unit, height: (it.height || size) * unit, ...(spaceBefore ? { spaceBefore } : {}), ...(turn ? { turn } : {}) });
    }
    const ops = await page.getOperatorList();
    const hasImage = ops.fnArray.some((op) => imageOps.has(op));
    const rules = ruleLines(lib, ops, vp.transform);
    pages.push({ page: n, width: vp.width, height: vp.height, rotation: page.rotate, items, hasImage, rules });
    page.cleanup();
  }
  return pages;
}

/**
 * Thin painted paths (cell borders) from the operator list. pdf.js 5 hands a path as OPS.constructPath with args
 * [paintOp, [pathData], minMax] where minMax = [minX, minY, maxX, maxY] in the path's own coordinates (its canvas
 * backend transforms that box by the current matrix: CanvasGraphics.constructPath in pdf.mjs), so the current
 * matrix is followed through OPS.save / OPS.restore / OPS.transform. Clipping paths (endPath) are not lines.
 */
function ruleLines(lib: PdfJs, ops: { fnArray: number[]; argsArray: unknown[] }, viewport: number[]): RuleLines {
  const OPS = lib.OPS;
  const out: RuleLines = { h: [], v: [] };
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const view = viewport.slice(0, 6) as Matrix;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(ops.argsArray[i] as Matrix, ctm);
    else if (fn === OPS.constructPath) {
      const args = ops.argsArray[i] as [number, unknown, ArrayLike<number> | null];
      if (args[0] === OPS.endPath || !args[2] || args[2].length < 4) continue;
      const m = mul(ctm, view);
      const [x1, y1] = apply(m, args[2][0], args[2][1]);
      const [x2, y2] = apply(m, args[2][2], args[2][3]);
      const w = Math.abs(x2 - x1);
      const h = Math.abs(y2 - y1);
      if (h <= 2 && w > 3) out.h.push({ y: (y1 + y2) / 2, x1: Math.min(x1, x2), x2: Math.max(x1, x2) });
      else if (w <= 2 && h > 3) out.v.push({ x: (x1 + x2) / 2, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
    }
  }
  return out;
}

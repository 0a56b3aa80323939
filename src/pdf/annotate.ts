/**
 * The annotated copy of a checked PDF (`budget-check check x.pdf --out annotated.pdf`): the original document
 * loaded and modified with pdf-lib (its pages, content streams and everything else kept, nothing re-rendered),
 * with on each flagged figure a box and the finding's number — red for 错误, amber for 提示 and 舍位 (the sections
 * of the text report, src/format/view.ts sectionOf) — and, appended, findings pages listing every finding:
 * number, severity, rule title, page and cell, message, 应为/实为.
 *
 * Where a finding is drawn comes from locateFinding (./locate), the seam the JSON and the web page use too.
 * Its boxes are in pdf.js viewport coordinates (points from the displayed page's top-left, rotation applied:
 * ./pdfjs); pdf-lib draws in PDF user space (y up, from the page's own origin), so each box goes back through the
 * inverse of the viewport transform pdf.js computes (PageViewport: the view box = crop box ∩ media box, /Rotate,
 * /UserUnit).
 *
 * Chinese text needs a CJK font: the caller passes the bytes of the shipped subset (assets/fonts, made by
 * scripts/make-pdf-font.py). It is embedded whole (pdf-lib's subsetting of it wrote a font file readers called
 * invalid), with TrueType outlines: pdf-lib declares every font a CIDFontType2 with /FontFile2. A character the font
 * lacks is drawn as □ instead of failing.
 */
import { PDFDocument, PDFName, PDFNumber, rgb, degrees, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { Finding } from '../model/finding';
import { cleanText, ruleTitle, sectionOf, unitOf, valueText, withUnits } from '../format/view';
import { SEVERITY_LABEL } from '../format/labels';
import { locateFinding, type PdfBox } from './locate';
import type { PdfRead } from './read';
import { apply, invert, type Matrix } from './matrix';

export const ERROR_COLOR = rgb(0.86, 0.1, 0.1);
export const WARNING_COLOR = rgb(0.93, 0.58, 0.0);

/** What the copy holds, for the CLI's one line. */
export interface AnnotateReport {
  bytes: Uint8Array;
  /** Pages of the original (kept, in order) and findings pages appended after them. */
  originalPages: number;
  findingsPages: number;
  /** Findings with at least one box drawn, and boxes drawn in all. */
  findingsMarked: number;
  boxesDrawn: number;
}

/** pdf.js's PageViewport transform at scale 1 (user space → viewport), from pdf.mjs's PageViewport constructor. */
export function viewportTransform(view: [number, number, number, number], rotation: number, userUnit = 1): Matrix {
  const [x0, y0, x1, y1] = view;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const r = ((rotation % 360) + 360) % 360;
  const [a, b, c, d] = r === 90 ? [0, 1, 1, 0] : r === 180 ? [-1, 0, 0, 1] : r === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  const s = userUnit;
  const [ox, oy] = a === 0 ? [Math.abs(cy - y0) * s, Math.abs(cx - x0) * s] : [Math.abs(cx - x0) * s, Math.abs(cy - y0) * s];
  return [a * s, b * s, c * s, d * s, ox - a * s * cx - c * s * cy, oy - b * s * cx - d * s * cy];
}

function normalised(box: { x: number; y: number; width: number; height: number }): [number, number, number, number] {
  const xs = [box.x, box.x + box.width];
  const ys = [box.y, box.y + box.height];
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The page as pdf.js sees it: its view box (crop box ∩ media box), rotation and user unit. */
function pageGeometry(page: PDFPage): { toUser: Matrix; rotation: number } {
  const media = normalised(page.getMediaBox());
  const crop = normalised(page.getCropBox());
  const cut: [number, number, number, number] = [Math.max(media[0], crop[0]), Math.max(media[1], crop[1]), Math.min(media[2], crop[2]), Math.min(media[3], crop[3])];
  const view = cut[2] > cut[0] && cut[3] > cut[1] ? cut : media;
  let rotation = page.getRotation().angle;
  rotation = rotation % 90 !== 0 ? 0 : ((rotation % 360) + 360) % 360;
  const unit = page.node.get(PDFName.of('UserUnit'));
  const userUnit = unit instanceof PDFNumber && unit.asNumber() > 0 ? unit.asNumber() : 1;
  return { toUser: invert(viewportTransform(view, rotation, userUnit)), rotation };
}

/** A viewport rectangle (top-left origin) → the same rectangle in user space, as pdf-lib's x, y, width, height. */
export function toUserRect(toUser: Matrix, r: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number } {
  const [ax, ay] = apply(toUser, r.x, r.y);
  const [bx, by] = apply(toUser, r.x + r.width, r.y + r.height);
  return { x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
}

/** Text the font can draw: controls removed, each character it lacks shown as □. */
export function drawable(font: PDFFont, text: string): string {
  const has = charSet(font);
  let out = '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
  for (const ch of text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g, ' ')) {
    out += has.has(ch.codePointAt(0)!) ? ch : '□';
  }
  return out;
}

const charSets = new WeakMap<PDFFont, Set<number>>();
function charSet(font: PDFFont): Set<number> {
  let s = charSets.get(font);
  if (!s) {
    s = new Set(font.getCharacterSet());
    charSets.set(font, s);
  }
  return s;
}

export function colorOf(f: Finding): RGB {
  return sectionOf(f) === 'errors' ? ERROR_COLOR : WARNING_COLOR;
}

const MARGIN = 0.8; // the box stands a little off the figure's glyphs

/** Draws one box and its number on `page`. */
function drawBox(page: PDFPage, font: PDFFont, geometry: ReturnType<typeof pageGeometry>, box: PdfBox, label: string, color: RGB): void {
  const r = toUserRect(geometry.toUser, { x: box.x - MARGIN, y: box.y - MARGIN, width: box.width + 2 * MARGIN, height: box.height + 2 * MARGIN });
  page.drawRectangle({ ...r, borderColor: color, borderWidth: 1, opacity: 0, borderOpacity: 0.95 });
  // The number sits above the box's right end, upright as the page is displayed (its text turned with /Rotate).
  const size = 6;
  const w = font.widthOfTextAtSize(label, size) + 2;
  const h = size + 1.5;
  const tagLeft = box.x + box.width + MARGIN - w;
  const tagTop = box.y - MARGIN - h;
  const tag = toUserRect(geometry.toUser, { x: tagLeft, y: tagTop, width: w, height: h });
  page.drawRectangle({ ...tag, color, opacity: 0.9, borderWidth: 0 });
  // the text's origin: the tag's bottom-left as displayed, i.e. (tagLeft + 1, tagTop + h - 1.5) in the viewport
  const [ox, oy] = apply(geometry.toUser, tagLeft + 1, tagTop + h - 1.6);
  page.drawText(label, { x: ox, y: oy, size, font, color: rgb(1, 1, 1), rotate: degrees(geometry.rotation) });
}

/** The lines of one finding on the findings page. */
export function findingLines(n: number, f: Finding, pages: number[], boxes: PdfBox[]): { head: string; body: string } {
  const unit = unitOf(f);
  const where = boxes.length
    ? [...new Set(boxes.map((b) => `第${b.page}页 ${b.cell}`))].slice(0, 3).join('、') + (boxes.length > 3 ? ` 等 ${boxes.length} 处` : '')
    : pages.length
      ? pages.map((p) => `第${p}页`).join('、')
      : '（未能定位到页面）';
  const values = [valueText(f.expected, unit) && `应为 ${valueText(f.expected, unit)}`, valueText(f.actual, unit) && `实为 ${valueText(f.actual, unit)}`].filter(Boolean).join('，');
  const head = `${n}. [${SEVERITY_LABEL[f.severity]}] ${ruleTitle(f.rule)}\u3000${f.sheet}\u3000${where}`;
  const body = cleanText(`${withUnits(f.message, unit)}${values ? `（${values}）` : ''}`);
  return { head, body };
}

/** Breaks text into lines no wider than `width` (Chinese breaks anywhere; a Latin word is kept whole when it fits). */
export function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(/[A-Za-z0-9.,%$\-+/:]+|./gsu) ?? []) {
    const next = line + token;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        // a token wider than a line: cut it
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    } else line = next;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

const A4: [number, number] = [595.28, 841.89];

/**
 * The annotated copy. `findings` in the order they are numbered (the report's order); `read` is the read the
 * findings were made on (checkPdf's, with its sheets named as the findings name them).
 */
export async function annotatePdf(original: Uint8Array, read: PdfRead, findings: Finding[], fontBytes: Uint8Array, title = ''): Promise<AnnotateReport> {
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes, { subset: false });
  const pages = doc.getPages();
  const originalPages = pages.length;
  const geometry = new Map<number, ReturnType<typeof pageGeometry>>();
  let findingsMarked = 0;
  let boxesDrawn = 0;
  const places = findings.map((f) => locateFinding(read, f));
  findings.forEach((f, i) => {
    const boxes = places[i].boxes.filter((b) => b.page >= 1 && b.page <= originalPages);
    if (boxes.length) findingsMarked++;
    for (const box of boxes) {
      const page = pages[box.page - 1];
      if (!geometry.has(box.page)) geometry.set(box.page, pageGeometry(page));
      drawBox(page, font, geometry.get(box.page)!, box, String(i + 1), colorOf(f));
      boxesDrawn++;
    }
  });

  // Findings pages: A4 portrait, one entry per finding.
  const [pw, ph] = A4;
  const margin = 42;
  const width = pw - 2 * margin;
  const size = 9;
  const lead = size * 1.45;
  let page: PDFPage | undefined;
  let y = 0;
  let findingsPages = 0;
  const newPage = () => {
    page = doc.addPage(A4);
    findingsPages++;
    y = ph - margin;
    const heading = findingsPages === 1 ? `校验结果${title ? `：${title}` : ''}` : '校验结果（续）';
    for (const l of wrap(font, drawable(font, heading), 13, width)) {
      page.drawText(l, { x: margin, y: y - 13, size: 13, font, color: rgb(0, 0, 0) });
      y -= 13 * 1.5;
    }
    if (findingsPages === 1) {
      const errors = findings.filter((f) => f.severity === 'error').length;
      const intro = `共 ${findings.length} 条（错误 ${errors} 条）。页面上红框为错误，橙框为提示（含舍位差异），框上的数字即下列编号；${findingsMarked} 条已在原页面上标出。`;
      for (const l of wrap(font, drawable(font, intro), size, width)) {
        page.drawText(l, { x: margin, y: y - size, size, font, color: rgb(0.25, 0.25, 0.25) });
        y -= lead;
      }
    }
    y -= lead / 2;
  };
  newPage();
  if (findings.length === 0) {
    page!.drawText(drawable(font, '未发现问题。'), { x: margin, y: y - size, size, font, color: rgb(0, 0, 0) });
  }
  findings.forEach((f, i) => {
    const { head, body } = findingLines(i + 1, f, places[i].pages, places[i].boxes);
    const headLines = wrap(font, drawable(font, head), size, width);
    const bodyLines = wrap(font, drawable(font, body), size, width - 12);
    const need = (headLines.length + bodyLines.length) * lead + lead / 2;
    if (y - need < margin && y < ph - margin - 3 * lead) newPage();
    const color = colorOf(f);
    page!.drawRectangle({ x: margin - 8, y: y - size - 1, width: 4, height: size + 1, color });
    const drawLines = (lines: string[], x: number, textColor: RGB) => {
      for (const l of lines) {
        if (y - lead < margin) newPage();
        page!.drawText(l, { x, y: y - size, size, font, color: textColor });
        y -= lead;
      }
    };
    drawLines(headLines, margin, rgb(0, 0, 0));
    drawLines(bodyLines, margin + 12, rgb(0.2, 0.2, 0.2));
    y -= lead / 2;
  });
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, originalPages, findingsPages, findingsMarked, boxesDrawn };
}

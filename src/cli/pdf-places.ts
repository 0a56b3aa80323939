/**
 * `check x.pdf --json`: each finding's place in the PDF, from locateFinding (src/pdf/locate.ts, the seam the
 * annotated copy and the web page use too), as an optional `pdf` field beside the fields of docs/cli.md (a
 * compatible extension: no field of the contract changes). Documented in docs/pdf.md.
 */
import type { Finding } from '../model/finding';
import { locateFinding } from '../pdf/locate';
import type { PdfRead } from '../pdf/read';
import type { CheckJson, FindingJson } from './report';

export interface PdfBoxJson {
  /** 1-based page of the PDF. */
  page: number;
  /** The cell's box in points from the displayed page's top-left corner (pdf.js viewport at scale 1: rotation applied). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The reconstructed cell (A1) on the finding's sheet. */
  cell: string;
}

export interface PdfPlaceJson {
  /** The pages the finding concerns. */
  pages: number[];
  /** The boxes of the finding's own cells (what to fix), in the order of `cells`. */
  boxes: PdfBoxJson[];
}

export type FindingWithPdfJson = FindingJson & { pdf?: PdfPlaceJson };

const round = (v: number) => Math.round(v * 100) / 100;

export function pdfPlace(read: PdfRead, f: Finding): PdfPlaceJson | undefined {
  const place = locateFinding(read, f);
  if (place.pages.length === 0 && place.boxes.length === 0) return undefined;
  return {
    pages: place.pages,
    boxes: place.boxes.map((b) => ({ page: b.page, x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height), cell: b.cell })),
  };
}

/** The JSON document with `pdf` added to each finding that can be placed (`findings` in the document's order). */
export function withPdfPlaces(json: CheckJson, read: PdfRead, findings: Finding[]): CheckJson {
  return {
    ...json,
    findings: json.findings.map((f, i): FindingWithPdfJson => {
      const place = findings[i] ? pdfPlace(read, findings[i]) : undefined;
      return place ? { ...f, pdf: place } : f;
    }),
  };
}

/**
 * Text items of a PDF, page by page, read with Mozilla's pdf.js (`pdfjs-dist`, its legacy build for Node).
 *
 * The reading itself is ./text (shared with the web page); this file loads pdf.js in Node and tells it where its
 * CMaps and standard fonts are (pdfjsDataFiles: a PDF whose CJK font is not embedded needs them).
 *
 * pdf.js 5 constructs a DOMMatrix when its module is evaluated (src/display/canvas.js `SCALE_MATRIX`) and only
 * polyfills it from the optional native `@napi-rs/canvas`; without it the import itself throws (mozilla/pdf.js
 * #19764, #21720). Text extraction never renders, so a small affine DOMMatrix (below) is installed when Node has
 * none. pdf.js's load-time warnings go to console.log, which is the CLI's stdout (its --json document): they are
 * held back while the module loads, and `verbosity: 0` (errors only) keeps them off afterwards.
 *
 * The module is ESM only: it is loaded with a real dynamic import (not turned into require by the TypeScript or
 * esbuild CommonJS output), so this file runs in Node (the CLI), not inside Jest's module system — the tests run
 * the CLI as a process.
 */
import { readPdfText as readWith, type PdfDataFiles, type PdfJs, type PdfPageText } from './text';
import { readPdfWith, type PdfRead } from './read';

export type { PdfPageText, PdfTextItem, RuleLines } from './text';
export { MAX_PDF_PAGES, PdfTooLargeError } from './text';

/** A small 2D affine matrix with the DOMMatrix members pdf.js's text path touches. */
class AffineMatrix {
  a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
  constructor(init?: ArrayLike<number>) {
    if (init && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init).slice(0, 6);
  }
  get is2D(): boolean { return true; }
  get isIdentity(): boolean { return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0; }
  multiplySelf(m: { a: number; b: number; c: number; d: number; e: number; f: number }): this {
    const { a, b, c, d, e, f } = this;
    this.a = a * m.a + c * m.b; this.b = b * m.a + d * m.b;
    this.c = a * m.c + c * m.d; this.d = b * m.c + d * m.d;
    this.e = a * m.e + c * m.f + e; this.f = b * m.e + d * m.f + f;
    return this;
  }
  preMultiplySelf(m: { a: number; b: number; c: number; d: number; e: number; f: number }): this {
    const r = new AffineMatrix([m.a, m.b, m.c, m.d, m.e, m.f]).multiplySelf(this);
    Object.assign(this, { a: r.a, b: r.b, c: r.c, d: r.d, e: r.e, f: r.f });
    return this;
  }
  multiply(m: AffineMatrix): AffineMatrix { return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]).multiplySelf(m); }
  translateSelf(x = 0, y = 0): this { return this.multiplySelf(new AffineMatrix([1, 0, 0, 1, x, y])); }
  translate(x = 0, y = 0): AffineMatrix { return this.multiply(new AffineMatrix([1, 0, 0, 1, x, y])); }
  scaleSelf(sx = 1, sy = sx): this { return this.multiplySelf(new AffineMatrix([sx, 0, 0, sy, 0, 0])); }
  scale(sx = 1, sy = sx): AffineMatrix { return this.multiply(new AffineMatrix([sx, 0, 0, sy, 0, 0])); }
  invertSelf(): this {
    const { a, b, c, d, e, f } = this;
    const det = a * d - b * c;
    if (det === 0) { Object.assign(this, { a: NaN, b: NaN, c: NaN, d: NaN, e: NaN, f: NaN }); return this; }
    Object.assign(this, { a: d / det, b: -b / det, c: -c / det, d: a / det, e: (c * f - d * e) / det, f: (b * e - a * f) / det });
    return this;
  }
  inverse(): AffineMatrix { return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]).invertSelf(); }
  transformPoint(p: { x?: number; y?: number } = {}): { x: number; y: number; z: number; w: number } {
    const x = p.x ?? 0; const y = p.y ?? 0;
    return { x: this.a * x + this.c * y + this.e, y: this.b * x + this.d * y + this.f, z: 0, w: 1 };
  }
}

let loaded: Promise<PdfJs> | undefined;

/** A dynamic import that stays one in CommonJS output (tsc and esbuild would turn `import()` into require). */
const nativeImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

async function loadPdfJs(): Promise<PdfJs> {
  const g = globalThis as { DOMMatrix?: unknown };
  if (typeof g.DOMMatrix === 'undefined') g.DOMMatrix = AffineMatrix;
  const log = console.log;
  const warn = console.warn;
  console.log = () => undefined;
  console.warn = () => undefined;
  try {
    const specifier = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
    return (await nativeImport(require('url').pathToFileURL(specifier).href)) as PdfJs;
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

export function pdfjs(): Promise<PdfJs> {
  loaded ??= loadPdfJs();
  return loaded;
}

/**
 * pdf.js's data files in the installed package (../text PdfDataFiles): its predefined CMaps and standard fonts,
 * read by pdf.js with fs from these folders (pdfjs-dist stays in node_modules: scripts/build-cli.js HEAVY).
 */
export function pdfjsDataFiles(): PdfDataFiles {
  const root = require('path').dirname(require.resolve('pdfjs-dist/package.json')) as string;
  // pdf.js wants a trailing '/' and appends the file name (fs reads `C:\…\cmaps/x.bcmap` on Windows too)
  return { cMapUrl: `${root}/cmaps/`, cMapPacked: true, standardFontDataUrl: `${root}/standard_fonts/` };
}

/** Every page's text items in reading coordinates, and whether it paints images. Throws what pdf.js throws. */
export async function readPdfText(bytes: Uint8Array): Promise<PdfPageText[]> {
  return readWith(await pdfjs(), bytes, pdfjsDataFiles());
}

/** A PDF's bytes → its pseudo-sheets (./read), read with pdf.js in Node: the CLI's reader. */
export function readPdfBuffer(bytes: Uint8Array, name: string, displayName: string = name): Promise<PdfRead> {
  return readPdfWith(readPdfText, bytes, name, displayName);
}

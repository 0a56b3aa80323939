/**
 * Reading a PDF in the page (the chunk "pdf-view", loaded with the first PDF): pdf.js's legacy build, the same the CLI
 * runs in Node, with its worker bundled (./pdfjs-worker.ts). The text is read by the CLI's own code
 * (src/pdf/text.ts pdfPagesText) and goes to the engine (src/web/engine/pdf.ts) for the rest of the CLI's path;
 * the document stays open here, for ./PdfPreview to render its pages.
 *
 * Where no worker can start (a page opened as file://), pdf.js's worker module is loaded into the page instead
 * (it then registers itself as globalThis.pdfjsWorker, which pdf.js uses in place of a worker).
 */
import { openPdfDocument, pdfPagesText, type PdfDoc, type PdfJs, type PdfPage, type PdfPageText } from '../../pdf/text';
import { pdfReadError } from '../../pdf/read';
import { loadOnce } from '../../ui/lazy-results';
import { pageDataFiles } from './binary-data';

/** A page as the preview renders it (pdf.js's PDFPageProxy, the members used). */
export interface RenderablePage extends PdfPage {
  view: number[];
  render(p: { canvasContext: CanvasRenderingContext2D; canvas?: HTMLCanvasElement; viewport: unknown }): { promise: Promise<void>; cancel(): void };
  getViewport(o: { scale: number }): { width: number; height: number; transform: number[] };
}

export interface RenderableDoc extends PdfDoc {
  getPage(n: number): Promise<RenderablePage>;
}

const loadPdfJs = loadOnce(async (): Promise<PdfJs> => {
  const lib = await import(/* webpackChunkName: "pdfjs" */ 'pdfjs-dist/legacy/build/pdf.min.mjs');
  if (!lib.GlobalWorkerOptions.workerPort && typeof Worker !== 'undefined') {
    try {
      // @ts-expect-error -- import.meta is for webpack; the repository's tsconfig compiles to CommonJS for Node.
      lib.GlobalWorkerOptions.workerPort = new Worker(new URL(/* webpackChunkName: "pdf-worker" */ './pdfjs-worker.ts', import.meta.url), { name: 'pdf.js' });
    } catch {
      // file:// pages: the browser refuses the worker; pdf.js then runs in the page (below)
    }
  }
  if (!lib.GlobalWorkerOptions.workerPort) await import(/* webpackChunkName: "pdfjs-worker-inline" */ 'pdfjs-dist/legacy/build/pdf.worker.min.mjs');
  return lib as unknown as PdfJs;
});

export interface OpenedPdf {
  doc: RenderableDoc;
  pages: PdfPageText[];
}

/** Opens the PDF and reads every page's text; what pdf.js cannot open is the CLI's PdfReadError (one Chinese line). */
export async function openPdf(bytes: Uint8Array, name: string, onPage?: (page: number, pages: number) => void): Promise<OpenedPdf> {
  let doc: RenderableDoc | undefined;
  try {
    const lib = await loadPdfJs();
    // the CMaps and standard fonts a PDF needs come from chunks of the build (./binary-data)
    doc = (await openPdfDocument(lib, bytes, pageDataFiles)) as RenderableDoc;
    const pages = await pdfPagesText(lib, doc, onPage);
    return { doc, pages };
  } catch (e) {
    void doc?.destroy();
    if (e instanceof Error && /ChunkLoadError|Loading chunk/.test(`${e.name} ${e.message}`)) throw e;
    throw pdfReadError(e, name);
  }
}

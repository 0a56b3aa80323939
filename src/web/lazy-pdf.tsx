/**
 * The PDF side of the page (reading with pdf.js, the page preview with the boxes): the chunk "pdf-view", requested only
 * when a PDF is opened, so it adds nothing to what the page loads before its first check. pdf.js itself and its
 * worker are chunks of their own under it (src/web/pdf/open.ts).
 */
import type { PdfPreviewProps } from './pdf/chunk';
import { deferredComponent, loadOnce } from '../ui/lazy-results';

export const loadPdfChunk = loadOnce(() => import(/* webpackChunkName: "pdf-view" */ './pdf/chunk'));

export const PdfPreview = deferredComponent<PdfPreviewProps>('PdfPreview', () => loadPdfChunk().then((m) => m.PdfPreview));
export type { PdfTarget, RenderableDoc } from './pdf/chunk';

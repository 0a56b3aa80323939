/** The page's PDF chunk ("pdf-view"): reading a PDF in the page and its preview. Loaded with the first PDF (../lazy-pdf.tsx). */
export { openPdf, type OpenedPdf, type RenderableDoc } from './open';
export { PdfPreview, type PdfPreviewProps, type PdfTarget } from './PdfPreview';

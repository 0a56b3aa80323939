/** pdf.js's prebuilt legacy modules as the page imports them (src/web/pdf/open.ts, src/web/pdf/pdfjs-worker.ts). */
declare module 'pdfjs-dist/legacy/build/pdf.min.mjs' {
  export const GlobalWorkerOptions: { workerPort: Worker | null; workerSrc: string };
  export const OPS: Record<string, number>;
  export function getDocument(src: unknown): { promise: Promise<unknown> };
}
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';

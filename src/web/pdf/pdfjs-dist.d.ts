/** pdf.js's prebuilt legacy modules as the page imports them (src/web/pdf/open.ts, src/web/pdf/pdfjs-worker.ts). */
declare module 'pdfjs-dist/legacy/build/pdf.min.mjs' {
  export const GlobalWorkerOptions: { workerPort: Worker | null; workerSrc: string };
  export const OPS: Record<string, number>;
  export function getDocument(src: unknown): { promise: Promise<unknown> };
}
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';
/** A font as a data URL (webpack.web.config.js: `?inline` is an inline asset), src/web/engine/pdf.ts. */
declare module '*.otf?inline' {
  const dataUrl: string;
  export default dataUrl;
}

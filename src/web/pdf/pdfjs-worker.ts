/**
 * pdf.js's own worker (pdfjs-dist's pdf.worker), bundled with the page: no CDN, works offline. Evaluated in a
 * worker it connects itself to the page (WorkerMessageHandler.initializeFromPort(self)); ./open.ts hands the
 * Worker to pdf.js as GlobalWorkerOptions.workerPort.
 */
import 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';

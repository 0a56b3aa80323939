/**
 * Prints the text items of a PDF's pages as JSON (src/pdf/pdfjs.ts readPdfText): run as a process, because
 * pdf.js is an ES module that jest's CommonJS runtime cannot import. Usage: tsx tests/helpers/pdf-text.ts <file.pdf>
 */
import fs from 'fs';
import { readPdfText } from '../../src/pdf/pdfjs';

readPdfText(new Uint8Array(fs.readFileSync(process.argv[2]))).then(
  (pages) => process.stdout.write(JSON.stringify(pages)),
  (e) => {
    process.stderr.write(String(e));
    process.exitCode = 1;
  },
);

/**
 * Prints the pseudo-sheets a PDF is read into (src/pdf/pdfjs.ts readPdfBuffer) as JSON, [{ name, rows }] with each
 * cell's text: run as a process, because pdf.js is an ES module that jest's CommonJS runtime cannot import.
 * Usage: tsx tests/helpers/pdf-sheets.ts <file.pdf>
 */
import fs from 'fs';
import path from 'path';
import { readPdfBuffer } from '../../src/pdf/pdfjs';

readPdfBuffer(new Uint8Array(fs.readFileSync(process.argv[2])), path.basename(process.argv[2])).then(
  (read) => process.stdout.write(JSON.stringify(read.snapshot.sheets.map((s) => ({ name: s.name, rows: s.rows.map((row) => (row ?? []).map((c) => (c ? String(c.value) : ''))) })))),
  (e) => {
    process.stderr.write(String(e));
    process.exitCode = 1;
  },
);

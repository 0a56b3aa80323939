/**
 * Prints the pseudo-sheets a PDF is read into (src/pdf/pdfjs.ts readPdfBuffer) as JSON, [{ name, rows, places }] with
 * each cell's text and, by A1 address, where the reader says the cell is printed (PdfRead.sheets): run as a process, because pdf.js is an ES module that jest's CommonJS runtime cannot import.
 * Usage: tsx tests/helpers/pdf-sheets.ts <file.pdf>
 */
import fs from 'fs';
import path from 'path';
import { readPdfBuffer } from '../../src/pdf/pdfjs';

readPdfBuffer(new Uint8Array(fs.readFileSync(process.argv[2])), path.basename(process.argv[2])).then(
  (read) => process.stdout.write(JSON.stringify(read.snapshot.sheets.map((s) => ({ name: s.name, rows: s.rows.map((row) => (row ?? []).map((c) => (c ? String(c.value) : ''))), places: Object.fromEntries(read.sheets.get(s.name)?.cells ?? []) })))),
  (e) => {
    process.stderr.write(String(e));
    process.exitCode = 1;
  },
);

/**
 * A disclosure PDF whose 情况说明 was written in Word or WPS (as most departments write it): the tables printed
 * from the workbook, the 情况说明 printed from a document, one PDF (issue #17). For each fixture layout with a
 * 情况说明 (seed 003 has none), producers/word_narrative.py (openpyxl) splits the workbook into the tables and the
 * 情况说明's paragraphs as a page of HTML (title, headings, paragraphs with an indented first line, justified),
 * LibreOffice headless prints both (Calc the tables, paged as it prints by default; Writer the text, whose
 * paragraphs wrap and break at the feet of pages), and pdf-lib puts the pages one after the other, unchanged.
 *
 * Then `check x.pdf --json` gives the narrative findings (N.*: rule, severity, figures) of the workbook itself,
 * and no error the workbook does not have. What this holds the reader to, beside the 情况说明 printed from a
 * sheet (pdf-narrative.fidelity.test.ts): the 情况说明 over several pages is one narrative, later pages carry no
 * heading of their own, a paragraph broken at a page's foot is one paragraph, and the spaces a justified line
 * puts between Chinese characters ("社会保障和就业 支 出") are not read as the text's.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { PDFDocument } from 'pdf-lib';
import { python, soffice } from './producers';
import { checkPdfJson, checkWorkbookJson } from './pdf-check';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'fixtures/workbooks');
const LAYOUTS = ['000-standard', '001-standard', '002-standard', '000-variant', '001-variant', '002-variant'];

jest.setTimeout(900_000);

interface Json {
  findings: { rule: string; severity: string; sheet: string; cells: string[]; actual: string | null; expected: string | null; pdf?: { pages: number[] } }[];
}

let dir: string;
const pdfs: Record<string, string> = {};
const narrativePages: Record<string, number> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-pdf-word-'));
  for (const l of LAYOUTS) python('word_narrative.py', [path.join(FIXTURES, `${l}.xlsx`), path.join(dir, `${l}-tables.xlsx`), path.join(dir, `${l}-narrative.html`)]);
  const tables = soffice(LAYOUTS.map((l) => path.join(dir, `${l}-tables.xlsx`)), 'pdf', path.join(dir, 'out'));
  const texts = soffice(LAYOUTS.map((l) => path.join(dir, `${l}-narrative.html`)), 'pdf:writer_pdf_Export', path.join(dir, 'out'), 'HTML (StarWriter)');
  for (const [i, l] of LAYOUTS.entries()) {
    const whole = await PDFDocument.create();
    for (const part of [tables[i], texts[i]]) {
      const doc = await PDFDocument.load(fs.readFileSync(part));
      for (const page of await whole.copyPages(doc, doc.getPageIndices())) whole.addPage(page);
      if (part === texts[i]) narrativePages[l] = doc.getPageCount();
    }
    pdfs[l] = path.join(dir, `${l}.pdf`);
    fs.writeFileSync(pdfs[l], await whole.save());
  }
});

afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

const brief = (f: Json['findings'][number]) => `${f.rule} ${f.severity} ${f.actual ?? ''} ${f.expected ?? ''}`;
const narrative = (j: Json) => j.findings.filter((f) => f.rule.startsWith('N.')).map(brief).sort();
const errors = (j: Json) => j.findings.filter((f) => f.severity === 'error').map(brief);

describe.each(LAYOUTS)('%s: tables printed from the workbook, the 情况说明 from a document', (layout) => {
  it('gives the narrative findings of the workbook, on one 情况说明 over its pages, and no error the workbook has not', async () => {
    const wb = (await checkWorkbookJson<Json>(path.join(FIXTURES, `${layout}.xlsx`))).json;
    const pdf = checkPdfJson<Json>(pdfs[layout]).json;
    // the text runs over more than one page: what the test is about
    expect(narrativePages[layout]).toBeGreaterThan(1);
    expect(narrative(wb).length).toBeGreaterThan(0);
    expect(narrative(pdf)).toEqual(narrative(wb));
    const sheets = new Set(pdf.findings.filter((f) => f.rule.startsWith('N.')).map((f) => f.sheet));
    expect([...sheets]).toEqual([expect.stringMatching(/^第\d+-\d+页 情况说明$/)]);
    const theirs = errors(wb);
    expect(errors(pdf).filter((e) => !theirs.includes(e))).toEqual([]);
  });
});

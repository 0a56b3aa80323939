/**
 * Rotated and two-column pages of a published disclosure PDF (issue #17, "a PDF with a rotated or two-column
 * page gives clear findings, no crash"). The PDFs are printed here by LibreOffice headless from inputs made from
 * the fixture 001-standard (producers/pdf_pages.py; conversions cached by the input's hash, producers.ts):
 *
 *   - landscape: every sheet's page setup set to landscape (openpyxl), printed the default way (landscape pages,
 *     wide tables cut into strips): the same tables and table findings as the workbook;
 *   - sideways: the 13 tables transposed with their text rotated 90° (running upwards), one page per sheet — each
 *     table printed sideways on its page: read upright again (src/pdf/orientation.ts), the same tables and table
 *     findings as the workbook, the findings' boxes on the printed figures;
 *   - the same printed the default way (A4, sideways tables cut across pages: a wide table's right columns on one
 *     page, its left columns on the next, its further rows on the pages after): put back together (src/pdf/strips.ts),
 *     each table read as from the one-page print, the same tables and table findings as the workbook, every
 *     figure boxed on the page it is printed on;
 *   - text running two ways: the same with an upright note holding two amounts beside the sideways 表七:
 *     INPUT.pdf_rotated_text naming 第7页, no error from that page, no crash;
 *   - two tables side by side (表八 beside 表七 on one sheet, one page per sheet): read as the workbook is read;
 *   - two columns: the 情况说明 as a Writer document, in a two-column section and in one column: the two-column
 *     page reads column by column (src/pdf/columns.ts), the text in the order written, as the one-column print
 *     reads; and the narrative's text checks (N.repeat, N.sections) find what they find in the workbook.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { checkPdfJson, checkWorkbookJson } from './pdf-check';
import type { PdfPageText } from '../../src/pdf/pdfjs';
import { ROOT, python, soffice } from './producers';

jest.setTimeout(900_000);

const FIXTURE = path.join(ROOT, 'fixtures/workbooks/001-standard.xlsx');
const ONE_PAGE_PER_SHEET = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}';

interface Json {
  tables: Record<string, { found: boolean; sheet?: string }>;
  performanceTargets: unknown[];
  findings: {
    rule: string;
    severity: string;
    sheet: string;
    cells: string[];
    message: string;
    actual: string | null;
    expected: string | null;
    pdf?: { boxes: { page: number; x: number; y: number; width: number; height: number; cell: string }[] };
  }[];
}


function tsx(script: string, file: string): string {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'tests/helpers', script), file], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script} ${file}: ${r.stderr}`);
  return r.stdout;
}

/** The PDF's text items per page (pdf.js, in a process of its own). */
const pdfText = (file: string) => JSON.parse(tsx('pdf-text.ts', file)) as PdfPageText[];
interface Box {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}
/** The pseudo-sheets the PDF is read into, and where each cell is printed. */
const pdfSheets = (file: string) => JSON.parse(tsx('pdf-sheets.ts', file)) as { name: string; rows: string[][]; places: Record<string, Box> }[];

/** The items printed upwards inside a box on its page (their glyphs' middle, the text running up from x, y). */
function printedIn(pages: PdfPageText[], b: Box): PdfPageText['items'] {
  return pages[b.page - 1].items.filter((t) => {
    const cx = t.x - t.height / 2;
    const cy = t.y - t.width / 2;
    return t.turn === 270 && cx >= b.x - 1 && cx <= b.x + b.width + 1 && cy >= b.y - 1 && cy <= b.y + b.height + 1;
  });
}

const checkPdf = (file: string) => checkPdfJson<Json>(file);

const checkWorkbook = async (file: string): Promise<Json> => (await checkWorkbookJson<Json>(file)).json;

const TABLE_RULE = /^(T\d|X\.|HIER\.)/;
const ORDINAL = /^第\d+(-\d+)?页 表[一二三四五六七八九十]+$/;

function figures(json: Json): string[] {
  return json.findings.filter((f) => TABLE_RULE.test(f.rule)).map((f) => `${f.rule} ${f.severity} ${f.actual ?? ''} ${f.expected ?? ''}`).sort();
}

/** The reader's note on text printed in part (a warning that names the cells). */
const uncertainNote = (f: { rule: string; severity: string }) => f.rule === 'INPUT.pdf_uncertain_text' && f.severity === 'warning';

/** The same tables found, each on a page named after it, and the same table findings (rule, severity, figures). */
function expectSameTables(pdf: Json, wb: Json): void {
  for (const [id, loc] of Object.entries(wb.tables)) {
    expect({ id, found: pdf.tables[id].found }).toEqual({ id, found: loc.found });
    if (loc.found) expect(pdf.tables[id].sheet).toMatch(ORDINAL);
  }
  expect(figures(pdf)).toEqual(figures(wb));
  // the target forms and the narrative: no error the workbook does not have (a false 错误); what rests on text not
  // read whole is a warning (INPUT.pdf_uncertain_text names it)
  const errorsOf = (j: Json) => j.findings.filter((f) => f.severity === 'error' && !/^(T\d|X\.|HIER\.|INPUT\.)/.test(f.rule)).map((f) => `${f.rule} ${f.actual ?? ''} ${f.expected ?? ''}`);
  const workbookErrors = new Set(errorsOf(wb));
  expect(errorsOf(pdf).filter((e) => !workbookErrors.has(e))).toEqual([]);
}

let dir: string;
let workbook: Json;
const pdf: Record<'landscape' | 'sideways' | 'sidewaysA4' | 'mixed' | 'sideBySide' | 'one' | 'two', string> = { landscape: '', sideways: '', sidewaysA4: '', mixed: '', sideBySide: '', one: '', two: '' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-pdf-pages-'));
  const input = (name: string) => path.join(dir, name);
  python('pdf_pages.py', ['landscape', FIXTURE, input('landscape.xlsx')]);
  python('pdf_pages.py', ['sideways', FIXTURE, input('sideways.xlsx')]);
  python('pdf_pages.py', ['sideways', FIXTURE, input('mixed.xlsx'), '表七']);
  python('pdf_pages.py', ['side-by-side', FIXTURE, input('side-by-side.xlsx')]);
  python('pdf_pages.py', ['columns', FIXTURE, input('one.fodt'), '1']);
  python('pdf_pages.py', ['columns', FIXTURE, input('two.fodt'), '2']);
  [pdf.landscape] = soffice([input('landscape.xlsx')], 'pdf', path.join(dir, 'out'));
  [pdf.sideways, pdf.mixed, pdf.sideBySide] = soffice([input('sideways.xlsx'), input('mixed.xlsx'), input('side-by-side.xlsx')], ONE_PAGE_PER_SHEET, path.join(dir, 'out'));
  [pdf.sidewaysA4] = soffice([input('sideways.xlsx')], 'pdf', path.join(dir, 'a4'));
  [pdf.one, pdf.two] = soffice([input('one.fodt'), input('two.fodt')], 'pdf', path.join(dir, 'out'));
  workbook = await checkWorkbook(FIXTURE);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a workbook printed landscape', () => {
  it('reads as the workbook does: the same tables and table findings, no page left over', async () => {
    const pages = pdfText(pdf.landscape);
    expect(pages.length).toBeGreaterThan(20);
    for (const p of pages) expect(p.width).toBeGreaterThan(p.height);
    const { status, json } = checkPdf(pdf.landscape);
    expect(status).toBe(json.findings.some((f) => f.severity === 'error') ? 1 : 0);
    const wb = await checkWorkbook(path.join(dir, 'landscape.xlsx'));
    expectSameTables(json, wb);
    // no page left over, none turned; text printed in part is named, as warnings only
    expect(json.findings.filter((f) => f.rule.startsWith('INPUT.pdf_') && !uncertainNote(f))).toEqual([]);
    expect(json.performanceTargets).toHaveLength(wb.performanceTargets.length);
    // 表六 runs onto a second landscape page with one row, cut into two strips: all four pages in one table
    expect(json.tables.T6.sheet).toBe('第17-20页 表六');
  });
});

describe('tables printed sideways (text running upwards)', () => {
  let json: Json;
  let pages: PdfPageText[];
  beforeAll(() => {
    pages = pdfText(pdf.sideways);
    json = checkPdf(pdf.sideways).json;
  });

  it('really is printed sideways: the text of the 13 table pages runs upwards', () => {
    for (const p of pages.slice(0, 13)) {
      const up = p.items.filter((i) => i.turn === 270).length;
      expect({ page: p.page, up: up > 0.9 * p.items.length }).toEqual({ page: p.page, up: true });
    }
  });

  it('is read upright: the same tables and table findings as the workbook, no page named', () => {
    expectSameTables(json, workbook);
    // text the reader flags as printed in part (INPUT.pdf_uncertain_text) is named as a warning; nothing else
    expect(json.findings.filter((f) => f.rule.startsWith('INPUT.') && !uncertainNote(f))).toEqual(workbook.findings.filter((f) => f.rule.startsWith('INPUT.')));
    for (let n = 1; n <= 13; n++) expect(Object.values(json.tables).some((t) => t.sheet?.startsWith(`第${n}页 `))).toBe(true);
  });

  it('boxes each flagged figure where it is printed on the sideways page', () => {
    const boxes = json.findings.filter((f) => TABLE_RULE.test(f.rule)).flatMap((f) => f.pdf?.boxes ?? []);
    expect(boxes.length).toBeGreaterThan(5);
    for (const b of boxes) {
      // the box is tall and narrow, like the figure printed upwards, and holds the figure's printed glyphs
      const inside = printedIn(pages, b);
      expect({ cell: b.cell, page: b.page, texts: inside.length > 0, upright: b.height > b.width }).toEqual({ cell: b.cell, page: b.page, texts: true, upright: true });
    }
  });
});

describe('tables printed sideways and cut across A4 pages (the default print)', () => {
  let json: Json;
  let pages: PdfPageText[];
  let status: number | null;
  let cut: ReturnType<typeof pdfSheets>;
  beforeAll(() => {
    pages = pdfText(pdf.sidewaysA4);
    ({ status, json } = checkPdf(pdf.sidewaysA4));
    cut = pdfSheets(pdf.sidewaysA4);
  });

  it('really is cut: tables printed upwards across more pages than there are tables', () => {
    const sideways = pages.filter((p) => p.items.length && p.items.filter((i) => i.turn === 270).length > 0.9 * p.items.length);
    expect(sideways.length).toBeGreaterThan(20);
  });

  it('are put back together: the same tables and table findings as the workbook, no page left over', () => {
    expect(status).toBe(json.findings.some((f) => f.severity === 'error') ? 1 : 0);
    expectSameTables(json, workbook);
    expect(json.findings.filter((f) => f.rule.startsWith('INPUT.') && !uncertainNote(f))).toEqual(workbook.findings.filter((f) => f.rule.startsWith('INPUT.')));
    // a table cut into strips and blocks of rows is one pseudo-sheet over its pages (表一: two strips, two blocks)
    expect(json.tables.T1.sheet).toMatch(/^第1-4页 /);
    expect(Object.values(json.tables).filter((t) => /^第\d+-\d+页 /.test(t.sheet ?? '')).length).toBeGreaterThan(4);
  });

  it('reads each table as printed on one page: the same cells, the title whole where the one page cut it', () => {
    const whole = pdfSheets(pdf.sideways);
    const onePage = checkPdf(pdf.sideways).json;
    const sheetOf = (sheets: { name: string; rows: string[][] }[], j: Json, id: string) => sheets.find((s) => j.tables[id].sheet?.startsWith(`${s.name} `))!;
    const rows = (x: { rows: string[][] }) => x.rows.map((r) => (r ?? []).join('|').trim());
    for (const id of Object.keys(workbook.tables)) {
      const a = rows(sheetOf(cut, json, id));
      const b = rows(sheetOf(whole, onePage, id));
      expect({ id, rows: a.length }).toEqual({ id, rows: b.length });
      a.forEach((r, i) => expect({ id, row: i + 1, same: r === b[i] || (/表/.test(r) && r.endsWith(b[i])) }).toEqual({ id, row: i + 1, same: true }));
    }
  });

  it('boxes every figure of a table over several pages on the page it is printed on', () => {
    const tables = new Set(Object.values(json.tables).map((t) => t.sheet?.split(' ')[0]));
    const sheets = cut.filter((s) => tables.has(s.name) && s.name.includes('-'));
    expect(sheets.length).toBeGreaterThan(4);
    const onPages = new Set<number>();
    for (const s of sheets) {
      s.rows.forEach((r, i) =>
        (r ?? []).forEach((text, j) => {
          if (!/^[\d,]+\.\d\d$/.test(text)) return;
          const cell = `${String.fromCharCode(65 + j)}${i + 1}`;
          const b = s.places[cell];
          onPages.add(b.page);
          const inside = printedIn(pages, b).map((t) => t.str).join('');
          expect({ sheet: s.name, cell, inside, upright: b.height > b.width }).toEqual({ sheet: s.name, cell, inside: text, upright: true });
        }),
      );
    }
    // the figures of the right strips and of the later blocks are on pages of their own
    expect(onPages.size).toBeGreaterThan(10);
  });

  it('boxes each flagged figure where it is printed', () => {
    const boxes = json.findings.filter((f) => TABLE_RULE.test(f.rule)).flatMap((f) => f.pdf?.boxes ?? []);
    expect(boxes.length).toBeGreaterThan(5);
    for (const b of boxes) expect({ cell: b.cell, page: b.page, texts: printedIn(pages, b).length > 0 }).toEqual({ cell: b.cell, page: b.page, texts: true });
    // a flagged figure in a later block of rows (表三 E40 is on the block's own page)
    expect(new Set(boxes.map((b) => b.page)).size).toBeGreaterThan(3);
  });
});

describe('a page with text running two ways (an upright note with amounts beside a sideways table)', () => {
  it('names the page (INPUT.pdf_rotated_text), reads the table, claims no error from that page, and does not crash', () => {
    const { status, json } = checkPdf(pdf.mixed);
    expect(status).toBe(json.findings.some((f) => f.severity === 'error') ? 1 : 0);
    const rotated = json.findings.filter((f) => f.rule === 'INPUT.pdf_rotated_text');
    expect(rotated).toEqual([expect.objectContaining({ severity: 'warning', sheet: '第7页' })]);
    expect(rotated[0].message).toMatch(/^第7页：页面内容旋转.*2 个数字未能还原到表格中/);
    expect(json.tables.T7).toEqual({ found: true, sheet: '第7页 表七' });
    expect(json.findings.filter((f) => f.sheet.startsWith('第7页') && f.severity === 'error')).toEqual([]);
    // the other tables are read as before
    expect(figures(json)).toEqual(figures(workbook));
  });
});

describe('two tables side by side on one page', () => {
  it('are read as the workbook is: the same tables, table findings and reading problems, no crash', async () => {
    const { status, json } = checkPdf(pdf.sideBySide);
    const wb = await checkWorkbook(path.join(dir, 'side-by-side.xlsx'));
    expectSameTables(json, wb);
    const input = (j: Json) => j.findings.filter((f) => f.rule.startsWith('INPUT.') && !uncertainNote(f)).map((f) => `${f.rule} ${f.severity}`).sort();
    expect(input(json)).toEqual(input(wb));
    expect(status).toBe(json.findings.some((f) => f.severity === 'error') ? 1 : 0);
    // both tables' page is one page: 表七 is found on it (表八 beside it is not, in the workbook either)
    expect(json.tables.T7.sheet).toBe('第7页 表七');
  });
});

describe('the 情况说明 printed in two columns', () => {
  const flat = (sheets: { rows: string[][] }[]) => sheets.map((s) => s.rows.map((r) => r.join('')).join('')).join('').replace(/\s+/g, '');

  it('really is two columns: lines of both columns side by side on the first page', () => {
    const first = pdfText(pdf.two)[0];
    const mid = first.width / 2;
    const leftLines = new Set(first.items.filter((i) => i.x + i.width < mid).map((i) => Math.round(i.y)));
    const rightLines = new Set(first.items.filter((i) => i.x > mid).map((i) => Math.round(i.y)));
    expect([...leftLines].filter((y) => rightLines.has(y)).length).toBeGreaterThan(20);
  });

  it('reads column by column: the text in the order written, as the one-column print reads', () => {
    const written = (JSON.parse(python('pdf_pages.py', ['narrative', FIXTURE])) as string[]).join('').replace(/\s+/g, '');
    const two = pdfSheets(pdf.two);
    expect(flat(two)).toBe(written);
    expect(flat(pdfSheets(pdf.one))).toBe(written);
    // and not a paragraph mixes the columns: each heading starts a cell of its own, in order
    const cells = two.flatMap((s) => s.rows.map((r) => r.join('').replace(/\s+/g, '')));
    const headings = ['一、单位预算收支数据变动情况及原因', '二、收入预算情况说明', '五、一般公共预算支出情况说明', '八、机关运行经费增减变动原因说明'];
    const at = headings.map((h) => cells.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('finds in the narrative what the check of the workbook finds, claims no error but the missing tables, and does not crash', () => {
    const { json } = checkPdf(pdf.two);
    // the PDF holds the 情况说明 only: the 13 tables are missing (true), and nothing else is an error
    expect(json.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(Array(13).fill('INPUT.missing_table'));
    // no page left over, none turned; text printed in part is named, as warnings only
    expect(json.findings.filter((f) => f.rule.startsWith('INPUT.pdf_') && !uncertainNote(f))).toEqual([]);
    // the text checks of the narrative (repeated punctuation, the sections present) read as in the workbook:
    // a line of the other column in a paragraph would change them
    const said = (j: Json) => j.findings.filter((f) => f.rule === 'N.repeat' || f.rule === 'N.sections').map((f) => `${f.rule} ${f.message}`).sort();
    expect(said(json).length).toBeGreaterThanOrEqual(4);
    expect(said(json)).toEqual(said(workbook));
  });
});

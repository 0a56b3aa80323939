/**
 * The web page (src/web) end to end in headless Debian Chromium: a seed workbook opened through the file input,
 * the findings compared with checkWorkbook run here in Node, a finding shown in the sheet preview, every download
 * captured, saved and opened (ExcelJS for the workbooks, JSZip for the .docx, the browser for the HTML report),
 * a corrupt file, a 100,000-row sheet, and the page opened as file:// (no worker: the engine runs in the page).
 * Screenshots go to screenshots/web-*.png (1280 × 800 and 400 px wide).
 *
 * The page is built by harness.ts (webpack, development mode, tree-shaken, cached by source hash); WEB_E2E_BUILD_DIR
 * reuses a build to iterate.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import JSZip from 'jszip';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { Download, Page } from 'playwright-core';
import { autoFill } from '../../src/fixes/autofill';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import { generateNarrative, readSupplement } from '../../src/narrative';
import { check as checkWorkbook } from '../../src/engine';
import type { Finding, Severity } from '../../src/model/finding';
import { countSeverities } from '../../src/format/findings-view-model';
import { SECTION_ORDER, buildView, sectionItems, sectionTitle, viewItems } from '../../src/format/view';
import { groupDigits } from '../../src/format/labels';
import { FILLS, RESULT_SHEET, markKindOf, resultSections } from '../../src/format/marks';
import { buildHtml } from '../../src/format/report';
import { parseA1 } from '../../src/model/address';
import { readWorkbookFile } from '../../src/xlsx/read';
import { ROOT, SHOTS, buildWebPage, startSuite, stopSuite, type Browser, type StaticServer } from './harness';

jest.setTimeout(240_000);

// Screenshots land in screenshots/ (committed, looked at) when SCREENSHOTS=1; otherwise in a temp folder, so a
// plain test run leaves the tree clean.
const SEED = join(ROOT, 'fixtures/workbooks/001-standard.xlsx');
/** A total auto-fill can compute: 表一 本年收入合计 of seed 001, emptied in a copy. */
const BLANKED = { sheet: '表一', cell: 'B36' };
const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

let dist: string;
let tmp: string;
let server: StaticServer;
let browser: Browser;
let seed: WorkbookSnapshot;
let seedFindings: Finding[];
let blankedPath: string;
let corruptPath: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'budget-web-e2e-'));
  blankedPath = join(tmp, '001-合计为空.xlsx');
  corruptPath = join(tmp, '损坏的预算表.xlsx');
  [dist] = await Promise.all([
    buildWebPage(),
    (async () => {
      seed = await readWorkbookFile(SEED);
      seedFindings = checkWorkbook(seed).findings;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(SEED);
      wb.getWorksheet(BLANKED.sheet)!.getCell(BLANKED.cell).value = null;
      await wb.xlsx.writeFile(blankedPath);
      // The first 4 KB of a real workbook: a zip whose central directory is missing.
      writeFileSync(corruptPath, readFileSync(SEED).subarray(0, 4096));
    })(),
  ]);
  ({ server, browser } = await startSuite({ '/': dist }));
});

afterAll(() => stopSuite({ browser, server, tmp }));

interface Opened {
  page: Page;
  errors: string[];
}

async function openPage(width = 1280, height = 800, url = `${server.url}/index.html`): Promise<Opened> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width, height });
  await page.goto(url);
  await page.getByTestId('drop-zone').waitFor();
  return { page, errors };
}

async function upload(page: Page, file: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('findings').waitFor({ timeout: 60_000 });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `web-${name}.png`) });
}

/** Clicks and returns the download, saved under the temporary directory. */
async function download(page: Page, testId: string): Promise<{ file: string; download: Download }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testId).click()]);
  const file = join(tmp, `${Date.now()}-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { file, download: d };
}

/** "sheet!A1" → the most severe finding stated there (the cells the annotated copy fills). */
function expectedMarks(findings: Finding[]): Map<string, { severity: Severity; messages: string[] }> {
  const out = new Map<string, { severity: Severity; messages: string[] }>();
  for (const f of findings) {
    if (!f.sheet || !f.cells.length) continue;
    const k = `${f.sheet}!${f.cells[0]}`;
    const m = out.get(k) ?? { severity: f.severity, messages: [] };
    if (RANK[f.severity] > RANK[m.severity]) m.severity = f.severity;
    m.messages.push(f.message);
    out.set(k, m);
  }
  return out;
}

function noteText(note: ExcelJS.Cell['note']): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

/** The fill of the product's conditional-format mark on a cell ('' when none): marks are rules, not cell fills. */
function markArgb(wb: ExcelJS.Workbook, sheet: string, a1: string): string {
  const ws = wb.getWorksheet(sheet)!;
  const cfs = (ws as unknown as { conditionalFormattings?: { ref: string; rules: { formulae?: string[] }[] }[] }).conditionalFormattings ?? [];
  const { row, col } = parseA1(a1);
  const inside = (ref: string) =>
    ref.split(/\s+/).some((part) => {
      const [a, b = a] = part.replace(/\$/g, '').split(':');
      const p = parseA1(a);
      const q = parseA1(b);
      return p.row <= row && row <= q.row && p.col <= col && col <= q.col;
    });
  for (const cf of cfs) {
    if (!inside(cf.ref)) continue;
    for (const r of cf.rules) {
      const kind = markKindOf(String(r.formulae?.[0] ?? ''));
      if (kind) return FILLS[kind];
    }
  }
  return '';
}

function fillArgb(cell: ExcelJS.Cell): string {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f?.type === 'pattern' && f.pattern === 'solid' ? (f.fgColor?.argb ?? '') : '';
}

async function loadXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every non-empty cell of every sheet (but 校验结果) as "sheet!A1" → JSON of its value. */
function values(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  wb.eachSheet((ws) => {
    if (ws.name === RESULT_SHEET) return;
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== null && cell.value !== undefined) out.set(`${ws.name}!${cell.address}`, JSON.stringify(cell.value));
      }),
    );
  });
  return out;
}

test('001-standard: the findings, summary and filter equal checkWorkbook in Node; the engine runs in a worker', async () => {
  const { page, errors } = await openPage();
  await shot(page, 'start');
  await upload(page, SEED);
  await page.waitForFunction('window.__budgetWebEngine !== undefined');
  expect(await page.evaluate('window.__budgetWebEngine')).toBe('worker');
  expect(await page.getByTestId('workbook-name').textContent()).toBe('001-standard.xlsx');

  // The clerk's view (src/format/view.ts): 错误, 提示与信息, then the 舍位 group folded.
  const view = buildView(seedFindings);
  const sections = await page.locator('[data-testid^="section-"][data-count]').evaluateAll((els) =>
    els.map((e) => ({ id: e.getAttribute('data-testid')!.slice('section-'.length), title: e.querySelector('[data-testid="section-title"]')!.textContent, items: Number(e.getAttribute('data-count')) })),
  );
  expect(sections).toEqual(SECTION_ORDER.filter((id) => sectionItems(view, id).length).map((id) => ({ id, title: sectionTitle(view, id), items: sectionItems(view, id).length })));
  const messages = await page.getByTestId('finding-message').allTextContents();
  expect(messages).toEqual([...view.errors, ...view.notices].map((i) => i.message));
  const c = countSeverities(seedFindings);
  expect(await page.getByTestId('summary-totals').textContent()).toBe(`共 ${seedFindings.length} 条错误 ${c.error}提示 ${c.warning}信息 ${c.info}`);
  await shot(page, 'results');

  await page.getByTestId('filter-error').click();
  const shown = await page.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
  expect(shown).toEqual(new Array(view.errors.length).fill('error'));
  await page.getByTestId('filter-all').click();

  // A summary tile shows that table's findings only.
  await page.getByTestId('summary-tile-P').click();
  await page.locator('[data-testid="group-filter"][data-group="P"]').waitFor();
  expect(await page.getByTestId('finding-message').allTextContents()).toEqual(viewItems(buildView(seedFindings, { group: 'P' })).map((i) => i.message));
  await shot(page, 'tile-filter');
  await page.getByTestId('group-filter-clear').click();

  // The sheet tabs: every sheet, in order.
  const tabs = await page.getByTestId('sheet-tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-sheet')));
  expect(tabs).toEqual(seed.sheets.map((s) => s.name));
  expect(errors).toEqual([]);
  await page.close();
});

test('clicking a finding shows its sheet with the cell selected in its severity colour and the related cells framed', async () => {
  const first = seed.sheets.find((s) => !s.hidden)!.name;
  const v = buildView(seedFindings);
  const openItems = [...v.errors, ...v.notices];
  const targetItem = openItems.find((i) => i.parts.length === 1 && i.sheet && i.sheet !== first && i.parts[0].finding.cells.length > 1)!;
  expect(targetItem).toBeDefined();
  const target = targetItem.parts[0].finding;
  const marks = expectedMarks(seedFindings);
  const { page, errors } = await openPage();
  await upload(page, SEED);
  const index = targetItem.parts[0].index;
  await page.locator(`[data-testid="finding"][data-index="${index}"] [data-testid="finding-button"]`).click();

  const grid = page.getByTestId('sheet-grid');
  await page.locator(`[data-testid="sheet-grid"][data-sheet="${target.sheet}"]`).waitFor();
  const cell = grid.locator(`[data-cell="${target.cells[0]}"]`);
  await cell.waitFor();
  expect(await cell.getAttribute('data-selected')).toBe('true');
  const severity = marks.get(`${target.sheet}!${target.cells[0]}`)!.severity;
  expect(await cell.getAttribute('data-mark')).toBe(severity);
  const rgb = (argb: string) => `rgb(${[2, 4, 6].map((i) => parseInt(argb.slice(i, i + 2), 16)).join(', ')})`;
  expect(await cell.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(FILLS[severity]));
  expect(await cell.isVisible()).toBe(true);
  for (const r of target.cells.slice(1)) {
    expect(await grid.locator(`[data-cell="${r}"]`).getAttribute('data-related')).toBe('true');
  }
  expect(await page.getByTestId('name-box').textContent()).toBe(target.cells[0]);
  await page.getByTestId('cell-findings').getByText(target.message).waitFor();

  // Every coloured cell drawn on this sheet is one a finding is stated at, in that finding's colour.
  const drawn = await grid.locator('[data-mark]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-cell'), e.getAttribute('data-mark')]));
  expect(drawn.length).toBeGreaterThan(0);
  for (const [a1, sev] of drawn) expect(marks.get(`${target.sheet}!${a1}`)?.severity).toBe(sev);
  await shot(page, 'finding-selected');

  // A related cell on another sheet switches the preview there.
  const crossItem = openItems.find((i) => i.related.some((r) => r.sheet !== i.sheet && r.cells.length));
  if (crossItem) {
    const other = crossItem.related.find((r) => r.sheet !== crossItem.sheet)!;
    const at = crossItem.parts[0].index;
    await page.locator(`[data-testid="finding"][data-index="${at}"] [data-testid="finding-button"]`).click();
    await page.locator(`[data-testid="finding"][data-index="${at}"] [data-testid="related-link"]`, { hasText: other.sheet }).first().click();
    await page.locator(`[data-testid="sheet-grid"][data-sheet="${other.sheet}"]`).waitFor();
    expect(await grid.locator(`[data-cell="${other.cells[0]}"]`).getAttribute('data-selected')).toBe('true');
  }

  // And the other way: clicking a coloured cell in the grid opens its finding in the list.
  await page.locator(`[data-testid="sheet-tab"][data-sheet="${target.sheet}"]`).click();
  await page.locator(`[data-testid="sheet-grid"][data-sheet="${target.sheet}"]`).waitFor();
  const other = await grid.locator('[data-mark]').evaluateAll(
    (els, skip) => els.map((e) => e.getAttribute('data-cell')!).find((a1) => a1 !== skip),
    target.cells[0],
  );
  if (other) {
    const backIndex = seedFindings.findIndex((f) => f.sheet === target.sheet && f.cells[0] === other);
    await grid.locator(`[data-cell="${other}"]`).click();
    // The item holding that finding (merged ones hold several) opens, its section opened too.
    await page.locator(`[data-testid="finding"][data-indexes~="${backIndex}"] [data-testid="finding-button"][aria-expanded="true"]`).waitFor();
    expect(await page.getByTestId('name-box').textContent()).toBe(other);
  }
  expect(errors).toEqual([]);
  await page.close();
});

test('带标注的工作簿: fills and notes on the findings\' cells, a 校验结果 sheet, values unchanged', async () => {
  const { page, errors } = await openPage();
  await upload(page, SEED);
  const { file, download: d } = await download(page, 'download-annotated');
  expect(d.suggestedFilename()).toBe('001-standard.校验.xlsx');
  await page.getByTestId('message-success').waitFor();

  const [original, annotated] = await Promise.all([loadXlsx(SEED), loadXlsx(file)]);
  expect(values(annotated)).toEqual(values(original));
  const marks = expectedMarks(seedFindings);
  for (const [key, m] of marks) {
    const [sheet, a1] = key.split('!');
    const cell = annotated.getWorksheet(sheet)!.getCell(a1);
    expect([key, markArgb(annotated, sheet, a1)]).toEqual([key, FILLS[m.severity]]);
    for (const msg of m.messages) expect(noteText(cell.note)).toContain(msg);
  }
  // Cells without a finding keep their look.
  original.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (marks.has(`${ws.name}!${cell.address}`)) return;
        const after = annotated.getWorksheet(ws.name)!.getCell(cell.address);
        expect(fillArgb(after)).toBe(fillArgb(cell));
        expect(noteText(after.note)).toBe(noteText(cell.note));
      }),
    ),
  );
  const result = annotated.getWorksheet(RESULT_SHEET)!;
  expect(result).toBeDefined();
  // First (the seed has no cover), one title row per section and one row per item of the view.
  expect(annotated.worksheets[0].name).toBe(RESULT_SHEET);
  const sections = resultSections(seedFindings);
  expect(result.rowCount).toBe(1 + sections.reduce((n, x) => n + 1 + x.items.length, 0));
  const listed: string[] = [];
  result.eachRow((row, r) => {
    if (r > 1 && typeof row.getCell(1).value === 'number') listed.push(String(row.getCell(4).value).split('\n')[0]);
  });
  expect(listed).toEqual(sections.flatMap((x) => x.items.map((i) => i.message)));
  expect(errors).toEqual([]);
  await page.close();
});

test('情况说明 (.docx and .md) and 校验报告 (HTML and CSV) download and open', async () => {
  const { page, errors } = await openPage();
  await upload(page, SEED);
  const g = generateNarrative(checkWorkbook(seed).recognised, readSupplement(seed));

  const docx = await download(page, 'download-docx');
  expect(docx.download.suggestedFilename()).toBe('001-standard-情况说明.docx');
  const zip = await JSZip.loadAsync(readFileSync(docx.file));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain('情况说明');
  expect(xml).toContain(g.title);
  expect(xml).toContain(g.sections[0].title);

  const md = await download(page, 'download-md');
  expect(readFileSync(md.file, 'utf8')).toBe(g.markdown);

  const html = await download(page, 'download-html');
  expect(html.download.suggestedFilename()).toMatch(/^校验报告-001-standard-\d{8}-\d{4}\.html$/);
  const report = await browser.context.newPage();
  await report.goto(pathToFileURL(html.file).href);
  expect(await report.locator('h1').textContent()).toBe('预算公开校验报告');
  const items = viewItems(buildView(seedFindings));
  expect(await report.locator('table.list tbody tr').count()).toBe(items.length);
  const reportMessages = await report.locator('table.list tbody tr td.c3').allTextContents();
  expect(reportMessages).toEqual(items.map((i) => i.message));
  // Printed on A4 (landscape, as its @page says): the PDF renders, and nothing is wider than the page.
  // The printable width of A4 landscape with the report's 12 mm margins: 273 mm ≈ 1031 CSS px.
  await report.setViewportSize({ width: 1031, height: 1400 });
  await report.emulateMedia({ media: 'print' });
  const overflow = await report.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const pdf = await report.pdf({ path: join(tmp, 'report-a4.pdf'), format: 'A4', landscape: true, preferCSSPageSize: true, printBackground: true });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  // A long list of cells (the 30 in one unbreakable line) wraps inside its column: still nothing wider.
  const cells = Array.from({ length: 30 }, (_, i) => `C${i + 6}`);
  const long: Finding = { rule: 'HIER.T2', severity: 'error', sheet: '表二', cells: ['C5', ...cells], message: '表二 合计 1.00 ≠ 各款之和 2.00', expected: '2.00', actual: '1.00', related: [{ sheet: '表五', cells }] };
  await report.setContent(buildHtml([long], { workbook: 'x.xlsx', checkedAt: new Date(2026, 0, 1) }));
  expect(await report.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  expect(await report.locator('td.c7').textContent()).toContain('C35');
  await report.close();

  const csv = await download(page, 'download-csv');
  const lines = readFileSync(csv.file, 'utf8').slice(1).trim().split('\r\n');
  expect(lines).toHaveLength(items.length + 1);
  expect(errors).toEqual([]);
  await page.close();
});

test('自动填充合计: the preview lists the blank totals; the downloaded copy holds the computed value in blue', async () => {
  const blanked = await readWorkbookFile(blankedPath);
  const { result } = autoFill(blanked, (s) => checkWorkbook(s).findings);
  const fix = result.applied.find((f) => f.sheet === BLANKED.sheet && f.cell === BLANKED.cell)!;
  expect(fix).toBeDefined();
  expect(Number(fix.value)).toBe(1519.11);

  const { page, errors } = await openPage();
  await upload(page, blankedPath);
  await page.getByTestId('download-autofill').click();
  await page.getByTestId('autofill-table').waitFor();
  const rows = await page.getByTestId('autofill-row').evaluateAll((els) =>
    els.map((e) => Array.from(e.querySelectorAll('td')).map((td) => td.textContent)),
  );
  expect(rows).toEqual(result.applied.map((f) => [`${f.sheet}!${f.cell}`, f.previous === '' ? '空' : groupDigits(f.previous), '→', groupDigits(f.value)]));
  // Only empty cells unless 覆盖 is chosen.
  expect(result.applied.every((f) => f.previous === '')).toBe(true);
  // The preview shows the value to be written in the grid, in blue.
  await page.getByTestId('sheet-grid').locator(`[data-cell="${BLANKED.cell}"]`).scrollIntoViewIfNeeded();
  expect(await page.getByTestId('sheet-grid').locator(`[data-cell="${BLANKED.cell}"]`).getAttribute('data-mark')).toBe('fixed');
  await shot(page, 'autofill-preview');

  const { file, download: d } = await download(page, 'autofill-confirm');
  expect(d.suggestedFilename()).toBe('001-合计为空.自动填充.xlsx');
  await page.getByTestId('message-success').waitFor();
  const [before, filled] = await Promise.all([loadXlsx(blankedPath), loadXlsx(file)]);
  const cell = filled.getWorksheet(BLANKED.sheet)!.getCell(BLANKED.cell);
  expect(cell.value).toBe(Number(fix.value));
  expect(markArgb(filled, BLANKED.sheet, BLANKED.cell)).toBe(FILLS.fixed);
  expect(noteText(cell.note)).toContain('已自动填充');
  const vb = values(before);
  const va = values(filled);
  const changed = [...new Set([...vb.keys(), ...va.keys()])].filter((k) => vb.get(k) !== va.get(k));
  expect(changed.sort()).toEqual(result.applied.map((f) => `${f.sheet}!${f.cell}`).sort());
  expect(errors).toEqual([]);
  await page.close();
});

test('a corrupt file dropped on the page: a Chinese message naming the file, the page still usable', async () => {
  const { page, errors } = await openPage();
  // Dropped, as from the file manager (a DataTransfer with the file, dragenter → dragover → drop).
  await page.evaluate(
    ({ bytes, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name));
      const target = document.querySelector('[data-testid="drop-zone"]')!;
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    { bytes: [...readFileSync(corruptPath)], name: '损坏的预算表.xlsx' },
  );
  const bar = page.getByTestId('message-error');
  await bar.waitFor();
  const text = (await bar.textContent())!;
  expect(text).toContain('损坏的预算表.xlsx');
  expect(text).toMatch(/无法(打开|读取)/);
  await page.getByTestId('drop-zone').waitFor();
  await shot(page, 'error');
  // The next good file opens normally.
  await upload(page, SEED);
  expect(await page.getByTestId('message-error').count()).toBe(0);
  expect(errors).toEqual([]);
  await page.close();
});

test('400 px wide: one column; choosing a finding brings the sheet preview into view', async () => {
  const { page, errors } = await openPage(400, 800);
  await upload(page, SEED);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(400);
  await shot(page, 'narrow');
  const first = buildView(seedFindings).errors.find((i) => i.sheet && i.cell)!;
  const target = first.parts[0].finding;
  await page.locator(`[data-testid="finding"][data-index="${first.parts[0].index}"] [data-testid="finding-button"]`).click();
  const cell = page.getByTestId('sheet-grid').locator(`[data-cell="${target.cells[0]}"]`);
  await cell.waitFor();
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid="sheet-preview"]')!.getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight / 2;
  });
  expect(await cell.isVisible()).toBe(true);
  await shot(page, 'narrow-finding');
  expect(errors).toEqual([]);
  await page.close();
});

/** A workbook of one sheet with `rows` rows of text and numbers (written directly, in well under a second). */
async function bigWorkbook(rows: number): Promise<Buffer> {
  const zip = new JSZip();
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets><sheet name="明细" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
  const parts = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  parts.push('<row r="1"><c r="A1" t="inlineStr"><is><t>支出明细（十万行）</t></is></c></row>');
  for (let r = 2; r <= rows; r++) {
    parts.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>项目${r}</t></is></c><c r="B${r}"><v>${r}</v></c><c r="C${r}"><v>${r * 2}.5</v></c><c r="D${r}"><v>${r % 97}</v></c></row>`);
  }
  parts.push('</sheetData><mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells></worksheet>');
  zip.file('xl/worksheets/sheet1.xml', parts.join(''));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

test('a 100,000-row sheet: the page stays responsive and the grid draws only what is in view', async () => {
  const file = join(tmp, '十万行.xlsx');
  writeFileSync(file, await bigWorkbook(100_000));
  const { page, errors } = await openPage();
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('loading').waitFor();
  // While the worker reads and checks, the page answers: the engine is the worker, and a chain of timers started
  // once the loading card shows keeps firing while that card is still shown (were the main thread busy reading,
  // every timer would wait until the findings are drawn). Counted, not timed.
  await page.waitForFunction('window.__budgetWebEngine !== undefined');
  expect(await page.evaluate('window.__budgetWebEngine')).toBe('worker');
  const ticksWhileLoading = await page.evaluate(`new Promise((resolve) => {
    let ticks = 0;
    const tick = () => {
      if (!document.querySelector('[data-testid="loading"]')) return resolve(ticks);
      if (++ticks === 5) return resolve(ticks);
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  })`);
  expect(ticksWhileLoading).toBe(5);
  await page.getByTestId('findings').waitFor();
  const grid = page.getByTestId('sheet-grid');
  await page.locator('[data-testid="sheet-grid"][data-sheet="明细"]').waitFor();
  expect(await grid.getAttribute('aria-rowcount')).toBe('100000');
  expect(await grid.locator('[role="gridcell"]').count()).toBeLessThan(1500);
  expect(await grid.locator('[data-cell="A1"]').textContent()).toBe('支出明细（十万行）');
  await grid.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await grid.locator('[data-cell="C100000"]').waitFor();
  expect(await grid.locator('[data-cell="C100000"]').textContent()).toBe('200000.5');
  expect(await grid.locator('[role="gridcell"]').count()).toBeLessThan(1500);
  await shot(page, 'large-sheet');
  expect(errors).toEqual([]);
  await page.close();
});

test('opened as file:// (a shared folder, no worker allowed): the engine runs in the page, same findings, downloads work', async () => {
  const { page, errors } = await openPage(1280, 800, pathToFileURL(join(dist, 'index.html')).href);
  await upload(page, SEED);
  expect(await page.evaluate('window.__budgetWebEngine')).toBe('page');
  const messages = await page.getByTestId('finding-message').allTextContents();
  const v = buildView(seedFindings);
  expect(messages).toEqual([...v.errors, ...v.notices].map((i) => i.message));
  const { file } = await download(page, 'download-annotated');
  const wb = await loadXlsx(file);
  expect(wb.getWorksheet(RESULT_SHEET)!.rowCount).toBe(1 + resultSections(seedFindings).reduce((n, x) => n + 1 + x.items.length, 0));
  expect(errors).toEqual([]);
  await page.close();
});

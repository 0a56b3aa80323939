/**
 * The web page with a published disclosure PDF (issue #17), end to end in headless Debian Chromium. The PDFs are
 * printed in the setup by LibreOffice headless from a fixture workbook (one page per sheet, as
 * tests/fidelity/pdf.fidelity.test.ts prints them; cached by hash under node_modules/.cache/budget-pdf), and a PDF
 * whose only page is an image (a scanned page). Checked here:
 *
 *   - nothing of the PDF side (pdf.js, its worker, the reader) is loaded before the first check;
 *   - the findings the page shows are those of `budget-check check x.pdf --json` (same rule, severity, sheet,
 *     cells, message, figures), in the list the clerk's view makes of them;
 *   - a finding selected shows its page rendered by pdf.js on the canvas, with a box over the figure exactly
 *     where the JSON's `pdf.boxes` put it, the page's other findings boxed lighter, and page navigation;
 *   - the annotated PDF downloaded is a PDF whose first pages are the original's (same text, page by page) with
 *     the findings pages appended;
 *   - the scanned page (dropped on the page) gives its INPUT.scanned_page finding, and its page is shown with a
 *     note; a damaged PDF is one Chinese message;
 *   - last year's workbook chosen beside the PDF: the findings of `check x.pdf --previous`;
 *   - the page opened as file:// (no workers): pdf.js runs in the page, the font comes from its inline chunk.
 *
 * Screenshots: screenshots/web-pdf-*.png (SCREENSHOTS=1).
 */
import { spawnSync } from 'child_process';
import crypto from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import type { Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import type { Finding } from '../../src/model/finding';
import { buildView } from '../../src/format/view';
import type { PdfPageText } from '../../src/pdf/text';
import type { PdfBoxJson } from '../../src/cli/pdf-places';
import { ROOT, SHOTS, buildWebPage, startSuite, stopSuite, type Browser, type StaticServer } from './harness';

jest.setTimeout(600_000);

const LAYOUT = '001-standard';
const WORKBOOK = join(ROOT, 'fixtures/workbooks', `${LAYOUT}.xlsx`);
const PRINT = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}';

type BoxJson = PdfBoxJson;
interface FindingJson {
  rule: string;
  severity: string;
  sheet: string;
  cells: string[];
  message: string;
  expected: string | null;
  actual: string | null;
  pdf?: { pages: number[]; boxes: BoxJson[] };
}

let dist: string;
let server: StaticServer;
let browser: Browser;
let tmp: string;
let pdfFile: string;
let scannedFile: string;
let cliFindings: FindingJson[];

function soffice(to: string, outDir: string, inputs: string[]): void {
  const profile = `file://${join(outDir, 'lo-profile')}`;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', outDir, ...inputs], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
}

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/budget-check.js'), ...args], { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The PDF's text items per page, read by pdf.js in a process of its own (an ES module jest cannot import). */
function pdfText(file: string): PdfPageText[] {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'tests/helpers/pdf-text.ts'), file], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdf-text ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout) as PdfPageText[];
}

/** The fixture printed to PDF by LibreOffice (cached by LibreOffice version, settings and workbook), and a scanned page. */
function printPdfs(): { pdf: string; scanned: string } {
  const version = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).stdout ?? '';
  const png = readFileSync(join(ROOT, 'assets/icon-128.png'));
  const h = crypto.createHash('sha1').update(version).update(PRINT).update(readFileSync(WORKBOOK)).update(png).update('web-pdf');
  const dir = join(ROOT, 'node_modules/.cache/budget-pdf', `web-${h.digest('hex').slice(0, 16)}`);
  mkdirSync(dir, { recursive: true });
  const pdf = join(dir, `${LAYOUT}.pdf`);
  if (!existsSync(pdf)) soffice(PRINT, dir, [WORKBOOK]);
  const scanned = join(dir, 'scanned.pdf');
  if (!existsSync(scanned)) {
    const doc = join(dir, 'scanned.fodt');
    writeFileSync(
      doc,
      `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text><text:p><draw:frame draw:name="scan" text:anchor-type="as-char" svg:width="15cm" svg:height="15cm"><draw:image><office:binary-data>${png.toString('base64')}</office:binary-data></draw:image></draw:frame></text:p></office:text></office:body></office:document>`,
    );
    soffice('pdf', dir, [doc]);
  }
  return { pdf, scanned };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'budget-web-pdf-e2e-'));
  const printed = printPdfs();
  // the file name the page and the CLI both see
  pdfFile = join(tmp, `${LAYOUT}.pdf`);
  scannedFile = join(tmp, '扫描件.pdf');
  writeFileSync(pdfFile, readFileSync(printed.pdf));
  writeFileSync(scannedFile, readFileSync(printed.scanned));
  const r = cli(['check', pdfFile, '--json']);
  expect(r.stderr).toBe('');
  cliFindings = (JSON.parse(r.stdout) as { findings: FindingJson[] }).findings;
  dist = await buildWebPage();
  ({ server, browser } = await startSuite({ '/': dist }));
});

afterAll(() => stopSuite({ browser, server, tmp }));

async function openPage(width = 1280, height = 800): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.setViewportSize({ width, height });
  await page.goto(`${server.url}/index.html`);
  await page.getByTestId('drop-zone').waitFor();
  return { page, errors, requests };
}

async function upload(page: Page, file: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('findings').waitFor({ timeout: 120_000 });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `web-pdf-${name}.png`) });
}

const pick = (f: Pick<FindingJson, 'rule' | 'severity' | 'sheet' | 'cells' | 'message'> & { expected?: string | null; actual?: string | null }) => ({
  rule: f.rule,
  severity: f.severity,
  sheet: f.sheet,
  cells: f.cells,
  message: f.message,
  expected: f.expected ?? null,
  actual: f.actual ?? null,
});

/** Pixels of the canvas that are not white (the page was drawn). */
function inkOf(page: Page): Promise<number> {
  return page.getByTestId('pdf-canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
    return n;
  });
}

test('a PDF: nothing of pdf.js before the first check; the findings are those of check x.pdf --json', async () => {
  const { page, errors, requests } = await openPage();
  // Before a PDF is opened, the page has loaded none of its PDF side.
  expect(requests.filter((r) => /pdf/i.test(r))).toEqual([]);
  await upload(page, pdfFile);
  expect(await page.getByTestId('workbook-name').textContent()).toBe(`${LAYOUT}.pdf`);
  expect(await page.evaluate('window.__budgetWebEngine')).toBe('worker');
  // pdf.js ran with its own worker, from this server (no CDN)
  expect(requests.some((r) => /^\/pdf-worker[.\w]*\.js$/.test(r))).toBe(true);

  const shown = (await page.evaluate('window.__budgetWebFindings')) as Finding[];
  expect(shown.map(pick)).toEqual(cliFindings.map(pick));
  expect(cliFindings.filter((f) => (f.pdf?.boxes.length ?? 0) > 0).length).toBeGreaterThan(5);
  // the list is the clerk's view of exactly those findings
  const view = buildView(shown);
  expect(await page.getByTestId('finding-message').allTextContents()).toEqual([...view.errors, ...view.notices].map((i) => i.message));
  // a PDF: its annotated copy is a PDF, and there is nothing to auto-fill
  expect(await page.getByTestId('download-annotated').textContent()).toBe('带标注的 PDF');
  expect(await page.getByTestId('download-autofill').count()).toBe(0);
  await page.getByTestId('pdf-canvas').and(page.locator('[data-rendered="true"]')).waitFor();
  await shot(page, 'results');
  expect(errors).toEqual([]);
  await page.close();
});

test('a finding selected: its page drawn by pdf.js, its box over the figure at the JSON box, the others lighter; page navigation', async () => {
  const { page, errors } = await openPage();
  await upload(page, pdfFile);
  const view = buildView(cliFindings as unknown as Finding[]);
  // findings shown in the open sections of the list (错误, 提示与信息), with boxes
  const open = [...view.errors, ...view.notices];
  const listed = (i: number) => open.some((it) => it.parts.some((p) => p.index === i));
  const index = cliFindings.findIndex((f, i) => (f.pdf?.boxes.length ?? 0) > 0 && listed(i));
  expect(index).toBeGreaterThanOrEqual(0);
  const target = cliFindings[index];
  const box = target.pdf!.boxes[0];
  await page.locator(`[data-testid="finding"][data-index="${index}"] [data-testid="finding-button"]`).click();

  const preview = page.getByTestId('pdf-preview');
  await page.locator(`[data-testid="pdf-preview"][data-page="${box.page}"]`).waitFor();
  await page.locator('[data-testid="pdf-canvas"][data-rendered="true"]').waitFor();
  expect(await page.getByTestId('pdf-page-no').textContent()).toContain(`第 ${box.page} / `);
  expect(await inkOf(page)).toBeGreaterThan(1000);

  const scale = Number(await page.getByTestId('pdf-page').getAttribute('data-scale'));
  expect(scale).toBeGreaterThan(0);
  const origin = (await page.getByTestId('pdf-canvas').boundingBox())!;
  const selected = page.locator('[data-testid="pdf-box"][data-selected="true"]');
  expect(await selected.count()).toBe(target.pdf!.boxes.filter((b) => b.page === box.page).length);
  const bb = (await selected.first().boundingBox())!;
  // the overlay box stands 2 px off the cell's box on each side
  expect(Math.abs((bb.x + 2 - origin.x) / scale - box.x)).toBeLessThan(0.75);
  expect(Math.abs((bb.y + 2 - origin.y) / scale - box.y)).toBeLessThan(0.75);
  expect(Math.abs((bb.width - 4) / scale - box.width)).toBeLessThan(0.75);
  expect(Math.abs((bb.height - 4) / scale - box.height)).toBeLessThan(0.75);
  expect(await selected.first().getAttribute('data-cell')).toBe(box.cell);
  // the other findings boxed on this page, lighter
  const others = cliFindings.flatMap((f, i) => (i === index ? [] : (f.pdf?.boxes ?? []).filter((b) => b.page === box.page).map(() => i)));
  const own = page.locator('[data-testid="pdf-box"][data-role="own"]');
  expect(await own.count()).toBe(others.length);
  if (others.length) {
    const opacity = await own.first().evaluate((e) => Number(getComputedStyle(e).opacity));
    expect(opacity).toBeLessThan(await selected.first().evaluate((e) => Number(getComputedStyle(e).opacity)));
  }
  await expect(preview.getByTestId('pdf-selected-note').textContent()).resolves.toContain(target.message);
  await shot(page, 'finding-selected');
  // close up, zoomed in twice: the box drawn round the figure
  await page.getByTestId('pdf-zoom-in').click();
  await page.getByTestId('pdf-zoom-in').click();
  await page.locator(`[data-testid="pdf-page"][data-scale="${Math.min(4, scale * 1.25 * 1.25)}"]`).waitFor();
  await page.locator('[data-testid="pdf-canvas"][data-rendered="true"]').waitFor();
  await page.waitForTimeout(300);
  const near = (await selected.first().boundingBox())!;
  await page.screenshot({ path: join(SHOTS, 'web-pdf-box-closeup.png'), clip: { x: Math.max(450, near.x - 300), y: Math.max(60, near.y - 120), width: 640, height: 260 } });
  expect(await selected.first().getAttribute('data-cell')).toBe(box.cell);

  // page navigation
  const pages = Number((await page.getByTestId('pdf-page-no').textContent())!.match(/\/ (\d+)/)![1]);
  const next = box.page < pages ? box.page + 1 : box.page - 1;
  await page.getByTestId(box.page < pages ? 'pdf-next' : 'pdf-prev').click();
  await page.locator(`[data-testid="pdf-preview"][data-page="${next}"]`).waitFor();
  await page.locator('[data-testid="pdf-canvas"][data-rendered="true"]').waitFor();
  expect(await inkOf(page)).toBeGreaterThan(1000);

  // a box clicked on a page selects its finding in the list
  const withBox = cliFindings.findIndex((f, i) => i !== index && (f.pdf?.boxes.length ?? 0) > 0 && f.pdf!.boxes[0].page !== box.page && listed(i));
  if (withBox >= 0) {
    await page.locator(`[data-testid="finding"][data-index="${withBox}"] [data-testid="finding-button"]`).click();
    await page.locator(`[data-testid="pdf-preview"][data-page="${cliFindings[withBox].pdf!.boxes[0].page}"]`).waitFor();
    await page.locator('[data-testid="pdf-canvas"][data-rendered="true"]').waitFor();
    const other = page.locator(`[data-testid="pdf-box"][data-role="own"]`).first();
    if ((await other.count()) > 0) {
      const i = Number(await other.getAttribute('data-finding'));
      await other.dispatchEvent('click');
      await page.locator(`[data-testid="pdf-box"][data-selected="true"][data-finding="${i}"]`).first().waitFor();
    }
  }

  // 400 px wide: the list, then the page
  await page.setViewportSize({ width: 400, height: 800 });
  await page.locator(`[data-testid="finding"][data-index="${index}"] [data-testid="finding-button"]`).click();
  await page.locator('[data-testid="pdf-canvas"][data-rendered="true"]').waitFor();
  await page.locator('[data-testid="pdf-box"][data-selected="true"]').first().waitFor();
  await shot(page, 'narrow');
  expect(errors).toEqual([]);
  await page.close();
});

test('the annotated PDF download: the original pages kept (same text), the findings pages appended', async () => {
  const { page, errors } = await openPage();
  await upload(page, pdfFile);
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('download-annotated').click()]);
  expect(d.suggestedFilename()).toBe(`${LAYOUT}.校验.pdf`);
  const file = join(tmp, 'annotated.pdf');
  await d.saveAs(file);
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const original = await PDFDocument.load(readFileSync(pdfFile));
  const copy = await PDFDocument.load(bytes);
  expect(copy.getPageCount()).toBeGreaterThan(original.getPageCount());
  original.getPages().forEach((p, i) => expect(copy.getPage(i).getSize()).toEqual(p.getSize()));
  // pdf.js reads the copy: its first pages hold the original's text, the appended ones the findings
  const before = pdfText(pdfFile);
  const after = pdfText(file);
  for (const p of before) expect(after[p.page - 1].items.map((i) => i.str).filter((s) => !/^\d+$/.test(s))).toEqual(expect.arrayContaining(p.items.map((i) => i.str).filter((s) => !/^\d+$/.test(s))));
  const appended = after.slice(before.length).flatMap((p) => p.items.map((i) => i.str)).join('');
  expect(appended).toContain('校验结果');
  await page.getByText('已下载带标注的 PDF').waitFor();
  await shot(page, 'annotated-downloaded');
  expect(errors).toEqual([]);
  await page.close();
});

test('a PDF checked again with last year\'s workbook beside it: the findings of check x.pdf --previous', async () => {
  const { page, errors } = await openPage();
  await upload(page, pdfFile);
  const previous = join(tmp, '2023年预算公开.xlsx');
  writeFileSync(previous, readFileSync(WORKBOOK));
  await page.getByTestId('previous-input').setInputFiles(previous);
  await page.getByText('已加入上年公开文件').waitFor({ timeout: 120_000 });
  const r = cli(['check', pdfFile, '--previous', previous, '--json']);
  expect(r.stderr).toBe('');
  const expected = (JSON.parse(r.stdout) as { findings: FindingJson[] }).findings;
  const shown = (await page.evaluate('window.__budgetWebFindings')) as Finding[];
  expect(shown.map(pick)).toEqual(expected.map(pick));
  // the boxes still follow the findings (the PDF's pages stay what the preview shows)
  await page.locator('[data-testid="pdf-canvas"][data-rendered="true"]').waitFor();
  expect(errors).toEqual([]);
  await page.close();
});

/** Drops files on the page (a DataTransfer built in the page from the files' bytes). */
async function drop(page: Page, files: { name: string; data: Buffer }[]): Promise<void> {
  const list = files.map((f) => ({ name: f.name, data: f.data.toString('base64') }));
  const transfer = await page.evaluateHandle((l) => {
    const dt = new DataTransfer();
    for (const f of l) dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name, { type: 'application/pdf' }));
    return dt;
  }, list);
  await page.getByTestId('web-app').dispatchEvent('drop', { dataTransfer: transfer });
}

test('a scanned page (dropped on the page): its INPUT.scanned_page finding, and the page shown with a note; a damaged PDF', async () => {
  const { page, errors } = await openPage();
  // first the printed workbook, paged on past the scanned file's one page: a new PDF opens on its own first page
  await drop(page, [{ name: `${LAYOUT}.pdf`, data: readFileSync(pdfFile) }]);
  await page.locator('[data-testid="pdf-canvas"][data-rendered="true"]').waitFor({ timeout: 120_000 });
  await page.getByTestId('pdf-next').click();
  expect(Number(await page.getByTestId('pdf-preview').getAttribute('data-page'))).toBeGreaterThan(1);
  await drop(page, [{ name: '扫描件.pdf', data: readFileSync(scannedFile) }]);
  await page.getByTestId('findings').waitFor({ timeout: 120_000 });
  await page.getByText('扫描件.pdf', { exact: true }).first().waitFor();
  expect(await page.getByTestId('workbook-name').textContent()).toBe('扫描件.pdf');
  const shown = (await page.evaluate('window.__budgetWebFindings')) as Finding[];
  const r = cli(['check', scannedFile, '--json']);
  expect(shown.map(pick)).toEqual((JSON.parse(r.stdout) as { findings: FindingJson[] }).findings.map(pick));
  const index = shown.findIndex((f) => f.rule === 'INPUT.scanned_page');
  expect(shown[index]).toMatchObject({ severity: 'warning', sheet: '第1页' });
  expect(shown.filter((f) => f.severity === 'error')).toEqual([]);
  // the page is shown from the start, with the note that it is scanned
  await page.locator('[data-testid="pdf-preview"][data-page="1"]').waitFor();
  await page.locator('[data-testid="pdf-canvas"][data-rendered="true"]').waitFor();
  await page.getByTestId('pdf-scanned-note').waitFor();
  expect(await inkOf(page)).toBeGreaterThan(100);
  expect(await page.getByText(/无法显示第/).count()).toBe(0);
  // the finding selected: its message above the page (instead of the same note twice)
  await page.locator(`[data-testid="finding"][data-index="${index}"] [data-testid="finding-button"]`).click();
  await expect(page.getByTestId('pdf-selected-note').textContent()).resolves.toContain(shown[index].message);
  expect(await page.getByTestId('pdf-scanned-note').count()).toBe(0);
  await shot(page, 'scanned');

  // a damaged PDF (its first 4 KB): one Chinese message naming the file, the page still usable
  await drop(page, [{ name: '损坏的公开文件.pdf', data: readFileSync(pdfFile).subarray(0, 4096) }]);
  await page.getByText('无法打开“损坏的公开文件.pdf”').waitFor({ timeout: 60_000 });
  await page.getByText('损坏的公开文件.pdf 不是有效的 PDF 文件').first().waitFor();
  await shot(page, 'damaged');
  expect(errors).toEqual([]);
  await page.close();
});

test('the page opened as file:// (no workers): pdf.js runs in the page, the same findings, the page drawn', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(pathToFileURL(join(dist, 'index.html')).href);
  await page.getByTestId('drop-zone').waitFor();
  await upload(page, pdfFile);
  expect(await page.evaluate('window.__budgetWebEngine')).toBe('page');
  const shown = (await page.evaluate('window.__budgetWebFindings')) as Finding[];
  expect(shown.map(pick)).toEqual(cliFindings.map(pick));
  await page.locator('[data-testid="pdf-canvas"][data-rendered="true"]').waitFor();
  expect(await inkOf(page)).toBeGreaterThan(1000);
  expect(await page.locator('[data-testid="pdf-box"]').count()).toBeGreaterThan(0);
  // the annotated copy: the font comes from its inline chunk (a file:// page cannot fetch the font file)
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('download-annotated').click()]);
  const file = join(tmp, 'annotated-file-url.pdf');
  await d.saveAs(file);
  const copy = await PDFDocument.load(readFileSync(file));
  expect(copy.getPageCount()).toBeGreaterThan((await PDFDocument.load(readFileSync(pdfFile))).getPageCount());
  await page.getByText('已下载带标注的 PDF').waitFor();
  await shot(page, 'file-url');
  expect(errors).toEqual([]);
  await page.close();
});

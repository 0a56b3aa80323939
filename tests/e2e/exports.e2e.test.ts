/**
 * 导出校验报告 and 下载 .docx per host profile, in headless Debian Chromium over the Excel-API simulator (the test
 * page tests/e2e/sim sets Office.context.platform and, with &obw=1, an Office.context.ui.openBrowserWindow that
 * records its URL instead of opening a browser):
 *   - Excel on the web: a download; the pane says 已开始下载, never 已下载;
 *   - Mac with OpenBrowserWindowApi: no download in the pane (its WKWebView ignores one, office-js#2700); the URL
 *     handed to openBrowserWindow is opened here in a second page — standing in for the user's browser — and that page
 *     (save.html) downloads exactly the report / the Word file;
 *   - Mac without it: the report goes to the 校验报告 sheet, the 情况说明 text to the clipboard, and the pane says so;
 *   - every host: 写入工作表“校验报告” writes the report sheet.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { check as checkWorkbook } from '../../src/engine';
import { reportRows } from '../../src/format/report';
import { readWorkbookFile } from '../../src/xlsx/read';
import { ROOT, SHOTS, buildTestPages, startSuite, stopSuite, type Browser, type StaticServer } from './harness';
import type { E2EProbe } from './probe';

jest.setTimeout(180_000);


let server: StaticServer;
let browser: Browser;
/** The report's rows: one per item of the view (a figure off by rounding in several identities is one row). */
let findings = 0;

beforeAll(async () => {
  const [dist, wb] = await Promise.all([buildTestPages(), readWorkbookFile(join(ROOT, 'fixtures/workbooks/001-standard.xlsx'))]);
  findings = reportRows(checkWorkbook(wb).findings).length;
  ({ server, browser } = await startSuite({ '/': dist, '/fixtures/': join(ROOT, 'fixtures/workbooks') }));
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});

afterAll(() => stopSuite({ browser, server }));

/** The pane over seed 001 as `platform` (Office.PlatformType), checked; `downloads` counts the pane's downloads. */
async function checkedPane(platform: string, obw: boolean): Promise<{ page: Page; downloads: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  const downloads: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.goto(`${server.url}/taskpane-sim.html?xlsx=/fixtures/001-standard.xlsx&api=1.18&platform=${platform}${obw ? '&obw=1' : ''}`);
  await page.getByTestId('check-button').click();
  await page.getByTestId('findings').waitFor();
  expect(errors).toEqual([]);
  return { page, downloads };
}

const opened = (page: Page) => page.evaluate('window.__e2eOpened ?? []') as Promise<string[]>;
const probe = <T,>(page: Page, fn: (p: E2EProbe) => T) => page.evaluate(`(${fn.toString()})(window.__e2e)`) as Promise<T>;

async function exportAs(page: Page, kind: 'csv' | 'html' | 'sheet'): Promise<void> {
  await page.getByTestId('export-button').click();
  await page.getByTestId(`export-${kind}`).click();
}

/** Opens `url` in a new page as the user's browser would, and returns the file that page downloads. */
async function saveInBrowser(url: string): Promise<{ name: string; bytes: Buffer; page: Page }> {
  const page = await browser.context.newPage();
  const [download] = await Promise.all([page.waitForEvent('download'), page.goto(url)]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!), page };
}

async function generateNarrative(page: Page): Promise<void> {
  await page.getByTestId('narrative-generate').click();
  await page.getByTestId('narrative-panel').getByText('已写入工作表“情况说明（生成）”').waitFor();
}

test('Excel on the web: the report and the .docx download, and the pane says 已开始下载 (it cannot know the file was saved)', async () => {
  const { page, downloads } = await checkedPane('OfficeOnline', false);
  const [download] = await Promise.all([page.waitForEvent('download'), exportAs(page, 'csv')]);
  expect(download.suggestedFilename()).toMatch(/^校验报告-.*\.csv$/);
  const text = await page.locator('main').textContent();
  expect(text).toContain('已开始下载校验报告');
  expect(text).not.toMatch(/已下载|已导出/);
  expect(downloads).toHaveLength(1);

  await generateNarrative(page);
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('narrative-docx').click()]);
  expect(docx.suggestedFilename()).toMatch(/^第三部分.*\.docx$/);
  expect(readFileSync((await docx.path())!).subarray(0, 2).toString()).toBe('PK');
  await page.getByTestId('narrative-panel').getByText('已开始下载 Word 文档').waitFor();
  expect(await page.locator('main').textContent()).not.toMatch(/已下载|已导出/);
  expect(await opened(page)).toEqual([]);
  await page.close();
});

test('Mac with openBrowserWindow: the report and the .docx reach the browser through save.html, not the pane', async () => {
  const { page, downloads } = await checkedPane('Mac', true);
  await exportAs(page, 'csv');
  await page.getByText('已在浏览器中打开校验报告').waitFor();
  await page.screenshot({ path: join(SHOTS, 'taskpane-export-mac.png') });
  const [url] = await opened(page);
  expect(new URL(url).pathname).toBe('/save.html');
  expect(new URL(url).search).toBe('');
  const csv = await saveInBrowser(url);
  expect(csv.name).toMatch(/^校验报告-.*\.csv$/);
  const text = csv.bytes.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.slice(1).trim().split('\r\n')).toHaveLength(findings + 1);
  await csv.page.getByText(/^保存 校验报告-/).waitFor();
  expect(await csv.page.locator('body').textContent()).toContain('未上传到任何服务器');
  await csv.page.screenshot({ path: join(SHOTS, 'save-page.png') });
  expect(new URL(csv.page.url()).hash).toBe(''); // the file left the address bar and the history
  await csv.page.close();

  await exportAs(page, 'html');
  await page.getByText('已在浏览器中打开校验报告').waitFor();
  const html = await saveInBrowser((await opened(page))[1]);
  expect(html.bytes.toString('utf8')).toContain('<h1>预算公开校验报告</h1>');
  await html.page.close();

  await generateNarrative(page);
  await page.getByTestId('narrative-docx').click();
  await page.getByTestId('narrative-panel').getByText('已在浏览器中打开 Word 文档').waitFor();
  const docx = await saveInBrowser((await opened(page))[2]);
  expect(docx.name).toMatch(/^第三部分.*\.docx$/);
  expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
  await docx.page.close();

  expect(downloads).toEqual([]); // the pane itself never tried a download
  expect(await page.locator('main').textContent()).not.toMatch(/已下载|已导出/);
  await page.close();
});

test('Mac without openBrowserWindow: the report is written to the 校验报告 sheet, the 情况说明 copied, both said', async () => {
  const { page, downloads } = await checkedPane('Mac', false);
  await exportAs(page, 'csv');
  await page.getByText('已将校验报告写入工作表“校验报告”').waitFor();
  expect(await page.locator('main').textContent()).toContain('此版本 Excel 不能从加载项保存文件');
  expect(await probe(page, (p) => p.sheetNames())).toContain('校验报告');
  const values = await probe(page, (p) => p.values());
  expect(values['校验报告!A1']).toBe('预算公开校验报告');
  expect(values['校验报告!A4']).toBe('序号');
  expect(values[`校验报告!A${4 + findings}`]).toBe(String(findings));
  await page.screenshot({ path: join(SHOTS, 'taskpane-export-mac-sheet.png') });

  await generateNarrative(page);
  await page.getByTestId('narrative-docx').click();
  const panel = page.getByTestId('narrative-panel');
  await panel.getByText('已复制全文（未生成文件）').waitFor();
  const clip = (await page.evaluate('navigator.clipboard.readText()')) as string;
  expect(clip.split('\n')[0]).toContain('第三部分');
  expect(downloads).toEqual([]);
  await page.close();
});

test('every host: 写入工作表“校验报告” writes the report sheet (Windows profile), replacing its own earlier one', async () => {
  const { page } = await checkedPane('PC', true);
  await exportAs(page, 'sheet');
  await page.getByText('已将校验报告写入工作表“校验报告”').waitFor();
  await exportAs(page, 'sheet');
  await page.getByText('已将校验报告写入工作表“校验报告”').waitFor();
  const names = await probe(page, (p) => p.sheetNames());
  expect(names.filter((n) => n.startsWith('校验报告'))).toEqual(['校验报告']);
  expect(await opened(page)).toEqual([]);
  await page.close();
});

/**
 * The batch summary page (budget-check batch) in headless Debian Chromium, opened as file:// (no server): sorted
 * by clicking a header, filtered by 部门, status, kind and "只看有错误的", the comparison columns of a second
 * round, a row's link to its own page. Screenshots sorted and filtered at 1280 and 400 px: screenshots/batch-*.png
 * with SCREENSHOTS=1, else a temp folder.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { main, type Io } from '../../src/cli/main';
import type { BatchSummary } from '../../src/cli/batch-report';
import { check } from '../../src/engine';
import { readWorkbookFile } from '../../src/xlsx/read';
import { ROOT, SHOTS, launchChromium, type Browser } from './harness';

jest.setTimeout(240_000);

const FIXTURES = path.join(ROOT, 'fixtures/workbooks');

let tmp: string;
let browser: Browser;
let summary: BatchSummary;
let html: string;

function quiet(): Io & { stdout: string } {
  const io = { stdout: '', out: (t: string) => void (io.stdout += t), err: () => undefined };
  return io as Io & { stdout: string };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-batch-e2e-'));
  const dir = path.join(tmp, '各部门报送');
  fs.mkdirSync(path.join(dir, '县区'), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, '000-standard.xlsx'), path.join(dir, '高平市民政局.xlsx'));
  fs.copyFileSync(path.join(FIXTURES, '001-variant.xlsx'), path.join(dir, '长治市民政局.xlsx'));
  fs.copyFileSync(path.join(FIXTURES, '002-standard.xlsx'), path.join(dir, '县区', '阳泉市民政局.xlsx'));
  fs.copyFileSync(path.join(FIXTURES, '003-standard.xlsx'), path.join(dir, '县区', '绩效目标表.xlsx'));
  fs.writeFileSync(path.join(dir, '损坏.xlsx'), fs.readFileSync(path.join(FIXTURES, '001-standard.xlsx')).subarray(0, 3000));
  fs.writeFileSync(path.join(tmp, '名单.csv'), '单位名称\n高平市民政局\n长治市民政局\n阳泉市民政局\n晋城市民政局\n');
  await main(['batch', dir, '--out', path.join(tmp, '第一轮', 'report.html'), '--jobs', '2'], quiet());
  // round 2: 高平's 表一 收入总计 now wrong
  const src = path.join(dir, '高平市民政局.xlsx');
  const total = check(await readWorkbookFile(src)).recognised.tables.T1!.income.incomeTotal!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  wb.getWorksheet(total.sheet)!.getCell(total.cell).value = total.value.plus(3).toNumber();
  await wb.xlsx.writeFile(src);
  const io = quiet();
  await main(['batch', dir, '--out', path.join(tmp, '第二轮', '汇总.html'), '--jobs', '2', '--json', '--previous', path.join(tmp, '第一轮', 'report.json'), '--units', path.join(tmp, '名单.csv')], io);
  summary = JSON.parse(io.stdout);
  html = path.join(tmp, '第二轮', '汇总.html');
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The visible rows' cells, as text: [序号, 部门, 结果, 错误, …]. */
async function visibleRows(page: Page): Promise<string[][]> {
  return page.$$eval('#summary tbody tr', (trs) =>
    trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((td) => (td.textContent ?? '').trim())),
  );
}
const col = async (page: Page, name: string) => (await page.$$eval('#summary thead th', (ths) => ths.map((th) => (th.textContent ?? '').trim()))).indexOf(name);

async function open(width: number): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: width > 600 ? 900 : 860 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(html).href);
  expect(errors).toEqual([]);
  return page;
}

test('sorting by a column, both ways, from file://', async () => {
  const page = await open(1280);
  const rows = await visibleRows(page);
  expect(rows).toHaveLength(summary.workbooks.length);
  const errCol = await col(page, '错误');
  const header = page.locator('#summary thead th', { hasText: /^错误$/ });
  await header.click();
  expect(await header.getAttribute('aria-sort')).toBe('ascending');
  await header.click();
  expect(await header.getAttribute('aria-sort')).toBe('descending');
  const sorted = (await visibleRows(page)).map((r) => r[errCol]);
  const ok = summary.workbooks.filter((r) => r.status === 'ok').map((r) => r.errors).sort((a, b) => b - a);
  expect(sorted.slice(0, ok.length).map(Number)).toEqual(ok);
  expect(sorted[sorted.length - 1]).toBe('—'); // the unreadable file last
  await page.screenshot({ path: path.join(SHOTS, 'batch-sorted-1280.png'), fullPage: true });
  // by department name (pinyin order of the browser's zh-CN collation), then back by 序号
  await page.locator('#summary thead th', { hasText: /^部门名称$/ }).click();
  expect((await visibleRows(page)).length).toBe(summary.workbooks.length);
  await page.locator('#summary thead th', { hasText: /^序号$/ }).click();
  expect((await visibleRows(page)).map((r) => r[0])).toEqual(summary.workbooks.map((_r, i) => String(i + 1)));
  await page.close();
});

test('filtering by 部门, status, kind and errors only; the comparison columns', async () => {
  const page = await open(1280);
  await page.fill('#f-dept', '阳泉');
  expect((await visibleRows(page)).map((r) => r[1])).toEqual([expect.stringContaining('阳泉市民政局')]);
  expect(await page.textContent('#f-count')).toBe(`显示 1 / ${summary.workbooks.length} 个`);
  await page.fill('#f-dept', '');
  await page.selectOption('#f-status', '无法读取');
  expect((await visibleRows(page)).map((r) => r[1])).toEqual(['无法识别损坏.xlsx']);
  await page.selectOption('#f-status', '');
  await page.selectOption('#f-kind', '表间');
  const withCross = summary.workbooks.filter((r) => r.kinds['表间'].errors + r.kinds['表间'].warnings > 0).map((r) => r.file);
  expect((await visibleRows(page)).map((r) => r[1]).sort()).toEqual(withCross.map((f) => expect.stringContaining(f)));
  await page.selectOption('#f-kind', '');
  await page.check('#f-errors');
  expect((await visibleRows(page)).length).toBe(summary.workbooks.filter((r) => r.status !== 'ok' || r.errors > 0).length);
  await page.uncheck('#f-errors');
  // the second round: 高平 has new findings (the mutation), nothing fixed
  const gp = summary.workbooks.find((r) => r.file === '高平市民政局.xlsx')!;
  expect(gp.comparison!.new).toBeGreaterThan(0);
  const [fixedCol, newCol, remCol] = [await col(page, '已改正'), await col(page, '新增'), await col(page, '仍存在')];
  const gpRow = (await visibleRows(page)).find((r) => r[1].includes('高平市民政局.xlsx'))!;
  expect([gpRow[fixedCol], gpRow[newCol], gpRow[remCol]]).toEqual([String(gp.comparison!.fixed), String(gp.comparison!.new), String(gp.comparison!.remaining)]);
  expect(await page.textContent('body')).toContain('未报送：晋城市民政局');
  // filtered and sorted for the screenshot: errors first, departments with an error only
  await page.check('#f-errors');
  await page.locator('#summary thead th', { hasText: /^新增$/ }).click();
  await page.locator('#summary thead th', { hasText: /^新增$/ }).click();
  await page.screenshot({ path: path.join(SHOTS, 'batch-filtered-1280.png'), fullPage: true });
  // a row's own page, also from file://
  await page.click('#summary tbody tr:not([hidden]) >> text=查看');
  await page.waitForSelector('h1');
  expect(await page.textContent('h1')).toBe('高平市民政局');
  expect(await page.textContent('body')).toContain('与上一轮比较');
  await page.close();
});

test('at 400 px: the table scrolls inside its box, the filters wrap, nothing overflows the page', async () => {
  const page = await open(400);
  await page.fill('#f-dept', '民政局');
  await page.locator('#summary thead th', { hasText: /^提示$/ }).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await page.$eval('.wrap', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(box.scroll).toBeGreaterThan(box.client); // the wide table scrolls in its own box
  expect((await visibleRows(page)).length).toBe(summary.workbooks.filter((r) => r.department.includes('民政局') || r.file.includes('民政局')).length);
  await page.screenshot({ path: path.join(SHOTS, 'batch-filtered-400.png'), fullPage: true });
  await page.close();
});

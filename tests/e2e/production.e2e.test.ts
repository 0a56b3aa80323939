/**
 * The production build (tests/build/production-build.ts: build:intranet, cached and shared with
 * tests/build/production.test.ts) in headless Debian Chromium: the bundle as deployed — lowered to ES2019, minified —
 * runs, with Microsoft's own office.js from the intranet copy (outside Office, Office.onReady reports no host, so the
 * pane shows its Chinese 请在 Excel 中使用 message: React and Fluent UI rendered it); and save.html (the Mac route of
 * src/taskpane/delivery.ts) turns a file in its fragment into a download.
 */
import { readFileSync } from 'fs';
import { productionBuild } from '../build/production-build';
import { savePageUrl } from '../../src/taskpane/delivery';
import { launchChromium, serveStatic, type Browser, type StaticServer } from './harness';

jest.setTimeout(600_000);

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic({ '/': await productionBuild() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the deployed task pane runs with the copied office.js and, outside Office, explains in Chinese', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByTestId('blocker').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('blocker').textContent()).toContain('请在 Excel 中使用');
  expect(errors).toEqual([]);
  expect(scripts).toContain('200 /office-js/office.js');
  expect(scripts.some((s) => /^200 \/taskpane\.[0-9a-f]{8}\.js$/.test(s))).toBe(true);
  await page.close();
});

test('save.html of the build saves the file carried in its fragment, byte for byte', async () => {
  const page = await browser.context.newPage();
  const csv = '\uFEFF序号,表,级别\r\n1,表一,错误\r\n';
  const url = savePageUrl(`${server.url}/taskpane.html`, { name: '校验报告-测试.csv', data: csv, mime: 'text/csv' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.goto(url)]);
  expect(download.suggestedFilename()).toBe('校验报告-测试.csv');
  expect(readFileSync((await download.path())!, 'utf8')).toBe(csv);
  await page.close();
});

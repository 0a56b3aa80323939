/**
 * The production build (tests/build/production-build.ts: build:intranet, cached and shared with
 * tests/build/production.test.ts) in headless Debian Chromium: the bundle as deployed — lowered to ES2019, minified —
 * runs, with Microsoft's own office.js from the intranet copy (outside Office, Office.onReady reports no host, so the
 * pane shows its Chinese 请在 Excel 中使用 message: React and Fluent UI rendered it); and save.html (the Mac route of
 * src/ui/delivery.ts) turns a file in its fragment into a download. And the old webviews taskpane.html catches
 * before the bundle runs: a WKWebView without WeakRef (Safari before 14.1), and any webview that cannot parse the
 * bundle (a SyntaxError is named as such at once, not left to the 30-second “network” message).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { productionBuild } from '../build/production-build';
import { savePageUrl } from '../../src/ui/delivery';
import { SHOTS, startSuite, stopSuite, type Browser, type StaticServer } from './harness';


jest.setTimeout(600_000);

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await startSuite({ '/': await productionBuild() }));
});

afterAll(() => stopSuite({ browser, server }));

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

test('a webview without WeakRef (Safari before 14.1) gets the Chinese Safari message, and the pane does not start', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    delete (window as { WeakRef?: unknown }).WeakRef;
  });
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByText('当前 Mac 的 Safari 版本过旧，无法运行本加载项').waitFor();
  expect(await page.locator('#boot').textContent()).toContain('Safari 14.1');
  expect(await page.evaluate('window.__budgetPaneStarted === true')).toBe(false);
  await page.screenshot({ path: join(SHOTS, 'taskpane-old-safari.png') });
  await page.close();
});

test('a bundle the webview cannot parse is reported as such, not as a network failure', async () => {
  const page = await browser.context.newPage();
  // Stands for a webview older than the bundle's syntax: the script is served as something this Chromium cannot parse.
  await page.route(/\/taskpane\.[0-9a-f]{8}\.js$/, (r) => r.fulfill({ contentType: 'text/javascript', body: 'class A { static { @ } }' }));
  await page.clock.install(); // the page's own clock, so its 30-second fallback can be run through
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByText('当前浏览器内核无法运行本加载项').waitFor();
  // After the 30 seconds the page gives a load, the message is still this one, not 加载失败 (network).
  await page.clock.runFor(31_000);
  const text = await page.locator('#boot').textContent();
  expect(text).toContain('无法被当前 Excel 的浏览器内核解析');
  expect(text).not.toContain('网络');
  expect(text).not.toContain('加载失败');
  await page.close();
});

/**
 * The WPS 加载项 end to end, in headless Debian Chromium at 320 px: the real WPS pane (src/wps/pane, the same pane
 * as in Excel: src/ui/pane) over seed workbooks loaded into the WPS ET-API SIMULATOR (tests/wps/et-simulator.ts —
 * not WPS) on the test page wps-sim.html — the Excel pane's scenarios: 校验, select a finding's cell, 自动填充合计,
 * 清除标记, 情况说明. Then the add-in folder the build makes, against what docs/wps.md says to install.
 * Screenshots go to screenshots/wps-*.png with SCREENSHOTS=1.
 */
import ExcelJS from 'exceljs';
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { autoFill } from '../../src/fixes/autofill';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import { check as checkWorkbook } from '../../src/engine';
import { countSeverities } from '../../src/format/findings-view-model';
import { reportRows } from '../../src/format/report';
import { SECTION_ORDER, buildView, sectionItems, sectionTitle, viewItems } from '../../src/format/view';
import { groupDigits } from '../../src/format/labels';
import { MARK_TAG, RESULT_SHEET } from '../../src/format/marks';
import { readWorkbookBuffer, readWorkbookFile } from '../../src/xlsx/read';
import { ROOT, SHOTS, buildWpsAddin, startSuite, stopSuite, type Browser, type StaticServer } from './harness';
import type { E2EProbe } from './probe';

jest.setTimeout(240_000);

const FIXTURES = ['001-standard', '002-merged-wide', '003-variant'] as const;
const BLANKED = { sheet: '表一', cell: 'B36' };
const { folderName } = require('../../webpack.wps.config.js') as { folderName: () => string };

let root: string;
let server: StaticServer;
let browser: Browser;
const snapshots = new Map<string, WorkbookSnapshot>();
let blanked: WorkbookSnapshot;

beforeAll(async () => {
  const [dist, blankedXlsx] = await Promise.all([
    buildWpsAddin(),
    (async () => {
      for (const name of FIXTURES) snapshots.set(name, await readWorkbookFile(join(ROOT, 'fixtures/workbooks', `${name}.xlsx`)));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(ROOT, 'fixtures/workbooks/001-standard.xlsx'));
      wb.getWorksheet(BLANKED.sheet)!.getCell(BLANKED.cell).value = null;
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      blanked = await readWorkbookBuffer(buf, 'blanked.xlsx');
      return buf;
    })(),
  ]);
  root = dist;
  ({ server, browser } = await startSuite({ '/': join(dist, folderName()), '/fixtures/': join(ROOT, 'fixtures/workbooks') }));
  server.put('/data/blanked.xlsx', blankedXlsx);
});

afterAll(() => stopSuite({ browser, server }));

async function openPane(query: string): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/wps-sim.html?${query}`);
  await page.locator('[data-testid="check-button"], [data-testid="blocker"]').first().waitFor();
  expect(errors).toEqual([]);
  return page;
}

const fixture = (name: string) => `xlsx=/fixtures/${name}.xlsx`;

async function runCheck(page: Page): Promise<void> {
  await page.getByTestId('check-button').click();
  await page.getByTestId('findings').waitFor();
}

function probe<T>(page: Page, fn: (p: E2EProbe) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(window.__e2e)`) as Promise<T>;
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `wps-${name}.png`), fullPage });
}

describe.each(FIXTURES)('校验 in WPS on %s', (name) => {
  test('lists the findings of checkWorkbook in the clerk’s view (errors first, 舍位 folded), with the summary counts', async () => {
    const expected = checkWorkbook(snapshots.get(name)!).findings;
    const page = await openPane(fixture(name));
    expect(await probe(page, (p) => p.kind)).toBe('wps-simulator');
    if (name === '001-standard') await shot(page, 'start');
    await runCheck(page);
    // The same pane as in Excel: the sections of the clerk's view (src/format/view.ts), 舍位 folded at first.
    const view = buildView(expected);
    const sections = await page.locator('[data-testid^="section-"][data-count]').evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-testid')!.slice('section-'.length), title: e.querySelector('[data-testid="section-title"]')!.textContent, items: Number(e.getAttribute('data-count')) })),
    );
    expect(sections).toEqual(SECTION_ORDER.filter((id) => sectionItems(view, id).length).map((id) => ({ id, title: sectionTitle(view, id), items: sectionItems(view, id).length })));
    expect(await page.getByTestId('finding-message').allTextContents()).toEqual([...view.errors, ...view.notices].map((i) => i.message));
    if (view.rounding.length) {
      await page.locator('#section-header-rounding button').click();
      await page.locator('[data-testid="section-rounding"] [data-testid="finding"]').first().waitFor();
      expect(await page.getByTestId('finding-message').allTextContents()).toEqual(viewItems(view).map((i) => i.message));
    }
    const c = countSeverities(expected);
    expect(await page.getByTestId('summary-totals').textContent()).toBe(`共 ${expected.length} 条错误 ${c.error}提示 ${c.warning}信息 ${c.info}`);
    if (name === '001-standard') await shot(page, 'results', true);
    await page.close();
  });
});

test('clicking a finding activates its sheet and selects its cell in WPS', async () => {
  const expected = checkWorkbook(snapshots.get('001-standard')!).findings;
  const target = expected.find((f) => f.sheet && f.cells.length > 1)!;
  const page = await openPane(fixture('001-standard'));
  await runCheck(page);
  const item = page.locator(`[data-testid="finding"][data-index="${expected.indexOf(target)}"]`);
  await item.getByTestId('finding-button').click();
  await expect(probe(page, (p) => p.selection())).resolves.toEqual({ sheet: target.sheet, cells: [target.cells[0]] });
  await item.getByTestId('related-link').first().click();
  await expect(probe(page, (p) => p.selection())).resolves.toEqual({ sheet: target.sheet, cells: [target.cells[1]] });
  await shot(page, 'finding-selected');
  await page.close();
});

test('自动填充合计: preview, confirm writes the blanked total only, marks as conditional formats; 清除标记 leaves the workbook as before', async () => {
  const { result } = autoFill(blanked, (s) => checkWorkbook(s).findings);
  const fix = result.applied.find((f) => f.sheet === BLANKED.sheet && f.cell === BLANKED.cell)!;
  expect(fix).toBeDefined();
  const page = await openPane('xlsx=/data/blanked.xlsx');
  const sheetsBefore = await probe(page, (p) => p.sheetNames());
  const valuesBefore = await probe(page, (p) => p.values());
  const looksBefore = await probe(page, (p) => p.looks());
  await runCheck(page);
  await page.getByTestId('autofill-button').click();
  await page.getByTestId('autofill-table').waitFor();
  const rows = await page.getByTestId('autofill-row').evaluateAll((els) => els.map((e) => Array.from(e.querySelectorAll('td')).map((td) => td.textContent)));
  expect(rows).toEqual(result.applied.map((f) => [`${f.sheet}!${f.cell}`, f.previous === '' ? '空' : groupDigits(f.previous), '→', groupDigits(f.value)]));
  await shot(page, 'autofill-preview');
  // Nothing is written before the confirmation.
  expect(await probe(page, (p) => p.values())).toEqual(valuesBefore);

  await page.getByTestId('autofill-confirm').click();
  await page.getByTestId('message-success').waitFor();
  expect(await page.getByTestId('message-success').textContent()).toContain('批注');
  const valuesAfter = await probe(page, (p) => p.values());
  const key = `${BLANKED.sheet}!${BLANKED.cell}`;
  expect(valuesAfter[key]).toBe(Number(fix.value));
  const own = (k: string) => sheetsBefore.includes(k.slice(0, k.lastIndexOf('!')));
  const changed = Object.keys({ ...valuesBefore, ...valuesAfter }).filter((k) => own(k) && valuesBefore[k] !== valuesAfter[k]);
  expect(changed.sort()).toEqual(result.applied.map((f) => `${f.sheet}!${f.cell}`).sort());
  const marked = await probe(page, (p) => p.looks());
  expect(marked[key]?.fill).toContain(`${MARK_TAG}:fixed`);
  expect(marked[key]?.note).toContain('自动填充');
  expect(await probe(page, (p) => p.sheetNames())).toContain(RESULT_SHEET);
  await shot(page, 'autofill-done');

  await page.getByTestId('clear-button').click();
  await page.getByText('已清除标记').waitFor();
  expect(await probe(page, (p) => p.looks())).toEqual(looksBefore);
  expect(await probe(page, (p) => p.sheetNames())).toEqual(sheetsBefore);
  const valuesCleared = await probe(page, (p) => p.values());
  expect(valuesCleared).toEqual(Object.fromEntries(Object.entries(valuesAfter).filter(([k]) => own(k))));
  await shot(page, 'cleared');
  await page.close();
});

test('标记到工作表 then 清除标记 on a merged-wide workbook leaves it as it was', async () => {
  const page = await openPane(fixture('002-merged-wide'));
  const before = await probe(page, (p) => ({ looks: p.looks(), values: p.values(), sheets: p.sheetNames() }));
  await runCheck(page);
  await page.getByTestId('annotate-button').click();
  await page.getByTestId('message-success').waitFor();
  const marked = await probe(page, (p) => p.looks());
  expect(Object.keys(marked).length).toBeGreaterThan(Object.keys(before.looks).length);
  expect(Object.values(marked).every((l) => !l.fill || l.fill.includes(MARK_TAG))).toBe(true);
  await shot(page, 'annotated');
  await page.getByTestId('clear-button').click();
  await page.getByText('已清除标记').waitFor();
  expect(await probe(page, (p) => ({ looks: p.looks(), values: p.values(), sheets: p.sheetNames() }))).toEqual(before);
  await page.close();
});

test('情况说明: 生成情况说明 writes the generated sheet, 创建补充信息表 the 补充信息 sheet', async () => {
  const page = await openPane(fixture('001-standard'));
  await runCheck(page);
  await page.getByTestId('narrative-generate').click();
  const panel = page.getByTestId('narrative-panel');
  await panel.getByText('已写入工作表“情况说明（生成）”').waitFor();
  expect(await probe(page, (p) => p.sheetNames())).toContain('情况说明（生成）');
  const values = await probe(page, (p) => p.values());
  const first = values['情况说明（生成）!A1'];
  expect(String(first)).toContain('第三部分');
  await shot(page, 'narrative');
  await page.getByTestId('narrative-supplement').click();
  await panel.getByText('已创建工作表“补充信息”').waitFor();
  expect(await probe(page, (p) => p.sheetNames())).toContain('补充信息');
  await page.close();
});

test('导出校验报告 downloads the findings as CSV from the WPS pane', async () => {
  const expected = checkWorkbook(snapshots.get('003-variant')!).findings;
  const page = await openPane(fixture('003-variant'));
  await runCheck(page);
  await page.getByTestId('export-button').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^校验报告-.*\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  // one row per item of the clerk's view (a figure off by rounding in several identities is one row)
  expect(text.slice(1).trim().split('\r\n')).toHaveLength(reportRows(expected).length + 1);
  await page.close();
});

test('a failing WPS call shows a Chinese message, not a blank pane', async () => {
  const page = await openPane(`${fixture('001-standard')}&fail=read`);
  await page.getByTestId('check-button').click();
  const bar = page.getByTestId('message-error');
  await bar.waitFor();
  expect(await bar.textContent()).toContain('无法读取工作簿');
  await shot(page, 'error');
  await page.close();
});

test('opened outside WPS, the pane says so in Chinese', async () => {
  const page = await openPane('wps=none');
  const blocker = page.getByTestId('blocker');
  await blocker.waitFor();
  expect(await blocker.textContent()).toContain('请在 WPS 表格中使用');
  await shot(page, 'no-wps');
  await page.close();
});

describe('the add-in folder (what docs/wps.md says to install)', () => {
  test('ribbon.xml, index.html + main.js with the ribbon callbacks, taskpane.html + its bundle, manifest.xml, the icon; publish.xml and jsplugins.xml beside it', () => {
    const dir = join(root, folderName());
    for (const f of ['ribbon.xml', 'index.html', 'main.js', 'taskpane.html', 'manifest.xml', 'images/check.png']) expect(existsSync(join(dir, f))).toBe(true);
    const ribbonXml = readFileSync(join(dir, 'ribbon.xml'), 'utf8');
    expect(ribbonXml).toMatch(/<customUI [^>]*onLoad="ribbon\.OnAddinLoad"/);
    expect(ribbonXml).toContain('label="校验"');
    expect(ribbonXml).toContain('onAction="ribbon.OnAction"');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toMatch(/<script[^>]* src="?main\.js"?/);
    const main = readFileSync(join(dir, 'main.js'), 'utf8');
    for (const cb of ['OnAddinLoad', 'OnAction', 'GetImage', 'CreateTaskPane', 'taskpane.html']) expect(main).toContain(cb);
    // taskpane.html loads only scripts from its own folder: no CDN, no office.js.
    const pane = readFileSync(join(dir, 'taskpane.html'), 'utf8');
    const srcs = [...pane.matchAll(/<(?:script|link)[^>]*(?:src|href)="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThan(0);
    for (const s of srcs) {
      expect(s).not.toMatch(/^(https?:)?\/\//);
      expect(existsSync(join(dir, s))).toBe(true);
    }
    const bundles = readdirSync(dir).filter((f) => f.endsWith('.js'));
    for (const b of bundles) expect(readFileSync(join(dir, b), 'utf8')).not.toMatch(/appsforoffice\.microsoft\.com|cdn\.jsdelivr|unpkg\.com/);
    expect(readFileSync(join(dir, 'manifest.xml'), 'utf8')).toContain('<JsPlugin>');
    const publish = readFileSync(join(root, 'publish.xml'), 'utf8');
    expect(publish).toContain(`<jsplugin name="budgetcheck" type="et" url="${folderName()}"`);
    expect(readFileSync(join(root, 'jsplugins.xml'), 'utf8')).toMatch(/<jspluginonline name="budgetcheck" type="et" url="http[^"]+\/"/);
  });

  test('main.js opens the pane once and toggles it after (ribbon callbacks on a stand-in Application)', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      const store: Record<string, unknown> = {};
      const panes: Record<string, { ID: string; Visible: boolean; DockPosition: number; url: string }> = {};
      (window as unknown as { Application: unknown }).Application = {
        PluginStorage: { getItem: (k: string) => store[k], setItem: (k: string, v: unknown) => void (store[k] = v) },
        CreateTaskPane: (url: string) => (panes[`p${Object.keys(panes).length + 1}`] = { ID: `p${Object.keys(panes).length + 1}`, Visible: false, DockPosition: 0, url }),
        GetTaskPane: (id: string) => panes[id],
      };
      (window as unknown as { __panes: unknown }).__panes = panes;
    });
    await page.goto(`${server.url}/index.html`);
    const state = await page.evaluate(() => {
      const w = window as unknown as { ribbon: { OnAddinLoad(x: unknown): boolean; OnAction(c: { Id: string }): void }; __panes: Record<string, { Visible: boolean; url: string; DockPosition: number }> };
      const loaded = w.ribbon.OnAddinLoad({});
      w.ribbon.OnAction({ Id: 'btnBudgetCheck' });
      const first = JSON.parse(JSON.stringify(w.__panes));
      w.ribbon.OnAction({ Id: 'btnBudgetCheck' });
      return { loaded, first, second: JSON.parse(JSON.stringify(w.__panes)) };
    });
    expect(state.loaded).toBe(true);
    expect(Object.keys(state.first)).toEqual(['p1']);
    expect(state.first.p1).toMatchObject({ Visible: true, DockPosition: 2, url: `${server.url}/taskpane.html` });
    expect(state.second.p1.Visible).toBe(false);
    await page.close();
  });
});

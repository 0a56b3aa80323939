/**
 * The task pane end to end, in headless Debian Chromium at 320 px: the real pane (src/taskpane, started the way
 * Excel starts it: Office.onReady → checkHostSupport → OfficeWorkbookHost) over a seed workbook loaded into the
 * Excel-API simulator (tests/simulator) on the test page. The findings it lists are compared with checkWorkbook run
 * here in Node on the same file. Screenshots go to screenshots/taskpane-*.png.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { HOST_TOO_OLD_MESSAGE } from '../../src/excel/host-support';
import { autoFill } from '../../src/fixes/autofill';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import { check as checkWorkbook } from '../../src/engine';
import { countSeverities } from '../../src/format/findings-view-model';
import { SECTION_ORDER, buildView, isRounding, sectionItems, sectionTitle, viewItems } from '../../src/format/view';
import { groupDigits } from '../../src/format/labels';
import { readWorkbookBuffer, readWorkbookFile } from '../../src/xlsx/read';
import { ROOT, SHOTS, buildTestPages, startSuite, stopSuite, type Browser, type StaticServer } from './harness';
import type { E2EProbe } from './probe';
import { HOST_PROFILES, type HostProfileName } from '../simulator/excel-simulator';

jest.setTimeout(180_000);

// Screenshots land in screenshots/ (committed, looked at) when SCREENSHOTS=1; otherwise in a temp folder, so a
// plain test run leaves the tree clean.
const FIXTURES = ['001-standard', '000-standard'] as const;
/** A total auto-fill can compute: 表一 本年收入合计 of seed 001, emptied in a copy. */
const BLANKED = { sheet: '表一', cell: 'B36' };

let server: StaticServer;
let browser: Browser;
const snapshots = new Map<string, WorkbookSnapshot>();
let blanked: WorkbookSnapshot;
/** Seed 001 with 表一 本年收入合计 made wrong (+5 万元): an error 同时覆盖错误数值 may correct. */
let wrong: WorkbookSnapshot;

beforeAll(async () => {
  const [dist, blankedXlsx] = await Promise.all([
    buildTestPages(),
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
  ({ server, browser } = await startSuite({ '/': dist, '/fixtures/': join(ROOT, 'fixtures/workbooks') }));
  server.put('/data/blanked.xlsx', blankedXlsx);
  const w = new ExcelJS.Workbook();
  await w.xlsx.readFile(join(ROOT, 'fixtures/workbooks/001-standard.xlsx'));
  const c = w.getWorksheet(BLANKED.sheet)!.getCell(BLANKED.cell);
  c.value = Number(c.value) + 5;
  const wrongXlsx = Buffer.from(await w.xlsx.writeBuffer());
  wrong = await readWorkbookBuffer(wrongXlsx, 'wrong.xlsx');
  server.put('/data/wrong.xlsx', wrongXlsx);
});

afterAll(() => stopSuite({ browser, server }));

/** The test page over `query` (xlsx=…, see tests/e2e/sim/entry.tsx). */
async function openPane(query: string): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/taskpane-sim.html?${query}`);
  await page.locator('[data-testid="check-button"], [data-testid="blocker"]').first().waitFor();
  expect(errors).toEqual([]);
  return page;
}

const fixture = (name: string, api = '1.18') => `xlsx=/fixtures/${name}.xlsx&api=${api}`;

async function runCheck(page: Page): Promise<void> {
  await page.getByTestId('check-button').click();
  await page.getByTestId('findings').waitFor();
}

function probe<T>(page: Page, fn: (p: E2EProbe) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(window.__e2e)`) as Promise<T>;
}

/** The pane as Excel shows it (320 × 760), or the whole scrolled length with fullPage. */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `taskpane-${name}.png`), fullPage });
}

describe.each(FIXTURES)('校验 on %s', (name) => {
  test('lists the findings of checkWorkbook, grouped by table, with the summary counts', async () => {
    const expected = checkWorkbook(snapshots.get(name)!).findings;
    const page = await openPane(fixture(name));
    expect(await probe(page, (p) => p.kind)).toBe('simulator');
    if (name === '001-standard') await shot(page, 'start');
    await runCheck(page);

    // The sections of the clerk's view (src/format/view.ts): 错误, 提示与信息, then 舍位 folded (closed).
    const view = buildView(expected);
    const sections = await page.locator('[data-testid^="section-"][data-count]').evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-testid')!.slice('section-'.length), title: e.querySelector('[data-testid="section-title"]')!.textContent, items: Number(e.getAttribute('data-count')) })),
    );
    const want = SECTION_ORDER.filter((id) => sectionItems(view, id).length).map((id) => ({ id, title: sectionTitle(view, id), items: sectionItems(view, id).length }));
    expect(sections).toEqual(want);
    // Open: errors and notices, in the view's order; the first item is an error when there is one.
    const open = [...view.errors, ...view.notices];
    expect(await page.getByTestId('finding-message').allTextContents()).toEqual(open.map((i) => i.message));
    if (view.errors.length) expect(await page.getByTestId('finding').first().getAttribute('data-severity')).toBe('error');
    if (name === '001-standard') await shot(page, 'results', true);
    if (view.rounding.length) {
      await page.locator('#section-header-rounding button').click();
      await page.locator('[data-testid="section-rounding"] [data-testid="finding"]').first().waitFor();
      expect(await page.getByTestId('finding-message').allTextContents()).toEqual(viewItems(view).map((i) => i.message));
      // Every finding is in one shown item.
      const indexes = await page.getByTestId('finding').evaluateAll((els) => els.flatMap((e) => e.getAttribute('data-indexes')!.split(' ').map(Number)));
      expect(indexes.sort((a, b) => a - b)).toEqual(expected.map((_, i) => i));
    }

    const c = countSeverities(expected);
    const totals = await page.getByTestId('summary-totals').textContent();
    expect(totals).toBe(`共 ${expected.length} 条错误 ${c.error}提示 ${c.warning}信息 ${c.info}`);
    if (name === '001-standard') await shot(page, 'results-rounding-open', true);
    await page.close();
  });
});

test('clicking a finding selects its cell in the workbook and shows the related cells', async () => {
  const expected = checkWorkbook(snapshots.get('001-standard')!).findings;
  const v = buildView(expected);
  const targetItem = [...v.errors, ...v.notices].find((i) => i.parts.length === 1 && i.parts[0].finding.sheet && i.parts[0].finding.cells.length > 1)!;
  const target = targetItem.parts[0].finding;
  const page = await openPane(fixture('001-standard'));
  await runCheck(page);
  const item = page.locator(`[data-testid="finding"][data-index="${targetItem.parts[0].index}"]`);
  await item.getByTestId('finding-button').click();
  await expect(probe(page, (p) => p.selection())).resolves.toEqual({ sheet: target.sheet, cells: [target.cells[0]] });
  expect(await item.getByTestId('finding-button').getAttribute('aria-expanded')).toBe('true');
  const links = item.getByTestId('related-link');
  expect(await links.count()).toBeGreaterThan(0);
  await links.first().click();
  // The adapter selects (and scrolls to) the first of the related cells.
  await expect(probe(page, (p) => p.selection())).resolves.toEqual({ sheet: targetItem.related[0].sheet, cells: [targetItem.related[0].cells[0]] });
  // The details: 应为/实为 in words, the rule's title with its id.
  expect(await item.getByTestId('finding-rule').textContent()).toBe(`规则：${targetItem.titles.join('、')}（${targetItem.rules.join('、')}）`);
  await shot(page, 'finding-selected');
  await page.close();
});

test('the severity filter shows only findings of that severity', async () => {
  const expected = checkWorkbook(snapshots.get('000-standard')!).findings;
  const c = countSeverities(expected);
  const page = await openPane(fixture('000-standard'));
  await runCheck(page);
  for (const sev of ['warning', 'error', 'info', 'all'] as const) {
    await page.getByTestId(`filter-${sev}`).click();
    const shown = await page.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
    // The open sections (the 舍位 group stays folded) list the view's items of that severity.
    const v = buildView(expected, { severity: sev === 'all' ? undefined : sev });
    expect(shown.length).toBe(v.errors.length + v.notices.length);
    if (sev !== 'all') expect(shown.every((s) => s === sev)).toBe(true);
    if (sev !== 'all' && c[sev] === 0) await page.getByTestId('findings-empty').waitFor();
  }
  await page.close();
});

test('keyboard only: Tab reaches 校验 and a finding, Enter runs and opens it', async () => {
  const page = await openPane(fixture('001-standard'));
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
  let steps = 0;
  while ((await focused()) !== 'check-button' && steps++ < 10) await page.keyboard.press('Tab');
  expect(await focused()).toBe('check-button');
  await page.keyboard.press('Enter');
  await page.getByTestId('findings').waitFor();
  steps = 0;
  while ((await focused()) !== 'finding-button' && steps++ < 60) await page.keyboard.press('Tab');
  expect(await focused()).toBe('finding-button');
  const index = Number(await page.evaluate(() => document.activeElement!.closest('[data-testid="finding"]')!.getAttribute('data-index')));
  await page.keyboard.press('Enter');
  const f = checkWorkbook(snapshots.get('001-standard')!).findings[index];
  await expect(probe(page, (p) => p.selection())).resolves.toEqual({ sheet: f.sheet, cells: [f.cells[0]] });
  expect(await page.evaluate(() => document.activeElement!.getAttribute('aria-expanded'))).toBe('true');
  // Space toggles nothing away: it activates the same item again.
  await page.keyboard.press('Space');
  expect(await page.evaluate(() => document.activeElement!.getAttribute('aria-expanded'))).toBe('true');
  await shot(page, 'keyboard-focus');
  await page.close();
});

test('自动填充合计: preview, confirm writes the blanked total only; 清除标记 restores fills and notes', async () => {
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
  const rows = await page.getByTestId('autofill-row').evaluateAll((els) =>
    els.map((e) => Array.from(e.querySelectorAll('td')).map((td) => td.textContent)),
  );
  expect(rows).toEqual(
    result.applied.map((f) => [`${f.sheet}!${f.cell}`, f.previous === '' ? '空' : groupDigits(f.previous), '→', groupDigits(f.value)]),
  );
  await shot(page, 'autofill-preview');

  await page.getByTestId('autofill-confirm').click();
  await page.getByTestId('message-success').waitFor();
  const valuesAfter = await probe(page, (p) => p.values());
  const key = `${BLANKED.sheet}!${BLANKED.cell}`;
  expect(valuesAfter[key]).toBe(Number(fix.value));
  // On the workbook's own sheets (the 校验结果 sheet is new), only the auto-filled cells changed.
  const own = (k: string) => sheetsBefore.includes(k.slice(0, k.lastIndexOf('!')));
  const changed = Object.keys({ ...valuesBefore, ...valuesAfter }).filter((k) => own(k) && valuesBefore[k] !== valuesAfter[k]);
  expect(changed.sort()).toEqual(result.applied.map((f) => `${f.sheet}!${f.cell}`).sort());
  const looksMarked = await probe(page, (p) => p.looks());
  expect(looksMarked[key]?.fill).toBeTruthy();
  expect(looksMarked[key]?.note).toContain('自动填充');
  expect(await probe(page, (p) => p.sheetNames())).toContain('校验结果');
  await shot(page, 'autofill-done');

  await page.getByTestId('clear-button').click();
  await page.getByText('已清除标记').waitFor();
  expect(await probe(page, (p) => p.looks())).toEqual(looksBefore);
  const valuesCleared = await probe(page, (p) => p.values());
  expect(Object.keys(valuesCleared).filter((k) => !own(k))).toEqual([]);
  expect(valuesCleared).toEqual(Object.fromEntries(Object.entries(valuesAfter).filter(([k]) => own(k))));
  expect(await probe(page, (p) => p.sheetNames())).toEqual(sheetsBefore);
  await page.close();
});

test('a summary tile shows that table’s findings (绩效目标表 错误 N shows them), every section open; 显示全部 goes back', async () => {
  const expected = checkWorkbook(snapshots.get('001-standard')!).findings;
  const page = await openPane(fixture('001-standard'));
  await runCheck(page);
  await page.getByTestId('summary-tile-P').click();
  await page.locator('[data-testid="group-filter"][data-group="P"]').waitFor();
  expect(await page.getByTestId('summary-tile-P').getAttribute('aria-pressed')).toBe('true');
  const v = buildView(expected, { group: 'P' });
  const shown = await page.getByTestId('finding-message').allTextContents();
  expect(shown).toEqual(viewItems(v).map((i) => i.message));
  expect(shown.length).toBeGreaterThan(0);
  const groups = await page.locator('[data-testid="section-table"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-group')))]);
  expect(groups).toEqual(['P']);
  await shot(page, 'tile-filter');
  // A table whose findings are all 舍位 differences shows them too: its folded group opens.
  const roundingOnly = ['T3', 'T5', 'T6'].find((g) => buildView(expected, { group: g }).rounding.length > 0);
  if (roundingOnly) {
    await page.getByTestId(`summary-tile-${roundingOnly}`).click();
    await page.locator(`[data-testid="group-filter"][data-group="${roundingOnly}"]`).waitFor();
    expect(await page.getByTestId('finding').count()).toBe(viewItems(buildView(expected, { group: roundingOnly })).length);
  }
  await page.getByTestId('group-filter-clear').click();
  await page.getByTestId('group-filter').waitFor({ state: 'detached' });
  expect(await page.getByTestId('finding').count()).toBe(buildView(expected).errors.length + buildView(expected).notices.length + buildView(expected).rounding.length);
  await page.close();
});

test('同时覆盖错误数值: only real errors offered (never a 舍位 difference), old → new each, 确认 only after the explicit confirmation; the value is the finding’s 应为', async () => {
  const findings = checkWorkbook(wrong).findings;
  const stated = findings.find((f) => f.sheet === BLANKED.sheet && f.cells[0] === BLANKED.cell && f.severity === 'error' && f.fix)!;
  expect(stated).toBeDefined();
  const rounding = new Set(findings.filter(isRounding).map((f) => `${f.sheet}!${f.cells[0]}`));
  expect(rounding.size).toBeGreaterThan(0);
  const page = await openPane('xlsx=/data/wrong.xlsx');
  await runCheck(page);
  await page.getByTestId('autofill-button').click();
  await page.getByTestId('autofill-mode-overwrite').click();
  await page.getByTestId('autofill-table').waitFor();
  const rows = await page.getByTestId('autofill-row').evaluateAll((els) => els.map((e) => Array.from(e.querySelectorAll('td')).map((td) => td.textContent!)));
  expect(rows.some((r) => rounding.has(r[0]))).toBe(false);
  const row = rows.find((r) => r[0] === `${BLANKED.sheet}!${BLANKED.cell}`)!;
  expect(row).toBeDefined();
  expect(row[3]).toBe(groupDigits(stated.expected!));
  // The explicit confirmation: 确认 stays disabled until the clerk ticks the box naming the overwritten cells.
  expect(await page.getByTestId('autofill-confirm').isDisabled()).toBe(true);
  await shot(page, 'autofill-overwrite', true);
  await page.getByTestId('autofill-confirm-check').click();
  expect(await page.getByTestId('autofill-confirm').isDisabled()).toBe(false);
  await page.getByTestId('autofill-confirm').click();
  await page.getByTestId('message-success').waitFor();
  const values = await probe(page, (p) => p.values());
  expect(values[`${BLANKED.sheet}!${BLANKED.cell}`]).toBe(Number(stated.expected));
  // The 舍位 differences' cells keep their published figures.
  for (const k of rounding) {
    const f = findings.find((x) => `${x.sheet}!${x.cells[0]}` === k)!;
    if (f.actual !== undefined && values[k] !== undefined) expect(Number(values[k]).toFixed(2)).toBe(Number(f.actual).toFixed(2));
  }
  await page.close();
});

test('ExcelApi 1.10 (comments, no notes): 标记到工作表 then 清除标记 leaves the workbook as it was', async () => {
  const page = await openPane(fixture('001-standard', '1.10'));
  const before = await probe(page, (p) => ({ looks: p.looks(), values: p.values(), sheets: p.sheetNames() }));
  await runCheck(page);
  await page.getByTestId('annotate-button').click();
  await page.getByTestId('message-success').waitFor();
  expect(await page.getByTestId('message-success').textContent()).toContain('批注');
  const marked = await probe(page, (p) => p.looks());
  expect(Object.keys(marked).length).toBeGreaterThan(Object.keys(before.looks).length);
  expect(Object.values(marked).some((l) => l.note.includes('[comment]'))).toBe(true);
  await page.getByTestId('clear-button').click();
  await page.getByText('已清除标记').waitFor();
  expect(await probe(page, (p) => ({ looks: p.looks(), values: p.values(), sheets: p.sheetNames() }))).toEqual(before);
  await page.close();
});

// Every host of the strict simulator's table (tests/simulator/excel-simulator.ts HOST_PROFILES: Excel 2019, 2021,
// LTSC 2024, Microsoft 365 on Windows, Mac and the web, the intranet build's office.js 1.1.110): the pane checks,
// marks and clears without a page error, and the workbook ends as it began.
test.each(Object.keys(HOST_PROFILES) as HostProfileName[])('host profile %s: 校验, 标记到工作表, 清除标记 on the strict simulator', async (profile) => {
  const page = await openPane(`xlsx=/fixtures/001-standard.xlsx&profile=${profile}`);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const before = await probe(page, (p) => ({ looks: p.looks(), values: p.values(), sheets: p.sheetNames() }));
  await runCheck(page);
  const view = buildView(checkWorkbook(snapshots.get('001-standard')!).findings);
  expect(await page.getByTestId('finding-message').allTextContents()).toEqual([...view.errors, ...view.notices].map((i) => i.message));
  await page.getByTestId('annotate-button').click();
  await page.locator('[data-testid="message-success"], [data-testid="message-error"], [data-testid="message-warning"]').first().waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('message-error').count()).toBe(0);
  await page.getByTestId('clear-button').click();
  await page.getByText('已清除标记').waitFor({ timeout: 60_000 });
  expect(await probe(page, (p) => ({ looks: p.looks(), values: p.values(), sheets: p.sheetNames() }))).toEqual(before);
  expect(errors).toEqual([]);
  await page.close();
});

test('ExcelApi 1.3: the pane says Excel is too old instead of starting', async () => {
  const page = await openPane(fixture('001-standard', '1.3'));
  const blocker = page.getByTestId('blocker');
  await blocker.waitFor();
  expect(await blocker.textContent()).toContain(HOST_TOO_OLD_MESSAGE);
  expect(await page.getByTestId('check-button').count()).toBe(0);
  await shot(page, 'too-old');
  await page.close();
});

test('导出校验报告 downloads the findings: CSV with a BOM and Chinese headers, and HTML', async () => {
  const expected = checkWorkbook(snapshots.get('001-standard')!).findings;
  const page = await openPane(fixture('001-standard'));
  await runCheck(page);
  await page.getByTestId('export-button').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^校验报告-.*\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('序号,表,级别,规则,说明,工作表,单元格,应为,实为,相关单元格,规则编号');
  // One row per item of the view (merged findings once), the rule ids of each in the last column.
  const items = viewItems(buildView(expected));
  expect(lines).toHaveLength(items.length + 1);

  await page.getByTestId('export-button').click();
  const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
  expect(html.suggestedFilename()).toMatch(/^校验报告-.*\.html$/);
  const doc = readFileSync((await html.path())!, 'utf8');
  expect(doc).toContain('<h1>预算公开校验报告</h1>');
  expect(doc.match(/<tr class="(error|warning|info)">/g)).toHaveLength(items.length);
  await page.close();
});

test('情况说明: 生成情况说明 writes the generated sheet, 创建补充信息表 the 补充信息 sheet, 核对情况说明 shows group N', async () => {
  const page = await openPane(fixture('001-standard'));
  await runCheck(page);
  await page.getByTestId('narrative-generate').click();
  const panel = page.getByTestId('narrative-panel');
  await panel.getByText('已写入工作表“情况说明（生成）”').waitFor();
  expect(await panel.textContent()).toMatch(/其中 \d+ 处【请填写】需补充/);
  expect(await probe(page, (p) => p.sheetNames())).toContain('情况说明（生成）');
  const column = async (sheet: string) =>
    Object.entries(await probe(page, (p) => p.values()))
      .filter(([k]) => k.startsWith(`${sheet}!A`))
      .sort(([a], [b]) => Number(a.slice(a.lastIndexOf('!A') + 2)) - Number(b.slice(b.lastIndexOf('!A') + 2)))
      .map(([, v]) => String(v));
  const generated = await column('情况说明（生成）');
  expect(generated[0]).toContain('第三部分');
  expect(generated.slice(0, 6).join('\n')).toContain('1,799.77万元');
  await page.getByTestId('narrative-copy').waitFor();
  await shot(page, 'narrative');
  // 下载 .docx loads the docx writer as a separate chunk and downloads a Word (zip) file.
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('narrative-docx').click()]);
  expect(docx.suggestedFilename()).toMatch(/^第三部分.*\.docx$/);
  expect(readFileSync((await docx.path())!).subarray(0, 2).toString()).toBe('PK');

  await page.getByTestId('narrative-supplement').click();
  await panel.getByText('已创建工作表“补充信息”').waitFor();
  expect(await probe(page, (p) => p.sheetNames())).toContain('补充信息');
  const keys = await column('补充信息');
  expect(keys).toEqual(expect.arrayContaining(['填写项', '单位名称', '预算年度', '项目名称']));

  await page.getByTestId('narrative-review').click();
  // Only the 情况说明 findings are listed.
  await page.locator('[data-testid="group-filter"][data-group="N"]').waitFor();
  const groups = await page.locator('[data-testid="section-table"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-group')))]);
  expect(groups).toEqual(['N']);
  await page.close();
});

test('a failing workbook read shows a Chinese message, not a blank pane', async () => {
  const page = await openPane(`${fixture('001-standard')}&fail=run`);
  await page.getByTestId('check-button').click();
  const bar = page.getByTestId('message-error');
  await bar.waitFor();
  expect(await bar.textContent()).toContain('无法读取工作簿');
  await shot(page, 'error');
  await page.close();
});

describe('taskpane.html (the entry Excel loads)', () => {
  test('on Internet Explorer / Trident it explains that Office is too old', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko' });
    });
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByText('当前 Office 版本过旧，无法运行本加载项').waitFor();
    await shot(page, 'old-host');
    await page.close();
  });

  test('without office.js (CDN unreachable) it says so in Chinese', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByText('无法加载 Office.js').waitFor();
    await page.close();
  });
});

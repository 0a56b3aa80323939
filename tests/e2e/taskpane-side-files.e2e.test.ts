/**
 * The task pane's files beside the workbook (issue 15) in headless Chromium over the Office.js simulator
 * (tests/e2e/sim): 选择情况说明文件 (.docx, read in the pane by the fflate Word reader) and 选择上年公开文件 (read in
 * the pane by SheetJS) make 校验 take them; the findings equal the engine's check in Node with the same files.
 * The .docx is written here with the `docx` package from seed 001's published text; last year's workbook with
 * ExcelJS from the seed, 表一 scaled. Screenshot: screenshots/taskpane-side-files.png (with SCREENSHOTS=1).
 */
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { check as checkWorkbook, recognise } from '../../src/engine';
import { buildView } from '../../src/format/view';
import { readDocxNarrative } from '../../src/docx/read';
import type { Finding } from '../../src/model/finding';
import { Decimal } from '../../src/model/money';
import { readWithSheetJs } from '../../src/xlsx/sheetjs-read';
import { readWorkbookFile } from '../../src/xlsx/read';
import { ROOT, SHOTS, buildTestPages, startSuite, stopSuite, type Browser, type StaticServer } from './harness';

jest.setTimeout(240_000);

let server: StaticServer;
let browser: Browser;
let tmp: string;
let docxPath: string;
let prevPath: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'pane-side-'));
  docxPath = join(tmp, '情况说明-001.docx');
  prevPath = join(tmp, '2023年预算公开-001.xlsx');
  const [dist] = await Promise.all([
    buildTestPages(),
    (async () => {
      const text = (JSON.parse(readFileSync(join(ROOT, 'fixtures/seeds/001.json'), 'utf8')) as { narrative: string[] }).narrative;
      writeFileSync(docxPath, new Uint8Array(await Packer.toArrayBuffer(new Document({ sections: [{ children: text.map((t) => new Paragraph(t)) }] }))));
      const seedFile = join(ROOT, 'fixtures/workbooks/001-standard.xlsx');
      const t1 = recognise(await readWorkbookFile(seedFile)).tables.T1!.sheet;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(seedFile);
      wb.getWorksheet(t1)!.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'number') cell.value = new Decimal(cell.value).times('0.9').toDecimalPlaces(2).toNumber();
        }),
      );
      await wb.xlsx.writeFile(prevPath);
    })(),
  ]);
  ({ server, browser } = await startSuite({ '/': dist, '/fixtures/': join(ROOT, 'fixtures/workbooks') }));
});

afterAll(() => stopSuite({ browser, server, tmp }));

/** The messages the pane lists for these findings: the view's 错误 and 提示 items (the 舍位 group starts folded). */
function shownItems(findings: Finding[]): string[] {
  const v = buildView(findings);
  return [...v.errors, ...v.notices].map((i) => i.message).sort();
}

test('选择情况说明文件 and 选择上年公开文件: 校验 takes them, the findings equal the engine in Node', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 360, height: 900 });
  await page.goto(`${server.url}/taskpane-sim.html?xlsx=/fixtures/001-standard.xlsx&api=1.18`);
  await page.getByTestId('check-button').click();
  await page.getByTestId('findings').waitFor();
  const seed = await readWorkbookFile(join(ROOT, 'fixtures/workbooks/001-standard.xlsx'));
  const shown = async () => (await page.getByTestId('finding-message').allTextContents()).sort();
  expect(await shown()).toEqual(shownItems(checkWorkbook(seed).findings));

  await page.getByTestId('narrative-input').setInputFiles(docxPath);
  await page.getByTestId('remove-narrative').waitFor({ timeout: 60_000 });
  const narrative = await readDocxNarrative(new Uint8Array(readFileSync(docxPath)), '情况说明-001.docx');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="finding-message"]').length > 0);
  await page.getByTestId('previous-input').setInputFiles(prevPath);
  await page.getByTestId('remove-previous').waitFor({ timeout: 60_000 });
  // The pane reads last year's workbook with SheetJS: the expectation uses the same reader.
  const previous = { snapshot: await readWithSheetJs(new Uint8Array(readFileSync(prevPath)), 'xlsx' as unknown as 'xls', '2023年预算公开-001.xlsx'), file: '2023年预算公开-001.xlsx' };
  const expected = checkWorkbook(seed, undefined, { narrative, previous }).findings;
  expect(expected.some((f) => f.rule === 'N.previous')).toBe(true);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="finding-message"]').length === n, shownItems(expected).length, { timeout: 60_000 });
  expect(await shown()).toEqual(shownItems(expected));
  expect(await page.getByTestId('narrative-file').textContent()).toBe('情况说明-001.docx');
  await page.getByTestId('side-files').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'taskpane-side-files.png') });
  expect(errors).toEqual([]);
  await page.close();
});

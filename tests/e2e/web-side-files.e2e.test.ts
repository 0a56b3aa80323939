/**
 * The web page's files beside the workbook (issue 15): 选择情况说明文件 (a .docx checked in place of the workbook's
 * own 情况说明, findings located by 段落N on the document's name) and 选择上年公开文件 (last year's workbook: the
 * 比上年 checks, and the generated 情况说明 computes its 比上年 figures), in headless Debian Chromium. The findings
 * shown equal the engine's check in Node with the same files; a .docx dropped with the workbook is used too; a
 * file that is not a .docx is one Chinese message. Both files are written here: the .docx with the `docx` package
 * from seed 001's published text (fixtures/seeds/001.json), last year's workbook with ExcelJS from the seed's
 * workbook, 表一 scaled. Screenshots: screenshots/web-side-files*.png (with SCREENSHOTS=1).
 */
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import JSZip from 'jszip';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { check as checkWorkbook, narrative, recognise } from '../../src/engine';
import { buildView } from '../../src/format/view';
import { readDocxNarrative } from '../../src/docx/read';
import type { Finding } from '../../src/model/finding';
import { Decimal } from '../../src/model/money';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import { readWorkbookFile } from '../../src/xlsx/read';
import { ROOT, SHOTS, buildWebPage, startSuite, stopSuite, type Browser, type StaticServer } from './harness';

jest.setTimeout(240_000);

const SEED = join(ROOT, 'fixtures/workbooks/001-standard.xlsx');

let dist: string;
let tmp: string;
let server: StaticServer;
let browser: Browser;
let seed: WorkbookSnapshot;
let docxPath: string;
let prevPath: string;
let badDocxPath: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'budget-web-side-'));
  docxPath = join(tmp, '情况说明-001.docx');
  prevPath = join(tmp, '2023年预算公开-001.xlsx');
  badDocxPath = join(tmp, '不是文档.docx');
  [dist] = await Promise.all([
    buildWebPage(),
    (async () => {
      seed = await readWorkbookFile(SEED);
      const text = (JSON.parse(readFileSync(join(ROOT, 'fixtures/seeds/001.json'), 'utf8')) as { narrative: string[] }).narrative;
      const doc = new Document({ sections: [{ children: text.map((t) => new Paragraph(t)) }] });
      writeFileSync(docxPath, new Uint8Array(await Packer.toArrayBuffer(doc)));
      writeFileSync(badDocxPath, 'plain text, not a zip');
      const t1 = recognise(seed).tables.T1!.sheet;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(SEED);
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (ws.name === t1 && typeof cell.value === 'number') cell.value = new Decimal(cell.value).times('0.9').toDecimalPlaces(2).toNumber();
            else if (typeof cell.value === 'string' && cell.value.includes('2024')) cell.value = cell.value.split('2024').join('2023');
          }),
        ),
      );
      await wb.xlsx.writeFile(prevPath);
    })(),
  ]);
  ({ server, browser } = await startSuite({ '/': dist }));
});

afterAll(() => stopSuite({ browser, server, tmp }));

async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/index.html`);
  await page.getByTestId('drop-zone').waitFor();
  return { page, errors };
}

/** The messages listed once the page shows `want`'s number of items (it re-checks after each file is chosen). */
async function messages(page: Page, want: string[]): Promise<string[]> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="finding-message"]').length === n, want.length, { timeout: 60_000 }).catch(() => undefined);
  return (await page.getByTestId('finding-message').allTextContents()).sort();
}

/** The messages the page lists for these findings: the view's 错误 and 提示 items (the 舍位 group starts folded). */
const sorted = (fs: Finding[]) => {
  const v = buildView(fs);
  return [...v.errors, ...v.notices].map((i) => i.message).sort();
};

test('选择情况说明文件 and 选择上年公开文件: the page checks with them as the engine does in Node; the 情况说明 download computes 比上年', async () => {
  const { page, errors } = await openPage();
  await page.getByTestId('file-input').setInputFiles(SEED);
  await page.getByTestId('findings').waitFor({ timeout: 60_000 });
  await page.getByTestId('side-files').waitFor();
  expect(await page.getByTestId('narrative-file').textContent()).toContain('未选择');
  expect(await messages(page, sorted(checkWorkbook(seed).findings))).toEqual(sorted(checkWorkbook(seed).findings));

  // The Word 情况说明: N.* findings on 段落N of the document's name, the rest as before.
  const narrativeText = await readDocxNarrative(new Uint8Array(readFileSync(docxPath)), '情况说明-001.docx');
  const withDocx = checkWorkbook(seed, undefined, { narrative: narrativeText }).findings;
  expect(withDocx.some((f) => f.sheet === '情况说明-001.docx' && /^段落\d+$/.test(f.cells[0]))).toBe(true);
  await page.getByTestId('narrative-input').setInputFiles(docxPath);
  await page.getByTestId('remove-narrative').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('narrative-file').textContent()).toBe('情况说明-001.docx');
  expect(await messages(page, sorted(withDocx))).toEqual(sorted(withDocx));
  await page.screenshot({ path: join(SHOTS, 'web-side-files-docx.png') });

  // Last year's workbook too: the 比上年 figures against it.
  const prev = await readWorkbookFile(prevPath);
  const previous = { snapshot: prev, file: '2023年预算公开-001.xlsx' };
  const both = checkWorkbook(seed, undefined, { narrative: narrativeText, previous }).findings;
  expect(both.filter((f) => f.rule === 'N.previous').length).toBeGreaterThan(0);
  await page.getByTestId('previous-input').setInputFiles(prevPath);
  await page.getByTestId('remove-previous').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('previous-file').textContent()).toBe('2023年预算公开-001.xlsx');
  expect(await messages(page, sorted(both))).toEqual(sorted(both));
  await page.screenshot({ path: join(SHOTS, 'web-side-files.png') });

  // The generated 情况说明 takes its 比上年 figures from last year's tables.
  const g = narrative(seed, recognise(seed, { previous }));
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('download-md').click()]);
  const md = join(tmp, 'out.md');
  await d.saveAs(md);
  expect(readFileSync(md, 'utf8')).toBe(g.markdown);
  expect(g.markdown).toContain('比上年增加179.98万元，增长11.11%');
  const [dd] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('download-docx').click()]);
  const docx = join(tmp, 'out.docx');
  await dd.saveAs(docx);
  expect(await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string')).toContain('比上年增加179.98万元');

  // Removing the .docx: the workbook's own 情况说明 again, last year's file still in use.
  await page.getByTestId('remove-narrative').click();
  await page.getByTestId('remove-narrative').waitFor({ state: 'detached', timeout: 60_000 });
  expect(await messages(page, sorted(checkWorkbook(seed, undefined, { previous }).findings))).toEqual(sorted(checkWorkbook(seed, undefined, { previous }).findings));
  expect(errors).toEqual([]);
  await page.close();
});

test('a .docx dropped with the workbook is used; a file that is not a .docx is one Chinese message', async () => {
  const { page, errors } = await openPage();
  // Both files dropped on the page at once (a DataTransfer built in the page from the files' bytes).
  const files = [SEED, docxPath].map((f) => ({ name: f.split('/').pop()!, data: readFileSync(f).toString('base64') }));
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, files);
  await page.getByTestId('web-app').dispatchEvent('drop', { dataTransfer: transfer });
  await page.getByTestId('remove-narrative').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('workbook-name').textContent()).toBe('001-standard.xlsx');
  expect(await page.getByTestId('narrative-file').textContent()).toBe('情况说明-001.docx');

  await page.getByTestId('narrative-input').setInputFiles(badDocxPath);
  const alert = page.getByText('不是有效的 .docx 文件');
  await alert.waitFor({ timeout: 60_000 });
  // The file in use stays as it was.
  expect(await page.getByTestId('narrative-file').textContent()).toBe('情况说明-001.docx');
  await page.screenshot({ path: join(SHOTS, 'web-side-files-bad.png') });
  expect(errors).toEqual([]);
  await page.close();
});

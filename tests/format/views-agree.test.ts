/**
 * One workbook, every view: the CLI's JSON lists every finding of the engine; the text report, the pane's and
 * page's CSV/HTML reports and the annotated copy's 校验结果 sheet list the same items of the clerk's view
 * (src/format/view.ts: 错误 first, 舍位 folded, merged items once) in the same order with the same wording; a batch
 * page lists the same findings (the pane's and page's own lists are compared in tests/e2e). Driven through the CLI
 * entry, so the test holds whatever the internals of each view become.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { main, type Io } from '../../src/cli/main';
import { check } from '../../src/engine';
import { groupFindings } from '../../src/format/findings-view-model';
import { esc } from '../../src/format/html';
import { buildCsv, buildHtml, reportRows } from '../../src/format/report';
import { buildView, itemLine, viewItems, type ViewItem } from '../../src/format/view';
import type { Finding } from '../../src/model/finding';
import { cellText } from '../../src/model/snapshot';
import { readWorkbookFile } from '../../src/xlsx/read';

const ROOT = path.resolve(__dirname, '../..');
const WORKBOOK = path.join(ROOT, 'fixtures/workbooks/001-standard.xlsx');

function capture(): Io & { stdout: string; stderr: string[] } {
  const io = {
    stdout: '',
    stderr: [] as string[],
    out(t: string) {
      io.stdout += t;
    },
    err(l: string) {
      io.stderr.push(l);
    },
  };
  return io;
}

/** Each needle found in `text` after the previous one: the same items in the same order. */
function expectInOrder(text: string, needles: string[]): void {
  let at = 0;
  for (const n of needles) {
    const i = text.indexOf(n, at);
    if (i < 0) throw new Error(`not found in order after offset ${at}: ${n}`);
    at = i + n.length;
  }
}

let tmp: string;
let findings: Finding[];
/** The order of the views that group by table: the groups in table order, the engine's order within each. */
let grouped: Finding[];
/** The clerk's view: the items in reading order. */
let items: ViewItem[];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-views-'));
  findings = check(await readWorkbookFile(WORKBOOK)).findings;
  grouped = groupFindings(findings).flatMap((g) => g.items.map((i) => i.finding));
  items = viewItems(buildView(findings));
  // The view folds something on this workbook, so merged items are exercised.
  expect(items.length).toBeLessThan(findings.length);
  // A workbook with errors, warnings and information, so order across severities is exercised.
  expect(new Set(findings.map((f) => f.severity)).size).toBeGreaterThanOrEqual(2);
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('check --json lists the engine findings, in order, with the same messages', async () => {
  const io = capture();
  await main(['check', WORKBOOK, '--json'], io);
  const json = JSON.parse(io.stdout) as { findings: { rule: string; severity: string; message: string; cells: string[] }[] };
  expect(json.findings.map((f) => [f.rule, f.severity, f.message, f.cells])).toEqual(findings.map((f) => [f.rule, f.severity, f.message, f.cells]));
});

test('the text report prints each item of the view as its one formatted line, in the view’s order', async () => {
  const io = capture();
  await main(['check', WORKBOOK], io);
  expectInOrder(io.stdout, items.map((i) => `  ${itemLine(i)}\n`));
});

test('the pane and page reports (CSV, HTML) carry the same items in the same order', () => {
  expect(reportRows(findings).map((r) => r[4])).toEqual(items.map((i) => i.message));
  const csv = buildCsv(findings);
  expectInOrder(csv, items.map((i) => i.rules.join('、')));
  const html = buildHtml(findings, { workbook: '001-standard.xlsx', checkedAt: new Date(2026, 0, 1) });
  expectInOrder(html, items.map((i) => esc(i.message)));
});

test('a batch page lists the same findings in the same order', async () => {
  const folder = path.join(tmp, 'in');
  fs.mkdirSync(folder);
  fs.copyFileSync(WORKBOOK, path.join(folder, '001-standard.xlsx'));
  const out = path.join(tmp, 'batch', 'report.html');
  fs.mkdirSync(path.dirname(out));
  await main(['batch', folder, '--out', out, '--jobs', '1'], capture());
  const pages = fs
    .readdirSync(path.dirname(out), { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.html') && path.basename(p) !== 'report.html');
  expect(pages).toHaveLength(1);
  const page = fs.readFileSync(path.join(path.dirname(out), pages[0]), 'utf8');
  expectInOrder(page, grouped.map((f) => esc(f.message)));
});

test('the annotated copy’s results sheet lists the same items in the same order', async () => {
  const out = path.join(tmp, 'copy.xlsx');
  await main(['check', WORKBOOK, '--out', out], capture());
  const copy = await readWorkbookFile(out);
  const sheet = copy.sheets.find((s) => /^校验结果/.test(s.name))!;
  expect(sheet).toBeDefined();
  const texts = sheet.rows.map((r) => (r ?? []).map((c) => (c ? cellText(c) : '')).join('\u0001'));
  expectInOrder(texts.join('\n'), items.map((i) => i.message));
});

/**
 * The 情况说明 of a published PDF is read as the narrative (issue #17): each standard-layout fixture workbook, with
 * its 情况说明 rows made tall enough for their text (tests/fidelity/producers/fit_narrative.py, openpyxl: as a
 * department prints it), is printed by LibreOffice headless one page per sheet, and `check x.pdf --json` gives the
 * narrative findings (N.*: rule, severity, figures) of the workbook itself, on a page named `第N页 情况说明`.
 *
 * The other layouts, with every row fitted (tables and target forms too), are in pdf-tall-rows.fidelity.test.ts.
 * (What looked like figures printed off their tall rows in the variant layouts was the copy: openpyxl writes no
 * values for formulas, and LibreOffice printed them 0.00; fit_rows.py, which fit_narrative.py uses, writes the
 * workbook's values.)
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { checkPdfJson, checkWorkbookJson } from './pdf-check';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'fixtures/workbooks');
const PRINT = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}';
const LAYOUTS = ['000-standard', '001-standard', '002-standard', '003-standard'];

jest.setTimeout(600_000);

interface Json {
  findings: { rule: string; severity: string; sheet: string; actual: string | null; expected: string | null }[];
}

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-pdf-narrative-'));
  for (const l of LAYOUTS) {
    const r = spawnSync('/usr/bin/python3', [path.join(__dirname, 'producers/fit_narrative.py'), path.join(FIXTURES, `${l}.xlsx`), path.join(dir, `${l}.xlsx`)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`fit_narrative ${l}: ${r.stderr}`);
  }
  const profile = `file://${path.join(dir, 'lo-profile')}`;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', PRINT, '--outdir', dir, ...LAYOUTS.map((l) => path.join(dir, `${l}.xlsx`))], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const checkWorkbook = async (file: string): Promise<Json> => (await checkWorkbookJson<Json>(file)).json;

const checkPdf = (file: string): Json => checkPdfJson<Json>(file).json;

const narrativeFindings = (j: Json) => j.findings.filter((f) => f.rule.startsWith('N.')).map((f) => `${f.rule} ${f.severity} ${f.actual ?? ''} ${f.expected ?? ''}`).sort();

describe.each(LAYOUTS)('%s printed with its 情况说明 rows fitted to the text', (layout) => {
  it('gives the narrative findings of the workbook (rule, severity, figures), on the 情况说明 page', async () => {
    const wb = await checkWorkbook(path.join(dir, `${layout}.xlsx`));
    const pdf = checkPdf(path.join(dir, `${layout}.pdf`));
    expect(narrativeFindings(pdf)).toEqual(narrativeFindings(wb));
    for (const f of pdf.findings.filter((x) => x.rule.startsWith('N.'))) expect(f.sheet).toMatch(/^第\d+(-\d+)?页 情况说明$/);
    // and the copy is the fixture's own content: its check is the fixture's
    expect(narrativeFindings(wb)).toEqual(narrativeFindings(await checkWorkbook(path.join(FIXTURES, `${layout}.xlsx`))));
  });
});

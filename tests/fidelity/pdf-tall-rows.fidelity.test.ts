/**
 * Rows made tall in a published PDF (issue #17): a department fits its rows to their wrapped text before it
 * prints, so a row's figures print at the bottom or the middle of a tall row, away from the first line of its
 * label. Every fixture workbook is fitted by tests/fidelity/producers/fit_rows.py (openpyxl) and printed by
 * LibreOffice headless one page per sheet, in two ways:
 *
 *   - fitted:  every row with a wrapped or long text cell as tall as its text, the fixtures' own alignment
 *              (amounts at the bottom of their cells, target-form cells centred);
 *   - wrapped: the same with the label columns at 0.6 of their width (long labels wrap onto two or three lines)
 *              and every cell of a fitted row centred vertically (the figures at mid-row, between label lines).
 *
 * `check x.pdf --json` then gives the workbook's tables and the same table findings (T*, HIER.*, X.*: rule,
 * severity, figures), no error the workbook lacks, the same target forms, and, where the 情况说明 is on a sheet of
 * its own in one wide column (standard and variant layouts), the workbook's narrative findings (N.*).
 *
 * Known gaps (it.failing): 000-variant and 002-variant stack every target form on one sheet of 1,400–1,800 rows;
 * LibreOffice's one-page-per-sheet export draws only its first ~1,000 rows (34 of 59 and 32 of 43 forms: the
 * others are not in the PDF, printed fitted or not: the export's page-height limit, not the reader — printed on
 * A4 pages every form is read with its amounts, tests/fidelity/pdf.fidelity.test.ts), so the PDF's check misses
 * forms the workbook has; the projects whose form is not printed are said to have none only as warnings naming
 * where the print stopped (src/pdf/check.ts cutForms), so no error the workbook lacks holds for them too. The merged-wide layouts' 情况说明 is merged over narrow columns and LibreOffice prints
 * only its first column: its N.* findings are not compared.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { checkPdfJson, checkWorkbookJson, type CheckJson, findingKey } from './pdf-check';
import { python, ROOT } from './producers';

const FIXTURES = path.join(ROOT, 'fixtures/workbooks');
const PRINT = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}';
const LAYOUTS = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).map((f) => f.replace(/\.xlsx$/, '')).sort();
/** Every target form on one sheet, printed in part by LibreOffice's one-page export (see the file comment). */
const STACKED = ['000-variant', '002-variant'];
const FLAVOURS: Record<string, string[]> = { fitted: [], wrapped: ['--narrow', '0.6', '--valign', 'center'] };

jest.setTimeout(1_800_000);

type Json = CheckJson;

let dir: string;
const workbooks = new Map<string, Json>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-pdf-tall-rows-'));
  const inputs: string[] = [];
  for (const [flavour, args] of Object.entries(FLAVOURS)) {
    fs.mkdirSync(path.join(dir, flavour));
    for (const l of LAYOUTS) {
      const out = path.join(dir, flavour, `${l}.xlsx`);
      python('fit_rows.py', [...args, path.join(FIXTURES, `${l}.xlsx`), out]);
      inputs.push(out);
    }
  }
  // one soffice run per flavour (outputs of one run share a folder), each with its own profile
  for (const flavour of Object.keys(FLAVOURS)) {
    const out = path.join(dir, flavour);
    const profile = `file://${path.join(dir, 'lo-profile')}`;
    const files = inputs.filter((f) => path.dirname(f) === out);
    const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', PRINT, '--outdir', out, ...files], { encoding: 'utf8', timeout: 900_000 });
    if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  }
  for (const l of LAYOUTS) workbooks.set(l, await checkWorkbook(path.join(FIXTURES, `${l}.xlsx`)));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const checkWorkbook = async (file: string): Promise<Json> => (await checkWorkbookJson<Json>(file)).json;

const checkPdf = (file: string): Json => checkPdfJson<Json>(file).json;

const key = findingKey;
const of = (j: Json, rule: RegExp) => j.findings.filter((f) => rule.test(f.rule)).map(key).sort();
const TABLE_RULES = /^(T\d|X\.|HIER\.)/;

describe.each(Object.keys(FLAVOURS))('rows fitted to their text (%s), printed to PDF', (flavour) => {
  describe.each(LAYOUTS)('%s', (layout) => {
    let wb: Json;
    let pdf: Json;
    beforeAll(() => {
      wb = workbooks.get(layout)!;
      pdf = checkPdf(path.join(dir, flavour, `${layout}.pdf`));
    });

    it('gives the tables and the table findings of the workbook (rule, severity, figures)', async () => {
      for (const [id, loc] of Object.entries(wb.tables)) expect({ id, found: pdf.tables[id].found }).toEqual({ id, found: loc.found });
      expect(of(pdf, TABLE_RULES)).toEqual(of(wb, TABLE_RULES));
      // and the copy printed holds the fixture's content: its own check is the fixture's
      const copy = await checkWorkbook(path.join(dir, flavour, `${layout}.xlsx`));
      expect(of(copy, /./)).toEqual(of(wb, /./));
    });

    // (stacked forms too: a project whose form is not printed is said to have none only as a warning naming the cut)
    it('claims no error the workbook does not have', () => {
      const left = wb.findings.filter((f) => f.severity === 'error').map(key);
      const falseErrors = pdf.findings.filter((f) => f.severity === 'error').filter((f) => {
        const i = left.indexOf(key(f));
        return i >= 0 ? (left.splice(i, 1), false) : true;
      });
      expect(falseErrors.map((f) => `${key(f)} @${f.sheet} ${f.cells.join(',')}`)).toEqual([]);
    });

    (STACKED.includes(layout) ? it.failing : it)('reads the same target forms', () => {
      const totals = (j: Json) => j.performanceTargets.map((t) => `${t.annualTotal}/${t.periodTotal}`);
      expect(totals(pdf)).toEqual(totals(wb));
    });

    if (!layout.endsWith('merged-wide')) {
      (STACKED.includes(layout) ? it.failing : it)('gives the narrative findings of the workbook (rule, severity, figures)', () => {
        expect(of(pdf, /^N\./)).toEqual(of(wb, /^N\./));
      });
    }
  });
});

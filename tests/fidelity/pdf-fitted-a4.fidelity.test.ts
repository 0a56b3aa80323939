/**
 * A published disclosure PDF as a department prints it (issue #17): rows fitted to their text
 * (tests/fidelity/producers/fit_rows.py --a4, openpyxl: every row with wrapped or long text as tall as its text,
 * every sheet on A4 paper as a Chinese-locale LibreOffice or Excel prints it) and printed by LibreOffice headless
 * the default way (`--convert-to pdf`, no SinglePageSheets: tables cut across pages and into strips side by side,
 * which src/pdf/strips.ts and src/pdf/read.ts put back together). The PDFs are cached by the hash of LibreOffice's
 * version, fit_rows.py and the fixture under node_modules/.cache/budget-pdf.
 *
 * The promise for every one of the 12 fixture layouts: `check x.pdf --json` gives exactly the workbook's
 * tables, its performance target forms (count, 年度/实施期资金总额, project names) and its findings — every rule,
 * severity and figure of T*, HIER.*, X.*, P.*, and N.* where the 情况说明 is on a sheet of its own in one wide column
 * (standard, variant) — and no finding the workbook lacks beyond the INPUT.* that a PDF legitimately adds
 * (PDF_INPUTS: text the print shows only in part, named with its cells).
 *
 * Each promise is one test per layout; where the reader does not keep it yet it is an `it.failing` naming the
 * gap (GAPS), and what differs is pinned as measured counts (MEASURED: findings of the workbook the PDF misses or
 * gives otherwise, findings the PDF adds), so that any change shows.
 *
 * Not in the PDF at all (verified on the PDF's text items): the 情况说明 sheet's one column is 110 characters wide
 * (≈ 581 pt), wider than A4's printable width (≈ 482 pt between LibreOffice's default margins); LibreOffice cannot
 * cut a column across pages, so it prints every line of each paragraph cut at the page's right edge (its text items
 * run on past the page's edge, where nothing is drawn; "…比上年" / "要原因是…" with "减少7055.23万元，下降79.68%，主"
 * between them not printed). The 情况说明's figures are therefore only in part in this print, in every layout: its
 * N.* findings cannot all be the workbook's (the reader flags every such paragraph, so none is claimed as an error).
 */
import { spawnSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { checkPdfJson, checkWorkbookJson, type CheckJson, findingKey } from './pdf-check';
import { python, ROOT } from './producers';

const FIXTURES = path.join(ROOT, 'fixtures/workbooks');
const CACHE = path.join(ROOT, 'node_modules/.cache/budget-pdf');
const FIT = path.join(__dirname, 'producers/fit_rows.py');
const LAYOUTS = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).map((f) => f.replace(/\.xlsx$/, '')).sort();

jest.setTimeout(1_800_000);

type Json = CheckJson;

/**
 * The INPUT.* findings a PDF may add to the workbook's: text the print shows only in part (a cell's text cut off
 * at its edge or at the page's edge, wrapped text over its row's rules), listed with its cells so that what rests on
 * it is a warning. Anything else (a page fitting no table, a form's columns not found, a table twice) is the
 * reader's failure to put the print back together, not something the PDF lacks.
 */
const PDF_INPUTS = ['INPUT.pdf_uncertain_text'];

type Family = 'tables' | 'forms' | 'P' | 'N' | 'inputs';

/** The 情况说明 cut at the paper's edge (see the file comment): its text is not in the PDF, not the reader's gap. */
const EDGE = '情况说明 cut at the paper\'s right edge: N.* differ (warnings naming the cut paragraphs, no error)';
/**
 * A form the reader is not sure it read whole: its findings are warnings (src/pdf/check.ts readingDoubts) though the
 * workbook's are errors. 'cut': the sheet's last form whose indicators run to its last row without 满意度指标, the page
 * below blank (cutForms: a print stopped short, or a form lacking those indicators: the one that does, 003's
 * 职中免学费, is demoted with the P.summary resting on the forms found); 'blank': an amount read as blank on a
 * pseudo-sheet joined from several pages (002's 各项工作经费 has no 年度资金总额: P.match_T12 a warning).
 */
const DOUBT = 'P.* errors the workbook has shown as warnings (a form read from several pages: cut / blank doubts)';
/** Known gaps (it.failing), each with its cause. */
const GAPS: Record<string, Partial<Record<Family, string>>> = {
  '000-standard': { N: EDGE },
  '000-variant': { N: EDGE },
  '001-standard': { N: EDGE },
  '001-variant': { N: EDGE },
  // and 绩效41's two P.indicator_level warnings (成本指标 listed under 效益指标) are not found in the PDF: the workbook
  // merges 效益指标 over B24:B28, the PDF prints it mid-block (row 26) and the reader does not rebuild merges down a
  // column (row 24 is read under 产出指标 above; the undrawn rules in column B would tell)
  '002-standard': { N: EDGE, P: DOUBT },
  '002-merged-wide': { P: DOUBT },
  '002-variant': { N: EDGE, P: DOUBT },
  '003-standard': { P: DOUBT },
  '003-merged-wide': { P: DOUBT },
};

/**
 * Measured (this print, this reader): per family, [findings of the workbook the PDF misses or gives with another
 * severity or figure, findings the PDF adds]; forms: [forms read with the workbook's totals in order (or -1 when the
 * count differs), names read as the workbook's]; inputs: the INPUT.* the PDF adds beyond PDF_INPUTS, by rule.
 * N: the 情况说明 cut at the paper's edge (every layout; merged-wide's too, not compared by the issue); no N.* or
 * other finding the PDF adds is an error.
 */
const MEASURED: Record<string, { table: [number, number]; P: [number, number]; N: [number, number]; forms: [number, number]; inputs: Record<string, number> }> = {
  '000-merged-wide': { table: [0, 0], P: [0, 0], N: [0, 5], forms: [59, 59], inputs: {} },
  '000-standard': { table: [0, 0], P: [0, 0], N: [1, 6], forms: [59, 59], inputs: {} },
  '000-variant': { table: [0, 0], P: [0, 0], N: [1, 6], forms: [59, 59], inputs: {} },
  '001-merged-wide': { table: [0, 0], P: [0, 0], N: [4, 18], forms: [11, 11], inputs: {} },
  '001-standard': { table: [0, 0], P: [0, 0], N: [6, 10], forms: [11, 11], inputs: {} },
  '001-variant': { table: [0, 0], P: [0, 0], N: [6, 10], forms: [11, 11], inputs: {} },
  '002-merged-wide': { table: [0, 0], P: [3, 1], N: [5, 20], forms: [43, 43], inputs: {} },
  '002-standard': { table: [0, 0], P: [3, 1], N: [6, 10], forms: [43, 43], inputs: {} },
  '002-variant': { table: [0, 0], P: [1, 1], N: [6, 10], forms: [43, 43], inputs: {} },
  '003-merged-wide': { table: [0, 0], P: [3, 3], N: [0, 0], forms: [29, 29], inputs: {} },
  '003-standard': { table: [0, 0], P: [3, 3], N: [0, 0], forms: [29, 29], inputs: {} },
  '003-variant': { table: [0, 0], P: [0, 0], N: [0, 0], forms: [29, 29], inputs: {} },
};

let dir: string;
let fitted: string;
const workbooks = new Map<string, Json>();

function sofficeVersion(): string {
  return spawnSync('soffice', ['--version'], { encoding: 'utf8' }).stdout ?? '';
}

beforeAll(async () => {
  const base = crypto.createHash('sha1').update(sofficeVersion()).update('pdf a4 fitted').update(fs.readFileSync(FIT));
  fitted = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-pdf-fitted-a4-'));
  const h = base.copy();
  for (const l of LAYOUTS) h.update(l).update(fs.readFileSync(path.join(FIXTURES, `${l}.xlsx`)));
  dir = path.join(CACHE, `fitted-a4-${h.digest('hex').slice(0, 16)}`);
  for (const l of LAYOUTS) python('fit_rows.py', ['--a4', path.join(FIXTURES, `${l}.xlsx`), path.join(fitted, `${l}.xlsx`)]);
  const missing = LAYOUTS.filter((l) => !fs.existsSync(path.join(dir, `${l}.pdf`)));
  if (missing.length) {
    fs.mkdirSync(dir, { recursive: true });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-pdf-fitted-a4-out-'));
    const profile = `file://${path.join(work, 'lo-profile')}`;
    // the default way: no export options (A4 pages from the sheets' paper size, tables cut across pages)
    const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, ...missing.map((l) => path.join(fitted, `${l}.xlsx`))], { encoding: 'utf8', timeout: 1_200_000 });
    if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
    for (const l of missing) {
      const got = path.join(work, `${l}.pdf`);
      if (!fs.existsSync(got)) throw new Error(`soffice did not print ${l}: ${r.stdout} ${r.stderr}`);
      fs.copyFileSync(got, path.join(dir, `${l}.pdf`));
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
  for (const l of LAYOUTS) workbooks.set(l, (await checkWorkbookJson<Json>(path.join(FIXTURES, `${l}.xlsx`))).json);
});

afterAll(() => fs.rmSync(fitted, { recursive: true, force: true }));

const key = findingKey;
const TABLE_RULES = /^(T\d|X\.|HIER\.)/;
const FAMILIES: Record<'table' | 'P' | 'N', RegExp> = { table: TABLE_RULES, P: /^P\./, N: /^N\./ };
const narrativeCompared = (layout: string) => !layout.endsWith('merged-wide');

/** The workbook's findings of `rule` the PDF lacks (or gives otherwise), and the PDF's the workbook lacks. */
function differences(wb: Json, pdf: Json, rule: RegExp): { missing: string[]; extra: string[] } {
  const extra: string[] = [];
  const left = wb.findings.filter((f) => rule.test(f.rule)).map(key);
  for (const f of pdf.findings.filter((x) => rule.test(x.rule))) {
    const i = left.indexOf(key(f));
    if (i >= 0) left.splice(i, 1);
    else extra.push(`${key(f)} @${f.sheet} ${f.cells.join(',')}`);
  }
  return { missing: left.sort(), extra: extra.sort() };
}

const totals = (j: Json) => j.performanceTargets.map((t) => `${t.annualTotal}/${t.periodTotal}`);
const names = (j: Json) => j.performanceTargets.map((t) => t.project ?? '');

describe.each(LAYOUTS)('%s fitted to its text and printed on A4 the default way', (layout) => {
  let wb: Json;
  let pdf: Json;
  const gap = (family: Family) => (GAPS[layout]?.[family] ? it.failing : it);
  beforeAll(() => {
    wb = workbooks.get(layout)!;
    pdf = checkPdfJson<Json>(path.join(dir, `${layout}.pdf`)).json;
  });

  it('is the fixture: the fitted copy checks as the fixture does', async () => {
    const copy = (await checkWorkbookJson<Json>(path.join(fitted, `${layout}.xlsx`))).json;
    expect(copy.findings.map(key).sort()).toEqual(wb.findings.map(key).sort());
  });

  gap('tables')('gives the workbook\'s tables and their findings (T*, HIER.*, X.*: rule, severity, figures)', () => {
    for (const [id, loc] of Object.entries(wb.tables)) expect({ id, found: pdf.tables[id].found }).toEqual({ id, found: loc.found });
    expect(differences(wb, pdf, TABLE_RULES)).toEqual({ missing: [], extra: [] });
  });

  gap('forms')('gives the workbook\'s target forms (count, 年度/实施期资金总额, project names)', () => {
    expect(totals(pdf)).toEqual(totals(wb));
    expect(names(pdf)).toEqual(names(wb));
  });

  gap('P')('gives the workbook\'s target-form findings (P.*: rule, severity, figures)', () => {
    expect(differences(wb, pdf, /^P\./)).toEqual({ missing: [], extra: [] });
  });

  if (narrativeCompared(layout)) {
    gap('N')('gives the workbook\'s narrative findings (N.*: rule, severity, figures)', () => {
      expect(differences(wb, pdf, /^N\./)).toEqual({ missing: [], extra: [] });
    });
  }

  it('claims no error the workbook lacks, and adds no finding but the INPUT.* a PDF legitimately adds', () => {
    const errors = differences(wb, pdf, /./).extra.filter((k) => / error /.test(k.split('@')[0]));
    expect(errors).toEqual([]);
    // the rest it adds are of the families compared above, each counted in MEASURED (warnings)
    const added = differences(wb, pdf, /./).extra.filter((k) => !k.startsWith('INPUT.'));
    expect(added.filter((k) => !Object.values(FAMILIES).some((f) => f.test(k)))).toEqual([]);
  });

  gap('inputs')('adds no INPUT.* finding but text printed in part (PDF_INPUTS)', () => {
    const added = differences(wb, pdf, /^INPUT\./).extra.map((k) => k.split(' ')[0]);
    expect(added.filter((r) => !PDF_INPUTS.includes(r))).toEqual([]);
  });

  it('differs from the workbook exactly as measured (MEASURED)', () => {
    const count = (family: 'table' | 'P' | 'N'): [number, number] => {
      const d = differences(wb, pdf, FAMILIES[family]);
      return [d.missing.length, d.extra.length];
    };
    const tw = totals(wb);
    const nw = names(wb);
    const tp = totals(pdf);
    const np = names(pdf);
    const inputs: Record<string, number> = {};
    for (const r of differences(wb, pdf, /^INPUT\./).extra.map((k) => k.split(' ')[0]).filter((x) => !PDF_INPUTS.includes(x))) inputs[r] = (inputs[r] ?? 0) + 1;
    const got = {
      table: count('table'),
      P: count('P'),
      N: count('N'),
      forms: [tp.length === tw.length ? tp.filter((t, i) => t === tw[i]).length : -1, np.length === nw.length ? np.filter((n, i) => n === nw[i]).length : -1],
      inputs,
    };
    expect(got).toEqual(MEASURED[layout]);
  });
});

/**
 * Fidelity on workbooks other producers wrote (issue 10 item 6): the copy of `check --out` and of `check --fix`
 * keeps every feature of the user's workbook.
 *
 * The workbooks are made here, in beforeAll, from the budget fixture 000-standard (so the checker has findings to
 * mark and a total to fill):
 *  - openpyxl: a chart, a table, three data validations (one a list on another sheet), conditional formats, legacy notes
 *    (one on a flagged cell), a threaded comment, defined names of every scope (workbook, sheet-scoped, a constant,
 *    print titles and area), sheet and workbook protection, fit-to-page printing, custom document properties and
 *    a sparkline (producers/openpyxl_features.py);
 *  - LibreOffice re-saving that file (its own writer: shared strings, its VML, its chart and drawing parts);
 *  - LibreOffice from the same file through flat ODF with a picture and a pivot table added (producers/lo_inject.py;
 *    neither openpyxl without PIL nor openpyxl at all writes those).
 * For each: the CLI's copy keeps every original entry byte for byte except the listed ones, which differ only by
 * the product's additions; openpyxl loads the copy (every row iterated) and finds every feature, cell value and
 * user note of the original; LibreOffice converts the copy to .ods and .csv and back without error, and what it
 * keeps of the original it keeps of the copy.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { RESULT_ITEM_COLUMNS, RESULT_SHEET, resultSheetIndex } from '../../src/format/marks';
import { makeCopies, userPart, valuesAfterFix, type Made } from './copies';
import { expectOnlyAdditions } from './diff';
import { ROOT, features, python, sha256, soffice, type Features } from './producers';

/** The copy's sheets: the results sheet first (after a cover), the user's sheets in their order. */
const withResultSheet = (names: string[]) => {
  const at = resultSheetIndex(names);
  return [...names.slice(0, at), RESULT_SHEET, ...names.slice(at)];
};

jest.setTimeout(900_000);

let dir: string;
const made: Made[] = [];
let feats: Record<string, Features>;
let back: Record<string, Features>;
const csv = new Map<string, string>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-fidelity-'));
  const fixture = path.join(ROOT, 'fixtures/workbooks/000-standard.xlsx');
  const openpyxlFile = path.join(dir, 'openpyxl.xlsx');
  python('openpyxl_features.py', [fixture, openpyxlFile]);

  const resaveIn = path.join(dir, 'in', 'lo-resave.xlsx');
  fs.mkdirSync(path.dirname(resaveIn), { recursive: true });
  fs.copyFileSync(openpyxlFile, resaveIn);
  const [resaved] = soffice([resaveIn], 'xlsx', dir);
  const [flat] = soffice([openpyxlFile], 'fods', path.join(dir, 'flat'));
  const pivotFlat = path.join(dir, 'flat', 'lo-pivot.fods');
  python('lo_inject.py', [flat, pivotFlat]);
  const [pivot] = soffice([pivotFlat], 'xlsx', dir);

  for (const file of [openpyxlFile, resaved, pivot]) made.push(await makeCopies(file, dir));

  const all = made.flatMap((m) => [m.file, m.out, m.fix]);
  feats = features(all);
  // LibreOffice: each original and each copy to .ods and back to .xlsx, and to .csv (the first sheet).
  const odsDir = path.join(dir, 'ods');
  const ods = soffice(all, 'ods', odsDir);
  const backs = soffice(ods, 'xlsx', path.join(dir, 'back'));
  back = Object.fromEntries(Object.entries(features(backs)).map(([f, v]) => [all[backs.indexOf(f)], v]));
  const csvs = soffice(all, 'csv', path.join(dir, 'csv'));
  all.forEach((f, i) => csv.set(f, fs.readFileSync(csvs[i], 'utf8')));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const names = ['openpyxl', 'lo-resave', 'lo-pivot'];
const get = (name: string) => made.find((m) => m.name === name)!;

describe.each(names)('%s', (name) => {
  test('the workbook holds what the suite is about (else the test would prove nothing)', () => {
    const m = get(name);
    const f = feats[m.file];
    const t2 = f.sheet['表二'];
    expect(t2.dataValidations.map((d) => d[0]).sort()).toEqual(['decimal', 'list', 'list']);
    expect(t2.dataValidations.some((d) => /选项'?!\$A\$1:\$A\$3/.test(d[1]))).toBe(true);
    expect(t2.conditionalFormats.length).toBe(2);
    expect(Object.keys(t2.notes).sort()).toEqual(['A1', 'B5', 'C13']);
    expect(t2.protected).toBe(true);
    expect(t2.print).toMatchObject({ fitToPage: true, orientation: 'landscape', titleRows: '4:5' });
    expect(t2.charts).toBe(1);
    expect(t2.tables.map((t) => t[1])).toEqual(['K30:L33']);
    expect(f.definedNames.map((n) => n[0]).sort()).toEqual(['税率', '表五合计', '部门收入合计']);
    expect(f.definedNames.find((n) => n[0] === '表五合计')![1]).toBe('表五');
    expect(f.package.customProperties).toEqual({ 编制单位: '高平市民政局', 预算年度: '2024' });
    expect(f.package.sparklines).toBe(1);
    if (name === 'openpyxl') {
      expect(f.workbookProtection).toBe(true);
      expect(f.package.threadedComments).toBe(1);
      expect(f.package.persons).toBe(1);
    }
    if (name === 'lo-pivot') {
      expect(f.package.media).toBe(1);
      expect(f.package.pivotTables).toBe(1);
      expect(f.package.pivotCaches).toBe(1);
      expect(f.sheet['透视'].pivots).toBe(1);
    }
    expect(m.markedSheets.has('表二')).toBe(true);
    expect(m.fixes.map((x) => `${x.sheet}!${x.cell}`)).toContain('表二!C9');
  });

  test('check --out and --fix: findings printed, exit 1, the copy written, the input unchanged', () => {
    const m = get(name);
    for (const run of [m.outRun, m.fixRun]) {
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/结果：错误 \d+ 条/);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(/^已写出带标注的副本：/);
    }
    expect(m.fixRun.err[0]).toMatch(/自动填充 [1-9]\d* 个单元格/);
    expect(sha256(m.file)).toBe(m.shaBefore);
  });

  test('every original entry is byte-identical except the listed ones, which differ only by the product’s additions', async () => {
    const m = get(name);
    const orig = new Uint8Array(fs.readFileSync(m.file));
    await expectOnlyAdditions(orig, new Uint8Array(fs.readFileSync(m.out)), m.outListing);
    await expectOnlyAdditions(orig, new Uint8Array(fs.readFileSync(m.fix)), m.fixListing, m.fixedCells);
    // What may change: the marked sheets, styles, the workbook and its relationships, content types, notes.
    for (const c of [...m.outListing.changed, ...m.fixListing.changed])
      expect(c).toMatch(/^(xl\/worksheets\/sheet\d+\.xml|xl\/styles\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/_rels\/sheet\d+\.xml\.rels|\[Content_Types\]\.xml|xl\/comments(\/comment)?\d*\.xml|xl\/drawings\/[\w-]+\.vml)$/);
  });

  test('openpyxl reads the copies with every feature, value and user note of the original', () => {
    const m = get(name);
    const orig = feats[m.file];
    for (const copy of [m.out, m.fix]) {
      const f = feats[copy];
      expect(f.sheets).toEqual(withResultSheet(orig.sheets));
      expect(userPart(f, orig.sheets)).toEqual(userPart(orig, orig.sheets));
      expect(f.ourDefinedNames).toBe(1);
      expect(f.warnings).toEqual(orig.warnings);
      for (const s of m.markedSheets) expect(f.sheet[s].ourConditionalFormats).toBeGreaterThan(0);
      expect(f.sheet['表二'].ourNotes.length).toBeGreaterThan(0);
      // the flagged cell with the user's own note keeps it (it is listed in the results sheet instead)
      expect(f.sheet['表二'].ourNotes).not.toContain('C13');
    }
    for (const s of orig.sheets) expect(feats[m.out].sheet[s].values).toEqual(orig.sheet[s].values);
    // --fix: the values are the original's, except the filled cells, which hold the computed totals.
    for (const s of orig.sheets) expect(feats[m.fix].sheet[s].values).toEqual(valuesAfterFix(orig, s, m));
  });

  test('LibreOffice converts the copies to .ods and .csv and back, keeping of them all it keeps of the original', () => {
    const m = get(name);
    const orig = back[m.file];
    expect(orig).toBeDefined();
    for (const copy of [m.out, m.fix]) {
      const f = back[copy];
      expect(f.sheets).toEqual(withResultSheet(orig.sheets));
      expect(userPart(f, orig.sheets)).toEqual(userPart(orig, orig.sheets));
      for (const s of m.markedSheets) expect(f.sheet[s].ourConditionalFormats).toBeGreaterThan(0);
      expect(f.sheet['表二'].ourNotes.length).toBeGreaterThan(0);
    }
    for (const s of orig.sheets) expect(back[m.out].sheet[s].values).toEqual(orig.sheet[s].values);
    // LibreOffice's .csv is the sheet a workbook opens on: the original's first sheet, and for the copy its
    // results sheet (first and active, by design); the user's sheets are compared through the .ods round trip above.
    expect(csv.get(m.file)!.length).toBeGreaterThan(100);
    const resultRows = csv.get(m.out)!.trim().split('\n');
    expect(resultRows.length).toBeGreaterThan(3);
    expect(resultRows[0].split(',')).toHaveLength(RESULT_ITEM_COLUMNS.length);
  });
});

/**
 * Fidelity on every seed workbook (fixtures/workbooks/*.xlsx) and the bundled sample (issue 10 "Done when"): the
 * CLI's `check --out` and `check --fix` copies keep every original entry byte for byte except the listed ones,
 * which differ only by the product's additions (and, in the --fix copy, the filled cells); openpyxl loads each copy
 * (every row iterated) with every value, name, merge and format of the original; LibreOffice converts each copy to
 * .ods and back to .xlsx without error (the --out copy; the --fix copy in other-producers.test.ts) and keeps of it what it keeps of the original.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { RESULT_SHEET, resultSheetIndex } from '../../src/format/marks';
import { makeCopies, userPart, valuesAfterFix, type Made } from './copies';
import { expectOnlyAdditions } from './diff';
import { ROOT, features, sha256, soffice, uniqueCopies, type Features } from './producers';

/** The copy's sheets: the results sheet first (after a cover), the user's sheets in their order. */
const withResultSheet = (names: string[]) => {
  const at = resultSheetIndex(names);
  return [...names.slice(0, at), RESULT_SHEET, ...names.slice(at)];
};

jest.setTimeout(1_200_000);

const FIXTURES = path.join(ROOT, 'fixtures/workbooks');
const files = [...fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(FIXTURES, f)), path.join(ROOT, 'examples/sample-长治市民政局-2024.xlsx')];

let dir: string;
const made = new Map<string, Made>();
let feats: Record<string, Features>;
let back: Record<string, Features>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-fidelity-seeds-'));
  // Copied first: the suite must never write beside the fixtures, and the inputs' hashes are checked after.
  for (const file of uniqueCopies(files, path.join(dir, 'in'))) made.set(path.basename(file).replace(/^\d+-/, ''), await makeCopies(file, dir));
  const all = [...made.values()].flatMap((m) => [m.file, m.out, m.fix]);
  feats = features(all);
  // LibreOffice on the originals and the --out copies (the --fix copies differ from those only by a few values,
  // and LibreOffice on the shared 2-core machine takes seconds a file; other-producers.test.ts converts both).
  const lo = [...made.values()].flatMap((m) => [m.file, m.out]);
  const ods = soffice(lo, 'ods', path.join(dir, 'ods'));
  const backs = soffice(ods, 'xlsx', path.join(dir, 'back'));
  const read = features(backs);
  back = Object.fromEntries(lo.map((f, i) => [f, read[backs[i]]]));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(files.map((f) => path.basename(f)))('%s', (name) => {
  test('the CLI wrote both copies after the findings; the input is unchanged', () => {
    const m = made.get(name)!;
    for (const run of [m.outRun, m.fixRun]) {
      expect([0, 1]).toContain(run.code);
      expect(run.out).toMatch(/结果：/);
      expect(run.err).toHaveLength(1);
      expect(run.err[0]).toMatch(/^已写出带标注的副本：/);
    }
    expect(sha256(m.file)).toBe(m.shaBefore);
    expect(sha256(m.file)).toBe(sha256(files.find((f) => path.basename(f) === name)!));
  });

  test('every original entry is byte-identical except the listed ones, which differ only by the product’s additions', async () => {
    const m = made.get(name)!;
    const orig = new Uint8Array(fs.readFileSync(m.file));
    await expectOnlyAdditions(orig, new Uint8Array(fs.readFileSync(m.out)), m.outListing);
    await expectOnlyAdditions(orig, new Uint8Array(fs.readFileSync(m.fix)), m.fixListing, m.fixedCells);
  });

  test('openpyxl reads each copy with everything of the original, plus the marks and the results sheet', () => {
    const m = made.get(name)!;
    const orig = feats[m.file];
    for (const copy of [m.out, m.fix]) {
      const f = feats[copy];
      expect(f.sheets).toEqual(withResultSheet(orig.sheets));
      expect(userPart(f, orig.sheets)).toEqual(userPart(orig, orig.sheets));
      expect(f.warnings).toEqual(orig.warnings);
      expect(f.ourDefinedNames).toBe(1);
      for (const s of m.markedSheets) expect(f.sheet[s].ourConditionalFormats).toBeGreaterThan(0);
    }
    for (const s of orig.sheets) {
      expect(feats[m.out].sheet[s].values).toEqual(orig.sheet[s].values);
      expect(feats[m.fix].sheet[s].values).toEqual(valuesAfterFix(orig, s, m));
    }
  });

  test('LibreOffice converts the copy to .ods and back, keeping of it all it keeps of the original', () => {
    const m = made.get(name)!;
    const orig = back[m.file];
    const f = back[m.out];
    expect(f.sheets).toEqual(withResultSheet(orig.sheets));
    expect(userPart(f, orig.sheets)).toEqual(userPart(orig, orig.sheets));
    for (const s of m.markedSheets) expect(f.sheet[s].ourConditionalFormats).toBeGreaterThan(0);
    for (const s of orig.sheets) expect(back[m.out].sheet[s].values).toEqual(orig.sheet[s].values);
  });
});

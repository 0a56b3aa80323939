/**
 * Issue #11 item 1: recognition tolerates real labels. Every known label (src/tables/labels.ts vocabularies of the
 * target sheets and the 13 tables) standing in a cell of every fixture layout (fixtures/workbooks/*) is cut short
 * (its last characters dropped, as a narrow column prints it, while it stays the prefix of exactly one known label),
 * wrapped (a line break inside) or re-spaced (spaces and full-width spaces between its characters); the workbook
 * must be recognised the same (same tables on the same sheets, same target forms with the same amount cells) and
 * give the same findings (rule, severity, cells, 应为, 实为).
 */
import fs from 'fs';
import path from 'path';
import { check, recognise } from '../../src/engine';
import type { Finding } from '../../src/model/finding';
import type { CellSnapshot, WorkbookSnapshot } from '../../src/model/snapshot';
import { normaliseLabel } from '../../src/tables/labels';
import { TABLE_LABELS } from '../../src/tables/table-labels';
import { TARGET_LABELS } from '../../src/tables/targets';
import { keyText, stripNumbering } from '../../src/tables/text';
import { readWorkbookFile } from '../../src/xlsx/read';
import { Rng } from './mutate';

const FIXTURES = path.resolve(__dirname, '../../fixtures/workbooks');
const FILES = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx')).sort();

type Change = 'cut' | 'wrap' | 'respace';

const targetKnown = new Set(TARGET_LABELS.known);
const tableKnown = new Set(TABLE_LABELS.known);

/** Which vocabulary knows the cell's text as a whole label, and that label. */
function knownLabel(text: string): { vocab: 'target' | 'table'; label: string } | undefined {
  const t = normaliseLabel(text);
  if (targetKnown.has(t)) return { vocab: 'target', label: t };
  const k = keyText(stripNumbering(text));
  if (tableKnown.has(k)) return { vocab: 'table', label: k };
  return undefined;
}

/** The text cut by 1 or 2 characters when that still names only its label; undefined when no cut does. */
function cut(text: string, known: { vocab: 'target' | 'table'; label: string }): string | undefined {
  const trimmed = text.trimEnd();
  for (const n of [2, 1]) {
    const shorter = trimmed.slice(0, -n);
    const key = known.vocab === 'target' ? normaliseLabel(shorter) : keyText(stripNumbering(shorter));
    const vocab = known.vocab === 'target' ? TARGET_LABELS : TABLE_LABELS;
    if (key.length < 3) continue;
    const full = vocab.resolve(key);
    if (full !== key && vocab.keyOf(full) === vocab.keyOf(known.label)) return shorter;
  }
  return undefined;
}

function wrap(text: string): string {
  const at = Math.ceil(text.length / 2);
  return `${text.slice(0, at)}\n${text.slice(at)}`;
}

function respace(text: string, rng: Rng): string {
  return [...text].map((ch, i) => (i > 0 && rng.chance(0.5) ? (rng.chance(0.5) ? ' ' : '\u3000') : '') + ch).join('');
}

/** A copy of the workbook with every known label changed; the number of labels changed. */
function relabel(wb: WorkbookSnapshot, change: Change, rng: Rng): { wb: WorkbookSnapshot; changed: number } {
  let changed = 0;
  const sheets = wb.sheets.map((s) => ({
    ...s,
    rows: s.rows.map((row) =>
      row?.map((cell): CellSnapshot | undefined => {
        if (!cell || typeof cell.value !== 'string') return cell;
        const known = knownLabel(cell.value);
        if (!known) return cell;
        const text = change === 'cut' ? cut(cell.value, known) : change === 'wrap' ? wrap(cell.value) : respace(cell.value, rng);
        if (text === undefined || text === cell.value) return cell;
        changed++;
        return { ...cell, value: text };
      }),
    ),
  }));
  return { wb: { name: wb.name, sheets }, changed };
}

const key = (f: Finding) => JSON.stringify([f.rule, f.severity, f.sheet, f.cells, f.expected ?? '', f.actual ?? '', f.related ?? []]);

/** What recognition made of the workbook: where each table is, and each form's amount cells. */
function recognition(wb: WorkbookSnapshot): unknown {
  const rec = recognise(wb);
  return {
    locations: rec.locations,
    targets: rec.targets.map((t) => ({
      sheet: t.sheet,
      row: t.row,
      name: t.projectName?.cell,
      period: Object.entries(t.periodFunds).map(([k, f]) => `${k}@${f!.cell}=${f!.value.toFixed()}`),
      annual: Object.entries(t.annualFunds).map(([k, f]) => `${k}@${f!.cell}=${f!.value.toFixed()}`),
      texts: Object.keys(t.texts).sort(),
      indicators: [t.periodIndicators.length, t.annualIndicators.length],
    })),
  };
}

describe.each(FILES)('%s', (file) => {
  let wb: WorkbookSnapshot;
  let clean: string[];
  let rec: unknown;
  beforeAll(async () => {
    wb = await readWorkbookFile(path.join(FIXTURES, file));
    clean = check(wb).findings.map(key).sort();
    rec = recognition(wb);
  });

  test.each<Change>(['cut', 'wrap', 'respace'])('every known label %s: same recognition, same findings', (change) => {
    const { wb: mutant, changed } = relabel(wb, change, new Rng(FILES.indexOf(file) * 3 + change.length));
    expect(changed).toBeGreaterThan(change === 'cut' ? 5 : 20);
    expect(recognition(mutant)).toEqual(rec);
    expect(check(mutant).findings.map(key).sort()).toEqual(clean);
  });
});

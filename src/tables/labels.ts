/**
 * The one label-matching mechanism of the recognisers (issue #11 item 1): a label is compared after
 * normalising width, brackets, colons, spaces and line breaks, and a label cut short by its column ("市县（区）财政资"
 * for 市县（区）财政资金, as seed 000's text shows it) is completed when it is the prefix of exactly one known label.
 *
 * Each recogniser keeps its own patterns (regular expressions over the normalised text); a Vocabulary only turns a
 * cut-off text into the known label it stands for, so the patterns see the full label. The 13 tables' header cells
 * and row labels (src/tables/header.ts, summary-tables.ts) and the target sheets' labels (targets.ts) go through it.
 */
import { BoundedMemo, MEMO_LIMIT } from '../model/memo';
import { replaceUnits } from './text';

/** Full-width ASCII (Ａ-Ｚ, ０-９, ％ …) to half-width; brackets are handled apart. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => {
    if (ch === '（' || ch === '）' || ch === '：') return ch;
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });
}

const OPEN = /[(（【[〔［]/g;
const CLOSE = /[)）】\]〕］]/g;
const NOISE = /[\s\u3000\u00a0\u200b\ufeff：:]/g;

/**
 * A label as compared: half-width letters and digits, every bracket as full-width （）, no colon, no white space
 * or line break anywhere ("其中：中央\n财政 资金" → "其中中央财政资金").
 */
export function normaliseLabel(text: string): string {
  // Most texts have nothing to change: one test instead of four replacements.
  if (!CHANGED.test(text)) return text;
  // One pass with the effect of halfWidth(text).replace(OPEN, '（').replace(CLOSE, '）').replace(NOISE, '')
  // (a sentence has many full-width commas: one callback each there); tests compare the two.
  return replaceUnits(text, replacementOf);
}

/** What normaliseLabel makes of one UTF-16 unit: undefined when it stays. */
function replacementOf(c: number): string | undefined {
  if (c < 0x80) {
    if (c === 0x28 || c === 0x5b) return '（';
    if (c === 0x29 || c === 0x5d) return '）';
    if (c === 0x3a || c === 0x20 || (c >= 0x09 && c <= 0x0d)) return '';
    return undefined;
  }
  if (c >= 0xff01 && c <= 0xff5e) {
    if (c === 0xff08 || c === 0xff09) return undefined; // （ ）
    if (c === 0xff1a) return ''; // ：
    if (c === 0xff3b) return '（'; // ［ → [ → （
    if (c === 0xff3d) return '）';
    return String.fromCharCode(c - 0xfee0);
  }
  if (c === 0x3010 || c === 0x3014) return '（';
  if (c === 0x3011 || c === 0x3015) return '）';
  // the rest of \s (Unicode spaces, line and paragraph separators), the zero-width space and BOM
  if (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) return '';
  return undefined;
}

/** normaliseLabel as four replacements, for the tests that compare it with the one pass. */
export function normaliseLabelByReplacing(text: string): string {
  return halfWidth(text).replace(OPEN, '（').replace(CLOSE, '）').replace(NOISE, '');
}

/** Any character normaliseLabel changes (full-width ASCII includes （ ） ： and ［ ］). */
const CHANGED = /[\uFF01-\uFF5E(【[〔)】\]〕\s\u3000\u00a0\u200b\ufeff:]/;

/** A prefix this short names nothing on its own ("项目", "年度" begin many labels, and many values). */
const MIN_PREFIX = 3;

/**
 * The known labels of one kind of sheet, for completing cut-off labels. `resolve` gives the known label a
 * normalised text stands for: itself when it is known or unknown, else the known label it is a strict prefix of
 * — only when every known label it begins belongs to one key (two spellings of one field are one label).
 */
export class Vocabulary<K extends string = string> {
  private readonly labels: { text: string; key: K }[] = [];
  private readonly exact = new Set<string>();
  /** Every strict prefix (MIN_PREFIX characters or more) of a known label: any other text resolves to itself. */
  private readonly prefixes = new Set<string>();
  private readonly memo = new BoundedMemo<string, string>(MEMO_LIMIT.labels);

  /** `normalise`: how the recogniser using it compares texts (normaliseLabel, or keyText for the 13 tables). */
  constructor(entries: [K, string[]][], normalise: (s: string) => string = normaliseLabel) {
    for (const [key, texts] of entries) {
      for (const t of texts) {
        const text = normalise(t);
        if (this.exact.has(text)) continue;
        this.exact.add(text);
        this.labels.push({ text, key });
        for (let n = MIN_PREFIX; n < text.length; n++) this.prefixes.add(text.slice(0, n));
      }
    }
    // Shortest first: a cut-off label completes to the shortest known spelling it begins.
    this.labels.sort((a, b) => a.text.length - b.text.length);
  }

  /** Every known label (normalised), for tests that cut each of them. */
  get known(): string[] {
    return this.labels.map((l) => l.text);
  }

  /** The known label `key` (a normalised text) stands for, or `key` itself. */
  resolve(key: string): string {
    // A data sheet's texts are mostly no prefix of any label: one lookup, and no memo entry for each.
    if (key.length < MIN_PREFIX || this.exact.has(key) || !this.prefixes.has(key)) return key;
    let hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    hit = key;
    let found: { text: string; key: K } | undefined;
    let ambiguous = false;
    for (const l of this.labels) {
      if (l.text.length <= key.length || !l.text.startsWith(key)) continue;
      if (found && found.key !== l.key) ambiguous = true;
      found ??= l;
    }
    // At least half of the label must be there: "保证项目" is no cut-off of a 12-character label.
    if (found && !ambiguous && key.length * 2 >= found.text.length) hit = found.text;
    this.memo.set(key, hit);
    return hit;
  }

  /** The key of the known label a text stands for (exact or unambiguous prefix), undefined when none. */
  keyOf(key: string): K | undefined {
    const full = this.resolve(key);
    return this.labels.find((l) => l.text === full)?.key;
  }
}

/** Text normalisation shared by the recognisers: titles, labels and names come in many spellings. */
import { BoundedMemo, MEMO_LIMIT } from '../model/memo';

const BRACKETS: Record<string, string> = {
  '（': '(', '）': ')', '【': '(', '】': ')', '[': '(', ']': ')', '〔': '(', '〕': ')', '［': '(', '］': ')',
};

const COMPACT_NOISE = /[（）【】[\]〔〕［］：\s\u3000\u00a0]/;

/** Full-width brackets and colons to half-width, all white space removed. */
export function compact(s: string): string {
  if (!COMPACT_NOISE.test(s)) return s; // most cells: nothing to change
  // One pass with the effect of the three replacements (compactByReplacing): no callback per bracket.
  return replaceUnits(s, compactOf);
}

/**
 * `s` with each UTF-16 unit `of` gives a replacement for replaced (one pass, slices of the rest kept whole). `of`
 * must leave the CJK ideographs U+4E00–U+9FFF as they are: most units of a sentence, passed over without a call.
 */
export function replaceUnits(s: string, of: (c: number) => string | undefined): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    const rep = of(c);
    if (rep === undefined) continue;
    out += s.slice(from, i) + rep;
    from = i + 1;
  }
  return out + s.slice(from);
}

/** What compact makes of one UTF-16 unit: undefined when it stays. */
function compactOf(c: number): string | undefined {
  if (c < 0x80) {
    if (c === 0x5b) return '(';
    if (c === 0x5d) return ')';
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return '';
    return undefined;
  }
  switch (c) {
    case 0xff08: // （
    case 0x3010: // 【
    case 0x3014: // 〔
    case 0xff3b: // ［
      return '(';
    case 0xff09:
    case 0x3011:
    case 0x3015:
    case 0xff3d:
      return ')';
    case 0xff1a: // ：
      return ':';
  }
  // the rest of \s: Unicode spaces, line and paragraph separators, BOM
  if (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) return '';
  return undefined;
}

/** compact as three replacements, for the tests that compare it with the one pass. */
export function compactByReplacing(s: string): string {
  return s
    .replace(/[（）【】[\]〔〕［］]/g, (b) => BRACKETS[b] ?? b)
    .replace(/：/g, ':')
    .replace(/[\s\u3000\u00a0]+/g, '');
}

/**
 * A pure function of one string, memoised (at most `limit` entries, then started afresh): the recognisers, rules and
 * the narrative normalise the same labels and names many times over. Only strings up to `maxLength` are kept: longer
 * ones (a row's joined text, a paragraph) seldom recur, and keeping them would only fill the memo.
 */
export function memoised<T>(fn: (s: string) => T, maxLength = 32, limit: number = MEMO_LIMIT.texts): (s: string) => T {
  const memo = new BoundedMemo<string, T>(limit);
  return (s: string) => {
    if (s.length > maxLength) return fn(s);
    let v = memo.get(s);
    if (v === undefined && !memo.has(s)) {
      v = fn(s);
      memo.set(s, v);
    }
    return v as T;
  };
}

/** For matching titles and labels: compact, and without brackets, quotes and punctuation. */
export const keyText = memoised((s: string): string => compact(s).replace(/[()"“”‘’'、，,。.:;；·\-—_]/g, ''));

/** Leading "一、", "（一）", "1.", "①" numbering removed: "八、社会保障和就业支出" → "社会保障和就业支出". */
export function stripNumbering(s: string): string {
  return s
    .trim()
    .replace(/^[\s\u3000]*[（(]?[\s\u3000]*[一二三四五六七八九十百](?:[\s\u3000]*[一二三四五六七八九十百])*[\s\u3000]*[）)、.．]\s*/, '')
    .replace(/^[\s\u3000]*[①②③④⑤⑥⑦⑧⑨⑩]\s*/, '')
    .replace(/^[\s\u3000]*\d(?:[\s\u3000]*\d)*[\s\u3000]*[、.．]\s*(?=\D)/, '')
    .trim();
}

/** Leading indentation in "characters": ASCII spaces count ½, full-width spaces 1. */
export function indentOf(s: string): number {
  const m = /^[ \u3000\u00a0\t]*/.exec(s);
  if (!m) return 0;
  let n = 0;
  for (const ch of m[0]) n += ch === '\u3000' ? 1 : ch === '\t' ? 2 : 0.5;
  return n;
}

/** "2080201 行政运行" → { code: '2080201', name: '行政运行' }; plain names come back with code ''. */
export function splitCodeName(s: string): { code: string; name: string } {
  const m = /^[\s\u3000]*(\d{2,9})(?:[\s\u3000]+|[-—－:：]|(?=[^\d.年月日%]))(.*)$/.exec(s);
  if (m && !/^\d+(\.\d+)?$/.test(s.trim()) && !/^[\d.]+[%元万]/.test(s.trim())) return { code: m[1], name: m[2].trim() };
  return { code: '', name: s.trim() };
}

/** True when a cell text is only a code (3 to 9 digits). */
export function isCode(s: string): boolean {
  return /^\d{3,9}$/.test(s.trim());
}

/** Normalised project name for matching target sheets to 表十二 (brackets, spaces and punctuation ignored). */
export function projectKey(s: string): string {
  return keyText(s).replace(/[《》<>〈〉]/g, '').toLowerCase();
}

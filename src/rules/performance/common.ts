/**
 * Helpers shared by the performance-target rules (P.*): how a target sheet and its amounts (元) read in
 * messages, 万元 → 元, project-name similarity, and the finding shape (stated cell first, the cells it was
 * compared with on other sheets as `related`).
 */
import { Decimal, ZERO, type Money } from '../../model/money';
import { memoised, projectKey } from '../../tables/text';
import type { Figure, Label, TargetSheet } from '../../tables/types';
import type { CellFix, CellRef } from '../../model/finding';
import type { RuleContext } from '../rule';

/** An amount in 元 as a clerk writes it: thousands separators, decimals only when there are any. */
export function yuan(v: Money): string {
  const fixed = v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const [int, frac] = fixed.abs().toFixed(fixed.isInteger() ? 0 : 2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fixed.isNegative() ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** A stated figure in 元 for a message: "18,500 元", or "（空）". */
export function shownYuan(f: Figure | undefined): string {
  return !f || f.empty ? '（空）' : `${yuan(f.value)} 元`;
}

/** 万元 (2 decimals) → 元. */
export function wanToYuan(v: Money): Money {
  return v.times(10000);
}

/** The project's name as the sheet states it ('' when the 项目名称 is blank). */
export function nameOf(t: TargetSheet): string {
  return t.projectName?.text.trim() ?? '';
}

/** How a target sheet is named in messages: 绩效目标表“办公设备购置” (or by its worksheet when unnamed). */
export function targetTitle(t: TargetSheet): string {
  const name = nameOf(t);
  return name ? `绩效目标表“${name}”` : `工作表“${t.sheet}”第 ${t.row} 行起的绩效目标表（未填项目名称）`;
}

/**
 * The cell that stands for the whole form when no better one exists: 项目名称's value, else the empty cell right of
 * the 项目名称 label (the cell to fill), else the form's first row.
 */
export function anchorCell(t: TargetSheet): string {
  return t.projectName?.cell ?? t.slots?.projectName?.cell ?? `A${t.row}`;
}

/** The recogniser found this part of the form (a form read without `labelled`, e.g. built in a test, has all). */
export function hasLabel(t: TargetSheet, k: string): boolean {
  return !t.labelled || t.labelled.includes(k);
}

/** 项目属性 says 一次性项目（1年结束）. */
export function isOneOff(t: TargetSheet): boolean {
  return !!t.attribute && /一次性/.test(t.attribute.text);
}

// ---------------------------------------------------------------------------------------------------------
// Findings

type Cellish = { sheet: string; cell: string };

/**
 * Reports a finding stated at `stated` (first cell), with `also` cells: those on the stated sheet join `cells`,
 * the others go to `related` grouped by sheet, in order.
 */
export function reportAt(
  ctx: RuleContext,
  stated: Cellish,
  also: (Cellish | undefined)[],
  f: { message: string; expected?: string; actual?: string; severity?: 'error' | 'warning' | 'info'; fix?: CellFix },
): void {
  const cells = [stated.cell];
  const related: CellRef[] = [];
  for (const c of also) {
    if (!c) continue;
    if (c.sheet === stated.sheet) {
      if (!cells.includes(c.cell)) cells.push(c.cell);
      continue;
    }
    const ref = related.find((r) => r.sheet === c.sheet);
    if (ref) {
      if (!ref.cells.includes(c.cell)) ref.cells.push(c.cell);
    } else related.push({ sheet: c.sheet, cells: [c.cell] });
  }
  ctx.report({
    sheet: stated.sheet,
    cells,
    message: f.message,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
    ...(related.length ? { related } : {}),
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.fix ? { fix: f.fix } : {}),
  });
}

/** A label or figure as a cell reference. */
export function at(x: Label | Figure | undefined): Cellish | undefined {
  return x ? { sheet: x.sheet, cell: x.cell } : undefined;
}

export function valueOf(f: Figure | undefined): Money {
  return f && !f.empty ? f.value : ZERO;
}

// ---------------------------------------------------------------------------------------------------------
// Names

/** Normalised project name for matching (brackets, spaces, punctuation ignored; see projectKey). */
// memoised apart from keyText: project names are often longer than keyText keeps, and on a large workbook its memo
// of every cell text empties before matching reads the names again
const nameKeyOf = memoised(projectKey, 128);

export function nameKey(s: string): string {
  return nameKeyOf(s);
}

/**
 * Code points of a name, cached: matching compares each name with many others. Two generations, so that a full
 * cache keeps the names in use (a lookup in the old generation moves the name to the new one) instead of being
 * emptied in the middle of a matching.
 */
const MEMO_GENERATION = 10_000;
let pointsNew = new Map<string, number[]>();
let pointsOld = new Map<string, number[]>();
export function codePoints(s: string): number[] {
  let p = pointsNew.get(s);
  if (p) return p;
  p = pointsOld.get(s);
  if (!p) {
    p = [];
    for (const ch of s) p.push(ch.codePointAt(0)!);
  }
  if (pointsNew.size >= MEMO_GENERATION) {
    pointsOld = pointsNew;
    pointsNew = new Map();
  }
  pointsNew.set(s, p);
  return p;
}
const points = codePoints;

/** Two reusable rows for the dynamic programmes below (no allocation per comparison). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
function rows(n: number): [Int32Array, Int32Array] {
  if (rowA.length < n) {
    rowA = new Int32Array(n * 2);
    rowB = new Int32Array(n * 2);
  }
  return [rowA, rowB];
}

function editDistanceOf(x: number[], y: number[]): number {
  if (!x.length) return y.length;
  if (!y.length) return x.length;
  let [prev, cur] = rows(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const sub = prev[j - 1] + (xi === y[j - 1] ? 0 : 1);
      cur[j] = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

function commonRunOf(x: number[], y: number[]): number {
  let best = 0;
  let [prev, cur] = rows(y.length + 1);
  prev.fill(0, 0, y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = 0;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      if (xi === y[j - 1]) {
        const v = prev[j - 1] + 1;
        cur[j] = v;
        if (v > best) best = v;
      } else cur[j] = 0;
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  return editDistanceOf(points(a), points(b));
}

/** Edit distance divided by the longer name's length: 0 identical … 1 nothing in common. */
export function nameDistance(a: string, b: string): number {
  const x = points(a);
  const y = points(b);
  const n = Math.max(x.length, y.length);
  return n === 0 ? 0 : editDistanceOf(x, y) / n;
}

/** Length of the longest common substring (code points). */
export function commonRun(a: string, b: string): number {
  return commonRunOf(points(a), points(b));
}

/** True when every character of `short` appears in `long` in order ("遗属补助" in "遗属生活补助"). */
function isSubsequence(short: number[], long: number[]): boolean {
  let i = 0;
  for (const ch of long) if (i < short.length && ch === short[i]) i++;
  return i === short.length;
}

/**
 * How two names relate: 'near' when one is a slight variant of the other — normalised edit distance ≤ 0.3
 * (孤儿 / 孤残, 长治民政系统 / 长治市民政局系统), or the shorter one's characters all appear in order in the longer
 * one and make up at least 60 % of it (遗属补助 / 遗属生活补助); 'related' when they share a substantial run of
 * characters (one contains the other, or ≥ 4 characters in common and distance ≤ 0.6) — enough to pair them when
 * the amounts agree too — else 'none'.
 */
export function nameRelation(a: string, b: string): 'near' | 'related' | 'none' {
  if (!a || !b) return 'none';
  return relationOf(points(a), points(b));
}

/** nameRelation on code points. */
export function relationOf(x: number[], y: number[]): 'near' | 'related' | 'none' {
  if (!x.length || !y.length) return 'none';
  const d = editDistanceOf(x, y) / Math.max(x.length, y.length);
  if (d <= 0.3) return 'near';
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length >= 4 && short.length / long.length >= 0.6 && isSubsequence(short, long)) return 'near';
  const run = commonRunOf(x, y);
  if (run >= 4 && (run === short.length || d <= 0.6)) return 'related';
  return 'none';
}

/**
 * Whether names of m ≤ n code points sharing `shared` character pairs (bigrams, counted with multiplicity:
 * Σ min over both names) can be 'near' or 'related' at all. Necessary conditions, each from one branch of
 * nameRelation (so every pair it accepts passes; tests/rules/matching-index.test.ts checks this on random names):
 *  - edit distance k ≤ 0.3 n: the lengths differ by at most k, and an edit destroys at most two of the longer
 *    name's n − 1 bigrams, so at least n − 1 − 2k are shared (for n ≤ 3 this forces k = 0: the same name);
 *  - the shorter (m ≥ 4, m ≥ 0.6 n) a subsequence of the longer: of its m − 1 bigrams only those spanning one
 *    of the at most n − m gaps can be lost, so at least 2m − 1 − n (≥ 1) are shared;
 *  - a common run of ≥ 4 characters ('related'): m ≥ 4 and the run's 3 bigrams are shared.
 * Names of one code point relate only to the same name (the index keeps them apart: they have no bigram).
 */
export function mayRelate(m: number, n: number, shared: number): boolean {
  if (m >= 4 && shared >= 3) return true;
  const k = Math.floor(0.3 * n + 1e-9);
  if (n - m <= k && shared >= n - 1 - 2 * k) return true;
  return m >= 4 && m >= 0.6 * n - 1e-9 && shared >= 2 * m - 1 - n;
}

/**
 * Names indexed by their character pairs, so that the names that may relate to a given one (nameRelation not
 * 'none') are found without comparing it with every name: a candidate shares enough bigrams (mayRelate), or is
 * the same one-character name. Candidates come back as ids in the order the names were added.
 */
export class NameIndex {
  private readonly lengths: number[] = [];
  /** bigram → [id, count, id, count, …], ids ascending. */
  private readonly postings = new Map<number, number[]>();
  private readonly singles = new Map<number, number[]>();
  private counts = new Int32Array(16);
  private stamp = new Int32Array(16);
  private generation = 0;

  get size(): number {
    return this.lengths.length;
  }

  /** Adds a name (its normalised key) and returns its id: 0, 1, 2 … */
  add(key: string): number {
    const id = this.lengths.length;
    const p = key ? codePoints(key) : [];
    this.lengths.push(p.length);
    if (p.length === 1) {
      const list = this.singles.get(p[0]);
      if (list) list.push(id);
      else this.singles.set(p[0], [id]);
      return id;
    }
    for (const [g, c] of bigrams(p)) {
      const list = this.postings.get(g);
      if (list) list.push(id, c);
      else this.postings.set(g, [id, c]);
    }
    return id;
  }

  /**
   * Ids of the added names that may relate to `key`: every one nameRelation(key, name) accepts. Ascending unless
   * `sorted` is false (a caller that orders them its own way saves the sort).
   */
  candidates(key: string, sorted = true): number[] {
    if (!key) return [];
    const p = codePoints(key);
    if (p.length === 1) return this.singles.get(p[0])?.slice() ?? [];
    const n = this.lengths.length;
    if (this.counts.length < n) {
      this.counts = new Int32Array(n * 2);
      this.stamp = new Int32Array(n * 2);
      this.generation = 0;
    }
    const gen = ++this.generation;
    const counts = this.counts;
    const stamp = this.stamp;
    const touched: number[] = [];
    for (const [g, c] of bigrams(p)) {
      const list = this.postings.get(g);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const id = list[i];
        const add = list[i + 1] < c ? list[i + 1] : c;
        if (stamp[id] !== gen) {
          stamp[id] = gen;
          counts[id] = add;
          touched.push(id);
        } else counts[id] += add;
      }
    }
    const out: number[] = [];
    const len = p.length;
    for (const id of touched) {
      const other = this.lengths[id];
      if (mayRelate(Math.min(len, other), Math.max(len, other), counts[id])) out.push(id);
    }
    return sorted ? out.sort((a, b) => a - b) : out;
  }
}

/** The bigrams of a name with their counts (a bigram as one number: first code point × 0x110000 + second). */
function bigrams(p: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i + 1 < p.length; i++) {
    const g = p[i] * 0x110000 + p[i + 1];
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

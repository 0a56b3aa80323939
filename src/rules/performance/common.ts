/**
 * Helpers shared by the performance-target rules (P.*): how a target sheet and its amounts (元) read in
 * messages, 万元 → 元, project-name similarity, and the finding shape (stated cell first, the cells it was
 * compared with on other sheets as `related`).
 */
import { Decimal, ZERO, type Money } from '../../model/money';
import { projectKey } from '../../tables/text';
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

/** The cell that stands for the whole form when no better one exists: 项目名称's value, else the form's first row. */
export function anchorCell(t: TargetSheet): string {
  return t.projectName?.cell ?? `A${t.row}`;
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
export function nameKey(s: string): string {
  return projectKey(s);
}

/** Code points of a name, cached: matching compares each name with many others. */
const pointsMemo = new Map<string, number[]>();
function points(s: string): number[] {
  let p = pointsMemo.get(s);
  if (!p) {
    p = [];
    for (const ch of s) p.push(ch.codePointAt(0)!);
    if (pointsMemo.size >= 10_000) pointsMemo.clear();
    pointsMemo.set(s, p);
  }
  return p;
}

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
  const x = points(a);
  const y = points(b);
  const d = editDistanceOf(x, y) / Math.max(x.length, y.length);
  if (d <= 0.3) return 'near';
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length >= 4 && short.length / long.length >= 0.6 && isSubsequence(short, long)) return 'near';
  const run = commonRunOf(x, y);
  if (run >= 4 && (run === short.length || d <= 0.6)) return 'related';
  return 'none';
}

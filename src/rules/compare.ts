import { absAtMost, cmpMoney, EXACT_LIMIT, fmt2, plain, plus, scaledInteger, ZERO, type Money } from '../model/money';
import { roundingTolerance } from '../model/tolerance';
import type { Figure } from '../tables/types';
import type { CellRef, CellFix } from '../model/finding';
import type { RuleContext } from './rule';
import { mapPacked } from '../model/arrays';

/** 0 within nothing, 'warning' within 舍位 tolerance (src/model/tolerance.ts), 'error' beyond. */
export function classify(diff: Money, nonZeroAddends: number): 'ok' | 'warning' | 'error' {
  if (diff.isZero()) return 'ok';
  return absAtMost(diff, roundingTolerance(nonZeroAddends)) ? 'warning' : 'error';
}

export function key(f: { sheet: string; cell: string }): string {
  return `${f.sheet}!${f.cell}`;
}

/** Groups figures' cells by sheet, keeping order, for a finding's `related`. */
export function refs(figures: Figure[], except?: Figure): CellRef[] {
  const out: CellRef[] = [];
  for (const f of figures) {
    if (except && f.sheet === except.sheet && f.cell === except.cell) continue;
    const last = out.find((r) => r.sheet === f.sheet);
    if (last) {
      if (!last.cells.includes(f.cell)) last.cells.push(f.cell);
    } else out.push({ sheet: f.sheet, cells: [f.cell] });
  }
  return out;
}

export interface TotalCheck {
  /** The stated total. */
  stated: Figure;
  /** What it should equal: figures (summed) — may stand on other sheets. */
  parts: Figure[];
  /** "表一 本年收入合计" — names the stated cell in the message. */
  what: string;
  /** "各项收入之和" / "表二 一般公共预算" — names what it was compared with. */
  against: string;
  /**
   * Narrows the fix of a fixable rule (meta.fixable) for this comparison: 'empty' fills the stated cell only while
   * it is empty (a filled cell that disagrees with another table needs a person to decide which one is wrong),
   * 'never' gives no fix. Default: the sum is the fix. A rule that is not fixable never gets one, nor a formula cell.
   */
  fill?: 'empty' | 'never';
}

/**
 * True when sumCheck (src/rules/intra/common.ts: absent figures left out, nothing when the stated one or every part
 * is absent) reports nothing for these figures because the stated total equals Σ parts exactly, or cannot be
 * compared: a rule over thousands of cells asks it first and names the figures (the message texts) only for a total
 * that fails. For checkTotal itself only with at least one part (it compares a total of no parts with 0).
 */
export function totalHolds(stated: Figure | undefined, parts: (Figure | undefined)[]): boolean {
  if (!stated || stated.unread) return true;
  const exact = exactHolds(stated, parts);
  if (exact !== undefined) return exact;
  let expected = ZERO;
  let present = false;
  for (const p of parts) {
    if (!p) continue;
    present = true;
    if (p.unread) return true;
    if (!p.value.isZero()) expected = plus(expected, p.value);
  }
  return !present || cmpMoney(stated.value, expected) === 0;
}

/**
 * totalHolds in integers of 10⁻⁶ (scaledInteger), without a Decimal: undefined when a figure has no such integer or
 * a partial sum could leave the exact range (then decimal.js decides). Where it answers, it answers as the Decimal
 * sum would: every addend and partial sum has fewer than 16 digits, which Decimal.precision (≥ 17) keeps exactly.
 */
function exactHolds(stated: Figure, parts: (Figure | undefined)[]): boolean | undefined {
  let total = 0;
  let present = false;
  let exact = true;
  for (const p of parts) {
    if (!p) continue;
    present = true;
    if (p.unread) return true;
    if (!exact) continue;
    const x = scaledInteger(p.value);
    if (x === undefined || Math.abs(total + x) >= EXACT_LIMIT) exact = false;
    else total += x;
  }
  if (!present) return true;
  if (!exact) return undefined;
  const y = scaledInteger(stated.value);
  return y === undefined ? undefined : y === total;
}

/**
 * The one comparison every sum and cross-table rule uses: stated vs Σ parts, 舍位 differences as `warning`.
 * Reports "表一 本年收入合计 1519.10 ≠ 各项收入之和 1519.11" with the stated cell first.
 */
export function checkTotal(ctx: RuleContext, c: TotalCheck): void {
  // A figure that was not read (a formula without its result: INPUT.uncached_formula) is never arithmetic.
  if (c.stated.unread) return;
  // Most totals agree, and most agree in exact integers: no Decimal made (a total of no parts is compared with 0).
  if (c.parts.length && exactHolds(c.stated, c.parts) === true) return;
  // Σ parts and the count of non-zero ones in one pass (zeros add nothing: see sum in src/model/money.ts).
  let expected = ZERO;
  let nonZero = 0;
  for (const p of c.parts) {
    if (p.unread) return;
    if (p.value.isZero()) continue;
    expected = plus(expected, p.value);
    nonZero++;
  }
  // Most totals agree: equal figures need no difference made (a difference of unequal ones is never 0).
  if (cmpMoney(c.stated.value, expected) === 0) return;
  const verdict = classify(c.stated.value.minus(expected), nonZero);
  if (verdict === 'ok') return;
  const rounding = verdict === 'warning' ? '（舍位差异）' : '';
  // Each amount formatted once (a Decimal's toFixed is the dearest step of a finding), the parts grouped once.
  const expectedText = fmt2(expected);
  const actualText = fmt2(c.stated.value);
  const partRefs = refs(c.parts);
  const fix: CellFix | undefined =
    ctx.fixable && c.fill !== 'never' && !(c.fill === 'empty' && !c.stated.empty) && !c.stated.formula
      ? {
          sheet: c.stated.sheet,
          cell: c.stated.cell,
          value: expectedText,
          previous: c.stated.empty ? '' : plain(c.stated.value),
          from: mapPacked(c.parts, key),
        }
      : undefined;
  ctx.report({
    severity: verdict,
    sheet: c.stated.sheet,
    cells: [c.stated.cell, ...partRefs.filter((r) => r.sheet === c.stated.sheet).flatMap((r) => r.cells).filter((x) => x !== c.stated.cell)],
    message: `${c.what} ${c.stated.empty ? '（空）' : actualText} ≠ ${c.against} ${expectedText}${rounding}`,
    expected: expectedText,
    actual: actualText,
    related: partRefs.filter((r) => r.sheet !== c.stated.sheet),
    fix,
  });
}

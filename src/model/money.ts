import Decimal from 'decimal.js';
import { BoundedMemo, MEMO_LIMIT } from './memo';

/** Every amount in the engine is a Decimal: budget totals are compared to 0.01 万元, never with floats. */
export type Money = Decimal;
export { Decimal };

export const ZERO: Money = new Decimal(0);

export function money(v: Decimal.Value): Money {
  return new Decimal(v);
}

export function sum(values: Iterable<Money>): Money {
  let s = ZERO;
  // Adding a zero gives the same value (a sum is never −0): skipped, it costs no Decimal.
  for (const v of values) if (!v.isZero()) s = plus(s, v);
  return s;
}

/**
 * True when 0 + v is v itself, digit for digit: v has no more significant digits than Decimal.precision (20) rounds
 * to (≤ 20 here: the first base-1e7 word below 1e6 and at most three words). A first addend is then taken as it is,
 * not copied (a sum of one figure, a cross-table total, costs no Decimal).
 */
export function unrounded(v: Money): boolean {
  const d = v.d;
  return !!d && (d.length < 3 || (d.length === 3 && d[0] < 1_000_000)) && Decimal.precision >= 20;
}

/** s + v, and v itself when s is zero and 0 + v gives v digit for digit (the first addend of a sum costs no Decimal). */
export function plus(s: Money, v: Money): Money {
  return s.isZero() && unrounded(v) ? v : s.plus(v);
}

/**
 * x.cmp(y) for two finite Decimals with x's sign taken as `xs` (1 for |x|), digit for digit as decimal.js compares,
 * without the copy of y decimal.js makes on every comparison (the rules compare thousands of figures per check).
 */
function cmpSigned(x: Money, xs: number, y: Money): number {
  const xd = x.d;
  const yd = y.d;
  const ys = y.s;
  // Either zero?
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (x.e !== y.e) return (x.e > y.e) !== xs < 0 ? 1 : -1;
  const xdL = xd.length;
  const ydL = yd.length;
  for (let i = 0, j = xdL < ydL ? xdL : ydL; i < j; ++i) if (xd[i] !== yd[i]) return (xd[i] > yd[i]) !== xs < 0 ? 1 : -1;
  return xdL === ydL ? 0 : (xdL > ydL) !== xs < 0 ? 1 : -1;
}

/** x.cmp(y): −1, 0 or 1 (NaN for NaN), without a copy when both are finite. */
export function cmpMoney(x: Money, y: Money): number {
  return x.d && y.d ? cmpSigned(x, x.s, y) : x.cmp(y);
}

/** x.abs().lte(limit), without the two copies. */
export function absAtMost(x: Money, limit: Money): boolean {
  return x.d && limit.d ? cmpSigned(x, 1, limit) <= 0 : x.abs().lte(limit);
}

/** The decimals scaledInteger keeps: an amount read from a table has at most 2 (万元) and seldom 6. */
const SCALE = 6;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** Integers below this add exactly in a double, and so does a sum of two of them. */
export const EXACT_LIMIT = 2 ** 52;

/**
 * v × 10^6 as a double when that is an integer below EXACT_LIMIT in magnitude (so that a sum of such integers, kept
 * below the limit, is exact); undefined otherwise (more than 6 decimals, 15 or more digits, not finite) or when
 * Decimal.precision is below 17 (a Decimal sum of such values could then round). Read from decimal.js's digits:
 * v = N × 10^(e − len(d[0]) + 1 − 7(k − 1)), N the k base-10⁷ words d as one integer.
 */
export function scaledInteger(v: Money): number | undefined {
  const d = v.d;
  if (!d || Decimal.precision < 17) return undefined;
  if (!d[0]) return 0;
  const k = d.length;
  if (k > 2) return undefined;
  const w = d[0];
  const len0 = w < 10 ? 1 : w < 100 ? 2 : w < 1e3 ? 3 : w < 1e4 ? 4 : w < 1e5 ? 5 : w < 1e6 ? 6 : 7;
  const n = k === 1 ? w : w * 1e7 + d[1];
  // v × 10^6 = N × 10^q; a negative q when the last word ends in zeros (1519.1 is [1519, 1000000], e 3)
  const q = v.e - (len0 - 1) - 7 * (k - 1) + SCALE;
  if (q <= -POW10.length || q >= POW10.length) return undefined;
  if (q < 0 && n % POW10[-q] !== 0) return undefined;
  const x = q < 0 ? n / POW10[-q] : n * POW10[q];
  if (x >= EXACT_LIMIT) return undefined;
  return v.s < 0 ? -x : x;
}

/** Two-decimal fixed string, e.g. "235.75" (the unit of the 13 tables is 万元 with 2 decimals). */
export function fmt2(v: Money): string {
  return v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Canonical decimal string without trailing zeros, used in JSON output ("220000", "235.75"). */
export function plain(v: Money): string {
  return v.toFixed();
}

export type AmountParse =
  | { kind: 'empty' }
  | { kind: 'number'; value: Money }
  | { kind: 'bad'; text: string };

const NUMBER_MEMO = new BoundedMemo<number, AmountParse>(MEMO_LIMIT.amounts);
const TEXT_MEMO = new BoundedMemo<string, AmountParse>(MEMO_LIMIT.amounts);
const PARSED_EMPTY: AmountParse = { kind: 'empty' };
const PARSED_ZERO: AmountParse = { kind: 'number', value: new Decimal(0).toDecimalPlaces(10) };

const ZERO_MARKS = new Set(['', '-', '—', '－', '——', '--', '/', '无']);

/**
 * Reads an amount as the template allows it: a number, a formula's cached number, or text such as
 * "1,234.56", "１２３", "-", "—". Anything else is bad input and is reported by the caller with its cell.
 */
export function parseAmount(raw: unknown): AmountParse {
  if (raw === null || raw === undefined) return PARSED_EMPTY;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { kind: 'bad', text: String(raw) };
    // Numbers from xlsx are binary doubles: round to 10 places so 0.1+0.2-style noise disappears. The same figures
    // recur across the tables (a total in 表一, 表二, 表四 …): each value is made once (Decimals never change).
    // (0 and −0 are one key of a Map: −0 is made afresh.)
    if (raw === 0) return Object.is(raw, 0) ? PARSED_ZERO : { kind: 'number', value: new Decimal(raw).toDecimalPlaces(10) };
    let parsed = NUMBER_MEMO.get(raw);
    if (!parsed) {
      parsed = { kind: 'number', value: new Decimal(raw).toDecimalPlaces(10) };
      NUMBER_MEMO.set(raw, parsed);
    }
    return parsed;
  }
  if (typeof raw === 'boolean') return { kind: 'bad', text: raw ? 'TRUE' : 'FALSE' };
  const text = String(raw);
  let parsed = TEXT_MEMO.get(text);
  if (!parsed) {
    parsed = parseAmountText(text);
    TEXT_MEMO.set(text, parsed);
  }
  return parsed;
}

function parseAmountText(raw: string): AmountParse {
  let t = raw
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[，,\s\u3000\u00a0]/g, '')
    .replace(/．/g, '.')
    .replace(/^[¥￥]/, '');
  if (ZERO_MARKS.has(t)) return { kind: 'empty' };
  let negative = false;
  if (/^\(.*\)$/.test(t) || /^（.*）$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (/^[-+－]?\d+(\.\d+)?$/.test(t) || /^[-+－]?\.\d+$/.test(t)) {
    let v = new Decimal(t.replace('－', '-'));
    if (negative) v = v.negated();
    return { kind: 'number', value: v };
  }
  return { kind: 'bad', text: raw };
}

/**
 * How the 情况说明 writes its figures (narrative.md, "Conventions seen in the seeds"): 万元 with two decimals
 * and thousands separators ("11,277.58"), a zero amount "0", shares with two decimals rounded half-up on their
 * own ("84.40%"), a zero share "0%". Every amount is a Decimal: never a float.
 */
import { Decimal, type Money } from '../../model/money';

const HUNDRED = new Decimal(100);

/** "1234567.891" → "1,234,567.89"; zero → "0". */
export function wan(v: Money): string {
  const r = v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (r.isZero()) return '0';
  const s = r.abs().toFixed(2);
  const [int, dec] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${r.isNegative() ? '-' : ''}${grouped}.${dec}`;
}

/** Amount rounded to 0.01 万元 (what the tables print). */
export function round2(v: Money): Money {
  return v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** part / whole × 100, rounded half-up to 2 decimals; undefined when whole is zero. */
export function ratio(part: Money, whole: Money): Money | undefined {
  if (whole.isZero()) return undefined;
  return part.div(whole).times(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Share as the seeds write it: "84.40%", a zero part "0%". A zero whole (every part zero) is "0%" too. */
export function pct(part: Money, whole: Money): string {
  if (part.isZero()) return '0%';
  const r = ratio(part, whole);
  return r === undefined ? '0%' : `${r.toFixed(2)}%`;
}

/** A rate already computed ("7.80"): "7.80%". */
export function rate(v: Money): string {
  return `${v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;
}

/** The visible placeholder for anything the tables and the 补充信息 sheet do not tell. */
export function placeholder(what: string): string {
  return `【请填写：${what}】`;
}

/** True when a text still holds a placeholder of ours. */
export function hasPlaceholder(s: string): boolean {
  return /【请填写：/.test(s);
}

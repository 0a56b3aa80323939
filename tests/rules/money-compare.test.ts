/**
 * The comparison fast paths of issue 13 (src/model/money.ts, src/rules/compare.ts): cmpMoney and absAtMost agree
 * with decimal.js's own cmp / abs().lte on every pair, sum() and totalHolds agree with plain Decimal addition, and a
 * first addend is taken as it is only when 0 + v is v digit for digit; scaledInteger is v × 10⁶ exactly where it is
 * defined, and totalHolds answers by it as by Decimal addition.
 */
import Decimal from 'decimal.js';
import { absAtMost, cmpMoney, scaledInteger, sum, unrounded, ZERO } from '../../src/model/money';
import { totalHolds } from '../../src/rules/compare';
import type { Figure } from '../../src/tables/types';

const VALUES = [
  '0', '-0', '1', '-1', '0.005', '-0.005', '0.01', '0.0049999999', '1519.1', '1519.10', '1519.11', '-1519.1', '1234567.89',
  '12345678901234.123456', '99999999999999999999', '123456789012345678901234', '1e-10', '-1e-10', '1e21', '7', '10000000',
  '9999999', '0.1', '0.10000001', 'NaN', 'Infinity', '-Infinity',
].map((s) => new Decimal(s));

const fig = (v: string | Decimal, extra: Partial<Figure> = {}): Figure => ({
  sheet: 'S',
  cell: 'A1',
  row: 1,
  col: 1,
  value: new Decimal(v),
  empty: false,
  ...extra,
});

describe('cmpMoney and absAtMost', () => {
  it('agree with decimal.js on every pair', () => {
    const differ: string[] = [];
    for (const x of VALUES) {
      for (const y of VALUES) {
        const c = cmpMoney(x, y);
        const d = x.cmp(y);
        if (!(Object.is(c, d) || (Number.isNaN(c) && Number.isNaN(d)))) differ.push(`cmp ${x} ${y}: ${c} ≠ ${d}`);
        if (absAtMost(x, y) !== x.abs().lte(y)) differ.push(`absAtMost ${x} ${y}`);
      }
    }
    expect(differ).toEqual([]);
  });
});

describe('sum and unrounded', () => {
  it('takes a first addend as it is only when 0 + v keeps every digit', () => {
    expect(unrounded(new Decimal('1519.1'))).toBe(true);
    expect(unrounded(new Decimal('123456789012.34'))).toBe(true);
    // 20 digits would keep them too, but the bound is by words of 7 digits: left to plus()
    expect(unrounded(new Decimal('12345678901234.123456'))).toBe(false);
    expect(unrounded(new Decimal('123456789012345678901234'))).toBe(false);
    for (const v of VALUES.filter((x) => x.isFinite())) {
      const plain = ZERO.plus(v);
      if (unrounded(v)) expect(v.eq(plain) && v.d.join() === plain.d.join() && v.e === plain.e).toBe(true);
    }
  });

  it('equals the Decimal additions it replaces, digit for digit', () => {
    const finite = VALUES.filter((x) => x.isFinite());
    for (let i = 0; i < finite.length; i++) {
      const list = [finite[i], finite[(i * 7 + 3) % finite.length], finite[(i * 5 + 1) % finite.length]];
      const plain = list.reduce((s, v) => (v.isZero() ? s : s.plus(v)), ZERO);
      expect(sum(list).toString()).toBe(plain.toString());
    }
  });
});

describe('totalHolds', () => {
  it('holds exactly when checkTotal would find the sum equal, or has nothing to compare', () => {
    expect(totalHolds(fig('3.5'), [fig('1.2'), fig('2.3')])).toBe(true);
    expect(totalHolds(fig('3.5'), [fig('1.2'), fig('2.31')])).toBe(false);
    expect(totalHolds(fig('3.5'), [fig('1.2'), undefined, fig('2.3'), fig('0')])).toBe(true);
    expect(totalHolds(fig('0.01'), [fig('0', { empty: true })])).toBe(false);
    // Nothing compared: no stated figure, no part present, a figure not read (never summed as 0).
    expect(totalHolds(undefined, [fig('1')])).toBe(true);
    expect(totalHolds(fig('1'), [undefined, undefined])).toBe(true);
    expect(totalHolds(fig('1', { unread: true }), [fig('2')])).toBe(true);
    expect(totalHolds(fig('1'), [fig('0', { unread: true, empty: true }), fig('2')])).toBe(true);
    // A total of one large figure (more digits than Decimal.precision): compared as checkTotal adds it.
    const big = '123456789012345678901234';
    expect(totalHolds(fig(new Decimal(big).plus(0)), [fig(big)])).toBe(true);
    expect(totalHolds(fig(big), [fig(big)])).toBe(false);
  });
});

/** Amounts as the tables hold them (元 and 万元, up to 6 decimals, negatives, −0) and some beyond scaledInteger's range. */
function randomAmounts(count: number): Decimal[] {
  let x = 11;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: Decimal[] = [];
  for (let i = 0; i < count; i++) {
    const digits = 1 + Math.floor(rnd() * 17);
    let int = '';
    for (let k = 0; k < digits; k++) int += Math.floor(rnd() * 10);
    const decimals = Math.floor(rnd() * 9);
    let frac = '';
    for (let k = 0; k < decimals; k++) frac += Math.floor(rnd() * 10);
    const v = new Decimal(`${rnd() < 0.2 ? '-' : ''}${int}${frac ? `.${frac}` : ''}`);
    out.push(rnd() < 0.05 ? new Decimal('-0') : v);
  }
  return out;
}

describe('scaledInteger', () => {
  it('is v × 10^6 exactly, below 2^52, wherever it is defined', () => {
    const differ: string[] = [];
    let defined = 0;
    for (const v of [...VALUES, ...randomAmounts(20000)]) {
      const x = scaledInteger(v);
      if (x === undefined) continue;
      defined++;
      if (!Number.isSafeInteger(x) || Math.abs(x) >= 2 ** 52 || !new Decimal(x).eq(v.times(1e6))) differ.push(`${v} → ${x}`);
    }
    expect(differ).toEqual([]);
    expect(defined).toBeGreaterThan(5000);
    expect(scaledInteger(new Decimal('1519.1'))).toBe(1519100000);
    expect(scaledInteger(new Decimal('0.0000001'))).toBeUndefined();
    expect(scaledInteger(new Decimal('NaN'))).toBeUndefined();
  });

  it('gives totalHolds the answer of Decimal addition on sums of table amounts', () => {
    const amounts = randomAmounts(6000);
    const differ: string[] = [];
    for (let i = 0; i + 5 < amounts.length; i += 5) {
      const parts = amounts.slice(i, i + 4);
      const exact = parts.reduce((s, v) => (v.isZero() ? s : s.plus(v)), ZERO);
      // the stated total: the sum itself, a cent off, or an unrelated amount
      for (const stated of [exact, exact.plus('0.01'), amounts[i + 4]]) {
        const holds = totalHolds(fig(stated), parts.map((v) => fig(v)));
        if (holds !== (stated.cmp(exact) === 0)) differ.push(`${stated} vs ${parts.join(' + ')}`);
      }
    }
    expect(differ).toEqual([]);
  });
});

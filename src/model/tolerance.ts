/**
 * Every tolerance the engine compares amounts, shares and counts with, in one place and in Decimal (never a float
 * literal): the recognisers (src/tables), the rules (src/rules) and the narrative checks import them from here.
 * Each value says why it is what it is; docs/rules.md states the same figures to the reader.
 */
import { Decimal, type Money } from './money';

/**
 * Half of the last printed digit of a 万元 figure (the 13 tables print 2 decimals): a figure the finance system
 * rounded from 元 may be off by up to 0.005 万元 (= 50 元).
 */
export const WAN_HALF_CENT = new Decimal('0.005');

/** The bureau's 审核口径 may widen or narrow the tolerances (src/engine/config.ts); these are the defaults. */
export const DEFAULT_TOLERANCES = { roundingPerFigure: WAN_HALF_CENT, yuanVsWan: new Decimal(50), share: new Decimal('0.0050000001') } as const;

/** The ≥ x% change that needs a reason in the 情况说明 (N.reason_missing), in percent; 0: every change. */
export let CHANGE_REASON_THRESHOLD: Money = new Decimal(0);

let roundingPerFigure: Money = WAN_HALF_CENT;

export interface ToleranceSettings {
  /** 舍位 tolerance per rounded figure, 万元 (default 0.005). */
  roundingPerFigure?: Money;
  /** 元 vs 万元 × 10000, 元 (default 50). */
  yuanVsWan?: Money;
  /** Shares and rates, percentage points (default 0.005). */
  share?: Money;
  /** Change (percent) from which the 情况说明 must give a reason (default 0: every change). */
  changeThreshold?: Money;
}

/**
 * Runs `fn` with the given tolerances in force and restores the defaults after it (synchronous only: the engine's
 * check runs in one go, checkInSteps wraps each slice). Used by the engine for a configuration
 * (src/engine/config.ts); without one the defaults below apply.
 */
export function withTolerances<T>(t: ToleranceSettings | undefined, fn: () => T): T {
  if (!t) return fn();
  const saved = { roundingPerFigure, yuan: YUAN_VS_WAN_TOLERANCE, share: SHARE_TOLERANCE, change: CHANGE_REASON_THRESHOLD };
  roundingPerFigure = t.roundingPerFigure ?? roundingPerFigure;
  YUAN_VS_WAN_TOLERANCE = t.yuanVsWan ?? YUAN_VS_WAN_TOLERANCE;
  SHARE_TOLERANCE = t.share ?? SHARE_TOLERANCE;
  CHANGE_REASON_THRESHOLD = t.changeThreshold ?? CHANGE_REASON_THRESHOLD;
  try {
    return fn();
  } finally {
    roundingPerFigure = saved.roundingPerFigure;
    YUAN_VS_WAN_TOLERANCE = saved.yuan;
    SHARE_TOLERANCE = saved.share;
    CHANGE_REASON_THRESHOLD = saved.change;
  }
}

/**
 * 舍位 tolerance (rules.md) of a total against the sum of its n non-zero addends, in 万元: 0.005 × max(n, 2).
 * Each addend and the total were rounded on their own, so the errors add up; at least two figures (the total and
 * one addend) are rounded even when only one addend is non-zero. Within it a difference is a `warning` (舍位差异),
 * beyond it an `error`.
 */
export function roundingTolerance(nonZeroAddends: number): Money {
  const n = Math.max(nonZeroAddends, 2);
  if (toleranceBase !== roundingPerFigure) {
    toleranceBase = roundingPerFigure;
    tolerances.length = 0;
  }
  let t = tolerances[n];
  if (!t) {
    t = roundingPerFigure.times(n);
    if (Number.isInteger(n) && n < 1000) tolerances[n] = t;
  }
  return t;
}

/** roundingTolerance(n) for the roundingPerFigure in force (Decimals never change: one each). */
let toleranceBase: Money | undefined;
const tolerances: Money[] = [];

/**
 * Target sheets (元) against 表十二 / 表十三 (万元): |元 − 万元 × 10000| ≤ 50 元 is rounding (rules.md) — half of
 * the 0.01 万元 (100 元) the tables print.
 */
export let YUAN_VS_WAN_TOLERANCE: Money = DEFAULT_TOLERANCES.yuanVsWan;

/**
 * Amounts in 元 of the target sheets are typed to the 分 and compared exactly: two amounts agree when they differ
 * by less than 0.01 元 (one 分), i.e. only by binary-double noise below the 分.
 */
export const YUAN_CENT = new Decimal('0.01');

/**
 * Shares and rates of the 情况说明 are printed to 0.01% (rules.md): a stated "85.61%" stands for anything within half
 * of that, 0.005 percentage points, of the exact share. The extra 1e-10 keeps a share exactly half way
 * (85.605% printed as 85.61%) inside despite the last digit of a Decimal division.
 */
export let SHARE_TOLERANCE: Money = DEFAULT_TOLERANCES.share;

/**
 * Half a unit of the last digit written, for figures written with fewer decimals than the tables print
 * ("69.9" 万元 may stand for 69.85…69.95; "26.43万元" in a 成本指标 for 264,250…264,350 元 once × 10000).
 */
export function halfUnit(decimals: number): Money {
  let h = HALF_UNITS[decimals];
  if (!h) {
    h = new Decimal(5).times(new Decimal(10).pow(-(decimals + 1)));
    if (Number.isInteger(decimals) && decimals >= 0 && decimals < 64) HALF_UNITS[decimals] = h;
  }
  return h;
}

/** halfUnit by number of decimals (Decimals never change: one each). */
const HALF_UNITS: Money[] = [];

/**
 * A line of the 情况说明 (收入总计, 支出总计, 一般公共预算支出, “三公”经费 and its items, 机关运行经费) that changed
 * by this many percent or more against last year's published tables needs a reason in its sentence (N.change_reason,
 * when last year's disclosure is given). The one default; `budget-check --change-threshold` overrides it.
 */
export const CHANGE_REASON_THRESHOLD_PERCENT = new Decimal(10);

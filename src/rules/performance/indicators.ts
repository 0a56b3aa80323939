/**
 * The indicator grids of a target sheet: P.indicators (the categories the form requires are filled) and
 * P.cost_vs_fund (a 成本指标 ceiling stated in 元/万元 is not above the funding).
 */
import { a1 } from '../../model/address';
import { BoundedMemo, MEMO_LIMIT } from '../../model/memo';
import { cmpMoney, Decimal, type Money } from '../../model/money';
import { halfUnit } from '../../model/tolerance';
import type { Figure, Indicator, TargetSheet } from '../../tables/types';
import type { Rule, RuleContext } from '../rule';
import { anchorCell, at, hasLabel, isOneOff, reportAt, targetTitle, valueOf, yuan } from './common';
import { mapPacked } from '../../model/arrays';

interface GridRef {
  /** "年度绩效指标", "实施期绩效指标", "绩效指标" (annual-only form). */
  name: string;
  list: Indicator[];
  /** The funding the grid's 成本指标 are compared with. */
  funds: { figure: Figure; what: string }[];
}

function grids(t: TargetSheet): GridRef[] {
  const out: GridRef[] = [];
  const annual = t.annualFunds.total && !t.annualFunds.total.empty && !t.annualFunds.total.unread ? t.annualFunds.total : undefined;
  const period = t.periodFunds.total && !t.periodFunds.total.empty && !t.periodFunds.total.unread ? t.periodFunds.total : undefined;
  if (t.periodIndicators.length && !t.annualOnly) {
    const funds: GridRef['funds'] = [];
    if (period) funds.push({ figure: period, what: '实施期资金总额' });
    // A 一次性项目（1年结束）'s 实施期 is its year: its ceilings must fit the 年度 funding as well (seed 001).
    if (annual && (isOneOff(t) || !period)) funds.push({ figure: annual, what: '年度资金总额' });
    out.push({ name: '实施期绩效指标', list: t.periodIndicators, funds });
  }
  out.push({ name: t.annualOnly ? '绩效指标' : '年度绩效指标', list: t.annualIndicators, funds: annual ? [{ figure: annual, what: '年度资金总额' }] : [] });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// P.indicators

type Level1 = '产出指标' | '效益指标' | '满意度指标';
const LEVEL1: [Level1, RegExp][] = [
  ['产出指标', /产出/],
  ['效益指标', /效益/],
  ['满意度指标', /满意/],
];
/** A category's place in LEVEL1. */
const LEVEL1_INDEX: Record<string, number | undefined> = { 产出指标: 0, 效益指标: 1, 满意度指标: 2 };
const OUTPUT_L2: [string, RegExp][] = [
  ['数量指标', /数量/],
  ['质量指标', /质量/],
  ['时效指标', /时效/],
  ['成本指标', /成本/],
];

/** 二级 names that tell the category on their own (a form may leave the 一级 label blank: seed 002 购买殡葬服务). */
const LEVEL2_CATEGORY: [Level1, RegExp][] = [
  ['产出指标', /数量|质量|时效|成本/],
  ['效益指标', /效益|可持续/],
  ['满意度指标', /满意/],
];

/** The indicator's category: by its 二级 name when that is one of the template's, else by its 一级. */
export function level1Of(i: Indicator): Level1 | undefined {
  // The same few 一级/二级 names recur on every form: each pair is worked out once (null: no category).
  let byLevel1 = LEVEL1_MEMO.get(i.level2);
  if (!byLevel1) {
    if (LEVEL1_MEMO.size >= MEMO_LIMIT.labels) LEVEL1_MEMO.clear();
    LEVEL1_MEMO.set(i.level2, (byLevel1 = new Map()));
  }
  let c = byLevel1.get(i.level1);
  if (c === undefined) {
    if (byLevel1.size >= MEMO_LIMIT.labels) byLevel1.clear();
    byLevel1.set(i.level1, (c = categoryOf(i.level1, i.level2) ?? null));
  }
  return c ?? undefined;
}

const LEVEL1_MEMO = new Map<string, Map<string, Level1 | null>>();

function categoryOf(level1: string, level2: string): Level1 | undefined {
  // A 一级 name standing in the 二级 column (seed 001 机关工作业务费: 效益指标 | 满意度指标 | 单位用水成本) tells nothing.
  const l2 = /^(产出|效益|满意度)(指标)?$/.test(level2.trim()) ? '' : level2;
  return LEVEL2_CATEGORY.find(([, re]) => re.test(l2))?.[0] ?? LEVEL1.find(([, re]) => re.test(level1))?.[0];
}

/** A 三级 indicator with its 指标值. */
function filled(i: Indicator): boolean {
  return !!i.level3.trim() && !!i.value.trim();
}

function mode(nums: number[]): number | undefined {
  const count = new Map<number, number>();
  for (const n of nums) count.set(n, (count.get(n) ?? 0) + 1);
  let best: number | undefined;
  for (const [n, c] of count) if (best === undefined || c > count.get(best)!) best = n;
  return best;
}

/**
 * The 三级 and 指标值 cells of an indicator's row. A blank 三级 has no cell of its own in the model (the label
 * falls back to the 二级), so its column is taken from the grid's filled rows.
 */
function slotCells(g: GridRef, i: Indicator, cols = slotColumns(g)): { sheet: string; cell: string }[] {
  const { l3, v } = cols;
  const { sheet, row } = i.label;
  const c3 = i.level3.trim() || !l3 ? i.label.cell : a1(row, l3);
  const cv = i.valueLabel?.cell ?? (v ? a1(row, v) : undefined);
  return [{ sheet, cell: c3 }, ...(cv && cv !== c3 ? [{ sheet, cell: cv }] : [])];
}

/** The grid's usual 三级 and 指标值 columns (for slotCells). */
function slotColumns(g: GridRef): { l3: number | undefined; v: number | undefined } {
  return {
    l3: mode(g.list.filter((x) => x.level3.trim()).map((x) => x.label.col)),
    v: mode(g.list.flatMap((x) => (x.valueLabel ? [x.valueLabel.col] : []))),
  };
}

interface Issue {
  /** Same key in both grids → one finding. */
  key: string;
  /** What is wrong, after the grid's name: "缺少一级指标“效益指标”". */
  what: string;
  /** Where it shows: the 三级 and 指标值 cells of the empty indicator, or of the row the missing one would follow. */
  cells: { sheet: string; cell: string }[];
  expected: string;
  actual: string;
}

function gridIssues(g: GridRef): Issue[] {
  if (!g.list.length) {
    return [{ key: 'empty', what: '没有填写（应有产出、效益、满意度三类指标）', cells: [], expected: '产出指标、效益指标、满意度指标', actual: '（空）' }];
  }
  const issues: Issue[] = [];
  const last = g.list[g.list.length - 1];
  const one = '至少 1 个三级指标及其指标值';
  // One pass over the grid: per category its first and last indicator and whether one is filled, and per 产出
  // 二级 its first indicator and whether one is filled (no list per category). The slot columns once when an issue
  // first needs them (no closure per grid: see checkTarget).
  const first: (Indicator | undefined)[] = [undefined, undefined, undefined];
  const lastIn: (Indicator | undefined)[] = [undefined, undefined, undefined];
  const anyFilled = [false, false, false];
  const firstL2: (Indicator | undefined)[] = [undefined, undefined, undefined, undefined];
  const filledL2 = [false, false, false, false];
  for (const i of g.list) {
    const c = LEVEL1_INDEX[level1Of(i) ?? ''];
    if (c === undefined) continue;
    const f = filled(i);
    first[c] ??= i;
    lastIn[c] = i;
    if (f) anyFilled[c] = true;
    if (c !== 0) continue;
    for (let m = 0; m < OUTPUT_L2.length; m++) {
      if (!OUTPUT_L2[m][1].test(i.level2)) continue;
      firstL2[m] ??= i;
      if (f) filledL2[m] = true;
    }
  }
  let cols: ReturnType<typeof slotColumns> | undefined;
  for (let c = 0; c < LEVEL1.length; c++) {
    const [l1] = LEVEL1[c];
    if (!first[c]) {
      issues.push({ key: `no:${l1}`, what: `缺少一级指标“${l1}”`, cells: slotCells(g, l1 === '产出指标' ? g.list[0] : last, (cols ??= slotColumns(g))), expected: `一级指标“${l1}”`, actual: '（缺少）' });
      continue;
    }
    if (l1 === '产出指标') {
      for (let m = 0; m < OUTPUT_L2.length; m++) {
        const [l2] = OUTPUT_L2[m];
        if (!firstL2[m]) {
          issues.push({ key: `no:${l2}`, what: `“产出指标”下缺少二级指标“${l2}”`, cells: slotCells(g, lastIn[c]!, (cols ??= slotColumns(g))), expected: `二级指标“${l2}”，${one}`, actual: '（缺少）' });
        } else if (!filledL2[m]) {
          issues.push({ key: `blank:${l2}`, what: `“产出指标—${l2}”未填写三级指标或指标值`, cells: slotCells(g, firstL2[m]!, (cols ??= slotColumns(g))), expected: one, actual: '（空）' });
        }
      }
    } else if (!anyFilled[c]) {
      issues.push({ key: `blank:${l1}`, what: `“${l1}”下没有一项填写了三级指标和指标值`, cells: slotCells(g, first[c]!, (cols ??= slotColumns(g))), expected: one, actual: '（空）' });
    }
  }
  return issues;
}

function cellsOf(t: TargetSheet, i: Issue): { sheet: string; cell: string }[] {
  return i.cells.length ? i.cells : [{ sheet: t.sheet, cell: anchorCell(t) }];
}

function emit(ctx: RuleContext, t: TargetSheet, grids: string, issue: Issue, twin: Issue | undefined): void {
  const [stated, ...also] = twin ? [...cellsOf(t, issue), ...cellsOf(t, twin)] : cellsOf(t, issue);
  reportAt(ctx, stated!, also, { message: `${targetTitle(t)}：${grids}${issue.what}`, expected: issue.expected, actual: issue.actual });
}

/**
 * One finding per issue; the same issue in the 实施期 and the 年度 grid is one finding naming both. No closures
 * made per target: under esbuild's keepNames (tsx, the bench) each named one costs a defineProperty.
 */
function checkTarget(ctx: RuleContext, t: TargetSheet): void {
  const gs = grids(t);
  const annual = { g: gs[gs.length - 1], issues: gridIssues(gs[gs.length - 1]) };
  const period = gs.length > 1 ? { g: gs[0], issues: gridIssues(gs[0]) } : undefined;
  for (const issue of annual.issues) {
    const twin = period?.issues.find((x) => x.key === issue.key);
    emit(ctx, t, twin ? '实施期和年度绩效指标' : annual.g.name, issue, twin);
  }
  for (const issue of period?.issues ?? []) {
    if (!annual.issues.some((x) => x.key === issue.key)) emit(ctx, t, period!.g.name, issue, undefined);
  }
}

export const indicators: Rule = {
  meta: {
    id: 'P.indicators',
    severity: 'error',
    title: '绩效指标不完整',
    description:
      '一级指标产出、效益、满意度俱全；产出指标的数量、质量、时效、成本四个二级指标各有至少 1 个三级指标并填了指标值；' +
      '效益指标、满意度指标各至少有 1 个三级指标填了指标值。年度指标必查，有实施期指标的也查实施期',
    table: 'P',
  },
  check(ctx) {
    // A form whose indicator header could not be read is INPUT.unrecognised (src/tables/targets.ts), not 没有填写.
    for (const t of ctx.rec.targets) if (hasLabel(t, 'indicators')) checkTarget(ctx, t);
  },
};

// ---------------------------------------------------------------------------------------------------------
// P.cost_vs_fund

const CEILING =
  /^(≤|<=|＜=|<|＜|≦|⩽|=|＝|不高于|不超过|不大于|小于等于|小于|低于|控制在|约|在)?\s*([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(亿元|万元|千元|万|元)(.*)$/;

/** 元 per unit written. */
const UNIT_YUAN: Record<string, number> = { 元: 1, 千元: 1000, 万: 10000, 万元: 10000, 亿元: 100000000 };

/**
 * The amount (元) a 成本指标 value sets as its ceiling, or undefined: "≤1.85万元" → 18500, "=300000元" → 300000,
 * and a bare "580万元" reads as "= 580万元" (the cost is stated to be that much). Floors (≥, >) and per-unit
 * values (元/人, 元/月, 每…) are not ceilings of the whole project and are not compared. `slack` is half a unit of
 * the last digit written: "26.43万元" may stand for 264,288.50 元.
 */
export function costCeiling(value: string): { amount: Money; slack: Money } | undefined {
  const v = value.trim().replace(/\s/g, '');
  const m = CEILING.exec(v);
  if (!m) return undefined;
  const rest = m[4];
  if (/^[/／每]/.test(rest) || /^(人|户|次|月|年|件|份|台|个|平|㎡|m)/.test(rest)) return undefined;
  if (/^(以上|及以上|起)/.test(rest)) return undefined; // a floor
  // A bare 万 is money only when nothing but "以内/以下/之内" follows ("15万人次", "5万吨" are counts).
  if (m[3] === '万' && !/^(以内|以下|之内|内)?[。；;，,]?$/.test(rest)) return undefined;
  const digits = m[2]
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[,，]/g, '')
    .replace('．', '.');
  const unit = UNIT_YUAN[m[3]];
  const decimals = digits.includes('.') ? digits.split('.')[1].length : 0;
  return { amount: new Decimal(digits).times(unit), slack: halfUnit(decimals).times(unit) };
}

export const costVsFund: Rule = {
  meta: {
    id: 'P.cost_vs_fund',
    severity: 'warning',
    title: '成本指标超过项目资金',
    description:
      '成本指标的指标值以元、千元、万元（或“万”）、亿元写成上限（≤、<、=、不超过、以内、以下，或不带符号的金额，如“580万元”视为“=580万元”）时，不应大于年度资金总额' +
      '（实施期指标对实施期资金总额；一次性项目的实施期指标也对年度资金总额）。≥ 下限和“元/人”之类的单价不比较',
    table: 'P',
  },
  check(ctx) {
    for (const t of ctx.rec.targets) {
      const hits: (Hit & { g: GridRef })[] = [];
      for (const g of grids(t)) overFunding(g, hits);
      const done = new Set<unknown>();
      for (const h of hits) {
        if (done.has(h)) continue;
        // The same indicator in the 实施期 and the 年度 grid is one finding naming both.
        const twin = hits.find((x) => x !== h && !done.has(x) && x.g !== h.g && x.i.level3 === h.i.level3 && x.i.value.trim() === h.i.value.trim());
        const pair = twin ? [h, twin].reverse() : [h];
        pair.forEach((x) => done.add(x));
        const first = pair[0];
        const where = twin ? '实施期和年度绩效指标' : first.g.name;
        const funds = mapPacked(pair, (x) => `${x.over.what} ${yuan(x.over.figure.value)} 元`).filter((x, k, a) => a.indexOf(x) === k);
        reportAt(ctx, at(first.i.valueLabel)!, pair.flatMap((x) => [at(x.i.valueLabel), at(x.i.label), at(x.over.figure)]), {
          message:
            `${targetTitle(t)}：${where}“${first.i.level2}—${first.i.level3 || '（未命名）'}”为“${first.i.value.trim()}”` +
            `（${yuan(first.ceiling)} 元），超过${funds.join('和')}`,
          expected: `≤ ${first.over.figure.value.toFixed()}`,
          actual: first.ceiling.toFixed(),
        });
      }
    }
  },
};

/**
 * costCeiling with its floor (the least amount the value may stand for), memoised by the value's text: the same
 * 成本指标 values recur in the 实施期 and 年度 grids and across forms (null: no ceiling).
 */
const CEILING_MEMO = new BoundedMemo<string, { amount: Money; floor: Money } | null>(MEMO_LIMIT.texts);

function ceilingOf(value: string): { amount: Money; floor: Money } | undefined {
  // (a long value seldom recurs: not kept)
  let c = value.length > 64 ? undefined : CEILING_MEMO.get(value);
  if (c === undefined) {
    const stated = costCeiling(value);
    c = stated ? { amount: stated.amount, floor: stated.amount.minus(stated.slack) } : null;
    if (value.length <= 64) CEILING_MEMO.set(value, c);
  }
  return c ?? undefined;
}

interface Hit {
  i: Indicator;
  ceiling: Money;
  over: GridRef['funds'][number];
}

/**
 * Adds to `out` the grid's 成本指标 whose stated ceiling is above the funding they are compared with (loops, no
 * closure per indicator: asked for every indicator of every form).
 */
function overFunding(g: GridRef, out: (Hit & { g: GridRef })[]): void {
  for (const i of g.list) {
    if (!/成本/.test(i.level2) || !i.valueLabel) continue;
    const stated = ceilingOf(i.value);
    if (!stated) continue;
    let over: GridRef['funds'][number] | undefined;
    for (const f of g.funds) {
      if (cmpMoney(stated.floor, valueOf(f.figure)) > 0) {
        over = f;
        break;
      }
    }
    if (over) out.push({ i, ceiling: stated.amount, over, g });
  }
}

export const indicatorRules: Rule[] = [indicators, costVsFund];

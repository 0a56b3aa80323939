/**
 * N.* rules: the figures of an existing 情况说明 (rec.narrative) against the tables and against the text's own
 * arithmetic. Each figure is read with the words before it ("一般公共预算拨款收入…万元", "占…%", "比上年增加…万元",
 * "增长…%"); only figures whose words name something the tables know are compared, so a reason's own amounts
 * ("困难群众救助补助资金6000万元") are never flagged. Findings point at the paragraph's cell.
 */
import { Decimal, ZERO, absAtMost, fmt2, plain, type Money } from '../../model/money';
import { SHARE_TOLERANCE as SHARE_TOL, halfUnit, roundingTolerance } from '../../model/tolerance';
import { refs } from '../compare';
import type { CellRef, Severity } from '../../model/finding';
import type { Rule, RuleContext } from '../rule';
import { EXPENDITURE_CLASSES } from '../../tables/classes';
import type { Recognised } from '../../tables/recognised';
import { keyText } from '../../tables/text';
import type { Figure, TargetSheet } from '../../tables/types';
import { distinctTargets, t12Projects, t12Total, targetsWan, val } from './data';
import { oncePer } from '../../model/memo';
import { matchTargets } from '../performance/matching';
import type { NarrativeFigure, NarrativeSectionText } from './figures';
import { sectionsOf } from './wording/common';
import { ratio, round2, wan } from './numbers';
import { mapPacked } from '../../model/arrays';

export type NarrativeRuleId =
  | 'N.figure'
  | 'N.growth'
  | 'N.performance_count'
  | 'N.performance_sum'
  | 'N.performance_share'
  | 'N.placeholder';

interface Issue {
  rule: NarrativeRuleId;
  severity?: Severity;
  sheet: string;
  cell: string;
  message: string;
  expected?: string;
  actual?: string;
  related: Figure[];
}

const HUNDRED = new Decimal(100);
// Shares and rates are compared to 0.01% (rules.md, SHARE_TOLERANCE): "85.6%" stands for 85.60%, "100%" for 100.00%.

function shown(f: NarrativeFigure): string {
  return `${f.text}${f.unit}`;
}

/** Half a unit of the last decimal written: "85.6" may stand for 85.55 … 85.65. */

function sectionName(s: NarrativeSectionText): string {
  return s.heading ? `“${s.heading.replace(/[\s\u3000]+/g, '')}”` : '';
}

function quote(f: NarrativeFigure): string {
  const seg = f.segment.length > 24 ? `…${f.segment.slice(-24)}` : f.segment;
  return `“${seg}${shown(f)}”`;
}

class Analysis {
  readonly issues: Issue[] = [];
  /** Every figure a rule compared (whatever the verdict), by section: what the checker covers. */
  readonly checked: { section: string; figure: NarrativeFigure }[] = [];
  constructor(readonly rec: Recognised) {}

  mark(s: NarrativeSectionText, f: NarrativeFigure) {
    this.checked.push({ section: s.id ?? '', figure: f });
  }

  push(i: Issue) {
    this.issues.push(i);
  }

  /** N.figure: a stated amount (万元, exact to 0.01) or count against the table. */
  amount(s: NarrativeSectionText, f: NarrativeFigure, expected: Money, source: string, related: Figure[]) {
    const exp = f.unit === '万元' ? round2(expected) : expected;
    this.mark(s, f);
    if (f.value.eq(exp)) return;
    const e = f.unit === '万元' ? `${wan(exp)}万元` : `${plain(exp)}${f.unit}`;
    this.push({
      rule: 'N.figure',
      sheet: f.sheet,
      cell: f.cell,
      message: `情况说明${sectionName(s)}中${quote(f)}与${source}不符：应为${e}`,
      expected: e,
      actual: shown(f),
      related,
    });
  }

  /** N.figure (or another rule) for a share: the stated % must be a rounding of part / whole at its own precision. */
  share(
    s: NarrativeSectionText,
    f: NarrativeFigure,
    part: Money,
    whole: Money,
    source: string,
    related: Figure[],
    rule: NarrativeRuleId = 'N.figure',
  ) {
    if (whole.isZero()) return;
    this.mark(s, f);
    const exact = part.div(whole).times(HUNDRED);
    if (absAtMost(f.value.minus(exact), SHARE_TOL)) return;
    const e = `${fmt2(ratio(part, whole)!)}%`;
    this.push({
      rule,
      sheet: f.sheet,
      cell: f.cell,
      message: `情况说明${sectionName(s)}中${quote(f)}与${source}不符：应为${e}`,
      expected: e,
      actual: shown(f),
      related,
    });
  }
}

type Slot = { fig: Figure | undefined; value: Money; source: string; related: Figure[] } | undefined;

/** The table figure a stated amount is checked against; none when it was not read (never compared as 0). */
function slot(f: Figure | undefined, source: string, extra: Figure[] = []): Slot {
  if (!f || f.unread) return undefined;
  return { fig: f, value: f.value, source, related: [f, ...extra] };
}

/** Longest 类 name the clause ends with ("…社会保障和就业支出"). */
function classAtEnd(segment: string): string | undefined {
  const k = keyText(segment);
  let best: string | undefined;
  for (const c of EXPENDITURE_CLASSES) if (k.endsWith(c.name) && (!best || c.name.length > best.length)) best = c.name;
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Growth: "比上年增加D万元，增长E%" and "比2024年预算L万元减少D万元，下降E%" — checked against the amounts the
// same text states (the subject A, the change D, last year's L when written).

interface GrowthState {
  subject?: NarrativeFigure;
  last?: NarrativeFigure;
  change?: { fig: NarrativeFigure; sign: 1 | -1 };
}

const LAST_YEAR = /^比(上年|\d{4}年)(度)?(预算)?(数)?$|^上年(预算)?(数)?为?$/;
const CHANGE = /(增加|减少|增长|下降)(\((增加|减少|增长|下降)\))?$/;
const RATE = /(增长|下降|增加|减少)(\((增长|下降|增加|减少)\))?$/;

function delta(f: NarrativeFigure): Money {
  return halfUnit(Math.max(f.decimals, 2));
}

function growthStep(a: Analysis, s: NarrativeSectionText, g: GrowthState, f: NarrativeFigure): boolean {
  if (f.unit === '万元' && LAST_YEAR.test(f.segment)) {
    g.last = f;
    g.change = undefined;
    return true;
  }
  const cm = CHANGE.exec(f.segment);
  if (f.unit === '万元' && cm && (f.segment.includes('比') || g.last || /^(增加|减少)/.test(f.segment))) {
    const sign: 1 | -1 = /增加|增长/.test(cm[1]) ? 1 : -1;
    g.change = { fig: f, sign };
    if (g.subject && g.last) {
      a.mark(s, f);
      // The text names both years: L ± D must be A.
      const implied = g.last.value.plus(f.value.times(sign));
      // Exact at 0.01 万元 (the text computes D from the two printed amounts); coarser figures ("69.9") get their slack.
      const tol = [g.last, f, g.subject].reduce((acc, x) => (x.decimals < 2 ? acc.plus(halfUnit(x.decimals)) : acc), ZERO);
      if (implied.minus(g.subject.value).abs().gt(tol)) {
        const diff = g.subject.value.minus(g.last.value);
        a.push({
          rule: 'N.growth',
          sheet: f.sheet,
          cell: f.cell,
          message:
            `情况说明${sectionName(s)}中${quote(f)}与文中两年金额不符：${shown(g.subject)}与上年${shown(g.last)}相差` +
            `${diff.isNegative() ? '减少' : '增加'}${wan(diff.abs())}万元`,
          expected: `${diff.isNegative() ? '减少' : '增加'}${wan(diff.abs())}万元`,
          actual: `${cm[1]}${shown(f)}`,
          related: [],
        });
      }
    }
    return true;
  }
  const rm = RATE.exec(f.segment);
  if (f.unit === '%' && rm && g.change && g.subject) {
    const D = g.change.fig.value;
    const sign = g.change.sign;
    const A = g.subject.value;
    const L = g.last ? g.last.value : A.minus(D.times(sign));
    const word = rm[1];
    const rateSign = /增长|增加/.test(word) ? 1 : -1;
    const expectedWord = sign > 0 ? '增长' : '下降';
    if (L.lte(0)) return true;
    a.mark(s, f);
    const exact = D.div(L).times(HUNDRED);
    // The amounts are rounded too: the rate may lie anywhere the written amounts allow.
    const dD = delta(g.change.fig);
    const dL = g.last ? delta(g.last) : delta(g.subject).plus(dD);
    const lo = D.minus(dD).div(L.plus(dL)).times(HUNDRED);
    const hi = D.plus(dD).div(L.minus(dL).gt(0) ? L.minus(dL) : L).times(HUNDRED);
    const tol = SHARE_TOL;
    const ok = f.value.gte(lo.minus(tol)) && f.value.lte(hi.plus(tol));
    const expected = `${expectedWord}${fmt2(exact)}%`;
    const basis = `${sign > 0 ? '增加' : '减少'}${g.change.fig.text}万元 ÷ 上年${wan(L)}万元`;
    if (!ok || (!D.isZero() && rateSign !== sign)) {
      a.push({
        rule: 'N.growth',
        sheet: f.sheet,
        cell: f.cell,
        message: `情况说明${sectionName(s)}中增减率“${word}${shown(f)}”与文中金额不符：${basis} = ${expected.slice(2)}，应写“${expected}”`,
        expected,
        actual: `${word}${shown(f)}`,
        related: [],
      });
    }
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Section readers: which figure names which table figure.

function checkSection(a: Analysis, s: NarrativeSectionText): void {
  const t = a.rec.tables;
  const g: GrowthState = {};
  let prev: Slot;
  let mode: 'income' | 'exp' = 'income';
  const subject = (f: NarrativeFigure) => {
    g.subject = f;
    g.last = undefined;
    g.change = undefined;
  };
  const figs = s.figures.filter((f) => !f.inReason);
  const classSlot = (f: NarrativeFigure, which: 'T4' | 'T5'): Slot | null => {
    const name = classAtEnd(f.segment);
    if (!name) return null;
    if (which === 'T4') {
      if (!t.T4) return undefined;
      const c = t.T4.classes.find((x) => keyText(x.name) === name);
      return c?.values.subtotal
        ? slot(c.values.subtotal, `表四 ${name} 小计`)
        : { fig: undefined, value: ZERO, source: `表四（无${name}）`, related: [] };
    }
    if (!t.T5) return undefined;
    const r = t.T5.rows.find((x) => x.level === 1 && keyText(x.name) === name);
    return r?.values.total
      ? slot(r.values.total, `表五 ${name} 合计`)
      : { fig: undefined, value: ZERO, source: `表五（无${name}）`, related: t.T5.total?.values.total ? [t.T5.total.values.total] : [] };
  };

  for (const f of figs) {
    if (growthStep(a, s, g, f)) continue;
    const seg = f.segment;
    let target: Slot | null = null; // null: not a figure this section knows
    let share: { whole: Figure | undefined; source: string } | undefined;
    switch (s.id) {
      case '一': {
        const inc = t.T1?.income;
        const et = t.T1?.expTotal?.values;
        if (!t.T1 || f.unit !== '万元') break;
        if (/收入总计$/.test(seg)) {
          mode = 'income';
          target = slot(inc?.incomeTotal, '表一 收入总计');
          subject(f);
        } else if (/支出总计$/.test(seg)) {
          mode = 'exp';
          target = slot(et?.total, '表一 支出总计');
          subject(f);
        } else if (/本年收入(合计)?$/.test(seg)) target = slot(inc?.incomeSum, '表一 本年收入合计');
        else if (/(本年|当年)预算安排$/.test(seg)) target = slot(et?.current, '表一 支出总计（当年预算安排）');
        else if (/上年结转(收入|安排)?$/.test(seg))
          target = mode === 'income' ? slot(inc?.carryover, '表一 上年结转') : slot(et?.carryover, '表一 支出总计（上年结转安排）');
        break;
      }
      case '二': {
        const inc = t.T1?.income;
        if (!t.T1) break;
        if (f.unit === '%') share = { whole: inc?.incomeTotal, source: '表一 收入总计' };
        else if (f.unit !== '万元') break;
        else if (/(预算收入|收入总计|收入预算)$/.test(seg)) target = slot(inc?.incomeTotal, '表一 收入总计');
        else if (/一般公共预算(拨款)?(收入)?$/.test(seg)) target = slot(inc?.general, '表一 一般公共预算拨款收入');
        else if (/政府性基金(预算)?(拨款)?(收入)?$/.test(seg)) target = slot(inc?.govFund, '表一 政府性基金预算拨款收入');
        else if (/国有资本经营(预算)?(拨款)?(收入)?$/.test(seg)) target = slot(inc?.stateCapital, '表一 国有资本经营预算拨款收入');
        else if (/财政专户管理资金(收入)?$/.test(seg)) target = slot(inc?.specialAccount, '表一 财政专户管理资金收入');
        else if (/单位资金(收入)?$/.test(seg)) target = slot(inc?.unitFunds, '表一 单位资金');
        else if (/上年结转(收入)?$/.test(seg)) target = slot(inc?.carryover, '表一 上年结转');
        break;
      }
      case '三': {
        const tot = t.T3?.total?.values;
        if (!tot) break;
        if (f.unit === '%') share = { whole: tot.total, source: '表三 合计' };
        else if (f.unit !== '万元') break;
        else if (/(支出预算|支出总计|预算支出|支出合计)$/.test(seg)) target = slot(tot.total, '表三 合计');
        else if (/基本支出$/.test(seg)) target = slot(tot.basic, '表三 基本支出合计');
        else if (/项目支出$/.test(seg)) target = slot(tot.project, '表三 项目支出合计');
        break;
      }
      case '四': {
        const t4 = t.T4;
        if (!t4 || f.unit !== '万元') break;
        const et = t4.expTotal?.values;
        const cls = classSlot(f, 'T4');
        if (cls !== null) target = cls;
        else if (/总预算$/.test(seg)) target = slot(et?.subtotal ?? t4.income.incomeTotal, '表四 支出总计');
        else if (/一般公共预算(拨款)?(收入)?$/.test(seg)) target = slot(et?.general, '表四 支出总计（一般公共预算）');
        else if (/政府性基金(预算)?(拨款)?(收入)?$/.test(seg)) target = slot(et?.govFund, '表四 支出总计（政府性基金预算）');
        else if (/国有资本经营(预算)?(拨款)?(收入)?$/.test(seg)) target = slot(et?.stateCapital, '表四 支出总计（国有资本经营预算）');
        else if (/(当年拨款收入|本年收入(合计)?)$/.test(seg)) target = slot(t4.income.incomeSum, '表四 本年收入合计');
        else if (/上年结转(收入)?$/.test(seg)) target = slot(t4.income.carryover, '表四 上年财政拨款结转');
        break;
      }
      case '五': {
        const t5 = t.T5;
        if (!t5) break;
        if (f.unit === '%') {
          share = { whole: t5.total?.values.total, source: '表五 合计' };
          break;
        }
        if (f.unit !== '万元') break;
        const cls = classSlot(f, 'T5');
        if (cls !== null) {
          target = cls;
          // A 类's own 比上年 change ("社会保障和就业支出X万元，比上年增加D万元，增长E%") is the 类's, not the total's.
          subject(f);
        } else if (/(当年支出|一般公共预算支出)$/.test(seg)) {
          target = slot(t5.total?.values.total, '表五 合计');
          subject(f);
        }
        break;
      }
      case '六': {
        const tv = t.T6?.total?.values;
        if (!tv || f.unit !== '万元') break;
        if (/基本支出$/.test(seg)) target = slot(tv.total, '表六 合计');
        else if (/人员经费$/.test(seg)) target = slot(tv.personnel, '表六 人员经费合计');
        else if (/公用经费$/.test(seg)) target = slot(tv.public, '表六 公用经费合计');
        break;
      }
      case '七': {
        const lines = t.T10?.lines;
        if (!t.T10 || f.unit !== '万元') break;
        const line = (k: 'total' | 'abroad' | 'reception' | 'vehicle' | 'vehiclePurchase' | 'vehicleOperation', what: string) => {
          const fig = lines?.[k]?.values.total;
          return fig ? slot(fig, `表十 ${what}`) : t.T10!.noDataNote ? { fig: undefined, value: ZERO, source: '表十（本表无数据）', related: [] } : undefined;
        };
        if (/三公.?经费(预算)?(数)?$/.test(seg)) target = line('total', '“三公”经费合计');
        else if (/因公出国\(境\)费$|出国\(境\)费$/.test(seg)) target = line('abroad', '因公出国（境）费');
        else if (/公务接待费$/.test(seg)) target = line('reception', '公务接待费');
        else if (/购置及运行(维护)?费$/.test(seg)) target = line('vehicle', '公务用车购置及运行费');
        else if (/运行(维护)?费$/.test(seg)) target = line('vehicleOperation', '公务用车运行维护费');
        else if (/购置费$/.test(seg)) target = line('vehiclePurchase', '公务用车购置费');
        if (target) subject(f);
        break;
      }
      case '八': {
        const t11 = t.T11;
        if (!t11) break;
        if (f.unit === '家') {
          if (t11.units.length) target = { fig: undefined, value: new Decimal(t11.units.length), source: '表十一 单位行数', related: mapPacked(t11.units, (u) => u.values.total).filter((x): x is Figure => !!x) };
          break;
        }
        if (f.unit !== '万元') break;
        if (/机关运行经费.*(预算|预算数|合计)?$/.test(seg) && /机关运行经费/.test(seg)) {
          const fig = t11.deptTotal?.values.total;
          const value = fig ? fig.value : t11.units.reduce((acc, u) => acc.plus(val(u.values.total)), ZERO);
          target = { fig, value, source: '表十一 机关运行经费合计', related: fig ? [fig] : [] };
          subject(f);
        }
        break;
      }
    }
    if (share) {
      // A rate whose change the text does not state ("增长12.32%" alone) cannot be checked: not a share.
      if (RATE.test(seg)) continue;
      if (prev && share.whole && !share.whole.unread) a.share(s, f, prev.value, share.whole.value, `${prev.source}占${share.source}的比例`, [...prev.related, share.whole]);
      prev = undefined;
      continue;
    }
    if (target === null) continue;
    prev = target;
    if (target) a.amount(s, f, target.value, target.source, target.related);
  }
}

// 九 政府采购: 总额 = 货物 + 工程 + 服务 (the text's own arithmetic; the figures themselves are input).
function checkProcurement(a: Analysis, s: NarrativeSectionText): void {
  const figs = s.figures.filter((f) => !f.inReason && f.unit === '万元');
  const total = figs.find((f) => /预算总额$|采购总额$/.test(f.segment));
  const parts = ['货物', '工程', '服务'].map((k) => figs.find((f) => new RegExp(`${k}(采购)?预算$|${k}$`).test(f.segment)));
  if (!total || parts.some((p) => !p)) return;
  a.mark(s, total);
  const sum = parts.reduce((acc, p) => acc.plus(p!.value), ZERO);
  const diff = total.value.minus(sum).abs();
  if (diff.isZero()) return;
  // 舍位 of a total against its three parts (货物、工程、服务): 0.015 万元.
  const rounding = diff.lte(roundingTolerance(3));
  a.push({
    rule: 'N.figure',
    severity: rounding ? 'warning' : 'error',
    sheet: total.sheet,
    cell: total.cell,
    message: `情况说明${sectionName(s)}中政府采购预算总额${shown(total)}不等于货物、工程、服务预算之和${wan(sum)}万元${rounding ? '（舍位差异）' : ''}`,
    expected: `${wan(sum)}万元`,
    actual: shown(total),
    related: [],
  });
}

// 十 绩效管理, two meanings (rules.md): the 纳入绩效目标管理 count and amount are 表十二's projects (本年); the 公开
// count and amount are the published target sheets (distinct projects, a project split over two sheets counted
// once). Each group's split into 其他运转类 / 特定目标类 must add up; the share is checked against the denominator
// it states, else against the two readings of "项目支出总额".
interface PerfGroup {
  kind: 'included' | 'published';
  count?: NarrativeFigure;
  sum?: NarrativeFigure;
  other?: NarrativeFigure;
  otherSum?: NarrativeFigure;
  special?: NarrativeFigure;
  specialSum?: NarrativeFigure;
}

/** The published projects: distinct target sheets, the sheets of one split project counted once. */
export const publishedProjects = oncePer((rec: Recognised): { count: number; wan: Money; sheets: TargetSheet[]; splits: string[] } => {
  const sheets = distinctTargets(rec);
  const splits: string[] = [];
  let count = sheets.length;
  for (const m of matchTargets(rec).matches) {
    if (m.kind !== 'split' || m.sheets.length < 2) continue;
    const inList = m.sheets.filter((sr) => sheets.includes(sr.target));
    if (inList.length < 2) continue;
    count -= inList.length - 1;
    const name = m.rows[0]?.row.name ?? inList[0].target.projectName?.text ?? '';
    splits.push(`“${name.trim()}”拆成${inList.length}张表（${inList.map((x) => x.target.sheet).join('、')}）`);
  }
  return { count, wan: targetsWan(sheets), sheets, splits };
});

/** At most this many cells inline in a finding's related list. */
export const RELATED_CAP = 5;

function perfKind(seg: string): PerfGroup['kind'] | undefined {
  if (/公开(项目)?(绩效目标)?$|公开项目绩效目标$|项目绩效目标$/.test(seg) && /公开/.test(seg)) return 'published';
  if (/纳入.*(二级项目|项目)$|绩效目标管理的(二级)?项目$|二级项目$/.test(seg)) return 'included';
  if (/项目绩效目标$/.test(seg)) return 'published';
  return undefined;
}

function checkPerformance(a: Analysis, s: NarrativeSectionText): void {
  const rec = a.rec;
  const pub = publishedProjects(rec);
  const n = pub.count;
  const x = pub.wan;
  const tgRefs: Figure[] = pub.sheets.map((tg) => tg.annualFunds.total).filter((f): f is Figure => !!f);
  const t12 = t12Total(rec);
  const t12p = t12Projects(rec);
  const t3p = rec.tables.T3?.total?.values.project;
  const splitNote = pub.splits.length ? `（${pub.splits.join('；')}，按一个项目计）` : '';
  const groups: PerfGroup[] = [];
  let cur: PerfGroup | undefined;
  let cat: 'total' | 'other' | 'special' | undefined;
  let statedDen: NarrativeFigure | undefined;
  let reportedNoTargets = false;
  const noTargets = (f: NarrativeFigure) => {
    if (reportedNoTargets) return;
    reportedNoTargets = true;
    a.push({
      rule: 'N.performance_count',
      severity: 'info',
      sheet: f.sheet,
      cell: f.cell,
      message: `工作簿中没有项目支出绩效目标表，情况说明${sectionName(s)}中公开的绩效目标个数和金额未能核对`,
      related: [],
    });
  };
  for (const f of s.figures) {
    if (f.inReason) continue;
    const seg = f.segment;
    if (f.unit === '个') {
      const kind = perfKind(seg);
      if (kind) {
        cur = { kind, count: f };
        groups.push(cur);
        cat = 'total';
        statedDen = undefined;
        if (kind === 'included') {
          if (!rec.tables.T12) continue;
          a.mark(s, f);
          if (!f.value.eq(t12p.length))
            a.push({
              rule: 'N.performance_count',
              sheet: f.sheet,
              cell: f.cell,
              message: `情况说明${sectionName(s)}中${quote(f)}与表十二（本年项目支出）的项目个数不符：表十二列出${t12p.length}个项目`,
              expected: `${t12p.length}个`,
              actual: shown(f),
              related: t12p.flatMap((p) => p.figures),
            });
          continue;
        }
        if (!pub.sheets.length) {
          noTargets(f);
          continue;
        }
        a.mark(s, f);
        if (!f.value.eq(n))
          a.push({
            rule: 'N.performance_count',
            sheet: f.sheet,
            cell: f.cell,
            message: `情况说明${sectionName(s)}中${quote(f)}与工作簿中公开的项目支出绩效目标表不符：共${n}个项目${splitNote}`,
            expected: `${n}个`,
            actual: shown(f),
            related: tgRefs,
          });
      } else if (cur && /其他运转类(项目)?$/.test(seg)) {
        cur.other = f;
        cat = 'other';
      } else if (cur && /特定目标类(项目)?$/.test(seg)) {
        cur.special = f;
        cat = 'special';
      }
      continue;
    }
    if (f.unit === '万元') {
      if (cur && /项目支出(总额|合计)?\(?$/.test(seg) && /占/.test(seg)) {
        statedDen = f;
        continue;
      }
      if (!cur || !cat || !/(金额|资金)$/.test(seg)) continue;
      if (cat === 'total') {
        cur.sum = f;
        if (cur.kind === 'included') {
          if (!t12) continue;
          a.mark(s, f);
          if (!f.value.eq(round2(t12.value)))
            a.push({
              rule: 'N.performance_sum',
              sheet: f.sheet,
              cell: f.cell,
              message: `情况说明${sectionName(s)}中${quote(f)}与表十二（本年项目支出）合计不符：表十二合计${wan(t12.value)}万元`,
              expected: `${wan(t12.value)}万元`,
              actual: shown(f),
              related: t12.figures,
            });
          continue;
        }
        if (!pub.sheets.length) {
          noTargets(f);
          continue;
        }
        a.mark(s, f);
        if (!f.value.eq(x))
          a.push({
            rule: 'N.performance_sum',
            sheet: f.sheet,
            cell: f.cell,
            message: `情况说明${sectionName(s)}中${quote(f)}与公开的项目支出绩效目标表年度资金总额合计不符：${pub.sheets.length}张表合计${wan(x)}万元${splitNote}`,
            expected: `${wan(x)}万元`,
            actual: shown(f),
            related: tgRefs,
          });
      } else if (cat === 'other') cur.otherSum = f;
      else cur.specialSum = f;
      continue;
    }
    if (f.unit === '%' && cur && t12) {
      a.mark(s, f);
      const num = cur.sum?.value ?? x;
      if (statedDen) {
        // The share states its denominator: p = the stated amount ÷ the stated denominator.
        const den = statedDen;
        const t12w = round2(t12.value);
        const t3w = t3p ? round2(t3p.value) : undefined;
        const known = den.value.eq(t12w) || (t3w && den.value.eq(t3w));
        if (!known) {
          a.push({
            rule: 'N.figure',
            sheet: den.sheet,
            cell: den.cell,
            message: `情况说明${sectionName(s)}中${quote(den)}与表格不符：表十二 本年项目支出合计${wan(t12.value)}万元${t3w ? `，表三 项目支出（含上年结转）${wan(t3w)}万元` : ''}`,
            expected: `${wan(t12.value)}万元`,
            actual: shown(den),
            related: [...t12.figures, ...(t3p ? [t3p] : [])],
          });
        }
        if (!den.value.isZero() && f.value.minus(num.div(den.value).times(HUNDRED)).abs().gt(SHARE_TOL)) {
          const p = ratio(num, den.value)!;
          a.push({
            rule: 'N.performance_share',
            severity: 'error',
            sheet: f.sheet,
            cell: f.cell,
            message: `情况说明${sectionName(s)}中${quote(f)}与文中写明的分母不符：${wan(num)}万元 ÷ ${shown(den)} = ${fmt2(p)}%`,
            expected: `${fmt2(p)}%`,
            actual: shown(f),
            related: [],
          });
        }
        continue;
      }
      // No denominator stated: 表十二 合计 (本年项目支出) is ours, 表三 项目支出 (incl. 上年结转) the other
      // reading. A share that fits neither is a warning.
      const nums = [x, ...(cur.sum ? [cur.sum.value] : [])];
      const dens = [t12.value, ...(t3p ? [t3p.value] : [])];
      const fits = nums.some((nu) => dens.some((de) => !de.isZero() && absAtMost(f.value.minus(nu.div(de).times(HUNDRED)), SHARE_TOL)));
      if (!fits && !t12.value.isZero()) {
        const p = ratio(x, t12.value)!;
        const q = t3p && !t3p.value.isZero() ? ratio(x, t3p.value) : undefined;
        a.push({
          rule: 'N.performance_share',
          sheet: f.sheet,
          cell: f.cell,
          message:
            `情况说明${sectionName(s)}中${quote(f)}的分母不明：绩效目标表合计${wan(x)}万元占表十二 本年项目支出${wan(t12.value)}万元的${fmt2(p)}%` +
            (q ? `，占表三 项目支出（含上年结转）${wan(t3p!.value)}万元的${fmt2(q)}%` : '') +
            '；请写明比例的分母并按表格计算',
          expected: `${fmt2(p)}%`,
          actual: shown(f),
          related: [...t12.figures.slice(0, 1), ...(t3p ? [t3p] : [])],
        });
      }
    }
  }
  // The split must add up to the totals it belongs to (the text's own arithmetic).
  for (const gr of groups) {
    if (gr.count && gr.other && gr.special) [gr.other, gr.special].forEach((f) => a.mark(s, f));
    if (gr.sum && gr.otherSum && gr.specialSum) [gr.otherSum, gr.specialSum].forEach((f) => a.mark(s, f));
    if (gr.count && gr.other && gr.special && !gr.other.value.plus(gr.special.value).eq(gr.count.value)) {
      const e = gr.other.value.plus(gr.special.value);
      a.push({
        rule: 'N.performance_count',
        sheet: gr.count.sheet,
        cell: gr.count.cell,
        message: `情况说明${sectionName(s)}中其他运转类${shown(gr.other)}与特定目标类${shown(gr.special)}之和为${plain(e)}个，与项目总数${shown(gr.count)}不符`,
        expected: `${plain(e)}个`,
        actual: shown(gr.count),
        related: [],
      });
    }
    if (gr.sum && gr.otherSum && gr.specialSum) {
      const e = gr.otherSum.value.plus(gr.specialSum.value);
      // Two stated amounts against the stated total: 舍位 of two addends, 0.01 万元.
      if (e.minus(gr.sum.value).abs().gt(roundingTolerance(2)))
        a.push({
          rule: 'N.performance_sum',
          sheet: gr.sum.sheet,
          cell: gr.sum.cell,
          message: `情况说明${sectionName(s)}中其他运转类金额${shown(gr.otherSum)}与特定目标类金额${shown(gr.specialSum)}之和为${wan(e)}万元，与项目总金额${shown(gr.sum)}不符`,
          expected: `${wan(e)}万元`,
          actual: shown(gr.sum),
          related: [],
        });
    }
  }
}

// Template residue: "减少（增加）", "下降(增长)", "增加/减少", 【…】, "XX".
const RESIDUE: RegExp[] = [
  /(增加|减少|增长|下降)[\s\u3000]*[（(][\s\u3000]*(增加|减少|增长|下降)[\s\u3000]*[)）]/g,
  /(增加|减少|增长|下降)[\s\u3000]*[/／][\s\u3000]*(增加|减少|增长|下降)/g,
  /【[^】]*】/g,
  /[XＸ×]{2,}/g,
];

function checkPlaceholders(a: Analysis, s: NarrativeSectionText): void {
  for (const line of s.lines) {
    for (const re of RESIDUE) {
      re.lastIndex = 0;
      for (let m = re.exec(line.text); m; m = re.exec(line.text)) {
        a.push({
          rule: 'N.placeholder',
          sheet: line.sheet,
          cell: line.cell,
          message: `情况说明${sectionName(s)}中留有模板文字“${m[0]}”，请改为实际情况`,
          actual: m[0],
          related: [],
        });
      }
    }
  }
}

export interface NarrativeAnalysis {
  issues: Issue[];
  checked: { section: string; figure: NarrativeFigure }[];
}

/** Every N.* issue of the workbook's narrative and the figures compared, computed once per recognised workbook. */
export const analyseNarrative = oncePer((rec: Recognised): NarrativeAnalysis => {
  const a = new Analysis(rec);
  if (rec.narrative) {
    // The sections the wording rules read too (split once per recognised workbook).
    for (const s of sectionsOf(rec)) {
      checkPlaceholders(a, s);
      if (s.id === '九') checkProcurement(a, s);
      else if (s.id === '十') checkPerformance(a, s);
      else if (s.id) checkSection(a, s);
    }
  }
  return { issues: a.issues, checked: a.checked };
});

/** The first RELATED_CAP cells of a related list (the message names the whole: "共43张"). */
export function capRefs(list: CellRef[], cap = RELATED_CAP): CellRef[] {
  const out: CellRef[] = [];
  let left = cap;
  for (const r of list) {
    if (left <= 0) break;
    const cells = r.cells.slice(0, left);
    left -= cells.length;
    out.push({ sheet: r.sheet, cells });
  }
  return out;
}

function ruleOf(id: NarrativeRuleId, severity: Severity, title: string, description: string): Rule {
  return {
    meta: { id, severity, title, description, table: 'N' },
    check(ctx: RuleContext) {
      for (const i of analyseNarrative(ctx.rec).issues) {
        if (i.rule !== id) continue;
        const rel = capRefs(refs(i.related).filter((r) => !(r.sheet === i.sheet && r.cells.length === 1 && r.cells[0] === i.cell)));
        ctx.report({
          ...(i.severity ? { severity: i.severity } : {}),
          sheet: i.sheet,
          cells: [i.cell],
          message: i.message,
          ...(i.expected !== undefined ? { expected: i.expected } : {}),
          ...(i.actual !== undefined ? { actual: i.actual } : {}),
          ...(rel.length ? { related: rel } : {}),
        });
      }
    },
  };
}

export const narrativeFigureRules: Rule[] = [
  ruleOf('N.figure', 'error', '情况说明数字与表格不符', '情况说明中写明的金额、占比、个数 = 它所指的表格数字（金额精确到0.01万元，占比精确到0.01%）'),
  ruleOf('N.growth', 'error', '情况说明增减率计算错误', '增减率 = 增减额 ÷ 上年金额 × 100%，按情况说明自己写的金额计算'),
  ruleOf('N.performance_count', 'error', '绩效目标个数不符', '纳入绩效目标管理的项目个数 = 表十二（本年）的项目个数；公开绩效目标的项目个数 = 公开的绩效目标表所含项目数（一个项目拆成两张表算一个）'),
  ruleOf('N.performance_sum', 'error', '绩效目标金额不符', '纳入绩效目标管理的项目金额 = 表十二合计；公开绩效目标的项目金额 = 绩效目标表年度资金总额合计 ÷ 10000（万元）'),
  ruleOf('N.performance_share', 'warning', '绩效目标占比的分母不明', '占项目支出总额的比例按表十二合计（本年项目支出）计算，并写明分母；写明了分母时，比例 = 金额 ÷ 该分母（不符为错误）'),
  ruleOf('N.placeholder', 'warning', '情况说明留有模板文字', '“减少（增加）”“下降(增长)”“【…】”等模板文字应改为实际情况'),
];

/**
 * Last year's published disclosure as input (issue 15, item 2): the 比上年 figures the two years' tables
 * determine — 收入总计 and 支出总计 (表一), 一般公共预算当年支出 (表五), the “三公”经费 and its items (表十),
 * 机关运行经费 (表十一) — and 表五's 类 of the two years matched by code, else by name (a 类 renamed or recoded
 * between the years is reported). Shared by the generator (which fills the 比上年 figures from it) and the rules
 * below (which check an existing narrative's 比上年 figures against it).
 */
import { Decimal, ZERO, sum, type Money } from '../../model/money';
import { CHANGE_REASON_THRESHOLD_PERCENT, SHARE_TOLERANCE, halfUnit } from '../../model/tolerance';
import type { Rule, RuleContext } from '../rule';
import type { Recognised } from '../../tables/recognised';
import { keyText } from '../../tables/text';
import type { Figure, T10Line } from '../../tables/types';
import { type NarrativeFigure, type NarrativeSectionText, type SectionId } from './figures';
import { round2, wan } from './numbers';
import { oncePer } from '../../model/memo';
import { sectionName, sectionsOf } from './wording/common';

export type LineId = 'income' | 'expense' | 'general' | T10Line | 'operation';

interface LineDef {
  id: LineId;
  /** What the line is called in messages. */
  label: string;
  section: SectionId;
  /** The table and line it is read from, for messages: "表一 收入总计". */
  source: string;
  /** The 补充信息 key of last year's amount (what the generator would otherwise ask for). */
  lastKey: string;
  /** The words a narrative names the line with, at the end of the clause before its amount. */
  subject: RegExp;
}

export const LINES: LineDef[] = [
  { id: 'income', label: '收入总计', section: '一', source: '表一 收入总计', lastKey: '上年收入总计', subject: /收入总计$/ },
  { id: 'expense', label: '支出总计', section: '一', source: '表一 支出总计', lastKey: '上年支出总计', subject: /支出总计$/ },
  { id: 'general', label: '一般公共预算当年支出', section: '五', source: '表五 合计', lastKey: '上年一般公共预算支出', subject: /(当年支出|一般公共预算支出)$/ },
  { id: 'total', label: '“三公”经费', section: '七', source: '表十 “三公”经费合计', lastKey: '上年“三公”经费', subject: /三公.?经费(预算)?(数)?$/ },
  { id: 'abroad', label: '因公出国（境）费', section: '七', source: '表十 因公出国（境）费', lastKey: '上年因公出国（境）费', subject: /出国\(境\)费$/ },
  { id: 'reception', label: '公务接待费', section: '七', source: '表十 公务接待费', lastKey: '上年公务接待费', subject: /公务接待费$/ },
  { id: 'vehicle', label: '公务用车购置及运行费', section: '七', source: '表十 公务用车购置及运行费', lastKey: '上年公务用车购置及运行费', subject: /购置及运行(维护)?费$/ },
  { id: 'vehicleOperation', label: '公务用车运行维护费', section: '七', source: '表十 公务用车运行维护费', lastKey: '上年公务用车运行维护费', subject: /^(?!.*购置及运行(?:维护)?费$).*运行(维护)?费$/s },
  { id: 'vehiclePurchase', label: '公务用车购置费', section: '七', source: '表十 公务用车购置费', lastKey: '上年公务用车购置费', subject: /^(?!.*及购置费$).*购置费$/s },
  { id: 'operation', label: '机关运行经费', section: '八', source: '表十一 机关运行经费合计', lastKey: '上年机关运行经费', subject: /机关运行经费/ },
];

/** A line's amount in one year's tables: its figure (when printed) and value; undefined when no table holds it. */
export interface LineValue {
  value: Money;
  figure?: Figure;
}

/** The amount of a line in a year's tables. A 表十 / 表十一 marked 本表无数据 (or without rows) is 0. */
export function lineValue(rec: Recognised, id: LineId): LineValue | undefined {
  const t = rec.tables;
  const of = (f: Figure | undefined): LineValue | undefined => (f ? { value: f.value, figure: f } : undefined);
  switch (id) {
    case 'income':
      return of(t.T1?.income.incomeTotal);
    case 'expense':
      return of(t.T1?.expTotal?.values.total);
    case 'general':
      return of(t.T5?.total?.values.total);
    case 'operation': {
      const t11 = t.T11;
      if (!t11) return undefined;
      const f = t11.deptTotal?.values.total;
      if (f) return of(f);
      return { value: sum(t11.units.map((u) => u.values.total?.value ?? ZERO)) };
    }
    default: {
      const t10 = t.T10;
      if (!t10) return undefined;
      const f = t10.lines[id]?.values.total;
      if (f) return of(f);
      return t10.noDataNote || !Object.keys(t10.lines).length ? { value: ZERO } : undefined;
    }
  }
}

export interface YearLine extends LineDef {
  current: LineValue;
  last: LineValue;
  /** current − last, each rounded to 0.01 万元 as printed. */
  change: Money;
  /** |change| ÷ last × 100, exact (Decimal); undefined when last year's amount is 0. */
  rate?: Money;
}

/** A 类 of 表五 in both years: matched by code, else by name (then `recoded`); `renamed` when the names differ. */
export interface ClassPair {
  code: string;
  name: string;
  lastCode: string;
  lastName: string;
  current: Figure;
  last: Money;
  match: 'same' | 'renamed' | 'recoded';
}

/**
 * A 类 of this year's 表五 with its 比上年 figures (issue 15 follow-up): matched to last year's 类 (`pair`), or
 * new this year (last year's 表五 has no such 类: last year 0, no rate).
 */
export interface ClassLine {
  code: string;
  name: string;
  /** What the line is called in messages: the 类's name. */
  label: string;
  /** "表五 208 社会保障和就业支出" (last year's name when it differs). */
  source: string;
  current: LineValue;
  last: LineValue;
  change: Money;
  rate?: Money;
  pair?: ClassPair;
  /** matched: in both years' 表五; new: not in last year's (last year 0); dropped: only in last year's (this year 0, no cell). */
  status: 'matched' | 'new' | 'dropped';
}

/** What a comparison of one line needs, for a table line (YearLine) and a 表五 类 (ClassLine) alike. */
export type Compared = Pick<YearLine, 'label' | 'source' | 'current' | 'last' | 'change' | 'rate'>;

export interface YearOverYear {
  file: string;
  lines: YearLine[];
  classes: ClassPair[];
  /** Every 类 of this year's 表五 with its 比上年 figures (empty when last year's 表五 has no 类). */
  classLines: ClassLine[];
  /** One Chinese sentence per 类 renamed or recoded between the years, and on a year that is not last year. */
  notes: string[];
}

/** The growth of one line, as the template states it: both amounts rounded to 0.01 万元 first. */
function yearLine(def: LineDef, current: LineValue, last: LineValue): YearLine {
  const change = round2(current.value).minus(round2(last.value));
  const l = round2(last.value);
  return { ...def, current, last, change, rate: l.isZero() ? undefined : change.abs().div(l).times(100) };
}

function t5Level1(rec: Recognised) {
  return (rec.tables.T5?.rows ?? []).filter((r) => r.level === 1 && r.values.total);
}

/** Every line the two years' tables determine, and 表五's 类 matched across the years. */
export function yearOverYear(rec: Recognised, previous: Recognised, file = '上年公开文件'): YearOverYear {
  const lines: YearLine[] = [];
  for (const def of LINES) {
    const c = lineValue(rec, def.id);
    const l = lineValue(previous, def.id);
    if (c && l) lines.push(yearLine(def, c, l));
  }
  const notes: string[] = [];
  if (rec.year && previous.year && previous.year !== rec.year - 1)
    notes.push(`上年公开文件 ${file} 的预算年度为${previous.year}年，不是${rec.year - 1}年，比上年数字可能不对`);
  const classes: ClassPair[] = [];
  const classLines: ClassLine[] = [];
  const lastRows = t5Level1(previous);
  const used = new Set<number>();
  const classLine = (code: string, name: string, current: Figure | undefined, last: Money, pair?: ClassPair): ClassLine => {
    const g = yearLine(LINES[2], current ? { value: current.value, figure: current } : { value: ZERO }, { value: last });
    const lastName =
      pair && keyText(pair.lastName) !== keyText(name) ? `（上年为“${pair.lastName}”）` : pair && pair.lastCode !== code ? `（上年编码为 ${pair.lastCode}）` : '';
    const status = pair ? 'matched' : current ? 'new' : 'dropped';
    return { code, name, label: name, source: `表五 ${code} ${name}${lastName}`, current: g.current, last: g.last, change: g.change, rate: g.rate, pair, status };
  };
  for (const r of t5Level1(rec)) {
    let i = lastRows.findIndex((x, j) => !used.has(j) && x.code === r.code && !!r.code);
    let match: ClassPair['match'] = 'same';
    if (i >= 0 && keyText(lastRows[i].name) !== keyText(r.name)) match = 'renamed';
    if (i < 0) {
      i = lastRows.findIndex((x, j) => !used.has(j) && keyText(x.name) === keyText(r.name));
      if (i >= 0) match = 'recoded';
    }
    if (i < 0) {
      // A 类 last year's 表五 does not list: last year 0 (only when last year's 表五 lists 类 at all).
      if (lastRows.length) classLines.push(classLine(r.code, r.name.trim(), r.values.total!, ZERO));
      continue;
    }
    used.add(i);
    const x = lastRows[i];
    const pair: ClassPair = { code: r.code, name: r.name.trim(), lastCode: x.code, lastName: x.name.trim(), current: r.values.total!, last: x.values.total!.value, match };
    classes.push(pair);
    classLines.push(classLine(r.code, pair.name, pair.current, pair.last, pair));
    if (match === 'renamed') notes.push(`表五 ${r.code} 类本年名称为“${r.name.trim()}”，上年为“${x.name.trim()}”：按编码对应比较`);
    if (match === 'recoded') notes.push(`表五“${r.name.trim()}”本年编码为 ${r.code}，上年为 ${x.code}：按名称对应比较`);
  }
  // A 类 only last year's 表五 lists (with an amount): this year 0.
  lastRows.forEach((x, j) => {
    if (!used.has(j) && !x.values.total!.value.isZero()) classLines.push(classLine(x.code, x.name.trim(), undefined, x.values.total!.value));
  });
  return { file, lines, classes, classLines, notes };
}

/** The year-over-year comparison of a recognised workbook given last year's (rec.previous), cached per workbook. */
const yearOverYearOf = oncePer((rec: Recognised): YearOverYear => yearOverYear(rec, rec.previous!.recognised, rec.previous!.file));
export function previousOf(rec: Recognised): YearOverYear | undefined {
  return rec.previous ? yearOverYearOf(rec) : undefined;
}

/** 上年… 补充信息 values the previous tables determine (万元, as the supplement holds them). */
export function previousAmounts(y: YearOverYear): Record<string, Money> {
  const out: Record<string, Money> = {};
  for (const l of y.lines) out[l.lastKey] = round2(l.last.value);
  return out;
}

/** The threshold (percent) a change needs to require a reason: the option given with the previous file, else the default. */
export function changeThreshold(rec: Recognised): Decimal {
  const t = rec.previous?.changeThreshold;
  return t !== undefined && Number.isFinite(t) && t >= 0 ? new Decimal(t) : CHANGE_REASON_THRESHOLD_PERCENT;
}

// ---------------------------------------------------------------------------------------------------------------
// The rules: an existing narrative's 比上年 figures against last year's tables.

const CHANGE = /(增加|减少|增长|下降)(\((增加|减少|增长|下降)\))?$/;
const RATE = /(增长|下降|增加|减少)(\((增长|下降|增加|减少)\))?$/;
const LAST_YEAR = /^比(上年|\d{4}年)(度)?(预算)?(数)?$|^上年(预算)?(数)?为?$/;
const SAME = /与(上年|\d{4}年)(相比)?(预算数?)?(相同|持平)|(上年|\d{4}年)(预算数?)?(相同|持平)/;
const REASON = /原因|由于|因为|主要是|用于|系/;

/** The clause after a figure up to the end of its sentence (。 or ；). */
function sentenceAfter(s: NarrativeSectionText, f: NarrativeFigure): string {
  const after = s.text.slice(f.offset);
  const stop = after.search(/[；;。]/);
  return stop < 0 ? after : after.slice(0, stop);
}

interface Mention {
  line: Compared;
  /** The table line (YearLine) or the 表五 类 (ClassLine) mentioned. */
  key: YearLine | ClassLine;
  section: NarrativeSectionText;
  subject: NarrativeFigure;
  change?: { fig: NarrativeFigure; sign: 1 | -1 };
  rate?: { fig: NarrativeFigure; sign: 1 | -1 };
  last?: NarrativeFigure;
  /** The sentence from the subject on. */
  sentence: string;
}

/** The 类 whose name ends (or, with `inside`, occurs in) a figure's clause: the longest name wins. */
function classIn(classes: ClassLine[], segment: string, inside = false): ClassLine | undefined {
  const k = keyText(segment);
  let best: ClassLine | undefined;
  for (const c of classes) {
    const n = keyText(c.name);
    if (n && (inside ? k.includes(n) : k.endsWith(n)) && (!best || n.length > keyText(best.name).length)) best = c;
  }
  return best;
}

/** Where the narrative states each line: its amount, then (before the next line) the change, rate and last year's amount. */
function mentions(rec: Recognised, y: YearOverYear): Mention[] {
  const out: Mention[] = [];
  for (const s of sectionsOf(rec)) {
    const lines = y.lines.filter((l) => l.section === s.id);
    const classes = s.id === '五' ? y.classLines : [];
    if (!lines.length && !classes.length) continue;
    let cur: Mention | undefined;
    /** Where the current mention's sentence ends: a 类's change must stand in the 类's own sentence. */
    let end = Infinity;
    const seen = new Set<LineId>();
    for (const f of s.figures) {
      if (f.inReason) continue;
      if (f.unit === '万元') {
        const line = lines.find((l) => l.subject.test(f.segment) && !CHANGE.test(f.segment) && !LAST_YEAR.test(f.segment));
        if (line && !seen.has(line.id)) {
          seen.add(line.id);
          cur = { line, key: line, section: s, subject: f, sentence: sentenceAfter(s, f) };
          end = Infinity;
          out.push(cur);
          continue;
        }
        // "社会保障和就业支出7,232.16万元，比上年增加…" (the 类's amount, then its change) and
        // "社会保障和就业支出比上年增加1,446.43万元" (the change named by the 类).
        const cls = classes.length ? classIn(classes, f.segment) : undefined;
        const named = !cls && CHANGE.test(f.segment) && classes.length ? classIn(classes, f.segment, true) : undefined;
        if (cls || named) {
          const c = (cls ?? named)!;
          cur = { line: c, key: c, section: s, subject: f, sentence: sentenceAfter(s, f) };
          if (named) cur.change = { fig: f, sign: /增加|增长/.test(CHANGE.exec(f.segment)![1]) ? 1 : -1 };
          end = f.offset + cur.sentence.length;
          out.push(cur);
          continue;
        }
        if (!cur || f.offset > end) continue;
        if (LAST_YEAR.test(f.segment)) cur.last = f;
        else if (CHANGE.test(f.segment) && !cur.change && (/比|上年|较/.test(f.segment) || cur.last || /^(增加|减少)/.test(f.segment)))
          cur.change = { fig: f, sign: /增加|增长/.test(CHANGE.exec(f.segment)![1]) ? 1 : -1 };
      } else if (f.unit === '%' && cur?.change && !cur.rate && f.offset <= end && RATE.test(f.segment)) {
        cur.rate = { fig: f, sign: /增长|增加/.test(RATE.exec(f.segment)![1]) ? 1 : -1 };
      }
    }
  }
  return out;
}

function lastText(y: YearOverYear, l: Compared): string {
  return `上年公开文件（${y.file}）${l.source}${wan(round2(l.last.value))}万元`;
}

function relatedOf(l: Compared) {
  return l.current.figure ? [{ sheet: l.current.figure.sheet, cells: [l.current.figure.cell] }] : [];
}

function checkPrevious(ctx: RuleContext): void {
  const y = previousOf(ctx.rec);
  if (!y) return;
  for (const m of mentions(ctx.rec, y)) {
    const l = m.line;
    const word = l.change.isNegative() ? '减少' : '增加';
    const expected = `${word}${wan(l.change.abs())}万元`;
    const where = `情况说明${sectionName(m.section)}中${l.label}`;
    if (m.last) {
      const tol = m.last.decimals < 2 ? halfUnit(m.last.decimals) : ZERO;
      if (m.last.value.minus(round2(l.last.value)).abs().gt(tol))
        ctx.report({
          sheet: m.last.sheet,
          cells: [m.last.cell],
          message: `${where}的上年金额“${m.last.text}万元”与${lastText(y, l)}不符`,
          expected: `${wan(round2(l.last.value))}万元`,
          actual: `${m.last.text}万元`,
          related: relatedOf(l),
        });
    }
    if (m.change) {
      const f = m.change.fig;
      const tol = f.decimals < 2 ? halfUnit(f.decimals) : ZERO;
      const stated = f.value.times(m.change.sign);
      const wrongSign = !l.change.isZero() && !f.value.isZero() && m.change.sign !== (l.change.isNegative() ? -1 : 1);
      if (wrongSign || stated.minus(l.change).abs().gt(tol))
        ctx.report({
          sheet: f.sheet,
          cells: [f.cell],
          message: `${where}“${f.segment}${f.text}万元”与上年公开的表格不符：本年${wan(round2(l.current.value))}万元，${lastText(y, l)}，应为${l.change.isZero() ? '与上年相同' : expected}`,
          expected: l.change.isZero() ? '与上年相同' : expected,
          actual: `${f.segment}${f.text}万元`,
          related: relatedOf(l),
        });
    } else if (SAME.test(m.sentence) && !l.change.isZero()) {
      ctx.report({
        sheet: m.subject.sheet,
        cells: [m.subject.cell],
        message: `${where}写“与上年相同”，但${lastText(y, l)}，本年${wan(round2(l.current.value))}万元，应为比上年${expected}`,
        expected,
        actual: '与上年相同',
        related: relatedOf(l),
      });
    }
    if (m.rate && l.rate) {
      const f = m.rate.fig;
      const tol = Decimal.max(halfUnit(f.decimals), SHARE_TOLERANCE);
      const rateWord = l.change.isNegative() ? '下降' : '增长';
      const exact = l.rate;
      if (f.value.minus(exact).abs().gt(tol) || (!l.change.isZero() && m.rate.sign !== (l.change.isNegative() ? -1 : 1)))
        ctx.report({
          sheet: f.sheet,
          cells: [f.cell],
          message: `${where}的增减率“${f.segment}${f.text}%”与上年公开的表格不符：${expected.slice(0, 2)}${wan(l.change.abs())}万元 ÷ ${lastText(y, l)} = ${exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`,
          expected: `${rateWord}${exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`,
          actual: `${f.segment}${f.text}%`,
          related: relatedOf(l),
        });
    }
  }
}

/** Whether a line changed by at least the threshold (from a zero base: any increase). */
export function needsReason(l: Pick<YearLine, 'change' | 'rate'>, threshold: Decimal): boolean {
  if (l.change.isZero()) return false;
  return l.rate === undefined ? true : l.rate.gte(threshold);
}

/** The structure list's own words (五 (二) "主要用于以下方面：") are not a reason for a 类's change. */
const LIST_INTRO = /主要用于以下方面[：:]?/g;

/** Whether some sentence of the narrative that names the 类 gives a reason (one outside 五 as well: 一's reason may name it). */
function classExplained(rec: Recognised, c: ClassLine): boolean {
  const name = keyText(c.name);
  for (const s of sectionsOf(rec))
    for (const sentence of s.text.split(/[。；;]/)) {
      const k = keyText(sentence);
      if (k.includes(name) && REASON.test(sentence.replace(LIST_INTRO, ''))) return true;
    }
  return false;
}

function rateText(l: Compared): string {
  return l.rate ? `${l.change.isNegative() ? '下降' : '增长'}${l.rate.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%` : '上年为0';
}

const SECTION_OF_LINE = (l: YearLine | ClassLine): SectionId => ('section' in l ? l.section : '五');

const VEHICLE: LineId[] = ['vehicle', 'vehicleOperation', 'vehiclePurchase'];

function checkChangeReason(ctx: RuleContext): void {
  const y = previousOf(ctx.rec);
  if (!y) return;
  const sections = sectionsOf(ctx.rec);
  // No narrative in the workbook: nothing to explain anything in (the generator asks for the reasons).
  if (!sections.length) return;
  const threshold = changeThreshold(ctx.rec);
  const all = mentions(ctx.rec, y);
  const changeText = (l: Compared) =>
    `比上年${l.change.isNegative() ? '减少' : '增加'}${wan(l.change.abs())}万元（本年${wan(round2(l.current.value))}万元，${lastText(y, l)}，${rateText(l)}，变动达到${threshold.toFixed()}%）`;
  for (const key of [...y.lines, ...y.classLines]) {
    if (!needsReason(key, threshold)) continue;
    const ms = all.filter((m) => m.key === key);
    const isClass = !('section' in key);
    if (ms.some((m) => REASON.test(m.sentence)) || (isClass && classExplained(ctx.rec, key as ClassLine))) continue;
    const id = SECTION_OF_LINE(key);
    if (!ms.length) {
      // 公务用车购置及运行费 and its two parts: a text that states one of them speaks of the 公务用车 line.
      if ('id' in key && VEHICLE.includes(key.id) && all.some((m) => 'id' in m.key && VEHICLE.includes(m.key.id))) continue;
      // Not mentioned at all: located at the section's heading (else the narrative's first line).
      const s = sections.find((x) => x.id === id);
      const at = s?.headingAt ?? sections.find((x) => x.lines.length)?.lines[0];
      ctx.report({
        sheet: at?.sheet ?? '',
        cells: at?.cell ? [at.cell] : [],
        message: `情况说明${s ? sectionName(s) : `第${id}部分`}没有提到${key.label}的变动：${changeText(key)}，请写明增减及“主要原因是……”`,
        related: relatedOf(key),
      });
      continue;
    }
    const m = ms[0];
    // A stated change without a reason in 一、七、八 is N.reason_missing's (same sentence, same advice).
    if (m.change && !m.change.fig.value.isZero() && ['一', '七', '八'].includes(m.section.id ?? '')) continue;
    ctx.report({
      sheet: m.subject.sheet,
      cells: [m.subject.cell],
      message: `情况说明${sectionName(m.section)}中${key.label}${changeText(key)}，但没有说明原因，请在同一句写明“主要原因是……”`,
      actual: `${key.label}${m.subject.text}万元`,
      related: relatedOf(key),
    });
  }
}

function checkClasses(ctx: RuleContext): void {
  const y = previousOf(ctx.rec);
  if (!y) return;
  for (const c of y.classes) {
    if (c.match === 'same') continue;
    ctx.report({
      sheet: c.current.sheet,
      cells: [c.current.cell],
      message:
        c.match === 'renamed'
          ? `表五 ${c.code} 类本年名称为“${c.name}”，上年公开文件（${y.file}）为“${c.lastName}”：已按编码对应比较，请确认名称`
          : `表五“${c.name}”本年编码为 ${c.code}，上年公开文件（${y.file}）为 ${c.lastCode}：已按名称对应比较，请确认编码`,
    });
  }
  for (const n of y.notes.filter((x) => x.startsWith('上年公开文件'))) ctx.report({ sheet: '', cells: [], message: n });
}

export const previousRules: Rule[] = [
  {
    meta: {
      id: 'N.previous',
      severity: 'error',
      table: 'N',
      title: '比上年数字与上年公开表不符',
      description: '给出上年公开文件时：收支总计、一般公共预算支出及表五各类、“三公”经费各项、机关运行经费的比上年增减额 = 本年金额 − 上年表格金额（各自按0.01万元），增减率 = 增减额 ÷ 上年金额 × 100%（精确到0.01%）',
    },
    check: checkPrevious,
  },
  {
    meta: {
      id: 'N.change_reason',
      severity: 'warning',
      table: 'N',
      title: '变动较大未说明原因',
      description: '给出上年公开文件时：收支总计、一般公共预算支出、表五各类、“三公”经费各项、机关运行经费比上年变动达到10%（可设置）的，情况说明应提到并写明原因（没有提到，或提到而没有原因，都提示）',
    },
    check: checkChangeReason,
  },
  {
    meta: {
      id: 'N.previous_class',
      severity: 'info',
      table: 'N',
      title: '支出功能分类与上年不一致',
      description: '给出上年公开文件时：表五的类在两年间改了名称（按编码对应）或改了编码（按名称对应）',
    },
    check: checkClasses,
  },
];

/**
 * Writes the 第三部分 情况说明 from the recognised tables and the 补充信息 sheet, section by section as
 * narrative.md lays it out. Every figure comes from a table or from the supplement; anything neither knows is
 * a visible 【请填写：…】 placeholder, never a guess.
 */
import { ZERO, sum, type Money } from '../model/money';
import { SECTION_IDS, type SectionId } from '../rules/narrative/figures';
import type { Recognised } from '../tables/recognised';
import type { Figure } from '../tables/types';
import { growth, t12Projects, t12Total, t6Items, unitNames, val } from '../rules/narrative/data';
import { publishedProjects } from '../rules/narrative/check';
import { pct, placeholder, rate, round2, wan } from '../rules/narrative/numbers';
import {
  emptySupplement,
  projectTableRow,
  projectType,
  supAmount,
  supplementCell,
  supplementKey,
  supText,
  SUPPLEMENT_FIELDS,
  SUPPLEMENT_SHEET,
  type Supplement,
} from './supplement';
import { changeThreshold, needsReason, previousAmounts, previousOf } from '../rules/narrative/previous';
import { mapPacked } from '../model/arrays';

export { SECTION_IDS, type SectionId };

export interface NarrativeSection {
  id: SectionId;
  /** Heading without its number: "收入预算情况说明". */
  title: string;
  /** Paragraphs; sub-headings ("（一）…", "1、…") are paragraphs of their own. */
  paragraphs: string[];
}

export interface GeneratedNarrative {
  /** "第三部分 2025年度部门预算情况说明". */
  title: string;
  sections: NarrativeSection[];
  markdown: string;
  /** What is still missing or inconsistent in the inputs (one line each), for the clerk. */
  notes: string[];
  /**
   * Every placeholder of the text, once, in the order it first appears: the short words inside 【请填写：…】, where
   * to enter the value (a cell of the 补充信息 sheet, or the table to add) and what to write. The documents list it
   * at the end (待填写事项), so the sentences carry only the short placeholder.
   */
  fill: FillItem[];
}

export interface FillItem {
  /** The words inside the placeholder: "上年收入总计". */
  label: string;
  /** Where the value goes: "补充信息表 B6", or which table is missing. */
  where: string;
  /** What to write (unit, source). */
  hint: string;
}

/** A paragraph that is a sub-heading of its section ("（一）…", "1、整体绩效目标"). */
export function isSubheading(p: string): boolean {
  return p.length <= 30 && /^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+、)/.test(p) && !/万元|%/.test(p);
}

class Writer {
  readonly notes: string[] = [];
  readonly fill = new Map<string, FillItem>();
  constructor(
    readonly rec: Recognised,
    readonly sup: Supplement | undefined,
  ) {}

  /** A short placeholder, its instruction listed once at the end (待填写事项). */
  ask(label: string, where: string, hint = ''): string {
    const l = label.trim();
    if (!this.fill.has(l)) this.fill.set(l, { label: l, where, hint });
    return placeholder(l);
  }

  /** A placeholder for a figure of a table the workbook lacks. */
  missing(what: string, hint = '工作簿中未读到，补上该表后重新生成，或在文中直接填写'): string {
    return this.ask(what, `表格：${what.split(/\s/)[0]}`, hint);
  }

  /** A table figure in 万元, or a placeholder naming the table when it is missing. */
  amount(f: Figure | undefined, what: string): string {
    if (!f) {
      this.notes.push(`缺少${what}`);
      return this.missing(what);
    }
    return wan(f.value);
  }

  /** An amount computed from the tables, or a placeholder naming what is missing. */
  money(v: Money | undefined, what: string): string {
    if (v === undefined) {
      this.notes.push(`缺少${what}`);
      return this.missing(what);
    }
    return wan(v);
  }

  /** Where a supplement key is entered: its cell in the workbook's 补充信息 sheet, else the row --supplement writes. */
  where(key: string): string {
    return `${this.sup?.sheet ?? SUPPLEMENT_SHEET}表 ${this.sup?.cells[supplementKey(key)] ?? supplementCell(key)}`;
  }

  /** A supplement value; a short placeholder naming the key when empty. */
  text(key: string, hint?: string): string {
    const t = supText(this.sup, key);
    if (t !== undefined) return t;
    this.notes.push(`补充信息未填：${key}`);
    return this.ask(key, this.where(key), hint ?? SUPPLEMENT_FIELDS.find((f) => f.key === key)?.hint ?? '');
  }

  supAmount(key: string): Money | undefined {
    const v = supAmount(this.sup, key);
    if (v === undefined && supText(this.sup, key) !== undefined) this.notes.push(`补充信息“${key}”不是金额：${supText(this.sup, key)}`);
    return v;
  }
}

/**
 * "，比上年增加D万元，增长E%，主要原因是R" / "，与上年预算数相同" / placeholder when last year is unknown.
 * `withRate` adds the growth rate; `reasonKey` the reason (a placeholder when it changed and none is given).
 */
function changeClause(
  w: Writer,
  current: Money | undefined,
  lastKey: string,
  opts: { withRate: boolean; reasonKey?: string; reasonWord?: string; reasonOptional?: boolean },
): string {
  const last = w.supAmount(lastKey);
  if (current === undefined) return '';
  if (last === undefined) {
    w.notes.push(`补充信息未填：${lastKey}`);
    const hint = `万元，用于计算比上年增减${opts.withRate ? '额和增减率' : '额'}；或给出上年公开文件（--previous / 选择上年公开文件）自动计算`;
    return `，比上年${w.ask(lastKey, w.where(lastKey), hint)}`;
  }
  const g = growth(current, last);
  if (g.change.isZero()) return '，与上年预算数相同';
  const up = g.change.isPositive();
  let s = `，比上年${up ? '增加' : '减少'}${wan(g.change.abs())}万元`;
  if (opts.withRate) s += g.rate ? `，${up ? '增长' : '下降'}${rate(g.rate)}` : '';
  if (opts.reasonKey) {
    const reason = supText(w.sup, opts.reasonKey);
    // "主要原因是：一是…，二是…" as the seeds write an enumerated reason.
    if (reason) s += `，${opts.reasonWord ?? '主要原因是'}${/^([一二三四五六七八九十]是|\d+[、.．])/.test(reason.trim()) ? '：' : ''}${stripEnd(reason)}`;
    // An optional reason is asked for all the same when last year's tables show a change the check wants explained.
    else if (!opts.reasonOptional || (w.rec.previous && needsReason({ change: g.change, rate: g.rate }, changeThreshold(w.rec))))
      s += `，${opts.reasonWord ?? '主要原因是'}${w.text(opts.reasonKey)}`;
  }
  return s;
}

/**
 * 五 (一)'s 类 with last year's 表五 (issue 15 follow-up): "其中：社会保障和就业支出X万元，比上年增加D万元，增长E%，
 * 主要原因是…；…。" for every 类 of this year's 表五 with an amount in either year; a 类 last year's 表五 does not
 * list is "上年无此类支出"; one only last year's lists is "{类}0万元，比上年减少L万元，下降100.00%". A change that reaches the threshold asks for its reason (补充信息 key "{类}变动原因").
 */
function classChanges(w: Writer): string {
  const y = previousOf(w.rec);
  const classes = (y?.classLines ?? []).filter((c) => !c.current.value.isZero() || !c.last.value.isZero());
  if (!classes.length) return '';
  const threshold = changeThreshold(w.rec);
  const parts = classes.map((c) => {
    let s = `${c.name}${wan(c.current.value)}万元`;
    if (c.status === 'new') s += '，上年无此类支出';
    else if (c.change.isZero()) s += '，与上年预算数相同';
    else {
      const up = c.change.isPositive();
      s += `，比上年${up ? '增加' : '减少'}${wan(c.change.abs())}万元`;
      if (c.rate) s += `，${up ? '增长' : '下降'}${rate(c.rate)}`;
    }
    if (needsReason(c, threshold)) {
      const key = `${c.name}变动原因`;
      const reason = supText(w.sup, key);
      s += `，主要原因是${reason ? stripEnd(reason) : w.ask(key, `${w.sup?.sheet ?? SUPPLEMENT_SHEET}表 项目类型表之前插入一行（第一列填“${key}”，第二列填原因）`, '可在文中直接填写')}`;
    }
    return s;
  });
  return `其中：${parts.join('；')}。`;
}

function stripEnd(s: string): string {
  return s.trim().replace(/[。；;，,]+$/, '');
}

/**
 * The supplement with last year's amounts the previous disclosure's tables determine (rec.previous): the
 * tables win over a typed value that differs (a note says so); what no table holds stays as typed.
 */
export function withPrevious(rec: Recognised, supplement: Supplement | undefined): { supplement: Supplement | undefined; notes: string[] } {
  const y = previousOf(rec);
  if (!y) return { supplement, notes: [] };
  const s: Supplement = supplement ? { ...supplement, values: { ...supplement.values } } : emptySupplement();
  const notes = [...y.notes];
  for (const [key, v] of Object.entries(previousAmounts(y))) {
    const typed = supAmount(s, key);
    if (typed !== undefined && !round2(typed).eq(v)) notes.push(`补充信息“${key}”填的是${wan(typed)}万元，上年公开文件（${y.file}）的表格为${wan(v)}万元：按表格计算`);
    s.values[supplementKey(key)] = v.toFixed(2);
  }
  return { supplement: s, notes };
}

export function generateNarrative(rec: Recognised, given?: Supplement): GeneratedNarrative {
  const { supplement, notes: previousNotes } = withPrevious(rec, given);
  const w = new Writer(rec, supplement);
  w.notes.push(...previousNotes);
  const t = rec.tables;
  const nameKnown = supText(supplement, '单位名称') ?? rec.department;
  const yearText = supText(supplement, '预算年度')?.replace(/年$/, '') ?? (rec.year ? String(rec.year) : undefined);
  const unitCount = supAmount(supplement, '预算单位个数')?.toNumber() ?? unitNames(rec).length;
  const multi = unitCount > 1;
  const kind = multi ? '部门' : '单位';
  // Each placeholder once: an unknown year is asked for in the title, then the text says 本年度 / 本年; an unknown
  // name is asked for once, then the text says 本单位 / 本部门.
  let yearAsked = false;
  let nameAsked = false;
  const Y = (): string => yearText ?? (yearAsked ? '本' : ((yearAsked = true), w.text('预算年度')));
  const N = (): string => nameKnown ?? (nameAsked ? `本${kind}` : ((nameAsked = true), w.text('单位名称')));
  const title = `第三部分 ${Y()}年度${kind}预算情况说明`;
  const sections: NarrativeSection[] = [];
  const add = (id: SectionId, title: string, paragraphs: string[]) => sections.push({ id, title, paragraphs });

  // 一 收支数据变动
  {
    const inc = t.T1?.income;
    const exp = t.T1?.expTotal?.values;
    const incomeTotal = inc?.incomeTotal;
    const expTotal = exp?.total;
    const p =
      `${Y()}年度${N()}预算收入总计${w.amount(incomeTotal, '表一 收入总计')}万元，其中：本年收入${w.amount(inc?.incomeSum, '表一 本年收入合计')}万元，` +
      `上年结转${w.amount(inc?.carryover, '表一 上年结转')}万元` +
      changeClause(w, incomeTotal?.value, '上年收入总计', { withRate: true, reasonKey: '收入变动原因' }) +
      `；本年${kind}预算支出总计${w.amount(expTotal, '表一 支出总计')}万元，其中：本年预算安排${w.amount(exp?.current, '表一 支出总计 当年预算安排')}万元，` +
      `上年结转${w.amount(exp?.carryover, '表一 支出总计 上年结转安排')}万元` +
      changeClause(w, expTotal?.value, '上年支出总计', { withRate: true, reasonKey: '支出变动原因' }) +
      '。';
    add('一', `${kind}预算收支数据变动情况及原因`, [p]);
  }

  // 二 收入预算
  {
    const inc = t.T1?.income;
    const whole = inc?.incomeTotal?.value;
    const line = (label: string, f: Figure | undefined, what: string) =>
      `${label}${w.amount(f, what)}万元，占${f && whole ? pct(f.value, whole) : w.missing(`${what}占比`)}`;
    const p =
      `${Y()}年度${N()}预算收入${w.amount(inc?.incomeTotal, '表一 收入总计')}万元，主要包括` +
      [
        line('一般公共预算拨款收入', inc?.general, '表一 一般公共预算拨款收入'),
        line('政府性基金预算拨款收入', inc?.govFund, '表一 政府性基金预算拨款收入'),
        line('国有资本经营预算拨款收入', inc?.stateCapital, '表一 国有资本经营预算拨款收入'),
        line('财政专户管理资金收入', inc?.specialAccount, '表一 财政专户管理资金收入'),
        line('单位资金', inc?.unitFunds, '表一 单位资金'),
        line('上年结转', inc?.carryover, '表一 上年结转'),
      ].join('；') +
      '。';
    add('二', '收入预算情况说明', [p]);
  }

  // 三 支出预算
  {
    const tot = t.T3?.total?.values;
    const whole = tot?.total?.value;
    const share = (f: Figure | undefined, what: string) => (f && whole ? pct(f.value, whole) : w.missing(`${what}占比`));
    const p =
      `${Y()}年度${N()}支出预算${w.amount(tot?.total, '表三 合计')}万元，其中：基本支出${w.amount(tot?.basic, '表三 基本支出合计')}万元，` +
      `占${share(tot?.basic, '基本支出')}；项目支出${w.amount(tot?.project, '表三 项目支出合计')}万元，占${share(tot?.project, '项目支出')}。`;
    add('三', '支出预算情况说明', [p]);
  }

  // 四 财政拨款收支总体
  {
    const t4 = t.T4;
    const et = t4?.expTotal?.values;
    const classes = (t4?.classes ?? []).filter((c) => c.values.subtotal && !c.values.subtotal.value.isZero());
    const list = t4
      ? classes.length
        ? classes.map((c) => `${c.name}${wan(c.values.subtotal!.value)}万元`).join('、') + '等'
        : '无'
      : w.missing('表四 各类支出');
    const p =
      `${Y()}年度${N()}财政拨款收支总预算${w.amount(et?.subtotal ?? t4?.income.incomeTotal, '表四 支出总计')}万元。` +
      `其中：一般公共预算拨款${w.amount(et?.general, '表四 支出总计 一般公共预算')}万元，` +
      `政府性基金预算拨款${w.amount(et?.govFund, '表四 支出总计 政府性基金预算')}万元，` +
      `国有资本经营预算拨款${w.amount(et?.stateCapital, '表四 支出总计 国有资本经营预算')}万元。` +
      `其中：当年拨款收入${w.amount(t4?.income.incomeSum, '表四 本年收入合计')}万元，上年结转收入${w.amount(t4?.income.carryover, '表四 上年财政拨款结转')}万元。` +
      `支出包括：${list}。`;
    add('四', '财政拨款收支预算总体情况说明', [p]);
  }

  // 五 一般公共预算支出
  {
    const t5 = t.T5;
    const total = t5?.total?.values.total;
    const p1 =
      `${Y()}年度${N()}一般公共预算当年支出${w.amount(total, '表五 合计')}万元` +
      changeClause(w, total?.value, '上年一般公共预算支出', { withRate: true, reasonKey: '一般公共预算支出变动原因', reasonOptional: true }) +
      '。' +
      classChanges(w);
    const classes = (t5?.rows ?? []).filter((r) => r.level === 1 && r.values.total && !r.values.total.value.isZero());
    const list = t5
      ? classes.length
        ? classes.map((r) => `${r.name}${wan(r.values.total!.value)}万元，占${total ? pct(r.values.total!.value, total.value) : w.missing('表五 合计')}`).join('；') + '等'
        : '无'
      : w.missing('表五 各类支出');
    const p2 = `${Y()}年度${N()}一般公共预算当年支出${w.amount(total, '表五 合计')}万元，主要用于以下方面：${list}。`;
    add('五', '一般公共预算支出情况说明', ['（一）一般公共预算当年支出规模变化情况', p1, '（二）一般公共预算当年支出结构情况', p2]);
  }

  // 六 基本支出
  {
    const t6 = t.T6;
    const tv = t6?.total?.values;
    const items = (col: 'personnel' | 'public') => {
      if (!t6) return w.missing('表六 经济科目');
      const names = t6Items(rec, col);
      return names.length ? `，主要包括：${names.join('、')}等` : '';
    };
    const p =
      `${Y()}年度${N()}一般公共预算安排基本支出${w.amount(tv?.total ?? t.T5?.total?.values.basic, '表六 合计')}万元，其中：` +
      `人员经费${w.amount(tv?.personnel, '表六 人员经费合计')}万元${items('personnel')}；` +
      `公用经费${w.amount(tv?.public, '表六 公用经费合计')}万元${items('public')}。`;
    add('六', '一般公共预算基本支出情况说明', [p]);
  }

  // 七 三公经费
  {
    const t10 = t.T10;
    type Line = 'total' | 'abroad' | 'reception' | 'vehicle' | 'vehiclePurchase' | 'vehicleOperation';
    // A line's amount; a 表十 marked 本表无数据 without the row is 0, a missing 表十 a placeholder.
    const v = (k: Line): Money | undefined => {
      const fig = t10?.lines[k]?.values.total;
      if (fig) return fig.value;
      return t10 && (t10.noDataNote || !Object.keys(t10.lines).length) ? ZERO : undefined;
    };
    const lineText = (label: string, k: Line, lastKey: string, reasonKey: string, extra = '') =>
      `${label}${w.money(v(k), `表十 ${label}`)}万元${extra}` + changeClause(w, v(k), lastKey, { withRate: false, reasonKey });
    const vehicleExtra = `（购置费${w.money(v('vehiclePurchase'), '表十 公务用车购置费')}万元，运行维护费${w.money(v('vehicleOperation'), '表十 公务用车运行维护费')}万元）`;
    const head =
      `${Y()}年${N()}财政拨款安排的“三公”经费预算${w.money(v('total'), '表十 “三公”经费合计')}万元` +
      changeClause(w, v('total'), '上年“三公”经费', { withRate: false, reasonKey: '“三公”经费变动原因' }) +
      '。';
    const detail =
      '其中：' +
      [
        lineText('因公出国（境）费', 'abroad', '上年因公出国（境）费', '因公出国（境）费变动原因'),
        lineText('公务接待费', 'reception', '上年公务接待费', '公务接待费变动原因'),
        lineText('公务用车购置及运行费', 'vehicle', '上年公务用车购置及运行费', '公务用车购置及运行费变动原因', vehicleExtra),
      ].join('；') +
      '。';
    add('七', '“三公”经费增减变动原因说明', [head + detail]);
  }

  // 八 机关运行经费
  {
    const t11 = t.T11;
    // 部门合计, else the sum of the unit rows; an empty 表十一 (本表无数据) is 0.
    const total = t11?.deptTotal?.values.total;
    const current: Money | undefined = t11 ? (total ? total.value : sum(t11.units.map((u) => val(u.values.total)))) : undefined;
    const amountText = current !== undefined ? wan(current) : w.amount(undefined, '表十一 机关运行经费');
    const units = (t11?.units ?? []).filter((u) => u.name);
    // "所属A、B2家行政单位" (all named: no 等), more than five: "A、B、C、D、E等7家行政单位", one: "所属A".
    const names = units.map((u) => u.name.trim());
    const unitText =
      names.length === 0 ? '行政单位' : names.length === 1 ? names[0] : names.length <= 5 ? `${names.join('、')}${names.length}家行政单位` : `${names.slice(0, 5).join('、')}等${names.length}家行政单位`;
    const subject = multi ? `本部门${Y()}年所属${unitText}` : `本单位${Y()}年`;
    const p =
      `${subject}机关运行经费财政拨款预算${amountText}万元` +
      changeClause(w, current, '上年机关运行经费', { withRate: true, reasonKey: '机关运行经费变动原因', reasonWord: '原因是' }) +
      '。';
    add('八', '机关运行经费增减变动原因说明', [p]);
  }

  // 九 政府采购
  {
    const goods = w.supAmount('政府采购货物预算');
    const works = w.supAmount('政府采购工程预算');
    const services = w.supAmount('政府采购服务预算');
    let total = w.supAmount('政府采购预算总额');
    if (total === undefined && goods !== undefined && works !== undefined && services !== undefined) total = goods.plus(works).plus(services);
    if (total !== undefined && goods !== undefined && works !== undefined && services !== undefined) {
      const parts = round2(goods).plus(round2(works)).plus(round2(services));
      if (!round2(total).eq(parts)) w.notes.push(`政府采购预算总额 ${wan(total)} 万元 ≠ 货物、工程、服务之和 ${wan(parts)} 万元`);
    }
    const amt = (v: Money | undefined, key: string) => (v === undefined ? w.text(key) : wan(v));
    const p =
      `${Y()}年${N()}政府采购预算总额${amt(total, '政府采购预算总额')}万元。其中：政府采购货物预算${amt(goods, '政府采购货物预算')}万元、` +
      `政府采购工程预算${amt(works, '政府采购工程预算')}万元、政府采购服务预算${amt(services, '政府采购服务预算')}万元。`;
    add('九', '政府采购情况', [p]);
  }

  // 十 绩效管理
  {
    const overall = w.text('整体绩效目标');
    const paras = ['1、整体绩效目标', overall, '2、项目绩效目标'];
    // 纳入绩效目标管理: 表十二's projects (本年); 公开: the published target sheets (rules.md N.performance_*).
    const t12 = t12Total(rec);
    const t12p = t12Projects(rec);
    const pub = publishedProjects(rec);
    const sumWan = (figs: Money[]) => round2(sum(figs));
    // The second type's amount is the total less the first: the split adds up to the total it explains (the
    // parts rounded on their own may differ from it by 0.01, as 000's 表十二 rows do).
    const splitOf = (items: { name: string; wan: Money }[], total: Money, word: string, label: string): string | undefined => {
      const typed = items.map((it) => ({ it, type: projectType(supplement, it.name) }));
      const missing = typed.filter((x) => !x.type);
      if (missing.length) {
        w.notes.push(`补充信息的项目类型表缺少${missing.length}个项目的类型（${label}）：${missing.map((m) => m.it.name).join('、')}`);
        return undefined;
      }
      const other = typed.filter((x) => x.type === '其他运转类');
      const special = typed.filter((x) => x.type === '特定目标类');
      const otherWan = sumWan(other.map((x) => x.it.wan));
      const specialWan = special.length ? round2(total).minus(otherWan) : ZERO;
      return `其中：其他运转类项目${other.length}个，涉及${word}${wan(otherWan)}万元；特定目标类项目${special.length}个，涉及${word}${wan(specialWan)}万元。`;
    };
    const typesAsk = () =>
      w.ask('项目类型', `${SUPPLEMENT_SHEET}表 项目类型表（第${projectTableRow()}行起）B列`, '为每个项目填写“其他运转类”或“特定目标类”，个数和金额按类型自动计算');
    let split1: string | undefined;
    let text = '';
    if (t12) {
      const items = t12p.map((p) => ({ name: p.name, wan: sum(mapPacked(p.figures, (f) => f.value)) }));
      split1 = splitOf(items, t12.value, '金额', '表十二');
      text +=
        `${Y()}年${N()}纳入绩效目标管理的二级项目${t12p.length}个，共计金额${wan(t12.value)}万元。` +
        (split1 ?? `其中：${typesAsk()}。`);
    } else {
      text += `${Y()}年${N()}纳入绩效目标管理的二级项目${w.missing('表十二 项目个数和金额')}。`;
      w.notes.push('缺少表十二：纳入绩效目标管理的项目个数和金额');
    }
    if (!pub.sheets.length) {
      w.notes.push('工作簿中没有项目支出绩效目标表');
      text += `公开项目绩效目标${w.ask('公开的绩效目标个数和金额', '项目支出绩效目标表', '工作簿中没有项目支出绩效目标表：加入公开的绩效目标表后重新生成，或在文中直接填写')}。`;
    } else {
      const x = pub.wan;
      const t3Project = t.T3?.total?.values.project;
      let share: string;
      if (!t12) share = `占部门（单位）项目支出总额的${w.missing('表十二 项目支出总额占比')}`;
      else {
        share = `占部门（单位）本年项目支出总额（${wan(t12.value)}万元）的${pct(x, t12.value)}`;
        if (t3Project && !round2(t3Project.value).eq(round2(t12.value)))
          share = `占部门（单位）本年项目支出总额（${wan(t12.value)}万元，不含上年结转）的${pct(x, t12.value)}，占项目支出总额（${wan(t3Project.value)}万元，含上年结转）的${pct(x, t3Project.value)}`;
      }
      const items = pub.sheets.map((tg) => ({ name: tg.projectName?.text ?? tg.sheet, wan: val(tg.annualFunds.total).div(10000) }));
      // The placeholder for the types is written once (in 纳入): the 公开 split follows when the types are known.
      const split2 = split1 !== undefined || !t12 ? splitOf(items, x, '项目金额', '绩效目标表') : undefined;
      text += `公开项目绩效目标${pub.count}个，涉及项目金额${wan(x)}万元，${share}。` + (split2 ?? (t12 ? '' : `其中：${typesAsk()}。`));
      if (pub.splits.length) text += `（${pub.splits.join('；')}，按一个项目计。）`;
    }
    paras.push(text);
    paras.push('（项目绩效目标表公开情况见附件）');
    add('十', '绩效管理情况', paras);
  }

  // 十一 国有资产
  {
    // The date once: an unknown date is asked for in the first sentence, the others say 截至同日.
    const known = supText(supplement, '资产统计截止日期');
    const date = w.text('资产统计截止日期');
    const again = known ?? '同日';
    const n = (key: string) => {
      const v = supAmount(supplement, key);
      return v === undefined ? w.text(key) : v.toFixed();
    };
    add('十一', '国有资产占有使用情况', [
      '1、车辆情况：',
      `截至${date}，${N()}共有公务用车编制${n('公务用车编制数')}辆，实有${n('公务用车实有数')}辆，其中：领导用车${n('领导用车')}辆，` +
        `机要通信用车${n('机要通信用车')}辆，应急保障用车${n('应急保障用车')}辆，执法执勤用车${n('执法执勤用车')}辆，特种专业技术用车${n('特种专业技术用车')}辆，` +
        `事业单位业务用车${n('事业单位业务用车')}辆，其他公务用车${n('其他公务用车')}辆。`,
      '2、房屋情况：',
      `截至${again}，${N()}使用的办公用房建筑总面积${n('办公用房建筑总面积')}平方米。`,
      '3、其他国有资产占有使用情况：',
      `截至${again}，${N()}占有使用单位价值50万元（原值）以上的通用设备${n('单位价值50万元以上通用设备')}台（套）；` +
        `单位价值100万元（原值）以上的专用设备${n('单位价值100万元以上专用设备')}台（套）。`,
    ]);
  }

  // 十二 其他说明
  add('十二', '其他说明', ['（一）政府购买服务指导性目录', w.text('政府购买服务指导性目录'), '（二）其他', w.text('其他说明')]);

  const notes = [...new Set(w.notes)];
  const fill = [...w.fill.values()];
  return { title, sections, markdown: toMarkdown(title, sections, fill), notes, fill };
}

/**
 * Text from cells as Markdown: HTML in it is shown, not rendered (& < > escaped, so a cell's <img onerror=…> stays
 * text), and control characters (ESC …, which would reach a terminal) are dropped.
 */
function mdText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The heading of the list of placeholders at the end of the documents. */
export const FILL_HEADING = '附：待填写事项（填写后删除本节）';

/** One line of that list: "上年收入总计：在补充信息表 B6 填写（万元，…）" (the placeholder's words, not the placeholder). */
export function fillLine(f: FillItem): string {
  return `${f.label}：${f.where.startsWith('表格：') ? f.where.slice(3) : `在${f.where} 填写`}${f.hint ? `（${f.hint}）` : ''}`;
}

export function toMarkdown(title: string, sections: NarrativeSection[], fill: FillItem[] = []): string {
  const out = [`# ${mdText(title)}`, ''];
  for (const s of sections) {
    out.push(`## ${s.id}、${mdText(s.title)}`, '');
    for (const p of s.paragraphs) out.push(isSubheading(p) ? `### ${mdText(p)}` : mdText(p), '');
  }
  if (fill.length) {
    out.push('---', '', `## ${FILL_HEADING}`, '');
    fill.forEach((f, i) => out.push(`${i + 1}. ${mdText(fillLine(f))}`));
    out.push('');
  }
  return out.join('\n');
}

/** The generated text as the paragraphs of a 情况说明 sheet (title, headings, paragraphs), one per row. */
export function narrativeLines(g: GeneratedNarrative): string[] {
  const out = [g.title];
  for (const s of g.sections) out.push(`${s.id}、${s.title}`, ...s.paragraphs);
  return out;
}


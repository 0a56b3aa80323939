/**
 * The findings as a clerk reads them (issue 11, items 4 and 5), for every view — the text report, the pane, the
 * page, the HTML/CSV reports and the copy's 校验结果 sheet: 错误 first, then the other 提示 and 信息, then the 舍位
 * differences folded into one group. One published figure off by rounding in several identities is ONE item listing
 * the identities; the indicator findings of one target sheet and side (年度 / 实施期) are ONE item listing every
 * missing category. Every item keeps its findings (`parts`): the JSON of docs/cli.md still lists each of them.
 *
 * Wording (item 5): the Chinese rule title instead of the rule id, amounts with thousands separators and their unit
 * (万元 in the 13 tables, 元 on the target sheets), 应为/实为 never empty (空 / 缺少 in words), no doubled brackets
 * or repeated words, at most RELATED_INLINE related cells inline and the rest as "等 N 处".
 */
import type { Finding, Severity } from '../model/finding';
import { RULE_TITLES } from './rule-titles';
import { GROUP_ORDER, groupOf, groupTitle } from './groups';
import { countSeverities, type SeverityCounts } from './findings-view-model';
import { SEVERITY_LABEL, groupDigits } from './labels';
import { isRounding, type SectionId } from './sections';

// The classification (which section a finding is listed in) is a module of its own, so a page that only sorts
// findings into sections before its result view loads does not carry the view's wording and the rule titles.
export { SECTIONS_OPEN, SECTION_ORDER, isRounding, sectionOf, type SectionId } from './sections';

/** At most this many related cells are written inline; the rest are counted (等 N 处). */
export const INLINE_CELLS = 3;

export type ItemKind = 'finding' | 'rounding' | 'indicators';

export interface ViewPart {
  finding: Finding;
  /** Index in the full list of findings (the engine's order; a stable key). */
  index: number;
}

export interface ViewItem {
  /** Stable key: "f12" for one finding, "r:表六!C6", "i:绩效2|年度". */
  key: string;
  kind: ItemKind;
  /** The most severe of its findings. */
  severity: Severity;
  /** T1..T13, P, N, INPUT. */
  group: string;
  groupTitle: string;
  /** The findings it stands for, in the engine's order (≥ 1). */
  parts: ViewPart[];
  /** The cell to open and edit; '' / undefined for a workbook-wide item. */
  sheet: string;
  cell?: string;
  /** Every other cell the item names, by sheet, each once (the full list: detail view, JSON keeps the rest). */
  related: { sheet: string; cells: string[] }[];
  /** Chinese rule titles (each once). */
  titles: string[];
  /** Rule ids (each once), for the 规则 detail line. */
  rules: string[];
  /** The message, cleaned and with units. */
  message: string;
  /** 应为 / 实为 in words with units; absent when the finding states none; never ''. */
  expected?: string;
  actual?: string;
}

export interface FindingsView {
  /** Counts of the findings (not of items): the same numbers as the JSON summary. */
  counts: SeverityCounts;
  /** 错误, in table order. */
  errors: ViewItem[];
  /** 提示 that are not 舍位 differences, then 信息, in table order. */
  notices: ViewItem[];
  /** 舍位 differences, folded: one item per published figure. */
  rounding: ViewItem[];
  /** How many findings the rounding items stand for. */
  roundingFindings: number;
}

export interface ViewFilter {
  /** Only this group (T1..T13, P, N, INPUT). */
  group?: string;
  /** Only this severity. */
  severity?: Severity;
}

// ---------------------------------------------------------------------------------------------------------
// Titles and wording (isRounding, sectionOf: ./sections)

const INPUT_TITLES: Record<string, string> = {
  'INPUT.missing_table': '缺少表格',
  'INPUT.duplicate_table': '表格重复',
  'INPUT.unrecognised': '未能识别的内容',
  'INPUT.text_amount': '金额单元格中是文字',
  'INPUT.uncached_formula': '公式没有计算结果',
};

/** The Chinese title of a rule; for an id no rule declares, the group's title (never the id). */
export function ruleTitle(rule: string): string {
  const t = (Object.prototype.hasOwnProperty.call(RULE_TITLES, rule) ? RULE_TITLES[rule] : undefined) ?? INPUT_TITLES[rule];
  if (t) return t;
  if (rule.startsWith('INPUT.')) return '输入问题';
  return `${groupTitle({ rule, severity: 'info', sheet: '', cells: [], message: '' })}校验`;
}

/** Unit of the plain amounts of a finding: 万元 in the 13 tables, 元 on the target sheets; none in the narrative. */
export function unitOf(f: Finding): '万元' | '元' | '' {
  const g = groupOf(f);
  if (/^T\d+$/.test(g)) return '万元';
  if (g === 'P') return '元';
  return '';
}

// ---------------------------------------------------------------------------------------------------------
// Wording

const EMPTY_WORDS: Record<string, string> = { '': '空', '（空）': '空', '(空)': '空', 空: '空', '（无）': '缺少', '(无)': '缺少', 无: '缺少', '（缺少）': '缺少', 缺少: '缺少' };
const BOUND_WORDS: Record<string, string> = { '≤': '不超过', '<=': '不超过', '<': '小于', '≥': '不少于', '>=': '不少于', '>': '大于' };

/** An amount in words: "1,234.56 万元"; a plain decimal string without a unit gets only the separators. */
export function amountText(value: string, unit: string): string {
  const g = groupDigits(value);
  return unit ? `${g} ${unit}` : g;
}

/** 应为 / 实为 as a clerk reads it: never empty; bounds in words; amounts with separators and unit. */
export function valueText(v: string | undefined, unit: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  const t = String(v).trim();
  if (t in EMPTY_WORDS) return EMPTY_WORDS[t];
  if (/^-?\d+(\.\d+)?$/.test(t)) return amountText(t, unit);
  const b = /^(≤|<=|<|≥|>=|>)\s*(-?\d+(?:\.\d+)?)$/.exec(t);
  if (b) return `${BOUND_WORDS[b[1]]} ${amountText(b[2], unit)}`;
  // A whole value in brackets reads without them (it is put in brackets again by the line).
  const inner = /^（([^（）]*)）$/.exec(t);
  const text = cleanText(inner ? inner[1] : t);
  // Text with brackets of its own, or a cell's own word for nothing, is quoted, so the line's brackets stay apart.
  return /[（）()]/.test(text) || /^(null|undefined|NaN|None|-?Infinity)$/i.test(text) ? `“${text}”` : text;
}

/** Doubled brackets, immediately repeated words and "（空）" inside text, cleaned. */
export function cleanText(s: string): string {
  let t = s;
  for (let i = 0; i < 3; i++) t = t.replace(/（（([^（）]*)））/g, '（$1）').replace(/\(\(([^()]*)\)\)/g, '($1)');
  // "合计 合计", "长治市民政局 长治市民政局": a word written twice in a row is written once.
  t = t.replace(/(^|[\s：，；（“])([^\s：，；。（）“”]{2,})(?:\s+\2)+(?=$|[\s：，；。（）”])/gu, '$1$2');
  // "表一（表一）": a name followed by itself in brackets is written once.
  t = t.replace(/([^\s（）：，；“”]{2,})（\1）/gu, '$1');
  t = t.replace(/\s*（空）/g, '为空').replace(/为为空/g, '为空');
  return t;
}

/**
 * The message of a 13-table finding with its amounts in 万元 and separators: "合计 1548.68 ≠ … 1548.67" →
 * "合计 1,548.68 万元 ≠ … 1,548.67 万元". Only figures with the tables' two decimals are touched (never codes, counts
 * or shares); a figure already followed by a unit or % stays as it is.
 */
export function withUnits(message: string, unit: string): string {
  if (!unit) return message;
  // The character before the figure is matched, not looked behind at: Safari before 16.4 cannot parse a
  // lookbehind and would reject the whole task-pane script (scripts/check-bundle-syntax.js).
  return message.replace(/(^|[^\d.,，A-Za-z])(-?\d[\d,]*\.\d{2})(?![\d%])(\s*(?:万元|元|亿元|千元|%))?/g, (all, before: string, num: string, u?: string) => {
    if (u) return `${before}${groupDigits(num.replace(/,/g, ''))}${u}`;
    return `${before}${groupDigits(num.replace(/,/g, ''))} ${unit}`;
  });
}

function messageText(f: Finding): string {
  // The target sheets' and the narrative's messages state their units already; the 13 tables' do not.
  const unit = unitOf(f);
  return cleanText(unit === '万元' ? withUnits(f.message, unit) : f.message);
}

/** "表二 C6、C7、C8 等 12 处；表五 D9" — at most INLINE_CELLS cells in all, the rest counted. */
export function cellsText(refs: { sheet: string; cells: string[] }[], inline = INLINE_CELLS): string {
  const total = refs.reduce((n, r) => n + r.cells.length, 0);
  let left = inline;
  const parts: string[] = [];
  for (const r of refs) {
    if (left <= 0) break;
    const shown = r.cells.slice(0, left);
    left -= shown.length;
    parts.push(`${r.sheet} ${shown.join('、')}`.trim());
  }
  const text = parts.join('；');
  return total > inline ? `${text} 等 ${total} 处` : text;
}

// ---------------------------------------------------------------------------------------------------------
// Building

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function groupRank(id: string): number {
  const i = GROUP_ORDER.indexOf(id);
  return i < 0 ? GROUP_ORDER.length : i;
}

function addRefs(into: { sheet: string; cells: string[] }[], sheet: string, cells: string[], except: Set<string>): void {
  for (const c of cells) {
    if (!sheet || !c) continue;
    const k = `${sheet}!${c}`;
    if (except.has(k)) continue;
    except.add(k);
    const r = into.find((x) => x.sheet === sheet);
    if (r) r.cells.push(c);
    else into.push({ sheet, cells: [c] });
  }
}

function relatedOf(parts: ViewPart[], sheet: string, cell: string | undefined): ViewItem['related'] {
  const seen = new Set<string>(cell ? [`${sheet}!${cell}`] : []);
  const out: ViewItem['related'] = [];
  for (const { finding: f } of parts) {
    addRefs(out, f.sheet, f.cells, seen);
    for (const r of f.related ?? []) addRefs(out, r.sheet, r.cells, seen);
  }
  return out;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function baseItem(kind: ItemKind, key: string, parts: ViewPart[]): Omit<ViewItem, 'message'> {
  const first = parts[0].finding;
  const severity = parts.map((p) => p.finding.severity).sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b])[0];
  const group = groupOf(first);
  const cell = first.cells[0];
  return {
    key,
    kind,
    severity,
    group,
    groupTitle: groupTitle(group),
    parts,
    sheet: first.sheet,
    cell,
    related: relatedOf(parts, first.sheet, cell),
    titles: uniq(parts.map((p) => ruleTitle(p.finding.rule))),
    rules: uniq(parts.map((p) => p.finding.rule)),
  };
}

function singleItem(p: ViewPart): ViewItem {
  const f = p.finding;
  const unit = unitOf(f);
  return {
    ...baseItem(isRounding(f) ? 'rounding' : 'finding', `f${p.index}`, [p]),
    message: messageText(f),
    expected: valueText(f.expected, unit),
    actual: valueText(f.actual, unit),
  };
}

/** "表六 合计行 合计 1099.45 ≠ 人员经费与公用经费之和 1099.44（舍位差异）" → its parts. */
const ROUNDING_MESSAGE = /^(.*?)\s+(-?[\d,]+\.\d+|（空）)\s*≠\s*(.*?)\s+(-?[\d,]+\.\d+)（舍位差异）(.*)$/;

function roundingItem(parts: ViewPart[]): ViewItem {
  if (parts.length === 1) return singleItem(parts[0]);
  const first = parts[0].finding;
  const unit = unitOf(first);
  const m = ROUNDING_MESSAGE.exec(first.message);
  const against = parts.map((p) => {
    const x = ROUNDING_MESSAGE.exec(p.finding.message);
    return x ? `${x[3]} ${amountText(x[4].replace(/,/g, ''), unit)}` : messageText(p.finding);
  });
  const stated = m ? `${m[1]} ${m[2] === '（空）' ? '为空' : amountText(m[2].replace(/,/g, ''), unit)}` : messageText(first);
  const message = cleanText(`${stated} 在 ${parts.length} 处勾稽中有舍位差异：≠ ${uniq(against).join('；≠ ')}`);
  return {
    ...baseItem('rounding', `r:${first.sheet}!${first.cells[0] ?? ''}`, parts),
    message,
    expected: uniq(parts.map((p) => valueText(p.finding.expected, unit)).filter((v): v is string => !!v)).join(' / ') || undefined,
    actual: valueText(first.actual, unit),
  };
}

const INDICATOR_MESSAGE = /^(.*?)：((?:实施期和年度|年度|实施期)?)绩效指标(.*)$/;

function indicatorItem(parts: ViewPart[], side: string): ViewItem {
  if (parts.length === 1) return singleItem(parts[0]);
  const first = parts[0].finding;
  const m = INDICATOR_MESSAGE.exec(first.message);
  const lead = m ? m[1] : first.sheet;
  const problems = uniq(parts.map((p) => {
    const x = INDICATOR_MESSAGE.exec(p.finding.message);
    return cleanText(x ? x[3] : p.finding.message);
  }));
  const actuals = uniq(parts.map((p) => valueText(p.finding.actual, '')).filter((v): v is string => !!v));
  return {
    ...baseItem('indicators', `i:${first.sheet}|${side}`, parts),
    message: cleanText(`${lead}：${side}绩效指标有 ${problems.length} 处不完整：${problems.join('；')}`),
    expected: '每个二级指标至少 1 个三级指标及其指标值',
    actual: actuals.length ? actuals.join('、') : undefined,
  };
}

/** The view of a list of findings (as the engine orders them), optionally filtered. */
export function buildView(findings: Finding[], filter: ViewFilter = {}): FindingsView {
  const counts = countSeverities(findings);
  const parts: ViewPart[] = [];
  findings.forEach((finding, index) => {
    if (filter.group && groupOf(finding) !== filter.group) return;
    if (filter.severity && finding.severity !== filter.severity) return;
    parts.push({ finding, index });
  });

  const rounding = new Map<string, ViewPart[]>();
  const indicators = new Map<string, { side: string; parts: ViewPart[] }>();
  const order: (ViewPart | { merged: string })[] = [];
  for (const p of parts) {
    const f = p.finding;
    if (isRounding(f) && f.sheet && f.cells.length) {
      const k = `r|${f.sheet}!${f.cells[0]}`;
      if (!rounding.has(k)) order.push({ merged: k });
      rounding.set(k, [...(rounding.get(k) ?? []), p]);
    } else if (f.rule === 'P.indicators' && f.sheet) {
      const side = INDICATOR_MESSAGE.exec(f.message)?.[2] ?? '';
      const k = `i|${f.sheet}|${side}|${f.severity}`;
      if (!indicators.has(k)) order.push({ merged: k });
      const g = indicators.get(k) ?? { side, parts: [] };
      g.parts.push(p);
      indicators.set(k, g);
    } else order.push(p);
  }
  const items: ViewItem[] = order.map((o) => {
    if ('merged' in o) {
      if (o.merged.startsWith('r|')) return roundingItem(rounding.get(o.merged)!);
      const g = indicators.get(o.merged)!;
      return indicatorItem(g.parts, g.side);
    }
    return singleItem(o);
  });
  const byTable = (a: ViewItem, b: ViewItem) => groupRank(a.group) - groupRank(b.group) || a.parts[0].index - b.parts[0].index;
  const byNotice = (a: ViewItem, b: ViewItem) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || byTable(a, b);
  const round = items.filter((i) => i.kind === 'rounding').sort(byTable);
  return {
    counts,
    errors: items.filter((i) => i.kind !== 'rounding' && i.severity === 'error').sort(byTable),
    notices: items.filter((i) => i.kind !== 'rounding' && i.severity !== 'error').sort(byNotice),
    rounding: round,
    roundingFindings: round.reduce((n, i) => n + i.parts.length, 0),
  };
}

/** A section's items and title ("错误 12 项", "提示与信息 5 项", "舍位差异 9 处（11 条提示）"). */
export function sectionItems(v: FindingsView, id: SectionId): ViewItem[] {
  return id === 'errors' ? v.errors : id === 'notices' ? v.notices : v.rounding;
}

export function sectionTitle(v: FindingsView, id: SectionId): string {
  if (id === 'errors') return `错误 ${v.errors.length} 项`;
  if (id === 'notices') return `提示与信息 ${v.notices.length} 项`;
  return roundingHeading(v);
}

/** Every item in reading order: errors, notices, then the folded rounding group. */
export function viewItems(v: FindingsView): ViewItem[] {
  return [...v.errors, ...v.notices, ...v.rounding];
}

// ---------------------------------------------------------------------------------------------------------
// Text of an item, shared by every view

/** "表一 B36" — where to edit, or '' for a workbook-wide item. */
export function itemWhere(i: ViewItem): string {
  return [i.sheet, i.cell ?? ''].filter(Boolean).join(' ');
}

/** "应为 1,519.11 万元，实为 1,519.10 万元" or ''. */
export function itemValues(i: ViewItem): string {
  const parts: string[] = [];
  if (i.expected) parts.push(`应为 ${i.expected}`);
  if (i.actual) parts.push(`实为 ${i.actual}`);
  return parts.join('，');
}

/** The rule titles for a line, without the table ordinal the line names already ("表三 合计与…" → "合计与…"). */
export function itemTitle(i: ViewItem): string {
  return uniq(i.titles.map((t) => t.replace(/^表[一二三四五六七八九十]+\s+/, ''))).join('、');
}

/** The whole item on one line: "[错误] 表一 B36：…（应为 …，实为 …；相关：表二 C6 等 5 处）〔收支不平衡〕". */
export function itemLine(i: ViewItem): string {
  const w = itemWhere(i);
  const details = [itemValues(i), i.related.length ? `相关：${cellsText(i.related)}` : ''].filter(Boolean).join('；');
  return cleanText(`[${SEVERITY_LABEL[i.severity]}] ${w ? `${w}：` : ''}${i.message}${details ? `（${details}）` : ''}〔${itemTitle(i)}〕`);
}

/** Heading of the folded rounding group: "舍位差异 15 处（23 条提示）". */
export function roundingHeading(v: FindingsView): string {
  const n = v.rounding.length;
  return `舍位差异 ${n} 处${v.roundingFindings !== n ? `（${v.roundingFindings} 条提示）` : ''}`;
}

/** One sentence under that heading. */
export const ROUNDING_NOTE = '各表金额分别四舍五入到 0.01 万元造成的差异，在允许范围内，一般无须修改。';

/** Counts and a one-line verdict, for the top of a report. */
export function verdictLine(c: SeverityCounts, roundingItems = 0): string {
  const counts = `错误 ${c.error} 条，提示 ${c.warning} 条${roundingItems ? `（其中舍位差异 ${roundingItems} 处）` : ''}，信息 ${c.info} 条`;
  if (c.error > 0) return `结果：${counts}。有错误，提交前须改正。`;
  if (c.warning + c.info > 0) return `结果：${counts}。没有错误。`;
  return `结果：未发现问题（${counts}）。`;
}

/**
 * Reads a 情况说明 as the checker needs it: sections (一 … 十二) found by their headings, and every figure
 * ("9,518.47万元", "占84.40%", "59个", "2家") with the words before it and the cell it stands in.
 */
import { Decimal, type Money } from '../../model/money';
import { mapPacked } from '../../model/arrays';
import { compact } from '../../tables/text';
import type { Label } from '../../tables/types';

/** The twelve sections of 第三部分 情况说明 (narrative.md), by their numerals. */
export const SECTION_IDS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export type FigureUnit = '万元' | '%' | '个' | '家';

export interface NarrativeFigure {
  value: Money;
  /** As written, without the unit: "9,518.47". */
  text: string;
  unit: FigureUnit;
  /** Decimals written ("85.6" → 1). */
  decimals: number;
  /** Words since the previous figure, as written. */
  label: string;
  /** The clause the figure ends: label after the last ，；。：、, compacted (spaces removed, brackets half-width). */
  segment: string;
  /** Inside a “原因是…” clause: the reason's own amounts are not the table's figures. */
  inReason: boolean;
  sheet: string;
  cell: string;
  /** Position in the section's text (for ordering). */
  offset: number;
  /** Position in its own line of the cell (after splitSections), for edits. */
  at: number;
}

export interface NarrativeSectionText {
  id: SectionId | undefined;
  heading: string;
  /** Where the heading stands (the title part has none). */
  headingAt: { cell: string; sheet: string } | undefined;
  /** The section's lines after the heading, each with its cell. */
  lines: { text: string; cell: string; sheet: string }[];
  /** Lines joined with "\n". */
  text: string;
  figures: NarrativeFigure[];
}

const NUMERALS: SectionId[] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const HEADING = /^[\s\u3000]*(十[一二]|[一二三四五六七八九十])[\s\u3000]*[、.．][\s\u3000]*(.*)$/;

/** Section of a heading by its words (numbering varies between templates), else by its numeral. */
export function sectionOf(numeral: string, title: string): SectionId | undefined {
  const k = compact(title);
  if (/三公/.test(k)) return '七';
  if (/机关运行经费/.test(k)) return '八';
  if (/政府采购/.test(k)) return '九';
  if (/绩效/.test(k)) return '十';
  if (/国有资产/.test(k)) return '十一';
  if (/财政拨款收支/.test(k)) return '四';
  if (/基本支出/.test(k)) return '六';
  if (/一般公共预算/.test(k)) return '五';
  if (/收支/.test(k) && /变动|总体|数据/.test(k)) return '一';
  if (/收入预算/.test(k)) return '二';
  if (/支出预算/.test(k)) return '三';
  if (/其他说明|其它说明/.test(k)) return '十二';
  return NUMERALS.includes(numeral as SectionId) ? (numeral as SectionId) : undefined;
}

export function isHeadingLine(s: string): RegExpExecArray | null {
  const m = HEADING.exec(s);
  if (!m) return null;
  if (m[2].length > 40 || /万元|%|％/.test(m[2])) return null;
  return m;
}

const FIGURE = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?[\s\u3000]*(万元|%|％|个|家)/g;
const DELIMS = /[，,；;。：:、]/;

/** Every figure of a text, with the words before it. `offset` is where the text starts in its section. */
export function extractFigures(text: string, where: { sheet: string; cell: string } = { sheet: '', cell: '' }, offset = 0): NarrativeFigure[] {
  const out: NarrativeFigure[] = [];
  const reasons = reasonSpans(text);
  let prevEnd = 0;
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(text); m; m = FIGURE.exec(text)) {
    const start = m.index;
    // "财社[2023]293号1个" and the like: a figure glued to a preceding digit or letter is not a figure.
    if (start > 0 && /[\dA-Za-z.]/.test(text[start - 1])) continue;
    const label = text.slice(prevEnd, start);
    const unit = (m[3] === '％' ? '%' : m[3]) as FigureUnit;
    const intPart = m[1].replace(/,/g, '');
    const num = m[2] !== undefined ? `${intPart}.${m[2]}` : intPart;
    const parts = label.split(DELIMS);
    out.push({
      value: new Decimal(num),
      text: m[2] !== undefined ? `${m[1]}.${m[2]}` : m[1],
      unit,
      decimals: m[2]?.length ?? 0,
      label,
      segment: compact(parts[parts.length - 1] ?? ''),
      inReason: reasons.some(([a, b]) => start >= a && start < b),
      sheet: where.sheet,
      cell: where.cell,
      offset: offset + start,
      at: start,
    });
    prevEnd = start + m[0].length;
  }
  return out;
}

/** [start, end) of every "原因是…" clause: from the word to the next ；。 or line end. */
function reasonSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /原因(?:是|为|在于|主要是)?[：:]?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const from = m.index + m[0].length;
    const rest = text.slice(from);
    const stop = rest.search(/[；;。\n]/);
    spans.push([from, stop < 0 ? text.length : from + stop]);
  }
  return spans;
}

/** Splits the narrative's paragraphs (a cell may hold several lines, or the whole text) into sections. */
export function splitSections(paragraphs: Label[]): NarrativeSectionText[] {
  const sections: NarrativeSectionText[] = [];
  let cur: NarrativeSectionText | undefined;
  for (const p of paragraphs) {
    for (const raw of p.text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line) continue;
      const h = isHeadingLine(line);
      if (h) {
        cur = { id: sectionOf(h[1], h[2]), heading: line, headingAt: { cell: p.cell, sheet: p.sheet }, lines: [], text: '', figures: [] };
        sections.push(cur);
        continue;
      }
      if (!cur) {
        // The title and anything before 一、: a section of its own with no id.
        cur = { id: undefined, heading: '', headingAt: undefined, lines: [], text: '', figures: [] };
        sections.push(cur);
      }
      cur.lines.push({ text: line, cell: p.cell, sheet: p.sheet });
    }
  }
  for (const s of sections) {
    s.text = mapPacked(s.lines, (l) => l.text).join('\n');
    // Figures are read over the whole section, so a label broken over two paragraphs ("比2023年增加" /
    // "1.00万元") still reads as one; each figure keeps the cell of the line it stands in.
    const all = extractFigures(s.text);
    let pos = 0;
    const bounds = mapPacked(s.lines, (l) => {
      const b = { from: pos, to: pos + l.text.length, line: l };
      pos += l.text.length + 1;
      return b;
    });
    for (const f of all) {
      const b = bounds.find((x) => f.offset >= x.from && f.offset < x.to) ?? bounds[bounds.length - 1];
      f.sheet = b.line.sheet;
      f.cell = b.line.cell;
      f.at = f.offset - b.from;
    }
    s.figures = all;
  }
  return sections;
}

/** The figures of a text in order, as comparable strings ("9518.47万元", "84.4%", "59个"): for tests and diffs. */
export function figureSequence(text: string): string[] {
  return extractFigures(text).map((f) => `${f.value.toFixed()}${f.unit}`);
}

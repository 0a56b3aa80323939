/**
 * What the wording rules (N.repeat … N.empty_table_note) share: the narrative's sections read once per
 * recognised workbook, where a finding stands (the paragraph's cell, or `段落12` for a Word document), and the
 * words a section is named by in messages.
 */
import type { Recognised } from '../../../tables/recognised';
import type { Rule, RuleContext, RuleMeta } from '../../rule';
import { splitSections, type NarrativeFigure, type NarrativeSectionText } from '../figures';
import { oncePer } from '../../../model/memo';

const sectionsOnce = oncePer((rec: Recognised): NarrativeSectionText[] => splitSections(rec.narrative!.paragraphs));

/** The narrative's sections (the title and anything before 一、 is a section with no id). */
export function sectionsOf(rec: Recognised): NarrativeSectionText[] {
  return rec.narrative ? sectionsOnce(rec) : [];
}

export type Line = NarrativeSectionText['lines'][number];

/** “八、机关运行经费增减变动原因说明” for messages; '' for the title part. */
export function sectionName(s: NarrativeSectionText): string {
  return s.heading ? `“${s.heading.replace(/[\s\u3000]+/g, '')}”` : '';
}

/** A few characters around a match, for a message: “…比上年增加增加1.00万元…”. */
export function excerpt(text: string, at: number, length: number, around = 8): string {
  const from = Math.max(0, at - around);
  const to = Math.min(text.length, at + length + around);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

/** The line of a section a figure stands in. */
export function lineOf(s: NarrativeSectionText, f: NarrativeFigure): Line | undefined {
  return s.lines.find((l) => l.cell === f.cell && l.sheet === f.sheet);
}

/** A wording rule: meta plus a check over the recognised workbook's narrative (nothing when it has none). */
export function wordingRule(meta: Omit<RuleMeta, 'table'>, check: (ctx: RuleContext, sections: NarrativeSectionText[]) => void): Rule {
  return {
    meta: { ...meta, table: 'N' },
    check(ctx) {
      const sections = sectionsOf(ctx.rec);
      if (sections.length) check(ctx, sections);
    },
  };
}

/** Every match of a global regular expression in every line of every section (only lines `needs` finds something in, when given). */
export function* matches(
  sections: NarrativeSectionText[],
  re: RegExp,
  needs?: RegExp,
): Generator<{ s: NarrativeSectionText; line: Line; m: RegExpExecArray }> {
  for (const s of sections) {
    const lines = s.heading && s.headingAt ? [{ text: s.heading, ...s.headingAt }, ...s.lines] : s.lines;
    for (const line of lines) {
      if (!line.cell || (needs && !needs.test(line.text))) continue;
      re.lastIndex = 0;
      for (let m = re.exec(line.text); m; m = re.exec(line.text)) {
        yield { s, line, m };
        if (m[0].length === 0) re.lastIndex++;
      }
    }
  }
}

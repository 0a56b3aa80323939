/**
 * Which section of the lists (pane, page) a finding is in: 错误, 提示与信息, and the folded 舍位 group. Re-exported
 * by src/format/view.ts (the wording of each item); on its own so that a page can sort findings into sections
 * without the view's wording and the rule titles (the web page's first load, issue 13).
 */
import type { Finding } from '../model/finding';

/** A 舍位 difference: a 提示 the comparison (src/rules/compare.ts) marks as within the rounding tolerance. */
export function isRounding(f: Finding): boolean {
  return f.severity === 'warning' && /舍位差异/.test(f.message);
}

/** The sections of the lists (pane, page): 错误, 提示与信息, and the folded 舍位 group. */
export type SectionId = 'errors' | 'notices' | 'rounding';

export const SECTION_ORDER: SectionId[] = ['errors', 'notices', 'rounding'];

/** Sections open when a result is shown: the rounding group starts folded. */
export const SECTIONS_OPEN: SectionId[] = ['errors', 'notices'];

/** The section a finding is listed in. */
export function sectionOf(f: Finding): SectionId {
  if (f.severity === 'error') return 'errors';
  return isRounding(f) ? 'rounding' : 'notices';
}

/** 第三部分 情况说明: generate it from the tables and the 补充信息 sheet,. The N.* rules that check an existing one are in src/rules/narrative. */
export { generateNarrative, narrativeLines, toMarkdown, SECTION_IDS } from './generate';
export type { GeneratedNarrative, NarrativeSection, SectionId } from './generate';
export {
  readSupplement,
  supplementTemplate,
  supplementFrom,
  emptySupplement,
  SUPPLEMENT_SHEET,
  SUPPLEMENT_FIELDS,
} from './supplement';
export type { Supplement, SupplementProject, ProjectType } from './supplement';

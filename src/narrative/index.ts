/** 第三部分 情况说明: generate it from the tables and the 补充信息 sheet, check an existing one (N.* rules). */
export { generateNarrative, narrativeLines, toMarkdown, SECTION_IDS } from './generate';
export type { GeneratedNarrative, NarrativeSection, SectionId } from './generate';
export { narrativeRules, analyseNarrative } from './check';
export {
  readSupplement,
  supplementTemplate,
  supplementFrom,
  emptySupplement,
  SUPPLEMENT_SHEET,
  SUPPLEMENT_FIELDS,
} from './supplement';
export type { Supplement, SupplementProject, ProjectType } from './supplement';
export { extractFigures, figureSequence, splitSections } from './figures';
export { toDocx, docxDocument } from './docx';
export type { DocxOptions } from './docx';

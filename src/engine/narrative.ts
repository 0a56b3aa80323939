/**
 * The engine's 情况说明 generator on its own: `narrative()` of src/engine/index.ts (which re-exports it), for hosts
 * that load it only when asked (the web page's engine worker imports this module with import(), so the worker
 * starts with recognition and the rules alone).
 */
import type { WorkbookSnapshot } from '../model/snapshot';
import { generateNarrative, type GeneratedNarrative } from '../narrative/generate';
import { readSupplement, type Supplement } from '../narrative/supplement';
import { recognise as recogniseTables } from '../tables/recognise';
import type { Recognised } from '../tables/recognised';

/** 第三部分 情况说明 from the tables and the workbook's 补充信息 sheet (when it has one). */
export function narrative(wb: WorkbookSnapshot, recognised: Recognised = recogniseTables(wb), supplement?: Supplement): GeneratedNarrative {
  return generateNarrative(recognised, supplement ?? readSupplement(wb));
}

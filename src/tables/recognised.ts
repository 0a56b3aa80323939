import type { Finding } from '../model/finding';
import type { NarrativeText, SummaryList, TableId, TableLocation, Tables, TargetSheet } from './types';

/** What the recognisers make of a workbook snapshot. */
export interface Recognised {
  tables: Tables;
  /** For every T1..T13: found or not, and on which sheet. */
  locations: Record<TableId, TableLocation>;
  targets: TargetSheet[];
  summary?: SummaryList;
  narrative?: NarrativeText;
  /** 单位名称 / 部门名称 read from the tables' captions, when printed. */
  department?: string;
  year?: number;
  /**
   * Last year's published disclosure, when the user gives it (--previous, 选择上年公开文件): its tables determine
   * the 比上年 figures (src/rules/narrative/previous.ts). `file` is its name as findings show it.
   */
  previous?: { recognised: Recognised; file: string; changeThreshold?: number };
  /** INPUT.* findings made while reading (bad amounts, bad codes, missing/duplicate tables). */
  findings: Finding[];
}

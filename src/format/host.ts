import type { WorkbookSnapshot } from '../model/snapshot';
import type { CellFix, Finding } from '../model/finding';

/**
 * What the task pane needs from the workbook it runs in (src/ui/pane). The Office.js adapter (src/excel) and the
 * WPS ET adapter (src/wps) implement it; it lives here, below both adapters, so neither imports the other.
 * The Office.js adapter implements it with exactly one context.sync() per call (readSnapshot: one read sync;
 * annotate: one write sync); tests run the same adapter against the Excel-API simulator (tests/simulator), which
 * counts syncs.
 */
export interface WorkbookHost {
  /** The whole workbook (used ranges' values, formulas, number formats, merges) in one read. */
  readSnapshot(): Promise<WorkbookSnapshot>;
  /**
   * Highlights and notes for the findings, the confirmed fixes written, a 校验结果 sheet — in one write.
   * Before changing a cell's look it records the original format, so clearAnnotations restores it exactly.
   */
  annotate(findings: Finding[], fixes: CellFix[]): Promise<AnnotateResult>;
  /** Removes every highlight, note and the 校验结果 sheet this add-in made; values written by fixes stay. */
  clearAnnotations(): Promise<void>;
  /** Selects a cell (and shows it) when the user clicks a finding. */
  select(sheet: string, cells: string[]): Promise<void>;
  /** Writes a sheet of rows (生成情况说明, 补充信息), replacing a sheet of that name the add-in made before. */
  writeSheet(name: string, rows: string[][]): Promise<void>;
}

export interface AnnotateResult {
  /** Cells whose fill changed. */
  highlighted: number;
  /** Cells given a note or comment ('none' when the host supports neither: only fills and the result sheet). */
  notes: number;
  noteKind: 'note' | 'comment' | 'none';
  /** Cells whose value was written (confirmed fixes). */
  written: number;
}

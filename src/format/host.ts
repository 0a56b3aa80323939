import type { WorkbookSnapshot } from '../model/snapshot';
import type { CellFix, Finding } from '../model/finding';

/**
 * What the task pane needs from the workbook it runs in (src/ui/pane). The Office.js adapter (src/excel) and the
 * WPS ET adapter (src/wps) implement it; it lives here, below both adapters, so neither imports the other.
 * The Office.js adapter sizes its syncs to Excel's payload limits; tests run it against the Excel-API simulator
 * (tests/simulator), which counts syncs and measures their bytes; the WPS adapter runs against the WPS ET-API
 * simulator (tests/wps).
 */
export interface WorkbookHost {
  /** The whole workbook (used ranges' values, formulas, number formats, merges). */
  readSnapshot(): Promise<WorkbookSnapshot>;
  /**
   * Highlights (conditional-format rules only the product writes) and notes for the findings, a 校验结果 sheet, and
   * the confirmed fixes written last in a batch of their own (Ctrl+Z undoes them in Excel). No cell format is touched.
   */
  annotate(findings: Finding[], fixes: CellFix[]): Promise<AnnotateResult>;
  /** Removes exactly the product's rules, notes still the product's and its 校验结果 sheet; values written by fixes stay. */
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
  /** Marked cells that already had the user's note or comment (named in the results sheet instead). */
  keptNotes?: number;
  /** Sheets with findings left unmarked because they are protected. */
  protectedSheets?: string[];
}

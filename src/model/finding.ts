/** What every rule reports: the stated cell first, then the cells it was computed from. */
export type Severity = 'error' | 'warning' | 'info';

export interface CellRef {
  sheet: string;
  cells: string[];
}

/** A value to write into one cell (auto-fill). `value` is a decimal string in the cell's unit. */
export interface CellFix {
  sheet: string;
  cell: string;
  value: string;
  /** The value the cell holds now ('' when empty). */
  previous: string;
  /** Cells the value is computed from, as "sheet!A1": a fix waits until none of them is still to be fixed. */
  from: string[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  sheet: string;
  cells: string[];
  message: string;
  expected?: string;
  actual?: string;
  related?: CellRef[];
  /** Table the finding belongs to (T1..T13, 'P' for target sheets, 'N' narrative, 'INPUT'), for grouping. */
  table?: string;
  fix?: CellFix;
}

/**
 * What the e2e tests ask the test page about the workbook behind the pane (the Excel-API simulator's workbook).
 * Exposed by tests/e2e/sim/entry.tsx as window.__e2e; everything is JSON so page.evaluate can return it.
 */
export interface CellLook {
  /** Fill colour, '' for none. */
  fill: string;
  /** Note or comment text, '' for none. */
  note: string;
}

export interface E2EProbe {
  /** 'simulator', or 'failed' when the test page could not start */
  kind: string;
  error?: string;
  /** The cells selected last (sheet and addresses as the pane asked for them), null when none yet. */
  selection(): { sheet: string; cells: string[] } | null;
  /** Every non-empty cell's value, as "sheet!A1" → value. */
  values(): Record<string, string | number | boolean | null>;
  /** Every cell with a fill or note, as "sheet!A1" → look. */
  looks(): Record<string, CellLook>;
  /** Names of the sheets, in order. */
  sheetNames(): string[];
}

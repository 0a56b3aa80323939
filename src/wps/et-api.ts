/**
 * The part of the WPS 表格 (ET) object model that the WPS 加载项 uses, as TypeScript types. WPS exposes it to an
 * add-in page as `window.Application` (also `wps.EtApplication()`): a synchronous, VBA-like object model — every
 * property read and method call goes to WPS and returns at once (no batching, no promises), collections are read
 * with `Item(i)` counting from 1, and properties are PascalCase as in VBA.
 *
 * What this relies on, and where it comes from (see docs/wps.md for the list of what was and was not verified):
 *   - Application.ActiveWorkbook, Workbook.Worksheets.Item(index | name), Worksheet.UsedRange, Worksheet.Range(a1),
 *     Range.Value2 / Formula / NumberFormat / MergeCells / MergeArea / Row / Column / Rows.Count / Columns.Count,
 *     Range.AddComment(text), Range.Comment, Worksheet.Comments, Workbook.Names.Add(Name, RefersTo, Visible):
 *     WPS 加载项 JSAPI 文档 (open.wps.cn → WPS 加载项 → 表格 API), which follows the Excel VBA object model
 *     (learn.microsoft.com/office/vba/api/excel.range.value2 …) property for property;
 *   - Range.FormatConditions.Add(Type, Operator, Formula1) with Type xlExpression (2) and FormatCondition.Interior:
 *     solution.wps.cn/docs/client/api/Excel/FormatConditions.html, and Excel's FormatConditions.Add;
 *   - a property that does not exist reads as undefined (a JavaScript object over COM has no such member), so the
 *     adapter checks what it reads instead of trusting it.
 * Properties that take arguments in VBA (Range.Address, Range.Value, Comment.Text) are methods in the JS API; the
 * adapter uses only argument-free properties where it can (Row, Column, Rows.Count instead of Address).
 */

/** XlFormatConditionType.xlExpression */
export const XL_EXPRESSION = 2;
/** XlSheetVisibility: visible, hidden, very hidden */
export const XL_SHEET_VISIBLE = -1;
export const XL_SHEET_HIDDEN = 0;
export const XL_SHEET_VERY_HIDDEN = 2;

export interface EtCount {
  readonly Count: number;
}

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null | undefined;
  readonly ActiveSheet?: EtWorksheet | null;
  /** Off while the adapter deletes sheets: Worksheet.Delete() otherwise asks the user to confirm. */
  DisplayAlerts: boolean;
  /** Off while the adapter writes many cells (no repaint per cell). */
  ScreenUpdating?: boolean;
}

export interface EtWorkbook {
  readonly Name: string;
  readonly Worksheets: EtSheets;
  readonly Names: EtNames;
}

export interface EtSheets extends EtCount {
  Item(index: number | string): EtWorksheet;
  /** Add(Before, After, Count, Type): the new sheet, placed after `after` when given. */
  Add(before?: EtWorksheet | null, after?: EtWorksheet | null): EtWorksheet;
}

export interface EtWorksheet {
  Name: string;
  readonly Index: number;
  /** XlSheetVisibility (-1 visible, 0 hidden, 2 very hidden); some builds give true/false. */
  Visible: number | boolean;
  readonly UsedRange: EtRange;
  readonly Cells: EtRange;
  readonly Comments: EtComments;
  readonly Hyperlinks?: EtHyperlinks;
  /** Print settings (absent on a build without them). */
  readonly PageSetup?: EtPageSetup;
  /** The outline (分级显示): where a group's summary row stands, and which levels show. */
  readonly Outline?: EtOutline;
  Range(address: string): EtRange;
  Activate(): void;
  Delete(): void;
}

export interface EtRange {
  readonly Row: number;
  readonly Column: number;
  readonly Rows: EtCount;
  readonly Columns: EtCount;
  /** A single cell: its value; more cells: a 2-D array, rows then columns. Dates as serial numbers. */
  Value2: unknown;
  /** As Value2, with "=…" for formula cells. */
  Formula: unknown;
  /** The cells' common number format, or null when they differ. */
  NumberFormat: unknown;
  /** true / false, or null when only some cells are merged. */
  readonly MergeCells: boolean | null;
  readonly MergeArea: EtRange;
  /** true / false, or null when only some cells hold formulas. */
  readonly HasFormula: boolean | null;
  readonly FormatConditions: EtFormatConditions;
  /** The cell's comment (批注), null when it has none. */
  readonly Comment: EtComment | null;
  AddComment(text: string): EtComment;
  Select(): void;
  ColumnWidth: number;
  WrapText: boolean;
  /** xlTop -4160 … */
  VerticalAlignment?: number;
  /** The whole rows of the range. */
  readonly EntireRow?: EtRange;
  /** On whole rows: an outline group (one level more); absent on a build without it. */
  Group?(): unknown;
  /** On whole rows: hidden. */
  Hidden?: boolean;
  /** Merges the range (one area per row when across is true). */
  Merge?(across?: boolean): void;
  readonly Font: { Bold: boolean };
  readonly Interior: { Color: number };
}

export interface EtFormatConditions extends EtCount {
  Item(index: number): EtFormatCondition;
  Add(type: number, operator?: number, formula1?: string, formula2?: string): EtFormatCondition;
}

export interface EtFormatCondition {
  readonly Type: number;
  /** The rule's formula ("=…"); reading it on a rule without one (data bars …) may throw. */
  readonly Formula1: string;
  readonly Interior: { Color: number };
  Delete(): void;
  SetFirstPriority?(): void;
}

export interface EtComment {
  Text(): string;
  Delete(): void;
}

export interface EtComments extends EtCount {
  Item(index: number): EtComment;
}

export interface EtNames extends EtCount {
  Item(index: number | string): EtName;
  Add(name: string, refersTo: string, visible?: boolean): EtName;
}

export interface EtName {
  readonly Name: string;
  readonly RefersTo: string;
  Delete(): void;
}

/**
 * Worksheet.PageSetup, as Excel VBA's (learn.microsoft.com/office/vba/api/excel.pagesetup; WPS 表格 JSAPI
 * PageSetup): FitToPagesWide / FitToPagesTall apply only while Zoom is False; False for either means "as many
 * pages as needed".
 */
export interface EtPageSetup {
  /** xlPortrait 1, xlLandscape 2 */
  Orientation: number;
  /** xlPaperA4 9 */
  PaperSize: number;
  Zoom: number | boolean;
  FitToPagesWide: number | boolean;
  FitToPagesTall: number | boolean;
  /** Rows repeated at the top of every printed page, "$1:$1". */
  PrintTitleRows: string;
}

/** Worksheet.Outline (learn.microsoft.com/office/vba/api/excel.outline): SummaryRow xlSummaryAbove 0 / xlSummaryBelow 1. */
export interface EtOutline {
  SummaryRow: number;
  ShowLevels(rowLevels?: number, columnLevels?: number): unknown;
}

export const XL_LANDSCAPE = 2;
export const XL_PAPER_A4 = 9;
export const XL_SUMMARY_ABOVE = 0;
export const XL_TOP = -4160;

export interface EtHyperlinks {
  Add(anchor: EtRange, address: string, subAddress?: string, screenTip?: string, textToDisplay?: string): unknown;
}

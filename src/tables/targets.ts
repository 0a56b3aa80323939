/**
 * Recognises performance target sheets (项目支出绩效目标表, amounts in 元) and the district summary list
 * 民生领域重大事项绩效目标情况表 by content, never by fixed position: labels are found by their text and
 * values are the first non-empty cell to their right, whatever merges lie in between.
 */
import { a1 } from '../model/address';
import { BoundedMemo, MEMO_LIMIT } from '../model/memo';
import { parseAmount, ZERO } from '../model/money';
import type { MergeArea, SheetSnapshot } from '../model/snapshot';
import { getCell, type MergeIndex } from '../model/snapshot';
import type { Finding } from '../model/finding';
import type {
  Figure,
  Funds,
  FundsKey,
  Indicator,
  Label,
  SummaryList,
  SummaryRow,
  TargetSheet,
  TargetTextKey,
  Unrecognised,
} from './types';
import { evaluatePlainFormula } from './formula-eval';
import { makeFigure, notANumberFinding, uncachedFormulaFinding, unrecognisedFinding } from './grid';
import { normaliseLabel, Vocabulary } from './labels';
import { mergesOf, sheetIndex } from './sheet-index';
import { mapPacked } from '../model/arrays';

// ---------------------------------------------------------------------------------------------------------
// Text normalisation and the vocabulary of the form

/** A label as compared: see normaliseLabel (src/tables/labels.ts): no spaces (clerks write "项 目 名 称"), no colons, full-width brackets. */
export function labelKey(text: string): string {
  return normaliseLabel(text);
}

type FieldKey =
  | 'projectName'
  | 'department'
  | 'implementer'
  | 'attribute'
  | 'period'
  | 'funds'
  | 'overview'
  | 'basis'
  | 'necessity'
  | 'measures'
  | 'plan'
  | 'overallGoal'
  | 'periodGoal'
  | 'annualGoal';

const FIELD_PATTERNS: [FieldKey, RegExp][] = [
  ['projectName', /^项目名称$/],
  ['department', /^主管部门(及代码)?$/],
  ['implementer', /^实施单位$/],
  ['attribute', /^项目属性$/],
  ['period', /^项目(期|期限|日期|周期)$/],
  ['funds', /^项目资金(（元）)?$/],
  ['overview', /^项目概况$/],
  ['basis', /^立项依据$/],
  ['necessity', /^项目设立(的)?必要性$/],
  ['measures', /^保证项目实施的制度[、，,]?措施$/],
  ['plan', /^项目实施计划$/],
  ['overallGoal', /^总体目标$/],
  ['periodGoal', /^实施期目标$/],
  // Some exports head the year's column 绩效目标 (seed 002).
  ['annualGoal', /^(年度目标|年度绩效目标|绩效目标)$/],
];

const TEXT_FIELDS: [TargetTextKey, FieldKey][] = [
  ['overview', 'overview'],
  ['basis', 'basis'],
  ['necessity', 'necessity'],
  ['measures', 'measures'],
  ['plan', 'plan'],
];

type FundLabelKey = 'periodTotal' | 'annualTotal' | Exclude<FundsKey, 'total'>;

const FUND_PATTERNS: [FundLabelKey, RegExp][] = [
  ['periodTotal', /^实施(期)?资金总额$/],
  ['annualTotal', /^年度资金总额$/],
  ['central', /^(其中)?中央(财政)?(资金|补助(资金)?)$/],
  ['province', /^(其中)?省(级)?(财政)?(资金|补助(资金)?)$/],
  // "市县（区）财政" and "市和县（区）财政资金" occur in seed 002.
  ['cityCounty', /^(其中)?市(和|及)?县(（区）|区)?(财政)?(资金|补助(资金)?)?$/],
  ['self', /^(其中)?单位自筹(资金)?$/],
  ['other', /^(其中)?其他资金$/],
];

/** The labels of the indicator grid's header row (findGridHeader; ../pdf/layout tells them from text printed over them). */
export const GRID_HEADER_LABELS = ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'];
const GRID_HEADER = new RegExp(`^(${GRID_HEADER_LABELS.join('|')})`);
const FOOTER = /^(负责人|经办人|联系电话|填报日期|填报人|审核人)/;

/**
 * Every label the form prints, in its usual spellings: a label cut short by its column ("市县（区）财政资") is
 * completed to the one of these it begins (Vocabulary), then matched by the patterns above.
 */
export const TARGET_LABELS = new Vocabulary([
  ['projectName', ['项目名称']],
  ['department', ['主管部门', '主管部门及代码']],
  ['implementer', ['实施单位']],
  ['attribute', ['项目属性']],
  ['period', ['项目期', '项目期限', '项目日期', '项目周期']],
  ['funds', ['项目资金', '项目资金（元）']],
  ['overview', ['项目概况']],
  ['basis', ['立项依据']],
  ['necessity', ['项目设立必要性', '项目设立的必要性']],
  ['measures', ['保证项目实施的制度、措施']],
  ['plan', ['项目实施计划']],
  ['overallGoal', ['总体目标']],
  ['periodGoal', ['实施期目标']],
  ['annualGoal', ['年度目标', '年度绩效目标']],
  ['periodTotal', ['实施期资金总额']],
  ['annualTotal', ['年度资金总额']],
  ['central', ['中央财政资金', '中央补助资金', '其中中央财政资金', '其中中央补助资金']],
  ['province', ['省级财政资金', '省级补助资金', '其中省级财政资金']],
  ['cityCounty', ['市县（区）财政资金', '市和县（区）财政资金', '市县（区）财政补助资金', '其中市和县（区）财政补助资金', '其中市县（区）财政资金']],
  ['self', ['单位自筹资金', '其中单位自筹资金']],
  ['other', ['其他资金', '其中其他资金']],
  ['gridHeader', GRID_HEADER_LABELS],
  ['footer', ['负责人', '经办人', '联系电话', '填报日期', '填报人', '审核人']],
]);

/** A cell's key as the form's patterns see it: a cut-off label completed (see TARGET_LABELS). */
function fullLabel(key: string): string {
  return key.length > MAX_LABEL_LENGTH ? key : TARGET_LABELS.resolve(key);
}

const TARGET_MARKS = new Set<FieldKey>(['funds', 'department', 'implementer', 'attribute']);

const LEVEL1 = new Set(['产出指标', '效益指标', '满意度指标', '产出', '效益', '满意度']);
const LEVEL2_NAMES = [
  '数量',
  '质量',
  '时效',
  '成本',
  '经济效益',
  '社会效益',
  '生态效益',
  '可持续影响',
  '可持续性影响',
  '可持续发展影响',
  '服务对象满意度',
  '经济成本',
  '社会成本',
  '生态环境成本',
];
const LEVEL2 = new Set(LEVEL2_NAMES.flatMap((n) => [n, `${n}指标`]));

/**
 * Every form label is short (the longest, "其中市和县（区）财政补助资金", has 15 characters), and the same few
 * labels recur on every form: longer keys are no label, shorter ones are looked up once.
 */
const MAX_LABEL_LENGTH = 24;
const fieldMemo = new BoundedMemo<string, FieldKey | null>(MEMO_LIMIT.labels);
const fundMemo = new BoundedMemo<string, FundLabelKey | null>(MEMO_LIMIT.labels);

function memoised<K>(memo: BoundedMemo<string, K | null>, key: string, find: (key: string) => K | undefined): K | undefined {
  let v = memo.get(key);
  if (v === undefined) {
    v = find(key) ?? null;
    memo.set(key, v);
  }
  return v ?? undefined;
}

/** Any of the patterns, in one test: a text that none matches (most texts) needs no memo entry. */
const anyOf = (patterns: [string, RegExp][]) => new RegExp(patterns.map(([, re]) => `(?:${re.source})`).join('|'));
const ANY_FIELD = anyOf(FIELD_PATTERNS);
const ANY_FUND = anyOf(FUND_PATTERNS);

const findField = (full: string) => FIELD_PATTERNS.find(([, re]) => re.test(full))?.[0];
const findFund = (full: string) => FUND_PATTERNS.find(([, re]) => re.test(full))?.[0];

function fieldOf(key: string): FieldKey | undefined {
  if (key.length > MAX_LABEL_LENGTH) return undefined;
  const full = fullLabel(key);
  return ANY_FIELD.test(full) ? memoised(fieldMemo, full, findField) : undefined;
}

function fundOf(key: string): FundLabelKey | undefined {
  if (key.length > MAX_LABEL_LENGTH) return undefined;
  const full = fullLabel(key);
  return ANY_FUND.test(full) ? memoised(fundMemo, full, findFund) : undefined;
}

/** Any text of the form's own vocabulary: such a cell is never the value of the label to its left. */
function isFormLabel(key: string): boolean {
  return !!fieldOf(key) || !!fundOf(key) || GRID_HEADER.test(fullLabel(key)) || FOOTER.test(fullLabel(key));
}

/**
 * A form title: "…项目支出绩效目标表", perhaps followed by "（2024年度）". A sentence that merely mentions
 * the form ("项目绩效目标表公开情况见附件") must not cut a target in two, hence the anchoring and length bound.
 */
function isTitle(key: string): boolean {
  return key.length <= 60 && /绩效目标表(（[^）]*）)?$/.test(key);
}

// ---------------------------------------------------------------------------------------------------------
// The sheet as recognisers see it: non-empty cells that show their own value (merge anchors and plain cells)

interface CellAt {
  row: number;
  col: number;
  /** Trimmed text. */
  text: string;
  /** labelKey(text), a cut-off label completed (fullLabel); a number's or boolean's own text. */
  key: string;
  /** What the key is to the form (computed once per distinct key). */
  info: KeyInfo;
  /** Grid.label(cell), made when first asked (a 二级 cell is its indicators' level2Label and its own label). */
  label: Label | undefined;
  /** Grid.valueRightOf(cell) without a bound, once asked (null: none); a form's labels are asked for it several times. */
  value: CellAt | null | undefined;
}

/** What the sheet tests (looksLikeTargetSheet, hasSummaryHeader) read of a cell's key. */
interface SheetTestInfo {
  key: string;
  /** looksLikeTargetSheet: names a form (项目名称 or a title) / marks one (its other labels, 一级指标). */
  names: boolean;
  marks: boolean;
}

/** The tests the recognisers make on a cell's key, made once per distinct key. */
interface KeyInfo extends SheetTestInfo {
  field: FieldKey | undefined;
  fund: FundLabelKey | undefined;
  /** isFormLabel(key) */
  formLabel: boolean;
  /** isTitle(key) */
  title: boolean;
  /** FOOTER.test(key) */
  footer: boolean;
  /** The tests above as RowFlag bits, OR-ed into the flags of the cell's row (Grid.flags). */
  flags: number;
}

/**
 * What a row holds, as bits OR-ed from its cells' KeyInfo (Grid.flags): the segment, field and fund readers and the
 * grid's end test skip the rows without the bit they look for (most rows of a form are indicator rows) instead of
 * testing each of their cells.
 */
const enum RowFlag {
  title = 1,
  projectName = 2,
  field = 4,
  fund = 8,
  footer = 16,
  /** The grid's 绩效指标 title cell (withoutGridTitle). */
  gridTitle = 32,
  /** A key beginning 三级指标, which every indicator header row has (findGridHeader). */
  level3Header = 64,
}

/** The RowFlag bits of a key's tests. */
function rowFlagsOf(key: string, field: FieldKey | undefined, fund: FundLabelKey | undefined, title: boolean, footer: boolean): number {
  return (
    (title ? RowFlag.title : 0) |
    (field === 'projectName' ? RowFlag.projectName : 0) |
    (field ? RowFlag.field : 0) |
    (fund ? RowFlag.fund : 0) |
    (footer ? RowFlag.footer : 0) |
    (key === '绩效指标' ? RowFlag.gridTitle : 0) |
    (key.startsWith('三级指标') ? RowFlag.level3Header : 0)
  );
}

/** SheetTestInfo.names: the key names a form (its 项目名称 label, or a title). */
const namesForm = (key: string, field: FieldKey | undefined): boolean => field === 'projectName' || isTitle(key);
/** SheetTestInfo.marks: the key marks a form (a fund label looked for only when the field does not mark it). */
const marksForm = (key: string, field: FieldKey | undefined): boolean => (!!field && TARGET_MARKS.has(field)) || !!fundOf(key) || key.startsWith('一级指标');

function keyInfo(key: string): KeyInfo {
  const field = fieldOf(key);
  const fund = fundOf(key);
  const title = isTitle(key);
  const footer = FOOTER.test(key);
  return {
    key,
    field,
    fund,
    formLabel: isFormLabel(key),
    title,
    footer,
    flags: rowFlagsOf(key, field, fund, title, footer),
    names: namesForm(key, field),
    marks: marksForm(key, field),
  };
}

/** A cell text's key (labelKey, a cut-off label completed) and its tests, memoised: the same labels recur on every form. */
const textMemo = new BoundedMemo<string, KeyInfo>(MEMO_LIMIT.texts);
const keyInfoMemo = new BoundedMemo<string, KeyInfo>(MEMO_LIMIT.texts);

function infoOfKey(key: string): KeyInfo {
  let info = keyInfoMemo.get(key);
  if (info === undefined) {
    info = keyInfo(key);
    keyInfoMemo.set(key, info);
  }
  return info;
}

function infoOfText(text: string): KeyInfo {
  // Long texts (goals, indicator values) seldom recur: computed, not kept.
  if (text.length > 60) return keyInfo(fullLabel(labelKey(text)));
  let info = textMemo.get(text);
  if (info === undefined) {
    info = infoOfKey(fullLabel(labelKey(text)));
    textMemo.set(text, info);
  }
  return info;
}

/** What a number or boolean cell is to the form: no label (one info shared by all; its key is the cell's text). */
const NUMBER_INFO: KeyInfo = { key: '', field: undefined, fund: undefined, formLabel: false, title: false, footer: false, flags: 0, names: false, marks: false };

/**
 * Sheets up to this many rows × columns have their texts' tests memoised by the sheet tests (the target forms'
 * labels recur, and the Grid of a form finds them there); on larger ones (a 100,000-row data sheet, its texts mostly
 * distinct) each text is tested once without a memo entry or an object.
 */
const MEMO_SHEET_CELLS = 200_000;

/** The one info of a large sheet's texts, overwritten per text: its visitor keeps nothing (no object per cell). */
const scratchInfo: SheetTestInfo = { key: '', names: false, marks: false };

function largeSheetTextInfo(text: string): SheetTestInfo {
  const key = fullLabel(labelKey(text));
  const field = fieldOf(key);
  scratchInfo.key = key;
  scratchInfo.names = namesForm(key, field);
  scratchInfo.marks = marksForm(key, field);
  return scratchInfo;
}

/** Visits a shown cell with its trimmed text, its key and its info; returns true to stop. */
type Visit<I> = (row: number, col: number, text: string, key: string, info: I) => boolean;

/**
 * Visits the non-empty cells that show their own value (merge anchors and plain cells) in row, then column order,
 * with their trimmed text, key and info, until `visit` returns true. Texts get `textInfo(text)`; numbers and
 * booleans get `numberInfo` with their own text as key, or are not visited when it is undefined.
 */
function scanShownCells<I extends SheetTestInfo>(sheet: SheetSnapshot, textInfo: (text: string) => I, numberInfo: I | undefined, visit: Visit<I>): void {
  const merges = mergesOf(sheet);
  // A sheet without merges covers no cell: not asked per cell.
  const merged = sheet.merges.length > 0;
  const rows = sheet.rows;
  // Far beyond the rows in use, visit only the rows that exist (the keys of a sparse array).
  const indices = rows.length > DENSE_ROWS ? Object.keys(rows).map(Number) : undefined;
  const n = indices ? indices.length : rows.length;
  for (let i = 0; i < n; i++) {
    const r = indices ? indices[i] : i;
    const cells = rows[r];
    if (!cells) continue;
    for (let c = 0; c < cells.length; c++) {
      const value = cells[c]?.value;
      if (value === null || value === undefined) continue;
      let text: string;
      let info: I;
      if (typeof value === 'string') {
        text = value.trim();
        // A covered cell shows its merge's value, not its own: some writers leave stale text there.
        if (!text || (merged && merges.isCovered(r + 1, c + 1))) continue;
        info = textInfo(text);
        if (visit(r + 1, c + 1, text, info.key, info)) return;
      } else if (numberInfo) {
        // A number's or boolean's text has no spaces to trim.
        text = String(value);
        if (merged && merges.isCovered(r + 1, c + 1)) continue;
        if (visit(r + 1, c + 1, text, text, numberInfo)) return;
      }
    }
  }
}

/**
 * The shown cells of a sheet by row (cells in column order): an array indexed by row number for a sheet of up to
 * DENSE_ROWS rows (no hashing per lookup, no Map grown row by row), a Map beyond, so that a stray entry in row
 * 1,048,576 makes no million-slot array. `flags`: each row's RowFlag bits (dense sheets only; 0 for a row without
 * cells). `last`: the last row with a shown cell.
 */
interface ShownCells {
  dense: CellAt[][] | undefined;
  sparse: Map<number, CellAt[]> | undefined;
  flags: number[] | undefined;
  last: number;
}

/** Rows up to which a sheet is walked by row index (scanShownCells, buildShownCells): beyond, only the rows that exist. */
const DENSE_ROWS = 100_000;

/**
 * The shown cells as scanShownCells visits them (texts with infoOfText, numbers and booleans with NUMBER_INFO), in
 * one loop of its own: one CellAt per cell, no visitor call. A row's cells are gathered in one buffer and kept as an
 * exact copy of it (a list grown by push reserves room for 16 cells, most rows have 2 to 5).
 */
function buildShownCells(sheet: SheetSnapshot): ShownCells {
  const rows = sheet.rows;
  // Rows 1 … rows.length, every one NO_CELLS until it has cells.
  const dense = rows.length <= DENSE_ROWS ? new Array<CellAt[]>(rows.length + 1).fill(NO_CELLS) : undefined;
  const flags = dense ? new Array<number>(rows.length + 1).fill(0) : undefined;
  const sparse = dense ? undefined : new Map<number, CellAt[]>();
  const merges = mergesOf(sheet);
  const merged = sheet.merges.length > 0;
  // Far beyond the rows in use, visit only the rows that exist (the keys of a sparse array).
  const indices = dense ? undefined : Object.keys(rows).map(Number);
  const n = indices ? indices.length : rows.length;
  const buffer: CellAt[] = [];
  let last = 0;
  for (let i = 0; i < n; i++) {
    const r = indices ? indices[i] : i;
    const cells = rows[r];
    if (!cells) continue;
    const row = r + 1;
    let count = 0;
    let rowFlags = 0;
    for (let c = 0; c < cells.length; c++) {
      const value = cells[c]?.value;
      if (value === null || value === undefined) continue;
      // A covered cell shows its merge's value, not its own: some writers leave stale text there.
      let text: string;
      let info: KeyInfo;
      if (typeof value === 'string') {
        text = value.trim();
        if (!text || (merged && merges.isCovered(row, c + 1))) continue;
        info = infoOfText(text);
      } else {
        if (merged && merges.isCovered(row, c + 1)) continue;
        // A number's or boolean's text has no spaces to trim; its key is its text.
        text = String(value);
        info = NUMBER_INFO;
      }
      const cell: CellAt = { row, col: c + 1, text, key: info === NUMBER_INFO ? text : info.key, info, label: undefined, value: undefined };
      if (count < buffer.length) buffer[count] = cell;
      else buffer.push(cell);
      count++;
      rowFlags |= info.flags;
    }
    if (!count) continue;
    const list = buffer.slice(0, count);
    if (dense) {
      dense[row] = list;
      flags![row] = rowFlags;
    } else sparse!.set(row, list);
    last = row;
  }
  return { dense, sparse, flags, last };
}

/** The cells of a row without any (shared, never changed). */
const NO_CELLS: CellAt[] = [];

class Grid {
  readonly merges: MergeIndex;
  readonly lastRow: number;
  private readonly dense: CellAt[][] | undefined;
  private readonly sparse: Map<number, CellAt[]> | undefined;
  private readonly rowFlags: number[] | undefined;
  private readonly extent = new Map<number, MergeArea>();

  constructor(readonly sheet: SheetSnapshot) {
    this.merges = mergesOf(sheet);
    for (const m of sheet.merges) this.extent.set(m.top * 16384 + m.left, m);
    const shown = buildShownCells(sheet);
    this.dense = shown.dense;
    this.sparse = shown.sparse;
    this.rowFlags = shown.flags;
    this.lastRow = Math.max(sheet.rowCount, shown.last, 0);
  }

  /** The row's cells in column order (do not change the array). */
  cells(row: number): CellAt[] {
    return (this.dense ? this.dense[row] : this.sparse!.get(row)) ?? NO_CELLS;
  }

  /**
   * Whether the row may hold a cell with one of the RowFlag bits: its cells' bits on a dense sheet, on a sparse one
   * (a sheet of more than DENSE_ROWS rows) every row may.
   */
  mayHave(row: number, bits: number): boolean {
    const flags = this.rowFlags;
    return flags ? (flags[row] & bits) !== 0 : true;
  }

  right(cell: CellAt): number {
    return this.extent.get(cell.row * 16384 + cell.col)?.right ?? cell.col;
  }

  bottom(cell: CellAt): number {
    return this.extent.get(cell.row * 16384 + cell.col)?.bottom ?? cell.row;
  }

  /** The cell's Label, one per cell (rules only read labels: shared by every indicator and field naming it). */
  label(cell: CellAt): Label {
    return (cell.label ??= { text: cell.text, sheet: this.sheet.name, cell: a1(cell.row, cell.col), row: cell.row, col: cell.col });
  }

  /**
   * The value of a label: the first non-empty cell right of the label's merge (so a label spanning two
   * columns is never its own value), on any row the label spans; undefined when the next cell is another
   * label of the form. `beforeCol` bounds the search (exclusive).
   */
  valueRightOf(label: CellAt, beforeCol = Infinity): CellAt | undefined {
    if (beforeCol !== Infinity) return this.findValueRightOf(label, beforeCol);
    if (label.value === undefined) label.value = this.findValueRightOf(label, Infinity) ?? null;
    return label.value ?? undefined;
  }

  private findValueRightOf(label: CellAt, beforeCol: number): CellAt | undefined {
    const from = this.right(label);
    const bottom = this.bottom(label);
    // Loops, not find with a closure: asked for every label of every form.
    for (let r = label.row; r <= bottom; r++) {
      for (const c of this.cells(r)) if (c.col > from && c.col < beforeCol) return c.info.formLabel ? undefined : c;
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Amounts

/** Reads the amount at (row, col); bad text becomes a finding and no figure. */
function figureAt(grid: Grid, row: number, col: number, findings: Finding[]): Figure | undefined {
  const cell = getCell(grid.sheet, row, col);
  if (cell?.formula && (cell.value === null || cell.value === '')) {
    // Saved without its result: computed when it is a plain sum of cells, else unread (formula-eval.ts).
    const at = a1(row, col);
    const value = evaluatePlainFormula(cell.formula, grid.sheet, row, col);
    if (value) return makeFigure(grid.sheet.name, at, row, col, value, false, cell.formula, undefined, true);
    findings.push(uncachedFormulaFinding({ sheet: grid.sheet.name, cell: at, formula: cell.formula }));
    return makeFigure(grid.sheet.name, at, row, col, ZERO, true, cell.formula, true);
  }
  const parsed = parseAmount(cell?.value ?? null);
  if (parsed.kind === 'bad') {
    // No figure: the rules that need this amount skip it (never read as 0).
    findings.push(notANumberFinding({ sheet: grid.sheet.name, cell: a1(row, col), text: parsed.text, effect: '该金额不参与校验' }));
    return undefined;
  }
  return makeFigure(grid.sheet.name, a1(row, col), row, col, parsed.kind === 'number' ? parsed.value : ZERO, parsed.kind === 'empty', cell?.formula || undefined);
}

// ---------------------------------------------------------------------------------------------------------
// Segments: one target per title, or per 项目名称 label when the sheet stacks targets without titles

interface Segment {
  start: number;
  end: number;
  title?: CellAt;
}

function findSegments(grid: Grid): Segment[] {
  const segments: Segment[] = [];
  let current: (Segment & { named: boolean }) | undefined;
  const open = (start: number, title?: CellAt) => {
    if (current) current.end = start - 1;
    current = { start, end: grid.lastRow, title, named: false };
    segments.push(current);
  };
  for (let r = 1; r <= grid.lastRow; r++) {
    if (!grid.mayHave(r, RowFlag.title | RowFlag.projectName)) continue;
    const cells = grid.cells(r);
    const title = titleOf(cells);
    if (title) {
      open(r, title);
      continue;
    }
    if (!hasProjectName(cells)) continue;
    if (!current || current.named) open(r);
    current!.named = true;
  }
  return segments;
}

/** A row's form title cell (findSegments asks every row: loops, no closures). */
function titleOf(cells: CellAt[]): CellAt | undefined {
  for (const c of cells) if (c.info.title) return c;
  return undefined;
}

function hasProjectName(cells: CellAt[]): boolean {
  for (const c of cells) if (c.info.field === 'projectName') return true;
  return false;
}

/**
 * The first cell of each label of the form, every key present from the start (one hidden class for every form: keys
 * added in each form's own order made the field reads megamorphic); `order`: the labels found, in the order found.
 */
type Fields = Record<FieldKey, CellAt | undefined> & { order: FieldKey[] };

function noFields(): Fields {
  return {
    projectName: undefined,
    department: undefined,
    implementer: undefined,
    attribute: undefined,
    period: undefined,
    funds: undefined,
    overview: undefined,
    basis: undefined,
    necessity: undefined,
    measures: undefined,
    plan: undefined,
    overallGoal: undefined,
    periodGoal: undefined,
    annualGoal: undefined,
    order: [],
  };
}

/** The first cell of each label of the form within the segment. */
function findFields(grid: Grid, seg: Segment): Fields {
  const fields = noFields();
  for (let r = seg.start; r <= seg.end; r++) {
    if (!grid.mayHave(r, RowFlag.field)) continue;
    for (const c of grid.cells(r)) {
      const f = c.info.field;
      if (f && !fields[f]) {
        fields[f] = c;
        fields.order.push(f);
      }
    }
  }
  return fields;
}

/**
 * Where a label's value would stand when it is blank: the cell right after the label's merge, unless another
 * label of the form stands there. For findings on the cell to fill (issue #11 item 3).
 */
function slotRightOf(grid: Grid, cell: CellAt | undefined, valueCol?: number): Label | undefined {
  if (!cell) return undefined;
  const col = valueCol !== undefined && valueCol > grid.right(cell) ? valueCol : grid.right(cell) + 1;
  const there = grid.cells(cell.row).find((c) => c.col === col);
  if (there || grid.merges.isCovered(cell.row, col)) return undefined;
  return { text: '', sheet: grid.sheet.name, cell: a1(cell.row, col), row: cell.row, col };
}

function labelRightOf(grid: Grid, cell: CellAt | undefined): Label | undefined {
  if (!cell) return undefined;
  const v = grid.valueRightOf(cell);
  return v ? grid.label(v) : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Title and year

function readYear(grid: Grid, seg: Segment, nameRow: number): number | undefined {
  const texts: string[] = [];
  for (let r = seg.start; r < nameRow; r++) texts.push(...grid.cells(r).map((c) => c.text));
  for (const re of [/((?:19|20)\d{2})\s*年度/, /((?:19|20)\d{2})\s*年/]) {
    for (const t of texts) {
      const m = re.exec(t);
      if (m) return Number(m[1]);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// 项目资金（元）: 实施期 and 年度 column groups, or a single annual amount

type FundGroup = 'period' | 'annual';

interface FundLabel {
  key: FundLabelKey;
  cell: CellAt;
  group: FundGroup;
  /** Exclusive bound for its value: the next fund label on the row. */
  beforeCol: number;
  /** Set by readFunds (present from the start: one hidden class). */
  value: CellAt | undefined;
}

function fundsKeyOf(key: FundLabelKey): FundsKey {
  return key === 'periodTotal' || key === 'annualTotal' ? 'total' : key;
}

/** A fund label's group (a function of the module, not a closure per form: see unreadableFinding). */
function groupOf(l: { cell: CellAt; key: FundLabelKey }, i: number, rowLength: number, boundary: number, onlyPeriod: boolean): FundGroup {
  if (l.key === 'periodTotal') return 'period';
  if (l.key === 'annualTotal') return 'annual';
  // Two labels on one row are the two groups side by side, even when the row is shifted.
  if (rowLength >= 2) return i === 0 ? 'period' : 'annual';
  if (boundary) return l.cell.col >= boundary ? 'annual' : 'period';
  return onlyPeriod ? 'period' : 'annual';
}

function collectFundLabels(grid: Grid, from: number, to: number): FundLabel[] {
  // The fund labels row by row: [start, end) of each row's labels in `found`.
  const found: { cell: CellAt; key: FundLabelKey }[] = [];
  const rows: number[] = [];
  let periodTotal: CellAt | undefined;
  let annualTotal: CellAt | undefined;
  for (let r = from; r <= to; r++) {
    if (!grid.mayHave(r, RowFlag.fund)) continue;
    const start = found.length;
    for (const cell of grid.cells(r)) {
      const key = cell.info.fund;
      if (!key) continue;
      found.push({ cell, key });
      if (key === 'periodTotal') periodTotal ??= cell;
      else if (key === 'annualTotal') annualTotal ??= cell;
    }
    if (found.length > start) rows.push(start, found.length);
  }
  const boundary = periodTotal && annualTotal && annualTotal.col > periodTotal.col ? annualTotal.col : 0;
  const onlyPeriod = !!periodTotal && !annualTotal;
  const out: FundLabel[] = [];
  for (let k = 0; k < rows.length; k += 2) {
    const start = rows[k];
    const end = rows[k + 1];
    for (let i = start; i < end; i++) {
      const l = found[i];
      out.push({ cell: l.cell, key: l.key, group: groupOf(l, i - start, end - start, boundary, onlyPeriod), beforeCol: i + 1 < end ? found[i + 1].cell.col : Infinity, value: undefined });
    }
  }
  return out;
}

/** The column where a group's amounts stand, for placing an empty figure. */
function valueColumn(labels: FundLabel[], group: FundGroup): number | undefined {
  const inGroup = labels.filter((l) => l.group === group && l.value);
  return (inGroup.find((l) => fundsKeyOf(l.key) === 'total') ?? inGroup[0])?.value?.col;
}

function fundFigure(grid: Grid, l: FundLabel, valueCol: number | undefined, findings: Finding[]): Figure | undefined {
  if (l.value) return figureAt(grid, l.value.row, l.value.col, findings);
  // A group whose amounts are all blank: its value cells stand right after each label (the template's layout), so
  // that an empty total is reported on the empty cell itself, not on the form's name.
  const col = valueCol ?? grid.right(l.cell) + 1;
  if (col <= grid.right(l.cell) || col >= l.beforeCol || col > grid.sheet.colCount + 1) return undefined;
  return figureAt(grid, l.cell.row, col, findings);
}

interface FundsRead {
  period: Funds;
  annual: Funds;
  hasPeriod: boolean;
  unrecognised: Unrecognised[];
}

/** A cell in a fund label's column that is none of the labels. */
function isUnknownFundLine(labels: FundLabel[], c: CellAt): boolean {
  let inColumn = false;
  for (const l of labels) {
    if (l.cell === c) return false;
    if (l.cell.col === c.col) inColumn = true;
  }
  return inColumn;
}

/**
 * Lines of the 项目资金 block whose label is no known source but which carry an amount (a label spelt otherwise,
 * or cut off beyond recognition): INPUT.unrecognised, and the group's sums are skipped (never summed without them).
 */
function unknownFundLines(grid: Grid, labels: FundLabel[], into: FundsRead, findings: Finding[]): void {
  if (!labels.length) return;
  // A form has a handful of fund labels: loops over them, no Sets or spreads (asked for every form).
  let top = Infinity;
  let bottom = -Infinity;
  let annualStart: number | undefined;
  let periodStart: number | undefined;
  for (const l of labels) {
    if (l.cell.row < top) top = l.cell.row;
    const b = grid.bottom(l.cell);
    if (b > bottom) bottom = b;
    if (l.key === 'annualTotal') annualStart ??= l.cell.col;
    if (l.key === 'periodTotal') periodStart ??= l.cell.col;
  }
  for (let r = top; r <= bottom; r++) {
    for (const c of grid.cells(r)) {
      if (c.info.formLabel || !isUnknownFundLine(labels, c)) continue;
      if (parseAmount(c.text).kind !== 'bad') continue; // an amount, not a label
      const v = grid.valueRightOf(c, labels.find((l) => l.cell.row === r && l.cell.col > c.col)?.cell.col ?? Infinity);
      if (!v) continue;
      const amount = parseAmount(v.text);
      if (amount.kind !== 'number') continue;
      const group: FundGroup = annualStart !== undefined && c.col >= annualStart ? 'annual' : periodStart !== undefined ? 'period' : 'annual';
      const label = grid.label(c);
      const fig = figureAt(grid, v.row, v.col, findings);
      into.unrecognised.push({ label, part: group, ...(fig ? { amount: fig } : {}) });
      findings.push(
        unrecognisedFinding({
          sheet: grid.sheet.name,
          cell: label.cell,
          text: c.text,
          amount: `${amount.value.toFixed()} 元`,
          skipped: `${group === 'period' ? '实施期' : '年度'}资金总额与各资金来源之和的校验`,
          related: [a1(v.row, v.col)],
        }),
      );
    }
  }
}

function readFunds(grid: Grid, seg: Segment, fields: Fields, lastRow: number, findings: Finding[]): FundsRead {
  const result: FundsRead = { period: {}, annual: {}, hasPeriod: false, unrecognised: [] };
  const labels = collectFundLabels(grid, seg.start, lastRow);
  for (const l of labels) l.value = grid.valueRightOf(l.cell, l.beforeCol);
  const cols = { period: valueColumn(labels, 'period'), annual: valueColumn(labels, 'annual') };
  // A group with every amount blank: its values stand as far right of its labels as the other group's do.
  for (const [g, other] of [['period', 'annual'], ['annual', 'period']] as const) {
    const ref = labels.find((l) => l.group === other && l.value && l.value.row === l.cell.row);
    const own = labels.find((l) => l.group === g);
    if (cols[g] === undefined && ref && own) cols[g] = own.cell.col + (ref.value!.col - ref.cell.col);
  }
  for (const l of labels) {
    const funds = result[l.group];
    const key = fundsKeyOf(l.key);
    if (key in funds) continue; // a repeated label: the first one stands
    const fig = fundFigure(grid, l, cols[l.group], findings);
    if (fig) funds[key] = fig;
    if (l.group === 'period') result.hasPeriod = true;
  }
  if (!labels.length && fields.funds) readSingleAmount(grid, fields.funds, result, findings);
  unknownFundLines(grid, labels, result, findings);
  return result;
}

/** Seed 003 style: "项目资金（元） | 4515600" with no breakdown is the year's total. */
function readSingleAmount(grid: Grid, label: CellAt, into: FundsRead, findings: Finding[]): void {
  const v = grid.valueRightOf(label);
  const fig = v && figureAt(grid, v.row, v.col, findings);
  if (fig) into.annual.total = fig;
}

// ---------------------------------------------------------------------------------------------------------
// 总体目标: 实施期目标 | 年度目标 as column headers, or a single labelled goal

interface Goals {
  periodGoal?: Label;
  annualGoal?: Label;
}

function readGoals(grid: Grid, fields: Fields, lastRow: number, annualOnly: boolean): Goals {
  const { periodGoal: ph, annualGoal: ah, overallGoal: overall } = fields;
  if (ph && ah && ph.row === ah.row && ah.col > ph.col) return goalsUnderHeaders(grid, ah, lastRow);
  const goals: Goals = {};
  if (ph) goals.periodGoal = goalOf(grid, ph, lastRow);
  if (ah) goals.annualGoal = goalOf(grid, ah, lastRow);
  if (!ph && !ah && overall) goals[annualOnly ? 'annualGoal' : 'periodGoal'] = goalOf(grid, overall, lastRow);
  return goals;
}

/** Where blank goals stand: under their column headers (实施期目标 | 年度目标), else right of their label. */
function goalSlots(grid: Grid, fields: Fields): Partial<Record<'periodGoal' | 'annualGoal', Label>> {
  const out: Partial<Record<'periodGoal' | 'annualGoal', Label>> = {};
  const { periodGoal: ph, annualGoal: ah } = fields;
  if (ph && ah && ph.row === ah.row && ah.col > ph.col) {
    const row = grid.bottom(ah) + 1;
    for (const [k, h] of [['periodGoal', ph], ['annualGoal', ah]] as const) {
      out[k] = { text: '', sheet: grid.sheet.name, cell: a1(row, h.col), row, col: h.col };
    }
    return out;
  }
  for (const [k, h] of [['periodGoal', ph], ['annualGoal', ah]] as const) {
    const slot = h && !grid.valueRightOf(h) ? slotRightOf(grid, h) : undefined;
    if (slot) out[k] = slot;
  }
  return out;
}

/** Texts on the rows below the header row: left of 年度目标's column is 实施期, the rest 年度. */
function goalsUnderHeaders(grid: Grid, annualHeader: CellAt, lastRow: number): Goals {
  const goals: Goals = {};
  const first = grid.bottom(annualHeader) + 1;
  // Blank rows may separate the headers from the texts (seed 002); the grid header bounds the search.
  for (let r = first; r <= Math.min(lastRow, first + 5); r++) {
    for (const c of grid.cells(r)) {
      if (c.info.formLabel) continue;
      const key = c.col < annualHeader.col ? 'periodGoal' : 'annualGoal';
      goals[key] ??= grid.label(c);
    }
  }
  return goals;
}

/** A labelled goal: the text right of the label, else the first text below it. */
function goalOf(grid: Grid, label: CellAt, lastRow: number): Label | undefined {
  const right = grid.valueRightOf(label);
  if (right) return grid.label(right);
  for (let r = grid.bottom(label) + 1; r <= Math.min(lastRow, label.row + 3); r++) {
    const c = grid.cells(r).find((x) => x.col >= label.col);
    if (c) return c.info.formLabel ? undefined : grid.label(c);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The indicator grid

interface ColumnGroup {
  l2: number;
  l3: number;
  value: number;
  /** Exclusive: where the next group starts. */
  end: number;
}

interface GridHeader {
  row: number;
  l1: number;
  groups: ColumnGroup[];
}

function findGridHeader(grid: Grid, from: number, to: number): GridHeader | undefined {
  for (let r = from; r <= to; r++) {
    if (!grid.mayHave(r, RowFlag.level3Header)) continue;
    const cells = grid.cells(r);
    if (!hasPrefix(cells, '三级指标') || !hasPrefix(cells, '指标值') || !(hasPrefix(cells, '一级指标') || hasPrefix(cells, '二级指标'))) continue;
    const groups = headerGroups(cells);
    if (!groups.length) continue;
    const l1 = cells.find((c) => c.key.startsWith('一级指标'))?.col ?? groups[0].l2 - 1;
    return { row: grid.bottom(cells.find((c) => c.key.startsWith('三级指标'))!), l1, groups };
  }
  return undefined;
}

function hasPrefix(cells: CellAt[], prefix: string): boolean {
  for (const c of cells) if (c.key.startsWith(prefix)) return true;
  return false;
}

/** 二级 | 三级 | 指标值 column sets, left to right (one for annual-only forms, two for 实施期 + 年度). */
function headerGroups(cells: CellAt[]): ColumnGroup[] {
  const groups: ColumnGroup[] = [];
  let open: ColumnGroup | undefined;
  for (const c of cells) {
    if (c.key.startsWith('二级指标') || (c.key.startsWith('三级指标') && (!open || open.l3))) {
      // all keys from the start (0: not found yet); `end` a double from the start, as Infinity makes it
      open = { l2: c.key.startsWith('二级指标') ? c.col : c.col - 1, l3: 0, value: 0, end: Infinity };
      groups.push(open);
    }
    if (!open) continue;
    if (c.key.startsWith('三级指标') && !open.l3) open.l3 = c.col;
    else if (c.key.startsWith('指标值') && open.l3 && !open.value) open.value = c.col;
  }
  const complete = groups.filter((g) => g.l3 && g.value);
  complete.forEach((g, i) => (g.end = complete[i + 1]?.l2 ?? Infinity));
  return complete;
}

interface RowPart {
  l2?: CellAt;
  l3?: CellAt;
  value?: CellAt;
}

interface RowRead {
  l1?: CellAt;
  parts: RowPart[];
}

/** 一级 and 二级 names as they stand in a grid (full names only: "满意度" alone is a fine 三级 name). */
const isLevelName = (key: string) => LEVEL2.has(key) || (LEVEL1.has(key) && key.endsWith('指标'));

const sameLevel2 = (a: string, b: string) => a.replace(/指标$/, '') === b.replace(/指标$/, '');

/**
 * Reads a row by the header's columns; undefined when the row's cells have slid left out of their columns
 * (PDF-derived sheets print merged cells once). A row counts as shifted when
 *  - a cell stands left of the 一级 column, or two cells share one column's range;
 *  - the 一级 column holds something that is no 一级 name (seed 001 "省级负担党员培训成本");
 *  - a 二级 column holds an unknown name while its group has a 三级 but no 指标值 (三级 → 二级, 值 → 三级);
 *  - a 一级/二级 name stands in a 指标值 column whose 三级 is truly blank (neither filled nor covered by a
 *    merge), or in a 三级 column whose 二级 is truly blank and which is not the carried 二级 itself (an
 *    unmerged sheet leaves a repeated 二级 blank, and "服务对象满意度" is a common 三级 under it).
 */
function readRowByColumns(grid: Grid, row: number, cells: CellAt[], header: GridHeader, carry: Carry, into: RowRead, slots: ColumnSlots): RowRead | undefined {
  if (slots.bounds && !sortIntoSlots(cells, slots.bounds, slots.cells)) return undefined;
  const slot = slots.bounds ? slots.cells : undefined;
  if (!slot) for (const c of cells) if (c.col < header.l1) return undefined;
  const l1 = slot ? slot[0] : singleIn(cells, header.l1, header.groups[0].l2);
  if (l1 === null || (l1 && !LEVEL1.has(l1.key))) return undefined;
  for (let i = 0; i < header.groups.length; i++) {
    const g = header.groups[i];
    const l2 = slot ? slot[1 + 3 * i] : singleIn(cells, g.l2, g.l3);
    const l3 = slot ? slot[2 + 3 * i] : singleIn(cells, g.l3, g.value);
    const value = slot ? slot[3 + 3 * i] : singleIn(cells, g.value, g.end);
    if (l2 === null || l3 === null || value === null) return undefined;
    if (l2 && !LEVEL2.has(l2.key) && !l2.key.endsWith('指标') && l3 && !value) return undefined;
    // (whether the 三级 is the carried 二级 is asked last: it normalises the carried name; l2 and l3 are not null
    // here, so an undefined one is a blank column range, as blankIn tells from the cells)
    if (l3 && isLevelName(l3.key) && (slot ? !l2 && !grid.merges.isCovered(row, g.l2) : blankIn(grid, row, cells, g.l2, g.l3)) && !sameLevel2(l3.key, labelKey(carry.l2[i])))
      return undefined;
    if (value && isLevelName(value.key) && (slot ? !l3 && !grid.merges.isCovered(row, g.l3) : blankIn(grid, row, cells, g.l3, g.value))) return undefined;
    const part = into.parts[i];
    part.l2 = l2;
    part.l3 = l3;
    part.value = value;
  }
  into.l1 = l1;
  return into;
}

/**
 * The RowRead that readRowByColumns fills, one per grid and reused row after row: a row's parts are read at once
 * into indicators and kept nowhere (one part per column group, as readRowByColumns reads them).
 */
function rowScratch(header: GridHeader): RowRead {
  return { l1: undefined, parts: mapPacked(header.groups, () => ({ l2: undefined, l3: undefined, value: undefined })) };
}

/**
 * The header's column ranges as one list of bounds, for reading a row in one pass over its cells: [l1, l2₀), then
 * each group's [l2, l3), [l3, value), [value, end). `bounds` is undefined when they do not ascend (a header whose
 * groups overlap): such a row is read range by range (singleIn). `cells`: the cell of each range, reused per row.
 */
interface ColumnSlots {
  bounds: number[] | undefined;
  cells: (CellAt | undefined | null)[];
}

function columnSlots(header: GridHeader): ColumnSlots {
  const bounds = [header.l1];
  for (const g of header.groups) bounds.push(g.l2, g.l3, g.value);
  bounds.push(header.groups[header.groups.length - 1].end);
  let ascending = true;
  for (let k = 1; k < bounds.length; k++) if (bounds[k] < bounds[k - 1]) ascending = false;
  // (each group's end is the next one's l2: the ranges adjoin, and the last ends at Infinity)
  for (let i = 0; i + 1 < header.groups.length; i++) if (header.groups[i].end !== header.groups[i + 1].l2) ascending = false;
  return { bounds: ascending ? bounds : undefined, cells: mapPacked(bounds.slice(1), () => undefined) };
}

/**
 * Puts each cell of the row (in column order) into the range of `bounds` it stands in: into[k] is the one cell of
 * [bounds[k], bounds[k + 1]), undefined when none, null when several (as singleIn). False when a cell stands left
 * of the first range.
 */
function sortIntoSlots(cells: CellAt[], bounds: number[], into: (CellAt | undefined | null)[]): boolean {
  for (let k = 0; k < into.length; k++) into[k] = undefined;
  let k = 0;
  for (const c of cells) {
    if (c.col < bounds[0]) return false;
    while (c.col >= bounds[k + 1]) k++;
    into[k] = into[k] === undefined ? c : null;
  }
  return true;
}

/** The one cell of the row in columns [a, b): undefined when none, null when several. */
function singleIn(cells: CellAt[], a: number, b: number): CellAt | undefined | null {
  let found: CellAt | undefined;
  for (const c of cells) {
    if (c.col < a || c.col >= b) continue;
    if (found) return null;
    found = c;
  }
  return found;
}

/** Columns [a, b) of the row hold nothing, and `a` is covered by no merge. */
function blankIn(grid: Grid, row: number, cells: CellAt[], a: number, b: number): boolean {
  for (const c of cells) if (c.col >= a && c.col < b) return false;
  return !grid.merges.isCovered(row, a);
}

/**
 * Reads a shifted row (seed 001: "省级负担党员培训成本" standing in the 一级 column) by the order of its
 * cells: 一级 names, 二级 names, then 三级 and 指标值 in pairs; a second 二级 name or a third plain text
 * starts the next column group.
 */
function readRowBySequence(cells: CellAt[], groupCount: number): RowRead {
  // (every key present from the start: one hidden class for the parts read both ways)
  const read: RowRead = { l1: undefined, parts: [{ l2: undefined, l3: undefined, value: undefined }] };
  let part = read.parts[0];
  const advance = () => {
    if (read.parts.length >= groupCount) return false;
    part = { l2: undefined, l3: undefined, value: undefined };
    read.parts.push(part);
    return true;
  };
  for (const c of cells) {
    if (LEVEL1.has(c.key)) {
      read.l1 ??= c;
    } else if (LEVEL2.has(c.key)) {
      if ((part.l2 || part.l3) && !advance()) break;
      part.l2 = c;
    } else {
      if (part.value && !advance()) break;
      if (part.l3) part.value = c;
      else part.l3 = c;
    }
  }
  return read;
}

function isGridEnd(cells: CellAt[]): boolean {
  for (const c of cells) if (c.info.footer || c.info.title || c.info.field === 'projectName') return true;
  return false;
}

/** 一级 and each group's 二级, carried down over merged or blank cells. */
interface Carry {
  l1: string;
  l2: string[];
  l2cell: (Label | undefined)[];
}

/** A row with no text of its own that lies inside a merged 一级 or 二级 cell is still part of the grid. */
function isCoveredGridRow(grid: Grid, row: number, header: GridHeader): boolean {
  if (grid.merges.isCovered(row, header.l1)) return true;
  for (const g of header.groups) if (grid.merges.isCovered(row, g.l2)) return true;
  return false;
}

/** A row's cells without the grid's 绩效指标 title cell (the row's own array when it has none: most rows). */
function withoutGridTitle(cells: CellAt[]): CellAt[] {
  for (const c of cells) if (c.key === '绩效指标') return cells.filter((x) => x.key !== '绩效指标');
  return cells;
}

function readIndicators(grid: Grid, header: GridHeader, lastRow: number): Indicator[][] {
  const lists: Indicator[][] = header.groups.map(() => []);
  // (mapPacked: packed arrays in every tier, as the readers of carry saw them first)
  const carry: Carry = { l1: '', l2: mapPacked(header.groups, () => ''), l2cell: mapPacked(header.groups, () => undefined) };
  let l1cell: CellAt | undefined;
  let l1label: Label | undefined; // one Label for the rows under the same 一级 cell
  let blanks = 0;
  const scratch = rowScratch(header);
  const slots = columnSlots(header);
  for (let r = header.row + 1; r <= lastRow; r++) {
    const own = grid.cells(r);
    const cells = grid.mayHave(r, RowFlag.gridTitle) ? withoutGridTitle(own) : own;
    if (!cells.length && !isCoveredGridRow(grid, r, header)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    if (grid.mayHave(r, RowFlag.footer | RowFlag.title | RowFlag.projectName) && isGridEnd(cells)) break;
    const read = readRowByColumns(grid, r, cells, header, carry, scratch, slots) ?? readRowBySequence(cells, header.groups.length);
    if (read.l1 && read.l1.text !== carry.l1) {
      carry.l1 = read.l1.text;
      // (cleared in place: only read by index)
      for (let g = 0; g < carry.l2.length; g++) {
        carry.l2[g] = '';
        carry.l2cell[g] = undefined;
      }
    }
    if (read.l1 && read.l1 !== l1cell) {
      l1cell = read.l1;
      l1label = grid.label(l1cell);
    }
    // The 一级 stands for this row when it is on the row or its merge covers it; a 一级 carried over blank
    // cells may belong to the rows below it (text centred in a printed merge) and says nothing for sure.
    const l1Stated = !!l1cell && r >= l1cell.row && r <= grid.bottom(l1cell);
    for (let g = 0; g < read.parts.length; g++) {
      const ind = indicatorOf(grid, read.parts[g], carry, g) ?? emptySlot(grid, r, header.groups[g], carry, g);
      if (ind && l1label) ind.level1Label = l1label;
      if (ind && l1Stated) ind.level1Stated = true;
      if (ind) lists[g].push(ind);
    }
  }
  return lists;
}

function indicatorOf(grid: Grid, part: RowPart, carry: Carry, g: number): Indicator | undefined {
  if (part.l2) {
    carry.l2[g] = part.l2.text;
    carry.l2cell[g] = grid.label(part.l2);
  }
  const at = part.l3 ?? part.l2 ?? part.value;
  if (!at) return undefined;
  return newIndicator(carry.l1, carry.l2[g], part.l3?.text ?? '', part.value?.text ?? '', grid.label(at), part.value ? grid.label(part.value) : undefined, carry.l2cell[g] || undefined);
}

/**
 * A row of a merged 二级 left empty in this column set: an indicator with no 三级 and no 指标值, labelled
 * at its empty 三级 cell, so that rules see the slot the form shows.
 */
function emptySlot(grid: Grid, row: number, g: ColumnGroup, carry: Carry, i: number): Indicator | undefined {
  if (!grid.merges.isCovered(row, g.l2) || !carry.l2[i]) return undefined;
  const label: Label = { text: '', sheet: grid.sheet.name, cell: a1(row, g.l3), row, col: g.l3 };
  return newIndicator(carry.l1, carry.l2[i], '', '', label, undefined, carry.l2cell[i] || undefined);
}

/**
 * Every Indicator is made here with all its keys, in one order (absent ones undefined; level1Label and level1Stated
 * are set by readIndicators): optional keys added afterwards in varying sets gave the indicators up to 16 hidden
 * classes, and the rules reading them "wrong map" deopts.
 */
function newIndicator(level1: string, level2: string, level3: string, value: string, label: Label, valueLabel: Label | undefined, level2Label: Label | undefined): Indicator {
  return { level1, level2, level3, value, label, valueLabel, level2Label, level1Label: undefined, level1Stated: undefined };
}

// ---------------------------------------------------------------------------------------------------------
// One target

/**
 * A segment is a target when it names a project and carries another label of the form, or when it has a
 * title and several labels (a form whose 项目名称 label was lost still counts: P.coverage reports it).
 */
function isTarget(seg: Segment, fields: Fields): boolean {
  const count = fields.order.length;
  return fields.projectName ? count >= 2 : !!seg.title && count >= 3;
}

function firstFieldRow(fields: Fields): number {
  return Math.min(...fields.order.map((k) => fields[k]!.row));
}

/**
 * INPUT.unrecognised for a label the form lacks. A function of the module: under esbuild's keepNames (tsx, the
 * bench) a named closure made per call costs a defineProperty each.
 */
function unreadableFinding(grid: Grid, seg: Segment, what: string, skipped: string): Finding {
  const form = `工作表“${grid.sheet.name}”第 ${seg.start} 行起的绩效目标表${seg.title?.text ? `（${seg.title.text.slice(0, 40)}）` : ''}`;
  return {
    rule: 'INPUT.unrecognised',
    severity: 'warning',
    sheet: grid.sheet.name,
    cells: [a1(seg.start, 1)],
    message: `${form}中找不到“${what}”栏目，${skipped}已跳过。请核对栏目名称是否完整、是否与模板一致`,
    actual: '（缺少）',
    table: 'INPUT',
  };
}

function readTarget(grid: Grid, seg: Segment, findings: Finding[]): TargetSheet | undefined {
  const fields = findFields(grid, seg);
  if (!isTarget(seg, fields)) return undefined;
  const header = findGridHeader(grid, seg.start, seg.end);
  const beforeGrid = header ? header.row - 1 : seg.end;
  const funds = readFunds(grid, seg, fields, beforeGrid, findings);
  const annualOnly = !funds.hasPeriod && !fields.periodGoal && (header?.groups.length ?? 0) <= 1;
  const indicators = header ? readIndicators(grid, header, seg.end) : [];
  // Every key from the start, in the order they were once added (absent ones undefined: the same JSON), so that all
  // targets share one hidden class; keys added later in varying sets made the rules' reads polymorphic.
  const target: TargetSheet = {
    sheet: grid.sheet.name,
    row: seg.start,
    periodFunds: funds.period,
    annualFunds: funds.annual,
    texts: readTexts(grid, fields, beforeGrid, annualOnly),
    // A single indicator column set is the year's (seed 003); with two, the left one is 实施期.
    periodIndicators: indicators.length >= 2 ? indicators[0] : [],
    annualIndicators: indicators.length >= 2 ? indicators[1] : indicators[0] ?? [],
    annualOnly,
    unrecognised: funds.unrecognised.length ? funds.unrecognised : undefined,
    slots: undefined,
    labelled: undefined,
    title: undefined,
    year: undefined,
    projectName: undefined,
    department: undefined,
    implementer: undefined,
    attribute: undefined,
    period: undefined,
  };
  const slots: NonNullable<TargetSheet['slots']> = {};
  // Where the filled fields of a label column have their values: a blank one's value cell is in the same column.
  const valueCols = new Map<number, number>();
  for (const k of fields.order) {
    const c = fields[k];
    const v = c && grid.valueRightOf(c);
    if (v && !valueCols.has(c!.col)) valueCols.set(c!.col, v.col);
  }
  for (const k of ['projectName', 'department', 'implementer', 'attribute', 'period', 'overview', 'basis', 'necessity', 'measures', 'plan'] as const) {
    if (fields[k] && !grid.valueRightOf(fields[k]!)) {
      const slot = slotRightOf(grid, fields[k], valueCols.get(fields[k]!.col));
      if (slot) slots[k] = slot;
    }
  }
  Object.assign(slots, goalSlots(grid, fields));
  if (Object.keys(slots).length) target.slots = slots;
  target.labelled = [...fields.order];
  // The form's structure as far as the P rules need it (issue #11: a finding on the cell to fix, never on the title):
  // without a 项目名称 label the form cannot be matched with 表十二, without the indicator header its indicators
  // cannot be read. Each is INPUT.unrecognised on the form's first cell; the rules that need it skip the form.
  if (header) target.labelled.push('indicators');
  if (!fields.projectName) findings.push(unreadableFinding(grid, seg, '项目名称', '与表十二、表十三项目的核对'));
  if (!header) findings.push(unreadableFinding(grid, seg, '三级指标、指标值', '绩效指标是否完整的校验'));
  target.title = seg.title?.text;
  target.year = readYear(grid, seg, firstFieldRow(fields));
  target.projectName = labelRightOf(grid, fields.projectName);
  target.department = labelRightOf(grid, fields.department);
  target.implementer = labelRightOf(grid, fields.implementer);
  target.attribute = labelRightOf(grid, fields.attribute);
  target.period = labelRightOf(grid, fields.period);
  return target;
}

function readTexts(grid: Grid, fields: Fields, lastRow: number, annualOnly: boolean): TargetSheet['texts'] {
  const texts: TargetSheet['texts'] = {};
  for (const [key, field] of TEXT_FIELDS) {
    const v = labelRightOf(grid, fields[field]);
    if (v) texts[key] = v;
  }
  const goals = readGoals(grid, fields, lastRow, annualOnly);
  if (goals.periodGoal) texts.periodGoal = goals.periodGoal;
  if (goals.annualGoal) texts.annualGoal = goals.annualGoal;
  return texts;
}

/** Sets only the keys whose value is defined, so targets compare cleanly in tests and JSON. */
// ---------------------------------------------------------------------------------------------------------
// Public API

const buildGrid = (sheet: SheetSnapshot) => new Grid(sheet);

/** One Grid per sheet for looksLikeTargetSheet, recogniseTargets and recogniseSummaryList (recognise asks all three). */
function gridOf(sheet: SheetSnapshot): Grid {
  return sheetIndex(sheet, buildGrid);
}

/** All performance target sheets on a sheet (one, or many stacked), with INPUT findings for bad amounts. */
export function recogniseTargets(sheet: SheetSnapshot): { targets: TargetSheet[]; findings: Finding[] } {
  const grid = gridOf(sheet);
  const findings: Finding[] = [];
  const targets: TargetSheet[] = [];
  for (const seg of findSegments(grid)) {
    const t = readTarget(grid, seg, findings);
    if (t) targets.push(t);
  }
  return { targets, findings };
}

/**
 * True when the sheet holds a target form: a 项目名称 label (or a form title) beside the form's own labels (项目资金,
 * 主管部门及代码 …) or its indicator header. 表十二 also has a 项目名称 header, but none of these.
 */
export function looksLikeTargetSheet(sheet: SheetSnapshot): boolean {
  return sheetTests(sheet).target;
}

/** True when a row holds both 项目名称 and 预算金额 (findSummaryHeader's test), without building a Grid. */
function hasSummaryHeader(sheet: SheetSnapshot): boolean {
  const { summary } = sheetTests(sheet);
  if (summary !== undefined) return summary;
  // The sheet tests stopped at a target form: the rest of the sheet is scanned for the header alone.
  let found = false;
  let row = 0;
  let project = false;
  let amount = false;
  scanShownCells(sheet, textInfoOf(sheet), undefined, (r, _col, _text, key) => {
    if (r !== row) {
      row = r;
      project = false;
      amount = false;
    }
    if (key === '项目名称') project = true;
    if (key.startsWith('预算金额')) amount = true;
    return (found = project && amount);
  });
  return found;
}

interface SheetTests {
  /** looksLikeTargetSheet */
  target: boolean;
  /** hasSummaryHeader; undefined when the scan stopped at a target form before it knew. */
  summary: boolean | undefined;
}

/** How the sheet tests see a sheet's texts: memoised, except on a sheet too large for the memo to pay. */
function textInfoOf(sheet: SheetSnapshot): (text: string) => SheetTestInfo {
  return sheet.rowCount * sheet.colCount <= MEMO_SHEET_CELLS ? infoOfText : largeSheetTextInfo;
}

/**
 * looksLikeTargetSheet and hasSummaryHeader in one pass over a sheet's texts (a number is neither test's label),
 * keeping nothing: most sheets are no form, and a Grid is built only for the ones that are.
 */
function scanSheetTests(sheet: SheetSnapshot): SheetTests {
  let named = false;
  let marked = false;
  let summary = false;
  let project = false;
  let amount = false;
  let row = 0;
  let stopped = false;
  scanShownCells(sheet, textInfoOf(sheet), undefined, (r, _col, _text, key, info) => {
    if (r !== row) {
      // A form is known at the end of a row.
      if (named && marked) return (stopped = true);
      row = r;
      project = false;
      amount = false;
    }
    // A form title names the form too: a form whose 项目名称 label was renamed or lost is still read (and
    // reported as INPUT.unrecognised), never silently left out (SheetTestInfo.names).
    if (info.names) named = true;
    if (info.marks) marked = true;
    if (key === '项目名称') project = true;
    if (key.startsWith('预算金额')) amount = true;
    if (project && amount) summary = true;
    return false;
  });
  return { target: named && marked, summary: stopped ? summary || undefined : summary };
}

function sheetTests(sheet: SheetSnapshot): SheetTests {
  return sheetIndex(sheet, scanSheetTests);
}

// ---------------------------------------------------------------------------------------------------------
// 民生领域重大事项绩效目标情况表: 序号 | 预算单位 | 项目名称 | 预算金额 (元)

interface SummaryColumns {
  row: number;
  seq?: number;
  unit?: number;
  project: number;
  amount: number;
  amountEnd: number;
}

function findSummaryHeader(grid: Grid): SummaryColumns | undefined {
  for (let r = 1; r <= grid.lastRow; r++) {
    const cells = grid.cells(r);
    const at = (re: RegExp) => cells.find((c) => re.test(c.key));
    const project = at(/^项目名称$/);
    const amount = at(/^预算金额/);
    if (!project || !amount) continue;
    return {
      row: grid.bottom(project),
      seq: at(/^序号$/)?.col,
      unit: at(/^(预算单位|单位名称|预算单位名称)$/)?.col,
      project: project.col,
      amount: amount.col,
      amountEnd: grid.right(amount),
    };
  }
  return undefined;
}

/** Header, title and unit rows repeated on every printed page; the summary ends at a target form. */
function summaryRowKind(cells: CellAt[]): 'skip' | 'stop' | 'data' {
  if (cells.some((c) => c.info.title || c.info.field === 'department')) return 'stop';
  if (cells.some((c) => /^项目名称$|^预算金额|情况表$|^单位（?元）?$/.test(c.key))) return 'skip';
  return 'data';
}

/**
 * The summary list, or undefined when the sheet has none. Bad amounts go to `findings` when given
 * (INPUT.not_a_number) and leave the row without an amount.
 */
export function recogniseSummaryList(sheet: SheetSnapshot, findings: Finding[] = []): SummaryList | undefined {
  if (!hasSummaryHeader(sheet)) return undefined;
  const grid = gridOf(sheet);
  const cols = findSummaryHeader(grid);
  if (!cols) return undefined;
  const rows: SummaryRow[] = [];
  for (let r = cols.row + 1; r <= grid.lastRow; r++) {
    const cells = grid.cells(r);
    if (!cells.length) continue;
    const kind = summaryRowKind(cells);
    if (kind === 'stop') break;
    if (kind === 'data') {
      const row = summaryRow(grid, r, cells, cols, findings);
      if (row) rows.push(row);
    }
  }
  return { sheet: sheet.name, rows };
}

function summaryRow(grid: Grid, r: number, cells: CellAt[], cols: SummaryColumns, findings: Finding[]): SummaryRow | undefined {
  const project = cells.find((c) => c.col === cols.project);
  if (!project || /^(合计|总计)$/.test(project.key)) return undefined;
  // 预算单位 may be merged down over the unit's projects.
  const unit = cols.unit ? grid.merges.text(r, cols.unit).trim() : '';
  const seq = cols.seq ? grid.merges.text(r, cols.seq).trim() : '';
  const amountCell = cells.find((c) => c.col >= cols.amount && c.col <= cols.amountEnd);
  const row: SummaryRow = { seq, unit, project: grid.label(project) };
  const amount = figureAt(grid, r, amountCell?.col ?? cols.amount, findings);
  if (amount) row.amount = amount;
  return row;
}

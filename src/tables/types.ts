import type { Money } from '../model/money';

/** The 13 standard tables: T1 = 表一 预算收支总表 … T13 = 表十三 项目支出预算表（上年结转）. */
export const TABLE_IDS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13'] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** One amount in a table, with where it stands. An empty cell is a Figure with value 0 and empty = true. */
export interface Figure {
  value: Money;
  sheet: string;
  /** A1 address on `sheet`. */
  cell: string;
  row: number;
  col: number;
  empty: boolean;
  /** Set when the cell holds a formula: fixes never overwrite it. */
  formula?: string;
  /**
   * Set when the amount could not be read (a formula with no cached value that is not a plain sum of cells:
   * INPUT.uncached_formula). Such a figure is never arithmetic: every comparison it is part of is skipped.
   */
  unread?: boolean;
  /** Set when the amount is a formula's value computed by the checker (no cached value in the file). */
  evaluated?: boolean;
}

/**
 * A row or line with an amount whose label the recogniser does not know (INPUT.unrecognised): the sums it may be
 * part of (`part`) are skipped, never computed without it.
 */
export interface Unrecognised {
  label: Label;
  /**
   * Which sum the row would be part of: 'income' / 'expenditure' (表一, 表四), 'period' / 'annual' (target sheets);
   * 'column' for a header over amounts that is no known column (every sum needing a column not found is skipped),
   * 'row' for a row of amounts whose label cannot be read (the sums over the rows are skipped).
   */
  part: string;
  amount?: Figure;
}

/** A label cell (name, code, project name) with where it stands. */
export interface Label {
  text: string;
  sheet: string;
  cell: string;
  row: number;
  col: number;
}

/** Fund columns shared by many tables. */
export type FundKey = 'general' | 'govFund' | 'stateCapital' | 'specialAccount' | 'unitFunds';

/** A row of a table keyed by 功能分类 code (表二, 三, 五, 七, 八, 九). */
export interface CodeRow<K extends string> {
  /** '' for the 合计 row; 3, 5 or 7 digits otherwise (as read; INPUT.bad_code reports other lengths). */
  code: string;
  name: string;
  /** 0 for 合计, 1 类 (3 digits), 2 款 (5), 3 项 (7); -1 for a code of another length. */
  level: 0 | 1 | 2 | 3 | -1;
  row: number;
  label: Label;
  values: Partial<Record<K, Figure>>;
}

export interface CodeTable<K extends string> {
  sheet: string;
  /** The column keys found in the header, in sheet order. */
  columns: K[];
  total?: CodeRow<K>;
  rows: CodeRow<K>[];
  /** The sheet carries the note 本表无数据. */
  noDataNote: boolean;
  /** Header cells over amounts that are no known column, rows of amounts without a readable label (INPUT.unrecognised). */
  unrecognised?: Unrecognised[];
}

export type T2Col = 'total' | FundKey | 'carryover';
export type T3Col = 'total' | 'basic' | 'project';
export type T7Col = 'amount';

/** An expenditure class row of 表一 / 表四 (一、一般公共服务支出 …): `index` 1..30 in the template's order. */
export interface ClassRow<K extends string> {
  index: number;
  name: string;
  /** The 类 code the name stands for ('201', '208' …) when known. */
  code?: string;
  label: Label;
  values: Partial<Record<K, Figure>>;
}

export type T1ExpCol = 'total' | 'current' | 'carryover';
export interface T1Table {
  sheet: string;
  income: Partial<Record<FundKey | 'incomeSum' | 'carryover' | 'incomeTotal', Figure>>;
  incomeLabels: Partial<Record<FundKey | 'incomeSum' | 'carryover' | 'incomeTotal', Label>>;
  classes: ClassRow<T1ExpCol>[];
  expSum?: ClassRow<T1ExpCol>;
  yearEndCarry?: ClassRow<T1ExpCol>;
  expTotal?: ClassRow<T1ExpCol>;
  /** Rows with amounts and a label that is no known line (INPUT.unrecognised). */
  unrecognised?: Unrecognised[];
}

export type T4ExpCol = 'subtotal' | 'general' | 'govFund' | 'stateCapital';
export type T4IncomeKey =
  | 'general'
  | 'govFund'
  | 'stateCapital'
  | 'incomeSum'
  | 'carryover'
  | 'carryGeneral'
  | 'carryGovFund'
  | 'carryStateCapital'
  | 'incomeTotal';
export interface T4Table {
  sheet: string;
  income: Partial<Record<T4IncomeKey, Figure>>;
  incomeLabels: Partial<Record<T4IncomeKey, Label>>;
  classes: ClassRow<T4ExpCol>[];
  expSum?: ClassRow<T4ExpCol>;
  yearEndCarry?: ClassRow<T4ExpCol>;
  expTotal?: ClassRow<T4ExpCol>;
  /** Rows with amounts and a label that is no known line (INPUT.unrecognised). */
  unrecognised?: Unrecognised[];
}

export type T6Col = 'total' | 'personnel' | 'public';
export interface T6Row {
  /** 'total' for 合计, 'class' for 工资福利支出 / 商品和服务支出 / 对个人和家庭的补助 / 资本性支出 …, 'item' below a class. */
  kind: 'total' | 'class' | 'item';
  /** 部门预算支出经济科目名称 (code stripped), e.g. 基本工资. */
  name: string;
  /** 部门经济科目 code when printed (301, 30101). */
  code?: string;
  /** 政府预算支出经济科目名称, e.g. 工资奖金津补贴. */
  govName?: string;
  /** For items: the class they stand under. */
  className?: string;
  row: number;
  label: Label;
  values: Partial<Record<T6Col, Figure>>;
}
export interface T6Table {
  sheet: string;
  columns: T6Col[];
  total?: T6Row;
  rows: T6Row[];
  /** Header cells over amounts that are no known column, rows of amounts without a readable label (INPUT.unrecognised). */
  unrecognised?: Unrecognised[];
}

export type T9IncomeCol = 'amount';
export interface T9Table {
  sheet: string;
  income: CodeTable<T9IncomeCol>;
  expenditure: CodeTable<T3Col>;
  noDataNote: boolean;
}

export type T10Line = 'abroad' | 'reception' | 'vehicle' | 'vehiclePurchase' | 'vehicleOperation' | 'total';
export type T10Col = 'total' | 'general' | 'govFund' | 'stateCapital';
export interface T10Row {
  line: T10Line;
  label: Label;
  values: Partial<Record<T10Col, Figure>>;
}
export interface T10Table {
  sheet: string;
  lines: Partial<Record<T10Line, T10Row>>;
  noDataNote: boolean;
  /** Header cells over amounts that are no known column, rows of amounts without a readable label (INPUT.unrecognised). */
  unrecognised?: Unrecognised[];
}

export type T11Col = 'total' | 'general' | 'govFund' | 'stateCapital';
export interface T11Row {
  name: string;
  label: Label;
  values: Partial<Record<T11Col, Figure>>;
}
export interface T11Table {
  sheet: string;
  deptTotal?: T11Row;
  units: T11Row[];
  noDataNote: boolean;
  /** Header cells over amounts that are no known column, rows of amounts without a readable label (INPUT.unrecognised). */
  unrecognised?: Unrecognised[];
}

export type T12Col = 'total' | FundKey;
export type T13Col = 'total' | 'general' | 'govFund' | 'stateCapital';
export interface ProjectRow<K extends string> {
  /** 'department' (部门/单位 total line), 'unit' (a unit's subtotal), 'project'. */
  kind: 'department' | 'unit' | 'project';
  name: string;
  /** For projects: the unit they belong to (the nearest unit or department row above). */
  unit?: string;
  row: number;
  label: Label;
  values: Partial<Record<K, Figure>>;
}
export interface ProjectTable<K extends string> {
  sheet: string;
  columns: K[];
  /** The 合计 row when the table has one (some templates start with the department row instead). */
  total?: ProjectRow<K>;
  rows: ProjectRow<K>[];
  noDataNote: boolean;
  /** Header cells over amounts that are no known column, rows of amounts without a readable label (INPUT.unrecognised). */
  unrecognised?: Unrecognised[];
}

export interface Tables {
  T1?: T1Table;
  T2?: CodeTable<T2Col>;
  T3?: CodeTable<T3Col>;
  T4?: T4Table;
  T5?: CodeTable<T3Col>;
  T6?: T6Table;
  T7?: CodeTable<T7Col>;
  T8?: CodeTable<T3Col>;
  T9?: T9Table;
  T10?: T10Table;
  T11?: T11Table;
  T12?: ProjectTable<T12Col>;
  T13?: ProjectTable<T13Col>;
}

/** 项目资金（元）: 实施期 or 年度 breakdown. */
export type FundsKey = 'total' | 'central' | 'province' | 'cityCounty' | 'self' | 'other';
export type Funds = Partial<Record<FundsKey, Figure>>;

export interface Indicator {
  /** 产出指标 / 效益指标 / 满意度指标 (carried down from the row above when the cell is merged or blank). */
  level1: string;
  /** 数量指标, 质量指标, 时效指标, 成本指标, 经济效益指标 … 服务对象满意度指标. */
  level2: string;
  level3: string;
  value: string;
  /** Where the 三级指标 stands (or the 二级 when 三级 is blank). */
  label: Label;
  /** Where the 指标值 stands. */
  valueLabel?: Label;
  /** Where the 二级指标 stands (the cell above when it is carried down over a merge or blank). */
  level2Label?: Label;
  /** Where the 一级指标 it falls under stands (the cell above when it is carried down over a merge or blank). */
  level1Label?: Label;
  /** The 一级 is written on this row or merged over it (not merely carried down over blank cells). */
  level1Stated?: boolean;
}

export type TargetTextKey = 'overview' | 'basis' | 'necessity' | 'measures' | 'plan' | 'periodGoal' | 'annualGoal';

/** One 项目支出绩效目标表 (in 元). A sheet may stack several; `row` is where this one starts. */
export interface TargetSheet {
  sheet: string;
  row: number;
  title?: string;
  year?: number;
  projectName?: Label;
  department?: Label;
  implementer?: Label;
  attribute?: Label;
  period?: Label;
  periodFunds: Funds;
  annualFunds: Funds;
  texts: Partial<Record<TargetTextKey, Label>>;
  /** Indicators of the 实施期 grid (empty for annual-only forms). */
  periodIndicators: Indicator[];
  /** Indicators of the 年度 grid. */
  annualIndicators: Indicator[];
  /** The form carries only 年度目标 (seed 003 style). */
  annualOnly: boolean;
  /** Fund lines with an amount and a label that is no known source (INPUT.unrecognised): that group's sums are skipped. */
  unrecognised?: Unrecognised[];
  /**
   * Where the value of a field left blank stands (the empty cell right of its label), for findings on the cell to fill:
   * 'period', 'annualGoal', 'periodGoal', 'projectName' … and 'annualTotal' / 'periodTotal'.
   */
  slots?: Partial<Record<string, Label>>;
  /** The form's labels the recogniser found (projectName, period, overview, annualGoal …): a field with none is not known to be blank. */
  labelled?: string[];
}

/** 民生领域重大事项绩效目标情况表 (seed 003): 序号, 预算单位, 项目名称, 预算金额 (元). */
export interface SummaryRow {
  seq: string;
  unit: string;
  project: Label;
  amount?: Figure;
}
export interface SummaryList {
  sheet: string;
  rows: SummaryRow[];
}

/** Where a table was found, for the JSON `tables` field. */
export interface TableLocation {
  found: boolean;
  sheet?: string;
  /** Further sheets that hold the same table (INPUT.duplicate_table). */
  duplicates?: string[];
}

/** A narrative (情况说明) found in the workbook: its paragraphs with their cells. */
export interface NarrativeText {
  sheet: string;
  paragraphs: Label[];
}

/**
 * The mark plan: what the annotated copy (src/xlsx) and the add-in (src/excel) put on a workbook — which cell gets
 * which colour and note, and the rows of the 校验结果 sheet. Both adapters lay out exactly this.
 */
import type { CellFix, Finding, Severity } from '../model/finding';
import { SEVERITY_LABEL } from './labels';
import { ROUNDING_NOTE, buildView, cellsText, roundingHeading, ruleTitle, type ViewItem } from './view';

export type MarkKind = Severity | 'fixed';

/** Fill colours (ARGB): errors red, warnings yellow, information blue, auto-filled cells light blue. */
export const FILLS: Record<MarkKind, string> = {
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  info: 'FFDDEBF7',
  fixed: 'FFBDD7EE',
};

/** The sheet listing every finding. */
export const RESULT_SHEET = '校验结果';

/**
 * The columns of the annotated copy's 校验结果 sheet (src/xlsx/patch.ts), one row per item of the view
 * (resultSections): header and width in characters. Printed landscape and fit to one page wide, so the widths are
 * proportions of the page: 说明 takes most of it and wraps.
 */
export const RESULT_ITEM_COLUMNS: { header: string; width: number }[] = [
  { header: '序号', width: 5 },
  { header: '表', width: 10 },
  { header: '级别', width: 6 },
  { header: '说明', width: 72 },
  { header: '位置', width: 14 },
  { header: '应为', width: 18 },
  { header: '实为', width: 18 },
  { header: '规则', width: 20 },
];

/** Column (0-based) of the 位置 cell in RESULT_ITEM_COLUMNS, which links to the item's cell. */
export const RESULT_PLACE_COLUMN = RESULT_ITEM_COLUMNS.findIndex((c) => c.header === '位置');
/** Column (0-based) of the 级别 cell in RESULT_ITEM_COLUMNS, which takes the severity's colour. */
export const RESULT_SEVERITY_COLUMN = RESULT_ITEM_COLUMNS.findIndex((c) => c.header === '级别');

const RANK: Record<MarkKind, number> = { fixed: 0, info: 1, warning: 2, error: 3 };

/** The note line of a finding on its cell: the rule's Chinese title, not its id. */
export function findingNoteLine(f: Finding): string {
  return `【${SEVERITY_LABEL[f.severity]}】${f.message}〔${ruleTitle(f.rule)}〕`;
}

/** The note line of an auto-filled cell. */
export function fixNoteLine(fix: CellFix): string {
  return `【已自动填充】${fix.previous === '' ? '原为空' : `原值 ${fix.previous}`}，填入 ${fix.value}`;
}

/** Where a finding is, as the results sheet and the reports write it: 表三!C13, or '' for a workbook-wide one. */
export function findingPlace(f: Finding): string {
  return f.sheet && f.cells.length ? `${f.sheet}!${f.cells[0]}` : '';
}

/** One row of the copy's 校验结果 sheet for one item of the view (src/format/view.ts; RESULT_ITEM_COLUMNS): merged findings once. */
export function resultItemRow(it: ViewItem, index: number): (string | number)[] {
  const related = it.related.length ? `\n相关：${cellsText(it.related)}` : '';
  return [
    index + 1,
    it.groupTitle,
    SEVERITY_LABEL[it.severity],
    `${it.message}${related}`,
    it.sheet && it.cell ? `${it.sheet}!${it.cell}` : '',
    it.expected ?? '',
    it.actual ?? '',
    `${it.titles.join('、')}（${it.rules.join('、')}）`,
  ];
}

/**
 * The rows of the 校验结果 sheet, errors first: a title row per section ("错误 12 项", "提示与信息 …", and the 舍位
 * group "舍位差异 9 处（11 条提示）", whose rows the sheet folds), then one row per item.
 */
export function resultSections(findings: Finding[]): { title: string; folded: boolean; items: ViewItem[] }[] {
  const v = buildView(findings);
  return [
    { title: `错误 ${v.errors.length} 项`, folded: false, items: v.errors },
    { title: `提示与信息 ${v.notices.length} 项`, folded: false, items: v.notices },
    { title: `${roundingHeading(v)}（已折叠，点左侧“+”展开）：${ROUNDING_NOTE}`, folded: true, items: v.rounding },
  ].filter((s) => s.items.length);
}

export interface CellMark {
  sheet: string;
  cell: string;
  /** The most severe kind on the cell decides its colour. */
  kind: MarkKind;
  /** Note lines, each once, in the findings' order. */
  lines: string[];
}

/**
 * One mark per stated cell (the first of a finding's cells) and per written fix, the most severe colour, every
 * line once. `key` maps a cell to the cell that carries its mark (the add-in marks a merged area at its anchor).
 */
export function planMarks(
  findings: Finding[],
  fixes: CellFix[] = [],
  key: (sheet: string, cell: string) => { sheet: string; cell: string } | undefined = (sheet, cell) => ({ sheet, cell }),
): CellMark[] {
  const marks = new Map<string, CellMark>();
  const add = (sheet: string, cell: string, kind: MarkKind, line: string) => {
    const at = key(sheet, cell);
    if (!at) return;
    const k = `${at.sheet}!${at.cell}`;
    const m = marks.get(k) ?? { sheet: at.sheet, cell: at.cell, kind, lines: [] };
    if (RANK[kind] > RANK[m.kind]) m.kind = kind;
    if (!m.lines.includes(line)) m.lines.push(line);
    marks.set(k, m);
  };
  for (const f of findings) if (f.sheet && f.cells.length) add(f.sheet, f.cells[0], f.severity, findingNoteLine(f));
  for (const fix of fixes) add(fix.sheet, fix.cell, 'fixed', fixNoteLine(fix));
  return [...marks.values()];
}

/**
 * How the product recognises its own marks, in the add-in and in the annotated copy alike (issue: marks that
 * cannot hurt the workbook). A highlight is a conditional-format rule of type "expression" whose formula is
 * markFormula(kind): always TRUE, and containing a text no user formula would, so clearing deletes exactly these.
 */
export const MARK_TAG = '预算公开校验助手';

/** The always-true formula of a mark rule (without "="): N(text) is 0, so the rule applies to every cell in range. */
export function markFormula(kind: MarkKind): string {
  return `N("${MARK_TAG}:${kind}")=0`;
}

/** The kind a conditional-format formula marks, or undefined when the rule is not one of ours. */
export function markKindOf(formula: string): MarkKind | undefined {
  const m = /^=?N\("预算公开校验助手:(error|warning|info|fixed)"\)=0$/.exec(formula.trim());
  return m ? (m[1] as MarkKind) : undefined;
}

/** Every note the product writes starts with this line, so a note is cleared only while it is still ours. */
export const NOTE_HEADER = `〔${MARK_TAG}〕`;

/**
 * Whether a note's (or comment's) text is still exactly the product's: NOTE_HEADER, then only the product's lines
 * (each starting 【…】). One definition for the Excel adapter, the WPS adapter and the file copy: a note the user
 * has added a line to (or rewritten) is the user's, and is never removed.
 */
export function isProductNote(text: string | null | undefined): boolean {
  if (typeof text !== 'string') return false;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0] !== NOTE_HEADER || lines.length < 2) return false;
  return lines.slice(1).every((l) => /^【[^】\n]+】/.test(l));
}

/** Where the results sheet stands among `names` (0-based): right after a cover sheet (its name contains 封面) that is first, else first. */
export function resultSheetIndex(names: string[]): number {
  return names.length && /封面/.test(names[0]) ? 1 : 0;
}

/** A workbook-level defined name pointing at the product's results sheet: the sheet is ours by this, not by its name. */
export const RESULT_SHEET_NAME_MARKER = '_BudgetCheck_Results';

/** The text of the note the product puts on a marked cell: NOTE_HEADER, then the mark's lines. */
export function noteText(m: CellMark): string {
  return [NOTE_HEADER, ...m.lines].join('\n');
}

/** Title of the results-sheet section listing marked cells that already had a note (the user's note is kept). */
export const NOTE_KEPT_TITLE = '以下单元格已有批注，未添加本工具的批注（原批注保留）：';

/** One row of that section, in the columns of RESULT_ITEM_COLUMNS: the note's lines under 说明, the cell under 位置. */
export function keptNoteRow(m: CellMark): string[] {
  const row = RESULT_ITEM_COLUMNS.map(() => '');
  row[RESULT_ITEM_COLUMNS.findIndex((c) => c.header === '说明')] = m.lines.join('\n');
  row[RESULT_PLACE_COLUMN] = `${m.sheet}!${m.cell}`;
  return row;
}

/** The add-ins' 校验结果 sheet, laid out once for the Excel and the WPS adapter (each writes it its own way). */
export interface ResultSheetLayout {
  /** Header row first (RESULT_ITEM_COLUMNS), then by section a title row and the items' rows. */
  rows: (string | number)[][];
  /** 1-based rows of section titles (merged across the width, bold). */
  titles: number[];
  /** 1-based rows whose 级别 cell takes the severity's fill. */
  severities: { row: number; kind: MarkKind }[];
  /** 1-based rows whose 位置 cell links to a cell. */
  links: { row: number; sheet: string; cell: string }[];
  /** The 舍位 rows (1-based, inclusive), folded in an outline group where the host can. */
  folded?: { first: number; last: number };
}

/**
 * The rows of the results sheet as the copy has them (resultSections: errors first, 舍位 last and folded), then the
 * marked cells that kept the user's note and the protected sheets left unmarked, each under its own title.
 */
export function resultSheetLayout(findings: Finding[], kept: CellMark[], protectedSheets: string[] = []): ResultSheetLayout {
  const blank = () => RESULT_ITEM_COLUMNS.map(() => '' as string | number);
  const out: ResultSheetLayout = { rows: [RESULT_ITEM_COLUMNS.map((c) => c.header)], titles: [], severities: [], links: [] };
  const { rows } = out;
  const title = (text: string) => {
    const row = blank();
    row[0] = text;
    rows.push(row);
    out.titles.push(rows.length);
  };
  const placed = (row: (string | number)[], sheet: string | undefined, cell: string | undefined) => {
    rows.push(row);
    if (sheet && cell && /^\$?[A-Z]{1,3}\$?[1-9]\d*$/i.test(cell)) out.links.push({ row: rows.length, sheet, cell });
  };
  let n = 0;
  for (const section of resultSections(findings)) {
    title(section.title);
    const first = rows.length + 1;
    for (const it of section.items) {
      placed(resultItemRow(it, n++), it.sheet, it.cell);
      out.severities.push({ row: rows.length, kind: it.severity });
    }
    if (section.folded && section.items.length) out.folded = { first, last: rows.length };
  }
  if (kept.length) {
    rows.push(blank());
    title(NOTE_KEPT_TITLE);
    for (const m of kept) placed(keptNoteRow(m), m.sheet, m.cell);
  }
  if (protectedSheets.length) {
    rows.push(blank());
    title(`以下工作表受保护，未标记：${protectedSheets.join('、')}`);
  }
  return out;
}

/**
 * Checking a PDF: the engine's check() on the pseudo-sheets of ./read, with the pseudo-sheets named after what
 * they hold (`第12页 表五`, `第14页 绩效目标表`: the recognised table, so a finding says where to look) and the
 * PDF's own honest limits added.
 *
 * What the reader could not read with certainty is a list of reading doubts (`ReadingDoubt`, one record each:
 * its pages, its pseudo-sheet, the cells or the whole sheet or page, and why, in Chinese):
 *
 *   scanned   a page without a text layer (INPUT.scanned_page names it): a table, form or name not found may be on it;
 *   unplaced  a page with amounts that fit no table (a wide table printed in strips side by side:
 *             INPUT.pdf_unplaced_page): a piece of some table is unread, so any table's figure may be incomplete;
 *   rotated   a page with amounts in text running another way than the rest of the page (./orientation:
 *             INPUT.pdf_rotated_text): every table read from that page, and a table not found;
 *   uncertain a cell whose printed text may not be its whole text (./layout: cut off at the cell's edge, or wrapped
 *             text spilling over the rows around it; INPUT.pdf_uncertain_text names them per pseudo-sheet); text
 *             that spills lands on the rows above and below, so a cell of those rows read as empty is doubted too;
 *   blank     an amount read as empty on a pseudo-sheet joined from several pages (a form or table cut across
 *             pages may have the figure on a piece not put beside it);
 *   cut       a sheet of forms whose print stops (cutForms): the last form printed in part, and the forms after it
 *             not printed at all, so a project said to have no form may have one of them;
 *   aligned   a pseudo-sheet read from a page without rules (a table printed unruled: ./layout layoutAligned puts
 *             rows and columns together from the text's alignment alone, and may put a figure in the wrong row
 *             or column): everything read from it, and anything said to be nowhere (a table or form not
 *             recognised on it).
 *
 * One function (`pdfSeverity`) decides each finding's severity from the doubts its own figures rest on
 * (`basisOf`: the cells it names and the figures it computes with; for a claim that something is missing, the
 * texts it looked for it among): an error resting on a doubt is shown as a warning, with the one reason written
 * into its message. Everything else keeps the severity it has on the workbook: a doubted cell that a finding
 * does not use does not demote it.
 */
import type { Finding } from '../model/finding';
import type { WorkbookSnapshot } from '../model/snapshot';
import { TABLE_IDS } from '../tables/types';
import type { Recognised } from '../tables/recognised';
import { TABLE_ORDINALS } from '../tables/identify';
import { level1Of } from '../rules/performance/indicators';
import { check, orderFindings, type CheckOptions, type CheckResult } from '../engine';
import { cellText, getCell } from '../model/snapshot';
import { a1, parseA1 } from '../model/address';
import { matchTargets } from '../rules/performance/matching';
import type { PdfRead } from './read';
import type { UncertainWhy } from './layout';
import { ROTATED_TEXT_RULE } from './orientation';
import { maxOf, pushAll } from './extremes';

export interface PdfCheck {
  result: CheckResult;
  /** The read with its pseudo-sheets renamed as the findings name them. */
  read: PdfRead;
  /** What the reader could not read with certainty (see the file comment). */
  doubts: ReadingDoubt[];
}

export const SCANNED_PAGE_RULE = 'INPUT.scanned_page';
export const UNPLACED_PAGE_RULE = 'INPUT.pdf_unplaced_page';
export const UNCERTAIN_TEXT_RULE = 'INPUT.pdf_uncertain_text';
export const TABLE_UNREAD_RULE = 'INPUT.pdf_table_unread';

/** One thing the reader could not read with certainty (see the file comment). */
export interface ReadingDoubt {
  kind: 'scanned' | 'unplaced' | 'rotated' | 'uncertain' | 'blank' | 'cut' | 'aligned';
  /** Where, as a finding's reason names it: `第59页`, `第12页 表十二 A8`. */
  place: string;
  pages: number[];
  /** The pseudo-sheet doubted; none: the pages themselves (every pseudo-sheet read from them, or none: scanned). */
  sheet?: string;
  /**
   * The cells doubted on `sheet` (A1); `amounts read as empty`: every amount of the sheet that read as empty;
   * none: the whole sheet (or pages).
   */
  cells?: ReadonlySet<string> | 'empty amounts';
  /**
   * Cells of the rows above and below a cell whose wrapped text spilled (the reader does not know which way): the
   * text of each may be in part on the doubted cell, so a finding on one of them is doubted too.
   */
  around?: ReadonlySet<string>;
  /** The doubted text is the beginning of the cell's text (cut off at its edge): a name it does not begin is not it. */
  cutOff?: string;
  /** The doubted text is a part of the cell's text, its lines in order (lines not printed): a name it is not part of is not it. */
  part?: string;
  /**
   * What else it may make untrue: `tables` a table not found; `absent` anything said to be nowhere in the PDF (a
   * table, a project's form, a form's project); `forms` a project said to have no form of its own (its form may be
   * one not printed); `all` every finding.
   */
  reach?: 'tables' | 'absent' | 'forms' | 'all';
}

/** What a finding rests on in the PDF (see basisOf). */
interface Basis {
  cells: BasisCell[];
  /**
   * It says something is nowhere in the PDF: a table (`table`), a project's own form (`form`: a project without a
   * form, or a form standing for several projects), or a form's project (`name`).
   */
  absent?: 'table' | 'form' | 'name';
}

interface BasisCell {
  sheet: string;
  cell: string;
  /** The cell is one of those the finding looked for `name` among: only a text that could be that name counts. */
  name?: string;
  /** Where `name` was read (a name read in part itself may be any name holding a part of this cell's text). */
  nameAt?: { sheet: string; cell: string }[];
  /** The finding compares this amount, read as empty, with a figure. */
  emptyAmount?: boolean;
}

function pageList(pages: number[]): string {
  return pages.map((p) => `第${p}页`).join('、');
}

/** Names each pseudo-sheet after the table (or target form) recognised on it. */
function renamed(read: PdfRead, first: CheckResult): PdfRead {
  const label = new Map<string, string>();
  for (const id of TABLE_IDS) {
    const loc = first.recognised.locations[id];
    if (loc?.found && loc.sheet && !label.has(loc.sheet)) label.set(loc.sheet, TABLE_ORDINALS[id]);
  }
  for (const t of first.recognised.targets) if (!label.has(t.sheet)) label.set(t.sheet, '绩效目标表');
  if (label.size === 0) return read;
  const sheets = read.snapshot.sheets.map((s) => (label.has(s.name) ? { ...s, name: `${s.name} ${label.get(s.name)}` } : s));
  const where = new Map([...read.sheets].map(([name, v]) => [label.has(name) ? `${name} ${label.get(name)}` : name, v]));
  const snapshot: WorkbookSnapshot = { ...read.snapshot, sheets };
  return { ...read, snapshot, sheets: where };
}

const AMOUNT = /^[-（(]?[\d,]+\.\d+[)）]?$/;

/** How many cells of a pseudo-sheet hold text printed as an amount (1,234.56). */
function amountCount(sheet: WorkbookSnapshot['sheets'][number]): number {
  return sheet.rows.flat().filter((c) => c && typeof c.value === 'string' && AMOUNT.test(c.value.trim())).length;
}

/**
 * Pseudo-sheets holding amounts that no table, target form, list or narrative was recognised on: most often the
 * right part of a table printed across pages side by side (a wide sheet on A4), which the reader does not join yet.
 */
function unplacedSheets(read: PdfRead, rec: Recognised): string[] {
  const used = new Set<string>();
  for (const id of TABLE_IDS) if (rec.locations[id]?.found && rec.locations[id].sheet) used.add(rec.locations[id].sheet!);
  for (const t of rec.targets) used.add(t.sheet);
  if (rec.narrative) used.add(rec.narrative.sheet);
  if (rec.summary) used.add(rec.summary.sheet);
  return read.snapshot.sheets
    .filter((s) => !used.has(s.name))
    .filter((s) => amountCount(s) >= 3)
    .map((s) => s.name);
}

/**
 * The cells next to a spilling cell (its columns, the rows above and below, or only the side its mixed lines came
 * from or went to when the reader saw it, none when its lines stand alone: ./layout spillSide): where its lines
 * came from or went to.
 */
function around(cell: string, sheet: WorkbookSnapshot['sheets'][number], side?: 'above' | 'below' | 'none'): string[] {
  const { row, col } = parseA1(cell);
  const merge = sheet.merges.find((m) => m.top === row && m.left === col);
  const rows = side === 'none' ? [] : side === 'above' ? [row - 1] : side === 'below' ? [row + 1] : [row - 1, row + 1];
  const out: string[] = [];
  for (let c = col; c <= (merge?.right ?? col); c++) for (const r of rows) if (r >= 1) out.push(a1(r, c));
  return out;
}

/** Every reading doubt of the PDF (see the file comment), in the order their notes are listed. */
export function readingDoubts(read: PdfRead, rec: Recognised): ReadingDoubt[] {
  const doubts: ReadingDoubt[] = read.scannedPages.map((page) => ({ kind: 'scanned', place: `第${page}页`, pages: [page], reach: 'absent' }));
  for (const r of read.rotatedPages ?? []) doubts.push({ kind: 'rotated', place: `第${r.page}页`, pages: [r.page], reach: 'tables' });
  for (const sheet of unplacedSheets(read, rec)) doubts.push({ kind: 'unplaced', place: sheet, pages: read.sheets.get(sheet)?.pages ?? [], sheet, reach: 'all' });
  for (const sheet of read.snapshot.sheets) {
    const where = read.sheets.get(sheet.name);
    if (!where) continue;
    for (const [cell, why] of where.uncertain ?? []) {
      const { row, col } = parseA1(cell);
      doubts.push({
        kind: 'uncertain',
        place: `${sheet.name} ${cell}`,
        pages: [where.cells.get(cell)?.page ?? where.pages[0]],
        sheet: sheet.name,
        cells: new Set([cell]),
        ...(why === 'overflow'
          ? { around: new Set(around(cell, sheet, where.spill?.get(cell))), ...(where.part?.has(cell) ? { part: cellText(getCell(sheet, row, col)).trim() } : {}) }
          : why === 'clipped'
            ? { cutOff: cellText(getCell(sheet, row, col)).trim() }
            : {}),
      });
    }
    // only on what was read from several pages: a single page printed whole shows a blank as blank
    if (where.pages.length > 1) doubts.push({ kind: 'blank', place: sheet.name, pages: where.pages, sheet: sheet.name, cells: 'empty amounts' });
  }
  for (const c of cutForms(read, rec)) doubts.push(c);
  for (const sheet of read.snapshot.sheets) {
    const where = read.sheets.get(sheet.name);
    // a 情况说明 page is read as paragraphs, not as a grid: its figures are not placed by alignment
    if (where?.aligned?.length && !/情况说明$/.test(sheet.name)) doubts.push({ kind: 'aligned', place: sheet.name, pages: where.aligned, sheet: sheet.name, reach: 'absent' });
  }
  return doubts;
}

/** A whole form runs to 25 rows and more (funds, goals, the indicator grid); the text of one cut short ends within these. */
const CUT_FORM_ROWS = 20;

/** Blank page below a sheet's last line beyond any page margin (LibreOffice's are 2 cm at most): the print stopped. */
const CUT_BLANK = 100;

/**
 * A page taller than any paper (A3 is 1,191 points, ledger 1,224): a sheet printed on one page sized for its rows,
 * so blank far below its last line is rows not drawn (on paper the last page of a sheet ends anywhere).
 */
const TALL_PAGE = 1300;

/**
 * A target form the printed text ends in (a page cut short, a page missing): the last form of its pseudo-sheet,
 * with no indicator read and the sheet's last row within a few rows of its title; or with its indicator grid
 * running on to the sheet's last row without reaching its last category (满意度指标) on a page that runs on,
 * blank, far below that row (LibreOffice's one-page print of a sheet too tall for a PDF page sizes the page for
 * every row but draws the first ~1,000: 000-variant stops at row 924 in the 产出指标 of 行政区划和地名管理, the
 * page 11,000 points longer). What it has not printed (the other fund sources, the indicators) is not in the PDF,
 * so nothing is computed from it as if it were blank or missing. The same one-page print may stop between two
 * forms: a sheet of forms whose last row is on a page taller than any paper that runs on, blank, far below it has
 * stopped there too (its last form looks whole). Either way the forms after it are not in the PDF: a project said
 * to have no form of its own may have one of them (reach `forms`).
 */
function cutForms(read: PdfRead, rec: Recognised): ReadingDoubt[] {
  const out: ReadingDoubt[] = [];
  for (const sheet of read.snapshot.sheets) {
    const where = read.sheets.get(sheet.name);
    const forms = rec.targets.filter((t) => t.sheet === sheet.name);
    if (!where || !forms.length) continue;
    const last = forms.reduce((a, b) => (b.row > a.row ? b : a));
    const lastRow = sheet.rows.length;
    const indicators = [...last.periodIndicators, ...last.annualIndicators];
    const noGrid = !indicators.length && lastRow - last.row < CUT_FORM_ROWS;
    const end = where.cells.get(a1(lastRow, 1)) ?? [...where.cells].filter(([c]) => parseA1(c).row === lastRow).map(([, p]) => p)[0];
    const blankBelow = end && read.pageHeights ? (read.pageHeights[end.page - 1] ?? 0) - (end.y + end.height) : 0;
    const gridCut =
      indicators.length > 0 &&
      blankBelow > CUT_BLANK &&
      maxOf(indicators, (i) => i.valueLabel?.row ?? i.label.row) >= lastRow &&
      // the category as the rules see it (a 满意度 二级 under a 一级 carried from above is 满意度指标)
      !indicators.some((i) => level1Of(i) === '满意度指标');
    const page = end?.page ?? where.pages[where.pages.length - 1];
    const stopped = blankBelow > CUT_BLANK && (read.pageHeights?.[page - 1] ?? 0) > TALL_PAGE;
    if (!noGrid && !gridCut) {
      // the last form printed whole, the print stopped after it: no cell of it is doubted, only the forms after it
      if (stopped) out.push({ kind: 'cut', place: `${sheet.name} 第${lastRow}行以下`, pages: [page], sheet: sheet.name, cells: new Set(), reach: 'forms' });
      continue;
    }
    const cells = new Set<string>();
    for (let r = last.row; r <= lastRow; r++) (sheet.rows[r - 1] ?? []).forEach((c, i) => c && cells.add(a1(r, i + 1)));
    const name = last.projectName?.text ?? '';
    out.push({ kind: 'cut', place: `${sheet.name} 第${last.row}行起的绩效目标表${name ? `“${name}”` : ''}`, pages: [where.cells.get(a1(lastRow, 1))?.page ?? page], sheet: sheet.name, cells, reach: 'forms' });
  }
  return out;
}

const UNCERTAIN_WHY: Record<UncertainWhy, string> = { clipped: '印出时被单元格边框截断', overflow: '印出时换行超出行高、与相邻行重叠', edge: '印出时超出纸张右边、每行被页边截断' };

/** Cell list of a message: the first few, then how many more. */
function cellList(cells: string[]): string {
  return cells.length <= 6 ? cells.join('、') : `${cells.slice(0, 6).join('、')} 等 ${cells.length} 处`;
}

/** The INPUT.* findings that name the doubts: a page scanned, turned or left over, a sheet's text printed in part. */
function doubtNotes(read: PdfRead, doubts: ReadingDoubt[]): Finding[] {
  const notes: Finding[] = [];
  const note = (rule: string, sheet: string, cells: string[], message: string): Finding => ({ rule, severity: 'warning', sheet, cells, message, table: 'INPUT' });
  for (const d of doubts.filter((x) => x.kind === 'scanned')) {
    notes.push(note(SCANNED_PAGE_RULE, d.place, [], `${d.place}是扫描图片，没有文字层，其中的表格和数字未能读取；需要这些数字的校验已跳过`));
  }
  for (const r of read.rotatedPages ?? []) {
    notes.push(
      note(
        ROTATED_TEXT_RULE,
        `第${r.page}页`,
        [],
        `第${r.page}页：页面内容旋转，部分文字与本页其余文字方向不同（横竖混排），其中 ${r.amounts} 个数字未能还原到表格中，未参与校验；从该页读出的表只作提示，请核对该页或用原工作簿校验`,
      ),
    );
  }
  for (const d of doubts.filter((x) => x.kind === 'unplaced')) {
    notes.push(note(UNPLACED_PAGE_RULE, d.place, [], `${d.place}的表格未能归入任何一张表（可能是跨页左右分开打印的表的一部分），其中的数字未参与校验；请用每表一页（按页宽缩放）打印的 PDF 或原工作簿校验`));
  }
  for (const sheet of read.snapshot.sheets) {
    const uncertain = read.sheets.get(sheet.name)?.uncertain;
    if (!uncertain?.size) continue;
    // in UNCERTAIN_WHY's order
    const parts = (Object.keys(UNCERTAIN_WHY) as UncertainWhy[]).flatMap((why) => {
      const cells = [...uncertain].filter(([, w]) => w === why).map(([cell]) => cell);
      return cells.length ? [`${cellList(cells)} 的文字${UNCERTAIN_WHY[why]}`] : [];
    });
    notes.push(note(UNCERTAIN_TEXT_RULE, sheet.name, [...uncertain.keys()], `${sheet.name}：${parts.join('；')}，只读到了印出的部分；依据这些文字的校验只作提示，请对照原表核实`));
  }
  for (const d of doubts.filter((x) => x.kind === 'cut')) {
    const cells = d.cells instanceof Set ? [...d.cells] : [];
    if (!cells.length) {
      notes.push(note(UNCERTAIN_TEXT_RULE, d.sheet!, [], `${d.place}没有印出（页面在此以下是大片空白：打印时未印全），其后的绩效目标表不在 PDF 中；依据绩效目标表有无、份数的校验只作提示，请对照原表核实`));
      continue;
    }
    notes.push(note(UNCERTAIN_TEXT_RULE, d.sheet!, cells.slice(0, 1), `${d.place}印到页末就结束了（其后的资金来源或绩效指标不在 PDF 中），只读到了印出的部分；依据这份表的校验只作提示，请对照原表核实`));
  }
  const aligned = doubts.filter((x) => x.kind === 'aligned');
  if (aligned.length) {
    // one note for all of them (a PDF printed unruled has every table so): the pages, and what it means
    const places = aligned.map((d) => d.place);
    const list = places.length <= 6 ? places.join('、') : `${places.slice(0, 6).join('、')} 等 ${places.length} 处`;
    notes.push(
      note(
        UNCERTAIN_TEXT_RULE,
        places[0],
        [],
        `${list}没有表格线，只能按文字对齐猜测行和列，数字可能被读到别的行或列上；从这些页读出的表的错误只作提示，未找到的表、绩效目标表也可能就在这些页上；请用画了表格线打印的 PDF 或原工作簿校验`,
      ),
    );
  }
  return notes;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const key = (s: string) => s.replace(/\s+/g, '');

/**
 * The cells a claim about a form's indicator grid rests on: for a category missing, every indicator of the grid
 * (三级, 指标值 and 二级 cells); for a category with nothing filled in, the 三级 and 指标值 cells of the
 * indicators under the same 二级 (产出指标—时效指标) or, for a whole 一级 (“效益指标”下), the same 一级.
 */
function gridCells(rec: Recognised, f: Finding): BasisCell[] {
  const rows = new Set(f.cells.map((c) => parseA1(c).row));
  for (const t of rec.targets) {
    if (t.sheet !== f.sheet) continue;
    for (const list of [t.periodIndicators, t.annualIndicators]) {
      // by the slot's row: a 二级 standing alone has its 二级 cell as label, not one of the finding's slot cells
      const own = list.find((i) => f.cells.includes(i.label.cell)) ?? list.find((i) => rows.has(i.label.row));
      if (!own) continue;
      if (f.actual === '（缺少）') {
        // a category is present when a name of it stands in the 一级/二级 columns: the 三级 and 指标值 texts do not
        // name categories, so text printed over them does not touch the claim
        return list.flatMap((i) => [i.level2Label, i.level1Label]).flatMap((l) => (l ? [{ sheet: l.sheet, cell: l.cell }] : []));
      }
      const same = list.filter((i) => (/—/.test(f.message) ? key(i.level2) === key(own.level2) : key(i.level1) === key(own.level1)));
      return same.flatMap((i) => [i.label, i.valueLabel]).flatMap((l) => (l ? [{ sheet: l.sheet, cell: l.cell }] : []));
    }
  }
  return [];
}

/**
 * What a finding rests on in the PDF: the cells it names (its own, then the related ones); a finding comparing an
 * amount read as empty marks that cell; a claim about a form's indicator grid (a category missing or unfilled)
 * rests on the whole grid; a claim that something is nowhere rests on the texts it looked for it among — a
 * project without a form on the names of the forms not matched by name, a form whose project is in no table on
 * the names of the 表十二/表十三 rows not matched by name, a listed project without a form on every form's name.
 */
function basisOf(f: Finding, rec: Recognised, read: PdfRead): Basis {
  const cells: BasisCell[] = f.cells.map((cell, i) => ({
    sheet: f.sheet,
    cell,
    ...(i === 0 && f.actual === '' && typeof f.expected === 'string' && NUMBER.test(f.expected) ? { emptyAmount: true } : {}),
  }));
  for (const r of f.related ?? []) for (const cell of r.cells) cells.push({ sheet: r.sheet, cell });
  if (f.rule === 'INPUT.missing_table') return { cells, absent: 'table' };
  // a category said to be missing: its cells only mark where it would follow; the claim rests on the grid's categories
  if (f.rule === 'P.indicators' && f.actual === '（缺少）') return { cells: gridCells(rec, f) };
  if (f.rule === 'P.indicators' && f.actual === '（空）') pushAll(cells, gridCells(rec, f));
  if (f.rule === 'P.coverage' && f.message.startsWith('名称不一致') && f.actual && f.expected) {
    // two names said to differ: a name cut off at its cell's edge is its beginning, so they differ still when the
    // other name does not begin with it (the form's name cell is f.cells[0]; 表十二's cells are the related ones)
    const form = { sheet: f.sheet, cell: f.cells[0] };
    const others = (f.related ?? []).flatMap((r) => r.cells.map((cell) => ({ sheet: r.sheet, cell })));
    return { cells: cells.map((c, i) => (i === 0 && c.sheet === f.sheet ? { ...c, name: f.expected!, nameAt: others } : { ...c, name: f.actual!, nameAt: [form] })) };
  }
  // the 情况说明's count and sum of the forms published, against the forms read: a form not printed is not counted
  if (f.rule === 'N.performance_share' || (/^N\.performance_(count|sum)$/.test(f.rule) && f.message.includes('绩效目标表'))) return { cells, absent: 'form' };
  if (f.rule !== 'P.coverage' && f.rule !== 'P.summary') return { cells };
  const m = matchTargets(rec);
  const matchedForms = new Set(m.matches.filter((x) => x.kind === 'same').flatMap((x) => x.sheets.map((s) => s.target)));
  const matchedRows = new Set(m.matches.filter((x) => x.kind === 'same').flatMap((x) => x.rows.map((r) => r.row)));
  const stated = (() => {
    const s = read.snapshot.sheets.find((x) => x.name === f.sheet);
    if (!s || !f.cells[0]) return '';
    const { row, col } = parseA1(f.cells[0]);
    return cellText(getCell(s, row, col)).trim();
  })();
  if (f.actual === '（无）') {
    // a project (or listed project) said to have no form: the form may be one whose name was not read whole
    const forms = rec.targets.filter((t) => t.projectName && (f.rule === 'P.summary' || !matchedForms.has(t)));
    const at = f.cells[0] ? [{ sheet: f.sheet, cell: f.cells[0] }] : [];
    pushAll(cells, forms.map((t) => ({ sheet: t.projectName!.sheet, cell: t.projectName!.cell, name: stated, nameAt: at })));
    return { cells, absent: 'form' };
  }
  if (f.rule === 'P.coverage' && f.message.includes('每个项目应有自己的绩效目标表')) {
    // a form standing for several projects: the others' own forms may be ones not printed
    return { cells, absent: 'form' };
  }
  if (f.rule === 'P.coverage' && f.expected === '表十二中的项目名称' && f.actual) {
    // a form whose project is in no table: the project may be a row whose name was not read whole
    const rows = [rec.tables.T12?.rows ?? [], rec.tables.T13?.rows ?? []].flat().filter((r) => r.kind === 'project' && !matchedRows.has(r));
    pushAll(cells, rows.map((r) => ({ sheet: r.label.sheet, cell: r.label.cell, name: f.actual! })));
    return { cells, absent: 'name' };
  }
  return { cells };
}

/** Whether a doubt touches a cell the finding rests on. */
function touches(d: ReadingDoubt, c: BasisCell, read: PdfRead, doubts: ReadingDoubt[]): boolean {
  if (d.sheet === undefined) return (read.sheets.get(c.sheet)?.pages ?? []).some((p) => d.pages.includes(p));
  if (d.sheet !== c.sheet) return false;
  if (d.cells === undefined) return true;
  if (d.cells === 'empty amounts') return !!c.emptyAmount;
  // a name cut off at its cell's edge may be only a name it begins; a part of a name, only a name holding it
  if (d.cells.has(c.cell)) {
    if (c.name === undefined) return true;
    if (d.cutOff !== undefined) return key(c.name).startsWith(key(d.cutOff));
    if (d.part === undefined || key(c.name).includes(key(d.part))) return true;
    // (only against a name read whole: two names read in part may be parts of one)
    return (c.nameAt ?? []).some((n) => doubts.some((o) => o.kind === 'uncertain' && o.sheet === n.sheet && o.cells instanceof Set && (o.cells.has(n.cell) || !!o.around?.has(n.cell))));
  }
  return !!d.around?.has(c.cell);
}

/** The doubts a finding rests on (see basisOf), those on its first cells first. */
function doubtsUnder(basis: Basis, doubts: ReadingDoubt[], read: PdfRead): ReadingDoubt[] {
  const at = (d: ReadingDoubt) => {
    if (d.reach === 'all' || (basis.absent && (d.reach === 'absent' || (d.reach === 'tables' && basis.absent === 'table') || (d.reach === 'forms' && basis.absent === 'form'))))
      return 0;
    const i = basis.cells.findIndex((c) => touches(d, c, read, doubts));
    return i < 0 ? -1 : i;
  };
  return doubts
    .map((d) => [d, at(d)] as const)
    .filter(([, i]) => i >= 0)
    .sort((a, b) => a[1] - b[1])
    .map(([d]) => d);
}

/** The reason a finding resting on these doubts (all of one kind) is a warning, written into its message. */
function reason(kind: ReadingDoubt['kind'], on: ReadingDoubt[], f: Finding, basis: Basis): string {
  const places = [...new Set(on.map((d) => d.place))];
  switch (kind) {
    case 'uncertain':
      return `PDF 中 ${places[0]} 等处的文字印出时不完整，本条只作提示，请对照原表核实`;
    case 'unplaced':
      return `PDF 中 ${places.join('、')} 的表格未能拼接到所属的表，本条结果可能不准确`;
    case 'rotated':
      return basis.absent === 'table' ? `PDF ${places.join('、')}上有方向不同的文字未能读取，这张表可能在其中` : `PDF ${places.join('、')}上有方向不同的文字未能读取，本条结果可能不准确`;
    case 'blank':
      return `PDF 中 ${f.sheet} ${f.cells[0] ?? ''} 处没有读到金额，可能印在别处或未能还原，本条只作提示，请对照原表核实`;
    case 'aligned':
      return basis.absent
        ? `PDF 中 ${places.slice(0, 3).join('、')}${places.length > 3 ? ' 等' : ''}没有表格线，按文字对齐读取的表可能未能还原，本条只作提示`
        : `PDF 中 ${places[0]} 没有表格线，按文字对齐读取的行列可能有误，本条只作提示，请对照原表核实`;
    case 'cut':
      return basis.absent === 'form'
        ? `PDF 中 ${places[0]}没有印全，其后的绩效目标表可能未印出，本条只作提示，请对照原表核实`
        : `PDF 中 ${places[0]}没有印全，本条只作提示，请对照原表核实`;
    case 'scanned':
      return basis.absent === 'table'
        ? `PDF 中有扫描页 ${pageList(on.flatMap((d) => d.pages))}，这张表可能在扫描页上，未能读取`
        : `PDF 中有扫描页 ${pageList(on.flatMap((d) => d.pages))}，要找的绩效目标表或项目可能印在扫描页上，未能读取，本条只作提示`;
  }
}

/** Which doubt a reason names first: the one nearest the finding (its cells), then the pages; for a table not found, the pages it may be on. */
const ORDER: ReadingDoubt['kind'][] = ['cut', 'uncertain', 'aligned', 'unplaced', 'rotated', 'blank', 'scanned'];
const ORDER_ABSENT: ReadingDoubt['kind'][] = ['scanned', 'cut', 'rotated', 'uncertain', 'aligned', 'unplaced', 'blank'];

/**
 * The finding's message names the table (or 绩效目标表) recognised on a pseudo-sheet (`第12页 表十二`): the name
 * whole, not the start of another (表十 is not named by "表十二 …", 表一 not by "表十一").
 */
function namesTableOf(f: Finding, sheet: string): boolean {
  const table = / (表[一二三四五六七八九十]+|绩效目标表)$/.exec(sheet)?.[1];
  if (table === undefined) return false;
  for (let i = f.message.indexOf(table); i >= 0; i = f.message.indexOf(table, i + 1)) {
    if (!/[一二三四五六七八九十]/.test(f.message.charAt(i + table.length))) return true;
  }
  return false;
}

/**
 * A finding's severity on the PDF: an error resting on a reading doubt (the cells and figures of basisOf) is a
 * warning that says why (the nearest kind of doubt, its places); every other finding is as on the workbook.
 */
export function pdfSeverity(f: Finding, doubts: ReadingDoubt[], read: PdfRead, rec: Recognised): Finding {
  if (f.severity !== 'error' || !doubts.length) return f;
  const basis = basisOf(f, rec, read);
  // a finding on a sheet read by alignment rests on how that sheet was read, even when it names no cell; so does
  // one comparing with a table read so that it names in its message but not by cell (the 情况说明 against 表十二)
  // (the finding's own sheet first: the reason names it)
  const own = [
    ...doubts.filter((d) => d.kind === 'aligned' && d.sheet === f.sheet),
    ...doubts.filter((d) => d.kind === 'aligned' && d.sheet !== f.sheet && namesTableOf(f, d.sheet!)),
  ];
  const under = [...own, ...doubtsUnder(basis, doubts, read).filter((d) => !own.includes(d))];
  if (!under.length) return f;
  const kind = (basis.absent ? ORDER_ABSENT : ORDER).find((k) => under.some((d) => d.kind === k))!;
  return { ...f, severity: 'warning', message: `${f.message}（${reason(kind, under.filter((d) => d.kind === kind), f, basis)}）` };
}

/**
 * Tables found whose amounts the reader could not read at all (every amount cell on its page is text: the figures
 * were printed as words, or the columns could not be put back so no amount stands in an amount column): named
 * page and table, once; their per-cell INPUT.not_a_number findings stay, and no rule computes with them.
 */
function unreadTables(read: PdfRead, result: CheckResult): Finding[] {
  const out: Finding[] = [];
  for (const id of TABLE_IDS) {
    const loc = result.recognised.locations[id];
    if (!loc?.found || !loc.sheet) continue;
    const sheet = read.snapshot.sheets.find((s) => s.name === loc.sheet);
    if (!sheet) continue;
    const amounts = amountCount(sheet);
    const bad = result.findings.filter((f) => f.rule === 'INPUT.not_a_number' && f.sheet === loc.sheet);
    if (amounts > 0 || bad.length < 3) continue;
    out.push({
      rule: TABLE_UNREAD_RULE,
      severity: 'warning',
      sheet: loc.sheet,
      cells: bad.map((f) => f.cells[0]).slice(0, 20),
      message: `${loc.sheet}：${TABLE_ORDINALS[id]}的金额一个也未能读取（${bad.length} 个金额格印的不是数字），这张表的校验和用到它的表间、情况说明校验都已跳过，未按 0 计算`,
      table: 'INPUT',
    });
  }
  return out;
}

export function checkPdf(read: PdfRead, options: CheckOptions = {}): PdfCheck {
  const named = renamed(read, check(read.snapshot, undefined, options));
  const result = check(named.snapshot, undefined, options);
  const doubts = readingDoubts(named, result.recognised);
  const notes = doubtNotes(named, doubts);
  const onSheets = notes.filter((n) => n.rule === UNCERTAIN_TEXT_RULE);
  const findings = [
    ...notes.filter((n) => n.rule !== UNCERTAIN_TEXT_RULE),
    ...unreadTables(named, result),
    ...onSheets,
    ...result.findings.map((f) => pdfSeverity(f, doubts, named, result.recognised)),
  ];
  return { result: { ...result, findings: orderFindings(findings) }, read: named, doubts };
}

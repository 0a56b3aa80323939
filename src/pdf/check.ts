/**
 * Checking a PDF: the engine's check() on the pseudo-sheets of ./read, with the pseudo-sheets named after what
 * they hold (`第12页 表五`, `第14页 绩效目标表`: the recognised table, so a finding says where to look) and the
 * PDF's own honest limits added:
 *
 *   INPUT.scanned_page (warning) for every page without a text layer, naming the page; and while such pages
 *   exist, a table not found may be on one of them, so INPUT.missing_table is a warning that says so, not an
 *   error (the rules that need the table are skipped, as for any missing table: nothing is read as zero);
 *   INPUT.pdf_unplaced_page (warning) for pages with amounts that fit no table (a wide table printed in strips
 *   side by side), and then no error is claimed from the partial tables;
 *   INPUT.pdf_rotated_text (warning) for pages with amounts in text running another way than the rest of the
 *   page (./orientation), and no error claimed from the tables read from such a page;
 *   INPUT.pdf_uncertain_text (warning) for every pseudo-sheet with cells whose printed text may not be their whole
 *   text (./layout: cut off at the cell's edge, or wrapped text spilling over the rows around it), naming the
 *   cells; an error that rests on such a cell (one of its cells, or a figure that is such a cell's text) is shown
 *   as a warning that says why, and while a target form's page has spilled text every P.* error is (the forms'
 *   names and fields may be mixed); an error on an amount that read as empty, on what was read from several
 *   pages (the figure may be on a piece not put beside it), is shown as a warning too. Everything else keeps the severity it
 *   has on the workbook.
 */
import type { Finding } from '../model/finding';
import type { WorkbookSnapshot } from '../model/snapshot';
import { TABLE_IDS } from '../tables/types';
import { TABLE_ORDINALS } from '../tables/identify';
import { check, orderFindings, type CheckOptions, type CheckResult } from '../engine';
import { cellText, getCell } from '../model/snapshot';
import { parseA1 } from '../model/address';
import type { PdfRead } from './read';
import { withRotatedPages } from './orientation';

export interface PdfCheck {
  result: CheckResult;
  /** The read with its pseudo-sheets renamed as the findings name them. */
  read: PdfRead;
}

export const SCANNED_PAGE_RULE = 'INPUT.scanned_page';

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

export const UNPLACED_PAGE_RULE = 'INPUT.pdf_unplaced_page';

const AMOUNT = /^[-（(]?[\d,]+\.\d+[)）]?$/;

/**
 * Pseudo-sheets holding amounts that no table, target form or narrative was recognised on: most often the right
 * part of a table printed across pages side by side (a wide sheet on A4), which the reader does not join yet.
 */
function unplacedSheets(read: PdfRead, result: CheckResult): string[] {
  const used = new Set<string>();
  const rec = result.recognised;
  for (const id of TABLE_IDS) if (rec.locations[id]?.found && rec.locations[id].sheet) used.add(rec.locations[id].sheet!);
  for (const t of rec.targets) used.add(t.sheet);
  if (rec.narrative) used.add(rec.narrative.sheet);
  return read.snapshot.sheets
    .filter((s) => !used.has(s.name))
    .filter((s) => s.rows.flat().filter((c) => c && typeof c.value === 'string' && AMOUNT.test(c.value.trim())).length >= 3)
    .map((s) => s.name);
}

export const UNCERTAIN_TEXT_RULE = 'INPUT.pdf_uncertain_text';

const REASON = { clipped: '印出时被单元格边框截断', overflow: '印出时换行超出行高、与相邻行重叠' } as const;

/** Cell list of a message: the first few, then how many more. */
function cellList(cells: string[]): string {
  return cells.length <= 6 ? cells.join('、') : `${cells.slice(0, 6).join('、')} 等 ${cells.length} 处`;
}

/**
 * The findings with every error resting on text the reader flagged as possibly incomplete shown as a warning
 * (see the file comment), and one INPUT.pdf_uncertain_text per pseudo-sheet with such cells.
 */
function withUncertainText(read: PdfRead, result: CheckResult): Finding[] {
  const flagged: { sheet: string; cell: string; text: string }[] = [];
  const notes: Finding[] = [];
  for (const sheet of read.snapshot.sheets) {
    const uncertain = read.sheets.get(sheet.name)?.uncertain;
    if (!uncertain?.size) continue;
    const byReason = { clipped: [] as string[], overflow: [] as string[] };
    for (const [cell, why] of uncertain) {
      const { row, col } = parseA1(cell);
      flagged.push({ sheet: sheet.name, cell, text: cellText(getCell(sheet, row, col)).trim() });
      byReason[why].push(cell);
    }
    const parts = (['clipped', 'overflow'] as const).filter((k) => byReason[k].length).map((k) => `${cellList(byReason[k])} 的文字${REASON[k]}`);
    notes.push({
      rule: UNCERTAIN_TEXT_RULE,
      severity: 'warning',
      sheet: sheet.name,
      cells: [...uncertain.keys()],
      message: `${sheet.name}：${parts.join('；')}，只读到了印出的部分；依据这些文字的校验只作提示，请对照原表核实`,
      table: 'INPUT',
    });
  }
  if (!flagged.length) return result.findings;
  const onFlagged = (f: Finding) => flagged.find((x) => x.sheet === f.sheet && f.cells.includes(x.cell));
  const quotes = (f: Finding) =>
    flagged.find((x) => x.text.length >= 4 && [f.actual, f.expected].some((v) => typeof v === 'string' && v.length >= 4 && (v.startsWith(x.text) || x.text.startsWith(v))));
  // a target form's P.* error on a row next to flagged text (spilled lines land on the rows around their cell),
  // or a project said to have no form (or no match) while some form's name was not read whole
  const forms = [...result.recognised.targets].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  const formOf = (sheet: string, row: number) => forms.filter((t) => t.sheet === sheet && t.row <= row).pop();
  const nameUncertain = forms.find((t) => t.projectName && read.sheets.get(t.sheet)?.uncertain?.has(t.projectName.cell));
  const onUncertainForm = (f: Finding) => {
    if (!f.rule.startsWith('P.')) return undefined;
    for (const c of f.cells) {
      const row = parseA1(c).row;
      const t = formOf(f.sheet, row);
      const near = t && flagged.find((x) => x.sheet === f.sheet && Math.abs(parseA1(x.cell).row - row) <= 2 && formOf(x.sheet, parseA1(x.cell).row) === t);
      if (near) return near;
    }
    if (!nameUncertain || !/没有绩效目标表|（无）/.test(`${f.actual ?? ''}${f.message}`)) return undefined;
    return flagged.find((x) => x.sheet === nameUncertain.sheet && x.cell === nameUncertain.projectName?.cell);
  };
  const demoted = result.findings.map((f): Finding => {
    if (f.severity !== 'error') return f;
    const at = onFlagged(f) ?? quotes(f) ?? onUncertainForm(f);
    if (!at) return f;
    return { ...f, severity: 'warning', message: `${f.message}（PDF 中 ${at.sheet} ${at.cell} 等处的文字印出时不完整，本条只作提示，请对照原表核实）` };
  });
  return [...notes, ...demoted];
}

/**
 * An error comparing an amount that read as empty ('' against a figure) with another, on a pseudo-sheet read from
 * several pages: on a workbook the cell is blank, but a form or table cut across pages may have the figure on a
 * piece the reader did not put beside it (a landscape print cuts a form into strips). Not read is not zero: such
 * an error is shown as a warning that says so. A blank on a page printed whole stays an error.
 */
function withEmptyAmounts(read: PdfRead, findings: Finding[]): Finding[] {
  // only on what was read from several pages: a single page printed whole shows a blank as blank
  const joined = (sheet: string) => (read.sheets.get(sheet)?.pages.length ?? 1) > 1;
  return findings.map((f) =>
    f.severity === 'error' && f.actual === '' && joined(f.sheet) && typeof f.expected === 'string' && /^-?\d+(\.\d+)?$/.test(f.expected)
      ? { ...f, severity: 'warning', message: `${f.message}（PDF 中 ${f.sheet} ${f.cells[0] ?? ''} 处没有读到金额，可能印在别处或未能还原，本条只作提示，请对照原表核实）` }
      : f,
  );
}

export const TABLE_UNREAD_RULE = 'INPUT.pdf_table_unread';

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
    const amounts = sheet.rows.flat().filter((c) => c && typeof c.value === 'string' && AMOUNT.test(c.value.trim())).length;
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
  let findings = [...unreadTables(named, result), ...withUncertainText(named, result)];
  const unplaced = unplacedSheets(named, result);
  if (unplaced.length) {
    // A table cut into pieces is read in part: its sums cannot be trusted either way. What was found is still
    // shown, as warnings that say why, and the pages are named; no error is claimed from a partial read.
    const pages = unplaced.join('、');
    findings = findings.map((f) =>
      f.severity === 'error' ? { ...f, severity: 'warning', message: `${f.message}（PDF 中 ${pages} 的表格未能拼接到所属的表，本条结果可能不准确）` } : f,
    );
    findings.unshift(
      ...unplaced.map((sheet): Finding => ({
        rule: UNPLACED_PAGE_RULE,
        severity: 'warning',
        sheet,
        cells: [],
        message: `${sheet}的表格未能归入任何一张表（可能是跨页左右分开打印的表的一部分），其中的数字未参与校验；请用每表一页（按页宽缩放）打印的 PDF 或原工作簿校验`,
        table: 'INPUT',
      })),
    );
  }
  findings = withRotatedPages(named, findings);
  findings = withEmptyAmounts(named, findings);
  if (read.scannedPages.length === 0) return { result: { ...result, findings: orderFindings(findings) }, read: named };
  const scanned = pageList(read.scannedPages);
  findings = findings.map((f) =>
    f.rule === 'INPUT.missing_table'
      ? { ...f, severity: 'warning', message: `${f.message}（PDF 中有扫描页 ${scanned}，这张表可能在扫描页上，未能读取）` }
      : f,
  );
  // first among the warnings: it says why the tables below may be missing
  const pagesFound: Finding[] = read.scannedPages.map((page) => ({
    rule: SCANNED_PAGE_RULE,
    severity: 'warning',
    sheet: `第${page}页`,
    cells: [],
    message: `第${page}页是扫描图片，没有文字层，其中的表格和数字未能读取；需要这些数字的校验已跳过`,
    table: 'INPUT',
  }));
  findings.unshift(...pagesFound);
  return { result: { ...result, findings: orderFindings(findings) }, read: named };
}

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
 *   findings of the target forms and the narrative (P.*, N.*, and any on their pages) are warnings: reading them
 *   from a PDF is not yet faithful enough to claim an error.
 */
import type { Finding } from '../model/finding';
import type { WorkbookSnapshot } from '../model/snapshot';
import { TABLE_IDS } from '../tables/types';
import { TABLE_ORDINALS } from '../tables/identify';
import { check, orderFindings, type CheckOptions, type CheckResult } from '../engine';
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

export function checkPdf(read: PdfRead, options: CheckOptions = {}): PdfCheck {
  const named = renamed(read, check(read.snapshot, undefined, options));
  const result = check(named.snapshot, undefined, options);
  // The 13 tables are read from a PDF as faithfully as from the workbook (tests/fidelity/pdf.fidelity.test.ts);
  // target forms and the narrative not yet (long wrapped texts, text printed past its cell): what their rules
  // find is shown as a warning that says so, never as an error the PDF reading may have caused.
  const proseSheets = new Set<string>([...result.recognised.targets.map((t) => t.sheet), ...(result.recognised.narrative ? [result.recognised.narrative.sheet] : [])]);
  let findings: Finding[] = result.findings.map((f) =>
    f.severity === 'error' && (f.rule.startsWith('P.') || f.rule.startsWith('N.') || proseSheets.has(f.sheet))
      ? { ...f, severity: 'warning', message: `${f.message}（从 PDF 读取绩效目标表和情况说明尚不完全可靠，本条只作提示，请对照原表核实）` }
      : f,
  );
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

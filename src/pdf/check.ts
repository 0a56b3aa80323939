/**
 * Checking a PDF: the engine's check() on the pseudo-sheets of ./read, with the pseudo-sheets named after what
 * they hold (`第12页 表五`, `第14页 绩效目标表`: the recognised table, so a finding says where to look) and the
 * PDF's own honest limits added:
 *
 *   INPUT.scanned_page (warning) for every page without a text layer, naming the page; and while such pages
 *   exist, a table not found may be on one of them, so INPUT.missing_table is a warning that says so, not an
 *   error (the rules that need the table are skipped, as for any missing table: nothing is read as zero).
 */
import type { Finding } from '../model/finding';
import type { WorkbookSnapshot } from '../model/snapshot';
import { TABLE_IDS } from '../tables/types';
import { TABLE_ORDINALS } from '../tables/identify';
import { check, orderFindings, type CheckOptions, type CheckResult } from '../engine';
import type { PdfRead } from './read';

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

export function checkPdf(read: PdfRead, options: CheckOptions = {}): PdfCheck {
  const named = renamed(read, check(read.snapshot, undefined, options));
  const result = check(named.snapshot, undefined, options);
  if (read.scannedPages.length === 0) return { result, read: named };
  const scanned = pageList(read.scannedPages);
  const findings: Finding[] = result.findings.map((f) =>
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

/**
 * How one finding reads, in every view that prints it as text: the CLI report, the batch pages, the HTML and CSV
 * reports, the results sheet and the notes. One function per part, so the wording cannot drift between views.
 */
import type { Finding } from '../model/finding';
import type { Recognised } from '../tables/recognised';
import { TABLE_NAMES, TABLE_ORDINALS } from '../tables/identify';
import { TABLE_IDS, type TableId } from '../tables/types';
import { groupTitle } from './groups';
import { SEVERITY_LABEL } from './labels';

function isTableId(s: string): s is TableId {
  return (TABLE_IDS as readonly string[]).includes(s);
}

/** A group's heading: "表一 预算收支总表〔工作表：1收支总表〕", or 绩效目标表 / 情况说明 / 输入问题. */
export function groupHeading(group: string, recognised?: Recognised): string {
  if (isTableId(group)) {
    const sheet = recognised?.locations[group]?.sheet;
    return `${TABLE_ORDINALS[group]} ${TABLE_NAMES[group]}${sheet ? `〔工作表：${sheet}〕` : ''}`;
  }
  return groupTitle(group);
}

/** Where a finding is, for a line of text: "表一 B36", "表一 B36（及 3 个相关单元格）", or '' for a workbook-wide one. */
export function findingWhere(f: Finding): string {
  const cells = !f.cells?.length ? '' : f.cells.length === 1 ? f.cells[0] : `${f.cells[0]}（及 ${f.cells.length - 1} 个相关单元格）`;
  return [f.sheet, cells].filter(Boolean).join(' ');
}

/** At most this many related cells of one sheet are written inline; the rest are counted. */
export const RELATED_INLINE = 3;

/** The related cells in words: "表二 C6、C7、C8 等 12 个单元格；表五 D9". */
export function relatedText(f: Finding): string {
  return (f.related ?? [])
    .map((r) => `${r.sheet} ${r.cells.length > RELATED_INLINE ? `${r.cells.slice(0, RELATED_INLINE).join('、')} 等 ${r.cells.length} 个单元格` : r.cells.join('、')}`.trim())
    .filter(Boolean)
    .join('；');
}

/** "（应为 1519.11，实为 1519.10，相关：表二 C6）", or '' when the finding states none of these. */
export function findingDetails(f: Finding): string {
  const parts: string[] = [];
  if (f.expected !== undefined) parts.push(`应为 ${f.expected}`);
  if (f.actual !== undefined) parts.push(`实为 ${f.actual}`);
  const rel = relatedText(f);
  if (rel) parts.push(`相关：${rel}`);
  return parts.length ? `（${parts.join('，')}）` : '';
}

/** The whole finding on one line: "[错误] 表一 B36：… （应为 …）〔T1.total〕". */
export function findingLine(f: Finding): string {
  const w = findingWhere(f);
  return `[${SEVERITY_LABEL[f.severity]}] ${w ? `${w}：` : ''}${f.message}${findingDetails(f)}〔${f.rule}〕`;
}

export interface FindingCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** The verdict line that closes the text report. */
export function summaryLine(s: FindingCounts): string {
  const counts = `错误 ${s.errors} 条，提示 ${s.warnings} 条，信息 ${s.infos} 条`;
  if (s.errors > 0) return `结果：${counts}。有错误，提交前须改正。`;
  if (s.warnings + s.infos > 0) return `结果：${counts}。没有错误。`;
  return `结果：未发现问题（${counts}）。`;
}

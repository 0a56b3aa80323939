/**
 * 导出校验报告: the findings as CSV (UTF-8 with BOM, so Excel opens the Chinese text correctly) or as a
 * self-contained HTML page. Pure functions; `downloadText` is the only DOM part.
 */
import type { Finding } from '../model/finding';
import { groupTitle } from './groups';
import { countSeverities, countsText, groupFindings, relatedCells } from './findings-view-model';
import { esc } from './html';
import { SEVERITY_LABEL } from './labels';
import { csvNeutral } from './safe-text';

export interface ReportMeta {
  /** Workbook name (file name or title). */
  workbook: string;
  /** When the checks ran. */
  checkedAt: Date;
}

export const REPORT_HEADERS = ['序号', '表', '级别', '规则', '说明', '工作表', '单元格', '应为', '实为', '相关单元格'];

function related(f: Finding): string {
  return relatedCells(f)
    .map((r) => `${r.sheet}!${r.cells.join(',')}`)
    .join('；');
}

export function reportRows(findings: Finding[]): string[][] {
  return findings.map((f, i) => [
    String(i + 1),
    groupTitle(f),
    SEVERITY_LABEL[f.severity],
    f.rule,
    f.message,
    f.sheet,
    f.cells[0] ?? '',
    f.expected ?? '',
    f.actual ?? '',
    related(f),
  ]);
}

function csvField(s: string): string {
  // Quote every field that could break the row; also defuse formula-looking text (CSV injection: a field
  // starting with = + - @, tab or CR gets a leading apostrophe, unless it is a plain number such as -12.5).
  const safe = csvNeutral(s);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** CSV text with a leading BOM (U+FEFF) and CRLF line ends, as Excel expects. */
export function buildCsv(findings: Finding[]): string {
  const lines = [REPORT_HEADERS, ...reportRows(findings)].map((row) => row.map(csvField).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function buildHtml(findings: Finding[], meta: ReportMeta): string {
  const total = countSeverities(findings);
  const summaryRows = groupFindings(findings)
    .map((g) => `<tr><td>${esc(g.title)}</td><td>${g.counts.error}</td><td>${g.counts.warning}</td><td>${g.counts.info}</td></tr>`)
    .join('');
  const rows = reportRows(findings)
    .map((r, i) => {
      const sev = findings[i].severity;
      return `<tr class="${sev}">${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>校验报告 - ${esc(meta.workbook)}</title>
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:24px;color:#242424}
h1{font-size:20px}table{border-collapse:collapse;margin:12px 0}th,td{border:1px solid #d1d1d1;padding:4px 8px;
text-align:left;vertical-align:top;font-size:13px}th{background:#f5f5f5}tr.error td:nth-child(3){background:#ffc7ce}
tr.warning td:nth-child(3){background:#ffeb9c}tr.info td:nth-child(3){background:#ddebf7}
</style></head><body>
<h1>预算公开校验报告</h1>
<p>工作簿：${esc(meta.workbook)}<br>校验时间：${esc(formatDateTime(meta.checkedAt))}<br>
共 ${findings.length} 条：${esc(countsText(total, SEVERITY_LABEL))}</p>
<h2>按表汇总</h2>
<table><thead><tr><th>表</th><th>错误</th><th>提示</th><th>信息</th></tr></thead><tbody>${summaryRows}</tbody></table>
<h2>明细</h2>
<table><thead><tr>${REPORT_HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}

/** "校验报告-长治市民政局-20240115-0930.csv": no characters Windows refuses in file names. */
export function reportFileName(meta: ReportMeta, ext: 'csv' | 'html'): string {
  const base = meta.workbook.replace(/\.xlsx?$/i, '').replace(/[\\/:*?"<>|]+/g, '_') || '工作簿';
  const stamp = formatDateTime(meta.checkedAt).replace(/[-:]/g, '').replace(' ', '-');
  return `校验报告-${base}-${stamp}.${ext}`;
}

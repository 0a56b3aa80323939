/**
 * 导出校验报告: the findings as CSV (UTF-8 with BOM, so Excel opens the Chinese text correctly) or as a
 * self-contained HTML page. Pure functions; `downloadText` is the only DOM part.
 */
import type { Finding } from '../model/finding';
import { countSeverities, countsText, groupFindings } from './findings-view-model';
import { ROUNDING_NOTE, buildView, roundingHeading, verdictLine, type ViewItem } from './view';
import { esc } from './html';
import { SEVERITY_LABEL } from './labels';
import { csvNeutral } from './safe-text';

export interface ReportMeta {
  /** Workbook name (file name or title). */
  workbook: string;
  /** When the checks ran. */
  checkedAt: Date;
}

export const REPORT_HEADERS = ['序号', '表', '级别', '规则', '说明', '工作表', '单元格', '应为', '实为', '相关单元格', '规则编号'];

/** The full list of an item's related cells: "表二!C6,C7；表五!D9" (the detail view; lines show 等 N 处). */
function related(i: ViewItem): string {
  return i.related.map((r) => `${r.sheet}!${r.cells.join(',')}`).join('；');
}

/** Where an item's row of the report stands: 错误, 提示与信息, or the folded 舍位 group. */
export type ReportSection = 'error' | 'notice' | 'rounding';

/** One row per item of the view (src/format/view.ts): 错误 first, the 舍位 differences last, merged items once. */
export function reportItems(findings: Finding[]): { item: ViewItem; section: ReportSection }[] {
  const v = buildView(findings);
  return [
    ...v.errors.map((item) => ({ item, section: 'error' as const })),
    ...v.notices.map((item) => ({ item, section: 'notice' as const })),
    ...v.rounding.map((item) => ({ item, section: 'rounding' as const })),
  ];
}

export function reportRows(findings: Finding[]): string[][] {
  return reportItems(findings).map(({ item: it }, i) => [
    String(i + 1),
    it.groupTitle,
    SEVERITY_LABEL[it.severity],
    it.titles.join('、'),
    it.message,
    it.sheet,
    it.cell ?? '',
    it.expected ?? '',
    it.actual ?? '',
    related(it),
    it.rules.join('、'),
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

/** Columns of the HTML report's tables (the CSV's, less 工作表/单元格 merged into 位置 and the 规则编号). */
const HTML_HEADERS = ['序号', '表', '级别', '说明', '位置', '应为', '实为', '相关单元格', '规则'];

function htmlRow(it: ViewItem, n: number): string {
  const cells = [
    String(n),
    it.groupTitle,
    SEVERITY_LABEL[it.severity],
    it.message,
    [it.sheet, it.cell].filter(Boolean).join('!'),
    it.expected ?? '',
    it.actual ?? '',
    it.related.map((r) => `${r.sheet}!${r.cells.join('、')}`).join('；'),
    it.titles.join('、'),
  ];
  const title = `规则编号：${it.rules.join('、')}`;
  return `<tr class="${it.severity}">${cells.map((c, i) => `<td class="c${i}"${i === 8 ? ` title="${esc(title)}"` : ''}>${esc(c)}</td>`).join('')}</tr>`;
}

function htmlTable(items: ViewItem[], from: number): string {
  return (
    `<table class="list"><colgroup><col class="w-n"><col class="w-t"><col class="w-s"><col class="w-m"><col class="w-p"><col class="w-v"><col class="w-v"><col class="w-r"><col class="w-rule"></colgroup>` +
    `<thead><tr>${HTML_HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n` +
    items.map((it, i) => htmlRow(it, from + i)).join('\n') +
    '\n</tbody></table>'
  );
}

/**
 * The printable report: counts and verdict first, then 错误, 提示与信息 and the 舍位 differences folded into a
 * <details> group with its count. Printed on A4 landscape with nothing cut: fixed column widths, long texts and cell
 * lists wrap (overflow-wrap: anywhere), table headers repeat on every page and rows are not split (print CSS).
 */
export function buildHtml(findings: Finding[], meta: ReportMeta): string {
  const total = countSeverities(findings);
  const v = buildView(findings);
  const summaryRows = groupFindings(findings)
    .map((g) => `<tr><td>${esc(g.title)}</td><td>${g.counts.error}</td><td>${g.counts.warning}</td><td>${g.counts.info}</td></tr>`)
    .join('');
  const sections: string[] = [];
  let n = 1;
  if (v.errors.length) {
    sections.push(`<h2>错误 ${v.errors.length} 项</h2>`, htmlTable(v.errors, n));
    n += v.errors.length;
  }
  if (v.notices.length) {
    sections.push(`<h2>提示与信息 ${v.notices.length} 项</h2>`, htmlTable(v.notices, n));
    n += v.notices.length;
  }
  if (v.rounding.length) {
    sections.push(
      `<details class="rounding"><summary>${esc(roundingHeading(v))}（点击展开）</summary><p class="note">${esc(ROUNDING_NOTE)}</p>${htmlTable(v.rounding, n)}</details>`,
    );
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>校验报告 - ${esc(meta.workbook)}</title>
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:24px;color:#242424;max-width:1200px}
h1{font-size:20px}h2{font-size:16px;margin:20px 0 6px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d1d1d1;padding:4px 6px;text-align:left;vertical-align:top;font-size:13px}
th{background:#f5f5f5}table.list{width:100%;table-layout:fixed}
table.list td{overflow-wrap:anywhere;word-break:break-word;white-space:normal}
col.w-n{width:4%}col.w-t{width:7%}col.w-s{width:5%}col.w-m{width:36%}col.w-p{width:9%}col.w-v{width:9%}col.w-r{width:11%}col.w-rule{width:10%}
tr.error td.c2{background:#ffc7ce}tr.warning td.c2{background:#ffeb9c}tr.info td.c2{background:#ddebf7}
.verdict{font-weight:600}.note{color:#616161;font-size:13px;margin:4px 0}
details.rounding{margin-top:20px}details.rounding summary{font-size:16px;font-weight:600;cursor:pointer}
@page{size:A4 landscape;margin:12mm}
@media print{body{margin:0;max-width:none}th,td{font-size:10pt;padding:2px 4px}thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}h2{break-after:avoid;page-break-after:avoid}}
</style></head><body>
<h1>预算公开校验报告</h1>
<p>工作簿：${esc(meta.workbook)}<br>校验时间：${esc(formatDateTime(meta.checkedAt))}<br>
共 ${findings.length} 条：${esc(countsText(total, SEVERITY_LABEL))}</p>
<p class="verdict">${esc(verdictLine(total, v.rounding.length))}</p>
<h2>按表汇总</h2>
<table><thead><tr><th>表</th><th>错误</th><th>提示</th><th>信息</th></tr></thead><tbody>${summaryRows}</tbody></table>
${sections.join('\n')}
</body></html>
`;
}

/** "校验报告-长治市民政局-20240115-0930.csv": no characters Windows refuses in file names. */
export function reportFileName(meta: ReportMeta, ext: 'csv' | 'html'): string {
  const base = meta.workbook.replace(/\.xlsx?$/i, '').replace(/[\\/:*?"<>|]+/g, '_') || '工作簿';
  const stamp = formatDateTime(meta.checkedAt).replace(/[-:]/g, '').replace(' ', '-');
  return `校验报告-${base}-${stamp}.${ext}`;
}

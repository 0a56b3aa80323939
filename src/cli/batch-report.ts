/**
 * budget-check batch: checking one workbook (what each worker thread does) and the HTML/JSON of the reports.
 * The summary lists one row per workbook; every workbook also gets its own page (<report>_files/NNN.html) with
 * its findings grouped by table, under the same headings as `check`'s text report.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Finding, Severity } from '../model/finding';
import { esc } from '../format/html';
import { GROUP_ORDER, groupOf, groupTitle } from '../format/groups';
import { TABLE_NAMES, TABLE_ORDINALS } from '../tables/identify';
import { TABLE_IDS, type TableId } from '../tables/types';
import { isUnreadableWorkbookError } from '../xlsx/errors';
import { INPUT_FILE_RE, checkInput, openInputFile } from './open-input';
import type { CheckResult } from '../engine';
import { summarise } from './report';

/** One workbook's line in the summary (report.json `workbooks[]`). */
export interface BatchRow {
  /** Path relative to the batch folder, with '/' separators. */
  file: string;
  /** 部门名称 from the tables' captions, else the file name without extension. */
  department: string;
  /** ok = checked; unreadable = not a readable .xlsx (无法读取); failed = an internal error while checking. */
  status: 'ok' | 'unreadable' | 'failed';
  /** Chinese reason when status is not ok. */
  reason: string | null;
  errors: number;
  warnings: number;
  infos: number;
  /** T1..T13 found in the workbook. */
  tablesFound: number;
  /** Ids of the tables not found (all 13 when unreadable). */
  tablesMissing: TableId[];
  /** Performance-target forms recognised (绩效目标表). */
  targetSheets: number;
  /** The workbook's own page, relative to the summary HTML. */
  report: string;
}

export interface BatchJob {
  index: number;
  /** Absolute path of the workbook. */
  file: string;
  /** Path relative to the batch folder. */
  rel: string;
  /** Where to write the workbook's own page (absolute). */
  page: string;
  /** `report` of the row: the page relative to the summary. */
  pageHref: string;
  /** The summary, relative to the page (the page's 返回汇总 link). */
  summaryHref: string;
}

/** A relative path as an href (each segment percent-encoded, '/' kept). */
export function href(rel: string): string {
  return rel.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function stem(rel: string): string {
  return path.basename(rel).replace(INPUT_FILE_RE, '');
}

/** Reads and checks one workbook, writes its page and returns its summary row. Never throws for a bad file. */
export async function checkOne(job: BatchJob): Promise<BatchRow> {
  let row: BatchRow;
  let result: CheckResult | undefined;
  try {
    result = checkInput(await openInputFile(job.file));
    const s = summarise(result.findings);
    const rec = result.recognised;
    row = {
      file: job.rel,
      department: rec.department?.trim() || stem(job.rel),
      status: 'ok',
      reason: null,
      errors: s.errors,
      warnings: s.warnings,
      infos: s.infos,
      tablesFound: TABLE_IDS.filter((id) => rec.locations[id]?.found).length,
      tablesMissing: TABLE_IDS.filter((id) => !rec.locations[id]?.found),
      targetSheets: rec.targets.length,
      report: job.pageHref,
    };
  } catch (e) {
    const unreadable = isUnreadableWorkbookError(e);
    const what = e instanceof Error ? e.message : String(e);
    row = {
      file: job.rel,
      department: stem(job.rel),
      status: unreadable ? 'unreadable' : 'failed',
      // the reader names the file by its absolute path; the report names it by its place in the folder
      reason: unreadable
        ? what.split(job.file).join(job.rel)
        : `无法完成校验：程序内部错误（${what.split('\n')[0]}），请将文件和这条信息反馈给开发者。`,
      errors: 0,
      warnings: 0,
      infos: 0,
      tablesFound: 0,
      tablesMissing: [...TABLE_IDS],
      targetSheets: 0,
      report: job.pageHref,
    };
    result = undefined;
  }
  await fs.promises.mkdir(path.dirname(job.page), { recursive: true });
  await fs.promises.writeFile(job.page, workbookPage(row, result, job.summaryHref));
  return row;
}

// ---------------------------------------------------------------------------------------------------------
// HTML

const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '提示', info: '信息' };
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const STYLE = `
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:24px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:24px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right}tr.bad td{background:#fff3f3}tr.unreadable td{background:#fff8e1}
.error{color:#b00020;font-weight:bold}.warning{color:#8a5a00}.info{color:#555}.muted{color:#777;font-size:13px}
ul.findings{padding-left:20px}ul.findings li{margin:4px 0}
`;

function doc(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${esc(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

function missingText(row: BatchRow): string {
  if (row.status !== 'ok') return '—';
  if (row.tablesMissing.length === 0) return '无';
  if (row.tablesMissing.length === TABLE_IDS.length) return `全部 ${TABLE_IDS.length} 张`;
  return row.tablesMissing.map((id) => TABLE_ORDINALS[id]).join('、');
}

function statusText(row: BatchRow): string {
  if (row.status === 'unreadable') return '无法读取';
  if (row.status === 'failed') return '无法校验';
  if (row.errors > 0) return '有错误';
  return '通过';
}

function findingItem(f: Finding): string {
  const cells = f.cells?.length ? f.cells.join('、') : '';
  const where = [f.sheet, cells].filter(Boolean).join(' ');
  const parts: string[] = [];
  if (f.expected !== undefined) parts.push(`应为 ${esc(f.expected)}`);
  if (f.actual !== undefined) parts.push(`实为 ${esc(f.actual)}`);
  const rel = (f.related ?? []).map((r) => `${esc(r.sheet)} ${esc(r.cells.join('、'))}`.trim()).filter(Boolean);
  if (rel.length) parts.push(`相关：${rel.join('；')}`);
  return (
    `<li><span class="${f.severity}">[${SEVERITY_LABEL[f.severity]}]</span> ` +
    (where ? `<b>${esc(where)}</b>：` : '') +
    esc(f.message) +
    (parts.length ? `（${parts.join('，')}）` : '') +
    ` <span class="muted">〔${esc(f.rule)}〕</span></li>`
  );
}

function groupHeading(g: string, result: CheckResult): string {
  if ((TABLE_IDS as readonly string[]).includes(g)) {
    const id = g as TableId;
    const loc = result.recognised.locations[id];
    return `${TABLE_ORDINALS[id]} ${TABLE_NAMES[id]}${loc?.sheet ? `〔工作表：${loc.sheet}〕` : ''}`;
  }
  return groupTitle(g);
}

/** One workbook's page: counts, tables found and missing, findings grouped by table. */
export function workbookPage(row: BatchRow, result: CheckResult | undefined, summaryHref: string): string {
  const out: string[] = [];
  out.push(`<p><a href="${esc(href(summaryHref))}">← 返回汇总</a></p>`);
  out.push(`<h1>${esc(row.department)}</h1>`);
  out.push(`<p>文件：${esc(row.file)}</p>`);
  if (!result) {
    const reason = row.reason ?? '';
    out.push(`<p class="error">${esc(/^无法/.test(reason) ? reason : `${statusText(row)}：${reason}`)}</p>`);
    return doc(`${row.department} · ${statusText(row)}`, out.join('\n'));
  }
  out.push(
    `<p>结果：<span class="${row.errors ? 'error' : ''}">错误 ${row.errors} 条</span>，提示 ${row.warnings} 条，信息 ${row.infos} 条。` +
      `13 张表找到 ${row.tablesFound} 张（未找到：${esc(missingText(row))}）；绩效目标表 ${row.targetSheets} 张。</p>`,
  );
  const found = TABLE_IDS.filter((id) => result.recognised.locations[id]?.found);
  if (found.length) {
    out.push('<h2>识别到的表</h2>', '<table><tr><th>表</th><th>工作表</th></tr>');
    for (const id of found) out.push(`<tr><td>${TABLE_ORDINALS[id]} ${esc(TABLE_NAMES[id])}</td><td>${esc(result.recognised.locations[id].sheet ?? '')}</td></tr>`);
    out.push('</table>');
  }
  const groups = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const g = groupOf(f);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(f);
  }
  if (groups.size === 0) out.push('<h2>校验结果</h2>', '<p>未发现问题。</p>');
  const order = [...GROUP_ORDER, ...[...groups.keys()].filter((g) => !GROUP_ORDER.includes(g))];
  for (const g of order) {
    const list = groups.get(g);
    if (!list?.length) continue;
    const sorted = list.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i);
    out.push(`<h2>${esc(groupHeading(g, result))}</h2>`, '<ul class="findings">', ...sorted.map(({ f }) => findingItem(f)), '</ul>');
  }
  return doc(`${row.department} · 校验结果`, out.join('\n'));
}

export interface BatchSummary {
  /** The folder as given on the command line. */
  folder: string;
  /** The HTML summary written. */
  report: string;
  generatedAt: string;
  totals: {
    workbooks: number;
    /** Checked without an error-severity finding. */
    passed: number;
    /** Checked, with at least one error-severity finding. */
    withErrors: number;
    /** 无法读取 (and 无法校验): counted as errors for the exit status. */
    unreadable: number;
    errors: number;
    warnings: number;
    infos: number;
  };
  workbooks: BatchRow[];
}

export function totalsOf(rows: BatchRow[]): BatchSummary['totals'] {
  const t = { workbooks: rows.length, passed: 0, withErrors: 0, unreadable: 0, errors: 0, warnings: 0, infos: 0 };
  for (const r of rows) {
    if (r.status !== 'ok') t.unreadable++;
    else if (r.errors > 0) t.withErrors++;
    else t.passed++;
    t.errors += r.errors;
    t.warnings += r.warnings;
    t.infos += r.infos;
  }
  return t;
}

/** The summary page: one row per workbook with a link to its own page. */
export function summaryPage(s: BatchSummary): string {
  const t = s.totals;
  const out: string[] = [];
  out.push(`<h1>预算公开批量校验汇总</h1>`);
  out.push(`<p>文件夹：${esc(s.folder)}；生成时间：${esc(s.generatedAt)}</p>`);
  out.push(
    `<p>共 ${t.workbooks} 个工作簿：通过 ${t.passed} 个，<span class="${t.withErrors ? 'error' : ''}">有错误 ${t.withErrors} 个</span>，` +
      `<span class="${t.unreadable ? 'error' : ''}">无法读取 ${t.unreadable} 个</span>；合计错误 ${t.errors} 条，提示 ${t.warnings} 条，信息 ${t.infos} 条。</p>`,
  );
  out.push(
    '<table>',
    '<tr><th>序号</th><th>部门名称</th><th>文件</th><th>结果</th><th>错误</th><th>提示</th><th>信息</th><th>缺少的表</th><th>绩效目标表</th><th>详细报告</th></tr>',
  );
  s.workbooks.forEach((r, i) => {
    const cls = r.status !== 'ok' ? 'unreadable' : r.errors > 0 ? 'bad' : '';
    const result = r.status === 'ok' ? esc(statusText(r)) : `${esc(statusText(r))}<br><span class="muted">${esc(r.reason ?? '')}</span>`;
    out.push(
      `<tr class="${cls}"><td class="n">${i + 1}</td><td>${esc(r.department)}</td><td>${esc(r.file)}</td><td>${result}</td>` +
        `<td class="n">${r.status === 'ok' ? r.errors : '—'}</td><td class="n">${r.status === 'ok' ? r.warnings : '—'}</td><td class="n">${r.status === 'ok' ? r.infos : '—'}</td>` +
        `<td>${esc(missingText(r))}</td><td class="n">${r.status === 'ok' ? r.targetSheets : '—'}</td><td><a href="${esc(href(r.report))}">查看</a></td></tr>`,
    );
  });
  out.push('</table>');
  out.push('<p class="muted">“错误”须在公开前改正；“提示”多为舍位差异或建议；无法读取的文件按错误计。同目录下的 report.json 是本汇总的机器可读版本。</p>');
  return doc('预算公开批量校验汇总', out.join('\n'));
}

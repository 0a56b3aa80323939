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
import { openWorkbookBuffer, openWorkbookFile } from '../xlsx/open';
import { INPUT_FILE_RE, checkInput, openInputFile, readBytesSync } from './open-input';
import { check, skippedChecks, type CheckOptions, type CheckResult, type EngineConfig, type SkippedCheck } from '../engine';
import { allRules } from '../rules';
import { readDocxNarrativeFile } from '../docx/read-file';
import type { WorkbookSnapshot } from '../model/snapshot';
import { countKinds, KINDS, kindOfRule, type KindCounts } from '../format/kinds';
import { summarise } from './report';
import type { Comparison, RowFinding } from './batch/compare';

/** Shown for 部门名称 when the workbook names none (or cannot be read): the file name stands beside it. */
export const UNKNOWN_DEPARTMENT = '无法识别';

/** One workbook's line in the summary (report.json `workbooks[]`). */
export interface BatchRow {
  /** Path relative to the batch folder, with '/' separators. */
  file: string;
  /** 部门名称 from the tables' captions, else 无法识别 (UNKNOWN_DEPARTMENT; `file` says which file). */
  department: string;
  /** Whether `department` was read from the workbook. */
  departmentFound: boolean;
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
  /** Errors and warnings per kind (表内 / 表间 / 绩效目标 / 情况说明 / 输入). */
  kinds: KindCounts;
  /** Every finding, for the next round's --previous and the notices. */
  findings: RowFinding[];
  /** Checks that did not run (or only in part), and why. */
  skippedChecks: SkippedCheck[];
  /** A disclosure that is a folder: its files (tables, target sheets, 情况说明.docx), relative to the batch folder. */
  files?: string[];
  /** --previous: against the earlier round (null: the department was not in it). */
  comparison?: Comparison | null;
  /** --units: the name of the list this workbook matched (null: none). */
  unit?: string | null;
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
  /** A disclosure that is a folder: its workbooks (absolute, relative) — `file`/`rel` are then the folder. */
  parts?: { file: string; rel: string }[];
  /** Its 情况说明.docx, when it has one. */
  narrative?: { file: string; rel: string };
}

/** A relative path as an href (each segment percent-encoded, '/' kept). */
export function href(rel: string): string {
  return rel.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function stem(rel: string): string {
  return path.basename(rel).replace(INPUT_FILE_RE, '');
}

/** The workbooks of a folder disclosure as one snapshot: their sheets side by side (a repeated sheet name gets its file's name). */
export function mergeSnapshots(name: string, parts: { wb: WorkbookSnapshot; rel: string }[]): WorkbookSnapshot {
  const sheets: WorkbookSnapshot['sheets'] = [];
  const names = new Set<string>();
  for (const { wb, rel } of parts)
    for (const sh of wb.sheets) {
      let n = sh.name;
      if (names.has(n)) n = `${sh.name}（${stem(rel)}）`;
      names.add(n);
      sheets.push({ ...sh, name: n, index: sheets.length });
    }
  return { name, sheets };
}

function rowFindings(result: CheckResult): RowFinding[] {
  const titles = new Map(allRules.map((r) => [r.meta.id, r.meta.title]));
  return result.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    title: titles.get(f.rule) ?? INPUT_TITLES[f.rule] ?? f.rule,
    kind: kindOfRule(f.rule),
    table: groupTitle(f),
    sheet: f.sheet,
    cells: f.cells ?? [],
    message: f.message,
    expected: f.expected ?? null,
    actual: f.actual ?? null,
  }));
}

const INPUT_TITLES: Record<string, string> = {
  'INPUT.missing_table': '缺少报表',
  'INPUT.duplicate_table': '报表重复',
  'INPUT.not_a_number': '金额不是数字',
  'INPUT.unreadable': '文件无法读取',
};

function failed(job: BatchJob, status: 'unreadable' | 'failed', reason: string): BatchRow {
  return {
    file: job.rel,
    department: UNKNOWN_DEPARTMENT,
    departmentFound: false,
    status,
    reason,
    errors: 0,
    warnings: 0,
    infos: 0,
    tablesFound: 0,
    tablesMissing: [...TABLE_IDS],
    targetSheets: 0,
    report: job.pageHref,
    kinds: countKinds([]),
    findings: [],
    skippedChecks: [],
    ...(job.parts ? { files: [...job.parts.map((p) => p.rel), ...(job.narrative ? [job.narrative.rel] : [])] } : {}),
  };
}

/** A failed row for a job the worker could not finish (a crash, a timeout): the same shape as checkOne's. */
export function failedRow(job: BatchJob, reason: string): BatchRow {
  return failed(job, 'failed', reason);
}

/** Reads and checks one workbook (or folder disclosure), writes its page and returns its summary row. Never throws for a bad file. */
export async function checkOne(job: BatchJob, config?: EngineConfig): Promise<BatchRow> {
  let row: BatchRow;
  let result: CheckResult | undefined;
  let current = job;
  try {
    const narrative = job.narrative ? await readDocxNarrativeFile(job.narrative.file) : undefined;
    const options: CheckOptions = { ...(narrative ? { narrative } : {}), ...(config ? { config } : {}) };
    if (job.parts) {
      const parts: { wb: WorkbookSnapshot; rel: string }[] = [];
      for (const p of job.parts) {
        current = { ...job, file: p.file, rel: p.rel };
        const bytes = readBytesSync(p.file);
        parts.push({ wb: bytes ? await openWorkbookBuffer(bytes, path.basename(p.file), p.file) : await openWorkbookFile(p.file), rel: p.rel });
      }
      current = job;
      result = check(mergeSnapshots(job.rel, parts), allRules, options);
    } else result = checkInput(await openInputFile(job.file, readBytesSync(job.file)), options); // a workbook, or a published PDF
    const s = summarise(result.findings);
    const rec = result.recognised;
    const dept = rec.department?.trim();
    row = {
      file: job.rel,
      department: dept || UNKNOWN_DEPARTMENT,
      departmentFound: !!dept,
      status: 'ok',
      reason: null,
      errors: s.errors,
      warnings: s.warnings,
      infos: s.infos,
      tablesFound: TABLE_IDS.filter((id) => rec.locations[id]?.found).length,
      tablesMissing: TABLE_IDS.filter((id) => !rec.locations[id]?.found),
      targetSheets: rec.targets.length,
      report: job.pageHref,
      kinds: countKinds(result.findings),
      findings: rowFindings(result),
      skippedChecks: skippedChecks(rec, allRules, config, result.findings),
      ...(job.parts ? { files: [...job.parts.map((p) => p.rel), ...(job.narrative ? [job.narrative.rel] : [])] } : {}),
    };
  } catch (e) {
    const unreadable = isUnreadableWorkbookError(e) || (e instanceof Error && e.name === 'UnreadableDocumentError');
    const what = e instanceof Error ? e.message : String(e);
    // the reader names the file by its absolute path; the report names it by its place in the folder
    const reason = unreadable
      ? what.split(current.file).join(current.rel).split(job.narrative?.file ?? '\u0000').join(job.narrative?.rel ?? '')
      : `无法完成校验：程序内部错误（${what.split('\n')[0]}），请将文件和这条信息反馈给开发者。`;
    row = failed(job, unreadable ? 'unreadable' : 'failed', reason);
    result = undefined;
  }
  // Written at once, like the file was read (readBytesSync): the worker's thread has nothing else to do.
  const page = workbookPage(row, result, job.summaryHref);
  const dir = path.dirname(job.page);
  try {
    if (!pageDirs.has(dir)) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(job.page, page);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    fs.mkdirSync(dir, { recursive: true }); // the folder went away meanwhile: once more
    fs.writeFileSync(job.page, page);
  }
  pageDirs.add(dir);
  return row;
}

/**
 * A row's findings as they stand in report.json (`JSON.stringify(summary, null, 2)`: workbooks[].findings is three
 * levels deep, so each line after the first is indented by six spaces). Made by the worker that checked the row, so
 * that the main thread neither receives the findings as objects (a structured clone of ~19 KB of JSON a row) nor
 * turns them into text at the end of the batch, after the last row, where nothing runs beside it (summaryJson).
 */
export function findingsJson(findings: RowFinding[]): string {
  // stringified at the depth it has there, so JSON.stringify indents it itself (no second pass over the text)
  return JSON.stringify({ w: [{ f: findings }] }, null, 2).slice(FINDINGS_OPEN.length, -FINDINGS_CLOSE.length);
}

const FINDINGS_OPEN = '{\n  "w": [\n    {\n      "f": ';
const FINDINGS_CLOSE = '\n    }\n  ]\n}';

/**
 * report.json's text: `JSON.stringify(summary, null, 2)`, except that the findings of the rows listed in
 * `findingsText` (row index → findingsJson, those rows' `findings` being empty meanwhile) are put in as that text.
 */
export function summaryJson(summary: BatchSummary, findingsText: ReadonlyMap<number, string>): string {
  const rows = summary.workbooks;
  if (findingsText.size === 0) return JSON.stringify(summary, null, 2) + '\n';
  // a token no cell text can hold (XML 1.0 has no U+0000), unique to this call
  const token = `\u0000findings-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}:`;
  const held = new Map<number, RowFinding[]>();
  for (const i of findingsText.keys()) {
    held.set(i, rows[i].findings);
    (rows[i] as { findings: unknown }).findings = `${token}${i}`;
  }
  let json: string;
  try {
    json = JSON.stringify(summary, null, 2);
  } finally {
    for (const [i, f] of held) rows[i].findings = f;
  }
  const quoted = JSON.stringify(token).slice(0, -1); // the opening quote and the escaped token
  const pieces = json.split(quoted);
  for (let k = 1; k < pieces.length; k++) {
    const m = /^(\d+)"/.exec(pieces[k])!;
    pieces[k] = findingsText.get(Number(m[1]))! + pieces[k].slice(m[0].length);
  }
  return pieces.join('') + '\n';
}

/** Folders checkOne has made sure exist. */
const pageDirs = new Set<string>();

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
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
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

/** Where a workbook's page gets its comparison with the earlier round (filled in by the main thread, which has it). */
export const COMPARISON_SLOT = '<!--comparison-->';

/** The page's section on the earlier round: counts, and what was fixed and what is new. */
export function comparisonHtml(row: BatchRow): string {
  const c = row.comparison;
  if (c === undefined) return '';
  if (c === null) return '<h2>与上一轮比较</h2>\n<p>上一轮报告中没有这个部门（或本轮无法读取）。</p>';
  const out = ['<h2>与上一轮比较</h2>', `<p>上一轮文件：${esc(c.previousFile)}；已改正 ${c.fixed} 条，新增 ${c.new} 条，仍存在 ${c.remaining} 条。</p>`];
  const list = (title: string, fs_: RowFinding[]) =>
    fs_.length
      ? [`<h3>${title}</h3>`, '<ul class="findings">', ...fs_.map((f) => `<li><span class="${f.severity}">[${SEVERITY_LABEL[f.severity]}]</span> ${esc(f.table)}：${esc(f.message)} <span class="muted">〔${esc(f.rule)}〕</span></li>`), '</ul>']
      : [];
  out.push(...list('已改正', c.fixedFindings), ...list('新增', c.newFindings));
  return out.join('\n');
}

/** One workbook's page: counts, tables found and missing, findings grouped by table. */
export function workbookPage(row: BatchRow, result: CheckResult | undefined, summaryHref: string): string {
  const out: string[] = [];
  out.push(`<p><a href="${esc(href(summaryHref))}">← 返回汇总</a></p>`);
  out.push(`<h1>${esc(row.department)}</h1>`);
  out.push(`<p>${row.files ? '文件夹' : '文件'}：${esc(row.file)}${row.files ? `（${row.files.map(esc).join('、')}，作为一份公开材料校验）` : ''}</p>`);
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
  out.push(row.comparison !== undefined ? comparisonHtml(row) : COMPARISON_SLOT);
  if (groups.size === 0) out.push('<h2>校验结果</h2>', '<p>未发现问题。</p>');
  const order = [...GROUP_ORDER, ...[...groups.keys()].filter((g) => !GROUP_ORDER.includes(g))];
  for (const g of order) {
    const list = groups.get(g);
    if (!list?.length) continue;
    const sorted = list.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i);
    out.push(`<h2>${esc(groupHeading(g, result))}</h2>`, '<ul class="findings">', ...sorted.map(({ f }) => findingItem(f)), '</ul>');
  }
  if (row.skippedChecks.length) {
    out.push(`<h2>未运行的校验（${row.skippedChecks.length} 项）</h2>`, '<ul class="findings">');
    for (const k of row.skippedChecks) out.push(`<li>${esc(k.title)}：${esc(k.reason)} <span class="muted">〔${esc(k.rule)}〕</span></li>`);
    out.push('</ul>');
  }
  return doc(`${row.department} · 校验结果`, out.join('\n'));
}

export interface BatchSummary {
  /** The folder as given on the command line. */
  folder: string;
  /** The HTML summary written. */
  report: string;
  /** Local time with its offset (ISO 8601, e.g. 2026-12-02T11:29:34+08:00). */
  generatedAt: string;
  /** The same as shown on the page: 2026年12月2日 11:29:34（UTC+08:00）. */
  generatedAtText: string;
  /** Review round: 1, or the earlier report's round + 1 with --previous. */
  round: number;
  /** The 审核口径 used (src/engine/config.ts describeConfig) and its line as shown. */
  config: ReturnType<typeof import('../engine').describeConfig> & { text: string };
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
    /** Errors and warnings per kind over every workbook. */
    kinds: KindCounts;
  };
  /** --previous: the earlier report and the departments it had that this round has not. */
  previous?: { file: string; round: number; departmentsGone: { department: string; file: string }[] };
  /** --units: the list, who has not submitted, and the workbooks no name of the list matched. */
  units?: { file: string; expected: number; submitted: number; missing: string[]; unexpected: { department: string; file: string }[] };
  /** --notices: the folder and the files written. */
  notices?: { folder: string; files: string[] };
  workbooks: BatchRow[];
}

export function totalsOf(rows: BatchRow[]): BatchSummary['totals'] {
  const t = { workbooks: rows.length, passed: 0, withErrors: 0, unreadable: 0, errors: 0, warnings: 0, infos: 0, kinds: countKinds([]) };
  for (const r of rows) {
    if (r.status !== 'ok') t.unreadable++;
    else if (r.errors > 0) t.withErrors++;
    else t.passed++;
    t.errors += r.errors;
    t.warnings += r.warnings;
    t.infos += r.infos;
    for (const k of KINDS) {
      t.kinds[k].errors += r.kinds[k].errors;
      t.kinds[k].warnings += r.kinds[k].warnings;
    }
  }
  return t;
}

/** Local time with its zone: the ISO form (…+08:00) and the Chinese one for the page. */
export function localTime(d: Date): { iso: string; text: string } {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const zone = `${off >= 0 ? '+' : '-'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  const time = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return {
    iso: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${time}${zone}`,
    text: `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${time}（UTC${zone}）`,
  };
}

const SUMMARY_STYLE = `
.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:12px 0;padding:8px 12px;background:#f7f7f7;border:1px solid #ddd}
.filters label{white-space:nowrap}.filters input[type=search]{width:12em}
.wrap{overflow-x:auto;max-width:100%}
#summary th{white-space:nowrap;vertical-align:bottom}#summary td:nth-child(2){min-width:8em}#summary td:last-child{white-space:nowrap}
th.sortable{cursor:pointer;user-select:none}th.sortable::after{content:" ⇅";color:#aaa}
th[aria-sort=ascending]::after{content:" ▲";color:#222}th[aria-sort=descending]::after{content:" ▼";color:#222}
td .file{display:block;color:#777;font-size:12px;word-break:break-all}td.k{text-align:right;white-space:nowrap}
td.k .w{color:#8a5a00;font-size:12px}td.k .z{color:#bbb}
.kinds{border-collapse:collapse;margin:8px 0}.note{background:#fffbe6;border:1px solid #f0d98a;padding:6px 10px}
@media (max-width:600px){body{margin:8px}h1{font-size:17px}table{font-size:12px}th,td{padding:3px 4px}.filters input[type=search]{width:9em}}
`;

/** The small inline script of the summary page: sort by a column, filter by 部门, status, kind, errors. No server, no CDN. */
const SUMMARY_SCRIPT = `
(function(){
  var table=document.getElementById('summary');var body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows);
  var q=document.getElementById('f-dept'),st=document.getElementById('f-status'),kd=document.getElementById('f-kind'),er=document.getElementById('f-errors'),cnt=document.getElementById('f-count');
  function apply(){
    var text=q.value.trim().toLowerCase(),s=st.value,k=kd.value,e=er.checked,shown=0;
    rows.forEach(function(r){
      var ok=(!text||r.getAttribute('data-search').indexOf(text)>=0)&&(!s||r.getAttribute('data-status')===s)&&(!k||(' '+r.getAttribute('data-kinds')+' ').indexOf(' '+k+' ')>=0)&&(!e||Number(r.getAttribute('data-errors'))>0);
      r.hidden=!ok;if(ok)shown++;
    });
    cnt.textContent='显示 '+shown+' / '+rows.length+' 个';
  }
  [q,st,kd,er].forEach(function(el){el.addEventListener('input',apply);el.addEventListener('change',apply);});
  var ths=table.tHead.rows[0].cells;
  Array.prototype.forEach.call(ths,function(th,i){
    if(!th.classList.contains('sortable'))return;
    th.tabIndex=0;
    function sort(){
      var dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending';
      Array.prototype.forEach.call(ths,function(o){o.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir);
      var num=th.getAttribute('data-type')==='num',m=dir==='ascending'?1:-1;
      rows.sort(function(a,b){
        var x=a.cells[i].getAttribute('data-v'),y=b.cells[i].getAttribute('data-v');
        var c=num?(Number(x)-Number(y)):String(x).localeCompare(String(y),'zh-CN');
        return c*m||(Number(a.cells[0].getAttribute('data-v'))-Number(b.cells[0].getAttribute('data-v')));
      });
      rows.forEach(function(r){body.appendChild(r);});
    }
    th.addEventListener('click',sort);
    th.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();sort();}});
  });
  apply();
})();
`;

function kindCell(c: { errors: number; warnings: number }): string {
  const v = c.errors * 100000 + c.warnings;
  if (!c.errors && !c.warnings) return `<td class="k" data-v="0"><span class="z">0</span></td>`;
  return `<td class="k" data-v="${v}">${c.errors ? `<span class="error">${c.errors}</span>` : '0'}${c.warnings ? ` <span class="w">(${c.warnings})</span>` : ''}</td>`;
}

/** The summary page: one row per workbook, sortable and filterable, with a link to its own page. */
export function summaryPage(s: BatchSummary): string {
  const t = s.totals;
  const out: string[] = [];
  const cmp = !!s.previous;
  out.push(`<h1>预算公开批量校验汇总（第${s.round}轮）</h1>`);
  out.push(`<p>文件夹：${esc(s.folder)}；生成时间：${esc(s.generatedAtText)}</p>`);
  out.push(
    `<p>共 ${t.workbooks} 份：通过 ${t.passed} 份，<span class="${t.withErrors ? 'error' : ''}">有错误 ${t.withErrors} 份</span>，` +
      `<span class="${t.unreadable ? 'error' : ''}">无法读取 ${t.unreadable} 份</span>；合计错误 ${t.errors} 条，提示 ${t.warnings} 条，信息 ${t.infos} 条。</p>`,
  );
  out.push(
    '<table class="kinds"><tr><th>问题类别</th>' + KINDS.map((k) => `<th>${k}</th>`).join('') + '</tr>',
    '<tr><th>错误</th>' + KINDS.map((k) => `<td class="n">${t.kinds[k].errors}</td>`).join('') + '</tr>',
    '<tr><th>提示</th>' + KINDS.map((k) => `<td class="n">${t.kinds[k].warnings}</td>`).join('') + '</tr></table>',
  );
  if (s.units) {
    const u = s.units;
    out.push(`<h2>报送情况（名单：${esc(u.file)}）</h2>`);
    out.push(`<p>名单中应报送 ${u.expected} 个部门，已报送 ${u.submitted} 个，<span class="${u.missing.length ? 'error' : ''}">未报送 ${u.missing.length} 个</span>。</p>`);
    if (u.missing.length) out.push(`<p class="note">未报送：${u.missing.map(esc).join('、')}</p>`);
    if (u.unexpected.length) out.push(`<p class="note">不在名单中的材料：${u.unexpected.map((x) => `${esc(x.department)}（${esc(x.file)}）`).join('、')}</p>`);
  }
  if (s.previous) {
    out.push(`<p>与上一轮（第${s.previous.round}轮，${esc(s.previous.file)}）比较：已改正、新增、仍存在的问题按部门列在下表（只计错误和提示）。</p>`);
    if (s.previous.departmentsGone.length) out.push(`<p class="note">上一轮有、本轮没有的部门：${s.previous.departmentsGone.map((d) => `${esc(d.department)}（${esc(d.file)}）`).join('、')}</p>`);
  }
  out.push(`<p class="muted">${esc(s.config.text)}</p>`);
  const statuses = ['有错误', '通过', '无法读取', '无法校验'];
  out.push(
    '<div class="filters" role="search">',
    '<label>部门或文件 <input id="f-dept" type="search" placeholder="输入名称筛选"></label>',
    `<label>结果 <select id="f-status"><option value="">全部</option>${statuses.map((x) => `<option>${x}</option>`).join('')}</select></label>`,
    `<label>问题类别 <select id="f-kind"><option value="">全部</option>${KINDS.map((k) => `<option>${k}</option>`).join('')}</select></label>`,
    '<label><input id="f-errors" type="checkbox"> 只看有错误的</label>',
    '<span id="f-count" class="muted"></span>',
    '</div>',
  );
  const sortable = (label: string, num = true) => `<th class="sortable"${num ? ' data-type="num"' : ''}>${label}</th>`;
  out.push(
    '<div class="wrap"><table id="summary">',
    '<thead><tr>' +
      sortable('序号') +
      sortable('部门名称', false) +
      sortable('结果', false) +
      sortable('错误') +
      sortable('提示') +
      KINDS.map((k) => sortable(k)).join('') +
      (cmp ? sortable('已改正') + sortable('新增') + sortable('仍存在') : '') +
      '<th>缺少的表</th>' +
      sortable('绩效目标表') +
      '<th>详细报告</th></tr></thead>',
    '<tbody>',
  );
  s.workbooks.forEach((r, i) => {
    const cls = r.status !== 'ok' ? 'unreadable' : r.errors > 0 ? 'bad' : '';
    const status = statusText(r);
    const result = r.status === 'ok' ? esc(status) : `${esc(status)}<br><span class="muted">${esc(r.reason ?? '')}</span>`;
    const kinds = KINDS.filter((k) => r.kinds[k].errors + r.kinds[k].warnings > 0).join(' ');
    const search = `${r.department} ${r.file} ${r.unit ?? ''}`.toLowerCase();
    const ok = r.status === 'ok';
    const num = (v: number) => (ok ? `<td class="n" data-v="${v}">${v}</td>` : '<td class="n" data-v="-1">—</td>');
    const c = r.comparison;
    const cmpCells = !cmp ? '' : c ? [c.fixed, c.new, c.remaining].map((v) => `<td class="n" data-v="${v}">${v}</td>`).join('') : '<td class="n" data-v="-1" colspan="1">—</td><td class="n" data-v="-1">—</td><td class="n" data-v="-1">—</td>';
    out.push(
      `<tr class="${cls}" data-status="${esc(status)}" data-kinds="${esc(kinds)}" data-errors="${ok ? r.errors : 1}" data-search="${esc(search)}">` +
        `<td class="n" data-v="${i + 1}">${i + 1}</td>` +
        `<td data-v="${esc(r.departmentFound ? r.department : `~${r.file}`)}">${esc(r.department)}${r.unit && r.unit !== r.department ? `<span class="file">名单：${esc(r.unit)}</span>` : ''}<span class="file">${esc(r.file)}</span></td>` +
        `<td data-v="${esc(status)}">${result}</td>` +
        num(r.errors) +
        num(r.warnings) +
        KINDS.map((k) => (ok ? kindCell(r.kinds[k]) : '<td class="k" data-v="-1">—</td>')).join('') +
        cmpCells +
        `<td>${esc(missingText(r))}</td>` +
        num(r.targetSheets) +
        `<td><a href="${esc(href(r.report))}">查看</a></td></tr>`,
    );
  });
  out.push('</tbody></table></div>');
  const skipped = new Map<string, { title: string; reasons: Map<string, number> }>();
  for (const r of s.workbooks)
    for (const k of r.skippedChecks) {
      const e = skipped.get(k.rule) ?? { title: k.title, reasons: new Map<string, number>() };
      e.reasons.set(k.reason, (e.reasons.get(k.reason) ?? 0) + 1);
      skipped.set(k.rule, e);
    }
  if (skipped.size) {
    out.push(`<details><summary>未运行的校验（${skipped.size} 项规则，按原因与份数）</summary><ul class="findings">`);
    for (const [rule, e] of skipped)
      out.push(`<li>${esc(e.title)} <span class="muted">〔${esc(rule)}〕</span>：${[...e.reasons].map(([why, n]) => `${esc(why)}（${n} 份）`).join('；')}</li>`);
    out.push('</ul></details>');
  }
  out.push(
    '<p class="muted">各类别一栏：数字为错误条数，括号内为提示条数。“错误”须在公开前改正；“提示”多为舍位差异或建议；无法读取的文件按错误计。点击表头排序。同目录下与本页同名的 .json 文件是本汇总的机器可读版本。</p>',
  );
  return doc('预算公开批量校验汇总', out.join('\n')).replace('</style>', `${SUMMARY_STYLE}</style>`).replace('</body>', `<script>${SUMMARY_SCRIPT}</script>\n</body>`);
}

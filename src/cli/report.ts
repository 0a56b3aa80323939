/** check's output: the JSON document of cli.md and the Chinese text report. */
import type { Figure, TableId } from '../tables/types';
import { TABLE_IDS } from '../tables/types';
import { TABLE_NAMES, TABLE_ORDINALS } from '../tables/identify';
import type { Finding, Severity } from '../model/finding';
import { plain } from '../model/money';
import { GROUP_ORDER as SHARED_GROUP_ORDER, groupOf, groupTitle } from '../format/groups';
import type { CheckResult } from '../engine';
import { terminalSafe } from '../format/safe-text';

export interface FindingJson {
  rule: string;
  severity: Severity;
  sheet: string;
  cells: string[];
  message: string;
  /** Decimal string in the table's unit; null when the rule states no amount (e.g. INPUT.missing_table). */
  expected: string | null;
  actual: string | null;
  related: { sheet: string; cells: string[] }[];
}

export interface PerformanceTargetJson {
  sheet: string;
  /** Row where the form starts (a sheet may stack several forms). */
  row: number;
  project: string;
  /** 年度资金总额 in 元, decimal string; null when the cell is empty or absent. */
  annualTotal: string | null;
  /** 实施期资金总额 in 元; null for annual-only forms (seed 003 style) and when the cell is empty or absent. */
  periodTotal: string | null;
}

export interface CheckJson {
  file: string;
  tables: Record<TableId, { found: boolean; sheet?: string }>;
  performanceTargets: PerformanceTargetJson[];
  findings: FindingJson[];
  summary: { errors: number; warnings: number; infos: number };
}

function amount(f: Figure | undefined): string | null {
  return f && !f.empty ? plain(f.value) : null;
}

export function summarise(findings: Finding[]): CheckJson['summary'] {
  const s = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
  }
  return s;
}

export function toJson(file: string, result: CheckResult): CheckJson {
  const { recognised, findings } = result;
  const tables = {} as CheckJson['tables'];
  for (const id of TABLE_IDS) {
    const loc = recognised.locations[id];
    tables[id] = loc?.found && loc.sheet !== undefined ? { found: true, sheet: loc.sheet } : { found: false };
  }
  return {
    file,
    tables,
    performanceTargets: recognised.targets.map((t) => ({
      sheet: t.sheet,
      row: t.row,
      project: t.projectName?.text ?? '',
      annualTotal: amount(t.annualFunds.total),
      periodTotal: t.annualOnly ? null : amount(t.periodFunds.total),
    })),
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      sheet: f.sheet,
      cells: f.cells ?? [],
      message: f.message,
      expected: f.expected ?? null,
      actual: f.actual ?? null,
      related: (f.related ?? []).map((r) => ({ sheet: r.sheet, cells: r.cells })),
    })),
    summary: summarise(findings),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Text report

// Grouping is shared with the annotated copy and the task pane (src/rules/groups.ts), so every front end lists
// a finding under the same heading.
type Group = TableId | 'P' | 'N' | 'INPUT';
const GROUP_ORDER = SHARED_GROUP_ORDER as Group[];
const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '提示', info: '信息' };
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function isTableId(s: string | undefined): s is TableId {
  return !!s && (TABLE_IDS as readonly string[]).includes(s);
}

function groupHeading(g: Group, result: CheckResult): string {
  if (isTableId(g)) {
    const loc = result.recognised.locations[g];
    return `${TABLE_ORDINALS[g]} ${TABLE_NAMES[g]}${loc?.sheet ? `〔工作表：${loc.sheet}〕` : ''}`;
  }
  return groupTitle(g);
}

function where(f: Finding): string {
  // The stated cell names the place; the cells it was computed from are counted, not listed, in text output.
  const cells = !f.cells?.length ? '' : f.cells.length === 1 ? f.cells[0] : `${f.cells[0]}（及 ${f.cells.length - 1} 个相关单元格）`;
  return [f.sheet, cells].filter(Boolean).join(' ');
}

function details(f: Finding): string {
  const parts: string[] = [];
  if (f.expected !== undefined) parts.push(`应为 ${f.expected}`);
  if (f.actual !== undefined) parts.push(`实为 ${f.actual}`);
  const rel = (f.related ?? [])
    .map((r) => `${r.sheet} ${r.cells.length > 3 ? `${r.cells.slice(0, 3).join('、')} 等 ${r.cells.length} 个单元格` : r.cells.join('、')}`.trim())
    .filter(Boolean);
  if (rel.length) parts.push(`相关：${rel.join('；')}`);
  return parts.length ? `（${parts.join('，')}）` : '';
}

export function summaryLine(s: CheckJson['summary']): string {
  const counts = `错误 ${s.errors} 条，提示 ${s.warnings} 条，信息 ${s.infos} 条`;
  if (s.errors > 0) return `结果：${counts}。有错误，提交前须改正。`;
  if (s.warnings + s.infos > 0) return `结果：${counts}。没有错误。`;
  return `结果：未发现问题（${counts}）。`;
}

export function toText(file: string, result: CheckResult): string {
  const { recognised, findings } = result;
  const lines: string[] = [];
  lines.push(`预算公开校验：${file}`);
  const found = TABLE_IDS.filter((id) => recognised.locations[id]?.found);
  const missing = TABLE_IDS.filter((id) => !recognised.locations[id]?.found).map((id) => TABLE_ORDINALS[id]);
  lines.push(
    `识别：13 张表找到 ${found.length} 张${missing.length ? `（未找到：${missing.join('、')}）` : ''}；绩效目标表 ${recognised.targets.length} 张`,
  );

  const groups = new Map<Group, Finding[]>();
  for (const f of findings) {
    const g = groupOf(f) as Group;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(f);
  }
  const order = [...GROUP_ORDER, ...[...groups.keys()].filter((g) => !GROUP_ORDER.includes(g))];
  for (const g of order) {
    const list = groups.get(g);
    if (!list?.length) continue;
    lines.push('', groupHeading(g, result));
    const sorted = list.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i);
    for (const { f } of sorted) {
      const w = where(f);
      lines.push(`  [${SEVERITY_LABEL[f.severity]}] ${w ? `${w}：` : ''}${f.message}${details(f)}〔${f.rule}〕`);
    }
  }
  lines.push('', summaryLine(summarise(findings)));
  // Cell text and file names never reach the terminal raw: control characters (ESC …) are shown escaped.
  return lines.map(terminalSafe).join('\n') + '\n';
}

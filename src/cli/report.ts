/** check's output: the JSON document of cli.md and the Chinese text report. */
import type { Figure, TableId } from '../tables/types';
import { TABLE_IDS } from '../tables/types';
import { TABLE_ORDINALS } from '../tables/identify';
import type { Finding, Severity } from '../model/finding';
import { plain } from '../model/money';
import { groupHeading, summaryLine } from '../format/findings';
import { ROUNDING_NOTE, buildView, itemLine, roundingHeading, verdictLine, type ViewItem } from '../format/view';
import { configLine, describeConfig, type CheckResult, type EngineConfig, type SkippedCheck } from '../engine';
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
  /** The 审核口径 used (defaults when no budget-check.config.json): given when the CLI states it. */
  config?: ReturnType<typeof describeConfig>;
  /** Every check that did not run, or ran in part, and why. */
  skippedChecks?: SkippedCheck[];
}

/** What a report states beside the findings: the configuration used and the checks that did not run. */
export interface RunContext {
  config?: EngineConfig;
  skipped: SkippedCheck[];
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

export function toJson(file: string, result: CheckResult, run?: RunContext): CheckJson {
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
    ...(run ? { config: describeConfig(run.config), skippedChecks: run.skipped } : {}),
  };
}

/** The lines on the configuration and on the checks that did not run (text report, before the summary line). */
export function runLines(run: RunContext): string[] {
  const lines = ['', configLine(run.config)];
  if (run.skipped.length) {
    lines.push(`未运行的校验（${run.skipped.length} 项）：`);
    for (const s of run.skipped) lines.push(`  ${s.rule} ${s.title}：${s.reason}`);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// Text report

// Grouping and wording are shared with every other view (src/format), so a finding reads the same everywhere.
export { summaryLine };

/**
 * The text report (issue 11 item 4): the counts and a one-line verdict first, then the 错误, the other 提示 and
 * 信息, and last the 舍位 differences folded into one group with a count — each part grouped by table, each item on
 * one line in the wording of src/format/view.ts. The last line repeats the verdict.
 */
export function toText(file: string, result: CheckResult, run?: RunContext): string {
  const { recognised, findings } = result;
  const view = buildView(findings);
  const lines: string[] = [];
  lines.push(`预算公开校验：${file}`);
  lines.push(verdictLine(view.counts, view.rounding.length));
  const found = TABLE_IDS.filter((id) => recognised.locations[id]?.found);
  const missing = TABLE_IDS.filter((id) => !recognised.locations[id]?.found).map((id) => TABLE_ORDINALS[id]);
  lines.push(
    `识别：13 张表找到 ${found.length} 张${missing.length ? `（未找到：${missing.join('、')}）` : ''}；绩效目标表 ${recognised.targets.length} 张`,
  );
  const section = (heading: string, items: ViewItem[], note?: string) => {
    if (!items.length) return;
    lines.push('', heading);
    if (note) lines.push(`  ${note}`);
    let group = '';
    for (const item of items) {
      if (item.group !== group) {
        group = item.group;
        lines.push(` ${groupHeading(group, recognised)}`);
      }
      lines.push(`  ${itemLine(item)}`);
    }
  };
  section(`错误 ${view.errors.length} 项`, view.errors);
  section(`提示与信息 ${view.notices.length} 项`, view.notices);
  section(`${roundingHeading(view)}（已归为一组）`, view.rounding, ROUNDING_NOTE);
  if (run) lines.push(...runLines(run));
  lines.push('', summaryLine(summarise(findings)));
  // Cell text and file names never reach the terminal raw: control characters (ESC …) are shown escaped.
  return lines.map(terminalSafe).join('\n') + '\n';
}

/**
 * The one entry every front end calls (CLI, batch workers, task pane, web worker, bench): recognise a workbook
 * snapshot, check it (at once or in steps with progress), auto-fill its totals, generate its 情况说明.
 * No front end sorts, filters or composes findings on its own: the order of `findings` is the order every view shows.
 */
import { autoFill as applyFixes, type AutoFillOptions, type AutoFillResult } from '../fixes/autofill';
import { mapPacked } from '../model/arrays';
import type { Finding } from '../model/finding';
import { cellText, getCell, type WorkbookSnapshot } from '../model/snapshot';
import { nextTurn } from '../model/turn';
import { allRules } from '../rules';
import { runRuleList, type Rule } from '../rules/rule';
import { recognise as recogniseTables } from '../tables/recognise';
import type { Recognised } from '../tables/recognised';
import type { NarrativeText } from '../tables/types';
import { withTolerances } from '../model/tolerance';
import { applySeverity, enabledRules, type EngineConfig } from './config';

export type { Finding } from '../model/finding';
export type { Recognised } from '../tables/recognised';
export type { AutoFillOptions, AutoFillResult } from '../fixes/autofill';
export type { GeneratedNarrative } from '../narrative/generate';
export type { Supplement } from '../narrative/supplement';
export type { NarrativeText } from '../tables/types';
// The 情况说明 generator is a module of its own (./narrative), so a host may load it only when asked.
export { narrative } from './narrative';
export { ConfigError, configLine, describeConfig, skippedChecks, validateConfig, type EngineConfig, type SkippedCheck } from './config';

export interface CheckResult {
  recognised: Recognised;
  findings: Finding[];
}

export interface CheckProgress {
  /** 0…1 */
  fraction: number;
  /** What is being done, in Chinese. */
  label: string;
}

export type ProgressListener = (p: CheckProgress) => void;

/** CheckOptions too: a Word narrative and last year's disclosure, as check() takes them. */
export interface StepOptions extends CheckOptions {
  onProgress?: ProgressListener;
  /** Gives the host a turn between slices (a browser repaints); default: a macrotask. */
  yieldTurn?: () => Promise<void>;
  /** Time budget of one slice of rules, ms (default 16: a 60 Hz repaint between slices). */
  sliceMs?: number;
  /** The rules to run (default: the whole catalog). */
  rules?: Rule[];
  /** As CheckOptions.config. */
  config?: EngineConfig;
}

export interface CheckOptions {
  /**
   * A 情况说明 read from outside the workbook (a Word document: src/docx): it replaces the workbook's own
   * narrative sheet, and the N.* rules check it against the tables; its `sheet` is what findings name.
   */
  narrative?: NarrativeText;
  /**
   * Last year's published disclosure (--previous, 选择上年公开文件): its tables determine the 比上年 figures the
   * generator writes and the N.previous / N.change_reason rules check; `file` is the name findings show.
   * `changeThreshold` (percent, default 10) is the change that needs a reason.
   */
  previous?: { snapshot: WorkbookSnapshot; file: string; changeThreshold?: number };
  /** The bureau's 审核口径 (src/engine/config.ts: validateConfig): rules on/off, severities, tolerances. */
  config?: EngineConfig;
}

/**
 * The workbook without the product's own 校验结果 sheet (of an annotated copy checked again): a sheet named 校验结果
 * or 校验结果 (n) whose header row starts 序号, 表 (src/format/marks.ts lays it out). It quotes table titles and
 * names, and it stands first in the copy, so read as a table it would shadow the real one.
 */
export function withoutResultSheets(wb: WorkbookSnapshot): WorkbookSnapshot {
  const ours = (s: WorkbookSnapshot['sheets'][number]) =>
    /^校验结果(?: \(\d+\))?$/.test(s.name) && cellText(getCell(s, 1, 1)) === '序号' && cellText(getCell(s, 1, 2)) === '表';
  return wb.sheets.some(ours) ? { ...wb, sheets: wb.sheets.filter((s) => !ours(s)) } : wb;
}

/** Reading only: the typed tables, target sheets and narrative, with the reading problems (INPUT.*) found. */
export function recognise(wb: WorkbookSnapshot, options: CheckOptions = {}): Recognised {
  const rec = recogniseTables(withoutResultSheets(wb));
  const out = options.narrative ? { ...rec, narrative: options.narrative } : rec;
  if (options.previous)
    out.previous = { recognised: recogniseTables(withoutResultSheets(options.previous.snapshot)), file: options.previous.file, changeThreshold: options.previous.changeThreshold };
  return out;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The order every view lists findings in: by severity, then in the order the rules reported them. */
export function orderFindings(findings: Finding[]): Finding[] {
  // Pushed, not .map: an inlined .map gives a holey array, and the sort over it deopted once optimised (mapPacked).
  const indexed: (readonly [Finding, number])[] = [];
  for (let i = 0; i < findings.length; i++) indexed.push([findings[i], i]);
  indexed.sort((a, b) => SEVERITY_ORDER[a[0].severity] - SEVERITY_ORDER[b[0].severity] || a[1] - b[1]);
  return mapPacked(indexed, ([f]) => f);
}

/** Recognises the workbook and runs every rule: the complete, ordered findings. */
export function check(wb: WorkbookSnapshot, rules: Rule[] = allRules, options: CheckOptions = {}): CheckResult {
  const { config } = options;
  return withTolerances(config?.tolerances, () => {
    const recognised = recognise(wb, options);
    const found = [...recognised.findings, ...runRuleList(enabledRules(rules, config), recognised)];
    return { recognised, findings: orderFindings(applySeverity(found, rules, config)) };
  });
}

/**
 * The same as check(), in slices with progress, so a pane stays responsive on big workbooks: recognise, then the
 * rule list a slice at a time. The result equals check(wb) (tests compare them).
 */
export async function checkInSteps(wb: WorkbookSnapshot, options: StepOptions = {}): Promise<CheckResult> {
  const onProgress = options.onProgress ?? (() => undefined);
  const yieldTurn = options.yieldTurn ?? nextTurn;
  const sliceMs = options.sliceMs ?? 16;
  const all = options.rules ?? allRules;
  const { config } = options;
  const rules = enabledRules(all, config);
  onProgress({ fraction: 0.05, label: '正在识别表格…' });
  await yieldTurn();
  const recognised = withTolerances(config?.tolerances, () => recognise(wb, options));
  const ruleFindings: Finding[] = [];
  let i = 0;
  while (i < rules.length) {
    onProgress({ fraction: 0.1 + (0.9 * i) / rules.length, label: `正在校验（${i}/${rules.length} 条规则）…` });
    await yieldTurn();
    const started = Date.now();
    do {
      ruleFindings.push(...withTolerances(config?.tolerances, () => runRuleList([rules[i]], recognised)));
      i++;
    } while (i < rules.length && Date.now() - started < sliceMs);
  }
  onProgress({ fraction: 1, label: '校验完成' });
  return { recognised, findings: orderFindings(applySeverity([...recognised.findings, ...ruleFindings], all, config)) };
}

export interface AutoFilled {
  /** The snapshot with the totals written (the caller's snapshot is never changed). */
  snapshot: WorkbookSnapshot;
  result: AutoFillResult;
  /** What check() reports on the filled snapshot: the findings that remain. */
  remaining: CheckResult;
}

/** Computes the totals the rules can fill, in passes (items → 款 → 类 → 合计 → cross-table), and re-checks. */
export function autoFill(wb: WorkbookSnapshot, options: AutoFillOptions & { config?: EngineConfig } = {}, checkOptions: CheckOptions = {}): AutoFilled {
  const opts: CheckOptions = options.config ? { ...checkOptions, config: options.config } : checkOptions;
  // The fix loop's last check is the remaining findings whenever nothing was written after it. `checkOptions`
  // (a Word narrative, last year's disclosure) go into every check, so the remaining findings keep them.
  let last: CheckResult | undefined;
  const { snapshot, result, settled } = applyFixes(
    wb,
    (s) => {
      last = check(s, allRules, opts);
      return last.findings;
    },
    options,
  );
  return { snapshot, result, remaining: settled && last ? last : check(snapshot, allRules, opts) };
}

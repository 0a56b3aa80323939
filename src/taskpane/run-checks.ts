/**
 * The engine run in small steps so the pane stays responsive on big workbooks: recognise, then the rule list a
 * slice at a time, yielding to the browser between slices. The result equals checkWorkbook(snapshot) — the same
 * rules in the same order, then the engine's severity order (tests/e2e compare the two).
 */
import type { WorkbookSnapshot } from '../model/snapshot';
import { allRules, checkWorkbook, type CheckResult } from '../rules';
import type { Finding } from '../rules/finding';
import { runRuleList } from '../rules/rule';

export interface CheckProgress {
  /** 0…1 */
  fraction: number;
  /** What is being done, in Chinese. */
  label: string;
}

export type ProgressListener = (p: CheckProgress) => void;

/** Gives the browser a turn (paint, input) before the next slice of work. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Time budget of one slice of rules, ms: short enough for a 60 Hz repaint between slices. */
const SLICE_MS = 16;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export async function runChecksInSteps(
  snapshot: WorkbookSnapshot,
  onProgress: ProgressListener = () => undefined,
): Promise<CheckResult> {
  onProgress({ fraction: 0.05, label: '正在识别表格…' });
  await yieldToBrowser();
  // checkWorkbook with no rules is exactly the recognising step (and its INPUT findings).
  const { recognised } = checkWorkbook(snapshot, []);
  const ruleFindings: Finding[] = [];
  let i = 0;
  while (i < allRules.length) {
    onProgress({
      fraction: 0.1 + (0.9 * i) / allRules.length,
      label: `正在校验（${i}/${allRules.length} 条规则）…`,
    });
    await yieldToBrowser();
    const started = Date.now();
    do {
      ruleFindings.push(...runRuleList([allRules[i]], recognised));
      i++;
    } while (i < allRules.length && Date.now() - started < SLICE_MS);
  }
  onProgress({ fraction: 1, label: '校验完成' });
  const findings = [...recognised.findings, ...ruleFindings]
    .map((f, k) => [f, k] as const)
    .sort((a, b) => SEVERITY_ORDER[a[0].severity] - SEVERITY_ORDER[b[0].severity] || a[1] - b[1])
    .map(([f]) => f);
  return { recognised, findings };
}

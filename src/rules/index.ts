/**
 * The rule catalog (rules.md) and the engine entry point: snapshot → recognised tables → findings.
 * Order matters for auto-fill: intra-table rules come before cross-table ones, so a total that two rules
 * could fill is filled from its own table's parts.
 */
import type { WorkbookSnapshot } from '../model/snapshot';
import { recognise } from '../tables/recognise';
import type { Recognised } from '../tables/recognised';
import type { Finding } from './finding';
import { crossRules } from './cross';
import { inputRules } from './input';
import { intraRules } from './intra';
import { performanceRules } from './performance';
import { narrativeRules } from '../narrative/check';
import { runRuleList, type Rule } from './rule';

export const allRules: Rule[] = [...inputRules, ...intraRules, ...crossRules, ...performanceRules, ...narrativeRules];

export interface CheckResult {
  recognised: Recognised;
  findings: Finding[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Recognises the workbook and runs every rule; reading problems come first, then findings by severity. */
export function checkWorkbook(wb: WorkbookSnapshot, rules: Rule[] = allRules): CheckResult {
  const recognised = recognise(wb);
  const findings = [...recognised.findings, ...runRuleList(rules, recognised)];
  return { recognised, findings: stableSortBySeverity(findings) };
}

function stableSortBySeverity(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => [f, i] as const)
    .sort((a, b) => SEVERITY_ORDER[a[0].severity] - SEVERITY_ORDER[b[0].severity] || a[1] - b[1])
    .map(([f]) => f);
}

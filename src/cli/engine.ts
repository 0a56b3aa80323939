/**
 * The one place where the CLI (and batch, and the web page) turns a workbook snapshot into findings.
 * Today: the recognisers' own INPUT.* findings. The rules developer extends `runChecks` with the rule catalog
 * (rules.md: intra-table, cross-table, performance targets, narrative) — nothing else in src/cli needs to change.
 */
import type { WorkbookSnapshot } from '../model/snapshot';
import type { Finding } from '../rules/finding';
import { recognise } from '../tables/recognise';
import type { Recognised } from '../tables/recognised';

export interface CheckResult {
  recognised: Recognised;
  findings: Finding[];
}

export function runChecks(wb: WorkbookSnapshot): CheckResult {
  const recognised = recognise(wb);
  const findings: Finding[] = [...recognised.findings];
  // TODO(rules): findings.push(...runRules(recognised)) once src/rules provides the catalog.
  return { recognised, findings };
}

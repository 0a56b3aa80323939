/**
 * The kind of a finding, by its rule's family, for counts a reviewer sorts by (batch summary, notices):
 *   表内      a table's own arithmetic (T1.* … T13.*, HIER.*)
 *   表间      one table against another (X.*)
 *   绩效目标  the 项目支出绩效目标表 (P.*)
 *   情况说明  the written 情况说明 (N.*)
 *   输入      what could not be read or is missing (INPUT.*)
 */
import type { Finding, Severity } from '../model/finding';

export const KINDS = ['表内', '表间', '绩效目标', '情况说明', '输入'] as const;
export type Kind = (typeof KINDS)[number];

export function kindOfRule(rule: string): Kind {
  const head = rule.split('.')[0];
  if (head === 'X') return '表间';
  if (head === 'P') return '绩效目标';
  if (head === 'N') return '情况说明';
  if (head === 'INPUT') return '输入';
  return '表内';
}

export function kindOf(f: Pick<Finding, 'rule'>): Kind {
  return kindOfRule(f.rule);
}

/** Per kind: errors and warnings (infos are not counted: they need no action). */
export type KindCounts = Record<Kind, { errors: number; warnings: number }>;

export function emptyKindCounts(): KindCounts {
  return Object.fromEntries(KINDS.map((k) => [k, { errors: 0, warnings: 0 }])) as KindCounts;
}

export function countKinds(findings: { rule: string; severity: Severity }[]): KindCounts {
  const out = emptyKindCounts();
  for (const f of findings) {
    const k = out[kindOfRule(f.rule)];
    if (f.severity === 'error') k.errors++;
    else if (f.severity === 'warning') k.warnings++;
  }
  return out;
}

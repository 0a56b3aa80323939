/** Pure grouping and counting of findings for the summary, the list and the report (no React, no Office). */
import type { Finding, Severity } from '../model/finding';
import { GROUP_ORDER, groupOf, groupTitle } from './groups';
import type { SeverityFilter } from './labels';

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export interface FindingGroup {
  /** T1..T13, P, N, INPUT. */
  id: string;
  /** 表一 … 表十三, 绩效目标表, 情况说明, 输入问题. */
  title: string;
  counts: SeverityCounts;
  /** Findings of the group with their index in the full list (a stable key). */
  items: { finding: Finding; index: number }[];
}

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0 };
}

export function countSeverities(findings: Finding[]): SeverityCounts {
  const c = emptyCounts();
  for (const f of findings) c[f.severity]++;
  return c;
}

/** Groups in the order of GROUP_ORDER, only those holding a finding that passes the filter. */
export function groupFindings(findings: Finding[], filter: SeverityFilter = 'all'): FindingGroup[] {
  const byId = new Map<string, FindingGroup>();
  findings.forEach((finding, index) => {
    if (filter !== 'all' && finding.severity !== filter) return;
    const id = groupOf(finding);
    let g = byId.get(id);
    if (!g) {
      g = { id, title: groupTitle(id), counts: emptyCounts(), items: [] };
      byId.set(id, g);
    }
    g.counts[finding.severity]++;
    g.items.push({ finding, index });
  });
  const rank = (id: string) => {
    const i = GROUP_ORDER.indexOf(id);
    return i < 0 ? GROUP_ORDER.length : i;
  };
  return [...byId.values()].sort((a, b) => rank(a.id) - rank(b.id));
}

/** "错误 2 · 提示 1" — the non-zero counts, or "无问题". */
export function countsText(c: SeverityCounts, labels: Record<Severity, string>): string {
  const parts = (['error', 'warning', 'info'] as Severity[]).filter((s) => c[s] > 0).map((s) => `${labels[s]} ${c[s]}`);
  return parts.length ? parts.join(' · ') : '无问题';
}

/**
 * The cells a finding points at besides its stated cell: the cells it was computed from (same sheet) and the
 * related cells on other tables, as [sheet, cells] pairs for display and selection.
 */
export function relatedCells(f: Finding): { sheet: string; cells: string[] }[] {
  const out: { sheet: string; cells: string[] }[] = [];
  if (f.sheet && f.cells.length > 1) out.push({ sheet: f.sheet, cells: f.cells.slice(1) });
  for (const r of f.related ?? []) if (r.sheet && r.cells.length) out.push({ sheet: r.sheet, cells: r.cells });
  return out;
}

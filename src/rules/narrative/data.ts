/**
 * The figures the 情况说明 is made of, read from the recognised tables. Shared by the generator and the checker,
 * so both compute every figure the same way.
 */
import { Decimal, ZERO, sum, type Money } from '../../model/money';
import type { Recognised } from '../../tables/recognised';
import { keyText, projectKey } from '../../tables/text';
import type { Figure, ProjectRow, T12Col, T6Col, TargetSheet } from '../../tables/types';
import { round2 } from './numbers';
import { oncePer } from '../../model/memo';

export function val(f: Figure | undefined): Money {
  return f?.value ?? ZERO;
}

/** 表十二 合计: the 合计 row, else the department row(s), else the unit rows, else the projects. */
export function t12Total(rec: Recognised): { value: Money; figures: Figure[] } | undefined {
  const t = rec.tables.T12;
  if (!t) return undefined;
  const pick = (rows: ProjectRow<T12Col>[]) => rows.map((r) => r.values.total).filter((f): f is Figure => !!f);
  if (t.total?.values.total) return { value: t.total.values.total.value, figures: [t.total.values.total] };
  for (const kind of ['department', 'unit', 'project'] as const) {
    const rows = t.rows.filter((r) => r.kind === kind);
    if (rows.length) {
      const figs = pick(rows);
      // a row whose amount was not read leaves the total unknown: no sum of the others in its place
      if (figs.length < rows.length) return undefined;
      return { value: sum(figs.map((f) => f.value)), figures: figs };
    }
  }
  return { value: ZERO, figures: [] };
}

/** The target sheets, a sheet printed twice (same project, same 年度资金总额) counted once. */
export const distinctTargets = oncePer((rec: Recognised): TargetSheet[] => {
  const seen = new Set<string>();
  const out: TargetSheet[] = [];
  for (const t of rec.targets) {
    const k = `${projectKey(t.projectName?.text ?? '')}|${annualYuan(t).toFixed()}`;
    if (t.projectName?.text && seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
});

/** 年度资金总额 in 元 (0 when the sheet leaves it empty). */
export function annualYuan(t: TargetSheet): Money {
  return val(t.annualFunds.total);
}

/** Σ 年度资金总额 / 10000, rounded to 0.01 万元. */
export function targetsWan(targets: TargetSheet[]): Money {
  return round2(sum(targets.map(annualYuan)).div(10000));
}

/** Budget units of the department: 表十二/十三 unit rows and 表十一 unit rows, each name once. */
export function unitNames(rec: Recognised): string[] {
  const names: string[] = [];
  const add = (n: string) => {
    const k = keyText(n);
    if (k && !names.some((x) => keyText(x) === k)) names.push(n.trim());
  };
  for (const r of rec.tables.T12?.rows ?? []) if (r.kind === 'unit') add(r.name);
  for (const r of rec.tables.T13?.rows ?? []) if (r.kind === 'unit') add(r.name);
  for (const u of rec.tables.T11?.units ?? []) add(u.name);
  return names;
}

/**
 * Names of 表六's rows with a non-zero amount in a column, largest first (a name that appears under two
 * 政府经济科目 is summed and listed once); the class rows when the table has no item rows.
 */
export function t6Items(rec: Recognised, col: Exclude<T6Col, 'total'>): string[] {
  const t = rec.tables.T6;
  if (!t) return [];
  let rows = t.rows.filter((r) => r.kind === 'item');
  if (!rows.some((r) => !val(r.values[col]).isZero())) rows = t.rows.filter((r) => r.kind === 'class');
  const totals = new Map<string, { amount: Money; order: number }>();
  rows.forEach((r, i) => {
    const v = val(r.values[col]);
    if (v.isZero()) return;
    const name = r.name.trim();
    const cur = totals.get(name);
    if (cur) cur.amount = cur.amount.plus(v);
    else totals.set(name, { amount: v, order: i });
  });
  return [...totals.entries()]
    .sort((a, b) => b[1].amount.comparedTo(a[1].amount) || a[1].order - b[1].order)
    .map(([n]) => n);
}

/** A 类 row of 表五 (level 1) by name. */
export function t5Classes(rec: Recognised): { name: string; figure: Figure }[] {
  const t = rec.tables.T5;
  if (!t) return [];
  return t.rows
    .filter((r) => r.level === 1 && r.values.total)
    .map((r) => ({ name: keyText(r.name), figure: r.values.total! }));
}

export function t4Classes(rec: Recognised): { name: string; figure: Figure }[] {
  const t = rec.tables.T4;
  if (!t) return [];
  return t.classes.filter((c) => c.values.subtotal).map((c) => ({ name: keyText(c.name), figure: c.values.subtotal! }));
}

/** Growth as the template states it: change and rate (2 decimals) of `current` against `last`. */
export function growth(current: Money, last: Money): { change: Money; rate?: Money } {
  const change = round2(current).minus(round2(last));
  if (last.isZero()) return { change };
  return { change, rate: change.abs().div(round2(last)).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP) };
}

/**
 * 表十二's projects (本年): project rows grouped by unit and name, a name listed twice under one unit being one
 * project (its two rows split by fund source), the same name under two units two projects.
 */
export const t12Projects = oncePer((rec: Recognised): { name: string; unit: string; figures: Figure[] }[] => {
  const out: { name: string; unit: string; figures: Figure[] }[] = [];
  // The projects by unit and name (a Map, not a search of the list per row).
  const byKey = new Map<string, { figures: Figure[] }>();
  for (const r of rec.tables.T12?.rows ?? []) {
    if (r.kind !== 'project') continue;
    const key = `${keyText(r.unit ?? '')}|${projectKey(r.name)}`;
    const cur = byKey.get(key);
    const figs = r.values.total ? [r.values.total] : [];
    if (cur) cur.figures.push(...figs);
    else {
      const entry = { name: r.name.trim(), unit: r.unit ?? '', figures: figs };
      byKey.set(key, entry);
      out.push(entry);
    }
  }
  return out;
});

/**
 * REFERENCE ONLY (tests): the target ↔ 表十二 matching as it was before the name index — every leftover sheet
 * compared with every leftover project (all pairs). tests/rules/matching-index.test.ts checks that
 * src/rules/performance/matching.ts gives the same result on random name sets. Not used by the product.
 */
import { ZERO, sum, type Money } from '../../src/model/money';
import type { Recognised } from '../../src/tables/recognised';
import type { ProjectRow, TargetSheet } from '../../src/tables/types';
import { YUAN_VS_WAN_TOLERANCE as ROUNDING_YUAN } from '../../src/model/tolerance';
import { nameKey, nameOf, nameRelation, valueOf, wanToYuan } from '../../src/rules/performance/common';

export interface ProjectRef {
  table: 'T12' | 'T13';
  row: ProjectRow<string>;
  key: string;
  /** 合计 in 元. */
  amount: Money;
  unitKey: string;
}

export interface SheetRef {
  target: TargetSheet;
  key: string;
  /** 年度资金总额 in 元; undefined when the form states none. */
  amount?: Money;
  unitKey: string;
}

export type MatchKind =
  /** Same name. */
  | 'same'
  /** Names differ slightly (or only the amount ties them): 名称不一致. */
  | 'near'
  /** One project, two (or more) sheets whose amounts add up to it. */
  | 'split'
  /** One sheet for several 表十二 rows whose names differ. */
  | 'merged';

export interface Match {
  kind: MatchKind;
  /** A 'near' pair tied by the amount alone (the names have nothing in common). */
  byAmount?: boolean;
  sheets: SheetRef[];
  rows: ProjectRef[];
}

export interface Matching {
  matches: Match[];
  /** 表十二 projects without a sheet, grouped by name and unit (a name listed twice under a unit is one project). */
  missing: ProjectRef[][];
  /** Sheets that name no project of 表十二 / 表十三. */
  unknown: SheetRef[];
}

export function allPairsMatching(rec: Recognised): Matching {
  return computeMatching(rec);
}

function projectRefs(rec: Recognised, table: 'T12' | 'T13'): ProjectRef[] {
  const t = rec.tables[table];
  if (!t) return [];
  return t.rows
    .filter((r) => r.kind === 'project' && r.name.trim())
    .map((row) => ({
      table,
      row,
      key: nameKey(row.name),
      amount: wanToYuan(valueOf(row.values.total)),
      unitKey: nameKey(row.unit ?? ''),
    }));
}

function sheetRefs(rec: Recognised): SheetRef[] {
  return rec.targets.map((target) => {
    const f = target.annualFunds.total;
    return {
      target,
      key: nameKey(nameOf(target)),
      amount: f && !f.empty ? f.value : undefined,
      unitKey: nameKey(target.implementer?.text ?? ''),
    };
  });
}

export function rowsAmount(rows: ProjectRef[]): Money {
  return sum(rows.map((r) => r.amount));
}

export function sheetsAmount(sheets: SheetRef[]): Money | undefined {
  if (sheets.some((s) => s.amount === undefined)) return sheets.length === 1 ? undefined : sum(sheets.map((s) => s.amount ?? ZERO));
  return sum(sheets.map((s) => s.amount!));
}

export function amountsAgree(a: Money | undefined, b: Money | undefined): boolean {
  return a !== undefined && b !== undefined && a.minus(b).abs().lte(ROUNDING_YUAN);
}

/** Single rows, and the rows of one unit that share a name (listed twice: one project in two lines). */
function candidateTargets(rows: ProjectRef[]): ProjectRef[][] {
  const out: ProjectRef[][] = rows.map((r) => [r]);
  const byUnit = new Map<string, ProjectRef[]>();
  for (const r of rows) {
    const k = `${r.table}|${r.unitKey}|${r.key}`;
    byUnit.set(k, [...(byUnit.get(k) ?? []), r]);
  }
  for (const g of byUnit.values()) if (g.length >= 2) out.push(g);
  return out;
}

interface Pair {
  sheet: SheetRef;
  rows: ProjectRef[];
  /** Lexicographic, higher is better; ties go to the smaller amount difference, then to fewer rows. */
  score: number[];
  /** |sheet − rows| in 元 (undefined when the sheet states no amount: last). */
  diff?: Money;
}

/** Takes the best pairs first (lexicographic score, higher is better), each sheet and row at most once. */
function greedy(pairs: Pair[], usedSheets: Set<SheetRef>, usedRows: Set<ProjectRef>, kind: MatchKind, out: Match[], byAmount = false): void {
  pairs.sort((a, b) => {
    for (let i = 0; i < a.score.length; i++) if (a.score[i] !== b.score[i]) return b.score[i] - a.score[i];
    if (!a.diff || !b.diff) {
      if (a.diff || b.diff) return a.diff ? -1 : 1;
    } else if (!a.diff.eq(b.diff)) return a.diff.comparedTo(b.diff);
    return a.rows.length - b.rows.length;
  });
  for (const p of pairs) {
    if (usedSheets.has(p.sheet) || p.rows.some((r) => usedRows.has(r))) continue;
    usedSheets.add(p.sheet);
    p.rows.forEach((r) => usedRows.add(r));
    out.push({ kind, sheets: [p.sheet], rows: p.rows, ...(byAmount ? { byAmount } : {}) });
  }
}

function unitScore(s: SheetRef, rows: ProjectRef[]): number {
  if (!s.unitKey || !rows[0].unitKey) return 0;
  return rows.every((r) => r.unitKey === s.unitKey) ? 1 : -1;
}

function difference(a: Money | undefined, b: Money): Money | undefined {
  return a === undefined ? undefined : a.minus(b).abs();
}

function computeMatching(rec: Recognised): Matching {
  const rows = [...projectRefs(rec, 'T12'), ...projectRefs(rec, 'T13')];
  const sheets = sheetRefs(rec).filter((s) => s.key);
  const usedSheets = new Set<SheetRef>();
  const usedRows = new Set<ProjectRef>();
  const matches: Match[] = [];

  // 1. Same name. 表十二 first: a name found there is not looked for in 表十三.
  const exact: Pair[] = [];
  for (const table of ['T12', 'T13'] as const) {
    const byKey = new Map<string, ProjectRef[]>();
    for (const r of rows.filter((x) => x.table === table)) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    for (const s of sheets) {
      const same = byKey.get(s.key);
      if (!same) continue;
      if (table === 'T13' && rows.some((r) => r.table === 'T12' && r.key === s.key)) continue;
      for (const target of candidateTargets(same)) {
        const amount = rowsAmount(target);
        exact.push({
          sheet: s,
          rows: target,
          score: [
            table === 'T12' ? 1 : 0,
            amountsAgree(s.amount, amount) ? 1 : 0,
            unitScore(s, target),
          ],
          diff: difference(s.amount, amount),
        });
      }
    }
  }
  greedy(exact, usedSheets, usedRows, 'same', matches);

  // 2. Near names among the leftovers.
  const leftRows = () => rows.filter((r) => !usedRows.has(r));
  const leftSheets = () => sheets.filter((s) => !usedSheets.has(s));
  const near: Pair[] = [];
  const leftTargets = candidateTargets(leftRows());
  for (const s of leftSheets()) {
    for (const target of leftTargets) {
      const amount = rowsAmount(target);
      const agree = amountsAgree(s.amount, amount);
      const rel = nameRelation(s.key, target[0].key);
      if (rel === 'none' || (rel === 'related' && !agree)) continue;
      near.push({
        sheet: s,
        rows: target,
        score: [agree ? 1 : 0, rel === 'near' ? 1 : 0, target[0].table === 'T12' ? 1 : 0, unitScore(s, target)],
        diff: difference(s.amount, amount),
      });
    }
  }
  greedy(near, usedSheets, usedRows, 'near', matches);

  // 3a. A pair whose amounts disagree may be a project split over sheets or a sheet covering several rows.
  for (const m of matches) {
    const have = sheetsAmount(m.sheets);
    if (have === undefined || amountsAgree(have, rowsAmount(m.rows))) continue;
    const extraSheets = completing(leftSheets(), (s) => s.amount, rowsAmount(m.rows).minus(have), (s) => related(s.key, m.rows[0].key));
    if (extraSheets) {
      m.sheets.push(...extraSheets);
      extraSheets.forEach((s) => usedSheets.add(s));
      m.kind = 'split';
      continue;
    }
    const extraRows = completing(
      leftRows().filter((r) => r.table === m.rows[0].table),
      (r) => r.amount,
      have.minus(rowsAmount(m.rows)),
      (r) => related(r.key, m.sheets[0].key),
    );
    if (extraRows) {
      m.rows.push(...extraRows);
      extraRows.forEach((r) => usedRows.add(r));
      m.kind = 'merged';
    }
  }

  // 3b. A leftover 表十二 project whose amount two leftover sheets of like names add up to.
  for (const target of candidateTargets(leftRows().filter((r) => r.table === 'T12')).sort((a, b) => b.length - a.length)) {
    if (target.some((r) => usedRows.has(r))) continue;
    const amount = rowsAmount(target);
    const parts = completing(leftSheets(), (s) => s.amount, amount, (s) => related(s.key, target[0].key), [2]);
    if (!parts) continue;
    parts.forEach((s) => usedSheets.add(s));
    target.forEach((r) => usedRows.add(r));
    matches.push({ kind: 'split', sheets: parts, rows: target });
  }

  // 4. Same amount and nothing else to go by: pair when the amount is unique on both sides.
  const amountPairs: Pair[] = [];
  for (const s of leftSheets()) {
    if (s.amount === undefined || s.amount.isZero()) continue;
    const rowsWith = leftRows().filter((r) => r.table === 'T12' && amountsAgree(s.amount, r.amount));
    const sheetsWith = leftSheets().filter((x) => rowsWith.length === 1 && amountsAgree(x.amount, rowsWith[0].amount));
    if (rowsWith.length === 1 && sheetsWith.length === 1) amountPairs.push({ sheet: s, rows: rowsWith, score: [0] });
  }
  greedy(amountPairs, usedSheets, usedRows, 'near', matches, true);

  // Leftovers: 表十二 projects without a sheet (a name listed twice under one unit once), sheets without a project.
  const missing: ProjectRef[][] = [];
  for (const r of leftRows().filter((x) => x.table === 'T12')) {
    const g = missing.find((x) => x[0].key === r.key && x[0].unitKey === r.unitKey);
    if (g) g.push(r);
    else missing.push([r]);
  }
  return { matches, missing, unknown: leftSheets().concat(sheetRefs(rec).filter((s) => !s.key)) };
}

function related(a: string, b: string): boolean {
  return a === b || nameRelation(a, b) !== 'none';
}

/** Items (of like names) of one of the given counts whose amounts add up to `need` (≤ 50 元), or undefined. */
function completing<T>(items: T[], amountOf: (x: T) => Money | undefined, need: Money, like: (x: T) => boolean, sizes = [1, 2]): T[] | undefined {
  if (need.lte(ROUNDING_YUAN)) return undefined;
  const pool = items.filter((x) => like(x) && amountOf(x) !== undefined);
  for (const size of sizes) {
    if (size === 1) {
      const one = pool.find((x) => amountsAgree(amountOf(x), need));
      if (one) return [one];
    } else if (size === 2) {
      for (let i = 0; i < pool.length; i++) {
        for (let j = i + 1; j < pool.length; j++) {
          if (amountsAgree(amountOf(pool[i])!.plus(amountOf(pool[j])!), need)) return [pool[i], pool[j]];
        }
      }
    }
  }
  return undefined;
}

/**
 * Pairs target sheets with the projects of 表十二 (and 表十三 for projects carried over), once per workbook,
 * for P.match_T12 and P.coverage.
 *
 *  1. Same name (projectKey): one-to-one, amounts deciding between duplicates (seed 002 lists 遗属补助 under two
 *     units, 访贫问寒专项经费 twice under one unit with one sheet for both rows). A project's candidates are single
 *     rows and the rows of one unit sharing the name; pairs whose amounts agree (≤ 50 元) go first, then pairs
 *     whose 实施单位 is the row's unit, then the closest amounts.
 *  2. Near names among what is left: a slight variant (normalised edit distance ≤ 0.3, or the shorter name's
 *     characters in order in the longer one), or a related name (a long common run) with the same amount. Such a
 *     pair is one finding "名称不一致", not a missing sheet plus an unknown project.
 *  3. Splits and merges: a 表十二 project whose amount is the sum of two sheets ("split over two sheets"), or a
 *     sheet whose amount is the sum of several 表十二 rows of like names (seed 002: sheet 遗属补助 10,000 元 =
 *     表十二 遗属补助 0.89 + 遗属补贴 0.11 万元).
 *  4. Last, a leftover sheet and a leftover 表十二 project with the same amount, unique on both sides, are one
 *     project under two names even when the names have nothing in common.
 *
 * Cost: no step compares every sheet with every project. Names are looked up in a NameIndex (character pairs),
 * which yields every name nameRelation could accept; step 2 takes the best pairs first through a heap of each
 * sheet's best remaining candidate, comparing names only as far as the order needs; step 4 counts amounts in
 * sorted lists. The result is the one the all-pairs greedy gives (tests/rules/matching-index.test.ts).
 */
import { ZERO, absAtMost, sum, type Money } from '../../model/money';
import { YUAN_VS_WAN_TOLERANCE } from '../../model/tolerance';
import type { Recognised } from '../../tables/recognised';
import type { ProjectRow, TargetSheet } from '../../tables/types';
import { NameIndex, codePoints, nameKey, nameOf, nameRelation, relationOf, valueOf, wanToYuan } from './common';
import { mapPacked } from '../../model/arrays';
import { oncePer } from '../../model/memo';

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

export const matchTargets = oncePer((rec: Recognised): Matching => computeMatching(rec));

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
  return sum(mapPacked(rows, (r) => r.amount));
}

export function sheetsAmount(sheets: SheetRef[]): Money | undefined {
  if (sheets.some((s) => s.amount === undefined)) return sheets.length === 1 ? undefined : sum(sheets.map((s) => s.amount ?? ZERO));
  return sum(sheets.map((s) => s.amount!));
}

export function amountsAgree(a: Money | undefined, b: Money | undefined): boolean {
  return a !== undefined && b !== undefined && absAtMost(a.minus(b), YUAN_VS_WAN_TOLERANCE);
}

/** Single rows, and the rows of one unit that share a name (listed twice: one project in two lines). */
function candidateTargets(rows: ProjectRef[]): ProjectRef[][] {
  const out: ProjectRef[][] = rows.map((r) => [r]);
  const byUnit = new Map<string, ProjectRef[]>();
  for (const r of rows) {
    const k = `${r.table}|${r.unitKey}|${r.key}`;
    const g = byUnit.get(k);
    if (g) g.push(r);
    else byUnit.set(k, [r]);
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
  const t12Keys = new Set(rows.filter((r) => r.table === 'T12').map((r) => r.key));
  for (const table of ['T12', 'T13'] as const) {
    const byKey = new Map<string, ProjectRef[]>();
    for (const r of rows) {
      if (r.table !== table) continue;
      const g = byKey.get(r.key);
      if (g) g.push(r);
      else byKey.set(r.key, [r]);
    }
    const targetsOf = new Map<string, { target: ProjectRef[]; amount: Money }[]>();
    for (const s of sheets) {
      const same = byKey.get(s.key);
      if (!same) continue;
      if (table === 'T13' && t12Keys.has(s.key)) continue;
      let targets = targetsOf.get(s.key);
      if (!targets) {
        targets = candidateTargets(same).map((target) => ({ target, amount: rowsAmount(target) }));
        targetsOf.set(s.key, targets);
      }
      for (const { target, amount } of targets) {
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
  const leftTargets = candidateTargets(rows.filter((r) => !usedRows.has(r)));
  nearGreedy(
    sheets.filter((s) => !usedSheets.has(s)),
    leftTargets,
    usedSheets,
    usedRows,
    matches,
  );

  // Names of the sheets and rows still unused, for the look-ups of steps 3a and 3b. Built on the first look-up
  // (most workbooks need none) over what is left then: the used sets only grow, so nothing left out could be
  // wanted later, and the look-ups cost in proportion to the leftovers, not to the workbook.
  const indexOf = <T extends { key: string }>(items: T[]) => {
    const index = new NameIndex();
    for (const x of items) index.add(x.key);
    return { index, items };
  };
  let sheetNames: { index: NameIndex; items: SheetRef[] } | undefined;
  let rowNames: { index: NameIndex; items: ProjectRef[] } | undefined;
  const leftSheetsLike = (key: string) => {
    const names = (sheetNames ??= indexOf(sheets.filter((s) => !usedSheets.has(s))));
    return names.index.candidates(key).map((i) => names.items[i]).filter((s) => !usedSheets.has(s));
  };
  const leftRowsLike = (key: string) => {
    const names = (rowNames ??= indexOf(rows.filter((r) => !usedRows.has(r))));
    return names.index.candidates(key).map((i) => names.items[i]).filter((r) => !usedRows.has(r));
  };

  // 3a. A pair whose amounts disagree may be a project split over sheets or a sheet covering several rows.
  for (const m of matches) {
    const have = sheetsAmount(m.sheets);
    if (have === undefined || amountsAgree(have, rowsAmount(m.rows))) continue;
    const extraSheets = completing(leftSheetsLike(m.rows[0].key), (s) => s.amount, rowsAmount(m.rows).minus(have), (s) => related(s.key, m.rows[0].key));
    if (extraSheets) {
      m.sheets.push(...extraSheets);
      extraSheets.forEach((s) => usedSheets.add(s));
      m.kind = 'split';
      continue;
    }
    const extraRows = completing(
      leftRowsLike(m.sheets[0].key).filter((r) => r.table === m.rows[0].table),
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
  for (const target of candidateTargets(rows.filter((r) => r.table === 'T12' && !usedRows.has(r))).sort((a, b) => b.length - a.length)) {
    if (target.some((r) => usedRows.has(r))) continue;
    const amount = rowsAmount(target);
    const parts = completing(leftSheetsLike(target[0].key), (s) => s.amount, amount, (s) => related(s.key, target[0].key), [2]);
    if (!parts) continue;
    parts.forEach((s) => usedSheets.add(s));
    target.forEach((r) => usedRows.add(r));
    matches.push({ kind: 'split', sheets: parts, rows: target });
  }

  // 4. Same amount and nothing else to go by: pair when the amount is unique on both sides.
  const leftRows = rows.filter((r) => !usedRows.has(r));
  const leftSheets = sheets.filter((s) => !usedSheets.has(s));
  const rowAmounts = new AmountList(leftRows.filter((r) => r.table === 'T12'), (r) => r.amount);
  const sheetAmounts = new AmountList(leftSheets, (s) => s.amount);
  const amountPairs: Pair[] = [];
  for (const s of leftSheets) {
    if (s.amount === undefined || s.amount.isZero()) continue;
    const rowsWith = rowAmounts.agreeing(s.amount, 2);
    if (rowsWith.length === 1 && sheetAmounts.agreeing(rowsWith[0].amount, 2).length === 1) amountPairs.push({ sheet: s, rows: rowsWith, score: [0] });
  }
  greedy(amountPairs, usedSheets, usedRows, 'near', matches, true);

  // Leftovers: 表十二 projects without a sheet (a name listed twice under one unit once), sheets without a project.
  const missing = new Map<string, ProjectRef[]>();
  for (const r of rows) {
    if (r.table !== 'T12' || usedRows.has(r)) continue;
    const k = `${r.key}\u0000${r.unitKey}`;
    const g = missing.get(k);
    if (g) g.push(r);
    else missing.set(k, [r]);
  }
  return { matches, missing: [...missing.values()], unknown: sheets.filter((s) => !usedSheets.has(s)).concat(sheetRefs(rec).filter((s) => !s.key)) };
}

/** Items sorted by amount (those without one left out), to find those within ±50 元 of an amount. */
class AmountList<T> {
  private readonly items: { item: T; amount: Money }[];
  constructor(items: T[], amountOf: (x: T) => Money | undefined) {
    this.items = [];
    for (const item of items) {
      const amount = amountOf(item);
      if (amount !== undefined) this.items.push({ item, amount });
    }
    this.items.sort((a, b) => a.amount.comparedTo(b.amount));
  }

  /** The first `limit` items (in amount order) whose amount agrees with `a` (≤ 50 元). */
  agreeing(a: Money, limit: number): T[] {
    const low = a.minus(YUAN_VS_WAN_TOLERANCE);
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid].amount.lt(low)) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo; i < this.items.length && out.length < limit && amountsAgree(this.items[i].amount, a); i++) out.push(this.items[i].item);
    return out;
  }
}

type Relation = 'near' | 'related' | 'none';

/** A sheet's pair in the heap of step 2, with what orders it among every sheet's pairs; names compared when needed. */
interface NearCandidate {
  t: number;
  agree: boolean;
  t12: number;
  unit: number;
  /** |sheet − target| in 元 as a float (undefined when the sheet states no amount), and the magnitude it is exact to. */
  approx?: number;
  scale: number;
  /** |sheet − target| in cents, exact (an integer), when both amounts are whole cents of safe size: no Decimal needed. */
  cents?: number;
  /** The exact difference, computed only when two floats are too close to tell. */
  diff?: Money;
  sheetAmount?: Money;
  amount: Money;
  length: number;
  rel?: Relation;
}

/** A sheet's best remaining candidate, in the heap of step 2. */
interface NearEntry {
  sheet: number;
  c: NearCandidate;
}

/**
 * Step 2 as the all-pairs greedy does it — every (sheet, target) pair whose names are near, or related with the
 * amounts agreeing, taken best first (agreeing amounts, near name, 表十二, same unit, closest amount, fewer rows,
 * then the sheet's and the target's order), each sheet and row at most once — without forming every pair.
 *
 * Each sheet's candidates (NameIndex) are ordered without the name relation, the agreeing ones apart from the
 * others; a sheet's best pair is then the first near one among those whose amounts agree, else the first related
 * one there, else the first near one among the others. A heap holds each free sheet's best pair with a free
 * target; the smallest is taken when its target is still free, else that sheet's next best is pushed. This takes
 * the pairs in the order of the sorted list of all pairs and skips the same ones, so the matches are the same and
 * in the same order.
 *
 * Ties are the common case, not the exception: k copies "<name>（j）" of a project with one amount are each a
 * candidate of each of k like-named sheets. So a sheet's candidates are ids ordered lazily (a heap, popped only as
 * far as the scan goes: most sheets stop at their first few), compared through per-target arrays and amounts in
 * whole cents; an object is made only for the pair a sheet puts in the heap.
 */
function nearGreedy(sheets: SheetRef[], targets: ProjectRef[][], usedSheets: Set<SheetRef>, usedRows: Set<ProjectRef>, out: Match[]): void {
  if (!sheets.length || !targets.length) return;
  const index = new NameIndex();
  for (const target of targets) index.add(target[0].key);
  const amounts = targets.map(rowsAmount);
  const amountNums = amounts.map((a) => a.toNumber());
  const toleranceCents = centsOf(YUAN_VS_WAN_TOLERANCE);
  const amountCents = amounts.map((a) => (toleranceCents === undefined ? undefined : centsOf(a)));
  const t12 = targets.map((target) => (target[0].table === 'T12' ? 1 : 0));
  const lengths = targets.map((target) => target.length);
  const firstUnit = targets.map((target) => target[0].unitKey);
  const oneUnit = targets.map((target) => target.every((r) => r.unitKey === target[0].unitKey));
  const points = targets.map((target) => codePoints(target[0].key));
  // a target once taken stays taken (the used sets only grow): remembered, so rescans skip it without the sets
  const dead = new Uint8Array(targets.length);
  const free = (t: number) => {
    if (dead[t]) return false;
    if (targets[t].some((r) => usedRows.has(r))) {
      dead[t] = 1;
      return false;
    }
    return true;
  };

  /** unitScore(sheet, targets[t]) from the per-target arrays. */
  const unitOf = (s: SheetRef, t: number) => (!s.unitKey || !firstUnit[t] ? 0 : oneUnit[t] && firstUnit[t] === s.unitKey ? 1 : -1);

  const sheetNums = sheets.map((s) => s.amount?.toNumber());
  const sheetCents = sheets.map((s) => (s.amount && toleranceCents !== undefined ? centsOf(s.amount) : undefined));
  const centsApart = (si: number, t: number) => {
    const sc = sheetCents[si];
    const tc = amountCents[t];
    return sc !== undefined && tc !== undefined ? Math.abs(sc - tc) : undefined;
  };

  /** The pair (sheet, target) as the heap orders it. */
  const candidate = (si: number, t: number, rel: Relation): NearCandidate => {
    const s = sheets[si];
    const sheetNum = sheetNums[si];
    const cents = centsApart(si, t);
    return {
      t,
      agree: cents !== undefined ? cents <= toleranceCents! : amountsAgree(s.amount, amounts[t]),
      t12: t12[t],
      unit: unitOf(s, t),
      approx: sheetNum === undefined ? undefined : Math.abs(sheetNum - amountNums[t]),
      cents,
      scale: Math.max(1, Math.abs(sheetNum ?? 0), Math.abs(amountNums[t])),
      sheetAmount: s.amount,
      amount: amounts[t],
      length: lengths[t],
      rel,
    };
  };

  /** byOrderWithoutName on two targets of one sheet (agreement alike), from the arrays. */
  const orderFor = (si: number) => {
    const s = sheets[si];
    const sheetNum = sheetNums[si];
    return (a: number, b: number): number => {
      if (t12[a] !== t12[b]) return t12[b] - t12[a];
      const ua = unitOf(s, a);
      const ub = unitOf(s, b);
      if (ua !== ub) return ub - ua;
      if (sheetNum !== undefined) {
        const ca = centsApart(si, a);
        const cb = centsApart(si, b);
        if (ca !== undefined && cb !== undefined) {
          if (ca !== cb) return ca - cb;
        } else {
          const x = Math.abs(sheetNum - amountNums[a]);
          const y = Math.abs(sheetNum - amountNums[b]);
          const scale = Math.max(1, Math.abs(sheetNum), Math.abs(amountNums[a])) + Math.max(1, Math.abs(sheetNum), Math.abs(amountNums[b]));
          if (Math.abs(x - y) > 1e-12 * scale) return x < y ? -1 : 1;
          const dx = difference(s.amount, amounts[a])!;
          const dy = difference(s.amount, amounts[b])!;
          if (!dx.eq(dy)) return dx.comparedTo(dy);
        }
      }
      if (lengths[a] !== lengths[b]) return lengths[a] - lengths[b];
      return a - b;
    };
  };

  /** Per sheet: its candidates whose amounts agree and the others, each in order; the relations found so far. */
  const agreeing: LazyOrder[] = [];
  const others: LazyOrder[] = [];
  const relations: Map<number, Relation>[] = [];
  /** Per sheet: the phase (0 agreeing and near, 1 agreeing and related, 2 near with other amounts, 3 done) and where its scan stands. */
  const phase: number[] = [];
  const at: number[] = [];
  // Sheets of one unit and amount whose candidates are the same ids order them alike (k copies of a project
  // named alike are each a candidate of each of k sheets): they share an order, sorted once, not k times.
  const shared = new Map<string, { ids: number[]; order: LazyOrder }>();
  const orderOf = (si: number, like: string, ids: number[]): LazyOrder => {
    const prev = shared.get(like);
    if (prev && sameIds(prev.ids, ids)) return prev.order;
    const order = new LazyOrder(ids.slice(), orderFor(si));
    shared.set(like, { ids, order });
    return order;
  };
  for (let si = 0; si < sheets.length; si++) {
    const s = sheets[si];
    const yes: number[] = [];
    const no: number[] = [];
    for (const t of index.candidates(s.key, false)) {
      const cents = centsApart(si, t);
      const agree = cents !== undefined ? cents <= toleranceCents! : amountsAgree(s.amount, amounts[t]);
      (agree ? yes : no).push(t);
    }
    const like = `${s.unitKey}\u0000${s.amount?.toString() ?? ''}`;
    agreeing.push(orderOf(si, `y${like}`, yes));
    others.push(orderOf(si, `n${like}`, no));
    relations.push(new Map());
    phase.push(0);
    at.push(0);
  }
  const sheetPoints = sheets.map((s) => codePoints(s.key));

  /** The sheet's next best candidate with a free target from where its scan stands, or undefined. */
  const next = (si: number): NearCandidate | undefined => {
    const rels = relations[si];
    while (phase[si] < 3) {
      const p = phase[si];
      const list = p === 2 ? others[si] : agreeing[si];
      for (let i = at[si]; ; i++) {
        const t = list.at(i);
        if (t === undefined) break;
        if (!free(t)) continue;
        let rel = rels.get(t);
        if (!rel) rels.set(t, (rel = relationOf(sheetPoints[si], points[t])));
        if (p === 1 ? rel === 'related' : rel === 'near') {
          at[si] = i;
          return candidate(si, t, rel);
        }
      }
      phase[si] = p + 1;
      at[si] = 0;
    }
    return undefined;
  };

  const heap = new Heap<NearEntry>((a, b) => {
    const x = a.c;
    const y = b.c;
    if (x.agree !== y.agree) return x.agree ? -1 : 1;
    if (x.rel !== y.rel) return x.rel === 'near' ? -1 : 1;
    const o = byOrderWithoutName(x, y, true);
    if (o !== 0) return o;
    return a.sheet - b.sheet || x.t - y.t;
  });
  for (let si = 0; si < sheets.length; si++) {
    const c = next(si);
    if (c) heap.push({ sheet: si, c });
  }
  for (let e = heap.pop(); e; e = heap.pop()) {
    const { sheet: si, c } = e;
    if (free(c.t)) {
      const sheet = sheets[si];
      usedSheets.add(sheet);
      targets[c.t].forEach((r) => usedRows.add(r));
      out.push({ kind: 'near', sheets: [sheet], rows: targets[c.t] });
      continue;
    }
    at[si]++;
    const n = next(si);
    if (n) heap.push({ sheet: si, c: n });
  }
}

function sameIds(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** greedy's order without the name relation: agreeing amounts, 表十二, unit, closest amount, fewer rows, target order. */
function byOrderWithoutName(a: NearCandidate, b: NearCandidate, skipAgree = false): number {
  if (!skipAgree && a.agree !== b.agree) return a.agree ? -1 : 1;
  if (a.t12 !== b.t12) return b.t12 - a.t12;
  if (a.unit !== b.unit) return b.unit - a.unit;
  if (a.approx === undefined || b.approx === undefined) {
    if (a.approx !== undefined || b.approx !== undefined) return a.approx !== undefined ? -1 : 1;
  } else if (a.cents !== undefined && b.cents !== undefined) {
    if (a.cents !== b.cents) return a.cents - b.cents;
  } else if (Math.abs(a.approx - b.approx) > 1e-12 * (a.scale + b.scale)) {
    // each float is within ~3e-16 × its scale of the exact difference: far enough apart, their order is the exact one
    return a.approx < b.approx ? -1 : 1;
  } else {
    const x = exactDiff(a);
    const y = exactDiff(b);
    if (!x.eq(y)) return x.comparedTo(y);
  }
  if (a.length !== b.length) return a.length - b.length;
  return skipAgree ? 0 : a.t - b.t;
}

const SAFE_CENTS = 2 ** 52;

/** An amount in whole cents as an exact float (so is the difference of two), or undefined. */
function centsOf(a: Money): number | undefined {
  const c = a.times(100);
  if (!c.isInteger()) return undefined;
  const n = c.toNumber();
  return Math.abs(n) <= SAFE_CENTS ? n : undefined;
}

function exactDiff(c: NearCandidate): Money {
  return (c.diff ??= difference(c.sheetAmount, c.amount)!);
}

/** Ids in the order `cmp` gives, sorted only as far as they are read: a heap, popped into a sorted prefix. */
class LazyOrder {
  private readonly sorted: number[] = [];
  private rest?: Heap<number>;
  constructor(
    private readonly ids: number[],
    private readonly cmp: (a: number, b: number) => number,
  ) {}

  /** The i-th id in order, or undefined past the last. */
  at(i: number): number | undefined {
    // heapified on the first read: most sheets never read their candidates with other amounts
    const rest = (this.rest ??= Heap.of(this.ids, this.cmp));
    while (this.sorted.length <= i) {
      const x = rest.pop();
      if (x === undefined) return undefined;
      this.sorted.push(x);
    }
    return this.sorted[i];
  }
}

/** A binary min-heap. */
class Heap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}

  /** A heap of the given items (taken over, not copied), built bottom-up in linear time. */
  static of<T>(items: T[], less: (a: T, b: T) => number): Heap<T> {
    const h = new Heap(less);
    h.items = items;
    for (let i = (items.length >> 1) - 1; i >= 0; i--) h.down(i);
    return h;
  }

  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(a[i], a[p]) >= 0) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      this.down(0);
    }
    return top;
  }

  private down(i: number): void {
    const a = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && this.less(a[l], a[m]) < 0) m = l;
      if (r < a.length && this.less(a[r], a[m]) < 0) m = r;
      if (m === i) break;
      [a[i], a[m]] = [a[m], a[i]];
      i = m;
    }
  }
}

function related(a: string, b: string): boolean {
  return a === b || nameRelation(a, b) !== 'none';
}

/** Items (of like names) of one of the given counts whose amounts add up to `need` (≤ 50 元), or undefined. */
function completing<T>(items: T[], amountOf: (x: T) => Money | undefined, need: Money, like: (x: T) => boolean, sizes = [1, 2]): T[] | undefined {
  if (need.lte(YUAN_VS_WAN_TOLERANCE)) return undefined;
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

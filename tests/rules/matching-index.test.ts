/**
 * The indexed target ↔ 表十二 matching (src/rules/performance/matching.ts) against the all-pairs one it replaced
 * (tests/rules/matching-reference.ts), on random name sets built to relate in every way nameRelation knows:
 * slight variants, subsequences, long common runs, copies with suffixes, one-character names, duplicates under
 * one unit, amounts that agree, nearly agree (the ±50 元 bound) or are missing. And the name index alone: every
 * pair nameRelation accepts is among its candidates.
 */
import { Decimal } from '../../src/model/money';
import { NameIndex, nameRelation } from '../../src/rules/performance/common';
import { matchTargets, type Matching } from '../../src/rules/performance/matching';
import type { Recognised } from '../../src/tables/recognised';
import { allPairsMatching, type Matching as ReferenceMatching } from './matching-reference';

/** mulberry32: a small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = [...'民政局养老服务补助经费社会福利院儿童救助中心项目建设资金专项工作2023号'];

function names(rnd: () => number, count: number): string[] {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const fresh = () => Array.from({ length: 1 + Math.floor(rnd() * 14) }, () => pick(CHARS)).join('');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = out.length && rnd() < 0.7 ? pick(out) : fresh();
    const p = [...base];
    const r = rnd();
    if (r < 0.15) p.splice(Math.floor(rnd() * (p.length + 1)), 0, pick(CHARS));
    else if (r < 0.3 && p.length > 1) p.splice(Math.floor(rnd() * p.length), 1);
    else if (r < 0.45) p[Math.floor(rnd() * p.length)] = pick(CHARS);
    else if (r < 0.55) p.push(`（${1 + Math.floor(rnd() * 12)}）`);
    else if (r < 0.65) p.push(...fresh());
    else if (r < 0.75 && p.length > 4) p.splice(0, Math.floor(rnd() * (p.length - 3)));
    else if (r < 0.8) p.splice(0, p.length, pick(CHARS));
    out.push(p.join(''));
  }
  return out;
}

const figure = (value: Decimal | undefined) => (value === undefined ? { empty: true } : { empty: false, value });

/** A Recognised with just what the matching reads: 表十二 / 表十三 project rows and target sheets. */
function workbook(seed: number): Recognised {
  const rnd = random(seed);
  const count = 2 + Math.floor(rnd() * 40);
  const all = names(rnd, count * 2);
  const units = ['', '甲单位', '乙单位'];
  const wan = ['1', '1.01', '1.005', '2', '2.5', '0', '3.3'];
  const yuanOf = ['10000', '10050', '10051', '10100', '20000', '25000', '0', '33000', '12500'];
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const rows = (n: number) =>
    Array.from({ length: n }, () => ({ kind: 'project', name: pick(all), unit: pick(units), values: { total: figure(new Decimal(pick(wan))) } }));
  const targets = Array.from({ length: 1 + Math.floor(rnd() * count) }, () => ({
    projectName: { text: pick(all) },
    annualFunds: { total: figure(rnd() < 0.15 ? undefined : new Decimal(pick(yuanOf))) },
    implementer: rnd() < 0.3 ? undefined : { text: pick(units) },
  }));
  return {
    tables: { T12: { rows: rows(1 + Math.floor(rnd() * count)) }, T13: rnd() < 0.5 ? { rows: rows(Math.floor(rnd() * 6)) } : undefined },
    targets,
  } as unknown as Recognised;
}

/** A matching as positions: which sheets and rows, of which kind, in which order. */
function shape(rec: Recognised, m: Matching | ReferenceMatching): unknown {
  const rowId = (r: { table: string; row: unknown }) => `${r.table}${(rec.tables[r.table as 'T12']!.rows as unknown[]).indexOf(r.row)}`;
  const sheetId = (s: { target: unknown; key: string }) => `${rec.targets.indexOf(s.target as never)}`;
  return {
    matches: m.matches.map((x) => `${x.kind}${x.byAmount ? '(amount)' : ''} ${x.sheets.map(sheetId).join(',')} = ${x.rows.map(rowId).join(',')}`),
    missing: m.missing.map((g) => g.map(rowId).join(',')),
    unknown: m.unknown.map(sheetId),
  };
}

describe('indexed matching = all-pairs matching', () => {
  it('gives the same matches, missing projects and unknown sheets on 400 random workbooks', () => {
    let near = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rec = workbook(seed);
      const want = shape(rec, allPairsMatching(rec));
      const got = shape(rec, matchTargets(rec));
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ seed, got }).toEqual({ seed, got: want });
      near += (want as { matches: string[] }).matches.filter((x) => !x.startsWith('same')).length;
    }
    // the random names do exercise the near / split / merged / amount steps, not only same names
    expect(near).toBeGreaterThan(200);
  });
});

/**
 * The bench's scaled workbooks (bench/scale.ts) in small: every project and sheet copied k times as "<name>（j）"
 * with the same amounts, so that each sheet has many near-identical candidates whose order only the tie-breaks
 * decide (unit, 表十二 or 表十三, rows, then position).
 */
function copiedWorkbook(seed: number): Recognised {
  const rnd = random(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const k = 2 + Math.floor(rnd() * 14);
  const base = names(rnd, 2 + Math.floor(rnd() * 6));
  const copy = (name: string, j: number) => (j === 0 ? name : `${name}（${j + 1}）`);
  const units = ['', '甲单位', '乙单位'];
  const wan = ['1', '1.01', '1.005', '2', '0', '3.3', '1.234567'];
  const yuanOf = ['10000', '10050', '10051', '20000', '0', '33000', '12345.67', '10000.004'];
  const rowsOf = (table: number) =>
    base.flatMap((name) => {
      const unit = pick(units);
      const total = figure(new Decimal(pick(wan)));
      const twice = rnd() < 0.2;
      return Array.from({ length: k }, (_, j) => ({ kind: 'project', name: copy(name, j), unit, values: { total } })).flatMap((r) => (twice && table === 12 ? [r, r] : [r]));
    });
  // most sheets name their project slightly differently (a character changed, added or dropped), some exactly
  const variant = (name: string) => {
    const p = [...name];
    const r = rnd();
    if (r < 0.3) p.splice(Math.floor(rnd() * (p.length + 1)), 0, pick(CHARS));
    else if (r < 0.55 && p.length > 2) p.splice(Math.floor(rnd() * p.length), 1);
    else if (r < 0.8) p[Math.floor(rnd() * p.length)] = pick(CHARS);
    return p.join('');
  };
  const sheetNames = base.map(variant);
  const targets = sheetNames.flatMap((name) => {
    const amount = rnd() < 0.15 ? undefined : new Decimal(pick(yuanOf));
    const implementer = rnd() < 0.3 ? undefined : { text: pick(units) };
    return Array.from({ length: k - Math.floor(rnd() * 2) }, (_, j) => ({ projectName: { text: copy(name, j) }, annualFunds: { total: figure(amount) }, implementer }));
  });
  return {
    tables: { T12: { rows: rowsOf(12) }, T13: rnd() < 0.5 ? { rows: rowsOf(13).slice(0, Math.floor(rnd() * k * 2)) } : undefined },
    targets,
  } as unknown as Recognised;
}

describe('indexed matching = all-pairs matching, many near-identical names', () => {
  it('gives the same result on 150 workbooks of k copies "<name>（j）" with the same amounts', () => {
    let near = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const rec = copiedWorkbook(seed);
      const want = shape(rec, allPairsMatching(rec));
      const got = shape(rec, matchTargets(rec));
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ seed, got }).toEqual({ seed, got: want });
      near += (want as { matches: string[] }).matches.filter((x) => x.startsWith('near')).length;
    }
    // ties among copies are what this exercises: many near pairs, not only same names
    expect(near).toBeGreaterThan(300);
  });
});

describe('NameIndex', () => {
  it('yields every pair nameRelation accepts (and only pairs sharing a character pair or the same one-character name)', () => {
    const rnd = random(7);
    const pool = names(rnd, 600).map((n) => n.replace(/[（）]/g, ''));
    const index = new NameIndex();
    pool.forEach((n) => index.add(n));
    let related = 0;
    for (let i = 0; i < pool.length; i++) {
      const cands = new Set(index.candidates(pool[i]));
      for (let j = 0; j < pool.length; j++) {
        if (nameRelation(pool[i], pool[j]) === 'none') continue;
        related++;
        if (!cands.has(j)) expect({ a: pool[i], b: pool[j], candidate: false }).toEqual({ a: pool[i], b: pool[j], candidate: true });
      }
    }
    expect(related).toBeGreaterThan(pool.length);
  });

  it('returns the ids in the order the names were added', () => {
    const index = new NameIndex();
    ['遗属生活补助', '婚姻登记', '遗属补助', '遗属补贴', '孤'].forEach((n) => index.add(n));
    expect(index.candidates('遗属补助')).toEqual([0, 2, 3]);
    expect(index.candidates('孤')).toEqual([4]);
    expect(index.candidates('')).toEqual([]);
  });
});

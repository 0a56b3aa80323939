import { readFileSync } from 'fs';
import * as path from 'path';
import { Decimal } from '../../src/model/money';
import { recognise } from '../../src/tables/recognise';
import type { Recognised } from '../../src/tables/recognised';
import type { Label, TargetSheet } from '../../src/tables/types';
import { readWorkbookFile } from '../../src/xlsx/read';
import { extractFigures, splitSections } from '../../src/rules/narrative/figures';
import type { SectionId } from '../../src/narrative/generate';

export const ROOT = path.resolve(__dirname, '../..');
export const SEEDS = ['000', '001', '002'] as const;
export type Seed = (typeof SEEDS)[number];
export const LAYOUTS = ['standard', 'variant', 'merged-wide'] as const;

const cache = new Map<string, Promise<Recognised>>();
export function loadRec(seed: Seed, layout: (typeof LAYOUTS)[number] = 'standard'): Promise<Recognised> {
  const file = path.join(ROOT, 'fixtures/workbooks', `${seed}-${layout}.xlsx`);
  let p = cache.get(file);
  if (!p) {
    p = readWorkbookFile(file).then(recognise);
    cache.set(file, p);
  }
  return p;
}

/** The seed's published 情况说明 (fixtures/seeds/<seed>.json), one paragraph per row of a 情况说明 sheet. */
export function publishedParagraphs(seed: Seed): Label[] {
  const json = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/seeds', `${seed}.json`), 'utf8')) as { narrative: string[] };
  return json.narrative.map((text, i) => ({ text, sheet: '情况说明', cell: `A${i + 1}`, row: i + 1, col: 1 }));
}

/** Paragraphs of one section of a narrative given as paragraphs. */
export function sectionText(paragraphs: Label[], id: SectionId): string {
  const s = splitSections(paragraphs).find((x) => x.id === id);
  if (!s) throw new Error(`section ${id} not found`);
  return s.text;
}

/** Text of a sub-section "（一）…" / "（二）…" of 五: the lines after that heading up to the next one. */
export function subsection(text: string, n: '一' | '二'): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^[（(]\\s*${n}\\s*[)）]`).test(l));
  if (start < 0) throw new Error(`（${n}） not found`);
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (/^[（(]\s*[一二三四五六七八九十]\s*[)）]/.test(l)) break;
    out.push(l);
  }
  return out.join('\n');
}

/** The figures of a text as comparable tokens: "9518.47万元", "84.4%", "59个" (value as a decimal, no trailing zeros). */
export function figures(text: string): string[] {
  return extractFigures(text).map((f) => `${f.value.toFixed()}${f.unit}`);
}

/**
 * Aligns two figure sequences (longest common subsequence): which published figures the generated text
 * reproduces in order, which it misses, and which it adds.
 */
export function align(published: string[], generated: string[]): { matched: string[]; missing: string[]; extra: string[] } {
  const n = published.length;
  const m = generated.length;
  const L: number[][] = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) L[i][j] = published[i] === generated[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const matched: string[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (published[i] === generated[j]) {
      matched.push(published[i]);
      i++;
      j++;
    } else if (L[i + 1][j] >= L[i][j + 1]) missing.push(published[i++]);
    else extra.push(generated[j++]);
  }
  while (i < n) missing.push(published[i++]);
  while (j < m) extra.push(generated[j++]);
  return { matched, missing, extra };
}

/**
 * Some `count` target sheets whose 年度资金总额 (元) add up to `wan` 万元 after rounding: the seed's narrative
 * gives only the count and amount of its 其他运转类 projects, not which ones they are.
 */
export function pickProjects(targets: TargetSheet[], count: number, wan: string): TargetSheet[] | undefined {
  const fen = (t: TargetSheet) => Number((t.annualFunds.total?.value ?? new Decimal(0)).times(100).toFixed(0));
  const items = targets.map((t) => ({ t, v: fen(t) })).sort((a, b) => b.v - a.v);
  const centre = new Decimal(wan).times(1000000); // 万元 → 分
  const lo = Number(centre.minus(5000).toFixed(0));
  const hi = Number(centre.plus(5000).toFixed(0)) - 1;
  const pick: number[] = [];
  const dfs = (from: number, left: number, acc: number): boolean => {
    if (left === 0) return acc >= lo && acc <= hi;
    for (let i = from; i <= items.length - left; i++) {
      const v = items[i].v;
      if (acc + v > hi) continue;
      // Sorted largest first: if the largest `left` items from i on fall short, no later choice reaches lo.
      const maxRest = items.slice(i, i + left).reduce((s, x) => s + x.v, 0);
      if (acc + maxRest < lo) return false;
      pick.push(i);
      if (dfs(i + 1, left - 1, acc + v)) return true;
      pick.pop();
    }
    return false;
  };
  return dfs(0, count, 0) ? pick.map((i) => items[i].t) : undefined;
}

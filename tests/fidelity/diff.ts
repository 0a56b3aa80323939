/**
 * The copy against its original, entry by entry (issue 10 "Done when"): every original entry is in the copy; the
 * entries the patch did not list are byte-identical; the listed ones equal the original once the product's
 * additions are stripped (tests/xlsx/package-diff.ts) — and, for an auto-filled copy, once the filled cells'
 * elements are taken out of both sides (their values are checked separately, by reading the copy back).
 */
import { entries, stripAdditions } from '../xlsx/package-diff';

export interface Listing {
  changed: string[];
  added: string[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A worksheet's text without the <c> elements of `cells` (A1 refs) and without rows left empty by that. */
function withoutCells(xml: string, cells: string[]): string {
  let t = xml;
  for (const ref of cells) t = t.replace(new RegExp(`<(\\w+:)?c r="${esc(ref)}"(?:[^>]*?/>|[^>]*>[\\s\\S]*?</(\\w+:)?c>)`), '');
  return t.replace(/<(\w+:)?row r="\d+"[^>]*?(?:\/>|><\/(\w+:)?row>)/g, '');
}

/** Throws (naming the entry and the first difference) unless `copy` is `original` plus the product's additions. */
export async function expectOnlyAdditions(original: Uint8Array, copy: Uint8Array, listing: Listing, fixedCells: Map<string, string[]> = new Map()): Promise<void> {
  const a = await entries(original);
  const b = await entries(copy);
  const problems: string[] = [];
  for (const [name, bytes] of a) {
    const got = b.get(name);
    if (!got) {
      problems.push(`${name}: missing from the copy`);
      continue;
    }
    if (!listing.changed.includes(name)) {
      if (!got.equals(bytes)) problems.push(`${name}: changed but not listed as changed`);
      continue;
    }
    let orig = bytes.toString('utf8');
    let stripped = stripAdditions(name, got.toString('utf8'), listing.added, orig);
    const fixed = fixedCells.get(name);
    if (fixed?.length) {
      orig = withoutCells(orig, fixed);
      stripped = withoutCells(stripped, fixed);
    }
    if (stripped !== orig) {
      let i = 0;
      while (i < orig.length && orig[i] === stripped[i]) i++;
      problems.push(`${name}: differs beyond the product's additions at ${i}: …${orig.slice(Math.max(0, i - 100), i + 100)}… vs …${stripped.slice(Math.max(0, i - 100), i + 100)}…`);
    }
  }
  for (const name of b.keys()) if (!a.has(name) && !listing.added.includes(name)) problems.push(`${name}: added but not listed as added`);
  if (problems.length) throw new Error(problems.join('\n'));
}

/**
 * The engine's memos (label keys, amounts, form texts): the same texts and figures recur across the 13 tables
 * and the target forms, so each is worked out once. A memo that is full forgets everything and starts again —
 * one Map access per lookup, and memory bounded whatever the workbook (a data sheet of a million distinct texts
 * empties it a few times instead of growing with the sheet).
 */
/**
 * `fn` worked out once per key object, its result shared (callers only read it): the rules and the generator ask
 * for the same sections, analyses and pairings of one recognised workbook. Held weakly: gone with the key.
 */
export function oncePer<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = fn(key);
      cache.set(key, v);
    }
    return v;
  };
}

export class BoundedMemo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  /** For a memo whose values may be undefined. */
  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }
}

/**
 * How many entries each kind of memo keeps. A department workbook has a few thousand distinct texts and figures,
 * so none of these empties on one; they bound a large or hostile sheet (each entry is a short string and a small
 * object: 100,000 entries are ~10 MB).
 */
export const MEMO_LIMIT = {
  /** Label lookups of known vocabularies (a few hundred labels, their cut-off prefixes). */
  labels: 10_000,
  /** Whole cell texts and their keys: every shown text of every sheet passes through. */
  texts: 100_000,
  /** Amounts: each distinct number or amount text, once per workbook. */
  amounts: 50_000,
} as const;

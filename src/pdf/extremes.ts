/**
 * The least and greatest of a measure over a list, by a loop: Math.min(...list) passes every value as an
 * argument and throws a RangeError past ~120,000 of them (a page of per-glyph items).
 */

/** The least `of` over `list`; Infinity when it is empty (as Math.min()). */
export function minOf<T>(list: readonly T[], of: (t: T) => number): number {
  let m = Infinity;
  for (const t of list) {
    const v = of(t);
    if (v < m || Number.isNaN(v)) m = v;
  }
  return m;
}

/** The greatest `of` over `list`; -Infinity when it is empty (as Math.max()). */
export function maxOf<T>(list: readonly T[], of: (t: T) => number): number {
  let m = -Infinity;
  for (const t of list) {
    const v = of(t);
    if (v > m || Number.isNaN(v)) m = v;
  }
  return m;
}

/** Appends every item of `more` to `list` (list.push(...more) passes each as an argument: see above). */
export function pushAll<T>(list: T[], more: readonly T[]): void {
  for (const t of more) list.push(t);
}

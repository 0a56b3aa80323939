/**
 * Per-sheet indexes shared by every recogniser during one recognition (issue 13: a MergeIndex was built 2–3 times
 * per sheet). Keyed by the SheetSnapshot object and only for the length of `withSheetIndexes`: callers may change a
 * snapshot between two runs.
 */
import { MergeIndex, type SheetSnapshot } from '../model/snapshot';

let shared: WeakMap<SheetSnapshot, MergeIndex> | undefined;

export function withSheetIndexes<T>(fn: () => T): T {
  const outer = shared;
  shared ??= new WeakMap();
  try {
    return fn();
  } finally {
    shared = outer;
  }
}

/** The sheet's MergeIndex, built once per recognition (a fresh one outside withSheetIndexes). */
export function mergesOf(sheet: SheetSnapshot): MergeIndex {
  if (!shared) return new MergeIndex(sheet);
  let m = shared.get(sheet);
  if (!m) {
    m = new MergeIndex(sheet);
    shared.set(sheet, m);
  }
  return m;
}

/**
 * Per-sheet indexes shared by every recogniser during one recognition (issue 13: a MergeIndex and the target
 * forms' Grid were built 2–3 times per sheet). Keyed by the SheetSnapshot object and only for the length of
 * `withSheetIndexes`: callers may change a snapshot between two runs.
 */
import { MergeIndex, type SheetSnapshot } from '../model/snapshot';

let scope: Map<object, WeakMap<SheetSnapshot, unknown>> | undefined;

export function withSheetIndexes<T>(fn: () => T): T {
  const outer = scope;
  scope ??= new Map();
  try {
    return fn();
  } finally {
    scope = outer;
  }
}

/**
 * `build(sheet)` once per sheet within withSheetIndexes (a fresh one outside it). `build` itself is the key of the
 * index, so each kind of index (merges, a recogniser's grid) is kept apart.
 */
export function sheetIndex<T>(sheet: SheetSnapshot, build: (sheet: SheetSnapshot) => T): T {
  if (!scope) return build(sheet);
  let byKind = scope.get(build) as WeakMap<SheetSnapshot, T> | undefined;
  if (!byKind) scope.set(build, (byKind = new WeakMap()));
  let index = byKind.get(sheet);
  if (index === undefined) byKind.set(sheet, (index = build(sheet)));
  return index;
}

const buildMerges = (sheet: SheetSnapshot) => new MergeIndex(sheet);

/** The sheet's MergeIndex, built once per recognition. */
export function mergesOf(sheet: SheetSnapshot): MergeIndex {
  return sheetIndex(sheet, buildMerges);
}

import { parseA1 } from '../model/address';
import { money, parseAmount } from '../model/money';
import { getCell, setCell, type WorkbookSnapshot } from '../model/snapshot';
import type { CellFix, Finding } from '../model/finding';

export interface AutoFillOptions {
  /** Also replace wrong figures, not only fill empty cells (the user asked for it). */
  overwrite?: boolean;
  /** Passes at most; each pass re-runs the checks on the filled snapshot. */
  maxPasses?: number;
}

export interface AutoFillResult {
  /** Every cell written, with the value it held before the first pass. */
  applied: CellFix[];
  /** Fixes not applied, with why (formula cell, filled cell without overwrite). */
  skipped: { fix: CellFix; reason: string }[];
}

function cellKey(f: { sheet: string; cell: string }): string {
  return `${f.sheet}!${f.cell}`;
}

/** Why a filled cell within the 舍位 tolerance is left as it is. */
export const ROUNDING_KEPT = '舍位差异在允许范围内，不改动已公开的数值';

/** Whether a fix may be applied at all: never onto a formula, and onto a filled cell only with overwrite. */
function admissible(wb: WorkbookSnapshot, fix: CellFix, overwrite: boolean): string | undefined {
  const sheet = wb.sheets.find((s) => s.name === fix.sheet);
  if (!sheet) return '工作表不存在';
  const { row, col } = parseA1(fix.cell);
  const cell = getCell(sheet, row, col);
  if (cell?.formula) return '单元格含公式，不自动改写';
  if (fix.previous !== '' && !overwrite) return '单元格已有数值，未选择“覆盖错误数值”';
  return undefined;
}

/**
 * Auto-fill, ESLint-style: collect the fixes the checks carry, apply in one batch those whose inputs are not
 * themselves about to change (items → 款 → 类 → 合计 → cross-table totals emerges from that), re-run the checks,
 * repeat until nothing is left. Works on a copy of the snapshot; the adapters write `applied` back.
 */
export function autoFill(
  original: WorkbookSnapshot,
  check: (wb: WorkbookSnapshot) => Finding[],
  options: AutoFillOptions = {},
): { snapshot: WorkbookSnapshot; result: AutoFillResult; settled: boolean } {
  const wb = cloneSnapshot(original);
  // Whether the last check() saw the snapshot as returned (nothing written after it): its findings are then the
  // ones that remain, and the caller need not check again.
  let settled = false;
  const overwrite = !!options.overwrite;
  const applied = new Map<string, CellFix>();
  const skipped = new Map<string, { fix: CellFix; reason: string }>();
  for (let pass = 0; pass < (options.maxPasses ?? 12); pass++) {
    const pending = new Map<string, CellFix>();
    for (const f of check(wb)) {
      if (!f.fix || f.severity === 'info') continue;
      const k = cellKey(f.fix);
      if (pending.has(k) || skipped.has(k)) continue;
      const prior = applied.get(k);
      // A cell this run filled may be refined in a later pass; its "previous" stays the user's original value.
      const fix = prior ? { ...f.fix, previous: '' } : f.fix;
      // A filled cell off by no more than 舍位 (a `warning` comparison) is an acceptable published figure: it is
      // never overwritten, not even with 覆盖错误数值 (issue 11 item 7); an empty one is still filled.
      const reason = fix.previous !== '' && f.severity === 'warning' ? ROUNDING_KEPT : admissible(wb, fix, overwrite);
      if (reason) skipped.set(k, { fix: f.fix, reason });
      else pending.set(k, fix);
    }
    if (pending.size === 0) {
      settled = true;
      break;
    }
    const ready = [...pending.values()].filter((fix) => !fix.from.some((src) => pending.has(src)));
    const batch = ready.length ? ready : [...pending.values()];
    let changed = false;
    for (const fix of batch) {
      const sheet = wb.sheets.find((s) => s.name === fix.sheet)!;
      const { row, col } = parseA1(fix.cell);
      const before = getCell(sheet, row, col);
      // Already holds that number (a later pass computing what an earlier one wrote): compared as Decimals.
      const held = typeof before?.value === 'number' ? parseAmount(before.value) : undefined;
      if (held?.kind === 'number' && held.value.eq(money(fix.value))) continue;
      // The cell gets a number (what a clerk would type), from the fix's exact decimal string.
      setCell(sheet, row, col, { ...before, value: Number(fix.value), numFmt: before?.numFmt ?? '#,##0.00' });
      const k = cellKey(fix);
      const first = applied.get(k);
      applied.set(k, { ...fix, previous: first ? first.previous : fix.previous });
      changed = true;
    }
    if (!changed) {
      settled = true;
      break;
    }
  }
  return { snapshot: wb, result: { applied: [...applied.values()], skipped: [...skipped.values()] }, settled };
}

/** Deep enough copy: rows and cells are copied, so fixing never touches the caller's snapshot. */
export function cloneSnapshot(wb: WorkbookSnapshot): WorkbookSnapshot {
  return {
    name: wb.name,
    sheets: wb.sheets.map((s) => ({
      ...s,
      merges: s.merges.map((m) => ({ ...m })),
      rows: s.rows.map((r) => (r ? r.map((c) => (c ? { ...c } : c)) : r)),
    })),
  };
}

/**
 * A RuleTester, ESLint-style, for the rules of src/rules: each case builds a small workbook snapshot (or takes a
 * hand-made recognised workbook), goes through the engine's recogniser and then through the ONE rule under test.
 *
 *   ruleTester.run(rule, {
 *     valid: [{ name, sheets: { 表十: grid } }],                       // the rule reports nothing at all
 *     invalid: [{ name, sheets, findings: [{ rule, severity, sheet, cells, expected, actual, message?, fix? }],
 *                 output: { '表十!B10': '19.30' } }],                  // what auto-fill writes, "sheet!A1" → value
 *   });
 *
 * Findings are compared in the order the rule reports them, each on the fields the case names (`message` may be
 * a RegExp, `fix: null` means no fix). A case whose findings carry a fix must state `output` (as ESLint requires);
 * `output: {}` states that auto-fill writes nothing. Reading findings (INPUT.missing_table …) are not the rule's
 * and are left out. See docs/rules-kit.md.
 */
import { autoFill, type AutoFillOptions } from '../../src/fixes/autofill';
import type { CellFix, CellRef, Finding, Severity } from '../../src/model/finding';
import type { CellScalar, SheetSnapshot, WorkbookSnapshot } from '../../src/model/snapshot';
import { recognise } from '../../src/engine';
import { runRuleList, type Rule } from '../../src/rules/rule';
import type { Recognised } from '../../src/tables/recognised';
import { sheetFrom, workbookFrom } from './sheet';

export type Grid = (CellScalar | undefined)[][];

export interface CaseInput {
  /** The test's title (default: the sheets' names). */
  name?: string;
  /** The workbook as a whole, or its sheets: snapshots, or grids by sheet name (tests/helpers/sheet.ts). */
  workbook?: WorkbookSnapshot;
  sheets?: SheetSnapshot[] | Record<string, Grid>;
  /** A recognised workbook made by hand (shapes the recogniser never produces); no auto-fill then. */
  recognised?: Recognised;
}

export interface ExpectedFinding {
  /** Default: the id of the rule under test. */
  rule?: string;
  severity?: Severity;
  sheet?: string;
  cells?: string[];
  expected?: string;
  actual?: string;
  message?: string | RegExp;
  related?: CellRef[];
  /** The fix's fields that matter (`{ value: '19.30', from: [...] }`), or null for none. */
  fix?: Partial<CellFix> | null;
}

export interface InvalidCase extends CaseInput {
  findings: ExpectedFinding[];
  /** What auto-fill (this rule only) writes: "sheet!A1" → the value written. Required when a finding has a fix. */
  output?: Record<string, string>;
  /** Auto-fill options; default { overwrite: true } (wrong figures are replaced, as the user may ask). */
  fill?: AutoFillOptions;
}

export interface RuleTests {
  valid: CaseInput[];
  invalid: InvalidCase[];
}

function workbookOf(c: CaseInput): WorkbookSnapshot {
  if (c.workbook) return c.workbook;
  const sheets = Array.isArray(c.sheets) ? c.sheets : Object.entries(c.sheets ?? {}).map(([n, g]) => sheetFrom(n, g));
  return workbookFrom('case.xlsx', sheets);
}

function titleOf(c: CaseInput, i: number): string {
  if (c.name) return c.name;
  const names = c.workbook?.sheets.map((s) => s.name) ?? (Array.isArray(c.sheets) ? c.sheets.map((s) => s.name) : Object.keys(c.sheets ?? {}));
  return `#${i + 1} ${names.join(', ') || '(no sheet)'}`;
}

/** Runs the one rule, as the engine would: recognise, then the rule. */
export function findingsOf(rule: Rule, c: CaseInput): Finding[] {
  return runRuleList([rule], c.recognised ?? recognise(workbookOf(c)));
}

/** The actual findings cut to the fields each expected finding names, in the same order (for a readable diff). */
export function project(rule: Rule, actual: Finding[], expected: ExpectedFinding[]): unknown[] {
  return actual.map((f, i) => {
    const e = expected[i] ?? {};
    const keys = new Set([...Object.keys(e), 'rule']);
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      if (k === 'fix') {
        const fix = f.fix as unknown as Record<string, unknown> | undefined;
        out.fix = fix && e.fix ? Object.fromEntries(Object.keys(e.fix).map((x) => [x, fix[x]])) : (fix ?? null);
      } else out[k] = (f as unknown as Record<string, unknown>)[k];
    }
    return out;
  });
}

function wanted(rule: Rule, expected: ExpectedFinding[]): unknown[] {
  return expected.map((e) => ({
    ...e,
    rule: e.rule ?? rule.meta.id,
    ...(e.message instanceof RegExp ? { message: expect.stringMatching(e.message) } : {}),
  }));
}

/** "sheet!A1" → value of every cell auto-fill writes with this rule alone. */
export function outputOf(rule: Rule, c: InvalidCase): Record<string, string> {
  const { result } = autoFill(workbookOf(c), (wb) => runRuleList([rule], recognise(wb)), c.fill ?? { overwrite: true });
  return Object.fromEntries(result.applied.map((a) => [`${a.sheet}!${a.cell}`, a.value]));
}

export const ruleTester = {
  run(rule: Rule, tests: RuleTests): void {
    describe(`${rule.meta.id} (RuleTester)`, () => {
      tests.valid.forEach((c, i) => {
        test(`valid ${titleOf(c, i)}`, () => {
          expect(findingsOf(rule, c)).toEqual([]);
        });
      });
      tests.invalid.forEach((c, i) => {
        test(`invalid ${titleOf(c, i)}`, () => {
          if (!c.findings.length) throw new Error('an invalid case names at least one finding (else it is a valid case)');
          const actual = findingsOf(rule, c);
          expect(project(rule, actual, c.findings)).toEqual(wanted(rule, c.findings));
          const fixes = actual.filter((f) => f.fix);
          if (fixes.length && !rule.meta.fixable) throw new Error(`${rule.meta.id} reports fixes but its meta is not fixable`);
          if (c.output === undefined) {
            if (fixes.length) throw new Error(`${rule.meta.id} fixed cells (${fixes.map((f) => `${f.fix!.sheet}!${f.fix!.cell}`).join(', ')}): state the case's output`);
            return;
          }
          if (c.recognised) throw new Error('output needs a workbook, not a hand-made recognised one');
          expect(outputOf(rule, c)).toEqual(c.output);
        });
      });
    });
  },
};

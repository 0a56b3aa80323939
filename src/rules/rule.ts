import type { Recognised } from '../tables/recognised';
import type { Finding, Severity } from '../model/finding';

/** What a rule is, for reports and the rule reference (docs/rules.md is generated from these). */
export interface RuleMeta {
  /** Stable id from the rule catalog, e.g. "X.T2-T5". */
  id: string;
  /** Default severity; a rule may report 舍位 differences as `warning`. */
  severity: Severity;
  /** Chinese title a clerk understands. */
  title: string;
  /** One line: the formula or condition checked. */
  description: string;
  /** Table group of its findings: T1..T13, P (target sheets), N (narrative), INPUT. */
  table: string;
  /**
   * ESLint's `meta.fixable`: 'total' when the rule's findings may carry a fix that writes the computed total into
   * the stated cell (auto-fill). Absent: its findings never carry one — checkTotal attaches none, and runRuleList
   * drops a fix such a rule reports anyway and says so in an `info` finding.
   */
  fixable?: 'total';
}

export type Report = Omit<Finding, 'rule' | 'severity' | 'table'> & { severity?: Severity };

export interface RuleContext {
  rec: Recognised;
  /** The running rule's meta.fixable: whether a finding may carry a fix at all. */
  fixable: boolean;
  report(f: Report): void;
}

/** A rule, ESLint-style: meta plus a check that reports findings (which may carry a fix). */
export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** One rule's context: a class, so that no closure is made per rule (under esbuild's keepNames each costs a defineProperty). */
class Context implements RuleContext {
  readonly fixable: boolean;
  strayFixes = 0;
  constructor(
    readonly rec: Recognised,
    private readonly rule: Rule,
    private readonly out: Finding[],
  ) {
    this.fixable = !!rule.meta.fixable;
  }
  report(f: Report): void {
    const meta = this.rule.meta;
    const finding: Finding = { ...f, rule: meta.id, severity: f.severity ?? meta.severity, table: meta.table };
    if (finding.fix && !this.fixable) {
      delete finding.fix;
      this.strayFixes++;
    }
    this.out.push(finding);
  }
}

/**
 * Runs rules over a recognised workbook; a rule that throws becomes an `info` finding, never a crash. A fix from a
 * rule whose meta is not fixable is dropped (the finding stays) and reported once per rule as an `info` finding.
 */
export function runRuleList(rules: Rule[], rec: Recognised): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const ctx = new Context(rec, rule, out);
    try {
      rule.check(ctx);
      const strayFixes = ctx.strayFixes;
      if (strayFixes) {
        out.push({
          rule: rule.meta.id,
          severity: 'info',
          sheet: '',
          cells: [],
          message: `规则“${rule.meta.title}”给出了 ${strayFixes} 处自动填写，但未声明可自动填写，已忽略这些填写；请将文件反馈给开发人员`,
          table: rule.meta.table,
        });
      }
    } catch (e) {
      out.push({
        rule: rule.meta.id,
        severity: 'info',
        sheet: '',
        cells: [],
        message: `规则“${rule.meta.title}”未能完成校验（内部错误：${(e as Error).message}），请将文件反馈给开发人员`,
        table: rule.meta.table,
      });
    }
  }
  return out;
}

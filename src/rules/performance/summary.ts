/**
 * P.summary: the district list 民生领域重大事项绩效目标情况表 (seed 003) against the target sheets — every
 * listed project has a sheet, and its 预算金额 (元) is the sheet's 年度资金总额.
 *
 * Pairing as in matching.ts: same name first (amounts deciding between duplicates), then near names (edit
 * distance ≤ 0.3, or a long common run with the same amount). A pair by near name is still checked for the
 * amount, and the name difference is reported as a warning.
 */
import { YUAN_CENT } from '../../model/tolerance';
import type { SummaryRow, TargetSheet } from '../../tables/types';
import type { Rule } from '../rule';
import { at, nameKey, nameOf, nameRelation, reportAt, shownYuan, targetTitle, yuan } from './common';

interface Pair {
  row: SummaryRow;
  target: TargetSheet;
  near: boolean;
}

function agree(row: SummaryRow, t: TargetSheet): boolean {
  const a = row.amount && !row.amount.empty ? row.amount.value : undefined;
  const b = t.annualFunds.total && !t.annualFunds.total.empty ? t.annualFunds.total.value : undefined;
  return a !== undefined && b !== undefined && a.minus(b).abs().lt(YUAN_CENT);
}

function pairUp(rows: SummaryRow[], targets: TargetSheet[]): { pairs: Pair[]; rows: SummaryRow[]; targets: TargetSheet[] } {
  const pairs: Pair[] = [];
  let leftRows = rows.filter((r) => nameKey(r.project.text));
  let leftTargets = targets.filter((t) => nameKey(nameOf(t)));
  const take = (row: SummaryRow, target: TargetSheet, near: boolean) => {
    pairs.push({ row, target, near });
    leftRows = leftRows.filter((r) => r !== row);
    leftTargets = leftTargets.filter((t) => t !== target);
  };
  // Same name; with duplicates, the one whose amount agrees.
  for (const pass of [true, false]) {
    for (const row of [...leftRows]) {
      const key = nameKey(row.project.text);
      const t = leftTargets.find((x) => nameKey(nameOf(x)) === key && (!pass || agree(row, x)));
      if (t) take(row, t, false);
    }
  }
  // Near names: amounts agreeing first, then slight variants with other amounts.
  for (const pass of [true, false]) {
    for (const row of [...leftRows]) {
      const key = nameKey(row.project.text);
      const t = leftTargets.find((x) => {
        const rel = nameRelation(key, nameKey(nameOf(x)));
        return pass ? rel !== 'none' && agree(row, x) : rel === 'near';
      });
      if (t) take(row, t, true);
    }
  }
  return { pairs, rows: leftRows.concat(rows.filter((r) => !nameKey(r.project.text))), targets: leftTargets };
}

function listed(row: SummaryRow): string {
  return `民生领域重大事项清单${row.seq ? `第 ${row.seq} 项` : ''}“${row.project.text.trim()}”`;
}

export const summary: Rule = {
  meta: {
    id: 'P.summary',
    severity: 'error',
    title: '民生领域重大事项清单与绩效目标表不一致',
    description:
      '民生领域重大事项绩效目标情况表所列每个项目都有绩效目标表，预算金额（元）= 该表年度资金总额；' +
      '清单与绩效目标表的项目名称不一致为提示（warning）；没有表十二的工作簿里，不在清单中的绩效目标表也提示',
    table: 'P',
  },
  check(ctx) {
    const list = ctx.rec.summary;
    if (!list) return;
    const { pairs, rows, targets } = pairUp(list.rows, ctx.rec.targets);
    for (const { row, target, near } of pairs) {
      if (near) {
        reportAt(ctx, at(row.project)!, [at(target.projectName)], {
          severity: 'warning',
          message: `${listed(row)}与${targetTitle(target)}名称不一致${agree(row, target) ? `（金额相同，${shownYuan(row.amount)}）` : ''}`,
          expected: nameOf(target),
          actual: row.project.text.trim(),
        });
      }
      if (agree(row, target)) continue;
      const total = target.annualFunds.total;
      reportAt(ctx, at(row.amount) ?? at(row.project)!, [at(row.project), at(total) ?? at(target.projectName)], {
        message:
          `${listed(row)}的预算金额 ${shownYuan(row.amount)} ≠ ${targetTitle(target)}的年度资金总额 ${shownYuan(total)}` +
          (row.amount && total && !row.amount.empty && !total.empty ? `，相差 ${yuan(row.amount.value.minus(total.value).abs())} 元` : ''),
        expected: total && !total.empty ? total.value.toFixed() : '',
        actual: row.amount && !row.amount.empty ? row.amount.value.toFixed() : '',
      });
    }
    // A form whose 项目名称 label could not be read (INPUT.unrecognised) may be the one a listed project lacks.
    const unnamed = ctx.rec.targets.some((t) => t.labelled && !t.labelled.includes('projectName'));
    for (const row of unnamed ? [] : rows) {
      reportAt(ctx, at(row.project)!, [at(row.amount)], {
        message: `${listed(row)}（${shownYuan(row.amount)}）没有绩效目标表`,
        expected: '项目支出绩效目标表',
        actual: '（无）',
      });
    }
    if (ctx.rec.tables.T12) return; // with 表十二, P.coverage accounts for every sheet
    for (const t of targets) {
      reportAt(ctx, { sheet: t.sheet, cell: t.projectName?.cell ?? `A${t.row}` }, [at(t.annualFunds.total)], {
        severity: 'warning',
        message: `${targetTitle(t)}（年度资金总额 ${shownYuan(t.annualFunds.total)}）不在民生领域重大事项清单中`,
        expected: '清单中的项目',
        actual: nameOf(t),
      });
    }
  },
};

export const summaryRules: Rule[] = [summary];

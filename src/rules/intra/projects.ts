/**
 * 表十二 / 表十三 项目支出预算表: each row 合计 = 各资金来源 (5 for 表十二, 3 for 表十三); a unit row = Σ its
 * projects; a department row = Σ its units (or its projects when it has no unit rows); the 合计 row = Σ
 * departments.
 */
import type { ProjectRow, ProjectTable } from '../../tables/types';
import { totalHolds } from '../compare';
import type { Rule, RuleContext } from '../rule';
import { colName, hasUnrecognised, ord, sumCheck } from './common';
import { mapPacked } from '../../model/arrays';

type PRow = ProjectRow<string>;

const T12_FUNDS = ['general', 'govFund', 'stateCapital', 'specialAccount', 'unitFunds'];
const T13_FUNDS = ['general', 'govFund', 'stateCapital'];

/** Each row's direct children: projects under the nearest unit (else department), units under departments. */
function tree(t: ProjectTable<string>): { top: PRow[]; children: Map<PRow, PRow[]> } {
  const children = new Map<PRow, PRow[]>();
  const top: PRow[] = [];
  let dept: PRow | undefined;
  let unit: PRow | undefined;
  const add = (parent: PRow | undefined, r: PRow) => {
    if (!parent) {
      top.push(r);
      return;
    }
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  };
  for (const r of t.rows) {
    if (r.kind === 'department') {
      dept = r;
      unit = undefined;
      add(undefined, r);
    } else if (r.kind === 'unit') {
      unit = r;
      add(dept, r);
    } else add(unit ?? dept, r);
  }
  return { top, children };
}

function tableOf(ctx: RuleContext, id: 'T12' | 'T13'): ProjectTable<string> | undefined {
  return ctx.rec.tables[id] as ProjectTable<string> | undefined;
}

function rowRule(id: 'T12' | 'T13', funds: string[]): Rule {
  return {
    meta: {
      id: `${id}.row`,
      severity: 'error',
      title: `${ord(id)} 项目合计与各资金来源不符`,
      description: `${ord(id)}每行：合计 = ${funds.map((f) => colName(f)).join(' + ')}`,
      table: id,
      fixable: 'total',
    },
    check(ctx) {
      const t = tableOf(ctx, id);
      if (!t) return;
      for (const r of t.total ? [t.total, ...t.rows] : t.rows) {
        const parts = mapPacked(funds, (k) => r.values[k]);
        // Named only when the sum fails (totalHolds): most rows hold.
        if (totalHolds(r.values.total, parts)) continue;
        sumCheck(ctx, {
          stated: r.values.total,
          parts,
          what: `${ord(id)} ${r === t.total ? '合计行' : r.name} 合计`,
          against: '各项资金之和',
        });
      }
    },
  };
}

function unitSumRule(id: 'T12' | 'T13'): Rule {
  return {
    meta: {
      id: `${id}.unit_sum`,
      severity: 'error',
      title: `${ord(id)} 单位小计与其项目不符`,
      description: `${ord(id)}各列：单位行 = 其下各项目之和`,
      table: id,
      fixable: 'total',
    },
    check(ctx) {
      const t = tableOf(ctx, id);
      if (!t || hasUnrecognised(t, 'row')) return;
      const { children } = tree(t);
      for (const r of t.rows) {
        const kids = children.get(r);
        if (r.kind !== 'unit' || !kids?.length) continue;
        for (const col of t.columns) {
          const parts = mapPacked(kids, (k) => k.values[col]);
          if (totalHolds(r.values[col], parts)) continue;
          sumCheck(ctx, {
            stated: r.values[col],
            parts,
            what: `${ord(id)} 单位“${r.name}” ${colName(col)}`,
            against: '其下各项目之和',
          });
        }
      }
    },
  };
}

function deptSumRule(id: 'T12' | 'T13'): Rule {
  return {
    meta: {
      id: `${id}.dept_sum`,
      severity: 'error',
      title: `${ord(id)} 部门合计与各单位不符`,
      description: `${ord(id)}各列：部门行 = 其下各单位之和（无单位行时为各项目之和）；合计行 = 各部门行之和`,
      table: id,
      fixable: 'total',
    },
    check(ctx) {
      const t = tableOf(ctx, id);
      if (!t || hasUnrecognised(t, 'row')) return;
      const { top, children } = tree(t);
      const against = (kids: PRow[]) =>
        kids.every((k) => k.kind === 'unit') ? '各单位之和' : kids.every((k) => k.kind === 'project') ? '各项目之和' : '其下各行之和';
      for (const col of t.columns) {
        const topParts = t.total && top.length ? mapPacked(top, (k) => k.values[col]) : [];
        if (t.total && top.length && !totalHolds(t.total.values[col], topParts)) {
          sumCheck(ctx, {
            stated: t.total.values[col],
            parts: topParts,
            what: `${ord(id)} 合计行 ${colName(col)}`,
            against: top.every((k) => k.kind === 'department') ? '各部门之和' : against(top),
          });
        }
        for (const r of t.rows) {
          const kids = children.get(r);
          if (r.kind !== 'department' || !kids?.length) continue;
          const parts = mapPacked(kids, (k) => k.values[col]);
          if (totalHolds(r.values[col], parts)) continue;
          sumCheck(ctx, {
            stated: r.values[col],
            parts,
            what: `${ord(id)} 部门“${r.name}” ${colName(col)}`,
            against: against(kids),
          });
        }
      }
    },
  };
}

export const projectRules: Rule[] = [
  rowRule('T12', T12_FUNDS),
  unitSumRule('T12'),
  deptSumRule('T12'),
  rowRule('T13', T13_FUNDS),
  unitSumRule('T13'),
  deptSumRule('T13'),
];

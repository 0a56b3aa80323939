/**
 * HIER.T2 / HIER.T3 / HIER.T5 / HIER.T7 / HIER.T8 / HIER.T9 (one id per table, the family prefix HIER as in the
 * rule catalog): the 功能分类 (or 表七 收入分类) hierarchy of the code tables, per column: 类 = Σ its 款, 款 = Σ its 项,
 * 合计 row = Σ 类. A row with no children in the table is not checked (nothing to add up); a 项 whose 款 is
 * absent counts under its 类 (INPUT.bad_code reports the gap), and rows whose code is not 3/5/7 digits are left out.
 */
import type { CodeRow, CodeTable, TableId } from '../../tables/types';
import { totalHolds } from '../compare';
import type { Rule, RuleContext } from '../rule';
import { colName, hasUnrecognised, ord, sumCheck } from './common';
import { mapPacked } from '../../model/arrays';

type Row = CodeRow<string>;

/** The nearest ancestor of each row present in the table; rows without one are the top level. */
function tree(table: CodeTable<string>): { top: Row[]; children: Map<Row, Row[]> } {
  const byCode = new Map<string, Row>();
  for (const r of table.rows) if (r.level > 0 && !byCode.has(r.code)) byCode.set(r.code, r);
  const top: Row[] = [];
  const children = new Map<Row, Row[]>();
  for (const r of table.rows) {
    if (r.level <= 0) continue;
    // The 款 (5 digits) of a 项, else its 类 (3 digits); the 类 of a 款: the first one present other than the row.
    const own5 = r.level === 3 ? byCode.get(r.code.slice(0, 5)) : undefined;
    const own3 = r.level === 3 || r.level === 2 ? byCode.get(r.code.slice(0, 3)) : undefined;
    const parent = own5 && own5 !== r ? own5 : own3 && own3 !== r ? own3 : undefined;
    if (!parent) top.push(r);
    else {
      const list = children.get(parent) ?? [];
      list.push(r);
      children.set(parent, list);
    }
  }
  return { top, children };
}

function partsName(parent: Row | undefined, kids: Row[]): string {
  const levels = new Set(kids.map((k) => k.level));
  const only = levels.size === 1 ? [...levels][0] : 0;
  if (!parent) return only === 1 ? '各类之和' : '各科目之和';
  if (parent.level === 1 && only === 2) return '各款之和';
  if (only === 3) return '各项之和';
  return '下级科目之和';
}

export function checkHierarchy(ctx: RuleContext, id: TableId, table: CodeTable<string> | undefined, names?: Record<string, string>, side = ''): void {
  if (!table || table.rows.length === 0) return;
  // A row of amounts whose code and name cannot be read may belong under any 类 or 款: no sum over the rows holds.
  if (hasUnrecognised(table, 'row')) return;
  const { top, children } = tree(table);
  const prefix = `${ord(id)}${side ? ` ${side}` : ''}`;
  for (const col of table.columns) {
    const column = colName(col, names);
    if (table.total && top.length) {
      const parts = mapPacked(top, (r) => r.values[col]);
      // The names of a sum are made only for one that fails (most hold: thousands per workbook).
      if (!totalHolds(table.total.values[col], parts)) {
        sumCheck(ctx, { stated: table.total.values[col], parts, what: `${prefix} 合计行 ${column}`, against: partsName(undefined, top) });
      }
    }
    for (const r of table.rows) {
      const kids = children.get(r);
      if (!kids?.length) continue;
      const parts = mapPacked(kids, (k) => k.values[col]);
      if (totalHolds(r.values[col], parts)) continue;
      sumCheck(ctx, { stated: r.values[col], parts, what: `${prefix} ${r.code} ${r.name} ${column}`, against: partsName(r, kids) });
    }
  }
}

function hierRule(id: TableId, title: string, pick: (ctx: RuleContext) => void): Rule {
  return {
    meta: {
      id: `HIER.${id}`,
      severity: 'error',
      title: `${ord(id)} 科目层级合计不符`,
      description: `${title}各列：类 = 其下各款之和，款 = 其下各项之和，合计行 = 各类之和`,
      table: id,
      fixable: 'total',
    },
    check: pick,
  };
}

const T7_NAMES = { amount: '金额' };

export const hierarchyRules: Rule[] = [
  hierRule('T2', '表二 预算收入总表', (ctx) => checkHierarchy(ctx, 'T2', ctx.rec.tables.T2)),
  hierRule('T3', '表三 预算支出总表', (ctx) => checkHierarchy(ctx, 'T3', ctx.rec.tables.T3)),
  hierRule('T5', '表五 一般公共预算支出表', (ctx) => checkHierarchy(ctx, 'T5', ctx.rec.tables.T5)),
  hierRule('T7', '表七 政府性基金预算收入表（收入科目 3/5/7 位）', (ctx) => checkHierarchy(ctx, 'T7', ctx.rec.tables.T7, T7_NAMES)),
  hierRule('T8', '表八 政府性基金预算支出表', (ctx) => checkHierarchy(ctx, 'T8', ctx.rec.tables.T8)),
  hierRule('T9', '表九 国有资本经营预算收支表（收入、支出两部分）', (ctx) => {
    const t9 = ctx.rec.tables.T9;
    if (!t9) return;
    checkHierarchy(ctx, 'T9', t9.income, T7_NAMES, '收入');
    checkHierarchy(ctx, 'T9', t9.expenditure, undefined, '支出');
  }),
];

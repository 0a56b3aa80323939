/** 表六 基本支出分经济科目表: 合计 = 人员经费 + 公用经费; 类 = Σ its 款; 合计 row = Σ 类; class of cost. */
import { fmt2 } from '../../model/money';
import type { T6Col, T6Row, T6Table } from '../../tables/types';
import type { Rule } from '../rule';
import { colName, hasUnrecognised, sumCheck } from './common';
import { mapPacked } from '../../model/arrays';

const T = '表六';

function rowName(r: T6Row): string {
  return r.kind === 'total' ? '合计行' : `${r.code ? `${r.code} ` : ''}${r.name}`;
}

/** Items grouped under their class row; rows before any class (or tables without classes) are top-level. */
function groups(t: T6Table): { top: T6Row[]; items: Map<T6Row, T6Row[]> } {
  const items = new Map<T6Row, T6Row[]>();
  const top: T6Row[] = [];
  let current: T6Row | undefined;
  for (const r of t.rows) {
    if (r.kind === 'class') {
      current = r;
      items.set(r, []);
      top.push(r);
    } else if (r.kind === 'item' && current && r.className === current.name) items.get(current)!.push(r);
    else top.push(r);
  }
  return { top, items };
}

const row: Rule = {
  meta: {
    id: 'T6.row',
    severity: 'error',
    title: '表六 合计与人员经费、公用经费不符',
    description: '表六每行：合计 = 人员经费 + 公用经费',
    table: 'T6',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T6;
    if (!t) return;
    for (const r of t.total ? [t.total, ...t.rows] : t.rows) {
      sumCheck(ctx, {
        stated: r.values.total,
        parts: [r.values.personnel, r.values.public],
        what: `${T} ${rowName(r)} 合计`,
        against: '人员经费与公用经费之和',
      });
    }
  },
};

const classSum: Rule = {
  meta: {
    id: 'T6.class_sum',
    severity: 'error',
    title: '表六 经济分类类级合计与其明细不符',
    description: '表六各列：类（工资福利支出、商品和服务支出、对个人和家庭的补助、资本性支出 …）= 其下各款之和',
    table: 'T6',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T6;
    // A row of amounts without a readable label may stand under any class: the sums over the rows are skipped.
    if (!t || hasUnrecognised(t, 'row')) return;
    const { items } = groups(t);
    for (const [cls, list] of items) {
      if (!list.length) continue;
      for (const col of t.columns) {
        sumCheck(ctx, {
          stated: cls.values[col],
          parts: mapPacked(list, (i) => i.values[col]),
          what: `${T} ${rowName(cls)} ${colName(col)}`,
          against: '其下各款之和',
        });
      }
    }
  },
};

const total: Rule = {
  meta: {
    id: 'T6.total',
    severity: 'error',
    title: '表六 合计行与各类不符',
    description: '表六各列：合计行 = 各经济分类类级之和',
    table: 'T6',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T6;
    if (!t?.total || hasUnrecognised(t, 'row')) return;
    const { top } = groups(t);
    if (!top.length) return;
    const onlyClasses = top.every((r) => r.kind === 'class');
    for (const col of t.columns) {
      sumCheck(ctx, {
        stated: t.total.values[col],
        parts: mapPacked(top, (r) => r.values[col]),
        what: `${T} 合计行 ${colName(col)}`,
        against: onlyClasses ? '各类之和' : '各科目之和',
      });
    }
  },
};

const PERSONNEL_CLASSES = ['工资福利支出', '机关工资福利支出', '对个人和家庭的补助'];
const PUBLIC_CLASSES = ['商品和服务支出', '机关商品和服务支出'];

const classOfCost: Rule = {
  meta: {
    id: 'T6.class_of_cost',
    severity: 'warning',
    title: '表六 人员经费、公用经费归类存疑',
    description: '工资福利支出、对个人和家庭的补助一般列人员经费；商品和服务支出一般列公用经费',
    table: 'T6',
  },
  check(ctx) {
    const t = ctx.rec.tables.T6;
    if (!t) return;
    const { items } = groups(t);
    for (const [cls, list] of items) {
      const personnelClass = PERSONNEL_CLASSES.includes(cls.name);
      if (!personnelClass && !PUBLIC_CLASSES.includes(cls.name)) continue;
      const odd: T6Col = personnelClass ? 'public' : 'personnel';
      const normal = personnelClass ? '人员经费' : '公用经费';
      // The items name the cell to look at; a class without items is reported on its own row.
      for (const r of list.length ? list : [cls]) {
        const f = r.values[odd];
        if (!f || f.empty || f.value.isZero()) continue;
        ctx.report({
          sheet: f.sheet,
          cells: [f.cell],
          message: `${T} ${rowName(r)}${r === cls ? '' : `（${cls.name}）`} 列入${colName(odd)} ${fmt2(f.value)}：${cls.name}一般列${normal}，请核实`,
          actual: fmt2(f.value),
        });
      }
    }
  },
};

export const t6Rules: Rule[] = [row, classSum, total, classOfCost];

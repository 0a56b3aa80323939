/** 表十 “三公”经费: each line 合计 = 三项资金; 公务用车购置及运行费 = ① + ②; 合计 = 出国 + 接待 + 公务用车. */
import type { Figure, T10Col, T10Line, T10Row } from '../../tables/types';
import type { Rule } from '../rule';
import { colName, hasUnrecognised, sumCheck } from './common';
import { mapPacked } from '../../model/arrays';

const T = '表十';
const COLS: T10Col[] = ['total', 'general', 'govFund', 'stateCapital'];
const LINE_NAMES: Record<T10Line, string> = {
  abroad: '因公出国（境）费',
  reception: '公务接待费',
  vehicle: '公务用车购置及运行费',
  vehiclePurchase: '①公务用车购置费',
  vehicleOperation: '②公务用车运行维护费',
  total: '合计',
};
const ORDER: T10Line[] = ['total', 'abroad', 'reception', 'vehicle', 'vehiclePurchase', 'vehicleOperation'];

const row: Rule = {
  meta: {
    id: 'T10.row',
    severity: 'error',
    title: '表十 合计与各资金来源不符',
    description: '表十每行：合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算',
    table: 'T10',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T10;
    if (!t) return;
    for (const line of ORDER) {
      const r = t.lines[line];
      if (!r) continue;
      sumCheck(ctx, {
        stated: r.values.total,
        parts: [r.values.general, r.values.govFund, r.values.stateCapital],
        what: `${T} ${LINE_NAMES[line]} 合计`,
        against: '一般公共预算、政府性基金预算、国有资本经营预算之和',
      });
    }
  },
};

const vehicle: Rule = {
  meta: {
    id: 'T10.vehicle',
    severity: 'error',
    title: '表十 公务用车购置及运行费与其明细不符',
    description: '表十各列：公务用车购置及运行费 = ①公务用车购置费 + ②公务用车运行维护费',
    table: 'T10',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T10;
    const v = t?.lines.vehicle;
    if (!t || !v || (!t.lines.vehiclePurchase && !t.lines.vehicleOperation) || hasUnrecognised(t, 'row')) return;
    for (const col of COLS) {
      sumCheck(ctx, {
        stated: v.values[col],
        parts: [t.lines.vehiclePurchase?.values[col], t.lines.vehicleOperation?.values[col]],
        what: `${T} 公务用车购置及运行费 ${colName(col)}`,
        against: '购置费与运行维护费之和',
      });
    }
  },
};

const total: Rule = {
  meta: {
    id: 'T10.total',
    severity: 'error',
    title: '表十 “三公”经费合计与各项不符',
    description: '表十各列：合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费',
    table: 'T10',
    fixable: 'total',
  },
  check(ctx) {
    const t = ctx.rec.tables.T10;
    const sumRow = t?.lines.total;
    if (!t || !sumRow || hasUnrecognised(t, 'row')) return;
    // Without the 公务用车购置及运行费 line its two sub-lines stand for it.
    const vehicleParts: (T10Row | undefined)[] = t.lines.vehicle ? [t.lines.vehicle] : [t.lines.vehiclePurchase, t.lines.vehicleOperation];
    for (const col of COLS) {
      const parts: (Figure | undefined)[] = mapPacked([t.lines.abroad, t.lines.reception, ...vehicleParts], (r) => r?.values[col]);
      sumCheck(ctx, {
        stated: sumRow.values[col],
        parts,
        what: `${T} 合计 ${colName(col)}`,
        against: '因公出国（境）费、公务接待费、公务用车购置及运行费之和',
      });
    }
  },
};

export const t10Rules: Rule[] = [row, vehicle, total];

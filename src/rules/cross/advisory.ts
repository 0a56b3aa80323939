/** Advisory cross-table checks (always `warning`): X.T6-T10 (三公 ≥ 基本支出 lines), X.T6-T11 (机关运行经费 vs 公用经费). */
import { ZERO, fmt2, sum, type Money } from '../../model/money';
import { keyText } from '../../tables/text';
import type { Figure, T10Line } from '../../tables/types';
import { checkTotal, classify, refs } from '../compare';
import type { Report, Rule, RuleContext } from '../rule';
import { allZero, ord } from './util';
import { t6Total } from './general-budget';

/** Reports through ctx with the severity forced to `warning` (advisory rules never block a submission). */
function advisory(ctx: RuleContext): RuleContext {
  return { ...ctx, report: (f: Report) => ctx.report({ ...f, severity: 'warning' }) };
}

const T6_VS_T10: [string, T10Line][] = [
  ['公务接待费', 'reception'],
  ['公务用车运行维护费', 'vehicleOperation'],
];

export const xT6T10: Rule = {
  meta: {
    id: 'X.T6-T10',
    severity: 'warning',
    title: '“三公”经费少于基本支出中的同项支出',
    description: '表十 公务接待费 ≥ 表六 公务接待费；表十 公务用车运行维护费 ≥ 表六 公务用车运行维护费（三公经费也可能含项目支出）',
    table: 'T10',
  },
  check(ctx) {
    const { T6, T10 } = ctx.rec.tables;
    if (!T6 || !T10) return;
    for (const [name, line] of T6_VS_T10) {
      const t6 = T6.rows.filter((r) => r.kind !== 'total' && keyText(r.name) === name).flatMap((r) => (r.values.total ? [r.values.total] : []));
      const t6Sum: Money = sum(t6.map((f) => f.value));
      if (t6Sum.isZero()) continue;
      const row = T10.lines[line];
      if (!row) continue;
      // 表六 is 一般公共预算 only: compare with 表十's 一般公共预算 column when it has one.
      const colName = row.values.general ? '一般公共预算' : '合计';
      const f: Figure | undefined = row.values.general ?? row.values.total;
      // A figure not read (an unread formula, a column whose header could not be recognised) is never compared.
      if (!f || f.unread || t6.some((x) => x.unread) || f.value.gte(t6Sum)) continue;
      const rounding = classify(f.value.minus(t6Sum), t6.length) === 'warning' ? '（舍位差异）' : '';
      ctx.report({
        sheet: f.sheet,
        cells: [f.cell],
        message: `${ord('T10')} ${name} ${colName} ${f.empty ? '（空）' : fmt2(f.value)} 小于 ${ord('T6')} ${name} ${fmt2(t6Sum)}${rounding}：“三公”经费应包含基本支出中的${name}，请核实`,
        expected: fmt2(t6Sum),
        actual: fmt2(f.value),
        related: refs(t6),
      });
    }
  },
};

export const xT6T11: Rule = {
  meta: {
    id: 'X.T6-T11',
    severity: 'warning',
    title: '机关运行经费与公用经费不一致',
    description: '表十一 部门合计 应等于 表六 公用经费（行政、参公单位）；表六 有公用经费时 表十一 不应为空',
    table: 'T11',
  },
  check(ctx) {
    const { T6, T11, T12, T13 } = ctx.rec.tables;
    if (!T6 || !T11) return;
    const pub = t6Total(T6, 'public', '公用经费');
    if (!pub) return;
    const pubFig = pub.figure;
    const pubValue = sum(pub.parts.map((f) => f.value));
    const unitFigs = T11.units.flatMap((u) => (u.values.total ? [u.values.total] : []));
    const dept = T11.deptTotal?.values.total;
    // A figure not read (unread formula, unrecognised column or row) is never compared.
    if ([dept, ...unitFigs, ...pub.parts].some((f) => f?.unread) || T11.unrecognised?.some((u) => u.part === 'row')) return;
    const empty = allZero([dept, ...unitFigs]);
    if (empty) {
      if (pubValue.lte(0)) return;
      const at = dept ?? unitFigs[0];
      ctx.report({
        severity: 'warning',
        sheet: T11.sheet,
        cells: [at?.cell ?? 'A1'],
        message:
          `${ord('T11')} 机关运行经费 ${T11.noDataNote ? '注明“本表无数据”' : '为空'}，而${pub.label} 为 ${fmt2(pubValue)}：` +
          `行政单位和参公事业单位的机关运行经费即其公用经费，请核实${ord('T11')}是否漏填`,
        expected: fmt2(pubValue),
        actual: fmt2(at?.value ?? ZERO),
        related: refs(pub.parts),
      });
      return;
    }
    // 表十一 lists only the 行政/参公 units; 表六 adds up every unit of the department. When 表十二/十三 name units
    // that 表十一 does not (事业单位), 表十一 can only be smaller: flag it only when it exceeds 表六.
    const t11Units = new Set(T11.units.map((u) => keyText(u.name)));
    const units = [...(T12?.rows ?? []), ...(T13?.rows ?? [])].filter((r) => r.kind === 'unit').map((r) => keyText(r.name));
    const partial = t11Units.size > 0 && units.some((u) => !t11Units.has(u));
    const t11Fig = dept ?? (unitFigs.length === 1 ? unitFigs[0] : undefined);
    const t11Value = t11Fig ? t11Fig.value : sum(unitFigs.map((f) => f.value));
    if (partial && t11Value.lte(pubValue)) return;
    const what = `${ord('T11')} 部门合计`;
    const against = partial ? `${pub.label}（表十一不应大于）` : pub.label;
    const warn = advisory(ctx);
    // Never auto-filled: which units count as 行政/参公 is for the department to say.
    if (t11Fig) checkTotal(warn, { stated: t11Fig, parts: pub.parts, what, against });
    else if (pubFig) checkTotal(warn, { stated: pubFig, parts: unitFigs, what: pub.label, against: `${ord('T11')} 各单位合计之和` });
  },
};

export const advisoryRules: Rule[] = [xT6T10, xT6T11];

/**
 * Target sheets against 表十二 (本年项目) and 表十三 (上年结转): P.match_T12 (amounts) and P.coverage (every
 * project has a sheet, every sheet names a project). The pairing itself is in matching.ts.
 */
import { absAtMost, fmt2 } from '../../model/money';
import { YUAN_VS_WAN_TOLERANCE } from '../../model/tolerance';
import { TABLE_ORDINALS } from '../../tables/identify';
import type { Rule } from '../rule';
import { anchorCell, at, hasLabel, reportAt, targetTitle, yuan } from './common';
import { matchTargets, rowsAmount, sheetsAmount, type Match, type ProjectRef, type SheetRef } from './matching';
import { mapPacked } from '../../model/arrays';

/** "表十二“院内水电气经费”" */
function rowTitle(rows: ProjectRef[]): string {
  return `${TABLE_ORDINALS[rows[0].table]}“${rows[0].row.name.trim()}”`;
}

/** "20.00 万元" or, for several rows, "20.00 万元（4.00 + 16.00）". */
function rowAmounts(rows: ProjectRef[]): string {
  const total = fmt2(rowsAmount(rows).dividedBy(10000));
  return rows.length === 1 ? `${total} 万元` : `${total} 万元（${rows.map((r) => fmt2(r.amount.dividedBy(10000))).join(' + ')}）`;
}

function rowCells(rows: ProjectRef[]) {
  return rows.flatMap((r) => [at(r.row.label), at(r.row.values.total)]);
}

function sheetName(s: SheetRef): string {
  return s.target.projectName?.text.trim() ?? '';
}

function nameCell(s: SheetRef) {
  return { sheet: s.target.sheet, cell: anchorCell(s.target) };
}

export const matchT12: Rule = {
  meta: {
    id: 'P.match_T12',
    severity: 'error',
    title: '绩效目标表年度资金与项目支出表不一致',
    description:
      '与表十二（表十二没有的项目与表十三）对应的绩效目标表：|年度资金总额（元） − 合计（万元） × 10000| ≤ 50 元（50 元以内为舍位）。' +
      '同一单位同名列了两行的项目按两行之和核对',
    table: 'P',
  },
  check(ctx) {
    for (const m of matchTargets(ctx.rec).matches) {
      // An amount that was not read (INPUT.uncached_formula) is compared with nothing.
      if (m.sheets.some((x) => x.target.annualFunds.total?.unread || x.target.unrecognised?.some((u) => u.part === 'annual')) || m.rows.some((r) => Object.values(r.row.values).some((f) => (f as { unread?: boolean } | undefined)?.unread))) continue;
      const want = rowsAmount(m.rows);
      const have = sheetsAmount(m.sheets);
      if (have !== undefined && absAtMost(have.minus(want), YUAN_VS_WAN_TOLERANCE)) continue;
      const s = m.sheets[0];
      const total = s.target.annualFunds.total;
      const stated = at(total && !total.empty ? total : undefined) ?? at(total) ?? nameCell(s);
      const where = m.kind === 'same' ? rowTitle(m.rows) : `${rowTitle(m.rows)}（名称不完全一致）`;
      const diff = have === undefined ? '' : `，相差 ${yuan(have.minus(want).abs())} 元`;
      reportAt(ctx, stated, [...mapPacked(m.sheets.slice(1), (x) => at(x.target.annualFunds.total)), ...rowCells(m.rows)], {
        message:
          `${targetTitle(s.target)}：年度资金总额 ${have === undefined ? '（空）' : `${yuan(have)} 元`} ≠ ` +
          `${where} 合计 ${rowAmounts(m.rows)}（${yuan(want)} 元）${diff}`,
        expected: want.toFixed(),
        actual: have === undefined ? '' : have.toFixed(),
      });
    }
  },
};

function describeMatch(m: Match): string {
  return m.sheets.map((s) => `“${sheetName(s)}” ${s.amount ? yuan(s.amount) : '（空）'} 元`).join(' + ');
}

export const coverage: Rule = {
  meta: {
    id: 'P.coverage',
    severity: 'error',
    title: '绩效目标表与项目支出表的项目不对应',
    description:
      '表十二的每个项目都有绩效目标表，每张绩效目标表的项目名称都是表十二（或表十三）中的项目。' +
      '名称与某个项目只差几个字（或金额相同）的报一条“名称不一致”，同时指向绩效目标表的项目名称和表十二的单元格；' +
      '一个项目拆成几张表（金额相加等于该项目）、一张表对应表十二几行的，也各报一条',
    table: 'P',
  },
  check(ctx) {
    const { T12 } = ctx.rec.tables;
    if (!T12) return; // no 表十二: INPUT.missing_table says so (target-only workbooks: P.summary instead)
    const result = matchTargets(ctx.rec);
    for (const m of result.matches) {
      const s = m.sheets[0];
      const t12 = rowTitle(m.rows);
      if (m.kind === 'near') {
        const same = s.amount !== undefined && absAtMost(s.amount.minus(rowsAmount(m.rows)), YUAN_VS_WAN_TOLERANCE);
        const amounts = same ? `年度资金总额 ${yuan(s.amount!)} 元与${t12} ${rowAmounts(m.rows)}相符` : '';
        reportAt(ctx, nameCell(s), [at(s.target.annualFunds.total), ...rowCells(m.rows)], {
          message: m.byAmount
            ? `名称不一致：${targetTitle(s.target)}在表十二、表十三中找不到，${amounts}，应是同一项目，名称应与表十二一致`
            : `名称不一致：${targetTitle(s.target)}应与${t12}（${rowAmounts(m.rows)}）同名${same ? `（金额相符，${yuan(s.amount!)} 元）` : ''}`,
          expected: m.rows[0].row.name.trim(),
          actual: sheetName(s),
        });
      } else if (m.kind === 'split') {
        reportAt(ctx, nameCell(s), [...m.sheets.slice(1).map(nameCell), ...m.sheets.map((x) => at(x.target.annualFunds.total)), ...rowCells(m.rows)], {
          message:
            `${t12}（${rowAmounts(m.rows)}）拆成了 ${m.sheets.length} 张绩效目标表：${describeMatch(m)} = ` +
            `${yuan(sheetsAmount(m.sheets)!)} 元；一个项目应只有一张绩效目标表`,
          expected: '1',
          actual: String(m.sheets.length),
        });
      } else if (m.kind === 'merged') {
        const names = m.rows.map((r) => `“${r.row.name.trim()}” ${fmt2(r.amount.dividedBy(10000))} 万元`).join(' + ');
        reportAt(ctx, nameCell(s), [at(s.target.annualFunds.total), ...rowCells(m.rows)], {
          message:
            `${targetTitle(s.target)}（${s.amount ? yuan(s.amount) : '（空）'} 元）对应${TABLE_ORDINALS[m.rows[0].table]} ${m.rows.length} 个项目：` +
            `${names}；每个项目应有自己的绩效目标表，名称与${TABLE_ORDINALS[m.rows[0].table]}一致`,
          expected: m.rows.map((r) => r.row.name.trim()).join('、'),
          actual: sheetName(s),
        });
      }
    }
    // A form whose 项目名称 label could not be read (INPUT.unrecognised) may be the one a 表十二 project lacks.
    const unnamed = ctx.rec.targets.some((t) => !hasLabel(t, 'projectName'));
    for (const rows of unnamed ? [] : result.missing) {
      const r = rows[0];
      const unit = r.row.unit && T12.rows.some((x) => x.kind === 'unit') ? `（${r.row.unit}）` : '';
      const twice = rows.length > 1 ? `，同名列了 ${rows.length} 行` : '';
      reportAt(ctx, at(r.row.label)!, rows.slice(1).map((x) => at(x.row.label)).concat(rows.map((x) => at(x.row.values.total))), {
        message: `表十二 项目“${r.row.name.trim()}”${unit}（${rowAmounts(rows)}${twice}）没有绩效目标表`,
        expected: '项目支出绩效目标表',
        actual: '（无）',
      });
    }
    for (const s of result.unknown) {
      if (!s.key) {
        // No 项目名称 label at all: INPUT.unrecognised says so (src/tables/targets.ts); a blank name is reported on its cell.
        if (!hasLabel(s.target, 'projectName')) continue;
        reportAt(ctx, nameCell(s), [], {
          message: `${targetTitle(s.target)}没有填写项目名称，无法与表十二核对`,
          expected: '表十二中的项目名称',
          actual: '',
        });
        continue;
      }
      const twin = result.matches.find((m) => m.rows.some((r) => r.key === s.key));
      const message = twin
        ? `${targetTitle(s.target)}（${s.amount ? yuan(s.amount) : '（空）'} 元）与绩效目标表“${sheetName(twin.sheets[0])}”（工作表“${twin.sheets[0].target.sheet}”）重复：${rowTitle(twin.rows)}只有一个项目（${rowAmounts(twin.rows)}）`
        : `${targetTitle(s.target)}的项目在表十二、表十三中都找不到（年度资金总额 ${s.amount ? yuan(s.amount) : '（空）'} 元）`;
      reportAt(ctx, nameCell(s), twin ? [nameCell(twin.sheets[0]), ...rowCells(twin.rows)] : [at(s.target.annualFunds.total)], {
        message,
        expected: twin ? '' : '表十二中的项目名称',
        actual: sheetName(s),
      });
    }
  },
};

export const matchRules: Rule[] = [matchT12, coverage];

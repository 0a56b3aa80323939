import { fmt2, plain } from '../model/money';
import { TABLE_ORDINALS } from '../tables/identify';
import type { CodeTable, Figure, TableId } from '../tables/types';
import type { Rule, RuleContext } from './rule';

/** Code tables whose rows carry 功能分类 codes (3/5/7 digits). */
function codeTables(ctx: RuleContext): [TableId, CodeTable<string>][] {
  const t = ctx.rec.tables;
  const list: [TableId, CodeTable<string> | undefined][] = [
    ['T2', t.T2], ['T3', t.T3], ['T5', t.T5], ['T7', t.T7], ['T8', t.T8],
    ['T9', t.T9?.income], ['T9', t.T9?.expenditure],
  ];
  return list.filter((x): x is [TableId, CodeTable<string>] => !!x[1]);
}

const badCode: Rule = {
  meta: {
    id: 'INPUT.bad_code',
    severity: 'error',
    title: '科目编码有误',
    description: '科目编码应为 3 位（类）、5 位（款）或 7 位（项）数字，且其上级类、款在本表中存在',
    table: 'INPUT',
  },
  check(ctx) {
    for (const [id, table] of codeTables(ctx)) {
      const codes = new Set(table.rows.map((r) => r.code));
      for (const r of table.rows) {
        const parent = r.level === 3 ? r.code.slice(0, 5) : r.level === 2 ? r.code.slice(0, 3) : '';
        if (r.level !== -1 && !(parent && !codes.has(parent))) continue;
        const where = `${TABLE_ORDINALS[id]} ${r.label.cell}`;
        if (r.level === -1) {
          ctx.report({
            sheet: table.sheet,
            cells: [r.label.cell],
            message: r.code
              ? `${where} 科目编码“${r.code}”不是 3、5 或 7 位数字`
              : `${where} “${r.name}”缺少科目编码`,
            actual: r.code,
          });
          continue;
        }
        if (parent && !codes.has(parent)) {
          ctx.report({
            sheet: table.sheet,
            cells: [r.label.cell],
            message: `${where} 科目 ${r.code} ${r.name} 的上级科目 ${parent} 不在本表中`,
            expected: parent,
          });
        }
      }
    }
  },
};

/** A row of any table: its figures by column, and its name when it has one. Absent rows (undefined) are skipped. */
type AnyRow = { values: Partial<Record<string, Figure>>; name?: string } | undefined;

type Visit = (id: TableId, name: string, f: Figure) => void;

function eachRowFigure(id: TableId, rows: AnyRow[], visit: Visit): void {
  for (const r of rows) {
    if (!r) continue;
    for (const f of Object.values(r.values)) if (f) visit(id, r.name ?? '', f);
  }
}

/** Every figure of the 13 tables, in table order, with its table and row name (no copies of the rows). */
function eachFigure(ctx: RuleContext, visit: Visit): void {
  const t = ctx.rec.tables;
  for (const [id, table] of codeTables(ctx)) {
    if (table.total) eachRowFigure(id, [table.total], visit);
    eachRowFigure(id, table.rows, visit);
  }
  if (t.T1) eachRowFigure('T1', [...t.T1.classes, t.T1.expSum, t.T1.yearEndCarry, t.T1.expTotal], visit);
  if (t.T4) eachRowFigure('T4', [...t.T4.classes, t.T4.expSum, t.T4.yearEndCarry, t.T4.expTotal], visit);
  if (t.T1) for (const f of Object.values(t.T1.income)) if (f) visit('T1', '', f);
  if (t.T4) for (const f of Object.values(t.T4.income)) if (f) visit('T4', '', f);
  if (t.T6) {
    if (t.T6.total) eachRowFigure('T6', [t.T6.total], visit);
    eachRowFigure('T6', t.T6.rows, visit);
  }
  if (t.T10) eachRowFigure('T10', Object.values(t.T10.lines), visit);
  if (t.T11) {
    if (t.T11.deptTotal) eachRowFigure('T11', [t.T11.deptTotal], visit);
    eachRowFigure('T11', t.T11.units, visit);
  }
  if (t.T12) eachRowFigure('T12', t.T12.rows, visit);
  if (t.T13) eachRowFigure('T13', t.T13.rows, visit);
}

const negative: Rule = {
  meta: {
    id: 'INPUT.negative',
    severity: 'warning',
    title: '金额为负数',
    description: '预算表中的金额一般不应为负数',
    table: 'INPUT',
  },
  check(ctx) {
    eachFigure(ctx, (id, name, f) => {
      if (!f.empty && f.value.isNegative()) {
        ctx.report({
          sheet: f.sheet,
          cells: [f.cell],
          message: `${TABLE_ORDINALS[id]} ${f.cell}${name ? ` ${name}` : ''} 金额为负数 ${fmt2(f.value)}，请核实`,
          actual: plain(f.value),
        });
      }
    });
  },
};

const emptyTableNote: Rule = {
  meta: {
    id: 'INPUT.empty_table_note',
    severity: 'warning',
    title: '空表未注明“本表无数据”',
    description: '没有数据的表（常见于表九、表十一、表十三）应注明“本表无数据”',
    table: 'INPUT',
  },
  check(ctx) {
    const t = ctx.rec.tables;
    const candidates: [TableId, string | undefined, boolean, Figure[]][] = [
      ['T9', t.T9?.sheet, !!t.T9?.noDataNote, t.T9 ? [...t.T9.income.rows, ...t.T9.expenditure.rows].flatMap((r) => Object.values(r.values) as Figure[]) : []],
      ['T10', t.T10?.sheet, !!t.T10?.noDataNote, t.T10 ? Object.values(t.T10.lines).flatMap((l) => Object.values(l!.values) as Figure[]) : []],
      ['T11', t.T11?.sheet, !!t.T11?.noDataNote, t.T11 ? [t.T11.deptTotal, ...t.T11.units].flatMap((u) => (u ? (Object.values(u.values) as Figure[]) : [])) : []],
      ['T13', t.T13?.sheet, !!t.T13?.noDataNote, t.T13 ? t.T13.rows.flatMap((r) => Object.values(r.values) as Figure[]) : []],
    ];
    for (const [id, sheet, note, figures] of candidates) {
      if (!sheet || note) continue;
      if (figures.some((f) => !f.empty && !f.value.isZero())) continue;
      ctx.report({ sheet, cells: ['A1'], message: `${TABLE_ORDINALS[id]}（${sheet}）没有数据，应注明“本表无数据”` });
    }
  },
};

export const inputRules: Rule[] = [badCode, negative, emptyTableNote];

/** Findings the recognisers make while reading (src/tables): listed here so reports and docs know them. */
export const readingRuleMeta: Rule['meta'][] = [
  { id: 'INPUT.missing_table', severity: 'error', title: '缺少报表', description: '13 张公开表中的某张未找到（按标题识别，其次按工作表名）；与它有关的校验跳过', table: 'INPUT' },
  { id: 'INPUT.duplicate_table', severity: 'error', title: '报表重复', description: '同一张表出现在两个工作表中；按第一份校验', table: 'INPUT' },
  { id: 'INPUT.not_a_number', severity: 'error', title: '金额不是数字', description: '金额单元格中是无法识别为金额的文字（如“待定”）；空白、“-”、“—”按 0 计', table: 'INPUT' },
  {
    id: 'INPUT.hidden_duplicate',
    severity: 'warning',
    title: '隐藏工作表中有重复的报表',
    description: '同一张表在可见工作表和隐藏（或深度隐藏）工作表中各有一份：按可见的一份校验，提示核对隐藏的一份',
    table: 'INPUT',
  },
  {
    id: 'INPUT.unrecognised',
    severity: 'warning',
    title: '栏目名称无法识别',
    description:
      '带金额的行或栏目，其名称不是模板中的任何栏目（名称截断、换行、空格、全半角不同仍可识别；截断后只与一个已知栏目相符时按该栏目读）。' +
      '该金额不参与计算，它所属的合计校验跳过，绝不按 0 计：表头无法识别的金额栏，本表中需要缺少的栏目的合计校验跳过（模板本来没有的栏目照常校验）；' +
      '科目编码和名称都读不出的金额行，本表各级合计校验跳过；绩效目标表找不到“项目名称”或指标表头时，报在该表第一个单元格，与表十二的核对或指标校验跳过',
    table: 'INPUT',
  },
  {
    id: 'INPUT.uncached_formula',
    severity: 'warning',
    title: '公式没有计算结果',
    description:
      '单元格是公式，但文件中没有保存计算结果（如由程序生成后未在 Excel 中打开保存）。公式只是同表单元格的 SUM、相加、相减时由本工具算出其值；' +
      '否则该金额不参与校验，与它有关的校验跳过',
    table: 'INPUT',
  },
  { id: 'INPUT.unreadable', severity: 'error', title: '文件无法读取', description: '文件不是有效的 .xlsx 或已损坏（命令行退出码 2）', table: 'INPUT' },
  { id: 'INPUT.scanned_page', severity: 'warning', title: 'PDF 扫描页', description: 'PDF 中没有文字层的页（扫描图片），逐页列出；其中的数字未能读取，需要它们的校验跳过，未找到的表只作提示（src/pdf/check.ts）', table: 'INPUT' },
  { id: 'INPUT.pdf_uncertain_text', severity: 'warning', title: 'PDF 文字印出不完整', description: 'PDF 中印出时被单元格边框截断、或换行超出行高与相邻行重叠的文字，逐页列出单元格；依据这些文字得出的错误只作提示；绩效目标表打印时中途停住（最后一份表没有印全，或其后的表没有印出）也在此指明截断之处，依据它的错误和“项目没有绩效目标表”一类的结论只作提示（src/pdf/check.ts）', table: 'INPUT' },
  { id: 'INPUT.pdf_table_unread', severity: 'warning', title: 'PDF 表格金额未能读取', description: 'PDF 中识别出的表一个金额也未能读取（金额格印的都不是数字，或列未能还原），指明页和表；该表的校验跳过，不按 0 计算（src/pdf/check.ts）', table: 'INPUT' },
  { id: 'INPUT.pdf_unplaced_page', severity: 'warning', title: 'PDF 页未能归表', description: 'PDF 中有金额却未能归入任何一张表的页（常见于宽表跨页左右分开打印），逐页列出；此时其余结果只作提示，不判为错误（src/pdf/check.ts）', table: 'INPUT' },
  {
    id: 'INPUT.pdf_rotated_text',
    severity: 'warning',
    title: 'PDF 页内文字方向不一',
    description:
      'PDF 页上有金额的文字与本页主要文字方向不同（横竖混排）：整页旋转或侧向打印的表按文字方向转正后照常读取，方向不同的少数文字未能读取，逐页列出；' +
      '从该页读出的表的错误只作提示，未找到的表只作提示（src/pdf/orientation.ts）',
    table: 'INPUT',
  },
];

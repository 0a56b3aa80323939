/**
 * The correction notice a 财政局 sends back to a department (budget-check batch --notices <dir>): one .docx per
 * department with its 错误 and 提示 — table, cell, 应为/实为, the rule's Chinese title — the review round, and a
 * blank for the department's reply. Written with the `docx` package in 公文 style (GB/T 9704 margins, title
 * 宋体 二号 bold centred, body 仿宋 三号, 28 pt exact line spacing), as src/docx/write.ts writes the 情况说明.
 * Pure: data in, bytes out; the CLI (src/cli/batch.ts) gathers the data and writes the files.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { xmlSafe } from '../format/safe-text';

export interface NoticeItem {
  /** 表五, 绩效目标表, 情况说明, 输入问题 … */
  table: string;
  /** "5一般公共预算支出表 C12" (sheet and cells). */
  where: string;
  /** The rule's Chinese title. */
  title: string;
  message: string;
  expected?: string;
  actual?: string;
}

export interface NoticeData {
  /** 部门名称 (or 无法识别). */
  department: string;
  /** The file (or folder) that was checked, relative to the batch folder. */
  file: string;
  /** Review round, 1 for the first. */
  round: number;
  /** Issuing date as printed: 2026年12月2日. */
  date: string;
  /** Who issues it (default 财政局). */
  issuer?: string;
  errors: NoticeItem[];
  warnings: NoticeItem[];
  /** Set when the file could not be read or checked: the notice asks for a readable file. */
  unreadable?: string;
  /** Against the previous round, when there was one. */
  comparison?: { fixed: number; new: number; remaining: number };
}

const CN_NUM = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
function cnNumber(n: number): string {
  if (n <= 10) return CN_NUM[n];
  if (n < 20) return `十${CN_NUM[n - 10]}`;
  if (n < 100) return `${CN_NUM[Math.floor(n / 10)]}十${n % 10 ? CN_NUM[n % 10] : ''}`;
  return String(n);
}

function font(eastAsia: string, latin = 'Times New Roman') {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia, hint: 'eastAsia' as const };
}

const BODY = 32; // 三号 = 16 pt, in half-points
const SMALL = 21; // 五号 = 10.5 pt, for the table
const line = { line: 560, lineRule: LineRuleType.EXACT };
const noIndent = { firstLine: 0, firstLineChars: 0 };

const run = (t: string, o: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TextRun({ text: xmlSafe(t), bold: o.bold, size: o.size, font: o.font ? font(o.font) : undefined });

function para(text: string, o: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; font?: string } = {}): Paragraph {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.BOTH,
    spacing: line,
    indent: o.indent === false ? noIndent : { firstLine: 640, firstLineChars: 200 },
    children: [run(text, { bold: o.bold, font: o.font })],
  });
}

function cell(text: string, width: number, o: { bold?: boolean; shade?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    shading: o.shade ? { fill: 'F2F2F2', color: 'auto', type: 'clear' } : undefined,
    children: text.split('\n').map(
      (t) => new Paragraph({ indent: noIndent, spacing: { line: 300, lineRule: LineRuleType.AUTO }, alignment: AlignmentType.LEFT, children: [run(t, { size: SMALL, bold: o.bold })] }),
    ),
  });
}

const COLS: [string, number][] = [
  ['序号', 6],
  ['表', 11],
  ['单元格', 17],
  ['问题', 40],
  ['应为', 13],
  ['实为', 13],
];

function itemsTable(items: NoticeItem[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: COLS.map(([h, w]) => cell(h, w, { bold: true, shade: true })) }),
      ...items.map(
        (it, i) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(String(i + 1), COLS[0][1]),
              cell(it.table, COLS[1][1]),
              cell(it.where || '—', COLS[2][1]),
              cell(`${it.title}\n${it.message}`, COLS[3][1]),
              cell(it.expected ?? '—', COLS[4][1]),
              cell(it.actual ?? '—', COLS[5][1]),
            ],
          }),
      ),
    ],
  });
}

function replyTable(): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const blank = () => new Paragraph({ indent: noIndent, spacing: line, children: [run('')] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ children: [cell('整改情况说明（由部门填写）', 100, { bold: true, shade: true })] }),
      new TableRow({ children: [new TableCell({ width: { size: 100, type: WidthType.PERCENTAGE }, children: [blank(), blank(), blank(), blank(), blank(), blank()] })] }),
      new TableRow({ children: [cell('经办人：                联系电话：                填报日期：      年    月    日', 100)] }),
    ],
  });
}

/** The notice as a docx Document. */
export function noticeDocument(d: NoticeData): Document {
  const issuer = d.issuer ?? '财政局';
  const children: (Paragraph | Table)[] = [];
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent: noIndent,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 200 },
      children: [run('预算公开材料审核整改通知', { bold: true, size: 44, font: '宋体' })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, indent: noIndent, spacing: line, children: [run(`（第${cnNumber(d.round)}轮审核）`)] }),
    para(`${d.department}：`, { indent: false }),
  );
  if (d.unreadable) {
    children.push(
      para(`你单位报送的预算公开材料（${d.file}）无法读取或无法完成校验：${d.unreadable}。请核实文件后重新报送。`),
    );
  } else {
    const total = d.errors.length + d.warnings.length;
    const intro = total
      ? `经审核，你单位报送的预算公开材料（${d.file}）存在错误 ${d.errors.length} 处、需核实的提示 ${d.warnings.length} 处，具体如下。请逐项核实改正，并在公开前重新报送。`
      : `经审核，你单位报送的预算公开材料（${d.file}）未发现错误或需核实的问题。`;
    children.push(para(intro));
    if (d.comparison)
      children.push(para(`与上一轮相比：已改正 ${d.comparison.fixed} 处，新增 ${d.comparison.new} 处，仍存在 ${d.comparison.remaining} 处。`));
    let n = 0;
    if (d.errors.length) {
      children.push(para(`${CN_NUM[++n]}、错误（须改正）`, { font: '黑体' }), itemsTable(d.errors));
    }
    if (d.warnings.length) {
      children.push(para(`${CN_NUM[++n]}、提示（请核实，多为舍位差异或建议）`, { font: '黑体' }), itemsTable(d.warnings));
    }
  }
  children.push(para('请将整改情况填写在下表中，随改正后的材料一并报送。'), replyTable());
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: noIndent, spacing: { ...line, before: 480 }, children: [run(issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: noIndent, spacing: line, children: [run(d.date)] }),
  );
  return new Document({
    creator: '预算公开校验助手',
    title: xmlSafe(`${d.department} 预算公开材料审核整改通知`),
    styles: {
      default: {
        document: {
          run: { font: font('仿宋'), size: BODY, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: line },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, right: 1474, bottom: 1984, left: 1588, header: 851, footer: 992, gutter: 0 },
          },
        },
        children,
      },
    ],
  });
}

export async function noticeDocx(d: NoticeData): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(noticeDocument(d)));
}

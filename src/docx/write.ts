/**
 * The generated 情况说明 as a Word document (.docx), written with the `docx` package. Fonts are set for East
 * Asian text (w:eastAsia): title 宋体 bold 二号, section headings 黑体, body 仿宋 三号 with a two-character
 * first-line indent and 28 pt exact line spacing, A4 with the 公文 margins (GB/T 9704).
 */
import { AlignmentType, Document, HeadingLevel, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import { isSubheading, type GeneratedNarrative } from '../narrative/generate';
import { xmlSafe } from '../format/safe-text';

export interface DocxOptions {
  /** East Asian font of the body (default 仿宋). */
  bodyFont?: string;
  /** Title font (default 宋体). */
  titleFont?: string;
  /** Section heading font (default 黑体). */
  headingFont?: string;
  /** Latin font for digits and letters (default Times New Roman). */
  latinFont?: string;
  /** Body size in points (default 16 = 三号). */
  bodySize?: number;
}

function font(eastAsia: string, latin: string) {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia, hint: 'eastAsia' };
}

/** The Document object (for adapters that pack it themselves, e.g. to a Blob in the task pane). */
export function docxDocument(g: Pick<GeneratedNarrative, 'title' | 'sections'>, options: DocxOptions = {}): Document {
  const o: Required<DocxOptions> = {
    bodyFont: options.bodyFont ?? '仿宋',
    titleFont: options.titleFont ?? '宋体',
    headingFont: options.headingFont ?? '黑体',
    latinFont: options.latinFont ?? 'Times New Roman',
    bodySize: options.bodySize ?? 16,
  };
  const size = Math.round(o.bodySize * 2);
  // firstLineChars wins over firstLine in Word: both are reset for the centred title and the headings.
  const noIndent = { firstLine: 0, firstLineChars: 0 };
  // Cell text may hold characters XML cannot carry (U+FFFF, control characters): they never reach document.xml.
  const run = (t: string) => new TextRun(xmlSafe(t));
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [run(g.title)] })];
  for (const s of g.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(`${s.id}、${s.title}`)] }));
    for (const p of s.paragraphs)
      children.push(isSubheading(p) ? new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(p)] }) : new Paragraph({ children: [run(p)] }));
  }
  return new Document({
    creator: '预算公开校验助手',
    title: xmlSafe(g.title),
    styles: {
      default: {
        document: {
          run: { font: font(o.bodyFont, o.latinFont), size, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: {
            spacing: { line: 560, lineRule: LineRuleType.EXACT },
            alignment: AlignmentType.BOTH,
            // Two characters: 2 × the body size in points × 20 twips.
            indent: { firstLine: o.bodySize * 2 * 20, firstLineChars: 200 },
          },
        },
        title: {
          run: { font: font(o.titleFont, o.latinFont), size: 44, bold: true, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, indent: noIndent, spacing: { after: 240 } },
        },
        heading1: {
          run: { font: font(o.headingFont, o.latinFont), size, color: '000000' },
          paragraph: { keepNext: true, indent: noIndent, spacing: { line: 560, lineRule: LineRuleType.EXACT } },
        },
        heading2: {
          run: { font: font(o.bodyFont, o.latinFont), size, bold: true, color: '000000' },
          paragraph: { keepNext: true },
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

/** Renders the generated 情况说明 to .docx bytes (write them to a file, or offer them as a download). */
export async function toDocx(g: Pick<GeneratedNarrative, 'title' | 'sections'>, options: DocxOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(docxDocument(g, options)));
}

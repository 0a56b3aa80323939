/**
 * The generated 情况说明 as a Word document (.docx), written with the `docx` package. Fonts are set for East
 * Asian text (w:eastAsia): title 宋体 bold 二号, section headings 黑体, body 仿宋 三号 with a two-character
 * first-line indent and 28 pt exact line spacing, A4 with the 公文 margins (GB/T 9704).
 */
import { AlignmentType, Document, Footer, HeadingLevel, LineRuleType, Packer, PageNumber, Paragraph, ShadingType, TextRun } from 'docx';
import { FILL_HEADING, fillLine, isSubheading, type GeneratedNarrative } from '../narrative/generate';
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

/** A placeholder of the generator: 【请填写：…】. */
const PLACEHOLDER = /(【请填写：[^】]*】)/;

/**
 * The Document object (for adapters that pack it themselves, e.g. to a Blob in the task pane). Placeholders are
 * highlighted yellow (w:highlight, which Word and WPS both show and print, plus w:shd for readers that know only
 * shading); the list of what to fill where (g.fill) closes the document on a page of its own; the footer carries
 * the page number as 公文 do ("— 1 —", 宋体 四号, centred; GB/T 9704 7.5). Headings use the built-in heading
 * styles (Title, Heading1, Heading2, with outline levels) so that Word's and WPS's navigation pane and table of
 * contents see them.
 */
export function docxDocument(g: Pick<GeneratedNarrative, 'title' | 'sections'> & Partial<Pick<GeneratedNarrative, 'fill'>>, options: DocxOptions = {}): Document {
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
  const runs = (t: string) =>
    xmlSafe(t)
      .split(PLACEHOLDER)
      .filter((x) => x)
      .map((x) =>
        PLACEHOLDER.test(x) ? new TextRun({ text: x, highlight: 'yellow', shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFFF00' } }) : new TextRun(x),
      );
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: runs(g.title) })];
  for (const s of g.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(`${s.id}、${s.title}`) }));
    for (const p of s.paragraphs)
      children.push(isSubheading(p) ? new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(p) }) : new Paragraph({ children: runs(p) }));
  }
  if (g.fill?.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: runs(FILL_HEADING) }));
    g.fill.forEach((f, i) => children.push(new Paragraph({ children: [new TextRun(xmlSafe(`${i + 1}. ${fillLine(f)}`))] })));
  }
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        indent: noIndent,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体', '宋体'), size: 28 })],
      }),
    ],
  });
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
          paragraph: { keepNext: true, outlineLevel: 0, indent: noIndent, spacing: { line: 560, lineRule: LineRuleType.EXACT } },
        },
        heading2: {
          run: { font: font(o.bodyFont, o.latinFont), size, bold: true, color: '000000' },
          paragraph: { keepNext: true, outlineLevel: 1 },
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
        footers: { default: footer },
        children,
      },
    ],
  });
}

/** Renders the generated 情况说明 to .docx bytes (write them to a file, or offer them as a download). */
export async function toDocx(g: Pick<GeneratedNarrative, 'title' | 'sections'> & Partial<Pick<GeneratedNarrative, 'fill'>>, options: DocxOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(docxDocument(g, options)));
}

/**
 * The generated 情况说明 as a Word document (.docx). The `docx` npm package is not a dependency: a document of
 * headings and paragraphs is a small WordprocessingML package, written here with JSZip (already used to read
 * xlsx). Fonts are set for East Asian text (w:eastAsia): title 宋体 bold, section headings 黑体, body 仿宋
 * 三号 with a two-character first-line indent and 28 pt exact line spacing, as government documents are set.
 */
import JSZip from 'jszip';
import { isSubheading, type GeneratedNarrative, type NarrativeSection } from './generate';

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

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fonts(eastAsia: string, latin: string): string {
  return `<w:rFonts w:ascii="${esc(latin)}" w:hAnsi="${esc(latin)}" w:eastAsia="${esc(eastAsia)}" w:cs="${esc(latin)}" w:hint="eastAsia"/>`;
}

function styles(o: Required<DocxOptions>): string {
  const sz = Math.round(o.bodySize * 2);
  const style = (id: string, name: string, font: string, extraP: string, extraR: string, based = true) =>
    `<w:style w:type="paragraph"${based ? '' : ' w:default="1"'} w:styleId="${id}"><w:name w:val="${name}"/>${based ? '<w:basedOn w:val="Normal"/>' : ''}` +
    `<w:pPr>${extraP}</w:pPr><w:rPr>${fonts(font, o.latinFont)}${extraR}</w:rPr></w:style>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:docDefaults><w:rPrDefault><w:rPr>${fonts(o.bodyFont, o.latinFont)}<w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/>` +
    '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>' +
    '<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    style('Normal', 'Normal', o.bodyFont, '<w:ind w:firstLineChars="200" w:firstLine="640"/>', '', false) +
    style('NarrTitle', 'Title', o.titleFont, '<w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:after="240"/>', '<w:b/><w:sz w:val="44"/><w:szCs w:val="44"/>') +
    style('Heading1', 'heading 1', o.headingFont, '<w:keepNext/><w:outlineLvl w:val="0"/>', '') +
    style('Heading2', 'heading 2', o.bodyFont, '<w:keepNext/><w:outlineLvl w:val="1"/>', '<w:b/>') +
    '</w:styles>'
  );
}

function para(text: string, style?: string): string {
  const pPr = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : '';
  return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
}

function body(title: string, sections: NarrativeSection[]): string {
  const out = [para(title, 'NarrTitle')];
  for (const s of sections) {
    out.push(para(`${s.id}、${s.title}`, 'Heading1'));
    for (const p of s.paragraphs) out.push(para(p, isSubheading(p) ? 'Heading2' : undefined));
  }
  return out.join('');
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

const DOC_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

function core(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>' +
    esc(title) +
    '</dc:title><dc:creator>预算公开校验助手</dc:creator></cp:coreProperties>'
  );
}

/** The document.xml and styles.xml of the .docx (exposed for tests and for adapters that build their own package). */
export function docxParts(g: Pick<GeneratedNarrative, 'title' | 'sections'>, options: DocxOptions = {}): Record<string, string> {
  const o: Required<DocxOptions> = {
    bodyFont: options.bodyFont ?? '仿宋',
    titleFont: options.titleFont ?? '宋体',
    headingFont: options.headingFont ?? '黑体',
    latinFont: options.latinFont ?? 'Times New Roman',
    bodySize: options.bodySize ?? 16,
  };
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    body(g.title, g.sections) +
    // A4, margins 3.7 / 3.5 / 2.8 / 2.6 cm (GB/T 9704 公文格式).
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>' +
    '</w:body></w:document>';
  return {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': ROOT_RELS,
    'word/_rels/document.xml.rels': DOC_RELS,
    'word/document.xml': document,
    'word/styles.xml': styles(o),
    'docProps/core.xml': core(g.title),
  };
}

/** Renders the generated 情况说明 to .docx bytes (write them to a file, or offer them as a download). */
export async function toDocx(g: Pick<GeneratedNarrative, 'title' | 'sections'>, options: DocxOptions = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, xml] of Object.entries(docxParts(g, options))) zip.file(name, xml, { createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
}

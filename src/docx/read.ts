/**
 * Reads a 情况说明 written in Word (.docx): the paragraphs of word/document.xml in document order — body
 * paragraphs, headings and the paragraphs of table cells — as the narrative the N.* rules take. Each paragraph is
 * located as `段落N` (N counts every paragraph of the document from 1, as Word's paragraph count does) on a
 * "sheet" named after the file. An adapter (JSZip + WordprocessingML), not engine: nothing here knows the rules.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import type { Label, NarrativeText } from '../tables/types';

/** The file cannot be read as a .docx; `message` is one line of Chinese naming the file. */
export class UnreadableDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableDocumentError';
    Object.setPrototypeOf(this, UnreadableDocumentError.prototype);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e],
  );
}

/** A paragraph's text: its w:t runs, w:tab as a space, w:br as a line break (deleted text w:delText left out). */
function paragraphText(xml: string): string {
  let out = '';
  const re = /<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:t\s*\/>|<w:tab\s*\/>|<w:br(?:\s[^>]*)?\/>|<w:cr\s*\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[0].startsWith('<w:tab')) out += ' ';
    else if (m[0].startsWith('<w:br') || m[0].startsWith('<w:cr')) out += '\n';
    else if (m[1] !== undefined) out += decode(m[1]);
  }
  return out;
}

/** The paragraphs of a WordprocessingML document.xml, in document order (empty ones counted, not returned). */
export function paragraphsOf(documentXml: string, sheet: string): Label[] {
  const body = /<w:body[\s>]([\s\S]*)<\/w:body>/.exec(documentXml)?.[1] ?? documentXml;
  const out: Label[] = [];
  let n = 0;
  const re = /<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    n++;
    const text = m[1] === undefined ? '' : paragraphText(m[1]).trim();
    if (text) out.push({ text, sheet, cell: `段落${n}`, row: n, col: 1 });
  }
  return out;
}

/** A .docx's narrative from its bytes; `name` is what findings show as the sheet (the file name). */
export async function readDocxNarrative(bytes: Uint8Array, name: string): Promise<NarrativeText> {
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new UnreadableDocumentError(`无法读取情况说明：${name} 是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再校验`);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new UnreadableDocumentError(`无法读取情况说明：${name} 不是有效的 .docx 文件（可能已损坏或改了扩展名）`);
  }
  const doc = zip.file('word/document.xml');
  if (!doc) throw new UnreadableDocumentError(`无法读取情况说明：${name} 不是 Word 文档（.docx 中没有正文）`);
  return { sheet: name, paragraphs: paragraphsOf(await doc.async('string'), name) };
}

/** Reads a .docx file from disk (the CLI's --narrative). */
export async function readDocxNarrativeFile(file: string): Promise<NarrativeText> {
  const name = path.basename(file);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new UnreadableDocumentError(`无法读取情况说明：找不到或无法打开文件 ${file}`);
  }
  return readDocxNarrative(bytes, name);
}

/**
 * Reads a 情况说明 written in Word (.docx): the paragraphs of word/document.xml in document order — body
 * paragraphs, headings and the paragraphs of table cells — as the narrative the N.* rules take. Each paragraph is
 * located as `段落N` (N counts every paragraph of the document from 1, as Word's paragraph count does) on a
 * "sheet" named after the file. An adapter (fflate + WordprocessingML), not engine: nothing here knows the rules.
 * fflate (already the `docx` package's zip library) rather than JSZip, so the task pane can load this reader as an
 * async chunk (webpack.config.js allows fflate there); the file-system entry is read-file.ts (Node only).
 */
import { unzipSync } from 'fflate';
import type { Label, NarrativeText } from '../tables/types';

/** document.xml larger than this (uncompressed) is refused: a 情况说明 is a few hundred KB, a zip bomb is not. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

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
  let doc: Uint8Array | undefined;
  let tooLarge = false;
  try {
    // Only document.xml is inflated, and only when its declared size is bounded.
    const files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== 'word/document.xml') return false;
        if (f.originalSize > MAX_DOCUMENT_BYTES) tooLarge = true;
        return !tooLarge;
      },
    });
    doc = files['word/document.xml'];
  } catch {
    throw new UnreadableDocumentError(`无法读取情况说明：${name} 不是有效的 .docx 文件（可能已损坏或改了扩展名）`);
  }
  if (tooLarge) throw new UnreadableDocumentError(`无法读取情况说明：${name} 的正文超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB，不像情况说明文件`);
  if (!doc) throw new UnreadableDocumentError(`无法读取情况说明：${name} 不是 Word 文档（.docx 中没有正文）`);
  if (doc.length > MAX_DOCUMENT_BYTES) throw new UnreadableDocumentError(`无法读取情况说明：${name} 的正文超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB，不像情况说明文件`);
  return { sheet: name, paragraphs: paragraphsOf(new TextDecoder('utf-8').decode(doc), name) };
}

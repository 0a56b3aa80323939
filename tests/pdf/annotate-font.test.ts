/**
 * The CJK font the annotated PDF embeds (assets/fonts, scripts/make-pdf-font.py) is of the type the PDF declares it
 * to be. pdf-lib writes every custom font as a CIDFontType2 (TrueType) with its file under /FontFile2 (it tests
 * `font.cff`, which @pdf-lib/fontkit leaves unset); the shipped subset used to be CFF-outlined, a font type other than
 * the one declared (poppler: "Mismatch between font type and embedded font file" on every page; a strict reader may
 * put another font in its place). So the font must have TrueType outlines: glyf and loca, no CFF.
 */
import fs from 'fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { PDF_FONT_FILE } from '../../src/cli/pdf-font';

const bytes = fs.readFileSync(PDF_FONT_FILE);

/** The tags of an sfnt file's table directory. */
function tables(b: Buffer): string[] {
  const n = b.readUInt16BE(4);
  return Array.from({ length: n }, (_, i) => b.toString('latin1', 12 + 16 * i, 16 + 16 * i));
}

describe('the annotated PDF\'s CJK font', () => {
  it('has TrueType outlines (sfnt 0x00010000, glyf and loca, no CFF)', () => {
    expect(bytes.readUInt32BE(0)).toBe(0x00010000);
    expect(tables(bytes)).toEqual(expect.arrayContaining(['glyf', 'loca']));
    expect(tables(bytes)).not.toContain('CFF ');
  });

  it('is embedded as what it is: a CIDFontType2 whose file is under /FontFile2, and it draws Chinese', async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(bytes, { subset: false });
    doc.addPage([200, 100]).drawText('校验结果 表十二 1,234.56 万元', { x: 10, y: 50, size: 10, font });
    const saved = await PDFDocument.load(await doc.save());
    const type0 = saved.context.lookup(font.ref, PDFDict);
    const cid = type0.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    expect(cid.get(PDFName.of('Subtype'))).toBe(PDFName.of('CIDFontType2'));
    const descriptor = cid.lookup(PDFName.of('FontDescriptor'), PDFDict);
    expect(descriptor.has(PDFName.of('FontFile2'))).toBe(true);
    expect(descriptor.has(PDFName.of('FontFile3'))).toBe(false);
    // every character of the text has a glyph (none drawn as .notdef)
    expect([...'校验结果表十二万元'].every((c) => font.getCharacterSet().includes(c.codePointAt(0)!))).toBe(true);
  });
});

#!/usr/bin/python3
"""
The CJK font of the annotated PDF (src/pdf/annotate.ts): a subset of Debian's Noto Sans CJK SC
(fonts-noto-cjk, SIL OFL 1.1) written to assets/fonts/NotoSansSC-Subset.otf with TrueType outlines (OpenType allows
.otf for either kind), with the license beside it.

It covers all of GB2312, printable ASCII, and every non-ASCII character in src/ (the product's own messages,
rule titles and labels), so any finding the product writes can be drawn. Run with Debian's python3 and
python3-fonttools (tests/helpers/test-env.js lists both):  /usr/bin/python3 scripts/make-pdf-font.py
The output is deterministic for a given font package and source tree; commit it with the change that needs it.
"""
import os
import re
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TTC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
COPYRIGHT = '/usr/share/doc/fonts-noto-cjk/copyright'
OUT_DIR = os.path.join(ROOT, 'assets', 'fonts')
OUT = os.path.join(OUT_DIR, 'NotoSansSC-Subset.otf')


def gb2312():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    return chars


def source_chars():
    chars = set()
    for base, _dirs, files in os.walk(os.path.join(ROOT, 'src')):
        for name in files:
            if re.search(r'\.(ts|tsx)$', name):
                with open(os.path.join(base, name), encoding='utf-8') as f:
                    chars.update(c for c in f.read() if ord(c) > 0x7E)
    return chars


def font_index(ttc):
    for i, font in enumerate(TTCollection(ttc).fonts):
        if font['name'].getDebugName(4) == 'Noto Sans CJK SC':
            return i
    sys.exit('Noto Sans CJK SC not found in ' + ttc)


def license_text(font):
    """The font's own copyright notice and the SIL-1.1 text of Debian's copyright file (what the OFL asks to keep)."""
    lines = open(COPYRIGHT, encoding='utf-8').read().split('\n')
    start = lines.index('License: SIL-1.1', lines.index('License: SIL-1.1') + 1)
    body = []
    for line in lines[start + 1:]:
        if not line.startswith(' '):
            break
        body.append('' if line.strip() == '.' else line[1:])
    notice = 'Noto Sans CJK SC, subset made by scripts/make-pdf-font.py from Debian fonts-noto-cjk.\n' + font['name'].getDebugName(0) + '\n\n'
    return notice + '\n'.join(body).rstrip() + '\n'


def to_truetype_outlines(font):
    """
    CFF outlines to TrueType (quadratic) ones, in place. pdf-lib embeds every font as a CIDFontType2 with
    CIDToGIDMap /Identity and FontFile2 (it tests `font.cff`, which @pdf-lib/fontkit does not set), which is right only
    for TrueType outlines: a CID-keyed CFF there is another font type than the one declared (poppler: "Mismatch between
    font type and embedded font file"; a strict reader may substitute the font). Quadratic curves within 1 unit of
    the cubic ones (of 1000 per em): not visible at the sizes the annotations use.
    """
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font['CFF ']
    if 'VORG' in font:
        del font['VORG']
    font['loca'] = newTable('loca')
    font['glyf'] = glyf = newTable('glyf')
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for g in glyphs.values():
        g.recalcBounds(glyf)
    maxp = newTable('maxp')
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for field in ('maxZones', 'maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs',
                  'maxStackElements', 'maxSizeOfInstructions', 'maxComponentElements', 'maxComponentDepth',
                  'maxPoints', 'maxContours', 'maxCompositePoints', 'maxCompositeContours'):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font['maxp'] = maxp
    maxp.recalc(font)  # points, contours and components of the new outlines
    post = font['post']
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = '\0\1\0\0'


def main():
    chars = gb2312() | source_chars() | {chr(c) for c in range(0x20, 0x7F)} | set('□×…—·“”‘’、。，；：？！（）【】《》％')
    chars = {c for c in chars if not (0xD800 <= ord(c) <= 0xDFFF) and c not in '\ufeff'}
    options = subset.Options()
    options.font_number = font_index(TTC)
    options.layout_features = []  # no shaping needed for Chinese and digits; keeps the file small
    options.hinting = False
    options.name_IDs = ['*']
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = subset.load_font(TTC, options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    to_truetype_outlines(font)
    os.makedirs(OUT_DIR, exist_ok=True)
    subset.save_font(font, OUT, options)
    with open(os.path.join(OUT_DIR, 'OFL.txt'), 'w', encoding='utf-8') as f:
        f.write(license_text(font))
    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap)
    print(f'{OUT}: {os.path.getsize(OUT)} bytes, {len(cmap)} characters; not in Noto Sans CJK SC: {"".join(missing)!r}')


if __name__ == '__main__':
    main()

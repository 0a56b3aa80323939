"""
Inputs for the rotated and two-column PDF pages (tests/fidelity/pdf-pages.fidelity.test.ts), made from a budget
fixture; LibreOffice headless prints them to PDF in the test.

usage:
  python3 pdf_pages.py landscape <fixture.xlsx> <out.xlsx>
      every sheet's page setup set to landscape orientation (openpyxl), nothing else changed;
  python3 pdf_pages.py sideways <fixture.xlsx> <out.xlsx> [<sheet with an upright note>]
      the 13 tables printed sideways: each table sheet transposed (the table's first row becomes the sheet's first
      column, its first column the sheet's last row) and every cell's text rotated 90° (running upwards), row
      heights and column widths swapped to match; the other sheets unchanged. Turned a quarter clockwise, the
      printed page shows the table as it was. Merged cells are left unmerged (their text kept in the first cell):
      LibreOffice 7.4 does not print rotated text in a merged cell. With a sheet name, that sheet also gets an
      upright note with two amounts beside its sideways table (text running two ways on one page);
  python3 pdf_pages.py columns <fixture.xlsx> <out.fodt> <column count>
      the fixture's 情况说明 as a Writer document: its title centred over the page, the rest in a section of that
      many columns (headings bold, body paragraphs justified with a first-line indent);
  python3 pdf_pages.py side-by-side <fixture.xlsx> <out.xlsx>
      表八 copied beside 表七 on 表七's sheet (one blank column between, its styles, merges and widths kept) and
      its own sheet removed: two tables side by side on one printed page;
  python3 pdf_pages.py narrative <fixture.xlsx>
      the paragraphs of that 情况说明, as a JSON list.
"""
import copy
import json
import re
import sys
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

TABLES = ['表一', '表二', '表三', '表四', '表五', '表六', '表七', '表八', '表九', '表十', '表十一', '表十二', '表十三']


def landscape(src, out):
    wb = openpyxl.load_workbook(src)
    for ws in wb:
        ws.page_setup.orientation = 'landscape'
    wb.save(out)


def sideways(src, out, note_sheet=None):
    wb = openpyxl.load_workbook(src)
    for name in TABLES:
        ws = wb[name]
        nr, nc = ws.max_row, ws.max_column
        t = wb.create_sheet(name + '_sideways', wb.index(ws))
        for row in ws.iter_rows():
            for c in row:
                d = t.cell(row=nc - c.column + 1, column=c.row, value=c.value)
                if c.has_style:
                    d.font = copy.copy(c.font)
                    d.border = copy.copy(c.border)
                    d.number_format = c.number_format
                a = c.alignment
                d.alignment = Alignment(horizontal=a.horizontal, vertical=a.vertical, wrap_text=a.wrap_text, text_rotation=90)
        for col in range(1, nc + 1):
            width = ws.column_dimensions[get_column_letter(col)].width or 8.43
            t.row_dimensions[nc - col + 1].height = width * 6.5
        for r in range(1, nr + 1):
            height = ws.row_dimensions[r].height or 15
            t.column_dimensions[get_column_letter(r)].width = height / 5.6
        if name == note_sheet:
            at = nr + 2
            t.column_dimensions[get_column_letter(at)].width = 12
            for i, v in enumerate(['备注', '12.34', '56.78']):
                t.cell(row=i + 1, column=at, value=v).alignment = Alignment(horizontal='left', text_rotation=0)
        wb.remove(ws)
        t.title = name
    wb.save(out)


def side_by_side(src, out):
    wb = openpyxl.load_workbook(src)
    a, b = wb['表七'], wb['表八']
    off = a.max_column + 1
    for row in b.iter_rows():
        for c in row:
            d = a.cell(row=c.row, column=c.column + off, value=c.value)
            if c.has_style:
                d.font = copy.copy(c.font)
                d.border = copy.copy(c.border)
                d.alignment = copy.copy(c.alignment)
                d.number_format = c.number_format
    for m in b.merged_cells.ranges:
        a.merge_cells(start_row=m.min_row, end_row=m.max_row, start_column=m.min_col + off, end_column=m.max_col + off)
    for col in range(1, b.max_column + 1):
        a.column_dimensions[get_column_letter(col + off)].width = b.column_dimensions[get_column_letter(col)].width
    wb.remove(b)
    wb.save(out)


HEADING = re.compile(r'^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])')


def columns(src, out, count):
    ws = openpyxl.load_workbook(src)['情况说明']
    paras = [str(r[0]) for r in ws.iter_rows(values_only=True) if r[0] is not None]
    title, body = paras[0], paras[1:]
    p = ''.join(f'<text:p text:style-name="{"H" if HEADING.match(t) else "B"}">{escape(t)}</text:p>' for t in body)
    doc = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<style:style style:name="T" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="16pt" style:font-size-asian="16pt"/></style:style>
<style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:text-align="start"/><style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="B" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="0.74cm"/><style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/></style:style>
<style:style style:name="S" style:family="section"><style:section-properties><style:columns fo:column-count="{count}" fo:column-gap="0.8cm"/></style:section-properties></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:p text:style-name="T">{escape(title)}</text:p>
<text:section text:style-name="S" text:name="columns">{p}</text:section>
</office:text></office:body></office:document>'''
    with open(out, 'w', encoding='utf-8') as f:
        f.write(doc)


if __name__ == '__main__':
    mode = sys.argv[1]
    if mode == 'landscape':
        landscape(sys.argv[2], sys.argv[3])
    elif mode == 'sideways':
        sideways(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    elif mode == 'side-by-side':
        side_by_side(sys.argv[2], sys.argv[3])
    elif mode == 'narrative':
        ws = openpyxl.load_workbook(sys.argv[2])['情况说明']
        print(json.dumps([str(r[0]) for r in ws.iter_rows(values_only=True) if r[0] is not None], ensure_ascii=False))
    elif mode == 'columns':
        columns(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(f'unknown mode {mode}')

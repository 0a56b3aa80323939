"""
Adds to a LibreOffice flat ODF spreadsheet (.fods, written by `soffice --convert-to fods`) what only LibreOffice
can then write into an .xlsx in the fidelity suite: a sheet 透视 with a picture (a PNG made here with zlib, since
Debian's openpyxl has no PIL) and a pivot table (ODF table:data-pilot-table) over a small range on that sheet.
`soffice --convert-to xlsx` of the result writes xl/media, a drawing, xl/pivotTables and xl/pivotCache.

usage: python3 lo_inject.py <in.fods> <out.fods>
"""
import base64
import struct
import sys
import zlib


def png(w=8, h=8, rgb=(0x37, 0x60, 0x92)):
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


src, out = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8").read()

rows = [("部门", "金额"), ("办公室", 120), ("财务科", 80), ("办公室", 30), ("业务科", 55)]


def cell(v):
    if isinstance(v, str):
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'


image = base64.b64encode(png()).decode()
sheet = (
    '<table:table table:name="透视">'
    "<table:shapes>"
    '<draw:frame draw:z-index="0" draw:name="图片1" svg:width="2cm" svg:height="2cm" svg:x="8cm" svg:y="1cm">'
    f"<draw:image><office:binary-data>{image}</office:binary-data></draw:image></draw:frame>"
    "</table:shapes>"
    '<table:table-column table:number-columns-repeated="6"/>'
    + "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
    + "</table:table>"
)
pivot = (
    "<table:data-pilot-tables>"
    '<table:data-pilot-table table:name="数据透视表1" table:target-range-address="透视.D1:E5" table:buttons="透视.D1">'
    '<table:source-cell-range table:cell-range-address="透视.A1:透视.B5"/>'
    '<table:data-pilot-field table:source-field-name="部门" table:orientation="row"><table:data-pilot-level table:show-empty="false"/></table:data-pilot-field>'
    '<table:data-pilot-field table:source-field-name="金额" table:orientation="data" table:function="sum"><table:data-pilot-level table:show-empty="false"/></table:data-pilot-field>'
    '<table:data-pilot-field table:source-field-name="" table:is-data-layout-field="true" table:orientation="column"><table:data-pilot-level table:show-empty="false"/></table:data-pilot-field>'
    "</table:data-pilot-table></table:data-pilot-tables>"
)
last = text.rfind("</table:table>") + len("</table:table>")
text = text[:last] + sheet + text[last:]
end = text.rfind("</office:spreadsheet>")
text = text[:end] + pivot + text[end:]
open(out, "w", encoding="utf-8").write(text)

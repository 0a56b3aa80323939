"""
Writes the openpyxl-made fidelity workbook (tests/fidelity): a budget fixture loaded and saved by openpyxl, with a
chart, a table, data validations (one a list on another sheet), conditional formats, legacy comments, a threaded comment,
defined names of every scope (workbook, sheet-scoped, a constant, print titles), sheet and workbook protection,
print settings (fit to page, print titles, landscape), custom document properties and a sparkline group, plus two
edits so the checker has findings to mark and a total to auto-fill.

openpyxl cannot write threaded comments, custom properties (before 3.1) or sparklines: those parts are added to
the saved package with zipfile, written the way Excel writes them (ECMA-376 / [MS-XLSX] part and relationship
types). Images need PIL, which Debian's python3-openpyxl does not pull in: the image comes from LibreOffice
(see lo_features.py).

usage: python3 openpyxl_features.py <fixture.xlsx> <out.xlsx>
"""
import datetime
import sys
import zipfile

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.datavalidation import DataValidation

src, out = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src)
t1, t2, t5 = wb["表一"], wb["表二"], wb["表五"]

# Findings to mark: a wrong total (an error on 表二) and an empty total auto-fill can compute.
t2["C8"] = 524.0
t2["C9"] = None

# A list of choices on its own sheet (a cross-sheet list validation).
lists = wb.create_sheet("选项")
for i, v in enumerate(["是", "否", "不适用"], start=1):
    lists.cell(row=i, column=1, value=v)

dv_list = DataValidation(type="list", formula1="'选项'!$A$1:$A$3", allow_blank=True)
dv_list.add("H7:H20")
dv_whole = DataValidation(type="decimal", operator="between", formula1="0", formula2="100000", showErrorMessage=True)
dv_whole.error = "金额须在 0 到 100000 之间"
dv_whole.add("D7:D30")
dv_inline = DataValidation(type="list", formula1='"一般,重点"', allow_blank=True)
dv_inline.add("I7:I12")
for dv in (dv_list, dv_whole, dv_inline):
    t2.add_data_validation(dv)

t2.conditional_formatting.add("C7:C30", CellIsRule(operator="lessThan", formula=["0"], fill=PatternFill(start_color="FFFF0000", end_color="FFFF0000", fill_type="solid")))
t2.conditional_formatting.add("E7:E30", ColorScaleRule(start_type="min", start_color="FFF8696B", end_type="max", end_color="FF63BE7B"))

# Legacy notes: one on a cell the checker flags (C13), one elsewhere, one on another sheet.
t2["A1"].comment = Comment("用户批注：表头", "财务科")
t2["C13"].comment = Comment("用户批注：已核对", "财务科")
t5["B6"].comment = Comment("用户批注：表五", "财务科")
t2["B5"].comment = Comment("[线程批注]\n请核对科目名称", "张三")

# A table (ListObject) on the marked sheet, clear of its merges.
for i, row in enumerate([("类别", "金额"), ("人员", 12.5), ("公用", 7.25), ("项目", 3)], start=30):
    t2.cell(row=i, column=11, value=row[0])
    t2.cell(row=i, column=12, value=row[1])
table = Table(displayName="支出类别", ref="K30:L33")
table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
t2.add_table(table)

chart = BarChart()
chart.title = "收入构成"
chart.add_data(Reference(t2, min_col=3, min_row=7, max_row=12), titles_from_data=False)
chart.set_categories(Reference(t2, min_col=2, min_row=7, max_row=12))
t2.add_chart(chart, "K2")

wb.defined_names.append(DefinedName("部门收入合计", attr_text="'表二'!$C$6"))
wb.defined_names.append(DefinedName("税率", attr_text="0.05"))
wb.defined_names.append(DefinedName("表五合计", localSheetId=wb.sheetnames.index("表五"), attr_text="'表五'!$C$6"))

t2.protection.sheet = True
t2.protection.password = "budget"
wb.security = WorkbookProtection(workbookPassword="budget", lockStructure=True)

t2.page_setup.orientation = "landscape"
t2.page_setup.fitToWidth = 1
t2.page_setup.fitToHeight = 0
t2.sheet_properties.pageSetUpPr.fitToPage = True
t2.print_title_rows = "4:5"
t2.print_area = "A1:I54"

# The same input gives the same file (so LibreOffice's conversions of it are cached by content hash).
wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 15, 9, 30, 0)
wb.save(out)

# ------------------------------------------------------------------------------------------------------
# Parts openpyxl does not write, added to the package as Excel writes them.
PERSON_ID = "{5D5AF0B6-2C1E-4A7A-9E33-1C0F0B6A3E11}"
THREAD_ID = "{0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}"
extra = {
    "xl/threadedComments/threadedComment1.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" '
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<threadedComment ref="B5" dT="2024-01-15T09:30:00.00" personId="{PERSON_ID}" id="{THREAD_ID}">'
        "<text>请核对科目名称</text></threadedComment></ThreadedComments>"
    ),
    "xl/persons/person.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" '
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<person displayName="张三" id="{PERSON_ID}" userId="张三" providerId="None"/></personList>'
    ),
    "docProps/custom.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="编制单位"><vt:lpwstr>高平市民政局</vt:lpwstr></property>'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="预算年度"><vt:i4>2024</vt:i4></property>'
        "</Properties>"
    ),
}
SPARKLINES = (
    '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/>'
    '<x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/>'
    '<x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/>'
    "<x14:sparklines><x14:sparkline><xm:f>'表二'!D7:H7</xm:f><xm:sqref>J7</xm:sqref></x14:sparkline></x14:sparklines>"
    "</x14:sparklineGroup></x14:sparklineGroups></ext></extLst>"
)


def sheet_part(z, name):
    import re
    wbx = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(r'<sheet[^>]*name="%s"[^>]*r:id="([^"]+)"' % name, wbx) or re.search(r'<sheet[^>]*r:id="([^"]+)"[^>]*name="%s"' % name, wbx)
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid.group(1), rels) or re.search(r'Target="([^"]+)"[^>]*Id="%s"' % rid.group(1), rels)
    t = target.group(1)
    return t[1:] if t.startswith("/") else "xl/" + t


FIXED_TIME = (2024, 1, 15, 9, 30, 0)
with zipfile.ZipFile(out) as z:
    items = [(i, z.read(i.filename)) for i in z.infolist()]
    t2part = sheet_part(z, "表二")
t2rels = t2part.rsplit("/", 1)[0] + "/_rels/" + t2part.rsplit("/", 1)[1] + ".rels"
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for info, data in items:
        name = info.filename
        text = None
        if name == "[Content_Types].xml":
            text = data.decode().replace(
                "</Types>",
                '<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>'
                '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>'
                '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
            )
        elif name == "_rels/.rels":
            text = data.decode().replace(
                "</Relationships>",
                '<Relationship Id="rIdCustom1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
            )
        elif name == "xl/_rels/workbook.xml.rels":
            text = data.decode().replace(
                "</Relationships>",
                '<Relationship Id="rIdPerson1" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/></Relationships>',
            )
        elif name == t2rels:
            text = data.decode().replace(
                "</Relationships>",
                '<Relationship Id="rIdThread1" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>',
            )
        elif name == t2part:
            text = data.decode().replace("</worksheet>", SPARKLINES + "</worksheet>")
        info.date_time = FIXED_TIME
        z.writestr(info, text.encode() if text is not None else data)
    for name, text in extra.items():
        z.writestr(zipfile.ZipInfo(name, FIXED_TIME), text.encode(), zipfile.ZIP_DEFLATED)

"""
What a workbook holds, as openpyxl reads it (tests/fidelity): loads each file given (a full load, then every
row of every sheet iterated) and prints one JSON document {file: features}. The product's own additions (its
conditional formats, notes, results sheet and defined name) are reported apart, so a test can compare a copy with
its original. Package-level features openpyxl does not model (custom properties, threaded comments, persons,
sparklines, pivot caches, media) are read from the zip.

usage: python3 features.py <file.xlsx>...
"""
import json
import re
import sys
import warnings
import zipfile

import openpyxl

TAG = "预算公开校验助手"


def text(v):
    return None if v is None else str(v)


def sheet_features(ws):
    dvs = sorted(
        [dv.type or "", text(dv.formula1) or "", text(dv.formula2) or "", text(dv.operator) or "", " ".join(sorted(str(r) for r in dv.sqref.ranges))]
        for dv in ws.data_validations.dataValidation
    )
    cfs, ours = [], []
    for rng in ws.conditional_formatting:
        for rule in rng.rules:
            formula = " ".join(rule.formula or [])
            (ours if TAG in formula else cfs).append([str(rng.sqref), rule.type or "", rule.operator or "", formula])
    notes, our_notes = {}, {}
    values = {}
    for row in ws.iter_rows():
        for c in row:
            if c.comment is not None:
                (our_notes if c.comment.text.startswith(f"〔{TAG}〕") else notes)[c.coordinate] = c.comment.text
            if c.value is not None:
                values[c.coordinate] = c.value if isinstance(c.value, (int, float, str, bool)) else str(c.value)
    ps = ws.page_setup
    return {
        "dataValidations": dvs,
        "conditionalFormats": sorted(cfs),
        "ourConditionalFormats": len(ours),
        "notes": notes,
        "ourNotes": sorted(our_notes),
        "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        "protected": bool(ws.protection.sheet),
        "protectionPassword": ws.protection.password,
        "print": {
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "fitToWidth": text(ps.fitToWidth),
            "fitToHeight": text(ps.fitToHeight),
            "orientation": ps.orientation,
            "titleRows": ws.print_title_rows,
            "area": text(ws.print_area),
        },
        "charts": len(ws._charts),
        "tables": sorted([t.displayName or t.name, t.ref] for t in ws.tables.values()),
        "pivots": len(getattr(ws, "_pivots", [])),
        "state": ws.sheet_state,
        "values": values,
    }


def package_features(path):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        custom = {}
        if "docProps/custom.xml" in names:
            for m in re.finditer(r'<property [^>]*name="([^"]+)"[^>]*><vt:(\w+)>([^<]*)</vt:\2>', z.read("docProps/custom.xml").decode()):
                custom[m.group(1)] = m.group(3)
        sheets_xml = "".join(z.read(n).decode("utf-8", "replace") for n in names if re.match(r"xl/worksheets/[^/]+\.xml$", n))
        return {
            "customProperties": custom,
            "threadedComments": len([n for n in names if n.startswith("xl/threadedComments/")]),
            "persons": len([n for n in names if n.startswith("xl/persons/")]),
            "media": len([n for n in names if n.startswith("xl/media/")]),
            "pivotCaches": len([n for n in names if re.match(r"xl/pivotCache/pivotCacheDefinition\d+\.xml$", n)]),
            "pivotTables": len([n for n in names if re.match(r"xl/pivotTables/pivotTable\d+\.xml$", n)]),
            "charts": len([n for n in names if re.match(r"xl/charts/chart\d+\.xml$", n)]),
            "sparklines": sheets_xml.count("<x14:sparkline>"),
        }


def features(path):
    caught = []
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        wb = openpyxl.load_workbook(path)
        caught = sorted({str(x.message) for x in w})
    names, ours = [], []
    for dn in wb.defined_names.definedName:
        # a sheet-scoped name by the name of its sheet: its index moves when the results sheet is put first
        scope = None if dn.localSheetId is None else wb.sheetnames[dn.localSheetId]
        (ours if dn.name == "_BudgetCheck_Results" else names).append([dn.name, scope, dn.attr_text, bool(dn.hidden)])
    return {
        "sheets": wb.sheetnames,
        "definedNames": sorted(names, key=lambda n: (n[0], "" if n[1] is None else n[1])),
        "ourDefinedNames": len(ours),
        "workbookProtection": bool(wb.security and wb.security.lockStructure),
        "warnings": caught,
        "sheet": {ws.title: sheet_features(ws) for ws in wb.worksheets},
        "package": package_features(path),
    }


print(json.dumps({p: features(p) for p in sys.argv[1:]}, ensure_ascii=False, default=str))

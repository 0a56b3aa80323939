"""A copy of a workbook whose 情况说明 rows are tall enough for their wrapped text, as a department sets them before
it prints its disclosure (the fixture workbooks leave them one line high, and LibreOffice then prints only each
paragraph's first line). Lines are counted from the text's width (CJK characters count double) and the column's.

Usage: fit_narrative.py <in.xlsx> <out.xlsx>
"""
import math
import sys

import openpyxl
from openpyxl.utils import get_column_letter

LINE_PT = 15  # one line of 11 pt text, as LibreOffice lays it out


def fit(src: str, dst: str) -> None:
    wb = openpyxl.load_workbook(src)
    for ws in wb.worksheets:
        if '说明' not in ws.title:
            continue
        for row in ws.iter_rows():
            for c in row:
                if not isinstance(c.value, str) or not (c.alignment and c.alignment.wrap_text):
                    continue
                width = ws.column_dimensions[get_column_letter(c.column)].width or 8.43
                units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in c.value)
                height = max(1, math.ceil(units * 1.1 / width)) * LINE_PT + 3
                current = ws.row_dimensions[c.row].height
                if current is None or current < height:
                    ws.row_dimensions[c.row].height = height
    wb.save(dst)


if __name__ == '__main__':
    fit(sys.argv[1], sys.argv[2])

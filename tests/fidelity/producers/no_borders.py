"""A copy of a workbook printed without borders (a table published unruled, issue 17): every cell's border removed
on every sheet, nothing else changed. With --no-gridlines each sheet also says not to print its gridlines (the
fixtures say nothing, and LibreOffice prints none unless told: the two print the same, no rule on any page).
Formulas are written as the values the workbook holds for them (openpyxl writes no cached values, and LibreOffice
would print what it recalculates).

Usage: no_borders.py [--no-gridlines] <in.xlsx> <out.xlsx>
"""
import argparse

import openpyxl
from openpyxl.styles import Border


def strip(src: str, dst: str, gridlines_off: bool) -> None:
    wb = openpyxl.load_workbook(src, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.has_style:
                    c.border = Border()
        if gridlines_off:
            ws.print_options.gridLines = False
            ws.print_options.gridLinesSet = True
    wb.save(dst)


if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--no-gridlines', action='store_true')
    p.add_argument('src')
    p.add_argument('dst')
    a = p.parse_args()
    strip(a.src, a.dst, a.no_gridlines)

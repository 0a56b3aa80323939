"""A copy of a workbook whose rows are tall enough for their wrapped text, as a department fits them before it
prints its disclosure (the fixture workbooks leave every row one line high: LibreOffice then prints a wrapped
cell's first line only, or spills the rest over the rows around it).

Every sheet (or those named with --only): a text cell that is longer than its column and has a filled cell to its
right (printed, it would be cut off at the edge) is set to wrap, as a department does with long labels; then each
row with a wrapped cell is made as tall as its tallest cell needs:

    lines  = ceil(display units * 1.15 / column width)   (a CJK character counts 2 units; a merge: its columns' sum)
    height = lines * font size * 1.45 + 4 pt

A cell merged over several rows spreads what it lacks over them. With --valign center every filled cell of a
fitted row is centred vertically (the fixtures keep amounts at the bottom of the cell, the default). Formulas are
written as the values the workbook holds for them (the figures it shows and prints).

A department's own layout differs from the fixtures': --narrow F makes the label columns (30 to 60 wide) F times
as wide, so long labels wrap onto several lines with their figures at the bottom (or, centred, the middle) of the
row (a title centred in one cell is then merged over the table's columns, as it would run off the page);
--no-borders draws no cell borders (a table printed unruled). --a4 sets every sheet's paper to A4 (paperSize 9),
as a department's Chinese-locale LibreOffice or Excel prints it (the fixtures name no paper size, and LibreOffice
in an English locale then prints on Letter).

Usage: fit_rows.py [--only WORD] [--valign center] [--narrow F] [--no-borders] [--a4] <in.xlsx> <out.xlsx>
"""
import argparse
import copy
import math

import openpyxl
from openpyxl.styles import Border
from openpyxl.utils import get_column_letter

DEFAULT_WIDTH = 8.43
DEFAULT_HEIGHT = 15.0


def units(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def is_text(value) -> bool:
    """Text a department could wrap: not a formula, not a number kept as text."""
    if not isinstance(value, str) or value.startswith('='):
        return False
    try:
        float(value.replace(',', ''))
        return False
    except ValueError:
        return value.strip() not in ('', '-', '—')


def cell_height(text: str, width: float, size: float) -> float:
    lines = max(1, math.ceil(units(text) * 1.15 / width))
    return lines * size * 1.45 + 4


def fit_sheet(ws, wrap_long: bool, valign: str | None, narrow: float | None = None, borders: bool = True) -> int:
    """Fits the sheet's rows in place; how many rows were made taller."""
    if narrow:
        for dim in ws.column_dimensions.values():
            if dim.width and 30 <= dim.width <= 60:  # labels, not a 情况说明 in one wide column
                dim.width = round(dim.width * narrow, 2)
        # a title centred in one cell, over the narrower columns, would run off the page: merged over the table
        merged = {(row, col) for r in ws.merged_cells.ranges for row in range(r.min_row, r.max_row + 1) for col in range(r.min_col, r.max_col + 1)}
        for r in range(1, 4):
            filled = [c for c in ws[r] if c.value is not None]
            if len(filled) == 1 and (filled[0].alignment.horizontal == 'center') and (r, filled[0].column) not in merged and filled[0].column < ws.max_column:
                ws.merge_cells(start_row=r, start_column=filled[0].column, end_row=r, end_column=ws.max_column)
    if not borders:
        for row in ws.iter_rows():
            for c in row:
                if c.has_style and c.border is not None:
                    c.border = Border()
    merges = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
    covered = {(row, col) for r in ws.merged_cells.ranges for row in range(r.min_row, r.max_row + 1) for col in range(r.min_col, r.max_col + 1)}
    width_of = lambda col: ws.column_dimensions[get_column_letter(col)].width or DEFAULT_WIDTH  # noqa: E731
    height_of = lambda row: ws.row_dimensions[row].height or DEFAULT_HEIGHT  # noqa: E731
    need: dict[int, float] = {}
    spread: list[tuple[int, int, float]] = []
    for row in ws.iter_rows():
        for c in row:
            if not is_text(c.value):
                continue
            m = merges.get((c.row, c.column))
            if m is None and (c.row, c.column) in covered:
                continue
            last_col = m.max_col if m else c.column
            width = sum(width_of(k) for k in range(c.column, last_col + 1))
            wrapped = bool(c.alignment and c.alignment.wrap_text)
            if not wrapped and wrap_long and units(c.value) * 1.15 > width:
                right = ws.cell(c.row, last_col + 1).value
                if right is not None and str(right).strip() != '':
                    al = copy.copy(c.alignment)
                    al.wrap_text = True
                    c.alignment = al
                    wrapped = True
            if not wrapped:
                continue
            h = cell_height(c.value, width, (c.font and c.font.sz) or 11)
            if m is not None and m.max_row > m.min_row:
                spread.append((m.min_row, m.max_row, h))
            else:
                need[c.row] = max(need.get(c.row, 0), h)
    fitted = set()
    for r, h in need.items():
        if h > height_of(r):
            ws.row_dimensions[r].height = h
            fitted.add(r)
    for first, last, h in spread:
        have = sum(height_of(r) for r in range(first, last + 1))
        if h > have:
            extra = (h - have) / (last - first + 1)
            for r in range(first, last + 1):
                ws.row_dimensions[r].height = height_of(r) + extra
                fitted.add(r)
    if valign:
        for r in fitted:
            for c in ws[r]:
                if c.value is not None:
                    al = copy.copy(c.alignment)
                    al.vertical = valign
                    c.alignment = al
    return len(fitted)


def fit(src: str, dst: str, only: str | None = None, wrap_long: bool = True, valign: str | None = None, narrow: float | None = None, borders: bool = True, a4: bool = False) -> None:
    # formulas as the values the workbook holds for them: openpyxl writes no cached values, and LibreOffice would
    # print what it recalculates (rounded otherwise than the figures the workbook shows)
    wb = openpyxl.load_workbook(src, data_only=True)
    for ws in wb.worksheets:
        if only is None or only in ws.title:
            fit_sheet(ws, wrap_long, valign, narrow, borders)
        if a4:
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wb.save(dst)


if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--only')
    p.add_argument('--valign', choices=['center'])
    p.add_argument('--narrow', type=float, help='label columns (30 to 60 wide) this many times as wide')
    p.add_argument('--no-borders', action='store_true', help='no cell borders (a table printed unruled)')
    p.add_argument('--a4', action='store_true', help='every sheet printed on A4 paper')
    p.add_argument('src')
    p.add_argument('dst')
    a = p.parse_args()
    fit(a.src, a.dst, only=a.only, valign=a.valign, narrow=a.narrow, borders=not a.no_borders, a4=a.a4)

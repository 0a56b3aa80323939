"""A copy of a workbook whose 情况说明 rows are tall enough for their wrapped text, as a department sets them before
it prints its disclosure (the fixture workbooks leave them one line high, and LibreOffice then prints only each
paragraph's first line). The rows are fitted as fit_rows.py fits them, on the 情况说明 sheets only.

Usage: fit_narrative.py <in.xlsx> <out.xlsx>
"""
import sys

from fit_rows import fit

if __name__ == '__main__':
    fit(sys.argv[1], sys.argv[2], only='说明', wrap_long=False)

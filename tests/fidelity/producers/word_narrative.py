"""A disclosure as departments publish it when the 情况说明 is written in Word or WPS: the tables printed from the
workbook, the 情况说明 from a document. Splits a fixture workbook (openpyxl) into the workbook without its 情况说明
sheet and the 情况说明's paragraphs as HTML (title, headings 一、…, paragraphs with a first line indented two
characters, as Chinese documents set them), which LibreOffice Writer prints; the paragraphs wrap and break across
pages the way a word processor breaks them.

usage: word_narrative.py in.xlsx out-tables.xlsx out-narrative.html
"""
import html
import re
import sys

import openpyxl


def main(src, tables, page):
    # the values, not the formulas: openpyxl writes no cached values, and LibreOffice would print formulas' cells 0.00
    wb = openpyxl.load_workbook(src, data_only=True)
    sheet = next(ws for ws in wb.worksheets if '说明' in ws.title or any(
        isinstance(c.value, str) and '情况说明' in c.value and '部分' in c.value for row in ws.iter_rows(max_row=3) for c in row))
    texts = []
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip():
                texts.append(cell.value.strip())
    wb.remove(sheet)
    wb.save(tables)
    body = []
    for i, text in enumerate(texts):
        t = html.escape(text)
        if i == 0:
            body.append(f'<h1 style="text-align:center;font-size:16pt">{t}</h1>')
        elif re.match(r'^[一二三四五六七八九十]+、', text):
            body.append(f'<p style="font-weight:bold;margin:6pt 0">{t}</p>')
        else:
            body.append(f'<p style="text-indent:2em;margin:0;text-align:justify">{t}</p>')
    with open(page, 'w', encoding='utf-8') as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC";font-size:12pt;line-height:1.5}</style></head><body>\n')
        f.write('\n'.join(body))
        f.write('\n</body></html>\n')


if __name__ == '__main__':
    main(*sys.argv[1:4])

"""Product formulations kept as a spreadsheet (R&D style): amounts in pounds."""
from __future__ import annotations

from pathlib import Path

from openpyxl.styles import Font

from sample.writers.docs import CATEGORY_TEXT
from sample.writers.sheets import header_row, title, workbook


def write(spec, path: Path) -> list[int]:
    r, ctx = spec.records[0], spec.context
    wb = workbook()
    ws = wb.active
    ws.title = "Formulation"
    title(ws, 1, "Formulation sheet")
    for i, (k, v) in enumerate([("Product", r["product_name"]), ("Code", ctx["code"]),
                                ("Label category", CATEGORY_TEXT[r["label_category"]])], start=2):
        ws.cell(row=i, column=1, value=k).font = Font(bold=True)
        ws.cell(row=i, column=2, value=v)
    header_row(ws, 6, ["Ingredient", "Qty (lb)", "Organic", "Supplier", "Certifying agent", "Ag / Non-ag",
                       "Water or salt"], [26, 10, 9, 32, 34, 12, 12])
    row = 6
    for row, i in enumerate(r["ingredients"], start=7):
        values = [i["name"], i["amount"], "Y" if i["organic"] else "N", i["supplier"] or "", i["certifier"] or "",
                  "Ag" if i["agricultural"] else "Non-ag", "Y" if i["water_or_salt"] else "N"]
        for col, v in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=v)
    row += 2
    ws.cell(row=row, column=1, value="Processing aids").font = Font(bold=True)
    header_row(ws, row + 1, ["Processing aid", "Supplier", "Organic"], [26, 10, 9])
    for k, a in enumerate(r["processing_aids"], start=row + 2):
        for col, v in enumerate([a["name"], a["supplier"], "Y" if a["organic"] else "N"], start=1):
            ws.cell(row=k, column=col, value=v)
    wb.save(path)
    return [1]

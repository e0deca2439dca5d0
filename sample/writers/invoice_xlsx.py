"""Invoices exported from a vendor's accounting system as XLSX.

Header block in the first rows, the line table below it with an "Organic?"
Yes/No column (descriptions carry no organic wording), a total row.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl.styles import Font

from sample.writers.sheets import header_row, title, workbook


def write(spec, path: Path) -> list[int]:
    wb = workbook()
    ws = wb.active
    ws.title = "Invoice"
    r = spec.records[0]
    title(ws, 1, r["supplier_name"], 14)
    ws.cell(row=2, column=1, value=spec.context["address"])
    fields = [("Invoice Number", r["invoice_number"]), ("Invoice Date", date.fromisoformat(r["invoice_date"])),
              ("Bill To", r["buyer_name"]), ("PO #", r["po_number"] or "")]
    for i, (k, v) in enumerate(fields, start=4):
        ws.cell(row=i, column=1, value=k).font = Font(bold=True)
        cell = ws.cell(row=i, column=2, value=v)
        if isinstance(v, date):
            cell.number_format = "mm/dd/yyyy"
    head = 9
    header_row(ws, head, ["Item Description", "Organic?", "Lot #", "Qty", "UOM", "Unit Price", "Ext. Price"],
               [34, 10, 16, 9, 7, 11, 12])
    row = head
    for row, l in enumerate(r["lines"], start=head + 1):
        values = [l["description"], "Yes" if l["organic"] else "No", l["lot_number"], l["quantity"], l["unit"],
                  l["unit_price"], l["amount"]]
        for col, v in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=v)
            if col >= 6:
                cell.number_format = "#,##0.00"
    ws.cell(row=row + 2, column=6, value="Total").font = Font(bold=True)
    total = ws.cell(row=row + 2, column=7, value=r["total"])
    total.font = Font(bold=True)
    total.number_format = "#,##0.00"
    wb.save(path)
    return [1]

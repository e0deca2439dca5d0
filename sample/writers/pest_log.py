"""Pest control service logs: a contractor's XLSX and a CSV export.

Levels follow 7 CFR 205.271: A prevention/sanitation, B mechanical and physical
controls, C lures and repellents, D synthetic materials (certifier approval needed).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sample.writers.sheets import header_row, title, workbook, write_csv, yn


def xlsx(spec, path: Path) -> list[int]:
    wb = workbook()
    ws = wb.active
    ws.title = "Service Log"
    title(ws, 1, f"Pest Activity & Service Log - {spec.context['facility']}")
    ws.cell(row=2, column=1, value=f"Service provider: {spec.context['company']}   Levels: A prevention, "
                                   "B mechanical, C lures/repellents, D synthetic (certifier approval required)")
    header_row(ws, 4, ["Date", "Location", "Level (A-D)", "Action / Material", "Technician", "Certifier approval"],
               [12, 20, 11, 40, 26, 18])
    for i, r in enumerate(spec.records, start=5):
        values = [date.fromisoformat(r["date"]), r["location"], r["level"], r["material"], r["applicator"],
                  yn(r["certifier_approved"], "Yes", "No", "n/a")]
        for col, v in enumerate(values, start=1):
            cell = ws.cell(row=i, column=col, value=v)
            if col == 1:
                cell.number_format = "mm/dd/yyyy"
    wb.save(path)
    return [1] * len(spec.records)


def csv_log(spec, path: Path) -> list[int]:
    headers = ["service_date", "site", "area", "control_level", "product_or_action", "applicator",
               "approved_by_certifier"]
    rows = [[r["date"], r["facility"], r["location"], r["level"], r["material"], r["applicator"],
             yn(r["certifier_approved"], "yes", "no", "")] for r in spec.records]
    write_csv(path, headers, rows)
    return [1] * len(spec.records)


def write(spec, path: Path) -> list[int]:
    return (xlsx if spec.layout == "pest_xlsx" else csv_log)(spec, path)

"""Batch (production) records exported as CSV, in two shapes.

- batch_csv_long: one row per ingredient input, batch columns repeated (an ERP export);
- batch_csv_wide: one row per batch, inputs in numbered column groups,
  semicolon-separated with an "Organic (Y/N)" column instead of a run type.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sample.writers.sheets import write_csv


def _num(v: float) -> str:
    return f"{v:g}"


def long(spec, path: Path) -> list[int]:
    headers = ["Batch Lot", "Product", "Facility", "Line", "Production Start", "Run Type", "Ingredient",
               "Ingredient Lot", "Qty", "UOM", "Batch Yield", "Yield UOM"]
    rows = []
    for r in spec.records:
        start = datetime.fromisoformat(r["produced_at"]).strftime("%Y-%m-%d %H:%M")
        for i in r["inputs"]:
            rows.append([r["batch_lot"], r["product_name"], r["facility"], r["equipment"], start,
                         r["run_type"].upper(), i["ingredient"], i["lot_number"] or "", _num(i["quantity"]), i["unit"],
                         _num(r["output_quantity"]), r["output_unit"]])
    write_csv(path, headers, rows)
    return [1] * len(spec.records)


def wide(spec, path: Path) -> list[int]:
    width = max((len(r["inputs"]) for r in spec.records), default=1)
    headers = ["Lot", "Product", "Plant", "Equipment", "Date", "Start", "Organic (Y/N)"]
    for k in range(1, width + 1):
        headers += [f"Input {k}", f"Input {k} Lot", f"Input {k} Qty (kg)"]
    headers += ["Output", "Output UOM"]
    rows = []
    for r in spec.records:
        start = datetime.fromisoformat(r["produced_at"])
        row = [r["batch_lot"], r["product_name"], r["facility"], r["equipment"], start.strftime("%m/%d/%Y"),
               start.strftime("%H:%M"), "Y" if r["run_type"] == "organic" else "N"]
        for i in r["inputs"]:
            row += [i["ingredient"], i["lot_number"] or "", _num(i["quantity"])]
        row += [""] * (3 * (width - len(r["inputs"])))
        rows.append(row + [_num(r["output_quantity"]), r["output_unit"]])
    write_csv(path, headers, rows, delimiter=";")
    return [1] * len(spec.records)


def write(spec, path: Path) -> list[int]:
    return (long if spec.layout == "batch_csv_long" else wide)(spec, path)

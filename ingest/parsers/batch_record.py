"""Batch / production records: header fields by label, inputs from the ingredient table."""
from __future__ import annotations

import re

from auditpack.records import BatchInput, RecordKind
from ingest import fields as F
from ingest.models import LoadedDocument, Page, ParseResult
from ingest.normalize import clean_unit, parse_datetime, parse_quantity
from ingest.parsers.base import Parser, RecordBuilder, result
from ingest.parsers.cleaning_log import run_type
from ingest.parsers.rows import row_datetime, take
from ingest.tables import Row, find_rows

INPUT_COLUMNS = {
    "ingredient": ["ingredient", "input", "material", "raw material", "component", "item"],
    "lot_number": ["lot", "lot number", "lot no", "lot #", "lot no.", "supplier lot", "input lot", "batch/lot"],
    "quantity": ["quantity", "qty", "amount", "weight", "amount used", "qty used", "quantity used"],
    "unit": ["unit", "uom", "units"],
}
TABLE_COLUMNS = {
    "batch_lot": ["batch lot", "batch", "lot", "batch no", "batch number", "batch/lot", "batch #", "lot code"],
    "product_name": ["product", "product name", "item", "finished product"],
    "facility": ["facility", "plant", "site"],
    "equipment": ["line", "equipment", "production line"],
    "produced_at": ["production start", "date", "produced at", "production date", "start date", "produced"],
    "time": ["start", "start time", "time"],
    "run_type": ["run type", "organic (y/n)", "organic", "run"],
    "ingredient": ["ingredient", "input", "material", "raw material"],
    "lot_number": ["ingredient lot", "input lot", "material lot", "supplier lot", "lot used"],
    "quantity": ["qty", "quantity", "qty used", "amount"],
    "unit": ["uom", "unit", "qty uom"],
    "output_quantity": ["batch yield", "yield", "output", "output qty", "quantity produced"],
    "output_unit": ["yield uom", "output uom", "output unit", "yield unit"],
}
_WIDE = re.compile(r"^(?:input|ingredient)\s*(\d+)(?:\s*(lot|qty|quantity|unit|uom))?(?:\s*\(([^)]*)\))?$")


def _wide_inputs(row: Row) -> list[BatchInput]:
    """"Input 1 | Input 1 Lot | Input 1 Qty (kg)" columns of a one-row-per-batch log."""
    slots: dict[int, dict[str, str]] = {}
    for header, cell in row.raw.items():
        m = _WIDE.match(header)
        if m and cell.text.strip():
            slot = slots.setdefault(int(m.group(1)), {})
            part = (m.group(2) or "name").replace("quantity", "qty").replace("uom", "unit")
            slot[part] = cell.text.strip()
            if part == "qty" and m.group(3):
                slot.setdefault("unit", m.group(3))
    out = []
    for n in sorted(slots):
        s = slots[n]
        if not s.get("name"):
            continue
        qty, unit = parse_quantity(s.get("qty"))
        out.append(BatchInput(ingredient=s["name"], lot_number=s.get("lot"), quantity=qty,
                              unit=clean_unit(s.get("unit")) or unit))
    return out


LOT_LABELS = ["batch lot", "batch/lot", "batch lot number", "lot number", "batch number", "batch no", "batch #",
              "lot no", "batch", "lot"]


def _one_token(s: str) -> str | None:
    t = s.strip().split()
    return t[0] if t and any(c.isdigit() for c in t[0]) else None


class BatchRecordParser(Parser):
    kind = "batch_record"
    record_kind = RecordKind.BATCH_RECORD
    core_fields = ("batch_lot", "product_name", "produced_at", "run_type", "inputs", "output_quantity")
    min_core = 3
    keywords = {"batch record": 1.5, "production record": 1.2, "batch sheet": 1.2, "batch lot": 0.8,
                "run type": 0.8, "production date": 0.5, "output": 0.4, "yield": 0.4, "inputs": 0.4,
                "ingredient lot": 0.6, "batch": 0.4, "input 1 lot": 1.0, "output uom": 0.6, "yield uom": 0.6,
                "production start": 0.6, "batch yield": 0.6}

    def split_key(self, page: Page) -> str | None:
        one = LoadedDocument(sha256="", filename="", media_type="", pages=[page])
        f = F.find(one, LOT_LABELS[:7], _one_token, below=False)
        return f.value if f else None

    def parse(self, document: LoadedDocument) -> ParseResult:
        rows = find_rows(document, TABLE_COLUMNS, {"batch_lot", "product_name"})
        if rows:
            return self._from_table(document, rows)
        return self._from_form(document)

    def _from_table(self, document: LoadedDocument, rows: list[Row]) -> ParseResult:
        """Production logs: one row per batch ("wide": Input 1, Input 1 Lot, Input 1 Qty...) or one
        row per input ("long": the batch columns repeat on every input row)."""
        groups: dict[str, list[Row]] = {}
        for row in rows:
            lot = row.get("batch_lot")
            if lot:
                groups.setdefault(lot, []).append(row)
        records = []
        for lot, group in groups.items():
            first = group[0]
            b = RecordBuilder(document, self.record_kind, lot)
            b.first_page = first.page.number if first.page else None
            take(b, first, "batch_lot")
            take(b, first, "product_name")
            take(b, first, "facility", required=False)
            take(b, first, "equipment", required=False)
            when = row_datetime(first, b.dayfirst, "produced_at", "time")
            if when is not None:
                cell = first.cells["produced_at"]
                b.put("produced_at", when, b.source_for(cell.page, first.line, cell.cell))
            else:
                b.missing.append("produced_at")
            take(b, first, "run_type", convert=run_type)
            qty_text = first.get("output_quantity")
            if qty_text is not None:
                qty, unit = parse_quantity(qty_text)
                take(b, first, "output_quantity", convert=lambda s: parse_quantity(s)[0])
                if not take(b, first, "output_unit", convert=clean_unit, required=False) and unit:
                    b.put("output_unit", unit)
            else:
                b.missing.append("output_quantity")
            inputs: list[BatchInput] = []
            for row in group:
                if row.get("ingredient"):  # long format: this row is one input
                    qty, unit = parse_quantity(row.get("quantity"))
                    inputs.append(BatchInput(ingredient=row.get("ingredient"), lot_number=row.get("lot_number"),
                                             quantity=qty, unit=clean_unit(row.get("unit")) or unit))
                    cell = row.cells["ingredient"]
                    b.sources[f"inputs[{len(inputs) - 1}].ingredient"] = b.source_for(cell.page, row.line, cell.cell)
            inputs += _wide_inputs(first)
            b.put("inputs", inputs)
            if not inputs:
                b.missing.append("inputs")
            records.append(b.build())
        return result(records)

    def _from_form(self, document: LoadedDocument) -> ParseResult:
        lot = F.find(document, LOT_LABELS, _one_token)
        b = RecordBuilder(document, self.record_kind, lot.value if lot else "batch")
        b.set("batch_lot", lot)
        b.set("product_name", F.find(document, ["product name", "product", "item produced", "finished product"],
                                     below=False))
        b.set("facility", F.find(document, ["facility", "plant", "site"], below=False), required=False)
        b.set("equipment", F.find(document, ["equipment", "line", "production line"], below=False), required=False)
        b.set("produced_at", F.find(document, ["produced at", "production date", "produced on", "date produced",
                                               "start", "date"], lambda s: parse_datetime(s, b.dayfirst)))
        b.set("run_type", F.find(document, ["run type", "production type", "run"], run_type, below=False))
        out = F.find(document, ["output quantity", "output", "yield", "quantity produced", "finished quantity"],
                     lambda s: parse_quantity(s) if parse_quantity(s)[0] is not None else None, below=False)
        if out:
            b.set("output_quantity", out, out.value[0])
            if out.value[1]:
                b.set("output_unit", out, out.value[1])
        else:
            b.missing.append("output_quantity")
        inputs = []
        for row in find_rows(document, INPUT_COLUMNS, {"ingredient"}):
            name = row.get("ingredient")
            if not name or (row.get("quantity") is None and row.get("lot_number") is None):
                continue
            qty, unit = parse_quantity(row.get("quantity"))
            i = len(inputs)
            inputs.append(BatchInput(ingredient=name, lot_number=row.get("lot_number"), quantity=qty,
                                     unit=clean_unit(row.get("unit")) or unit))
            for name_, cell in row.cells.items():
                if cell.text.strip():
                    b.sources[f"inputs[{i}].{name_}"] = b.source_for(cell.page, row.line, cell.cell, cell.bbox)
        b.put("inputs", inputs)
        if not inputs:
            b.missing.append("inputs")
        return result([b.build()])


PARSER = BatchRecordParser()

"""Product profiles / formulations: name, label category and the ingredient table."""
from __future__ import annotations

import re

from auditpack.records import Ingredient, ProcessingAid, RecordKind
from ingest import fields as F
from ingest.models import LoadedDocument, Page, ParseResult
from ingest.normalize import clean_unit, parse_bool, parse_quantity
from ingest.parsers.base import Parser, RecordBuilder, result
from ingest.tables import find_rows

COLUMNS = {
    "name": ["ingredient", "ingredients", "ingredient name", "component", "material"],
    "amount": ["amount", "quantity", "qty", "weight", "% of formula", "percent", "%", "kg per batch",
               "amount per batch"],
    "unit": ["unit", "uom"],
    "organic": ["organic", "organic?", "certified organic", "organic status", "status"],
    "supplier": ["supplier", "source", "vendor"],
    "certifier": ["certifier", "certifying agent", "certified by"],
    "agricultural": ["agricultural", "agricultural?", "ag", "ag / non-ag", "ag/non-ag", "agricultural (y/n)"],
    "water_or_salt": ["water or salt", "water/salt", "water/salt?", "water or salt?", "water & salt"],
}
AID_COLUMNS = {
    "name": ["processing aid", "processing aids", "aid"],
    "supplier": ["supplier", "source", "vendor"],
    "organic": ["organic", "organic?", "certified organic"],
}
_CATEGORIES = [("100% organic", "100_percent_organic"), ("100 percent organic", "100_percent_organic"),
               ("made with organic", "made_with_organic"), ("ingredient panel", "ingredient_panel_only"),
               ("organic", "organic")]


def category(s: str) -> str | None:
    low = s.lower().replace("_", " ")
    for text, value in _CATEGORIES:
        if text in low:
            return value
    return None


def _agricultural(s: str) -> bool | None:
    low = s.strip().lower()
    if low.startswith("non"):
        return False
    if low in {"ag", "agricultural"}:
        return True
    return parse_bool(s)


def _header_unit(row, column: str) -> str | None:
    """"Qty (lb)": the unit written once in the column header."""
    cell = row.cells.get(column)
    for header, c in row.raw.items():
        if c is cell or (cell is not None and c.cell and c.cell == cell.cell):
            m = re.search(r"\(([^)]+)\)", header)
            return m.group(1) if m and not re.search(r"\d", m.group(1)) else None
    return None


def _organic(s: str | None, name: str) -> bool:
    if s:
        b = parse_bool(s)
        if b is not None:
            return b
        low = s.lower()
        return "organic" in low and not re.search(r"non-?organic|conventional", low)
    return bool(re.match(r"\s*organic\b", name, re.I))


class ProductProfileParser(Parser):
    kind = "product_profile"
    record_kind = RecordKind.PRODUCT_PROFILE
    core_fields = ("product_name", "label_category", "ingredients")
    min_core = 2
    keywords = {"product profile": 1.5, "formulation": 1.0, "formula": 0.6, "label category": 1.0,
                "ingredient": 0.4, "ingredients": 0.4, "processing aid": 0.6, "recipe": 0.6,
                "percent organic": 0.6, "made with organic": 0.5}

    def split_key(self, page: Page) -> str | None:
        one = LoadedDocument(sha256="", filename="", media_type="", pages=[page])
        f = F.find(one, ["product name"], below=False)
        return f.value if f else None

    def parse(self, document: LoadedDocument) -> ParseResult:
        name = F.find(document, ["product name", "product", "finished product"], below=False)
        b = RecordBuilder(document, self.record_kind, name.value if name else "product")
        b.set("product_name", name)
        b.set("label_category", F.find(document, ["label category", "labeling category", "organic category",
                                                  "category", "label claim"], category, below=False))
        ingredients = []
        for row in find_rows(document, COLUMNS, {"name"}):
            n = row.get("name")
            if n and re.match(r"processing aids?\b", n, re.I):
                break  # the processing-aid table starts here
            if not n or row.get("amount") is None and row.get("organic") is None:
                continue
            qty, unit = parse_quantity(row.get("amount"))
            if row.get("amount") and "%" in row.get("amount"):
                unit = "%"
            unit = unit or _header_unit(row, "amount")
            low = n.lower()
            ws = parse_bool(row.get("water_or_salt")) if row.get("water_or_salt") else None
            if ws is None:
                ws = bool(re.search(r"\b(water|salt)\b", low))
            agri = _agricultural(row.get("agricultural")) if row.get("agricultural") else None
            i = len(ingredients)
            ingredients.append(Ingredient(
                name=n, amount=qty, unit=clean_unit(row.get("unit")) or unit, organic=_organic(row.get("organic"), n),
                supplier=row.get("supplier"), certifier=row.get("certifier"),
                agricultural=agri if agri is not None else not ws, water_or_salt=ws))
            for col, cell in row.cells.items():
                if cell.text.strip():
                    b.sources[f"ingredients[{i}].{col}"] = b.source_for(cell.page, row.line, cell.cell, cell.bbox)
        aids = [ProcessingAid(name=r.get("name"), supplier=r.get("supplier"), organic=_organic(r.get("organic"), ""))
                for r in find_rows(document, AID_COLUMNS, {"name"}) if r.get("name")]
        b.put("ingredients", ingredients)
        b.put("processing_aids", aids)
        if not ingredients:
            b.missing.append("ingredients")
        return result([b.build()])


PARSER = ProductProfileParser()

"""What one table cell says beyond its column: the words, code, number and unit packed into it.

A supplier writes "LOT 52 (2.8 kg)" in a column headed for the lot, or "Sodium hypochlorite 100 ppm" under
"Product / strength". The item a row makes has a column for each of those things; these helpers hand each
part of such a cell to the item's empty column of its type, by the shape of the part alone.
"""
from __future__ import annotations

from typing import Any

from auditpack.declarations import FieldDeclaration
from ingest.layout import Part, Where, parts_of


def words_only(text: str | None, columns: dict[str, FieldDeclaration], name: str, cells: dict[str, Any],
               item: dict[str, Any], where: dict[str, Where], cell: Any) -> None:
    """A column of two things ("Product / strength") whose cell says only the first ("Hot water only"):
    the words name the item when no column of its own does."""
    if not text or sum(ch.isalpha() for ch in text) < 0.6 * len(text.strip()) or any(ch.isdigit() for ch in text):
        return
    for col, cf in columns.items():
        if cf.required and cf.type in ("text", "name") and col not in item and f"{name}.{col}" not in cells:
            item[col] = text.strip()
            where[col] = cell.where
            return


def spread(text: str, columns: dict[str, FieldDeclaration], item: dict[str, Any]) -> None:
    """One cell that says several things ("Sodium hypochlorite 100 ppm", "LOT 52 (2.8 kg)"): its words fill
    the item's empty required text column, its code the empty identifier, its number and unit the empty
    number and unit columns; the column that took the whole cell then keeps only its own part."""
    parts = _labelled_codes(parts_of(text))
    words = " ".join(p.text for p in parts if p.kind == "text").strip()
    numbers = [p for p in parts if p.kind == "number"]
    codes = [p for p in parts if p.kind == "code"]
    if not numbers or not (words or codes):
        return
    if not any(p.unit for p in numbers) and any(cf.type == "identifier" and item.get(col) == text.strip()
                                                for col, cf in columns.items()):
        return  # "LOT 901484" read whole as the item's code: its digits name the lot, they measure nothing
    moved = False
    for col, cf in columns.items():
        if col in item:
            continue
        if cf.type in ("text", "name") and cf.required and words:
            item[col] = words
        elif cf.type == "identifier" and len(codes) == 1:
            item[col] = codes[0].text
        elif cf.type in ("number", "quantity", "percent") and len(numbers) == 1:
            item[col], moved = numbers[0].number, True
        elif cf.type == "unit" and len(numbers) == 1 and numbers[0].unit:
            item[col] = numbers[0].unit
    for col, cf in columns.items():
        if cf.type in ("number", "percent") and isinstance(item.get(col), str):
            item[col] = numbers[0].number
        elif moved and cf.type in ("text", "name") and item.get(col) == text.strip() and words:
            item[col] = words


def _labelled_codes(parts: list[Part]) -> list[Part]:
    """A word followed by digits with no unit, in a cell that also holds a measure ("LOT 273738 (90 kg)"), is
    one code: the number with a unit is the amount, the bare one after a word names the thing."""
    if not any(p.kind == "number" and p.unit for p in parts):
        return parts
    out: list[Part] = []
    for i, p in enumerate(parts):
        prev = out[-1] if out else None
        if _glued_code(p) and any(q.kind == "number" and q.unit for q in parts[i + 1:]):
            out.append(Part("code", p.text))  # "26135E (6,9 kg)": a lot code, though "E" reads as a unit
            continue
        if p.kind == "number" and not p.unit and prev is not None and prev.kind == "text" and "." not in p.text \
                and "," not in p.text:
            *rest, word = prev.text.split()
            out[-1:] = ([Part("text", " ".join(rest))] if rest else []) + [Part("code", f"{word} {p.text}")]
        else:
            out.append(p)
    return out


def _glued_code(p: Part) -> bool:
    """Four digits or more with letters glued on and no decimals ("26135E"), as codes are written."""
    head = p.text.rstrip("".join(ch for ch in p.text if ch.isalpha()))
    return p.kind == "number" and p.text.isalnum() and len(head) >= 4 and head.isdigit() and head != p.text

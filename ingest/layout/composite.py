"""Cells that hold several values: "A-12 (20 kg); B-7 (5 kg)".

People pack repeated sub-values into one cell with a delimiter they use
consistently. A strong delimiter (new line, ";", "|", "•", " / ") splits
whenever it gives two or more parts that hold text; a comma is also how numbers,
addresses and names are written, so ", " splits only when every part has
the same shape and carries a digit (codes, measures), which plain prose never
does. Delimiters inside brackets never split: "B-7 (5 kg; wet)" is one part.
"""
from __future__ import annotations

from ingest.layout.shapes import has_digits, signature

_STRONG = ("\n", ";", "|", "•", " / ")
_OPEN, _CLOSE = "([{", ")]}"


def _split_outside_brackets(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            start = i + len(sep)
            i = start
            continue
        i += 1
    parts.append(text[start:])
    return parts


def _clean(parts: list[str]) -> list[str]:
    return [p.strip().strip("•").strip() for p in parts if p.strip().strip("•").strip()]


def _digit_shape(text: str) -> tuple[str, ...]:
    """A part's signature with numbers and codes alike: "26135E (6,9 kg)" and "HV-261235 (5,6 kg)" list two
    lots of one kind, though the first code also reads as a number with a unit glued on."""
    return tuple("digits" if k in ("number", "code") else k for k in signature(text))


def split_composite(text: str) -> list[str]:
    """The sub-values of one cell, or the whole (stripped) text as the only part.

    The first delimiter that yields two or more parts wins, so a cell with one value per
    line keeps commas inside each line."""
    t = text.strip()
    if not t:
        return []
    if t.startswith("•"):  # a bulleted list: the bullet is the delimiter, also before the first part
        t = t.replace("\n", " ")
    for sep in _STRONG:
        if sep in t:
            parts = _clean(_split_outside_brackets(t, sep))
            if len(parts) >= 2:
                return parts
    if ", " in t:
        parts = _clean(_split_outside_brackets(t, ", "))
        shapes = {_digit_shape(p) for p in parts}
        if len(parts) >= 2 and len(shapes) == 1 and all(has_digits(p) for p in parts):
            return parts
    return [t]

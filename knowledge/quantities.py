"""Cached unit conversion for the checks (pint does the arithmetic; this avoids repeating it).

pint parses units on every call, which costs ~0.1 ms; a year of batch records
has tens of thousands of quantities in a handful of spellings. Mass and volume
conversions are linear, so one factor per (unit, target) is exact.
"""
from __future__ import annotations

from functools import lru_cache

from auditpack.units import UnitError, convert, dimension


@lru_cache(maxsize=512)
def factor(unit: str, to: str) -> float | None:
    """Multiply a quantity in `unit` by this to get `to`; None when pint cannot convert."""
    try:
        return convert(1.0, unit, to)
    except (UnitError, Exception):  # pint raises several kinds for nonsense units
        return None


@lru_cache(maxsize=512)
def dimension_of(unit: str | None) -> str | None:
    """'mass', 'volume', another pint dimensionality, or None for an unknown unit."""
    if not unit:
        return None
    try:
        return dimension(unit)
    except (UnitError, Exception):
        return None


def to_unit(qty: float | None, unit: str | None, to: str) -> float | None:
    if qty is None or not unit:
        return None
    f = factor(unit, to)
    return None if f is None else qty * f

"""Quantities keep their unit; conversions go through pint, not hand-written tables.

Paperwork writes units many ways ("lbs", "LB", "#", "kg.", "gal"); `normalize_unit`
maps those spellings to pint names, and `convert` does the arithmetic.
"""
from __future__ import annotations

from functools import lru_cache

import pint

_ALIASES = {
    "#": "lb", "lbs": "lb", "lb.": "lb", "pounds": "lb", "pound": "lb",
    "kgs": "kg", "kg.": "kg", "kilo": "kg", "kilos": "kg", "kilograms": "kg", "kilogram": "kg",
    "g.": "g", "gr": "g", "grams": "g", "gram": "g",
    "oz.": "oz", "ounces": "oz", "ounce": "oz", "fl oz": "fluid_ounce", "fl. oz": "fluid_ounce",
    "gal": "gallon", "gals": "gallon", "gallons": "gallon",
    "l": "liter", "lt": "liter", "ltr": "liter", "litre": "liter", "litres": "liter", "liters": "liter",
    "ml": "milliliter", "t": "metric_ton", "mt": "metric_ton", "tonne": "metric_ton", "tonnes": "metric_ton",
    "ppm": "ppm",
}


def unit_spellings() -> frozenset[str]:
    """Every unit spelling paperwork uses that `normalize_unit` maps (for readers that must tell a unit
    from a word, e.g. "20 kg" from "20 cases")."""
    return frozenset(_ALIASES) | frozenset(_ALIASES.values())


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    return pint.UnitRegistry()


class UnitError(ValueError):
    """A unit that pint does not know, or a conversion across dimensions."""


def normalize_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    u = unit.strip().lower()
    if not u:
        return None
    u = _ALIASES.get(u, u)
    try:
        return str(registry().Unit(u))
    except Exception as exc:  # noqa: BLE001 - pint's parser raises assorted errors (even AssertionError) on odd text
        raise UnitError(f"unknown unit {unit!r}") from exc


def convert(value: float, unit: str, to: str) -> float:
    """Convert between units of one dimension (mass to mass, volume to volume)."""
    ureg = registry()
    src, dst = normalize_unit(unit), normalize_unit(to)
    try:
        return float((value * ureg(src)).to(ureg(dst)).magnitude)
    except pint.DimensionalityError as exc:
        raise UnitError(f"cannot convert {unit} to {to}") from exc


def dimension(unit: str) -> str:
    """'mass', 'volume' or the pint dimensionality string."""
    dim = registry()(normalize_unit(unit)).dimensionality
    if dim == registry()("kg").dimensionality:
        return "mass"
    if dim == registry()("liter").dimensionality:
        return "volume"
    return str(dim)

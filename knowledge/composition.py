"""The 7 CFR 205.302 percent-organic calculation, step by step.

Why a module of its own: the check PROD-PCT-BELOW-CATEGORY and the audit
package (which prints the worked calculation for the inspector) must show the
same numbers. Rules applied, as the NOP handler guide explains them:

- by weight of the finished product, or by fluid volume when the product and
  all its ingredients are liquid;
- added water and salt are left out of both the organic total and the total;
- the result is rounded *down* to a whole percent (95.9 % is 95 %).

Units go through `auditpack.units` (pint); an ingredient whose unit cannot be
put on the common basis is reported in `problems` and left out of both totals.
"""
from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auditpack.records import ProductProfile
from knowledge.quantities import dimension_of, to_unit

Basis = Literal["weight", "volume"]

# The minimum organic content each label category requires (205.301).
MINIMUM_PERCENT: dict[str, int | None] = {
    "100_percent_organic": 100,
    "organic": 95,
    "made_with_organic": 70,
    "ingredient_panel_only": None,
}
WATER_DENSITY_KG_PER_L = 1.0
_BASE_UNIT: dict[Basis, str] = {"weight": "kg", "volume": "liter"}


class CompositionStep(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ingredient: str
    amount: float | None
    unit: str | None
    amount_in_base: float | None = Field(description="amount in kg (weight) or liters (volume); None if unusable")
    organic: bool
    excluded: bool = Field(description="added water or salt: left out of both totals")
    note: str = ""


class CompositionResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    product_name: str
    basis: Basis
    organic_total: float
    total_excluding_water_salt: float
    percent_exact: float
    percent_rounded_down: int
    category_claimed: str | None
    minimum_required: int | None
    category_met: bool
    steps: list[CompositionStep]
    problems: list[str] = Field(default_factory=list)


def _dimension(unit: str | None) -> str | None:
    return dimension_of(unit)


def choose_basis(profile: ProductProfile) -> Basis:
    """Fluid volume only when every weighed-or-measured ingredient is a liquid measure."""
    dims = {_dimension(i.unit) for i in profile.ingredients if i.amount is not None}
    dims.discard(None)
    return "volume" if dims == {"volume"} else "weight"


def is_water_or_salt(name: str, flagged: bool) -> bool:
    """The flag from the record wins; the name is a fallback for plain 'water'/'salt'."""
    if flagged:
        return True
    n = name.strip().lower()
    return n in {"water", "salt", "sea salt", "filtered water", "purified water", "added water"}


def percent_organic(profile: ProductProfile) -> CompositionResult:
    """Compute the organic percentage of one product formula (see module docstring)."""
    basis = choose_basis(profile)
    base = _BASE_UNIT[basis]
    steps: list[CompositionStep] = []
    problems: list[str] = []
    organic_total = total = 0.0
    for ing in profile.ingredients:
        excluded = is_water_or_salt(ing.name, ing.water_or_salt)
        in_base: float | None = None
        note = ""
        if ing.amount is None or not ing.unit:
            note = "no amount or unit on the formula"
            problems.append(f"{ing.name}: {note}")
        else:
            in_base = to_unit(ing.amount, ing.unit, base)
            if in_base is None and basis == "weight" and _dimension(ing.unit) == "volume":
                # 205.302(a)(3): solids and liquids together go by weight; without a density on the
                # formula we take 1 kg per liter and say so.
                in_base = to_unit(ing.amount, ing.unit, "liter") * WATER_DENSITY_KG_PER_L
                note = "liquid weighed at 1 kg/L (no density on the formula)"
                problems.append(f"{ing.name}: {note}")
            elif in_base is None:
                note = f"unit {ing.unit!r} cannot be expressed by {basis}"
                problems.append(f"{ing.name}: {note}")
        if excluded:
            note = note or "water/salt: excluded from the calculation (205.302(a)(1)-(2))"
        elif in_base is not None:
            total += in_base
            if ing.organic:
                organic_total += in_base
        steps.append(CompositionStep(ingredient=ing.name, amount=ing.amount, unit=ing.unit, amount_in_base=in_base,
                                     organic=ing.organic, excluded=excluded, note=note))
    exact = 100.0 * organic_total / total if total > 0 else 0.0
    # Round down; the tiny epsilon keeps 95.0 from becoming 94 through float error.
    rounded = int(math.floor(exact + 1e-9))
    if total <= 0:
        problems.append("no ingredient amounts to compute a percentage from")
    minimum = MINIMUM_PERCENT.get(profile.label_category or "", None)
    met = True if minimum is None else (total > 0 and rounded >= minimum)
    return CompositionResult(
        product_name=profile.product_name or "(unnamed product)", basis=basis,
        organic_total=round(organic_total, 6), total_excluding_water_salt=round(total, 6),
        percent_exact=round(exact, 4), percent_rounded_down=rounded, category_claimed=profile.label_category,
        minimum_required=minimum, category_met=met, steps=steps, problems=problems,
    )

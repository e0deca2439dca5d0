"""In/out balance: organic ingredient bought versus organic ingredient used.

The NOP handler guide's mass-balance audit compares what the records say came
in (organic invoice lines) with what production consumed (batch inputs). Using
more than was bought means an undocumented source. Quantities are converted
to one unit per ingredient with pint; a quantity in a unit of another
dimension is left out and counted in neither column (the balance is then a
lower bound, which the package says).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from auditpack.records import BatchRecord, Evidence, Invoice, RecordBase
from knowledge.evidence import evidence_for
from knowledge.names import normalize_product
from knowledge.quantities import dimension_of, to_unit

# Tolerance: rounding on scales and invoices; more than this over purchases is a gap.
TOLERANCE = 0.005


class BalanceLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ingredient: str
    unit: str
    purchased: float
    used: float
    difference: float
    exceeds: bool
    invoices: int
    batches: int
    evidence: list[Evidence] = Field(default_factory=list, description="first invoice and first batch counted")


def _in_range(d: date | None, start: date | None, end: date | None) -> bool:
    if d is None:
        return start is None and end is None
    return (start is None or d >= start) and (end is None or d <= end)


class _Acc:
    __slots__ = ("name", "used_name", "unit", "purchased", "used", "invoices", "batches", "evidence")

    def __init__(self, name: str, unit: str) -> None:
        self.name, self.unit = name, unit
        self.used_name: str | None = None
        self.evidence: list[Evidence] = []
        self.purchased = self.used = 0.0
        self.invoices: set[str] = set()
        self.batches: set[str] = set()

    def add(self, qty: float | None, unit: str | None) -> float | None:
        if qty is None or not unit:
            return None
        return to_unit(qty, unit, self.unit)


def _base_unit(unit: str | None) -> str | None:
    return {"mass": "kg", "volume": "liter"}.get(dimension_of(unit) or "")


def ingredient_balance(records: Iterable[RecordBase], start: date | None = None,
                       end: date | None = None) -> list[BalanceLine]:
    """One line per organic ingredient: purchased vs used in [start, end] (linear in records).

    Ingredients are matched by normalised product name (case, plural and
    'organic' prefix removed), so 'Organic Rolled Oats' on an invoice and
    'rolled oats' on a batch record are the same ingredient.
    """
    acc: dict[str, _Acc] = {}
    batches: list[BatchRecord] = []
    for rec in records:
        if isinstance(rec, Invoice) and _in_range(rec.invoice_date, start, end):
            for line in rec.lines:
                if not line.organic:
                    continue
                key = normalize_product(line.description)
                base = _base_unit(line.unit)
                if not key or base is None:
                    continue
                a = acc.setdefault(key, _Acc(line.description, base))
                q = a.add(line.quantity, line.unit)
                if q is not None:
                    a.purchased += q
                    if not a.invoices:
                        a.evidence += evidence_for(rec, "invoice_number", snippet=line.description)
                    a.invoices.add(rec.id)
        elif isinstance(rec, BatchRecord) and rec.run_type != "conventional":
            if _in_range(rec.produced_at.date() if rec.produced_at else None, start, end):
                batches.append(rec)
    for batch in batches:
        for inp in batch.inputs:
            a = acc.get(normalize_product(inp.ingredient))
            if a is None:
                continue  # not bought as organic in the period: nothing to balance against
            q = a.add(inp.quantity, inp.unit)
            if q is not None:
                if a.used_name is None:
                    a.used_name = inp.ingredient.strip()
                    a.evidence += evidence_for(batch, "batch_lot", snippet=f"{batch.batch_lot}: {inp.ingredient}")
                a.used += q
                a.batches.add(batch.id)
    lines = []
    for a in acc.values():
        diff = a.purchased - a.used
        exceeds = a.used > a.purchased * (1 + TOLERANCE) + 1e-9
        # Named as production names it ("Honey"), not as the first invoice line did ("Organic Honey, 5 gal").
        lines.append(BalanceLine(ingredient=a.used_name or a.name, unit=a.unit, purchased=round(a.purchased, 3),
                                 used=round(a.used, 3), difference=round(diff, 3), exceeds=exceeds,
                                 invoices=len(a.invoices), batches=len(a.batches), evidence=a.evidence))
    return sorted(lines, key=lambda b: b.ingredient.lower())

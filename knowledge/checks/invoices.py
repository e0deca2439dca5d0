"""INV-NOT-ORGANIC and INV-NO-LOT: do receiving documents identify organic product?"""
from __future__ import annotations

from collections.abc import Sequence

from auditpack.records import Finding, Invoice, ProductProfile, RecordBase
from knowledge.checks.registry import CheckContext, of_kind, rule
from knowledge.evidence import evidence_for
from knowledge.names import normalize_product


class OrganicUse:
    """Ingredients the operation's formulas use as organic.

    Lots that went into organic batches are *not* a signal on their own: an organic product may
    legitimately contain nonorganic National List ingredients (and "made with organic" up to 30 %).
    """

    def __init__(self, records: Sequence[RecordBase]) -> None:
        self.names: set[str] = set()
        for p in of_kind(records, ProductProfile):
            if p.label_category in (None, "ingredient_panel_only"):
                continue
            self.names.update(normalize_product(i.name) for i in p.ingredients if i.organic)
        self.names.discard("")
        self._word_sets = [frozenset(n.split()) for n in self.names]

    def wanted_as_organic(self, description: str) -> bool:
        """Exact normalised name, or all words of an organic formula ingredient in the description.

        The word-set scan is over distinct ingredient names (tens), not over records.
        """
        d = normalize_product(description)
        if d in self.names:
            return True
        words = set(d.split())
        return any(ws and ws <= words for ws in self._word_sets)


@rule("INV-NOT-ORGANIC")
def inv_not_organic(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    use = OrganicUse(records)
    out = []
    for inv in of_kind(records, Invoice):
        for i, line in enumerate(inv.lines):
            if line.organic or not use.wanted_as_organic(line.description):
                continue
            out.append(ctx.finding(
                "INV-NOT-ORGANIC", "invoice_line", f"{inv.invoice_number}|{line.description.strip()}",
                f"Invoice {inv.invoice_number} from {inv.supplier_name!r} does not identify "
                f"{line.description!r} as organic, but the operation's formulas use it as an organic ingredient.",
                subject_id=inv.id, supplier=inv.supplier_name,
                evidence=evidence_for(inv, f"lines[{i}].description", f"lines[{i}].organic",
                                      snippet=line.description),
            ))
    return out


@rule("INV-NO-LOT")
def inv_no_lot(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    out = []
    for inv in of_kind(records, Invoice):
        for i, line in enumerate(inv.lines):
            if not line.organic or (line.lot_number or "").strip():
                continue
            out.append(ctx.finding(
                "INV-NO-LOT", "invoice_line", f"{inv.invoice_number}|{line.description.strip()}",
                f"Organic line {line.description!r} on invoice {inv.invoice_number} from "
                f"{inv.supplier_name!r} has no lot number, so it cannot be traced into batches.",
                subject_id=inv.id, supplier=inv.supplier_name,
                evidence=evidence_for(inv, f"lines[{i}].lot_number", f"lines[{i}].description",
                                      snippet=line.description),
            ))
    return out

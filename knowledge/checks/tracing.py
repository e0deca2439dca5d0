"""TRACE-UNRESOLVED-LOT and BALANCE-EXCEEDS-PURCHASES: can organic product be traced and balanced?"""
from __future__ import annotations

from collections.abc import Sequence

from auditpack.records import BatchRecord, Finding, RecordBase
from knowledge.balance import ingredient_balance
from knowledge.checks.registry import CheckContext, of_kind, rule
from knowledge.evidence import evidence_for
from knowledge.trace import TraceIndex, lot_key


@rule("TRACE-UNRESOLVED-LOT")
def trace_unresolved_lot(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    index = TraceIndex(records)
    out = []
    for b in of_kind(records, BatchRecord):
        if b.run_type != "organic":
            continue
        for j, inp in enumerate(b.inputs):
            if inp.lot_number and lot_key(inp.lot_number) in index.lots:
                continue
            lot = (inp.lot_number or "").strip() or "(none)"
            out.append(ctx.finding(
                "TRACE-UNRESOLVED-LOT", "batch_record", f"{b.batch_lot}|{lot}",
                f"Organic batch {b.batch_lot} ({b.product_name}) used {inp.ingredient!r} lot {lot}, which matches "
                "no lot on any receiving invoice.",
                subject_id=b.id, facility=b.facility,
                evidence=evidence_for(b, f"inputs[{j}].lot_number", f"inputs[{j}].ingredient",
                                      snippet=f"{inp.ingredient} lot {lot}"),
            ))
    return out


@rule("BALANCE-EXCEEDS-PURCHASES")
def balance_exceeds_purchases(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    out = []
    for line in ingredient_balance(records):
        if not line.exceeds:
            continue
        out.append(ctx.finding(
            "BALANCE-EXCEEDS-PURCHASES", "ingredient", line.ingredient,
            f"Organic {line.ingredient}: {line.used:g} {line.unit} used in {line.batches} batch(es) but only "
            f"{line.purchased:g} {line.unit} bought on {line.invoices} invoice(s), {-line.difference:g} "
            f"{line.unit} unaccounted for.", evidence=list(line.evidence),
        ))
    return out

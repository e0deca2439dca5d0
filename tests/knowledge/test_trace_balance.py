"""The pure helpers the audit package reuses: trace-back chains and the in/out balance."""
from __future__ import annotations

from datetime import date, datetime

from auditpack.records import BatchInput
from knowledge.balance import ingredient_balance
from knowledge.trace import trace_lot
from tests.knowledge import factory as f


def test_trace_lot_links_batch_inputs_to_invoice_and_certificate():
    recs = [f.invoice(), f.certificate(), f.batch("B-1", datetime(2026, 3, 4, 8), inputs=[
        BatchInput(ingredient="rolled oats", lot_number="L-1", quantity=50, unit="lb"),
        BatchInput(ingredient="honey", lot_number="H-9", quantity=5, unit="lb")])]
    chain = trace_lot(recs, "b-1")
    assert chain.product_name == "Oat Granola" and chain.unresolved == ["H-9"]
    link = chain.links[0]
    assert (link.invoice_number, link.supplier, link.certificate_status) == ("INV-1", "Valley Grain Co", "certified")
    assert {e.filename for e in link.evidence} == {"INV-1.pdf", "cert-Valley Grain Co.pdf"}


def test_trace_of_unknown_lot_says_so():
    assert trace_lot([f.invoice()], "NOPE").unresolved == ["no batch record for lot NOPE"]


def test_balance_per_period_and_conventional_runs_ignored():
    recs = [f.invoice(day=date(2026, 3, 2)), f.invoice("INV-2", day=date(2026, 5, 2)),
            f.batch("B-1", datetime(2026, 3, 4, 8)),
            f.batch("C-1", datetime(2026, 3, 5, 8), run="conventional")]
    [line] = ingredient_balance(recs, start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert line.ingredient == "rolled oats" and line.unit == "kg"
    assert round(line.purchased, 2) == 45.36 and round(line.used, 2) == 22.68 and not line.exceeds
    assert (line.invoices, line.batches) == (1, 1)

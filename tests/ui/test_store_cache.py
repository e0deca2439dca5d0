"""Views that read every record are kept until the store changes: opening the Dashboard twice reads once, and a
decision, an ingest or a re-check shows at once."""
from __future__ import annotations

from datetime import date

from auditpack.records import Decision, DecisionAction
from review_ui.dashboard import compute
from review_ui.store_cache import StoreCache, store_fingerprint
from tests.core.records_factory import document, finding, invoice


def test_the_dashboard_is_read_once_until_a_write_changes_what_it_shows(store, tmp_workspace):
    f = finding("CERT-MISSING", "Acme")
    store.sync_findings([f])
    settings = tmp_workspace.settings
    cache = StoreCache(lambda today: compute(store, 24, today, timeline=lambda recs, t, d: []),
                       lambda: store_fingerprint(store, settings))
    today = date(2026, 12, 2)

    first = cache.get(today)
    assert cache.get(today) is first and cache.computed == 1  # nothing written: not read again
    assert "1" in first.headline

    store.decide(Decision(finding_id=f.id, action=DecisionAction.DISMISS, actor="rev", reason="cert on file"))
    after_decision = cache.get(today)
    assert cache.computed == 2 and after_decision.headline != first.headline

    doc = document("inv.pdf", "an invoice")
    store.add_document(doc, [invoice(doc, "INV-1")], actor="test")
    cache.get(today)
    assert cache.computed == 3  # an ingest shows too

    cache.get(date(2026, 12, 3))
    assert cache.computed == 4  # a new day: days to anniversary move

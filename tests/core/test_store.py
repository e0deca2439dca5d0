"""The store behaves the same on SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import threading
from datetime import date

import pytest

from auditpack.errors import ConflictError, DecisionError, StoreError
from auditpack.records import Decision, DecisionAction, FindingStatus
from tests.core.records_factory import certificate, document, finding, invoice



def test_document_and_records_round_trip(any_store):
    doc = document("inv.pdf", "v1")
    assert any_store.add_document(doc, [invoice(doc)], actor="ana") is True
    [rec] = any_store.records("invoice")
    assert rec.invoice_number == "INV-1"
    assert rec.lines[0].lot_number == "L-1"
    assert rec.field_sources["invoice_number"].document_sha256 == doc.sha256
    assert any_store.get_document(doc.sha256).record_count == 1
    assert any_store.audit_log()[0].actor == "ana"


def test_same_content_twice_is_a_no_op(any_store):
    doc = document("inv.pdf", "v1")
    assert any_store.add_document(doc, [invoice(doc)], actor="ana")
    assert any_store.add_document(doc, [invoice(doc)], actor="ana") is False
    assert len(any_store.records()) == 1
    assert len(any_store.list_documents()) == 1


def test_a_new_version_replaces_the_one_ingest_named_and_the_old_one_is_kept(any_store):
    old, new = document("inv.pdf", "v1"), document("inv.pdf", "v2")
    any_store.add_document(old, [invoice(old, "INV-1")], actor="ana")
    any_store.add_document(new.model_copy(update={"previous_version": old.sha256}), [invoice(new, "INV-1B")],
                           actor="ana")
    assert [r.invoice_number for r in any_store.records()] == ["INV-1B"]
    assert {r.invoice_number for r in any_store.records(include_superseded=True)} == {"INV-1", "INV-1B"}
    assert any_store.get_document(new.sha256).previous_version == old.sha256
    assert any_store.get_document(old.sha256) is not None


def test_a_file_name_alone_replaces_nothing(any_store):
    """Every supplier's invoice.pdf is a different document: the store replaces only what ingest decided."""
    first, second = document("invoice.pdf", "acme"), document("invoice.pdf", "birch")
    any_store.add_document(first, [invoice(first, "INV-1")], actor="ana")
    any_store.add_document(second, [invoice(second, "BV-7")], actor="ana")
    assert sorted(r.invoice_number for r in any_store.records()) == ["BV-7", "INV-1"]
    assert [d.sha256 for d, _ in any_store.current_versions("invoice.pdf")] == [second.sha256, first.sha256]


def test_reinstate_makes_an_earlier_version_current_and_keeps_the_later(any_store):
    v1, v2 = document("inv.pdf", "v1"), document("inv.pdf", "v2")
    any_store.add_document(v1, [invoice(v1, "INV-1")], actor="ana")
    any_store.add_document(v2.model_copy(update={"previous_version": v1.sha256}), [invoice(v2, "INV-1B")],
                           actor="ana")
    assert any_store.reinstate(v1.sha256, actor="ana") == v2.sha256
    assert [r.invoice_number for r in any_store.records()] == ["INV-1"]
    assert any_store.get_document(v2.sha256).superseded_by == v1.sha256
    assert any_store.reinstate(v1.sha256, actor="ana") is None  # already current
    assert "document.reinstate" in [e.action for e in any_store.audit_log(v1.sha256)]


def test_failed_write_leaves_nothing_half_stored(any_store):
    kept = document("kept.pdf", "k")
    any_store.add_document(kept, [invoice(kept)], actor="ana")
    doc = document("inv.pdf", "v1")
    rec = invoice(doc)
    with pytest.raises(Exception):
        # two records with one id: the database refuses the second, so the whole document must roll back
        any_store.add_document(doc, [certificate(doc), rec, rec.model_copy()], actor="ana")
    assert any_store.get_document(doc.sha256) is None
    assert [r.source.document_sha256 for r in any_store.records()] == [kept.sha256]
    assert [e.entity_id for e in any_store.audit_log()] == [kept.sha256]


def test_findings_keep_decisions_across_rechecks_and_resolve_when_gone(any_store):
    doc = document("inv.pdf")
    any_store.add_document(doc, [invoice(doc)], actor="ana")
    f1, f2 = finding("INV-NO-LOT", "INV-1|oats", doc), finding("CERT-MISSING", "Valley Grain Co", doc)
    any_store.sync_findings([f1, f2])
    state = any_store.decide(Decision(finding_id=f1.id, action=DecisionAction.DISMISS, actor="rev",
                                      reason="lot is on the bill of lading"), expected_version=1)
    assert state.finding.status is FindingStatus.DISMISSED
    result = any_store.sync_findings([f1])  # f2 vanished
    assert result.kept_decisions == 1 and result.resolved == 1
    assert any_store.get_finding(f1.id).reason == "lot is on the bill of lading"
    assert any_store.get_finding(f2.id).finding.status is FindingStatus.RESOLVED
    any_store.sync_findings([f1, f2])  # it came back
    assert any_store.get_finding(f2.id).finding.status is FindingStatus.OPEN


def test_decisions_need_what_a_certifier_would_ask_for(any_store):
    f = finding("INV-NO-LOT", "INV-1|oats")
    any_store.sync_findings([f])
    with pytest.raises(DecisionError, match="reason"):
        any_store.decide(Decision(finding_id=f.id, action=DecisionAction.DISMISS, actor="rev", reason="  "))
    with pytest.raises(DecisionError, match="corrective action"):
        any_store.decide(Decision(finding_id=f.id, action=DecisionAction.ACCEPT, actor="rev",
                                  corrective_action="add lot numbers"))
    ok = any_store.decide(Decision(finding_id=f.id, action=DecisionAction.ACCEPT, actor="rev",
                                   corrective_action="Require lot numbers on receiving", due_date=date(2026, 12, 1)))
    assert ok.corrective_action == "Require lot numbers on receiving" and ok.due_date == date(2026, 12, 1)
    assert [d.action for d in any_store.decisions(f.id)] == [DecisionAction.ACCEPT]
    with pytest.raises(StoreError, match="no finding"):
        any_store.get_finding("nope")


def test_second_reviewer_on_a_stale_version_gets_a_conflict_and_nothing_is_lost(any_store):
    f = finding("CERT-MISSING", "Valley Grain Co")
    any_store.sync_findings([f])
    v = any_store.get_finding(f.id).version
    any_store.decide(Decision(finding_id=f.id, action=DecisionAction.DISMISS, actor="ana", reason="cert on file"), v)
    with pytest.raises(ConflictError, match="changed by someone else"):
        any_store.decide(Decision(finding_id=f.id, action=DecisionAction.ACCEPT, actor="ben",
                                  corrective_action="request cert", due_date=date(2026, 12, 1)), v)
    state = any_store.get_finding(f.id)
    assert state.finding.status is FindingStatus.DISMISSED and state.decided_by == "ana"


def test_concurrent_decisions_one_wins(any_store):
    f = finding("CERT-MISSING", "Acme")
    any_store.sync_findings([f])
    v = any_store.get_finding(f.id).version
    outcomes: list[str] = []

    def decide(actor: str) -> None:
        try:
            any_store.decide(Decision(finding_id=f.id, action=DecisionAction.DISMISS, actor=actor,
                                      reason=f"{actor} says fine"), v)
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")
        except Exception as exc:  # SQLite may report the lock as an OperationalError
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=decide, args=(n,)) for n in ("ana", "ben")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1
    assert len(any_store.decisions(f.id)) == 1


def test_a_decision_overtaken_between_read_and_write_is_a_conflict_not_a_crash(any_store):
    """Another process decides after this one read the finding but before its compare-and-set lands."""
    from sqlalchemy import event, text

    f = finding("CERT-MISSING", "Acme")
    any_store.sync_findings([f])
    v = any_store.get_finding(f.id).version
    fired: list[bool] = []

    def overtake(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith("UPDATE FINDINGS") and not fired:
            fired.append(True)
            with any_store.engine.connect() as other:  # the other reviewer's write commits first
                other.execute(text("UPDATE findings SET version = version + 1 WHERE id = :id"), {"id": f.id})
                other.commit()

    event.listen(any_store.engine, "before_cursor_execute", overtake)
    try:
        with pytest.raises(ConflictError) as err:
            any_store.decide(Decision(finding_id=f.id, action=DecisionAction.DISMISS, actor="ben",
                                      reason="cert on file"), v)
    finally:
        event.remove(any_store.engine, "before_cursor_execute", overtake)
    assert fired and err.value.expected == v
    assert any_store.decisions(f.id) == []  # nothing of the losing decision was written
    assert any_store.get_finding(f.id).version == v + 1


def test_the_store_offers_no_delete(any_store):
    public = [m for m in dir(any_store) if not m.startswith("_")]
    assert not [m for m in public if "delete" in m or "remove" in m or "purge" in m]


def test_users_and_roles(any_store):
    any_store.add_user("ana", "reviewer", "hash")
    assert any_store.get_user("ana").role == "reviewer"
    with pytest.raises(StoreError, match="unknown role"):
        any_store.add_user("bob", "superuser", "hash")

"""Corrections: overlaid on the extracted record, validated, append-only, conflict-checked, audited."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.services import Services
from auditpack.errors import AuditPackError, ConflictError
from auditpack.records import (
    Correction, CorrectionOp, DocumentQuery, ExtractionMethod, Problem, ProblemCode, SourceRef, Status,
)
from auditpack.store.errors import CorrectionError
from auditpack.store.schema import RecordRow
from tests.core.records_factory import document, invoice



def _stored(store, lot: str | None = None):
    doc = document("inv.pdf")
    rec = invoice(doc, "INV-1", lot=lot)
    if lot is None:
        rec = rec.model_copy(update={"missing_fields": ["lines[0].lot_number"]})
        doc = doc.model_copy(update={"status": Status.NEEDS_ATTENTION, "problems": [Problem(
            code=ProblemCode.MISSING_FIELD, field="lines[0].lot_number", record_id=rec.id, message="no lot")]})
    store.add_document(doc, [rec], actor="ingest")
    return doc, rec


def _set(doc, rec, field, value, actor="ana", **kw) -> Correction:
    return Correction(document_sha256=doc.sha256, record_id=rec.id, op=CorrectionOp.SET_VALUE, field=field,
                      value=value, actor=actor, **kw)


def test_corrected_value_is_what_records_return_and_the_extraction_is_kept(any_store):
    doc, rec = _stored(any_store, lot="L-1")
    pointed = SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=1, bbox=(10, 20, 60, 30))
    kept = any_store.correct(_set(doc, rec, "invoice_number", "INV-1A", source=pointed), expected_revision=0)
    assert kept.revision == 1 and kept.id is not None
    [current] = any_store.records("invoice")
    assert current.invoice_number == "INV-1A"
    assert any_store.get_record(rec.id).invoice_number == "INV-1A"
    src = current.field_sources["invoice_number"]
    assert src.extraction_method is ExtractionMethod.MANUAL and src.bbox == (10, 20, 60, 30)
    with any_store.transaction() as s:  # the extracted record itself is unchanged
        assert s.scalar(select(RecordRow.data).where(RecordRow.id == rec.id))["invoice_number"] == "INV-1"


def test_nested_value_clears_the_missing_field_and_the_inbox(any_store):
    doc, rec = _stored(any_store, lot=None)
    assert any_store.documents_page(DocumentQuery(inbox=True)).total == 1
    any_store.correct(_set(doc, rec, "lines[0].lot_number", "L-77"), expected_revision=0)
    current = any_store.get_record(rec.id)
    assert current.lines[0].lot_number == "L-77" and current.missing_fields == []
    info = any_store.get_document(doc.sha256)
    assert (info.status, info.missing_fields, info.revision) == (Status.INGESTED, [], 1)
    change = any_store.audit_log(entity_id=doc.sha256)[0]
    assert (change.before["status"], change.after["status"]) == ("needs_attention", "ingested")
    assert any_store.documents_page(DocumentQuery(inbox=True)).total == 0


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("invoice_date", "next tuesday", "a date"),
    ("total", "one hundred", "a number"),
    ("lines[0].organic", "maybe", "true or false"),
])
def test_a_value_of_the_wrong_type_is_refused_naming_the_field(any_store, field, value, expected):
    doc, rec = _stored(any_store, lot="L-1")
    with pytest.raises(CorrectionError, match=expected) as err:
        any_store.correct(_set(doc, rec, field, value), expected_revision=0)
    assert field in str(err.value)
    assert any_store.corrections(doc.sha256) == []
    assert any_store.get_document(doc.sha256).revision == 0


def test_values_are_kept_as_the_model_reads_them(any_store):
    doc, rec = _stored(any_store, lot="L-1")
    any_store.correct(_set(doc, rec, "invoice_date", "2026-04-09"), expected_revision=0)
    any_store.correct(_set(doc, rec, "total", "99.5"), expected_revision=1)
    current = any_store.get_record(rec.id)
    assert (current.invoice_date, current.total) == (date(2026, 4, 9), 99.5)
    assert [c.value for c in any_store.corrections(doc.sha256)] == ["2026-04-09", 99.5]


def test_a_stale_revision_is_a_conflict_naming_who_changed_it(any_store):
    doc, rec = _stored(any_store, lot="L-1")
    any_store.correct(_set(doc, rec, "invoice_number", "INV-BOB", actor="bob"), expected_revision=0)
    with pytest.raises(ConflictError, match="bob") as err:
        any_store.correct(_set(doc, rec, "invoice_number", "INV-ANA"), expected_revision=0)
    assert "revision 1, you had 0" in str(err.value)
    assert any_store.get_record(rec.id).invoice_number == "INV-BOB"


def test_every_correction_is_audited_with_before_and_after(any_store):
    doc, rec = _stored(any_store, lot="L-1")
    any_store.correct(_set(doc, rec, "invoice_number", "INV-2", note="typo on the scan"), expected_revision=0)
    entry = any_store.audit_log(entity_id=doc.sha256)[0]
    assert (entry.actor, entry.action) == ("ana", "document.set_value")
    assert entry.before["value"] == "INV-1" and entry.after["value"] == "INV-2"
    assert entry.after["note"] == "typo on the scan"


def test_lines_are_added_and_removed_in_the_view_only(any_store):
    doc, rec = _stored(any_store, lot="L-1")
    any_store.correct(Correction(document_sha256=doc.sha256, record_id=rec.id, op=CorrectionOp.ADD_LINE,
                                 field="lines", value={"description": "Organic spelt", "quantity": 5},
                                 actor="ana"), expected_revision=0)
    any_store.correct(Correction(document_sha256=doc.sha256, record_id=rec.id, op=CorrectionOp.REMOVE_LINE,
                                 field="lines[0]", actor="ana"), expected_revision=1)
    current = any_store.get_record(rec.id)
    assert [line.description for line in current.lines] == ["Organic spelt"]
    assert current.field_sources["lines[0]"].extraction_method is ExtractionMethod.MANUAL
    assert "lines[0].lot_number" not in current.field_sources  # the removed row's sources left with it
    with pytest.raises(CorrectionError, match="description"):  # a row without its required field
        any_store.correct(Correction(document_sha256=doc.sha256, record_id=rec.id, op=CorrectionOp.ADD_LINE,
                                     field="lines", value={"quantity": 1}, actor="ana"), expected_revision=2)


def test_a_path_the_record_does_not_have_is_refused(any_store):
    doc, rec = _stored(any_store, lot="L-1")
    with pytest.raises(CorrectionError):
        any_store.correct(_set(doc, rec, "lines[5].lot_number", "L-9"), expected_revision=0)
    with pytest.raises(CorrectionError):
        any_store.correct(_set(doc, rec, "colour", "blue"), expected_revision=0)


# --- services: roles and set_kind + re-read of a real stored original -------------------------------------

INVOICE_TEXT = """INVOICE
Valley Grain Co
123 Farm Road, Fresno CA

Invoice No: INV-4411
Invoice Date: 2026-03-02
Bill To: Test Organics LLC

Description            Qty   Unit  Lot      Amount
Organic rolled oats    100   lb    L-88     120.50

Total: 120.50
"""


@pytest.fixture
def services(tmp_workspace, store) -> Services:
    return Services(tmp_workspace, store)


def _ingest(services: Services, tmp_path: Path) -> str:
    from ingest.api import ingest_paths

    path = tmp_path / "valley.txt"
    path.write_text(INVOICE_TEXT)
    [outcome] = ingest_paths(services.workspace, services.store, [path], workers=1).outcomes
    return outcome.sha256


def test_a_viewer_may_not_correct(services, tmp_path):
    sha = _ingest(services, tmp_path)
    rec = services.document_detail(sha[:8]).records[0]
    with pytest.raises(AuditPackError, match="inspector"):
        services.correct(sha, rec.id, "invoice_number", "X", actor="ivy", role="inspector", revision=0)
    assert services.store.corrections(sha) == []


def test_ingested_text_is_searchable_and_the_detail_shows_corrections(services, tmp_path):
    sha = _ingest(services, tmp_path)
    assert [i.sha256 for i in services.documents(DocumentQuery(search="rolled oats")).items] == [sha]
    rec = services.document_detail(sha[:8]).records[0]
    detail = services.correct(sha, rec.id, "po_number", "PO-9", actor="ana", role="staff", revision=0)
    assert detail.records[0].po_number == "PO-9"
    assert [(c.op, c.actor, c.field) for c in detail.corrections] == [(CorrectionOp.SET_VALUE, "ana", "po_number")]


def test_set_kind_rereads_the_original_and_keeps_the_old_records(services, tmp_path):
    sha = _ingest(services, tmp_path)
    before = services.store.records(document_sha256=sha)
    detail = services.set_kind(sha, "invoice", actor="ana", role="staff", revision=0)
    assert detail.document.revision == 2  # the choice, then the re-read
    assert detail.corrections[0].op is CorrectionOp.SET_KIND and detail.corrections[0].value == "invoice"
    assert detail.records and all(r.id not in {b.id for b in before} for r in detail.records)
    everything = {r.id for r in services.store.records(document_sha256=sha, include_superseded=True)}
    assert {b.id for b in before} <= everything  # the old reading is kept, superseded
    actions = [e.action for e in services.store.audit_log(entity_id=sha)]
    assert actions[:2] == ["document.reread", "document.set_kind"]


def test_an_unknown_kind_is_refused_before_anything_is_written(services, tmp_path):
    sha = _ingest(services, tmp_path)
    with pytest.raises(AuditPackError, match="unknown kind"):
        services.set_kind(sha, "recipe", actor="ana", role="staff", revision=0)
    assert services.store.corrections(sha) == []

"""The documents view: filters, inbox, full-text search, sort and paging, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from sqlalchemy import text

from auditpack.records import (
    DocumentInfo, DocumentQuery, Problem, ProblemCode, SourceRef, Status, record_to_json,
)
from auditpack.store import SqlStore
from auditpack.store.documents_view import fts5_query
from auditpack.store.engine import make_engine
from auditpack.store.migrate import alembic_config
from tests.core.records_factory import certificate, document, invoice



def _unknown(name: str) -> DocumentInfo:
    doc = document(name, kind=None)
    return doc.model_copy(update={"status": Status.UNKNOWN, "kind": None,
                                  "reason": "not one of the known document kinds"})


def _fill(store) -> dict[str, DocumentInfo]:
    """Four documents: a clean invoice, one missing its lot, a certificate read with low confidence, an unknown."""
    clean, missing, cert, unknown = (document("a-clean.pdf"), document("b-missing.pdf", "m"),
                                     document("c-cert.pdf", kind="supplier_certificate"), _unknown("d-memo.pdf"))
    store.add_document(clean, [invoice(clean, "INV-100")], actor="ana",
                       text="Valley Grain Co invoice INV-100 organic rolled oats")
    lacking = invoice(missing, "INV-200", lot=None).model_copy(update={"missing_fields": ["lines[0].lot_number"],
                                                                       "supplier_name": "Prairie Mills"})
    store.add_document(missing.model_copy(update={"status": Status.NEEDS_ATTENTION, "problems": [
        Problem(code=ProblemCode.MISSING_FIELD, field="lines[0].lot_number", record_id=lacking.id,
                message="not found: lot")]}), [lacking], actor="ana", text="Prairie Mills invoice spelt flour")
    shaky = certificate(cert)
    shaky = shaky.model_copy(update={"field_sources": {"certifier": SourceRef(
        document_sha256=cert.sha256, filename=cert.filename, page=1, confidence=0.3)}})
    store.add_document(cert, [shaky], actor="ana", text="Certificate of organic operation Valley Grain Co")
    store.add_document(unknown, [], actor="ana", text="Memo: the forklift is serviced on Tuesdays")
    return {"clean": clean, "missing": missing, "cert": cert, "unknown": unknown}


def _names(page) -> list[str]:
    return [i.filename for i in page.items]


def test_rows_carry_what_the_list_shows(any_store):
    docs = _fill(any_store)
    page = any_store.documents_page(DocumentQuery(sort="filename"))
    assert page.total == 4
    by_name = {i.filename: i for i in page.items}
    assert by_name["a-clean.pdf"].issuer == "Valley Grain Co"
    assert by_name["a-clean.pdf"].document_date == date(2026, 3, 2)
    assert by_name["a-clean.pdf"].record_count == 1
    assert by_name["b-missing.pdf"].status is Status.NEEDS_ATTENTION
    assert by_name["b-missing.pdf"].missing_fields == ["lines[0].lot_number"]
    assert by_name["b-missing.pdf"].issuer == "Prairie Mills"
    assert by_name["c-cert.pdf"].low_confidence == 1
    assert by_name["c-cert.pdf"].document_date == date(2026, 6, 1)
    assert by_name["d-memo.pdf"].status is Status.UNKNOWN and by_name["d-memo.pdf"].reason
    assert by_name["a-clean.pdf"].sha256 == docs["clean"].sha256


def test_inbox_is_unknown_missing_and_low_confidence(any_store):
    _fill(any_store)
    inbox = any_store.documents_page(DocumentQuery(inbox=True, sort="filename"))
    assert _names(inbox) == ["b-missing.pdf", "c-cert.pdf", "d-memo.pdf"]
    assert inbox.total == 3


def test_filters_by_kind_status_issuer_and_date(any_store):
    _fill(any_store)
    assert _names(any_store.documents_page(DocumentQuery(kind="invoice", sort="filename"))) == \
        ["a-clean.pdf", "b-missing.pdf"]
    assert _names(any_store.documents_page(DocumentQuery(status=Status.UNKNOWN))) == ["d-memo.pdf"]
    assert _names(any_store.documents_page(DocumentQuery(issuer="prairie"))) == ["b-missing.pdf"]
    june = any_store.documents_page(DocumentQuery(date_from=date(2026, 5, 1), date_to=date(2026, 7, 1)))
    assert _names(june) == ["c-cert.pdf"]


def test_full_text_search(any_store):
    _fill(any_store)
    assert _names(any_store.documents_page(DocumentQuery(search="forklift"))) == ["d-memo.pdf"]
    assert _names(any_store.documents_page(DocumentQuery(search="Valley Grain", sort="filename"))) == \
        ["a-clean.pdf", "c-cert.pdf"]
    # every word must occur; punctuation and operator words are text, not syntax errors
    assert _names(any_store.documents_page(DocumentQuery(search="valley spelt"))) == []
    assert _names(any_store.documents_page(DocumentQuery(search="INV-100"))) == ["a-clean.pdf"]
    assert _names(any_store.documents_page(DocumentQuery(search='oats ( "'))) == ["a-clean.pdf"]
    assert _names(any_store.documents_page(DocumentQuery(search="memo", inbox=True))) == ["d-memo.pdf"]


def test_sort_and_paging_with_a_total(any_store):
    _fill(any_store)
    first = any_store.documents_page(DocumentQuery(sort="filename", descending=True, limit=3))
    second = any_store.documents_page(DocumentQuery(sort="filename", descending=True, limit=3, offset=3))
    assert _names(first) == ["d-memo.pdf", "c-cert.pdf", "b-missing.pdf"]
    assert _names(second) == ["a-clean.pdf"]
    assert first.total == second.total == 4
    by_date = any_store.documents_page(DocumentQuery(sort="date"))
    assert _names(by_date)[-1] == "d-memo.pdf"  # no date: last, on both databases


def test_a_replaced_file_shows_as_superseded_and_leaves_the_inbox(any_store):
    old = document("inv.pdf", "v1")
    any_store.add_document(old.model_copy(update={"status": Status.NEEDS_ATTENTION}), [invoice(old)], actor="ana")
    new = document("inv.pdf", "v2")
    any_store.add_document(new.model_copy(update={"previous_version": old.sha256}), [invoice(new, "INV-2")],
                           actor="ana")
    assert _names(any_store.documents_page(DocumentQuery(status=Status.SUPERSEDED))) == ["inv.pdf"]
    assert any_store.documents_page(DocumentQuery(status=Status.SUPERSEDED)).items[0].sha256 == old.sha256
    assert any_store.documents_page(DocumentQuery(inbox=True)).total == 0
    assert any_store.get_document(old.sha256).shown_status is Status.SUPERSEDED


def test_text_is_capped(any_store):
    doc = document("long.pdf")
    any_store.add_document(doc, [invoice(doc)], actor="ana", text="oats " * 60_000)
    assert len(any_store.document_text(doc.sha256)) == 200_000


def test_document_prefix_resolution(any_store):
    docs = _fill(any_store)
    assert any_store.resolve_document(docs["cert"].sha256[:10]).filename == "c-cert.pdf"
    with pytest.raises(Exception, match="no document"):
        any_store.resolve_document("0000000000")


def test_fts5_query_quotes_every_term():
    assert fts5_query('oats "valley grain" INV-1') == '"oats" "valley grain" "INV-1"'
    assert fts5_query('say "hi') == '"say" """hi"'


def test_migration_0003_backfills_existing_documents(tmp_path):
    """A workspace at 0002 with a stored invoice gets its issuer, date and newer version filled in."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    old, new = document("inv.pdf", "v1"), document("inv.pdf", "v2")
    with engine.begin() as conn:
        for d, prev in ((old, None), (new, old.sha256)):
            conn.execute(text(
                "INSERT INTO documents (sha256, filename, size_bytes, status, problems, stored_path, ingested_at, "
                "record_count, previous_version) VALUES (:s, :f, 1, 'ingested', '[]', 'x', '2026-01-01', 1, :p)"),
                {"s": d.sha256, "f": d.filename, "p": prev})
        import json
        conn.execute(text("INSERT INTO records (id, kind, document_sha256, data, created_at) "
                          "VALUES ('r1', 'invoice', :s, :d, '2026-01-01')"),
                     {"s": new.sha256, "d": json.dumps(record_to_json(invoice(new)))})
    engine.dispose()
    store = SqlStore.connect(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        assert store.get_document(old.sha256).superseded_by == new.sha256
        upgraded = store.get_document(new.sha256)
        assert (upgraded.issuer, upgraded.document_date, upgraded.revision) == ("Valley Grain Co", date(2026, 3, 2), 0)
    finally:
        store.close()

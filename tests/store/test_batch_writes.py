"""Ingest's write path: many documents in one transaction, their records in one executemany.

What a user relies on stays as `add_document` always promised: every document and record of the batch is
stored and listed, each document has its `document.ingest` audit entry, content already stored is not
written again, a replaced version is marked superseded (never deleted), and a failure leaves nothing of
the batch half stored. What the batch buys is counted on the connection: one commit and one records
INSERT for the whole batch, instead of one per document.
"""
from __future__ import annotations

import pytest
from sqlalchemy import event

from auditpack.store.document_writes import NewDocument
from tests.core.records_factory import certificate, document, invoice


def _batch(n: int, prefix: str = "inv") -> list[NewDocument]:
    out = []
    for k in range(n):
        doc = document(f"{prefix}-{k}.pdf", f"{prefix} content {k}")
        out.append(NewDocument(doc, [invoice(doc, f"INV-{k}")], text=f"invoice {k} organic oats"))
    return out


@pytest.fixture
def statements(any_store):
    """(statement, executemany) of every cursor execution, and the number of commits, on the store's engine."""
    seen: dict[str, list] = {"sql": [], "commits": []}

    def on_execute(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        seen["sql"].append((statement, executemany, parameters))

    event.listen(any_store.engine, "before_cursor_execute", on_execute)
    event.listen(any_store.engine, "commit", lambda conn: seen["commits"].append(1))
    yield seen
    event.remove(any_store.engine, "before_cursor_execute", on_execute)


def test_a_batch_stores_every_document_its_records_and_audit_entries(any_store) -> None:
    items = _batch(5)
    assert any_store.add_documents(items, actor="ana") == [True] * 5
    assert sorted(r.invoice_number for r in any_store.records()) == [f"INV-{k}" for k in range(5)]
    assert {d.sha256 for d in any_store.list_documents()} == {i.info.sha256 for i in items}
    assert all(any_store.get_document(i.info.sha256).record_count == 1 for i in items)
    assert any_store.document_text(items[2].info.sha256) == "invoice 2 organic oats"
    log = [e for e in any_store.audit_log() if e.action == "document.ingest"]
    assert sorted(e.entity_id for e in log) == sorted(i.info.sha256 for i in items)


def test_a_batch_is_one_commit_and_one_records_insert(any_store, statements) -> None:
    items = _batch(6)
    statements["sql"].clear()
    statements["commits"].clear()
    any_store.add_documents(items, actor="ana")
    record_inserts = [s for s in statements["sql"] if s[0].lstrip().upper().startswith("INSERT INTO RECORDS")]
    assert len(statements["commits"]) == 1
    assert len(record_inserts) == 1  # six documents' records, one statement
    # the same six documents one by one: a commit and a records INSERT each
    statements["sql"].clear()
    statements["commits"].clear()
    for item in _batch(6, prefix="single"):
        any_store.add_document(item.info, item.records, actor="ana", text=item.text)
    record_inserts = [s for s in statements["sql"] if s[0].lstrip().upper().startswith("INSERT INTO RECORDS")]
    assert len(statements["commits"]) == 6 and len(record_inserts) == 6


def test_stored_content_is_not_written_again_in_or_across_batches(any_store) -> None:
    items = _batch(3)
    any_store.add_documents(items[:1], actor="ana")
    assert any_store.add_documents([items[0], items[1], items[1], items[2]], actor="ana") == [False, True, False, True]
    assert sorted(r.invoice_number for r in any_store.records()) == ["INV-0", "INV-1", "INV-2"]
    assert len([e for e in any_store.audit_log() if e.action == "document.ingest"]) == 3


def test_a_version_replaced_within_the_batch_is_superseded_not_deleted(any_store) -> None:
    old = document("inv.pdf", "v1")
    new = document("inv.pdf", "v2").model_copy(update={"previous_version": old.sha256})
    any_store.add_documents([NewDocument(old, [invoice(old, "INV-1")]), NewDocument(new, [invoice(new, "INV-1B")])],
                            actor="ana")
    assert [r.invoice_number for r in any_store.records()] == ["INV-1B"]
    assert {r.invoice_number for r in any_store.records(include_superseded=True)} == {"INV-1", "INV-1B"}
    assert any_store.get_document(old.sha256).superseded_by == new.sha256
    assert any_store.get_document(new.sha256).previous_version == old.sha256


def test_a_failure_stores_nothing_of_the_batch(any_store) -> None:
    kept = _batch(1, prefix="kept")
    any_store.add_documents(kept, actor="ana")
    bad_doc = document("bad.pdf", "bad")
    rec = invoice(bad_doc)
    batch = _batch(2) + [NewDocument(bad_doc, [certificate(bad_doc), rec, rec.model_copy()])]  # one id twice
    with pytest.raises(Exception):
        any_store.add_documents(batch, actor="ana")
    assert [d.sha256 for d in any_store.list_documents()] == [kept[0].info.sha256]
    assert [r.source.document_sha256 for r in any_store.records()] == [kept[0].info.sha256]
    assert [e.entity_id for e in any_store.audit_log()] == [kept[0].info.sha256]


def test_a_batch_of_files_is_looked_up_at_once(any_store) -> None:
    """Ingest asks for a chunk of files in one look-up: which contents are stored, which names are current."""
    old = document("inv.pdf", "v1")
    new = document("inv.pdf", "v2").model_copy(update={"previous_version": old.sha256})
    other = document("other.pdf", "o1")
    any_store.add_documents([NewDocument(old, [invoice(old, "INV-1")]), NewDocument(new, [invoice(new, "INV-1B")])],
                            actor="ana")
    found = any_store.get_documents([old.sha256, other.sha256, new.sha256, old.sha256])
    assert set(found) == {old.sha256, new.sha256}
    assert found[old.sha256].superseded_by == new.sha256 and found[new.sha256].filename == "inv.pdf"
    assert any_store.get_documents([]) == {}
    assert any_store.current_filenames(["inv.pdf", "other.pdf", "inv.pdf"]) == {"inv.pdf"}
    renamed = document("renamed.pdf", "o2").model_copy(update={"previous_version": other.sha256})
    any_store.add_documents([NewDocument(other), NewDocument(renamed)], actor="ana")
    assert any_store.current_filenames(["other.pdf", "renamed.pdf"]) == {"renamed.pdf"}  # other.pdf: superseded
    assert any_store.current_filenames([]) == set()

"""A new version is a decision on evidence: a name alone, or a broken file, never replaces good records.

Each case below once lost good records: a truncated upload named like a good document superseded it,
every supplier's `invoice.pdf` superseded the previous supplier's, and a file reverted to its earlier
content stayed superseded by the edit.
"""
from __future__ import annotations

from pathlib import Path

from ingest.api import ingest_bytes, ingest_paths
from tests.ingest.conftest import INVOICE_LINES, make_pdf, pdf_bytes

OTHER_SUPPLIER = [ln.replace("Acme Organic Mills LLC", "Birch Valley Grain Co").replace("AOM-1001", "BVG-7")
                  for ln in INVOICE_LINES]


def _current_numbers(store) -> list[str]:
    return sorted(r.invoice_number for r in store.records(kind="invoice"))


def test_a_truncated_file_named_like_a_good_one_replaces_nothing(tmp_workspace, store, tmp_path: Path):
    good = make_pdf(INVOICE_LINES, tmp_path / "invoice.pdf")
    assert ingest_paths(tmp_workspace, store, [good], workers=1).outcomes[0].status == "ingested"
    good.write_bytes(good.read_bytes()[:300])  # the same file, cut off by a failed copy

    bad = ingest_paths(tmp_workspace, store, [good], workers=1).outcomes[0]

    assert bad.status == "rejected"
    assert _current_numbers(store) == ["AOM-1001"]
    assert all(d.superseded_by is None for d in store.list_documents())


def test_a_broken_upload_named_like_a_good_one_replaces_nothing(tmp_workspace, store):
    ok = ingest_bytes(tmp_workspace, store, "invoice.pdf", pdf_bytes(INVOICE_LINES), actor="staff1")
    bad = ingest_bytes(tmp_workspace, store, "invoice.pdf", pdf_bytes(INVOICE_LINES)[:250], actor="staff1")
    assert ok.status == "ingested" and bad.status == "rejected"
    assert _current_numbers(store) == ["AOM-1001"]


def test_the_same_name_in_two_folders_is_two_documents(tmp_workspace, store, tmp_path: Path):
    (tmp_path / "acme").mkdir()
    (tmp_path / "birch").mkdir()
    a = make_pdf(INVOICE_LINES, tmp_path / "acme" / "invoice.pdf")
    b = make_pdf(OTHER_SUPPLIER, tmp_path / "birch" / "invoice.pdf")
    outcomes = ingest_paths(tmp_workspace, store, [a, b], workers=1).outcomes
    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    assert _current_numbers(store) == ["AOM-1001", "BVG-7"]


def test_a_new_version_at_the_same_place_with_the_same_key_replaces_the_old(tmp_workspace, store, tmp_path: Path):
    f = make_pdf(INVOICE_LINES, tmp_path / "invoice.pdf")
    first = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]
    make_pdf([ln.replace("120.00", "130.00") for ln in INVOICE_LINES], f)
    second = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]
    assert store.get_document(second.sha256).previous_version == first.sha256
    assert [r.total for r in store.records(kind="invoice")] == [130.0]


def test_same_place_but_another_invoice_keeps_both_and_asks_a_person(tmp_workspace, store, tmp_path: Path):
    f = make_pdf(INVOICE_LINES, tmp_path / "scan001.pdf")
    ingest_paths(tmp_workspace, store, [f], workers=1)
    make_pdf(OTHER_SUPPLIER, f)  # the scanner reused its file name for the next invoice

    second = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]

    assert _current_numbers(store) == ["AOM-1001", "BVG-7"]
    assert second.status == "needs_attention"
    assert any(p.code == "possible_version" and "both are kept current" in p.message for p in second.problems)


def test_a_file_reverted_to_its_earlier_content_makes_that_version_current_again(tmp_workspace, store,
                                                                                 tmp_path: Path):
    f = make_pdf(INVOICE_LINES, tmp_path / "invoice.pdf")
    original = f.read_bytes()
    first = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]
    make_pdf([ln.replace("120.00", "130.00") for ln in INVOICE_LINES], f)
    edit = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]
    f.write_bytes(original)

    back = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]

    assert back.status == "duplicate" and "current again" in back.reason
    assert [r.total for r in store.records(kind="invoice")] == [120.0]
    assert store.get_document(edit.sha256).superseded_by == first.sha256
    assert len(store.records(kind="invoice", include_superseded=True)) == 2  # nothing deleted
    again = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]
    assert again.status == "duplicate" and [r.total for r in store.records(kind="invoice")] == [120.0]

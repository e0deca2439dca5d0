"""What users rely on: one bad file never stops the batch, nothing is lost, re-ingest is a no-op."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ingest.api import ingest_bytes, ingest_paths
from tests.ingest.conftest import INVOICE_LINES, make_pdf, pdf_bytes


def _bad_files(tmp: Path) -> dict[str, Path]:
    from pypdf import PdfWriter

    files = {}
    good = pdf_bytes(INVOICE_LINES)
    (files.setdefault("corrupt", tmp / "corrupt.pdf")).write_bytes(good[: len(good) // 3])
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("secret")
    with (files.setdefault("encrypted", tmp / "locked.pdf")).open("wb") as f:
        w.write(f)
    (files.setdefault("empty", tmp / "empty.pdf")).write_bytes(b"")
    with (files.setdefault("zero", tmp / "zero.pdf")).open("wb") as f:
        PdfWriter().write(f)
    (files.setdefault("wrong", tmp / "notes.pdf")).write_text("meeting notes\n")
    (files.setdefault("unsupported", tmp / "data.bin")).write_bytes(bytes(range(256)) * 8)
    return files


def test_bad_files_are_rejected_with_reasons_and_the_batch_goes_on(tmp_workspace, store, tmp_path: Path) -> None:
    bad = _bad_files(tmp_path)
    good = make_pdf(INVOICE_LINES, tmp_path / "good.pdf")
    summary = ingest_paths(tmp_workspace, store, [*bad.values(), good], workers=1)
    by_name = {o.filename: o for o in summary.outcomes}
    assert by_name["good.pdf"].status == "ingested" and by_name["good.pdf"].records == 1
    expect = {"corrupt.pdf": "corrupt", "locked.pdf": "password", "empty.pdf": "empty",
              "zero.pdf": "no pages", "notes.pdf": "named .pdf", "data.bin": "not a document type"}
    for name, words in expect.items():
        o = by_name[name]
        assert o.status == "rejected", name
        assert words in o.reason, (name, o.reason)
        assert not o.reason.startswith("internal error"), o.reason
        doc = store.get_document(o.sha256) if o.sha256 else None
        if doc is not None:  # the original is kept, listed as rejected
            assert (tmp_workspace.root / doc.stored_path).exists()
            assert doc.status.value == "rejected"
    assert summary.rejected == len(expect)


def test_too_large_uses_the_configured_limit(tmp_workspace, store, invoice_pdf: Path) -> None:
    settings = tmp_workspace.settings.model_copy(deep=True)
    settings.ingest.max_file_mb = 0.0001
    ws = dataclasses.replace(tmp_workspace, settings=settings)
    o = ingest_paths(ws, store, [invoice_pdf], workers=1).outcomes[0]
    assert o.status == "rejected" and "max_file_mb" in o.reason


def test_same_content_twice_is_one_document_and_a_changed_file_is_a_new_version(tmp_workspace, store,
                                                                                   tmp_path: Path) -> None:
    f = make_pdf(INVOICE_LINES, tmp_path / "inv.pdf")
    first = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]
    again = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]
    assert first.status == "ingested" and again.status == "duplicate"
    assert len(store.list_documents()) == 1
    make_pdf([ln.replace("120.00", "130.00") for ln in INVOICE_LINES], f)
    second = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]
    assert second.status == "ingested" and second.sha256 != first.sha256
    assert store.get_document(second.sha256).previous_version == first.sha256
    current = store.records(kind="invoice")
    assert [r.total for r in current] == [130.0]
    assert len(store.records(kind="invoice", include_superseded=True)) == 2  # the old one is kept
    assert (tmp_workspace.root / store.get_document(first.sha256).stored_path).exists()


def test_upload_names_are_untrusted(tmp_workspace, store) -> None:
    o = ingest_bytes(tmp_workspace, store, "../../../etc/evil name.pdf", pdf_bytes(INVOICE_LINES), actor="ui")
    assert o.status == "ingested" and "/" not in o.path
    doc = store.get_document(o.sha256)
    stored = (tmp_workspace.root / doc.stored_path).resolve()
    assert stored.is_relative_to(tmp_workspace.root.resolve()) and o.sha256 in stored.name


def test_a_bug_is_reported_as_internal_error_and_does_not_stop_the_batch(tmp_workspace, store, tmp_path,
                                                                         monkeypatch) -> None:
    from ingest.parsers import invoice

    def boom(self, document):  # noqa: ANN001
        raise RuntimeError("parser bug")

    monkeypatch.setattr(invoice.InvoiceParser, "parse", boom)
    bad = make_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    other = tmp_path / "b.csv"
    other.write_text("Pest control log\nDate,Location,Level,Material,Applicator\n2026-01-05,Dock,B,Glue boards,T. O.\n")
    summary = ingest_paths(tmp_workspace, store, [bad, other], workers=1)
    a, b = summary.outcomes
    assert a.status == "rejected" and a.reason.startswith("internal error: RuntimeError: parser bug")
    assert b.status == "ingested"


def test_strict_turns_problems_into_rejections(tmp_workspace, store, tmp_path: Path) -> None:
    no_lines = [ln for ln in INVOICE_LINES if not ln.startswith(("Description", "Organic Oat"))]
    a = make_pdf(no_lines, tmp_path / "a.pdf")
    b = make_pdf(no_lines + ["thanks"], tmp_path / "b.pdf")
    lenient = ingest_paths(tmp_workspace, store, [a], workers=1).outcomes[0]
    assert lenient.status == "needs_attention" and lenient.records == 1
    assert [p.field for p in lenient.problems if p.code == "missing_field"] == ["lines"]
    strict = ingest_paths(tmp_workspace, store, [b], workers=1, strict=True).outcomes[0]
    assert strict.status == "rejected" and strict.reason.startswith("--strict") and strict.records == 0
    assert strict.problems[-1].code == "strict" and strict.problems[-1].severity == "error"
    assert store.records(document_sha256=strict.sha256) == []


def test_parallel_workers_give_the_same_records(tmp_workspace, store, tmp_path: Path) -> None:
    files = [make_pdf([ln.replace("AOM-1001", f"AOM-{i}") for ln in INVOICE_LINES], tmp_path / f"i{i}.pdf")
             for i in range(4)]
    seen = []
    summary = ingest_paths(tmp_workspace, store, files, workers=2, on_file=seen.append)
    assert len(seen) == 4 and summary.ingested == 4
    assert sorted(r.invoice_number for r in store.records(kind="invoice")) == [f"AOM-{i}" for i in range(4)]


def test_unknown_documents_are_kept_and_listed(tmp_workspace, store, tmp_path: Path) -> None:
    f = make_pdf(["Minutes of the staff meeting", "We discussed the holiday party and parking."], tmp_path / "m.pdf")
    o = ingest_paths(tmp_workspace, store, [f], workers=1).outcomes[0]
    assert o.status == "unknown" and o.records == 0
    assert store.get_document(o.sha256).status.value == "unknown"

"""Parser registry ("template rot"), classification by content, page-range splitting, provenance."""
from __future__ import annotations

from auditpack.records import RecordKind
from ingest.loaders import LoadOptions
from ingest.models import Line, LoadedDocument, Page
from ingest.parsers import kinds, parsers
from ingest.pipeline import load, parse_document
from tests.ingest.conftest import INVOICE_LINES, pdf_bytes


def _doc(*pages: str) -> LoadedDocument:
    return LoadedDocument(sha256="0" * 64, filename="x.pdf", media_type="application/pdf", pages=[
        Page(number=i, text=t, lines=[Line(text=ln) for ln in t.splitlines()]) for i, t in enumerate(pages, 1)])


def test_every_parser_declares_a_kind_and_scores_an_empty_document_zero() -> None:
    assert sorted(kinds()) == sorted(["supplier_certificate", "invoice", "cleaning_log", "organic_system_plan",
                                      "product_profile", "batch_record", "pest_control_log"])
    empty = _doc("")
    for p in parsers():
        assert isinstance(p.record_kind, RecordKind)
        assert p.score(empty) == 0.0
        assert p.parse(empty).status != "ok"  # nothing found is never "ok"


def test_classification_ignores_the_file_name() -> None:
    doc, _ = load(pdf_bytes(INVOICE_LINES), "certificate.pdf", "0" * 64, LoadOptions())
    assert parse_document(doc).kind == "invoice"


def test_several_invoices_in_one_pdf_become_several_records() -> None:
    a = "\n".join(INVOICE_LINES)
    b = a.replace("AOM-1001", "AOM-1002").replace("120.00", "99.00")
    analysis = parse_document(_doc(a, b))
    assert sorted(r["invoice_number"] for r in analysis.records) == ["AOM-1001", "AOM-1002"]
    assert {r["source"]["page"] for r in analysis.records} == {1, 2}


def test_values_carry_page_span_and_confidence() -> None:
    rec = parse_document(_doc("\n".join(INVOICE_LINES))).records[0]
    src = rec["field_sources"]["invoice_number"]
    assert src["page"] == 1 and "AOM-1001" in src["span"] and 0 < src["confidence"] <= 1
    assert rec["invoice_date"] == "2026-03-04" and rec["total"] == 120.0
    assert rec["lines"][0]["lot_number"] == "L-2201" and rec["lines"][0]["organic"] is True


def test_missing_fields_are_listed_not_guessed() -> None:
    analysis = parse_document(_doc("INVOICE\nInvoice No.: Q-1\nTotal 10.00\nDescription  Qty  Amount\nOats  1  10.00"))
    rec = analysis.records[0]
    assert rec["invoice_date"] is None and "invoice_date" in rec["missing_fields"]
    assert any(p.code == "missing_field" and p.field == "invoice_date" and p.record_id == rec["id"]
               for p in analysis.problems)
    assert analysis.status == "needs_attention"  # never "ingested" while a field is missing


def test_a_blank_template_yields_no_fake_records() -> None:
    blank = "Cleaning log\nDate | Equipment | Agent | Cleaned by | Verified by\n | | | |\n | | | |"
    analysis = parse_document(_doc(blank))
    assert analysis.records == [] and analysis.status == "unknown"

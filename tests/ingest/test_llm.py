"""LLM gap filling: plumbing only, with LangChain's fake chat model (no network, no real model)."""
from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from tests.ingest.test_parsers import _doc
from ingest.pipeline import parse_document

TEXT = "INVOICE\nInvoice No.: Q-1\nTotal 10.00\nDescription  Qty  Amount\nOats  1  10.00"


def test_missing_fields_are_filled_by_the_model_and_marked_llm() -> None:
    model = FakeListChatModel(responses=['{"invoice_date": "2026-02-01", "supplier_name": null}'])
    rec = parse_document(_doc(TEXT), model=model).records[0]
    assert rec["invoice_date"] == "2026-02-01"
    assert rec["field_sources"]["invoice_date"]["extraction_method"] == "llm"
    assert "invoice_date" not in rec["missing_fields"]
    assert rec["invoice_number"] == "Q-1"  # found values are not replaced


def test_a_failing_model_leaves_fields_missing() -> None:
    model = FakeListChatModel(responses=["this is not JSON"])
    analysis = parse_document(_doc(TEXT), model=model)
    assert "invoice_date" in analysis.records[0]["missing_fields"]
    assert any(p.code == "llm_failed" and "language model failed" in p.message for p in analysis.problems)
    assert any(p.code == "missing_field" and p.field == "invoice_date" for p in analysis.problems)
    assert analysis.status == "needs_attention"

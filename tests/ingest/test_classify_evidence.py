"""What counts as evidence of a kind: names in the body, a clear lead, and the titles a kind declares it is not.

Why: the variation bench left organic system plans unknown because their answers mention the invoices,
certificates and recipes the operation keeps (each mention counted as much as a real hint of the kind),
and invoices titled in words no list holds unknown because their score fell a hair under a fixed bar
although no other kind came close. Real purchase orders, bills of lading and delivery notes were read as
invoices: they list goods as an invoice does. Each rule here is one a user notices: a document left unknown,
or a document read as a kind it says it is not.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from auditpack.declarations import DeclarationError, declarations, load_declarations
from ingest.layout import read_document
from ingest.models import Line, LoadedDocument, Page
from ingest.resolve.api import claims, clearly, plausible
from ingest.resolve.classify import KindScore, disowned, score_kinds
from ingest.resolve.labels import label_indexes


def _doc(lines: list[str]) -> LoadedDocument:
    page = Page(number=1, text="\n".join(lines), lines=[Line(text=t) for t in lines])
    return LoadedDocument(sha256="0" * 64, filename="x.csv", media_type="text/csv", pages=[page])


def _names(lines: list[str]) -> dict[str, float]:
    doc, decls = _doc(lines), declarations()
    return {s.kind: s.names for s in score_kinds(doc, read_document(doc), decls, label_indexes(decls), None)}


QUESTIONS = ["Handling questionnaire", "", "", "", "", "", "", "", "",
             "1) How do you trace what you bought?",
             "We keep every invoice for five years.",
             "2) How do you check your suppliers?",
             "We file each supplier's organic certificate every year."]


def test_a_body_that_mentions_several_kinds_names_none_of_them() -> None:
    names = _names(QUESTIONS)
    assert names["invoice"] < 0.3 and names["supplier_certificate"] < 0.3
    assert names["invoice"] == pytest.approx(names["supplier_certificate"])


def test_a_body_that_mentions_one_kind_still_leans_toward_it() -> None:
    names = _names(QUESTIONS[:-1])
    assert names["invoice"] == pytest.approx(0.45)


def _scores(**scores: float) -> list[KindScore]:
    return [KindScore(k, s, 0.0, 0.0) for k, s in scores.items()]


def test_a_kind_far_ahead_of_every_other_is_clear_under_the_score_bar() -> None:
    assert clearly(_scores(invoice=0.548, product_profile=0.203), "invoice")
    assert not clearly(_scores(invoice=0.548, product_profile=0.45), "invoice")
    assert clearly(_scores(invoice=0.6, product_profile=0.5), "invoice")  # the score bar alone still counts


def test_a_clear_kind_keeps_a_record_one_core_field_short() -> None:
    decl = declarations()["invoice"]
    record = SimpleNamespace(supplier_name="Notenhandel BV", invoice_number=None, invoice_date=None, total=49.5,
                             lines=[SimpleNamespace(description="Hazelnuts")] * 3)
    assert not plausible(record, decl)
    assert plausible(record, decl, clear=True)


PURCHASE_ORDER = ["Purchase Order", "PO number: 4500012", "Ship to: Blue Ridge Organics",
                  "Description | Quantity | Unit price | Amount", "Rolled oats | 10 | 2.50 | 25.00",
                  "Total: 25.00"]


def test_a_purchase_order_is_not_read_as_an_invoice() -> None:
    doc, decls = _doc(PURCHASE_ORDER), declarations()
    assert "invoice" in disowned(doc, decls)
    scores = {s.kind: s.score for s in score_kinds(doc, read_document(doc), decls, label_indexes(decls), None)}
    assert scores["invoice"] == 0.0


@pytest.mark.parametrize("title", ["Purchase order ref.: PO-77", "Purchase order ref.", "Invoice"])
def test_a_label_that_holds_the_words_is_no_title(title: str) -> None:
    """An invoice that quotes the buyer's order number is still an invoice."""
    assert "invoice" not in disowned(_doc(["Invoice", title, "Total: 25.00"]), declarations())


def test_a_title_numbered_after_the_phrase_still_names_it() -> None:
    assert "invoice" in disowned(_doc(["Bill of lading 2024/118", "Shipper: Serra Verde"]), declarations())


def test_a_phrase_that_is_both_a_name_and_not_a_name_of_a_kind_is_refused(tmp_path: Path) -> None:
    (tmp_path / "invoice.yaml").write_text("kind: invoice\nnot_names:\n  en: [Invoice]\n", encoding="utf-8")
    with pytest.raises(DeclarationError, match="not_names"):
        load_declarations([tmp_path])


def test_the_parsers_do_not_read_a_purchase_order_as_an_invoice() -> None:
    """The invoice parser scores a purchase order's bill-to, terms and priced lines as an invoice's."""
    from ingest.classify import page_kinds

    lines = PURCHASE_ORDER[:3] + ["Bill to: Blue Ridge Organics", "Payment terms: 30 days"] + PURCHASE_ORDER[3:]
    assert all(kind != "invoice" for kind, _ in page_kinds(_doc(lines)))
    assert any(kind == "invoice" for kind, _ in page_kinds(_doc(["Invoice"] + lines[1:])))


def test_a_plan_holding_most_of_its_core_fields_is_claimed_under_the_score_bar() -> None:
    """A plan whose date, certifier, products, suppliers and substances were read, its operation named in
    words no list holds, while the kinds its answers mention gave no record."""
    decl = declarations()["organic_system_plan"]
    plan = SimpleNamespace(operation_name=None, updated_on="2026-03-12", certifier="Öko-Prüfstelle Nord",
                           products=["Spelt crackers"], suppliers=["Molino Bio"], substances=["Citric acid"],
                           facilities=None)
    scores = _scores(organic_system_plan=0.18, batch_record=0.178, supplier_certificate=0.17)
    unread = frozenset({"batch_record", "supplier_certificate"})
    assert claims(scores, "organic_system_plan", [plan], decl, unread)
    form = SimpleNamespace(**{**vars(plan), "suppliers": None, "substances": None})  # three: any form
    assert not claims(scores, "organic_system_plan", [form], decl, unread)


def test_a_document_titled_as_something_else_is_claimed_only_when_clearly_a_kind() -> None:
    """A purchase order resembles a batch record, a recipe and a certificate about alike."""
    decl = declarations()["batch_record"]
    lot = [SimpleNamespace(batch_lot="PO-4500012")]
    scores = _scores(batch_record=0.285, product_profile=0.273, supplier_certificate=0.25)
    assert claims(scores, "batch_record", lot, decl)
    assert not claims(scores, "batch_record", lot, decl, titled_otherwise=True)
    assert claims(_scores(batch_record=0.6, product_profile=0.2), "batch_record", lot, decl, titled_otherwise=True)


def test_an_invoice_with_a_bill_of_lading_box_is_still_an_invoice() -> None:
    """A box labelled "Bill of lading" over its number, under the invoice's own title."""
    doc = _doc(["Invoice", "Bill of lading", "BL-2023-118", "Total: 500.00"])
    assert "invoice" not in disowned(doc, declarations())
    assert "invoice" in disowned(_doc(["Proforma invoice", "Total: 500.00"]), declarations())

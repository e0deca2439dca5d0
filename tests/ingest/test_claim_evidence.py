"""How classification weighs its evidence: a title against a sentence, a title's meaning against every kind's,
and when what was read from a document no parser knows is enough to call it a kind.

Why: the variation bench left documents unknown whose rows all held their kind's key fields (a score just
under the claim bar), and called OSP questionnaires other kinds because a question among the first lines
mentions invoices, or a sheet named "Log" came as close to three kinds of log. Each rule here is one a user
notices: a document read as the wrong kind, or one with records left unknown.
"""
from __future__ import annotations

from types import SimpleNamespace

from auditpack.declarations import declarations
from ingest.models import Line, LoadedDocument, Page
from ingest.resolve.api import claims
from ingest.resolve.classify import KindScore, _leading, _title_zone


def _doc(lines: list[str], sheet: str | None = None) -> LoadedDocument:
    page = Page(number=1, text="\n".join(lines), lines=[Line(text=t) for t in lines], name=sheet)
    return LoadedDocument(sha256="0" * 64, filename="x.xlsx", media_type="text/csv", pages=[page])


def test_a_question_among_the_first_lines_is_no_title() -> None:
    zone = _title_zone(_doc(["Handling questionnaire",
                             "Q4. Which records do you keep to trace each product, such as invoices and delivery "
                             "notes, and for how long?"]))
    assert "handling questionnaire" in zone
    assert "invoices" not in zone


def test_a_short_cell_of_a_row_is_a_title_and_the_sheet_name_counts() -> None:
    zone = _title_zone(_doc(["Supplier list | Invoice | 2026"], sheet="Summary"))
    assert "invoice" in zone.split("\n") and "summary" in zone


def test_a_title_close_to_several_kinds_names_none_of_them() -> None:
    led = _leading({"batch_record": 0.61, "cleaning_event": 0.52, "pest_control_entry": 0.55, "invoice": 0.0})
    assert led["batch_record"] < 0.15 and led["cleaning_event"] == 0.0
    clear = _leading({"supplier_certificate": 0.8, "invoice": 0.2, "batch_record": 0.1})
    assert clear["supplier_certificate"] == 0.8 and clear["invoice"] == 0.0


def _rows(n: int, **values: object) -> list[SimpleNamespace]:
    return [SimpleNamespace(**values) for _ in range(n)]


def _scores(**scores: float) -> list[KindScore]:
    return [KindScore(k, s, 0.0, 0.0) for k, s in scores.items()]


def test_a_log_whose_every_row_holds_its_key_fields_is_claimed_under_the_score_bar() -> None:
    decl = declarations()["cleaning_event"]
    rows = _rows(12, equipment="Mixer M-1", performed_at="2026-03-06T07:00")
    assert claims(_scores(cleaning_event=0.19, organic_system_plan=0.16), "cleaning_event", rows, decl)


def test_rows_missing_a_key_field_are_not_claimed_under_the_score_bar() -> None:
    decl = declarations()["cleaning_event"]
    rows = _rows(12, equipment="Mixer M-1", performed_at=None)  # a blank form's rows say nothing of when
    assert not claims(_scores(cleaning_event=0.19), "cleaning_event", rows, decl)


def test_a_higher_kind_that_could_be_read_keeps_a_low_kind_unclaimed() -> None:
    decl = declarations()["batch_record"]
    rows = _rows(1, batch_lot="B-2026-114")
    scores = _scores(product_profile=0.22, batch_record=0.21)
    assert not claims(scores, "batch_record", rows, decl)
    # ...unless its reading gave no record of it: a few resembling labels are no rival
    assert claims(scores, "batch_record", rows, decl, unread=frozenset({"product_profile"}))


def test_a_kind_scoring_the_claim_bar_is_claimed_on_its_score() -> None:
    decl = declarations()["invoice"]
    assert claims(_scores(invoice=0.6, batch_record=0.3), "invoice", _rows(1, supplier_name=None,
                                                                          invoice_number=None), decl)

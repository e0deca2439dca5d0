"""A certificate's dates placed by their order and its two parties by uniqueness, when labels in words no list
has cannot place them (issue 12, certificate recall). The labels here are made up in plain English, never the
variation bench's."""
from __future__ import annotations

import datetime as dt

from auditpack.declarations import declarations
from ingest.layout import Where
from ingest.resolve.chronology import SpareDate, period_ends
from ingest.resolve.parties import SpareName, settle_parties
from ingest.resolve.scalars import Resolved

WEAK, LEAST = 0.36, 0.25


def _cert():  # noqa: ANN202
    return declarations()["supplier_certificate"]


def _at(value, label: str) -> Resolved:  # noqa: ANN001
    return Resolved(value, Where(1, label, None, None, "text"), 0.5, label)


def _fit(table: dict[tuple[str, str], float]):  # noqa: ANN202
    return lambda label, path: table.get((label, path), 0.0)


def test_the_earlier_of_two_later_dates_starts_the_period_when_no_start_was_read() -> None:
    out = {"expiration_date": _at(dt.date(2025, 2, 1), "Awarded"),
           "anniversary_date": _at(dt.date(2026, 1, 15), "Yearly review")}
    period_ends(_cert(), out, [], _fit({("Awarded", "expiration_date"): 0.3}), WEAK, LEAST)
    assert out["effective_date"].value == dt.date(2025, 2, 1)
    assert "expiration_date" not in out
    assert out["anniversary_date"].value == dt.date(2026, 1, 15)


def test_a_lone_date_placed_on_its_type_alone_starts_the_period() -> None:
    out = {"expiration_date": _at(dt.date(2025, 2, 1), "Awarded")}
    period_ends(_cert(), out, [], _fit({("Awarded", "expiration_date"): 0.3}), WEAK, LEAST)
    assert out["effective_date"].value == dt.date(2025, 2, 1) and "expiration_date" not in out


def test_a_lone_date_its_label_names_stays() -> None:
    out = {"expiration_date": _at(dt.date(2025, 2, 1), "Expiry")}
    period_ends(_cert(), out, [], _fit({("Expiry", "expiration_date"): 0.9}), WEAK, LEAST)
    assert out["expiration_date"].value == dt.date(2025, 2, 1) and "effective_date" not in out


def test_a_spare_date_whose_label_fits_the_same_field_as_well_is_the_other_end() -> None:
    out = {"expiration_date": _at(dt.date(2025, 2, 1), "Awarded")}
    spare = [SpareDate(dt.date(2027, 2, 1), Where(1, "Runs out", None, None, "text"), "Runs out")]
    fit = _fit({("Awarded", "expiration_date"): 0.3, ("Runs out", "expiration_date"): 0.3})
    period_ends(_cert(), out, spare, fit, WEAK, LEAST)
    assert out["effective_date"].value == dt.date(2025, 2, 1)
    assert out["expiration_date"].value == dt.date(2027, 2, 1) and out["expiration_date"].label == "Runs out"


def test_a_start_read_late_and_a_spare_earlier_date_are_put_in_order() -> None:
    out = {"effective_date": _at(dt.date(2027, 2, 1), "Term closes")}
    spare = [SpareDate(dt.date(2025, 2, 1), Where(1, "In force since", None, None, "text"), "In force since")]
    fit = _fit({("Term closes", "effective_date"): 0.32, ("In force since", "effective_date"): 0.29,
                ("Term closes", "expiration_date"): 0.2})
    period_ends(_cert(), out, spare, fit, WEAK, LEAST)
    assert out["effective_date"].value == dt.date(2025, 2, 1)
    assert out["expiration_date"].value == dt.date(2027, 2, 1)


def test_a_spare_date_of_another_label_is_no_end_of_the_period() -> None:
    out = {"effective_date": _at(dt.date(2025, 2, 1), "Effective")}
    spare = [SpareDate(dt.date(2025, 6, 1), Where(1, "Visited", None, None, "text"), "Visited")]
    fit = _fit({("Effective", "effective_date"): 1.0, ("Visited", "effective_date"): 0.3})
    period_ends(_cert(), out, spare, fit, WEAK, LEAST)
    assert out == {"effective_date": _at(dt.date(2025, 2, 1), "Effective")}


def _make(s: SpareName, path: str) -> Resolved:
    return Resolved(s.value, s.where, 0.4, s.label)


PARTIES = ["operation_name", "certifier"]


def test_a_label_fitting_both_parties_leaves_the_one_that_fits_only_the_issuer_to_it() -> None:
    out = {"certifier": _at("Brookhaven Mills Inc.", "Party approved")}
    spare = [SpareName("Lakeshore Organic Services", Where(1, "Granting body", None, None, "text"), "Granting body")]
    fit = _fit({("Party approved", "certifier"): 0.7, ("Party approved", "operation_name"): 0.36,
                ("Granting body", "certifier"): 0.3})
    settle_parties(PARTIES, PARTIES, out, spare, fit, LEAST, _make)
    assert out["operation_name"].value == "Brookhaven Mills Inc."
    assert out["certifier"].value == "Lakeshore Organic Services"


def test_a_required_party_takes_the_one_spare_name_whose_label_fits_it() -> None:
    out = {"certifier": _at("Lakeshore Organic Services", "")}
    spare = [SpareName("Brookhaven Mills Inc.", Where(1, "Approved party", None, None, "text"), "Approved party")]
    settle_parties(PARTIES, PARTIES, out, spare, _fit({("Approved party", "operation_name"): 0.3}), LEAST, _make)
    assert out["operation_name"].value == "Brookhaven Mills Inc."


def test_two_spare_names_fitting_the_empty_party_fill_nothing() -> None:
    out = {"certifier": _at("Lakeshore Organic Services", "")}
    spare = [SpareName(v, Where(1, lab, None, None, "text"), lab)
             for v, lab in (("Brookhaven Mills Inc.", "Approved party"), ("North Depot", "Approved site"))]
    fit = _fit({("Approved party", "operation_name"): 0.3, ("Approved site", "operation_name"): 0.3})
    settle_parties(PARTIES, PARTIES, out, spare, fit, LEAST, _make)
    assert "operation_name" not in out


def test_two_labels_leaning_to_the_issuer_leave_the_operation_to_the_one_leaning_less() -> None:
    out = {"operation_name": _at("Lakeshore Organic Services", "Granting body"),
           "certifier": _at("Brookhaven Mills Inc.", "Party approved")}
    fit = _fit({("Party approved", "certifier"): 0.7, ("Party approved", "operation_name"): 0.6,
                ("Granting body", "certifier"): 0.6, ("Granting body", "operation_name"): 0.4})
    settle_parties(PARTIES, PARTIES, out, [], fit, LEAST, _make)
    assert out["operation_name"].value == "Brookhaven Mills Inc."
    assert out["certifier"].value == "Lakeshore Organic Services"


def test_a_date_placed_nowhere_before_both_later_dates_starts_the_period() -> None:
    out = {"anniversary_date": _at(dt.date(2026, 1, 15), "Yearly review"),
           "expiration_date": _at(dt.date(2026, 4, 1), "Good through")}
    spare = [SpareDate(dt.date(2025, 2, 1), Where(1, "Awarded", None, None, "text"), "Awarded")]
    period_ends(_cert(), out, spare, _fit({}), WEAK, LEAST)
    assert out["effective_date"].value == dt.date(2025, 2, 1)
    assert out["anniversary_date"].value == dt.date(2026, 1, 15)
    assert out["expiration_date"].value == dt.date(2026, 4, 1)


def test_an_unticked_first_option_is_no_value() -> None:
    from ingest.resolve.scalars import _unticked
    assert _unticked("☐ Crops") and _unticked("[ ] Crops   [ ] Handling")
    assert not _unticked("[ ] Crops   [x] Handling") and not _unticked("Crops")


def test_a_caption_over_several_products_beats_a_label_over_one_name(tmp_path) -> None:  # noqa: ANN001
    from tests.ingest.made_docs import csv_file, read_as
    rows = [["Organic certificate"], ["Operation Name: Brookhaven Mills Inc."], ["Effective Date: 2025-03-01"],
            ["Expiration Date: 2026-03-01"], ["Status: Certified"], ["Certificate Number: BM-2025-114"],
            ["Product source: Hillside Growers"], ["Products approved: Rolled Oats; Wildflower Honey; Sea Salt"]]
    [record] = read_as(csv_file(tmp_path / "cert.csv", rows), "supplier_certificate", embedder="hash").records
    assert record.products == ["Rolled Oats", "Wildflower Honey", "Sea Salt"]
